"""Dates as readers see them: 27/11/2026 in Vietnamese, 27 November 2026 in English."""

from __future__ import annotations

import datetime

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def format_date(day: datetime.date, lang: str) -> str:
    """The one way the site writes a date in ``lang`` ('vi' or 'en')."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
