"""MkDocs hook for the area file (docs/area.yml): thin glue, the rules are in handbook/area.py and \
placeholders.py.

- on_config: read and check docs/area.yml; any problem stops the build with a bilingual message.
- on_config (after mkdocs-static-i18n): the site's name in the language being built (``site_name:``).
- on_page_markdown: resolve the local-fact blocks (``{{ if power_app }}`` …, handbook/local_facts.py), put the
  area's notes in place of ``{{ notes }}`` and fill the placeholders (``{{ province }}`` …) of every page, its
  title and summary, in the language of the page's text; a problem stops the build with the file and line.
  It runs after the hooks that add Markdown from front matter (guides' sources), so that text is filled too.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.area import area_markdown, check_area, localized, placeholder_values
from handbook.errors import ContentError, ContentErrors
from handbook.local_facts import page_key
from handbook.placeholders import fill

_area: dict[str, Any] = {}


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
