"""What is due for review: guides past their ``next_review`` date, ward channels not checked for 6 months.

The dates are read through the guide and ward rules (handbook/guides.py, handbook/wards.py);
this module only compares them with today.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from handbook.guides import load_guides
from handbook.registry import Registry
from handbook.wards import load_ward_dir

REVIEW_MONTHS = 6  # a guide is reviewed, and a ward channel re-checked, every six months


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter: 31/8 + 6 months = 28/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    """One thing to review."""

    file: str  # "docs/guides/dong-tien-dien.md"
    where: str  # the field or line to change
    what: str  # the guide's title, or "hotline 1900 1006"
    due: date  # when it fell due


def overdue_guides(docs_dir: Path, today: date) -> list[Due]:
    """Guide files (both languages) whose ``next_review`` is before ``today``.

    Guides whose dates cannot be read are left to ``scripts/handbook check``.
    """
    guides, _ = load_guides(docs_dir)
    overdue = []
    for guide in guides:
        if date.min < guide.next_review < today:
            overdue.append(Due(f"docs/{guide.path}", "next_review", guide.title, guide.next_review))
    return sorted(overdue, key=lambda due: (due.due, due.file))


def stale_channels(docs_dir: Path, registry: Registry, today: date) -> list[Due]:
    """Ward channels whose ``checked`` date is more than :data:`REVIEW_MONTHS` months before ``today``.

    Raises :class:`handbook.errors.ContentErrors` when a ward file is invalid (run ``check`` first).
    """
    wards = load_ward_dir(docs_dir / "wards", registry, today)
    stale = []
    for ward in wards.values():
        for channel in ward.channels:
            due = add_months(channel.checked, REVIEW_MONTHS)
            if due < today:
                label = f"{channel.kind} {channel.value or channel.name or ''}".strip()
                stale.append(Due(ward.path, f"dòng / line {channel.line}, checked", label, due))
    return sorted(stale, key=lambda due: (due.due, due.file))
