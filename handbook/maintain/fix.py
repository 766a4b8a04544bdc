"""``scripts/handbook fix``: write the safe repairs to the files themselves (issue 26).

What the reading path repairs in memory and tells as a note (handbook/repairs.py: decomposed accents,
non-breaking and invisible spaces in the front matter and in web addresses, Word's curly quotes) is written
to the file, together with two repairs the check asks for by name (handbook/editor_rules.py): invisible
characters anywhere in the text are removed, and tracking parameters are removed from web addresses.
A file keeps its line endings (CRLF stays CRLF) and its byte-order mark, as ``ward-channel`` does, so a
diff shows only the lines really changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbook.editor_rules import URL_IN_TEXT, tracking_parameters, without_tracking
from handbook.errors import ContentError
from handbook.frontmatter import BOM, Note, decode_content
from handbook.repairs import INVISIBLE_CHARS

TEXT_SUFFIXES = (".md", ".yml", ".yaml")


@dataclass(frozen=True)
class Fixed:
    """A file that was rewritten, and what the editor is told about it."""

    file: str
    notes: list[Note]
    removed_invisible: int
    removed_tracking: int


def _untracked(match: re.Match[str]) -> str:
    url = match.group(0)
    return without_tracking(url) if tracking_parameters(url) else url


def fix_file(path: Path, label: str) -> Fixed | None:
    """Repair one file in place; ``None`` when there was nothing to repair. Raises :class:`ContentError`
    when the file cannot be read as UTF-8 (that needs the editor: "Save As … UTF-8")."""
    raw = path.read_bytes()
    newline = "\r\n" if b"\r\n" in raw else "\n"
    bom = BOM if raw.startswith(b"\xef\xbb\xbf") else ""
    text, notes = decode_content(raw, label)  # repaired, LF line ends
    notes = [note for note in notes if "BOM" not in note.en]  # the mark is kept, as it was
    invisible = len(INVISIBLE_CHARS.findall(text))
    text = INVISIBLE_CHARS.sub("", text)
    tracking = sum(1 for match in URL_IN_TEXT.finditer(text) if tracking_parameters(match.group(0)))
    text = URL_IN_TEXT.sub(_untracked, text)
    data = (bom + text.replace("\n", newline)).encode("utf-8")
    if data == raw:
        return None
    path.write_bytes(data)
    return Fixed(label, notes, invisible, tracking)


def fix_files(root: Path, names: list[str]) -> tuple[list[Fixed], list[ContentError]]:
    """Repair ``names`` (paths as typed), or every content file under ``root``/docs when there are none."""
    paths = ([Path(name).resolve() for name in names] if names
             else sorted(p for p in (root / "docs").rglob("*")
                         if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES))
    fixed: list[Fixed] = []
    errors: list[ContentError] = []
    for path in paths:
        label = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:
            result = fix_file(path, label)
        except ContentError as error:
            errors.append(error)
            continue
        except OSError as error:
            errors.append(ContentError(label, "tệp / file", f"không đọc được tệp ({error.strerror}).",
                                       "kiểm tra tên tệp.", f"the file cannot be read ({error.strerror}).",
                                       "check the file name."))
            continue
        if result is not None:
            fixed.append(result)
    return fixed, errors
