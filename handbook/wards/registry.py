"""The ward registry: Vietnam's administrative units, read from the ``vietnamadminunits`` package (MIT).

Nothing here is typed by hand except the two names in :data:`ALIAS_NAMES`. The package gives:
- the 3,321 current commune-level units (from 1/7/2025) with codes, type, province and coordinates
  (SQLite table ``admin_units``);
- the 10,040 units from before 1/7/2025 (table ``admin_units_legacy``);
- the 2025 old-to-new map (``data/converter_2025.json``): for each new unit, the old units merged
  into it, and for each old unit split between new units, the new units and the default one.

A *scope* (``ward_scope`` in docs/area.yml) chooses which current units get a page:
``district:<old district code>`` (the units that took over a former district, e.g. ``district:732``,
former TP. Long Khánh), ``province:<province code>`` or ``country``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources

from vietnamadminunits.database import query

from handbook.errors import ContentError
from handbook.slugs import fold_vietnamese

PACKAGE = "vietnamadminunits"

SCOPE_FILE, SCOPE_FIELD = "docs/area.yml", "ward_scope"

# Units merged away before 1/7/2025 that the package keeps only as accent-free alias keys of the
# unit they joined (phường Xuân Thanh and Xuân Trung joined phường Xuân An). Their written names are
# from the facts file (Nghị quyết 673/NQ-UBTVQH14: the 15 units of TP. Long Khánh).
# Key: (the package's old-unit key, the alias key the package lists for it).
ALIAS_NAMES: dict[tuple[str, str], str] = {
    ("tinhdongnai_thanhpholongkhanh_phuongxuanan", "phuongxuanthanh"): "Phường Xuân Thanh",
    ("tinhdongnai_thanhpholongkhanh_phuongxuanan", "phuongxuantrung"): "Phường Xuân Trung",
}

_TYPE_PREFIXES = {"phuong": "Phường", "xa": "Xã", "thitran": "Thị trấn"}


@dataclass(frozen=True)
class Unit:
    """A current commune-level unit (phường, xã, đặc khu), from 1/7/2025."""

    code: str
    name: str  # "Phường Long Khánh"
    short_name: str  # "Long Khánh"
    kind: str  # "Phường" | "Xã" | "Đặc khu"
    province_code: str
    province_name: str  # "Tỉnh Đồng Nai"
    province_short: str  # "Đồng Nai"
    latitude: float
    longitude: float
    area_km2: float | None
    key: str = field(repr=False)  # the package's key, e.g. "phuonglongkhanh"
    province_key: str = field(repr=False)


@dataclass(frozen=True)
class FormerUnit:
    """A unit from before 1/7/2025 and the current unit(s) it is now part of."""

    key: str  # the package's old key "tinhdongnai_thanhpholongkhanh_xabaoquang" (+ "#alias" for aliases)
    code: str | None
    name: str  # "Xã Bảo Quang"
    short_name: str  # "Bảo Quang"
    kind: str  # "Phường" | "Xã" | "Thị trấn" | a district type for island districts
    district_name: str  # "Thành phố Long Khánh"
    district_code: str
    province_name: str
    province_code: str
    successors: tuple[str, ...]  # current unit codes; the first is where a bare old address goes
    split: bool  # divided between several current units
    joined: str | None = None  # for alias units: the old unit they joined before 2025


@dataclass(frozen=True)
class Scope:
    """Which current units get a page."""

    kind: str  # "ward" | "district" | "province" | "country"
    code: str = ""  # current unit code, old district code or province code
    text: str = "country"


class Registry:
    """Current and former units, with the old-to-new map, limited to one scope."""

    def __init__(
        self, scope: Scope, units: tuple[Unit, ...], former: tuple[FormerUnit, ...],
        all_units: dict[str, Unit], all_former: tuple[FormerUnit, ...], source: str,
    ) -> None:
        self.scope = scope
        self.units = units  # in scope, sorted by province then name
        self.former = former  # in scope: every former unit with a successor in scope
        self.all_units = all_units  # country-wide, by code
        self.all_former = all_former  # country-wide
        self.source = source
        self._in_scope = {unit.code: unit for unit in units}
        index: dict[str, list[FormerUnit]] = {}
        for unit in former:
            for code in unit.successors:
                index.setdefault(code, []).append(unit)
        self._former_of = {code: tuple(found) for code, found in index.items()}
        self._former_by_code = {unit.code: unit for unit in all_former if unit.code}

    def unit(self, code: str) -> Unit | None:
        """The unit in scope with ``code``."""
        return self._in_scope.get(code)

    def former_of(self, code: str) -> tuple[FormerUnit, ...]:
        """Former units merged (wholly or partly) into current unit ``code``."""
        return self._former_of.get(code, ())

    def former_with_code(self, code: str) -> FormerUnit | None:
        """A former unit (anywhere in the country) whose old code is ``code``."""
        return self._former_by_code.get(code)


def parse_scope(text: object) -> Scope:
    """Read ``ward_scope`` of docs/area.yml; raise :class:`ContentError` on anything else."""
    value = str(text).strip()
    if value == "country":
        return Scope("country", "", value)
    kind, _, code = value.partition(":")
    if kind in ("ward", "province", "district") and code.isdigit():
        return Scope(kind, code, value)
    raise ContentError(
        SCOPE_FILE, SCOPE_FIELD,
        f"phạm vi «{value}» không hợp lệ.",
        "dùng ward:<mã phường, xã> (ví dụ ward:26098), district:<mã huyện cũ> (ví dụ district:732), "
        "province:<mã tỉnh> (ví dụ province:75) hoặc country.",
        f"the scope '{value}' is not valid.",
        "use ward:<ward code> (e.g. ward:26098), district:<old district code> (e.g. district:732), "
        "province:<province code> (e.g. province:75) or country.",
    )


def load_registry(scope_text: object = None) -> Registry:
    """The registry for one scope (cached: a build asks once per language); by default the scope of
    the repository's docs/area.yml."""
    if scope_text is None:
        from handbook.area_file import project_area, ward_scope

        scope_text = ward_scope(project_area())
    return _load_registry(parse_scope(scope_text))


@lru_cache(maxsize=4)
def _load_registry(scope: Scope) -> Registry:
    all_units, all_former = _package_units()
    if scope.kind == "country":
        units = tuple(all_units.values())
    elif scope.kind == "ward":
        units = tuple(u for u in all_units.values() if u.code == scope.code)
    elif scope.kind == "province":
        units = tuple(u for u in all_units.values() if u.province_code == scope.code)
    else:
        codes = {c for f in all_former if f.district_code == scope.code for c in f.successors}
        units = tuple(u for u in all_units.values() if u.code in codes)
    if not units:
        padded = _padded(scope, all_units, all_former)
        hint_vi = f" Có phải ý bạn là {padded}?" if padded else ""
        hint_en = f" Did you mean {padded}?" if padded else ""
        raise ContentError(
            SCOPE_FILE, SCOPE_FIELD,
            f"không có phường, xã nào trong phạm vi «{scope.text}».{hint_vi}",
            "kiểm tra lại mã (scripts/handbook units <tên> cho biết mã).",
            f"no ward or commune is in the scope '{scope.text}'.{hint_en}",
            "check the code (scripts/handbook units <name> lists codes).",
        )
    codes = {u.code for u in units}
    former = tuple(f for f in all_former if codes.intersection(f.successors))
    return Registry(scope, _sorted(units), former, all_units, all_former, package_source())


def _padded(scope: Scope, units: dict[str, Unit], former: tuple[FormerUnit, ...]) -> str:
    """The scope with its code written as the package writes it (``district:2`` → ``district:002``), when
    that scope has units; else ""."""
    width = {"ward": 5, "district": 3, "province": 2}.get(scope.kind, 0)
    code = scope.code.zfill(width)
    if not width or code == scope.code:
        return ""
    if scope.kind == "district":
        found = any(unit.district_code == code for unit in former)
    elif scope.kind == "ward":
        found = code in units
    else:
        found = any(unit.province_code == code for unit in units.values())
    return f"{scope.kind}:{code}" if found else ""


def package_source() -> str:
    """Name, version and licence of the data package, for the pages' source line."""
    return f"{PACKAGE} {metadata.version(PACKAGE)} (MIT)"


def _sorted(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    return tuple(sorted(units, key=lambda u: (fold_vietnamese(u.province_short),
                                              fold_vietnamese(u.short_name), u.code)))


@lru_cache(maxsize=1)
def _package_units() -> tuple[dict[str, Unit], tuple[FormerUnit, ...]]:
    """Every current and former unit in the package, with the old-to-new map applied."""
    current_rows = query(
        "SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardType, wardCode, "
        "wardLat, wardLon, wardAreaKm2, wardKey, wardKeywords FROM admin_units"
    )
    units: dict[str, Unit] = {}
    by_key: dict[tuple[str, str], str] = {}
    by_keyword: dict[tuple[str, str], list[str]] = {}
    for row in current_rows:
        unit = Unit(
            code=row["wardCode"], name=row["ward"], short_name=row["wardShort"], kind=row["wardType"],
            province_code=row["provinceCode"], province_name=row["province"],
            province_short=row["provinceShort"],
            latitude=float(row["wardLat"]), longitude=float(row["wardLon"]),
            area_km2=row["wardAreaKm2"], key=row["wardKey"], province_key=row["provinceKey"],
        )
        units[unit.code] = unit
        by_key[(unit.province_key, unit.key)] = unit.code
        for keyword in json.loads(row["wardKeywords"] or "[]"):
            by_keyword.setdefault((unit.province_key, keyword), []).append(unit.code)

    def code_for(province_key: str, ward_key: str) -> str:
        code = by_key.get((province_key, ward_key))
        if code is None:
            matches = by_keyword.get((province_key, ward_key), [])
            if len(matches) != 1:
                raise RuntimeError(f"{PACKAGE}: new unit {province_key}/{ward_key} not found in admin_units")
            code = matches[0]
        return code

    converter = json.loads((resources.files(PACKAGE) / "data" / "converter_2025.json").read_text("utf-8"))
    successors: dict[str, tuple[tuple[str, ...], bool]] = {}
    for province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            for old_key in old_keys:
                successors[old_key] = ((code_for(province_key, ward_key),), False)
    for province_key, old_units in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, new_wards in old_units.items():
            ordered = sorted(new_wards, key=lambda w: not w["isDefaultNewWard"])
            successors[old_key] = (tuple(code_for(province_key, w["newWardKey"]) for w in ordered), True)

    legacy_rows = query(
        "SELECT province, provinceCode, provinceKey, district, districtType, districtCode, districtKey, "
        "ward, wardShort, wardType, wardCode, wardKey, wardShortKey, wardAlias FROM admin_units_legacy"
    )
    former: list[FormerUnit] = []
    for row in legacy_rows:
        key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        if key not in successors:
            raise RuntimeError(f"{PACKAGE}: old unit {key} has no successor in converter_2025.json")
        codes, split = successors[key]
        island_district = row["ward"] is None
        former_unit = FormerUnit(
            key=key, code=row["wardCode"],
            name=row["district"] if island_district else row["ward"],
            short_name=row["district"] if island_district else row["wardShort"],
            kind=row["districtType"] if island_district else row["wardType"],
            district_name=row["district"], district_code=row["districtCode"],
            province_name=row["province"], province_code=row["provinceCode"],
            successors=codes, split=split,
        )
        former.append(former_unit)
        former.extend(_alias_units(former_unit, row["wardAlias"], row["wardShortKey"]))
    return units, tuple(former)


def _alias_units(host: FormerUnit, alias_json: str | None, own_short_key: str | None) -> list[FormerUnit]:
    """Units that joined ``host`` before 2025 and have a written name in :data:`ALIAS_NAMES`."""
    found = []
    for alias in json.loads(alias_json or "[]"):
        name = ALIAS_NAMES.get((host.key, alias))
        prefix = next((p for p in _TYPE_PREFIXES if alias.startswith(p)), None)
        if name is None or prefix is None or alias[len(prefix):] == own_short_key:
            continue
        kind = _TYPE_PREFIXES[prefix]
        found.append(FormerUnit(
            key=f"{host.key}#{alias}", code=None, name=name, short_name=name.removeprefix(kind).strip(),
            kind=kind, district_name=host.district_name, district_code=host.district_code,
            province_name=host.province_name, province_code=host.province_code,
            successors=host.successors, split=host.split, joined=host.name,
        ))
    return found


def alias_keys_in_package() -> set[tuple[str, str]]:
    """Every (old-unit key, alias key) pair the package lists; used to check :data:`ALIAS_NAMES`."""
    rows = query("SELECT provinceKey, districtKey, wardKey, wardAlias FROM admin_units_legacy "
                 "WHERE wardAlias IS NOT NULL")
    return {
        (f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}", alias)
        for r in rows for alias in json.loads(r["wardAlias"])
    }
