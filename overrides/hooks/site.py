"""Site-wide MkDocs hook: thin glue only; the rules live in the handbook package."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.frontmatter import language_of
from handbook.text import catalogue

DEFAULT_LANGUAGE = "vi"
# mkdocs.yml sets one toc permalink title (Vietnamese); English pages get their own.
PERMALINK_TITLES = {"en": ('title="Liên kết tới mục này"', 'title="Link to this section"')}


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Templates read interface text as ``hb_text["key"]`` from the catalogue of the build's language."""
    context["hb_text"] = catalogue(str(config.theme["language"]))
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give heading permalinks a title in the page's language."""
    titles = PERMALINK_TITLES.get(language_of(page.file.src_uri))
    return html.replace(*titles) if titles else html


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Write the English 404 page to en/404.html instead of over the Vietnamese one.

    mkdocs-static-i18n builds every language into the same site_dir, so without this the
    English 404 replaces the Vietnamese /404.html and /en/404.html never exists.
    """
    language = config.theme["language"]
    if template_name != "404.html" or language == DEFAULT_LANGUAGE:
        return output
    path = os.path.join(config.site_dir, language, "404.html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as page_file:
        page_file.write(output)
    return ""  # MkDocs skips writing a template whose output is empty
