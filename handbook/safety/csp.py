"""The content security policy and the security headers of the handbook: one source for all of them.

Every page carries the policy in ``<meta http-equiv="Content-Security-Policy">`` (GitHub Pages sends
no headers); hosts that send headers get the same policy from ``_headers`` (Netlify, Cloudflare
Pages) or from the nginx lines in README.md. Plain Python, no MkDocs import.

Why the policy is what it is:
- Everything loads from the site's own origin ('self'): no CDN, no web fonts, no analytics.
- No 'unsafe-inline' for scripts or styles. Material's small inline scripts are moved to a file
  (overrides/assets/javascripts/material-inline.js, see overrides/partials/javascripts/), so an
  injected ``<script>`` or ``onclick=`` never runs, and the policy is the same on every page.
- ``img-src`` also allows ``data:`` because Material's stylesheet draws its icons (admonitions,
  navigation arrows, details, search results: 42 of them) as ``data:image/svg+xml`` CSS masks.
  A ``data:`` image makes no network request, so it can neither track a reader nor leak anything;
  third-party images (tracking pixels) stay blocked, and content may not use ``data:`` at all
  (handbook/safety/html_safety.py).
- ``frame-ancestors`` is ignored (with a console error) in a ``<meta>`` policy, so it is only sent
  as a header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# (directive, sources) in the order they are written.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("frame-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Directives a browser only honours when they come as an HTTP header.
HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'self'"),)

# The other headers a host should send with every file.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "SAMEORIGIN"),
)
# Files whose name carries a hash of their content never change: cache them for a year.
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
# Material names its bundles like "bundle.a5f9d56c.min.js" and "main.57a0d79d.min.css" (+ ".map").
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")


def _join(directives: Iterable[tuple[str, str]]) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in directives)


def meta_policy() -> str:
    """The policy for ``<meta http-equiv="Content-Security-Policy">`` on every page."""
    return _join(DIRECTIVES)


def header_policy() -> str:
    """The same policy as an HTTP header (adds what only works as a header)."""
    return _join(DIRECTIVES + HEADER_ONLY)


def is_hashed_asset(path: str) -> bool:
    """True for a file whose name carries a content hash (safe to cache for a year)."""
    return HASHED_ASSET.search(path) is not None


def headers_file(hashed_assets: Iterable[str]) -> str:
    """The ``_headers`` file (Netlify / Cloudflare Pages): the policy for every path, long caching
    for each hashed asset (paths relative to the site root, with "/" separators)."""
    lines = [
        "# Security headers for hosts that read a _headers file (Netlify, Cloudflare Pages).",
        "# Generated at build time from handbook/safety/csp.py: edit that file, not this one.",
        "/*",
        f"  Content-Security-Policy: {header_policy()}",
    ]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for path in sorted(set(hashed_assets)):
        lines += ["", "/" + path.lstrip("/"), f"  Cache-Control: {IMMUTABLE_CACHE}"]
    return "\n".join(lines) + "\n"


def nginx_snippet() -> str:
    """The same headers for nginx (copied into README.md; a test keeps the two equal)."""
    lines = [f'add_header Content-Security-Policy "{header_policy()}" always;']
    lines += [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS]
    lines += [
        r"location ~* \.[0-9a-f]{8}\.min\.(js|css)(\.map)?$ {",
        f'    add_header Cache-Control "{IMMUTABLE_CACHE}" always;',
        "    # add_header in a location replaces the server's: repeat the security headers here.",
        f'    add_header Content-Security-Policy "{header_policy()}" always;',
    ]
    lines += [f'    add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS]
    lines += ["}"]
    return "\n".join(lines)


_META = re.compile(r"<meta\s[^>]*http-equiv\s*=\s*[\"']?content-security-policy", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


def with_policy_meta(page_html: str) -> str:
    """``page_html`` with the policy <meta> added (after <meta charset>, else first in <head>) when it
    has none: for pages written outside the theme's templates (e.g. the old-ward redirect pages)."""
    if _META.search(page_html):
        return page_html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy()}">'
    for pattern in (_CHARSET, _HEAD):
        match = pattern.search(page_html)
        if match:
            return page_html[: match.end()] + meta + page_html[match.end():]
    return page_html


class PolicyError(ValueError):
    """A page breaks the policy: ``problems`` says how (inline script, no policy <meta> ...)."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        super().__init__(
            f"{where}: trang vi phạm chính sách an toàn / the page breaks the security policy:\n  "
            + "\n  ".join(problems)
        )


def protected_page(page_html: str, where: str) -> str:
    """A page written outside the theme's templates (old-ward redirects), with the policy <meta>, checked
    once as it is written: raises :class:`PolicyError` when it has something the policy would block."""
    from handbook.safety.html_safety import page_problems  # html_safety is bigger; only the writers need it

    protected = with_policy_meta(page_html)
    if surely_within_policy(protected):
        return protected  # the cheap screen is sure; else the full check names the problem
    problems = page_problems(protected, meta_policy())
    if problems:
        raise PolicyError(where, problems)
    return protected


# A cheap screen before the full check (handbook/safety/html_safety.py page_problems parses the whole page
# with HTMLParser: a quarter of a country build). It only ever answers "clean" for a page the full check
# passes:
# anything it cannot be sure of (a <style>, an inline <script>, an attribute named on… or style, a quote
# that could hide a ">", a comment or a second policy near the policy) sends the page to the full check,
# which then names the problem. Attributes are read with HTMLParser's own attribute pattern.
_POLICY_META = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy()}">'
_BEFORE_POLICY = re.compile(r"<(?:script|style|link|img|iframe)\b|<!--|<!\[|<\?", re.IGNORECASE)
_ANY_POLICY = re.compile(r"content-security-policy", re.IGNORECASE)
_STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
_TAG = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)([^>]*)>")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
# Any attribute name that may be on… or style (more is fine: those tags get the full check).
_RISKY_NAME = re.compile(r"(?:^|[\s/])(?:on|style)", re.IGNORECASE)


def surely_within_policy(page_html: str) -> bool:
    """True only when ``page_html`` certainly carries the policy first and nothing it would block
    (the full check, ``page_problems``, would find nothing); False means: run the full check."""
    from html.parser import attrfind_tolerant  # type: ignore[attr-defined]

    first = page_html.find(_POLICY_META)
    if first < 0 or _BEFORE_POLICY.search(page_html, 0, first) or len(_ANY_POLICY.findall(page_html)) != 1:
        return False
    if _STYLE_ELEMENT.search(page_html):
        return False
    for name, rest in set(_TAG.findall(page_html)):  # each distinct tag once: the answer depends on it alone
        name = name.lower()
        if not rest.strip(" /"):
            if name == "script":
                return False  # <script> without src
            continue  # <p>, <li>, <br/>: no attributes
        unquoted = _QUOTED.sub(" ", rest)  # a space: a name may follow a value without one (a="x"onclick)
        if '"' in unquoted or "'" in unquoted:
            return False  # a quote left open could hide a ">" and more attributes after it
        if name != "script" and not _RISKY_NAME.search(unquoted):
            continue  # no attribute named on… or style (values, quoted, are left out): nothing to block
        attributes = {key.lower(): value for key, _, value in attrfind_tolerant.findall(" " + rest)}
        if any(key.startswith("on") or key == "style" for key in attributes):
            return False
        if name == "script":
            source = attributes.get("src", "").strip("\"'")
            if not source and attributes.get("type", "").strip("\"'") != "application/json":
                return False
    return True
