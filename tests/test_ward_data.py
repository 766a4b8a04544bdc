"""Ward data rules, tested without MkDocs: phone numbers, the domain allowlist, and ward files.

Every bad input must give a ContentError that names the file and the field and says what is wrong
and how to fix it, in Vietnamese and English. One test builds a broken copy of the site to show
that the real build stops with that message.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from handbook.area import area_portals, names_language
from handbook.area_file import project_area
from handbook.errors import ContentError, ContentErrors
from handbook.phones import PhoneError, parse_phone
from handbook.safety.domains import ALLOWED, check_url, url_rejection
from handbook.wards.registry import load_registry
from handbook.wards.ward_files import KINDS, load_ward_dir

TODAY = date(2026, 11, 27)


# Phone numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "kind", "display", "tel"), [
    ("0912345678", "mobile", "0912 345 678", "tel:+84912345678"),
    ("0912 345 678", "mobile", "0912 345 678", "tel:+84912345678"),
    ("+84 912.345.678", "mobile", "0912 345 678", "tel:+84912345678"),
    ("84-912-345-678", "mobile", "0912 345 678", "tel:+84912345678"),
    ("0389 999 000", "mobile", "0389 999 000", "tel:+84389999000"),
    ("(0251) 3888 999", "landline", "0251 3888 999", "tel:+842513888999"),
    ("02513888999", "landline", "0251 3888 999", "tel:+842513888999"),
    ("1900 1006", "hotline", "1900 1006", "tel:19001006"),
    ("19009000", "hotline", "1900 9000", "tel:19009000"),
    ("1800 123 456", "hotline", "1800 123 456", "tel:1800123456"),
    # every area of the numbering plan, not only the handbook's own (issue 13)
    ("0271 3888 999", "landline", "0271 3888 999", "tel:+842713888999"),
    ("028 3822 1234", "landline", "028 3822 1234", "tel:+842838221234"),
    ("0274.3822.123", "landline", "0274 3822 123", "tel:+842743822123"),
    ("113", "short", "113", "tel:113"),
    ("1022", "short", "1022", "tel:1022"),
    (19001006, "hotline", "1900 1006", "tel:19001006"),  # a plain YAML number: the digits as typed
])
def test_valid_phone_numbers_get_one_display_form_and_a_tel_link(
    raw: str, kind: str, display: str, tel: str
) -> None:
    phone = parse_phone(raw)
    assert (phone.kind, phone.display, phone.tel) == (kind, display, tel)


@pytest.mark.parametrize("raw", [
    "091234567",  # 9 digits
    "09123456789",  # 11 digits
    "0212345678",  # not a mobile prefix
    "02233888999",  # 0223 is no area code
    "0251388899",  # landline one digit short
    "1900 100",  # hotline too short
    "1700 1006",  # not 1800/1900
    "0912 ABC 678",
    "",
    19001006.0,  # a decimal number
    True,
    169,  # what YAML 1.1 made of an unquoted 0251
    "0951234567",  # 095 is no mobile prefix
    "123",  # not a national short code
    None,
])
def test_invalid_phone_numbers_are_refused_with_a_bilingual_reason(raw: object) -> None:
    with pytest.raises(PhoneError) as error:
        parse_phone(raw)
    assert error.value.problem_vi and error.value.problem_en


# Official-domain allowlist ---------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://dichvucong.gov.vn",
    "https://dichvucong.dongnai.gov.vn/",
    "https://dongnai.gov.vn/tin-tuc?id=1",
    "https://www.facebook.com/some.page",
    "https://facebook.com/some.page",
    "https://zalo.me/1234567890",
    "https://oa.zalo.me/home",
    "https://play.google.com/store/apps/details?id=vn.example",
    "https://apps.apple.com/vn/app/example/id1",
    "https://cskh.evnspc.vn",
    "https://tinnhiemmang.vn",
])
def test_official_addresses_are_allowed(url: str) -> None:
    assert check_url(url) is None


@pytest.mark.parametrize(("url", "word"), [
    ("http://dichvucong.gov.vn", "https"),
    ("https://dichvucong-gov.vn", ".gov.vn"),
    ("https://gov-vn.com", ".gov.vn"),
    ("https://dichvucong.gov.vn.example.com", ".gov.vn"),
    ("https://dichvucongdongnai.com", "allowlist"),
    ("https://facebook.com.example.net/page", "allowlist"),
    ("https://xn--dchvcng-2xa.gov.vn", "punycode"),
    ("https://dịchvụcông.gov.vn", "accented"),
    ("https://gov.vn@example.com", "@"),
    ("https://example.com\\@dichvucong.gov.vn", "backslash"),
    ("https://dichvucong.gov.vn:8443", "port"),
    ("https://203.0.113.9", "IP"),
    ("javascript:alert(1)", "https"),
    ("https://dichvucong.gov.vn./", "malformed"),
    ("https://www.openstreetmap.org/?mlat=1&mlon=2", "map links"),
    ("https://l.facebook.com/l.php?u=x", "allowlist"),
    (" https://dichvucong.gov.vn", "spaces"),
])
def test_look_alike_and_unsafe_addresses_are_refused(url: str, word: str) -> None:
    reason = check_url(url)
    assert reason is not None and word in reason
    rejection = url_rejection(url)
    assert rejection is not None and rejection.vi and rejection.en


def test_map_links_may_use_openstreetmap_only_as_map_links() -> None:
    url = "https://www.openstreetmap.org/?mlat=10.9683&mlon=107.278#map=14/10.9683/107.278"
    assert check_url(url, map_link=True) is None
    assert check_url(url) is not None


def test_every_allowlist_entry_is_justified_and_the_areas_portals_pass() -> None:
    assert all(rule.why for rule in ALLOWED)
    area = project_area()
    portals = area_portals(area, names_language(area))
    assert portals and all(check_url(portal.url) is None for portal in portals)


# Ward files -----------------------------------------------------------------------------------

GOOD_CHANNELS = """channels:
  - kind: fanpage
    value: https://www.facebook.com/example.ward
    name: Example24/7
    source: https://dongnai.gov.vn
    checked: 2025-08-01
    status: reported
  - kind: zalo
    value: https://zalo.me/1234567890123456
    source: Quyết định số 1/QĐ-UBND
    checked: 2025-08-01
    status: confirmed
  - kind: website
    value: https://longkhanh.dongnai.gov.vn
    source: Quyết định số 1/QĐ-UBND
    checked: 2025-08-01
    status: confirmed
  - kind: hotline
    value: "0251 3888 999"
    source: Quyết định số 1/QĐ-UBND
    checked: 2025-08-01
    status: confirmed
  - kind: email
    value: ubnd@dongnai.gov.vn
    source: Quyết định số 1/QĐ-UBND
    checked: 2025-08-01
    status: confirmed
  - kind: office
    value: Số 1 đường Ví Dụ
    hours: Thứ Hai–Thứ Sáu, 7:00–17:00
    source: Quyết định số 1/QĐ-UBND
    checked: 2025-08-01
    status: confirmed
  - kind: app
    value: https://play.google.com/store/apps/details?id=vn.example
    app_id: vn.example
    source: Quyết định số 1/QĐ-UBND
    checked: 2025-08-01
    status: unverified
"""


def write_ward(
    folder: Path, slug: str, code: str, extra: str = "", body: str = "", en: str | None = None
) -> None:
    (folder / f"{slug}.md").write_text(f'---\nward_code: "{code}"\n{extra}---\n{body}', encoding="utf-8")
    if en is None:
        en = f'---\nward_code: "{code}"\n---\n'
    if en != "":
        (folder / f"{slug}.en.md").write_text(en, encoding="utf-8")


@pytest.fixture
def wards_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "wards"
    folder.mkdir()
    for name in ("index.md", "index.en.md"):
        (folder / name).write_text("---\ntitle: x\n---\n<!-- ward-directory -->\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def errors_for(folder: Path, registry) -> list[ContentError]:
    with pytest.raises(ContentErrors) as raised:
        load_ward_dir(folder, registry, TODAY)
    for error in raised.value.errors:
        text = error.message()
        assert "[vi] Lỗi:" in text and "Cách sửa:" in text and "[en] Error:" in text and "Fix:" in text
    return raised.value.errors


def one_error(folder: Path, registry) -> ContentError:
    errors = errors_for(folder, registry)
    assert len(errors) == 1, [e.message() for e in errors]
    return errors[0]


def test_the_real_ward_files_are_valid(registry) -> None:
    # the day Bình Lộc was checked
    wards = load_ward_dir(ROOT / "docs" / "wards", registry, date(2026, 11, 30))
    assert set(wards) == {"long-khanh", "bao-vinh", "xuan-lap", "hang-gon", "binh-loc"}
    (fanpage,) = wards["bao-vinh"].channels
    assert (fanpage.kind, fanpage.name, fanpage.value, fanpage.status) == (
        "fanpage",
        "BaoQuang24/7",
        None,
        "unverified",
    )
    assert fanpage.former_unit == "Xã Bảo Quang"
    website, office = wards["binh-loc"].channels
    assert (website.kind, website.value, website.status) == (
        "website",
        "https://binhloc.dongnai.gov.vn",
        "reported",
    )
    assert office.kind == "office" and office.value.startswith("Đường N5, ấp 1") and office.hours
    assert all(not ward.channels for slug, ward in wards.items() if slug not in ("bao-vinh", "binh-loc"))


def test_every_channel_kind_parses_and_is_normalised(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", GOOD_CHANNELS)
    ward = load_ward_dir(wards_dir, registry, TODAY)["long-khanh"]
    assert [channel.kind for channel in ward.channels] == list(KINDS)
    hotline = ward.channels[3]
    assert hotline.value == "02513888999" and hotline.line == 20  # the "- kind: hotline" line


def test_a_channel_text_is_at_most_200_characters(wards_dir: Path, registry) -> None:
    """Opening hours (any text of a channel) fit on a phone's card: 200 characters, not more."""
    hours = "hours: Thứ Hai–Thứ Sáu, 7:00–17:00"
    for length in (200, 201):
        write_ward(wards_dir, "long-khanh", "26080", GOOD_CHANNELS.replace(hours, "hours: " + "x" * length))
        if length == 200:
            assert len(load_ward_dir(wards_dir, registry, TODAY)["long-khanh"].channels[5].hours) == 200
        else:
            error = one_error(wards_dir, registry)
            assert "channels[6].hours" in error.where and "longer than 200 characters" in error.problem_en


def test_misspelt_channel_kind(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", GOOD_CHANNELS.replace("kind: fanpage", "kind: fanpag"))
    error = one_error(wards_dir, registry)
    assert error.file.endswith("docs/wards/long-khanh.md")
    assert "channels[1].kind" in error.where and "dòng 4 / line 4" in error.where
    assert "fanpag" in error.problem_en and "Did you mean 'fanpage'" in error.problem_en
    assert "fanpage" in error.problem_vi


@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("2025-13-01", "year-month-day"),
        ("28/10/2022", "year-month-day"),
        ("2027-01-01", "future"),
        ("soon", "year-month-day"),
    ],
)
def test_bad_checked_date(wards_dir: Path, registry, value: str, word: str) -> None:
    write_ward(
        wards_dir, "long-khanh", "26080", GOOD_CHANNELS.replace("checked: 2025-08-01", f"checked: {value}", 1)
    )
    error = one_error(wards_dir, registry)
    assert "channels[1].checked" in error.where and word in error.problem_en


@pytest.mark.parametrize(("code", "words"), [
    ("99999", ["no ward or commune has the code 99999"]),
    ("26092", ["Xã Bảo Quang", "Phường Bảo Vinh (26098)"]),  # a former code
    ("1234", ["exactly 5 digits"]),
])
def test_unknown_ward_code(wards_dir: Path, registry, code: str, words: list[str]) -> None:
    write_ward(wards_dir, "long-khanh", code)
    errors = errors_for(wards_dir, registry)
    assert any(all(word in e.problem_en for word in words) and "ward_code" in e.where for e in errors)


def test_ward_code_outside_the_scope(wards_dir: Path, registry) -> None:
    dong_thap = next(u for u in registry.all_units.values() if u.name == "Xã Long Khánh")
    write_ward(wards_dir, "long-khanh", dong_thap.code)
    error = one_error(wards_dir, registry)
    assert "Tỉnh Đồng Tháp" in error.problem_en and "outside" in error.problem_en


def test_file_name_must_match_the_ward(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "bao-vinh", "26104")
    error = one_error(wards_dir, registry)
    assert "Phường Xuân Lập" in error.problem_en and "xuan-lap.md" in error.fix_en


def test_two_wards_with_one_code(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080")
    write_ward(wards_dir, "long-khanh-2", "26080")
    error = one_error(wards_dir, registry)
    assert "two files for one ward" in error.problem_en and "ward_code" in error.where
    assert {Path(error.file).name, error.problem_en.split("used by docs/wards/")[1].split(":")[0]} == {
        "long-khanh.md", "long-khanh-2.md"}


def test_two_wards_with_one_address(wards_dir: Path, registry) -> None:
    office = """channels:
  - kind: office
    value: Số 1 đường Ví Dụ
    hours: 7:00–17:00
    source: Quyết định số 1/QĐ-UBND
    checked: 2025-08-01
    status: confirmed
"""
    write_ward(wards_dir, "long-khanh", "26080", office)
    write_ward(wards_dir, "bao-vinh", "26098", office.replace("Số 1 đường", "số 1  Đường"))
    error = one_error(wards_dir, registry)
    assert "office" in error.where and "belongs to one ward only" in error.problem_en
    other = "long-khanh.md" if error.file.endswith("bao-vinh.md") else "bao-vinh.md"
    assert other in error.problem_en


@pytest.mark.parametrize("value", ['"0251 388 899"', '"0912 34 56"', '"0223 3888 999"', '"tổng đài"', "1.5"])
def test_invalid_phone_number(wards_dir: Path, registry, value: str) -> None:
    write_ward(wards_dir, "long-khanh", "26080", GOOD_CHANNELS.replace('"0251 3888 999"', value))
    error = one_error(wards_dir, registry)
    assert "channels[4].value" in error.where and "phone" in error.problem_en


@pytest.mark.parametrize(("old", "new", "word"), [
    ("https://www.facebook.com/example.ward", "https://www.facebook-vn.com/example.ward", "allowlist"),
    ("https://www.facebook.com/example.ward", "http://www.facebook.com/example.ward", "https"),
    ("https://www.facebook.com/example.ward", "https://zalo.me/123", "facebook.com"),
    ("https://longkhanh.dongnai.gov.vn", "https://dichvucong-gov.vn", ".gov.vn"),
    ("https://longkhanh.dongnai.gov.vn", "https://cskh.evnspc.vn", ".gov.vn domain"),
    ("https://play.google.com/store/apps/details?id=vn.example", "https://apkpure.example/x", "allowlist"),
    ("ubnd@dongnai.gov.vn", "ubnd@gmail.com", ".gov.vn"),
])
def test_url_outside_the_allowlist(wards_dir: Path, registry, old: str, new: str, word: str) -> None:
    write_ward(wards_dir, "long-khanh", "26080", GOOD_CHANNELS.replace(old, new))
    error = one_error(wards_dir, registry)
    assert ".value" in error.where and word in error.problem_en


def test_source_link_outside_the_allowlist(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", GOOD_CHANNELS.replace("source: https://dongnai.gov.vn",
                                                                       "source: https://news.example.com/a"))
    error = one_error(wards_dir, registry)
    assert "channels[1].source" in error.where and "name of the document" in error.fix_en


@pytest.mark.parametrize(("remove", "field"), [
    ("    source: https://dongnai.gov.vn\n", "channels[1].source"),
    ("    status: reported\n", "channels[1].status"),
    ("    checked: 2025-08-01\n    status: reported\n", "channels[1].checked"),
    ("    hours: Thứ Hai–Thứ Sáu, 7:00–17:00\n", "channels[6].hours"),
    ("    value: https://zalo.me/1234567890123456\n", "channels[2].value"),
])
def test_missing_required_field(wards_dir: Path, registry, remove: str, field: str) -> None:
    channels = GOOD_CHANNELS.replace(remove, "", 1)
    if "checked" in remove:
        channels = channels.replace(
            "    name: Example24/7\n", "    name: Example24/7\n    status: reported\n", 1
        )
    write_ward(wards_dir, "long-khanh", "26080", channels)
    error = one_error(wards_dir, registry)
    assert field in error.where, error.message()


def test_missing_ward_code(tmp_path: Path, wards_dir: Path, registry) -> None:
    (wards_dir / "long-khanh.md").write_text("---\nchannels: []\n---\n", encoding="utf-8")
    (wards_dir / "long-khanh.en.md").write_text('---\nward_code: "26080"\n---\n', encoding="utf-8")
    error = one_error(wards_dir, registry)
    assert (
        error.file.endswith("long-khanh.md") and "ward_code" in error.where and "missing" in error.problem_en
    )


def test_unknown_field_gets_a_suggestion(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", "chanels: []\n")
    error = one_error(wards_dir, registry)
    assert "chanels" in error.where and "Did you mean 'channels'" in error.problem_en


def test_name_only_channel_needs_unverified_status(wards_dir: Path, registry) -> None:
    channel = """channels:
  - kind: fanpage
    name: BaoQuang24/7
    source: Báo Đồng Nai, 28/10/2022
    checked: 2022-10-28
    status: {status}
"""
    write_ward(wards_dir, "bao-vinh", "26098", channel.format(status="unverified"))
    assert load_ward_dir(wards_dir, registry, TODAY)["bao-vinh"].channels[0].value is None
    write_ward(wards_dir, "bao-vinh", "26098", channel.format(status="confirmed"))
    assert "value" in one_error(wards_dir, registry).where


def test_channel_of_a_former_unit_must_be_merged_into_the_ward(wards_dir: Path, registry) -> None:
    channel = GOOD_CHANNELS.replace(
        "    name: Example24/7\n", "    name: Example24/7\n    former_unit: Xa Bao Quang\n"
    )
    write_ward(wards_dir, "long-khanh", "26080", channel)
    error = one_error(wards_dir, registry)
    assert "former_unit" in error.where and "Phường Xuân An" in error.fix_en


def test_translation_file_rules(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", en='---\nward_code: "26080"\nchannels: []\n---\n')
    write_ward(wards_dir, "bao-vinh", "26098", en='---\nward_code: "26080"\n---\n')
    write_ward(wards_dir, "xuan-lap", "26104", en="")
    (wards_dir / "hang-gon.en.md").write_text('---\nward_code: "26113"\n---\n', encoding="utf-8")
    problems = {(Path(e.file).name, e.problem_en.split(":")[0]) for e in errors_for(wards_dir, registry)}
    assert ("long-khanh.en.md", "a translation file must not have channels") in problems
    assert ("bao-vinh.en.md", "code 26080 differs from code 26098 in docs/wards/bao-vinh.md.") in problems
    assert ("xuan-lap.en.md", "the ward's 'en' file is missing (docs/wards/index.en.md exists).") in problems
    assert ("hang-gon.en.md", "there is a translation file but no original file hang-gon.md.") in problems


def test_a_third_language_asks_for_its_ward_files_only_once_its_directory_exists(
    wards_dir: Path, registry
) -> None:
    write_ward(wards_dir, "long-khanh", "26080")
    (wards_dir / "long-khanh.zh.md").write_text('---\nward_code: "26080"\n---\n', encoding="utf-8")
    problems = {(Path(e.file).name, e.problem_en) for e in errors_for(wards_dir, registry)}
    unknown = "'zh' is not one of the site's languages (mkdocs.yml, plugins: i18n: languages)."
    assert problems == {("long-khanh.zh.md", unknown)}
    # a language of the site: its ward files are welcome, not yet required
    site_languages = ("en", "zh")
    assert load_ward_dir(wards_dir, registry, TODAY, languages=site_languages)["long-khanh"].code == "26080"
    write_ward(wards_dir, "bao-vinh", "26098")
    loaded = load_ward_dir(wards_dir, registry, TODAY, languages=site_languages)
    assert set(loaded) == {"long-khanh", "bao-vinh"}
    # once the ward directory is translated, every ward needs its file in that language
    (wards_dir / "index.zh.md").write_text((wards_dir / "index.md").read_text("utf-8"), encoding="utf-8")
    problems = {(Path(e.file).name, e.problem_en) for e in errors_for(wards_dir, registry)}
    missing = "the ward's 'zh' file is missing (docs/wards/index.zh.md exists)."
    assert problems == {("bao-vinh.zh.md", missing)}


def test_no_level_one_heading_in_a_ward_file(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", body="\nText.\n\n# Phường Long Khánh\n")
    error = one_error(wards_dir, registry)
    assert error.where.startswith("dòng 7 / line 7") and "level-1 heading" in error.problem_en


def test_broken_yaml_names_the_line(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", "channels:\n  - kind: fanpage\n   value: x\n")
    error = one_error(wards_dir, registry)
    # the mistake is on file line 5 (the badly indented "value:"), told without YAML jargon
    assert error.where.startswith("dòng 5 / line 5") and "indentation" in error.fix_en
    assert "YAML" not in error.problem_en and "<block" not in error.message()


def test_all_problems_are_reported_together(wards_dir: Path, registry) -> None:
    write_ward(wards_dir, "long-khanh", "26080", GOOD_CHANNELS.replace("kind: zalo", "kind: Zalo"))
    write_ward(wards_dir, "bao-vinh", "26098", GOOD_CHANNELS.replace("status: confirmed", "status: ok", 1)
               .replace("https://www.facebook.com/example.ward", "https://www.facebook.com/other"))
    assert len(errors_for(wards_dir, registry)) >= 2


def test_a_broken_ward_file_stops_the_real_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    ward = project / "docs" / "wards" / "bao-vinh.md"
    ward.write_text(
        ward.read_text(encoding="utf-8").replace("kind: fanpage", "kind: fanpag"), encoding="utf-8"
    )
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/wards/bao-vinh.md" in output and "channels[1].kind" in output
    assert "[vi] Lỗi:" in output and "[en] Error:" in output and "Did you mean 'fanpage'" in output
    shutil.rmtree(project)
