"""Which pages have their translations: translated, missing, or outdated, for every configured language;
and which lines of each language's interface text (handbook/messages/<lang>.yml) readers still get in
another language (handbook/text.py), listed under the page table and by ``scripts/handbook translations``.

Every page ``docs/<page>.md`` (the default language) may have a translation ``docs/<page>.<lang>.md``
in each other configured language (handbook/lang.py).

How "outdated" is decided (one approach, from git history): a translation is outdated when the
last commit that changed the original file is newer than the last commit that changed the
translation, and only when what changed is something the translation holds. A ward's
``<slug>.<lang>.md`` holds ``ward_code`` and its own text, never the channels (they are written once, in the
original): it is outdated only when the original's text changed since the translation's last commit, and
never when it has no text at all. A channel edit does not ask for a translation. ``scripts/handbook
translations`` and the status page both use :func:`translation_report`. Editors therefore need nothing
extra: updating the translation in the same pull request (or later) marks it up to date again. Files not
committed yet count as up to date, and without git history (a copied folder, a tarball) no page can be found
outdated: the report says so.
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
from handbook.lang import Languages
from handbook.maintain.history import text_at
from handbook.text import Line, catalogue_lines, message, untranslated

Status = Literal["translated", "missing", "outdated"]
STATUSES: tuple[Status, ...] = ("missing", "outdated", "translated")


@dataclass(frozen=True)
class Translation:
    """The state of one page's translation into one language."""

    page: str  # relative to docs/, the original (default-language) file: "guides/dong-tien-dien.md"
    lang: str  # the translation's language
    path: str  # the translation's file: "guides/dong-tien-dien.<lang>.md"
    title: str  # the original's title
    translated_title: str | None  # None when there is no translation yet
    status: Status
    source_changed: datetime | None  # last commit of each file (None: not committed, or no git)
    translation_changed: datetime | None


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


# Front-matter keys that are codes, not text a translator writes.
CODE_KEYS = frozenset({"ward_code"})


def _parts(text: str, name: str) -> tuple[set[str], str] | None:
    try:
        meta, body, _ = split_front_matter(text, name)
    except ContentError:
        return None
    return set(meta), body.strip()


def held_part_changed(docs_dir: Path, page: str, translated: str, since: datetime) -> bool:
    """Whether the original ``page`` changed, since ``since``, in what its translation holds.

    A translation whose front matter holds only codes (:data:`CODE_KEYS`) holds just its text: only a
    change of the original's text counts. Any other translation holds everything the original says.
    """
    mine = _parts((docs_dir / translated).read_text(encoding="utf-8"), translated)
    if mine is None or mine[0] - CODE_KEYS:
        return True
    if not mine[1]:
        return False  # nothing of its own to update
    now = _parts((docs_dir / page).read_text(encoding="utf-8"), page)
    old_text = text_at(docs_dir, page, since)
    before = _parts(old_text, page) if old_text is not None else None
    return now is None or before is None or now[1] != before[1]


def translation_report(docs_dir: Path, changes: dict[str, datetime] | None,
                       languages: Languages) -> list[Translation]:
    """Every original page under ``docs_dir`` with the state of its translation into each other language.

    ``changes`` is :func:`handbook.maintain.history.last_changes` of ``docs_dir`` (``None``: no git history).
    """
    report: list[Translation] = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        if languages.of_file(page) != languages.default:
            continue
        source_changed = changes.get(page) if changes is not None else None
        for lang in languages.translations:
            translated = languages.translation_of(page, lang)
            exists = (docs_dir / translated).exists()
            translation_changed = changes.get(translated) if changes is not None else None
            status: Status
            if not exists:
                status = "missing"
            elif (source_changed and translation_changed and source_changed > translation_changed
                  and held_part_changed(docs_dir, page, translated, translation_changed)):
                status = "outdated"
            else:
                status = "translated"
            report.append(Translation(page, lang, translated, _title(path),
                                      _title(docs_dir / translated) if exists else None,
                                      status, source_changed, translation_changed))
    return report


# --- the table on the translation-status page (built by overrides/hooks/editing.py) -----------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def status_text(item: Translation, lang: str) -> str:
    """The state of one translation in words, in ``lang``."""
    if item.status == "outdated" and item.source_changed and item.translation_changed:
        return message(lang, "translations.outdated", source=format_date(item.source_changed.date(), lang),
                       translation=format_date(item.translation_changed.date(), lang))
    return message(lang, f"translations.{item.status}")


def status_markdown(report: list[Translation], lang: str, from_page: str, languages: Languages,
                    has_history: bool) -> str:
    """Summary lines and a Markdown table (one column per translation language) of ``report``, in the
    reader's language ``lang``, for the page ``from_page`` (relative links)."""
    lines = []
    for code in languages.translations:
        of_language = [item for item in report if item.lang == code]
        counts = {status: sum(1 for item in of_language if item.status == status) for status in STATUSES}
        lines += [message(lang, "translations.summary", language=languages.name(code), total=len(of_language),
                          **counts), ""]
    if not has_history:
        lines += [message(lang, "translations.no_history"), ""]
    columns = [languages.name(code) for code in languages.translations]
    lines += ["| " + " | ".join([message(lang, "translations.page"), *columns]) + " |",
              "|" + "---|" * (len(columns) + 1)]
    order = {status: index for index, status in enumerate(STATUSES)}
    by_page: dict[str, dict[str, Translation]] = {}
    for item in report:
        by_page.setdefault(item.page, {})[item.lang] = item
    base = posixpath.dirname(from_page)

    def first_status(page: str) -> tuple[int, str]:
        return min(order[item.status] for item in by_page[page].values()), page

    for page in sorted(by_page, key=first_status):
        items = by_page[page]
        own = items.get(lang)
        title = own.translated_title if own and own.translated_title else next(iter(items.values())).title
        link = posixpath.relpath(page, base or ".")
        cells = [_cell(status_text(items[code], lang)) if code in items else ""
                 for code in languages.translations]
        lines.append(f"| [{_cell(title)}]({link}) | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# --- the interface text (catalogue) of each language ------------------------------------------


@dataclass(frozen=True)
class CatalogueStatus:
    """How much of a language's catalogue is translated; ``lines``: the lines not translated, by key."""

    lang: str
    total: int
    lines: dict[str, Line]

    @property
    def mostly_fallback(self) -> bool:
        """More than half of the interface reaches readers in another language."""
        return 2 * len(self.lines) > self.total


def catalogue_status(languages: Languages) -> list[CatalogueStatus]:
    """The catalogue of every language but the default one (complete by definition)."""
    return [CatalogueStatus(code, len(catalogue_lines(code)), untranslated(code))
            for code in languages.translations]


def line_state(line: Line, languages: Languages, lang: str) -> str:
    """Why ``line`` is not translated, in ``lang`` ("the same as English (en.yml): shown in English")."""
    return message(lang, f"translations.catalogue_{line.state}", source=languages.name(line.lang),
                   source_file=f"{line.lang}.yml")


def catalogue_markdown(statuses: list[CatalogueStatus], lang: str, languages: Languages) -> str:
    """For each language, its untranslated lines (key, what readers see, why) in a collapsible block, in the
    reader's language ``lang``; a language mostly in other languages gets a warning first."""
    out: list[str] = []
    for status in statuses:
        values = {"language": languages.name(status.lang), "code": status.lang, "total": status.total}
        if not status.lines:
            out += [message(lang, "translations.catalogue_done", **values), ""]
            continue
        if status.mostly_fallback:
            out += [f'!!! warning "{languages.name(status.lang)}"', "",
                    f"    {message(lang, 'translations.catalogue_mostly', **values)}", ""]
        title = message(lang, "translations.catalogue_title", untranslated=len(status.lines), **values)
        out += [f'??? note "{title}"', ""]
        for key, line in sorted(status.lines.items()):
            shown = " ".join(line.text.split()).replace("`", "'")
            out.append(f"    - `{key}`: `{shown}` ({line_state(line, languages, lang)})")
        out.append("")
    return "\n".join(out) + "\n"
