"""Which pages have their English translation: translated, missing, or outdated.

Every Vietnamese page ``docs/<page>.md`` may have its English translation ``docs/<page>.en.md``.

How "outdated" is decided (one approach, from git history): a translation is outdated when the
last commit that changed the Vietnamese file is newer than the last commit that changed the
English file. Editors therefore need nothing extra: updating the English file in the same pull
request (or later) marks it up to date again. Files not committed yet count as up to date, and
without git history (a copied folder, a tarball) no page can be found outdated: the report says so.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from handbook.dates import format_date
from handbook.errors import ContentError
from handbook.frontmatter import split_front_matter

Status = Literal["translated", "missing", "outdated"]
STATUSES: tuple[Status, ...] = ("missing", "outdated", "translated")


@dataclass(frozen=True)
class Translation:
    """The translation state of one page."""

    page: str  # relative to docs/, the Vietnamese file: "guides/dong-tien-dien.md"
    title_vi: str
    title_en: str | None  # None when there is no English file
    status: Status
    vi_changed: datetime | None  # last commit of each file (None: not committed, or no git)
    en_changed: datetime | None


def english_path(page: str) -> str:
    """'guides/x.md' -> 'guides/x.en.md'."""
    return page.removesuffix(".md") + ".en.md"


def _title(path: Path) -> str:
    """The page's title from its front matter, else its first '# ' heading, else its file name."""
    text = path.read_text(encoding="utf-8")
    try:
        meta, body, _ = split_front_matter(text, path.name)
    except ContentError:
        meta, body = {}, text
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.name


def translation_report(docs_dir: Path, changes: dict[str, datetime] | None) -> list[Translation]:
    """Every Vietnamese page under ``docs_dir`` with the state of its translation.

    ``changes`` is :func:`handbook.history.last_changes` of ``docs_dir`` (``None``: no git history).
    """
    report: list[Translation] = []
    for path in sorted(docs_dir.rglob("*.md")):
        if path.name.endswith(".en.md"):
            continue
        page = path.relative_to(docs_dir).as_posix()
        english = docs_dir / english_path(page)
        vi_changed = changes.get(page) if changes is not None else None
        en_changed = changes.get(english_path(page)) if changes is not None else None
        status: Status
        if not english.exists():
            status = "missing"
        elif vi_changed is not None and en_changed is not None and vi_changed > en_changed:
            status = "outdated"
        else:
            status = "translated"
        title_en = _title(english) if english.exists() else None
        report.append(Translation(page, _title(path), title_en, status, vi_changed, en_changed))
    return report


# --- the table on the translation-status page (built by overrides/hooks/editing.py) -----------

_WORDS = {
    "vi": {
        "page": "Trang", "english": "Bản tiếng Anh",
        "translated": "Đã dịch", "missing": "Chưa dịch",
        "outdated": "Cần cập nhật: bản tiếng Việt sửa ngày {vi}, bản dịch ngày {en}",
        "summary": "{total} trang: {translated} đã dịch, {missing} chưa dịch, {outdated} cần cập nhật.",
        "no_history": "Không đọc được lịch sử thay đổi (git) khi tạo trang này, "
                      "nên chưa biết bản dịch nào cần cập nhật.",
    },
    "en": {
        "page": "Page", "english": "English version",
        "translated": "Translated", "missing": "Not translated yet",
        "outdated": "Needs updating: Vietnamese changed on {vi}, translation on {en}",
        "summary": "{total} pages: {translated} translated, {missing} not translated yet, {outdated} need updating.",
        "no_history": "The change history (git) could not be read when this page was built, "
                      "so out-of-date translations cannot be shown.",
    },
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def status_text(item: Translation, lang: str) -> str:
    """The state of one translation in words, in ``lang``."""
    words = _WORDS[lang]
    if item.status == "outdated" and item.vi_changed and item.en_changed:
        return words["outdated"].format(vi=format_date(item.vi_changed.date(), lang),
                                        en=format_date(item.en_changed.date(), lang))
    return words[item.status]


def status_markdown(report: list[Translation], lang: str, from_page: str, has_history: bool) -> str:
    """A summary line and a Markdown table of ``report`` for the page ``from_page`` (relative links)."""
    words = _WORDS[lang]
    counts = {status: sum(1 for item in report if item.status == status) for status in STATUSES}
    lines = [words["summary"].format(total=len(report), **counts), ""]
    if not has_history:
        lines += [words["no_history"], ""]
    lines += [f"| {words['page']} | {words['english']} |", "|---|---|"]
    order = {status: index for index, status in enumerate(STATUSES)}
    base = posixpath.dirname(from_page)
    for item in sorted(report, key=lambda item: (order[item.status], item.page)):
        title = item.title_en if lang == "en" and item.title_en else item.title_vi
        link = posixpath.relpath(item.page, base or ".")
        lines.append(f"| [{_cell(title)}]({link}) | {_cell(status_text(item, lang))} |")
    return "\n".join(lines) + "\n"
