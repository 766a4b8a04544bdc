"""Reading ``docs/area.yml``, the file a team elsewhere edits: the file as data, its ward scope and the web
domains of its own bodies. No rules of what the data means (handbook/area.py has those), so the allowlist
(handbook/safety/domains.py) and the registry can read the area without importing the rules that use them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError
from handbook.frontmatter import NoAliasLoader, read_content, yaml_error

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
    source = read_content(path, label)[0]  # the one reading path (repaired, as check reads it)
    try:
        data = yaml.load(source, Loader=NoAliasLoader)  # safe, aliases refused (issue 29)
    except yaml.YAMLError as error:
        raise yaml_error(error, label, 1, source) from error
    missing = missing_entries(data)
    if missing:
        raise missing[0]
    return dict(data)


def missing_entries(data: object) -> list[ContentError]:
    """One error for each entry every area file must have (the build and ``scripts/handbook check``)."""
    label = f"docs/{AREA_FILE}"
    return [
        ContentError(
            label, key,
            f"Thiếu mục «{key}».", f"Thêm dòng «{key}: …» như trong tệp gốc.",
            f"The '{key}' entry is missing.", f"Add a '{key}: …' line as in the original file.",
        )
        for key in ("name", "language", "ward_scope", "province")
        if not isinstance(data, dict) or key not in data
    ]


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
