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
    skills_list_markdown,
)
from handbook.guides.skills import SkillGroup, load_skills

GUIDE_LIST_MARKER = "<!-- guide-list -->"
_guides: dict[tuple[str, str], Guide] = {}
_skill_groups: dict[str, SkillGroup] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    guides, errors = load_guides(Path(config.docs_dir), site_config.languages(config))
    if errors:
        raise PluginError(str(ContentErrors(errors)))
    _guides.clear()
    _guides.update({(guide.slug, guide.lang): guide for guide in guides})
    _skill_groups.clear()
    _skill_groups.update(load_skills(Path(config.docs_dir))[0])  # its errors came with load_guides'


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if not src.startswith("guides/"):
        return markdown
    lang = site_config.file_language(page, config)
    if GUIDE_LIST_MARKER in markdown:
        guides = list(_guides.values())
        listing = guide_list_markdown(guides, lang) + "\n" + skills_list_markdown(guides, lang, _skill_groups)
        return markdown.replace(GUIDE_LIST_MARKER, listing)
    guide = _guides.get((Path(src).name.split(".")[0], lang))
    if guide is None:
        return markdown
    return insert_before_first_heading(markdown, opening_markdown(guide)) + "\n" + closing_markdown(guide)
