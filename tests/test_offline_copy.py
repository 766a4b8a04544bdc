"""The downloadable offline copy (issue 6): built once per pytest run with the real command
(scripts/build-offline), unzipped, and opened from file:// in Chromium: navigation and search."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import PHONE, ROOT
from handbook.publish.offline import ZIP_FOLDER, ZIP_NAME, is_offline_copy, with_index_html

GUIDE_TITLE = "Đóng tiền điện trên điện thoại"
# What the publish workflow passes (.github/workflows/publish.yml): the copy must point there, not at
# 127.0.0.1.
PUBLISHED = "https://long-khanh-handbook.github.io/handbook/"


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """scripts/build-offline run once; returns the unzipped folder (what a volunteer opens)."""
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / ZIP_NAME
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build-offline"), "--zip", str(archive)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=PUBLISHED,
                 REPO_URL="https://github.com/long-khanh-handbook/handbook"),
    )
    assert result.returncode == 0, f"scripts/build-offline failed:\n{result.stdout}\n{result.stderr}"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(folder / "unzipped")
    return folder / "unzipped" / ZIP_FOLDER


def test_the_offline_plugin_comes_after_i18n_and_is_off_for_the_online_site() -> None:
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with open(ROOT / "mkdocs.yml", "rb") as config_file:
        plugins = yaml_load(config_file, get_yaml_loader())["plugins"]
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in plugins]
    assert names.index("offline") > names.index("i18n"), "the offline plugin must come after i18n"
    offline = plugins[names.index("offline")]["offline"]
    assert offline["enabled"] is False, "the online site is built without the offline plugin"


def test_offline_copy_has_both_languages_html_links_and_no_service_worker(offline_copy: Path) -> None:
    assert (offline_copy / "DOC-TRUOC-READ-ME.txt").is_file()
    for path in ("index.html", "en/index.html", "guides/dong-tien-dien.html", "en/guides/dong-tien-dien.html",
                 "search/search_index.js", "assets/javascripts/vendor/iframe-worker-shim.js"):
        assert (offline_copy / path).is_file(), f"missing from the offline copy: {path}"
    assert not (offline_copy / "sw.js").exists()
    assert not list(offline_copy.rglob("*.map")), "source maps are for developers, not readers"
    home = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert 'href="guides/index.html"' in home
    assert "unpkg.com" not in home and "sw-register.js" not in home
    about = (offline_copy / "about/index.html").read_text(encoding="utf-8")
    assert ZIP_NAME not in about, "the offline copy should not offer to download itself"


def test_offline_copy_points_at_the_published_site_and_opens_pages_not_folders(offline_copy: Path) -> None:
    read_me = (offline_copy / "DOC-TRUOC-READ-ME.txt").read_text(encoding="utf-8")
    assert f"Bản mới nhất trên mạng: {PUBLISHED}" in read_me and "127.0.0.1" not in read_me
    guide = (offline_copy / "guides" / "dong-tien-dien.html").read_text(encoding="utf-8")
    assert f"{PUBLISHED}guides/dong-tien-dien/" in guide, "the printed QR code must open the published page"
    assert "127.0.0.1" not in guide
    for page in (offline_copy / "guides" / "dong-tien-dien.html", offline_copy / "en" / "index.html"):
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('class="hb-footer__links"'):]
        href = re.search(r'<a href="([^"]+)"', footer).group(1)
        assert href.endswith("accessibility/index.html"), (
            f"{page.name}: footer link {href} opens a folder listing"
        )
        assert (page.parent / href).resolve().is_file()


def test_offline_copy_opens_from_file_navigates_and_searches(browser: object, offline_copy: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    home = (offline_copy / "index.html").as_uri()
    try:
        page.goto(home)
        assert page.locator("html").get_attribute("lang") == "vi"

        # Home -> a guide, by tapping links, then back.
        page.goto((offline_copy / "guides/index.html").as_uri())
        page.locator('article a[href$="dong-tien-dien.html"]').first.click()
        page.wait_for_url("**/guides/dong-tien-dien.html")
        assert page.inner_text("article h1") == GUIDE_TITLE
        page.go_back()
        page.wait_for_url("**/guides/index.html")
        page.go_back()
        page.wait_for_url(home)

        # Search (Material's search worker, run from file:// through the vendored iframe-worker shim).
        page.locator('[data-hb-search-button]').click()
        # Typed key by key, as a reader does: Material searches on key presses.
        page.locator('input[data-md-component="search-query"]').press_sequentially("EVNSPC", delay=20)
        result = page.locator('.md-search-result__item a[href*="dong-tien-dien.html"]').first
        result.wait_for(timeout=15_000)
        result.click()
        page.wait_for_url("**/guides/dong-tien-dien.html*")
        assert page.inner_text("article h1") == GUIDE_TITLE
    finally:
        context.close()
    assert outside == [], f"the offline copy asked the network for: {outside}"
    assert errors == []


class FakePlugin:
    def __init__(self, enabled: bool) -> None:
        self.config = {"enabled": enabled}


def test_the_offline_copy_is_recognised_in_one_place_and_enabled_false_turns_it_off() -> None:
    assert is_offline_copy({"offline": FakePlugin(True)})
    assert is_offline_copy({"material/offline": FakePlugin(True)})
    assert not is_offline_copy({"offline": FakePlugin(False)})
    assert not is_offline_copy({"search": FakePlugin(True)})
    for hook in (ROOT / "overrides" / "hooks").glob("*.py"):
        text = hook.read_text(encoding="utf-8")
        assert '"material/offline"' not in text, f"{hook.name}: ask handbook.publish.offline.is_offline_copy"


def test_links_to_folders_open_their_index_page_from_file() -> None:
    html = ('<a href="../accessibility/">a</a><a href="./">b</a><a href="..">c</a><a href="../#top">d</a>'
            '<a href="https://dichvucong.gov.vn/">e</a><a href="guides/x.html">f</a><a href="#top">g</a>')
    assert with_index_html(html) == (
        '<a href="../accessibility/index.html">a</a><a href="./index.html">b</a><a href="../index.html">c</a>'
        '<a href="../index.html#top">d</a><a href="https://dichvucong.gov.vn/">e</a><a '
        'href="guides/x.html">f</a>'
        '<a href="#top">g</a>'
    )

