"""Menus, search and contents the way residents hold a phone (issue 15), in Debian's Chromium:
a 360 x 740 phone with touch (tap, not click) and a 1280 px screen with a keyboard."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DESKTOP, PHONE, wait_for

GUIDE = "guides/dong-tien-dien/"
SEARCH_INPUT = "input[data-md-component='search-query']"
MENU = "[data-hb-drawer-button]"
MAGNIFIER = "[data-hb-search-button]"

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  // The header's buttons by what they open (Material's labels without JavaScript: their "for").
  const opens = e.hasAttribute('data-hb-drawer-button') ? '__drawer'
    : e.hasAttribute('data-hb-search-button') ? '__search' : e.getAttribute('for');
  return {tag: e.tagName, cls: String(e.className), href: e.getAttribute('href'), for: opens,
          text: (e.innerText || '').trim().slice(0, 40), x: r.x, y: r.y, w: r.width, h: r.height,
          search: e.matches('[data-md-component=search-query]'), drawer: !!e.closest('.md-sidebar--primary')};
}"""



def wait_until(check: object, what: str, timeout: float = 5.0) -> object:
    """:func:`conftest.wait_for` with the phone paths' shorter default: they answer within seconds."""
    return wait_for(check, what, timeout)


def tab_through(page: object, presses: int) -> list[dict]:
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def on_screen(stop: dict, width: int, height: int) -> bool:
    return (
        stop["x"] + stop["w"] > 0 and stop["x"] < width and stop["y"] + stop["h"] > 0 and stop["y"] < height
    )


# ---- Search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["", "en/"])
def test_one_tap_on_the_magnifier_puts_the_cursor_in_search(tab: object, base_url: str, lang: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + lang + GUIDE, wait_until="load")
    page.evaluate("""() => { window.hbTap = {};
        document.addEventListener('pointerdown', () => { window.hbTap.down = performance.now(); }, true);
        document.addEventListener('focusin', (e) => { if \
(e.target.matches('[data-md-component=search-query]'))
          window.hbTap.focus = performance.now(); }, true); }""")
    page.locator(MAGNIFIER).tap()
    wait_until(
        lambda: page.evaluate(FOCUSED) and page.evaluate(FOCUSED)["search"], "focus in the search box", 1.0
    )
    elapsed = page.evaluate("window.hbTap.focus - window.hbTap.down")
    print(f"tap to focused search input at 360 px: {elapsed:.0f} ms")
    assert elapsed < 1000
    box = page.locator(SEARCH_INPUT).bounding_box()
    page.wait_for_timeout(400)  # Material's opening transition
    box = page.locator(SEARCH_INPUT).bounding_box()
    assert box and 0 <= box["x"] < PHONE["width"], "the box is on screen"
    page.keyboard.type("dien")
    assert page.input_value(SEARCH_INPUT) == "dien"
    # The results area speaks the page's language, never "Initializing search".
    assert "Initializing" not in page.inner_text(".md-search-result__meta")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_shortcut_keys_open_search(tab: object, base_url: str, viewport: dict, key: str) -> None:
    page = tab(viewport)
    page.goto(base_url + GUIDE, wait_until="load")
    page.keyboard.press(key)
    wait_until(lambda: (page.evaluate(FOCUSED) or {}).get("search"), f"'{key}' to open search")
    assert page.is_checked("#__search")


def test_escape_closes_search_and_gives_focus_back_to_the_magnifier(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + GUIDE, wait_until="load")
    page.locator(MAGNIFIER).tap()
    wait_until(lambda: (page.evaluate(FOCUSED) or {}).get("search"), "focus in search")
    page.keyboard.press("Escape")
    wait_until(lambda: not page.is_checked("#__search"), "search to close")
    assert (page.evaluate(FOCUSED) or {}).get("for") == "__search"


# ---- Tab order and the drawer -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["", "en/"])
def test_tab_order_on_a_phone_and_nothing_off_screen_takes_focus(
    tab: object, base_url: str, lang: str
) -> None:
    page = tab(PHONE)
    page.goto(base_url + lang + GUIDE, wait_until="load")
    stops = tab_through(page, 30)
    first = stops[:5]
    assert first[0]["cls"].startswith("md-skip")
    assert first[0]["text"] == ("Skip to main content" if lang else "Đến nội dung chính")
    assert first[1]["for"] == "__drawer", "menu"
    assert first[2]["for"] == "__search", "search"
    assert "hb-lang__link" in first[3]["cls"], "language"
    assert "hb-textsize__button" in first[4]["cls"], "reading tools"
    hidden = [stop for stop in stops if stop and not on_screen(stop, PHONE["width"], PHONE["height"] * 20)]
    assert hidden == [], f"off-screen elements took the focus: {hidden}"
    assert not [stop for stop in stops if stop and (stop["drawer"] or stop["search"])]


def test_the_drawer_keeps_focus_inside_and_closes_on_escape(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + GUIDE, wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["for"] == "__drawer"
    page.keyboard.press("Enter")
    wait_until(lambda: page.is_checked("#__drawer"), "the drawer to open")
    assert page.get_attribute(MENU, "aria-expanded") == "true"
    wait_until(lambda: (page.evaluate(FOCUSED) or {}).get("drawer"), "focus in the drawer")
    for stop in tab_through(page, 12) + [page.keyboard.press("Shift+Tab") or page.evaluate(FOCUSED)]:
        assert stop and stop["drawer"], f"focus left the open drawer: {stop}"
        assert on_screen(stop, PHONE["width"], PHONE["height"]), stop
    page.keyboard.press("Escape")
    wait_until(lambda: not page.is_checked("#__drawer"), "Escape to close the drawer")
    assert page.evaluate(FOCUSED)["for"] == "__drawer", "focus back on the menu button"
    page.wait_for_timeout(400)
    assert not [stop for stop in tab_through(page, 6) if stop and stop["drawer"]]


def test_a_tap_on_the_menu_opens_the_drawer_and_a_tap_outside_closes_it(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + GUIDE, wait_until="load")
    page.locator(MENU).tap()
    wait_until(lambda: page.is_checked("#__drawer"), "the drawer to open")
    page.wait_for_timeout(400)
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Danh bạ phường").wait_for(state="visible")
    page.touchscreen.tap(340, 400)  # the dimmed page beside the drawer
    wait_until(lambda: not page.is_checked("#__drawer"), "the drawer to close")


def test_keyboard_paths_at_1280(tab: object, base_url: str) -> None:
    page = tab(DESKTOP)
    page.goto(base_url + GUIDE, wait_until="load")
    stops = tab_through(page, 40)
    assert stops[0]["cls"].startswith("md-skip")
    kinds = []
    for stop in stops:
        if stop["search"]:
            kinds.append("search")
        elif "hb-lang__link" in stop["cls"]:
            kinds.append("language")
        elif stop["drawer"]:
            kinds.append("menu")
        elif "hb-textsize__button" in stop["cls"]:
            kinds.append("reading tools")
    order = list(dict.fromkeys(kinds))
    assert order == ["search", "language", "menu", "reading tools"], order
    assert all(on_screen(stop, DESKTOP["width"], DESKTOP["height"] * 20) for stop in stops)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_skip_link_lands_before_the_title_and_the_reading_tools(
    tab: object, base_url: str, viewport: dict
) -> None:
    page = tab(viewport)
    page.goto(base_url + GUIDE, wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    stop = page.evaluate(FOCUSED)
    assert "hb-textsize__button" in stop["cls"], stop
    title = page.locator("article h1").bounding_box()
    assert title and 0 < title["y"] < viewport["height"], "the title is on screen"


# ---- Contents of a long page ----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "label"), [("", "Mục lục"), ("en/", "Contents")])
def test_contents_button_opens_the_steps_from_anywhere(
    tab: object, base_url: str, lang: str, label: str
) -> None:
    page = tab(PHONE)
    page.goto(base_url + lang + GUIDE, wait_until="load")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    button = page.locator("[data-hb-toc-button]")
    assert button.is_visible() and button.inner_text().strip() == label
    box = button.bounding_box()
    assert box and box["height"] >= 44 and box["y"] + box["height"] <= PHONE["height"]
    button.tap()
    sheet = page.locator("[data-hb-toc]")
    sheet.wait_for(state="visible")
    steps = sheet.locator("a").all_inner_texts()
    assert len(steps) >= 6 and any(step.startswith(("Bước 3", "Step 3")) for step in steps), steps
    sheet.locator("a[href='#buoc-3']").tap()
    sheet.wait_for(state="hidden")
    page.wait_for_timeout(300)
    heading = page.locator("#buoc-3").bounding_box()
    assert heading and 0 <= heading["y"] < 200, "step 3 is at the top of the screen"
    assert page.url.endswith("#buoc-3")
    # Escape closes it too, and gives the focus back to the button.
    button.tap()
    sheet.wait_for(state="visible")
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.hasAttribute('data-hb-toc-button')")


def test_no_back_to_top_mislabelled_as_contents(site_dir: Path) -> None:
    for path in ("index.html", "about/index.html", f"{GUIDE}index.html"):
        html = (site_dir / path).read_text(encoding="utf-8")
        assert "Trở lại mục lục" not in html and "Initializing search" not in html, path
        assert "Bỏ qua" not in html, path
    assert "Lên đầu trang" in (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Back to top" in (site_dir / "en/index.html").read_text(encoding="utf-8")
    assert "Preparing search" in (site_dir / "en/index.html").read_text(encoding="utf-8")


def test_contents_button_is_not_shown_at_1280(tab: object, base_url: str) -> None:
    page = tab(DESKTOP)
    page.goto(base_url + GUIDE, wait_until="load")
    assert not page.locator("[data-hb-toc-button]").is_visible()


# ---- Language switch keeps the reader's place --------------------------------------------------


def test_language_switch_keeps_the_step(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + GUIDE + "#buoc-3", wait_until="load")
    page.locator("a.hb-lang__link").tap()
    page.wait_for_url("**/en/" + GUIDE + "#buoc-3")
    page.wait_for_timeout(300)
    heading = page.locator("#buoc-3").bounding_box()
    assert heading and 0 <= heading["y"] < 200
    # Scrolled to a step without following a link: the switch goes to that step too.
    page.locator("#buoc-5").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('buoc-5').scrollIntoView()")
    page.wait_for_timeout(200)
    page.locator("a.hb-lang__link").tap()
    page.wait_for_url("**/" + GUIDE + "#buoc-5")
    assert "/en/" not in page.url


# ---- 404 on a host that serves only the root /404.html (GitHub Pages) ------------------------------


class PagesLikeHost(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: a missing path anywhere gets the root /404.html, status 404."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / self.server.prefix_dir / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def pages_host(site_dir: Path, tmp_path: Path) -> Iterator[str]:
    # Without en/404.html, as on GitHub Pages (which never serves it for /en/… paths).
    import shutil

    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    (site / "en/404.html").unlink()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(PagesLikeHost, directory=str(site))
    )
    server.prefix_dir = ""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_missing_english_page_shows_the_english_404_on_a_root_only_host(tab: object, pages_host: str) -> None:
    page = tab(PHONE)
    response = page.goto(pages_host + "en/some-missing-page/", wait_until="load")
    assert response is not None and response.status == 404
    assert page.locator("h1:visible").inner_text() == "Page not found"
    assert page.get_attribute("html", "lang") == "en"
    assert "Không tìm thấy" not in page.inner_text("article")
    assert (
        page.locator("article a:visible", has_text="All guides").get_attribute("href").endswith("/en/guides/")
    )
    # Still in the default language elsewhere, with and without JavaScript.
    page.goto(pages_host + "guides/khong-co/", wait_until="load")
    assert page.locator("h1:visible").inner_text() == "Không tìm thấy trang"
    assert page.get_attribute("html", "lang") == "vi"


def test_root_404_without_javascript_is_in_the_default_language(tab: object, pages_host: str) -> None:
    page = tab(PHONE, java_script_enabled=False)
    page.goto(pages_host + "en/some-missing-page/", wait_until="load")
    assert page.locator("h1:visible").inner_text() == "Không tìm thấy trang"


def test_each_language_folder_has_its_own_404(site_dir: Path) -> None:
    english = (site_dir / "en/404.html").read_text(encoding="utf-8")
    assert "Page not found" in english and "Không tìm thấy trang" not in english
    assert '<html lang="en"' in english
