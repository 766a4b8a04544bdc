"""QR codes as SVG, generated at build time: encoded by zint (a C library, through zint-bindings), drawn here.

Each address gets one file, named from a hash of the address (``qr-<hash>.svg``), written once under
``assets/qr/`` and shared by every page and language that shows it: the portal codes on 3,321 ward
pages cost one download. Black modules on a white square with the standard 4-module quiet zone,
so a phone reads the code from screen or paper, in light and dark themes.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import zint

QR_FOLDER = "assets/qr"
BORDER = 4  # the standard's quiet zone, in modules
ERROR_CORRECTION_M = 2  # zint's option_1 for QR codes: 1 L, 2 M, 3 Q, 4 H
_DARK_RUN = re.compile("1+")

# Every page carries the QR code of its own address (print, "open on another phone"): 6,800 codes at the
# country scope. zint encodes one, choosing the mask by the standard's penalty rules, in 0.2 ms; segno (pure
# Python) took 1.5 ms with a fixed mask and 4 ms choosing it. tests/test_qr.py decodes codes of many addresses
# with zxing-cpp.


def _rows(data: str) -> list[str]:
    """The QR code holding ``data`` as one string a row, "1" for a dark module, without quiet zone."""
    symbol = zint.Symbol()
    symbol.symbology = zint.Symbology.QRCODE
    symbol.option_1 = ERROR_CORRECTION_M
    symbol.encode(data)  # the text as UTF-8 bytes
    buffer = symbol.encoded_data  # one bit a module, eight a byte, lowest bit first; a fixed-size grid
    grid = buffer.tobytes()
    stride, used, width = len(grid) // len(buffer), (symbol.width + 7) // 8, symbol.width
    rows = []
    for y in range(symbol.rows):
        bits = int.from_bytes(grid[y * stride: y * stride + used], "little")
        rows.append(format(bits, f"0{used * 8}b")[::-1][:width])
    return rows


def qr_file_name(data: str) -> str:
    """The file name of the QR code holding ``data``."""
    return f"qr-{hashlib.sha256(data.encode('utf-8')).hexdigest()[:16]}.svg"


def qr_path(data: str) -> str:
    """Where the QR code of ``data`` is, relative to the site root."""
    return f"{QR_FOLDER}/{qr_file_name(data)}"


@lru_cache(maxsize=2048)  # a page draws the same code twice (on screen, in print); ward pages share portals
def qr_svg_inline(data: str, svgclass: str | None = "qr", light: str | None = "#fff") -> str:
    """The ONE QR maker of the handbook: an ``<svg>`` element of the code holding ``data``
    (medium error correction, no micro codes, the 4-module quiet zone, black modules)."""
    rows = _rows(data)
    side = len(rows) + 2 * BORDER
    # One stroke a run of dark modules, each move relative to the end of the last run (short paths).
    path: list[str] = []
    pen: tuple[int, int] | None = None
    for y, row in enumerate(rows):
        for run in _DARK_RUN.finditer(row):
            x, end = run.span()
            if pen is None:
                path.append(f"M{x + BORDER} {y + BORDER + 0.5}h{end - x}")
            else:
                path.append(f"m{x - pen[0]} {y - pen[1]}h{end - x}")
            pen = (end, y)
    css_class = f' class="{svgclass}"' if svgclass else ""
    background = f'<path fill="{light}" d="M0 0h{side}v{side}h-{side}z"/>' if light else ""
    return (f'<svg viewBox="0 0 {side} {side}"{css_class}>{background}'
            f'<path stroke="#000" d="{"".join(path)}"/></svg>')


@lru_cache(maxsize=256)
def qr_svg_document(data: str) -> str:
    """A standalone SVG file of the QR code holding ``data``."""
    svg = qr_svg_inline(data)
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges" ', 1)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg + "\n"


def write_qr_files(site_dir: Path, addresses: set[str]) -> None:
    """Write the QR code file of every address (unchanged files are left alone)."""
    folder = site_dir / QR_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for data in addresses:
        path = folder / qr_file_name(data)
        if not path.exists():
            path.write_text(qr_svg_document(data), encoding="utf-8")
