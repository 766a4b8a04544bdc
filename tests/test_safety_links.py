"""Links that cannot be hijacked, and link health (issue 9).

- Every external link gets rel="noopener noreferrer" and shows its domain as real text.
- scripts/check-links reports each external address's status; tested against a loopback server
  that answers 200, 301, 404 and not at all (bounded: short timeouts, a handful of requests).
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.safety.external_links import check_link, collect_links, decorate_external_links, shown_domain

# ---- rel and the visible domain -------------------------------------------------------------


def test_external_links_get_rel_and_show_their_domain_as_text() -> None:
    html = decorate_external_links(
        '<p><a href="https://dichvucong.gov.vn/p/home.html">Cổng dịch vụ công</a></p>'
    )
    assert html == (
        '<p><a href="https://dichvucong.gov.vn/p/home.html" rel="noopener noreferrer">Cổng dịch vụ công'
        ' <span class="hb-domain">dichvucong.gov.vn<span aria-hidden="true">\u00a0↗</span></span></a></p>'
    )


def test_a_link_whose_text_is_its_address_only_gets_the_arrow() -> None:
    html = decorate_external_links('<a href="https://www.facebook.com/BaoQuang">www.facebook.com/BaoQuang</a>')
    assert 'rel="noopener noreferrer"' in html and "hb-domain--arrow" in html
    assert html.count("facebook.com") == 2  # href and text, not a third time


def test_text_naming_another_domain_still_shows_the_real_one() -> None:
    html = decorate_external_links('<a href="https://evnspc.vn.example.com/">dichvucong.gov.vn</a>')
    assert '<span class="hb-domain">evnspc.vn.example.com' in html


def test_existing_rel_is_kept_and_decorating_twice_changes_nothing() -> None:
    once = decorate_external_links('<a href="https://github.com/x" rel="me">Sửa</a>')
    assert 'rel="me noopener noreferrer"' in once and ">github.com<" in once
    assert decorate_external_links(once) == once


def test_a_link_named_by_aria_label_shows_its_domain_right_after_it() -> None:
    """Inside the link the visible text would no longer be part of its name (WCAG 2.5.3)."""
    once = decorate_external_links(
        '<a href="https://github.com/x" aria-label="Thêm thông tin: Zalo">Thêm</a>.'
    )
    assert once == (
        '<a href="https://github.com/x" aria-label="Thêm thông tin: Zalo" rel="noopener noreferrer">Thêm</a>'
        ' <span class="hb-domain">github.com<span aria-hidden="true">\u00a0↗</span></span>.'
    )
    assert decorate_external_links(once) == once


@pytest.mark.parametrize(
    "link",
    [
        '<a href="../guides/">Hướng dẫn</a>',
        '<a href="tel:19001006">1900 1006</a>',
        '<a href="#buoc-1">Bước 1</a>',
        '<a href="geo:10.9,107.2">Bản đồ</a>',
    ],
)
def test_site_links_and_contact_links_are_left_alone(link: str) -> None:
    assert decorate_external_links(link) == link


def test_shown_domain_drops_only_www() -> None:
    assert shown_domain("https://WWW.Facebook.com/x") == "facebook.com"
    assert shown_domain("https://dichvucong.dongnai.gov.vn") == "dichvucong.dongnai.gov.vn"


# ---- link health against a loopback server ----------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(2)  # longer than the client's timeout
        status = {"/ok": 200, "/moved": 301, "/gone": 404}.get(self.path.split("?")[0], 200)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "https://evil.example/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def loopback() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_check_link_tells_ok_moved_broken_and_timeout(loopback: str) -> None:
    assert check_link(f"{loopback}/ok", timeout=1).verdict == "ok"
    moved = check_link(f"{loopback}/moved", timeout=1)
    assert (moved.verdict, moved.status) == ("moved", 301)
    assert moved.detail.startswith("https://evil.example/ok (NOT ALLOWED:"), (
        "a redirect off the allowlist is flagged"
    )
    assert (check_link(f"{loopback}/gone", timeout=1).status) == 404
    started = time.monotonic()
    slow = check_link(f"{loopback}/slow", timeout=0.3)
    assert slow.verdict == "timeout" and time.monotonic() - started < 1.5


def test_check_links_command_reports_and_does_not_fail(loopback: str) -> None:
    urls = [f"{loopback}/{path}" for path in ("ok", "moved", "gone", "slow")]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check-links"), "--timeout", "0.5",
         *[argument for url in urls for argument in ("--url", url)]],
        capture_output=True, text=True, timeout=30, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"OK       200 {loopback}/ok" in out
    assert f"MOVED    301 {loopback}/moved -> https://evil.example/ok" in out
    assert f"BROKEN   404 {loopback}/gone" in out
    assert f"TIMEOUT  --- {loopback}/slow" in out
    assert "Summary: 1 ok, 1 moved, 1 broken, 1 timeout, 0 error" in out

    strict = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "check-links"),
            "--strict",
            "--timeout",
            "0.5",
            "--url",
            urls[2],
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert strict.returncode == 1, "--strict (for a scheduled job with a network) fails on a broken link"


def test_links_are_collected_from_docs_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "a.md").write_text(
        "---\nsources:\n  - url: https://dichvucong.gov.vn\n---\n\nXem [EVN](https://cskh.evnspc.vn/tra-cuu).\n"
        "Xem trước tại http://127.0.0.1:8000 (chỉ cho người sửa).\n", encoding="utf-8")
    (tmp_path / "wards").mkdir()
    (tmp_path / "wards" / "bao-vinh.md").write_text(
        '---\nward_code: "26098"\nchannels:\n  - kind: fanpage\n    value: https://www.facebook.com/BaoVinh\n---\n',
        encoding="utf-8")
    found = collect_links(tmp_path)
    assert {url: [str(place) for place in places] for url, places in found.items()} == {
        "https://dichvucong.gov.vn": ["docs/guides/a.md:3"],
        "https://cskh.evnspc.vn/tra-cuu": ["docs/guides/a.md:6"],
        "https://www.facebook.com/BaoVinh": ["docs/wards/bao-vinh.md:5"],
    }


def test_the_real_docs_links_are_collected() -> None:
    found = collect_links(ROOT / "docs")
    assert "https://dichvucong.gov.vn" in found
    assert all(url.startswith("https://") for url in found), "only https addresses are shown to readers"
