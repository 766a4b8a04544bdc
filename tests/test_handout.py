"""Paper and hand-over (issue 17): the one-page quick card of every guide, the "open on another phone"
dialog and the share button, and the link preview (Open Graph) in Zalo or Facebook."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import zlib
from html import unescape
from pathlib import Path

import pytest
from test_print import read_pgm

from conftest import open_tools
from handbook.guides.quick_card import card_steps, hotlines, plain
from handbook.publish.og_image import LogoError, draw_card
from handbook.publish.print_qr import online_url

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url (SITE_URL is unset in tests)
SLUGS = sorted(p.stem for p in (ROOT / "docs/guides").glob("*.md") if "." not in p.stem and p.stem != "index")
LANGS = {"vi": "", "en": "en/"}
STEP_HEADING = re.compile(r'<h2 id="buoc-\d+">(.*?)<a class="headerlink"', re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(TAGS.sub(" ", html))).strip()


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)
    return unescape(match.group(1)) if match else None


# ---- the card's rules (fast) --------------------------------------------------------------------

GUIDE_BODY = """Intro.

## Step 1: Open the app {#buoc-1}

=== "Android"

    Tap **CH Play**.

    ```screen
    step: 1
    title: Home
    items:
      - tile: CH Play
        meaning: Play Store
        tap: true
    ```

=== "iPhone"

    ```screen
    step: 1
    title: Home
    items:
      - tile: App Store
        tap: true
    ```

## Step 2: Read the result {#buoc-2}

```screen
step: 2
title: Done
items:
  - notice: Thành công
```

## Hotline {#tong-dai}

- Customer care: [1900 1006](tel:19001006) or [1900 9000](tel:19009000)
"""


def test_card_steps_are_the_step_headings_and_the_places_to_tap() -> None:
    steps = card_steps(GUIDE_BODY, "docs/guides/x.en.md", with_meaning=True)
    assert [(s.number, s.title) for s in steps] == [(1, "Open the app"), (2, "Read the result")]
    assert steps[0].buttons == (("CH Play", "Play Store"), ("App Store", None))
    assert steps[1].buttons == ()  # a step that only asks to look
    vi = card_steps(GUIDE_BODY.replace("## Step", "## Bước"), "docs/guides/x.md", with_meaning=False)
    assert vi[0].title == "Open the app" and vi[0].buttons[0] == ("CH Play", None)


def test_card_hotlines_are_the_guides_own_phone_lines() -> None:
    assert hotlines(GUIDE_BODY) == ("Customer care: 1900 1006 or 1900 9000",)
    assert hotlines("No number here, see [the page](x.md).") == ()
    assert plain("**Đăng nhập**{lang=vi} (Log in) at [site](https://x.vn)") == "Đăng nhập (Log in) at site"


# ---- the link-preview image (fast) --------------------------------------------------------------


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, unfiltered pixel rows) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), f"not an 8-bit RGB(A) PNG: depth {depth}, colour type {colour}"
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * bpp, bytearray(), bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up, corner = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows += line
        previous = line
    return width, height, bpp, bytes(rows)


def pixel(png: tuple[int, int, int, bytes], x: int, y: int) -> tuple[int, ...]:
    width, _height, bpp, rows = png
    start = (y * width + x) * bpp
    return tuple(rows[start:start + 3])


def test_link_preview_image_is_the_logo_drawn_on_a_card() -> None:
    logo = (ROOT / "overrides/assets/images/favicon.svg").read_text(encoding="utf-8")
    png = decode_png(draw_card(logo))
    assert png[:2] == (1200, 630)
    frame, screen = (11, 93, 59), (255, 255, 255)  # the logo's fills: #0b5d3b, #fff
    # the logo's phone (white) in the middle, its green frame beside it, a light card around it
    assert pixel(png, 600, 250) == screen
    assert pixel(png, 420, 315) == frame
    corner = pixel(png, 5, 5)
    assert corner not in (frame, screen) and min(corner) > 200


@pytest.mark.parametrize("logo, reason", [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M0 0h9"/></svg>', "no fill"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="red" width="9" height="9"/></svg>', "fill 'red'"),
    ("<svg", "not an SVG image"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#fff"></svg>', "well-formed"),
])
def test_a_logo_the_card_cannot_use_stops_the_build_with_the_reason(logo: str, reason: str) -> None:
    with pytest.raises(LogoError, match=reason):
        draw_card(logo)


# ---- the built site (fast) ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_guide_has_a_quick_card_made_from_its_steps(site_dir: Path, lang: str) -> None:
    prefix = LANGS[lang]
    for slug in SLUGS:
        guide = (site_dir / f"{prefix}guides/{slug}/index.html").read_text(encoding="utf-8")
        card_file = site_dir / f"{prefix}guides/{slug}/the/index.html"
        assert card_file.is_file(), f"no quick card for {prefix}guides/{slug}/"
        card = card_file.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in card
        assert 'class="hb-handover__card" href="the/"' in guide, "the guide does not link its card"
        card_text = text_of(card)
        # Each step heading of the guide page, without "Bước N:" / "Step N:", is a line of the card.
        headings = [re.sub(r"^\S+ \d+:\s*", "", text_of(h)) for h in STEP_HEADING.findall(guide)]
        assert headings and len(
            re.findall(r"<li>", card.split('class="hb-qcard__steps"')[1].split("</ol>")[0])
        ) == len(headings)
        for heading in headings:
            assert heading in card_text, f"{slug} ({lang}): step {heading!r} missing from the card"
        # The safety note of the guide page (its red box) is on the card.
        safety = re.search(r'<div class="admonition danger">.*?<p>(.*?)</p>', guide, re.DOTALL)
        if safety:
            assert text_of(safety.group(1)) in card_text
        assert online_url(SITE_URL, f"{prefix}guides/{slug}/") in card_text
        assert "<svg" in card and "Content-Security-Policy" in card


def test_quick_card_lists_the_key_button_and_the_lines_to_call(site_dir: Path) -> None:
    card = text_of((site_dir / "guides/dong-tien-dien/the/index.html").read_text(encoding="utf-8"))
    assert "Đăng nhập bằng số điện thoại — Bấm Đăng nhập" in card
    assert "1900" not in card  # EVNSPC's 1900 numbers are not verified: the guide and its card give none
    every_card = [path.read_text(encoding="utf-8") for path in site_dir.rglob("the/index.html")]
    assert every_card and not any("{{" in text for text in every_card)  # placeholders are filled
    english = text_of((site_dir / "en/guides/dong-tien-dien/the/index.html").read_text(encoding="utf-8"))
    assert "Tap Đăng nhập (Log in)" in english


def test_quick_cards_stay_out_of_navigation_sitemap_and_search(site_dir: Path) -> None:
    assert "/the/" not in (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for index in (site_dir / "search/search_index.json", site_dir / "en/search/search_index.json"):
        locations = [doc["location"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]
        assert any(location.startswith(("guides/dong-tien-dien/", "en/guides/dong-tien-dien/"))
                   for location in locations)  # the guide itself is found
        assert not [location for location in locations if "/the/" in location]
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "/the/" not in home and 'href="the/"' not in home
    assert 'name="robots" content="noindex"' in (site_dir / "guides/dong-tien-dien/the/index.html").read_text(
        "utf-8"
    )


@pytest.mark.parametrize(("lang", "locale"), [("vi", "vi_VN"), ("en", "en_US")])
def test_link_previews_in_the_pages_language_with_the_sites_own_image(
    site_dir: Path, lang: str, locale: str
) -> None:
    prefix = LANGS[lang]
    html = (site_dir / f"{prefix}guides/dong-tien-dien/index.html").read_text(encoding="utf-8")
    title = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1)).rstrip("#").strip()
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert meta(html, "og:title") == title
    assert meta(html, "og:description") == unescape(description)
    assert meta(html, "og:locale") == locale
    assert meta(html, "og:url") == online_url(SITE_URL, f"{prefix}guides/dong-tien-dien/")
    image = meta(html, "og:image")
    assert image == SITE_URL + "assets/images/og-card.png", (
        "the preview image is the site's own, by absolute address"
    )
    png = decode_png((site_dir / "assets/images/og-card.png").read_bytes())
    assert png[:2] == (1200, 630)
    home = (site_dir / f"{prefix}index.html").read_text(encoding="utf-8")
    assert meta(home, "og:description") and meta(home, "og:locale") == locale


# ---- in the browser -----------------------------------------------------------------------------


def test_every_quick_card_prints_on_one_a4_sheet_with_a_working_qr(browser: object, base_url: str,
                                                                    tmp_path: Path) -> None:
    import zxingcpp

    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for slug in SLUGS:
        for lang, prefix in LANGS.items():
            page.goto(f"{base_url}{prefix}guides/{slug}/the/", wait_until="networkidle")
            pdf = tmp_path / f"{slug}-{lang}.pdf"
            page.pdf(path=str(pdf), format="A4")
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), (
                f"{prefix}guides/{slug}/the/ is not one sheet"
            )
            assert re.search(r"^Page size:.*\(A4\)$", info, re.MULTILINE), info
            prefix_file = tmp_path / f"{slug}-{lang}"
            subprocess.run(
                ["pdftoppm", "-gray", "-r", "150", "-singlefile", str(pdf), str(prefix_file)], check=True
            )
            codes = [code.text for code in zxingcpp.read_barcodes(read_pgm(prefix_file.with_suffix(".pgm")))]
            assert codes == [online_url(SITE_URL, f"{prefix}guides/{slug}/")]
    context.close()
    assert errors == [], f"console errors (a blocked inline script or style?): {errors}"


def grey_screenshot(png_bytes: bytes) -> memoryview:
    width, height, bpp, rows = decode_png(png_bytes)
    grey = bytes(
        (rows[i] * 299 + rows[i + 1] * 587 + rows[i + 2] * 114) // 1000 for i in range(0, len(rows), bpp)
    )
    return memoryview(grey).cast("B", (height, width))


@pytest.mark.parametrize("lang", LANGS)
def test_open_on_another_phone_shows_a_scannable_code_at_360_px(
    phone_page: object, base_url: str, lang: str
) -> None:
    import zxingcpp

    prefix = LANGS[lang]
    errors: list[str] = []
    phone_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone_page.goto(f"{base_url}{prefix}guides/dong-tien-dien/", wait_until="networkidle")
    label = "Mở trên điện thoại khác" if lang == "vi" else "Open on another phone"
    open_tools(phone_page)
    button = phone_page.get_by_role("button", name=label)
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    requests: list[str] = []
    phone_page.on("request", lambda request: requests.append(request.url))
    button.tap()
    title = "Mở trang này trên điện thoại khác" if lang == "vi" else "Open this page on another phone"
    dialog = phone_page.get_by_role("dialog", name=title)
    assert dialog.is_visible()
    code = phone_page.locator(".hb-handover__code")
    assert code.bounding_box()["width"] >= 250, "too small to scan from 50 cm"
    address = online_url(SITE_URL, f"{prefix}guides/dong-tien-dien/")
    assert dialog.inner_text().count(address.removeprefix("http://").rstrip("/")) == 1  # the short address
    found = [c.text for c in zxingcpp.read_barcodes(grey_screenshot(phone_page.screenshot()))]
    assert found == [address]
    assert requests == [], f"opening the code made requests (it must work offline): {requests}"
    close = phone_page.get_by_role("button", name="Đóng" if lang == "vi" else "Close")
    assert close.bounding_box()["height"] >= 44
    phone_page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert phone_page.evaluate("document.activeElement.hasAttribute('data-hb-handover-open')")
    assert errors == []


def test_share_copies_the_address_where_the_phone_has_no_share_sheet(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "en/guides/dong-tien-dien/", wait_until="networkidle")
    assert page.evaluate("typeof navigator.share") == "undefined", (
        "this Chromium has a share sheet: test the copy elsewhere"
    )
    open_tools(page)
    page.get_by_role("button", name="Share").tap()
    status = page.get_by_role("status").filter(has_text="copied")
    status.wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == online_url(
        SITE_URL, "en/guides/dong-tien-dien/"
    )
    context.close()


def test_share_uses_the_phones_share_sheet_when_there_is_one(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    # A stand-in share sheet that records what it was given (added before the page's scripts run).
    context.add_init_script(
        "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
    )
    page = context.new_page()
    page.goto(base_url + "guides/dong-tien-dien/", wait_until="networkidle")
    open_tools(page)
    page.get_by_role("button", name="Chia sẻ").tap()
    shared = page.evaluate("window.__shared")
    assert shared["url"] == online_url(SITE_URL, "guides/dong-tien-dien/")
    assert shared["title"].startswith("Đóng tiền điện")
    context.close()
