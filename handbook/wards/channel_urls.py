"""The shape of an official channel's address, per kind (fanpage, Zalo official account, app store).

A domain check alone lets through the bare ``https://www.facebook.com``, a personal profile, a group, a Zalo
link to someone's phone number or a group invite: none of them is a ward's official channel, and each is a
way residents get misled. handbook/wards/ward_files.py calls :func:`channel_url_problem` before the domain
allowlist (handbook/safety/domains.py), so a near-miss gets its fix ("use www.facebook.com/…") instead of
"not allowed".

- fanpage: ``https://www.facebook.com/<page name>`` (letters, digits and dots, at least 5), or the older
  ``/pages/<name>/<number>`` form; nothing after the page (no post, photo or ``?`` tracking part). A personal
  profile (``profile.php?id=…``, ``/people/…``) is refused: residents would write to one person.
- zalo: ``https://zalo.me/<OA id>``, the long number under an official account's QR code; not a phone
  number (that is a person's Zalo), not ``/g/…`` (a group invite), not the bare site.
- app: ``https://play.google.com/store/apps/details?id=<app id>`` or
  ``https://apps.apple.com/vn/app/<name>/id<number>``; the channel's ``app_id`` field must state the same id,
  so a reviewer sees which app residents are sent to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

FACEBOOK = "www.facebook.com"
FACEBOOK_NEAR = frozenset(
    {
        "facebook.com",
        "m.facebook.com",
        "web.facebook.com",
        "mbasic.facebook.com",
        "touch.facebook.com",
        "business.facebook.com",
        "fb.com",
        "www.fb.com",
        "fb.me",
        "vi-vn.facebook.com",
        "en-gb.facebook.com",
        "mobile.facebook.com",
        "l.facebook.com",
    }
)
ZALO = "zalo.me"
ZALO_NEAR = frozenset({"www.zalo.me", "oa.zalo.me", "chat.zalo.me", "zalo.vn", "www.zalo.vn", "id.zalo.me",
                       "page.zalo.me"})
PLAY = "play.google.com"
APPLE = "apps.apple.com"

# First path parts of facebook.com that are never a page.
_NOT_A_PAGE = {
    "groups": ("một nhóm (group)", "a group"),
    "events": ("một sự kiện", "an event"),
    "share": ("một liên kết chia sẻ", "a share link"),
    "sharer": ("một liên kết chia sẻ", "a share link"),
    "sharer.php": ("một liên kết chia sẻ", "a share link"),
    "watch": ("một video", "a video"),
    "reel": ("một video", "a video"),
    "photo": ("một ảnh", "a photo"),
    "photo.php": ("một ảnh", "a photo"),
    "story.php": ("một bài đăng", "a post"),
    "permalink.php": ("một bài đăng", "a post"),
    "marketplace": ("chợ Marketplace", "Marketplace"),
    "hashtag": ("một hashtag", "a hashtag"),
    "search": ("một trang tìm kiếm", "a search page"),
    "login": ("trang đăng nhập", "the login page"),
    "login.php": ("trang đăng nhập", "the login page"),
    "friends": ("danh sách bạn bè", "a friends list"),
    "messages": ("tin nhắn", "messages"),
    "help": ("trang trợ giúp", "the help pages"),
}
_PAGE_NAME = re.compile(r"^[A-Za-z0-9.]{5,50}$")
_NUMBER = re.compile(r"^\d{5,20}$")
_OA_ID = re.compile(r"^\d{12,20}$")
_PHONE_LIKE = re.compile(r"^(?:0\d{9,10}|84\d{9,10}|\+84\d{9,10})$")
_PLAY_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+$")
_APPLE_ID = re.compile(r"^id(\d{6,12})$")


@dataclass(frozen=True)
class ShapeProblem:
    """What is wrong with a channel address and how to fix it, in Vietnamese and English."""

    vi: str
    fix_vi: str
    en: str
    fix_en: str


def _parts(url: str) -> tuple[str, str, str, str] | None:
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    return parts.scheme.lower(), host, parts.path, parts.query


def _fanpage(url: str, host: str, path: str, query: str) -> ShapeProblem | None:
    if host in FACEBOOK_NEAR:
        fixed = f"https://{FACEBOOK}{path}" + (f"?{query}" if query else "")
        return ShapeProblem(
            f"«{host}» là một cách viết khác của Facebook; sổ tay chỉ dùng một dạng địa chỉ.",
            f"dùng www.facebook.com/…, ví dụ {fixed}",
            f"'{host}' is another form of Facebook's address; the handbook uses one form only.",
            f"use www.facebook.com/…, e.g. {fixed}",
        )
    if host != FACEBOOK:
        return None  # not Facebook at all: the kind's host rule (handbook/wards/ward_files.py) explains
    segments = [part for part in path.split("/") if part]
    how_vi = ("mở trang của phường trên Facebook, bấm «…» → «Sao chép liên kết» (Copy link) rồi dán vào đây; "
              "địa chỉ có dạng https://www.facebook.com/TenTrang.")
    how_en = ("open the ward's page on Facebook, tap '…' → 'Copy link' and paste it here; the address looks "
              "like https://www.facebook.com/PageName.")
    if not segments:
        return ShapeProblem("đây là trang chủ Facebook, không phải trang của phường.", how_vi,
                            "this is Facebook's home page, not the ward's page.", how_en)
    first = segments[0].lower()
    if first in _NOT_A_PAGE:
        what_vi, what_en = _NOT_A_PAGE[first]
        return ShapeProblem(f"địa chỉ này dẫn tới {what_vi}, không phải trang (fanpage) của phường.", how_vi,
                            f"this address leads to {what_en}, not the ward's page (fanpage).", how_en)
    if first in ("profile.php", "people"):
        return ShapeProblem(
            f"địa chỉ dạng «{first}» là trang cá nhân của một người (hoặc một trang chưa có tên riêng), "
            "không phải trang chính thức của phường; người dân nhắn tin vào đó là nhắn cho một cá nhân.",
            "mở trang của phường, vào «Giới thiệu» để lấy địa chỉ có tên trang (https://www.facebook.com/"
            "TenTrang). Nếu trang chưa có tên riêng: xóa dòng value, ghi tên trang ở name: và để status: "
            "unverified.",
            f"a '{first}' address is a person's personal profile (or a page without a user name), not the "
            "ward's official page; residents who message it write to one person.",
            "open the ward's page and take the address with the page's name from 'About' (https://www."
            "facebook.com/PageName). If the page has no user name: delete the value line, write the page's "
            "name in name: and keep status: unverified.",
        )
    if query:
        return ShapeProblem("địa chỉ có phần «?…» phía sau (thường là mã theo dõi của Facebook).",
                            f"xóa từ dấu ? trở đi: https://{FACEBOOK}{path}",
                            "the address has a '?…' part (usually Facebook's tracking code).",
                            f"delete from the ? onwards: https://{FACEBOOK}{path}")
    if first == "pages" and len(segments) == 3 and _NUMBER.match(segments[2]):
        return None
    if len(segments) == 1 and _PAGE_NAME.match(segments[0]):
        return None
    if len(segments) > 1 and _PAGE_NAME.match(segments[0]):
        return ShapeProblem(
            "địa chỉ dẫn tới một bài đăng, ảnh hay mục bên trong trang, không phải chính trang.",
            f"chỉ giữ tên trang: https://{FACEBOOK}/{segments[0]}",
            "the address leads to a post, photo or tab inside the page, not the page itself.",
            f"keep only the page name: https://{FACEBOOK}/{segments[0]}",
        )
    return ShapeProblem(
        "đây không phải địa chỉ một trang Facebook (tên trang có ít nhất 5 chữ cái, chữ số hoặc dấu chấm).",
        how_vi,
        "this is not the address of a Facebook page (a page name has at least 5 letters, digits or dots).",
        how_en,
    )


def _zalo(url: str, host: str, path: str, query: str) -> ShapeProblem | None:
    how_vi = ("mở tài khoản chính thức (OA) của phường trong Zalo, chọn «Chia sẻ» → «Sao chép liên kết»; "
              "địa chỉ có dạng https://zalo.me/ và một dãy số dài.")
    how_en = ("open the ward's official account (OA) in Zalo, choose 'Share' → 'Copy link'; the address is "
              "https://zalo.me/ followed by a long number.")
    if host in ZALO_NEAR:
        return ShapeProblem(f"«{host}» không phải địa chỉ người dân dùng để quan tâm tài khoản chính thức.",
                            "dùng https://zalo.me/<mã OA>: " + how_vi,
                            f"'{host}' is not the address residents use to follow an official account.",
                            "use https://zalo.me/<OA id>: " + how_en)
    if host != ZALO:
        return None
    segments = [part for part in path.split("/") if part]
    if not segments:
        return ShapeProblem("đây là trang chủ Zalo, không phải tài khoản của phường.", how_vi,
                            "this is Zalo's home page, not the ward's account.", how_en)
    if segments[0] == "g":
        return ShapeProblem("đây là lời mời vào một nhóm Zalo, không phải tài khoản chính thức (OA).", how_vi,
                            "this is an invitation to a Zalo group, not an official account (OA).", how_en)
    if len(segments) == 1 and _PHONE_LIKE.match(segments[0]):
        return ShapeProblem(
            "đây là Zalo của một số điện thoại (một người), không phải tài khoản chính thức (OA).",
            "không đăng số điện thoại cá nhân (số đường dây nóng của phường ghi ở loại hotline); " + how_vi,
            "this is the Zalo of a phone number (a person), not an official account (OA).",
            "do not publish personal numbers (the ward's hotline goes under kind hotline); " + how_en,
        )
    if len(segments) == 1 and _OA_ID.match(segments[0]) and not query:
        return None
    return ShapeProblem(
        "địa chỉ này không có dạng https://zalo.me/<mã OA> (một dãy số dài, không có gì phía sau).",
        how_vi,
        "this address is not https://zalo.me/<OA id> (a long number, nothing after it).",
        how_en,
    )


def store_app_id(url: str) -> str | None:
    """The app id a store link names (``vn.gov.app`` on Google Play, ``id123456789`` on the App Store)."""
    parts = _parts(url)
    if parts is None:
        return None
    _, host, path, query = parts
    if host == PLAY and path.rstrip("/") == "/store/apps/details":
        ids = parse_qs(query).get("id", [])
        return ids[0] if len(ids) == 1 and _PLAY_ID.match(ids[0]) else None
    if host == APPLE:
        segments = [part for part in path.split("/") if part]
        if segments and _APPLE_ID.match(segments[-1]) and "app" in segments:
            return segments[-1]
    return None


def _app(url: str, host: str, app_id: object) -> ShapeProblem | None:
    if host not in (PLAY, APPLE):
        return None
    found = store_app_id(url)
    if found is None:
        return ShapeProblem(
            "liên kết cửa hàng ứng dụng không chỉ rõ một ứng dụng.",
            "mở trang của ứng dụng trong CH Play hoặc App Store, bấm Chia sẻ → Sao chép liên kết; địa chỉ có "
            "dạng play.google.com/store/apps/details?id=… hoặc apps.apple.com/vn/app/…/id….",
            "the store link does not name one app.",
            "open the app's page in Google Play or the App Store, tap Share → Copy link; the address looks "
            "like "
            "play.google.com/store/apps/details?id=… or apps.apple.com/vn/app/…/id….",
        )
    stated = str(app_id).strip() if app_id is not None else ""
    wanted = {found, found.removeprefix("id")}
    if stated not in wanted:
        said_vi = f"trường app_id ghi «{stated}»" if stated else "chưa có trường app_id"
        said_en = f"the app_id field says '{stated}'" if stated else "there is no app_id field"
        return ShapeProblem(
            f"liên kết dẫn tới ứng dụng «{found}» nhưng {said_vi}.",
            f"thêm (hoặc sửa) dòng «app_id: {found}» trong kênh này, sau khi kiểm tra đó đúng là ứng dụng "
            "chính thức (tên nhà phát triển là cơ quan nhà nước).",
            f"the link leads to the app '{found}' but {said_en}.",
            f"add (or fix) the line 'app_id: {found}' in this channel, after checking it is the official app "
            "(the developer is a state body).",
        )
    return None


def channel_url_problem(kind: str, url: str, app_id: object = None) -> ShapeProblem | None:
    """Why ``url`` is not the right shape for a channel of ``kind``, or None when it is."""
    parts = _parts(url)
    if parts is None:
        return None  # malformed: the domain rules (handbook/safety/domains.py) say so
    _, host, path, query = parts
    if kind == "fanpage":
        return _fanpage(url, host, path, query)
    if kind == "zalo":
        return _zalo(url, host, path, query)
    if kind == "app":
        return _app(url, host, app_id)
    return None
