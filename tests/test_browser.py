"""Foundation checks in real Chromium: language switch, requests, console, phone layout (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def load_and_watch(page: object, url: str) -> tuple[list[str], list[str]]:
    """Open ``url``; return (problems with requests, console errors) seen while it loads."""
    problems: list[str] = []
    console_errors: list[str] = []
    origin = url.split("/", 3)[:3]
    page.on(
        "console", lambda message: console_errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: console_errors.append(str(error)))

    def check_response(response: object) -> None:
        if response.status >= 400:
            problems.append(f"{response.status} {response.url}")

    def check_request(request: object) -> None:
        if request.url.split("/", 3)[:3] != origin and not request.url.startswith("data:"):
            problems.append(f"third-party request {request.url}")

    page.on("response", check_response)
    page.on("request", check_request)
    page.goto(url, wait_until="networkidle")
    return problems, console_errors


@pytest.mark.parametrize("path", ["", "about/", "en/", "en/about/", "guides/", "en/wards/"])
def test_page_loads_only_from_its_own_site_without_errors(
    phone_page: object, base_url: str, path: str
) -> None:
    problems, console_errors = load_and_watch(phone_page, base_url + path)
    assert problems == []
    assert console_errors == []


def test_language_switch_keeps_the_reader_on_the_same_page(phone_page: object, base_url: str) -> None:
    phone_page.goto(base_url + "about/")
    switch = phone_page.get_by_role("link", name="English", exact=True)
    switch.click()
    phone_page.wait_for_url(base_url + "en/about/")
    assert phone_page.locator("html").get_attribute("lang") == "en"
    assert phone_page.title().startswith("About - ")

    phone_page.get_by_role("link", name="Tiếng Việt", exact=True).click()
    phone_page.wait_for_url(base_url + "about/")
    assert phone_page.locator("html").get_attribute("lang") == "vi"
    assert phone_page.title().startswith("Giới thiệu - ")


@pytest.mark.parametrize("path", ["", "en/"])
def test_home_page_fits_a_360px_phone_and_a_desktop_without_sideways_scrolling(
    phone_page: object, desktop_page: object, base_url: str, path: str
) -> None:
    phone_page.goto(base_url + path)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone screen"
    SCREENSHOTS.mkdir(exist_ok=True)
    name = "home-" + (path.strip("/") or "vi")
    phone_page.screenshot(path=str(SCREENSHOTS / f"{name}-360.png"), full_page=True)
    # At 1280 px: the search field itself is in the header (no menu button), the three cards to the guides,
    # the wards and the about page are on the first screen, and nothing scrolls sideways either.
    desktop_page.goto(base_url + path)
    assert desktop_page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert desktop_page.locator("input[data-md-component='search-query']").is_visible()
    assert not desktop_page.locator("label.md-header__button[for='__drawer']").is_visible()
    cards = desktop_page.locator("article .hb-card")
    assert cards.count() == 3
    assert all(box["y"] + box["height"] <= 900 for box in (card.bounding_box() for card in cards.all()))
    desktop_page.screenshot(path=str(SCREENSHOTS / f"{name}-1280.png"), full_page=True)
