"""Reading offline with the service worker (issue 6): a page opened once opens again with the
network cut, and a new deploy replaces the old cache. Real Chromium over the shared build."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import PHONE
from handbook.bundle import script_order, stylesheet_parts
from handbook.offline import BUILD_ID_PLACEHOLDER, build_id, render_service_worker

GUIDE = "guides/dong-tien-dien/"
GUIDE_TITLE = "Đóng tiền điện bằng ứng dụng CSKH EVNSPC"
BUILD_ID_LINE = re.compile(r'const BUILD_ID = "([0-9a-f]{12})";')


class DeployServer:
    """The built site on loopback, as a static host serves it; ``deploy(id)`` changes the
    build id inside /sw.js, as a new deploy would, and ``stop()`` cuts the network for real."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.build = "000000000000"
        owner = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path.split("?")[0] == "/sw.js":
                    source = (owner.site / "sw.js").read_text(encoding="utf-8")
                    body = BUILD_ID_LINE.sub(f'const BUILD_ID = "{owner.build}";', source).encode("utf-8")
                    self.send_response(200)
                    self.send_header("Content-Type", "text/javascript; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().do_GET()

        handler = functools.partial(Handler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def deploy(self, build: str) -> None:
        self.build = build

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def host(site_dir: Path) -> Iterator[DeployServer]:
    server = DeployServer(site_dir)
    yield server
    try:
        server.stop()
    except OSError:
        pass


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()


CACHED = """async (url) => {
  const found = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    found[name] = (await cache.keys()).map((request) => request.url);
  }
  return found;
}"""


def wait_for(check: object, what: str, timeout: float = 15.0) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def caches_now(page: object) -> dict[str, list[str]]:
    return page.evaluate(CACHED, page.url)


def test_service_worker_is_at_the_site_root_with_a_build_id(site_dir: Path) -> None:
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert BUILD_ID_PLACEHOLDER not in worker
    match = BUILD_ID_LINE.search(worker)
    assert match, "sw.js has no build id"
    assert not (site_dir / "assets/javascripts/sw.js").exists(), "sw.js belongs at the root only"
    assert not (site_dir / "assets/javascripts/vendor/iframe-worker-shim.js").exists(), "offline-copy only"
    for page in ("index.html", f"{GUIDE}index.html", f"en/{GUIDE}index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        # One project script and one stylesheet (handbook/bundle.py): sw-register.js and print.css are in them.
        assert "assets/javascripts/sw-register.js" in script_order(html), page
        assert ("assets/stylesheets/print.css", "print") in stylesheet_parts(html), page


def test_build_id_changes_when_any_file_changes(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("một", encoding="utf-8")
    (tmp_path / "sw.js").write_text("ignored", encoding="utf-8")
    first = build_id(tmp_path)
    (tmp_path / "sw.js").write_text("still ignored", encoding="utf-8")
    assert build_id(tmp_path) == first, "the worker's own file must not change its id"
    (tmp_path / "index.html").write_text("hai", encoding="utf-8")
    assert build_id(tmp_path) != first
    assert render_service_worker(f'const BUILD_ID = "{BUILD_ID_PLACEHOLDER}";', first) == f'const BUILD_ID = "{first}";'


def test_a_guide_opened_once_opens_again_offline(phone: object, host: DeployServer) -> None:
    page = phone.new_page()
    page.goto(host.url + GUIDE, wait_until="load")
    guide_url = page.url
    # The worker keeps the page and everything it loaded (CSS, JS), without downloading it again.
    def guide_and_styles_cached() -> dict[str, list[str]] | None:
        found = caches_now(page)
        kept = any(guide_url in urls and any(".css" in url for url in urls) for urls in found.values())
        return found if kept else None

    cached = wait_for(guide_and_styles_cached, "the guide and its stylesheets to be cached")
    assert list(cached) == [f"handbook-{host.build}"]

    host.stop()  # the network is really gone: no server answers
    phone.set_offline(True)
    page.reload(wait_until="load")
    assert page.inner_text("article h1") == GUIDE_TITLE
    # Styled from the cache too: Material's header is sticky only with its stylesheet.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"

    # A page never opened: a short message in the page's language, not the browser's error page.
    response = page.goto(host.url + "en/guides/dong-tien-nuoc/")
    assert response is not None and response.status == 503
    assert "You are offline" in page.inner_text("body")


def test_a_new_deploy_replaces_the_old_cache(phone: object, host: DeployServer) -> None:
    host.deploy("aaaaaaaaaaaa")
    page = phone.new_page()
    page.goto(host.url + GUIDE, wait_until="load")
    wait_for(lambda: "handbook-aaaaaaaaaaaa" in caches_now(page), "the first deploy's cache")

    host.deploy("bbbbbbbbbbbb")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    wait_for(lambda: "handbook-aaaaaaaaaaaa" not in caches_now(page), "the old cache to be deleted")
    page.reload(wait_until="load")
    def new_cache() -> dict[str, list[str]] | None:
        found = caches_now(page)
        return found if found.get("handbook-bbbbbbbbbbbb") else None

    cached = wait_for(new_cache, "the new deploy's cache")
    assert list(cached) == ["handbook-bbbbbbbbbbbb"]
    assert page.url in cached["handbook-bbbbbbbbbbbb"]


def test_search_downloads_nothing_until_the_reader_opens_it(phone_page: object, base_url: str) -> None:
    """The search index (every page's text) and its worker cost a first visit nothing (lazy-search.js)."""
    requested: list[str] = []
    phone_page.on("request", lambda request: requested.append(request.url))
    phone_page.goto(base_url + GUIDE, wait_until="networkidle")
    phone_page.wait_for_timeout(500)
    assert not [u for u in requested if "search_index" in u or "/workers/" in u or "/lunr/" in u]

    phone_page.locator('label.md-header__button[for="__search"]').click()
    phone_page.locator('input[data-md-component="search-query"]').press_sequentially("EVNSPC", delay=20)
    phone_page.locator('.md-search-result__item a[href*="dong-tien-dien"]').first.wait_for(timeout=15_000)
    assert [u for u in requested if u.endswith("search/search_index.json")]
