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
from handbook.errors import ContentError
from handbook.phones import PhoneError, parse_phone
from handbook.placeholders import fill, unknown_placeholders
from handbook.safety.domains import area_domain_problems, url_rejection
from handbook.safety.link_rules import link_problem
from handbook.safety.plain_text import plain_text_error
from handbook.text import available_languages, message


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


def placeholder_values(area: dict[str, Any], lang: str, default_lang: str | None = None) -> dict[str, str]:
    """What each ``{{ name }}`` placeholder in content becomes, in ``lang`` (``province_vi``: the official
    name, in the area's :func:`names_language`)."""
    province = province_name(area, lang, default_lang)
    official_lang = names_language(area)
    official = province_name(area, official_lang, official_lang)
    lines = area.get("hotlines") or []
    codes = area["province"].get("area_codes") or []
    values = {
        "province": province,
        "Province": _capital(province),
        "province_vi": official,
        "Province_vi": _capital(official),
        "province_name": str(area["province"]["name"]),
        "province_kind": localized(area["province"].get("kind"), lang, default_lang),
        "area": str(area["name"]),
        "hotline": str(lines[0]["number"])
        if lines and isinstance(lines[0], dict) and "number" in lines[0]
        else "",
        "area_code": str(codes[0]) if codes else "",
    }
    return values


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
        markup = plain_text_error(AREA_LABEL, path, path, text)
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
