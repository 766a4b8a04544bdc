"""Bounded work (issue 29): limits checked before Markdown ever sees a file, so no single file makes the check
or the build take more than seconds.

Python-Markdown's inline patterns are quadratic in some inputs: 24,000 ``[`` in one paragraph took 98 s, and
``<a `` or ``[a](`` repeated behave the same; a list nested 400 deep ends in a RecursionError traceback. The
limits below are far above anything a guide needs (the longest page is about 10 KB, no line is indented by
more than 8 spaces, no paragraph has more than a handful of links) and far below where the time grows
(300 brackets in a paragraph: milliseconds). Measured figures: tests/test_safety_hostile.py.

YAML aliases (the "billion laughs") are refused by the one YAML reader, handbook/frontmatter.py.
"""

from __future__ import annotations

import re

from handbook.errors import ContentError
from handbook.frontmatter import where_line

MAX_FILE_CHARACTERS = 200_000
MAX_LINE_CHARACTERS = 10_000
# In one paragraph (lines between blank lines): the characters Markdown's inline patterns start from.
MAX_OPENERS_PER_PARAGRAPH = 300
OPENERS = "[<"
# In one file: Python's html.parser (the Markdown check's raw HTML reader) reads each unclosed "<a" to the end
# of the text, so the time grows with their number times the file's length (300 of them in 200,000
# characters: about a second). The longest page has 12.
MAX_ANGLES_PER_FILE = 300
# Nesting: columns of indentation (a tab counts 4), ">" quote levels, list markers at the start of a line.
MAX_INDENT = 40
MAX_QUOTE_DEPTH = 8
MAX_LIST_MARKERS = 8
_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_MARKERS = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)+")


def _error(file: str, line: int, what_vi: str, what_en: str, fix_vi: str, fix_en: str) -> ContentError:
    return ContentError(file, where_line(line), what_vi, fix_vi, what_en, fix_en)


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _nth(character: str, text: str, count: int) -> int:
    position = -1
    for _ in range(count):
        position = text.find(character, position + 1)
    return position


def size_problems(text: str, file: str) -> list[ContentError]:
    """The first place ``text`` passes each limit (one error per kind: a hostile file gets a short list)."""
    if len(text) > MAX_FILE_CHARACTERS:
        return [_error(
            file, 1,
            f"tệp dài {len(text):,} ký tự, quá giới hạn {MAX_FILE_CHARACTERS:,} của một trang.",
            f"the file has {len(text):,} characters, over the {MAX_FILE_CHARACTERS:,} limit for one page.",
            "chia nội dung thành nhiều trang ngắn hơn.", "split the content into several shorter pages.",
        )]
    found: dict[str, ContentError] = {}
    if text.count("<") > MAX_ANGLES_PER_FILE:
        found["angles"] = _error(
            file, text[: _nth("<", text, MAX_ANGLES_PER_FILE + 1)].count("\n") + 1,
            f"tệp có hơn {MAX_ANGLES_PER_FILE} dấu <: máy kiểm tra sẽ chạy rất lâu (dòng này có dấu thứ "
            f"{MAX_ANGLES_PER_FILE + 1}).",
            f"the file has more than {MAX_ANGLES_PER_FILE} < characters: the check would take very long "
            f"(this line has number {MAX_ANGLES_PER_FILE + 1}).",
            "viết nội dung bằng Markdown thay cho thẻ HTML; muốn hiện dấu < như chữ thì viết &lt;.",
            "write the content in Markdown instead of HTML tags; to show < as text write &lt;.",
        )
    openers, paragraph_start = 0, 1
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            openers, paragraph_start = 0, number + 1
            continue
        openers += sum(line.count(ch) for ch in OPENERS)
        if openers > MAX_OPENERS_PER_PARAGRAPH and "openers" not in found:
            found["openers"] = _error(
                file, paragraph_start,
                f"đoạn văn bắt đầu ở dòng này có hơn {MAX_OPENERS_PER_PARAGRAPH} dấu [ hoặc <: máy dựng "
                "trang sẽ chạy rất lâu.",
                f"the paragraph starting on this line has more than {MAX_OPENERS_PER_PARAGRAPH} [ or < "
                "characters: the build would take very long.",
                "chia đoạn văn bằng dòng trống, hoặc bỏ các dấu [ < thừa.",
                "split the paragraph with blank lines, or remove the extra [ and < characters.",
            )
        if len(line) > MAX_LINE_CHARACTERS and "line" not in found:
            found["line"] = _error(
                file, number,
                f"dòng dài {len(line):,} ký tự, quá giới hạn {MAX_LINE_CHARACTERS:,}.",
                f"the line has {len(line):,} characters, over the {MAX_LINE_CHARACTERS:,} limit.",
                "xuống dòng (một câu một dòng là đủ).", "break the line (one sentence per line is plenty).",
            )
        quotes = _QUOTES.match(line)
        markers = _MARKERS.match(line)
        deep = (
            _indent(line) > MAX_INDENT
            or (quotes is not None and quotes.group(0).count(">") > MAX_QUOTE_DEPTH)
            or (markers is not None and len(re.findall(r"[-*+]|\d[.)]", markers.group(0))) > MAX_LIST_MARKERS)
        )
        if deep and "nesting" not in found:
            found["nesting"] = _error(
                file, number,
                f"dòng này lồng quá sâu (thụt quá {MAX_INDENT} cột, hoặc hơn {MAX_QUOTE_DEPTH} dấu > hay "
                f"{MAX_LIST_MARKERS} dấu đầu dòng): trang không đọc được và máy dựng trang có thể dừng.",
                f"this line is nested too deep (indented past {MAX_INDENT} columns, or more than "
                f"{MAX_QUOTE_DEPTH} > or {MAX_LIST_MARKERS} list markers): unreadable, and the build may "
                "crash.",
                "viết danh sách phẳng hơn (tối đa vài bậc).", "write a flatter list (a few levels at most).",
            )
    return list(found.values())
