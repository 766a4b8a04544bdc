"""External links: how a page shows them to readers, and whether they still work.

- :func:`decorate_external_links` gives every link to another site ``rel="noopener noreferrer"``
  and shows its domain after the link text ("Cổng dịch vụ công dichvucong.gov.vn ↗"), so a
  resident learns to read where a link goes. The domain is real text (screen readers say it,
  printouts show it); only the arrow is hidden from screen readers.
- :func:`collect_links` and :func:`check_link` are the link-health check behind scripts/check-links:
  it reports each external address's HTTP status and never fails a build.

Plain Python (standard library only), no MkDocs import.
"""

from __future__ import annotations

import html
import http.client
import re
import socket
import ssl
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from handbook.safety.domains import check_url

# Start tags of links whose href is an address on another site (http://, https://, //): only those are
# decorated, so the many links between the site's own pages are not looked at one by one.
_A_EXTERNAL = re.compile(r"""<a\s(?:[^>]*?\s)?href\s*=\s*["']?(?:https?:)?//[^>]*>""", re.IGNORECASE)
_A_END = re.compile(r"</a\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ARIA_LABEL = re.compile(r"""\saria-label(?:ledby)?\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_REL = re.compile(r"""\srel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_DOMAIN_IN_TEXT = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.IGNORECASE)
DOMAIN_CLASS = "hb-domain"
REL = ("noopener", "noreferrer")


def shown_domain(url: str) -> str:
    """The domain a reader is shown for ``url``: its host, lower case, without a leading 'www.'."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _attribute(pattern: re.Pattern[str], tag: str) -> re.Match[str] | None:
    return pattern.search(tag)


def _value(match: re.Match[str]) -> str:
    return html.unescape(next(group for group in match.groups() if group is not None))


def _with_rel(tag: str) -> str:
    """The ``<a …>`` start tag with noopener and noreferrer in its rel attribute."""
    match = _attribute(_REL, tag)
    if match is None:
        return tag[:-1].rstrip() + ' rel="noopener noreferrer">'
    words = _value(match).split()
    words += [word for word in REL if word not in words]
    return tag[: match.start()] + f' rel="{html.escape(" ".join(words))}"' + tag[match.end():]


def _text_shows(inner_html: str, domain: str) -> bool:
    """True when the link text already shows exactly this domain (e.g. the text is the address)."""
    text = html.unescape(_TAG.sub(" ", inner_html)).lower()
    return any(found.removeprefix("www.") == domain for found in _DOMAIN_IN_TEXT.findall(text))


def domain_suffix(domain: str, *, text_shows_domain: bool) -> str:
    """The small suffix after an external link's text."""
    arrow = '<span aria-hidden="true">\u00a0↗</span>'
    if text_shows_domain:
        return f'<span class="{DOMAIN_CLASS} {DOMAIN_CLASS}--arrow">{arrow}</span>'
    return f' <span class="{DOMAIN_CLASS}">{html.escape(domain)}{arrow}</span>'


def is_external(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "//"))


def decorate_external_links(content: str) -> str:
    """Add rel="noopener noreferrer" and the visible domain to every external link in ``content``."""
    out: list[str] = []
    position = 0
    for start in _A_EXTERNAL.finditer(content):
        if start.start() < position:
            continue  # inside a link already handled
        tag = start.group(0)
        href = _attribute(_HREF, tag)
        if href is None or not is_external(_value(href)):
            continue
        end = _A_END.search(content, start.end())
        if end is None:
            continue
        inner = content[start.end(): end.start()]
        after = content[end.end(): end.end() + 200]
        domain = shown_domain(_value(href))
        decorated = f'class="{DOMAIN_CLASS}' in inner or after.lstrip().startswith(
            f'<span class="{DOMAIN_CLASS}'
        )
        suffix = "" if decorated else domain_suffix(domain, text_shows_domain=_text_shows(inner, domain))
        out.append(content[position: start.start()])
        out.append(_with_rel(tag))
        if _attribute(_ARIA_LABEL, tag) is None:
            out += [inner, suffix, end.group(0)]
        else:
            # The aria-label is the link's name for screen readers: the domain goes right after the
            # link, still real text in reading order (the visible text stays part of the name).
            out += [inner, end.group(0), suffix]
        position = end.end()
    out.append(content[position:])
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Link health (scripts/check-links)

_URL_IN_TEXT = re.compile(r"""https?://[^\s<>"'`\])|]+""")
_TRAILING = ".,;:!?*_"
# Addresses in instructions for editors (a local preview), not links for readers.
_NOT_PUBLIC = frozenset({"localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0", "example.com", "example.org"})


@dataclass(frozen=True)
class Place:
    """Where an address is written."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def collect_links(
    docs_dir: Path, prefix: str = "docs", extra: Iterable[tuple[str, Place]] = ()
) -> dict[str, list[Place]]:
    """Every http(s) address written in the Markdown and YAML files under ``docs_dir`` (links, front
    matter such as guide sources and ward channels, screens), with where each is written."""
    found: dict[str, list[Place]] = {}
    paths = sorted(p for p in docs_dir.rglob("*") if p.suffix in (".md", ".yml", ".yaml") and p.is_file())
    for path in paths:
        label = f"{prefix}/{path.relative_to(docs_dir).as_posix()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in _URL_IN_TEXT.finditer(line):
                url = match.group(0).rstrip(_TRAILING)
                if shown_domain(url) not in _NOT_PUBLIC and not shown_domain(url).endswith(".example"):
                    found.setdefault(url, []).append(Place(label, number))
    for url, place in extra:
        found.setdefault(url, []).append(place)
    return found


@dataclass(frozen=True)
class Result:
    """What an address answered."""

    url: str
    status: int | None  # HTTP status, None when there was no answer
    verdict: str  # "ok", "moved", "broken", "timeout", "error"
    detail: str = ""  # the new address of a moved link, or the error

    @property
    def line(self) -> str:
        code = str(self.status) if self.status is not None else "---"
        text = f"{self.verdict.upper():8} {code} {self.url}"
        return f"{text} -> {self.detail}" if self.detail else text


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, parts.port or 443, timeout=timeout, context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, parts.port or 80, timeout=timeout)
    try:
        connection.request(method, path, headers={
            "User-Agent": "long-khanh-handbook-link-check/1 (+https://github.com/long-khanh-handbook/handbook)",
            "Accept": "text/html,*/*;q=0.5",
        })
        response = connection.getresponse()
        location = response.getheader("Location") or ""
        response.read(0)
        return response.status, location
    finally:
        connection.close()


def check_link(url: str, timeout: float = 5.0) -> Result:
    """One address's health: HEAD first, GET when the server does not answer HEAD. Redirects are not
    followed but reported, with whether the new address is on the allowlist."""
    try:
        status, location = _request(url, "HEAD", timeout)
        if status in (403, 405, 501):
            status, location = _request(url, "GET", timeout)
    except TimeoutError:
        return Result(url, None, "timeout", f"no answer within {timeout:g} s")
    except (OSError, http.client.HTTPException, ValueError) as error:
        return Result(url, None, "error", f"{type(error).__name__}: {error}")
    if 200 <= status < 300:
        return Result(url, status, "ok")
    if 300 <= status < 400:
        reason = check_url(location) if location.startswith(("http://", "https://")) else None
        note = f"{location} (NOT ALLOWED: {reason})" if reason else location
        return Result(url, status, "moved", note)
    return Result(url, status, "broken")


def check_links(urls: Iterable[str], timeout: float = 5.0, workers: int = 4) -> list[Result]:
    """Check addresses a few at a time (bounded: one request each, two when HEAD is refused)."""
    unique = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique) or 1))) as pool:
        return list(pool.map(lambda url: check_link(url, timeout), unique))


def network_available(host: str = "dichvucong.gov.vn", timeout: float = 3.0) -> bool:
    """True when a name can be resolved and reached (false on an offline build machine)."""
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
    except OSError:
        return False
    return True
