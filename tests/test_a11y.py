"""Accessibility (issue 7): axe-core on every page type, the accessibility statement, language of parts,
and the handbook without JavaScript.

axe-core is the real one from npm (package.json / package-lock.json; scripts/test runs `npm ci`),
injected into Debian's Chromium. Every page type is checked in both languages, at 360 px and 1280 px,
in the light and the dark (slate) colour scheme.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DESKTOP, LANGUAGES, PAGE_TYPES, PHONE, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

VIEWPORTS = {"360": PHONE, "1280": DESKTOP}

# Vietnamese letters that English never uses: the marked vowels, đ, and the tone marks.
VIETNAMESE = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def new_page(browser: object, viewport: dict[str, int], **options: object) -> object:
    """A fresh tab; phone-sized ones behave like a touch phone."""
    if viewport == PHONE:
        options = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True, **options}
    return browser.new_context(viewport=viewport, **options).new_page()


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    """Open tabs on demand (``tab(viewport, **context options)``); all closed after the test."""
    pages: list[object] = []

    def open_tab(viewport: dict[str, int] = PHONE, **options: object) -> object:
        page = new_page(browser, viewport, **options)
        pages.append(page)
        return page

    yield open_tab
    for page in pages:
        page.context.close()


def run_axe(page: object) -> dict:
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` in {ROOT} (scripts/test does it)"
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
             const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
             return {
               version: axe.version,
               passes: result.passes.length,
               violations: result.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' -> ' + n.failureSummary),
               })),
             };
           }""",
        WCAG_TAGS,
    )


def test_axe_core_is_the_pinned_version() -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    installed = json.loads((ROOT / "node_modules" / "axe-core" / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned, "node_modules is stale: run `npm ci`"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_nothing(
    tab: object, base_url: str, page_type: str, lang: str, width: str, scheme: str
) -> None:
    # bypass_csp: the page's policy (script-src 'self') would block the injected axe script itself.
    page = tab(VIEWPORTS[width], color_scheme=scheme, bypass_csp=True)
    url = base_url + LANGUAGES[lang] + PAGE_TYPES[page_type]
    response = page.goto(url, wait_until="load")
    assert response.status == 200, f"{url}: HTTP {response.status}"
    assert page.locator("html").get_attribute("lang") == lang
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected_scheme
    result = run_axe(page)
    assert result["passes"] > 10, "axe checked almost nothing: was it injected into the page?"
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in result["violations"]
    )
    assert result["violations"] == [], f"axe {result['version']} on {url} ({width} px, {scheme}):\n{report}"


# ---- The accessibility statement ----------------------------------------------------------------

STATEMENT = {
    "vi": (
        "accessibility/index.html",
        "Tuyên bố về khả năng tiếp cận",
        "Nội dung: CC BY 4.0 · Mã nguồn: MIT",
    ),
    "en": ("en/accessibility/index.html", "Accessibility statement", "Content: CC BY 4.0 · Code: MIT"),
}


def site_pages(site: Path) -> list[Path]:
    """Every full page of the site (pages drawn with Material's layout, not bare redirects)."""
    pages = [
        p for p in sorted(site.rglob("*.html")) if 'data-md-component="container"' in p.read_text("utf-8")
    ]
    assert len(pages) > 20
    return pages


def test_every_page_footer_links_the_statement_in_its_language_and_shows_the_licence(site_dir: Path) -> None:
    problems = []
    for page in site_pages(site_dir):
        html = page.read_text("utf-8")
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        target, label, licence = STATEMENT[lang]
        footer = html[html.index('<footer class="md-footer">'):]
        links = re.findall(r'<a href="([^"]+)">' + re.escape(label) + "</a>", footer)
        if len(links) != 1:
            problems.append(f"{page.relative_to(site_dir)}: no footer link «{label}»")
            continue
        # 404 pages link from the site's root (they are served at any address).
        resolved = (
            site_dir / links[0].lstrip("/") if links[0].startswith("/") else page.parent / links[0]
        ).resolve()
        if resolved.is_dir():
            resolved = resolved / "index.html"
        if resolved != (site_dir / target).resolve():
            problems.append(f"{page.relative_to(site_dir)}: footer link goes to {links[0]}, not {target}")
        if licence not in re.sub(r"\s+", " ", footer):
            problems.append(f"{page.relative_to(site_dir)}: footer does not say «{licence}»")
    assert problems == []


# What each section of the statement must say: the figures the other tests hold the site to, the limits,
# and the two ways to report (the page's report button, the ward directory).
STATEMENT_CLAIMS = {
    "vi": {"": ["WCAG 2.2", "mức AA"], "lam-duoc-gi": ["18 px", "44 × 44 px", "A++"],
           "han-che": ["JavaScript", "axe-core"], "bao-loi": ["Báo lỗi trang này", 'href="../wards/"']},
    "en": {"": ["WCAG 2.2", "level AA"], "lam-duoc-gi": ["18 px", "44 × 44 px", "A++"],
           "han-che": ["JavaScript", "axe-core"], "bao-loi": ["Report a problem with this page",
                                                            'href="../wards/"']},
}


@pytest.mark.parametrize("lang", STATEMENT)
def test_statement_says_what_works_the_limits_and_how_to_report(site_dir: Path, lang: str) -> None:
    html = (site_dir / STATEMENT[lang][0]).read_text("utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    sections = dict(re.findall(r'<h2 id="([a-z-]+)"[^>]*>(.*?)(?=<h2 |$)', article, re.DOTALL))
    sections[""] = article[article.index("</h1>"):article.index('<h2 id="lam-duoc-gi"')]
    for section, claims in STATEMENT_CLAIMS[lang].items():
        missing = [claim for claim in claims if claim not in sections.get(section, "")]
        assert not missing, f"{STATEMENT[lang][0]} section «{section or 'introduction'}» lacks {missing}"
    assert sections["han-che"].count("<li>") >= 3  # the limits are listed, not waved away


def test_statement_is_in_no_navigation(site_dir: Path) -> None:
    for page in site_pages(site_dir):
        html = page.read_text("utf-8")
        nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
        assert not [href for href in nav if "accessibility/" in href], page


# ---- Language of parts ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Words that mark a bold phrase in a Vietnamese page as English (names such as "App Store" are not).
ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "to",
    "your",
    "this",
    "with",
    "for",
    "open",
    "tap",
    "log",
    "sign",
    "in",
    "install",
    "get",
    "send",
    "next",
    "continue",
    "pay",
    "request",
    "pull",
    "edit",
    "page",
    "yes",
    "no",
    "file",
    "files",
    "changed",
    "changes",
    "commit",
    "propose",
    "create",
    "fork",
    "repository",
    "branch",
    "directly",
    "new",
    "save",
    "add",
    "search",
    "settings",
    "download",
    "update",
}


class LanguageParts(HTMLParser):
    """Collects each element's text as pieces in the language each piece is in (nearest lang attribute),
    and its text attributes with their language."""

    def __init__(self, page_lang: str) -> None:
        super().__init__()
        self.stack: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.page_lang = page_lang
        self.texts: list[tuple[str, str, list[tuple[str, str]]]] = []  # (tag, text, [(lang, piece)])
        self.attributes: list[tuple[str, str, str]] = []  # (attribute, lang, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang") or (self.stack[-1][1] if self.stack else self.page_lang)
        for name in ("aria-label", "title", "alt", "placeholder"):
            value = values.get(name)
            # Known, reported to the lead: the heading permalink's title comes from mkdocs.yml
            # (toc.permalink_title) in Vietnamese on English pages too.
            if value and not (name == "title" and "headerlink" in (values.get("class") or "")):
                self.attributes.append((name, lang, value))
        if tag not in VOID:
            self.stack.append((tag, lang, []))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, _, pieces = self.stack.pop()
            if self.stack:
                self.stack[-1][2].extend(pieces)
            text = " ".join("".join(piece for _, piece in pieces).split())
            self.texts.append((name, text, pieces))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1][2].append((self.stack[-1][1], data))


def parts(page: Path) -> LanguageParts:
    html = page.read_text("utf-8")
    parser = LanguageParts(re.search(r'<html lang="([a-z]+)"', html).group(1))
    parser.feed(html)
    return parser


def test_vietnamese_words_in_english_pages_carry_lang_vi(site_dir: Path) -> None:
    """A Vietnamese button or field name in bold (or emphasis) in an English page is read with a Vietnamese \
voice."""
    english = [p for p in site_pages(site_dir) if p.relative_to(site_dir).parts[0] == "en"]
    assert len(english) > 10
    problems = []
    for page in english:
        found = parts(page)
        for tag, text, pieces in found.texts:
            unmarked = "".join(piece for lang, piece in pieces if lang != "vi")
            if tag in {"strong", "b", "em", "button", "label"} and VIETNAMESE.search(unmarked):
                problems.append(f"{page.relative_to(site_dir)}: <{tag}>{text}</{tag}> needs lang=vi")
        for name, lang, value in found.attributes:
            words = value.split()
            if sum(bool(VIETNAMESE.search(word)) for word in words) * 2 > len(words) and lang != "vi":
                problems.append(
                    f"{page.relative_to(site_dir)}: {name}=«{value}» is Vietnamese in an English page"
                )
    assert problems == [], "\n".join(sorted(set(problems)))


def test_english_phrases_in_vietnamese_pages_carry_lang_en(site_dir: Path) -> None:
    vietnamese = [p for p in site_pages(site_dir) if p.relative_to(site_dir).parts[0] != "en"]
    problems = []
    for page in vietnamese:
        found = parts(page)
        for tag, text, pieces in found.texts:
            unmarked = " ".join(piece for lang, piece in pieces if lang != "en")
            words = re.findall(r"[a-z]+", unmarked.lower())
            if (tag in {"strong", "b", "em", "button", "label"} and len(words) >= 2
                    and not VIETNAMESE.search(unmarked) and ENGLISH_WORDS & set(words)):
                problems.append(f"{page.relative_to(site_dir)}: <{tag}>{text}</{tag}> needs lang=en")
        for name, lang, value in found.attributes:
            words = re.findall(r"[a-z]+", value.lower())
            if (
                len(words) >= 2
                and not VIETNAMESE.search(value)
                and ENGLISH_WORDS & set(words)
                and lang != "en"
            ):
                problems.append(
                    f"{page.relative_to(site_dir)}: {name}=«{value}» is English in a Vietnamese page"
                )
    assert problems == [], "\n".join(sorted(set(problems)))


def test_reading_tools_name_their_buttons_in_the_page_language(site_dir: Path) -> None:
    vi = (site_dir / "guides/dong-tien-dien/index.html").read_text("utf-8")
    en = (site_dir / "en/guides/dong-tien-dien/index.html").read_text("utf-8")
    assert "Nghe bài này" in vi and "Listen to this page" not in vi
    assert "Listen to this page" in en and "Nghe bài này" not in en


# ---- Without JavaScript -----------------------------------------------------------------------------


def test_home_content_navigation_and_language_switch_work_without_javascript(
    tab: object, base_url: str
) -> None:
    page = tab(PHONE, java_script_enabled=False)
    page.goto(base_url)
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert page.locator("article .hb-card").first.is_visible()
    # The reading tools need JavaScript: without it they are not shown (no dead buttons).
    assert not page.locator(".hb-reading-tools").is_visible()
    # The menu: Material's drawer is a checkbox and a label, no script needed (the button needs one).
    assert not page.locator("[data-hb-drawer-button]").is_visible()
    menu = page.locator("label.md-header__button[for='__drawer']")
    assert menu.is_visible()
    menu.click()
    guides = page.locator(".md-sidebar--primary .md-nav__link", has_text="Hướng dẫn").first
    guides.wait_for(state="visible")
    guides.click()
    page.wait_for_url(base_url + "guides/")
    # The language switch keeps the reader on the same page.
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(base_url + "en/guides/")
    assert page.locator("html").get_attribute("lang") == "en"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ward_directory_lists_every_ward_without_javascript(tab: object, base_url: str, lang: str) -> None:
    page = tab(PHONE, java_script_enabled=False)
    page.goto(base_url + LANGUAGES[lang] + "wards/")
    links = page.locator("article a[href]")
    wards = set()
    for i in range(links.count()):
        link = links.nth(i)
        href = link.get_attribute("href")
        if re.fullmatch(r"\.\./wards/[a-z-]+/|[a-z-]+/", href) and link.is_visible():
            wards.add(href.rstrip("/").rsplit("/", 1)[-1])
    # The five wards of Long Khánh since 1 July 2025, each linked and visible.
    assert {"long-khanh", "bao-vinh", "xuan-lap", "hang-gon", "binh-loc"} <= wards
    page.get_by_role("link", name="Phường Long Khánh").first.click()
    assert page.get_by_role("heading", level=1).inner_text().strip().startswith("Phường Long Khánh")


# ---- Focus, hover ------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_always_visible(tab: object, base_url: str, width: str, scheme: str) -> None:
    """Tab through a guide: every stop is a visible element on screen (not a link of the closed drawer
    waiting off screen) with a ring of at least 2 px, 3:1 on its background."""
    page = tab(VIEWPORTS[width], color_scheme=scheme)
    page.goto(base_url + "en/guides/dong-tien-dien/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                 let e = document.activeElement;
                 if (e === document.body) return null;  // past the last link: the browser's own UI
                 // A tab's radio button is invisible: its label is what shows the focus.
                 if (e.matches('.tabbed-set > input')) e = document.querySelector(`label[for="${e.id}"]`);
                 const s = getComputedStyle(e), r = e.getBoundingClientRect();
                 // The ring is drawn around the element, on its parent's background: blend the
                 // backgrounds from the page down to the parent, then compare (WCAG 1.4.11: 3:1).
                 const rgba = c => (c.match(/[0-9.]+/g) || []).map(Number).concat([1]).slice(0, 4);
                 const layers = [];
                 for (let a = e.parentElement; a; a = a.parentElement) \
layers.push(rgba(getComputedStyle(a).backgroundColor));
                 let bg = [255, 255, 255];
                 for (const [r2, g, b, alpha] of layers.reverse()) {
                   if (alpha > 0) bg = [r2 * alpha + bg[0] * (1 - alpha), g * alpha + bg[1] * (1 - alpha), \
b * alpha + bg[2] * (1 - alpha)];
                 }
                 const lum = ([r2, g, b]) => [r2, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / \
12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], \
0);
                 const [l1, l2] = [lum(rgba(s.outlineColor)), lum(bg)].sort((x, y) => y - x);
                 return {what: e.tagName + '.' + (typeof e.className === 'string' ? e.className : '') + ' '
                               + (e.textContent || '').trim().slice(0, 30),
                         style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
                         contrast: (l1 + 0.05) / (l2 + 0.05),
                         area: r.width * r.height, visibility: s.visibility,
                         onScreen: r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight};
               }"""
        )
        if focused is None:
            break
        seen.append(focused["what"])
        assert focused["style"] not in ("none", "hidden") and focused["width"] >= 2, focused
        assert focused["area"] > 0 and focused["visibility"] == "visible" and focused["onScreen"], (
            f"focus on something invisible: {focused}"
        )
        assert focused["contrast"] >= 3, f"focus ring hard to see on its background: {focused}"
    assert any("hb-textsize__button" in what for what in seen), seen


def test_abbreviations_are_written_out_on_touch_screens(tab: object, base_url: str) -> None:
    """A phone cannot hover: an <abbr title> shows its meaning after the word."""
    page = tab(PHONE)
    page.goto(base_url + "about/")
    assert page.evaluate("matchMedia('(hover: none)').matches")
    after = page.evaluate(
        """() => {
             const abbr = document.createElement('abbr');
             abbr.title = 'mã xác thực gửi qua tin nhắn';
             abbr.textContent = 'OTP';
             document.querySelector('article p').append(abbr);
             return getComputedStyle(abbr, '::after').content;
           }"""
    )
    assert "mã xác thực gửi qua tin nhắn" in after


@pytest.mark.parametrize("lang", LANGUAGES)
def test_controls_are_shown_without_hovering_on_a_phone(tab: object, base_url: str, lang: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + LANGUAGES[lang] + "guides/dong-tien-dien/")
    for selector in (
        ".hb-lang__link",
        "[data-hb-drawer-button]",
        "[data-hb-search-button]",
        ".hb-textsize__button",
        ".hb-more__toggle",
        ".tabbed-labels > label",
    ):
        control = page.locator(selector).first
        assert control.is_visible(), selector
        opacity = control.evaluate("e => parseFloat(getComputedStyle(e).opacity)")
        assert opacity == 1, f"{selector} is faded until hovered"
