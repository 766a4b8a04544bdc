"""Safe Markdown (issue 9): one test per class of unsafe input an editor could write in docs/.

Each message must name the file and the line, say what is wrong and how to fix it, in Vietnamese
and in English (handbook/errors.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import ContentError
from handbook.safety.html_safety import check_docs, check_markdown, check_rendered_html, page_problems

FILE = "docs/guides/vi-du.md"
FRONT = "---\ntitle: Ví dụ\nsummary: Một trang ví dụ.\n---\n\n"  # 5 lines before the body


def errors_for(body: str) -> list[ContentError]:
    return check_markdown(FRONT + body, FILE)


def only_error(body: str, line: int) -> str:
    """The one error ``body`` has; asserts it names the file and the line, in both languages."""
    errors = errors_for(body)
    assert len(errors) == 1, "\n".join(str(error) for error in errors) or "no error"
    message = str(errors[0])
    assert message.startswith(f"{FILE} (dòng {line} / line {line})"), message
    assert "[vi] Lỗi:" in message and "Cách sửa:" in message, message
    assert "[en] Error:" in message and "Fix:" in message, message
    return message


# ---- tags -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("tag", "why_en"), [
    ("script", "runs code on the reader's phone"),
    ("iframe", "embeds another site's page"),
    ("object", "embeds another site's page"),
    ("embed", "embeds another site's page"),
    ("form", "trick readers into typing a password or an OTP code"),
    ("style", "changes the look"),
    ("svg", "runs code"),
])
def test_dangerous_tags_are_refused_with_the_reason(tag: str, why_en: str) -> None:
    message = only_error(f"Đoạn một.\n\n<{tag}>x</{tag}>\n", 8)
    assert f"<{tag}>" in message and why_en in message
    assert f"xóa thẻ <{tag}>" in message and f"remove the <{tag}> tag" in message


def test_a_fake_login_form_is_refused() -> None:
    body = '<div>\n<form action="https://dichvucong-gov.vn/login">\n<input name="otp">\n</form>\n</div>\n'
    errors = errors_for(body)
    assert [error.where for error in errors] == ["dòng 7 / line 7", "dòng 8 / line 8"]
    assert all("password or an OTP code" in str(error) for error in errors)


def test_unknown_tags_and_angle_brackets_used_as_text_are_explained() -> None:
    message = only_error("Nhắn tin <mã> gửi 1234.\n", 6)
    assert "<mã>" in message and "&lt;mã&gt;" in message and "not on the list of allowed tags" in message


# ---- attributes -----------------------------------------------------------------------------

def test_event_handler_attributes_are_refused() -> None:
    message = only_error('Bấm <span onclick="steal()">vào đây</span>.\n', 6)
    assert "'onclick'" in message and "run code when the reader taps" in message


def test_style_with_url_is_refused_as_tracking() -> None:
    message = only_error('<p style="background:url(https://evil.example/pixel.gif)">Chào</p>\n', 6)
    assert "url(" in message and "can track readers" in message


def test_plain_style_attributes_are_refused_because_the_policy_blocks_them() -> None:
    message = only_error('<span style="color:red">Chú ý</span>\n', 6)
    assert "security policy blocks styles" in message and "class" in message


def test_attributes_outside_the_allowlist_are_refused() -> None:
    message = only_error('<a href="../x.md" target="_blank">x</a>\n', 6)
    assert "'target'" in message and "Allowed here:" in message


def test_attr_list_cannot_add_event_handlers_or_styles() -> None:
    errors = errors_for('[Mở](../x.md){: onclick="steal()" }\n\n## Bước 1 {#buoc-1 style="color:red"}\n')
    assert [error.where for error in errors] == ["dòng 6 / line 6", "dòng 8 / line 8"]
    assert "'onclick'" in str(errors[0]) and "style" in str(errors[1])


# ---- addresses ------------------------------------------------------------------------------

@pytest.mark.parametrize("link", [
    "[Nhận quà](javascript:alert(1))",
    '<a href="javascript:alert(1)">Nhận quà</a>',
    '<a href="&#106;avascript:alert(1)">Nhận quà</a>',
    "[Nhận quà](JaVaScRiPt:alert(1))",
    "[Nhận quà](<java\tscript:alert(1)>)",
    "[Nhận quà](vbscript:msgbox)",
])
def test_javascript_links_are_refused_however_they_are_written(link: str) -> None:
    message = only_error(f"Xem {link} nhé.\n", 6)
    assert "script:'" in message and "can run code" in message


def test_data_links_are_refused() -> None:
    message = only_error("[Tải](data:text/html;base64,PHNjcmlwdD4=)\n", 6)
    assert "starts with 'data:'" in message


@pytest.mark.parametrize(("body", "line"), [
    ("![Ảnh](https://evil.example/pixel.gif)\n", 6),
    ('<img src="https://dichvucong.gov.vn/logo.png" alt="">\n', 6),
    ("![Ảnh][logo]\n\n[logo]: //evil.example/pixel.gif\n", 8),
    ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="">\n', 6),
])
def test_images_only_come_from_the_site_itself(body: str, line: int) -> None:
    message = only_error(body, line)
    assert "can track who reads" in message or "starts with 'data:'" in message
    assert "relative path" in message or "https://" in message


def test_relative_images_and_site_links_pass() -> None:
    body = (
        '![Màn hình](images/buoc-1.png)\n\n<img src="../images/a.png" alt="A">\n\n'
        '<span lang="en">English</span> [Bước 1](#buoc-1) [Danh bạ](../wards/index.md)\n\n'
        '<div class="hb-cards" markdown>\n**Đậm**<br>\n</div>\n\n'
        '[Gọi 1900 1006](tel:19001006) (số 1900, người gọi trả cước cao) '
        '<a href="../downloads/x.zip" download>Tải</a>\n'
    )
    assert errors_for(body) == []


@pytest.mark.parametrize(
    ("url", "why_en"),
    [
        ("https://dichvucong-gov.vn/dang-nhap", "looks like a government site but does not end in .gov.vn"),
        ("https://gov-vn.com", "looks like a government site but does not end in .gov.vn"),
        (
            "https://dichvucong.gov.vn.secure-login.com",
            "looks like a government site but does not end in .gov.vn",
        ),
        ("https://xn--dichvucng-r3a.gov.vn", "punycode (xn--), how look-alike domains are written"),
        ("https://dichvucông.gov.vn", "accented or unusual characters"),
        ("https://dichvucong.gov.vn@evil.example", "an @ before the domain"),
        ("http://dichvucong.gov.vn", "must start with https://"),
        ("https://bit.ly/abc", "not on the official-domain allowlist"),
        ("//evil.example/x", "must start with https://"),
    ],
)
def test_look_alike_and_unlisted_domains_are_refused_with_why(url: str, why_en: str) -> None:
    for body in (f"Vào [trang]({url}).\n", f'Vào <a href="{url}">trang</a>.\n', f"Vào <{url}>.\n"):
        if body.startswith("Vào <") and url.startswith("//"):
            continue  # not an autolink
        message = only_error(body, 6)
        assert why_en in message, message
        assert "handbook/safety/domains.py" in message


def test_allowlisted_official_links_pass() -> None:
    body = "[Cổng](https://dichvucong.gov.vn) <https://cskh.evnspc.vn> [CC](https://creativecommons.org/licenses/by/4.0/)\n"
    assert errors_for(body) == []


def test_mail_to_a_look_alike_domain_is_refused() -> None:
    message = only_error("[Gửi thư](mailto:hotro@dichvucong-gov.vn)\n", 6)
    assert "hotro@dichvucong-gov.vn" in message and "does not end in .gov.vn" in message


# ---- what is not Markdown is not checked, and line numbers are right ------------------------

def test_code_is_shown_not_run_so_it_is_not_refused() -> None:
    body = (
        "Viết `<script>` trong dấu nháy thì chỉ là chữ.\n\n"
        "```html\n<iframe src=\"https://evil.example\"></iframe>\n```\n\n"
        "    ~~~\n    <form>\n    ~~~\n\n"
        "<!-- <script>ghi chú</script> -->\n\n\\<b> thoát bằng dấu gạch.\n"
    )
    assert errors_for(body) == []


def test_unclosed_comment_hides_the_rest_of_the_page() -> None:
    message = only_error("Đoạn một.\n\n<!-- quên đóng\n\nĐoạn hai.\n", 8)
    assert "never closed" in message


def test_several_problems_are_reported_together_each_with_its_line() -> None:
    body = "Dòng sáu.\n<script>x()</script>\n\n[a](javascript:x)\n\n![b](https://evil.example/b.png)\n"
    assert [error.where for error in errors_for(body)] == [
        "dòng 7 / line 7", "dòng 9 / line 9", "dòng 11 / line 11",
    ]


def test_the_real_docs_are_safe() -> None:
    root = Path(__file__).resolve().parent.parent
    errors = check_docs(root / "docs")
    assert errors == [], "\n".join(str(error) for error in errors)


# ---- the safety net over rendered HTML, and whole pages ---------------------------------------

def test_rendered_html_added_by_code_is_checked_too() -> None:
    rendered = (
        '<p>Trang</p><script>steal()</script><img src="https://evil.example/p.gif">'
        '<a href="https://github.com/long-khanh-handbook/handbook/edit/main/docs/x.md">Sửa</a>'
        '<a href="https://www.openstreetmap.org/?mlat=10.9&mlon=107.2#map=14/10.9/107.2">Bản đồ</a>'
        '<script src="../assets/javascripts/ward-filter.js"></script>'
    )
    errors = check_rendered_html(rendered, FILE, source="Trang\n",
                                 trusted_prefixes=("https://github.com/long-khanh-handbook/handbook/",))
    assert len(errors) == 2
    assert all(error.where.endswith("content generated by the site's code") for error in errors)
    assert "<script>" in str(errors[0]) and "evil.example" in str(errors[1])


def test_a_finished_page_must_carry_the_policy_first_and_nothing_it_blocks() -> None:
    policy = "default-src 'self'"
    good = (
        f'<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<script src="a.js"></script><script id="__config" type="application/json">{}</script></head></html>'
    )
    assert page_problems(good, policy) == []
    assert "no <meta" in page_problems("<html><head></head></html>", policy)[0]
    late = '<html><head><script src="a.js"></script>' \
           f'<meta http-equiv="Content-Security-Policy" content="{policy}"></head></html>'
    assert "comes after" in page_problems(late, policy)[0]
    bad = good.replace("</head>", '</head><body onload="x()"><p style="color:red"></p><script>x()</script>')
    problems = page_problems(bad, policy)
    assert len(problems) == 3 and "event handler" in problems[0]
