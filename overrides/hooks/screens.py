"""MkDocs hook for ```screen blocks (thin glue; the rules live in handbook/guides/screens.py).

Before each page is converted: validate its screen blocks with line numbers of the source
file, stop the build with every mistake at once, and tell handbook.guides.screens which page (file
and language) the superfences formatter is drawing for.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from handbook import site_config
from handbook.errors import ContentErrors
from handbook.guides.screens import check_markdown, set_page


def _first_line(source: str) -> int:
    """Line number in the source file where the page body (after front matter) starts.

    Computed from the file the way MkDocs splits it, not from the markdown this hook gets:
    plugins that run earlier (mkdocs-static-i18n) rewrite it, e.g. drop the final newline.
    """
    body, _ = get_data(source)
    return source[: len(source) - len(body)].count("\n") + 1


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # mkdocs-static-i18n keeps the real source on fallback pages: a page without its own translation
    # shows the default language's file, so it is drawn (and captioned) in that language.
    src_uri = page.file.src_uri
    language = site_config.file_language(page, config)
    file = f"docs/{src_uri}"
    try:
        first_line = _first_line(page.file.content_string)
    except (OSError, TypeError, ValueError):  # a generated page without readable source
        first_line = 1
    errors = check_markdown(markdown, file, first_line)
    if errors:
        raise PluginError(str(ContentErrors(errors)))
    set_page(file, language, site_config.languages(config).default)
    return markdown
