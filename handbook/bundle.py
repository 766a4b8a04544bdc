"""The project's own CSS and JavaScript, served as ONE stylesheet and ONE script (issue 19).

Every request costs a resident on slow mobile data a round trip of several hundred milliseconds,
so the build joins the project's files, minifies them (rcssmin, rjsmin) and names each result after
a hash of its content (``handbook.1a2b3c4d.min.css``): a year of caching is then safe
(``handbook/csp.py`` ``is_hashed_asset``, ``_headers`` and the nginx example in README.md).

The inputs are the ordered lists below, in ONE place. Adding a file = adding one line here;
the build stops (``undeclared``) when a ``.js`` or ``.css`` file under ``overrides/assets`` is in
neither a bundle nor ``SEPARATE``, so nothing is silently left out.

Load order (overrides/main.html): the stylesheet, then the script, both in ``<head>``. The script
is a plain (blocking) script so ``a11y.js`` still applies the reader's text size before the first
paint, and everything that must run before Material's bundle does (Material's bundle is at the
end of ``<body>`` and mounts its components on ``DOMContentLoaded``; ``material-inline.js`` runs
its part that needs the page on ``DOMContentLoaded`` too, registered first, so it runs first).

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
    # Printing (issue 6). In the bundle under @media print: a separate media="print" file does not
    # block the page, but Chromium downloads it on every first load anyway (one more request).
    Part("assets/stylesheets/print.css", media="print"),
)
JS: tuple[Part, ...] = (
    Part("assets/javascripts/a11y.js"),  # first: the reader's text size before the first paint
    Part("assets/javascripts/material-inline.js"),  # before Material's bundle
    Part("assets/javascripts/search-fold.js"),  # before Material's bundle
    Part("assets/javascripts/lazy-search.js"),  # after search-fold.js, before Material's bundle
    Part("assets/javascripts/sw-register.js"),  # waits for the page's load event itself
)
# Files that stay separate, and why.
SEPARATE: dict[str, str] = {
    "assets/javascripts/sw.js": "the service worker: its own file at the site root (overrides/hooks/offline.py)",
    "assets/javascripts/vendor/iframe-worker-shim.js": "only the offline copy loads it (Material's offline plugin)",
    "assets/javascripts/ward-filter.js": "only the ward directory loads it (overrides/hooks/wards.py)",
}

CSS_NAME = "assets/stylesheets/handbook.{hash}.min.css"
JS_NAME = "assets/javascripts/handbook.{hash}.min.js"
BUNDLED_SUFFIXES = (".js", ".css")


class BundleError(ValueError):
    """The bundle lists and the files on disk disagree: the build stops with this message."""


def undeclared(asset_paths: Iterable[str]) -> list[str]:
    """Problems (bilingual, one per file) between the ``.js``/``.css`` files that exist (paths
    relative to ``overrides/``) and the lists above: a file in no list, a listed file missing."""
    present = {path for path in asset_paths if path.endswith(BUNDLED_SUFFIXES)}
    listed = [part.path for part in (*CSS, *JS)]
    problems = []
    for path in sorted(present - set(listed) - set(SEPARATE)):
        problems.append(
            f"overrides/{path}: tệp không nằm trong gói nào / the file is in no bundle. "
            f"Thêm một dòng Part(\"{path}\") vào CSS hoặc JS trong handbook/bundle.py (đúng thứ tự nạp), "
            f"hoặc vào SEPARATE kèm lý do / add a Part(\"{path}\") line to CSS or JS in handbook/bundle.py "
            f"(in load order), or to SEPARATE with the reason."
        )
    for path in listed:
        if path not in present:
            problems.append(
                f"handbook/bundle.py: overrides/{path} không tồn tại / does not exist. "
                f"Xóa dòng đó hoặc sửa đường dẫn / remove that line or fix the path."
            )
    return problems


# --- CSS ---------------------------------------------------------------------------------------

_COLOUR_RULE = re.compile(r"\[data-md-color-(primary|accent)=[\"']?([\w-]+)")


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a minified stylesheet (no strings contain braces)."""
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


def trim_palette(css: str, primary: set[str], accent: set[str]) -> str:
    """Material's palette stylesheet without the rules of colours the site does not use (it has
    rules for 20 primary and 16 accent colours; mkdocs.yml uses ``custom``)."""
    used = {"primary": primary, "accent": accent}
    out = []
    for prelude, body in _blocks(rcssmin.cssmin(css)):
        if prelude.startswith("@media") or prelude.startswith("@supports"):
            inner = trim_palette(body, primary, accent)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [s for s in prelude.split(",")
                     if all(value in used[kind] for kind, value in _COLOUR_RULE.findall(s))]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def build_css(read: Callable[[str], str], palette: str = "") -> str:
    """The minified stylesheet: ``palette`` (already trimmed) then every part of ``CSS``."""
    pieces = [palette]
    for part in CSS:
        css = rcssmin.cssmin(read(part.path))
        pieces.append(f"@media {part.media}{{{css}}}" if part.media else css)
    return "".join(pieces)


def build_js(read: Callable[[str], str]) -> str:
    """The minified script: every part of ``JS`` in order, each ended so the next cannot merge into it."""
    return rjsmin.jsmin("\n;\n".join(read(part.path) for part in JS)) + "\n"


def hashed(name: str, content: str) -> str:
    """``name`` with ``{hash}`` replaced by the first 8 hex digits of the content's SHA-256."""
    return name.format(hash=hashlib.sha256(content.encode("utf-8")).hexdigest()[:8])


# --- colours from the stylesheet --------------------------------------------------------------

def css_variable(css: str, name: str) -> str | None:
    """The value of custom property ``name`` in the first rule of ``css`` whose selectors include
    ``:root`` (the light scheme), or None."""
    for prelude, body in _blocks(rcssmin.cssmin(css)):
        if ":root" in prelude.split(",") or ":root" in prelude:
            match = re.search(rf"(?:^|;){re.escape(name)}:([^;]+)", body)
            if match:
                return match.group(1).strip()
    return None
