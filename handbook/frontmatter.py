"""Read a Markdown file's YAML front matter with errors an editor can act on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError

# Front matter between "---" and "---" (or "..."), LF or CRLF; shared by every reader of docs/ files.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number in the file where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening ---, +1 for 1-based lines
        raise ContentError(
            file, f"dòng {line} / line {line}, front matter",
            "Phần đầu trang (front matter) không phải YAML hợp lệ.",
            "Kiểm tra dấu hai chấm, thụt lề bằng dấu cách và dấu ngoặc kép ở dòng này; "
            "giá trị có dấu hai chấm phải đặt trong ngoặc kép.",
            "The front matter is not valid YAML.",
            "Check the colons, the indentation (spaces) and the quotes on this line; "
            "a value containing a colon must be quoted.",
        ) from error
    if not isinstance(data, dict):
        raise ContentError(
            file, "front matter",
            "Phần đầu trang phải là các dòng 'khóa: giá trị'.",
            "Viết mỗi thông tin trên một dòng, ví dụ 'title: Tên trang'.",
            "The front matter must be 'key: value' lines.",
            "Write one item per line, for example 'title: Page name'.",
        )
    body_first_line = match.group(0).count("\n") + 1
    return data, text[match.end():], body_first_line


def read_front_matter(path: Path, docs_dir: Path) -> tuple[dict[str, Any], str, int]:
    """``split_front_matter`` of a file, naming it relative to the project (``docs/...``)."""
    name = f"docs/{path.relative_to(docs_dir).as_posix()}"
    return split_front_matter(path.read_text(encoding="utf-8"), name)
