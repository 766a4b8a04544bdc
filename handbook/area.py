"""The area the handbook serves, read from ``docs/area.yml`` (the one file a team elsewhere edits).

Plain data, no MkDocs: the province (code, name, kind, landline area codes), its portals, hotlines, Zalo
accounts, utility companies, emergency numbers and the ward scope. Text that readers see is given per
language (``{vi: …, en: …}``, the default language first); :func:`localized` picks the reader's language,
else the default language's text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError
from handbook.text import message

AREA_FILE = "area.yml"
# The repository's own docs/ folder (tools that check a single address read the area from here).
PROJECT_DOCS = Path(__file__).resolve().parent.parent / "docs"


def load_area(docs_dir: Path) -> dict[str, Any]:
    """The parsed ``docs/area.yml``; a missing or malformed file stops with a message for editors."""
    path = docs_dir / AREA_FILE
    label = f"docs/{AREA_FILE}"
    if not path.is_file():
        raise ContentError(
            label, "file",
            "Thiếu tệp mô tả địa bàn.", "Chép docs/area.yml từ kho gốc rồi sửa cho địa bàn của bạn.",
            "The area file is missing.",
            "Copy docs/area.yml from the original repository and edit it for your area.",
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("name", "ward_scope", "province"):
        if not isinstance(data, dict) or key not in data:
            raise ContentError(
                label, key,
                f"Thiếu mục «{key}».", f"Thêm dòng «{key}: …» như trong tệp gốc.",
                f"The '{key}' entry is missing.", f"Add a '{key}: …' line as in the original file.",
            )
    return dict(data)


def localized(value: object, lang: str, default_lang: str | None = None) -> str:
    """``value`` in ``lang`` when it is a ``{lang: text}`` mapping, else in ``default_lang`` (else the
    first language given, which the area file writes first: the default one); plain text as is."""
    if isinstance(value, dict):
        fallback = value.get(default_lang) if default_lang else None
        return str(value.get(lang) or fallback or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def province_name(area: dict[str, Any], lang: str, default_lang: str | None = None) -> str:
    """'tỉnh Đồng Nai' / 'Đồng Nai province': the province's name with its kind, in ``lang``
    (the word order is the catalogue's ``area.province``)."""
    province = area["province"]
    kind = localized(province.get("kind"), lang, default_lang)
    return message(lang, "area.province", kind=kind, name=str(province["name"]))


def ward_scope(area: dict[str, Any]) -> str:
    """Which wards get a page (``district:<old code>``, ``province:<code>`` or ``country``)."""
    return str(area["ward_scope"]).strip()


def area_domains(area: dict[str, Any]) -> tuple[str, ...]:
    """Web domains of the area's own bodies that pages may link (the utilities' ``domains:`` lists)."""
    found: list[str] = []
    for utility in (area.get("utilities") or {}).values():
        if isinstance(utility, dict):
            found += [str(domain).lower() for domain in utility.get("domains") or []]
    return tuple(dict.fromkeys(found))


@cache
def project_area() -> dict[str, Any]:
    """The repository's own docs/area.yml (for checks that run on one address, outside a build)."""
    return load_area(PROJECT_DOCS)
