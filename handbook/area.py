"""The area the handbook serves, read from ``docs/area.yml`` (the one file a team elsewhere edits).

Plain data, no MkDocs: the province (code, name, kind, landline area codes), its portals, hotlines, Zalo
accounts, utility companies, emergency numbers and the ward scope. Text that readers see is given per
language (``{vi: …, en: …}``, the default language first); :func:`localized` picks the reader's language,
else the default language's text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from handbook.area_file import AREA_FILE
from handbook.dates import format_date
from handbook.errors import ContentError
from handbook.local_facts import (
    DERIVED,
    FACTS,
    LocalName,
    apply_blocks,
    check_facts,
    facts,
    notes_for,
    replace_notes,
)
from handbook.phones import PhoneError, parse_phone
from handbook.placeholders import fill, unknown_placeholders
from handbook.safety.domains import area_domain_problems, url_rejection
from handbook.safety.link_rules import link_problem
from handbook.safety.plain_text import plain_text_error
from handbook.slugs import fold_vietnamese
from handbook.text import available_languages, catalogue, message


def localized(value: object, lang: str, default_lang: str | None = None) -> str:
    """``value`` in ``lang`` when it is a ``{lang: text}`` mapping, else in ``default_lang`` (else the
    first language given, which the area file writes first: the default one); plain text as is."""
    if isinstance(value, dict):
        fallback = value.get(default_lang) if default_lang else None
        return str(value.get(lang) or fallback or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def province_kind(area: dict[str, Any], lang: str, default_lang: str | None = None) -> str:
    """'tỉnh' / 'province' / '省': the area file's word for ``lang`` when it gives one, else the catalogue's
    word for the kind (``area.kind.tinh``, ``area.kind.thanh_pho``), else the default language's word."""
    kind = area["province"].get("kind")
    if isinstance(kind, dict) and kind.get(lang):
        return str(kind[lang])
    official = localized(kind, names_language(area))
    key = "area.kind." + fold_vietnamese(official).replace(" ", "_")
    return catalogue(lang).get(key) or localized(kind, lang, default_lang)


def province_name(area: dict[str, Any], lang: str, default_lang: str | None = None) -> str:
    """'tỉnh Đồng Nai' / 'Đồng Nai province' / '同奈省': the province's name with its kind, in ``lang``
    (the word order is the catalogue's ``area.province``; ``name: {vi: …, zh: …}`` gives a name per
    language, else the official one)."""
    province = area["province"]
    kind = province_kind(area, lang, default_lang)
    name = localized(province["name"], lang, names_language(area))
    return message(lang, "area.province", kind=kind, name=name)


def names_language(area: dict[str, Any]) -> str:
    """The language official names are written in (``language:``): ward and province names, offices and
    app labels keep it on pages in other languages."""
    code = str(area["language"]).strip()
    if not _LANGUAGE_CODE.match(code):
        raise _area_error(
            "language", f"«{code}» không phải mã ngôn ngữ.", "viết mã hai chữ cái, ví dụ: language: vi",
            f"'{code}' is not a language code.", "write a two-letter code, for example: language: vi",
        )
    return code


# --- Typed accessors for pages (ward pages, guides' placeholders) -------------------------------------------
# Text is localized and its placeholders ({{ province }} …, handbook/placeholders.py) are filled, so a name
# written "Tổng đài dịch vụ công {{ province }}" follows a rename of the province.

AREA_LABEL = f"docs/{AREA_FILE}"
STATUSES = ("confirmed", "reported", "unverified")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # BCP 47: vi, en, zh-Hant
_SHORT_CODE = re.compile(r"^1\d{2,3}$")  # 113, 114, 115, 1022 …: national and provincial short numbers


@dataclass(frozen=True)
class Sourced:
    """Where a fact comes from, how sure it is and when it was last checked."""

    source: str
    status: str
    checked: datetime.date | None


@dataclass(frozen=True)
class Dial:
    """A number as shown and as a ``tel:`` link."""

    display: str
    tel: str


@dataclass(frozen=True)
class AreaPortal:
    name: str
    url: str
    note: str
    level: str  # "national" | "province"
    fact: Sourced


@dataclass(frozen=True)
class AreaLine:
    """A hotline of the province, optionally with another way to dial it (e.g. with the area code)."""

    name: str
    dial: Dial
    note: str
    fact: Sourced
    alternative: Dial | None
    alternative_note: str
    alternative_fact: Sourced | None


@dataclass(frozen=True)
class AreaAccount:
    """An official account known by name only (no link could be read: never a guessed one)."""

    name: str
    note: str
    fact: Sourced


@dataclass(frozen=True)
class EmergencyNumber:
    name: str
    dial: Dial


def _area_error(field: str, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str) -> ContentError:
    return ContentError(AREA_LABEL, field, problem_vi, fix_vi, problem_en, fix_en)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(area: dict[str, Any], lang: str, default_lang: str | None = None) -> dict[str, str]:
    """The placeholders every area has: the province's and the area's names, in ``lang``."""
    province = province_name(area, lang, default_lang)
    official_lang = names_language(area)
    official = province_name(area, official_lang, official_lang)
    return {
        "province": province,
        "Province": _capital(province),
        "province_vi": official,
        "Province_vi": _capital(official),
        "province_name": localized(area["province"]["name"], lang, official_lang),
        "province_kind": province_kind(area, lang, default_lang),
        "area": str(area["name"]),
        "site_name": localized(area.get("site_name") or area["name"], lang, official_lang),
    }


def placeholder_values(area: dict[str, Any], lang: str, default_lang: str | None = None) -> dict[str, str]:
    """What each ``{{ name }}`` placeholder in content becomes, in ``lang`` (``province_vi``: the official
    name, in the area's :func:`names_language`): the names, the area's wards, and its local facts with
    ``{{ name_source }}`` for each (only the facts the area has)."""
    values = {**_names(area, lang, default_lang), **ward_examples(area)}
    for name, (value, fact) in local_fact_values(area, lang).items():
        values[name] = value
        values[f"{name}_source"] = fact_source(fact, lang) if fact else ""
    return values


def fact_source(fact: Sourced, lang: str) -> str:
    """'nguồn: …; theo một nguồn tin, kiểm tra 30/11/2026': where a local fact was read."""
    status = message(lang, f"area.status.{fact.status}") if fact.status in STATUSES else fact.status
    checked = format_date(fact.checked, lang) if fact.checked else "?"
    return message(lang, "area.fact_source", source=fact.source, status=status, date=checked)


def local_fact_values(area: dict[str, Any], lang: str) -> dict[str, tuple[str, Sourced | None]]:
    """The local facts this area has, in ``lang``: the ``facts:`` entries and the ones read from the
    hotlines, Zalo accounts, portals and area codes."""
    found: dict[str, tuple[str, Sourced | None]] = {}
    official_lang = names_language(area)
    for name, fact in facts(area).items():
        found[name] = (localized(fact.value, lang, official_lang),
                       Sourced(fact.source, fact.status, fact.checked))
    lines = [item for item in area.get("hotlines") or [] if isinstance(item, dict) and item.get("number")]
    if lines:
        found["hotline"] = (str(lines[0]["number"]), _fact(lines[0], "hotlines[1]"))
        other = lines[0].get("alternative")
        if isinstance(other, dict) and other.get("number"):
            found["hotline_alt"] = (str(other["number"]), _fact(other, "hotlines[1].alternative"))
    accounts = [item for item in area.get("zalo_accounts") or [] if isinstance(item, dict)]
    if accounts:
        name = localized(accounts[0].get("name"), official_lang)
        found["province_zalo"] = (name, _fact(accounts[0], "zalo_accounts[1]"))
    portal = next((item for item in area.get("portals") or []
                   if isinstance(item, dict) and item.get("level") == "province" and item.get("url")), None)
    if portal and "province_portal" not in found:
        found["province_portal"] = (str(portal["url"]), _fact(portal, "portals"))
    codes = area["province"].get("area_codes") or []
    if codes:
        found["area_code"] = (str(codes[0]), None)
    official_names = _names(area, official_lang, official_lang)  # account names keep their official wording
    for name, (value, sourced) in found.items():
        if name.endswith("_website") or name == "province_portal":  # shown as a link
            value = f"[{re.sub(r'^https?://', '', value).rstrip('/')}]({value})"
        found[name] = (fill(value, official_names), sourced)
    return found


def ward_examples(area: dict[str, Any]) -> dict[str, str]:
    """``{{ ward_1 }}`` … ``{{ ward_3 }}``: current units of the area (for drawn screens and examples),
    ``{{ former_ward }}``: an old name merged into the first one, as written and without accents."""
    from handbook.area_file import ward_scope
    from handbook.wards.registry import load_registry

    registry = load_registry(ward_scope(area))
    units = list(registry.units) or []
    picked = [units[index % len(units)].name for index in range(3)] if units else ["", "", ""]
    others = [unit for unit in registry.former_of(units[0].code) if unit.short_name != units[0].short_name] \
        if units else []
    former = others[0] if others else None
    old = former.name if former else picked[0]
    short = former.short_name if former else (units[0].short_name if units else "")
    return {"ward_1": picked[0], "ward_2": picked[1], "ward_3": picked[2], "former_ward": old,
            "former_ward_short": short, "former_ward_ascii": fold_vietnamese(short)}


WARD_NAMES_LIMIT = 30  # wards of a former district are checked; a province's or the country's are too many


def local_names(area: dict[str, Any]) -> list[LocalName]:
    """Names only this area has, each with the placeholder a guide writes instead (the check refuses a
    guide that types them): the province, the area, its wards (current and former), the local facts'
    values (companies, apps, web domains), the area codes, and the file's own ``local_words:``."""
    from handbook.area_file import ward_scope
    from handbook.wards.registry import load_registry

    names: list[LocalName] = []
    province = area["province"]
    for lang_name in ([province["name"]] if not isinstance(province["name"], dict)
                      else list(province["name"].values())):
        names.append(LocalName(str(lang_name), "{{ province }} / {{ province_name }}"))
        folded = fold_vietnamese(str(lang_name)).replace(" ", "")
        names.append(LocalName(folded, "{{ province_portal }} (trong khối {{ if province_portal }})"))
    names.append(LocalName(str(area["name"]), "{{ area }}"))
    registry = load_registry(ward_scope(area))
    if len(registry.units) <= WARD_NAMES_LIMIT:  # a whole province's names include everyday words
        for unit in registry.units:
            names.append(LocalName(unit.short_name, "{{ ward_1 }} / {{ notes }} (docs/area.yml notes)"))
        for former in registry.former:
            names.append(LocalName(former.short_name, "{{ former_ward }} / {{ notes }} (area.yml notes)"))
    for name, fact in facts(area).items():
        values = fact.value.values() if isinstance(fact.value, dict) else [fact.value]
        for value in values:
            text = str(value)
            if name.endswith("_website"):
                host = re.sub(r"^https?://", "", text).split("/")[0]
                names.append(LocalName(".".join(host.split(".")[-3:]), f"{{{{ {name} }}}}"))
            elif name.endswith(("_company", "_short", "_app")):
                names.append(LocalName(text, f"{{{{ {name} }}}}"))
    for code in province.get("area_codes") or []:
        names.append(LocalName(str(code), "{{ area_code }}"))
    for word in area.get("local_words") or []:
        if isinstance(word, dict) and word.get("word"):
            names.append(LocalName(str(word["word"]), str(word.get("use") or "{{ notes }}")))
    unique: dict[str, LocalName] = {}
    for found in names:
        if found.text.strip():
            unique.setdefault(found.text.casefold(), found)  # the first hint: the area before its wards
    return list(unique.values())


def area_markdown(area: dict[str, Any], text: str, lang: str, page: str, file: str,
                  first_line: int = 1, for_reading: bool = False) -> tuple[str, list[ContentError]]:
    """A page's Markdown for this area: ``{{ if … }}`` blocks resolved, the page's local notes in place of
    ``{{ notes }}``, every placeholder filled; and each problem with its file and line. ``for_reading``:
    the block lines leave no empty lines behind (a list stays one list)."""
    values = placeholder_values(area, lang)
    known = {name for name in (*FACTS, *DERIVED) if values.get(name)}
    shown, errors = apply_blocks(text, known, file, first_line)
    # {{ notes }} and {{ ward_table }} (overrides/hooks/wards.py) are lines the build replaces
    errors += unknown_placeholders(shown, {**values, "notes": "", "ward_table": ""}, file, first_line)
    if for_reading:
        shown = apply_blocks(text, known, file, first_line, keep_lines=False)[0]
    notes = [_note_markdown(area, note, lang) for note in notes_for(area, page)]
    return fill(replace_notes(shown, "\n\n".join(notes)), values), errors


def _note_markdown(area: dict[str, Any], note: dict[str, Any], lang: str) -> str:
    fact = _fact(note, f"notes ({note.get('page')})")
    return f"{area_text(area, note.get('text'), lang)} ({fact_source(fact, lang)})"


def area_text(area: dict[str, Any], value: Any, lang: str, default_lang: str | None = None) -> str:
    """A text of the area file in ``lang``, with its placeholders filled."""
    return fill(localized(value, lang, default_lang), placeholder_values(area, lang, default_lang))


def dial(value: object, area: dict[str, Any], field: str) -> Dial:
    """A number of the area file as shown and dialled: a phone number (handbook/phones.py), a short number
    (``1022``, ``113``) or a short number after one of the province's area codes (``0251 1022``)."""
    try:
        phone = parse_phone(value)
        return Dial(phone.display, phone.tel)
    except PhoneError as error:
        reason_vi, reason_en = error.problem_vi, error.problem_en
    digits = re.sub(r"[\s.\-()]", "", value) if isinstance(value, str) else ""
    if _SHORT_CODE.match(digits):
        return Dial(digits, f"tel:{digits}")
    for code in area["province"].get("area_codes") or []:
        rest = digits.removeprefix(str(code))
        if rest != digits and _SHORT_CODE.match(rest):
            return Dial(f"{code} {rest}", f"tel:{digits}")
    raise _area_error(
        field, f"số «{value}» không dùng được: {reason_vi} Số ngắn (1022, 113) cũng được.",
        "viết số trong dấu ngoặc kép, đúng như nguồn đã công bố.",
        f"the number '{value}' cannot be used: {reason_en} Short numbers (1022, 113) are accepted too.",
        "write the number in quotes, exactly as the source publishes it.",
    )


def _fact(entry: dict[str, Any], field: str) -> Sourced:
    status = entry.get("status")
    if status not in STATUSES:
        raise _area_error(
            f"{field}.status", f"trạng thái «{status}» không có.", f"dùng một trong: {', '.join(STATUSES)}.",
            f"there is no status '{status}'.", f"use one of: {', '.join(STATUSES)}.",
        )
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        raise _area_error(
            f"{field}.source", "thiếu nguồn (source).", "ghi tên văn bản, bài báo hoặc trang đã đọc.",
            "the source is missing.", "write the document, article or page it was read on.",
        )
    checked = entry.get("checked")
    if checked is not None and not isinstance(checked, datetime.date):
        raise _area_error(
            f"{field}.checked", f"ngày «{checked}» không đúng dạng năm-tháng-ngày.", "viết ví dụ 2026-11-30.",
            f"the date '{checked}' is not a year-month-day date.", "write e.g. 2026-11-30.",
        )
    return Sourced(source.strip(), status, checked)


def _entries(area: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    raw = area.get(key) or []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise _area_error(
            key,
            f"«{key}» phải là một danh sách, mỗi mục bắt đầu bằng «- ».",
            "xem mẫu trong tệp gốc.",
            f"'{key}' must be a list, each entry starting with '- '.",
            "see the original file for the pattern.",
        )
    return [(f"{key}[{index + 1}]", item) for index, item in enumerate(raw)]


def area_portals(area: dict[str, Any], lang: str) -> list[AreaPortal]:
    """The official portals (national first), each with its source and status."""
    portals = []
    for field, item in _entries(area, "portals"):
        url = item.get("url")
        rejection = url_rejection(url)
        if rejection is not None:
            raise _area_error(f"{field}.url", f"không dùng được địa chỉ {url}: {rejection.vi}",
                              "chỉ ghi địa chỉ chính thức (https, tên miền trong "
                              "handbook/safety/domains.py).",
                              f"the address {url} cannot be used: {rejection.en}",
                              "use only official addresses (https, a domain listed in "
                              "handbook/safety/domains.py).")
        level = str(item.get("level") or "national")
        portals.append(AreaPortal(area_text(area, item.get("name"), lang), str(url),
                                  area_text(area, item.get("note"), lang), level, _fact(item, field)))
    return portals


def area_lines(area: dict[str, Any], lang: str) -> list[AreaLine]:
    """The province's hotlines for questions and complaints."""
    lines = []
    for field, item in _entries(area, "hotlines"):
        other = item.get("alternative")
        alternative = alternative_fact = None
        alternative_note = ""
        if isinstance(other, dict):
            alternative = dial(other.get("number"), area, f"{field}.alternative.number")
            alternative_note = area_text(area, other.get("note"), lang)
            alternative_fact = _fact(other, f"{field}.alternative")
        lines.append(AreaLine(
            area_text(area, item.get("name"), lang), dial(item.get("number"), area, f"{field}.number"),
            area_text(area, item.get("note"), lang), _fact(item, field),
            alternative, alternative_note, alternative_fact,
        ))
    return lines


def area_accounts(area: dict[str, Any], lang: str) -> list[AreaAccount]:
    """Official Zalo accounts of the province, by name."""
    return [
        AreaAccount(
            area_text(area, item.get("name"), lang),
            area_text(area, item.get("note"), lang),
            _fact(item, field),
        )
        for field, item in _entries(area, "zalo_accounts")
    ]


def area_emergency(area: dict[str, Any], lang: str) -> tuple[list[EmergencyNumber], Sourced | None]:
    """The emergency numbers (113, 114, 115) and where they were read (None: the area lists none)."""
    numbers = [
        EmergencyNumber(
            area_text(area, item.get("name"), lang), dial(item.get("number"), area, f"{field}.number")
        )
        for field, item in _entries(area, "emergency")
    ]
    if not numbers:
        return numbers, None
    fact = _fact({"source": area.get("emergency_source"), "status": area.get("emergency_status"),
                  "checked": area.get("emergency_checked")}, "emergency")
    return numbers, fact


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    """Every text in ``value`` with its path in the file ("hotlines[1].name.vi")."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in _strings(item, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _strings(item, f"{path}[{index + 1}]")]
    return []


def check_area(area: dict[str, Any]) -> list[ContentError]:
    """Every problem in the area file a page would meet: placeholders, numbers, addresses, statuses."""
    try:
        names_language(area)  # every name below is checked in it
    except ContentError as wrong_language:
        return [wrong_language]
    languages = available_languages()
    known = placeholder_values(area, languages[0])
    errors: list[ContentError] = []
    for path, text in _strings(area, ""):
        if path.startswith("local_words"):  # they name placeholders to write, not text to show
            continue
        # Notes are Markdown placed in a page's body ({{ notes }}): the page's own rules and the built-page
        # policy read them there. Every other text here is shown as it is (titles, lists, ward pages).
        markup = None if path.startswith("notes") else plain_text_error(AREA_LABEL, path, path, text)
        if markup is not None:
            errors.append(markup)
        rule = link_problem(text) if text.startswith("https://") else None
        if rule is not None:
            errors.append(ContentError(AREA_LABEL, path, f"không dùng được địa chỉ {text}: {rule[0]}",
                                       rule[1], f"the address {text} cannot be used: {rule[2]}", rule[3]))
        for error in unknown_placeholders(text, known, AREA_LABEL):
            errors.append(
                ContentError(AREA_LABEL, path, error.problem_vi, error.fix_vi, error.problem_en, error.fix_en)
            )
    errors += check_facts(area)
    errors += area_domain_problems(area)
    for lang in languages:
        try:
            area_portals(area, lang)
            area_lines(area, lang)
            area_accounts(area, lang)
            area_emergency(area, lang)
        except ContentError as error:
            errors.append(error)
            break
    return errors
