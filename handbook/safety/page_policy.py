"""The built page is the authority: every HTML file of the built site, read as a browser reads it (issue 29).

The Markdown check (:mod:`handbook.safety.html_safety`) gives editors clear messages with lines, but it reads
Markdown and raw HTML with regular expressions and Python's ``html.parser``, which disagree with browsers
(``<!-->`` ends a comment in a browser; text between backticks inside a raw ``<div>`` is HTML). So after the
build every HTML file, head included, is parsed with lexbor (selectolax), a parser that follows the HTML
standard as browsers do, and held against one policy:

- elements from an allowlist, by context: inside ``<svg>`` drawing elements only (no ``<a>``, ``<set>``,
  ``<animate>``, ``<foreignObject>``); ``<meta>`` and ``<link>`` only in ``<head>``; no ``<form>`` or text box
  in a page's content (``<article>``), where an "enter your OTP" box would be a scam;
- attributes from an allowlist (``data-*`` and ``aria-*`` too), never ``on…``, ``style``, ``srcdoc``;
- ``<meta http-equiv>`` only for the security policy, and ``refresh`` only on the project's own old-ward
  redirect pages, to a page of the site;
- every address (href, src, srcset, action, formaction, xlink:href, poster, …) normalised as a browser does
  and checked: links by :func:`handbook.safety.html_safety.url_problem` (the allowlist of
  :mod:`handbook.safety.domains`) and :mod:`handbook.safety.link_rules`; images, scripts, stylesheets and
  ``<use>`` from the site itself only; the site's and the repository's own addresses only when they stay
  inside them once ``..`` is resolved.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from handbook.safety.html_safety import (
    ALLOWED_TAGS,
    TAG_ATTRIBUTES,
    inside_prefix,
    normalise_url,
    url_kind,
    url_problem,
)
from handbook.safety.link_rules import contact_problem, link_problem, tel_text_problem

# Elements the theme and the hooks write, besides those content may use (html_safety.ALLOWED_TAGS).
THEME_ELEMENTS: frozenset[str] = frozenset({
    "html", "head", "body", "title", "meta", "link", "script", "article", "aside", "section", "header",
    "footer", "main", "nav", "button", "dialog", "form", "input", "label",
})
# Inside <svg>: shapes only. <a>, <set>, <animate…>, <foreignObject>, <script> are what an attack needs.
SVG_ELEMENTS: frozenset[str] = frozenset({
    "svg", "path", "circle", "rect", "ellipse", "line", "polyline", "polygon", "g", "defs", "symbol", "use",
    "title", "desc", "clippath", "lineargradient", "radialgradient", "stop", "mask", "text", "tspan",
})
HEAD_ONLY: frozenset[str] = frozenset({"meta", "link", "title"})
# Not in a page's content: a form or a text box there could ask for a password or an OTP code.
NOT_IN_CONTENT: frozenset[str] = frozenset({"form", "textarea", "select"})
# Inputs content may have: content tabs (pymdownx.tabbed, radio), the ward directory's filter (search).
CONTENT_INPUTS: frozenset[str] = frozenset({"radio", "checkbox", "search"})
ATTRIBUTES: frozenset[str] = frozenset({
    "class", "id", "lang", "dir", "title", "hidden", "role", "tabindex", "translate", "markdown",
    "alt", "width", "height", "loading", "decoding", "href", "src", "srcset", "sizes", "hreflang", "rel",
    "download", "type", "name", "content", "charset", "property", "http-equiv", "media", "defer", "async",
    "for", "placeholder", "autocomplete", "autocapitalize", "autocorrect", "spellcheck", "enterkeyhint",
    "required", "checked", "value", "open", "datetime", "colspan", "rowspan", "scope", "span", "start",
    "reversed", "cite", "action", "method", "crossorigin", "integrity",
    # SVG drawing
    "xmlns", "xmlns:xlink", "viewbox", "d", "fill", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "fill-rule", "clip-rule", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "x2", "y1",
    "y2", "points", "transform", "focusable", "preserveaspectratio", "shape-rendering", "opacity",
    "fill-opacity", "version", "xlink:href", "offset", "stop-color",
}) | frozenset(name for names in TAG_ATTRIBUTES.values() for name in names)
# Attributes whose value is an address (where a browser goes or what it loads).
URL_ATTRIBUTES: frozenset[str] = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "cite", "background", "data",
    "ping", "longdesc", "manifest", "codebase",
})
# Links that load something into the page (not a place the reader goes).
LOADS = ("src", "srcset", "poster", "background", "data", "codebase", "manifest")
LINK_RELS: frozenset[str] = frozenset({"stylesheet", "icon", "manifest", "apple-touch-icon", "canonical"})
# The project's own redirect pages (overrides/hooks/wards.py): old ward addresses to the new ward's page.
REDIRECT_PAGE = re.compile(r"^(?:[a-z]{2,3}(?:-[a-z]{2,4})?/)?wards/[a-z0-9-]+(?:/index)?\.html$")
# ../<new ward>/ (or .html offline), with the old unit named in the fragment: "#tu-bao-quang".
REDIRECT_TARGET = re.compile(r"^\d+;\s*url=(\.\./[a-z0-9-]+(?:/|\.html)(?:#tu-[a-z0-9-]+)?)$", re.IGNORECASE)
_SRCSET_URL = re.compile(r"\s*([^\s,]+)(?:\s+[^,]*)?(?:,|$)")


@dataclass(frozen=True)
class Violation:
    """One thing a built page may not have."""

    page: str  # the built file, relative to the site ("guides/x/index.html")
    element: str  # "<a href>"
    problem: str  # English, for developers; editors see the Markdown check's message first

    def __str__(self) -> str:
        return f"{self.page}: {self.element}: {self.problem}"


_CONTEXTS = ("svg", "head", "article")  # a node's context: inside which of these it is


def _contexts(root: LexborNode) -> dict[str, frozenset[int]]:
    """For each context, the nodes inside it (by lexbor's node address; CSS selection runs in C)."""
    return {name: frozenset(node.mem_id for node in root.css(f"{name} *")) for name in _CONTEXTS}


def _context(node: LexborNode) -> str:
    """The text around a link: its list item, table row or paragraph."""
    parent = node.parent
    while parent is not None and (parent.tag or "").lower() not in ("li", "tr", "dd", "p", "body"):
        parent = parent.parent
    return parent.text(deep=True) if parent is not None else ""


def _srcset_urls(value: str) -> list[str]:
    return [match.group(1) for match in _SRCSET_URL.finditer(value) if match.group(1)]


class _Page:
    def __init__(self, name: str, trusted: tuple[str, ...], own: frozenset[str], docs: Path | None) -> None:
        self.name = name
        self.docs = docs
        self.trusted = trusted
        self.own = own
        self.redirect_page = False  # one of the project's redirect pages: its path, and no page content
        self.found: list[Violation] = []

    def add(self, element: str, problem: str) -> None:
        self.found.append(Violation(self.name, element, problem))

    def element(self, node: LexborNode, contexts: dict[str, frozenset[int]]) -> None:
        tag = (node.tag or "").lower()
        ancestors = {name for name, inside in contexts.items() if node.mem_id in inside}
        if "svg" in ancestors and tag not in SVG_ELEMENTS:
            self.add(f"<svg><{tag}>", "inside a drawing only shapes are allowed (no links, animations, "
                     "scripts or foreign content)")
            return
        if tag not in ALLOWED_TAGS | THEME_ELEMENTS | SVG_ELEMENTS:
            self.add(f"<{tag}>", "element not on the page policy's allowlist")
            return
        if tag in HEAD_ONLY and "head" not in ancestors and not (tag == "title" and "svg" in ancestors):
            self.add(f"<{tag}>", "allowed only in <head>")
        if "article" in ancestors and (tag in NOT_IN_CONTENT or (
            tag == "input" and (node.attributes.get("type") or "").lower() not in CONTENT_INPUTS
        )):
            self.add(f"<{tag}>", "no form or text box in a page's content (it could ask for a password or "
                     "an OTP code)")
        attributes = node.attributes
        for raw_name, raw_value in attributes.items():
            name = raw_name.lower()
            value = raw_value or ""
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.add(f"<{tag} {name}>", "event handlers, inline styles and srcdoc are never allowed")
            elif not (name in ATTRIBUTES or name.startswith(("data-", "aria-"))):
                self.add(f"<{tag} {name}>", "attribute not on the page policy's allowlist")
            elif name in URL_ATTRIBUTES:
                for url in _srcset_urls(value) if name == "srcset" else [value]:
                    self.address(tag, name, url, attributes)
        if tag == "meta":
            self.meta(attributes)
        if tag == "link" and not set((attributes.get("rel") or "").lower().split()) <= LINK_RELS:
            self.add(f"<link rel={attributes.get('rel')!r}>", "link type not on the page policy's allowlist")
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in (
            "application/json", "application/ld+json"
        ):
            self.add("<script>", "inline script (only files of the site run)")
        href = normalise_url(attributes.get("href") or "") if tag == "a" else ""
        if href.lower().startswith("tel:"):
            problem = tel_text_problem(href, node.text(deep=True), _context(node))
            if problem is not None:
                self.add(f"<a href={href!r}>", problem[2])

    def meta(self, attributes: dict[str, str | None]) -> None:
        equiv = (attributes.get("http-equiv") or "").strip().lower()
        if not equiv or equiv == "content-security-policy":
            return
        content = (attributes.get("content") or "").strip()
        if equiv == "refresh" and self.redirect_page and REDIRECT_TARGET.match(content):
            return
        self.add(f'<meta http-equiv="{equiv}">', "only the project's own redirect pages may refresh, and "
                 "only to a page of the site; no other http-equiv")

    def address(self, tag: str, name: str, url: str, attributes: dict[str, str | None]) -> None:
        clean = normalise_url(url)
        if inside_prefix(clean, self.trusted) or clean.partition("?")[0] in self.own:
            return
        kind = url_kind(clean)
        where = f"<{tag} {name}={clean[:80]!r}>"
        if tag == "use" or tag == "script" or name in LOADS or (tag == "link" and name == "href"):
            icon = tag == "link" and "icon" in (attributes.get("rel") or "").lower().split()
            if kind == "internal" and not clean.startswith(("/\\", "\\")):
                return
            if icon and clean.lower().startswith("data:image/"):
                return  # the favicon drawn inline (no request)
            self.add(where, "loads something from outside the site")
            return
        if name == "cite":
            return  # never followed by a browser
        if kind == "contact":
            problem = contact_problem(clean)
            if problem is not None:
                self.add(where, problem[2])
            return
        problem = url_problem(clean, image=False)
        if problem is not None:
            self.add(where, problem[2])
            return
        if kind == "external":
            rule = link_problem(clean, self.docs)
            if rule is not None:
                self.add(where, rule[2])


def page_violations(
    page_html: str, name: str, trusted: Iterable[str] = (), own: Iterable[str] = (), docs: Path | None = None
) -> list[Violation]:
    """Everything in one built page (``name`` relative to the site) that the policy refuses. ``trusted``:
    the site's and the repository's addresses (prefixes); ``own``: exact addresses the maintainers'
    configuration writes (the team's contact in mkdocs.yml, extra.report_contact); ``docs``: the docs/ folder
    whose area data names the apps store links may lead to."""
    page = _Page(name, tuple(prefix for prefix in trusted if prefix), frozenset(own), docs)
    root = LexborHTMLParser(page_html).root
    if root is None:
        return []
    contexts = _contexts(root)
    page.redirect_page = bool(REDIRECT_PAGE.match(name)) and root.css_first("article") is None
    for node in root.traverse(include_text=False):
        if node.tag and not node.tag.startswith("-"):
            page.element(node, contexts)
    return page.found


def site_violations(
    site_dir: Path, trusted: Iterable[str] = (), own: Iterable[str] = (), docs: Path | None = None
) -> list[Violation]:
    """Every violation in every HTML file under ``site_dir``."""
    prefixes, exact = tuple(trusted), frozenset(own)
    found: list[Violation] = []
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        found += page_violations(text, name, prefixes, exact, docs)
    return found
