"""Dates as readers see them, in the format of the reader's catalogue (``date.format``, ``date.months``):
27/11/2026 in Vietnamese, 27 November 2026 in English; and "today".

"Today" is always the date in Việt Nam (UTC+7, no daylight saving time): an editor who writes today's
date at 06:30 in Long Khánh must not be told it is in the future because a server runs on UTC.
"""

from __future__ import annotations

import calendar
import datetime
import os
import re

from handbook.text import message

VIETNAM = datetime.timezone(datetime.timedelta(hours=7), "ICT")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def format_date(day: datetime.date, lang: str) -> str:
    """The one way the site writes a date in ``lang``."""
    month_name = message(lang, "date.months").split("|")[day.month - 1]
    return message(lang, "date.format", day=day.day, month_name=month_name, year=day.year)


def today_vn(now: datetime.datetime | None = None) -> datetime.date:
    """Today's date in Việt Nam (Asia/Ho_Chi_Minh, UTC+7), whatever the computer's time zone.

    ``HANDBOOK_TODAY=YYYY-MM-DD`` in the environment sets another day: to rebuild a page as it was
    on a given day, and for tests.
    """
    fixed = os.environ.get("HANDBOOK_TODAY", "").strip()
    if fixed and now is None:
        return datetime.date.fromisoformat(fixed)
    moment = now if now is not None else datetime.datetime.now(datetime.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(VIETNAM).date()


def parse_date(value: object) -> tuple[datetime.date | None, str, str]:
    """(the date, '', '') for a YEAR-MONTH-DAY date, else (None, why in Vietnamese, why in English).

    Never raises: an impossible date such as 2026-02-30 gets a reason an editor understands.
    """
    if isinstance(value, datetime.datetime):
        return value.date(), "", ""
    if isinstance(value, datetime.date):
        return value, "", ""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    match = _ISO_DATE.match(text)
    if not match:
        shown = "" if value is None else str(value)
        return (None, f"«{shown}» không phải ngày viết theo dạng năm-tháng-ngày.",
                f"'{shown}' is not a date written as year-month-day.")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return (None, f"ngày «{text}» có tháng {month}: chỉ có tháng 1 đến 12 (viết năm-tháng-ngày).",
                f"the date '{text}' has month {month}: months are 1 to 12 (write year-month-day).")
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last or year < 1:
        return (None, f"ngày «{text}» không có thật: tháng {month} năm {year} chỉ có {last} ngày.",
                f"the date '{text}' does not exist: month {month} of {year} has only {last} days.")
    return datetime.date(year, month, day), "", ""
