"""Phone numbers by Việt Nam's numbering plan: accept the ways people write them, store one form, show one \
form.

Accepted (after removing spaces, dots, dashes and brackets; +84 or 84 in front means 0):

- mobile: 10 digits, 0 + a mobile network prefix (032–039, 052, 055, 056, 058, 059, 070, 076–079, 081–089,
  090–094, 096–099) — shown "0912 345 678";
- landline: 11 digits, 0 + a province area code (the 2017 codes 0203 … 0299, 024 Hà Nội, 028 TP.HCM; every
  area of the country, not only the handbook's own) — shown "0251 3888 999", "028 3822 1234";
- 1800 (free to call) and 1900 (PAID: the caller pays a premium rate, scams use them) + 4 or 6 digits — shown
  "1900 1006" or "1900 123 456"; :attr:`Phone.paid` is true for 1900;
- national short codes: 111 (child protection), 112 (search and rescue), 113 (police), 114 (fire and
  rescue), 115 (ambulance), 1022 (public-service call centre), 156 and 5656 (reporting spam calls and
  messages).

Area codes: Ministry of Information and Communications, change of landline area codes (Quyết định
2036/QĐ-BTTTT, 2016, applied 2017); after the 2025 province mergers the codes stay in use. Mobile prefixes:
networks' 10-digit prefixes after the 2018 change (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile,
Itelecom, Reddi).

Every number becomes a ``tel:`` link: E.164 (+84…) for mobile and landline; hotlines and short codes as
dialled (they work only inside Việt Nam).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PhoneKind = Literal["mobile", "landline", "hotline", "short"]

# 0 + area code: every province's landline code (11-digit numbers in all).
AREA_CODES: frozenset[str] = frozenset({
    "024", "028",
    "0203", "0204", "0205", "0206", "0207", "0208", "0209", "0210", "0211", "0212", "0213", "0214",
    "0215", "0216", "0218", "0219", "0220", "0221", "0222", "0225", "0226", "0227", "0228", "0229",
    "0232", "0233", "0234", "0235", "0236", "0237", "0238", "0239",
    "0251", "0252", "0254", "0255", "0256", "0257", "0258", "0259", "0260", "0261", "0262", "0263",
    "0269", "0270", "0271", "0272", "0273", "0274", "0275", "0276", "0277",
    "0290", "0291", "0292", "0293", "0294", "0296", "0297", "0299",
})
MOBILE_PREFIXES: frozenset[str] = frozenset(
    [f"03{d}" for d in "23456789"] + ["052", "055", "056", "058", "059", "070", "076", "077", "078", "079"]
    + [f"08{d}" for d in "123456789"] + ["090", "091", "092", "093", "094", "096", "097", "098", "099"]
)
SHORT_CODES: dict[str, tuple[str, str]] = {
    "111": ("tổng đài bảo vệ trẻ em", "child protection hotline"),
    "112": ("tìm kiếm cứu nạn", "search and rescue"),
    "113": ("công an", "police"),
    "114": ("cứu hỏa, cứu nạn", "fire and rescue"),
    "115": ("cấp cứu", "ambulance"),
    "1022": ("tổng đài dịch vụ công", "public-service call centre"),
    "156": ("phản ánh cuộc gọi, tin nhắn rác", "reporting spam calls and messages"),
    "5656": ("phản ánh tin nhắn rác", "reporting spam messages"),
}

_SEPARATORS = re.compile(r"[\s.\-()/]")
_HOTLINE = re.compile(r"^1[89]00(\d{4}|\d{6})$")


@dataclass(frozen=True)
class Phone:
    """A valid phone number in its stored (digits only) form."""

    digits: str
    kind: PhoneKind

    @property
    def paid(self) -> bool:
        """True for 1900 numbers: the caller pays a premium rate per minute."""
        return self.digits.startswith("1900")

    @property
    def display(self) -> str:
        """The one way numbers are written on the site."""
        d = self.digits
        if self.kind == "mobile":
            return f"{d[:4]} {d[4:7]} {d[7:]}"
        if self.kind == "landline":
            code = 3 if d[:3] in AREA_CODES else 4
            rest = d[code:]
            return f"{d[:code]} {rest[:4]} {rest[4:]}"
        if self.kind == "short":
            return d
        if len(d) == 8:
            return f"{d[:4]} {d[4:]}"
        return f"{d[:4]} {d[4:7]} {d[7:]}"

    def shown(self, lang: str) -> str:
        """:attr:`display`, followed for a paid (1900) number by a warning in ``lang`` (interface \
catalogue)."""
        if not self.paid:
            return self.display
        from handbook.text import message

        return f"{self.display} {message(lang, 'phones.paid')}"

    @property
    def tel(self) -> str:
        """The ``tel:`` link target."""
        if self.kind in ("hotline", "short"):
            return f"tel:{self.digits}"
        return f"tel:+84{self.digits[1:]}"


class PhoneError(ValueError):
    """A number that is not in Việt Nam's numbering plan (or not one a resident may be sent to)."""

    def __init__(self, value: object, problem_vi: str, problem_en: str) -> None:
        self.value = value
        self.problem_vi = problem_vi
        self.problem_en = problem_en
        super().__init__(f"{problem_vi} / {problem_en}")


def _digits(value: str) -> str:
    digits = _SEPARATORS.sub("", value)
    if digits.startswith("+84"):
        return "0" + digits[3:]
    if digits.startswith("0084"):
        return "0" + digits[4:]
    if digits.startswith("84") and len(digits) in (11, 12):
        return "0" + digits[2:]
    return digits


def parse_phone(value: object) -> Phone:
    """Validate and normalise ``value``; raise :class:`PhoneError` with a bilingual reason.

    A plain whole number from YAML (``19001006``, ``113``) is accepted as the digits the editor typed:
    handbook/frontmatter.py reads only plain decimal numbers as numbers, never octal ones.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PhoneError(
            value,
            f"«{value}» không phải số điện thoại; hãy đặt số trong dấu ngoặc kép, ví dụ \"0251 3888 999\".",
            f"'{value}' is not a phone number; put the number in quotes, e.g. \"0251 3888 999\".",
        )
    text = str(value) if isinstance(value, int) else value
    digits = _digits(text.strip())
    if not digits.isdigit() or not digits.isascii():
        raise PhoneError(value, f"«{value}» có ký tự không phải chữ số.",
                         f"'{value}' contains characters that are not digits.")
    if digits in SHORT_CODES:
        return Phone(digits, "short")
    if _HOTLINE.match(digits):
        return Phone(digits, "hotline")
    if digits.startswith("0") and len(digits) == 10 and digits[:3] in MOBILE_PREFIXES:
        return Phone(digits, "mobile")
    if (
        digits.startswith("0")
        and len(digits) == 11
        and (digits[:3] in AREA_CODES or digits[:4] in AREA_CODES)
    ):
        return Phone(digits, "landline")
    if digits.startswith("02") and (digits[:3] in AREA_CODES or digits[:4] in AREA_CODES):
        raise PhoneError(value, f"«{value}» có {len(digits)} chữ số; số máy bàn có 11 chữ số kể cả mã vùng "
                                f"(ví dụ 0251 3888 999).",
                         f"'{value}' has {len(digits)} digits; a landline has 11 digits with its area code "
                         "(e.g. 0251 3888 999).")
    if digits.startswith("02") and len(digits) == 11:
        raise PhoneError(value, f"«{digits[:4]}» không phải mã vùng nào ở Việt Nam.",
                         f"'{digits[:4]}' is not an area code in Việt Nam.")
    if digits.startswith("0") and len(digits) == 10:
        raise PhoneError(value, f"«{digits[:3]}» không phải đầu số di động ở Việt Nam.",
                         f"'{digits[:3]}' is not a mobile prefix in Việt Nam.")
    raise PhoneError(
        value,
        f"«{value}» không phải số di động (10 số), số máy bàn (11 số, có mã vùng), tổng đài 1800/1900 "
        "hay số ngắn (113, 114, 115, 1022 …).",
        f"'{value}' is not a mobile number (10 digits), a landline (11 digits with the area code), a "
        "1800/1900 hotline or a short code (113, 114, 115, 1022 …).",
    )


def tel_target_problem(target: str) -> tuple[str, str] | None:
    """Why a ``tel:`` link target is not a number in the plan ((vi, en)), or None when it is."""
    number = target.split(":", 1)[1] if ":" in target else target
    try:
        parse_phone(number.split(";")[0])
    except PhoneError as error:
        return error.problem_vi, error.problem_en
    return None
