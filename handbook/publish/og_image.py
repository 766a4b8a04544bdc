"""The site's link-preview image (Open Graph ``og:image``), drawn from the logo at build time.

Zalo and Facebook show a PNG beside a shared link; SVG is not accepted. Instead of a hand-made
binary that drifts from the logo, the build draws the logo file (overrides/assets/images/favicon.svg:
rounded rectangles and circles) centred on a card in the logo's own colour, and writes a PNG with
the standard library only (zlib). Shapes are anti-aliased by measuring, for each pixel at the edge,
how much of it the shape covers (4 sub-rows, exact spans on each).

Plain Python, no MkDocs; overrides/hooks/handout.py writes the file.
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

WIDTH, HEIGHT = 1200, 630  # the size Facebook and Zalo recommend (1.91 : 1)
SUBROWS = 4
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Shape:
    kind: str  # "rect" | "circle"
    x: float
    y: float
    width: float  # rect: width, circle: 2 r
    height: float
    radius: float  # rect: corner radius, circle: r
    colour: tuple[int, int, int]


class LogoError(ValueError):
    """The logo uses something this small drawer does not know (it stops the build with the reason)."""


def _colour(value: str | None) -> tuple[int, int, int]:
    value = (value or "#000").strip()
    if not re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", value):
        raise LogoError(f"fill {value!r}: only #rgb or #rrggbb colours are supported")
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _number(element: ElementTree.Element, name: str, default: float = 0.0) -> float:
    value = element.get(name)
    if value is None:
        return default
    if not _NUMBER.match(value):
        raise LogoError(f"<{element.tag.split('}')[-1]} {name}={value!r}>: only plain numbers are supported")
    return float(value)


def read_logo(svg: str) -> tuple[float, float, list[Shape]]:
    """The logo's view box size and its shapes, in drawing order."""
    root = ElementTree.fromstring(svg)
    box = [float(v) for v in (root.get("viewBox") or "").replace(",", " ").split()]
    if len(box) != 4:
        raise LogoError("the logo needs a viewBox")
    shapes = []
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag == "svg":
            continue
        if tag == "rect":
            width, height = _number(element, "width"), _number(element, "height")
            radius = min(_number(element, "rx", _number(element, "ry")), width / 2, height / 2)
            shapes.append(Shape("rect", _number(element, "x") - box[0], _number(element, "y") - box[1],
                                width, height, radius, _colour(element.get("fill"))))
        elif tag == "circle":
            r = _number(element, "r")
            shapes.append(
                Shape(
                    "circle",
                    _number(element, "cx") - box[0] - r,
                    _number(element, "cy") - box[1] - r,
                    2 * r,
                    2 * r,
                    r,
                    _colour(element.get("fill")),
                )
            )
        else:
            raise LogoError(f"<{tag}>: the link-preview drawer knows only <rect> and <circle>")
    return box[2], box[3], shapes


def _span(shape: Shape, y: float) -> tuple[float, float] | None:
    """Where the shape covers the horizontal line at height ``y`` (None: nowhere)."""
    top, bottom = shape.y, shape.y + shape.height
    if not top <= y < bottom:
        return None
    r = shape.radius
    inset = 0.0
    if r > 0:
        dy = max(top + r - y, y - (bottom - r), 0.0)
        if dy > 0:
            inset = r - math.sqrt(max(r * r - dy * dy, 0.0))
    return shape.x + inset, shape.x + shape.width - inset


def _scaled(shape: Shape, scale: float, dx: float, dy: float) -> Shape:
    return Shape(shape.kind, shape.x * scale + dx, shape.y * scale + dy, shape.width * scale,
                 shape.height * scale, shape.radius * scale, shape.colour)


def draw_card(svg: str, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A PNG: the logo, 70 % of the card's height, centred on a card in the logo's first colour, lightened."""
    box_w, box_h, shapes = read_logo(svg)
    if not shapes:
        raise LogoError("the logo has no shapes")
    base = shapes[0].colour
    background = tuple(round(c + (255 - c) * 0.88) for c in base)
    scale = height * 0.7 / box_h
    dx, dy = (width - box_w * scale) / 2, (height - box_h * scale) / 2
    placed = [_scaled(shape, scale, dx, dy) for shape in shapes]
    rows = []
    for y in range(height):
        row = bytearray(bytes(background) * width)
        for shape in placed:
            coverage: dict[int, float] = {}
            full_from, full_to = width, 0
            spans = [_span(shape, y + (i + 0.5) / SUBROWS) for i in range(SUBROWS)]
            if not any(spans):
                continue
            inner = [s for s in spans if s]
            if len(inner) == SUBROWS:
                full_from = math.ceil(max(s[0] for s in inner))
                full_to = math.floor(min(s[1] for s in inner))
            for left, right in inner:
                for x in range(max(int(left), 0), min(math.ceil(right), width)):
                    if full_from <= x < full_to:
                        continue
                    coverage[x] = coverage.get(x, 0.0) + (min(right, x + 1) - max(left, x)) / SUBROWS
            colour = bytes(shape.colour)
            if full_to > full_from:
                row[full_from * 3:full_to * 3] = colour * (full_to - full_from)
            for x, amount in coverage.items():
                if amount > 0:
                    for channel in range(3):
                        old = row[x * 3 + channel]
                        row[x * 3 + channel] = round(old + (shape.colour[channel] - old) * min(amount, 1.0))
        rows.append(b"\x00" + bytes(row))
    return _png(width, height, b"".join(rows))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
