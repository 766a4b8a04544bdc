"""MkDocs hook for handouts and hand-over (issue 17). Thin glue: the rules live in handbook/handout.py.

* on_page_content: guide steps wrapped for print (text and picture on one sheet), and every link to
  another page of the handbook carries its published address for print.css.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.handout import print_addresses, wrap_steps


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return print_addresses(wrap_steps(html), page.url, config.site_url or "")
