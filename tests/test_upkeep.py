"""Upkeep (issue 18): past-due guides say so to readers and in the weekly report, content problems as
GitHub annotations, the translation summary, the registry-update check, and the site's size and sitemap
at the default scope (the country-scale figures come from scripts/bench-wards)."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from handbook.dates import today_vn
from handbook.errors import ContentError
from handbook.lang import project_languages
from handbook.maintain.annotations import github_annotation, translation_summary
from handbook.maintain.reviews import (
    RegistryUpdate,
    latest_from_pip_index,
    pinned_version,
    review_markdown,
)
from handbook.maintain.translations import Translation

PAST_DUE_VI = "Thông tin này đã quá hạn kiểm tra"
PAST_DUE_EN = "This information is past its review date"
GUIDE = "dong-tien-dien"


def handbook_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """scripts/handbook as a maintainer (or the workflow) runs it."""
    return subprocess.run(
        [str(ROOT / "scripts" / "handbook"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, **(env or {})),
    )


def next_review_of(docs: Path, slug: str) -> tuple[datetime.date, int]:
    lines = (docs / "guides" / f"{slug}.md").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("next_review:"))
    return datetime.date.fromisoformat(lines[number - 1].split(":", 1)[1].strip()), number


# --- past-due guides: on the page and in the report ----------------------------------------------


def test_a_past_due_guide_says_so_on_the_page_and_in_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    due, line = next_review_of(ROOT / "docs", GUIDE)
    day_after = (due + datetime.timedelta(days=1)).isoformat()

    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("HANDBOOK_TODAY", day_after)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    vi = (tmp_path / "site" / "guides" / GUIDE / "index.html").read_text(encoding="utf-8")
    en = (tmp_path / "site" / "en" / "guides" / GUIDE / "index.html").read_text(encoding="utf-8")
    assert PAST_DUE_VI in vi and "Lần xem lại tiếp theo" not in vi
    assert PAST_DUE_EN in en and "Next review due" not in en
    assert f"{due.day:02d}/{due.month:02d}/{due.year}" in vi  # the date it fell due, in words a reader knows
    assert re.search(r'<p class="hb-review hb-review--past-due" role="note">', vi)

    report = handbook_cli("--today", day_after, "review", "--markdown",
                          "--files-url", "https://github.com/o/r/blob/main/")
    assert report.returncode == 0, report.stderr
    assert (
        f"[docs/guides/{GUIDE}.md:{line}](https://github.com/o/r/blob/main/docs/guides/{GUIDE}.md#L{line})"
        in report.stdout
    )
    due_count = int(re.search(r"<!-- upkeep-report due=(\d+) -->", report.stdout).group(1))
    assert due_count >= 2  # at least this guide in both languages

    on_time = handbook_cli("--today", due.isoformat(), "review", "--markdown")
    assert f"docs/guides/{GUIDE}.md" not in on_time.stdout


def test_a_guide_not_yet_due_shows_its_next_review_date(site_dir: Path) -> None:
    due, _ = next_review_of(ROOT / "docs", GUIDE)
    if today_vn() >= due:  # the real site was built today: it must then say past due
        pytest.fail(f"{GUIDE} is past its review date {due}: review it (scripts/handbook review)")
    vi = (site_dir / "guides" / GUIDE / "index.html").read_text(encoding="utf-8")
    assert "Lần xem lại tiếp theo" in vi and PAST_DUE_VI not in vi


def test_today_is_the_date_in_vietnam() -> None:
    utc = datetime.UTC
    assert today_vn(datetime.datetime(2026, 11, 30, 16, 59, tzinfo=utc)) == datetime.date(2026, 11, 30)
    assert today_vn(datetime.datetime(2026, 11, 30, 17, 0, tzinfo=utc)) == datetime.date(2026, 12, 1)


# --- the weekly report's other parts --------------------------------------------------------------


def test_the_registry_check_reads_the_pin_and_pips_answer() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert pinned_version(lock) == importlib.metadata.version("vietnamadminunits")  # installed from the lock
    answer = ("WARNING: pip index is currently an experimental command.\n"
              "vietnamadminunits (1.1.0)\nAvailable versions: 1.1.0, 1.0.4, 1.0.3\n"
              "  INSTALLED: 1.0.4\n  LATEST:    1.1.0\n")
    assert latest_from_pip_index(answer) == "1.1.0"
    assert latest_from_pip_index("ERROR: No matching distribution found for vietnamadminunits") is None
    assert RegistryUpdate("vietnamadminunits", "1.0.4", "1.1.0").newer
    assert not RegistryUpdate("vietnamadminunits", "1.0.4", "1.0.4").newer
    assert not RegistryUpdate("vietnamadminunits", "1.0.10", "1.0.9").newer  # numbers, not text
    assert not RegistryUpdate("vietnamadminunits", "1.0.4", None).newer


def test_the_report_counts_a_newer_registry_and_links_the_lock(tmp_path: Path) -> None:
    today = datetime.date(2026, 12, 7)
    newer = review_markdown(tmp_path, today, [], [], "https://x/blob/main/",
                            registry=RegistryUpdate("vietnamadminunits", "1.0.4", "1.1.0"))
    assert newer.startswith("<!-- upkeep-report due=1 -->")
    assert "vietnamadminunits 1.1.0" in newer and "(https://x/blob/main/requirements.lock)" in newer
    same = review_markdown(
        tmp_path, today, [], [], registry=RegistryUpdate("vietnamadminunits", "1.0.4", "1.0.4")
    )
    assert same.startswith("<!-- upkeep-report due=0 -->")


# --- pull requests: annotations and the translation summary --------------------------------------


def test_check_github_puts_each_problem_on_its_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "requirements.lock").write_text("", encoding="utf-8")
    path = project / "docs" / "guides" / f"{GUIDE}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "../wards/index.md" in line)
    lines[number - 1] = lines[number - 1].replace("../wards/index.md", "../wards/khong-co.md")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = handbook_cli("--root", str(project), "check", "--github")
    assert result.returncode == 1
    annotation = next(line for line in result.stdout.splitlines() if line.startswith("::error "))
    assert annotation.startswith(f"::error file=docs/guides/{GUIDE}.md,line={number},")
    assert "khong-co.md" in annotation and "%0A[en]" in annotation  # one line: GitHub's escaped newline
    assert "docs/guides/" in result.stderr  # the usual bilingual message stays for people reading the log


def test_annotation_escapes_what_github_would_misread() -> None:
    error = ContentError("docs/a,b.md", "trường / field 'x'", "Sai: 100%.", "Sửa.", "Wrong:\n100%.", "Fix.")
    line = github_annotation(error)
    assert line.startswith("::error file=docs/a%2Cb.md,title=trường / field 'x'::")
    assert "\n" not in line and "100%25" in line and "line=" not in line


def test_translation_summary_lists_only_what_needs_translating() -> None:
    when = datetime.datetime(2026, 11, 1)
    report = [
        Translation("guides/a.md", "en", "guides/a.en.md", "A", "A", "translated", when, when),
        Translation("guides/b.md", "en", "guides/b.en.md", "B", None, "missing", when, None),
        Translation("guides/c.md", "en", "guides/c.en.md", "C", "C", "outdated",
                    when + datetime.timedelta(days=3), when),
    ]
    text = translation_summary(report, has_history=True, languages=project_languages(ROOT))
    assert "`docs/guides/b.en.md`" in text and "`docs/guides/c.en.md`" in text
    assert "guides/a" not in text
    assert text.index("guides/c.md") < text.index("guides/b.md")  # outdated first: an edit to redo
    assert "Every translation is up to date" in translation_summary(
        report[:1], has_history=True, languages=project_languages(ROOT)
    )


def test_translations_markdown_runs_on_the_repository() -> None:
    result = handbook_cli("translations", "--markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("### Bản dịch / Translations")


# --- size and sitemap at the default scope --------------------------------------------------------

REDIRECT = re.compile(rb'<meta name="robots" content="noindex">')


def content_pages(site: Path) -> list[Path]:
    """Every built page a reader can land on: not the 404 pages, not the old-address redirects."""
    return [path for path in site.rglob("*.html")
            if path.name != "404.html" and not REDIRECT.search(path.read_bytes()[:2000])]


def test_every_built_page_is_in_the_sitemap_once(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(listed) == len(set(listed))
    pages = content_pages(site_dir)
    paths = {"/" + path.relative_to(site_dir).as_posix().removesuffix("index.html") for path in pages}
    assert {re.sub(r"^https?://[^/]+", "", url) for url in listed} >= paths
    assert len(listed) == len(pages)


def test_directory_and_ward_pages_stay_small(site_dir: Path) -> None:
    for prefix in ("", "en/"):
        directory = site_dir / prefix / "wards" / "index.html"
        assert directory.stat().st_size < 200 * 1024
        # 32 KB: see MAX_PAGE_BYTES in test_wards_site.py
        for page in (site_dir / prefix / "wards").glob("*/index.html"):
            assert page.stat().st_size < 32 * 1024, f"{page.relative_to(site_dir)} is over 32 KB"


def test_country_directory_is_a_page_per_province_each_under_200_kb() -> None:
    """The country scope's directory, rendered without building 6,642 pages: every province page's list
    fits in 170 KB (the page around it, header and navigation, is under 30 KB)."""
    from handbook.area_file import project_area
    from handbook.wards.registry import load_registry
    from handbook.wards.ward_render import render_directory, render_province_index
    from handbook.wards.ward_site import WardSite

    site = WardSite(load_registry("country"), {})
    assert len(site.provinces) == 34
    assert sum(len(p.pages) for p in site.provinces) == len(site.pages) == 3321
    href = {page.slug: f"../../{page.slug}/" for page in site.pages}
    area = project_area()
    for lang in ("vi", "en"):
        provinces = {p.code: f"tinh/{p.slug}/" for p in site.provinces}
        index = render_province_index(site, lang, provinces, "x.js", area)
        assert (
            len(re.findall(r'<li><a href="tinh/[a-z-]+/"', index)) == 34 and len(index.encode()) < 20 * 1024
        )
        biggest = max(
            len(render_directory(site, lang, href, "x.js", area, province=p).encode()) for p in site.provinces
        )
        assert biggest < 170 * 1024, f"{lang}: a province directory list is {biggest // 1024} KB"


def test_every_former_unit_is_listed_in_a_province_directory() -> None:
    from handbook.wards.registry import load_registry
    from handbook.wards.ward_site import WardSite

    site = WardSite(load_registry("country"), {})
    listed = {former.key for province in site.provinces for former in province.former}
    reachable = {former.key for former in site.registry.former if site.successors(former)}
    assert listed == reachable


def test_the_default_scope_has_one_directory_page() -> None:
    from handbook.maintain.checks import ward_registry
    from handbook.wards.ward_site import WardSite

    assert WardSite(ward_registry(ROOT), {}).provinces == ()
