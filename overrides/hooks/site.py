"""Site-wide MkDocs hook: thin glue only; the rules live in the handbook package.

Templates get, on every page and on the 404 page:
- ``hb_text``: the interface text of the reader's language (handbook/messages/<lang>.yml); a line not
  translated yet comes marked with the language it is in, and the page gets it as ``<span lang>``
  (handbook/fallback_marks.py);
- ``hb_lang``: the reader's language (``code``), the default one, and each language's address prefix
  (``prefixes``: '' for the default language, '<lang>/' for the others), all from the i18n plugin's
  configuration.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import fallback_marks, site_config
from handbook.text import MissingText, catalogue, message

_MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Every configured language needs its catalogue: stop at once, naming the file, rather than mid-build."""
    try:
        for code in site_config.languages(config).codes:
            catalogue(code)
    except MissingText as error:
        raise PluginError(str(error)) from error
    return config


def _language_context(config: MkDocsConfig) -> dict[str, Any]:
    languages = site_config.languages(config)
    reader = site_config.reader_language(config)
    return {
        "hb_text": fallback_marks.marked_catalogue(reader),
        "hb_material_language": reader if (_MATERIAL_LANGUAGES / f"{reader}.html").is_file() else "en",
        "hb_lang": {
            "code": reader,
            "default": languages.default,
            "prefix": languages.url_prefix(reader),
            "prefixes": {code: languages.url_prefix(code) for code in languages.codes},
        },
    }


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    context.update(_language_context(config))
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The same for pages drawn from a template alone (404.html)."""
    context.update(_language_context(config))
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give heading permalinks a title in the language the page's text is written in."""
    configured = config.mdx_configs.get("toc", {}).get("permalink_title")
    if not configured:
        return html
    wanted = message(site_config.file_language(page, config), "toc.permalink")
    return html.replace(f'title="{configured}"', f'title="{wanted}"') if wanted != configured else html


@event_priority(100)  # first: the other hooks read the page with its marks already turned into lang
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return fallback_marks.apply(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Write each other language's 404 page to <lang>/404.html instead of over the default one.

    mkdocs-static-i18n builds every language into the same site_dir, so without this the last
    language's 404 replaces /404.html and /<lang>/404.html never exists.
    """
    output = fallback_marks.apply(output)
    prefix = site_config.languages(config).url_prefix(site_config.reader_language(config))
    if template_name != "404.html" or not prefix:
        return output
    path = os.path.join(config.site_dir, prefix, "404.html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as page_file:
        page_file.write(output)
    return ""  # MkDocs skips writing a template whose output is empty
