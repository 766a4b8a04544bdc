"""Plain-text fields: titles, summaries, safety notes and the area file's texts are text, not markup.

These values reach the theme's templates (``<title>``, ``<meta name="description" content="…">``, the
header) and the Markdown the build writes (the guides index, a guide's opening and sources). The templates
escape them (``| e``, tests/test_safety_templates.py) and the build escapes what it pastes into Markdown
(:func:`markdown_literal`); markup in them is refused as well, so an editor learns at ``check`` time that
``<``-tags, ``&…;`` entities, Markdown links or attribute lists there would never show as written.

Front matter keys that make Material write page code (``template: redirect.html`` with ``location:`` sends
the reader to any site; ``status:`` and ``icon:`` are pasted into attributes and include paths) are refused.
Plain Python, no MkDocs import.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from handbook.errors import ContentError
from handbook.frontmatter import line_of, where_line
from handbook.placeholders import PLACEHOLDER

# (pattern, what it is in Vietnamese, in English): markup that has no place in plain text.
MARKUP: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"<\s*[A-Za-z/!?]"), "thẻ HTML «<…»", "an HTML tag '<…'"),
    (
        re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*;|(?:lt|gt|amp|quot|apos|nbsp)\b)"),
        "mã ký tự HTML «&…;»",
        "an HTML character reference '&…;'",
    ),
    (re.compile(r"\]\s*[(\[:]|!\["), "liên kết hoặc ảnh Markdown «[…](…)»",
     "a Markdown link or image '[…](…)'"),
    (re.compile(r"\{\s*[:#.]|\{\s*[\w-]+\s*="), "phần thuộc tính «{: … }»", "an attribute list '{: … }'"),
    (re.compile(r"`"), "dấu ` (mã)", "a backtick (code)"),
    (re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"), "ký tự điều khiển", "a control character"),
)

# Front matter keys every page may have that are plain text, and lists of plain text.
TEXT_KEYS: tuple[str, ...] = ("title", "summary", "description", "safety")
TEXT_LIST_KEYS: tuple[str, ...] = ("needs",)
# Keys Material turns into page code: refused with the reason.
THEME_KEYS: dict[str, tuple[str, str]] = {
    "template": ("chọn khuôn trang khác (khuôn redirect.html chuyển người đọc sang trang bất kỳ)",
                 "picks another page template (redirect.html sends the reader to any site)"),
    "location": ("là địa chỉ chuyển hướng của khuôn redirect.html",
                 "is the redirect address of redirect.html"),
    "icon": ("được chèn vào đường dẫn tệp của giao diện", "is pasted into a path of the theme's files"),
    "status": ("được chèn vào mã trang (thuộc tính class)", "is pasted into page code (a class attribute)"),
    "subtitle": ("được chèn vào thanh điều hướng không qua kiểm tra",
                 "is pasted into the navigation unchecked"),
    "author": ("được chèn vào phần đầu trang không qua kiểm tra", "is pasted into the page head unchecked"),
}
HIDE_WORDS: frozenset[str] = frozenset({"navigation", "toc", "footer", "path", "feedback", "tags"})


def markup_problem(value: str) -> tuple[str, str] | None:
    """What markup ``value`` holds, as (Vietnamese, English), or None for plain text."""
    for pattern, vi, en in MARKUP:
        if pattern.search(value):
            return vi, en
    return None


def plain_text_error(file: str, where: str, field: str, value: str) -> ContentError | None:
    """The error for a plain-text ``field`` whose ``value`` holds markup (None when it is plain)."""
    problem = markup_problem(value)
    if problem is None:
        return None
    shown = value if len(value) <= 60 else value[:57] + "…"
    return ContentError(
        file, where,
        f"«{field}» là chữ thường nhưng có {problem[0]}: «{shown}». Chữ ở đây hiện nguyên văn trong "
        "tiêu đề, phần mô tả và danh sách; mã trong đó có thể đưa người đọc sang trang khác.",
        "chỉ viết chữ: bỏ thẻ < >, mã &…;, liên kết [..](..), dấu ` và {: … }. Liên kết viết trong nội dung "
        "trang, không viết ở đây.",
        f"'{field}' is plain text but holds {problem[1]}: '{shown}'. This text is shown as it is in titles, "
        "descriptions and lists; code in it could take readers to another site.",
        "write only text: remove < > tags, &…; references, [..](..) links, backticks and {: … }. Links go "
        "in the page's text, not here.",
    )


def _texts(meta: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(key for the line, field name, text) of every plain-text value in a page's front matter."""
    for key in TEXT_KEYS:
        if isinstance(meta.get(key), str):
            yield key, key, meta[key]
    for key in TEXT_LIST_KEYS:
        items = meta.get(key)
        if isinstance(items, list):
            for index, item in enumerate(items, start=1):
                if isinstance(item, str):
                    yield key, f"{key}[{index}]", item
    sources = meta.get("sources")
    if isinstance(sources, list):
        for index, source in enumerate(sources, start=1):
            if isinstance(source, dict) and isinstance(source.get("title"), str):
                yield "sources", f"sources[{index}].title", source["title"]


def front_matter_problems(meta: dict[str, Any], file: str) -> list[ContentError]:
    """Markup in a page's plain-text fields, and keys that make the theme write page code."""
    errors: list[ContentError] = []
    for key, field, value in _texts(meta):
        error = plain_text_error(file, where_line(line_of(meta, key), field), field, value)
        if error is not None:
            errors.append(error)
    for key, (why_vi, why_en) in THEME_KEYS.items():
        if key in meta:
            errors.append(ContentError(
                file, where_line(line_of(meta, key), key),
                f"khóa «{key}» không dùng được trong sổ tay: nó {why_vi}.",
                f"xóa dòng «{key}: …».",
                f"the key '{key}' cannot be used in the handbook: it {why_en}.",
                f"remove the '{key}: …' line.",
            ))
    hide = meta.get("hide")
    if hide is not None and not (isinstance(hide, list) and all(word in HIDE_WORDS for word in hide)):
        words = ", ".join(sorted(HIDE_WORDS))
        errors.append(ContentError(
            file, where_line(line_of(meta, "hide"), "hide"),
            "«hide» phải là danh sách các phần của trang cần ẩn.",
            f"viết mỗi phần trên một dòng «  - …», chọn trong: {words}.",
            "'hide' must be a list of the page parts to hide.",
            f"write one part per line '  - …', from: {words}.",
        ))
    return errors


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def markdown_literal(text: str) -> str:
    """``text`` to paste into Markdown so that it shows exactly as written (never as markup); the area's
    placeholders (``{{ province_vi }}``) stay as they are, for the build to fill with plain text."""
    pieces, start = [], 0
    for placeholder in PLACEHOLDER.finditer(text):
        pieces += [_escaped(text[start:placeholder.start()]), placeholder.group(0)]
        start = placeholder.end()
    return "".join(pieces) + _escaped(text[start:])


def markdown_url(url: str) -> str:
    """An address to paste into ``[text](…)``: characters that would end the link are percent-encoded."""
    return "".join(f"%{ord(ch):02X}" if ch in "()<> \t\n\\" else ch for ch in url)
