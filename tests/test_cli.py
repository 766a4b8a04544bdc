"""scripts/handbook (issue 8): each sub-command on a temporary copy of the docs."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, run_build
from handbook.dates import today_vn
from handbook.maintain.cli import main
from handbook.maintain.reviews import add_months

TODAY = today_vn()  # what the command line takes as today (Việt Nam's date, UTC+7)


def cli(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    """Run ``scripts/handbook --root ROOT ARGS`` in-process: (exit code, stdout, stderr)."""
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def front_matter(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def assert_bilingual(message: str, file: str, *fragments: str) -> None:
    """Some error names the file and says what is wrong and how to fix it, in Vietnamese and English."""
    blocks = [part for part in re.split(r"\n(?=docs/)", message) if part.startswith(file)]
    assert blocks, f"no error for {file} in:\n{message}"
    for block in blocks:
        bilingual = all(word in block for word in ("[vi] Lỗi:", "Cách sửa:", "[en] Error:", "Fix:"))
        if bilingual and all(fragment in block for fragment in fragments):
            return
    raise AssertionError(f"no bilingual error for {file} with {fragments} in:\n{message}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# --- add_months -----------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 11, 27), 6, date(2027, 5, 27)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2027, 8, 31), 6, date(2028, 2, 29)),
    (date(2026, 1, 15), 12, date(2027, 1, 15)),
])
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# --- new-guide ------------------------------------------------------------------------------


def test_new_guide_builds_strictly_in_both_languages(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, project, "new-guide", "dang-ky-tam-tru",
                         "--title", "Đăng ký tạm trú trực tuyến: từng bước",
                         "--translated-title", "Register temporary residence online",
                         "--category", "public-services")
    assert code == 0, err
    assert "docs/guides/dang-ky-tam-tru.md" in out and "docs/guides/dang-ky-tam-tru.en.md" in out
    vi, en = project / "docs/guides/dang-ky-tam-tru.md", project / "docs/guides/dang-ky-tam-tru.en.md"
    for path, title in (
        (vi, "Đăng ký tạm trú trực tuyến: từng bước"),
        (en, "Register temporary residence online"),
    ):
        meta = front_matter(path)
        assert meta["title"] == title
        assert meta["category"] == "public-services"
        assert meta["last_reviewed"] == TODAY
        assert meta["next_review"] == add_months(TODAY, 6)
        text = path.read_text(encoding="utf-8")
        assert [f"{{#buoc-{n}}}" in text for n in (1, 2, 3)] == [True, True, True]
        assert text.count("```screen") == 3
    assert "## Bước 1:" in vi.read_text(encoding="utf-8") and "## Step 1:" in en.read_text(encoding="utf-8")

    # the template text is still there: check and the build both refuse it, naming each line (issue 13)
    code, _, err = cli(capsys, project, "check")
    assert code == 1
    assert_bilingual(err, "docs/guides/dang-ky-tam-tru.md (dòng 3 / line 3", "[VIẾT:", "template text")
    assert_bilingual(err, "docs/guides/dang-ky-tam-tru.en.md (dòng 3 / line 3", "[WRITE:", "template text")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 1 and "docs/guides/dang-ky-tam-tru.md (dòng 3 / line 3)" in result.stderr
    assert "Traceback" not in result.stderr
    for path in (vi, en):  # the editor writes the text
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\[(?:VIẾT|WRITE):[^\]]*\]", "Nội dung đã viết", text), encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    vi_html = (site / "guides/dang-ky-tam-tru/index.html").read_text(encoding="utf-8")
    en_html = (site / "en/guides/dang-ky-tam-tru/index.html").read_text(encoding="utf-8")
    assert "Đăng ký tạm trú trực tuyến: từng bước" in vi_html and 'id="buoc-3"' in vi_html
    assert "Register temporary residence online" in en_html and 'id="buoc-3"' in en_html
    assert '<html lang="en"' in en_html and '<html lang="vi"' in vi_html

    assert cli(capsys, project, "check")[0] == 0


def test_new_guide_refuses_a_bad_name_and_an_existing_guide(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, project, "new-guide", "Đăng ký", "--title-vi", "A", "--title-en", "B",
                       "--category", "payments")
    assert code == 1
    assert_bilingual(err, "docs/guides/Đăng ký.md", "chữ thường không dấu", "lower-case letters", "dang-ky")
    code, _, err = cli(capsys, project, "new-guide", "dong-tien-dien", "--title-vi", "A", "--title-en", "B",
                       "--category", "payments")
    assert code == 1
    assert_bilingual(err, "docs/guides/dong-tien-dien.md", "Đã có hướng dẫn", "already exists")
    assert not list((project / "docs/guides").glob("dang-ky.*"))


def test_scripts_handbook_runs_through_the_project_virtualenv() -> None:
    result = subprocess.run(
        [str(ROOT / "scripts/handbook"), "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    for command in ("check", "new-guide", "ward-channel", "translations", "review"):
        assert command in result.stdout


# --- ward-channel ---------------------------------------------------------------------------


def test_ward_channel_adds_then_replaces_a_hotline_keeping_comments(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ward = project / "docs/wards/long-khanh.md"
    before = ward.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.startswith("#")]
    code, out, err = cli(capsys, project, "ward-channel", "long-khanh", "hotline", "02513888999",
                         "--source", "Thông báo của UBND phường, 01/07/2025", "--status", "confirmed")
    assert code == 0, err
    assert "Đã thêm / Added" in out
    meta = front_matter(ward)
    assert meta["channels"] == [{"kind": "hotline", "value": "0251 3888 999",
                                 "source": "Thông báo của UBND phường, 01/07/2025",
                                 "checked": TODAY, "status": "confirmed"}]
    text = ward.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("#")] == comments
    assert text.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # the page text is untouched

    code, out, err = cli(capsys, project, "ward-channel", "long-khanh", "hotline", "0251 3777 666",
                         "--replace", "0251.3888.999", "--source", "Bảng niêm yết tại trụ sở phường",
                         "--status", "confirmed")
    assert code == 0, err
    assert "Đã cập nhật / Updated" in out
    assert [c["value"] for c in front_matter(ward)["channels"]] == ["0251 3777 666"]
    assert cli(capsys, project, "check")[0] == 0


def test_ward_channel_fills_in_a_channel_known_only_by_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        capsys,
        project,
        "ward-channel",
        "bao-vinh",
        "fanpage",
        "https://www.facebook.com/example.page",
        "--name",
        "BaoQuang24/7",
        "--source",
        "Báo Đồng Nai, 28/10/2022",
        "--status",
        "reported",
    )
    assert code == 0, err
    channels = front_matter(project / "docs/wards/bao-vinh.md")["channels"]
    fanpage = next(c for c in channels if c.get("name") == "BaoQuang24/7")
    assert list(fanpage)[:3] == ["kind", "value", "name"]  # keys in the schema's order
    assert fanpage["value"] == "https://www.facebook.com/example.page"
    assert fanpage["checked"] == TODAY and fanpage["status"] == "reported"
    assert fanpage["former_unit"] == "Xã Bảo Quang"  # what was there stays


def test_ward_channel_creates_the_files_of_a_ward_that_has_none(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("hang-gon.md", "hang-gon.en.md"):
        (project / "docs/wards" / name).unlink()  # the build then draws the page from the registry alone
    assert cli(capsys, project, "check")[0] == 0
    code, _, err = cli(capsys, project, "ward-channel", "hang-gon", "hotline", "1900 1006",
                       "--source", "Tờ rơi của phường", "--status", "reported")
    assert code == 0, err
    meta = front_matter(project / "docs/wards/hang-gon.md")
    assert meta["ward_code"] == "26113"
    assert meta["channels"][0]["value"] == "1900 1006"
    assert front_matter(project / "docs/wards/hang-gon.en.md") == {"ward_code": "26113"}
    assert cli(capsys, project, "check")[0] == 0


def test_ward_channel_rejects_a_wrong_number_and_leaves_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ward = project / "docs/wards/long-khanh.md"
    before = ward.read_text(encoding="utf-8")
    code, _, err = cli(capsys, project, "ward-channel", "long-khanh", "hotline", "0251388",
                       "--source", "Tờ rơi", "--status", "confirmed")
    assert code == 1
    assert_bilingual(
        err, "docs/wards/long-khanh.md", "channels[1].value", "0251388", "số điện thoại", "phone number"
    )
    assert ward.read_text(encoding="utf-8") == before


def test_ward_channel_points_an_old_ward_name_to_the_new_ward(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, project, "ward-channel", "xuan-an", "hotline", "19001006",
                       "--source", "Tờ rơi", "--status", "confirmed")
    assert code == 1
    assert_bilingual(err, "docs/wards/xuan-an.md", "long-khanh", "It is now part of Phường Long Khánh")
    assert not (project / "docs/wards/xuan-an.md").exists()


# --- translations ---------------------------------------------------------------------------


def git(project: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ)
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=project, env=env, check=True, capture_output=True)


def git_project(project: Path) -> Path:
    """The copy as a git repository whose first commit (all files) is dated 1 March 2026."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "first", when="2026-03-01T10:00:00+07:00")
    return project


def test_translations_marks_a_vietnamese_page_edited_after_its_translation(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git_project(project)
    about = project / "docs/about/index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    ward = project / "docs/wards/bao-vinh.md"  # a channel edit: the English file holds only ward_code
    ward.write_text(ward.read_text(encoding="utf-8").replace("checked: 2022-10-28", "checked: 2026-04-01"),
                    encoding="utf-8")
    git(project, "commit", "-q", "-am", "Vietnamese only", when="2026-04-02T10:00:00+07:00")
    (project / "docs/guides/dong-tien-nuoc.en.md").unlink()

    code, out, _ = cli(capsys, project, "translations")
    assert code == 0
    lines = {
        line.split()[1]: line
        for line in out.splitlines()
        if line.startswith(("translated", "missing", "outdated"))
    }
    assert lines["docs/about/index.md"].startswith("outdated")
    assert "02/04/2026" in lines["docs/about/index.md"] and "1 March 2026" in lines["docs/about/index.md"]
    assert lines["docs/guides/dong-tien-nuoc.md"].startswith("missing")
    assert lines["docs/index.md"].startswith("translated")
    assert lines["docs/wards/bao-vinh.md"].startswith("translated")  # nothing of it to translate (issue 26)

    # translating it (committing the English file later) makes it current again
    english = project / "docs/about/index.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "English", when="2026-04-03T10:00:00+07:00")
    _, out, _ = cli(capsys, project, "translations")
    assert re.search(r"^translated\s+docs/about/index\.md", out, re.MULTILINE)

    # a change of the ward's own text (which its English file translates) does ask for the translation
    ward.write_text(ward.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Ward text", when="2026-04-04T10:00:00+07:00")
    _, out, _ = cli(capsys, project, "translations")
    assert re.search(r"^outdated\s+docs/wards/bao-vinh\.md", out, re.MULTILINE)


def test_translations_without_git_history_says_it_cannot_see_outdated_pages(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, project, "translations")
    assert code == 0
    assert "No git history" in out
    assert "outdated  " not in out


# --- review ---------------------------------------------------------------------------------


def test_review_lists_an_overdue_guide_and_a_stale_ward_channel(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("dong-tien-dien.md", "dong-tien-dien.en.md"):
        path = project / "docs/guides" / name
        text = re.sub(
            r"^last_reviewed: .*$",
            "last_reviewed: 2025-01-10",
            path.read_text(encoding="utf-8"),
            flags=re.MULTILINE,
        )
        text = re.sub(r"^next_review: .*$", "next_review: 2025-07-10", text, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")
    code, out, err = cli(capsys, project, "--today", "2026-12-01", "review")
    assert code == 0, err
    guides, channels = out.split("Kênh của phường")
    assert "docs/guides/dong-tien-dien.md (next_review: 10/07/2025)" in guides
    assert "docs/guides/dong-tien-dien.en.md" in guides
    assert "Guides past their review date: 2" in guides  # the other guides are not due
    # bao-vinh's BaoQuang24/7 fanpage was last checked on 28/10/2022
    assert re.search(r"docs/wards/bao-vinh\.md \(dòng / line \d+, checked, .*28/04/2023\) fanpage", channels)


# --- check ----------------------------------------------------------------------------------


def test_check_passes_on_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, ROOT, "check")
    assert code == 0, err
    assert "Không có lỗi / No problems" in out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_reports_broken_front_matter(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(project / "docs/about/index.md", "title:", "title: [chưa đóng ngoặc\nx:")
    code, _, err = cli(capsys, project, "check")
    assert code == 1
    # the line where the bracket opens, told without YAML jargon
    assert_bilingual(err, "docs/about/index.md", "dòng 2 / line 2", "never closed", "đóng ngoặc")


def test_check_reports_a_guide_without_its_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "docs/guides/dong-tien-dien.md"
    path.write_text(
        re.sub(r"^summary:.*\n", "", path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE),
        encoding="utf-8",
    )
    code, _, err = cli(capsys, project, "check")
    assert code == 1
    assert_bilingual(err, "docs/guides/dong-tien-dien.md", "'summary'", "summary: ...")


def test_check_reports_a_bad_screen_block(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "docs/about/index.md"
    path.write_text(path.read_text(encoding="utf-8")
                    + "\n```screen\nstep: 1\ntitle: Thử\nitems:\n  - button: Một\n    colour: red\n```\n",
                    encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("    colour: red") + 1
    code, _, err = cli(capsys, project, "check")
    assert code == 1
    assert_bilingual(err, "docs/about/index.md", f"line {line}", "colour")


def test_check_reports_a_wrong_ward_hotline(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(project / "docs/wards/long-khanh.md", "channels:\n",
          'channels:\n  - kind: hotline\n    value: "0251388"\n    source: Tờ rơi\n    checked: 2025-07-01\n'
          "    status: confirmed\n")
    code, _, err = cli(capsys, project, "check")
    assert code == 1
    assert_bilingual(err, "docs/wards/long-khanh.md", "dòng 11 / line 11, channels[1].value", "0251388",
                     "số điện thoại", "phone number")


def test_check_reports_unsafe_html(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "docs/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    code, _, err = cli(capsys, project, "check")
    assert code == 1
    assert_bilingual(err, "docs/index.md", f"line {line}", "<script>")


def test_check_reports_a_missing_page_and_a_missing_section(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "docs/index.en.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\nSee [a page](guides/no-such-guide.md) and [a step](guides/dong-tien-dien.md#buoc-99).\n",
        encoding="utf-8",
    )
    line = len(path.read_text(encoding="utf-8").splitlines())
    code, _, err = cli(capsys, project, "check")
    assert code == 1
    assert_bilingual(err, "docs/index.en.md", f"line {line}, liên kết / link 'guides/no-such-guide.md'",
                     "docs/guides/no-such-guide.md")
    assert "#buoc-99" in err and "buoc-1, buoc-2" in err  # the sections that do exist are listed
