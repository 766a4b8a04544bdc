"""QR codes as SVG files, generated at build time with segno.

Each address gets one file, named from a hash of the address (``qr-<hash>.svg``), written once under
``assets/qr/`` and shared by every page and language that shows it: the portal codes on 3,321 ward
pages cost one download. Black modules on a white square with the standard 4-module quiet zone,
so a phone reads the code from screen or paper, in light and dark themes.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import segno

QR_FOLDER = "assets/qr"


# One mask pattern for every code. Choosing the "best" of the eight (segno's default) scores each against
# the standard's penalty rules: 3.6 ms a code against 0.7 ms, 20 s of the country build (6,800 codes).
# Readers decode any mask; tests/test_qr.py decodes codes of many addresses with zxing-cpp.
MASK = 2


def qr_file_name(data: str) -> str:
    """The file name of the QR code holding ``data``."""
    return f"qr-{hashlib.sha256(data.encode('utf-8')).hexdigest()[:16]}.svg"


def qr_path(data: str) -> str:
    """Where the QR code of ``data`` is, relative to the site root."""
    return f"{QR_FOLDER}/{qr_file_name(data)}"


@lru_cache(maxsize=2048)  # a page draws the same code twice (on screen, in print); ward pages share portals
def qr_svg_inline(data: str, svgclass: str | None = "segno", light: str | None = "#fff") -> str:
    """The ONE QR maker of the handbook: an ``<svg>`` element of the code holding ``data``
    (medium error correction, no micro codes, the 4-module quiet zone, black modules)."""
    code = segno.make(data, error="m", micro=False, mask=MASK)
    return str(code.svg_inline(scale=1, border=4, dark="#000", light=light, omitsize=True, lineclass=None,
                               svgclass=svgclass))


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
