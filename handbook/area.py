"""The area the handbook serves, read from ``docs/area.yml`` (the one file a team elsewhere edits).

Plain data, no MkDocs: the province (code, name, kind, landline area codes), its portals, hotlines, Zalo
accounts, utility companies, emergency numbers and the ward scope. Text that readers see is given per
language (``{vi: …, en: …}``); :func:`localized` picks the reader's language, else the default language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError

AREA_FILE = "area.yml"


def load_area(docs_dir: Path) -> dict[str, Any]:
    """The parsed ``docs/area.yml``; a missing or malformed file stops with a message for editors."""
    path = docs_dir / AREA_FILE
    label = f"docs/{AREA_FILE}"
    if not path.is_file():
        raise ContentError(
            label, "file",
            "Thiếu tệp mô tả địa bàn.", "Chép docs/area.yml từ kho gốc rồi sửa cho địa bàn của bạn.",
            "The area file is missing.", "Copy docs/area.yml from the original repository and edit it for your area.",
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("name", "ward_scope", "province"):
        if not isinstance(data, dict) or key not in data:
            raise ContentError(
                label, key,
                f"Thiếu mục «{key}».", f"Thêm dòng «{key}: …» như trong tệp gốc.",
                f"The '{key}' entry is missing.", f"Add a '{key}: …' line as in the original file.",
            )
    return data


def localized(value: Any, lang: str, default_lang: str = "vi") -> str:
    """``value`` in ``lang`` when it is a ``{lang: text}`` mapping (else the default language's); plain text as is."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get(default_lang) or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def province_name(area: dict[str, Any], lang: str, default_lang: str = "vi") -> str:
    """'tỉnh Đồng Nai' / 'Đồng Nai province': the province's name with its kind, in ``lang``."""
    province = area["province"]
    kind = localized(province.get("kind"), lang, default_lang)
    name = str(province["name"])
    return f"{name} {kind}" if lang == "en" else f"{kind} {name}"
