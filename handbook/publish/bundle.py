"""The project's own CSS and JavaScript, served as ONE stylesheet and ONE script (issue 19).

Every request costs a resident on slow mobile data a round trip of several hundred milliseconds,
so the build joins the project's files, minifies them (rcssmin, rjsmin) and names each result after
a hash of its content (``handbook.1a2b3c4d.min.css``): a year of caching is then safe
(``handbook/safety/csp.py`` ``is_hashed_asset``, ``_headers`` and the nginx example in README.md).

The inputs are the ordered lists below, in ONE place. Adding a file = adding one line here;
the build stops (``undeclared``) when a ``.js`` or ``.css`` file under ``overrides/assets`` is in
neither a bundle nor ``SEPARATE``, so nothing is silently left out.

Load order (overrides/main.html): the stylesheet, then the script, both in ``<head>``. The script
is a plain (blocking) script so ``a11y.js`` still applies the reader's text size before the first
paint, and everything that must run before Material's bundle does (Material's bundle is at the
end of ``<body>`` and mounts its components on ``DOMContentLoaded``; ``material-inline.js`` runs
its part that needs the page on ``DOMContentLoaded`` too, registered first, so it runs first).
Two more scripts: the search's own code (``SEARCH_JS``), loaded only where it is needed, and
Material's, trimmed to what the site uses (``MATERIAL_JS``).

Plain Python: no MkDocs import. The hook is overrides/hooks/assets.py.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import rcssmin
import rjsmin


@dataclass(frozen=True)
class Part:
    """One input file of a bundle, relative to ``overrides/``; ``media`` wraps CSS in ``@media``."""

    path: str
    media: str | None = None


# --- the bundles: ONE ordered list each ---------------------------------------------------------
# Material's palette stylesheet (the colour schemes) goes first into the CSS bundle, trimmed to the
# colours mkdocs.yml uses (see trim_palette): one request less than Material's separate file.
CSS: tuple[Part, ...] = (
    Part("assets/stylesheets/handbook.css"),
    Part("assets/stylesheets/wards.css"),
    Part("assets/stylesheets/screens.css"),
    Part("assets/stylesheets/handover.css"),
    # Printing (issue 6). In the bundle under @media print: a separate media="print" file does not
    # block the page, but Chromium downloads it on every first load anyway (one more request).
    Part("assets/stylesheets/print.css", media="print"),
)
JS: tuple[Part, ...] = (
    Part("assets/javascripts/a11y.js"),  # first: the reader's text size before the first paint
    Part("assets/javascripts/material-inline.js"),  # before Material's bundle
    Part("assets/javascripts/lazy-search.js"),  # before Material's bundle; loads SEARCH_JS when needed
    Part("assets/javascripts/sw-register.js"),  # waits for the page's load event itself
    # These wait for the page to be parsed themselves (DOMContentLoaded).
    Part("assets/javascripts/phone-nav.js"),  # menu, search, contents, language switch (issue 15)
    Part("assets/javascripts/offline-pages.js"),  # save for offline reading, saved pages (issue 15)
    Part("assets/javascripts/handover.js"),  # open on another phone, share (issue 17)
)
# The search's own code, a second script: most visits never search, so it is not in the first
# download. lazy-search.js loads it when the reader opens the search (with the search index, which
# waits for it), or at once on a page opened from a search result (?h=, to mark the words found);
# the ward directory loads it with the page (overrides/main.html): its filter uses vi-typing.js.
# The offline copy (file://) loads it with the page, right after the one script.
SEARCH_JS: tuple[Part, ...] = (
    # folding, Telex and VNI: used by search-fold.js and ward-filter.js
    Part("assets/javascripts/vi-typing.js"),
    Part("assets/javascripts/search-fold.js"),  # before the index goes to Material's search worker
    Part("assets/javascripts/search-panel.js"),  # weighs the results, "no guide for this" (issue 25)
)
# Files that stay separate, and why.
SEPARATE: dict[str, str] = {
    "assets/javascripts/sw.js": "the service worker: its own file at the site root "
                                "(overrides/hooks/offline.py)",
    "assets/javascripts/vendor/iframe-worker-shim.js": "only the offline copy loads it (Material's offline "
                                                       "plugin)",
    "assets/javascripts/ward-filter.js": "only the ward directory loads it (overrides/hooks/wards.py)",
    "assets/javascripts/not-found.js": "only the root 404 page loads it (overrides/404.html)",
    "assets/stylesheets/quick-card.css": "only the quick cards load it (handbook/guides/quick_card.py)",
    "assets/javascripts/quick-card.js": "only the quick cards load it (handbook/guides/quick_card.py)",
    "assets/javascripts/vendor/material.min.js": "Material's own script, trimmed (scripts/material-js): "
                                                 "published in place of Material's bundle (MATERIAL_JS)",
}

# Material's JavaScript without the features the handbook does not use (scripts/material-js builds
# it from scripts/material/bundle.ts and the installed Material's sources): 21 KB gzip instead of
# Material's 34 KB bundle, the biggest file of a first visit. Published under the name Material gives
# its bundle (a hash of the content), in place of Material's, which is not published. Built for one
# Material version and mkdocs.yml's theme features: with others, Material's own bundle is used.
MATERIAL_JS = "assets/javascripts/vendor/material.min.js"
MATERIAL_JS_NAME = "assets/javascripts/bundle.{hash}.min.js"
MATERIAL_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js(?:\.map)?$")
_STAMP = re.compile(r"^// handbook-material material=(\S+) entry=([0-9a-f]+) features=(\S*)\n")


def material_js_stamp(text: str) -> dict[str, str] | None:
    """What the trimmed Material script was built from (its first line, written by
    scripts/material-js): ``material`` (version), ``entry`` (hash of scripts/material/bundle.ts),
    ``features`` (mkdocs.yml's theme features, comma-separated); None without that line."""
    match = _STAMP.match(text)
    return dict(zip(("material", "entry", "features"), match.groups(), strict=True)) if match else None


_MATERIAL_JS_FIX = ("Chạy lại / run again: scripts/material-js (then commit "
                    f"overrides/{MATERIAL_JS}); xem / see scripts/material/bundle.ts.")


def material_js_problems(text: str, material_version: str, features: Iterable[str]) -> list[str]:
    """Why the trimmed Material script does not fit this Material and these theme features
    (bilingual); [] when it does. The build then uses Material's own bundle (overrides/hooks/assets.py)."""
    stamp = material_js_stamp(text)
    if stamp is None:
        return [f"overrides/{MATERIAL_JS}: không rõ được dựng từ đâu / no build stamp. {_MATERIAL_JS_FIX}"]
    problems = []
    if stamp["material"] != material_version:
        problems.append(
            f"overrides/{MATERIAL_JS}: dựng cho Material {stamp['material']}, đang cài {material_version} / "
            f"built for Material {stamp['material']}, {material_version} is installed. {_MATERIAL_JS_FIX}")
    wanted = ",".join(sorted(features))
    if stamp["features"] != wanted:
        problems.append(
            f"overrides/{MATERIAL_JS}: dựng cho các tính năng / built for the features "
            f"[{stamp['features']}], theme.features: [{wanted}]. {_MATERIAL_JS_FIX}")
    return problems


def material_js_outdated(text: str, material_version: str) -> bool:
    """True when the trimmed Material script was built for another Material than the installed one
    (the strict build stops then); other theme features alone are a site's own choice (another
    area's configuration, a test's): Material's own bundle serves them."""
    stamp = material_js_stamp(text)
    return stamp is None or stamp["material"] != material_version


CSS_NAME = "assets/stylesheets/handbook.{hash}.min.css"
JS_NAME = "assets/javascripts/handbook.{hash}.min.js"
SEARCH_JS_NAME = "assets/javascripts/search-fold.{hash}.min.js"
BUNDLED_SUFFIXES = (".js", ".css")


class BundleError(ValueError):
    """The bundle lists and the files on disk disagree: the build stops with this message."""


def undeclared(asset_paths: Iterable[str]) -> list[str]:
    """Problems (bilingual, one per file) between the ``.js``/``.css`` files that exist (paths
    relative to ``overrides/``) and the lists above: a file in no list, a listed file missing."""
    present = {path for path in asset_paths if path.endswith(BUNDLED_SUFFIXES)}
    listed = [part.path for part in (*CSS, *JS, *SEARCH_JS)]
    problems = []
    for path in sorted(present - set(listed) - set(SEPARATE)):
        problems.append(
            f"overrides/{path}: tệp không nằm trong gói nào / the file is in no bundle. "
            f"Thêm một dòng Part(\"{path}\") vào CSS hoặc JS trong handbook/publish/bundle.py "
            f"(đúng thứ tự nạp), hoặc vào SEPARATE kèm lý do / add a Part(\"{path}\") line to CSS or JS "
            f"in handbook/publish/bundle.py (in load order), or to SEPARATE with the reason."
        )
    for path in listed:
        if path not in present:
            problems.append(
                f"handbook/publish/bundle.py: overrides/{path} không tồn tại / does not exist. "
                f"Xóa dòng đó hoặc sửa đường dẫn / remove that line or fix the path."
            )
    return problems


# --- CSS ---------------------------------------------------------------------------------------

# Material's own stylesheets, found among the theme's files by name, go first into the CSS bundle,
# in the order Material links them: the main one (trimmed by ``purge``) and the colour schemes
# (trimmed by ``trim_palette``). Their <link> tags are taken out of the pages: one stylesheet in all.
MATERIAL_CSS = (
    re.compile(r"^assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$"),
    re.compile(r"^assets/stylesheets/palette\.[0-9a-f]{8}\.min\.css$"),
)

_COLOUR_RULE = re.compile(r"\[data-md-color-(primary|accent)=[\"']?([\w-]+)")
_CHARSET = re.compile(r'@charset\s*"[^"]*"\s*;', re.IGNORECASE)
_GROUPING = ("@media", "@supports", "@container", "@layer")


def _minify(css: str) -> str:
    return _CHARSET.sub("", rcssmin.cssmin(css))


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a minified stylesheet (no @charset; strings hold no braces)."""
    blocks, depth, start, prelude_end = [], 0, 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude_end = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[start:prelude_end].strip(), css[prelude_end + 1:index]))
                start = index + 1
    return blocks


def _selectors(prelude: str) -> list[str]:
    """A selector list split on its top-level commas (not those inside :is(), :not()...)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return parts


def _rewrite(css: str, rule: Callable[[str, str], str]) -> str:
    """``css`` with each rule replaced by ``rule(prelude, body)`` ("" drops it); at-rules that group
    rules are rewritten inside (and dropped when left empty), other at-rules (@keyframes, @page) kept."""
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith(_GROUPING):
            inner = _rewrite(body, rule)
            out.append(f"{prelude}{{{inner}}}" if inner else "")
        else:
            out.append(f"{prelude}{{{body}}}" if prelude.startswith("@") else rule(prelude, body))
    return "".join(out)


def _filter_rules(css: str, keep: Callable[[str], bool]) -> str:
    """``css`` with only the selectors ``keep`` accepts (rules left without one are dropped)."""

    def rule(prelude: str, body: str) -> str:
        selectors = [s for s in _selectors(prelude) if keep(s)]
        return f"{','.join(selectors)}{{{body}}}" if selectors else ""

    return _rewrite(css, rule)


def trim_palette(css: str, primary: set[str], accent: set[str]) -> str:
    """Material's palette stylesheet without the rules of colours the site does not use (it has
    rules for 20 primary and 16 accent colours; mkdocs.yml uses ``custom``)."""
    used = {"primary": primary, "accent": accent}
    return _filter_rules(_minify(css), lambda selector: all(
        value in used[kind] for kind, value in _COLOUR_RULE.findall(selector)))


_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has)\([^()]*\)")
TOKEN = re.compile(r"[\w-]+")


def named(class_name: str, tokens: set[str]) -> bool:
    """True when a page or script names the class: the class itself is a token, or a token is the
    start of it up to a ``-`` or ``_`` (a script that writes ``md-tag--${kind}``)."""
    if class_name in tokens:
        return True
    return any(char in "-_" and class_name[:index + 1] in tokens for index, char in enumerate(class_name))


def _declarations(body: str) -> list[str]:
    """A rule's declarations, split on the semicolons outside strings and parentheses."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return [part for part in parts if part.strip()]


def _drop_properties(css: str, unused: set[str]) -> str:
    def rule(prelude: str, body: str) -> str:
        kept = [d for d in _declarations(body) if d.split(":", 1)[0].strip() not in unused]
        return f"{prelude}{{{';'.join(kept)}}}" if kept else ""

    return _rewrite(css, rule)


_PROPERTY = re.compile(r"(?:^|[{;])(--[\w-]+):")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_DIRECTION = re.compile(r"\[dir=[\"']?(\w+)")


def purge(css: str, tokens: set[str], directions: Iterable[str] = ("ltr",)) -> str:
    """``css`` without the rules no page or script of the site can use: a selector is dropped when
    one of its classes is named nowhere (see ``named``; ``tokens`` are every word of every built page
    and script). Material's stylesheet styles every feature Material has (banners, blog posts, cookie
    consent, keyboard keys, emoji...); the site uses a few. Conservative: classes inside :not(),
    :is(), :where(), :has() never drop a selector; a class a script adds is named in the script.
    Also dropped: ``[dir=…]`` rules for a direction no page is written in (``directions``), and
    custom properties nothing reads. Runs on the built site, so a page that starts using a feature
    (an editor's first footnote) brings its rules back at the next build."""
    written = set(directions)

    def keep(selector: str) -> bool:
        if any(direction not in written for direction in _DIRECTION.findall(selector)):
            return False  # [dir=rtl] rules, when no page is written right to left
        selector = _ATTRIBUTE.sub("", selector)  # a[href$=".pdf"]: no class there
        while _FUNCTIONAL.search(selector):
            selector = _FUNCTIONAL.sub("", selector)
        return all(named(name, tokens) for name in _CLASS.findall(selector))

    kept = _filter_rules(css, keep)
    # Custom properties no rule reads (var()) and no page or script names: Material's icons for
    # features the site does not use, colours of other schemes.
    used = set(_VAR.findall(kept)) | {token for token in tokens if token.startswith("--")}
    unused = {name for name in _PROPERTY.findall(kept) if name not in used}
    return _drop_properties(kept, unused) if unused else kept


def site_tokens(texts: Iterable[str]) -> set[str]:
    """Every word (letters, digits, ``-`` and ``_``) of the given pages and scripts."""
    tokens: set[str] = set()
    for text in texts:
        tokens.update(TOKEN.findall(text))
    return tokens


_TAG = re.compile(r"<[a-zA-Z][^>]*>")


def tag_tokens(page_html: str) -> set[str]:
    """The words inside a page's tags (names, attributes and their values): all a selector can match.
    The text between tags cannot; a script that adds a class has it in its own source, read whole."""
    return set(TOKEN.findall(" ".join(set(_TAG.findall(page_html)))))  # each distinct tag once


def build_css(read: Callable[[str], str], material: Iterable[str] = ()) -> str:
    """The minified stylesheet: Material's stylesheets (already trimmed), then every part of ``CSS``.
    Starts with @charset: the bundle holds non-ASCII text and a host may send no charset."""
    pieces = ['@charset "UTF-8";', *(_minify(css) for css in material)]
    for part in CSS:
        css = _minify(read(part.path))
        pieces.append(f"@media {part.media}{{{css}}}" if part.media else css)
    return "".join(pieces)


def purge_bundle(css: str, tokens: set[str], directions: Iterable[str] = ("ltr",)) -> str:
    """The built stylesheet (``build_css``) with ``purge`` applied, @charset kept first."""
    return '@charset "UTF-8";' + purge(_minify(css), tokens, directions)


_DIR_ATTRIBUTE = re.compile(r'<html\b[^>]*\bdir="(\w+)"|<body\b[^>]*\bdir="(\w+)"')


def page_directions(page_html: str) -> set[str]:
    """The writing directions (``dir``) a page sets on <html> or <body>."""
    return {value for pair in _DIR_ATTRIBUTE.findall(page_html) for value in pair if value}


def build_js(read: Callable[[str], str], parts: Iterable[Part] = JS) -> str:
    """The minified script: every part of ``parts`` (``JS`` or ``SEARCH_JS``) in order, each in its own
    block, so that, as when they were separate files, an error in one does not stop the others (it is
    still reported, as an uncaught error) and a top-level ``let``/``const`` of one cannot clash with
    another's."""
    wrapped = (
        f"try{{\n{read(part.path)}\n}}catch(error){{setTimeout(function(){{throw error}})}}" for part in parts
    )
    return str(rjsmin.jsmin("\n".join(wrapped))) + "\n"


def hashed(name: str, content: str) -> str:
    """``name`` with ``{hash}`` replaced by the first 8 hex digits of the content's SHA-256."""
    return name.format(hash=hashlib.sha256(content.encode("utf-8")).hexdigest()[:8])


# --- colours from the stylesheet --------------------------------------------------------------

def css_variable(css: str, name: str) -> str | None:
    """The value of custom property ``name`` for ``:root`` (the light scheme) in ``css``: the last
    rule whose selectors include ``:root`` and that sets it wins, as in the browser; or None."""
    value = None
    for prelude, body in _blocks(_minify(css)):
        if ":root" in _selectors(prelude):
            match = re.search(rf"(?:^|;){re.escape(name)}:([^;]+)", body)
            if match:
                value = match.group(1).strip()
    return value


# --- pages -------------------------------------------------------------------------------------

_KEEP_AS_IS = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r">[ \t\r]*\n\s*<")


def collapse_indentation(page_html: str) -> str:
    """``page_html`` without the indentation between tags (the templates' indentation costs about
    half a kilobyte of gzip per page). A newline stays, so text between inline tags keeps its space;
    ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>`` are left untouched. Inline SVG loses its
    redundant ``xmlns`` declaration."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"<\x00{len(kept) - 1}\x00>"

    collapsed = _INDENT.sub(">\n<", _KEEP_AS_IS.sub(hold, page_html))
    # Inline <svg> in HTML needs no namespace declaration (the HTML parser gives it): ~0.5 KB a page.
    collapsed = collapsed.replace(' xmlns="http://www.w3.org/2000/svg"', "")
    return re.sub(r"<\x00(\d+)\x00>", lambda match: kept[int(match.group(1))], collapsed)


_SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
_JS_FILE = re.compile(re.escape(JS_NAME).replace(re.escape("{hash}"), "[0-9a-f]{8}") + "$")
_SEARCH_JS_FILE = re.compile(re.escape(SEARCH_JS_NAME).replace(re.escape("{hash}"), "[0-9a-f]{8}") + "$")
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"(?: media="([^"]+)")?')
_CSS_FILE = re.compile(re.escape(CSS_NAME).replace(re.escape("{hash}"), "[0-9a-f]{8}") + "$")


def script_order(page_html: str) -> list[str]:
    """The scripts a page loads with it, in order: each ``<script src>`` as written, except the
    project's scripts, which stand for their parts (paths relative to ``overrides/``). For tests of
    load order. (Not the search's script where it is loaded later, see SEARCH_JS.)"""
    order: list[str] = []
    for src in _SCRIPT_SRC.findall(page_html):
        if _JS_FILE.search(src):
            order += [part.path for part in JS]
        elif _SEARCH_JS_FILE.search(src):
            order += [part.path for part in SEARCH_JS]
        else:
            order.append(src)
    return order


def stylesheet_parts(page_html: str) -> list[tuple[str, str | None]]:
    """The stylesheets a page uses as (path, media), the project's one stylesheet expanded into its
    parts (paths relative to ``overrides/``). For tests."""
    parts: list[tuple[str, str | None]] = []
    for href, media in _CSS_LINK.findall(page_html):
        if _CSS_FILE.search(href):
            parts += [(part.path, part.media) for part in CSS]
        else:
            parts.append((href, media or None))
    return parts
