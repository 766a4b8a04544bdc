"""Dates as readers see them: 27/11/2026 in Vietnamese, 27 November 2026 in English."""

from __future__ import annotations

import datetime
import os

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def format_date(day: datetime.date, lang: str) -> str:
    """The one way the site writes a date in ``lang`` ('vi' or 'en')."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# Việt Nam is UTC+7 all year (no daylight saving time), so no time zone database is needed.
VIETNAM_TIME = datetime.timezone(datetime.timedelta(hours=7), "ICT")


def today_in_vietnam(now: datetime.datetime | None = None) -> datetime.date:
    """Today's date in Việt Nam (at 18:00 UTC it is already tomorrow there); ``now``: another moment.

    ``HANDBOOK_TODAY=YYYY-MM-DD`` in the environment sets another day: to rebuild a page as it was
    on a given day, and for tests.
    """
    fixed = os.environ.get("HANDBOOK_TODAY", "").strip()
    if fixed and now is None:
        return datetime.date.fromisoformat(fixed)
    return (now or datetime.datetime.now(datetime.UTC)).astimezone(VIETNAM_TIME).date()
