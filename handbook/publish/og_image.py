"""The site's link-preview image (Open Graph ``og:image``), drawn from the logo at build time.

Zalo and Facebook show a PNG beside a shared link; SVG is not accepted. Instead of a binary file that
drifts from the logo, the build places the logo (overrides/assets/images/favicon.svg) in the middle of
a card in the logo's own colour, lightened, and renders it with resvg, as the home-screen icons are
(handbook/publish/manifest.py).

Plain Python, no MkDocs; overrides/hooks/handout.py writes the file.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

import resvg_py

WIDTH, HEIGHT = 1200, 630  # the size Facebook and Zalo recommend (1.91 : 1)
LOGO_SHARE = 0.7  # the logo's height as a share of the card's
_HEX_COLOUR = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_SVG_ROOT = re.compile(r"<svg\b([^>]*)>", re.IGNORECASE)


class LogoError(ValueError):
    """The logo cannot be drawn on the card (it stops the build with the reason)."""


def logo_colour(svg: str) -> tuple[int, int, int]:
    """The first fill colour of the logo (its main colour), as (r, g, b)."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise LogoError(f"the logo is not well-formed SVG ({error})") from error
    for element in root.iter():
        fill = element.get("fill")
        if fill:
            match = _HEX_COLOUR.fullmatch(fill.strip())
            if match is None:
                raise LogoError(f"fill {fill!r}: the card takes the first fill: #rgb or #rrggbb")
            digits = match.group(1)
            if len(digits) == 3:
                digits = "".join(c * 2 for c in digits)
            return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    raise LogoError("the logo has no fill colour")


def card_svg(svg: str, width: int = WIDTH, height: int = HEIGHT) -> str:
    """The card as SVG: a background in the logo's colour, lightened, and the logo centred on it."""
    match = _SVG_ROOT.search(svg)
    if match is None:
        raise LogoError("the logo is not an SVG image (no <svg> element)")
    red, green, blue = (round(c + (255 - c) * 0.88) for c in logo_colour(svg))
    size = height * LOGO_SHARE
    attributes = re.sub(r'\s(?:x|y|width|height)="[^"]*"', "", match.group(1))
    logo = (f'<svg{attributes} x="{(width - size) / 2:g}" y="{(height - size) / 2:g}" '
            f'width="{size:g}" height="{size:g}">' + svg[match.end():])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'<rect width="{width}" height="{height}" fill="rgb({red},{green},{blue})"/>{logo}</svg>')


def draw_card(svg: str, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A PNG of ``width`` x ``height``: the logo, 70 % of the card's height, centred on the card."""
    return bytes(resvg_py.svg_to_bytes(svg_string=card_svg(svg, width, height), width=width, height=height))
