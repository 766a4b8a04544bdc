"""Reporting a mistake without GitHub: the maintaining team's contact, set once in mkdocs.yml.

    extra:
      report_contact:
        email: nhom@example.org     # optional: a prefilled e-mail (page title and address in it)
        phone: "0900 000 000"       # optional: a tel: link
        zalo: "0900 000 000"        # optional: the team's Zalo number (zalo.me link)

Absent (the default): no contact link is shown, only the GitHub links. Phone and Zalo numbers go through
handbook/phones.py, like ward hotlines; the e-mail must be one plain address (no name, no second address,
no ``?``: nothing that could change the prefilled message). Any problem stops the build with a bilingual
message naming mkdocs.yml and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from handbook.errors import ContentError
from handbook.phones import PhoneError, parse_phone

CONFIG_FILE = "mkdocs.yml"
FIELD = "extra.report_contact"
KEYS = ("email", "phone", "zalo")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Link:
    """One way to reach the team: what to show and where the link goes."""

    display: str
    href: str


@dataclass(frozen=True)
class ReportContact:
    email: str | None
    phone: Link | None
    zalo: Link | None


def _error(key: str, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str) -> ContentError:
    return ContentError(
        CONFIG_FILE, f"{FIELD}.{key}" if key else FIELD, problem_vi, fix_vi, problem_en, fix_en
    )


def _number(key: str, value: object) -> Link:
    try:
        phone = parse_phone(value)
    except PhoneError as error:
        raise _error(
            key,
            f"số điện thoại sai: {error.problem_vi}",
            "ghi số của nhóm biên soạn trong dấu ngoặc kép.",
            f"invalid phone number: {error.problem_en}",
            "write the team's number in quotes.",
        ) from error
    href = phone.tel if key == "phone" else f"https://zalo.me/{phone.digits}"
    return Link(phone.display, href)


def parse_report_contact(raw: object) -> ReportContact | None:
    """The validated contact, or None when it is not set (or set but empty)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _error("", "phải là các dòng «email: …», «phone: …», «zalo: …» thụt vào dưới report_contact.",
                     "xem mẫu (đang để dấu #) trong mkdocs.yml.",
                     "it must be 'email: …', 'phone: …', 'zalo: …' lines indented under report_contact.",
                     "see the commented example in mkdocs.yml.")
    for key in raw:
        if key not in KEYS:
            raise _error(str(key), f"không có trường «{key}».", f"chỉ dùng: {', '.join(KEYS)}.",
                         f"there is no field '{key}'.", f"use only: {', '.join(KEYS)}.")
    email = raw.get("email")
    if email is not None:
        email = str(email).strip()
        if not _EMAIL.match(email):
            raise _error(
                "email",
                f"«{email}» không phải một địa chỉ thư điện tử.",
                "ghi đúng một địa chỉ, ví dụ nhom.bien.soan@example.org (không có tên, dấu cách hay dấu "
                "phẩy).",
                f"'{email}' is not an e-mail address.",
                "write exactly one address, e.g. team@example.org (no name, spaces or commas).",
            )
    phone = _number("phone", raw["phone"]) if raw.get("phone") is not None else None
    zalo = _number("zalo", raw["zalo"]) if raw.get("zalo") is not None else None
    if email is None and phone is None and zalo is None:
        return None
    return ReportContact(email, phone, zalo)


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link with its subject and body filled in (percent-encoded, as RFC 6068 asks)."""
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
