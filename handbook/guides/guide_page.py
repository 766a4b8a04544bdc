"""The Markdown the build adds to every guide, from its front matter, in the page's language.

Editors write only the steps; "what you need", the safety note, "if you get stuck", the sources
and the review dates come from the front matter so every guide has them, the same way.
"""

from __future__ import annotations

import datetime

from handbook.dates import format_date, today_vn
from handbook.guides.guide_files import CATEGORIES, Guide
from handbook.guides.skills import KINDS, SkillGroup
from handbook.safety.plain_text import markdown_literal, markdown_url
from handbook.text import message


def _label(guide: Guide, key: str, **values: object) -> str:
    return message(guide.lang, f"guide.{key}", **values)


def opening_markdown(guide: Guide, today: datetime.date | None = None) -> str:
    """'What you need', the time it takes, and the safety note, placed before the first step
    (after a warning when the guide is past its review date)."""
    lines = []
    if _past_due(guide, today):
        lines += ['!!! warning ""', "", f"    {_past_due_text(guide)}", ""]
    lines += [f"## {_label(guide, 'needs')} {{#can-chuan-bi}}", ""]
    lines += [f"- {markdown_literal(need)}" for need in guide.needs]
    lines += ["", _label(guide, "duration", minutes=guide.duration_minutes), ""]
    if guide.safety:
        lines += [f'!!! danger "{_label(guide, "safety")}"', "", f"    {markdown_literal(guide.safety)}", ""]
    return "\n".join(lines) + "\n"


def closing_markdown(guide: Guide, today: datetime.date | None = None) -> str:
    """'If you get stuck', the sources and the review dates, placed at the end.

    Past its ``next_review`` date (``today`` in Việt Nam by default) the page says so to readers.
    """
    lines = [f"## {_label(guide, 'help')} {{#neu-gap-kho-khan}}", "", _label(guide, "help_text"), ""]
    if guide.safety:
        lines += [_label(guide, "otp"), ""]
    lines += [f"## {_label(guide, 'sources')} {{#nguon}}", ""]
    for source in guide.sources:
        title = markdown_literal(source.title)
        lines.append(f"- [{title}]({markdown_url(source.url)})" if source.url else f"- {title}")
    if _past_due(guide, today):
        lines += ["", _past_due_text(guide), "{ .hb-review .hb-review--past-due role=note }", ""]
    else:
        last = format_date(guide.last_reviewed, guide.lang)
        upcoming = format_date(guide.next_review, guide.lang)
        lines += ["", _label(guide, "reviewed", last=last, next=upcoming), "{ .hb-review }", ""]
    return "\n".join(lines) + "\n"


def _past_due(guide: Guide, today: datetime.date | None) -> bool:
    return guide.next_review < (today or today_vn())


def _past_due_text(guide: Guide) -> str:
    return message(guide.lang, "review.past_due", last=format_date(guide.last_reviewed, guide.lang),
                   due=format_date(guide.next_review, guide.lang))


def insert_before_first_heading(body: str, block: str) -> str:
    """Put ``block`` before the first H2 (after the opening sentences)."""
    position = body.find("\n## ")
    if body.startswith("## "):
        position = 0
    if position < 0:
        return body.rstrip("\n") + "\n\n" + block
    return body[:position].rstrip("\n") + "\n\n" + block + "\n" + body[position:].lstrip("\n")


def guide_list_markdown(guides: list[Guide], lang: str) -> str:
    """The guides index: one section per category, each guide with its one-sentence summary."""
    sections = []
    for key in CATEGORIES:
        in_category = sorted((g for g in guides if g.category == key and g.lang == lang),
                             key=lambda g: g.title)
        if not in_category:
            continue
        lines = [f"## {message(lang, f'guide.category.{key}')} {{#{key}}}", ""]
        lines += [f"- [**{markdown_literal(g.title)}**]({g.slug}.md)<br>{markdown_literal(g.summary)}"
                  for g in in_category]
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"


def skills_list_markdown(guides: list[Guide], lang: str, groups: dict[str, SkillGroup]) -> str:
    """The guides index read by digital-skill group: each group of docs/skills.yml, whether its name was
    checked against the source text, and its guides (or that it has none yet), so a team sees its coverage."""
    in_lang = sorted((g for g in guides if g.lang == lang), key=lambda g: g.title)
    lines = [f"## {message(lang, 'skills.heading')} {{#ky-nang}}", "", message(lang, "skills.intro"), ""]
    for kind in KINDS:
        lines += [f"### {message(lang, f'skills.kind.{kind}')} {{#ky-nang-{kind}}}", ""]
        for group in (g for g in groups.values() if g.kind == kind):
            tagged = [g for g in in_lang if group.id in g.skills]
            label = group.id + " " if kind == "framework" else ""
            status = message(lang, "skills.verified" if group.verified else "skills.unverified")
            links = ", ".join(f"[{markdown_literal(g.title)}]({g.slug}.md)" for g in tagged) or message(
                lang, "skills.none")
            count = message(lang, "skills.count", n=len(tagged))
            lines.append(f"- **{markdown_literal(label + group.name(lang))}** ({status}). {count}: {links}")
        lines.append("")
    return "\n".join(lines)
