"""The Markdown the build adds to every guide, from its front matter, in the page's language.

Editors write only the steps; "what you need", the safety note, "if you get stuck", the sources
and the review dates come from the front matter so every guide has them, the same way.
"""

from __future__ import annotations

import datetime

from handbook.dates import format_date, today_in_vietnam
from handbook.guides import CATEGORIES, Guide
from handbook.text import message

LABELS = {
    "vi": {
        "needs": "Bạn cần chuẩn bị",
        "duration": "Thời gian: khoảng {minutes} phút.",
        "safety": "An toàn",
        "help": "Nếu gặp khó khăn",
        "help_text": (
            "Hãy nhờ Tổ công nghệ số cộng đồng ở phường của bạn. Xem kênh liên lạc chính thức của phường "
            "trong [danh bạ phường](../wards/index.md) (tìm được cả theo tên phường, xã cũ)."
        ),
        "otp": "Không bao giờ đọc mã OTP (mã xác thực gửi qua tin nhắn) hay mật khẩu cho người khác.",
        "sources": "Nguồn",
        "reviewed": "Xem lại lần cuối: {last}. Lần xem lại tiếp theo: {next}.",
        "guides": "Tất cả hướng dẫn",
    },
    "en": {
        "needs": "What you need",
        "duration": "Time: about {minutes} minutes.",
        "safety": "Stay safe",
        "help": "If you get stuck",
        "help_text": (
            "Ask the community digital technology team of your ward. Your ward's official contact channels are "
            "in the [ward directory](../wards/index.md) (you can also search by your old ward's name)."
        ),
        "otp": "Never read out an OTP code (the code sent by text message) or a password to anyone.",
        "sources": "Sources",
        "reviewed": "Last reviewed: {last}. Next review due: {next}.",
        "guides": "All guides",
    },
}
def opening_markdown(guide: Guide, today: datetime.date | None = None) -> str:
    """'What you need', the time it takes, and the safety note, placed before the first step
    (after a warning when the guide is past its review date)."""
    labels = LABELS[guide.lang]
    lines = []
    if _past_due(guide, today):
        lines += ['!!! warning ""', "", f"    {_past_due_text(guide)}", ""]
    lines += [f"## {labels['needs']} {{#can-chuan-bi}}", ""]
    lines += [f"- {need}" for need in guide.needs]
    lines += ["", labels["duration"].format(minutes=guide.duration_minutes), ""]
    if guide.safety:
        lines += [f'!!! danger "{labels["safety"]}"', "", f"    {guide.safety}", ""]
    return "\n".join(lines) + "\n"


def closing_markdown(guide: Guide, today: datetime.date | None = None) -> str:
    """'If you get stuck', the sources and the review dates, placed at the end.

    Past its ``next_review`` date (``today`` in Việt Nam by default) the page says so to readers.
    """
    labels = LABELS[guide.lang]
    lines = [f"## {labels['help']} {{#neu-gap-kho-khan}}", "", labels["help_text"], ""]
    if guide.safety:
        lines += [labels["otp"], ""]
    lines += [f"## {labels['sources']} {{#nguon}}", ""]
    for source in guide.sources:
        lines.append(f"- [{source.title}]({source.url})" if source.url else f"- {source.title}")
    if _past_due(guide, today):
        lines += ["", _past_due_text(guide), "{ .hb-review .hb-review--past-due role=note }", ""]
    else:
        last = format_date(guide.last_reviewed, guide.lang)
        upcoming = format_date(guide.next_review, guide.lang)
        lines += ["", labels["reviewed"].format(last=last, next=upcoming), "{ .hb-review }", ""]
    return "\n".join(lines) + "\n"


def _past_due(guide: Guide, today: datetime.date | None) -> bool:
    return guide.next_review < (today or today_in_vietnam())


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
    for key, (title_vi, title_en) in CATEGORIES.items():
        in_category = sorted((g for g in guides if g.category == key and g.lang == lang), key=lambda g: g.title)
        if not in_category:
            continue
        lines = [f"## {title_en if lang == 'en' else title_vi} {{#{key}}}", ""]
        lines += [f"- [**{g.title}**]({g.slug}.md)<br>{g.summary}" for g in in_category]
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"
