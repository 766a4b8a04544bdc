"""The content security policy in real Chromium (issue 9).

- It is active: on a copy of a real page with an injected third-party image, inline script and
  inline onclick handler, all three are blocked, reported (securitypolicyviolation events and
  "Content Security Policy" console errors), and the third-party server is never asked.
- It breaks nothing: normal pages report no violation; search, the language switch and the ward
  filter still work with it.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import serve_directory

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || ""));
});
"""


def watch(page: object) -> list[str]:
    """Record CSP console messages of ``page``; violations are collected by WATCH_VIOLATIONS."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.add_init_script(WATCH_VIOLATIONS)  # run by the browser itself, not subject to the page's policy
    return messages


class _PixelHandler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _PixelHandler.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def third_party() -> Iterator[str]:
    """Another origin (another loopback port), standing in for a tracker."""
    _PixelHandler.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PixelHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def injected_site(site_dir: Path, third_party: str, tmp_path: Path) -> Iterator[str]:
    """A copy of the built site with one page carrying what an unsafe edit would have added."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    page = site / "guides" / "dong-tien-dien" / "index.html"
    html = page.read_text(encoding="utf-8")
    injected = (
        f'<img id="pixel" src="{third_party}/pixel.gif" alt="">'
        '<button id="prize" onclick="window.__clicked = true">Nhận quà</button>'
        "<script>window.__inline = true</script>"
    )
    assert "</article>" in html
    page.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    server, url = serve_directory(site)
    yield url + "guides/dong-tien-dien/"
    server.shutdown()


def test_the_policy_blocks_and_reports_a_third_party_image_and_inline_code(
    desktop_page: object, injected_site: str
) -> None:
    console = watch(desktop_page)
    desktop_page.goto(injected_site, wait_until="networkidle")
    desktop_page.click("#prize")
    desktop_page.wait_for_timeout(200)

    assert desktop_page.evaluate("window.__clicked") is None, "the inline onclick handler ran"
    assert desktop_page.evaluate("window.__inline") is None, "the inline script ran"
    assert _PixelHandler.hits == [], "the third-party image was requested"
    assert desktop_page.evaluate("document.getElementById('pixel').naturalWidth") == 0

    violations = desktop_page.evaluate("window.__violations")
    assert any(v.startswith("img-src") and "/pixel.gif" in v for v in violations), violations
    assert any(v.startswith("script-src-attr") for v in violations), violations
    assert any(v.startswith("script-src-elem") and v.endswith("inline") for v in violations), violations
    # Chromium's wording changes between versions ("Refused to load…", "Loading the image…violates…").
    assert any("image" in m and "img-src" in m for m in console), console
    assert any("inline event handler" in m for m in console), console
    assert any("inline script" in m for m in console), console
    # The page itself still works: Material's scripts (moved to files) ran.
    assert desktop_page.evaluate("typeof __md_get") == "function"


@pytest.mark.parametrize(
    "path", ["", "guides/dong-tien-dien/", "wards/", "en/", "en/guides/dong-tien-dien/", "en/wards/"]
)
def test_normal_pages_report_no_violation(phone_page: object, base_url: str, path: str) -> None:
    console = watch(phone_page)
    phone_page.goto(base_url + path, wait_until="networkidle")
    assert phone_page.evaluate("window.__violations") == []
    assert console == []
    # Material's moved inline scripts ran: the same scope as Material's inline script would set.
    assert phone_page.evaluate("__md_scope.href") == base_url


def test_search_works_with_the_policy(desktop_page: object, base_url: str) -> None:
    console = watch(desktop_page)
    desktop_page.goto(base_url, wait_until="networkidle")
    query = desktop_page.locator('input[data-md-component="search-query"]')
    query.click()
    query.press_sequentially("dong tien dien", delay=30)
    result = desktop_page.locator('.md-search-result__item a[href*="dong-tien-dien"]').first
    result.wait_for(timeout=15_000)
    assert desktop_page.evaluate("window.__violations") == []
    assert console == []


def test_language_switch_works_with_the_policy(phone_page: object, base_url: str) -> None:
    console = watch(phone_page)
    phone_page.goto(base_url + "guides/dong-tien-dien/", wait_until="networkidle")
    phone_page.get_by_role("link", name="English", exact=True).click()
    phone_page.wait_for_url(base_url + "en/guides/dong-tien-dien/")
    assert phone_page.locator("html").get_attribute("lang") == "en"
    assert phone_page.evaluate("window.__violations") == []
    assert console == []


def test_ward_filter_works_with_the_policy(phone_page: object, base_url: str) -> None:
    console = watch(phone_page)
    phone_page.goto(base_url + "wards/", wait_until="networkidle")
    box = phone_page.locator("#ward-filter-input")
    box.wait_for(state="visible")  # shown by ward-filter.js: the script ran
    rows = "[data-ward-list] > li"
    total = phone_page.locator(rows).count()
    assert total > 5
    box.press_sequentially("bao vinh", delay=20)
    phone_page.wait_for_function(
        "([rows, n]) => [...document.querySelectorAll(rows)].filter(li => !li.hidden).length < n",
        arg=[rows, total],
    )
    assert phone_page.evaluate("window.__violations") == []
    assert console == []
