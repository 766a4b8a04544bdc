"""Issue 29: hostile content edits, as a careless or malicious contributor would write them.

Every class of the issue, in several spellings, goes through ``scripts/handbook check`` (in-process) and the
real strict build (in-process, tests/agreement.py). The edits are grouped into a few projects (one file per
edit), so the whole table costs four builds:

- refused edits: both refuse, each with its own message (file, line, Vietnamese then English), no traceback;
- the same pages with every Markdown-level check switched off: the built-page policy alone still refuses
  each of them (nothing depends on the Markdown check alone);
- size and nesting bombs: refused in seconds, and the check stays under a memory limit (a subprocess with
  ``RLIMIT_AS``);
- edits that are neutralised, not refused (quotes that would close an attribute): the site builds, and the
  pages open in Chromium with every outside request blocked: no navigation away, no dialog, no request to
  another host, no link to a host outside the allowlist.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from agreement import minimal_project, run_build, run_check

from conftest import PHONE, ROOT, serve_directory

EVIL = "https://evil.example/login"
REPO = "https://github.com/long-khanh-handbook/handbook"


def page(front: str, body: str) -> bytes:
    return f"---\n{front.strip()}\n---\n\n# Trang\n\n{body}\n".encode()


def titled(body: str) -> bytes:
    return page("title: Trang thử\nsummary: Một trang.", body)


# name: (file under docs/hostile/, its bytes, words the English message must contain)
REFUSED: dict[str, tuple[bytes, str]] = {
    # 1. escaping: markup in plain-text fields, keys that make the theme write page code
    "summary closes the attribute with a tag": (
        page('title: A\nsummary: \'x"><meta http-equiv="refresh" content="0;url=https://e.example">\'', "."),
        "holds an HTML tag",
    ),
    "summary with character references": (
        page('title: A\nsummary: "x&#34; http-equiv=&#34;refresh&#34; content=&#34;0;url=//e.example"', "."),
        "character reference",
    ),
    "title closes <title>": (
        page("title: 'A</title><meta http-equiv=refresh content=0;url=//e.example>'", "."), "an HTML tag"
    ),
    "title with a Markdown link": (page("title: '[VNeID](https://evil.example)'", "."), "Markdown link"),
    "template: redirect.html": (page(f"title: A\ntemplate: redirect.html\nlocation: {EVIL}", "."),
                                "the key 'template'"),
    "status pasted into a class": (page("title: A\nstatus: 'new\" onmouseover=\"alert(1)'", "."),
                                   "the key 'status'"),
    # 2. what browsers parse: comments, backticks inside raw HTML, SVG links
    "<!--> comment trick": (titled(f'<!--> <meta http-equiv="refresh" content="0;url={EVIL}"> -->'),
                            "the HTML tag <meta> is not allowed"),
    "<!---> comment trick with a link": (titled(f'<!---> <a href="{EVIL}">dichvucong.gov.vn</a> -->'),
                                         "not on the official-domain allowlist"),
    "backticks inside a raw <div>": (titled(f'<div>\n`<a href="{EVIL}">dichvucong.gov.vn</a>`\n</div>'),
                                     "not on the official-domain allowlist"),
    "<svg><a> inside backticks in a <div>": (
        titled(f'<div>`<svg><a href="{EVIL}"><text>dichvucong.gov.vn ↗</text></a></svg>`</div>'),
        "the HTML tag <svg> is not allowed",
    ),
    "repository prefix escaped with ..": (titled(f"[Sửa trang]({REPO}/../../other-user/page)"),
                                          "'github.com' is not on the official-domain allowlist"),
    # 5. numbers and addresses
    "tel: shows another number": (titled("[0251 3888 999](tel:19001234) (số 1900, người gọi trả cước cao)"),
                                  "shows the number '0251 3888 999' but calls 19001234"),
    "tel: in raw HTML, other spelling": (titled('<a href="TEL:1900&#49;234">0251 3888 999</a>'),
                                         "shows the number"),
    "1900 without the warning": (titled("[Gọi tổng đài hỗ trợ](tel:1900-1234)"), "premium rate"),
    "sms:": (titled("[Nhắn tin đăng ký](sms:8077?body=DK%20VNEID)"), "'sms:' link"),
    "mailto: several addresses": (titled("[Thư](mailto:a@dongnai.gov.vn,b@evil.example)"), "several"),
    "mailto: ?bcc=": (titled('<a href="mailto:a@dongnai.gov.vn?bcc=x@evil.example">thư</a>'), "bcc"),
    "Facebook l.php redirector": (
        titled("[Trang](https://www.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2F)"), "redirector"),
    "?url= redirector on gov.vn": (titled(f"[Cổng](https://dichvucong.gov.vn/redirect?url={EVIL})"),
                                   "redirector"),
    "link shortener": (titled("[VNeID](https://bit.ly/vneid-moi)"), "'bit.ly' is not on the official-domain"),
    "store link to an unknown app": (
        titled("[Tải VNeID bản mới](https://play.google.com/store/apps/details?id=com.vneid.update)"),
        "does not name",
    ),
    "personal Zalo in body text": (titled("[Zalo cán bộ](https://zalo.me/0912345678)"), "a person"),
    "Facebook group in body text": (titled("[Nhóm](https://www.facebook.com/groups/hotrovneid)"), "a group"),
}

# 3. files published from docs/ (the symbolic links are added by the test itself)
FILES: dict[str, tuple[bytes, str]] = {
    "hostile/page.html": (b"<script>location='https://evil.example'</script>", "runs code inside"),
    "hostile/logo.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                         "files of type '.svg'"),
    "hostile/vneid-moi.apk": (b"PK\x03\x04", "program installer"),
    "hostile/anh.png": (b"<html><script>alert(1)</script></html>", "is not a PNG picture"),
}

# 6. bounded work: each of these made the build take minutes, crash or run out of memory
BOMBS: dict[str, tuple[bytes, str]] = {
    "hostile/brackets.md": (titled("[" * 24_000), "more than 300 [ or <"),
    "hostile/brackets-lines.md": (titled("[\n" * 6_000), "more than 300 [ or <"),
    "hostile/tags.md": (titled("<a " * 8_000), "more than 300 [ or <"),
    "hostile/unclosed-tags.md": (titled("Chữ.\n\n".join(["<a "] * 3_000)), "more than 300 < characters"),
    "hostile/nested-list.md": (titled("".join("  " * level + "- a\n" for level in range(400))), "too deep"),
    "hostile/nested-quote.md": (titled(">" * 400 + " a"), "nested too deep"),
    "hostile/huge.md": (titled("Chữ. " * 50_000), "over the 200,000 limit"),
}
ALIAS_BOMB = "\n".join(
    ["laughs:", '  a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    + [f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(9)]
)


def _area(extra: str = "", **replace: str) -> bytes:
    text = (ROOT / "docs" / "area.yml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return (text + extra).encode()


# 4. the area file: allowlist entries and texts
AREA_CASES = {
    "domains: [com]": "'com' is a shared suffix",
    "domains: github.io": "'github.io' is a shared suffix",
    "name with markup": "holds an HTML tag",
    "note with a Markdown link": "Markdown link",
}
HOSTILE_AREA = _area(
    **{
        "domains: [evnspc.vn]": "domains: [evnspc.vn, com, github.io]",
        "name: Long Khánh\n": "name: Long Khánh <img src=x>\n",
        "  note:\n    vi: Đã có đề án": "  note:\n    vi: Xem [đây](https://evil.example). Đã có đề án",
    }
)


def _blocks(text: str) -> list[str]:
    return text.split("\ndocs/")


def _assert_refused(name: str, words: str, check_text: str, build_text: str) -> None:
    label = f"docs/{name}"
    for source, text in (("check", check_text), ("build", build_text)):
        mine = [block for block in _blocks("\n" + text) if block.startswith(label[5:])]
        assert any(words in block and "[vi] Lỗi:" in block and "[en] Error:" in block for block in mine), (
            f"{source} does not refuse {name} with '{words}':\n{text[-3000:]}"
        )


def _project(tmp_path: Path, files: dict[str, bytes]) -> Path:
    return minimal_project(tmp_path / "project", files)


def test_hostile_content_is_refused_by_check_and_build_alike(tmp_path: Path) -> None:
    files = {f"hostile/case-{index:02}.md": data for index, (data, _) in enumerate(REFUSED.values())}
    files["area.yml"] = HOSTILE_AREA  # 4. the area file's allowlist entries and texts, in the same build
    project = _project(tmp_path, files)
    check_ok, check_text, check_crash = run_check(project)
    build_ok, build_text, build_crash = run_build(project, tmp_path / "site")
    assert not check_crash and not build_crash, check_crash + build_crash
    assert not check_ok and not build_ok
    for index, (_, words) in enumerate(REFUSED.values()):
        _assert_refused(f"hostile/case-{index:02}.md", words, check_text, build_text)
    for case, words in AREA_CASES.items():
        assert words in check_text and words in build_text, (case, check_text[-2000:])


def test_the_built_page_policy_alone_refuses_every_hostile_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every Markdown-level check switched off, the pages are built; the policy over the built HTML
    (handbook/safety/page_policy.py, lexbor) still refuses each one that would reach a reader."""
    from handbook.maintain import checks
    from handbook.safety import html_safety

    monkeypatch.setattr(checks, "check_content", lambda root, today=None: checks.CheckResult())
    monkeypatch.setattr(html_safety, "check_markdown", lambda *args, **kwargs: [])
    monkeypatch.setattr(html_safety, "check_rendered_html", lambda *args, **kwargs: [])
    reaching = {  # the body edits (front matter is escaped by the templates: tested in the browser below)
        case: data for case, (data, _) in REFUSED.items()
        if not case.startswith(("summary", "title", "template", "status"))
    }
    files = {f"hostile/p{index:02}.md": data for index, data in enumerate(reaching.values())}
    project = _project(tmp_path, files)
    ok, log, crash = run_build(project, tmp_path / "site")
    assert not crash, crash
    assert not ok and "Built pages break the safety policy" in log, log[-3000:]
    refused = {line.split(":", 1)[0].strip(" -") for line in log.splitlines() if line.startswith("  - ")}
    missed = [case for index, case in enumerate(reaching) if f"hostile/p{index:02}/index.html" not in refused]
    assert missed == [], log[-4000:]


def test_published_files_and_symlinks_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=do-not-publish\n", encoding="utf-8")
    project = _project(tmp_path, {name: data for name, (data, _) in FILES.items()})
    (project / "docs" / "hostile" / "passwd.md").symlink_to("/etc/passwd")
    (project / "docs" / "hostile" / "token.png").symlink_to(secret)
    (project / "docs" / "hostile" / "git").symlink_to(ROOT / ".git", target_is_directory=True)
    check_ok, check_text, check_crash = run_check(project)
    build_ok, build_text, build_crash = run_build(project, tmp_path / "site")
    assert not check_crash and not build_crash, check_crash + build_crash
    assert not check_ok and not build_ok
    for name, (_, words) in FILES.items():
        _assert_refused(name, words, check_text, build_text)
    for name in ("hostile/passwd.md", "hostile/token.png", "hostile/git"):
        _assert_refused(name, "symbolic link", check_text, build_text)
    assert "do-not-publish" not in check_text + build_text and "root:" not in check_text + build_text
    assert not (tmp_path / "site" / "hostile").exists()


def test_size_nesting_and_alias_bombs_stop_in_seconds(tmp_path: Path) -> None:
    files = {name: data for name, (data, _) in BOMBS.items()}
    files["area.yml"] = _area("\n" + ALIAS_BOMB + "\n")
    project = _project(tmp_path, files)
    started = time.perf_counter()
    check_ok, check_text, check_crash = run_check(project)
    check_seconds = time.perf_counter() - started
    started = time.perf_counter()
    build_ok, build_text, build_crash = run_build(project, tmp_path / "site")
    build_seconds = time.perf_counter() - started
    assert not check_crash and not build_crash, check_crash + build_crash
    assert not check_ok and not build_ok
    for name, (_, words) in BOMBS.items():
        _assert_refused(name, words, check_text, build_text)
    # each of these alone took 98 s, crashed, or died of MemoryError after 45 s before issue 29
    assert check_seconds < 10, check_seconds
    assert build_seconds < 20, build_seconds
    # the alias bomb alone (the other files fine): refused with its line, in seconds
    alias_only = minimal_project(tmp_path / "alias", {"area.yml": files["area.yml"]})
    started = time.perf_counter()
    check_ok, check_text, _ = run_check(alias_only)
    assert not check_ok and "YAML alias" in check_text and time.perf_counter() - started < 10, check_text


MEMORY_LIMIT = 1_500 * 1024 * 1024  # bytes of address space: a billion laughs needs far more
LIMITED_CHECK = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
sys.path.insert(0, {tests!r})
from pathlib import Path
from agreement import run_check
for project in sys.argv[1:]:
    ok, text, crash = run_check(Path(project))
    print(json.dumps({{"ok": ok, "text": text, "crash": crash}}))
"""


def test_the_check_stays_under_a_memory_limit_on_the_bombs(tmp_path: Path) -> None:
    projects = [
        minimal_project(tmp_path / "alias", {"area.yml": _area("\n" + ALIAS_BOMB + "\n")}),
        minimal_project(tmp_path / "files", {name: data for name, (data, _) in BOMBS.items()}),
    ]
    result = subprocess.run(
        [sys.executable, "-c", LIMITED_CHECK.format(limit=MEMORY_LIMIT, tests=str(ROOT / "tests")),
         *map(str, projects)],
        capture_output=True, text=True, timeout=120, check=False,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert result.returncode == 0 and "MemoryError" not in result.stderr, result.stderr[-2000:]
    outcomes = [json.loads(line) for line in result.stdout.strip().splitlines()[-2:]]
    assert [outcome["ok"] for outcome in outcomes] == [False, False], outcomes
    assert not any(outcome["crash"] for outcome in outcomes), outcomes
    assert "YAML alias" in outcomes[0]["text"] and "too deep" in outcomes[1]["text"]


# Edits that are neutralised rather than refused: plain text with quotes that would close an attribute.
QUOTES = '" http-equiv="refresh" content="0;url=https://evil.example/x'
NEUTRALISED = {
    "hostile/quotes.md": page(
        f"title: 'Trang \"an toàn\" {QUOTES}'\nsummary: 'Tóm tắt {QUOTES}'", f"Chữ có dấu ngoặc {QUOTES}."
    ),
}


def test_neutralised_edits_build_and_stay_harmless_in_chromium(tmp_path: Path, browser: object) -> None:
    from handbook.safety.domains import url_rejection
    from handbook.safety.html_safety import inside_prefix

    guide = (ROOT / "docs" / "guides" / "dong-tien-dien.md").read_text(encoding="utf-8")
    guide = guide.replace("summary: Trả hóa đơn tiền điện ngay trên điện thoại, không cần ra quầy.",
                          f"summary: 'Trả hóa đơn tiền điện {QUOTES}'")
    files = dict(NEUTRALISED)
    files["guides/dong-tien-dien.md"] = guide.encode()
    files["area.yml"] = _area(**{"name: Long Khánh\n": f"name: 'Long Khánh{QUOTES}'\n"})
    project = minimal_project(tmp_path / "project", files)
    site = tmp_path / "site"
    check_ok, check_text, _ = run_check(project)
    build_ok, build_text, crash = run_build(project, site)
    assert check_ok and build_ok and not crash, check_text + build_text[-3000:] + crash
    server, base = serve_directory(site)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    outside: list[str] = []
    dialogs: list[str] = []

    def route(request_route: object) -> None:
        url = request_route.request.url
        if url.startswith(base):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    try:
        for path in ("hostile/quotes/", "guides/", "guides/dong-tien-dien/", "", "en/guides/"):
            tab = context.new_page()
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            tab.goto(base + path, wait_until="load")
            tab.wait_for_timeout(1500)  # a refresh of 0 s would have fired by now
            for selector in ("article h1:visible", "article .md-typeset > p:visible"):
                if tab.locator(selector).count():
                    tab.locator(selector).first.hover(timeout=10_000)  # an injected onmouseover would run
            assert tab.url == base + path, f"{path} navigated to {tab.url}"
            assert tab.locator('meta[http-equiv="refresh"]').count() == 0
            hrefs = tab.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
            foreign = [
                href for href in hrefs
                if href.startswith(("http:", "https:")) and not href.startswith(base)
                and not inside_prefix(href, (REPO,)) and url_rejection(href) is not None
            ]
            assert foreign == [], (path, foreign)
            tab.close()
    finally:
        context.close()
        server.shutdown()
    assert outside == [] and dialogs == [], (outside, dialogs)
    summary_page = (site / "hostile" / "quotes" / "index.html").read_text(encoding="utf-8")
    assert 'content="Tóm tắt &#34; http-equiv=&#34;refresh&#34;' in summary_page
