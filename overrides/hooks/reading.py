"""MkDocs hook for reading on a phone (issue 15); thin glue, the rules are in handbook/publish/reading.py.

* templates that are not pages (404.html) also get the interface text (``hb_text``), and the
  root 404 page the other languages' text, to show the right language on a host that serves only
  the root /404.html (overrides/404.html, assets/javascripts/not-found.js);
* the root 404 page's own script is published minified (page weight on prepaid data; the bundle
  is minified by handbook/publish/bundle.py, sw.js cut by handbook/publish/offline.py);
* the skip link lands at the start of the content, labelled in the page's language;
* a long page (a guide's steps) gets its contents list for phones (``hb_toc``, partials/top.html);
* guide and ward pages get "save for offline reading", every page the saved-pages address and the
  offline cache's limit (``hb_offline``: partials/save-offline.html, saved-pages.html; rules in
  handbook/publish/offline.py).
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import site_config
from handbook.publish.offline import (
    GUIDES_SIZE_PLACEHOLDER,
    MAX_RECENT_PAGES,
    PAGES_CACHE,
    SAVED_CACHE,
    SAVED_PAGE,
    is_guide,
    is_saved_page,
    offers_saving,
)
from handbook.publish.reading import has_contents, skip_link
from handbook.text import catalogue, message

CACHES = {"pages": PAGES_CACHE, "saved": SAVED_CACHE}
_files: list[Files | None] = [None]


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    languages = site_config.languages(config)
    language = site_config.reader_language(config)
    context["hb_root_404"] = language == languages.default
    context["hb_offline_caches"] = CACHES
    context["hb_other_languages"] = [
        (other, catalogue(other)) for other in languages.codes if other != language
    ]
    return context


@event_priority(-200)  # the files of the language being built (after mkdocs-static-i18n, -100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _files[0] = files
    return files


def _guides(page: Page, config: MkDocsConfig) -> list[str]:
    """This language's guide pages, relative to ``page`` ("save every guide", issue 25)."""
    languages = site_config.languages(config)
    language = site_config.reader_language(config)
    pages = _files[0].documentation_pages() if _files[0] else []
    return sorted(
        get_relative_url(file.url, page.url) for file in pages
        if is_guide(file.src_uri) and languages.of_file(file.src_uri) == language
    )


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    toc = list(page.toc)
    if toc and toc[0].level == 1:  # the page title: its sections are the contents
        toc = list(toc[0].children)
    entries = [(item.title, item.url) for item in toc]
    context["hb_toc"] = entries if has_contents(len(entries)) else []
    language = site_config.reader_language(config)
    folder = site_config.languages(config).url_prefix(language)
    context["hb_offline_caches"] = CACHES
    context["hb_offline"] = {
        "savable": offers_saving(page.file.src_uri),
        "saved_page": is_saved_page(page.file.src_uri),
        "list_url": folder + SAVED_PAGE,
        "limit_text": message(language, "offline.list_limit", pages=MAX_RECENT_PAGES),
        "all_guides": _guides(page, config) if is_saved_page(page.file.src_uri) else [],
        "guides_size": GUIDES_SIZE_PLACEHOLDER,  # filled once every page is written (hooks/offline.py)
    }
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return skip_link(output, message(site_config.reader_language(config), "nav.skip"))


# The scripts in the bundle are minified with it (handbook/publish/bundle.py) and sw.js is cut by
# handbook/publish/offline.py; the root 404 page's own script and the ward directory's filter
# (bundle.SEPARATE) are published minified too (the directory's first load stays within 70 KB).
def on_post_build(config: MkDocsConfig) -> None:
    for name in ("not-found.js", "ward-filter.js"):
        path = Path(config.site_dir) / "assets" / "javascripts" / name
        if path.is_file():
            path.write_text(str(rjsmin.jsmin(path.read_text(encoding="utf-8"))) + "\n", encoding="utf-8")
