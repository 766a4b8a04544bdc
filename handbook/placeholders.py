"""Placeholders in content: ``{{ province }}`` in Markdown is replaced by the area's data (docs/area.yml).

Renaming the province (``kind: thành phố``) is then one line in docs/area.yml: every page that writes
``{{ province }}`` says "thành phố Đồng Nai" at the next build.

Syntax: two braces, a name of lower-case letters, digits or ``_`` (first letter may be upper-case for the
start of a sentence: ``{{ Province }}``), two braces; spaces inside are optional. The double brace does
not occur in ordinary Vietnamese or English text. To show the braces themselves (for example on a page
that explains this syntax), put a backslash before them: ``\\{{ province }}`` is shown as ``{{ province }}``.
An unknown name stops the build with the file, the line and the list of known names, like Material's
shortcodes hook does for an unknown shortcode.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from handbook.errors import ContentError

PLACEHOLDER = re.compile(r"(\\?)\{\{[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]*\}\}")


def unknown_placeholders(
    text: str, known: Mapping[str, str], file: str, first_line: int = 1
) -> list[ContentError]:
    """Every placeholder in ``text`` whose name is not in ``known`` (escaped ones are ignored)."""
    errors = []
    for match in PLACEHOLDER.finditer(text):
        escaped, name = match.groups()
        if escaped or name in known:
            continue
        line = first_line + text.count("\n", 0, match.start())
        names = ", ".join("{{ " + key + " }}" for key in known)
        errors.append(
            ContentError(
                file,
                f"dòng {line} / line {line}",
                f"không có chỗ điền «{match.group(0)}».",
                f"dùng một trong: {names} (dữ liệu lấy từ docs/area.yml); muốn hiện nguyên hai dấu ngoặc thì "
                "viết "
                "\\ trước: \\{{ … }}.",
                f"there is no placeholder '{match.group(0)}'.",
                f"use one of: {names} (filled from docs/area.yml); to show the braces themselves write a "
                "backslash "
                "before them: \\{{ … }}.",
            )
        )
    return errors


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with every known placeholder replaced; escaped ones lose their backslash; unknown ones \
stay."""

    def replace(match: re.Match[str]) -> str:
        escaped, name = match.groups()
        if escaped:
            return match.group(0)[1:]
        return values.get(name, match.group(0))

    return PLACEHOLDER.sub(replace, text)
