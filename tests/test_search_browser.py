"""Search in real Chromium (issue 5): typing into Material's search box, at 360 px and on desktop.

Queries with and without accents, in decomposed Unicode (NFD), in capitals, mixed ("đien"), a
synonym, a ward's former name; each language sees only its own pages. The folding in the browser
(overrides/assets/javascripts/search-fold.js) must equal handbook/search_fold.py.
"""

from __future__ import annotations

import re
import shutil
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import PHONE, ROOT, serve_directory
from handbook.search_fold import TRICKY_WORDS, fold

ELECTRICITY = "guides/dong-tien-dien/"
PORTAL_LOGIN = "guides/dang-nhap-dich-vu-cong/"


def open_search(page: object) -> object:
    """The search box, opened the way a reader does (the magnifier on a phone, the box on desktop)."""
    box = page.locator('input[data-md-component="search-query"]')
    magnifier = page.locator('label.md-header__button[for="__search"]')
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


def test_every_way_of_typing_finds_the_electricity_guide_first_on_a_phone(phone_page: object, base_url: str) -> None:
    assert VARIANTS["decomposed (NFD)"] != VARIANTS["with accents"]  # really different input
    found = {name: search(phone_page, base_url, "", query) for name, query in VARIANTS.items()}
    for name, pages in found.items():
        assert pages[0] == ELECTRICITY, f"{name}: {pages[:5]}"
    # The same pages, in the same order, whatever the reader's keyboard sent.
    first_five = {name: pages[:5] for name, pages in found.items()}
    assert len({tuple(pages) for pages in first_five.values()}) == 1, first_five


@pytest.mark.parametrize("query", ["dang nhap dich vu cong", "Đăng nhập dịch vụ công", "DANG NHAP DICH VU CONG"])
def test_portal_login_guide_comes_first_on_desktop(desktop_page: object, base_url: str, query: str) -> None:
    pages = search(desktop_page, base_url, "guides/", query)
    assert pages[0] == PORTAL_LOGIN, pages[:5]


def test_the_browser_folds_like_python(desktop_page: object, base_url: str) -> None:
    desktop_page.goto(base_url, wait_until="networkidle")
    words = list(TRICKY_WORDS)
    folded = desktop_page.evaluate("words => words.map(word => window.HandbookSearch.fold(word))", words)
    assert folded == [fold(word) for word in words]
    assert folded == list(TRICKY_WORDS.values())


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


def test_english_readers_typing_vietnamese_find_the_english_guide(desktop_page: object, base_url: str) -> None:
    pages = search(desktop_page, base_url, "en/", "dong tien dien")
    assert pages[0] == "en/" + ELECTRICITY, pages[:5]


# --------------------------------------------------------------------------------------------
# Material's own search without the handbook's script


def test_materials_search_still_works_without_the_handbook_script(phone_page: object, base_url: str) -> None:
    phone_page.route("**/search-fold.js", lambda route: route.abort())
    pages = search(phone_page, base_url, "", "Đóng tiền điện")
    assert phone_page.evaluate("typeof window.HandbookSearch") == "undefined"
    assert pages[0] == ELECTRICITY, pages[:5]
    assert not [page for page in pages if page.startswith("en/")], pages


# --------------------------------------------------------------------------------------------
# A Material patch release renames its hashed files


HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.js")


def test_nothing_of_ours_names_a_hashed_material_file() -> None:
    ours = [ROOT / "overrides" / "assets" / "javascripts" / "search-fold.js", ROOT / "overrides" / "hooks" / "search.py",
            ROOT / "handbook" / "search_index.py", ROOT / "overrides" / "main.html"]
    for path in ours:
        assert not HASHED.search(path.read_text(encoding="utf-8")), path


def test_search_survives_renamed_material_bundle_and_worker(browser: object, site_dir: Path, tmp_path: Path) -> None:
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
