"""Issue 13: ``scripts/handbook check`` and the build agree on each mistake the issue lists.

Each case changes ONE real file the way an editor would, then runs the check and the real strict build
(in-process, on a minimal copy: tests/agreement.py). Both must refuse it, with no traceback, naming the
file and the line, in Vietnamese and English; the build shows the same first message as the check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from agreement import check_and_build, minimal_project

from conftest import ROOT

WARD = "wards/bao-vinh.md"
GUIDE = "guides/dong-tien-dien.md"
PHONE_CHANNEL = ("  - kind: hotline\n    value: {value}\n    source: Thông báo của UBND phường\n"
                 "    checked: 2025-07-01\n    status: unverified\n")
URL_CHANNEL = ("  - kind: {kind}\n    value: {value}\n    source: Thông báo của UBND phường\n"
               "    checked: 2025-07-01\n    status: unverified\n")


def real(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def with_channel(channel: str) -> str:
    return real(WARD).replace("channels:\n", "channels:\n" + channel, 1)


def append(name: str, line: str) -> str:
    return real(name).rstrip("\n") + "\n\n" + line + "\n"


CASES: dict[str, tuple[str, bytes, str]] = {
    # case: (file, its new bytes, words the message must contain)
    # issue 23: the area's own names typed into a guide, and a local fact outside its block
    "province typed in a guide": (
        GUIDE, append(GUIDE, "Người dân tỉnh Đồng Nai trả tiền điện qua ngân hàng.").encode(),
        "{{ province }}",
    ),
    "power company typed in a guide": (
        "guides/dong-tien-dien.en.md",
        append("guides/dong-tien-dien.en.md", "Call EVNSPC if the power is cut.").encode(),
        "{{ power_short }}",
    ),
    "local fact outside its block": (
        GUIDE, append(GUIDE, "Gọi tổng đài {{ power_hotline }}.").encode(), "{{ if power_hotline }}",
    ),
    "impossible checked date": (
        WARD,
        real(WARD).replace("checked: 2022-10-28", "checked: 2026-11-31").encode(),
        "only 30 days",
    ),
    "impossible review date": (
        GUIDE,
        real(GUIDE).replace("last_reviewed: 2026-11-27", "last_reviewed: 2026-02-30").encode(),
        "only 28 days",
    ),
    "Windows-1258": (WARD, real(WARD).encode("cp1258", errors="replace"), "Windows-1258"),
    "duplicate key": (
        GUIDE,
        real(GUIDE).replace("category: payments\n", "category: payments\ncategory: safety\n").encode(),
        "written twice",
    ),
    "channels: [] above a list": (
        WARD,
        real(WARD).replace("channels:\n", "channels: []\n", 1).encode(),
        "'- …' line",
    ),
    "colon in a value": (
        GUIDE,
        re.sub(r"^summary: (.*)$", r"summary: Bước 1: \1", real(GUIDE), count=1, flags=re.MULTILINE).encode(),
        "put the whole value in quotes",
    ),
    "web.facebook.com": (
        WARD,
        with_channel(
            URL_CHANNEL.format(kind="fanpage", value="https://web.facebook.com/BaoVinh24h")
        ).encode(),
        "use www.facebook.com",
    ),
    "bare facebook.com": (
        WARD,
        with_channel(URL_CHANNEL.format(kind="fanpage", value="https://www.facebook.com")).encode(),
        "home page",
    ),
    "Zalo of a phone": (
        WARD,
        with_channel(URL_CHANNEL.format(kind="zalo", value="https://zalo.me/0912345678")).encode(),
        "phone number",
    ),
    "Zalo group invite": (
        WARD,
        with_channel(URL_CHANNEL.format(kind="zalo", value="https://zalo.me/g/abcdef")).encode(),
        "group",
    ),
    "store link without app_id": (
        WARD,
        with_channel(
            URL_CHANNEL.format(
                kind="app", value="https://play.google.com/store/apps/details?id=vn.gov.example"
            )
        ).encode(),
        "app_id",
    ),
    "phone outside the plan": (
        WARD,
        with_channel(PHONE_CHANNEL.format(value='"0223 3888 999"')).encode(),
        "area code",
    ),
    "tel:abc-scam": (GUIDE, append(GUIDE, "[Gọi](tel:abc-scam)").encode(), "real phone number"),
    "placeholder": (GUIDE, append(GUIDE, "[VIẾT: điều người đọc thấy]").encode(), "template text"),
    "link to x.en.md": (
        GUIDE,
        append(GUIDE, "Xem [hướng dẫn](nhan-biet-lua-dao.en.md).").encode(),
        "a link to a translation file",
    ),
    "next_review 2099": (
        GUIDE,
        real(GUIDE).replace("next_review: 2027-05-27", "next_review: 2099-01-01").encode(),
        "more than 2 years",
    ),
    "pair category differs": (
        "guides/dong-tien-dien.en.md",
        real("guides/dong-tien-dien.en.md").replace("category: payments", "category: safety").encode(),
        "the original file",
    ),
    "synonyms key twice": (
        "search-synonyms.yml",
        (real("search-synonyms.yml") + "\nvi:\n  - [a, b]\n").encode(),
        "written twice",
    ),
    "area file key twice": (
        "area.yml",
        (real("area.yml") + "\nward_scope: country\n").encode(),
        "written twice",
    ),
    "area language not a code": (
        "area.yml",
        real("area.yml").replace("\nlanguage: vi\n", "\nlanguage: Tiếng Việt\n").encode(),
        "is not a language code",
    ),
    "area file without its language": (
        "area.yml",
        real("area.yml").replace("\nlanguage: vi\n", "\n").encode(),
        "The 'language' entry is missing",
    ),
    "non-ASCII file name": ("guides/Đăng ký.md", b"---\ntitle: x\n---\n", "accents, spaces"),
    "ward directory marker removed": (
        "wards/index.md",
        real("wards/index.md").replace("<!-- ward-directory -->", "").encode(),
        "ward directory is inserted there",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_check_and_build_refuse_the_same_mistake_with_the_same_message(tmp_path: Path, case: str) -> None:
    name, data, words = CASES[case]
    project = minimal_project(tmp_path / "project", {name: data})
    outcome = check_and_build(project, tmp_path / "site")
    assert not outcome.check_traceback and not outcome.build_traceback, (
        outcome.check_traceback + outcome.build_traceback
    )
    assert "Traceback" not in outcome.build_text
    assert not outcome.check_ok and not outcome.build_ok, outcome.check_text
    # "docs/x.md (dòng 5 / line 5, …)"
    first = outcome.check_text.split("content error(s):\n", 1)[1].split("\n")[0]
    assert first.startswith("docs/") and first in outcome.build_text
    label = f"docs/{name}"
    mine = [block for block in re.split(r"\n(?=docs/)", outcome.check_text) if block.startswith(label)]
    assert mine, outcome.check_text
    assert any(words in block and "[vi] Lỗi:" in block and "[en] Error:" in block for block in mine), (
        outcome.check_text
    )
    # A file name, a missing line and the area file's entries (named by field, like "language") have no line.
    if case not in ("non-ASCII file name", "ward directory marker removed", "area language not a code",
                    "area file without its language"):
        assert any(re.match(rf"{re.escape(label)} \(dòng \d+ / line \d+", block) for block in mine), (
            outcome.check_text
        )


def test_valid_variants_pass_both(tmp_path: Path) -> None:
    """A ward file saved on Windows (CRLF, BOM) with unquoted numbers and an area code outside 0251."""
    channels = (PHONE_CHANNEL.format(value="02713888999")  # unquoted: read as the digits typed, never octal
                + PHONE_CHANNEL.format(value="113")
                + PHONE_CHANNEL.format(value='"1900 1006"')
                + URL_CHANNEL.format(kind="fanpage", value="https://www.facebook.com/BaoVinh24h"))
    text = with_channel(channels)
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    project = minimal_project(tmp_path / "project", {WARD: data})
    outcome = check_and_build(project, tmp_path / "site")
    assert outcome.check_ok and outcome.build_ok, (
        outcome.check_text + outcome.build_text + outcome.build_traceback
    )
    assert "BOM" in outcome.check_text and "BOM" in outcome.build_text  # a note, not an error
    page = (tmp_path / "site/wards/bao-vinh/index.html").read_text(encoding="utf-8")
    assert "0271 3888 999" in page and 'href="tel:+842713888999"' in page and 'href="tel:113"' in page
    assert "1900 1006 (số 1900, người gọi trả cước cao)" in page  # a paid number says so
