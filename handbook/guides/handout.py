"""A page on paper and on another phone: the HTML rules of the printed handout and of the hand-over.

Plain Python, no MkDocs: the hook (overrides/hooks/handout.py) calls these for each page.

* ``wrap_steps``: each guide step (``<h2 id="buoc-N">`` and what follows it, up to the next H2) is
  wrapped in ``<div class="hb-step">``, so print.css can keep a step's text and its picture on the
  same sheet (``break-inside: avoid``) and set the picture beside the text.
* ``print_addresses``: every link to another page of the handbook gets ``data-print-address`` with the
  page's published address (``https://…/guides/x/``), which print.css writes after the link's text;
  a printed relative address (``../../wards/``) means nothing on paper.
* ``mark_address_texts``: a web link whose text is its whole address (``<https://dichvucong.gov.vn>``)
  gets ``data-address-is-text``: print.css writes a web link's address after its text, once is enough.
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urljoin, urlsplit

from handbook.publish.print_qr import online_url

_H2 = re.compile(r"<h2[\s>]")
_STEP_H2 = re.compile(r'<h2 id="buoc-\d+"')
_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>')
# Links whose address is already in words (web links, print.css) or is not a place (phone, mail).
_NOT_A_PAGE = ("http://", "https://", "//", "tel:", "mailto:", "sms:", "#", "data:", "javascript:")
# A web link whose text is exactly its address, then the end of the link or the shown domain's <span>
# (handbook/safety/external_links.py).
_ADDRESS_TEXT = re.compile(r'(<a\s[^>]*?href="(https?://[^"]+)"[^>]*)>\2(?=</a>|<span[\s>])')


def wrap_steps(html: str) -> str:
    """Wrap each step section (an H2 with id ``buoc-N`` up to the next H2) in ``div.hb-step``.

    Step headings are top-level in a guide's HTML (Markdown headings), so the next ``<h2`` ends
    the step.
    """
    starts = [m.start() for m in _H2.finditer(html)]
    if not any(_STEP_H2.match(html, start) for start in starts):
        return html
    out: list[str] = []
    position = 0
    for index, start in enumerate(starts):
        if not _STEP_H2.match(html, start):
            continue
        end = starts[index + 1] if index + 1 < len(starts) else len(html)
        out += [html[position:start], '<div class="hb-step">', html[start:end].rstrip("\n"), "</div>\n"]
        position = end
    out.append(html[position:])
    return "".join(out)


def published_address(href: str, page_url: str, site_url: str) -> str | None:
    """The published address of a link to another page of the site, or None if it is not one.

    ``href`` is relative to the page (``page_url``, as MkDocs writes it: ``guides/x/`` online,
    ``guides/x.html`` in the offline copy); the result uses the published directory URLs.
    """
    if not href or href.startswith(_NOT_A_PAGE):
        return None
    target = urlsplit(urljoin("/" + page_url, href))
    path = target.path.lstrip("/")
    if path.endswith(".md"):  # a link MkDocs did not resolve (the strict build stops on those anyway)
        return None
    address = online_url(site_url, path)
    return address + (f"#{target.fragment}" if target.fragment else "")


def print_addresses(html: str, page_url: str, site_url: str) -> str:
    """Give every link to another page of the site its published address, for print.css to print."""

    def add(match: re.Match[str]) -> str:
        tag = match.group(0)
        if "data-print-address" in tag:
            return tag
        address = published_address(unescape(match.group(1)), page_url, site_url)
        if address is None:
            return tag
        return tag[:-1] + f' data-print-address="{escape(address)}">'

    return _LINK.sub(add, html)


def mark_address_texts(html: str) -> str:
    """Mark each web link whose text is its whole address, so print.css does not print it twice."""

    def mark(match: re.Match[str]) -> str:
        tag, address = match.group(1), match.group(2)
        if "data-address-is-text" in tag:
            return match.group(0)
        return f"{tag} data-address-is-text>{address}"

    return _ADDRESS_TEXT.sub(mark, html)
