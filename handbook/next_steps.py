"""What a reader can do when the handbook has no guide for what they searched (issue 25).

Plain data from the area file (docs/area.yml): the province's first hotline as a call button (with the
date it was last checked), the national public service portal, the ward directory and the community
team. The search's "no guide for this" panel (overrides/partials/no-guide.html) shows them in the
page's language. No MkDocs: the hook is overrides/hooks/area.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handbook.area import AreaPortal, area_lines, area_portals
from handbook.dates import format_date


@dataclass(frozen=True)
class Hotline:
    name: str
    display: str
    tel: str
    checked: str  # "" when the file gives no date


@dataclass(frozen=True)
class NextSteps:
    hotline: Hotline | None
    portal: AreaPortal | None  # the area file's own entry (name, url, note in the page's language)


def next_steps(area: dict[str, Any], lang: str) -> NextSteps:
    """The province's first hotline and the national portal (else the first portal) of ``area``."""
    lines = area_lines(area, lang)
    hotline = None
    if lines:
        line = lines[0]
        checked = format_date(line.fact.checked, lang) if line.fact.checked else ""
        hotline = Hotline(line.name, line.dial.display, line.dial.tel, checked)
    portals = area_portals(area, lang)
    national = [portal for portal in portals if portal.level == "national"] or portals
    portal = national[0] if national else None
    return NextSteps(hotline, portal)
