"""A new guide from the template (scripts/templates/guide*.md), in both languages.

The files are complete and valid at once (front matter, steps with fixed ids {#buoc-1}…, one
screen block per step), so the site builds; the places an editor must write are marked
"[VIẾT: …]" / "[WRITE: …]", and :func:`template_leftovers` finds the ones still there.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from string import Template
from urllib.parse import quote, urlencode

from handbook.errors import ContentError, ContentErrors
from handbook.guides import CATEGORIES, load_guides
from handbook.reviews import REVIEW_MONTHS, add_months
from handbook.slugs import slugify

TEMPLATES = Path(__file__).resolve().parent.parent / "scripts" / "templates"
LEFTOVER = re.compile(r"\[(?:VIẾT|WRITE):")


def _fill(name: str, **values: object) -> str:
    return Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(values)


def _slug_error(slug: str, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str) -> ContentError:
    return ContentError(f"docs/guides/{slug}.md", "tên tệp / file name", problem_vi, fix_vi, problem_en, fix_en)


def guide_texts(title_vi: str, title_en: str, category: str, today: date, steps: int = 3) -> tuple[str, str]:
    """The Vietnamese and English files of a new guide, reviewed ``today``, due again in 6 months."""
    common = {"category": category, "categories": " | ".join(CATEGORIES), "today": today.isoformat(),
              "next_review": add_months(today, REVIEW_MONTHS).isoformat()}
    texts = []
    for title, suffix in ((title_vi, ".md"), (title_en, ".en.md")):
        body = "\n".join(_fill(f"guide-step{suffix}", number=number) for number in range(1, steps + 1))
        # JSON strings are valid YAML: a title with ':' or quotes stays one value.
        texts.append(_fill(f"guide{suffix}", title=json.dumps(title.strip(), ensure_ascii=False), steps=body, **common))
    return texts[0], texts[1]


def create_guide(docs_dir: Path, slug: str, title_vi: str, title_en: str, category: str, today: date,
                 steps: int = 3) -> list[Path]:
    """Write docs/guides/<slug>.md and .en.md; return their paths.

    Raises :class:`ContentError` for a bad slug or an existing guide, and :class:`ContentErrors`
    (after removing the new files) if the guide rules reject the result.
    """
    if not slug or slugify(slug) != slug or slug == "index":
        suggestion = slugify(slug) or "dong-tien-dien"
        raise _slug_error(slug, "Tên tệp chỉ được có chữ thường không dấu, chữ số và dấu gạch ngang.",
                          f"Dùng tên như «{suggestion}».",
                          "A file name may only have lower-case letters without accents, digits and hyphens.",
                          f"Use a name like '{suggestion}'.")
    paths = [docs_dir / "guides" / f"{slug}.md", docs_dir / "guides" / f"{slug}.en.md"]
    if any(path.exists() for path in paths):
        raise _slug_error(slug, "Đã có hướng dẫn mang tên này.", "Chọn tên khác, hoặc sửa hướng dẫn đang có.",
                          "A guide with this name already exists.", "Choose another name, or edit the existing guide.")
    for title in (title_vi, title_en):
        if not title.strip():
            raise _slug_error(slug, "Thiếu tên hướng dẫn.", "Ghi tên bằng cả tiếng Việt và tiếng Anh.",
                              "The guide's title is missing.", "Give the title in both Vietnamese and English.")
    for path, text in zip(paths, guide_texts(title_vi, title_en, category, today, steps), strict=True):
        path.write_text(text, encoding="utf-8")
    _, errors = load_guides(docs_dir)
    names = {f"docs/guides/{path.name}" for path in paths}
    problems = [error for error in errors if error.file in names]
    if problems:
        for path in paths:
            path.unlink()
        raise ContentErrors(problems)
    return paths


def template_leftovers(docs_dir: Path) -> list[tuple[str, int]]:
    """(file, line) of every "[VIẾT: …]" / "[WRITE: …]" placeholder still in a guide."""
    found = []
    for path in sorted((docs_dir / "guides").glob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if LEFTOVER.search(line):
                found.append((f"docs/{path.relative_to(docs_dir).as_posix()}", number))
    return found


# --- the template on the contributing page (editors working in the browser) -----------------

_BROWSER_TITLES = ("[VIẾT: tên việc cần làm, ví dụ «Đăng ký tạm trú trực tuyến»]",
                   "[WRITE: the task, e.g. \"Register temporary residence online\"]")
_PAGE_WORDS = {
    "vi": {"link": "Mở mẫu hướng dẫn tiếng Việt trên GitHub", "english": "Mẫu tệp tiếng Anh (chép toàn bộ)",
           "vietnamese": "Mẫu tệp tiếng Việt (nếu nút trên không mở được)"},
    "en": {"link": "Open the Vietnamese guide template on GitHub", "english": "English file template (copy all of it)",
           "vietnamese": "Vietnamese file template (if the button above does not open)"},
}


def _details(title: str, text: str) -> str:
    body = "\n".join(f"    {line}" if line else "" for line in ["````markdown", *text.rstrip("\n").split("\n"), "````"])
    return f'??? note "{title}"\n\n{body}\n'


def template_markdown(repo_url: str, lang: str, today: date, slug: str = "ten-huong-dan") -> str:
    """Markdown for the contributing page: a GitHub link that opens a new guide file already filled with
    the Vietnamese template, and both templates to copy (the English one goes in the same pull request)."""
    vi_text, en_text = guide_texts(*_BROWSER_TITLES, "public-services", today)
    words = _PAGE_WORDS[lang]
    query = urlencode({"filename": f"{slug}.md", "value": vi_text}, quote_via=quote)
    link = f"{repo_url.rstrip('/')}/new/main/docs/guides?{query}"
    return (f"[{words['link']}]({link}){{ .md-button }}\n\n"
            + _details(words["vietnamese"], vi_text) + "\n" + _details(words["english"], en_text))
