"""Ward files: one file per ward holds its official channels; each translation only names the ward.

``docs/wards/<slug>.md``::

    ---
    ward_code: "26098"            # the official code of the current unit (from the registry)
    channels:                     # optional; each kind of channel the ward has
      - kind: fanpage             # fanpage | zalo | website | hotline | email | office | app
        value: https://www.facebook.com/...   # URL, phone number, e-mail or street address
        name: BaoQuang24/7        # optional: the name residents see
        hours: ...                # office only: opening hours
        former_unit: Xã Bảo Quang # optional: the channel belonged to this former unit
        source: Báo Đồng Nai, 28/10/2022   # a URL or the name of a document
        checked: 2022-10-28       # ISO date this was last checked
        status: unverified        # confirmed | reported | unverified
        app_id: vn.gov.example    # app only: the store id the link names (handbook/wards/channel_urls.py)
    ---
    Optional prose (no H1: the title comes from the registry).

``docs/wards/<slug>.<lang>.md`` (one per language with a ``docs/wards/index.<lang>.md``) holds only
``ward_code:`` (the same code) and optional prose in that language.
Every problem is a :class:`~handbook.errors.ContentError` naming the file, the line and the field. Files are
read by the one reading path of handbook/frontmatter.py (encoding, BOM, NFC, strict YAML with line numbers).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from handbook.dates import parse_date, today_vn
from handbook.editor_rules import tracking_error
from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import FRONT_MATTER, YamlMap, line_of, load_yaml, read_content
from handbook.phones import PhoneError, parse_phone
from handbook.repairs import repair_text
from handbook.safety.domains import host_of, is_gov_vn, url_rejection
from handbook.safety.link_rules import link_problem
from handbook.slugs import fold_vietnamese, slugify
from handbook.wards.channel_urls import channel_url_problem
from handbook.wards.registry import FormerUnit, Registry

KINDS = ("fanpage", "zalo", "website", "hotline", "email", "office", "app")
URL_KINDS = frozenset({"fanpage", "zalo", "website", "app"})
STATUSES = ("confirmed", "reported", "unverified")
# One of these belongs to one ward only: the same value in two wards is a copy-paste mistake.
UNIQUE_KINDS = frozenset({"fanpage", "zalo", "website", "email", "office"})
# Hosts a URL of each kind may use (on top of the general allowlist in handbook/safety/domains.py).
KIND_HOSTS: dict[str, tuple[str, ...]] = {
    "fanpage": ("www.facebook.com",),
    "zalo": ("zalo.me",),
    "app": ("play.google.com", "apps.apple.com"),
}
SOURCE_KEYS = ("ward_code", "channels")  # <slug>.md: the channels are written once, here
TRANSLATION_KEYS = ("ward_code",)  # <slug>.<lang>.md: the code, and prose in that language
CHANNEL_KEYS = ("kind", "value", "name", "hours", "former_unit", "source", "checked", "status", "app_id")
MAX_TEXT = 200
_UNFILLED = re.compile(r"<[^<>]+>")  # a pattern's ‹…› part, e.g. <Tên trang>

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@([a-z0-9-]+\.)+[a-z]{2,}$")


@dataclass(frozen=True)
class Channel:
    """One official channel of a ward, validated and normalised."""

    kind: str
    value: str | None  # URL, phone digits, e-mail or address; None: only the name is known
    name: str | None
    hours: str | None
    former_unit: str | None
    source: str
    checked: date
    status: str
    line: int
    app_id: str | None = None


@dataclass(frozen=True)
class WardFile:
    """The files of one ward: its channels (``path``) and one translation per translated language."""

    slug: str
    code: str
    channels: tuple[Channel, ...]
    path: str  # "docs/wards/bao-vinh.md"


def _line(mapping: object, key: str) -> int:
    """The file line of ``key`` in ``mapping`` (the mapping's own line when absent)."""
    return line_of(mapping, key)


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Front matter (with line numbers), body, and the file line the body starts on."""
    text = repair_text(text.removeprefix("\ufeff").replace("\r\n", "\n"))[0]
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(
            path, "dòng 1 / line 1",
            "tệp không bắt đầu bằng phần khai báo giữa hai dòng ---.",
            "chép phần đầu từ một tệp phường khác (từ --- đến ---) rồi sửa mã phường.",
            "the file does not start with front matter between two --- lines.",
            "copy the top part (from --- to ---) of another ward file and change the ward code.",
        )
    data = load_yaml(match.group(1) or "", path, first_line=2)
    if data is None:
        data = YamlMap()
    if not isinstance(data, dict):
        raise ContentError(
            path,
            "dòng 2 / line 2",
            "phần khai báo phải là các dòng «tên: giá trị».",
            "xem mẫu ở một tệp phường khác.",
            "the front matter must be 'name: value' lines.",
            "see another ward file for the pattern.",
        )
    return data, text[match.end():], match.group(0).count("\n") + 1


def _where(line: int, field: str) -> str:
    """Lines come from handbook/frontmatter.py already as file lines."""
    return f"dòng {line} / line {line}, {field}"


def _suggest(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else ""


def _unknown_key_error(path: str, line: int, field: str, key: str, allowed: tuple[str, ...]) -> ContentError:
    guess = _suggest(key, allowed)
    hint_vi = f" Có phải bạn muốn viết «{guess}»?" if guess else ""
    hint_en = f" Did you mean '{guess}'?" if guess else ""
    return ContentError(
        path, _where(line, field),
        f"không có trường «{key}».{hint_vi}",
        f"chỉ dùng các trường: {', '.join(allowed)}.",
        f"there is no field '{key}'.{hint_en}",
        f"use only these fields: {', '.join(allowed)}.",
    )


def parse_ward_code(value: object, path: str, line: int) -> str:
    """A 5-digit unit code; numbers are accepted only when YAML cannot have changed them."""
    if isinstance(value, bool) or value is None:
        code = ""
    elif isinstance(value, int):
        code = str(value) if 10000 <= value <= 99999 else ""
    else:
        code = str(value).strip()
    if not re.fullmatch(r"\d{5}", code):
        raise ContentError(
            path, _where(line, "ward_code"),
            f"mã phường «{value}» phải gồm đúng 5 chữ số.",
            'viết mã trong dấu ngoặc kép, ví dụ ward_code: "26098". Mã tra ở trang Danh bạ phường.',
            f"the ward code '{value}' must be exactly 5 digits.",
            'write the code in quotes, e.g. ward_code: "26098". Find the code on the Ward directory page.',
        )
    return code


def parse_checked(value: object, path: str, where: str, today: date) -> date:
    """The ISO date a channel was last checked (a real date, not in the future in Việt Nam)."""
    checked, why_vi, why_en = parse_date(value)
    if checked is None:
        raise ContentError(
            path, where, why_vi,
            "viết ngày kiểm tra theo dạng 2025-07-01 (năm-tháng-ngày), đúng ngày có trên lịch.",
            why_en,
            "write the date it was checked as 2025-07-01 (year-month-day), a day that exists.",
        )
    if checked > today:
        raise ContentError(
            path,
            where,
            f"ngày kiểm tra {checked.isoformat()} ở tương lai (hôm nay ở Việt Nam là {today.isoformat()}).",
            "ghi ngày bạn đã thật sự kiểm tra kênh này.",
            f"the checked date {checked.isoformat()} is in the future (today in Việt Nam is "
            f"{today.isoformat()}).",
            "write the date you actually checked this channel.",
        )
    return checked


def _text(value: object, path: str, where: str, field_vi: str, field_en: str, required: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ContentError(
                path,
                where,
                f"thiếu {field_vi}.",
                f"thêm {field_vi}.",
                f"{field_en} is missing.",
                f"add the {field_en}.",
            )
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ContentError(
            path, where, f"{field_vi} phải là một dòng chữ.", "viết trên một dòng, sau dấu hai chấm.",
            f"the {field_en} must be one line of text.", "write it on one line, after the colon.",
        )
    text = " ".join(str(value).split())
    if len(text) > MAX_TEXT:
        raise ContentError(
            path, where, f"{field_vi} dài quá {MAX_TEXT} ký tự.", "viết ngắn gọn hơn.",
            f"the {field_en} is longer than {MAX_TEXT} characters.", "shorten it.",
        )
    pattern = _UNFILLED.search(text)
    if pattern:  # an example line copied without filling in its ‹…› part (contributing page, template)
        raise ContentError(
            path, where, f"{field_vi} còn phần mẫu {pattern.group(0)} chưa điền.",
            "thay cả phần trong dấu < > (kể cả hai dấu đó) bằng thông tin thật.",
            f"the {field_en} still holds the pattern {pattern.group(0)}, not filled in.",
            "replace the whole part in < > (both signs included) with the real information.",
        )
    return text


def _url_error(path: str, where: str, url: str, reason_vi: str, reason_en: str) -> ContentError:
    return ContentError(
        path,
        where,
        f"không dùng được địa chỉ {url}: {reason_vi}",
        "chỉ ghi địa chỉ chính thức (https, tên miền trong handbook/safety/domains.py). Nếu chưa có, bỏ "
        "trống và để trạng thái unverified.",
        f"the address {url} cannot be used: {reason_en}",
        "use only official addresses (https, a domain listed in handbook/safety/domains.py). If unknown, "
        "leave it out.",
    )


def _check_link_rules(url: str, path: str, where: str) -> None:
    """Redirectors, shorteners, unknown store apps: every link's rules (handbook/safety/link_rules.py)."""
    problem = link_problem(url)
    if problem is not None:
        raise ContentError(path, where, f"không dùng được địa chỉ {url}: {problem[0]}", problem[1],
                           f"the address {url} cannot be used: {problem[2]}", problem[3])


def _check_channel_url(kind: str, url: str, path: str, where: str, app_id: object = None) -> str:
    tracking = tracking_error(path, where, url)  # the rule of every link (handbook/editor_rules.py)
    if tracking is not None:
        raise tracking
    shape = channel_url_problem(kind, url, app_id)
    if shape is not None:
        raise ContentError(path, where, f"không dùng được địa chỉ {url}: {shape.vi}", shape.fix_vi,
                           f"the address {url} cannot be used: {shape.en}", shape.fix_en)
    rejection = url_rejection(url)
    if rejection is not None:
        raise _url_error(path, where, url, rejection.vi, rejection.en)
    host = host_of(url)
    if kind == "website" and not is_gov_vn(host):
        raise _url_error(path, where, url, "trang web của phường phải có tên miền .gov.vn.",
                         "a ward website must be on a .gov.vn domain.")
    hosts = KIND_HOSTS.get(kind)
    if hosts is not None and host not in hosts:
        raise _url_error(path, where, url, f"kênh loại {kind} phải ở {', '.join(hosts)}.",
                         f"a {kind} channel must be on {', '.join(hosts)}.")
    if kind != "app":  # an app channel names its app itself (app_id, checked above)
        _check_link_rules(url, path, where)
    return url


def _check_value(kind: str, value: str, path: str, where: str, app_id: object = None) -> str:
    if kind in URL_KINDS:
        return _check_channel_url(kind, value, path, where, app_id)
    if kind == "email":
        domain = value.rpartition("@")[2].lower()
        if not _EMAIL.match(value) or not is_gov_vn(domain):
            raise ContentError(
                path, where,
                f"«{value}» không phải địa chỉ thư điện tử chính thức (tên miền .gov.vn).",
                "ghi địa chỉ thư có đuôi .gov.vn, ví dụ ten@dongnai.gov.vn.",
                f"'{value}' is not an official e-mail address (.gov.vn domain).",
                "write an address ending in .gov.vn, e.g. name@dongnai.gov.vn.",
            )
        return value.lower()
    return value  # office: a street address


def _former_unit(value: str, ward_code: str, registry: Registry, path: str, where: str) -> str:
    former: tuple[FormerUnit, ...] = registry.former_of(ward_code)
    wanted = fold_vietnamese(value)
    for unit in former:
        if wanted in (fold_vietnamese(unit.name), fold_vietnamese(unit.short_name)):
            return unit.name
    names = ", ".join(unit.name for unit in former)
    raise ContentError(
        path, where,
        f"«{value}» không phải phường, xã cũ đã nhập vào phường này.",
        f"ghi một trong các tên: {names}.",
        f"'{value}' is not a former unit merged into this ward.",
        f"write one of: {names}.",
    )


def parse_channel(raw: object, index: int, ward_code: str, registry: Registry, path: str, today: date,
                  parent_line: int) -> Channel:
    """One entry of ``channels:``; raise :class:`ContentError` on the first problem."""
    field = f"channels[{index + 1}]"
    if not isinstance(raw, dict):
        raise ContentError(
            path, _where(parent_line, field),
            "mỗi kênh phải là một nhóm dòng bắt đầu bằng «- kind:».",
            "xem mẫu kênh ở đầu tệp handbook/wards/ward_files.py hoặc trong tệp phường khác.",
            "each channel must be a group of lines starting with '- kind:'.",
            "see the channel pattern at the top of handbook/wards/ward_files.py or in another ward file.",
        )
    line = raw.line if isinstance(raw, YamlMap) else parent_line

    def at(key: str) -> str:
        return _where(_line(raw, key), f"{field}.{key}")

    for key in raw:
        if key not in CHANNEL_KEYS:
            raise _unknown_key_error(path, _line(raw, str(key)), f"{field}.{key}", str(key), CHANNEL_KEYS)
    kind = raw.get("kind")
    if kind not in KINDS:
        guess = _suggest(str(kind), KINDS)
        raise ContentError(
            path, at("kind"),
            f"loại kênh «{kind}» không có." + (f" Có phải bạn muốn viết «{guess}»?" if guess else ""),
            f"dùng một trong: {', '.join(KINDS)}.",
            f"there is no channel kind '{kind}'." + (f" Did you mean '{guess}'?" if guess else ""),
            f"use one of: {', '.join(KINDS)}.",
        )
    status = raw.get("status")
    if status not in STATUSES:
        raise ContentError(
            path, at("status"),
            f"trạng thái «{status}» không có.",
            "dùng confirmed (văn bản chính thức hoặc hai nguồn độc lập), reported (một nguồn đã công bố) "
            "hoặc unverified (chưa kiểm tra được).",
            f"there is no status '{status}'.",
            "use confirmed (official document or two independent sources), reported (one published source) "
            "or unverified (not checked).",
        )
    source = _text(raw.get("source"), path, at("source"), "nguồn (source)", "source", True)
    assert source is not None
    if source.startswith(("http://", "https://")):
        tracking = tracking_error(path, at("source"), source)
        if tracking is not None:
            raise tracking
        if url_rejection(source) is None:
            _check_link_rules(source, path, at("source"))
        rejection = url_rejection(source)
        if rejection is not None:
            raise ContentError(
                path,
                at("source"),
                f"không dùng được địa chỉ nguồn {source}: {rejection.vi}",
                "ghi tên văn bản hoặc bài báo (ví dụ «Báo Đồng Nai, 28/10/2022») thay cho đường dẫn.",
                f"the source address {source} cannot be used: {rejection.en}",
                "write the name of the document or article (e.g. 'Báo Đồng Nai, 28/10/2022') instead of a "
                "link.",
            )
    if "checked" not in raw:
        raise ContentError(
            path,
            at("checked"),
            "thiếu ngày kiểm tra (checked).",
            "thêm dòng checked: 2025-07-01 (ngày bạn kiểm tra kênh này).",
            "the checked date is missing.",
            "add a line checked: 2025-07-01 (the date you checked this channel).",
        )
    checked = parse_checked(raw.get("checked"), path, at("checked"), today)
    name = _text(raw.get("name"), path, at("name"), "tên (name)", "name", False)
    if name and ("://" in name or name.lower().startswith("www.")):
        raise ContentError(
            path,
            at("name"),
            "tên kênh không được là một địa chỉ web.",
            "ghi địa chỉ vào value; name chỉ là tên người dân nhìn thấy.",
            "a channel name must not be a web address.",
            "put the address in value; name is only the name residents see.",
        )
    value_where = at("value")
    raw_value = raw.get("value")
    value: str | None
    if kind == "hotline" and raw_value is not None:
        try:
            value = parse_phone(raw_value).digits
        except PhoneError as error:
            raise ContentError(
                path,
                value_where,
                f"số điện thoại sai: {error.problem_vi}",
                "ghi số đúng như trên văn bản của phường.",
                f"invalid phone number: {error.problem_en}",
                "write the number as printed by the ward.",
            ) from error
    else:
        value = _text(raw_value, path, value_where, "giá trị (value)", "value", False)
        if value is not None:
            value = _check_value(kind, value, path, value_where, raw.get("app_id"))
    if value is None and not (name and status == "unverified"):
        raise ContentError(
            path,
            value_where,
            "thiếu giá trị (value) của kênh.",
            "ghi địa chỉ, số điện thoại hoặc địa chỉ trụ sở. Nếu chỉ biết tên kênh, ghi name và status: "
            "unverified.",
            "the channel value is missing.",
            "write the address, phone number or office address. If only the name is known, write name and "
            "status: unverified.",
        )
    hours = _text(raw.get("hours"), path, at("hours"), "giờ làm việc (hours)", "opening hours",
                  kind == "office" and value is not None)
    if hours is not None and kind != "office":
        raise ContentError(
            path, at("hours"), "chỉ trụ sở (office) mới có giờ làm việc.", "xóa dòng hours.",
            "only an office has opening hours.", "remove the hours line.",
        )
    former = raw.get("former_unit")
    former_name = None
    if former is not None:
        former_name = _former_unit(str(former), ward_code, registry, path, at("former_unit"))
    app_id = _text(raw.get("app_id"), path, at("app_id"), "mã ứng dụng (app_id)", "app id", False)
    if app_id is not None and kind != "app":
        raise ContentError(
            path, at("app_id"), "chỉ kênh ứng dụng (app) mới có app_id.", "xóa dòng app_id.",
            "only an app channel has an app_id.", "remove the app_id line.",
        )
    return Channel(kind, value, name, hours, former_name, source, checked, status, line, app_id)


def _read(path: Path, label: str) -> tuple[dict[str, Any], str, int]:
    text, _ = read_content(path, label)  # notes (a removed BOM) are shown by scripts/handbook check
    return split_front_matter(text, label)


def _check_keys(meta: dict[str, Any], allowed: tuple[str, ...], label: str, translation: bool) -> None:
    for key in meta:
        if key in allowed:
            continue
        if translation and key == "channels":
            raise ContentError(
                label, _where(_line(meta, "channels"), "channels"),
                "tệp bản dịch không được có channels: kênh chỉ ghi một lần, trong tệp gốc <tên>.md.",
                "chuyển các kênh sang tệp gốc cùng tên (không có mã ngôn ngữ) và xóa chúng ở đây.",
                "a translation file must not have channels: they are written once, in the original "
                "<name>.md.",
                "move the channels to the original file of the same name (no language code) and delete them "
                "here.",
            )
        raise _unknown_key_error(label, _line(meta, str(key)), str(key), str(key), allowed)
    if "ward_code" not in meta:
        raise ContentError(
            label,
            _where(_line(meta, "ward_code"), "ward_code"),
            "thiếu mã phường (ward_code).",
            'thêm dòng ward_code: "26098" (mã tra ở trang Danh bạ phường).',
            "the ward code (ward_code) is missing.",
            'add a line ward_code: "26098" (codes are on the Ward directory page).',
        )


def _check_body(body: str, label: str, first_line: int) -> None:
    for number, line in enumerate(body.splitlines(), start=first_line):
        if line.startswith("# "):
            raise ContentError(
                label, f"dòng {number} / line {number}",
                "không viết tiêu đề cấp 1 (# ...): tên phường được lấy tự động từ danh mục.",
                "xóa dòng này hoặc đổi thành tiêu đề cấp 2 (## ...).",
                "do not write a level-1 heading (# ...): the ward name comes from the registry.",
                "delete this line or make it a level-2 heading (## ...).",
            )


def _check_code(code: str, registry: Registry, label: str, line: int) -> None:
    if registry.unit(code) is not None:
        return
    known = registry.all_units.get(code)
    former = registry.former_with_code(code)
    if known is not None:
        raise ContentError(
            label,
            _where(line, "ward_code"),
            f"mã {code} là {known.name}, {known.province_name}: ngoài phạm vi của sổ tay "
            f"({registry.scope.text}).",
            "kiểm tra lại mã, hoặc đổi ward_scope trong docs/area.yml.",
            f"code {code} is {known.name}, {known.province_name}: outside this handbook's scope "
            f"({registry.scope.text}).",
            "check the code, or change ward_scope in docs/area.yml.",
        )
    if former is not None:
        now = ", ".join(f"{registry.all_units[c].name} ({c})" for c in former.successors)
        raise ContentError(
            label, _where(line, "ward_code"),
            f"mã {code} là của {former.name} cũ (trước 1/7/2025), nay thuộc {now}.",
            "dùng mã của phường hiện nay.",
            f"code {code} belongs to the former {former.name} (before 1/7/2025), now part of {now}.",
            "use the code of the current ward.",
        )
    raise ContentError(
        label, _where(line, "ward_code"),
        f"không có phường, xã nào mang mã {code}.",
        "tra đúng mã 5 chữ số ở trang Danh bạ phường.",
        f"no ward or commune has the code {code}.",
        "look up the right 5-digit code on the Ward directory page.",
    )


def _check_slug(slug: str, code: str, registry: Registry, label: str) -> None:
    unit = registry.all_units[code]
    expected = slugify(unit.short_name)
    if slug != expected and not slug.startswith(expected + "-"):
        raise ContentError(
            label, "tên tệp / file name",
            f"tệp tên «{slug}.md» nhưng mã {code} là {unit.name}.",
            f"đổi tên tệp thành {expected}.md (và các bản dịch {expected}.<mã>.md), hoặc sửa lại ward_code.",
            f"the file is named '{slug}.md' but code {code} is {unit.name}.",
            f"rename the file to {expected}.md (and its translations {expected}.<lang>.md), "
            "or fix ward_code.",
        )


def load_ward_file(path: Path, registry: Registry, today: date, label: str) -> WardFile:
    """Read and check one ward file (the original, with the channels; not a translation)."""
    meta, body, body_line = _read(path, label)
    _check_keys(meta, SOURCE_KEYS, label, translation=False)
    code = parse_ward_code(meta["ward_code"], label, _line(meta, "ward_code"))
    _check_code(code, registry, label, _line(meta, "ward_code"))
    slug = path.name.removesuffix(".md")
    _check_slug(slug, code, registry, label)
    raw_channels = meta.get("channels") or []
    if not isinstance(raw_channels, list):
        raise ContentError(
            label,
            _where(_line(meta, "channels"), "channels"),
            "channels phải là một danh sách, mỗi kênh bắt đầu bằng «- kind:».",
            "xem mẫu ở tệp phường khác.",
            "channels must be a list, each channel starting with '- kind:'.",
            "see another ward file for the pattern.",
        )
    channels = tuple(
        parse_channel(raw, index, code, registry, label, today, _line(meta, "channels"))
        for index, raw in enumerate(raw_channels)
    )
    _check_body(body, label, body_line)
    return WardFile(slug, code, channels, label)


def load_ward_dir(
    wards_dir: Path, registry: Registry, today: date | None = None, prefix: str = "docs/wards",
    languages: Iterable[str] = (),
) -> dict[str, WardFile]:
    """Every ward file in ``wards_dir`` by slug; raise :class:`ContentErrors` listing every problem.

    ``languages``: the site's other languages (mkdocs.yml); a ward may be translated into any of them and
    must be into those whose ward directory is (``wards/index.<lang>.md``)."""
    today = today or today_vn()
    errors: list[ContentError] = []
    wards: dict[str, WardFile] = {}
    # ward files are "<slug>.md" (slugs have no dot); "<slug>.<lang>.md" are translations, required for
    # every language the wards are translated into: those with a wards/index.<lang>.md
    sources = sorted(p for p in wards_dir.glob("*.md") if "." not in p.stem and p.name != "index.md")
    required = sorted(p.name.split(".")[1] for p in wards_dir.glob("index.*.md"))
    accepted = set(languages) | set(required)
    for path in sources:
        try:
            ward = load_ward_file(path, registry, today, f"{prefix}/{path.name}")
            wards[ward.slug] = ward
        except ContentError as error:
            errors.append(error)
    source_slugs = {p.name.removesuffix(".md") for p in sources}
    translated: set[tuple[str, str]] = set()
    for path in sorted(p for p in wards_dir.glob("*.*.md") if not p.name.startswith("index.")):
        slug, lang = path.name.split(".")[:2]
        label = f"{prefix}/{path.name}"
        translated.add((slug, lang))
        problem = _translation_problem(path, slug, lang, accepted, source_slugs, wards.get(slug), label)
        if problem is not None:
            errors.append(problem)
    for slug in sorted(source_slugs):
        for lang in required:
            if (slug, lang) not in translated:
                errors.append(ContentError(
                    f"{prefix}/{slug}.{lang}.md",
                    "tên tệp / file name",
                    f"thiếu tệp ngôn ngữ «{lang}» của phường (có {prefix}/index.{lang}.md).",
                    f"chép {slug}.md thành {slug}.{lang}.md, chỉ giữ dòng ward_code (và lời giới thiệu bằng "
                    "ngôn ngữ đó nếu có).",
                    f"the ward's '{lang}' file is missing ({prefix}/index.{lang}.md exists).",
                    f"copy {slug}.md to {slug}.{lang}.md and keep only the ward_code line (and prose in that "
                    "language, if any).",
                ))
    errors.extend(_duplicates(list(wards.values())))
    if errors:
        raise ContentErrors(errors)
    return wards


def _translation_problem(
    path: Path, slug: str, lang: str, languages: set[str], source_slugs: set[str], source: WardFile | None,
    label: str,
) -> ContentError | None:
    """What is wrong with the translation file ``<slug>.<lang>.md`` (None: nothing)."""
    if lang not in languages:
        return ContentError(
            label, "tên tệp / file name",
            f"«{lang}» không phải một ngôn ngữ của trang (mkdocs.yml, plugins: i18n: languages).",
            "sửa tên tệp thành <tên>.<mã ngôn ngữ>.md với một mã trong mkdocs.yml, hoặc thêm ngôn ngữ đó.",
            f"'{lang}' is not one of the site's languages (mkdocs.yml, plugins: i18n: languages).",
            "rename the file to <name>.<language code>.md with a code from mkdocs.yml, or add that language.",
        )
    if slug not in source_slugs:
        return ContentError(
            label, "tên tệp / file name", f"có tệp bản dịch nhưng không có tệp gốc {slug}.md.",
            f"tạo {slug}.md (kênh liên lạc ghi ở đó) hoặc đổi tên tệp này cho khớp.",
            f"there is a translation file but no original file {slug}.md.",
            f"create {slug}.md (the channels go there) or rename this file to match.",
        )
    try:
        meta, body, body_line = _read(path, label)
        _check_keys(meta, TRANSLATION_KEYS, label, translation=True)
        _check_body(body, label, body_line)
        code = parse_ward_code(meta["ward_code"], label, _line(meta, "ward_code"))
    except ContentError as error:
        return error
    if source is not None and source.code != code:
        return ContentError(
            label, _where(_line(meta, "ward_code"), "ward_code"),
            f"mã {code} khác mã {source.code} trong {source.path}.",
            "các tệp của một phường phải cùng ward_code.",
            f"code {code} differs from code {source.code} in {source.path}.",
            "all files of a ward must have the same ward_code.",
        )
    return None


def _duplicates(wards: list[WardFile]) -> list[ContentError]:
    errors: list[ContentError] = []
    by_code: dict[str, WardFile] = {}
    for ward in wards:
        first = by_code.setdefault(ward.code, ward)
        if first is not ward:
            errors.append(ContentError(
                ward.path, "ward_code",
                f"mã {ward.code} đã dùng cho {first.path}: hai tệp cho cùng một phường.",
                "mỗi phường chỉ có một tệp: gộp hai tệp hoặc sửa mã.",
                f"code {ward.code} is already used by {first.path}: two files for one ward.",
                "each ward has one file: merge the two files or fix the code.",
            ))
    seen: dict[tuple[str, str], tuple[WardFile, Channel]] = {}
    for ward in wards:
        for channel in ward.channels:
            if channel.kind not in UNIQUE_KINDS or channel.value is None:
                continue
            key = (channel.kind, fold_vietnamese(channel.value).rstrip("/"))
            other = seen.setdefault(key, (ward, channel))
            if other[1] is not channel:
                where_other = f"{other[0].path}, dòng / line {other[1].line}"
                errors.append(
                    ContentError(
                        ward.path,
                        f"dòng {channel.line} / line {channel.line}, channels ({channel.kind})",
                        f"«{channel.value}» đã có ở {where_other}: "
                        "một kênh, địa chỉ chỉ thuộc về một phường.",
                        "kiểm tra xem có chép nhầm từ tệp khác không, và chỉ giữ ở phường đúng.",
                        f"'{channel.value}' is already in {where_other}: a channel or address belongs to one "
                        "ward only.",
                        "check for a copy-paste mistake and keep it only in the right ward.",
                    )
                )
    return errors
