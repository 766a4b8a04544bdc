"""Ward pages, the ward directory and old-address redirects in the built site (no browser)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from handbook.qr import qr_file_name
from handbook.safety.domains import check_url
from handbook.wards.registry import load_registry

WARDS = {
    "long-khanh": ("Phường Long Khánh", "26080", "10.9217", "107.288"),
    "bao-vinh": ("Phường Bảo Vinh", "26098", "10.9683", "107.278"),
    "xuan-lap": ("Phường Xuân Lập", "26104", "10.9139", "107.192"),
    "hang-gon": ("Phường Hàng Gòn", "26113", "10.8786", "107.217"),
    "binh-loc": ("Phường Bình Lộc", "26089", "10.9901", "107.223"),
}
LANGUAGES = {"vi": "", "en": "en/"}
# A ward page's own HTML (what grows if pages start carrying every ward, as a sidebar would). 30 KB until
# December 2026; 32 KB since the tools row, the line naming a ward's former units and the hotline's second
# source (Bình Lộc: 30.8 KB, about 8 KB gzip; the first-load budget of 70 KB is test_install_browser's).
MAX_PAGE_BYTES = 32 * 1024
_HREF = re.compile(r'<a\s[^>]*href="([^"]*)"')


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.:)])", r"\1", text).replace("( ", "(")


def article(html: str) -> str:
    return html[html.index("<article"): html.index("</article>")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", WARDS)
def test_each_ward_page_exists_in_both_languages(site_dir: Path, slug: str, lang: str) -> None:
    name, code, lat, lon = WARDS[slug]
    html = read(site_dir, f"{LANGUAGES[lang]}wards/{slug}/index.html")
    body = article(html)
    text = text_of(body)
    assert re.search(rf"<h1[^>]*>{name}", body)
    # the province tells it from Xã Long Khánh, Đồng Tháp
    assert f"{name}, Tỉnh Đồng Nai" in text and code in text
    hrefs = _HREF.findall(body)
    assert "https://dichvucong.gov.vn" in hrefs and "https://dichvucong.dongnai.gov.vn" in hrefs
    assert f"geo:{lat},{lon}" in hrefs
    assert f"https://www.openstreetmap.org/?mlat={lat}&amp;mlon={lon}#map=14/{lat}/{lon}" in hrefs
    assert "../../guides/" in hrefs and "../" in hrefs
    assert f"https://github.com/long-khanh-handbook/handbook/edit/main/docs/wards/{slug}.md" in hrefs
    for former in load_registry().former_of(code):
        assert former.name in text
    assert len(html.encode("utf-8")) < MAX_PAGE_BYTES


@pytest.mark.parametrize("slug", WARDS)
def test_unknown_channel_kinds_are_one_line_with_a_way_to_tell_us(site_dir: Path, slug: str) -> None:
    """Not seven rows of "no information": one line naming what is missing, and one link."""
    for prefix, start, words in (
        ("", "Chưa có:", ("Zalo", "e-mail")),
        ("en/", "Not yet known:", ("Zalo", "e-mail")),
    ):
        body = article(read(site_dir, f"{prefix}wards/{slug}/index.html"))
        lines = re.findall(r"<p class=\"ward-unknown[^\"]*\" data-unknown-kinds>(.*?)</p>", body, re.DOTALL)
        assert len(lines) == 1, lines
        line = text_of(lines[0])
        assert line.startswith(start) and all(word in line for word in words), line
        assert 'class="ward-invite"' in lines[0]
        assert "ward-missing" not in body
    website_listed = "trang web" in text_of(re.search(r"data-unknown-kinds>(.*?)</p>", article(
        read(site_dir, f"wards/{slug}/index.html")), re.DOTALL).group(1))
    assert website_listed == (slug != "binh-loc")  # Bình Lộc's website is known


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", WARDS)
def test_every_ward_shows_the_province_line_1022_with_source_and_status(
    site_dir: Path, slug: str, lang: str
) -> None:
    body = article(read(site_dir, f"{LANGUAGES[lang]}wards/{slug}/index.html"))
    cards = re.findall(
        r'<li class="ward-channel ward-channel--hotline ward-line" data-province-line>(.*?)</li>',
        body,
        re.DOTALL,
    )
    assert len(cards) == 1
    card = cards[0]
    assert 'href="tel:1022"' in card
    text = text_of(card)
    assert "Báo Đồng Nai, 03/09/2025" in text
    # confirmed by two Báo Đồng Nai articles (06/2025 and 03/09/2025; facts of 08/12/2026)
    assert ("Đã xác nhận" if lang == "vi" else "Confirmed") in text
    assert (
        "Tổng đài dịch vụ công tỉnh Đồng Nai"
        if lang == "vi"
        else "Đồng Nai province public-service call centre"
    ) in text
    # The Zalo account of the province is named, never linked (its link could not be read).
    account = body[body.index("ward-account"):]
    account = account[: account.index("</li>")]
    assert (
        "Cổng hành chính công tỉnh Đồng Nai" in text_of(account)
        and "href=" not in account.split("ward-meta")[0]
    )


def test_binh_loc_shows_its_website_and_its_service_centre(site_dir: Path) -> None:
    for prefix in LANGUAGES.values():
        body = article(read(site_dir, f"{prefix}wards/binh-loc/index.html"))
        channels = body[: body.index('id="duong-day-cua-tinh"')]
        assert 'class="ward-action" href="https://binhloc.dongnai.gov.vn"' in channels
        in_person = body[body.index('id="den-tan-noi"'):]
        in_person = text_of(in_person[: in_person.index("<h2")])
        assert "Đường N5, ấp 1, phường Bình Lộc" in in_person
        assert "Giờ hành chính" in in_person and "binhloc.dongnai.gov.vn" in in_person
    for slug in WARDS:
        if slug != "binh-loc":  # no other ward's centre address is known: the page says how to find it
            body = article(read(site_dir, f"wards/{slug}/index.html"))
            assert "Sổ tay chưa có địa chỉ Trung tâm phục vụ hành chính công" in text_of(body)
            assert "ward-offices" not in body


def test_the_only_known_channel_is_a_name_with_its_status_never_a_guessed_address(site_dir: Path) -> None:
    for prefix, words in (
        ("", ("BaoQuang24/7", "Chưa xác minh", "28/10/2022", "của Xã Bảo Quang cũ")),
        ("en/", ("BaoQuang24/7", "Unverified", "28 October 2022", "of the former Xã Bảo Quang")),
    ):
        body = article(read(site_dir, f"{prefix}wards/bao-vinh/index.html"))
        assert all(word in text_of(body) for word in words)
        assert "facebook.com" not in body and "zalo.me" not in body
    for slug in WARDS:
        assert "facebook.com" not in article(read(site_dir, f"wards/{slug}/index.html"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_external_link_on_ward_pages_is_on_the_allowlist(site_dir: Path, lang: str) -> None:
    for slug in WARDS:
        body = article(read(site_dir, f"{LANGUAGES[lang]}wards/{slug}/index.html"))
        for href in _HREF.findall(body):
            href = unescape(href)
            if href.startswith("https://github.com/"):
                continue  # the edit link for editors
            if href.startswith("https://"):
                assert check_url(href, map_link="openstreetmap.org" in href) is None, href


def test_qr_codes_are_files_next_to_a_tappable_link(site_dir: Path) -> None:
    body = article(read(site_dir, "wards/long-khanh/index.html"))
    for url in ("https://dichvucong.gov.vn", "https://dichvucong.dongnai.gov.vn"):
        name = qr_file_name(url)
        assert f'src="../../assets/qr/{name}"' in body
        card = body[body.rindex("<li", 0, body.index(name)): body.index("</li>", body.index(name))]
        assert f'href="{url}"' in card
        svg = read(site_dir, f"assets/qr/{name}")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_directory_lists_every_current_and_former_unit_in_both_languages(site_dir: Path) -> None:
    registry = load_registry()
    for prefix in LANGUAGES.values():
        html = read(site_dir, f"{prefix}wards/index.html")
        body = article(html)
        assert "<!-- ward-directory -->" not in body
        text = text_of(body)
        for unit in registry.units:
            assert unit.name in text
        for former in registry.former:
            assert former.name in text
        assert body.count('<ul class="ward-list') == 2
        former_list = body[body.index("ward-list--former"):]
        rows = re.findall(r"<li>(.*?)</li>", former_list[: former_list.index("</ul>")], re.DOTALL)
        assert len(rows) == 16
        bao_quang = next(row for row in rows if "Xã Bảo Quang" in row)
        assert 'href="bao-vinh/"' in bao_quang
        assert "assets/javascripts/ward-filter.js" in html and " onclick" not in html
        assert re.search(r'<div class="ward-filter" data-ward-filter hidden>', body)


def test_ward_pages_stay_out_of_the_sidebar(site_dir: Path) -> None:
    for path in ("index.html", "guides/index.html", "wards/index.html", "wards/bao-vinh/index.html"):
        html = read(site_dir, path)
        nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
        nav = nav[: nav.index("</nav>")]
        assert not re.search(r'href="[^"]*(long-khanh|bao-vinh|xuan-lap|hang-gon|binh-loc)/"', nav), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_old_addresses_redirect_to_the_new_ward(site_dir: Path, lang: str) -> None:
    for old, new in (("bao-quang", "bao-vinh"), ("xuan-an", "long-khanh"), ("xuan-thien", "binh-loc"),
                     ("bau-sen", "xuan-lap"), ("xuan-tan", "hang-gon")):
        html = read(site_dir, f"{LANGUAGES[lang]}wards/{old}/index.html")
        assert f'<meta http-equiv="refresh" content="0; url=../{new}/#tu-{old}">' in html
        assert f'<a href="../{new}/#tu-{old}">' in html and f'lang="{lang}"' in html
        assert 'name="robots" content="noindex"' in html
    # An old name that is also a current ward keeps the current page at its address.
    assert 'class="ward"' in read(site_dir, f"{LANGUAGES[lang]}wards/xuan-lap/index.html")


def test_ward_pages_are_in_the_search_index(site_dir: Path) -> None:
    for prefix in LANGUAGES.values():
        index = json.loads(read(site_dir, f"{prefix}search/search_index.json"))
        locations = {doc["location"] for doc in index["docs"]}
        assert f"{prefix}wards/bao-vinh/" in locations


def test_province_scope_generates_pages_for_wards_without_a_file(tmp_path: Path) -> None:
    """One setting (ward_scope in docs/area.yml) and the same hook builds all 95 units of tỉnh Đồng Nai."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    area = project / "docs" / "area.yml"
    area.write_text(
        re.sub(r"(?m)^ward_scope: \S+", "ward_scope: province:75", area.read_text("utf-8")), "utf-8"
    )
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p for p in (site / "wards").glob("*/index.html") if 'class="ward"' in p.read_text("utf-8")]
    en_pages = [
        p for p in (site / "en" / "wards").glob("*/index.html") if 'class="ward"' in p.read_text("utf-8")
    ]
    assert len(pages) == len(en_pages) == 95
    registry = load_registry("province:75")
    generated = next(u for u in registry.units if u.short_name == "Long Thành")
    html = read(site, "wards/long-thanh/index.html")
    assert "<h1" in html and generated.name in html and generated.code in html
    assert 'href="../../en/wards/long-thanh/"' in html  # the language switch stays on the page
    english = read(site, "en/wards/long-thanh/index.html")
    assert "Contact the ward" in english and 'lang="en"' in english
    assert "new/main/docs/wards?filename=long-thanh.md" in html  # invitation to create the file
    assert max(len(p.read_bytes()) for p in pages + en_pages) < MAX_PAGE_BYTES
    index = json.loads(read(site, "search/search_index.json"))
    assert not any(doc["location"].startswith("wards/long-thanh/") for doc in index["docs"])
    directory = read(site, "wards/index.html")
    assert directory.count('href="long-thanh/"') + directory.count('href="../long-thanh/"') >= 1
