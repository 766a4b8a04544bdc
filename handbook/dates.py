"""Dates as readers see them, in the format of the reader's catalogue (``date.format``, ``date.months``):
27/11/2026 in Vietnamese, 27 November 2026 in English."""

from __future__ import annotations

import datetime

from handbook.text import message


def format_date(day: datetime.date, lang: str) -> str:
    """The one way the site writes a date in ``lang``."""
    month_name = message(lang, "date.months").split("|")[day.month - 1]
    return message(lang, "date.format", day=day.day, month_name=month_name, year=day.year)
