"""What is due for review: guides past their ``next_review`` date, ward channels not checked for 6 months,
and the weekly upkeep report (those, broken external links, a newer ward registry on PyPI) in Markdown.

The dates are read through the guide and ward rules (handbook/guides/guide_files.py,
handbook/wards/ward_files.py); this module only compares them with today.
"""

from __future__ import annotations

import calendar
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from handbook.guides.guide_files import load_guides
from handbook.lang import project_languages
from handbook.wards.registry import Registry
from handbook.wards.ward_files import load_ward_dir

REVIEW_MONTHS = 6  # a guide is reviewed, and a ward channel re-checked, every six months


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter: 31/8 + 6 months = 28/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    """One thing to review."""

    file: str  # "docs/guides/dong-tien-dien.md"
    where: str  # the field or line to change
    what: str  # the guide's title, or "hotline 1900 1006"
    due: date  # when it fell due


def overdue_guides(docs_dir: Path, today: date) -> list[Due]:
    """Guide files (both languages) whose ``next_review`` is before ``today``.

    Guides whose dates cannot be read are left to ``scripts/handbook check``.
    """
    guides, _ = load_guides(docs_dir)
    overdue = []
    for guide in guides:
        if date.min < guide.next_review < today:
            overdue.append(Due(f"docs/{guide.path}", "next_review", guide.title, guide.next_review))
    return sorted(overdue, key=lambda due: (due.due, due.file))


def stale_channels(docs_dir: Path, registry: Registry, today: date) -> list[Due]:
    """Ward channels whose ``checked`` date is more than :data:`REVIEW_MONTHS` months before ``today``.

    Raises :class:`handbook.errors.ContentErrors` when a ward file is invalid (run ``check`` first).
    """
    wards = load_ward_dir(
        docs_dir / "wards", registry, today, languages=project_languages(docs_dir.parent).translations
    )
    stale = []
    for ward in wards.values():
        for channel in ward.channels:
            due = add_months(channel.checked, REVIEW_MONTHS)
            if due < today:
                label = f"{channel.kind} {channel.value or channel.name or ''}".strip()
                stale.append(Due(ward.path, f"dòng / line {channel.line}, checked", label, due))
    return sorted(stale, key=lambda due: (due.due, due.file))


# --- the upkeep report (scripts/handbook review --markdown;
# the weekly workflow .github/workflows/upkeep.yml) ---

# the ward registry (handbook/wards/registry.py), pinned in requirements.lock
REGISTRY_PACKAGE = "vietnamadminunits"
REPORT_MARKER = "<!-- upkeep-report due={due} -->"  # the workflow finds and updates its issue by this line


@dataclass(frozen=True)
class RegistryUpdate:
    """The pinned version of the ward registry and the newest one on PyPI (None: not known)."""

    package: str
    pinned: str | None
    latest: str | None

    @property
    def newer(self) -> bool:
        return (
            self.pinned is not None
            and self.latest is not None
            and _version(self.latest) > _version(self.pinned)
        )


@dataclass(frozen=True)
class BrokenLink:
    """An external link that did not answer well, and where it is written."""

    url: str
    verdict: str  # "broken", "timeout", "error", "moved"
    detail: str
    places: tuple[tuple[str, int], ...]  # (file, line)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:4])


def pinned_version(lock_text: str, package: str = REGISTRY_PACKAGE) -> str | None:
    """The version ``requirements.lock`` pins for ``package`` (``name==1.0.4``)."""
    match = re.search(rf"(?im)^{re.escape(package)}==([\w.]+)", lock_text)
    return match.group(1) if match else None


def latest_from_pip_index(output: str, package: str = REGISTRY_PACKAGE) -> str | None:
    """The newest version in the output of ``pip index versions PACKAGE`` ("name (1.0.5)")."""
    match = re.search(rf"(?im)^{re.escape(package)} \(([\w.]+)\)", output)
    return match.group(1) if match else None


def registry_update(root: Path, package: str = REGISTRY_PACKAGE, timeout: float = 60.0) -> RegistryUpdate:
    """Ask PyPI (``pip index versions``) for the newest ``package``; ``latest`` is None without a network."""
    pinned = pinned_version((root / "requirements.lock").read_text(encoding="utf-8"), package)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", package, "--disable-pip-version-check"],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
        latest = latest_from_pip_index(result.stdout, package)
    except (OSError, subprocess.TimeoutExpired):
        latest = None
    return RegistryUpdate(package, pinned, latest)


def _line_of(root: Path, file: str, key: str) -> int | None:
    """The line of ``key:`` in ``file`` (1-based), to link straight to it."""
    try:
        lines = (root / file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, 1) if line.startswith(f"{key}:")), None)


def _link(files_url: str, file: str, line: int | None) -> str:
    target = f"{files_url}{file}" + (f"#L{line}" if line and files_url.startswith("http") else "")
    return f"[{file}{f':{line}' if line else ''}]({target})"


def _due_line(due: Due, files_url: str, root: Path) -> str:
    if due.where == "next_review":
        line = _line_of(root, due.file, "next_review")
    else:
        found = re.search(r"line (\d+)", due.where)
        line = int(found.group(1)) if found else None
    return (
        f"- [ ] {_link(files_url, due.file, line)}: {due.what} (due since / quá hạn từ {due.due.isoformat()})"
    )


def review_markdown(
    root: Path,
    today: date,
    guides: list[Due],
    channels: list[Due],
    files_url: str = "",
    links: list[BrokenLink] | None = None,
    registry: RegistryUpdate | None = None,
) -> str:
    """What is due, in Markdown, with a link to each file (``files_url`` + path; GitHub adds ``#Lnn``).

    The first line is :data:`REPORT_MARKER` with the number of things due. ``links`` / ``registry``
    None: those checks were not asked for (their sections are left out).
    """
    due = len(guides) + len(channels) + len(links or []) + int(bool(registry and registry.newer))
    lines = [REPORT_MARKER.format(due=due),
             f"# Việc cần làm định kỳ / Upkeep report ({today.isoformat()})", "",
             f"**{due}** việc / item(s) due.", ""]
    lines += [f"## Hướng dẫn quá hạn xem lại / Guides past their review date ({len(guides)})", ""]
    lines += [_due_line(item, files_url, root) for item in guides] or ["Không có / None."]
    lines += [
        "",
        (
            "Sau khi kiểm tra lại các bước: sửa `last_reviewed` (hôm nay) và `next_review` (6 tháng sau). / "
            "After checking the steps again: set `last_reviewed` (today) and `next_review` (six months "
            "later)."
        ),
        "",
    ]
    lines += [(f"## Kênh phường chưa kiểm tra lại sau {REVIEW_MONTHS} tháng / "
              f"Ward channels not checked for {REVIEW_MONTHS} months ({len(channels)})"), ""]
    lines += [_due_line(item, files_url, root) for item in channels] or ["Không có / None."]
    lines += ["", ("Kiểm tra lại với nguồn rồi chạy / Check with the source, then run: "
              "`scripts/handbook ward-channel <ward> <kind> <value> --source … --status …`"), ""]
    if links is not None:
        lines += [
            f"## Liên kết ngoài hỏng hoặc đã chuyển / External links broken or moved ({len(links)})",
            "",
        ]
        for link in links:
            where = ", ".join(_link(files_url, file, line or None) for file, line in link.places[:5])
            detail = f" → {link.detail}" if link.detail else ""
            where = where or "handbook/wards/ward_files.py"
            lines.append(f"- [ ] {link.verdict}: <{link.url}>{detail} — {where}")
        if not links:
            lines.append("Không có / None.")
        lines.append("")
    if registry is not None:
        lines += [f"## Danh mục đơn vị hành chính / Ward registry (`{registry.package}`)", ""]
        if registry.latest is None:
            lines.append(f"Không hỏi được PyPI / PyPI could not be asked (pinned: {registry.pinned}).")
        elif registry.newer:
            lines.append(
                f"- [ ] {registry.package} {registry.latest} có trên PyPI / is on PyPI; "
                f"{_link(files_url, 'requirements.lock', None)} pins {registry.pinned}. "
                "Update requirements.in and the lock (README), run scripts/test, check the ward pages."
            )
        else:
            lines.append(f"{registry.package} {registry.pinned}: mới nhất / the newest.")
        lines.append("")
    return "\n".join(lines)


def link_problems(docs_dir: Path, timeout: float = 10.0, workers: int = 4) -> list[BrokenLink] | None:
    """The external links of docs/ (the area's portals, on every ward page, included) that are broken, time
    out or moved, as ``scripts/check-links`` finds them; None without a network."""
    from handbook.safety.external_links import check_links, collect_links, network_available

    places = collect_links(docs_dir)  # the area's portals too: they are written in docs/area.yml
    if not network_available(timeout=min(timeout, 3.0)):
        return None
    results = check_links(places, timeout=timeout, workers=workers)
    return [BrokenLink(result.url, result.verdict, result.detail,
                       tuple((place.file, place.line) for place in places.get(result.url, [])))
            for result in results if result.verdict != "ok"]
