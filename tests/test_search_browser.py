"""Search in real Chromium (issues 5, 16): typing into Material's search box, at 360 px and on desktop.

Queries with and without accents, in decomposed Unicode (NFD), in capitals, mixed ("đien"), a
synonym, a ward's former name; each language sees only its own pages. The folding and decoding in
the browser (overrides/assets/javascripts/vi-typing.js) must equal handbook/search/search_fold.py on the
shared cases (tests/data/fold-cases.json). Accent-free matches are marked in the results and on
the opened page; the ward filter matches names first. The big query table is test_search_quality.py.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import PHONE, ROOT, serve_directory
from handbook.search import search_fold

CASES = json.loads((ROOT / "tests" / "data" / "fold-cases.json").read_text(encoding="utf-8"))

ELECTRICITY = "guides/dong-tien-dien/"
PORTAL_LOGIN = "guides/dang-nhap-dich-vu-cong/"


def open_search(page: object) -> object:
    """The search box, opened the way a reader does (the magnifier on a phone, the box on desktop)."""
    box = page.locator('input[data-md-component="search-query"]')
    magnifier = page.locator('[data-hb-search-button]')
    if magnifier.is_visible():  # a phone: the box waits off screen until the magnifier is tapped
        magnifier.click()
    box.click()
    return box


def result_pages(page: object, base_url: str, timeout: float = 15.0) -> list[str]:
    """The pages in the result list, in order (site paths without ?h= or #), once it stops changing."""
    read = """items => items.map(item => item.querySelector('a.md-search-result__link').href)"""
    deadline = time.monotonic() + timeout
    previous: list[str] | None = None
    while time.monotonic() < deadline:
        hrefs = page.locator("li.md-search-result__item").evaluate_all(read)
        if hrefs and hrefs == previous:
            paths = []
            for href in hrefs:
                path = urlsplit(href).path
                assert path.startswith(urlsplit(base_url).path), href
                paths.append(path[len(urlsplit(base_url).path):])
            return paths
        previous = hrefs
        page.wait_for_timeout(400)
    raise AssertionError(f"no stable search results within {timeout} s (last: {previous})")


def search(page: object, base_url: str, path: str, query: str) -> list[str]:
    """Open ``path``, type ``query`` into the search box key by key, return the result pages."""
    page.goto(base_url + path, wait_until="networkidle")
    box = open_search(page)
    box.press_sequentially(query, delay=25)
    assert box.input_value() == query  # what the reader typed, byte for byte (NFD stays NFD)
    return result_pages(page, base_url)


# --------------------------------------------------------------------------------------------
# Accents, NFD, capitals, mixed


VARIANTS = {
    "without accents": "dong tien dien",
    "with accents": "Đóng tiền điện",
    "decomposed (NFD)": unicodedata.normalize("NFD", "Đóng tiền điện"),
    "capitals": "ĐÓNG TIỀN ĐIỆN",
    "mixed": "đong tien đien",
}


def test_every_way_of_typing_finds_the_electricity_guide_first_on_a_phone(
    phone_page: object, base_url: str
) -> None:
    assert VARIANTS["decomposed (NFD)"] != VARIANTS["with accents"]  # really different input
    found = {name: search(phone_page, base_url, "", query) for name, query in VARIANTS.items()}
    for name, pages in found.items():
        assert pages[0] == ELECTRICITY, f"{name}: {pages[:5]}"
    # The same pages, in the same order, whatever the reader's keyboard sent.
    first_five = {name: pages[:5] for name, pages in found.items()}
    assert len({tuple(pages) for pages in first_five.values()}) == 1, first_five


@pytest.mark.parametrize(
    "query", ["dang nhap dich vu cong", "Đăng nhập dịch vụ công", "DANG NHAP DICH VU CONG"]
)
def test_portal_login_guide_comes_first_on_desktop(desktop_page: object, base_url: str, query: str) -> None:
    pages = search(desktop_page, base_url, "guides/", query)
    assert pages[0] == PORTAL_LOGIN, pages[:5]


def test_the_browser_folds_and_decodes_like_python(desktop_page: object, base_url: str) -> None:
    """The module the page really loads, run in Chromium on the shared cases."""
    desktop_page.goto(base_url + "wards/", wait_until="networkidle")
    got = desktop_page.evaluate("""cases => {
        const t = window.HandbookTyping;
        const keys = t.syllableKeys(cases.syllables);
        return {
          fold: cases.fold.map(([text]) => t.fold(text)),
          decode: cases.decode.map(([word]) => t.decodeWord(word)),
          normalize: cases.normalize.map(([query]) => t.normalizeQuery(query, keys)),
          site_syllables: cases.site_syllables.map(([text]) => t.syllables([text])),
          searchFold: cases.fold.map(([text]) => window.HandbookSearch.fold(text)),
        };
    }""", CASES)
    for name in ("fold", "decode", "normalize", "site_syllables"):
        assert got[name] == [expected for _, expected in CASES[name]], name
    assert got["searchFold"] == got["fold"]  # the search box uses the same module
    assert got["fold"] == [search_fold.fold(text) for text, _ in CASES["fold"]]


# --------------------------------------------------------------------------------------------
# Synonyms and wards


def test_a_synonym_finds_pages_that_never_use_the_word(phone_page: object, base_url: str) -> None:
    # "cmnd" (the old ID card) is on no page; docs/search-synonyms.yml ties it to "căn cước".
    pages = search(phone_page, base_url, "", "cmnd")
    assert "guides/kich-hoat-vneid/" in pages[:5], pages
    assert not [page for page in pages if page.startswith("en/")]


def test_an_english_synonym_finds_the_scam_guide(desktop_page: object, base_url: str) -> None:
    # "fraud" is on no English page; the synonyms file ties it to "scam".
    pages = search(desktop_page, base_url, "en/", "fraud")
    assert pages[0] == "en/guides/nhan-biet-lua-dao/", pages[:5]


@pytest.mark.parametrize(
    ("path", "query", "ward"),
    [
        ("", "bao quang", "wards/bao-vinh/"),  # Xã Bảo Quang -> Phường Bảo Vinh
        ("wards/", "Xã Bảo Quang", "wards/bao-vinh/"),
        ("", "xuan an", "wards/long-khanh/"),  # Phường Xuân An -> Phường Long Khánh
        ("", "suoi tre", "wards/binh-loc/"),  # Phường Suối Tre -> Phường Bình Lộc
        ("", "binh loc", "wards/binh-loc/"),  # the current name
        ("en/", "bao quang", "en/wards/bao-vinh/"),
    ],
)
def test_a_ward_is_found_by_its_former_and_current_names(
    phone_page: object, base_url: str, path: str, query: str, ward: str
) -> None:
    pages = search(phone_page, base_url, path, query)
    assert pages[0] == ward, pages[:5]


# --------------------------------------------------------------------------------------------
# Languages


def test_vietnamese_pages_show_vietnamese_results_only(phone_page: object, base_url: str) -> None:
    requested: list[str] = []
    phone_page.on("request", lambda request: requested.append(request.url))
    pages = search(phone_page, base_url, "guides/dong-tien-dien/", "vneid")
    assert len(pages) >= 3, pages
    assert not [page for page in pages if page.startswith("en/")], pages
    assert not [url for url in requested if "en/search/" in url]  # the English index is not downloaded


def test_english_pages_show_english_results_only(phone_page: object, base_url: str) -> None:
    requested: list[str] = []
    phone_page.on("request", lambda request: requested.append(request.url))
    pages = search(phone_page, base_url, "en/guides/dong-tien-dien/", "vneid")
    assert len(pages) >= 3, pages
    assert all(page.startswith("en/") for page in pages), pages
    assert [url for url in requested if url.endswith("en/search/search_index.json")]


def test_english_readers_typing_vietnamese_find_the_english_guide(
    desktop_page: object, base_url: str
) -> None:
    pages = search(desktop_page, base_url, "en/", "dong tien dien")
    assert pages[0] == "en/" + ELECTRICITY, pages[:5]


# --------------------------------------------------------------------------------------------
# Material's own search without the handbook's script


def test_materials_search_still_works_without_the_handbook_script(phone_page: object, base_url: str) -> None:
    # search-fold.js is in the search's own script (handbook/publish/bundle.py SEARCH_JS): make it fail there
    # (its strict-mode assignment to a read-only window.HandbookSearch throws); the index still goes
    # to Material's search worker once that script has run.
    phone_page.add_init_script("Object.defineProperty(window, 'HandbookSearch', {value: undefined})")
    pages = search(phone_page, base_url, "", "Đóng tiền điện")
    assert phone_page.evaluate("typeof window.HandbookSearch") == "undefined"
    assert pages[0] == ELECTRICITY, pages[:5]
    assert not [page for page in pages if page.startswith("en/")], pages


# --------------------------------------------------------------------------------------------
# A Material patch release renames its hashed files


HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.js")


def test_nothing_of_ours_names_a_hashed_material_file() -> None:
    ours = [
        ROOT / "overrides" / "assets" / "javascripts" / "search-fold.js",
        ROOT / "overrides" / "hooks" / "search.py",
        ROOT / "handbook" / "search" / "search_index.py",
        ROOT / "overrides" / "main.html",
    ]
    for path in ours:
        assert not HASHED.search(path.read_text(encoding="utf-8")), path


def test_search_survives_renamed_material_bundle_and_worker(
    browser: object, site_dir: Path, tmp_path: Path
) -> None:
    """Simulate a patch release: Material's bundle and search worker get new hashed names."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    scripts = site / "assets" / "javascripts"
    renamed = {}
    for old in [*scripts.glob("bundle.*.min.js"), *(scripts / "workers").glob("search.*.min.js")]:
        new = old.with_name(HASHED.sub(".0badc0de.min.js", old.name))
        old.rename(new)
        renamed[old.name] = new.name
    assert len(renamed) == 2, renamed
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for old_name, new_name in renamed.items():
            text = text.replace(old_name, new_name)
        html.write_text(text, encoding="utf-8")
    server, url = serve_directory(site)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        assert search(page, url, "", "dong tien dien")[0] == ELECTRICITY
        english = search(page, url, "en/", "bao quang")
        assert english[0] == "en/wards/bao-vinh/" and all(p.startswith("en/") for p in english), english
        assert [u for u in requested if "workers/search.0badc0de.min.js" in u]  # the renamed worker ran
    finally:
        context.close()
        server.shutdown()


# --------------------------------------------------------------------------------------------
# Issue 16: loading, highlighting, ward filter


def test_the_index_loads_only_when_search_is_opened(phone_page: object, base_url: str) -> None:
    requested: list[str] = []
    phone_page.on("request", lambda request: requested.append(request.url))
    phone_page.goto(base_url + "guides/", wait_until="networkidle")
    phone_page.wait_for_timeout(500)
    assert not [url for url in requested if "search_index" in url or "/workers/search." in url]
    pages = search(phone_page, base_url, "guides/", "ddoong tieenf ddieenj")  # Telex, no input method
    assert pages[0] == ELECTRICITY, pages[:5]
    # The words as typed are not listed as missing ("Không: ~~ddoong~~") under the results.
    shown = " ".join(phone_page.locator("li.md-search-result__item").all_inner_texts())
    assert not [word for word in ("ddoong", "tieenf", "ddieenj") if word in shown], shown[:300]
    assert [url for url in requested if url.endswith("search/search_index.json")]


def test_accent_free_matches_are_marked_in_the_results_and_on_the_opened_page(
    phone_page: object, base_url: str
) -> None:
    search(phone_page, base_url, "", "dong tien dien")
    first = phone_page.locator("li.md-search-result__item").first
    marked = first.locator("mark").all_inner_texts()
    assert {"Đóng", "tiền", "điện"} <= set(marked), marked
    # Material adds the query to the result's address (?h=); the opened page marks the words too.
    href = first.locator("a.md-search-result__link").first.get_attribute("href")
    assert "h=" in href, href
    with phone_page.expect_navigation():
        first.locator("a.md-search-result__link").first.tap()
    phone_page.wait_for_load_state("networkidle")
    on_page = phone_page.locator("article.md-content__inner mark[data-md-highlight]").all_inner_texts()
    assert {"Đóng", "tiền", "điện"} <= set(on_page), on_page[:10]


def test_a_page_opened_without_a_query_has_no_marks(phone_page: object, base_url: str) -> None:
    phone_page.goto(base_url + ELECTRICITY, wait_until="networkidle")
    assert phone_page.locator("article mark[data-md-highlight]").count() == 0


def ward_rows(page: object, text: str) -> list[str]:
    box = page.locator("#ward-filter-input")
    box.fill(text)
    return [row.strip() for row in page.locator("[data-ward-list] > li:not([hidden])").all_inner_texts()]


def test_the_ward_filter_matches_names_before_the_province(phone_page: object, base_url: str) -> None:
    phone_page.goto(base_url + "wards/", wait_until="networkidle")
    every = ward_rows(phone_page, "")
    # Most rows carry a "Thành phố …" (the former city): the words "xuan" and "thanh" are in many rows.
    assert sum("Thành phố" in row and "Xuân" in row for row in every) >= 5
    rows = ward_rows(phone_page, "xuan thanh")
    assert rows and len(rows) <= 2, rows
    assert any(row.startswith("Phường Xuân Thanh") for row in rows), rows  # the former ward itself
    assert any(row.startswith("Phường Long Khánh") for row in rows), rows  # the ward that took it over
    # Telex and VNI typed without an input method, and no accents at all, give the same rows.
    assert ward_rows(phone_page, "xuaan thanh") == ward_rows(phone_page, "xua6n tha2nh") == rows
    # The province still counts when no name matches ("tỉnh Đồng Nai": every unit).
    assert len(ward_rows(phone_page, "dong nai")) == len(every)
    assert ward_rows(phone_page, "baor quang")[0].startswith("Phường Bảo Vinh")


def test_without_the_shared_module_the_ward_list_stays_whole(phone_page: object, base_url: str) -> None:
    # vi-typing.js is part of the search's own script (handbook/publish/bundle.py SEARCH_JS): without that
    # script (a failed download on slow data) ward-filter.js, a separate file, finds no HandbookTyping.
    phone_page.route("**/assets/javascripts/search-fold.*.min.js", lambda route: route.abort())
    phone_page.goto(base_url + "wards/", wait_until="networkidle")
    assert not phone_page.is_visible("#ward-filter-input")  # no half-working filter
    assert phone_page.locator("[data-ward-list] > li:not([hidden])").count() >= 20
