"""When each file under docs/ last changed, read from git history in ONE `git log` call.

One call for the whole folder, not one per page: a site with thousands of pages would spend
minutes in `git log -1 -- file`. Outside a git checkout (a copied folder, a release tarball)
the history is ``None`` and callers fall back to what they can do without it.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

_COMMIT = "\x1f"  # marks the line of a commit's date, before the files it touched


def last_changes(docs_dir: Path) -> dict[str, datetime] | None:
    """Map 'guides/x.md' (relative to ``docs_dir``) to the time of the last commit that changed it.

    ``None`` when ``docs_dir`` is not in a git checkout or git is missing. Files never committed
    are absent from the map.
    """
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", f"--format={_COMMIT}%cI", "--name-only",
             "--no-renames", "--relative", "--", "."],
            cwd=docs_dir, capture_output=True, text=True, encoding="utf-8", check=False,
        )
    except OSError:
        return None
    if result.returncode != 0:
        return None
    changes: dict[str, datetime] = {}
    when: datetime | None = None
    for line in result.stdout.splitlines():
        if line.startswith(_COMMIT):
            when = datetime.fromisoformat(line[1:])
        elif line and when is not None:
            changes.setdefault(line, when)  # newest commit first: keep the first time seen
    return changes


def last_changed_day(changes: dict[str, datetime] | None, docs_dir: Path, src_uri: str) -> date | None:
    """The day ``src_uri`` last changed: its last commit, else (uncommitted, no git) its file time."""
    if changes is not None and src_uri in changes:
        return changes[src_uri].date()
    try:
        return date.fromtimestamp((docs_dir / src_uri).stat().st_mtime)
    except OSError:
        return None


def text_at(docs_dir: Path, name: str, when: datetime) -> str | None:
    """The text of ``name`` (relative to ``docs_dir``) as it was at ``when`` (``None``: unknown)."""
    try:
        rev = subprocess.run(["git", "rev-list", "-1", f"--before={when.isoformat()}", "HEAD", "--", name],
                             cwd=docs_dir, capture_output=True, text=True, check=False).stdout.strip()
        if not rev:
            return None
        shown = subprocess.run(["git", "show", f"{rev}:./{name}"], cwd=docs_dir, capture_output=True,
                               text=True, encoding="utf-8", check=False)
    except OSError:
        return None
    return shown.stdout if shown.returncode == 0 else None
