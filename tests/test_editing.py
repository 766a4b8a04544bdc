"""Editors' workflow on the site and in the repository (issue 8): page footer actions, last-updated
dates, the translation-status page, the contributing page's template, workflows and pre-commit."""

from __future__ import annotations

import html
import os
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from test_cli import git

from conftest import ROOT, copy_project, run_build

REPO = "https://github.com/long-khanh-handbook/handbook"
ACTIONS = re.compile(r'<aside class="hb-page-actions".*?</aside>', re.DOTALL)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def actions(page_html: str) -> str:
    match = ACTIONS.search(page_html)
    assert match, "no page footer actions on the page"
    return match.group(0)


def link(block: str, css_class: str) -> str:
    match = re.search(rf'<a href="([^"]+)" class="{css_class}"[^>]*>', block)
    assert match, f"no {css_class} link in {block}"
    return html.unescape(match.group(1))


def link_text(block: str, css_class: str) -> str:
    match = re.search(rf'class="{css_class}"[^>]*>([^<]+)', block)
    assert match
    return match.group(1).strip()


def updated(block: str) -> tuple[str, str]:
    match = re.search(r'<time datetime="([0-9-]+)">([^<]+)</time>', block)
    assert match, f"no last-updated date in {block}"
    return match.group(1), match.group(2)


@pytest.mark.parametrize(("path", "lang", "source", "title"), [
    ("guides/dong-tien-dien/index.html", "vi", "guides/dong-tien-dien.md",
     "Đóng tiền điện trên điện thoại"),
    ("en/guides/dong-tien-dien/index.html", "en", "guides/dong-tien-dien.en.md",
     "Pay the electricity bill on your phone"),
    ("index.html", "vi", "index.md", None),
    ("en/wards/long-khanh/index.html", "en", "wards/long-khanh.en.md", None),
])
def test_every_page_has_edit_and_report_links_and_its_date(
    site_dir: Path, path: str, lang: str, source: str, title: str | None
) -> None:
    block = actions(read(site_dir, path))
    edit = link(block, "hb-page-actions__edit")
    assert edit == f"{REPO}/edit/main/docs/{source}"
    expected = "Edit this page" if lang == "en" else "Sửa trang này"
    assert link_text(block, "hb-page-actions__edit") == expected
    report = link(block, "hb-page-actions__report")
    assert link_text(block, "hb-page-actions__report") == (
        "Report a problem with this page" if lang == "en" else "Báo lỗi trang này")
    parts = urlsplit(report)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    page_url = "http://127.0.0.1:8000/" + path.removesuffix("index.html")
    assert page_url in query["body"][0]  # the issue names the page ...
    assert f"docs/{source}" in query["body"][0]  # ... and its file
    if title:
        assert title in query["title"][0]
    iso, shown = updated(block)
    day = date.fromisoformat(iso)
    if lang == "vi":
        assert "Cập nhật lần cuối:" in block and shown == day.strftime("%d/%m/%Y")
    else:
        assert "Last updated:" in block and shown == f"{day.day} {day.strftime('%B')} {day.year}"


def test_last_updated_comes_from_git_and_the_translation_page_shows_outdated_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "first", when="2026-03-05T09:00:00+07:00")
    about = project / "docs/about/index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    ward = project / "docs/wards/bao-vinh.md"  # a channel edit: the English file holds only ward_code
    ward.write_text(ward.read_text(encoding="utf-8").replace("checked: 2022-10-28", "checked: 2026-11-26"),
                    encoding="utf-8")
    git(project, "commit", "-q", "-am", "Vietnamese only", when="2026-11-27T09:00:00+07:00")

    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert updated(actions(read(site, "index.html"))) == ("2026-03-05", "05/03/2026")
    assert updated(actions(read(site, "en/index.html"))) == ("2026-03-05", "5 March 2026")
    assert updated(actions(read(site, "about/index.html"))) == ("2026-11-27", "27/11/2026")

    vi_status = read(site, "contributing/translations/index.html")
    row = re.search(r'<a href="../../about/">Giới thiệu</a></td>\s*<td>([^<]+)</td>', vi_status)
    assert row and row.group(1) == "Cần cập nhật: bản gốc sửa ngày 27/11/2026, bản dịch ngày 05/03/2026"
    en_status = read(site, "en/contributing/translations/index.html")
    assert re.search(r'<a href="../../about/">About</a></td>\s*<td>Needs updating: the original changed on '
                     r"27 November 2026, the translation on 5 March 2026</td>", en_status)
    assert re.search(r'<a href="../">Contributing</a></td>\s*<td>Translated</td>', en_status)
    # the status page and scripts/handbook translations agree: a ward's English file holds no text (issue 26)
    assert re.search(r'<a href="../../wards/bao-vinh/">[^<]*</a></td>\s*<td>Translated</td>', en_status)


def test_outside_git_pages_show_their_file_date_and_untranslated_pages_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")  # not a git checkout
    (project / "docs/about/index.en.md").unlink()
    stamp = datetime(2024, 2, 1, 12, 0).timestamp()
    for path in (project / "docs").rglob("*.md"):
        os.utime(path, (stamp, stamp))
    monkeypatch.setenv("REPO_URL", "https://github.com/example-ward/so-tay")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert updated(actions(read(site, "guides/dong-tien-dien/index.html"))) == ("2024-02-01", "01/02/2024")
    fallback = actions(read(site, "en/about/index.html"))  # English page showing the Vietnamese text
    assert updated(fallback) == ("2024-02-01", "1 February 2024")
    assert link(fallback, "hb-page-actions__edit") == "https://github.com/example-ward/so-tay/edit/main/docs/about/index.md"
    assert link(fallback, "hb-page-actions__report").startswith("https://github.com/example-ward/so-tay/issues/new?")
    status = read(site, "en/contributing/translations/index.html")
    assert "could not be read" in status  # no history: it says it cannot tell outdated pages
    assert re.search(r'<a href="../../about/">[^<]+</a></td>\s*<td>Not translated yet</td>', status)


def test_contributing_page_offers_the_guide_template_prefilled_on_github(site_dir: Path) -> None:
    for path, button in (("contributing/index.html", "Mở mẫu hướng dẫn tiếng Việt trên GitHub"),
                         ("en/contributing/index.html", "Open the Vietnamese guide template on GitHub")):
        page = read(site_dir, path)
        match = re.search(r'<a class="md-button" href="([^"]+)"[^>]*>' + re.escape(button), page)
        assert match, f"no template button on {path}"
        parts = urlsplit(html.unescape(match.group(1)))
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/new/main/docs/guides"
        query = parse_qs(parts.query)
        assert query["filename"] == ["ten-huong-dan.md"]
        template = query["value"][0]
        assert "{#buoc-1}" in template and "```screen" in template and "[VIẾT:" in template
        assert "## Step 1: [WRITE:" in html.unescape(page)  # the English template, to copy
        assert 'id="cac-kiem-tra"' in page and 'id="sua-kenh-phuong"' in page
        assert 'id="them-huong-dan"' in page


def test_guide_template_passes_the_guide_rules(tmp_path: Path) -> None:
    from handbook.guides.guide_files import load_guides
    from handbook.lang import project_languages
    from handbook.maintain.scaffold import guide_texts

    guides = tmp_path / "docs/guides"
    guides.mkdir(parents=True)
    texts = guide_texts("Tên: có dấu hai chấm", 'Title with "quotes"', "safety", date(2026, 8, 31), steps=2)
    (guides / "thu.md").write_text(texts["vi"], encoding="utf-8")
    (guides / "thu.en.md").write_text(texts["en"], encoding="utf-8")
    loaded, errors = load_guides(tmp_path / "docs", project_languages(ROOT))
    assert errors == []
    assert {guide.title for guide in loaded} == {"Tên: có dấu hai chấm", 'Title with "quotes"'}
    assert {guide.next_review for guide in loaded} == {date(2027, 2, 28)}


def test_pre_commit_runs_ruff_and_the_content_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["ruff"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks["handbook-check"]["entry"] == "scripts/handbook check"
    for hook in hooks.values():
        assert (ROOT / hook["entry"].split()[0]).exists() or hook["entry"].startswith(".venv/")
