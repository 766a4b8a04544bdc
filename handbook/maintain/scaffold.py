"""A new guide from the template (scripts/templates/guide*.md), in the default language and each translation
that has a template (guide.<lang>.md).

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
from handbook.guides.guide_files import CATEGORIES, load_guides
from handbook.lang import Languages, project_languages
from handbook.maintain.reviews import REVIEW_MONTHS, add_months
from handbook.slugs import slugify
from handbook.text import message

TEMPLATES = Path(__file__).resolve().parents[2] / "scripts" / "templates"
LEFTOVER = re.compile(r"\[(?:VIẾT|WRITE):")


def fill_template(name: str, **values: object) -> str:
    """scripts/templates/``name`` with its $names filled."""
    return Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(values)


def _slug_error(slug: str, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str) -> ContentError:
    return ContentError(f"docs/guides/{slug}.md", "tên tệp / file name",
                        problem_vi, fix_vi, problem_en, fix_en)


def template_languages(languages: Languages) -> tuple[str, ...]:
    """The default language and each translation language that has a guide template
    (scripts/templates/guide.<lang>.md): a new guide is written in these."""
    return (languages.default,) + tuple(
        lang for lang in languages.translations
        if (TEMPLATES / languages.translation_of("guide.md", lang)).is_file())


def guide_texts(title: str, translated_title: str, category: str, today: date, steps: int = 3,
                languages: Languages | None = None) -> dict[str, str]:
    """The files of a new guide by language (the original titled ``title``, each translation template
    ``translated_title``), reviewed ``today``, due again in 6 months."""
    languages = languages or project_languages(TEMPLATES.parent.parent)
    common = {"category": category, "categories": " | ".join(CATEGORIES), "today": today.isoformat(),
              "next_review": add_months(today, REVIEW_MONTHS).isoformat()}
    texts = {}
    for lang in template_languages(languages):
        name = title if lang == languages.default else translated_title
        step = languages.translation_of("guide-step.md", lang)
        body = "\n".join(fill_template(step, number=number) for number in range(1, steps + 1))
        # JSON strings are valid YAML: a title with ':' or quotes stays one value.
        texts[lang] = fill_template(languages.translation_of("guide.md", lang),
                            title=json.dumps(name.strip(), ensure_ascii=False), steps=body, **common)
    return texts


def create_guide(docs_dir: Path, slug: str, title: str, translated_title: str, category: str, today: date,
                 steps: int = 3) -> list[Path]:
    """Write docs/guides/<slug>.md and its translations (one per guide template); return their paths.

    Raises :class:`ContentError` for a bad slug or an existing guide, and :class:`ContentErrors`
    (after removing the new files) if the guide rules reject the result.
    """
    languages = project_languages(docs_dir.parent)
    if not slug or slugify(slug) != slug or slug == "index":
        suggestion = slugify(slug) or "dong-tien-dien"
        raise _slug_error(slug, "Tên tệp chỉ được có chữ thường không dấu, chữ số và dấu gạch ngang.",
                          f"Dùng tên như «{suggestion}».",
                          "A file name may only have lower-case letters without accents, digits and hyphens.",
                          f"Use a name like '{suggestion}'.")
    texts = guide_texts(title, translated_title, category, today, steps, languages)
    paths = {lang: docs_dir / "guides" / languages.translation_of(f"{slug}.md", lang) for lang in texts}
    if any(path.exists() for path in paths.values()):
        raise _slug_error(slug, "Đã có hướng dẫn mang tên này.", "Chọn tên khác, hoặc sửa hướng dẫn đang có.",
                          "A guide with this name already exists.",
                          "Choose another name, or edit the existing guide.")
    for name in (title, translated_title):
        if not name.strip():
            raise _slug_error(slug, "Thiếu tên hướng dẫn.",
                              "Ghi tên (--title) và tên cho các bản dịch (--translated-title).",
                              "The guide's title is missing.",
                              "Give the title (--title) and the translations' title (--translated-title).")
    for lang, path in paths.items():
        path.write_text(texts[lang], encoding="utf-8")
    _, errors = load_guides(docs_dir, languages)
    names = {f"docs/guides/{path.name}" for path in paths.values()}
    problems = [error for error in errors if error.file in names]
    if problems:
        for path in paths.values():
            path.unlink()
        raise ContentErrors(problems)
    return list(paths.values())


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
def _details(title: str, text: str) -> str:
    fenced = ["````markdown", *text.rstrip("\n").split("\n"), "````"]
    body = "\n".join(f"    {line}" if line else "" for line in fenced)
    return f'??? note "{title}"\n\n{body}\n'


def template_markdown(repo_url: str, lang: str, today: date, languages: Languages,
                      slug: str = "ten-huong-dan") -> str:
    """Markdown for the contributing page, in the reader's language ``lang``: a GitHub link that opens a
    new guide file already filled with the original template, and every template to copy (translations
    go in the same pull request)."""
    texts = guide_texts(*_BROWSER_TITLES, "public-services", today, languages=languages)
    query = urlencode({"filename": f"{slug}.md", "value": texts[languages.default]}, quote_via=quote)
    link = f"{repo_url.rstrip('/')}/new/main/docs/guides?{query}"
    parts = [f"[{message(lang, 'scaffold.link')}]({link}){{ .md-button }}\n",
             _details(message(lang, "scaffold.source"), texts[languages.default])]
    parts += [_details(message(lang, "scaffold.translation", language=languages.name(code)), text)
              for code, text in texts.items() if code != languages.default]
    return "\n".join(parts)
