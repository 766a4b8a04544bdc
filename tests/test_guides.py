"""Guides (issue 4): every guide complete in both languages, every step illustrated, clear errors."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from handbook.guides.guide_files import CATEGORIES, load_guides
from handbook.safety.domains import check_url

DOCS = ROOT / "docs"
GUIDE_SLUGS = sorted(
    p.stem for p in (DOCS / "guides").glob("*.md") if "." not in p.stem and p.stem != "index"
)
VIETNAMESE_LETTERS = re.compile(
    r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.IGNORECASE
)


class ArticleText(HTMLParser):
    """Collect the article's visible text, skipping parts marked lang="vi" and the phone drawings."""

    def __init__(self) -> None:
        super().__init__()
        self.depth_skipped = 0
        self.stack: list[bool] = []
        self.in_article = False
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
        if tag in ("br", "img", "input", "hr", "meta", "link", "wbr"):
            return
        values = dict(attrs)
        skip = (
            (self.in_article and values.get("lang") == "vi")
            or "hb-screen" in (values.get("class") or "")
            or tag in ("code", "pre")
        )
        self.stack.append(skip)
        self.depth_skipped += skip

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "input", "hr", "meta", "link", "wbr") or not self.stack:
            return
        self.depth_skipped -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.depth_skipped:
            self.words += data.split()


def vietnamese_word_share(html: str) -> float:
    parser = ArticleText()
    parser.feed(html)
    words = [w for w in parser.words if any(c.isalpha() for c in w)]
    return sum(bool(VIETNAMESE_LETTERS.search(w)) for w in words) / max(len(words), 1)


def test_there_are_at_least_13_guides_and_all_validate() -> None:
    guides, errors = load_guides(DOCS)
    assert [str(e) for e in errors] == []
    assert len(GUIDE_SLUGS) >= 13
    assert {g.lang for g in guides} == {"vi", "en"} and len(guides) == 2 * len(GUIDE_SLUGS)
    for guide in guides:
        assert guide.category in CATEGORIES
        assert guide.next_review > guide.last_reviewed
        assert guide.needs and guide.sources and guide.summary


@pytest.mark.parametrize("slug", GUIDE_SLUGS)
def test_every_step_of_every_guide_has_an_illustration_in_both_languages(site_dir: Path, slug: str) -> None:
    for prefix in ("", "en/"):
        html = (site_dir / prefix / "guides" / slug / "index.html").read_text(encoding="utf-8")
        sections = re.split(r'<h2 id="', html)[1:]
        steps = [s for s in sections if re.match(r"buoc-\d+\"", s)]
        assert steps, f"{prefix}{slug} has no steps"
        for section in steps:
            step = re.match(r"buoc-(\d+)", section).group(1)
            assert 'class="hb-screen' in section, (
                f"{prefix}{slug}: step {step} has no phone-screen illustration"
            )
        for needed in ("can-chuan-bi", "neu-gap-kho-khan", "nguon"):
            assert f'<h2 id="{needed}"' in html, f"{prefix}{slug} lacks the section #{needed}"
        assert re.search(r'<p class="hb-review">[^<]*\d{4}\.</p>', html), (
            f"{prefix}{slug}: no review dates line"
        )


@pytest.mark.parametrize("slug", GUIDE_SLUGS)
def test_english_guides_are_english_and_vietnamese_guides_vietnamese(site_dir: Path, slug: str) -> None:
    vietnamese = vietnamese_word_share(
        (site_dir / "guides" / slug / "index.html").read_text(encoding="utf-8")
    )
    english = vietnamese_word_share(
        (site_dir / "en" / "guides" / slug / "index.html").read_text(encoding="utf-8")
    )
    # An untranslated page scores ~75%. English pages keep Vietnamese place names (proper names, which
    # WCAG 3.1.2 exempts from lang marking): the old-to-new ward table alone reaches ~12%.
    assert vietnamese > 0.5, f"the Vietnamese {slug} guide does not read as Vietnamese ({vietnamese:.0%})"
    assert english < 0.2, f"the English {slug} guide has {english:.0%} unmarked Vietnamese words"


def test_guides_index_lists_every_guide_under_its_category(site_dir: Path) -> None:
    for prefix in ("", "en/"):
        index = (site_dir / prefix / "guides" / "index.html").read_text(encoding="utf-8")
        for slug in GUIDE_SLUGS:
            assert f'href="{slug}/"' in index, f"{prefix}guides/ does not link {slug}"
        headings = re.findall(r'<h2 id="([a-z-]+)"', index)
        # One section per category, in order, then the same guides read by digital-skill group.
        assert headings == list(CATEGORIES) + ["ky-nang"]


def test_every_image_has_alt_text_and_every_external_link_is_official(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for img in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\balt="[^"]+"', img), f"{page}: image without alt text: {img}"
        if "/guides/" in page.as_posix():
            # the "edit / report this page" links at the end go to the project's repository, not to content
            content = html.split('class="hb-page-actions"')[0]
            for href in re.findall(r'<a [^>]*href="(https?://[^"]+)"', content):
                assert check_url(href) is None, f"{page}: link to a non-official site {href}"


def _break_guide(tmp_path: Path, slug: str, old: str, new: str, language: str = "") -> str:
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "guides" / f"{slug}{language}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, errors = load_guides(project / "docs")
    return "\n".join(str(e) for e in errors)


@pytest.mark.parametrize(
    ("old", "new", "expected_vi", "expected_en"),
    [
        ("next_review: 2027-05-27", "next_review: 27/05/2027", "Ngày không hợp lệ", "Not a valid date"),
        (
            "next_review: 2027-05-27",
            "next_review: 2026-01-01",
            "phải sau ngày xem lại",
            "must be after the last review",
        ),
        ("category: payments", "category: thanh-toan", "Nhóm không hợp lệ", "Unknown category"),
        (
            "duration_minutes: 15",
            "duration_minut: 15",
            "Khóa không có trong mẫu",
            "not part of the guide template",
        ),
        (
            "(cảnh báo tổng đài thu phí cao 1900 292900)\n",
            "(cảnh báo tổng đài thu phí cao 1900 292900)\n    url: https://cskh-evnspc.com\n",
            "Đường dẫn không được phép",
            "Link not allowed",
        ),
        ("{#buoc-2}", "{#buoc-3}", "Bước số 3 đứng ở vị trí bước 2", "Step 3 is in the place of step 2"),
        (
            "## Bước 2: Đăng nhập bằng số điện thoại {#buoc-2}",
            "## Bước 2: Đăng nhập bằng số điện thoại",
            "thiếu mã cố định",
            "has no fixed id",
        ),
        ("title: Đóng tiền điện", "title: [Đóng tiền điện", "dòng 2 / line 2", "is never closed"),
    ],
)
def test_each_kind_of_guide_mistake_gets_a_bilingual_message_naming_file_and_place(
    tmp_path: Path, old: str, new: str, expected_vi: str, expected_en: str
) -> None:
    message = _break_guide(tmp_path, "dong-tien-dien", old, new)
    assert "docs/guides/dong-tien-dien.md" in message
    assert expected_vi in message and expected_en in message
    assert "Cách sửa:" in message and "Fix:" in message


def test_a_step_without_an_illustration_is_reported_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "guides" / "dong-tien-dien.md"
    text = path.read_text(encoding="utf-8")
    step2 = text.index("{#buoc-2}")
    fence = text.index("```screen", step2)
    end = text.index("```", fence + 3)
    path.write_text(text[:fence] + text[end + 3:], encoding="utf-8")
    line = text[:step2].count("\n") + 1
    message = "\n".join(str(e) for e in load_guides(project / "docs")[1])
    assert f"docs/guides/dong-tien-dien.md (dòng {line} / line {line})" in message
    assert "Bước 2 chưa có hình minh họa" in message and "Step 2 has no screen illustration" in message


def test_a_missing_translation_and_mismatched_ids_fail_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "guides" / "dong-tien-nuoc.en.md").unlink()
    english = project / "docs" / "guides" / "dong-tien-dien.en.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace("{#buoc-2}", "{#step-2}"), encoding="utf-8"
    )
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/guides/dong-tien-nuoc.en.md is missing" in output
    assert "docs/guides/dong-tien-dien.en.md" in output and "heading ids differ" in output


def test_review_dates_are_shown_in_the_page_language(site_dir: Path) -> None:
    guides, _ = load_guides(DOCS)
    guide = next(g for g in guides if g.slug == "dong-tien-dien" and g.lang == "vi")
    last: datetime.date = guide.last_reviewed
    vi = (site_dir / "guides" / "dong-tien-dien" / "index.html").read_text(encoding="utf-8")
    en = (site_dir / "en" / "guides" / "dong-tien-dien" / "index.html").read_text(encoding="utf-8")
    assert f"Xem lại lần cuối: {last.day:02d}/{last.month:02d}/{last.year}" in vi
    assert f"Last reviewed: {last.day} {last.strftime('%B')} {last.year}" in en


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_guide_fits_a_360px_phone(phone_page: object, base_url: str, prefix: str) -> None:
    for slug in GUIDE_SLUGS:
        phone_page.goto(f"{base_url}{prefix}guides/{slug}/")
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{prefix}guides/{slug}/ is {overflow}px wider than a 360px phone"
