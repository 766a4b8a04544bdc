"""The one-page quick card of a guide: what a community team leaves behind after a visit.

Generated from the guide itself, never written twice: its title, summary and safety note (front
matter, handbook/guides/guide_files.py), one short line per step (the step's heading, and the label of the one
place to tap in the step's ```screen drawing: the key button), the guide's own phone numbers
(``tel:`` links: the hotline, where the guide gives one) and a QR code of the full guide's
published address. A plain A4 page (assets/stylesheets/quick-card.css), out of the navigation,
the sitemap and the search index.

Plain Python, no MkDocs: overrides/hooks/handout.py writes the cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from handbook.guides.guide_files import Guide
from handbook.guides.screens import parse_screen
from handbook.publish.print_qr import qr_svg
from handbook.text import message

FOLDER = "the"  # guides/<slug>/the/ ("thẻ": card), the same in both languages, like heading ids

_STEP_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*\{[ \t]*#buoc-(\d+)[ \t]*\}[ \t]*$", re.MULTILINE)
_ANY_H2 = re.compile(r"^##[ \t]+", re.MULTILINE)
_STEP_PREFIX = re.compile(r"^[^\d:]{1,12}\d+[ \t]*[:.][ \t]*")  # "Bước 2: " / "Step 2: "
_SCREEN = re.compile(r"^(?P<indent>[ \t]*)```screen[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                     re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_ATTRS = re.compile(r"\{[^}]*\}")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?!\s)|(?<!\s)[*_](?!\w)")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class CardStep:
    number: int
    title: str
    buttons: tuple[tuple[str, str | None], ...]  # what to tap: the app's label, its meaning on English cards


@dataclass(frozen=True)
class Card:
    guide: Guide
    steps: tuple[CardStep, ...]
    hotlines: tuple[str, ...]
    app_lang: str  # the language of the apps' own words (the area's official language)


def plain(markdown: str) -> str:
    """One line of Markdown as plain text: links keep their text, no emphasis, attributes or tags."""
    text = _LINK.sub(lambda m: m.group(1), markdown)
    text = _ATTRS.sub("", text)
    text = _TAGS.sub("", text)
    text = _EMPHASIS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _without_indent(block: str, indent: str) -> str:
    return "\n".join(
        line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in block.split("\n")
    )


def card_steps(body: str, file: str, with_meaning: bool) -> tuple[CardStep, ...]:
    """Each step ('## … {#buoc-N}') as its short title and the labels of the places to tap (``with_meaning``:
    with what each label means, for a card in another language than the app's)."""
    headings = list(_STEP_HEADING.finditer(body))
    ends = [m.start() for m in _ANY_H2.finditer(body)] + [len(body)]
    steps = []
    for heading in headings:
        end = min(e for e in ends if e > heading.start())
        section = body[heading.end():end]
        buttons: list[tuple[str, str | None]] = []
        for fence in _SCREEN.finditer(section):
            screen = parse_screen(_without_indent(fence.group("body"), fence.group("indent")), file, 1)
            tapped = screen.tapped
            if tapped is None:
                continue
            label = (tapped.label, tapped.meaning if with_meaning else None)
            if label not in buttons:
                buttons.append(label)
        title = _STEP_PREFIX.sub("", plain(heading.group(1)))
        steps.append(CardStep(int(heading.group(2)), title, tuple(buttons)))
    return tuple(steps)


def hotlines(body: str) -> tuple[str, ...]:
    """The guide's own lines with a phone number to call (a ``tel:`` link), as plain text."""
    lines = []
    for line in body.splitlines():
        if "](tel:" in line:
            text = plain(re.sub(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+", "", line))
            if text and text not in lines:
                lines.append(text)
    return tuple(lines)


def make_card(guide: Guide, body: str, file: str, app_lang: str) -> Card:
    return Card(guide, card_steps(body, file, guide.lang != app_lang), hotlines(body), app_lang)


def render_card(card: Card, *, full_url: str, guide_href: str, assets: str, policy: str | None) -> str:
    """The card as a standalone HTML page. ``assets`` is the relative path to the site root;
    ``policy`` the content security policy (None in the offline copy, which has none)."""
    lang = card.guide.lang

    def text(key: str, **values: object) -> str:
        return escape(message(lang, key, **values))

    steps = []
    for step in card.steps:
        line = f'<span class="hb-qcard__step-title">{escape(step.title)}</span>'
        if step.buttons:
            app_lang = "" if lang == card.app_lang else f' lang="{card.app_lang}"'  # the app's own words
            labels = f' {text("card.or")} '.join(
                f'<b class="hb-qcard__button"{app_lang}>{escape(label)}</b>'
                + (f" ({escape(meaning)})" if meaning else "")
                for label, meaning in step.buttons)
            line += f' <span class="hb-qcard__tap">— {text("card.tap")} {labels}</span>'
        steps.append(f"<li>{line}</li>")
    safety = ""
    if card.guide.safety:
        safety = (f'<section class="hb-qcard__safety"><h2>{text("card.safety")}</h2>'
                  f"<p>{escape(card.guide.safety)}</p></section>")
    calls = ""
    if card.hotlines:
        items = "".join(f"<li>{escape(line)}</li>" for line in card.hotlines)
        calls = f'<section class="hb-qcard__calls"><h2>{text("card.hotline")}</h2><ul>{items}</ul></section>'
    title = escape(card.guide.title)
    # Its own text size control (issue 25), the site's A / A+ / A++ (the same saved choice, quick-card.js).
    sizes = "".join(
        f'<button type="button" data-hb-size="{value}" aria-pressed="false">{label}'
        f'<span class="hb-qcard__sr"> {text(key)}</span></button>'
        for value, label, key in (("0", "A", "reading.size_normal"), ("1", "A+", "reading.size_large"),
                                  ("2", "A++", "reading.size_largest")))
    csp = (
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy, quote=False)}">\n'
        if policy
        else ""
    )
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"{csp}"
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{text('card.page_title', title=card.guide.title)}</title>\n"
        f'<link rel="icon" href="{assets}assets/images/favicon.svg">\n'
        f'<link rel="stylesheet" href="{assets}assets/stylesheets/quick-card.css">\n'
        f'<script src="{assets}assets/javascripts/quick-card.js"></script>\n'
        "</head>\n<body>\n"
        '<main class="hb-qcard">\n'
        f'<div class="hb-qcard__size" role="group" aria-label="{text("reading.text_size")}" '
        "data-hb-sizes hidden>"
        f'<span aria-hidden="true">{text("reading.text_size")}</span>{sizes}</div>\n'
        f'<p class="hb-qcard__kind">{text("card.kind")}</p>\n'
        f"<h1>{title}</h1>\n"
        f'<p class="hb-qcard__summary">{escape(card.guide.summary)}</p>\n'
        f'<ol class="hb-qcard__steps">{"".join(steps)}</ol>\n'
        f"{safety}{calls}\n"
        '<div class="hb-qcard__qr">'
        f'{qr_svg(full_url, message(lang, "card.qr_label"), "hb-qcard__code")}'
        f'<p>{text("card.qr")}<br><span class="hb-qcard__url">{escape(full_url)}</span></p>'
        "</div>\n"
        '<nav class="hb-qcard__actions">'
        f'<a class="hb-qcard__back" href="{escape(guide_href)}">{text("card.back")}</a>'
        f'<button type="button" class="hb-qcard__print" data-hb-print hidden>{text("card.print")}</button>'
        "</nav>\n"
        "</main>\n</body>\n</html>\n"
    )
