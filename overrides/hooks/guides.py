"""MkDocs hook for guides: validate them all, add the standard sections, list them on the index.

Thin glue: the rules are in handbook/guides/guide_files.py and the added Markdown in
handbook/guides/guide_page.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.errors import ContentErrors
from handbook.guides.guide_files import Guide, load_guides
from handbook.guides.guide_page import (
    closing_markdown,
    guide_list_markdown,
    insert_before_first_heading,
    opening_markdown,
)

GUIDE_LIST_MARKER = "<!-- guide-list -->"
_guides: dict[tuple[str, str], Guide] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    guides, errors = load_guides(Path(config.docs_dir), site_config.languages(config))
    if errors:
        raise PluginError(str(ContentErrors(errors)))
    _guides.clear()
    _guides.update({(guide.slug, guide.lang): guide for guide in guides})


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if not src.startswith("guides/"):
        return markdown
    lang = site_config.file_language(page, config)
    if GUIDE_LIST_MARKER in markdown:
        return markdown.replace(GUIDE_LIST_MARKER, guide_list_markdown(list(_guides.values()), lang))
    guide = _guides.get((Path(src).name.split(".")[0], lang))
    if guide is None:
        return markdown
    return insert_before_first_heading(markdown, opening_markdown(guide)) + "\n" + closing_markdown(guide)
