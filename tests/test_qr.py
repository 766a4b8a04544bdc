"""The ONE QR maker (handbook/qr.py) draws codes a phone reads back: every page's address, any length,
with the standard's quiet zone (4 light modules on every side) on screen and on paper.

A real decoder (zxing-cpp) reads the SVG the pages carry, drawn to pixels by resvg as a browser or a
printer would, and a screenshot of the hand-over dialog in the light and the dark theme; it also says where
the code is, from which the light margin around it is measured in modules. The printed size is checked on
a printed guide (tests/test_print.py).
"""

from __future__ import annotations

import re

import numpy
import pytest
import resvg_py
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from test_handout import grey_screenshot

from conftest import open_tools, property_examples
from handbook.qr import qr_svg_inline

SLUG = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,5}", fullmatch=True).filter(lambda s: len(s) <= 40)
ADDRESSES = st.builds(
    lambda host, language, parts, fragment: f"https://{host}/{language}{''.join(p + '/' for p in parts)}"
    + fragment,
    st.sampled_from(["nguoi-dan.github.io/so-tay", "sotay.example.vn", "localhost:8000"]),
    st.sampled_from(["", "en/", "zh/"]),
    st.lists(SLUG, min_size=0, max_size=4),
    st.sampled_from(["", "#buoc-3", "#bao-loi"]),
)


def decoded(svg: str, pixels_per_module: int = 3) -> list[str]:
    """What zxing-cpp reads in ``svg`` drawn at ``pixels_per_module`` (a phone photo of a print is finer)."""
    modules = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    side = modules * pixels_per_module
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=side, height=side))
    return [code.text for code in zxingcpp.read_barcodes(grey_screenshot(png))]


@settings(max_examples=property_examples(40))
@given(ADDRESSES)
def test_every_page_address_reads_back_from_its_qr_code(address: str) -> None:
    assert decoded(qr_svg_inline(address)) == [address]


def test_the_longest_addresses_of_the_country_scope_read_back() -> None:
    from handbook.wards.registry import load_registry
    from handbook.wards.ward_site import WardSite

    site = WardSite(load_registry("country"), {})
    longest = sorted(site.by_slug, key=len)[-3:]
    for slug in longest:
        address = f"https://nguoi-dan.github.io/so-tay-cong-dong-so/en/wards/{slug}/"
        assert decoded(qr_svg_inline(address)) == [address], slug


# --- the quiet zone: 4 light modules around the code ---------------------------------------------

QUIET_ZONE = 4  # modules, the QR standard's (ISO/IEC 18004); phones and printers need it


def located(image: numpy.ndarray) -> tuple[str, float, tuple[float, float, float, float]]:
    """(text, module size in pixels, (left, top, right, bottom) of the symbol) of the one QR code in a
    greyscale ``image``."""
    codes = zxingcpp.read_barcodes(image)
    assert len(codes) == 1, f"{len(codes)} QR codes found, one expected"
    code = codes[0]
    corners = [code.position.top_left, code.position.top_right, code.position.bottom_right,
               code.position.bottom_left]
    box = (min(c.x for c in corners), min(c.y for c in corners), max(c.x for c in corners),
           max(c.y for c in corners))
    modules = 17 + 4 * int(code.extra["Version"])
    return code.text, (box[2] - box[0]) / modules, box


def light_margins(image: numpy.ndarray) -> dict[str, float]:
    """How many modules of light (not dark: grey >= 128) lie between the code and the nearest ink or the
    image's edge, on each side, measured along the rows or columns the code spans."""
    _, module, (left, top, right, bottom) = located(image)
    edge = module / 2  # the symbol's own edge, blurred by anti-aliasing, is not the margin
    rows, columns = slice(int(top), int(bottom) + 1), slice(int(left), int(right) + 1)
    dark = image < 128
    sides = {
        "left": dark[rows, : max(0, int(left - edge))][:, ::-1].any(axis=0),
        "right": dark[rows, int(right + edge):].any(axis=0),
        "top": dark[: max(0, int(top - edge)), columns][::-1].any(axis=1),
        "bottom": dark[int(bottom + edge):, columns].any(axis=1),
    }
    return {side: (edge + (int(ink.argmax()) if ink.any() else len(ink))) / module
            for side, ink in sides.items()}


def assert_quiet_zone(image: numpy.ndarray, where: str) -> None:
    margins = light_margins(image)
    shown = ", ".join(f"{side} {value:.1f}" for side, value in margins.items())
    assert min(margins.values()) >= QUIET_ZONE - 0.25, (
        f"{where}: light margin around the QR code, in modules: {shown} (at least {QUIET_ZONE})"
    )


def test_every_code_is_drawn_with_its_quiet_zone() -> None:
    """The drawing itself carries the zone: a code on a coloured card or a dark screen keeps it."""
    address = "https://nguoi-dan.github.io/so-tay/en/guides/dong-tien-dien/"
    svg = qr_svg_inline(address, light="#fff")
    modules = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=modules * 6, height=modules * 6))
    image = numpy.asarray(grey_screenshot(png))
    text, module, _ = located(image)
    assert text == address and module == pytest.approx(6, abs=0.1)
    margins = light_margins(image)
    assert margins == pytest.approx(dict.fromkeys(margins, QUIET_ZONE), abs=0.25), margins


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_hand_over_code_keeps_its_quiet_zone_on_screen(tab: object, base_url: str, scheme: str) -> None:
    """A phone held to another phone's screen, in the light and the dark theme (a dark dialog around a code
    without its own light margin hides the zone): 4 light modules around it, each module at least 5 px."""
    page = tab(color_scheme=scheme)
    page.goto(f"{base_url}en/guides/dong-tien-dien/", wait_until="networkidle")
    open_tools(page)  # behind "Tools" on a phone
    page.get_by_role("button", name="Open on another phone").tap()
    code = page.locator(".hb-handover__code")
    code.wait_for()
    box = code.bounding_box()
    # The code and 60 px around it, in device pixels (2 a CSS pixel).
    clip = {"x": max(0, box["x"] - 60), "y": max(0, box["y"] - 60), "width": box["width"] + 120,
            "height": box["height"] + 120}
    image = numpy.asarray(grey_screenshot(page.screenshot(clip=clip)))
    text, module, _ = located(image)
    assert text.endswith("/en/guides/dong-tien-dien/")
    assert module / 2 >= 5, f"{module / 2:.1f} CSS px a module"
    assert_quiet_zone(image, f"hand-over dialog ({scheme} theme)")
