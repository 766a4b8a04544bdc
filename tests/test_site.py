"""Foundation: the strict bilingual build, languages, anchors, 404 pages (issue 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from handbook.slugs import slugify

HTML_LANG = re.compile(r'<html lang="([a-z]{2})"')
HEADING_ID = re.compile(r'<h[23] id="([^"]+)"')


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def switch_link(html: str) -> tuple[str, str]:
    """(hreflang, href) of the language switch, the link a reader taps."""
    match = re.search(r'<a href="([^"]+)" hreflang="([a-z]{2})"[^>]*class="hb-lang__link"', html)
    assert match, "no language switch link on the page"
    return match.group(2), match.group(1)


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("index.html", "vi"),
        ("about/index.html", "vi"),
        ("en/index.html", "en"),
        ("en/about/index.html", "en"),
    ],
)
def test_html_lang_matches_page_language(site_dir: Path, path: str, lang: str) -> None:
    match = HTML_LANG.search(read(site_dir, path))
    assert match and match.group(1) == lang


@pytest.mark.parametrize(
    ("path", "other_lang", "target"),
    [
        ("index.html", "en", "en/"),
        ("about/index.html", "en", "../en/about/"),
        ("en/index.html", "vi", "../"),
        ("en/about/index.html", "vi", "../../about/"),
    ],
)
def test_language_switch_points_to_the_same_page_in_the_other_language(
    site_dir: Path, path: str, other_lang: str, target: str
) -> None:
    hreflang, href = switch_link(read(site_dir, path))
    assert hreflang == other_lang
    assert href == target


def test_sitemap_lists_hreflang_alternates_both_ways(site_dir: Path) -> None:
    sitemap = read(site_dir, "sitemap.xml")
    about_entry = re.search(r"<url>\s*<loc>[^<]*/about/</loc>.*?</url>", sitemap, re.DOTALL)
    assert about_entry, "the Vietnamese about page is missing from sitemap.xml"
    assert 'hreflang="en"' in about_entry.group(0) and "/en/about/" in about_entry.group(0)
    assert 'hreflang="vi"' in about_entry.group(0)


def test_no_alternate_link_in_head_triggers_sitemap_fetches(site_dir: Path) -> None:
    # Material >= 9.7 fetches "<alternate>/sitemap.xml" for each <link rel=alternate> in <head>.
    for page in site_dir.rglob("*.html"):
        assert '<link rel="alternate"' not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize(("path", "lang", "heading"), [("404.html", "vi", "Không tìm thấy trang"),
                                                       ("en/404.html", "en", "Page not found")])
def test_each_language_has_its_own_404_page(site_dir: Path, path: str, lang: str, heading: str) -> None:
    html = read(site_dir, path)
    match = HTML_LANG.search(html)
    assert match and match.group(1) == lang
    assert f"<h1>{heading}</h1>" in html


def test_slugify_keeps_the_d_of_vietnamese_dd() -> None:
    assert slugify("Đăng nhập") == "dang-nhap"
    assert slugify("Bước 2: Điền tờ khai") == "buoc-2-dien-to-khai"
    assert slugify("Quỳnh Ý ươ") == "quynh-y-uo"


def test_translated_pages_share_their_heading_ids(site_dir: Path) -> None:
    pairs = 0
    for english in (site_dir / "en").rglob("index.html"):
        vietnamese = site_dir / english.relative_to(site_dir / "en")
        english_html = english.read_text(encoding="utf-8")
        if "hb-untranslated" in english_html or not vietnamese.exists():
            continue
        pairs += 1
        vi_ids = HEADING_ID.findall(vietnamese.read_text(encoding="utf-8"))
        assert HEADING_ID.findall(english_html) == vi_ids, f"heading ids differ: {english} vs {vietnamese}"
    assert pairs >= 4


def test_no_page_loads_anything_from_another_site(site_dir: Path) -> None:
    external_asset = re.compile(
        r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.IGNORECASE
    )
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # canonical points at the site's own published address; it loads nothing
        html = re.sub(r'<link rel="canonical"[^>]*>', "", html)
        assert not external_asset.search(html), f"{page} loads a third-party resource"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_a_broken_internal_link_fails_the_build_and_names_the_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "about" / "index.md").write_text(
        "---\ntitle: Giới thiệu\n---\n\n# Giới thiệu\n\nXem [trang không có](khong-co-trang-nay.md).\n",
        encoding="utf-8",
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "about/index.md" in output and "khong-co-trang-nay.md" in output


def test_untranslated_page_shows_vietnamese_with_a_note_and_keeps_letters_in_ids(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "thu-nghiem.md").write_text(
        "---\ntitle: Thử nghiệm\n---\n\n# Thử nghiệm\n\n## Đăng nhập\n\nNội dung chỉ có tiếng Việt.\n",
        encoding="utf-8",
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    vietnamese = read(tmp_path / "site", "thu-nghiem/index.html")
    assert '<h2 id="dang-nhap">' in vietnamese
    english = read(tmp_path / "site", "en/thu-nghiem/index.html")
    assert HTML_LANG.search(english).group(1) == "en"
    assert "has not been translated into English yet" in english
    assert '<div lang="vi">' in english and "Nội dung chỉ có tiếng Việt." in english


def test_heading_permalinks_are_titled_in_the_page_language(site_dir: Path) -> None:
    english = read(site_dir, "en/about/index.html")
    assert 'title="Link to this section"' in english and "Liên kết tới mục này" not in english
    assert 'title="Liên kết tới mục này"' in read(site_dir, "about/index.html")
