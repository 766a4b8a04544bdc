"""Shared fixtures: the real site is built ONCE per pytest run and shared by all tests.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright. They fail,
never skip, when the browser is missing: scripts/test installs it.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# One page of each type; the same path under en/ is its English version.
PAGE_TYPES = {
    "home": "",
    "guides-index": "guides/",
    "guide": "guides/dong-tien-dien/",
    "ward-directory": "wards/",
    "ward": "wards/long-khanh/",
    "about": "about/",
    "accessibility": "accessibility/",
    "404": "404.html",
}
LANGUAGES = {"vi": "", "en": "en/"}


def copy_project(destination: Path) -> Path:
    """Copy what a build needs (config, theme overrides, docs) so a test can break the copy."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    shutil.copytree(ROOT / "docs", destination / "docs")
    return destination


def run_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """The real strict MkDocs build of ``project`` into ``site_dir``, in this process: the same build as
    ``mkdocs build --strict`` without starting Python and importing MkDocs again (about 2 s a build). The
    result reads like the command's: return code 1 and the log when the build stops; stderr also holds
    the traceback of a crash, which an editor would see."""
    from agreement import run_build as build_here

    passed, log, crash = build_here(project, site_dir)
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], 0 if passed else 1, log, log + crash)


def run_build_command(
    project: Path, site_dir: Path, python_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as a maintainer types it, in its own process. The handbook package comes
    from ``python_path`` (a copy the test changed) or else from this checkout, never from whichever checkout
    a shared virtualenv's ``.pth`` file names (git worktrees may share one ``.venv``)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(python_path or ROOT))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=env, check=False,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per test run with the strict build: the pytest-xdist workers share
    one build (the first to need it builds it, the others wait for it). Tests read it, never change it."""
    # The run's folder: with xdist each worker has a folder in it, without xdist the run has its own.
    own = tmp_path_factory.getbasetemp()
    shared = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    site = shared / "handbook-site"
    with open(shared / "handbook-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "sitemap.xml").is_file():
            shutil.rmtree(site, ignore_errors=True)
            result = run_build_command(ROOT, site)
            assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    # A real host accepts a burst of connections (page, worker and prefetches at once); the default
    # backlog of 5 drops some on a loaded machine and the browser retries them seconds later.
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that closes a connection mid-response (navigating away) is normal, not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on a free loopback port, as a static host would."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def wait_for(
    check: Callable[[], object], what: str, timeout: float = 15.0, explain: Callable[[], str] | None = None
) -> object:
    """Poll ``check()`` until it returns something true (returned); fail naming ``what`` after ``timeout``,
    with what ``explain()`` says of the state at that moment."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    detail = f" ({explain()})" if explain else ""
    raise AssertionError(f"timed out waiting for {what} after {timeout:.0f} s{detail}")


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on loopback."""
    server, url = serve_directory(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Real Chromium from Debian, driven by Playwright. Fails (never skips) when missing."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: install it with `sudo apt-get install chromium` "
        "(scripts/test does this when run as root)"
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone_page(browser: object) -> Iterator[object]:
    """A fresh 360x740 phone-sized tab."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop_page(browser: object) -> Iterator[object]:
    """A fresh 1280 px wide tab."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    """Open tabs on demand (``tab(viewport, **context options)``; a phone by default: touch, 2x pixels);
    all closed after the test."""
    contexts: list[object] = []

    def open_tab(viewport: dict[str, int] = PHONE, **options: object) -> object:
        if viewport == PHONE:
            options = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True, **options}
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def open_tools(page: object) -> None:
    """Tap "Công cụ" / "Tools" where it is closed (a phone: listen, share, save are behind it)."""
    more = page.locator("[data-hb-more]")
    more.wait_for(state="attached")
    if not more.evaluate("details => details.open"):
        page.locator(".hb-more__toggle").tap()


# --- property tests (Hypothesis) ------------------------------------------------------------------
# Every run draws the same examples: the seed is HANDBOOK_HYPOTHESIS_SEED (0 unless set) or
# --hypothesis-seed=N, so a failure seen once is seen again with the same command, and a failure prints the
# command that replays it. Failing examples are also kept in .hypothesis/ (Hypothesis' example database,
# cached by CI) and tried first on the next run. The weekly long run (.github/workflows/upkeep.yml) sets
# HANDBOOK_PROPERTY_EXAMPLES (hundreds) and a new seed each week.
HYPOTHESIS_SEED = os.environ.get("HANDBOOK_HYPOTHESIS_SEED", "0")
PROPERTY_EXAMPLES = os.environ.get("HANDBOOK_PROPERTY_EXAMPLES", "")


def property_examples(default: int) -> int:
    """How many examples a property test draws: ``default``, sized so the fast layer stays under a minute,
    or HANDBOOK_PROPERTY_EXAMPLES for a long run."""
    return int(PROPERTY_EXAMPLES) if PROPERTY_EXAMPLES else default


hypothesis_settings.register_profile("handbook", deadline=None, print_blob=True,
                                     max_examples=property_examples(100))
hypothesis_settings.load_profile("handbook")


def pytest_configure(config: pytest.Config) -> None:
    from hypothesis import core

    if config.getoption("hypothesis_seed") is None:
        config.option.hypothesis_seed = HYPOTHESIS_SEED
    core.global_force_seed = int(config.option.hypothesis_seed)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """A failed property test says how to replay it: the same seed and number of examples."""
    from hypothesis import is_hypothesis_test

    report: pytest.TestReport = yield
    if report.failed and (is_hypothesis_test(getattr(item, "obj", None))
                          or "Failing test case" in report.longreprtext):
        examples = f"HANDBOOK_PROPERTY_EXAMPLES={PROPERTY_EXAMPLES} " if PROPERTY_EXAMPLES else ""
        seed = item.config.option.hypothesis_seed
        report.sections.append(("Replay", f"{examples}.venv/bin/python -m pytest '{item.nodeid}' "
                                          f"--hypothesis-seed={seed}"))
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses real Chromium is marked ``browser``: ``-m "not browser"`` is the fast layer."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
