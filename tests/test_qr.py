"""The ONE QR maker (handbook/qr.py) draws codes a phone reads back: every page's address, any length.

The codes use one fixed mask pattern (handbook.qr.MASK) instead of scoring the eight: a reader decodes
any mask, and this property test checks it with a real decoder (zxing-cpp) on the SVG the pages carry,
drawn to pixels by resvg as a browser or a printer would.
"""

from __future__ import annotations

import re

import resvg_py
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from test_handout import grey_screenshot

from conftest import property_examples
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
