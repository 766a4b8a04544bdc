"""Every content check in one pass, without building the site (``scripts/handbook check``).

This module only gathers: each rule lives in its own module and is called from here, the same
functions the MkDocs hooks call during the build, so a page that passes here passes there.

| check | rules in |
|---|---|
| front matter is valid YAML (every page) | handbook/frontmatter.py |
| guides: front matter, steps, heading ids, translation pairs | handbook/guides.py |
| ```screen blocks | handbook/screens.py |
| ward files: code, channels, phones, addresses | handbook/wards.py (+ phones.py, domains.py) |
| raw HTML is safe | handbook/html_safety.py |
| internal links and #anchors | handbook/internal_links.py |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from handbook.area import load_area, ward_scope
from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import split_front_matter
from handbook.guide_page import closing_markdown, opening_markdown
from handbook.guides import Guide, load_guides
from handbook.html_safety import check_docs as check_html
from handbook.internal_links import check_links, page_anchors
from handbook.registry import Registry, load_registry
from handbook.screens import check_markdown
from handbook.ward_site import WardSite
from handbook.wards import WardFile, load_ward_dir


@dataclass
class CheckResult:
    """What ``check_content`` found."""

    errors: list[ContentError] = field(default_factory=list)
    pages: int = 0


def ward_registry(root: Path) -> Registry:
    """The ward registry for the project's ``ward_scope`` (docs/area.yml), as the build loads it."""
    return load_registry(ward_scope(load_area(root / "docs")))


def _is_ward_file(name: str) -> bool:
    return name.startswith("wards/") and name.count("/") == 1 and not name.startswith("wards/index.")


def _pages(docs_dir: Path) -> list[tuple[str, str]]:
    """(name relative to docs/, text) of every Markdown page."""
    return [(path.relative_to(docs_dir).as_posix(), path.read_text(encoding="utf-8"))
            for path in sorted(docs_dir.rglob("*.md"))]


def _page_checks(pages: list[tuple[str, str]]) -> list[ContentError]:
    """Front matter and ```screen blocks of every page (ward files: see handbook/wards.py)."""
    errors: list[ContentError] = []
    for name, text in pages:
        file = f"docs/{name}"
        if _is_ward_file(name):
            continue  # ward files have their own reader, with line numbers (handbook/wards.py)
        try:
            _, body, first_line = split_front_matter(text, file)
        except ContentError as error:
            errors.append(error)
            continue
        errors += check_markdown(body, file, first_line)
    return errors


def _guide_anchors(guides: list[Guide]) -> dict[str, set[str]]:
    """Ids of the sections the build adds to each guide ("what you need", "sources" ...)."""
    return {
        guide.path:
            page_anchors(opening_markdown(guide) + closing_markdown(guide))
        for guide in guides
    }


def check_content(root: Path, today: date | None = None) -> CheckResult:
    """Run every content check over ``root``/docs; the build would stop on each error returned."""
    docs_dir = root / "docs"
    result = CheckResult()
    pages = _pages(docs_dir)
    result.pages = len(pages)
    result.errors += _page_checks(pages)
    result.errors += check_html(docs_dir)

    guides, guide_errors = load_guides(docs_dir)
    result.errors += guide_errors

    generated: set[str] = set()
    try:
        registry = ward_registry(root)
        wards: dict[str, WardFile] = {}
        try:
            wards = load_ward_dir(docs_dir / "wards", registry, today)
        except ContentErrors as problems:
            result.errors += problems.errors
        generated = {page.src_uri for page in WardSite(registry, wards).pages if page.file is None}
    except ContentError as error:  # a wrong ward_scope in docs/area.yml
        result.errors.append(error)

    result.errors += check_links(docs_dir, _guide_anchors(guides), generated)
    # Front-matter errors of a guide come from both the page pass and the guide rules: show each once.
    unique = {error.message(): error for error in result.errors}
    result.errors = list(unique.values())
    return result
