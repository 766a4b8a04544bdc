"""The print-only QR code of a page's own online address.

A printed guide carries a QR code (and the address in words) so the reader can open the page
again on a phone. The SVG is drawn at build time with segno: no JavaScript, no request, and it
is hidden on screen (``hidden`` attribute) and shown only in print by print.css. The code is drawn by
handbook/qr.py, the handbook's one QR maker.

Plain Python: no MkDocs imports. The MkDocs hook (overrides/hooks/offline.py) calls
``print_block`` for each page.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urljoin

from handbook.qr import qr_svg_inline

CAPTION = {
    "vi": "Quét mã để mở trang này trên điện thoại:",
    "en": "Scan to open this page on a phone:",
}
LABEL = {
    "vi": "Mã QR của địa chỉ trang này",
    "en": "QR code of this page's address",
}


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


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of ``url`` (medium error correction, quiet zone kept)."""
    svg = qr_svg_inline(url, svgclass="hb-print-qr__code", light=None)
    # role/aria-label: a screen reader reading the printed-page preview says what it is.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def print_block(url: str, language: str) -> str:
    """The HTML block printed at the end of a page: the QR code and the address in words."""
    lang = language if language in CAPTION else "vi"
    return (
        f'<div class="hb-print-qr" lang="{lang}" hidden data-search-exclude>'
        f"{qr_svg(url, LABEL[lang])}"
        f'<p class="hb-print-qr__text">{escape(CAPTION[lang])}<br>'
        f'<span class="hb-print-qr__url">{escape(url)}</span></p>'
        "</div>"
    )
