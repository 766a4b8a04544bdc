"""The print-only QR code of a page's own online address.

A printed guide carries a QR code (and the address in words) so the reader can open the page
again on a phone. The SVG is drawn at build time (handbook/qr.py): no JavaScript, no request, and it
is hidden on screen (``hidden`` attribute) and shown only in print by print.css. The code is drawn by
handbook/qr.py, the handbook's one QR maker.

The block is written at the end of the article and print.css places it at the top of the first
sheet. ``short_address`` is the address as a person reads it out or types it (the hand-over
dialog, overrides/partials/handover.html). Words come from the catalogue (``print.*`` keys).

Plain Python: no MkDocs imports. The MkDocs hook (overrides/hooks/offline.py) calls
``print_block`` for each page.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urljoin

from handbook.qr import qr_svg_inline
from handbook.text import message


def online_url(site_url: str, page_url: str) -> str:
    """The published address of a page, whatever the build's URL style.

    The offline copy is built with ``use_directory_urls: false`` (``guides/x.html``,
    ``index.html``), but its printouts must point to the published site, which uses
    directory URLs (``guides/x/``, ``./``).
    """
    path = page_url
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, path)


def short_address(url: str) -> str:
    """The address without ``https://`` and the final ``/``: what a person types."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def qr_svg(url: str, label: str, css_class: str = "hb-print-qr__code") -> str:
    """An inline SVG QR code of ``url`` (medium error correction, quiet zone kept)."""
    svg = qr_svg_inline(url, svgclass=css_class, light=None)
    # role/aria-label: a screen reader reading the printed-page preview says what it is.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


PAGE_QR_ID = "hb-page-qr"  # the page's own QR code, drawn once (the hand-over dialog) and reused in print


def qr_reference(url: str, label: str, css_class: str = "hb-print-qr__code") -> str:
    """An SVG that shows the QR code of ``url`` drawn elsewhere on the page (``id`` :data:`PAGE_QR_ID`):
    one copy of the ~1.5 KB drawing instead of two on every page."""
    size = qr_svg_inline(url).split('viewBox="0 0 ', 1)[1].split('"', 1)[0]
    return (f'<svg role="img" aria-label="{escape(label)}" viewBox="0 0 {size}" class="{css_class}">'
            f'<use href="#{PAGE_QR_ID}"></use></svg>')


def print_block(url: str, language: str, reuse_page_qr: bool = False) -> str:
    """The HTML block printed at the end of a page: the QR code and the address in words
    (``reuse_page_qr``: the page already draws its QR code with :data:`PAGE_QR_ID`)."""
    lang = language
    label = message(lang, "print.qr_label")
    code = qr_reference(url, label) if reuse_page_qr else qr_svg(url, label)
    return (
        f'<div class="hb-print-qr" lang="{lang}" hidden data-search-exclude>'
        f"{code}"
        f'<p class="hb-print-qr__text">{escape(message(lang, "print.qr_caption"))}<br>'
        f'<span class="hb-print-qr__url">{escape(url)}</span></p>'
        "</div>"
    )
