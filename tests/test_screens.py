"""Phone-screen illustrations (```screen blocks): parsing, editor errors, HTML, and the look in Chromium."""

from __future__ import annotations

import base64
import importlib.util
import os
import re
import subprocess
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from conftest import run_build_command
from handbook.errors import ContentError
from handbook.guides.screens import (
    Item,
    Screen,
    check_markdown,
    fence_format,
    parse_screen,
    render_screen,
    set_page,
)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

LOGIN = """\
step: 2
title: Đăng nhập
app: VNeID
items:
  - text: Nhập số định danh cá nhân và mật khẩu
  - field: Số định danh cá nhân
    value: 000000000000
  - field: Mật khẩu
    value: "••••••"
  - button: Đăng nhập
    meaning: Log in
    tap: true
  - link: Quên mật khẩu?
"""


def screen_error(source: str, line: int = 10) -> ContentError:
    with pytest.raises(ContentError) as caught:
        parse_screen(textwrap.dedent(source), "docs/guides/x.md", line)
    return caught.value


# --- parsing -------------------------------------------------------------------------------


def test_a_login_screen_is_read_item_by_item() -> None:
    screen = parse_screen(LOGIN, "docs/guides/x.md", 1)
    assert (screen.step, screen.title, screen.app) == (2, "Đăng nhập", "VNeID")
    assert [item.kind for item in screen.items] == ["text", "field", "field", "button", "link"]
    # Unquoted twelve zeros stay the fake ID number the editor wrote (YAML alone would read 0).
    assert screen.items[1].value == "000000000000"
    assert screen.tapped == Item(kind="button", label="Đăng nhập", meaning="Log in", tap=True)


def test_every_kind_of_item_is_accepted() -> None:
    kinds = ["text", "field", "button", "link", "row", "tile", "notice", "qr", "message"]
    source = "step: 1\ntitle: T\nitems:\n" + "".join(f"  - {kind}: Nhãn {kind}\n" for kind in kinds)
    assert [item.kind for item in parse_screen(source, "f.md", 1).items] == kinds


# Each editor mistake: (block, line of the mistake in the file, key named, words in vi, words in en).
# The block's first line is line 10 of the file.
MISTAKES = {
    "unknown top-level key": (
        "step: 2\ntitle: Đăng nhập\nitmes:\n  - button: Đăng nhập\n", 12, "itmes",
        ["không được phép", "'items'"], ["not allowed", "'items'"]),
    "unknown item kind": (
        "step: 2\ntitle: T\nitems:\n  - buton: Đăng nhập\n", 13, "buton",
        ["không tồn tại", "'button'"], ["not a kind of item", "'button'"]),
    "two kinds in one item": (
        "step: 2\ntitle: T\nitems:\n  - button: Đăng nhập\n    link: Quên mật khẩu?\n", 14, "link",
        ["hai loại", "'button'"], ["two kinds", "'button'"]),
    "missing step": (
        "title: T\nitems:\n  - button: OK\n", 10, "step", ["thiếu"], ["missing"]),
    "missing title": (
        "step: 1\nitems:\n  - button: OK\n", 10, "title", ["thiếu"], ["missing"]),
    "missing items": (
        "step: 1\ntitle: T\n", 10, "items", ["thiếu"], ["missing"]),
    "step is zero": (
        "step: 0\ntitle: T\nitems:\n  - button: OK\n", 10, "step",
        ["số nguyên dương", "'0'"], ["positive", "'0'"]),
    "step is a word": (
        "title: T\nstep: hai\nitems:\n  - button: OK\n", 11, "step", ["số nguyên dương"], ["positive"]),
    "step is a fraction": (
        "step: 2.5\ntitle: T\nitems:\n  - button: OK\n", 10, "step", ["số nguyên dương"], ["positive"]),
    "two taps": (
        "step: 1\ntitle: T\nitems:\n  - button: A\n    tap: true\n  - link: B\n    tap: true\n", 16, "tap",
        ["nhiều hơn một", "dòng 13"], ["More than one", "line 13"]),
    "unknown item key": (
        "step: 1\ntitle: T\nitems:\n  - button: A\n    tapp: true\n", 14, "tapp",
        ["không được phép", "'tap'"], ["not allowed", "'tap'"]),
    "value on a button": (
        "step: 1\ntitle: T\nitems:\n  - button: A\n    value: x\n", 14, "value", ["'field'"], ["'field'"]),
    "tap is not true": (
        "step: 1\ntitle: T\nitems:\n  - button: A\n    tap: chạm\n", 14, "tap", ["'true'"], ["'true'"]),
    "empty label": (
        "step: 1\ntitle: T\nitems:\n  - button:\n", 13, "button", ["nội dung"], ["text"]),
    "same key twice": (
        "step: 1\ntitle: T\ntitle: U\nitems:\n  - button: A\n", 12, "title", ["hai lần"], ["twice"]),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_each_mistake_names_the_line_and_key_in_both_languages(mistake: str) -> None:
    source, line, key, words_vi, words_en = MISTAKES[mistake]
    error = screen_error(source)
    assert error.file == "docs/guides/x.md"
    assert error.where == f"dòng {line} / line {line}, key '{key}'"
    vi, en = f"{error.problem_vi} {error.fix_vi}", f"{error.problem_en} {error.fix_en}"
    assert f"'{key}" in vi and f"'{key}" in en
    for word in words_vi:
        assert word in vi
    for word in words_en:
        assert word in en
    assert f"dòng {line} / line {line}" in str(error)


def test_invalid_yaml_names_the_line_and_says_how_to_quote() -> None:
    error = screen_error("step: 1\ntitle: Bước 1: Mở ứng dụng\nitems:\n  - button: OK\n")
    assert error.where == "dòng 11 / line 11"
    assert "YAML" in error.problem_vi and "ngoặc kép" in error.fix_vi
    assert "YAML" in error.problem_en and "double quotes" in error.fix_en


# --- finding blocks in a page (line numbers in the real file) -------------------------------

PAGE = """\
---
title: Thử
summary: Một trang thử.
---

Mở đầu.

## Bước 1: Cài {#buoc-1}

=== "Android"

    Chạm **Cài đặt**.

    ```screen
    step: 1
    title: VNeID
    itmes:
      - button: Cài đặt
    ```

=== "iPhone"

    ```screen
    step: 1
    title: VNeID
    items:
      - button: Nhận
        tap: true
    ```

Ví dụ cho biên tập viên (không vẽ):

````markdown
```screen
stp: 1
```
````

```screen
step: 2
title: Xong
items:
  - notice: Thành công
    tap: true
  - row: Về trang chủ
    tap: true
```
"""


def load_hook() -> object:
    spec = importlib.util.spec_from_file_location("screens_hook", ROOT / "overrides/hooks/screens.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_check_markdown_reports_every_bad_block_at_its_line_in_the_file() -> None:
    markdown, _ = get_data(PAGE)  # what MkDocs hands to on_page_markdown
    first_line = load_hook()._first_line(PAGE)
    lines = PAGE.split("\n")
    itmes_line = lines.index("    itmes:") + 1
    second_tap_line = len(lines) - lines[::-1].index("    tap: true")
    errors = check_markdown(markdown, "docs/guides/thu.md", first_line)
    assert [error.where for error in errors] == [
        f"dòng {itmes_line} / line {itmes_line}, key 'itmes'",
        f"dòng {second_tap_line} / line {second_tap_line}, key 'tap'",
    ]


def test_an_unclosed_screen_block_is_reported() -> None:
    errors = check_markdown("Text\n\n```screen\nstep: 1\ntitle: T\n", "docs/a.md", 5)
    assert len(errors) == 1
    assert errors[0].where == "dòng 7 / line 7"
    assert "không có dòng đóng" in errors[0].problem_vi and "never closed" in errors[0].problem_en


# --- drawing -------------------------------------------------------------------------------


class Elements(HTMLParser):
    """Records, for each piece of text, the classes and lang attributes of the elements around it."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.stack: list[dict[str, str]] = []
        self.texts: list[tuple[str, list[dict[str, str]]]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        self.stack.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((data, list(self.stack)))

    def lang_of(self, text: str) -> str | None:
        """The language in force for ``text`` inside the figure (None: the page's language)."""
        for data, stack in self.texts:
            if text in data:
                return next((attrs["lang"] for attrs in reversed(stack) if "lang" in attrs), None)
        raise AssertionError(f"{text!r} is not in the HTML")

    def hidden(self, text: str) -> bool:
        """True when ``text`` is hidden from screen readers."""
        return any(attrs.get("aria-hidden") == "true"
                   for data, stack in self.texts if text in data for attrs in stack)


def login(page_lang: str) -> str:
    return render_screen(parse_screen(LOGIN, "f.md", 1), page_lang, "vi")


def test_caption_in_vietnamese() -> None:
    html = login("vi")
    caption = "Hình minh họa bước 2: màn hình «Đăng nhập» (VNeID). Chạm vào «Đăng nhập»."
    assert f"<figcaption>{caption}</figcaption>" in html


def test_caption_in_english_keeps_the_app_words_in_vietnamese_with_their_meaning() -> None:
    html = login("en")
    caption = html[html.index("<figcaption>"):html.index("</figcaption>")]
    assert re.sub("<[^>]+>", "", caption) == (
        "Illustration for step 2: the «Đăng nhập» screen (VNeID). Tap «Đăng nhập» (Log in).")
    assert Elements(caption).lang_of("VNeID") == "vi"
    assert Elements(caption).lang_of("Đăng nhập") == "vi"


def test_a_screen_with_nothing_to_tap_says_so_and_has_no_ring() -> None:
    screen = Screen(step=3, title="Kết quả", items=(Item(kind="notice", label="Thành công"),))
    html = render_screen(screen, "vi", "vi")
    assert "hb-screen__tap" not in html and "hb-screen__badge" not in html
    assert "Chỉ cần xem, không cần chạm." in html
    assert "Nothing to tap: just look." in render_screen(screen, "en", "vi")


def test_the_tapped_item_has_the_ring_and_a_badge_with_the_step_number() -> None:
    elements = Elements(login("vi"))
    tapped = [attrs for tag, attrs in elements.tags if "hb-screen__tap" in attrs.get("class", "")]
    assert len(tapped) == 1 and "hb-screen__button" in tapped[0]["class"]
    badges = [data for data, stack in elements.texts if "hb-screen__badge" in stack[-1].get("class", "")]
    assert badges == ["2"]
    # Screen readers: the badge is decoration, the tapped button says "tap here" in the page language.
    assert elements.hidden("2")
    assert not elements.hidden("chạm vào đây")
    assert "(tap here)" in login("en")


def test_english_pages_mark_the_app_words_as_vietnamese() -> None:
    english = Elements(login("en"))
    for app_text in ["VNeID", "Đăng nhập", "Số định danh cá nhân", "000000000000", "Quên mật khẩu?",
                     "Mật khẩu"]:
        assert english.lang_of(app_text) == "vi", app_text
    assert english.lang_of("(Log in)") is None  # the meaning is English, like the page
    vietnamese = Elements(login("vi"))
    assert vietnamese.lang_of("Đăng nhập") is None
    assert "Log in" not in login("vi")  # meanings are for English readers only


def test_a_label_says_it_is_an_illustration_in_the_page_language() -> None:
    assert '<span class="hb-screen__label" aria-hidden="true">Minh họa</span>' in login("vi")
    assert '<span class="hb-screen__label" aria-hidden="true">Illustration</span>' in login("en")


def test_all_text_is_escaped() -> None:
    nasty = '<img src=x onerror=alert(1)> & "q"'
    screen = Screen(step=1, title=nasty, app=nasty, items=(
        Item(kind="field", label=nasty, value=nasty, meaning=nasty, tap=True),
        Item(kind="message", label=nasty),
    ))
    html = render_screen(screen, "en", "vi")
    assert "<img" not in html
    assert all(tag in {"figure", "figcaption", "div", "span"} for tag, _ in Elements(html).tags)
    assert html.count("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;") >= 6


def test_a_typical_screen_is_small() -> None:
    assert len(login("en").encode()) < 3000


def test_fence_format_draws_in_the_language_set_by_the_hook_and_fails_loudly() -> None:
    from pymdownx.superfences import SuperFencesException

    set_page("docs/guides/x.en.md", "en", "vi")
    assert "Illustration for step 2" in fence_format(LOGIN, "screen", "screen", {}, None)
    set_page("docs/guides/x.md", "vi", "vi")
    assert "Hình minh họa bước 2" in fence_format(LOGIN, "screen", "screen", {}, None)
    # superfences would silently show a failing block as code; ours must stop the build.
    with pytest.raises(SuperFencesException, match="docs/guides/x.md"):
        fence_format("step: 1\ntitle: T\n", "screen", "screen", {}, None)


# --- a real MkDocs build of a small bilingual site ----------------------------------------

CONFIG = f"""\
site_name: Screens
use_directory_urls: false
theme:
  name: material
  custom_dir: {ROOT / "overrides"}
  language: vi
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_material: true
      languages:
        - {{locale: vi, name: Tiếng Việt, default: true, build: true}}
        - {{locale: en, name: English, build: true}}
hooks:
  - {ROOT / "overrides/hooks/site.py"}
  - {ROOT / "overrides/hooks/screens.py"}
  - {ROOT / "overrides/hooks/assets.py"}
markdown_extensions:
  - attr_list
  - pymdownx.superfences:
      custom_fences:
        - name: screen
          class: screen
          format: !!python/name:handbook.guides.screens.fence_format
  - pymdownx.tabbed:
      alternate_style: true
"""

TAB_PAGE = """\
---
title: {title}
---

## {step} {{#buoc-2}}

=== "Android"

    ```screen
{screen}
    ```

=== "iPhone"

    Text.
"""


def write_site(project: Path, english_screen: str) -> None:
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    indented = textwrap.indent(LOGIN.replace("    meaning: Log in\n", ""), "    ")
    (project / "docs/index.md").write_text(
        TAB_PAGE.format(title="Thử", step="Bước 2", screen=indented), encoding="utf-8")
    (project / "docs/index.en.md").write_text(
        TAB_PAGE.format(title="Test", step="Step 2", screen=textwrap.indent(english_screen, "    ")),
        encoding="utf-8")
    (project / "docs/only-vi.md").write_text("# Chỉ tiếng Việt\n\n```screen\n" + LOGIN + "```\n",
                                             encoding="utf-8")


def build(project: Path) -> subprocess.CompletedProcess[str]:
    """The build in its own process, with this checkout's handbook package (run_build_command)."""
    return run_build_command(project, project / "site")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("screens")
    write_site(project, LOGIN)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_each_page_is_drawn_in_its_own_language(small_site: Path) -> None:
    vietnamese = (small_site / "index.html").read_text(encoding="utf-8")
    english = (small_site / "en/index.html").read_text(encoding="utf-8")
    fallback = (small_site / "en/only-vi.html").read_text(encoding="utf-8")
    assert "Hình minh họa bước 2" in vietnamese and "Illustration" not in vietnamese
    assert "Illustration for step 2" in english and "(Log in)" in english
    # An English page without its own translation shows the Vietnamese text, captions included.
    assert "Hình minh họa bước 2" in fallback
    assert "language-screen" not in vietnamese + english  # never left as a code block


def test_a_mistake_in_a_tab_stops_the_build_naming_file_and_line(tmp_path: Path) -> None:
    write_site(tmp_path, LOGIN.replace("items:", "itmes:"))
    result = build(tmp_path)
    output = result.stdout + result.stderr
    source = (tmp_path / "docs/index.en.md").read_text(encoding="utf-8").split("\n")
    line = source.index("    itmes:") + 1
    assert result.returncode != 0
    assert f"docs/index.en.md (dòng {line} / line {line}, key 'itmes')" in output
    assert "Có phải ý bạn là 'items'?" in output and "Did you mean 'items'?" in output


# --- the look in Chromium -------------------------------------------------------------------

MEASURE = """(figure) => {
  const phone = figure.querySelector('.hb-screen__phone');
  const tap = figure.querySelector('.hb-screen__tap');
  const badge = figure.querySelector('.hb-screen__badge');
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const style = getComputedStyle(tap);
  const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const b = box(badge);
  const badgeOnTop = document.elementFromPoint((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) === badge;
  return {phone: box(phone), border: phone.clientLeft, tap: box(tap), ring,
          ringWidth: parseFloat(style.outlineWidth), ringStyle: style.outlineStyle,
          ringColor: style.outlineColor, badge: b, badgeText: badge.textContent,
          badgeOnTop, scheme: document.body.getAttribute('data-md-color-scheme')};
}"""

# Colour of every piece of visible text in the figure, its font size and the background behind it.
TEXT_COLOURS = """(figure) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.9) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.hb-sr')) continue;
    const s = getComputedStyle(el);
    out.push({text: node.textContent.trim(), size: parseFloat(s.fontSize), fg: rgb(s.color).slice(0, 3),
              bg: background(el)});
  }
  return out;
}"""

PIXEL = """async ([png, points]) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  return points.map(([x, y]) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3)));
}"""


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: list[float], two: list[float]) -> float:
    light, dark = sorted([luminance(one), luminance(two)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_on_a_phone_the_ring_is_visible_inside_the_phone_frame(phone_page: object, small_site: Path) -> None:
    page = phone_page
    page.goto((small_site / "en/index.html").as_uri())
    figure = page.locator("figure.hb-screen").first
    figure.scroll_into_view_if_needed()
    m = figure.evaluate(MEASURE)
    left, top, right, bottom = m["phone"]
    screen = (left + m["border"], top + m["border"], right - m["border"], bottom - m["border"])
    ring = [m["tap"][0] - m["ring"], m["tap"][1] - m["ring"],
            m["tap"][2] + m["ring"], m["tap"][3] + m["ring"]]
    assert right - left <= 300 and left >= 0 and right <= 360, "the phone fits a 360 px screen"
    assert m["ringStyle"] == "solid" and m["ringWidth"] >= 3
    assert screen[0] <= ring[0] and screen[1] <= ring[1] and ring[2] <= screen[2] and ring[3] <= screen[3]
    assert screen[0] <= m["badge"][0] and m["badge"][2] <= screen[2]
    assert m["badgeText"] == "2" and m["badgeOnTop"]

    # In the screenshot itself, the ring's colour is really painted on all four sides of the button.
    shot = page.screenshot(path=str(small_site.parent / "screen-360.png"))
    scale = 2  # phone_page renders at device_scale_factor=2
    middle_x, middle_y = (ring[0] + ring[2]) / 2, (ring[1] + ring[3]) / 2
    half = m["ringWidth"] / 2
    points = [(ring[0] + half, middle_y), (ring[2] - half, middle_y),
              (middle_x, ring[1] + half), (middle_x, ring[3] - half)]
    scaled = [[round(x * scale), round(y * scale)] for x, y in points]
    pixels = page.evaluate(PIXEL, [base64.b64encode(shot).decode(), scaled])
    ring_colour = [float(value) for value in m["ringColor"][m["ringColor"].index("(") + 1:-1].split(",")[:3]]
    for pixel in pixels:
        assert max(abs(a - b) for a, b in zip(pixel, ring_colour)) <= 12, (pixel, ring_colour)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_is_large_and_readable_in_both_colour_schemes(browser: object, small_site: Path,
                                                           scheme: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto((small_site / "en/index.html").as_uri())
        figure = page.locator("figure.hb-screen").first
        assert figure.evaluate(MEASURE)["scheme"] == ("slate" if scheme == "dark" else "default")
        texts = figure.evaluate(TEXT_COLOURS)
        assert {"Đăng nhập", "000000000000", "Illustration", "2"} <= {text["text"] for text in texts}
        for text in texts:
            assert text["size"] >= 16, text
            assert contrast(text["fg"], text["bg"]) >= 4.5, text
    finally:
        context.close()
