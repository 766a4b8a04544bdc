"""National guides, local facts: the area's own facts (docs/area.yml ``facts:`` and ``notes:``) in pages.

A guide states what is true everywhere; what only one area has comes from the area file, each fact with its
source, status and date, and is shown only where the area has it. Editors write three things:

- ``{{ power_app }}``: a local fact's value; ``{{ power_app_source }}``: where it was read ("nguồn: …").
- Lines of their own that show a part only when the area has a fact (or only when it has not)::

      {{ if power_app }}
      Mở ứng dụng **{{ power_app }}** ({{ power_app_source }}).
      {{ else }}
      Tìm ứng dụng chính thức của công ty điện lực nơi bạn ở.
      {{ end }}

  ``{{ if not power_app }}`` … ``{{ end }}`` is the national text alone. Blocks may nest. A local fact used
  outside a block that tests it stops the build (the guide would say something false elsewhere).
- ``{{ notes }}`` on a line of its own: the area's local notes for this page (``notes:`` in docs/area.yml,
  e.g. what the area's team did in 2022), each with its source; nothing where the area has none.

The rules are data: :data:`FACTS` names every local fact (what ``new-area`` asks a team to find), and
:func:`typed_local_names` refuses a guide that types the area's province, towns, wards, companies, web
domains or area codes instead of these placeholders.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError

UNKNOWN = "unknown"


@dataclass(frozen=True)
class FactRule:
    vi: str  # what the fact is, for the list of facts still to find
    en: str


# Every local fact a page may use: docs/area.yml ``facts: {name: {value, source, status, checked}}``.
FACTS: dict[str, FactRule] = {
    "power_company": FactRule(
        "công ty điện lực phục vụ địa bàn (tên đầy đủ)", "the power company (full name)"
    ),
    "power_short": FactRule("tên ngắn của công ty điện lực (ví dụ EVNSPC)", "the power company's short name"),
    "power_app": FactRule(
        "tên ứng dụng chăm sóc khách hàng của điện lực", "the power company's customer app"
    ),
    "power_website": FactRule("trang web chăm sóc khách hàng của điện lực (https)", "its customer website"),
    "power_hotline": FactRule(
        "tổng đài chính thức của điện lực, kèm cước gọi", "its official hotline and cost"
    ),
    "water_company": FactRule("công ty cấp nước", "the water company"),
    "water_app": FactRule("ứng dụng của công ty cấp nước", "the water company's app"),
    "water_website": FactRule("trang web của công ty cấp nước (https)", "the water company's website"),
    "water_hotline": FactRule("tổng đài của công ty cấp nước", "the water company's hotline"),
    "water_payment": FactRule("cách trả tiền nước công ty xác nhận", "payment channels the company confirms"),
    "water_share": FactRule("tỷ lệ hộ dùng nước máy", "share of households on tap water"),
    "province_portal": FactRule("cổng dịch vụ công của tỉnh (https)", "the province's public-service portal"),
}
# Facts read from the area file's other entries (portals, hotlines, Zalo accounts, area codes).
DERIVED = ("hotline", "hotline_alt", "province_zalo", "area_code")
LOCAL_NOTE = "notes"

_BLOCK = re.compile(r"^[ \t]*\{\{[ \t]*(if|else|end)\b[ \t]*(not[ \t]+)?([A-Za-z0-9_, \t]*)\}\}[ \t]*$")
_USE = re.compile(r"(?<!\\)\{\{[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]*\}\}")
_NOTES_LINE = re.compile(r"^([ \t]*)\{\{[ \t]*notes[ \t]*\}\}[ \t]*$", re.MULTILINE)


def fact_names() -> tuple[str, ...]:
    """Every name a block may test."""
    return (*FACTS, *DERIVED)


def _base(name: str) -> str:
    return name.removesuffix("_source")


def _line_error(file: str, line: int, vi: str, fix_vi: str, en: str, fix_en: str) -> ContentError:
    return ContentError(file, f"dòng {line} / line {line}", vi, fix_vi, en, fix_en)


def apply_blocks(
    text: str, known: set[str], file: str, first_line: int = 1, keep_lines: bool = True
) -> tuple[str, list[ContentError]]:
    """``text`` with each ``{{ if … }}`` block resolved for an area that has the facts in ``known``, and
    every misuse: unknown fact names, unbalanced blocks, a local fact used outside a block testing it.
    Removed lines become empty lines (line numbers of later errors stay right)."""
    errors: list[ContentError] = []
    names = set(fact_names())
    # each open block: (line, names tested, negated, in the else part, shown before the block)
    stack: list[tuple[int, set[str], bool, bool, bool]] = []
    shown = True
    out: list[str] = []
    for index, line in enumerate(text.split("\n")):
        number = first_line + index
        block = _BLOCK.match(line)
        if block:
            word, negated, rest = block.group(1), bool(block.group(2)), block.group(3)
            tested = {part for part in re.split(r"[\s,]+", rest.strip()) if part}
            if word == "if":
                wrong = sorted(tested - names) or ([] if tested else ["?"])
                if wrong:
                    errors.append(
                        _line_error(
                            file,
                            number,
                            f"không có dữ kiện địa phương «{', '.join(wrong)}».",
                            f"dùng một trong: {', '.join(sorted(names))}.",
                            f"there is no local fact '{', '.join(wrong)}'.",
                            f"use one of: {', '.join(sorted(names))}.",
                        )
                    )
                has = tested <= known
                stack.append((number, tested, negated, False, shown))
                shown = shown and (has != negated)
            elif not stack:
                errors.append(
                    _line_error(
                        file,
                        number,
                        f"«{{{{ {word} }}}}» không có «{{{{ if … }}}}» đi trước.",
                        "thêm dòng {{ if tên }} ở đầu phần này, hoặc xóa dòng.",
                        f"'{{{{ {word} }}}}' has no '{{{{ if … }}}}' before it.",
                        "add an {{ if name }} line where the part starts, or delete this line.",
                    )
                )
            elif word == "else":
                opened, tested, negated, _, before = stack.pop()
                stack.append((opened, tested, not negated, True, before))
                shown = before and ((tested <= known) == negated)  # the else part of "if not X" shows with X
            else:
                shown = stack.pop()[4]
            out.append("\0")
            continue
        guarded = {name for _, tested, negated, _, _ in stack if not negated for name in tested}
        for use in _USE.finditer(line):
            name = _base(use.group(1))
            if name in names and name not in guarded:
                errors.append(
                    _line_error(
                        file,
                        number,
                        f"«{use.group(0)}» là dữ kiện riêng của địa bàn, nơi khác có thể không có.",
                        f"đặt dòng này trong khối {{{{ if {name} }}}} … {{{{ else }}}} "
                        "(điều đúng ở mọi nơi) … "
                        "{{ end }}.",
                        f"'{use.group(0)}' is a local fact that another area may not have.",
                        f"put this line inside {{{{ if {name} }}}} … {{{{ else }}}} (what is true anywhere) "
                        "… {{ end }}.",
                    )
                )
        out.append(line if shown else "\0")
    for opened, *_ in stack:
        errors.append(
            _line_error(
                file,
                opened,
                "khối «{{ if … }}» không có dòng «{{ end }}».",
                "thêm dòng {{ end }} ở cuối khối.",
                "the '{{ if … }}' block has no '{{ end }}' line.",
                "add an {{ end }} line where the block ends.",
            )
        )
    if keep_lines:  # removed lines stay as empty lines: later line numbers are the file's
        return "\n".join("" if line == "\0" else line for line in out), errors
    return "\n".join(line for line in out if line != "\0"), errors  # for reading: no gaps left


def _is_known(value: object) -> bool:
    if isinstance(value, dict):
        return any(_is_known(item) for item in value.values())
    return value is not None and str(value).strip() not in ("", UNKNOWN)


@dataclass(frozen=True)
class Fact:
    name: str
    value: Any  # text or {lang: text}
    source: str
    status: str
    checked: datetime.date | None


def facts(area: Mapping[str, Any]) -> dict[str, Fact]:
    """The local facts the area has (``value: unknown`` and missing ones are left out)."""
    found: dict[str, Fact] = {}
    for name, entry in (area.get("facts") or {}).items():
        if isinstance(entry, dict) and _is_known(entry.get("value")):
            found[str(name)] = Fact(
                str(name),
                entry["value"],
                str(entry.get("source") or ""),
                str(entry.get("status") or ""),
                entry.get("checked"),
            )
    return found


def check_facts(area: Mapping[str, Any]) -> list[ContentError]:
    """Every fact entry: a known name, and a source, status and date when its value is known."""
    errors = []
    raw = area.get("facts") or {}
    if not isinstance(raw, dict):
        return [
            ContentError(
                "docs/area.yml",
                "facts",
                "«facts» phải là các dòng «tên: …».",
                "xem mẫu trong README.",
                "'facts' must be 'name: …' entries.",
                "see the README.",
            )
        ]
    for name, entry in raw.items():
        where = f"facts.{name}"
        if name not in FACTS:
            errors.append(
                ContentError(
                    "docs/area.yml",
                    where,
                    f"không có dữ kiện «{name}».",
                    f"dùng một trong: {', '.join(FACTS)}.",
                    f"there is no fact '{name}'.",
                    f"use one of: {', '.join(FACTS)}.",
                )
            )
            continue
        if not isinstance(entry, dict) or not _is_known(entry.get("value")):
            continue
        missing = [key for key in ("source", "status", "checked") if not entry.get(key)]
        if missing or entry.get("status") not in ("confirmed", "reported", "unverified"):
            errors.append(
                ContentError(
                    "docs/area.yml",
                    where,
                    f"dữ kiện thiếu hoặc sai: {', '.join(missing) or 'status'}.",
                    "ghi source (nơi đã đọc), status (confirmed | reported | unverified) "
                    "và checked (2026-12-08).",
                    f"the fact lacks or has a wrong: {', '.join(missing) or 'status'}.",
                    "write source (where it was read), status (confirmed | reported | unverified) "
                    "and checked.",
                )
            )
    return errors


def missing_facts(area: Mapping[str, Any]) -> list[str]:
    """Names of the local facts still unknown (what ``new-area`` lists for the team to find)."""
    have = facts(area)
    return [name for name in FACTS if name not in have]


def notes_for(area: Mapping[str, Any], page: str) -> list[dict[str, Any]]:
    """The area's local notes for ``page`` ("guides/dong-tien-dien", "about/index")."""
    return [
        note
        for note in area.get(LOCAL_NOTE) or []
        if isinstance(note, dict) and str(note.get("page", "")).removesuffix(".md") == page
    ]


def replace_notes(text: str, rendered: str) -> str:
    """``text`` with its ``{{ notes }}`` line replaced by ``rendered`` (indented like the line)."""

    def indent(match: re.Match[str]) -> str:
        return "\n".join(match.group(1) + line if line else line for line in rendered.split("\n"))

    return _NOTES_LINE.sub(indent, text)


def page_key(src_uri: str) -> str:
    """The page a note names: docs/guides/dong-tien-dien.en.md → guides/dong-tien-dien."""
    stem = src_uri.removesuffix(".md")
    stem = re.sub(r"\.[a-z]{2,3}(?:-[A-Za-z0-9]+)?$", "", stem)
    return stem


# --- names of the area typed into a guide -----------------------------------------------------------------


@dataclass(frozen=True)
class LocalName:
    text: str
    use: str  # the placeholder to write instead


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@functools.cache
def _fixed_names() -> tuple[str, ...]:
    """The names every area keeps as they are (handbook/data/fixed_names.yml), folded."""
    names = yaml.safe_load((Path(__file__).parent / "data" / "fixed_names.yml").read_text(encoding="utf-8"))
    return tuple(_fold(str(name)) for name in names)


def typed_local_names(text: str, names: list[LocalName], file: str) -> list[ContentError]:
    """A guide that types one of the area's names instead of the placeholder: file, line, what to write."""
    errors = []
    patterns = [
        (name, re.compile(r"(?<![\w.])" + re.escape(_fold(name.text)) + r"(?!\w)"))
        for name in names
        if len(name.text) >= 3
    ]
    fixed = _fixed_names()
    for number, line in enumerate(text.split("\n"), start=1):
        folded = _fold(line)
        for name_of_everywhere in fixed:
            folded = folded.replace(name_of_everywhere, " ")
        for name, pattern in patterns:
            if pattern.search(folded):
                errors.append(
                    _line_error(
                        file,
                        number,
                        f"hướng dẫn ghi thẳng «{name.text}», tên riêng của địa bàn này; nơi khác sẽ đọc sai.",
                        f"viết {name.use} (lấy từ docs/area.yml).",
                        f"the guide types '{name.text}', a name of this area only; another area would read "
                        "it wrong.",
                        f"write {name.use} (filled from docs/area.yml).",
                    )
                )
                break
    return errors
