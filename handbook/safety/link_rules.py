"""Link rules beyond the domain allowlist, ONE place for guide bodies, ward channels and raw HTML (issue 29).

An allowed domain is not enough. Scams reach residents through links that look official:

- ``tel:`` links whose visible text shows another number, and 1900 numbers (the caller pays a premium rate)
  without the warning next to them;
- ``sms:`` links (a text message typed in advance, to a number chosen by someone else): never;
- ``mailto:`` with several addresses or headers (``?bcc=`` copies the reader's mail to someone else);
- redirectors on allowed sites (Facebook's ``l.php?u=…``, Google's ``url?q=…``, any ``?u=https://…``) and
  link shorteners (bit.ly …), which hide where a link really goes;
- store links to an app the area's data does not name (``apps:`` in docs/area.yml, or a ward channel's
  ``app_id``);
- a person's Zalo or a Facebook address that is not a page, by the same rule as ward channels
  (:func:`handbook.wards.channel_urls.channel_url_problem`).

Each rule returns ``(problem_vi, fix_vi, problem_en, fix_en)`` or None. The Markdown check
(:mod:`handbook.safety.html_safety`) and the built-page policy (:mod:`handbook.safety.page_policy`) call them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from handbook.phones import PhoneError, parse_phone

Problem = tuple[str, str, str, str]

SHORTENERS: frozenset[str] = frozenset({
    "bit.ly", "tinyurl.com", "goo.gl", "t.co", "rb.gy", "is.gd", "cutt.ly", "shorturl.at", "s.id", "ow.ly",
    "buff.ly", "tiny.cc", "t.ly", "rebrand.ly", "bitly.com", "v.gd", "shorten.asia", "link.zalo.me",
    "fb.me", "on.fb.me", "g.co", "forms.gle", "maps.app.goo.gl",
})
# Paths of allowed sites that forward the reader to an address given in the query.
REDIRECT_PATHS: frozenset[str] = frozenset({"/l.php", "/url", "/flx/warn", "/redirect", "/out", "/away"})
# Words that warn a reader a 1900 number costs money (the catalogue's phones.paid says it so).
PAID_WORDS: tuple[str, ...] = ("cước", "phí", "pays", "paid", "charge", "premium")
MAIL_HEADERS: frozenset[str] = frozenset({"subject", "body"})
_DIGIT_RUN = re.compile(r"\+?\d[\d .\-]*\d")
_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:|//|\\\\)", re.IGNORECASE)


def _digits_of(number: str) -> str:
    try:
        return parse_phone(number).digits
    except PhoneError:
        return re.sub(r"\D", "", number)


def tel_text_problem(url: str, text: str, context: str = "") -> Problem | None:
    """A ``tel:`` link whose visible ``text`` shows another number, or a 1900 number whose link text and
    ``context`` (the sentence or list item around it) carry no warning that the call costs money."""
    target = _digits_of(unquote(url.split(":", 1)[1]).split(";")[0])
    for shown in _DIGIT_RUN.findall(text):
        digits = _digits_of(shown)
        if len(digits) >= 3 and digits != target and not target.startswith(digits):  # "1900": a prefix
            return (
                f"liên kết gọi điện hiện số «{shown.strip()}» nhưng gọi tới số {target}.",
                "cho chữ hiển thị và số gọi là một: [0251 3888 999](tel:02513888999).",
                f"the call link shows the number '{shown.strip()}' but calls {target}.",
                "make the shown text and the called number the same: [0251 3888 999](tel:02513888999).",
            )
    if target.startswith("1900") and not any(word in (text + " " + context).lower() for word in PAID_WORDS):
        return (
            f"số {target} là tổng đài 1900: người gọi trả cước cao, nhưng bên cạnh không có lời báo.",
            "ghi ngay cạnh số: «(số 1900, người gọi trả cước cao)».",
            f"{target} is a 1900 line: the caller pays a premium rate, and nothing next to it says so.",
            "write next to the number: '(1900 number: the caller pays a high rate)'.",
        )
    return None


def contact_problem(url: str) -> Problem | None:
    """``sms:`` links, and ``mailto:`` with several addresses or headers other than subject and body."""
    scheme, _, rest = url.partition(":")
    scheme = scheme.lower()
    if scheme == "sms":
        return (
            "liên kết «sms:» soạn sẵn tin nhắn tới một số: kẻ gian dùng nó để người đọc gửi tin tới số "
            "trả phí.",
            "xóa liên kết; nếu cần, ghi số và nội dung tin nhắn bằng chữ, kèm nguồn chính thức.",
            "an 'sms:' link prepares a text message to a number: scams use it to have readers text paid "
            "numbers.",
            "remove the link; if needed, write the number and the message as text, with the official source.",
        )
    if scheme != "mailto":
        return None
    addresses, _, query = rest.partition("?")
    several = len([part for part in re.split(r"[,;]", unquote(addresses)) if part.strip()]) > 1
    headers = {key.lower() for key, _ in parse_qsl(query, keep_blank_values=True)}
    if several or not headers <= MAIL_HEADERS:
        return (
            "liên kết thư gửi tới nhiều địa chỉ hoặc có phần «?cc=/bcc=/to=»: thư của người đọc có thể bị "
            "gửi kèm cho người khác.",
            "chỉ ghi một địa chỉ thư chính thức: [tên cơ quan](mailto:ten@co-quan.gov.vn).",
            "the mail link writes to several addresses or has a '?cc=/bcc=/to=' part: the reader's mail "
            "could be copied to someone else.",
            "write one official address only: [body's name](mailto:name@body.gov.vn).",
        )
    return None


def mail_addresses(url: str) -> list[str]:
    """Every address of a ``mailto:`` link (before any ``?``)."""
    addresses = unquote(url.partition(":")[2].partition("?")[0])
    return [part.strip() for part in re.split(r"[,;]", addresses) if part.strip()]


@cache
def known_apps(docs_dir: Path | None = None) -> frozenset[str]:
    """App ids the area's data names: ``apps:`` in docs/area.yml (``play_id``, ``apple_id``) and the ward
    channels' ``app_id`` fields (of ``docs_dir``, the repository's docs/ by default)."""
    from handbook.area_file import PROJECT_DOCS, load_area

    docs = docs_dir or PROJECT_DOCS
    found: set[str] = set()
    for app in load_area(docs).get("apps") or []:
        if isinstance(app, dict):
            found.update(str(app[key]).strip() for key in ("play_id", "apple_id") if app.get(key))
    for path in sorted((docs / "wards").glob("*.md")):
        found.update(re.findall(r"^\s*app_id:\s*[\"']?([\w.]+)", path.read_text(encoding="utf-8"), re.M))
    return frozenset(found | {f"id{app}" for app in found if app.isdigit()})


def link_problem(url: str, docs_dir: Path | None = None) -> Problem | None:
    """Why an http(s) link hides where it goes or is not an official page, whatever its domain
    (``docs_dir``: whose area data names the apps; the repository's by default)."""
    from handbook.wards.channel_urls import APPLE, PLAY, ZALO, channel_url_problem, store_app_id

    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if host in SHORTENERS:
        return (
            f"«{host}» là dịch vụ rút gọn liên kết: người đọc không thấy liên kết thật dẫn đi đâu.",
            "dùng địa chỉ đầy đủ của trang chính thức.",
            f"'{host}' is a link shortener: readers cannot see where the link really goes.",
            "use the official page's full address.",
        )
    query_targets = [value for _, value in parse_qsl(parts.query) if _ABSOLUTE.match(unquote(value))]
    if parts.path.rstrip("/").lower() in REDIRECT_PATHS or query_targets or host.startswith(("l.", "lm.")):
        return (
            "liên kết đi qua một trang chuyển tiếp (như l.php?u=… hay url?q=…) tới một địa chỉ khác.",
            "dùng thẳng địa chỉ của trang đích, nếu đó là trang chính thức.",
            "the link goes through a redirector (like l.php?u=… or url?q=…) to another address.",
            "link the destination itself, if it is an official page.",
        )
    if host in (PLAY, APPLE):
        app = store_app_id(url)
        if app is None or app not in known_apps(docs_dir):
            shown = app or url
            return (
                f"liên kết cửa hàng tới ứng dụng «{shown}», không có trong dữ liệu của địa bàn.",
                "thêm ứng dụng vào «apps:» trong docs/area.yml (tên, play_id/apple_id, nguồn chứng minh "
                "đó là ứng dụng chính thức), hoặc bỏ liên kết.",
                f"the store link leads to the app '{shown}', which the area's data does not name.",
                "add the app under 'apps:' in docs/area.yml (name, play_id/apple_id, a source proving it is "
                "the official app), or remove the link.",
            )
        return None
    kind = "zalo" if host.endswith(ZALO) or host.startswith("zalo.") else ""
    kind = "fanpage" if "facebook" in host else kind
    shape = channel_url_problem(kind, url) if kind else None
    if shape is not None:
        return shape.vi, shape.fix_vi, shape.en, shape.fix_en
    return None
