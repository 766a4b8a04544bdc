"""The province as data (docs/area.yml placeholders) and reporting a mistake without GitHub \
(extra.report_contact).

Rules are tested on their own (handbook/placeholders.py, handbook/wards/report_contact.py,
handbook/area.py); then ONE
temporary copy of the project is built with the province renamed to "thành phố" AND a team contact set, and \
read
as a resident would (the built HTML, and in Chromium at 360 px). The real build (no contact) is the "not \
set" case.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from conftest import copy_project, run_build, serve_directory
from handbook.area import check_area, placeholder_values
from handbook.area_file import load_area
from handbook.errors import ContentError
from handbook.placeholders import fill, unknown_placeholders
from handbook.wards.report_contact import mailto, parse_report_contact

ROOT = Path(__file__).resolve().parent.parent
CONTACT = {"email": "nhom.so.tay@example.org", "phone": "0900 000 000", "zalo": "0900 000 001"}
_HREF = re.compile(r'href="([^"]*)"')


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- placeholders ------------------------------------------------------------------------------------------


def test_placeholders_are_filled_from_the_area_file_in_the_page_language() -> None:
    area = load_area(ROOT / "docs")
    vi, en = placeholder_values(area, "vi"), placeholder_values(area, "en")
    text = "5 phường của {{ province }}. {{Province}} có cổng riêng; gọi {{ hotline }}."
    assert fill(text, vi) == "5 phường của tỉnh Đồng Nai. Tỉnh Đồng Nai có cổng riêng; gọi 1022."
    assert fill("wards of {{ province }}, button **{{ Province_vi }}**", en) == (
        "wards of Đồng Nai province, button **Tỉnh Đồng Nai**")
    assert fill("mã vùng {{ area_code }}, {{ area }}", vi) == "mã vùng 0251, Long Khánh"


def test_an_escaped_placeholder_is_shown_as_written_and_ordinary_braces_are_left_alone() -> None:
    values = {"province": "tỉnh Đồng Nai"}
    assert (
        fill("Viết \\{{ province }} để ra {{ province }}.", values)
        == "Viết {{ province }} để ra tỉnh Đồng Nai."
    )
    for text in ("## Bước 1 {#buoc-1}", "**Gửi**{lang=vi}", "{ .hb-review }", "a { b }"):
        assert fill(text, values) == text
        assert unknown_placeholders(text, values, "docs/x.md") == []


def test_an_unknown_placeholder_names_the_file_the_line_and_the_known_names() -> None:
    values = {"province": "tỉnh Đồng Nai", "hotline": "1022"}
    source = "---\ntitle: A\n---\n\nDòng một.\nGọi {{ hotline }} hoặc {{ tinh }}.\n\\{{ tinh }} thì được.\n"
    (error,) = unknown_placeholders(source, values, "docs/guides/a.md")
    assert error.file == "docs/guides/a.md" and "line 6" in error.where
    assert "{{ tinh }}" in error.problem_vi and "{{ tinh }}" in error.problem_en
    assert "{{ province }}" in error.fix_vi and "{{ hotline }}" in error.fix_en


def test_an_unknown_placeholder_in_the_area_file_names_its_field() -> None:
    area = yaml.safe_load((ROOT / "docs" / "area.yml").read_text("utf-8"))
    assert check_area(area) == []
    area["hotlines"][0]["name"]["vi"] = "Tổng đài của {{ tinh_thanh }}"
    errors = check_area(area)
    assert [error.where for error in errors] == ["hotlines[1].name.vi"]
    assert errors[0].file == "docs/area.yml"


def test_a_number_in_the_area_file_that_cannot_be_dialled_is_refused() -> None:
    area = yaml.safe_load((ROOT / "docs" / "area.yml").read_text("utf-8"))
    area["emergency"][0]["number"] = "1 1 3"  # spaces are fine: still 113
    area["emergency"][1]["number"] = "abc"
    (error,) = check_area(area)
    assert error.where == "emergency[2].number" and "abc" in error.problem_vi and "abc" in error.problem_en


# --- the team's contact ----------------------------------------------------------------------------------


def test_contact_not_set_or_empty_shows_nothing() -> None:
    assert parse_report_contact(None) is None
    assert parse_report_contact({}) is None


def test_contact_numbers_are_checked_like_ward_hotlines() -> None:
    contact = parse_report_contact(CONTACT)
    assert contact is not None and contact.email == CONTACT["email"]
    assert (contact.phone.display, contact.phone.href) == ("0900 000 000", "tel:+84900000000")
    assert (contact.zalo.display, contact.zalo.href) == ("0900 000 001", "https://zalo.me/0900000001")
    with pytest.raises(ContentError) as raised:
        parse_report_contact({"phone": "12345"})
    assert raised.value.where == "extra.report_contact.phone" and raised.value.file == "mkdocs.yml"
    with pytest.raises(ContentError) as raised:
        parse_report_contact({"facebook": "x"})
    assert "facebook" in raised.value.problem_vi and "email, phone, zalo" in raised.value.fix_en


@pytest.mark.parametrize(
    "email",
    [
        "nhom@",
        "nhom at example.org",
        "Nhóm <nhom@example.org>",
        "a@example.org, b@example.org",
        "a@example.org?cc=x@evil.example",
        "a@localhost",
    ],
)
def test_a_bad_email_is_refused_in_both_languages(email: str) -> None:
    with pytest.raises(ContentError) as raised:
        parse_report_contact({"email": email})
    error = raised.value
    assert error.where == "extra.report_contact.email"
    assert (
        "không phải một địa chỉ thư điện tử" in error.problem_vi
        and "is not an e-mail address" in error.problem_en
    )


def test_mailto_encodes_subject_and_body() -> None:
    link = mailto("a@example.org", "Báo lỗi trang: A & B", "Trang: https://x.vn/a?b=1\n\nLỗi")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "a@example.org"
    query = parse_qs(parts.query)
    assert query == {"subject": ["Báo lỗi trang: A & B"], "body": ["Trang: https://x.vn/a?b=1\n\nLỗi"]}


def test_without_the_setting_no_page_has_a_contact_link(site_dir: Path) -> None:
    for path in ("index.html", "guides/dong-tien-dien/index.html", "en/wards/bao-vinh/index.html"):
        html = (site_dir / path).read_text("utf-8")
        assert "mailto:" not in html and "hb-page-actions__contact" not in html and "zalo.me/09" not in html
        assert "hb-page-actions__report" in html  # the GitHub route is still there


def test_a_bad_email_in_mkdocs_yml_stops_the_build_with_a_clear_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  generator: false\n", "  generator: false\n  report_contact:\n    email: nhom.so.tay@\n", 1
        ),
        "utf-8",
    )
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "mkdocs.yml (extra.report_contact.email)" in output
    assert "[vi] Lỗi: «nhom.so.tay@» không phải một địa chỉ thư điện tử." in output
    assert "[en] Error: 'nhom.so.tay@' is not an e-mail address." in output
    assert "Traceback" not in output


# --- one build: province renamed, contact set --------------------------------------------------------------


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook with ONE line of docs/area.yml changed (kind: thành phố) and the team's contact set."""
    project = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    area = project / "docs" / "area.yml"
    text = area.read_text("utf-8")
    renamed = text.replace(
        "  kind:\n    vi: tỉnh\n    en: province\n", "  kind:\n    vi: thành phố\n    en: city\n"
    )
    assert renamed.count("\n") == text.count("\n") and renamed != text  # a one-line change (two languages)
    area.write_text(renamed, "utf-8")
    config = project / "mkdocs.yml"
    contact = "  report_contact:\n" + "".join(f'    {key}: "{value}"\n' for key, value in CONTACT.items())
    config.write_text(
        config.read_text("utf-8").replace("  generator: false\n", "  generator: false\n" + contact, 1),
        "utf-8",
    )
    site = tmp_path_factory.mktemp("renamed-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_renaming_the_province_rebuilds_every_mention(renamed_site: Path) -> None:
    pages = [p for p in renamed_site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 40
    for page in pages:
        html = page.read_text("utf-8")
        for old in ("tỉnh Đồng Nai", "Đồng Nai province"):
            assert old.lower() not in html.lower(), f"{page.relative_to(renamed_site)} still says {old!r}"
    home = text_of((renamed_site / "index.html").read_text("utf-8"))
    assert "Long Khánh (thành phố Đồng Nai)" in home
    assert "Đồng Nai city" in text_of((renamed_site / "en" / "index.html").read_text("utf-8"))
    ward = text_of((renamed_site / "wards" / "bao-vinh" / "index.html").read_text("utf-8"))
    assert "Phường Bảo Vinh, Thành phố Đồng Nai" in ward
    assert (
        "Tổng đài dịch vụ công thành phố Đồng Nai" in ward
        and "Cổng hành chính công thành phố Đồng Nai" in ward
    )
    guide = (renamed_site / "guides" / "nop-ho-so-truc-tuyen" / "index.html").read_text("utf-8")
    assert "Chọn <strong>Thành phố Đồng Nai</strong>" in guide
    summary = re.search(r'<meta name="description" content="([^"]*)"',
                        (renamed_site / "guides" / "tim-phuong-moi" / "index.html").read_text("utf-8"))
    assert summary is not None and "thành phố Đồng Nai" in unescape(summary.group(1))
    directory = text_of((renamed_site / "wards" / "index.html").read_text("utf-8"))
    assert "Thành phố Đồng Nai" in directory


@pytest.mark.parametrize(("path", "title"), [
    ("guides/dong-tien-dien/index.html", "Đóng tiền điện trên điện thoại"),
    ("en/wards/binh-loc/index.html", "Phường Bình Lộc"),
])
def test_with_the_setting_every_page_offers_a_prefilled_email_a_call_and_zalo(
        renamed_site: Path, path: str, title: str) -> None:
    html = (renamed_site / path).read_text("utf-8")
    block = html[html.index('id="bao-loi"'):]
    block = block[: block.index("</div>")]
    hrefs = [unescape(href) for href in _HREF.findall(block)]
    (email,) = [href for href in hrefs if href.startswith("mailto:")]
    parts = urlsplit(email)
    assert parts.path == CONTACT["email"]
    query = parse_qs(parts.query)
    page_url = "http://127.0.0.1:8000/" + path.removesuffix("index.html")
    assert title in query["subject"][0]
    assert page_url in query["body"][0] and page_url in unquote(email)
    assert "tel:+84900000000" in hrefs and "https://zalo.me/0900000001" in hrefs
    assert ("0900 000 000" in text_of(block)) and ("0900 000 001" in text_of(block))


def test_with_the_setting_the_ward_pages_tell_us_link_goes_to_the_contact(renamed_site: Path) -> None:
    html = (renamed_site / "wards" / "long-khanh" / "index.html").read_text("utf-8")
    line = re.search(r"data-unknown-kinds>(.*?)</p>", html, re.DOTALL)
    assert line is not None and 'href="#bao-loi"' in line.group(1)


def test_tapping_tell_us_on_a_phone_reaches_the_prefilled_email(browser: object, renamed_site: Path) -> None:
    server, url = serve_directory(renamed_site)
    try:
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(url + "wards/hang-gon/")
        page.locator("[data-unknown-kinds] a").tap()
        page.wait_for_url(url + "wards/hang-gon/#bao-loi")
        email = page.locator("#bao-loi a[href^='mailto:']")
        assert email.is_visible()
        box = email.bounding_box()
        assert box is not None and 0 <= box["y"] < 740
        assert "/wards/hang-gon/" in unquote(email.get_attribute("href") or "")  # the page's address
        context.close()
    finally:
        server.shutdown()
