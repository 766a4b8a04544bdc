"""Reader safety over the built site (issue 9): the policy on every page, the _headers file, the
nginx notes, external links, and an unsafe edit stopping the real build."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from conftest import ROOT, copy_project, run_build
from handbook.safety.csp import (
    PolicyError,
    header_policy,
    meta_policy,
    nginx_snippet,
    protected_page,
    surely_within_policy,
)
from handbook.safety.html_safety import page_problems

MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
# The inline snippets Material 9.8.2 writes, moved to overrides/assets/javascripts/material-inline.js.
# If Material changes one of them, re-check that file, then update the digest here.
MATERIAL_SNIPPETS = {
    "base.html": "d6113712",
    "palette.html": "87903897",
    "content.html": "3722e156",
    "announce.html": "fbc79803",
    "outdated.html": "13165dec",
}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_the_policy_first_and_nothing_it_blocks(site_dir: Path) -> None:
    pages = html_files(site_dir)
    assert len(pages) > 20
    broken = {}
    for path in pages:
        problems = page_problems(path.read_text(encoding="utf-8"), meta_policy())
        if problems:
            broken[str(path.relative_to(site_dir))] = problems
    assert broken == {}


def test_the_policy_allows_only_the_site_itself() -> None:
    policy = meta_policy()
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "object-src 'none'" in policy and "https:" not in policy and "*" not in policy
    assert "frame-ancestors" not in policy, "ignored (with a console error) in a <meta> policy"
    assert header_policy() == policy + "; frame-ancestors 'self'"


def test_pages_send_no_referrer_to_the_sites_they_link(site_dir: Path) -> None:
    for path in (site_dir / "index.html", site_dir / "en/guides/dong-tien-dien/index.html"):
        assert '<meta name="referrer" content="no-referrer">' in path.read_text(encoding="utf-8")


def test_headers_file_has_the_same_policy_and_caches_hashed_assets(site_dir: Path) -> None:
    headers = (site_dir / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {header_policy()}\n" in headers
    assert "  X-Content-Type-Options: nosniff\n" in headers
    assert "  Referrer-Policy: no-referrer\n" in headers
    bundles = [
        p for p in (site_dir / "assets").rglob("*.min.*") if re.search(r"\.[0-9a-f]{8}\.min\.", p.name)
    ]
    assert bundles
    for path in bundles:
        rule = (
            f"/{path.relative_to(site_dir).as_posix()}\n  Cache-Control: public, max-age=31536000, "
            "immutable\n"
        )
        assert rule in headers
    assert headers.count("Cache-Control") == len(bundles), "only hashed files are cached for a year"


def test_readme_has_the_same_headers_for_nginx() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Security headers" in readme
    assert nginx_snippet() in readme, "README's nginx lines differ from safety/csp.py: copy nginx_snippet()"


def test_materials_inline_snippets_are_the_ones_we_moved() -> None:
    """Our overrides empty these partials; their code lives in material-inline.js. A Material upgrade
    that changes them must be looked at (this test names the file to re-check)."""
    for name, digest in MATERIAL_SNIPPETS.items():
        text = (MATERIAL_TEMPLATES / "partials/javascripts" / name).read_text(encoding="utf-8")
        actual = hashlib.sha256(text.encode()).hexdigest()[:8]
        assert actual == digest, (
            f"Material's partials/javascripts/{name} changed: update overrides/assets/javascripts/"
            f"material-inline.js to match it, then set its digest here to {actual}"
        )
        override = (ROOT / "overrides/partials/javascripts" / name).read_text(encoding="utf-8")
        assert "<script" not in override


class _Links(HTMLParser):
    """Every link to another site on a page, with its rel, its text and whether it has the domain suffix."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and (values.get("href") or "").startswith(("http://", "https://")):
            self._open, self._text = values, []
        if tag == "span" and self._open is not None and "hb-domain" in (values.get("class") or ""):
            self._open["domain_span"] = "yes"

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self._open["text"] = "".join(self._text)
            self.external.append(self._open)
            self._open = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _domain_after_labelled_links(html: str, links: list[dict[str, str | None]]) -> None:
    """Links named by aria-label show their domain in a span right after the link."""
    for link in links:
        if link.get("aria-label") is not None and link.get("domain_span") is None:
            href = re.escape(link["href"] or "")
            pattern = rf'href="{href}"[^>]*>.*?</a>\s*<span class="hb-domain">([^<]+)<'
            found = re.search(pattern, html.replace("&amp;", "&"), re.DOTALL)
            if found:
                link["domain_span"] = "yes"
                link["text"] = (link["text"] or "") + " " + found.group(1)


def test_every_external_link_has_rel_and_shows_its_domain(site_dir: Path) -> None:
    checked = 0
    for path in html_files(site_dir):
        parser = _Links()
        html = path.read_text(encoding="utf-8")
        parser.feed(html)
        _domain_after_labelled_links(html, parser.external)
        for link in parser.external:
            where = f"{path.relative_to(site_dir)}: {link['href']}"
            assert set((link.get("rel") or "").split()) >= {"noopener", "noreferrer"}, where
            assert link.get("domain_span") == "yes", where
            domain = re.sub(r"^www\.", "", re.sub(r"^https?://([^/:?#]+).*$", r"\1", link["href"] or ""))
            assert domain in (link["text"] or ""), f"{where}: the reader does not see {domain}"
            checked += 1
    assert checked > 10


@pytest.fixture(scope="module")
def unsafe_build(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real strict build of a copy of the project with one unsafe guide edit."""
    project = copy_project(tmp_path_factory.mktemp("unsafe") / "project")
    guide = project / "docs" / "guides" / "dong-tien-dien.md"
    lines = guide.read_text(encoding="utf-8").splitlines()
    body_start = lines.index("---", 1) + 2
    lines[body_start:body_start] = [
        '<iframe src="https://dichvucong-gov.vn/login"></iframe>',
        "",
        "[Nhận hoàn tiền](https://dichvucong-gov.vn/hoan-tien)",
        "",
    ]
    guide.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode != 0, "an unsafe edit must stop the build"
    return result.stdout + result.stderr


def test_an_unsafe_edit_stops_the_build_with_file_line_and_fix(unsafe_build: str, site_dir: Path) -> None:
    source = (ROOT / "docs/guides/dong-tien-dien.md").read_text(encoding="utf-8").splitlines()
    line = source.index("---", 1) + 3  # the first inserted line, 1-based
    assert f"docs/guides/dong-tien-dien.md (dòng {line} / line {line})" in unsafe_build
    assert "<iframe>" in unsafe_build and "embeds another site's page" in unsafe_build
    assert f"docs/guides/dong-tien-dien.md (dòng {line + 2} / line {line + 2})" in unsafe_build
    assert "looks like a government site but does not end in .gov.vn" in unsafe_build
    assert "[vi] Lỗi:" in unsafe_build and "[en] Error:" in unsafe_build


def test_a_page_written_outside_the_templates_gets_the_policy_or_stops_the_build() -> None:
    """Old-address redirects are checked as they are written (nothing re-reads the built site)."""
    page = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head>'
            '<body><a href="../x/">x</a></body></html>')
    protected = protected_page(page, "wards/x/index.html")
    assert protected.index('http-equiv="Content-Security-Policy"') < protected.index("<title>")
    with pytest.raises(PolicyError, match="wards/x/index.html"):
        protected_page(page.replace("<body>", '<body onload="go()">'), "wards/x/index.html")
    with pytest.raises(PolicyError):
        protected_page(page.replace("</body>", "<script>go()</script></body>"), "wards/x/index.html")


def test_redirect_pages_and_404_pages_carry_the_policy(site_dir: Path) -> None:
    for path in ("wards/bao-quang/index.html", "en/wards/bao-quang/index.html", "404.html", "en/404.html"):
        html = (site_dir / path).read_text(encoding="utf-8")
        assert page_problems(html, meta_policy()) == [], path


def test_the_cheap_policy_screen_never_passes_a_page_the_full_check_fails(site_dir: Path) -> None:
    """overrides/hooks/safety.py skips the full parse when the screen says a page is clean: it must only say
    so of pages the full check passes, and send anything risky to the full check."""
    pages = [path.read_text(encoding="utf-8") for path in html_files(site_dir) if path.name != "404.html"]
    assert all(surely_within_policy(page) for page in pages if "<article" in page), (
        "clean pages take the fast path"
    )
    page = (site_dir / "guides" / "dong-tien-dien" / "index.html").read_text(encoding="utf-8")
    policy_meta = '<meta http-equiv="Content-Security-Policy"'
    risky = [
        page.replace("<body", '<body onload="go()"', 1),
        page.replace("<body", "<body ONCLICK=go", 1),
        page.replace("</body>", "<script>go()</script></body>"),
        page.replace("</body>", '<script src="">go()</script></body>'),
        page.replace("</body>", '<script type="text/plain">go()</script></body>'),
        page.replace("</body>", "<style>p { color: red }</style></body>"),
        page.replace("<body", '<body style="color: red"', 1),
        page.replace("</body>", '<a title="a>b" onclick="go()">x</a></body>'),
        page.replace("</body>", '<a href="x"onclick="go()">x</a></body>'),
        page.replace(policy_meta, '<script src="a.js"></script>' + policy_meta, 1),
        page.replace('content="default-src', 'content="img-src *; default-src', 1),
    ]
    for variant in risky:
        assert page_problems(variant, meta_policy()), "the full check must find the problem"
        assert not surely_within_policy(variant), variant[-300:]

