"""Rules for reading on a phone (issue 15): the skip link and the contents list of a long page.

Plain Python, no MkDocs import; the hook overrides/hooks/reading.py calls it.
"""

from __future__ import annotations

import html
import re

# Where the skip link lands: the start of the page's content, before its title, intro and reading
# tools (overrides/main.html writes an element with this id first in the content block).
CONTENT_START_ID = "hb-content"
# A page gets the floating "Contents" button from this many headings on (a guide's steps).
MIN_TOC_ENTRIES = 3

_SKIP_BLOCK = re.compile(r'(<div data-md-component="skip">).*?(</div>)', re.DOTALL)


def skip_link(page_html: str, label: str) -> str:
    """Point Material's skip link at the start of the content (Material points it at the first
    heading of the contents, past the title, the intro and the reading tools), labelled ``label``.
    Pages without headings get one too. A page with no content start is returned unchanged."""
    if f'id="{CONTENT_START_ID}"' not in page_html:
        return page_html
    link = f'<a href="#{CONTENT_START_ID}" class="md-skip">{html.escape(label)}</a>'
    return _SKIP_BLOCK.sub(lambda match: match.group(1) + link + match.group(2), page_html, count=1)


def has_contents(toc_entries: int) -> bool:
    """True when a page is long enough to deserve the contents button."""
    return toc_entries >= MIN_TOC_ENTRIES
