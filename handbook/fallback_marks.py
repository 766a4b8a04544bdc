"""Interface text not translated yet carries the language it is really in (``lang``), on every page.

Templates read the reader's catalogue from ``hb_text`` (overrides/hooks/site.py). A line readers get in
another language (handbook/text.py: copied or falling back) is given there wrapped in three private-use
characters: START, its language, MIDDLE, the text, END. When the page is written, :func:`apply` turns
each one in the page's text into ``<span lang="…">…</span>``; inside a tag (an attribute: ``aria-label``,
``placeholder``) or in ``<title>``, ``<script>`` or ``<style>``, where no element can mark it, the
characters are removed and the words stay as they are. So no template has to know which lines are
translated, and readers and screen readers get the other language's words marked as such.
"""

from __future__ import annotations

import re
from functools import cache

from handbook.text import catalogue_lines

START, MIDDLE, END = "\ue000", "\ue001", "\ue002"
_RAW = re.compile(r"(<(script|style|title|textarea)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
_OPEN = re.compile(f"{START}([A-Za-z-]+){MIDDLE}")
# The same characters as JSON writes them inside a script (Jinja's tojson escapes them).
_ESCAPED = re.compile(r"\\ue000[A-Za-z-]*\\ue001|\\ue002", re.IGNORECASE)
_ANY = re.compile(f"{START}[A-Za-z-]*{MIDDLE}|{END}")


@cache
def marked_catalogue(lang: str) -> dict[str, str]:
    """``lang``'s catalogue for templates (cached, read-only): the lines in another language wrapped in the
    marks."""
    return {
        key: line.text if line.lang == lang else f"{START}{line.lang}{MIDDLE}{line.text}{END}"
        for key, line in catalogue_lines(lang).items()
    }


def strip(text: str) -> str:
    """``text`` without any mark."""
    return _ESCAPED.sub("", _ANY.sub("", text))


def apply(html: str) -> str:
    """``html`` with each marked text as a ``<span lang>`` (the marks removed where no span can go)."""
    if START not in html and "\\ue000" not in html.lower():
        return html
    parts = []
    last = 0
    for match in _RAW.finditer(html):
        parts += [_spans(html[last: match.start()]), strip(match.group(0))]
        last = match.end()
    parts.append(_spans(html[last:]))
    return "".join(parts)


def _spans(text: str) -> str:
    return _OPEN.sub(lambda found: f'<span lang="{found.group(1)}">', text).replace(END, "</span>")
