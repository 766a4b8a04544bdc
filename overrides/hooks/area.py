"""MkDocs hook for the area file (docs/area.yml): thin glue, the rules are in handbook/area.py and \
placeholders.py.

- on_config: read and check docs/area.yml; any problem stops the build with a bilingual message.
- on_config (after mkdocs-static-i18n): the site's name in the language being built (``site_name:``).
- on_page_markdown: resolve the local-fact blocks (``{{ if power_app }}`` …, handbook/local_facts.py), put the
  area's notes in place of ``{{ notes }}`` and fill the placeholders (``{{ province }}`` …) of every page, its
  title and summary, in the language of the page's text; a problem stops the build with the file and line.
- on_page_context: the next steps of the search's "no guide for this" panel (``hb_next_steps``,
  handbook/next_steps.py) in the page's language; on_post_page takes the panel out of each page into
  its language's search/no-guide.json (fetched by search-panel.js when search opens).
  It runs after the hooks that add Markdown from front matter (guides' sources), so that text is filled too.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.area import area_markdown, check_area, localized, placeholder_values
from handbook.errors import ContentError, ContentErrors
from handbook.local_facts import page_key
from handbook.next_steps import NextSteps, next_steps
from handbook.placeholders import fill

_area: dict[str, Any] = {}
_next_steps: dict[str, NextSteps | None] = {}
_started = [0.0]  # when this build started: the panel's file is written once per build and language


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set up the language being built
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        area = site_config.area(config)
    except ContentError as error:
        raise PluginError(str(error)) from error
    errors = check_area(area)
    if errors:
        raise PluginError(str(ContentErrors(errors)))
    _area.clear()
    _area.update(area)
    names, lang = area.get("site_name"), site_config.reader_language(config)
    # The site's name in the language being built (one place: docs/area.yml). A language the file does not
    # name keeps the name its i18n line gives (or the default language's).
    if isinstance(names, str) or (isinstance(names, dict) and lang in names):
        config.site_name = localized(names, lang, str(area.get("language")))
    _next_steps.clear()
    _started[0] = time.time() - 1
    return config


@event_priority(-50)  # after the hooks that add Markdown (guides, wards: 0), before mkdocs-static-i18n (-100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = site_config.file_language(page, config)
    values = placeholder_values(_area, lang)
    file, key = f"docs/{page.file.src_uri}", page_key(page.file.src_uri)
    try:  # the editor's file, for line numbers (the Markdown here also has text added from front matter)
        _, errors = area_markdown(_area, page.file.content_string, lang, key, file)
    except (OSError, TypeError, ValueError):  # a page generated from data has no editor's file
        errors = []
    markdown, _ = area_markdown(_area, markdown, lang, key, file, for_reading=True)
    if errors:
        raise PluginError(str(ContentErrors(errors)))
    for field in ("title", "summary"):
        if isinstance(page.meta.get(field), str):
            page.meta[field] = fill(page.meta[field], values)
    return markdown


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    language = site_config.reader_language(config)
    if language not in _next_steps:  # once per language and build
        _next_steps[language] = next_steps(_area, language) if _area else None
    context["hb_next_steps"] = _next_steps[language]
    context["hb_no_guide"] = site_config.languages(config).url_prefix(language) + NO_GUIDE_FILE
    return context


NO_GUIDE_FILE = "search/no-guide.json"
_NO_GUIDE = re.compile(r'<div class="hb-no-guide".*?</div>\s*', re.DOTALL)


@event_priority(-60)  # after the other hooks' last touches (external links show their domain: safety.py)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The no-guide panel leaves the page for its language's own file (fetched when search opens)."""
    match = _NO_GUIDE.search(output)
    if match is None:
        return output
    folder = site_config.languages(config).url_prefix(site_config.reader_language(config))
    target = Path(config.site_dir) / folder / NO_GUIDE_FILE
    if not target.exists() or target.stat().st_mtime < _started[0]:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"html": match.group(0).strip()}, ensure_ascii=False), encoding="utf-8")
    return output[: match.start()] + output[match.end():]
