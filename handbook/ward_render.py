"""HTML for ward pages, the ward directory and old-address redirects, in Vietnamese or English.

Plain data in, HTML out: the words are in :data:`LABELS`, the markup in the Jinja templates
``overrides/partials/ward-*.html``. No MkDocs here; the hook passes the links it resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from handbook.dates import format_date
from handbook.domains import check_url
from handbook.phones import parse_phone
from handbook.qr import qr_file_name
from handbook.registry import FormerUnit
from handbook.slugs import fold_vietnamese
from handbook.text import message
from handbook.ward_site import ProvinceDirectory, WardPage, WardSite
from handbook.wards import KINDS, PORTALS, URL_KINDS, Channel

BIG_DIRECTORY = 300  # rows; a bigger directory stays out of the site search index
TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "partials"

LABELS: dict[str, dict[str, Any]] = {
    "vi": {
        "kinds": {
            "fanpage": "Trang Facebook (fanpage)", "zalo": "Trang Zalo chính thức", "website": "Trang web",
            "hotline": "Đường dây nóng", "email": "Thư điện tử (e-mail)", "office": "Trụ sở, giờ làm việc",
            "app": "Ứng dụng",
        },
        "status": {"confirmed": "Đã xác nhận", "reported": "Theo một nguồn tin", "unverified": "Chưa xác minh"},
        "status_help": {
            "confirmed": "có văn bản chính thức hoặc hai nguồn độc lập.",
            "reported": "một nguồn đã công bố.",
            "unverified": "chưa kiểm tra lại được; hãy thận trọng.",
        },
        "of_province": "thuộc",
        "code": "Mã đơn vị hành chính",
        "lead_former": "Từ ngày 1/7/2025, {name} gồm các phường, xã cũ:",
        "lead_none": "Dữ liệu không ghi phường, xã cũ nào nhập vào đơn vị này.",
        "part": "một phần",
        "channels": "Kênh liên lạc chính thức của phường",
        "missing": "Chưa có thông tin.",
        "missing_lower": "chưa có thông tin.",
        "missing_intro": "Bạn biết kênh chính thức của phường? Bấm «Bổ sung» để thêm, kèm nguồn (sửa tệp trên github.com).",
        "invite": "Bổ sung",
        "invite_label": "Bổ sung thông tin: {kind}",
        "name_only": "Chỉ biết tên, chưa có địa chỉ.",
        "of_former": "của {name} cũ",
        "checked": "Kiểm tra lần cuối",
        "status_word": "Trạng thái",
        "source": "Nguồn",
        "hours": "Giờ làm việc",
        "scan": "Quét mã QR bằng máy ảnh điện thoại",
        "portals": "Dịch vụ công trực tuyến",
                "map": "Bản đồ",
        "map_note": "Điểm giữa phường (gần đúng), không phải địa chỉ trụ sở.",
        "map_app": "Mở trong ứng dụng bản đồ",
        "map_osm": "Xem trên OpenStreetMap",
        "more": "Thông tin thêm",
        "guides": "Hướng dẫn từng bước dùng dịch vụ công, thanh toán, VNeID",
        "directory": "Danh bạ phường: tìm theo tên phường, xã cũ",
        "safety_title": "Nhận biết kênh thật",
        "safety": [
            "Trang web của nhà nước có địa chỉ kết thúc bằng .gov.vn.",
            "Chỉ cài ứng dụng từ CH Play hoặc App Store.",
            "Địa chỉ trên VNeID và thẻ căn cước được cập nhật tự động: ai gọi điện bảo bạn «cập nhật địa chỉ» là lừa đảo.",
        ],
        "scam_guide": "Cách nhận biết lừa đảo",
        "legend": "Trạng thái thông tin",
        "data_source": "Tên, mã và tọa độ theo gói dữ liệu {source}.",
        "edit": "Sửa thông tin phường này",
        "poster_note": "Sổ tay công nghệ số cộng đồng",
        "dir_filter": "Tìm phường, xã (tên cũ hoặc mới, có dấu hay không dấu)",
        "dir_placeholder": "Ví dụ: bao quang",
        "dir_current": "Phường, xã hiện nay (từ 1/7/2025)",
        "dir_former": "Tên cũ (trước 1/7/2025) và phường mới",
        "dir_now": "nay thuộc",
        "dir_includes": "gồm",
        "dir_empty": "Không tìm thấy. Thử gõ tên khác, ví dụ «xuan an».",
        "dir_count": "{n} kết quả",
        "dir_total": "{current} phường, xã hiện nay và {former} tên cũ.",
        "redirect_title": "{old} nay thuộc {new}",
        "redirect_text": "Từ ngày 1/7/2025, {old} ({district}) đã nhập vào",
        "redirect_go": "Mở trang {new}",
    },
    "en": {
        "kinds": {
            "fanpage": "Facebook page", "zalo": "Zalo Official Account", "website": "Website",
            "hotline": "Hotline", "email": "E-mail", "office": "Office and opening hours", "app": "App",
        },
        "status": {"confirmed": "Confirmed", "reported": "Reported (one source)", "unverified": "Unverified"},
        "status_help": {
            "confirmed": "an official document or two independent sources.",
            "reported": "one published source.",
            "unverified": "not re-checked; be careful.",
        },
        "of_province": "in",
        "code": "Official unit code",
        "lead_former": "Since 1 July 2025, {name} includes these former wards and communes:",
        "lead_none": "The data lists no former unit merged into this one.",
        "part": "part",
        "channels": "Official channels of the ward",
        "missing": "Not yet provided.",
        "missing_lower": "not yet provided.",
        "missing_intro": "Do you know an official channel of the ward? Tap «Add» to add it with its source (edits the file on github.com).",
        "invite": "Add",
        "invite_label": "Add this information: {kind}",
        "name_only": "Only the name is known; no address yet.",
        "of_former": "of the former {name}",
        "checked": "Last checked",
        "status_word": "Status",
        "source": "Source",
        "hours": "Opening hours",
        "scan": "Scan the QR code with your phone camera",
        "portals": "Online public services",
                "map": "Map",
        "map_note": "The middle of the ward (approximate), not the office address.",
        "map_app": "Open in your map app",
        "map_osm": "View on OpenStreetMap",
        "more": "More information",
        "guides": "Step-by-step guides: public services, payments, VNeID",
        "directory": "Ward directory: search by your old ward or commune",
        "safety_title": "How to tell a real channel",
        "safety": [
            "Government websites end in .gov.vn.",
            "Install apps only from CH Play or the App Store.",
            "Addresses on VNeID and ID cards are updated automatically: a caller asking you to «update your address» is a scammer.",
        ],
        "scam_guide": "How to recognise scams",
        "legend": "Information status",
        "data_source": "Names, codes and coordinates from the {source} data package.",
        "edit": "Edit this ward's information",
        "poster_note": "Community digital handbook",
        "dir_filter": "Find a ward or commune (old or new name, with or without accents)",
        "dir_placeholder": "For example: bao quang",
        "dir_current": "Current wards and communes (since 1 July 2025)",
        "dir_former": "Old names (before 1 July 2025) and the new ward",
        "dir_now": "now part of",
        "dir_includes": "includes",
        "dir_empty": "Nothing found. Try another name, for example «xuan an».",
        "dir_count": "{n} results",
        "dir_total": "{current} current wards and communes and {former} old names.",
        "redirect_title": "{old} is now part of {new}",
        "redirect_text": "Since 1 July 2025, {old} ({district}) is part of",
        "redirect_go": "Open the page of {new}",
    },
}


@dataclass(frozen=True)
class PageLinks:
    """Links the hook resolved for one ward page (relative to the page, except the edit link)."""

    directory: str
    guides: str
    scam_guide: str | None
    edit: str
    qr_folder: str  # the QR code files' folder (assets/qr/), relative to the page, ending in "/"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["vi"] = vietnamese_name
    env.filters["fmt"] = lambda text, **values: Markup.escape(text).format(**values)
    return env


def vietnamese_name(text: object, lang: str) -> Markup:
    """A Vietnamese name or text; on English pages marked lang="vi" so it is read with a Vietnamese voice."""
    if lang == "vi":
        return Markup.escape(text)
    return Markup('<span lang="vi">{}</span>').format(text)


def former_groups(formers: tuple[FormerUnit, ...], labels: dict[str, Any]) -> list[dict[str, Any]]:
    """Former units grouped by their old district ("Thành phố Long Khánh: Phường Xuân An, …")."""
    groups: dict[tuple[str, str], list[str]] = {}
    for former in sorted(formers, key=lambda f: (fold_vietnamese(f.kind), fold_vietnamese(f.short_name))):
        name = f"{former.name} ({labels['part']})" if former.split else former.name
        groups.setdefault((former.district_name, former.province_name), []).append(name)
    return [{"district": district, "names": names} for (district, _), names in groups.items()]


def qr_addresses(site: WardSite) -> set[str]:
    """Every address that gets a QR code on some ward page (the hook writes their files)."""
    found = {portal.url for portal in PORTALS}
    for page in site.pages:
        if page.file is not None:
            found |= {c.value for c in page.file.channels if c.kind in URL_KINDS and c.value is not None}
    return found


def _qr(address: str, label: str, links: PageLinks, lang: str) -> dict[str, str]:
    alt = f"Mã QR: {label}" if lang == "vi" else f"QR code: {label}"
    return {"src": links.qr_folder + qr_file_name(address), "alt": alt}


def _channel_view(channel: Channel, lang: str, links: PageLinks) -> dict[str, Any]:
    labels = LABELS[lang]
    href = display = None
    qr = None
    if channel.value is not None:
        display = channel.value
        if channel.kind in URL_KINDS:
            href = channel.value
            qr = _qr(channel.value, channel.name or labels["kinds"][channel.kind], links, lang)
        elif channel.kind == "hotline":
            phone = parse_phone(channel.value)
            href, display = phone.tel, phone.display
        elif channel.kind == "email":
            href = f"mailto:{channel.value}"
    source_href = channel.source if channel.source.startswith("https://") else None
    return {
        "kind": channel.kind,
        "name": channel.name,
        "display": display,
        "href": href,
        "qr": qr,
        "hours": channel.hours,
        "former": channel.former_unit,
        "status": channel.status,
        "status_label": labels["status"][channel.status],
        "checked": format_date(channel.checked, lang),
        "checked_iso": channel.checked.isoformat(),
        "source": channel.source,
        "source_href": source_href,
    }


def map_links(latitude: float, longitude: float) -> tuple[str, str]:
    """A ``geo:`` link (the phone's map app) and an OpenStreetMap link for a point."""
    lat, lon = f"{latitude:.4f}".rstrip("0").rstrip("."), f"{longitude:.4f}".rstrip("0").rstrip(".")
    osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=14/{lat}/{lon}"
    assert check_url(osm, map_link=True) is None
    return f"geo:{lat},{lon}", osm


def render_ward_page(site: WardSite, page: WardPage, lang: str, links: PageLinks, part: str = "main") -> str:
    """The body of a ward page under the H1: ``part="main"`` before the editor's prose, ``"footer"`` after."""
    labels = LABELS[lang]
    template = _environment().get_template("ward-page.html")
    statuses = ("confirmed", "reported", "unverified")
    if part == "footer":
        return template.render(part=part, t=labels, links=links, source=site.registry.source, statuses=statuses)
    channels = page.file.channels if page.file else ()
    groups = []
    for kind in KINDS:
        found = [_channel_view(channel, lang, links) for channel in channels if channel.kind == kind]
        groups.append({"kind": kind, "label": labels["kinds"][kind], "items": found})
    portals = [
        {
            "name": portal.name_vi if lang == "vi" else portal.name_en,
            "url": portal.url,
            "display": portal.url.removeprefix("https://"),
            "qr": _qr(portal.url, portal.name_vi if lang == "vi" else portal.name_en, links, lang),
            "status": portal.status,
            "status_label": labels["status"][portal.status],
            "note": portal.note_vi if lang == "vi" else portal.note_en,
        }
        for portal in PORTALS
        if portal.province_code in (None, page.unit.province_code)
    ]
    formers = former_groups(site.former_of(page), labels)
    geo, osm = map_links(page.unit.latitude, page.unit.longitude)
    return template.render(
        part=part, t=labels, lang=lang, unit=page.unit, formers=formers, groups=groups, portals=portals,
        known=any(group["items"] for group in groups), missing=[group for group in groups if not group["items"]],
        geo=geo, osm=osm, links=links,
    )


def render_directory(site: WardSite, lang: str, href: dict[str, str], script_url: str,
                     province: ProvinceDirectory | None = None) -> str:
    """The directory: every current unit and every former unit, with a filter box (for JavaScript).
    With ``province``: only that province's (its name is then not repeated on every row)."""
    labels = LABELS[lang]
    current = []
    for page in province.pages if province else site.pages:
        formers = sorted(site.former_of(page), key=lambda f: (fold_vietnamese(f.kind), fold_vietnamese(f.short_name)))
        current.append({
            "name": page.unit.name, "province": "" if province else page.unit.province_name, "code": page.unit.code,
            "href": href[page.slug],
            "includes": ", ".join(former.name for former in formers),
        })
    former_rows = []
    formers = province.former if province else site.registry.former
    for former in sorted(formers, key=lambda f: (fold_vietnamese(f.short_name), fold_vietnamese(f.province_name))):
        targets = [{"name": p.unit.name, "href": href[p.slug]} for p in site.successors(former)]
        former_rows.append({
            "name": former.name, "district": former.district_name,
            "province": "" if province and former.province_name == province.name else former.province_name,
            "split": former.split, "targets": targets,
        })
    return _environment().get_template("ward-directory.html").render(
        t=labels, lang=lang, current=current, former=former_rows, script_url=script_url,
        big=len(current) + len(former_rows) > BIG_DIRECTORY,
        total=labels["dir_total"].format(current=len(current), former=len(former_rows)),
    )


def render_province_index(site: WardSite, lang: str, href: dict[str, str], script_url: str) -> str:
    """The top of a directory that spans several provinces: one link per province (``href`` by province
    code), with the same filter box; without JavaScript the whole list shows."""
    provinces = [{"name": p.name, "href": href[p.code],
                  "count": message(lang, "directory.province_count", current=len(p.pages), former=len(p.former))}
                 for p in site.provinces]
    total = message(lang, "directory.total", provinces=len(provinces), current=len(site.pages),
                    former=len(site.registry.former))
    texts = {key: message(lang, f"directory.{key}") for key in ("heading", "filter", "placeholder", "empty", "count")}
    return _environment().get_template("ward-directory.html").render(
        t=texts, lang=lang, provinces=provinces, script_url=script_url, total=total,
    )


def render_redirect(former: FormerUnit, target_name: str, target_href: str, lang: str) -> str:
    """A small page at an old ward address that sends the reader to the new ward's page."""
    labels = LABELS[lang]
    return _environment().get_template("ward-redirect.html").render(
        t=labels, lang=lang, old=former.name, district=former.district_name, new=target_name, href=target_href,
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
