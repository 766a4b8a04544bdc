"""MkDocs hook for reading offline and on paper (thin glue; rules live in handbook/publish/offline.py
and handbook/publish/print_qr.py).

Online site (mkdocs.yml):
  * writes the service worker to the site ROOT (``/sw.js``, scope: every page in both languages)
    with the build id, cache names, limit and each language's offline page filled in, after every
    language is built;
  * sets ``config.extra.service_worker`` so overrides/main.html loads sw-register.js;
  * hides the "download the offline copy" paragraph: scripts/build-offline shows it once the zip is made.
Offline copy (HANDBOOK_OFFLINE=true: Material's ``offline`` plugin, after ``i18n`` in mkdocs.yml):
  * no service worker (file:// has none); the iframe-worker shim is served from the copy itself
    instead of unpkg.com, so search works without a network;
  * pages lose their CSP meta tag and the "download the offline copy" paragraph.
Every page an editor wrote: a print-only QR code of its own online address (``.hb-print-qr``, see
print.css), at the end of its article. Pages generated from data (the registry's ward pages, the
province directories) get none: drawing thousands of QR codes nobody prints doubled a country build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.publish import offline as rules
from handbook.publish.print_qr import PAGE_QR_ID, online_url, print_block

SW_SOURCE = "assets/javascripts/sw.js"
_state: dict[str, str] = {}


def _offline_copy(config: MkDocsConfig) -> bool:
    return rules.is_offline_copy(config.plugins)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    offline = _offline_copy(config)
    config.extra["service_worker"] = not offline
    if offline:
        # Material's offline plugin (its on_config ran before this hook) adds
        # https://unpkg.com/iframe-worker/shim: a reader without a network cannot load it.
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, rules.IFRAME_WORKER_SHIM]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # sw.js is written to the site root (on_post_build), not under assets/.
    source = files.get_file_from_path(SW_SOURCE)
    if source is not None:
        _state["sw_source"] = source.abs_src_path
        files.remove(source)
    if not _offline_copy(config):
        shim = files.get_file_from_path(rules.IFRAME_WORKER_SHIM)
        if shim is not None:
            files.remove(shim)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The QR block goes into the final HTML (end of the article), after search indexing: its words
    # ("scan to open this page") are not content and must not match every page in search.
    if not page.file.generated_by:
        url = online_url(config.site_url or "", page.url)
        drawn = f'id="{PAGE_QR_ID}"' in output  # the hand-over dialog's QR code: print shows it again
        block = print_block(url, site_config.reader_language(config), reuse_page_qr=drawn)
        output = rules.append_to_article(output, block)
    if _offline_copy(config):
        output = rules.strip_for_offline_copy(output)
    else:
        output = rules.hide_download_link(output)  # until scripts/build-offline has made the zip
    return output


def _offline_pages(config: MkDocsConfig) -> dict[str, str]:
    """Each built language's saved-pages page (the offline page), from mkdocs-static-i18n's settings."""
    languages = site_config.languages(config)
    return rules.offline_pages(list(languages.codes), languages.default)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    # The build id covers every language: computed once, at the end of the first language's build
    # (mkdocs-static-i18n builds the others inside it), after the stylesheet's final name (assets.py).
    if _offline_copy(config) or "sw_source" not in _state or site_config.building_another_language(config):
        return
    site_dir = Path(config.site_dir)
    source = Path(_state["sw_source"]).read_text(encoding="utf-8")
    rules.fill_guides_size(site_dir)  # "save every guide": its size, once every guide is written
    worker = rules.render_service_worker(source, rules.build_id(site_dir), _offline_pages(config))
    (site_dir / rules.SW_NAME).write_text(worker, encoding="utf-8")
