"""Local facts in guides (handbook/local_facts.py): ``{{ if fact }}`` blocks, the area's names typed in a
guide, and placeholders whose word order comes from each language's catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import handbook.text
from handbook.area import area_markdown, local_names, province_name
from handbook.area_file import load_area
from handbook.local_facts import apply_blocks, typed_local_names

ROOT = Path(__file__).resolve().parent.parent
GUIDE = """Mở ứng dụng của điện lực.
{{ if power_app }}
Tên ứng dụng: **{{ power_app }}** ({{ power_app_source }}).
{{ if power_hotline }}
    Tổng đài: {{ power_hotline }}.
{{ end }}
{{ else }}
Tìm tên ứng dụng trên thông báo tiền điện.
{{ end }}
{{ if not water_company }}
Hỏi công ty cấp nước in trên hóa đơn.
{{ end }}
"""


def shown(text: str, known: set[str]) -> list[str]:
    result, errors = apply_blocks(text, known, "docs/guides/x.md")
    assert errors == []
    return [line.strip() for line in result.split("\n") if line.strip()]


def test_a_block_shows_its_part_only_where_the_area_has_the_fact() -> None:
    assert shown(GUIDE, {"power_app", "power_hotline", "water_company"}) == [
        "Mở ứng dụng của điện lực.",
        "Tên ứng dụng: **{{ power_app }}** ({{ power_app_source }}).",
        "Tổng đài: {{ power_hotline }}.",
    ]
    assert shown(GUIDE, {"power_app"}) == [
        "Mở ứng dụng của điện lực.",
        "Tên ứng dụng: **{{ power_app }}** ({{ power_app_source }}).",
        "Hỏi công ty cấp nước in trên hóa đơn.",
    ]
    assert shown(GUIDE, set()) == [
        "Mở ứng dụng của điện lực.",
        "Tìm tên ứng dụng trên thông báo tiền điện.",
        "Hỏi công ty cấp nước in trên hóa đơn.",
    ]
    # removed lines stay as empty lines: later line numbers are the file's
    assert apply_blocks(GUIDE, set(), "f")[0].count("\n") == GUIDE.count("\n")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("A\n{{ if power_ap }}\nB\n{{ end }}\n", 2, "power_ap"),  # misspelt fact
        ("A\n\n{{ if power_app }}\nB\n", 3, "{{ end }}"),  # never closed
        ("A\n{{ end }}\n", 2, "{{ if … }}"),  # closed, never opened
        ("Gọi {{ power_hotline }} nếu mất điện.\n", 1, "{{ if power_hotline }}"),  # a local fact unguarded
        ("{{ if power_app }}\nGọi {{ power_hotline }}.\n{{ end }}\n", 2, "{{ if power_hotline }}"),
        ("{{ if not power_app }}\nMở {{ power_app }}.\n{{ end }}\n", 2, "{{ if power_app }}"),
    ],
)
def test_a_misused_block_names_the_file_the_line_and_the_fix(text: str, line: int, words: str) -> None:
    _, errors = apply_blocks(text, {"power_app", "power_hotline"}, "docs/guides/x.md")
    assert len(errors) == 1, errors
    error = errors[0]
    assert error.file == "docs/guides/x.md" and error.where == f"dòng {line} / line {line}"
    assert words in error.problem_vi + error.fix_vi and words in error.problem_en + error.fix_en


def test_the_area_s_names_typed_in_a_guide_are_refused_with_the_placeholder_to_use() -> None:
    names = local_names(load_area(ROOT / "docs"))
    text = (
        "Dòng một.\nNgười dân TỈNH ĐỒNG NAI gọi tổng đài.\nXem cskh.evnspc.vn hoặc gọi 0251 1022.\n"
        "Ở phường Bảo Vinh.\nỨng dụng CSKH EVNSPC.\n"
    )
    errors = typed_local_names(text, names, "docs/guides/x.md")
    found = {error.where: error.fix_vi for error in errors}
    assert "{{ province }}" in found["dòng 2 / line 2"]
    assert "{{ power_website }}" in found["dòng 3 / line 3"]  # the first name found on the line
    assert "{{ ward_1 }}" in found["dòng 4 / line 4"]
    assert "{{ power_short }}" in found["dòng 5 / line 5"]
    assert "dòng 1 / line 1" not in found
    # national words are left alone
    assert typed_local_names("Điện lực, ngân hàng, VNeID, 1900 292900, tỉnh, thành phố.\n", names, "f") == []


def test_notes_and_facts_render_with_their_source_in_the_reader_s_language() -> None:
    area = load_area(ROOT / "docs")
    text = ("{{ notes }}\n\n{{ if power_hotline }}\n"
            "Gọi {{ power_hotline }} ({{ power_hotline_source }}).\n{{ end }}\n")
    vi, errors = area_markdown(area, text, "vi", "guides/dong-tien-dien", "docs/guides/dong-tien-dien.md")
    assert errors == []
    assert "Năm 2022, tổ công nghệ số cộng đồng ở Long Khánh" in vi and "Báo Đồng Nai, 28/10/2022" in vi
    assert "Gọi 1900 1006 hoặc 1900 9000 (1.000 đ mỗi phút)" in vi and "đã xác nhận" in vi
    en, _ = area_markdown(area, text, "en", "guides/dong-tien-dien", "docs/guides/dong-tien-dien.en.md")
    assert "In 2022, Long Khánh's teams went door to door" in en and "1,000 dong a minute" in en
    assert "confirmed, checked 8 December 2026" in en
    # another page has no note: the line becomes nothing
    other, _ = area_markdown(area, "{{ notes }}\n", "vi", "guides/chua-co", "docs/guides/chua-co.md")
    assert other.strip() == ""


def test_a_third_language_orders_the_province_name_as_its_catalogue_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = tmp_path / "messages"
    shutil.copytree(ROOT / "handbook/messages", messages)
    chinese = {"area.province": '"{name}{kind}"', "area.kind.tinh": "省", "area.kind.thanh_pho": "市"}
    english = (messages / "en.yml").read_text(encoding="utf-8").splitlines()  # (keeps its !same tags)
    kept = [line for line in english if line.split(":", 1)[0] not in chinese]
    (messages / "zh.yml").write_text(
        "\n".join(kept + [f"{key}: {value}" for key, value in chinese.items()]) + "\n", encoding="utf-8")
    monkeypatch.setattr(handbook.text, "MESSAGES_DIR", messages)
    handbook.text.catalogue.cache_clear()
    try:
        area = load_area(ROOT / "docs")
        assert province_name(area, "vi") == "tỉnh Đồng Nai"
        assert province_name(area, "en") == "Đồng Nai province"
        assert province_name(area, "zh") == "Đồng Nai省"  # the kind from the catalogue, never «Đồng Nai tỉnh»
        area["province"]["name"] = {"vi": "Đồng Nai", "zh": "同奈"}
        assert province_name(area, "zh") == "同奈省" and province_name(area, "vi") == "tỉnh Đồng Nai"
    finally:
        handbook.text.catalogue.cache_clear()
