"""Guides print as handouts (issues 6 and 17): every guide, in both languages, is printed to an A4 PDF
by real Chromium ONCE (module fixture), then read back as a volunteer would check the paper:
pdfinfo (pages), pdftotext (text, page by page), pdftohtml -xml (font sizes, text positions) and
zxing-cpp on pdftoppm renderings (the QR code)."""

from __future__ import annotations

import math
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import numpy
import pytest

from handbook.guides.handout import mark_address_texts, print_addresses, published_address, wrap_steps
from handbook.publish.print_qr import online_url, print_block

ROOT = Path(__file__).resolve().parent.parent
GUIDE = "guides/dong-tien-dien/"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url (SITE_URL is unset in tests)
SLUGS = sorted(p.stem for p in (ROOT / "docs/guides").glob("*.md") if "." not in p.stem and p.stem != "index")
LANGS = {"vi": "", "en": "en/"}
MIN_PT = 14


def squash(text: str) -> str:
    """Text without any whitespace: pdftotext breaks lines wherever the PDF does."""
    return re.sub(r"\s+", "", text)


# ---- plain rules (fast) ------------------------------------------------------------------------


def test_online_url_is_the_published_directory_url_in_every_build() -> None:
    assert online_url("https://example.org/so-tay/", "guides/x/") == "https://example.org/so-tay/guides/x/"
    assert online_url("https://example.org/so-tay", "en/guides/x.html") == "https://example.org/so-tay/en/guides/x/"
    assert online_url("https://example.org/", "index.html") == "https://example.org/"
    assert online_url("https://example.org/", "en/index.html") == "https://example.org/en/"


def test_print_block_is_hidden_on_screen_and_labelled() -> None:
    block = print_block("https://example.org/guides/x/", "en")
    assert " hidden " in block
    assert 'role="img"' in block and "QR code" in block
    assert "https://example.org/guides/x/" in block


def test_links_to_other_pages_get_their_published_address_in_both_builds() -> None:
    site = "https://example.org/so-tay/"
    assert published_address("../../wards/", "guides/x/", site) == "https://example.org/so-tay/wards/"
    assert published_address("../y/#buoc-2", "en/guides/x/", site) == "https://example.org/so-tay/en/guides/y/#buoc-2"
    # the offline copy links page.html files; paper shows the published address
    assert published_address("../wards/index.html", "guides/x.html", site) == "https://example.org/so-tay/wards/"
    for not_a_page in ("#tong-dai", "tel:19001006", "https://cskh.evnspc.vn", "mailto:a@b.vn"):
        assert published_address(not_a_page, "guides/x/", site) is None
    html = print_addresses('<a href="../../wards/">danh bạ</a> <a href="#top">x</a>', "guides/x/", site)
    assert html == (
        '<a href="../../wards/" data-print-address="https://example.org/so-tay/wards/">danh bạ</a> '
        '<a href="#top">x</a>'
    )


def test_a_web_link_whose_text_is_its_address_is_marked_to_print_it_once() -> None:
    html = ('<a href="https://dichvucong.gov.vn" rel="noopener noreferrer">https://dichvucong.gov.vn'
            '<span class="hb-domain hb-domain--arrow">↗</span></a> '
            '<a href="https://cskh.evnspc.vn">cskh.evnspc.vn</a> <a href="https://x.vn/a">https://x.vn</a>')
    assert mark_address_texts(html) == html.replace('noreferrer">', 'noreferrer" data-address-is-text>', 1)
    assert mark_address_texts(mark_address_texts(html)) == mark_address_texts(html)


def test_each_step_and_only_the_step_is_wrapped() -> None:
    html = ('<p>intro</p><h2 id="can-chuan-bi">Need</h2><ul></ul>'
            '<h2 id="buoc-1">Step 1</h2><p>a</p><figure>1</figure>'
            '<h2 id="buoc-2">Step 2</h2><p>b</p>\n<h2 id="nguon">Sources</h2><p>c</p>')
    assert wrap_steps(html) == (
        '<p>intro</p><h2 id="can-chuan-bi">Need</h2><ul></ul>'
        '<div class="hb-step"><h2 id="buoc-1">Step 1</h2><p>a</p><figure>1</figure></div>\n'
        '<div class="hb-step"><h2 id="buoc-2">Step 2</h2><p>b</p></div>\n<h2 id="nguon">Sources</h2><p>c</p>')
    assert wrap_steps("<h2 id='x'>a</h2><p>no steps</p>") == "<h2 id='x'>a</h2><p>no steps</p>"


# ---- every guide printed once -------------------------------------------------------------------


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def page_texts(pdf: Path) -> list[str]:
    """The text of each sheet in reading order (a step's text column, then its phone beside it)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[: pages_of(pdf)]


def pdf_layout(pdf: Path) -> ElementTree.Element:
    """pdftohtml's XML: every run of text with its page, position and font size (zoom 3: 1/3 pt steps)."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "3", "-stdout", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    return ElementTree.fromstring(xml.encode("utf-8"))


@pytest.fixture(scope="module")
def printed_guides(
    browser: object, base_url: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], dict]:
    """Every guide in both languages printed to A4 by Chromium, with what the page said about itself."""
    folder = tmp_path_factory.mktemp("printed-guides")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    printed = {}
    for slug in SLUGS:
        for lang, prefix in LANGS.items():
            path = f"{prefix}guides/{slug}/"
            page.goto(base_url + path, wait_until="networkidle")
            steps = page.evaluate(
                """() => [...document.querySelectorAll('article h2[id^="buoc-"]')].map((h) => {
                     const step = h.closest('.hb-step');
                     return {heading: h.innerText.replace('#', '').trim(),
                             captions: [...step.querySelectorAll('figcaption')].map((c) => c.innerText),
                             screens: [...step.querySelectorAll('.hb-screen__title')].map((t) => \
t.innerText)};
                   })"""
            )
            pdf = folder / f"{slug}-{lang}.pdf"
            page.pdf(path=str(pdf), format="A4")
            printed[(slug, lang)] = {"pdf": pdf, "path": path, "steps": steps}
    context.close()
    return printed


def test_every_guide_fits_its_sheets(printed_guides: dict) -> None:
    """Two steps to a sheet, and one sheet for the rest (the title, what you need, the sources...):
    every guide, in both languages, prints on at most ceil(steps / 2) + 1 A4 sheets."""
    over = []
    for (slug, lang), guide in printed_guides.items():
        pages, steps = pages_of(guide["pdf"]), len(guide["steps"])
        target = math.ceil(steps / 2) + 1
        if pages > target:
            over.append(f"{slug} ({lang}): {pages} pages, {steps} steps, target {target}")
    assert len(printed_guides) == 2 * len(SLUGS)
    assert over == [], "guides longer than their sheets:\n" + "\n".join(over)


def test_each_step_heading_is_on_the_same_sheet_as_its_picture(printed_guides: dict) -> None:
    problems = []
    for (slug, lang), guide in printed_guides.items():
        texts = [squash(t) for t in page_texts(guide["pdf"])]
        for step in guide["steps"]:
            heading = squash(step["heading"])
            sheets = [i for i, text in enumerate(texts) if heading in text]
            assert step["captions"], f"{slug} ({lang}): step {step['heading']!r} has no picture"
            if len(sheets) != 1:
                problems.append(f"{slug} ({lang}): heading {step['heading']!r} found on sheets {sheets}")
                continue
            # The first picture (a step's only one, or its Android tab) is on the heading's sheet; a step
            # with tabs may continue between tabs, each picture whole with its caption.
            pictures = list(zip(step["captions"], step["screens"]))
            first_caption, first_title = pictures[0]
            if squash(first_caption) not in texts[sheets[0]] or squash(first_title) not in texts[sheets[0]]:
                problems.append(f"{slug} ({lang}): the picture of {step['heading']!r} is not on its sheet")
            for caption, screen_title in pictures[1:]:
                if not any(squash(caption) in text and squash(screen_title) in text for text in texts):
                    problems.append(
                        f"{slug} ({lang}): a picture of {step['heading']!r} is cut from its caption"
                    )
    assert problems == []


def test_no_printed_text_is_smaller_than_14_pt(printed_guides: dict) -> None:
    small = []
    for (slug, lang), guide in printed_guides.items():
        layout = pdf_layout(guide["pdf"])
        sizes = {spec.get("id"): int(spec.get("size")) / 3 for spec in layout.iter("fontspec")}
        for text in layout.iter("text"):
            words = "".join(text.itertext()).strip()
            if words and sizes[text.get("font")] < MIN_PT:
                small.append(f"{slug} ({lang}): {sizes[text.get('font')]:.1f} pt: {words[:40]!r}")
    assert small == []


def test_no_sheet_is_left_half_blank(printed_guides: dict) -> None:
    """Every sheet but the last is used at least down to its middle (steps are never cut in two, so
    a step that does not fit moves to the next sheet; that must not leave half a sheet empty)."""
    half_blank = []
    for (slug, lang), guide in printed_guides.items():
        layout = pdf_layout(guide["pdf"])
        sheets = list(layout.iter("page"))
        for number, sheet in enumerate(sheets[:-1], start=1):
            bottom = max((int(t.get("top")) + int(t.get("height")) for t in sheet.iter("text")), default=0)
            if bottom < int(sheet.get("height")) / 2:
                half_blank.append(
                    f"{slug} ({lang}) sheet {number}: text ends at {bottom / int(sheet.get('height')):.0%}"
                )
    assert half_blank == []


def read_pgm(path: Path) -> memoryview:
    """A binary greyscale PGM (pdftoppm -gray) as a (height, width) buffer for zxing-cpp."""
    data = path.read_bytes()
    header = re.match(rb"P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header is not None and header.group(3) == b"255", f"not an 8-bit PGM: {path}"
    width, height = int(header.group(1)), int(header.group(2))
    return memoryview(data[header.end(): header.end() + width * height]).cast("B", (height, width))


def qr_codes_on_first_page(pdf: Path) -> list[str]:
    import zxingcpp

    prefix = pdf.with_name(pdf.stem + "-page1")
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    return [code.text for code in zxingcpp.read_barcodes(read_pgm(prefix.with_suffix(".pgm")))]


def test_first_sheet_has_the_qr_code_and_address_of_the_guide(printed_guides: dict) -> None:
    for (slug, lang), guide in printed_guides.items():
        address = online_url(SITE_URL, guide["path"])
        assert qr_codes_on_first_page(guide["pdf"]) == [address], f"{slug} ({lang})"
        assert squash(address) in squash(page_texts(guide["pdf"])[0]), (
            f"{slug} ({lang}): address not on sheet 1"
        )


def test_the_printed_code_is_22_mm_with_its_quiet_zone(printed_guides: dict) -> None:
    """On paper (A4 from Chromium, rendered at 300 dpi): the code is 22 mm square with its 4-module quiet
    zone (print.css), so a module is 22 mm / (modules + 8), over half a millimetre for the addresses of
    this build, and 4 light modules surround it."""
    from test_qr import QUIET_ZONE, assert_quiet_zone, located

    for lang in LANGS:
        pdf = printed_guides[("dong-tien-dien", lang)]["pdf"]
        prefix = pdf.with_name(pdf.stem + "-300dpi")
        subprocess.run(["pdftoppm", "-gray", "-r", "300", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(prefix)], check=True)
        image = numpy.asarray(read_pgm(prefix.with_suffix(".pgm")))
        _, module, (left, _, right, _) = located(image)
        module_mm = module / 300 * 25.4
        modules = round((right - left) / module)
        assert module_mm * (modules + 2 * QUIET_ZONE) == pytest.approx(22, abs=0.5), f"{module_mm:.2f} mm"
        assert module_mm > 0.5, f"{module_mm:.2f} mm a module"
        assert_quiet_zone(image, f"printed guide ({lang})")


def test_links_print_their_address_internal_links_too(printed_guides: dict) -> None:
    for lang, prefix in LANGS.items():
        text = squash("".join(page_texts(printed_guides[("dong-tien-dien", lang)]["pdf"])))
        wards = "danhbạphường" if lang == "vi" else "warddirectory"
        assert f"{wards}({squash(online_url(SITE_URL, prefix + 'wards/'))})" in text
        assert "(https://cskh.evnspc.vn)" in text
        guide = "Nhậnbiếtlừađảo" if lang == "vi" else "Recognisescams"
        # An address may wrap after one of its hyphens ("nhan-biet-lua-" / "dao/"): pdftotext's
        # default mode joins such a line and drops the hyphen, -raw keeps the characters as printed.
        raw = subprocess.run(["pdftotext", "-raw", str(printed_guides[("dong-tien-dien", lang)]["pdf"]), "-"],
                             capture_output=True, text=True, check=True).stdout
        assert f"({squash(online_url(SITE_URL, prefix + 'guides/nhan-biet-lua-dao/'))})" in squash(raw), guide


# ---- one guide, read as a person would ----------------------------------------------------------


@pytest.fixture(scope="module", params=["", "en/"], ids=["vi", "en"])
def printed_guide(
    request: pytest.FixtureRequest, browser: object, base_url: str, printed_guides: dict
) -> dict:
    """dong-tien-dien printed (from printed_guides), with the page's own header, footer and links."""
    path = request.param + GUIDE
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    chrome = page.evaluate(
        """() => {
          const texts = new Set();
          for (const el of document.querySelectorAll(
              '.md-header a, .md-header label, .md-nav__link, .md-footer a, .md-footer-meta, .md-tabs a, \
.md-skip')) {
            const t = el.textContent.replace(/\\s+/g, ' ').trim();
            if (t.length >= 4) texts.add(t);
          }
          return [...texts];
        }"""
    )
    handover = page.evaluate(
        "() => [...document.querySelectorAll('.hb-handover__tools button, .hb-handover__card')]"
        ".map((e) => e.textContent.replace(/\\s+/g, ' ').trim())")  # also when "Công cụ" is closed
    article = page.inner_text("article")
    page.emulate_media(media="print")
    links = page.evaluate(
        """() => [...document.querySelectorAll('article a[href^="http"]')]
          .filter((a) => a.getClientRects().length > 0 && a.innerText.trim())
          .map((a) => [a.innerText, a.getAttribute('href')])"""
    )
    title = page.inner_text("article h1")
    context.close()
    pdf = printed_guides[("dong-tien-dien", "en" if request.param else "vi")]["pdf"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return {
        "pdf": pdf,
        "text": text,
        "chrome": chrome,
        "handover": handover,
        "article": article,
        "title": title,
        "links": links,
        "path": path,
    }


def test_printed_guide_has_title_steps_and_link_addresses(printed_guide: dict) -> None:
    text = squash(printed_guide["text"])
    assert squash(printed_guide["title"]) in text
    links = printed_guide["links"]
    assert any(href == "https://cskh.evnspc.vn" for _, href in links)
    for link_text, href in links:
        assert squash(f"{link_text} ({href})") in text, f"no address printed after the link {link_text!r}"
    assert squash(online_url(SITE_URL, printed_guide["path"])) in text


def test_printed_guide_has_no_navigation_header_footer_or_screen_buttons(printed_guide: dict) -> None:
    text = squash(printed_guide["text"])
    article = squash(printed_guide["article"])
    chrome = [t for t in printed_guide["chrome"] if squash(t) not in article]
    assert chrome, "found no header, navigation or footer text on the page to check against"
    assert len(printed_guide["handover"]) == 3  # open on another phone, share, quick card
    printed = [t for t in chrome + printed_guide["handover"] if squash(t) in text]
    assert printed == [], f"page chrome printed on the handout: {printed}"
    switch = "Tiếng Việt" if printed_guide["path"].startswith("en/") else "English"
    assert switch not in printed_guide["text"]  # the language switch


def test_printed_guide_keeps_the_illustrations(printed_guide: dict) -> None:
    text = printed_guide["text"]
    sticker = "Illustration" if printed_guide["path"].startswith("en/") else "Minh họa"
    assert text.count(sticker) >= 6, "the ```screen illustrations are missing from the printout"
