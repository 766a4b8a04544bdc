"""Run ``scripts/handbook check`` and the real MkDocs build on the same file set, and compare (issue 13).

``minimal_project`` copies only what a build of some files needs: mkdocs.yml, the theme overrides (linked,
not copied), the area and synonyms files, the pages of the navigation, the files under test with their
translations, and the pages they link to. Supporting pages (not the files under test) lose their links to
pages outside the copy, so the copy builds strictly on its own; the files under test are copied byte for byte.

``check_and_build`` runs the check in-process and the build in-process (``mkdocs.commands.build.build``,
strict), and returns what an editor would see from each.
"""

from __future__ import annotations

import contextlib
import io
import logging
import posixpath
import re
import shutil
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from conftest import ROOT

NAV_PAGES = ("index.md", "guides/index.md", "wards/index.md", "about/index.md")
DATA_FILES = ("area.yml", "search-synonyms.yml", "skills.yml")
_MD_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")


def _pair(name: str) -> list[str]:
    base = name.removesuffix(".en.md").removesuffix(".md")
    return [f"{base}.md", f"{base}.en.md"]


def _links(text: str, name: str) -> list[str]:
    """Relative .md pages linked from ``text`` (a page at ``name``), as docs/-relative names."""
    found = []
    for _, target in _MD_LINK.findall(text):
        path = target.split("#")[0].split("?")[0]
        if not path.endswith(".md") or "://" in target or target.startswith(("/", "mailto:", "tel:")):
            continue
        found.append(posixpath.normpath(posixpath.join(posixpath.dirname(name), path)))
    return found


def _delinked(text: str, name: str, present: set[str]) -> str:
    """``text`` with links to pages outside the copy turned into their plain words."""
    def replace(match: re.Match[str]) -> str:
        words, target = match.group(1), match.group(2)
        path = target.split("#")[0]
        if not path.endswith(".md") or "://" in target:
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
        return match.group(0) if resolved in present else words
    return _MD_LINK.sub(replace, text)


def minimal_project(destination: Path, files: dict[str, bytes], source: Path = ROOT) -> Path:
    """A project holding ``files`` (docs/-relative name -> bytes, as is) and only what they need."""
    docs = source / "docs"
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", destination / "mkdocs.yml")
    (destination / "overrides").symlink_to(source / "overrides", target_is_directory=True)
    wanted: set[str] = set()
    for name, data in files.items():
        wanted.update(_pair(name))
        for linked in _links(data.decode("utf-8", errors="replace"), name):
            wanted.update(_pair(linked))
    for page in NAV_PAGES:
        wanted.update(_pair(page))
    wanted = {name for name in wanted if (docs / name).is_file() or name in files}
    present = wanted | set(files)
    for name in sorted(present):
        target = destination / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name in files:
            target.write_bytes(files[name])
        else:
            target.write_text(
                _delinked((docs / name).read_text(encoding="utf-8"), name, present), encoding="utf-8"
            )
    for name in DATA_FILES:
        if name not in files and (docs / name).is_file():
            shutil.copy(docs / name, destination / "docs" / name)
    return destination


@dataclass
class Outcome:
    """What an editor sees from ``check`` and from the build of one file set."""

    check_ok: bool
    check_text: str
    build_ok: bool
    build_text: str
    check_traceback: str = ""
    build_traceback: str = ""

    @property
    def agree(self) -> bool:
        return self.check_ok == self.build_ok


def run_check(project: Path, today: date | None = None) -> tuple[bool, str, str]:
    """(passed, what check prints, a traceback if it crashed)."""
    from handbook.errors import ContentErrors
    from handbook.maintain.checks import check_content

    try:
        result = check_content(project, today)
    except Exception:  # noqa: BLE001 - any crash is what the tests look for
        return False, "", traceback.format_exc()
    text = "\n".join(note.message() for note in result.notes)
    if result.errors:
        text += "\n" + str(ContentErrors(result.errors))
    return not result.errors, text, ""


_BYTECODE: dict[str, object] = {}


@contextlib.contextmanager
def _cached_templates() -> Iterator[None]:
    """Keep compiled theme templates between in-process builds (Jinja's own bytecode cache), during one
    build: MkDocs' ``Theme.get_env`` is wrapped for the build and restored after it, so nothing else in the
    process (another test's build) runs with a changed MkDocs.

    The templates are the same files each time; only compiling them again is skipped (about a third of
    a small build). Nothing else about the build changes.
    """
    import jinja2
    from mkdocs.theme import Theme

    cache = _BYTECODE.setdefault("cache", _memory_cache_class()())
    original = Theme.get_env

    def get_env(self: Theme) -> jinja2.Environment:
        env = original(self)
        env.bytecode_cache = cache
        return env

    Theme.get_env = get_env  # type: ignore[method-assign]
    try:
        yield
    finally:
        Theme.get_env = original  # type: ignore[method-assign]


def _memory_cache_class() -> type:
    import jinja2

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    return MemoryBytecodeCache


def run_build(project: Path, site_dir: Path) -> tuple[bool, str, str]:
    """The strict MkDocs build of ``project`` in this process: (passed, its log, a traceback if it \
crashed)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        with _cached_templates():
            build(config)
        return True, stream.getvalue(), ""
    except (Abort, MkDocsException) as error:
        return False, stream.getvalue() + f"\n{error}", ""
    except Exception:  # noqa: BLE001 - any other exception is a traceback an editor would see
        return False, stream.getvalue(), traceback.format_exc()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def check_and_build(project: Path, site_dir: Path, today: date | None = None) -> Outcome:
    check_ok, check_text, check_tb = run_check(project, today)
    build_ok, build_text, build_tb = run_build(project, site_dir)
    return Outcome(check_ok, check_text, build_ok, build_text, check_tb, build_tb)
