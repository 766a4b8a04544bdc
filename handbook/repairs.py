"""Safe repairs of what Word, Zalo, a Mac or an iPhone put into an editor's text (issue 26).

Part of the one reading path (handbook/frontmatter.py): every reader of a content file, the check and the
build, gets the repaired text, and the editor is told once, as a note (not an error).
``scripts/handbook fix`` writes the same repairs to the file on disk (handbook/maintain/fix.py).

Repaired, because the meaning cannot change:

- text typed with decomposed accents (NFD: a Mac, an iPhone, Unikey's "tổ hợp" table) → precomposed (NFC);
- in the front matter: non-breaking spaces (Word, Zalo) → spaces, invisible characters (zero-width space,
  word joiner, soft hyphen, byte-order mark) removed, a value wrapped in Word's curly quotes (“…” or ‘…’)
  → the same value in straight quotes;
- inside a web address anywhere (a link copied from Zalo or Facebook): invisible characters removed.

Invisible characters elsewhere in the text are NOT removed silently: they would sit in headings and in the
search index; handbook/editor_rules.py names each with its line and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Spaces that look like a space but are not one for YAML.
SPACE_LIKE = {"\u00a0": "NO-BREAK SPACE", "\u202f": "NARROW NO-BREAK SPACE", "\u2007": "FIGURE SPACE"}
# Characters that show nothing (ZERO WIDTH JOINER is kept: emoji sequences need it).
INVISIBLE = {"\u200b": "ZERO WIDTH SPACE", "\u2060": "WORD JOINER", "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
             "\u00ad": "SOFT HYPHEN", "\u200c": "ZERO WIDTH NON-JOINER", "\u200e": "LEFT-TO-RIGHT MARK",
             "\u200f": "RIGHT-TO-LEFT MARK", "\u202a": "LEFT-TO-RIGHT EMBEDDING",
             "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
             "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE",
             "\u2066": "LEFT-TO-RIGHT ISOLATE", "\u2067": "RIGHT-TO-LEFT ISOLATE",
             "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE"}
INVISIBLE_CHARS = re.compile("[" + "".join(INVISIBLE) + "]")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# A front-matter value wrapped in curly quotes: "title: “…”", "- ‘…’".
_CURLY = re.compile(r"^(?P<head>[ \t]*(?:-[ \t]+)?(?:[^\s:#\"'“‘][^:#]*:[ \t]+)?)"
                    r"(?:“(?P<double>.*)”|‘(?P<single>.*)’)(?P<tail>[ \t]*(?:#.*)?)$")
# Where a web address is: a Markdown link target, an <autolink>, a bare address.
_URL_SPAN = re.compile(r"\]\([^)\n]*\)|<https?://[^>\n]*>|https?://[^\s<>()\[\]\"'`]+")


@dataclass(frozen=True)
class Repair:
    """One repaired spot: the file line, its kind and what was there."""

    line: int
    kind: str  # "nfd" | "space" | "invisible" | "quotes" | "url"
    what: str  # the word (nfd), the character's name, or the value (quotes)
    column: int = 0


def char_name(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE'."""
    name = INVISIBLE.get(char) or SPACE_LIKE.get(char) or unicodedata.name(char, "?")
    return f"U+{ord(char):04X} {name}"


def _front_line(line: str, number: int, repairs: list[Repair]) -> str:
    for char in SPACE_LIKE:
        while char in line:
            repairs.append(Repair(number, "space", char_name(char), line.index(char) + 1))
            line = line.replace(char, " ", 1)
    for match in reversed(list(INVISIBLE_CHARS.finditer(line))):
        repairs.append(Repair(number, "invisible", char_name(match.group(0)), match.start() + 1))
        line = line[: match.start()] + line[match.end():]
    curly = _CURLY.match(line)
    if curly:
        value = curly.group("double") if curly.group("double") is not None else curly.group("single")
        assert value is not None
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        repairs.append(Repair(number, "quotes", value[:40]))
        line = f'{curly.group("head")}"{escaped}"{curly.group("tail")}'
    return line


def _body_line(line: str, number: int, repairs: list[Repair]) -> str:
    if not INVISIBLE_CHARS.search(line):
        return line

    def clean(match: re.Match[str]) -> str:
        span = match.group(0)
        for found in INVISIBLE_CHARS.finditer(span):
            column = match.start() + found.start() + 1
            repairs.append(Repair(number, "url", char_name(found.group(0)), column))
        return INVISIBLE_CHARS.sub("", span)

    return _URL_SPAN.sub(clean, line)


def repair_text(text: str, yaml_file: bool = False) -> tuple[str, list[Repair]]:
    """``text`` (LF line ends, no byte-order mark) with the safe repairs made, and what was repaired.

    ``yaml_file``: the whole text is YAML (docs/area.yml, docs/search-synonyms.yml), repaired as front matter.
    """
    repairs: list[Repair] = []
    front = _FRONT.match(unicodedata.normalize("NFC", text))
    front_lines = front.group(0).count("\n") if front else 0  # lines 2 .. front_lines - 1 are YAML
    if yaml_file:
        front_lines = text.count("\n") + 3  # every line
    lines = text.split("\n")
    for index, line in enumerate(lines):
        number = index + 1
        if not unicodedata.is_normalized("NFC", line):
            word = next((w for w in line.split() if not unicodedata.is_normalized("NFC", w)), line.strip())
            repairs.append(Repair(number, "nfd", unicodedata.normalize("NFC", word)[:40]))
            line = unicodedata.normalize("NFC", line)
        if (1 < number or yaml_file) and number < front_lines:
            line = _front_line(line, number, repairs)
        elif number >= front_lines:
            line = _body_line(line, number, repairs)
        lines[index] = line
    return "\n".join(lines), repairs


# What each kind of repair tells the editor: (Vietnamese, English); {what}: the word or character.
_TOLD = {
    "nfd": ("chữ «{what}» được gõ bằng dấu rời (Unicode tổ hợp, NFD); sổ tay đã đọc thành chữ dựng sẵn "
            "(NFC).",
            "'{what}' is typed with separate accent marks (decomposed Unicode, NFD); the handbook read it as "
            "precomposed text (NFC)."),
    "space": ("phần đầu tệp có dấu cách không ngắt ({what}, thường do Word hoặc Zalo); sổ tay đọc nó là dấu "
              "cách thường.",
              "the front matter has a non-breaking space ({what}, usually from Word or Zalo); the handbook "
              "read it as a plain space."),
    "invisible": ("phần đầu tệp có ký tự vô hình ({what}); sổ tay đã bỏ nó.",
                  "the front matter has an invisible character ({what}); the handbook removed it."),
    "quotes": ("giá trị «{what}» nằm trong dấu ngoặc cong của Word (“…”); sổ tay đọc như dấu ngoặc kép thẳng "
               "(\"…\").",
               "the value '{what}' is in Word's curly quotes (“…”); the handbook read them as straight "
               "quotes (\"…\")."),
    "url": ("địa chỉ web có ký tự vô hình ({what}, thường do chép từ Zalo hay Facebook); sổ tay đã bỏ nó.",
            "a web address has an invisible character ({what}, usually copied from Zalo or Facebook); the "
            "handbook removed it."),
}
FIX_VI = "nếu muốn sửa hẳn trong tệp: chạy scripts/handbook fix, hoặc gõ lại chỗ đó."
FIX_EN = "to fix the file itself: run scripts/handbook fix, or retype that spot."


def told(repair: Repair) -> tuple[str, str]:
    """What the editor is told about ``repair``, in Vietnamese and English."""
    vi, en = _TOLD[repair.kind]
    return vi.format(what=repair.what), en.format(what=repair.what)
