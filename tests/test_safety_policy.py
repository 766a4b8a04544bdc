"""Issue 29's rules one by one, without a build: the built-page policy (lexbor), link rules, plain text,
registrable domains, published file types. The hostile-edit table (tests/test_safety_hostile.py) runs them
through check and the build."""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.safety.domains import registrable_domain_problem
from handbook.safety.html_safety import check_markdown, inside_prefix
from handbook.safety.link_rules import contact_problem, link_problem, tel_text_problem
from handbook.safety.page_policy import page_violations, site_violations
from handbook.safety.plain_text import markdown_literal, markup_problem
from handbook.safety.published_files import DATA_FILES

REPO = "https://github.com/long-khanh-handbook/handbook"
EVIL = "https://evil.example/x"


def doc(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    ("html", "words"),
    [
        (doc(f'<!--> <meta http-equiv="refresh" content="0;url={EVIL}"> -->'), "refresh"),
        (doc(f'<!---> <a href="{EVIL}">dichvucong.gov.vn</a> -->'), "evil.example"),
        (doc(f'<svg><a href="{EVIL}"><text>dichvucong.gov.vn ↗</text></a></svg>'), "<svg><a>"),
        (doc('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>'), "<svg><set>"),
        (doc('<svg><animate attributeName="href" values="https://evil.example"/></svg>'), "<svg><animate>"),
        (doc(f'<svg><use href="{EVIL}#i"/></svg>'), "loads something from outside"),
        (doc(f'<img src="a.png" srcset="a.png 1x, {EVIL}.png 2x">'), "loads something from outside"),
        (doc("<p>x</p>", f'<meta http-equiv="refresh" content="0;url={EVIL}">'), "refresh"),
        (doc("<p>x</p>", '<meta http-equiv="set-cookie" content="a=b">'), "http-equiv"),
        (doc("<p>x</p>", f'<base href="{EVIL}/">'), "<base>"),
        (doc("<p>x</p>", f'<link rel="preload" href="{EVIL}.js">'), "link type"),
        (doc(f'<script src="{EVIL}.js"></script>'), "loads something from outside"),
        (doc("<script>alert(1)</script>"), "inline script"),
        (doc('<p onclick="alert(1)">x</p>'), "event handlers"),
        (doc(f'<iframe src="{EVIL}"></iframe>'), "<iframe>"),
        (doc(f'<form action="{EVIL}"><input type="password"></form>'), "no form"),
        (doc('<input type="text" placeholder="Nhập mã OTP">'), "no form"),
        (doc('<a href="javascript:alert(1)">x</a>'), "javascript"),
        (doc('<a href="java&#x09;script:alert(1)">x</a>'), "javascript"),
        (doc(f'<a href="{REPO}/../../other-user/page">Sửa</a>'), "github.com"),
        (doc(f'<a href="{REPO}/%2e%2e/%2e%2e/other-user/page">Sửa</a>'), "github.com"),
        (doc('<p><a href="tel:19001234">0251 3888 999</a></p>'), "shows the number"),
        (doc('<p><a href="tel:19001234">Gọi tổng đài</a></p>'), "premium rate"),
        (doc('<a href="sms:8077?body=DK">x</a>'), "'sms:' link"),
        (doc('<a href="mailto:a@dongnai.gov.vn?bcc=b@evil.example">x</a>'), "several addresses or"),
        (doc('<a href="https://www.facebook.com/l.php?u=https%3A%2F%2Fevil.example">x</a>'), "redirector"),
    ],
)
def test_the_page_policy_refuses(html: str, words: str) -> None:
    found = " | ".join(str(violation) for violation in page_violations(html, "guides/x/index.html", [REPO]))
    assert words in found, found


@pytest.mark.parametrize(
    ("html", "name"),
    [
        (doc(f'<a href="{REPO}/edit/main/docs/guides/x.md">Sửa</a>'), "guides/x/index.html"),
        (doc('<p><a href="tel:19001006">Gọi 1900 1006 (số 1900, người gọi trả cước cao)</a></p>'), "x.html"),
        (doc('<a href="mailto:ubnd@dongnai.gov.vn?subject=G%C3%B3p%20%C3%BD">Thư</a>'), "x.html"),
        (doc('<input type="radio" name="__tabbed_1"><input type="search">'), "x.html"),
        (doc('<svg viewBox="0 0 24 24"><path d="M0 0h24"/></svg>'), "x.html"),
        ('<html><head><meta http-equiv="refresh" content="0; url=../long-khanh/"></head></html>',
         "wards/xuan-tan/index.html"),
        ('<html><head><meta http-equiv="refresh" content="0; url=../long-khanh/"></head></html>',
         "en/wards/xuan-tan/index.html"),
    ],
)
def test_the_page_policy_allows_what_the_site_needs(html: str, name: str) -> None:
    assert page_violations(html, name, [REPO]) == []


def test_a_redirect_page_may_refresh_only_to_the_site() -> None:
    html = f'<html><head><meta http-equiv="refresh" content="0; url={EVIL}"></head></html>'
    assert page_violations(html, "wards/xuan-tan/index.html")
    # a ward page with content (not a redirect page) may not refresh, even inside the site
    ward = doc("<p>Phường</p>", '<meta http-equiv="refresh" content="0; url=../long-khanh/">')
    assert page_violations(ward, "wards/xuan-lap/index.html")


def test_the_real_site_passes_the_policy_quickly(site_dir: Path) -> None:
    started = time.process_time()
    violations = site_violations(site_dir, ("http://127.0.0.1:8000/", REPO))
    seconds = time.process_time() - started
    assert violations == []
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    assert seconds < 0.02 * pages, (seconds, pages)  # ~2 ms a page measured; 20 ms a page on a loaded machine


@pytest.mark.parametrize(
    ("url", "inside"),
    [
        (f"{REPO}/edit/main/docs/x.md", True),
        (f"{REPO}", True),
        (f"{REPO}/../../other-user/page", False),
        (f"{REPO}/%2E%2E/%2e%2e/other", False),
        (f"{REPO}-evil/page", False),
        ("https://user@github.com/long-khanh-handbook/handbook/x", False),
        ("http://github.com/long-khanh-handbook/handbook/x", False),
    ],
)
def test_inside_prefix_resolves_dot_segments(url: str, inside: bool) -> None:
    assert inside_prefix(url, (REPO,)) is inside


@pytest.mark.parametrize(
    ("url", "text", "context", "words"),
    [
        ("tel:19001234", "0251 3888 999", "", "shows the number"),
        ("tel:+842513888999", "0251 3888 990", "", "shows the number"),
        ("tel:1900-1234", "Gọi tổng đài", "", "premium rate"),
        ("tel:19001234", "1900 1234", "Gọi số này", "premium rate"),
    ],
)
def test_tel_links_say_what_they_call(url: str, text: str, context: str, words: str) -> None:
    problem = tel_text_problem(url, text, context)
    assert problem is not None and words in problem[2]


@pytest.mark.parametrize(
    ("url", "text", "context"),
    [
        ("tel:+842513888999", "0251 3888 999", ""),
        ("tel:19001006", "1900 1006", "(số 1900, người gọi trả cước cao)"),
        ("tel:113", "Gọi 113", ""),
        ("tel:19001006", "Gọi 1900 1006 (số 1900, người gọi trả cước cao)", ""),
    ],
)
def test_honest_tel_links_pass(url: str, text: str, context: str) -> None:
    assert tel_text_problem(url, text, context) is None


@pytest.mark.parametrize(
    "url",
    ["sms:8077", "SMS:+84912345678?body=x", "mailto:a@dongnai.gov.vn,b@evil.example",
     "mailto:a@dongnai.gov.vn;b@evil.example", "mailto:a@dongnai.gov.vn%2Cb@evil.example",
     "mailto:a@dongnai.gov.vn?bcc=b@evil.example", "mailto:a@dongnai.gov.vn?subject=x&cc=b@evil.example"],
)
def test_contact_links_that_copy_or_text_someone_are_refused(url: str) -> None:
    assert contact_problem(url) is not None


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://www.facebook.com/l.php?u=https%3A%2F%2Fevil.example", "redirector"),
        ("https://dichvucong.gov.vn/url?q=https://evil.example", "redirector"),
        ("https://dichvucong.gov.vn/x?next=%2F%2Fevil.example", "redirector"),
        ("https://bit.ly/abc", "shortener"),
        ("https://play.google.com/store/apps/details?id=com.evil.vneid", "does not name"),
        ("https://apps.apple.com/vn/app/vneid/id123456789", "does not name"),
        ("https://zalo.me/0912345678", "a person"),
        ("https://zalo.me/g/abcdef", "group"),
        ("https://www.facebook.com/groups/x", "a group"),
        ("https://m.facebook.com/ubndphuong", "another form of Facebook"),
    ],
)
def test_links_that_hide_where_they_go_are_refused(url: str, words: str) -> None:
    problem = link_problem(url)
    assert problem is not None and words in problem[2], problem


@pytest.mark.parametrize("url", ["https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
                                 "https://www.facebook.com/UBNDPhuongBaoVinh", "https://zalo.me/1234567890123"])
def test_official_links_pass_the_link_rules(url: str) -> None:
    assert link_problem(url) is None


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ('Ứng dụng "VNeID" – bước 1: mở app', True),
        ("Sở Tài nguyên & Môi trường", True),
        ("Giá 5.000đ/tháng (cước 1.000 đ/phút)", True),
        ("A <b>đậm</b>", False),
        ("A < /script>", False),
        ("x &#60;script&#62;", False),
        ("x &lt;b", False),
        ("x &quot; y", False),
        ("[VNeID](https://evil.example)", False),
        ("![x](a.png)", False),
        ("Tiêu đề {: onclick=x }", False),
        ("mã `x`", False),
    ],
)
def test_plain_text_fields_refuse_markup(text: str, plain: bool) -> None:
    assert (markup_problem(text) is None) is plain


def test_plain_text_is_pasted_into_markdown_literally() -> None:
    import markdown  # type: ignore[import-untyped]

    text = 'A <b>x</b> & [y](https://e.example) *z* `c` \\'
    html = markdown.markdown(markdown_literal(text))
    assert html == "<p>A &lt;b&gt;x&lt;/b&gt; &amp; [y](https://e.example) *z* `c` \\</p>"


def test_the_guides_front_matter_placeholders_are_filled_on_the_built_page(site_dir: Path) -> None:
    """A source title with ``{{ province_vi }}`` is pasted literally, yet the build still fills it."""
    page = (site_dir / "en/guides/nop-ho-so-truc-tuyen/index.html").read_text(encoding="utf-8")
    assert "Cổng Dịch vụ công tỉnh Đồng Nai" in page and "province" + "_vi" not in page


@pytest.mark.parametrize(
    ("domain", "ok"),
    [("com", False), ("vn", False), ("com.vn", False), ("gov.vn", False), ("github.io", False),
     ("blogspot.com", False), ("evnspc.vn", True), ("cskh.evnspc.vn", True), ("dongnai.gov.vn", True),
     ("xn--evnspc-9za.vn", False), ("1.2.3.4", False), ("EVNSPC.VN", False), ("evnspc.vn/x", False)],
)
def test_area_domains_must_be_registrable(domain: str, ok: bool) -> None:
    assert (registrable_domain_problem(domain) is None) is ok


def test_the_public_suffix_list_makes_no_network_request(monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook.safety import domains

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network request")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    domains._suffix_list.cache_clear()
    assert registrable_domain_problem("com") is not None
    assert registrable_domain_problem("evnspc.vn") is None


def test_the_data_files_are_never_published() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("exclude_docs: |\n", 1)[1].split("\n\n", 1)[0]
    assert {line.strip().lstrip("/") for line in block.splitlines()} == DATA_FILES


def test_comments_end_where_browsers_end_them() -> None:
    for opening in ("<!-->", "<!--->"):
        body = f'{opening} <a href="https://evil.example">x</a> -->'
        assert check_markdown(f"# T\n\n{body}\n", "docs/x.md"), body
    assert check_markdown('# T\n\n<!-- <a href="https://evil.example">x</a> -->\n', "docs/x.md") == []


def test_backticks_are_code_outside_raw_html_and_html_inside_it() -> None:
    assert check_markdown('# T\n\nGõ `<a href="https://evil.example">` như chữ.\n', "docs/x.md") == []
    inside = check_markdown('# T\n\n<div>\n`<a href="https://evil.example">x</a>`\n</div>\n', "docs/x.md")
    assert inside and re.search(r"evil\.example", str(inside[0]))
    markdown_div = '# T\n\n<div markdown>\n`<a href="https://evil.example">x</a>`\n</div>\n'
    assert check_markdown(markdown_div, "docs/x.md") == []
