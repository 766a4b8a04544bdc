"""The search query table (issue 16): what residents type, and the page that must come first.

Each row of tests/data/search-queries.json (Telex and VNI typed without an input method, typos,
abbreviations, English words on the Vietnamese site, old ward names, both languages) is typed
into the real search box, as a reader does on a 360 px phone: tap the search button, type. One
page per language; the box is cleared and retyped for each query (no reload), so the table stays
fast.

The same table measures any built site (for before/after figures):

    .venv/bin/python tests/test_search_quality.py SITE_DIR
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, serve_directory

TABLE = Path(__file__).resolve().parent / "data" / "search-queries.json"
SITES = {"vi": "", "en": "en/"}
BOX = 'input[data-md-component="search-query"]'
BUTTON = '[data-hb-search-button]'
RESULTS = "li.md-search-result__item"


@dataclass(frozen=True)
class Row:
    site: str
    query: str
    expected: str
    kind: str
    found: tuple[str, ...]

    @property
    def top1(self) -> bool:
        return bool(self.found) and self.found[0] == self.expected

    @property
    def top3(self) -> bool:
        return self.expected in self.found[:3]


def load_table() -> list[tuple[str, str, str, str]]:
    return [tuple(row) for row in json.loads(TABLE.read_text(encoding="utf-8"))["queries"]]


def tap_search(page: object) -> object:
    """Tap the magnifier like a reader: the box takes the focus from the tap alone (the phone's keyboard
    opens), and is returned."""
    from playwright.sync_api import expect

    page.locator(BUTTON).tap()
    box = page.locator(BOX)
    expect(box).to_be_focused(timeout=10_000)
    return box


SNAPSHOT = """() => [
  document.querySelector(".md-search-result__meta").textContent,
  Array.from(document.querySelectorAll("li.md-search-result__item"),
             item => item.querySelector("a.md-search-result__link").href)]"""


def _snapshot(page: object) -> tuple[str, tuple[str, ...]]:
    meta, hrefs = page.evaluate(SNAPSHOT)
    return meta, tuple(hrefs)


def wait_for_results(page: object, previous_meta: str, timeout: float = 10.0) -> tuple[str, ...]:
    """The result pages once the list has not changed for 0.3 s (after the meta line changed)."""
    deadline = time.monotonic() + timeout
    last, same = None, 0
    while time.monotonic() < deadline:
        snap = _snapshot(page)
        if snap == last and snap[0] != previous_meta:
            same += 1
            if same >= 3:
                return snap[1]
        else:
            same = 0
        last = snap
        page.wait_for_timeout(100)
    return last[1] if last else ()


def type_query(page: object, box: object, query: str) -> tuple[str, ...]:
    """Clear the box, type ``query``, return the result links.

    All but the last character go in as one input (as a phone keyboard's suggestion or a paste
    does); the last is a real key press, on which Material searches. One search per query keeps
    the table fast (typing key by key is covered by test_search_browser.py).
    """
    box.fill("")
    box.press("Backspace")  # a key event: Material shows its "type to search" line again
    page.wait_for_timeout(100)
    empty_meta = _snapshot(page)[0]
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    assert box.input_value() == query
    return wait_for_results(page, empty_meta)


def site_path(href: str, base_url: str) -> str:
    base = urlsplit(base_url).path
    path = urlsplit(href).path
    return path[len(base):] if path.startswith(base) else href


def run_table(
    browser: object, base_url: str, table: list[tuple[str, str, str, str]]
) -> list[Row]:
    """Type every query of ``table``; the rows with what came back."""
    rows: list[Row] = []
    for site, prefix in SITES.items():
        queries = [row for row in table if row[0] == site]
        if not queries:
            continue
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        try:
            page = context.new_page()
            page.goto(base_url + prefix, wait_until="networkidle")
            box = tap_search(page)
            # Warm up: the first query waits for the index download and the search worker.
            box.press_sequentially("zalo", delay=10)
            page.locator(RESULTS).first.wait_for(timeout=20000)
            for _, query, expected, kind in queries:
                found = type_query(page, box, query)
                rows.append(Row(site, query, expected, kind,
                                tuple(site_path(href, base_url) for href in found)))
        finally:
            context.close()
    return rows


def rates(rows: list[Row]) -> str:
    n = len(rows)
    top1 = sum(row.top1 for row in rows)
    top3 = sum(row.top3 for row in rows)
    return f"top-1 {top1}/{n} ({100 * top1 / n:.0f} %), top-3 {top3}/{n} ({100 * top3 / n:.0f} %)"


def report(rows: list[Row]) -> str:
    lines = []
    for row in rows:
        mark = "ok " if row.top1 else ("3  " if row.top3 else "-- ")
        lines.append(
            f"{mark} {row.site} {row.kind:<13} {row.query!r:<34} want {row.expected:<36} got "
            f"{list(row.found[:3])}"
        )
    by_kind: dict[str, list[Row]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    lines.append("")
    for kind, kind_rows in sorted(by_kind.items()):
        lines.append(f"{kind:<14} {rates(kind_rows)}")
    lines.append(f"{'ALL':<14} {rates(rows)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------


def test_the_table_is_big_enough_and_covers_both_languages_and_every_kind() -> None:
    table = load_table()
    assert len(table) >= 40
    assert {row[0] for row in table} == {"vi", "en"}
    assert {"telex", "vni", "typo", "abbreviation", "old-ward", "english-on-vi"} <= {row[3] for row in table}
    assert len({(row[0], row[1]) for row in table}) == len(table)  # no query twice


MAINTAINER_PAGES = ("contributing/", "accessibility/")


def is_for_maintainers(page: str) -> bool:
    return page.removeprefix("en/").startswith(MAINTAINER_PAGES)


def test_every_query_of_the_table_finds_its_page_first_on_a_phone(browser: object, base_url: str) -> None:
    rows = run_table(browser, base_url, load_table())
    print("\n" + report(rows))
    wrong = [row for row in rows if not row.top1]
    assert not wrong, "\n".join(
        f"{row.site} {row.query!r}: want {row.expected}, got {list(row.found[:5])}" for row in wrong)
    # Pages for maintainers (how to contribute, translation status, accessibility statement) come
    # after every page for residents.
    for row in rows:
        kinds = [is_for_maintainers(page) for page in row.found]
        assert kinds == sorted(kinds), f"{row.site} {row.query!r}: {list(row.found)}"


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = Path(argv[0])
    server, url = serve_directory(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            started = time.monotonic()
            rows = run_table(browser, url, load_table())
            browser.close()
        print(report(rows))
        print(f"({len(rows)} queries in {time.monotonic() - started:.0f} s)")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
