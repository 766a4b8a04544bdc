"""Ward pages and the ward directory in real Chromium: filter, no-JavaScript list, phone sizes,
old-address redirects, the A4 poster (one page) and its QR codes decoded with zxing-cpp."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from test_browser import SCREENSHOTS, load_and_watch
from test_print import read_pgm

WARDS = ("long-khanh", "bao-vinh", "xuan-lap", "hang-gon", "binh-loc")
PORTALS = ("https://dichvucong.gov.vn", "https://dichvucong.dongnai.gov.vn")


def visible_rows(page: object) -> list[str]:
    return page.eval_on_selector_all(
        ".ward-directory [data-ward-list] > li",
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.textContent.replace(/\\s+/g, ' "
        "').trim())",
    )


def filter_for(page: object, text: str) -> list[str]:
    page.fill("#ward-filter-input", text)
    return visible_rows(page)


@pytest.mark.parametrize("path", ["wards/", "en/wards/"])
def test_filter_matches_with_or_without_accents(phone_page: object, base_url: str, path: str) -> None:
    problems, errors = load_and_watch(phone_page, base_url + path)
    assert problems == [] and errors == []
    assert phone_page.is_visible("#ward-filter-input")
    for query in (
        "bao quang",
        "Bảo Quang",
        "BAO QUANG",
        unicodedata.normalize("NFD", "Bảo Quang"),
        "baoquang",
    ):
        rows = filter_for(phone_page, query)
        assert any(row.startswith("Xã Bảo Quang") and "Phường Bảo Vinh" in row for row in rows), (query, rows)
        assert not any(row.startswith("Phường Xuân Lập") for row in rows), (query, rows)
    rows = filter_for(phone_page, "xuan hoa")  # also written "Xuân Hoà"
    assert any(row.startswith("Phường Xuân Hòa") and "Phường Long Khánh" in row for row in rows)
    rows = filter_for(phone_page, "xuân thiện")
    assert any(row.startswith("Xã Xuân Thiện") and "Phường Bình Lộc" in row for row in rows)
    assert filter_for(phone_page, "khong co ten nay") == []
    assert phone_page.is_visible("[data-ward-empty]")
    assert len(filter_for(phone_page, "")) == 5 + 16
    assert not phone_page.is_visible("[data-ward-empty]")


def test_filter_announces_the_number_of_results(phone_page: object, base_url: str) -> None:
    phone_page.goto(base_url + "wards/")
    filter_for(phone_page, "bao quang")
    assert phone_page.inner_text("[data-ward-status]") == "2 kết quả"


@pytest.mark.parametrize("path", ["wards/", "en/wards/"])
def test_without_javascript_the_directory_is_complete(browser: object, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + path)
    assert not page.is_visible("#ward-filter-input")
    rows = visible_rows(page)
    context.close()
    assert len(rows) == 5 + 16
    assert any(row.startswith("Xã Bảo Quang") and "Phường Bảo Vinh" in row for row in rows)


@pytest.mark.parametrize("path", ["wards/", "en/wards/", "wards/bao-vinh/", "en/wards/long-khanh/"])
def test_phone_layout_tap_targets_and_text_size(phone_page: object, base_url: str, path: str) -> None:
    problems, errors = load_and_watch(phone_page, base_url + path)
    assert problems == [] and errors == []
    assert phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    small_targets = phone_page.eval_on_selector_all(
        ".ward a, .ward-footer a, .ward-directory a, .ward-directory input",
        "els => els.filter(e => e.offsetParent !== null).map(e => [e.textContent.trim(), "
        "e.getBoundingClientRect().height])"
        ".filter(([t, h]) => h < 44)",
    )
    assert small_targets == []
    small_text = phone_page.eval_on_selector_all(
        ".ward, .ward-footer, .ward-directory",
        """roots => {
          const small = [];
          for (const root of roots) {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode, el = node.parentElement;
              if (!node.textContent.trim() || el.offsetParent === null || \
el.closest('[aria-hidden="true"]')) continue;
              if (el.closest('.ward-sr-only')) continue;
              const size = parseFloat(getComputedStyle(el).fontSize);
              if (size > 0 && size < 18) small.push([node.textContent.trim().slice(0, 40), size]);
            }
          }
          return small;
        }""",
    )
    assert small_text == []


FIRST_SCREEN = """() => {
  const seen = el => { const r = el.getBoundingClientRect(); return el.offsetParent !== null && r.top >= 0 \
&& r.bottom <= innerHeight; };
  const actions = [...document.querySelectorAll('.ward a[href^="tel:"], .ward a[href^="https://"]')]
    .filter(seen).map(a => ({href: a.getAttribute('href'), height: a.getBoundingClientRect().height}));
  const unknown = [...document.querySelectorAll('[data-unknown-kinds]')];
  return {actions, unknown: unknown.map(el => ({text: el.textContent.replace(/\\s+/g, ' ').trim(), seen: \
seen(el)}))};
}"""


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("slug", WARDS)
def test_first_phone_screen_has_a_working_channel_and_the_unknown_kinds_in_one_line(
        phone_page: object, base_url: str, slug: str, prefix: str) -> None:
    """360 x 740, touch: without scrolling, a resident can call or open an official channel, and sees in \
ONE line
    what is not known yet (with a way to tell the team)."""
    from handbook.safety.domains import check_url

    problems, errors = load_and_watch(phone_page, base_url + f"{prefix}wards/{slug}/")
    assert problems == [] and errors == []
    found = phone_page.evaluate(FIRST_SCREEN)
    working = [a for a in found["actions"]
               if a["href"].startswith("tel:") or check_url(a["href"]) is None]
    assert working, found
    assert all(a["height"] >= 44 for a in working), working
    (unknown,) = found["unknown"]
    assert unknown["seen"], unknown
    assert unknown["text"].startswith("Chưa có:" if not prefix else "Not yet known:")
    if slug == "binh-loc":
        assert any(a["href"] == "https://binhloc.dongnai.gov.vn" for a in working)
    else:
        assert any(a["href"] == "tel:1022" for a in working)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_binh_loc_on_a_phone_shows_its_website_and_centre_address(
    phone_page: object, base_url: str, prefix: str
) -> None:
    phone_page.goto(base_url + f"{prefix}wards/binh-loc/")
    website = phone_page.locator('.ward-channels a.ward-action[href="https://binhloc.dongnai.gov.vn"]')
    assert website.is_visible() and website.bounding_box()["height"] >= 44
    address = phone_page.locator(".ward-offices .ward-address")
    address.scroll_into_view_if_needed()
    assert address.inner_text().startswith("Đường N5, ấp 1, phường Bình Lộc")
    assert "Giờ hành chính" in phone_page.locator(".ward-offices").inner_text()


@pytest.mark.parametrize("slug", WARDS)
def test_every_ward_shows_1022_with_source_and_status_on_a_phone(
    phone_page: object, base_url: str, slug: str
) -> None:
    phone_page.goto(base_url + f"wards/{slug}/")
    card = phone_page.locator("[data-province-line]")
    call = card.locator('a[href="tel:1022"]')
    call.scroll_into_view_if_needed()
    assert call.is_visible() and call.bounding_box()["height"] >= 44
    text = card.inner_text()
    assert "Đã xác nhận" in text and "Báo Đồng Nai, 03/09/2025" in text


@pytest.mark.parametrize(
    ("old", "new", "prefix"), [("bao-quang", "bao-vinh", ""), ("xuan-thien", "binh-loc", "en/")]
)
def test_old_ward_address_opens_the_new_ward(
    phone_page: object, base_url: str, old: str, new: str, prefix: str
) -> None:
    phone_page.goto(base_url + f"{prefix}wards/{old}/")
    # At the line naming the old unit (issue 25: "Xã Bảo Quang nay thuộc Phường Bảo Vinh").
    phone_page.wait_for_url(base_url + f"{prefix}wards/{new}/#tu-{old}")
    assert phone_page.locator("article h1").inner_text().startswith("Phường")


def test_language_switch_on_a_ward_page(phone_page: object, base_url: str) -> None:
    phone_page.goto(base_url + "wards/bao-vinh/")
    phone_page.get_by_role("link", name="English", exact=True).click()
    phone_page.wait_for_url(base_url + "en/wards/bao-vinh/")
    assert "Contact the ward" in phone_page.inner_text("article")


WARD_PAGE_TITLES = {"wards/": "Danh bạ phường", "en/wards/": "Ward directory",
                    "wards/bao-vinh/": "Phường Bảo Vinh", "en/wards/bao-vinh/": "Phường Bảo Vinh",
                    "wards/binh-loc/": "Phường Bình Lộc"}


def test_the_directory_and_ward_pages_fit_phone_and_desktop_screens(
    phone_page: object, desktop_page: object, base_url: str
) -> None:
    """At 360 and 1280 px: the page's title shows at the top, nothing scrolls sideways. The screenshots are
    saved under screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for path, title in WARD_PAGE_TITLES.items():
        name = "wards" + ("-en" if path.startswith("en/") else "") + next(
            (f"-{slug}" for slug in ("bao-vinh", "binh-loc") if slug in path), "")
        for page, width in ((phone_page, 360), (desktop_page, 1280)):
            page.goto(base_url + path)
            heading = page.locator("article h1").first
            assert heading.inner_text().rstrip("#").strip() == title, f"{path} at {width} px"
            assert heading.bounding_box()["y"] < 400, f"{path} at {width} px: the title is not at the top"
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow} px wider than a {width} px screen"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


@pytest.fixture(scope="module")
def posters(browser: object, base_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every ward page, in both languages, printed by Chromium to an A4 PDF."""
    folder = tmp_path_factory.mktemp("posters")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    pdfs = {}
    for prefix in ("", "en/"):
        for slug in WARDS:
            page.goto(base_url + f"{prefix}wards/{slug}/", wait_until="networkidle")
            page.wait_for_function(
                "[...document.images].every(image => image.complete && image.naturalWidth > 0)"
            )
            pdf = folder / f"{prefix.strip('/') or 'vi'}-{slug}.pdf"
            page.pdf(path=str(pdf), format="A4")
            pdfs[f"{prefix}{slug}"] = pdf
    context.close()
    return pdfs


def test_each_ward_page_prints_as_one_a4_page(posters: dict[str, Path]) -> None:
    for name, pdf in posters.items():
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), f"{name}: {info}"
        assert re.search(r"Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info), info


def test_poster_has_name_province_and_no_site_navigation(posters: dict[str, Path]) -> None:
    text = subprocess.run(["pdftotext", str(posters["bao-vinh"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    squashed = re.sub(r"\s+", "", text)
    for words in ("Phường Bảo Vinh", "Tỉnh Đồng Nai", "dichvucong.gov.vn", "dichvucong.dongnai.gov.vn",
                  "BaoQuang24/7", "Chưa xác minh", "Quét mã QR"):
        assert re.sub(r"\s+", "", words) in squashed, words
    for chrome in ("Trang chủ", "Danh bạ phường", "Bổ sung", "Xem trên OpenStreetMap", "Cỡ chữ"):
        assert re.sub(r"\s+", "", chrome) not in squashed, chrome


def test_poster_qr_codes_decode_to_the_portal_addresses(posters: dict[str, Path]) -> None:
    import zxingcpp

    for name in ("long-khanh", "en/bao-vinh"):
        pdf = posters[name]
        prefix = pdf.with_suffix("")
        subprocess.run(["pdftoppm", "-gray", "-r", "150", str(pdf), str(prefix)], check=True)
        found: list[str] = []
        for pgm in sorted(pdf.parent.glob(prefix.name + "*.pgm")):
            found += [code.text for code in zxingcpp.read_barcodes(read_pgm(pgm))]
        for portal in PORTALS:
            assert portal in found, f"{name}: QR codes found: {found}"
