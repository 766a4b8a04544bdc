"""Phone numbers: accept the ways people write them, store one form, show one form.

Accepted (after removing spaces, dots, dashes and brackets; +84 or 84 in front means 0):
- mobile: 10 digits starting 03, 05, 07, 08 or 09 — shown "0912 345 678";
- Đồng Nai landline: 0251 + 7 digits — shown "0251 3888 999";
- hotlines: 1800 or 1900 + 4 or 6 digits — shown "1900 1006" or "1900 123 456".
Every number becomes a ``tel:`` link: E.164 (+84…) for mobile and landline; hotlines as dialled
(1800/1900 numbers work only inside Vietnam).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PhoneKind = Literal["mobile", "landline", "hotline"]

_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^0251\d{7}$")
_HOTLINE = re.compile(r"^1[89]00(\d{4}|\d{6})$")


@dataclass(frozen=True)
class Phone:
    """A valid phone number in its stored (digits only) form."""

    digits: str
    kind: PhoneKind

    @property
    def display(self) -> str:
        """The one way numbers are written on the site."""
        d = self.digits
        if self.kind == "mobile":
            return f"{d[:4]} {d[4:7]} {d[7:]}"
        if self.kind == "landline":
            return f"{d[:4]} {d[4:8]} {d[8:]}"
        if len(d) == 8:
            return f"{d[:4]} {d[4:]}"
        return f"{d[:4]} {d[4:7]} {d[7:]}"

    @property
    def tel(self) -> str:
        """The ``tel:`` link target."""
        if self.kind == "hotline":
            return f"tel:{self.digits}"
        return f"tel:+84{self.digits[1:]}"


class PhoneError(ValueError):
    """A number that is not a Vietnamese mobile, 0251 landline or 1800/1900 hotline."""

    def __init__(self, value: object, problem_vi: str, problem_en: str) -> None:
        self.value = value
        self.problem_vi = problem_vi
        self.problem_en = problem_en
        super().__init__(f"{problem_vi} / {problem_en}")


def parse_phone(value: object) -> Phone:
    """Validate and normalise ``value``; raise :class:`PhoneError` with a bilingual reason."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PhoneError(value, "số điện thoại phải là chữ số.", "a phone number must be digits.")
    if isinstance(value, int):
        # YAML reads 19001006 as a number and may read 0251… as an octal number: ask for quotes.
        raise PhoneError(
            value,
            f"số {value} phải đặt trong dấu ngoặc kép, ví dụ \"0251 3888 999\".",
            f"the number {value} must be written in quotes, e.g. \"0251 3888 999\".",
        )
    digits = _SEPARATORS.sub("", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isdigit():
        raise PhoneError(value, f"«{value}» có ký tự không phải chữ số.", f"'{value}' contains characters that are not digits.")
    if _MOBILE.match(digits):
        return Phone(digits, "mobile")
    if _LANDLINE.match(digits):
        return Phone(digits, "landline")
    if _HOTLINE.match(digits):
        return Phone(digits, "hotline")
    raise PhoneError(
        value,
        f"«{value}» không phải số di động (10 số, đầu 03/05/07/08/09), số bàn 0251 (11 số) "
        "hay tổng đài 1800/1900.",
        f"'{value}' is not a mobile number (10 digits starting 03/05/07/08/09), a 0251 landline "
        "(11 digits) or a 1800/1900 hotline.",
    )
