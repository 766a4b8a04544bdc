"""The web app manifest and its icons (issue 19): the handbook on a phone's home screen.

One manifest per language (``manifest.webmanifest`` at the site root for Vietnamese, under ``en/``
for English), every URL in it relative to the manifest itself, so the app works when the site is
published in a sub-folder (``https://example.org/handbook/``). The icons are drawn at build time
from the site's logo (``overrides/assets/images/favicon.svg``) with resvg: no binary file in the
repository drifts from it. Plain Python: no MkDocs import (the hook is overrides/hooks/assets.py).
"""

from __future__ import annotations

import json
import re
import urllib.parse

import resvg_py

MANIFEST_NAME = "manifest.webmanifest"
ICON_DIR = "assets/images"
# (file name, size in px, purpose). "maskable": Android crops it to a circle, a squircle...
ICONS: tuple[tuple[str, int, str], ...] = (
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("icon-maskable-512.png", 512, "maskable"),
)
# A maskable icon's logo must stay inside the centre circle of 80% of its width: 60% leaves margin.
MASKABLE_LOGO_SHARE = 0.6

_SVG_ROOT = re.compile(r"<svg\b([^>]*)>", re.IGNORECASE)


def maskable_svg(logo_svg: str, background: str) -> str:
    """The logo centred on a full square of ``background``, inside a maskable icon's safe zone."""
    match = _SVG_ROOT.search(logo_svg)
    if match is None:
        raise ValueError("the logo is not an SVG image (no <svg> element)")
    size = 100
    logo = size * MASKABLE_LOGO_SHARE
    offset = (size - logo) / 2
    attributes = re.sub(r'\s(?:x|y|width|height)="[^"]*"', "", match.group(1))
    inner = (f'<svg{attributes} x="{offset:g}" y="{offset:g}" width="{logo:g}" height="{logo:g}">'
             + logo_svg[match.end():])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
            f'<rect width="{size}" height="{size}" fill="{background}"/>{inner}</svg>')


def icon_png(logo_svg: str, size: int, purpose: str, background: str) -> bytes:
    """One PNG icon of ``size`` x ``size`` pixels drawn from the logo."""
    svg = maskable_svg(logo_svg, background) if purpose == "maskable" else logo_svg
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size))


def manifest(*, name: str, short_name: str, description: str, lang: str, root: str,
             theme_color: str, background_color: str, logo: str) -> dict[str, object]:
    """The manifest of one language. ``root`` is the relative path from the manifest's folder to the
    site root ("" for Vietnamese at /, "../" for English under /en/); ``logo`` is the SVG's path
    from the site root. ``start_url`` and ``scope`` are the manifest's own folder: that language's
    home page, wherever the site is published. No ``id``: it would be resolved against the origin
    (the same for both languages, and for every site of a GitHub account); without it, the app's
    identity is its start URL."""
    icons: list[dict[str, str]] = [
        {
            "src": f"{root}{ICON_DIR}/{file}",
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for file, size, purpose in ICONS
    ]
    icons.append({"src": f"{root}{logo}", "sizes": "any", "type": "image/svg+xml", "purpose": "any"})
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": background_color,
        "icons": icons,
    }


def manifest_json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def svg_data_uri(svg: str) -> str:
    """The SVG as a ``data:`` URL (the favicon costs no request; the policy allows ``data:`` images)."""
    compact = re.sub(r">\s+<", "><", svg.strip()).replace('"', "'")  # fits in a "..." attribute
    return "data:image/svg+xml," + urllib.parse.quote(compact, safe=" =:/',.;()-")
