"""Issue 13: every ordinary editor mistake gets a clear message (file, line, fix in Vietnamese and English).

Unit tests of the one reading path (handbook/frontmatter.py), dates in Việt Nam's time zone
(handbook/dates.py), the numbering plan (handbook/phones.py), channel address shapes
(handbook/wards/channel_urls.py) and the rules ``check`` and the build share (handbook/maintain/checks.py).
"""

from __future__ import annotations

import datetime
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.dates import parse_date, today_vn
from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import decode_content, load_yaml, split_front_matter
from handbook.guides.guide_files import load_guides
from handbook.lang import project_languages
from handbook.maintain.checks import check_content
from handbook.phones import AREA_CODES, PhoneError, parse_phone
from handbook.wards.channel_urls import channel_url_problem
from handbook.wards.registry import load_registry
from handbook.wards.ward_files import load_ward_dir

TODAY = datetime.date(2026, 11, 30)


def bilingual(error: ContentError) -> str:
    text = error.message()
    assert all(word in text for word in ("[vi] Lỗi:", "Cách sửa:", "[en] Error:", "Fix:")), text
    return text


# --- bytes → text ---------------------------------------------------------------------------------


def test_windows_1258_is_refused_with_the_file_line_and_how_to_save_as_utf8() -> None:
    data = "---\ntitle: x\n---\nĐóng tiền điện\n".encode("cp1258", errors="replace")
    with pytest.raises(ContentError) as raised:
        decode_content(data, "docs/guides/x.md")
    text = bilingual(raised.value)
    assert raised.value.file == "docs/guides/x.md" and "dòng 4 / line 4" in raised.value.where
    assert "Windows-1258" in text and "UTF-8" in raised.value.fix_en and "Save As" in raised.value.fix_en


def test_utf16_is_refused() -> None:
    with pytest.raises(ContentError) as raised:
        decode_content("---\ntitle: x\n---\n".encode("utf-16"), "docs/a.md")
    assert "UTF-16" in raised.value.problem_en


def test_a_byte_order_mark_is_removed_with_a_note() -> None:
    text, notes = decode_content(b"\xef\xbb\xbf---\ntitle: x\n---\n", "docs/a.md")
    assert text.startswith("---\n")
    assert [note.file for note in notes] == ["docs/a.md"] and "BOM" in notes[0].message()


def test_decomposed_text_is_normalised_and_its_line_noted() -> None:
    nfd = unicodedata.normalize("NFD", "Đóng tiền điện")
    text, notes = decode_content(f"---\ntitle: a\n---\nok\n{nfd}\n".encode(), "docs/a.md")
    assert "Đóng tiền điện" in text  # NFC: compares equal to what other pages write
    assert len(notes) == 1 and notes[0].where == "dòng 5 / line 5"  # a note, not an error (issue 26)
    assert "decomposed" in notes[0].en and "scripts/handbook fix" in notes[0].en


# --- strict YAML ----------------------------------------------------------------------------------


def test_yaml_keeps_what_the_editor_typed() -> None:
    data = load_yaml("phone: 02513456123\nshort: 0251\ntime: 1:20:30\nanswer: yes\nday: 2026-02-30\n"
                     "count: 10\nflag: true\nrate: 1.5\nbig: 1_000\n", "docs/a.md")
    assert data == {"phone": "02513456123", "short": "0251", "time": "1:20:30", "answer": "yes",
                    "day": "2026-02-30", "count": 10, "flag": True, "rate": 1.5, "big": "1_000"}
    assert parse_phone(data["phone"]).display == "0251 3456 123"


def test_a_key_written_twice_is_refused_at_its_second_line() -> None:
    with pytest.raises(ContentError) as raised:
        split_front_matter(
            "---\nward_code: '26080'\nchannels: []\nchannels:\n  - kind: x\n---\n", "docs/wards/a.md"
        )
    error = raised.value
    assert error.where.startswith("dòng 4 / line 4") and "channels" in error.where
    assert "lines 3 and 4" in error.problem_en and "silently lost" in error.problem_en
    bilingual(error)


def test_a_key_written_twice_inside_a_channel_is_refused() -> None:
    text = "---\nchannels:\n  - kind: hotline\n    value: '113'\n    value: '114'\n---\n"
    with pytest.raises(ContentError) as raised:
        split_front_matter(text, "docs/wards/a.md")
    assert raised.value.where.startswith("dòng 5 / line 5") and "value" in raised.value.where


@pytest.mark.parametrize(("front", "line", "words_en", "words_vi"), [
    # an empty list written above a list
    ("ward_code: '26080'\nchannels: []\n  - kind: hotline\n", 4, "'- …' line", "channels:"),
    # a quote opened and never closed: reported where it opens, not at the closing ---
    ('title: "Đóng tiền\nsummary: x\n', 2, "never closed", "dấu ngoặc"),
    # a colon inside a value
    ("title: x\nsummary: Bước 1: mở ứng dụng\n", 3, "colon", "ngoặc kép"),
    ("title: x\n\tsummary: y\n", 3, "Tab", "dấu cách"),
    ("title: x\nname: @phuong\n", 3, "special character", "ngoặc kép"),
])
def test_yaml_mistakes_get_plain_hints_at_the_right_line(
    front: str, line: int, words_en: str, words_vi: str
) -> None:
    with pytest.raises(ContentError) as raised:
        split_front_matter(f"---\n{front}---\nbody\n", "docs/a.md")
    text = bilingual(raised.value)
    assert raised.value.where.startswith(f"dòng {line} / line {line}"), text
    assert words_en in text and words_vi in text
    for jargon in ("<block", "scalar", "mapping values", "token"):
        assert jargon not in text


def test_unclosed_front_matter_is_named() -> None:
    with pytest.raises(ContentError) as raised:
        split_front_matter("---\ntitle: x\n\nText\n", "docs/a.md")
    assert "no --- line closes it" in raised.value.problem_en


# --- dates ----------------------------------------------------------------------------------------


def test_today_is_the_date_in_viet_nam() -> None:
    before_seven_utc = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)  # 06:30 in Long Khánh
    assert today_vn(before_seven_utc) == datetime.date(2026, 11, 30)
    assert today_vn(datetime.datetime(2026, 11, 30, 16, 59, tzinfo=datetime.UTC)) == datetime.date(
        2026, 11, 30
    )
    assert today_vn(datetime.datetime(2026, 11, 30, 17, 0, tzinfo=datetime.UTC)) == datetime.date(2026, 12, 1)


@pytest.mark.parametrize(("value", "words", "vietnamese"), [
    ("2026-02-30", "only 28 days", "chỉ có 28 ngày"), ("2024-02-30", "only 29 days", "chỉ có 29 ngày"),
    ("2026-11-31", "only 30 days", "chỉ có 30 ngày"), ("2026-13-01", "months are 1 to 12", "tháng 1 đến 12"),
    ("2026-00-10", "months are 1 to 12", "tháng 1 đến 12"),
    ("30/11/2026", "year-month-day", "năm-tháng-ngày"), (None, "year-month-day", "năm-tháng-ngày"),
])
def test_impossible_dates_are_explained(value: object, words: str, vietnamese: str) -> None:
    day, vi, en = parse_date(value)
    assert day is None and words in en and vietnamese in vi


def test_an_impossible_date_in_a_guide_names_the_file_and_line(tmp_path: Path) -> None:
    docs = _copy_guide(tmp_path, "dong-tien-dien")
    path = docs / "guides/dong-tien-dien.md"
    text = path.read_text(encoding="utf-8")
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("last_reviewed:"))) + 1
    path.write_text(text.replace("last_reviewed: 2026-11-27", "last_reviewed: 2026-02-30"), encoding="utf-8")
    _, errors = load_guides(docs, project_languages(ROOT), today=TODAY)
    mine = [e for e in errors if e.file == "docs/guides/dong-tien-dien.md" and "last_reviewed" in e.where]
    assert (
        mine
        and mine[0].where.startswith(f"dòng {line} / line {line}")
        and "only 28 days" in bilingual(mine[0])
    )


def test_an_impossible_checked_date_in_a_ward_names_the_line(tmp_path: Path) -> None:
    wards = tmp_path / "wards"
    shutil.copytree(ROOT / "docs/wards", wards)
    path = wards / "bao-vinh.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("checked: 2022-10-28", "checked: 2022-11-31"), encoding="utf-8")
    line = next(n for n, x in enumerate(text.split("\n"), 1) if x.strip().startswith("checked:"))
    with pytest.raises(ContentErrors) as raised:
        load_ward_dir(wards, load_registry(), TODAY)
    [error] = raised.value.errors
    assert error.where.startswith(f"dòng {line} / line {line}") and "only 30 days" in bilingual(error)


def test_checked_today_in_viet_nam_is_not_the_future(tmp_path: Path) -> None:
    wards = tmp_path / "wards"
    shutil.copytree(ROOT / "docs/wards", wards)
    path = wards / "bao-vinh.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("checked: 2022-10-28", "checked: 2026-12-01"),
        encoding="utf-8",
    )
    load_ward_dir(wards, load_registry(), datetime.date(2026, 12, 1))  # 06:30 on 1 December in Việt Nam
    with pytest.raises(ContentErrors) as raised:
        load_ward_dir(wards, load_registry(), datetime.date(2026, 11, 30))
    assert "in the future" in raised.value.errors[0].problem_en


# --- guides: review dates and translation pairs ---------------------------------------------------


def _copy_guide(tmp_path: Path, slug: str) -> Path:
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    for name in (f"{slug}.md", f"{slug}.en.md"):
        shutil.copy(ROOT / "docs/guides" / name, docs / "guides" / name)
    return docs


@pytest.mark.parametrize(("old", "new", "file", "words"), [
    ("next_review: 2027-05-27", "next_review: 2099-01-01", "dong-tien-dien.md", "more than 2 years ahead"),
    ("last_reviewed: 2026-11-27", "last_reviewed: 2026-12-25", "dong-tien-dien.md", "in the future"),
    ("category: payments", "category: safety", "dong-tien-dien.en.md", "the original file"),
    ("next_review: 2027-05-27", "next_review: 2027-05-28", "dong-tien-dien.en.md", "the original file"),
])
def test_review_dates_and_pairs(tmp_path: Path, old: str, new: str, file: str, words: str) -> None:
    docs = _copy_guide(tmp_path, "dong-tien-dien")
    path = docs / "guides" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, errors = load_guides(docs, project_languages(ROOT), today=TODAY)
    mine = [e for e in errors if e.file == f"docs/guides/{file}" and words in e.problem_en]
    assert mine, "\n".join(map(str, errors))
    assert mine[0].where.startswith("dòng ") and bilingual(mine[0])


# --- phones ---------------------------------------------------------------------------------------


def test_every_area_code_of_the_plan_is_accepted() -> None:
    assert len(AREA_CODES) == 63  # one per province before the 2025 mergers
    for code in AREA_CODES:
        number = code + "3" * (11 - len(code))
        phone = parse_phone(number)
        assert phone.kind == "landline" and phone.display.replace(" ", "") == number


@pytest.mark.parametrize(("raw", "kind", "paid"), [
    ("0912 345 678", "mobile", False), ("0389999000", "mobile", False), ("0562 345 678", "mobile", False),
    ("1800 1091", "hotline", False), ("1900 1006", "hotline", True), ("1900 123 456", "hotline", True),
    ("113", "short", False), ("114", "short", False), ("115", "short", False), ("111", "short", False),
    ("112", "short", False), ("1022", "short", False), ("156", "short", False), ("5656", "short", False),
])
def test_mobiles_hotlines_and_short_codes(raw: str, kind: str, paid: bool) -> None:
    phone = parse_phone(raw)
    assert (phone.kind, phone.paid) == (kind, paid)


def test_a_paid_number_says_so_in_the_readers_language() -> None:
    assert parse_phone("1900 1006").shown("en") == "1900 1006 (1900 number, the caller pays a premium rate)"
    assert "cước cao" in parse_phone("1900 1006").shown("vi")
    assert parse_phone("1800 1091").shown("vi") == "1800 1091"


@pytest.mark.parametrize(
    "raw", ["0302345678", "0952345678", "02233888999", "0251 388 899", "116", "1901 1006", "abc"]
)
def test_numbers_outside_the_plan_are_refused(raw: str) -> None:
    with pytest.raises(PhoneError) as raised:
        parse_phone(raw)
    assert raised.value.problem_vi and raised.value.problem_en


# --- channel address shapes -----------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "url", "app_id"), [
    ("fanpage", "https://www.facebook.com/BaoQuang247", None),
    ("fanpage", "https://www.facebook.com/ubnd.phuong.longkhanh/", None),
    ("zalo", "https://zalo.me/4318034327421431256", None),
    ("app", "https://play.google.com/store/apps/details?id=vn.gov.example", "vn.gov.example"),
    ("app", "https://apps.apple.com/vn/app/vneid/id1582750324", "id1582750324"),
])
def test_channel_addresses_of_the_right_shape(kind: str, url: str, app_id: str | None) -> None:
    assert channel_url_problem(kind, url, app_id) is None


@pytest.mark.parametrize(
    ("kind", "url", "app_id", "words"),
    [
        ("fanpage", "https://www.facebook.com", None, "home page"),
        ("fanpage", "https://www.facebook.com/", None, "home page"),
        ("fanpage", "https://www.facebook.com/groups/123456789", None, "a group"),
        (
            "fanpage",
            "https://web.facebook.com/BaoQuang247",
            None,
            "use www.facebook.com/…, e.g. https://www.facebook.com/BaoQuang247",
        ),
        ("fanpage", "https://m.facebook.com/BaoQuang247", None, "use www.facebook.com"),
        ("fanpage", "https://fb.com/BaoQuang247", None, "use www.facebook.com"),
        ("fanpage", "https://www.facebook.com/BaoQuang247/posts/123", None, "keep only the page name"),
        ("fanpage", "https://www.facebook.com/BaoQuang247?mibextid=abc", None, "delete from the ?"),
        ("fanpage", "https://www.facebook.com/profile.php?id=100064000000000", None, "personal profile"),
        ("fanpage", "https://www.facebook.com/people/Nguyen-Van-A/100064000000000", None, "personal profile"),
        ("zalo", "https://zalo.me/0912345678", None, "phone number"),
        ("zalo", "https://zalo.me/84912345678", None, "phone number"),
        ("zalo", "https://zalo.me/g/abcdef", None, "group"),
        ("zalo", "https://zalo.me", None, "home page"),
        ("zalo", "https://oa.zalo.me/home", None, "use https://zalo.me/<OA id>"),
        (
            "app",
            "https://play.google.com/store/apps/details?id=vn.gov.example",
            None,
            "there is no app_id field",
        ),
        (
            "app",
            "https://play.google.com/store/apps/details?id=vn.gov.example",
            "vn.other",
            "the app_id field says",
        ),
        ("app", "https://play.google.com/store/search?q=vneid", "vn.gov.example", "does not name one app"),
    ],
)
def test_channel_addresses_of_the_wrong_shape_get_the_fix(
    kind: str, url: str, app_id: str | None, words: str
) -> None:
    problem = channel_url_problem(kind, url, app_id)
    assert problem is not None
    assert words in problem.en + " " + problem.fix_en and problem.vi and problem.fix_vi


# --- rules on every file (check and the build) ----------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    from agreement import minimal_project

    return minimal_project(
        tmp_path / "project",
        {"guides/dong-tien-dien.md": (ROOT / "docs/guides/dong-tien-dien.md").read_bytes()},
    )


def _errors(project: Path) -> str:
    result = check_content(project, TODAY)
    for error in result.errors:
        bilingual(error)
    return "\n".join(error.message() for error in result.errors)


def test_the_minimal_project_passes(project: Path) -> None:
    assert _errors(project) == ""


def test_placeholders_fail(project: Path) -> None:
    path = project / "docs/guides/dong-tien-dien.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[VIẾT: điều người đọc thấy]\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    assert f"docs/guides/dong-tien-dien.md (dòng {line} / line {line})" in _errors(project)


def test_placeholders_shown_as_code_are_fine(project: Path) -> None:
    path = project / "docs/guides/dong-tien-dien.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nThay `[VIẾT: …]` bằng nội dung.\n", encoding="utf-8"
    )
    assert _errors(project) == ""


def test_non_ascii_file_names_fail(project: Path) -> None:
    (project / "docs/about/Đăng ký.md").write_text("---\ntitle: x\n---\n\n# x\n", encoding="utf-8")
    text = _errors(project)
    assert "docs/about/Đăng ký.md (tên tệp / file name)" in text and "dang-ky.md" in text


def test_images_over_the_limit_fail(project: Path) -> None:
    # The limit CONTRIBUTING.md and docs/guides/FORMAT.txt give editors: 300 KB (files start as real PNGs).
    signature = b"\x89PNG\r\n\x1a\n"
    (project / "docs/guides/anh.png").write_bytes(signature + b"\0" * (300 * 1024 - len(signature) + 1))
    (project / "docs/guides/vua.png").write_bytes(signature + b"\0" * (300 * 1024 - len(signature)))
    (project / "docs/guides/nho.png").write_bytes(signature + b"\0" * 1000)
    text = _errors(project)
    assert "docs/guides/anh.png (kích thước / size)" in text and "over the 300 KB limit" in text
    assert "vua.png" not in text and "nho.png" not in text


@pytest.mark.parametrize(
    ("link", "ok"),
    [
        ("tel:abc-scam", False),
        ("tel:0912", False),
        ("tel:02513888999", True),
        ("tel:1022", True),
        ("tel:+84912345678", True),
    ],
)
def test_tel_links_must_be_real_numbers(project: Path, link: str, ok: bool) -> None:
    path = project / "docs/guides/dong-tien-dien.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n[Gọi]({link})\n", encoding="utf-8")
    text = _errors(project)
    assert (text == "") == ok, text
    if not ok:
        assert f"liên kết / link '{link}'" in text


def test_a_vietnamese_page_linking_an_english_file_fails(project: Path) -> None:
    path = project / "docs/guides/dong-tien-dien.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nXem [bản tiếng Anh](nhan-biet-lua-dao.en.md).\n",
        encoding="utf-8",
    )
    text = _errors(project)
    assert "link 'nhan-biet-lua-dao.en.md'" in text and "'nhan-biet-lua-dao.md'" in text


def test_nfd_text_is_repaired_with_a_note_at_its_line(project: Path) -> None:
    path = project / "docs/guides/dong-tien-dien.md"
    text = path.read_text(encoding="utf-8") + "\n" + unicodedata.normalize("NFD", "Người dân") + "\n"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n")
    result = check_content(project, TODAY)
    assert result.errors == []
    assert [(note.file, note.where) for note in result.notes] == [
        ("docs/guides/dong-tien-dien.md", f"dòng {line} / line {line}")]


def test_the_synonyms_file_is_checked(project: Path) -> None:
    path = project / "docs/search-synonyms.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nvi:\n  - [a, b]\n", encoding="utf-8")
    assert "docs/search-synonyms.yml (dòng" in _errors(project) and "written twice" in _errors(project)
    path.write_bytes("vi:\n  - [điện, tiền điện]\n".encode("cp1258", errors="replace"))
    assert "docs/search-synonyms.yml (dòng 2 / line 2, mã hóa / encoding)" in _errors(project)


def test_the_area_file_is_checked(project: Path) -> None:
    path = project / "docs/area.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nname: Khác\n", encoding="utf-8")
    assert "docs/area.yml (dòng" in _errors(project) and "'name' is written twice" in _errors(project)


def test_a_bom_is_a_note_not_an_error(project: Path) -> None:
    path = project / "docs/guides/dong-tien-dien.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = check_content(project, TODAY)
    assert result.errors == [] and [note.file for note in result.notes] == ["docs/guides/dong-tien-dien.md"]


# --- ward-channel keeps line endings --------------------------------------------------------------


def test_ward_channel_keeps_crlf(tmp_path: Path) -> None:
    from handbook.wards.ward_edit import ChannelChange, set_channel

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs/wards", docs / "wards")
    path = docs / "wards/long-khanh.md"
    before = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(before)
    set_channel(docs, load_registry(), "long-khanh",
                ChannelChange("hotline", "0251 3888 999", "Thông báo của UBND phường", "confirmed"), TODAY)
    after = path.read_bytes()
    assert after.count(b"\r\n") == after.count(b"\n")  # every line still ends in CRLF
    added = set(after.split(b"\r\n")) - set(before.split(b"\r\n"))
    # The new channel was written, and only it: not the whole file.
    assert any(b"0251 3888 999" in line for line in added), added
    assert any("Thông báo của UBND phường".encode() in line for line in added), added
    assert len(added) <= 6, added


# --- the command line speaks Vietnamese first ------------------------------------------------------


def test_command_line_help_is_vietnamese_then_english(capsys: pytest.CaptureFixture[str]) -> None:
    from handbook.maintain.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "Cách dùng / usage:" in out and "tùy chọn / options:" in out
    assert out.index("kiểm tra mọi nội dung") < out.index("every content check")
    with pytest.raises(SystemExit):
        main(["ward-channel", "bao-vinh"])
    err = capsys.readouterr().err
    assert "Lỗi: thiếu tham số bắt buộc — Error: the following arguments are required" in err
