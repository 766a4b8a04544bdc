"""A guide prints as a clean handout (issue 6): printed to PDF by real Chromium, read back with
pdftotext, and its QR code decoded with zxing-cpp."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from handbook.print_qr import online_url, print_block

GUIDE = "guides/dong-tien-dien/"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url (SITE_URL is unset in tests)


def squash(text: str) -> str:
    """Text without any whitespace: pdftotext breaks lines wherever the PDF does."""
    return re.sub(r"\s+", "", text)


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


@pytest.fixture(scope="module", params=["", "en/"], ids=["vi", "en"])
def printed_guide(
    request: pytest.FixtureRequest, browser: object, base_url: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    """The guide, in each language, printed to PDF (A4) as a reader would from Chromium, plus its text."""
    path = request.param + GUIDE
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    chrome = page.evaluate(
        """() => {
          const texts = new Set();
          for (const el of document.querySelectorAll(
              '.md-header a, .md-header label, .md-nav__link, .md-footer a, .md-footer-meta, .md-tabs a, .md-skip')) {
            const t = el.textContent.replace(/\\s+/g, ' ').trim();
            if (t.length >= 4) texts.add(t);
          }
          return [...texts];
        }"""
    )
    article = page.inner_text("article")
    page.emulate_media(media="print")
    links = page.evaluate(
        """() => [...document.querySelectorAll('article a[href^="http"]')]
          .filter((a) => a.getClientRects().length > 0 && a.innerText.trim())
          .map((a) => [a.innerText, a.getAttribute('href')])"""
    )
    title = page.inner_text("article h1")
    step = page.inner_text("article h2#buoc-1")
    folder = tmp_path_factory.mktemp("print-" + (request.param.strip("/") or "vi"))
    pdf = folder / "guide.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return {"pdf": pdf, "text": text, "chrome": chrome, "article": article, "title": title, "step": step,
            "links": links, "path": path}


def test_printed_guide_has_title_steps_and_link_addresses(printed_guide: dict[str, object]) -> None:
    text = squash(printed_guide["text"])
    assert squash(printed_guide["title"]) in text
    assert squash(printed_guide["step"].replace("#", "")) in text
    # Each web link's address is printed right after its text.
    links = printed_guide["links"]
    assert any(href == "https://cskh.evnspc.vn" for _, href in links)
    for link_text, href in links:
        assert squash(f"{link_text} ({href})") in text, f"no address printed after the link {link_text!r}"
    # The address in words beside the QR code.
    assert squash(online_url(SITE_URL, printed_guide["path"])) in text


def test_printed_guide_has_no_navigation_header_or_footer(printed_guide: dict[str, object]) -> None:
    text = squash(printed_guide["text"])
    article = squash(printed_guide["article"])
    chrome = [t for t in printed_guide["chrome"] if squash(t) not in article]
    assert chrome, "found no header, navigation or footer text on the page to check against"
    printed = [t for t in chrome if squash(t) in text]
    assert printed == [], f"page chrome printed on the handout: {printed}"
    switch = "Tiếng Việt" if printed_guide["path"].startswith("en/") else "English"
    assert switch not in printed_guide["text"]  # the language switch


def test_printed_guide_keeps_the_illustrations(printed_guide: dict[str, object]) -> None:
    # The phone drawings are real text: their "Illustration" stickers and button labels print.
    text = printed_guide["text"]
    sticker = "Illustration" if printed_guide["path"].startswith("en/") else "Minh họa"
    assert text.count(sticker) >= 6, "the ```screen illustrations are missing from the printout"


def read_pgm(path: Path) -> memoryview:
    """A binary greyscale PGM (pdftoppm -gray) as a (height, width) buffer for zxing-cpp."""
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:  # magic, width, height, maxval; skip comments
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    assert fields[0] == b"P5" and fields[3] == b"255", f"not an 8-bit PGM: {path}"
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1:position + 1 + width * height]
    return memoryview(pixels).cast("B", (height, width))


def test_printed_guide_has_a_qr_code_of_its_own_address(printed_guide: dict[str, object]) -> None:
    import zxingcpp

    pdf: Path = printed_guide["pdf"]
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-gray", "-r", "150", str(pdf), str(prefix)], check=True)
    found: list[str] = []
    for pgm in sorted(pdf.parent.glob(prefix.name + "*.pgm")):
        found += [code.text for code in zxingcpp.read_barcodes(read_pgm(pgm))]
    assert online_url(SITE_URL, printed_guide["path"]) in found, f"QR codes found in the PDF: {found}"
