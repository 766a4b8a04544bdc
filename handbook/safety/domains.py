"""The official-domain allowlist: which web addresses the handbook may show to residents.

Look-alike addresses ("dichvucong-gov.vn", "gov.vn.example.com", "xn--...") are how scams reach
residents, so every external address a page shows passes :func:`check_url` first.

Rules, in order:
- the address is ``https://`` (no ``http``, ``javascript:``, ``tel:`` here);
- no user name before the host ("https://gov.vn@evil.example"), no backslash, no spaces, no port
  other than 443;
- the host is plain ASCII letters, digits, dots and hyphens: no punycode (``xn--``, how look-alike
  letters are written), no IP address, no trailing dot;
- the host is on :data:`ALLOWED` (national rules) or is one of the area's own domains listed in
  docs/area.yml (:func:`area_rules`), exactly or as a subdomain where the rule says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from handbook.area_file import area_domains, project_area
from handbook.errors import ContentError


@dataclass(frozen=True)
class Rule:
    """One allowed domain and why it is on the list."""

    domain: str
    subdomains: bool
    why: str
    map_only: bool = False


# Keep this list short: every entry is a place residents are told is safe.
ALLOWED: tuple[Rule, ...] = (
    Rule(
        "gov.vn",
        True,
        "Only Vietnamese state bodies can register .gov.vn (dichvucong.gov.vn, dongnai.gov.vn …).",
    ),
    Rule("facebook.com", False, "Ward fanpages."),
    Rule("www.facebook.com", False, "Ward fanpages."),
    Rule("m.facebook.com", False, "Ward fanpages (mobile address)."),
    Rule("zalo.me", False, "Zalo official accounts of wards."),
    Rule("oa.zalo.me", False, "Zalo official accounts of wards."),
    Rule("play.google.com", False, "Android app store (CH Play): the only place to install apps."),
    Rule("apps.apple.com", False, "iPhone App Store: the only place to install apps."),
    Rule("tinnhiemmang.vn", True, "National trust-network service for checking a suspicious website."),
    # Added by the reader-safety work (issue 9): the about page links the content licence's own text.
    Rule(
        "creativecommons.org",
        False,
        "The CC BY 4.0 licence text the handbook's content is published under (about page).",
    ),
    Rule(
        "openstreetmap.org", False, "Map links built from ward coordinates, never a channel.", map_only=True
    ),
    Rule(
        "www.openstreetmap.org",
        False,
        "Map links built from ward coordinates, never a channel.",
        map_only=True,
    ),
)

_HOST_CHARS = re.compile(r"^[a-z0-9.-]+$")
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


@dataclass(frozen=True)
class UrlRejection:
    """Why an address was refused, in Vietnamese and English."""

    vi: str
    en: str

    def __str__(self) -> str:
        return f"{self.vi} / {self.en}"


def host_of(url: str) -> str:
    """The lower-case host of ``url`` ('' when there is none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@cache
def area_rules() -> tuple[Rule, ...]:
    """The area's own bodies (utility companies…), from ``domains:`` in docs/area.yml: each area lists its \
own."""
    why = "A utility company of the area (docs/area.yml, utilities: domains)."
    domains = area_domains(project_area())
    return tuple(Rule(domain, True, why) for domain in domains if registrable_domain_problem(domain) is None)


def _rule_for(host: str) -> Rule | None:
    for rule in ALLOWED + area_rules():
        if host == rule.domain or (rule.subdomains and host.endswith("." + rule.domain)):
            return rule
    return None


def is_allowed_host(host: str, *, map_link: bool = False) -> bool:
    """True when ``host`` is on the allowlist (map-only hosts only when ``map_link``)."""
    rule = _rule_for(host.lower())
    return rule is not None and (map_link or not rule.map_only)


def url_rejection(url: object, *, map_link: bool = False) -> UrlRejection | None:
    """Why ``url`` may not be shown to residents, or None when it may."""
    if not isinstance(url, str) or not url.strip():
        return UrlRejection("địa chỉ trống hoặc không phải chữ.", "the address is empty or not text.")
    if url != url.strip() or any(ch.isspace() for ch in url) or any(ord(ch) < 32 for ch in url):
        return UrlRejection(
            "địa chỉ có dấu cách hoặc ký tự lạ.", "the address contains spaces or control characters."
        )
    if "\\" in url:
        return UrlRejection("địa chỉ có dấu gạch chéo ngược (\\).", "the address contains a backslash (\\).")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return UrlRejection("địa chỉ viết sai dạng.", "the address is malformed.")
    if parts.scheme != "https":
        return UrlRejection(
            "địa chỉ phải bắt đầu bằng https:// (kết nối an toàn).",
            "the address must start with https:// (secure connection).",
        )
    if "@" in parts.netloc:
        return UrlRejection(
            "địa chỉ có ký tự @ trước tên miền: đây là mẹo giả mạo thường gặp.",
            "the address has an @ before the domain: a common trick of fake addresses.",
        )
    if port not in (None, 443):
        return UrlRejection("địa chỉ có cổng (port) lạ.", "the address has an unusual port.")
    host = (parts.hostname or "").lower()
    problem = host_form_problem(host)
    if problem is not None:
        return problem
    return _rejection_for(host, _rule_for(host), map_link)


def host_form_problem(host: str) -> UrlRejection | None:
    """What is wrong with the form of ``host`` (accents, punycode, IP number…), whatever the allowlist."""
    if not host:
        return UrlRejection("địa chỉ không có tên miền.", "the address has no domain name.")
    if not _HOST_CHARS.match(host):
        return UrlRejection(
            f"tên miền «{host}» có chữ có dấu hoặc ký tự lạ, có thể là tên miền giả.",
            f"the domain '{host}' contains accented or unusual characters, a sign of a look-alike domain.",
        )
    if host.endswith(".") or ".." in host:
        return UrlRejection(f"tên miền «{host}» viết sai.", f"the domain '{host}' is malformed.")
    if any(label.startswith("xn--") for label in host.split(".")):
        return UrlRejection(
            f"tên miền «{host}» dùng mã punycode (xn--), cách viết tên miền giả trông giống tên thật.",
            f"the domain '{host}' uses punycode (xn--), how look-alike domains are written.",
        )
    if _IPV4.match(host):
        return UrlRejection(
            "địa chỉ là số IP, không phải tên miền chính thức.",
            "the address is an IP number, not an official domain.",
        )
    return None


def _rejection_for(host: str, rule: Rule | None, map_link: bool) -> UrlRejection | None:
    if rule is None:
        if "gov" in host:
            return UrlRejection(
                f"«{host}» trông giống trang nhà nước nhưng không kết thúc bằng .gov.vn: đây là dấu hiệu "
                "trang giả.",
                f"'{host}' looks like a government site but does not end in .gov.vn: a sign of a fake site.",
            )
        return UrlRejection(
            f"tên miền «{host}» không có trong danh sách tên miền chính thức (handbook/safety/domains.py).",
            f"the domain '{host}' is not on the official-domain allowlist (handbook/safety/domains.py).",
        )
    if rule.map_only and not map_link:
        return UrlRejection(
            f"«{host}» chỉ được dùng cho liên kết bản đồ.",
            f"'{host}' is allowed only for map links.",
        )
    return None


def check_url(url: object, *, map_link: bool = False) -> str | None:
    """The reason ``url`` may not be shown (Vietnamese / English), or None when it is allowed."""
    rejection = url_rejection(url, map_link=map_link)
    return None if rejection is None else str(rejection)


def is_gov_vn(host: str) -> bool:
    """True for gov.vn and its subdomains (used for e-mail addresses and ward websites)."""
    host = host.lower()
    return host == "gov.vn" or host.endswith(".gov.vn")


# --------------------------------------------------------------------------------------------
# The area file's own domains (docs/area.yml, utilities: domains): each must be ONE body's registrable
# domain. "com" or "com.vn" would allow every site under it. The Public Suffix List comes bundled with the
# publicsuffixlist package (no network request); its private section counts too ("github.io" is refused,
# as anyone can have a site under it).


@cache
def _suffix_list() -> Any:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def registrable_domain_problem(domain: object) -> UrlRejection | None:
    """Why ``domain`` cannot be an allowlist entry of the area file (None for a registrable domain)."""
    if not isinstance(domain, str) or not domain.strip():
        return UrlRejection("tên miền trống.", "the domain is empty.")
    host = domain.strip().lower()
    rejection = host_form_problem(host)
    if rejection is not None:
        return rejection  # malformed, punycode, IP, accented…
    if host != domain or "/" in host or ":" in host:
        return UrlRejection(f"«{domain}» không phải một tên miền.", f"'{domain}' is not a domain name.")
    suffixes = _suffix_list()
    if suffixes.is_public(host) or suffixes.privatesuffix(host) is None:
        return UrlRejection(
            f"«{host}» là đuôi tên miền dùng chung (như com, com.vn, github.io): ai cũng đăng ký được trang "
            "dưới nó.",
            f"'{host}' is a shared suffix (like com, com.vn, github.io): anyone can have a site under it.",
        )
    return None


def area_domain_problems(area: dict[str, Any]) -> list[ContentError]:
    """Entries of ``domains:`` in docs/area.yml that are not one body's registrable domain."""
    errors = []
    for name, utility in (area.get("utilities") or {}).items():
        if not isinstance(utility, dict):
            continue
        for index, domain in enumerate(utility.get("domains") or [], start=1):
            problem = registrable_domain_problem(domain)
            if problem is not None:
                errors.append(ContentError(
                    "docs/area.yml", f"utilities.{name}.domains[{index}]",
                    f"tên miền «{domain}» không dùng được: {problem.vi}",
                    "ghi đúng tên miền của cơ quan, ví dụ «cskh.evnspc.vn» hoặc «evnspc.vn».",
                    f"the domain '{domain}' cannot be used: {problem.en}",
                    "write the body's own domain, for example 'cskh.evnspc.vn' or 'evnspc.vn'.",
                ))
    return errors
