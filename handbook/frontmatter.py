"""The ONE reading path for every file an editor writes (guides, wards, search synonyms, the area file).

bytes → encoding check (UTF-8 only; Windows-1258, TCVN3, VNI or UTF-16 get a message naming the file and
line) → byte-order mark removed (with a note, not an error) → CRLF read as LF → NFC normalisation (text \
typed with decomposed
accents still compares equal), and the other safe repairs of handbook/repairs.py (non-breaking and invisible
characters in the front matter and in web addresses, Word's curly quotes): each told once, as a note → YAML
read by
:class:`StrictLoader` → the schema of each kind of file (handbook/guides/guide_files.py,
handbook/wards/ward_files.py …), which gets the file line of every key from :class:`YamlMap`.

:class:`StrictLoader` differs from PyYAML's safe loader where YAML 1.1 silently changes what an editor typed:

- a key written twice is refused (PyYAML keeps the last one and the first disappears without a word);
- ``02513456123`` stays the text ``"02513456123"`` (YAML 1.1 reads it as the octal number 355359827),
  ``1:20:30`` stays text (YAML 1.1 reads 4830, base 60), ``yes``/``no``/``on``/``off`` stay text
  (only ``true``/``false`` are booleans), ``1_000`` stays text;
- dates stay text, so ``2026-02-30`` gets a message with its line from the schema instead of a
  ``ValueError`` traceback (:func:`handbook.dates.parse_date`).

Numbers written plainly (``10``, ``19001006``, ``1.5``) are still numbers: their text is exactly what was \
typed.
YAML's own messages ("expected <block end>, but found '<block sequence start>'") never reach editors:
:func:`yaml_error` turns them into a plain hint for the line.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, SequenceNode

from handbook.errors import ContentError
from handbook.repairs import FIX_EN, FIX_VI, Repair, repair_text, told

# Front matter between "---" and "---" (or "..."), LF or CRLF; shared by every reader of docs/ files.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_OPENING = re.compile(r"\A---[ \t]*\r?\n")
BOM = "\ufeff"


def where_line(line: int, field: str | None = None) -> str:
    """The ``where`` part of a message: 'dòng 5 / line 5' (and the field)."""
    return f"dòng {line} / line {line}" + (f", {field}" if field else "")


# --- notes: told to the editor, but not errors ----------------------------------------------------


@dataclass(frozen=True)
class Note:
    """Something the reader fixed by itself and the editor should know (e.g. a removed byte-order mark)."""

    file: str
    where: str
    vi: str
    en: str

    def message(self) -> str:
        return f"{self.file} ({self.where})\n  [vi] Ghi chú: {self.vi}\n  [en] Note: {self.en}"


def repair_notes(file: str, repairs: list[Repair]) -> list[Note]:
    """One note per kind of repair in ``file``, at its first line, naming every line and column."""
    notes = []
    for kind in dict.fromkeys(repair.kind for repair in repairs):
        mine = [repair for repair in repairs if repair.kind == kind]
        vi, en = told(mine[0])
        spots = ", ".join(f"{r.line}" + (f":{r.column}" if r.column else "") for r in mine)
        where = where_line(mine[0].line) + (f", cột {mine[0].column} / column {mine[0].column}"
                                            if mine[0].column else "")
        notes.append(Note(file, where, f"{vi} (dòng:cột {spots}) {FIX_VI}",
                          f"{en} (line:column {spots}) {FIX_EN}"))
    return notes


def bom_note(file: str) -> Note:
    return Note(
        file,
        where_line(1),
        "tệp có ký tự BOM (dấu thứ tự byte) ở đầu; sổ tay bỏ qua nó. Nếu muốn, lưu lại tệp ở dạng "
        "«UTF-8» (không phải «UTF-8 with BOM»).",
        "the file starts with a byte-order mark (BOM); the handbook ignores it. If you like, save the "
        "file as 'UTF-8' (not 'UTF-8 with BOM').",
    )


# --- bytes → text ----------------------------------------------------------------------------------


def _encoding_error(file: str, line: int, what_vi: str, what_en: str) -> ContentError:
    return ContentError(
        file, where_line(line, "mã hóa / encoding"),
        f"tệp không lưu bằng bảng mã UTF-8 ({what_vi}); chữ có dấu sẽ hiện sai.",
        "mở tệp, chọn Lưu thành (Save As), ở ô Mã hóa (Encoding) chọn «UTF-8», rồi lưu đè; kiểm tra lại "
        "các chữ có dấu. Với Unikey, gõ bằng bảng mã «Unicode dựng sẵn».",
        f"the file is not saved as UTF-8 ({what_en}); accented letters would show wrongly.",
        "open the file, choose Save As, set Encoding to 'UTF-8' and overwrite it; then check the accented "
        "letters. With Unikey, type with the 'Unicode dựng sẵn' (precomposed Unicode) table.",
    )


def decode_content(data: bytes, file: str) -> tuple[str, list[Note]]:
    """UTF-8 text of a content file in NFC, and notes; anything else is a :class:`ContentError`."""
    notes: list[Note] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _encoding_error(file, 1, "có vẻ là UTF-16 / Unicode", "it looks like UTF-16 / 'Unicode'")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        notes.append(bom_note(file))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _encoding_error(file, line, "có thể là Windows-1258, TCVN3 hoặc VNI",
                              "perhaps Windows-1258, TCVN3 or VNI") from error
    if "\x00" in text:
        raise _encoding_error(file, text[: text.index("\x00")].count("\n") + 1,
                              "có ký tự rỗng (NUL)", "it contains NUL characters")
    # Windows line endings (CRLF) read as LF: line numbers stay the same, rules see one kind of line.
    text, repairs = repair_text(text.replace("\r\n", "\n"), yaml_file=file.endswith((".yml", ".yaml")))
    return text, notes + repair_notes(file, repairs)


def read_content(path: Path, file: str) -> tuple[str, list[Note]]:
    """:func:`decode_content` of a file on disk; an unreadable file is a :class:`ContentError`."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(file, "tệp / file", f"không đọc được tệp ({error.strerror}).",
                           "kiểm tra tên tệp và quyền đọc.", f"the file cannot be read ({error.strerror}).",
                           "check the file name and that it can be read.") from error
    return decode_content(data, file)


# --- YAML ------------------------------------------------------------------------------------------


class YamlMap(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows the file line of itself and of each of its keys."""

    line: int = 1
    key_lines: dict[str, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        """The file line of ``key`` (the mapping's own line when the key is absent)."""
        return self.key_lines.get(key, self.line)


def line_of(mapping: object, key: str, default: int = 1) -> int:
    """The file line of ``key`` in a mapping read by :class:`StrictLoader` (``default`` otherwise)."""
    return mapping.line_of(key) if isinstance(mapping, YamlMap) else default


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A key written twice in one mapping."""

    def __init__(self, key: str, first: yaml.Mark, second: yaml.Mark) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", second)
        self.key = key
        self.first = first


class AliasRefused(yaml.MarkedYAMLError):
    """A YAML alias (``*name``): refused, so that no file can expand to gigabytes ("billion laughs")."""


class NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases: every content YAML file is read with it (issue 29)."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise AliasRefused(None, None, f"alias *{event.anchor} refused", event.start_mark)
        return super().compose_node(parent, index)


class StrictLoader(NoAliasLoader):
    """PyYAML's safe loader without YAML 1.1's surprises (see the module docstring)."""

    line_offset = 0  # added to 0-based YAML lines to give 1-based file lines


def _strict_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    dropped = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
               "tag:yaml.org,2002:timestamp"}
    table = {first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
             for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    extra = [
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
        ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789"),
        ("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"), "-+0123456789"),
    ]
    for tag, regexp, firsts in extra:
        for first in firsts:
            table.setdefault(first, []).append((tag, regexp))
    return table


StrictLoader.yaml_implicit_resolvers = _strict_resolvers()


def _construct_map(loader: StrictLoader, node: MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    mapping = YamlMap()
    mapping.line = node.start_mark.line + 1 + loader.line_offset
    first_marks: dict[Any, yaml.Mark] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as error:
            raise ConstructorError(None, None, "unhashable key", key_node.start_mark) from error
        if key in first_marks:
            raise DuplicateKeyError(str(key), first_marks[key], key_node.start_mark)
        first_marks[key] = key_node.start_mark
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1 + loader.line_offset
    return mapping


StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def load_yaml(source: str, file: str, first_line: int = 1) -> Any:
    """Read ``source`` (which starts on line ``first_line`` of ``file``) with :class:`StrictLoader`."""
    loader = StrictLoader(source)
    loader.line_offset = first_line - 1
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        raise yaml_error(error, file, first_line, source) from error
    finally:
        loader.dispose()


def duplicate_keys(source: str, file: str, first_line: int = 1) -> list[ContentError]:
    """Keys written twice anywhere in ``source`` (for files read as YAML nodes, like the synonyms)."""
    try:
        root = yaml.compose(source, Loader=NoAliasLoader)
    except yaml.YAMLError as error:
        return [yaml_error(error, file, first_line, source)]
    errors: list[ContentError] = []

    def walk(node: Node | None) -> None:
        if isinstance(node, MappingNode):
            seen: dict[str, yaml.Mark] = {}
            for key, value in node.value:
                if key.value in seen:
                    errors.append(
                        yaml_error(
                            DuplicateKeyError(str(key.value), seen[key.value], key.start_mark),
                            file,
                            first_line,
                            source,
                        )
                    )
                seen.setdefault(key.value, key.start_mark)
                walk(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                walk(item)

    walk(root)
    return errors


def _line_text(source: str, index: int) -> str:
    lines = source.split("\n")
    return lines[index].strip() if 0 <= index < len(lines) else ""


def yaml_error(error: yaml.YAMLError, file: str, first_line: int, source: str = "") -> ContentError:
    """A YAML error in words an editor understands, at the file line where the mistake is."""
    problem = str(getattr(error, "problem", "") or error)
    context = str(getattr(error, "context", "") or "")
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    index = mark.line if mark is not None else 0
    shown = ""

    if isinstance(error, DuplicateKeyError):
        first = error.first.line + first_line
        second = (mark.line if mark else 0) + first_line
        return ContentError(
            file,
            where_line(second, error.key),
            f"trường «{error.key}» được viết hai lần (dòng {first} và dòng {second}); chỉ một lần được dùng, "
            "lần kia sẽ bị mất.",
            f"giữ một dòng «{error.key}:» và gộp nội dung của hai chỗ vào đó (ví dụ mọi kênh dưới một "
            "«channels:»).",
            f"the field '{error.key}' is written twice (lines {first} and {second}); only one would be used "
            "and "
            "the other silently lost.",
            f"keep one '{error.key}:' line and merge both parts under it (e.g. every channel under one "
            "'channels:').",
        )
    if isinstance(error, AliasRefused):
        shown = _line_text(source, index)
        vi = f"dòng «{shown}» dùng bí danh YAML (*tên): sổ tay không đọc bí danh, vì chúng có thể làm " \
            "một tệp nhỏ phình ra hàng gigabyte."
        fix_vi = "viết thẳng giá trị vào chỗ này (chép lại), bỏ *tên và &tên."
        en = f"the line '{shown}' uses a YAML alias (*name): the handbook does not read aliases, which " \
            "can make a small file expand to gigabytes."
        fix_en = "write the value itself here (copy it), without *name and &name."
    elif "quoted scalar" in context and context_mark is not None:
        index = context_mark.line
        vi = "dấu ngoặc mở ở dòng này không được đóng lại."
        fix_vi = "thêm dấu ngoặc đóng (\" hoặc ') ở cuối giá trị, trên cùng dòng."
        en = "the quote opened on this line is never closed."
        fix_en = "add the closing quote (\" or ') at the end of the value, on the same line."
    elif "<block sequence start>" in problem or ("expected <block end>" in problem and "'-'" in problem):
        vi = "có một dòng «- …» (một mục danh sách) ở chỗ không được có danh sách."
        fix_vi = (
            "nếu dòng trên là «tên: []» hoặc «tên: giá trị», xóa phần sau dấu hai chấm (chỉ để «channels:») "
            "rồi viết các mục «- » thụt vào hai dấu cách bên dưới; nếu không, kiểm tra khoảng thụt đầu dòng."
        )
        en = "there is a '- …' line (a list item) where no list can be."
        fix_en = (
            "if the line above is 'name: []' or 'name: value', remove what follows the colon (keep just "
            "'channels:') and indent the '- ' items two spaces below it; otherwise check the indentation."
        )
    elif "mapping values are not allowed" in problem:
        shown = _line_text(source, index)
        vi = (
            f"dòng «{shown}» có dấu hai chấm «:» ở giữa giá trị (hoặc bị thụt đầu dòng sai, hoặc dòng trên "
            "thiếu dấu hai chấm)."
        )
        fix_vi = ("đặt cả giá trị trong dấu ngoặc kép, ví dụ title: \"Bước 1: mở ứng dụng\"; "
                  "nếu không phải thế, thụt đầu dòng cho thẳng với các dòng khác.")
        en = (
            f"the line '{shown}' has a colon ':' inside a value (or wrong indentation, or the line above "
            "lacks a colon)."
        )
        fix_en = ("put the whole value in quotes, e.g. title: \"Step 1: open the app\"; "
                  "if that is not it, line the indentation up with the other lines.")
    elif "'\\t'" in problem or "\t" in problem:
        vi = "dòng này thụt đầu dòng bằng phím Tab."
        fix_vi = "thay Tab bằng dấu cách (hai dấu cách cho mỗi bậc)."
        en = "this line is indented with a Tab."
        fix_en = "replace the Tab with spaces (two spaces per level)."
    elif "cannot start any token" in problem or "alias" in problem or "anchor" in problem:
        shown = _line_text(source, index)
        vi = f"giá trị ở dòng «{shown}» bắt đầu bằng một ký tự đặc biệt (@ ` % * & ! | >)."
        fix_vi = "đặt cả giá trị trong dấu ngoặc kép, ví dụ name: \"@phuong\"."
        en = f"the value on the line '{shown}' starts with a special character (@ ` % * & ! | >)."
        fix_en = "put the whole value in quotes, e.g. name: \"@ward\"."
    elif "flow" in context and context_mark is not None:
        index = context_mark.line
        vi = "dấu ngoặc [ hoặc { mở ở dòng này không được đóng lại."
        fix_vi = "đóng ngoặc ] hoặc } trên cùng dòng, hoặc đặt cả giá trị trong dấu ngoặc kép."
        en = "the [ or { opened on this line is never closed."
        fix_en = "close it with ] or } on the same line, or put the whole value in quotes."
    elif "could not find expected ':'" in problem or "simple key" in context:
        vi = "dòng này thiếu dấu hai chấm sau tên trường."
        fix_vi = "viết «tên: giá trị» (có dấu cách sau dấu hai chấm)."
        en = "this line lacks the colon after the field name."
        fix_en = "write 'name: value' (with a space after the colon)."
    elif isinstance(error, ConstructorError):
        vi = "có một giá trị YAML đặc biệt (thẻ !!…, hoặc tên trường là danh sách) mà sổ tay không đọc."
        fix_vi = "viết giá trị như chữ thường, trong dấu ngoặc kép."
        en = (
            "there is a special YAML value (a !! tag, or a list used as a field name) the handbook does not "
            "read."
        )
        fix_en = "write the value as plain text, in quotes."
    else:
        vi = "phần khai báo viết sai ở dòng này."
        fix_vi = (
            "kiểm tra dấu hai chấm, khoảng thụt đầu dòng (dấu cách, không dùng Tab) và dấu ngoặc kép; giá "
            "trị "
            "có dấu hai chấm hay bắt đầu bằng ký tự đặc biệt phải đặt trong dấu ngoặc kép."
        )
        en = "the front matter is written wrongly on this line."
        fix_en = (
            "check the colons, the indentation (spaces, not Tabs) and the quotes; a value with a colon or "
            "starting with a special character must be in quotes."
        )
    line = index + first_line
    return ContentError(file, where_line(line), vi, fix_vi, en, fix_en)


# --- front matter ----------------------------------------------------------------------------------


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number in the file where the body starts).

    ``text`` may still carry a byte-order mark or what handbook/repairs.py repairs: both are handled here
    too, so every caller reads the same thing. The front matter is a :class:`YamlMap` (file lines of its
    keys).
    A page is read by several hooks: it is parsed once, and each caller gets its own copy to change.
    """
    data, body, line = _split_front_matter(text, file)
    return copy.deepcopy(data), body, line


@lru_cache(maxsize=1024)
def _split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int]:
    if text.startswith(BOM):
        text = text[1:]
    text = repair_text(text.replace("\r\n", "\n"))[0]
    match = FRONT_MATTER.match(text)
    if not match:
        if _OPENING.match(text):
            raise ContentError(
                file, where_line(1),
                "phần đầu trang mở bằng dòng --- nhưng không có dòng --- đóng lại.",
                "thêm một dòng chỉ có --- ngay sau dòng khai báo cuối cùng (trước nội dung trang).",
                "the front matter opens with a --- line but no --- line closes it.",
                "add a line with just --- right after the last front-matter line (before the page text).",
            )
        return YamlMap(), text, 1
    data = load_yaml(match.group(1) or "", file, first_line=2)
    if data is None:
        data = YamlMap()
    if not isinstance(data, dict):
        raise ContentError(
            file, where_line(2, "front matter"),
            "phần đầu trang phải là các dòng «tên: giá trị».",
            "viết mỗi thông tin trên một dòng, ví dụ «title: Tên trang».",
            "the front matter must be 'name: value' lines.",
            "write one item per line, for example 'title: Page name'.",
        )
    body_first_line = match.group(0).count("\n") + 1
    return data, text[match.end():], body_first_line


def read_front_matter(path: Path, docs_dir: Path) -> tuple[dict[str, Any], str, int]:
    """``split_front_matter`` of a file, naming it relative to the project (``docs/...``)."""
    name = f"docs/{path.relative_to(docs_dir).as_posix()}"
    text, _ = read_content(path, name)
    return split_front_matter(text, name)
