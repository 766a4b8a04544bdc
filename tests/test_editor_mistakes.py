"""Issue 26: the mistakes volunteers really make, run through ``scripts/handbook check`` and the real build.

The table (tests/mistakes.py) mutates REAL guide and ward files. Each group is one minimal project (one
mistake per file) run through the check and the strict in-process build (tests/agreement.py):

- refused mistakes: no traceback; both stop; each mutated file gets exactly ONE finding, at the mistake's
  line, with its words, in Vietnamese then English; the build shows exactly the check's findings;
- repaired mistakes: both pass; the check and the build log tell the editor once, as a note at the line;
  the page readers get is the repaired one.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from agreement import Outcome, check_and_build, minimal_project
from mistakes import NBSP, NOTED, REFUSED, ZWSP, Mistake, mutated, png

from conftest import ROOT
from handbook.editor_rules import stray_attribute_text
from handbook.errors import ContentError
from handbook.maintain.checks import check_content
from handbook.maintain.cli import main
from handbook.safety.published_files import PICTURES

DOCS = ROOT / "docs"


def blocks(text: str) -> list[str]:
    """The messages of a check's or build's output (log lines "INFO - docs/…" too): each block is the
    problem's or note's three lines, where / Vietnamese / English."""
    parts = re.split(r"\n(?=docs/)", text.replace("INFO - docs/", "\ndocs/"))
    return ["\n".join(part.split("\n")[:3]) for part in parts if part.startswith("docs/")]


def run(tmp_path: Path, mistakes: tuple[Mistake, ...]) -> tuple[Outcome, dict[str, str]]:
    files = mutated(mistakes, DOCS)
    project = minimal_project(tmp_path / "project", files)
    outcome = check_and_build(project, tmp_path / "site")
    assert not outcome.check_traceback and not outcome.build_traceback, (
        outcome.check_traceback + outcome.build_traceback)
    assert "Traceback" not in outcome.build_text
    return outcome, {name: data.decode() for name, data in files.items() if name.endswith((".md", ".yml"))}


def test_each_refused_mistake_gets_one_finding_at_its_line_from_check_and_build(tmp_path: Path) -> None:
    outcome, texts = run(tmp_path, REFUSED)
    assert not outcome.check_ok and not outcome.build_ok
    found = blocks(outcome.check_text.split("content error(s):", 1)[1])
    built = blocks(outcome.build_text.split("content error(s):", 1)[1])
    assert sorted(found) == sorted(built)  # the same findings, word for word
    # nothing else, but the files a mistake adds that may not be published at all (the HEIC photo itself)
    added = {f"docs/{name}" for m in REFUSED for name in m.extra if Path(name).suffix not in PICTURES}
    assert {block.split(" (")[0] for block in found} == {f"docs/{m.file}" for m in REFUSED} | added
    for name in added:
        assert [block for block in found if block.startswith(f"{name} (")], f"{name} is published"
    for mistake in REFUSED:
        mine = [block for block in found if block.startswith(f"docs/{mistake.file} (")]
        line = mistake.line(texts[mistake.file])
        assert len(mine) == 1, (mistake.name, mine)
        assert mine[0].startswith(f"docs/{mistake.file} (dòng {line} / line {line}"), (mistake.name, mine)
        vi, en = mine[0].split("\n")[1:3]
        assert vi.startswith("  [vi] Lỗi:") and "Cách sửa:" in vi, mistake.name
        assert en.startswith("  [en] Error:") and mistake.words in en, (mistake.name, en)


def test_each_repaired_mistake_builds_with_a_note_at_its_line(tmp_path: Path) -> None:
    outcome, texts = run(tmp_path, NOTED)
    assert outcome.check_ok and outcome.build_ok, outcome.check_text + outcome.build_text
    notes = blocks(outcome.check_text)
    assert sorted(notes) == sorted(blocks(outcome.build_text))  # told once each, the same words
    for mistake in NOTED:
        mine = [block for block in notes if block.startswith(f"docs/{mistake.file} (")]
        if not mistake.words:  # a valid file: nothing to tell
            assert mine == [], mistake.name
            continue
        line = mistake.line(texts[mistake.file])
        assert len(mine) == 1 and mine[0].startswith(f"docs/{mistake.file} (dòng {line} / line {line}"), (
            mistake.name, mine)
        assert "[vi] Ghi chú:" in mine[0] and mistake.words in mine[0].split("[en] Note:")[1], mistake.name
    site = tmp_path / "site"

    def page(path: str) -> str:
        return (site / path / "index.html").read_text(encoding="utf-8")

    assert "Người dân trong phường" in page("guides/dong-tien-dien")  # NFC, as every other page writes it
    title = page("guides/dong-tien-nuoc").split("<h1", 1)[1].split("</h1>")[0]
    assert "Tìm đúng cách đóng tiền nước" in title and "“" not in title  # Word's quotes are not published
    assert 'href="https://www.facebook.com/HangGon24h"' in page("wards/hang-gon")
    assert 'href="https://vneid.gov.vn/"' in page("guides/kich-hoat-vneid")
    assert "0251 3888 999" in page("wards/long-khanh")  # the template, uncommented as it says, filled in
    assert "UBND phường Bình Lộc" in page("wards/binh-loc")
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert ZWSP not in text and "\u0300" not in text, html  # no invisible or decomposed text published


# --- every built page: no attribute-list text a reader would see ---------------------------------------


class _Visible(HTMLParser):
    """The text a reader sees: everything outside <code>, <pre>, <script>, <style>."""

    HIDDEN = {"code", "pre", "script", "style", "textarea"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in self.HIDDEN and self.depth > 0

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def test_no_built_page_shows_attribute_list_text(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        reader = _Visible()
        reader.feed(path.read_text(encoding="utf-8"))
        text = " ".join(reader.parts)
        stray = re.search(r"\{:?\s*(?:lang=|[#.][a-z])|\}\{", text)
        assert stray is None, (path, text[stray.start() - 30:stray.end() + 10])
    contributing = (site_dir / "contributing/index.html").read_text(encoding="utf-8")
    assert 'lang="en">Propose changes' in contributing  # the attribute list still does its work


def test_the_build_refuses_attribute_text_it_would_publish() -> None:
    html = '<p>bấm <strong lang="en">Propose changes</strong>}{lang=en rồi <code>{lang=en}</code></p>'
    assert stray_attribute_text(html) == ["}{lang=en"]
    assert stray_attribute_text("<p>{: .note } x</p>") == ["{: .note }"]
    assert stray_attribute_text('<p>Gõ <code>{#buoc-1}</code> và {{ province }}</p>') == []


# --- scripts/handbook fix ---------------------------------------------------------------------------------


def test_fix_writes_the_repairs_keeping_crlf_and_the_bom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(DOCS, project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project)
    ward = project / "docs/wards/binh-loc.md"
    text = ward.read_text(encoding="utf-8").replace("    name: UBND", f"{NBSP}   name: UBND").replace(
        "https://binhloc.dongnai.gov.vn\n", f"https://binhloc.dongnai.gov.vn{ZWSP}\n")
    text += f"\nXem [trang](https://binhloc.dongnai.gov.vn/?fbclid=IwAR0{ZWSP}) của phường{ZWSP}.\n"
    ward.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    guide = project / "docs/guides/dong-tien-nuoc.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("title: ", "title: “", 1).replace(
        "\nsummary:", "”\nsummary:", 1), encoding="utf-8")
    assert check_content(project).errors  # the invisible character in the text and fbclid are refused

    assert main(["--root", str(project), "fix"]) == 0
    out = capsys.readouterr().out
    assert "Fixed docs/wards/binh-loc.md" in out and "Fixed docs/guides/dong-tien-nuoc.md" in out
    data = ward.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == data.count(b"\n")
    fixed = data.decode("utf-8-sig")
    assert "\r\n    name: UBND" in fixed and ZWSP not in fixed and NBSP not in fixed
    assert "(https://binhloc.dongnai.gov.vn/)" in fixed and "fbclid" not in fixed
    assert '\ntitle: "' in guide.read_text(encoding="utf-8")
    result = check_content(project)
    assert result.errors == [] and [note.en[:40] for note in result.notes] == [  # nothing else to tell
        "the file starts with a byte-order mark ("]
    assert main(["--root", str(project), "fix"]) == 0 and "0 tệp" in capsys.readouterr().out
    png_path = project / "docs/guides/anh.png"
    png_path.write_bytes(png(10, 10))  # not a text file: fix leaves it alone
    assert main(["--root", str(project), "fix"]) == 0 and png_path.read_bytes() == png(10, 10)


# --- the contributing page's examples, followed literally -------------------------------------------------

FILLED = {"TenTrang": "PhuongBinhLoc247", "Tên trang người dân thấy": "Phường Bình Lộc 24/7",
          "mã OA": "4318034327421431256", "Tên tài khoản": "Phường Bình Lộc", "tên": "ubnd.binhloc",
          "mã ứng dụng": "vn.gov.dongnai.example", "Tên ứng dụng": "Đồng Nai",
          "số điện thoại": "0251 3888 999", "tên miền": "binhloc.dongnai",
          "Tên cơ quan": "UBND phường Bình Lộc",
          "địa chỉ trang đã đăng thông tin": "https://binhloc.dongnai.gov.vn/vi/news/cai-cach-hanh-chinh/"
                                             "trung-tam-phuc-vu-hanh-chinh-cong-phuong-binh-loc-96.html",
          "Tên trung tâm phục vụ hành chính công": "Trung tâm phục vụ hành chính công phường Bình Lộc",
          "Số nhà, đường, khu phố, phường": "Đường N5, ấp 1, phường Bình Lộc"}


@pytest.mark.parametrize("page", ["index.md", "index.en.md"])
def test_each_channel_kind_has_an_example_that_is_valid_once_filled_in(tmp_path: Path, page: str) -> None:
    from handbook.maintain.checks import ward_registry
    from handbook.wards.ward_files import KINDS, load_ward_file

    text = (DOCS / "contributing" / page).read_text(encoding="utf-8")
    section = text.split("{#vi-du-kenh}", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)\n[ ]*```", section, re.DOTALL)
    examples = [textwrap.dedent(block) for block in blocks]
    registry = ward_registry(ROOT)
    kinds = []
    for example in examples:
        path = tmp_path / "binh-loc.md"
        path.write_text(f'---\nward_code: "26089"\nchannels:\n{example}\n---\n', encoding="utf-8")
        if "<" in example:  # copied without filling in: refused, never published as it is
            with pytest.raises(ContentError):
                load_ward_file(path, registry, date(2026, 12, 1), "docs/wards/binh-loc.md")
        filled = re.sub(r"<([^<>]+)>", lambda match: FILLED[match.group(1)], example)
        path.write_text(f'---\nward_code: "26089"\nchannels:\n{filled}\n---\n', encoding="utf-8")
        ward = load_ward_file(path, registry, date(2026, 12, 1), "docs/wards/binh-loc.md")
        kinds += [channel.kind for channel in ward.channels]
    assert sorted(kinds) == sorted(KINDS)  # one worked example for each kind
