"""``scripts/handbook units`` and ``new-area``: find a commune-level unit, and start the handbook for it.

``new-area`` writes a fresh ``docs/area.yml`` for the unit (name, language, scope, province with its kind and
landline area code, the national facts kept, every local fact an explicit ``unknown``), moves the previous
area's ward files and area file out of ``docs/`` (to ``archive/<old area>/``, or deletes them with
``clean``), sets ``site_name`` in mkdocs.yml, and returns the facts still to find. Data: the
``vietnamadminunits`` registry (handbook/wards/registry.py) and handbook/data/area_codes.yml.
"""

from __future__ import annotations

import difflib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handbook.area_file import AREA_FILE, load_area
from handbook.errors import ContentError
from handbook.local_facts import FACTS
from handbook.slugs import fold_vietnamese, slugify
from handbook.wards.registry import FormerUnit, Registry, Unit, load_registry

AREA_CODES = Path(__file__).resolve().parent.parent / "data" / "area_codes.yml"
_PREFIXES = ("thanh pho ", "thi tran ", "thi xa ", "phuong ", "xa ", "dac khu ", "quan ", "huyen ", "tinh ")


@dataclass(frozen=True)
class Choice:
    """What ``new-area`` will build: a scope, the area's name and its province."""

    scope: str
    name: str
    province_code: str
    province_name: str  # "Tỉnh Đồng Nai"
    province_short: str  # "Đồng Nai"


def _key(text: str) -> str:
    folded = " ".join(fold_vietnamese(text).split())
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def _country() -> Registry:
    return load_registry("country")


def unit_line(unit: Unit, registry: Registry) -> str:
    """'26098  Phường Bảo Vinh, Tỉnh Đồng Nai  (cũ / old: Phường Bảo Vinh, Xã Bảo Quang)'."""
    old = ", ".join(dict.fromkeys(former.name for former in registry.former_of(unit.code)))
    return f"{unit.code}  {unit.name}, {unit.province_name}" + (f"  (cũ / old: {old})" if old else "")


def former_line(former: FormerUnit, registry: Registry) -> str:
    now = ", ".join(f"{code} {registry.all_units[code].name}" for code in former.successors)
    return f"{former.name}, {former.district_name}, {former.province_name} (trước / before 1/7/2025) → {now}"


def find_units(text: str) -> tuple[list[Unit], list[FormerUnit]]:
    """Current units and former units whose code or name matches ``text`` (accents optional; "Bảo Vinh",
    "bao vinh", "phuong bao vinh"; "name, province" narrows to a province)."""
    registry = _country()
    name, _, province = text.partition(",")
    wanted, where = _key(name), _key(province)
    code = text.strip()
    units = [
        unit
        for unit in registry.all_units.values()
        if code == unit.code or (_key(unit.name) == wanted and where in _key(unit.province_name))
    ]
    formers = [
        former
        for former in registry.all_former
        if code == (former.code or "")
        or (_key(former.name) == wanted and where in _key(former.province_name))
    ]
    if not units and not formers and len(wanted) >= 3:  # part of a name
        units = [
            unit
            for unit in registry.all_units.values()
            if wanted in _key(unit.name) and where in _key(unit.province_name)
        ]
    return units, formers


def closest(text: str, count: int = 5) -> list[str]:
    """The unit names nearest to ``text`` (for a name that matches nothing)."""
    registry = _country()
    names = {_key(unit.name): unit for unit in registry.all_units.values()}
    return [
        unit_line(names[key], registry) for key in difflib.get_close_matches(_key(text), names, count, 0.6)
    ]


def _province(text: str) -> tuple[str, str, str]:
    registry = _country()
    provinces = {
        unit.province_code: (unit.province_name, unit.province_short) for unit in registry.all_units.values()
    }
    code = text.strip().zfill(2) if text.strip().isdigit() else ""
    if code in provinces:
        return code, *provinces[code]
    for key, (full, short) in provinces.items():
        if _key(text) in (_key(full), _key(short)):
            return key, full, short
    near = difflib.get_close_matches(_key(text), [_key(short) for _, short in provinces.values()], 3, 0.5)
    raise _no_match(text, [f"{k} {full}" for k, (full, short) in provinces.items() if _key(short) in near])


def _no_match(text: str, near: list[str]) -> ContentError:
    listed = "; ".join(near) or "—"
    return ContentError(
        "scripts/handbook new-area",
        text,
        f"không tìm thấy đơn vị «{text}». Gần nhất: {listed}.",
        "gõ mã (scripts/handbook units <tên> cho biết mã) hoặc tên đúng.",
        f"no unit matches '{text}'. Closest: {listed}.",
        "give the code (scripts/handbook units <name> lists codes) or the exact name.",
    )


def choose(unit: str | None, province: str | None) -> Choice:
    """The area ``new-area`` builds: a current unit (code or name, an old name too), a scope written as
    ``district:<code>`` / ``province:<code>``, or a province."""
    registry = _country()
    if province:
        code, full, short = _province(province)
        return Choice(f"province:{code}", short, code, full, short)
    text = (unit or "").strip()
    if re.match(r"^(ward|district|province):", text):
        scope = load_registry(text).scope  # a wrong code says "did you mean district:002"
        first = load_registry(text).units[0]
        name = {"ward": first.short_name, "province": first.province_short}.get(scope.kind, "")
        if scope.kind == "district":
            district = next(f.district_name for f in registry.all_former if f.district_code == scope.code)
            name = re.sub(r"^(Thành phố|Thị xã|Quận|Huyện)\s+", "", district)
        return Choice(scope.text, name, first.province_code, first.province_name, first.province_short)
    units, formers = find_units(text)
    targets = {u.code: u for u in units}
    if not targets:
        for former in formers:
            targets.update({code: registry.all_units[code] for code in former.successors[:1]})
    if len(targets) == 1:
        found = next(iter(targets.values()))
        return Choice(
            f"ward:{found.code}",
            found.short_name,
            found.province_code,
            found.province_name,
            found.province_short,
        )
    if targets:
        listed = "; ".join(unit_line(u, registry) for u in targets.values())
        raise ContentError(
            "scripts/handbook new-area",
            text,
            f"nhiều đơn vị trùng tên: {listed}.",
            "gõ mã của đơn vị.",
            f"several units have this name: {listed}.",
            "give the unit's code.",
        )
    raise _no_match(text, closest(text))


def area_file_text(choice: Choice, old: dict[str, Any] | None) -> str:
    """A new docs/area.yml: what is national is kept, every local fact is an explicit ``unknown``."""
    codes = yaml.safe_load(AREA_CODES.read_text(encoding="utf-8")) or {}
    code = codes.get(choice.province_code)
    kind = "thành phố" if choice.province_name.lower().startswith("thành phố") else "tỉnh"
    national = [
        p for p in (old or {}).get("portals") or [] if isinstance(p, dict) and p.get("level") == "national"
    ]
    data: dict[str, Any] = {
        "name": choice.name,
        "site_name": {"vi": f"Sổ tay công nghệ số {choice.name}", "en": f"{choice.name} Digital Handbook"},
        "language": "vi",
        "ward_scope": choice.scope,
        "province": {
            "code": choice.province_code,
            "name": choice.province_short,
            "kind": kind,
            "area_codes": [code] if code else [],
        },
        "portals": national,
        "hotlines": [],
        "zalo_accounts": [],
        "facts": {name: {"value": "unknown"} for name in FACTS},
        "utilities": {},
        "local_words": [],
        "notes": [],
        "emergency": (old or {}).get("emergency") or [],
        "emergency_source": "Các số khẩn cấp toàn quốc 113, 114, 115 (114 theo Luật Phòng cháy và chữa cháy "
        "sửa đổi 2013)",
        "emergency_status": "reported",
    }
    checked = (old or {}).get("emergency_checked")
    if checked:
        data["emergency_checked"] = checked
    head = (
        f"# The area this handbook serves, written by `scripts/handbook new-area` for {choice.name}.\n"
        "# Fill every `unknown` fact with its value, source, status (confirmed | reported | unverified) and\n"
        "# checked date; add the province's portal (portals, level: province), hotlines and Zalo\n"
        "# accounts with their sources; leave out what no source supports.\n"
        '# README: "Using this handbook for another area".\n'
        "# Landline area code: handbook/data/area_codes.yml (vietnam-provinces 2025.10.1)"
        f"{'' if code else ': none found'}.\n"
    )
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


@dataclass(frozen=True)
class NewArea:
    choice: Choice
    moved: list[str]
    archive: Path | None
    to_find: list[str]


def make_new_area(root: Path, choice: Choice, clean: bool = False) -> NewArea:
    """Write the new area into ``root``: docs/area.yml, mkdocs.yml's site_name; the previous area's ward
    files and area file go to archive/<old area>/ (or are deleted with ``clean``)."""
    docs = root / "docs"
    try:
        old: dict[str, Any] | None = load_area(docs)
    except ContentError:
        old = None
    old_name = slugify(str((old or {}).get("name") or "previous")) or "previous"
    archive = None if clean else root / "archive" / old_name
    moved = []
    previous = [path for path in sorted((docs / "wards").glob("*.md")) if not path.name.startswith("index.")]
    if (docs / AREA_FILE).is_file():
        previous.append(docs / AREA_FILE)
    for path in previous:
        relative = path.relative_to(docs)
        moved.append(f"docs/{relative.as_posix()}")
        if archive is None:
            path.unlink()
        else:
            (archive / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), archive / relative)
    (docs / AREA_FILE).write_text(area_file_text(choice, old), encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"(?m)^site_name: .*$", f"site_name: Sổ tay công nghệ số {choice.name}", text, 1),
        encoding="utf-8",
    )
    to_find = [f"facts.{name}: {rule.vi} / {rule.en}" for name, rule in FACTS.items()]
    to_find += [
        "portals (level: province): cổng dịch vụ công của tỉnh / the province's public-service portal",
        "hotlines: tổng đài dịch vụ công của tỉnh / the province's public-service line",
        "zalo_accounts: tài khoản Zalo chính thức của tỉnh / the province's official Zalo account",
        "notes: ghi chú địa phương (tổ công nghệ số, lịch sử) / local notes (the team, local history)",
        "docs/wards/<phường>.md: kênh của từng phường (scripts/handbook ward-channel) / each ward's channels",
    ]
    return NewArea(choice, moved, archive, to_find)
