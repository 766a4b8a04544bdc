"""Reading comfort and read aloud (issue 7), in Debian's Chromium.

- body text of at least 18 px on a phone; the A / A+ / A++ control, remembered across pages, never
  making a 360 px page scroll sideways;
- tap targets of at least 44 x 44 px;
- "Nghe bài này" / "Listen to this page", tested with a stand-in window.speechSynthesis that records
  every utterance (text and language) instead of speaking.
"""

from __future__ import annotations

import pytest

from conftest import DESKTOP, LANGUAGES, PAGE_TYPES, PHONE, open_tools

# A paragraph of the page's content (the reading tools have a status line, a <p>, of their own).
CONTENT_P = "article p:not(.hb-reading-tools p)"



def body_text_sizes(page: object) -> list[tuple[str, float]]:
    """(start of text, font size in px) of every visible block of text in the article.

    The phone-screen drawings (.hb-screen) are illustrations with their own fixed 16 px type.
    """
    return page.evaluate(
        """() => {
             const blocks = document.querySelectorAll(
               'article :is(p, li, dt, dd, td, th, blockquote, figcaption, summary, label, \
.admonition-title)');
             const out = [];
             for (const e of blocks) {
               if (e.closest('.hb-screen') || !e.checkVisibility()) continue;
               const own = [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim());
               if (!own) continue;
               out.push([e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)]);
             }
             return out;
           }"""
    )


# ---- Text size ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_body_text_is_at_least_18px_on_a_phone(tab: object, base_url: str, page_type: str, lang: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + LANGUAGES[lang] + PAGE_TYPES[page_type])
    sizes = body_text_sizes(page)
    assert len(sizes) >= 2, "no body text found"
    small = [(text, size) for text, size in sizes if size < 18]
    assert small == [], f"text smaller than 18 px: {small[:10]}"


def test_text_size_is_remembered_across_pages_and_languages(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + "guides/dong-tien-dien/")
    paragraph = page.locator(CONTENT_P).first
    assert paragraph.evaluate("e => getComputedStyle(e).fontSize") == "18px"
    buttons = page.locator(".hb-textsize__button")
    assert buttons.count() == 3
    assert [buttons.nth(i).inner_text().split()[0] for i in range(3)] == ["A", "A+", "A++"]

    largest = page.get_by_role("button", name="A++ lớn nhất")
    largest.click()
    assert largest.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="A vừa").get_attribute("aria-pressed") == "false"
    assert paragraph.evaluate("e => getComputedStyle(e).fontSize") == "24px"

    # Another page, then the English side: still the largest size, and the control says so.
    for path in ("wards/long-khanh/", "en/about/"):
        page.goto(base_url + path)
        assert page.locator("html").get_attribute("data-hb-text-size") == "2"
        assert page.locator(CONTENT_P).first.evaluate("e => getComputedStyle(e).fontSize") == "24px"
        assert page.locator(".hb-textsize__button[data-hb-size='2']").get_attribute("aria-pressed") == "true"

    page.get_by_role("button", name="A+ large").click()
    assert page.locator(CONTENT_P).first.evaluate("e => getComputedStyle(e).fontSize") == "21px"
    page.get_by_role("button", name="A normal").click()
    page.goto(base_url)
    assert page.locator("html").get_attribute("data-hb-text-size") is None
    assert page.locator(CONTENT_P).first.evaluate("e => getComputedStyle(e).fontSize") == "18px"


def test_text_size_is_applied_before_the_page_is_drawn(tab: object, base_url: str) -> None:
    """The saved size is on <html> as soon as <body> starts, so the page does not jump after loading."""
    page = tab(PHONE)
    page.add_init_script(
        """localStorage.setItem('hb-text-size', '2');
           new MutationObserver((changes, observer) => {
             if (document.body) {
               window.__sizeAtBody = document.documentElement.getAttribute('data-hb-text-size');
               observer.disconnect();
             }
           }).observe(document, {childList: true, subtree: true});"""
    )
    page.goto(base_url + "about/")
    assert page.evaluate("window.__sizeAtBody") == "2"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_largest_text_never_scrolls_sideways_at_360px(
    tab: object, base_url: str, page_type: str, lang: str
) -> None:
    page = tab(PHONE)
    page.add_init_script("localStorage.setItem('hb-text-size', '2')")
    page.goto(base_url + LANGUAGES[lang] + PAGE_TYPES[page_type])
    assert page.locator(CONTENT_P).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 24
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.checkVisibility()
                          && !e.closest('.md-sidebar, .md-search, .tabbed-labels, .md-typeset__scrollwrap, \
pre'))
             .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone; too wide: {wide}"


# ---- Tap targets ------------------------------------------------------------------------------------

TARGETS = (
    ".md-header__button, .hb-lang__link, .hb-tool, .md-nav__link, .md-footer__link, "
    ".md-copyright a, .hb-card, .md-content__button, .tabbed-labels > label, .md-top"
)


@pytest.mark.parametrize("width", ["360", "1280"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", ["home", "guide", "ward-directory", "ward", "about", "404"])
def test_tap_targets_are_at_least_44px(
    tab: object, base_url: str, page_type: str, lang: str, width: str
) -> None:
    page = tab(PHONE if width == "360" else DESKTOP)
    page.goto(base_url + LANGUAGES[lang] + PAGE_TYPES[page_type])
    # shown when scrolling up
    page.evaluate("document.querySelectorAll('.md-top').forEach(e => e.hidden = false)")
    measured = page.evaluate(
        """(selector) => {
             const out = [];
             const add = (e, why) => {
               if (!e.checkVisibility()) return;
               const r = e.getBoundingClientRect();
               if (r.width === 0 && r.height === 0) return;
               out.push({what: why + ' ' + (e.textContent || e.getAttribute('aria-label') || \
'').trim().slice(0, 30),
                         width: r.width, height: r.height});
             };
             document.querySelectorAll(selector).forEach(e => add(e, e.className));
             // Links that stand alone: a list item that is nothing but one link.
             document.querySelectorAll('article li').forEach(li => {
               const links = li.querySelectorAll(':scope > a');
               if (links.length === 1 && li.textContent.trim() === links[0].textContent.trim())
                 add(links[0], 'list link');
             });
             return out;
           }""",
        TARGETS,
    )
    assert len(measured) >= 6
    small = [m for m in measured if m["width"] < 43.5 or m["height"] < 43.5]
    assert small == [], f"smaller than 44 x 44 px: {small[:10]}"


# ---- Read aloud ---------------------------------------------------------------------------------------

# A stand-in for the browser's speech synthesis: records what it is asked to say, and speaks one
# utterance at a time; window.__finish() ends the current one (as the real voice does at its end).
SPEECH_STUB = """
(() => {
  const log = window.__speech = {spoken: [], calls: []};
  let current = null;
  class Utterance {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.onend = null; \
this.onerror = null; }
  }
  const synth = {
    get speaking() { return current !== null; },
    paused: false, pending: false,
    speak(u) { log.calls.push('speak'); log.spoken.push({text: u.text, lang: u.lang}); current = u; },
    cancel() {
      log.calls.push('cancel');
      const u = current; current = null;
      if (u && u.onerror) u.onerror({error: 'interrupted'});
    },
    pause() { log.calls.push('pause'); }, resume() { log.calls.push('resume'); },
    getVoices() { return window.__voices || []; },
    addEventListener() {}, removeEventListener() {},
  };
  window.__finish = () => { const u = current; current = null; if (u && u.onend) u.onend({}); return u !== \
null; };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {value: Utterance, configurable: true});
})();
"""

NO_SPEECH = """
Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});
Object.defineProperty(window, 'SpeechSynthesisUtterance', {value: undefined, configurable: true});
"""


def read_to_the_end(page: object) -> list[dict[str, str]]:
    for _ in range(500):
        if not page.evaluate("window.__finish()"):
            break
    return page.evaluate("window.__speech.spoken")


def test_listen_reads_the_vietnamese_guide_in_vietnamese(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.add_init_script(SPEECH_STUB)
    page.goto(base_url + "guides/dong-tien-dien/")
    open_tools(page)
    listen = page.get_by_role("button", name="Nghe bài này")
    assert listen.is_visible()
    listen.click()
    spoken = read_to_the_end(page)
    texts = [item["text"] for item in spoken]
    assert texts[0] == page.locator("article h1").evaluate("e => e.firstChild.textContent.trim()")
    assert {item["lang"] for item in spoken} == {"vi"}
    whole = " ".join(texts)
    # The step headings, the steps and the picture captions are read, in order.
    assert whole.index("Bước 1") < whole.index("Bước 2") < whole.index("Bước 6")
    assert "Hình minh họa bước 1" in whole
    # Not read: the tools themselves, the "#" of heading links, the drawn phone (its clock),
    # and the hidden iPhone tab.
    assert "Cỡ chữ" not in whole and "Nghe bài này" not in whole
    assert "#" not in texts and "9:41" not in whole
    android, iphone = page.evaluate(
        "[...document.querySelectorAll('.tabbed-set')[0].querySelectorAll('.tabbed-block > p')]"
        ".map(p => p.textContent.replace(/\\s+/g, ' ').trim())"
    )
    assert android in whole and iphone not in whole
    assert all(text.strip() == text and text for text in texts)
    # At the end, the button is back.
    assert listen.is_visible()
    assert not page.get_by_role("button", name="Dừng", exact=True).is_visible()


def test_listen_reads_english_in_english_and_vietnamese_button_names_in_vietnamese(
    tab: object, base_url: str
) -> None:
    page = tab(PHONE)
    page.add_init_script(SPEECH_STUB)
    page.goto(base_url + "en/guides/dong-tien-dien/")
    open_tools(page)
    page.get_by_role("button", name="Listen to this page").click()
    spoken = read_to_the_end(page)
    assert spoken[0] == {"text": "Pay the electricity bill on your phone", "lang": "en"}
    # "then tap **Cài đặt** (Install)": the button name is said with the Vietnamese voice.
    vietnamese = [item["text"] for item in spoken if item["lang"] == "vi"]
    assert "Cài đặt" in vietnamese
    assert "Nhận" not in vietnamese  # the iPhone tab is not shown, so not read
    english = " ".join(item["text"] for item in spoken if item["lang"] == "en")
    assert "Step 1: Install the power company's app" in english
    assert {item["lang"] for item in spoken} == {"en", "vi"}


def test_pause_continue_and_stop(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.add_init_script(SPEECH_STUB)
    page.goto(base_url + "about/")
    open_tools(page)
    page.get_by_role("button", name="Nghe bài này").click()
    pause = page.get_by_role("button", name="Tạm dừng")
    assert pause.is_visible()
    assert pause.evaluate("e => e === document.activeElement")
    page.evaluate("window.__finish()")
    page.evaluate("window.__finish()")
    spoken = page.evaluate("window.__speech.spoken")
    assert len(spoken) == 3
    interrupted = spoken[2]

    pause.click()
    calls = page.evaluate("window.__speech.calls")
    assert calls[-1] == "cancel"
    resume = page.get_by_role("button", name="Tiếp tục")
    assert resume.is_visible()
    assert not page.evaluate("window.__finish()"), "still speaking while paused"

    resume.click()  # starts the interrupted paragraph again
    spoken = page.evaluate("window.__speech.spoken")
    assert spoken[-1] == interrupted and len(spoken) == 4
    assert page.get_by_role("button", name="Tạm dừng").is_visible()

    page.get_by_role("button", name="Dừng", exact=True).click()
    assert page.evaluate("window.__speech.calls")[-1] == "cancel"
    listen = page.get_by_role("button", name="Nghe bài này")
    assert listen.is_visible() and listen.evaluate("e => e === document.activeElement")
    assert not page.get_by_role("button", name="Dừng", exact=True).is_visible()
    assert not page.evaluate("window.__finish()")
    # Listening again starts from the top.
    listen.click()
    assert page.evaluate("window.__speech.spoken")[-1] == spoken[0]


def test_listen_warns_when_the_phone_has_no_voice_for_the_language(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.add_init_script(SPEECH_STUB + "window.__voices = [{lang: 'en-US', name: 'English'}];")
    page.goto(base_url + "about/")
    open_tools(page)
    page.get_by_role("button", name="Nghe bài này").click()
    note = page.locator("[data-hb-listen-note]")
    assert note.is_visible() and "tiếng Việt" in note.inner_text()
    assert page.evaluate("window.__speech.spoken")[0]["lang"] == "vi"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_listen_is_hidden_without_speech_synthesis(tab: object, base_url: str, lang: str) -> None:
    page = tab(PHONE)
    page.add_init_script(NO_SPEECH)
    page.goto(base_url + LANGUAGES[lang] + "guides/dong-tien-dien/")
    assert page.locator(".hb-textsize__button").first.is_visible()  # the text size still works
    assert not page.locator("[data-hb-listen]").is_visible()
    assert page.locator("[data-hb-listen-start]").count() == 1
    assert not page.locator("[data-hb-listen-start]").is_visible()


def test_reading_tools_work_under_the_content_security_policy(tab: object, base_url: str) -> None:
    """a11y.js is a same-origin file: the page's policy (no inline script) lets it run, with no errors."""
    page = tab(PHONE)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "en/guides/")
    assert page.locator(".hb-reading-tools").is_visible()
    assert [e for e in errors if "a11y" in e or "Content Security Policy" in e] == []


# ---- Issue 15: text size reaches everything a reader reads, from the first paint -----------------


def visual_line_height(page: object, selector: str) -> float:
    """The rendered height of the first line of text in ``selector`` (includes CSS zoom)."""
    return page.locator(selector).first.evaluate(
        """e => { const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT,
                   {acceptNode: n => n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
                 const node = walker.nextNode(); const range = document.createRange();
                 range.setStart(node, 0); range.setEnd(node, 1);
                 return range.getClientRects()[0].height; }"""
    )


@pytest.mark.parametrize("selector", [".hb-screen figcaption", ".hb-screen__title", ".hb-screen__label"])
def test_largest_text_enlarges_the_phone_screen_illustrations(
    tab: object, base_url: str, selector: str
) -> None:
    page = tab(PHONE)
    page.goto(base_url + "guides/dong-tien-dien/")
    normal = visual_line_height(page, selector)
    page.get_by_role("button", name="A++ lớn nhất").tap()
    largest = visual_line_height(page, selector)
    assert largest >= normal * 1.25, f"{selector}: {normal:.1f}px -> {largest:.1f}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_largest_text_enlarges_search_results(tab: object, base_url: str) -> None:
    page = tab(PHONE)
    page.goto(base_url + "guides/dong-tien-dien/")

    def result_size() -> float:
        page.locator("[data-hb-search-button]").tap()
        page.locator("input[data-md-component='search-query']").fill("tien dien")
        item = page.locator(".md-search-result__item p, .md-search-result__item h1").first
        item.wait_for(timeout=15_000)
        size = item.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        page.keyboard.press("Escape")
        return size

    normal = result_size()
    page.get_by_role("button", name="A++ lớn nhất").tap()
    assert result_size() >= normal * 1.25


def test_an_early_tap_on_the_largest_size_is_honoured_on_a_slow_network(tab: object, base_url: str) -> None:
    """On slow mobile data the buttons are on screen seconds before the page has loaded: a tap then counts."""
    page = tab(PHONE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 300, "downloadThroughput": 60_000, "uploadThroughput": 30_000,
    })
    page.goto(base_url + "guides/dong-tien-dien/", wait_until="commit")
    button = page.locator("[data-hb-size='2']")
    button.wait_for(state="visible", timeout=30_000)
    state_at_tap = page.evaluate("document.readyState")
    button.tap()
    assert state_at_tap == "loading", "the tap must come before the page has finished loading"
    page.wait_for_load_state("load", timeout=60_000)
    assert page.get_attribute("html", "data-hb-text-size") == "2"
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(CONTENT_P).first.evaluate("e => getComputedStyle(e).fontSize") == "24px"
