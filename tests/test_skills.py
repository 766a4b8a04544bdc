"""Digital-skill groups (issue 24): every guide tagged from docs/skills.yml, unknown tags refused with the
file, line and allowed values, and the guides index read by group, saying which group names were checked."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from conftest import ROOT, copy_project, run_build
from handbook.guides.guide_files import load_guides

DOCS = ROOT / "docs"


def test_every_guide_in_both_languages_names_its_skill_groups() -> None:
    guides, errors = load_guides(DOCS)
    assert [str(e) for e in errors] == []
    assert [g.path for g in guides if not g.skills] == []
    by_slug: dict[str, set[tuple[str, ...]]] = {}
    for guide in guides:
        by_slug.setdefault(guide.slug, set()).add(guide.skills)
    assert {slug for slug, tags in by_slug.items() if len(tags) != 1} == set()


def test_an_unknown_skill_tag_stops_the_build_with_file_line_and_the_allowed_tags(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "guides" / "dong-tien-dien.md"
    text = path.read_text(encoding="utf-8")
    assert "\nskills: [thanh-toan]\n" in text
    broken = text.replace("\nskills: [thanh-toan]\n", "\nskills: [thanh-toan, 9.9]\n")
    path.write_text(broken, encoding="utf-8")
    line = text[: text.index("\nskills:")].count("\n") + 2
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/guides/dong-tien-dien.md (dòng {line} / line {line}, trường / field 'skills')" in output
    assert "9.9" in output and "Skill group not in docs/skills.yml" in output
    assert "dich-vu-cong, mua-sam, thanh-toan, an-toan, nen-tang-khac, 0.1, 0.2" in output


def test_a_malformed_group_in_the_table_is_reported_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    table = project / "docs" / "skills.yml"
    text = table.read_text(encoding="utf-8")
    start = text.index("  - id: mua-sam")
    broken = text[:start] + text[start:].replace("verified: true", "verified: maybe", 1)
    table.write_text(broken, encoding="utf-8")
    line = text[:start].count("\n") + 1
    messages = "\n".join(str(e) for e in load_guides(project / "docs")[1])
    assert f"docs/skills.yml (dòng {line} / line {line})" in messages
    assert "The group 'mua-sam' is malformed" in messages


def _skill_lines(site_dir: Path, prefix: str) -> dict[str, tuple[str, str]]:
    """Each group's line of the index's skill section, by group name: (its text, its HTML)."""
    html = (site_dir / prefix / "guides" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="ky-nang"'):html.index("</article>")]
    items = re.findall(r"<li>(<strong>.*?)</li>", section, re.DOTALL)  # a group's line starts with its name
    texts = [unescape(re.sub(r"<[^>]+>", "", item)) for item in items]
    return {text.split(" (")[0]: (text, item) for text, item in zip(texts, items)}


def test_the_guides_index_lists_guides_by_group_and_says_which_groups_were_checked(site_dir: Path) -> None:
    vi = _skill_lines(site_dir, "")
    en = _skill_lines(site_dir, "en/")
    assert len(vi) == len(en) == 11
    # Groups 0 and 1 were read in the framework's text; group 2 is an inference, and the page says so.
    assert "(đã đối chiếu văn bản)" in vi["0.1 Sử dụng thiết bị"][0]
    group2_vi = next(text for name, (text, _) in vi.items() if name.startswith("2 "))
    group2_en = next(text for name, (text, _) in en.items() if name.startswith("2 "))
    assert "chưa đối chiếu, suy đoán" in group2_vi and "not checked, inferred" in group2_en
    checked = next(text for name, (text, _) in en.items() if name.startswith("1.1 "))
    assert "checked against the text" in checked and "not checked" not in checked
    # A team sees what it covers: each group links its guides, or says it has none yet.
    safety_text, safety_html = vi["Tự bảo vệ mình trên không gian mạng"]
    assert 'href="nhan-biet-lua-dao/"' in safety_html
    assert "Nhận biết lừa đảo trên mạng" in safety_text
    empty = [text for text, _ in vi.values() if "chưa có hướng dẫn nào" in text]
    assert all("Hướng dẫn (0)" in text for text in empty)


def test_the_two_languages_of_a_guide_must_name_the_same_groups(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    english = project / "docs" / "guides" / "dong-tien-dien.en.md"
    text = english.read_text(encoding="utf-8")
    changed = text.replace("\nskills: [thanh-toan]\n", "\nskills: [thanh-toan, an-toan]\n")
    english.write_text(changed, encoding="utf-8")
    messages = [str(e) for e in load_guides(project / "docs")[1]]
    assert len(messages) == 1
    assert "docs/guides/dong-tien-dien.en.md" in messages[0] and "'skills'" in messages[0]
    assert "docs/guides/dong-tien-dien.md" in messages[0]
    # An unquoted number is the same tag as the quoted one: no complaint.
    vietnamese = project / "docs" / "guides" / "kich-hoat-vneid.md"
    vi_text = vietnamese.read_text(encoding="utf-8")
    assert '\nskills: [dich-vu-cong, "0.2"]\n' in vi_text
    vietnamese.write_text(vi_text.replace('"0.2"]', "0.2]"), encoding="utf-8")
    assert len(load_guides(project / "docs")[1]) == 1
