"""HTML for ward pages, the ward directory and old-address redirects, in Vietnamese or English.

Plain data in, HTML out: the words are in the catalogue (``ward.*`` keys of handbook/messages/<lang>.yml),
the markup in the Jinja templates ``overrides/partials/ward-*.html``, the province's lines and portals in
docs/area.yml (handbook/area.py). No MkDocs here; the hook passes the links it resolved.
"""

from __future__ import annotations

import copy
import posixpath
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from handbook.area import (
    AreaPortal,
    Sourced,
    area_accounts,
    area_lines,
    area_portals,
    names_language,
    placeholder_values,
    ward_examples,
)
from handbook.dates import format_date
from handbook.phones import parse_phone
from handbook.qr import qr_file_name
from handbook.safety.domains import check_url, host_of
from handbook.slugs import fold_vietnamese
from handbook.text import catalogue, message
from handbook.wards.registry import FormerUnit, Unit
from handbook.wards.ward_files import KINDS, URL_KINDS, Channel
from handbook.wards.ward_site import ProvinceDirectory, WardPage, WardSite

BIG_DIRECTORY = 300  # rows; a bigger directory stays out of the site search index
TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "partials"

# The order channels are shown in: what a resident can use at once (call, message, open) first.
CHANNEL_ORDER = ("hotline", "zalo", "website", "fanpage", "email", "app", "office")


@lru_cache(maxsize=16)  # read by every ward page: made once per language (callers only read it)
def labels(lang: str) -> dict[str, Any]:
    """The ``ward.*`` texts of the catalogue as nested mappings: ``ward.kinds.zalo`` -> ``t.kinds.zalo``."""
    tree: dict[str, Any] = {}
    for key, text in catalogue(lang).items():
        parts = key.split(".")
        if parts[0] != "ward":
            continue
        node = tree
        for part in parts[1:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = text
    return tree


@dataclass(frozen=True)
class PageLinks:
    """Links the hook resolved for one ward page (relative to the page, except the edit link)."""

    directory: str
    guides: str
    scam_guide: str | None
    edit: str
    qr_folder: str  # the QR code files' folder (assets/qr/), relative to the page, ending in "/"
    tell_us: str = ""  # where "Báo cho chúng tôi" goes: the team's contact (#bao-loi) or else the edit link


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["official"] = official_name
    env.filters["fmt"] = lambda text, **values: Markup.escape(text).format(**values)
    return env


@pass_context
def official_name(context: Context, text: object) -> Markup:
    """An official name (a ward, an office, a source) as written in the area's ``names_lang``; on pages in
    another language marked with it, so a screen reader reads it with the right voice."""
    names_lang, lang = context["names_lang"], context["lang"]
    if lang == names_lang:
        return Markup.escape(text)
    return Markup('<span lang="{}">{}</span>').format(names_lang, text)


def former_groups(formers: tuple[FormerUnit, ...], t: dict[str, Any]) -> list[dict[str, Any]]:
    """Former units grouped by their old district ("Thành phố Long Khánh: Phường Xuân An, …")."""
    groups: dict[tuple[str, str], list[str]] = {}
    for former in sorted(formers, key=lambda f: (fold_vietnamese(f.kind), fold_vietnamese(f.short_name))):
        name = f"{former.name} ({t['part']})" if former.split else former.name
        groups.setdefault((former.district_name, former.province_name), []).append(name)
    return [{"district": district, "names": names} for (district, _), names in groups.items()]


def province_label(unit: Unit | FormerUnit, area: dict[str, Any], lang: str) -> str:
    """A unit's province as residents know it today: the area file's name for the area's own province code
    (so a rename in docs/area.yml reaches every page, old names' rows included), the registry's for others."""
    if unit.province_code == str(area["province"]["code"]):
        return placeholder_values(area, lang)["Province_vi"]
    return unit.province_name


def qr_addresses(site: WardSite, area: dict[str, Any]) -> set[str]:
    """Every address that gets a QR code on some ward page (the hook writes their files)."""
    found = {portal.url for portal in area_portals(area, names_language(area))}
    for page in site.pages:
        if page.file is not None:
            found |= {c.value for c in page.file.channels if c.kind in URL_KINDS and c.value is not None}
    return found


def _qr(address: str, label: str, links: PageLinks, t: dict[str, Any]) -> dict[str, str]:
    return {"src": links.qr_folder + qr_file_name(address), "alt": t["qr_alt"].format(label=label)}


def _fact_view(fact: Sourced, t: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "status": fact.status,
        "status_label": t["status"][fact.status],
        "checked": format_date(fact.checked, lang) if fact.checked else None,
        "checked_iso": fact.checked.isoformat() if fact.checked else None,
        "source": fact.source,
        "source_href": None,
    }


def _channel_view(channel: Channel, lang: str, links: PageLinks, t: dict[str, Any]) -> dict[str, Any]:
    href = display = None
    qr = None
    if channel.value is not None:
        display = channel.value
        if channel.kind in URL_KINDS:
            href = channel.value
            display = channel.value.removeprefix("https://").rstrip("/")
            qr = _qr(channel.value, channel.name or t["kinds"][channel.kind], links, t)
        elif channel.kind == "hotline":
            phone = parse_phone(channel.value)
            href, display = phone.tel, phone.shown(lang)  # 1900: says the caller pays (issue 13)
        elif channel.kind == "email":
            href = f"mailto:{channel.value}"
    source_href = channel.source if channel.source.startswith("https://") else None
    # A source link shows its site's name only; the whole address is in the link (and on the printed poster).
    source_text = host_of(channel.source) if source_href else channel.source
    return {
        "kind": channel.kind,
        "label": t["kinds"][channel.kind],
        "name": channel.name,
        "display": display,
        "href": href,
        "qr": qr,
        "hours": channel.hours,
        "former": channel.former_unit,
        "status": channel.status,
        "status_label": t["status"][channel.status],
        "checked": format_date(channel.checked, lang),
        "checked_iso": channel.checked.isoformat(),
        "source": source_text,
        "source_href": source_href,
    }


def map_links(latitude: float, longitude: float) -> tuple[str, str]:
    """A ``geo:`` link (the phone's map app) and an OpenStreetMap link for a point."""
    lat, lon = f"{latitude:.4f}".rstrip("0").rstrip("."), f"{longitude:.4f}".rstrip("0").rstrip(".")
    osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=14/{lat}/{lon}"
    assert check_url(osm, map_link=True) is None
    return f"geo:{lat},{lon}", osm


def _portal_view(portal: AreaPortal, links: PageLinks, t: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "name": portal.name,
        "url": portal.url,
        "display": portal.url.removeprefix("https://"),
        "qr": _qr(portal.url, portal.name, links, t),
        "note": portal.note,
        **_fact_view(portal.fact, t, lang),
    }


_facts: dict[str, tuple[dict[str, Any], tuple[Any, Any, Any]]] = {}


def _area_facts(area: dict[str, Any], lang: str) -> tuple[Any, Any, Any]:
    """The area's portals, lines and Zalo accounts in ``lang``: read once per build and language, not for
    each of 6,600 ward pages (kept with a copy of the area they were read from: another area, read again)."""
    known = _facts.get(lang)
    if known is None or known[0] != area:
        facts = (area_portals(area, lang), area_lines(area, lang), area_accounts(area, lang))
        known = _facts[lang] = (copy.deepcopy(area), facts)
    return known[1]


def render_ward_page(site: WardSite, page: WardPage, lang: str, links: PageLinks, area: dict[str, Any],
                     part: str = "main") -> str:
    """The body of a ward page under the H1: ``part="main"`` before the editor's prose, ``"footer"`` after.

    Order, for a resident on a phone: the ward's own channels that work (tap to call or open) first; the
    kinds nobody has found yet in ONE line with a way to tell the team; the province's lines (they work
    for every ward); where to go in person; the former units, the unit code and the map further down.
    """
    t = labels(lang)
    template = _environment().get_template("ward-page.html")
    statuses = ("confirmed", "reported", "unverified")
    if part == "footer":
        return template.render(part=part, t=t, links=links, source=site.registry.source, statuses=statuses,
                               unit=page.unit, lang=lang, names_lang=names_language(area))
    channels = sorted(page.file.channels if page.file else (), key=lambda c: CHANNEL_ORDER.index(c.kind))
    views = [_channel_view(channel, lang, links, t) for channel in channels]
    usable = [view for view in views if view["href"] and view["kind"] != "office"]
    named = [view for view in views if not view["href"] and view["kind"] != "office"]
    offices = [view for view in views if view["kind"] == "office"]
    present = {channel.kind for channel in channels}
    missing = [t["short"][kind] for kind in KINDS if kind not in present]
    in_province = page.unit.province_code == str(area["province"]["code"])
    portals = [
        _portal_view(portal, links, t, lang)
        for portal in _area_facts(area, lang)[0]
        if portal.level != "province" or in_province
    ]
    lines = _area_facts(area, lang)[1] if in_province else []
    hotlines = [
        {
            "name": line.name,
            "display": line.dial.display,
            "href": line.dial.tel,
            "note": line.note,
            **_fact_view(line.fact, t, lang),
            "alternative": None
            if line.alternative is None or line.alternative_fact is None
            else {
                "display": line.alternative.display,
                "href": line.alternative.tel,
                "note": line.alternative_note,
                **_fact_view(line.alternative_fact, t, lang),
            },
        }
        for line in lines
    ]
    accounts = [
        {"name": account.name, "note": account.note, **_fact_view(account.fact, t, lang)}
        for account in (_area_facts(area, lang)[2] if in_province else [])
    ]
    formers = former_groups(site.former_of(page), t)
    # Old addresses that lead here (issue 25): "Xã Bảo Quang nay thuộc Phường Bảo Vinh" when one was opened.
    arrivals = [{"id": arrival_id(r.slug), "old": r.former.name} for r in site.redirects if r.target == page]
    geo, osm = map_links(page.unit.latitude, page.unit.longitude)
    return template.render(
        part=part, t=t, lang=lang, names_lang=names_language(area), unit=page.unit,
        province=province_label(page.unit, area, lang),
        province_prose=placeholder_values(area, lang)["province"], formers=formers,
        usable=usable, named=named, offices=offices, missing=missing, portals=portals, hotlines=hotlines,
        accounts=accounts, geo=geo, osm=osm, links=links, arrivals=arrivals,
    )


def render_directory(site: WardSite, lang: str, href: dict[str, str], script_url: str,
                     area: dict[str, Any], province: ProvinceDirectory | None = None) -> str:
    """The directory: every current unit and every former unit, with a filter box (for JavaScript).
    With ``province``: only that province's (its name is then not repeated on every row)."""
    t = labels(lang)
    current = []
    for page in province.pages if province else site.pages:
        formers = sorted(
            site.former_of(page), key=lambda f: (fold_vietnamese(f.kind), fold_vietnamese(f.short_name))
        )
        current.append(
            {
                "name": page.unit.name,
                "code": page.unit.code,
                "province": "" if province else province_label(page.unit, area, lang),
                "href": href[page.slug],
                "includes": ", ".join(former.name for former in formers),
            }
        )
    former_rows = []
    in_scope = tuple(province.former) if province else tuple(site.registry.former)
    for former in sorted(
        in_scope, key=lambda f: (fold_vietnamese(f.short_name), fold_vietnamese(f.province_name))
    ):
        targets = [{"name": p.unit.name, "href": href[p.slug]} for p in site.successors(former)]
        former_rows.append({
            "name": former.name, "district": former.district_name,
            "province": ("" if province and former.province_name == province.name
                         else province_label(former, area, lang)),
            "split": former.split, "targets": targets,
        })
    example = ward_examples(area)["former_ward_ascii"]  # an old name of this area, typed without accents
    t = {**t, "dir_placeholder": t["dir_placeholder"].format(example=example),
         "dir_empty": t["dir_empty"].format(example=example)}
    return _environment().get_template("ward-directory.html").render(
        t=t, lang=lang, names_lang=names_language(area), current=current, former=former_rows,
        script_url=script_url,
        big=len(current) + len(former_rows) > BIG_DIRECTORY,
        total=t["dir_total"].format(current=len(current), former=len(former_rows)),
    )


def render_province_index(
    site: WardSite, lang: str, href: dict[str, str], script_url: str, area: dict[str, Any]
) -> str:
    """The top of a directory that spans several provinces: one link per province (``href`` by province
    code), with the same filter box; without JavaScript the whole list shows."""
    provinces = [
        {
            "name": p.name,
            "href": href[p.code],
            "count": message(lang, "directory.province_count", current=len(p.pages), former=len(p.former)),
        }
        for p in site.provinces
    ]
    total = message(lang, "directory.total", provinces=len(provinces), current=len(site.pages),
                    former=len(site.registry.former))
    example = fold_vietnamese(placeholder_values(area, lang)["province_name"])  # this area's province
    texts = {
        key: message(lang, f"directory.{key}", example=example) if key in ("placeholder", "empty")
        else message(lang, f"directory.{key}")
        for key in ("heading", "filter", "placeholder", "empty", "count")
    }
    return _environment().get_template("ward-directory.html").render(
        t=texts, lang=lang, names_lang=names_language(area), provinces=provinces, script_url=script_url,
        total=total,
    )


def arrival_id(slug: str) -> str:
    """The anchor an old address sends readers to on the new ward's page (``#tu-bao-quang``)."""
    return f"tu-{slug}"


def render_redirect(
    former: FormerUnit, target_name: str, target_href: str, lang: str, names_lang: str
) -> str:
    """A small page at an old ward address that sends the reader to the new ward's page."""
    return (
        _environment()
        .get_template("ward-redirect.html")
        .render(
            t=labels(lang),
            lang=lang,
            names_lang=names_lang,
            old=former.name,
            district=former.district_name,
            new=target_name,
            href=target_href,
        )
    )


def edit_url(repo_url: str | None, edit_uri: str | None, src_path: str, exists: bool) -> str:
    """The GitHub address to edit a ward file (or to create it, for a generated page)."""
    base = (repo_url or "").rstrip("/")
    uri = (edit_uri or "edit/main/docs/").strip("/")
    if exists:
        return f"{base}/{uri}/{quote(src_path)}"
    folder, _, name = src_path.rpartition("/")
    new_uri = uri.replace("edit/", "new/", 1) if uri.startswith("edit/") else uri
    return f"{base}/{new_uri}/{quote(folder)}?filename={quote(name)}"


WARD_TABLE = "{{ ward_table }}"
WARD_TABLE_LIMIT = 300  # rows; a longer table (a whole province or the country) points to the directory


def ward_table_markdown(site: WardSite, lang: str, page_uri: str) -> str:
    """The old-to-new table of a guide (``{{ ward_table }}``), generated from the registry for any area: every
    former unit in scope and the current ward(s) it is now part of, each linked to its page; units merged
    away before 2025 say which unit they joined."""
    formers = sorted(site.registry.former, key=lambda f: (fold_vietnamese(f.short_name), f.key))
    if len(formers) > WARD_TABLE_LIMIT:
        return message(lang, "area.ward_table.too_long", count=len(formers))
    folder = posixpath.dirname(page_uri)
    districts = Counter(former.district_name for former in formers)
    home = districts.most_common(1)[0][0] if districts else ""
    old, new = message(lang, "area.ward_table.old"), message(lang, "area.ward_table.new")
    rows = [f"| {old} | {new} |", "|---|---|"]
    for former in formers:
        name = former.name
        if former.joined:
            name = message(lang, "area.ward_table.joined", name=former.name, joined=former.joined)
        elif former.district_name != home:  # e.g. a commune of a neighbouring former district
            name = f"{name} ({former.district_name})"
        targets = ", ".join(
            f"[{page.unit.name}]({posixpath.relpath(page.src_uri, folder)})"
            for page in site.successors(former)
        )
        rows.append(f"| {name} | {targets} |")
    return "\n".join(rows)
