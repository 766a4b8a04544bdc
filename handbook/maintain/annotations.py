"""Content problems and translation status as GitHub Actions shows them.

- :func:`github_annotations`: one ``::error file=…,line=…,title=…::message`` line per content error, so a
  pull request shows each problem on the changed file and line (``scripts/handbook check --github``).
- :func:`translation_summary`: a short Markdown table of the pages whose English version is missing or
  older than the Vietnamese one, for the run's summary (``scripts/handbook translations --markdown``).

Only formatting: the errors come from :class:`handbook.errors.ContentError` (its ``file`` and ``where``),
the translation states from :mod:`handbook.maintain.translations`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from handbook.errors import ContentError
from handbook.lang import Languages
from handbook.maintain.translations import Translation, status_text

_LINE = re.compile(r"\bline (\d+)")


def _escape_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message (newlines become %0A)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(error: ContentError) -> str:
    """One error as a GitHub Actions ``::error`` command (with ``line=`` when ``where`` names a line)."""
    properties = [f"file={_escape_property(error.file)}"]
    line = _LINE.search(error.where)
    if line:
        properties.append(f"line={line.group(1)}")
    properties.append(f"title={_escape_property(error.where)}")
    message = (f"[vi] {error.problem_vi} Cách sửa: {error.fix_vi}\n"
               f"[en] {error.problem_en} Fix: {error.fix_en}")
    return f"::error {','.join(properties)}::{_escape_data(message)}"


def github_annotations(errors: Iterable[ContentError]) -> str:
    """Every error as a GitHub Actions command, one a line."""
    return "".join(github_annotation(error) + "\n" for error in errors)


def translation_summary(report: list[Translation], has_history: bool, languages: Languages) -> str:
    """Markdown: what needs translating (missing or outdated translations), for a pull request's summary."""
    todo = [item for item in report if item.status != "translated"]
    lines = ["### Bản dịch / Translations", ""]
    if not has_history:
        lines += [("Không có lịch sử git: không biết bản dịch nào cũ / "
                  "No git history: outdated translations cannot be found."), ""]
    if not todo:
        lines.append(f"Mọi bản dịch đã mới nhất / Every translation is up to date ({len(report)} pages).")
        return "\n".join(lines) + "\n"
    lines += [f"{len(todo)} / {len(report)} trang cần dịch / pages need translating:", "",
              "| Bản gốc / Original | Bản dịch / Translation | Tình trạng / Status |", "|---|---|---|"]
    order = {"outdated": 0, "missing": 1}
    for item in sorted(todo, key=lambda item: (order[item.status], item.page)):
        words = " / ".join(status_text(item, code) for code in languages.codes)
        lines.append(f"| `docs/{item.page}` | `docs/{item.path}` | {words} |")
    return "\n".join(lines) + "\n"
