"""Phone-screen illustrations drawn from ```screen blocks.

An editor describes a screen in YAML (see docs/guides/FORMAT.txt); the build draws it as
small, accessible HTML with real text: a phone frame, the app bar, the items top to bottom,
and a ring with the step number around the one place to tap.

Plain Python: no MkDocs imports. The MkDocs hook (overrides/hooks/screens.py) validates
every block of a page with ``check_markdown`` and tells this module the current page with
``set_page``; ``fence_format`` (registered in mkdocs.yml for pymdownx.superfences) draws it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handbook.errors import ContentError
from handbook.frontmatter import NoAliasLoader
from handbook.markdown import Fence, fences
from handbook.text import message

TOP_KEYS = ("step", "title", "app", "items")
KINDS = ("text", "field", "button", "link", "row", "tile", "notice", "qr", "message")
ITEM_OPTIONS = ("value", "meaning", "tap")

_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_TRUE = ("true", "yes", "on")
_STEP_RE = re.compile(r"[1-9][0-9]*")
SCREEN_FENCE = "screen"  # the fence name registered in mkdocs.yml (pymdownx.superfences custom_fences)

# How to add a missing top-level key: (vi, en)
_ADD_KEY = {
    "step": ("Thêm dòng 'step: 2' (số thứ tự của bước) ở đầu khối.",
             "Add a line 'step: 2' (the number of the step) at the top of the block."),
    "title": ("Thêm dòng 'title: …' với tiêu đề màn hình, đúng như ứng dụng hiển thị.",
              "Add a line 'title: …' with the screen's title, exactly as the app shows it."),
    "items": ("Thêm dòng 'items:' và bên dưới là các mục, mỗi mục một dòng như '  - button: Đăng nhập'.",
              "Add a line 'items:' followed by the items, one per line like '  - button: Đăng nhập'."),
}


@dataclass(frozen=True)
class Item:
    """One thing on the screen, e.g. a button labelled "Đăng nhập"."""

    kind: str
    label: str
    value: str | None = None
    meaning: str | None = None
    tap: bool = False


@dataclass(frozen=True)
class Screen:
    """One phone screen: the step it illustrates, its app bar and its items."""

    step: int
    title: str
    items: tuple[Item, ...]
    app: str | None = None

    @property
    def tapped(self) -> Item | None:
        return next((item for item in self.items if item.tap), None)


# --- parsing -----------------------------------------------------------------------------


class _Block:
    """Error helper for one block: turns YAML node positions into file line numbers."""

    def __init__(self, file: str, line: int) -> None:
        self.file = file
        self.line = line

    def error(self, node_line: int, key: str | None, vi: tuple[str, str],
              en: tuple[str, str]) -> ContentError:
        line = self.line + node_line
        where = f"dòng {line} / line {line}" + (f", key '{key}'" if key is not None else "")
        return ContentError(self.file, where, vi[0], vi[1], en[0], en[1])


def _line(node: Node) -> int:
    return node.start_mark.line


def _did_you_mean(key: str, choices: tuple[str, ...]) -> tuple[str, str]:
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if close:
        return f"Có phải ý bạn là '{close[0]}'? ", f"Did you mean '{close[0]}'? "
    return "", ""


def _pairs(block: _Block, node: MappingNode, where_vi: str,
           where_en: str) -> list[tuple[str, ScalarNode, Node]]:
    """Keys of a mapping in order, rejecting keys that are not plain words or appear twice."""
    pairs: list[tuple[str, ScalarNode, Node]] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise block.error(
                _line(key_node), None,
                (f"Khóa trong {where_vi} phải là một từ đơn giản.", "Viết dạng 'khóa: nội dung'."),
                (f"A key in {where_en} must be a plain word.", "Write it as 'key: text'."),
            )
        key = str(key_node.value)
        if key in seen:
            raise block.error(
                _line(key_node), key,
                (f"Khóa '{key}' xuất hiện hai lần trong {where_vi} "
                 f"(lần đầu ở dòng {block.line + seen[key]}).",
                 f"Xóa một dòng '{key}'."),
                (f"The key '{key}' appears twice in {where_en} (first on line {block.line + seen[key]}).",
                 f"Delete one of the '{key}' lines."),
            )
        seen[key] = _line(key_node)
        pairs.append((key, key_node, value_node))
    return pairs


def _text(block: _Block, node: Node, key: str) -> str:
    """The text of a label exactly as written (so "000000000000" stays twelve zeros)."""
    if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not str(node.value).strip():
        raise block.error(
            _line(node), key,
            (f"'{key}' cần một nội dung chữ trên cùng dòng.",
             (f"Viết nội dung ngay sau dấu hai chấm, ví dụ '{key}: Đăng nhập'. "
              "Nếu nội dung có dấu ':' hoặc '#', đặt nó trong dấu ngoặc kép.")),
            (f"'{key}' needs some text on the same line.",
             (f"Write the text right after the colon, e.g. '{key}: Đăng nhập'. "
              "If the text contains ':' or '#', put it in double quotes.")),
        )
    return str(node.value).strip()


def _step(block: _Block, node: Node) -> int:
    if isinstance(node, ScalarNode) and node.tag != _BOOL_TAG and _STEP_RE.fullmatch(str(node.value).strip()):
        return int(str(node.value))
    shown = node.value if isinstance(node, ScalarNode) else "…"
    raise block.error(
        _line(node), "step",
        (f"'step' phải là số nguyên dương (1, 2, 3…), không phải '{shown}'.",
         "Ghi số thứ tự của bước mà màn hình này minh họa, ví dụ 'step: 2'."),
        (f"'step' must be a positive whole number (1, 2, 3…), not '{shown}'.",
         "Write the number of the step this screen illustrates, e.g. 'step: 2'."),
    )


def _tap(block: _Block, node: Node) -> bool:
    if isinstance(node, ScalarNode) and node.tag == _BOOL_TAG:
        return str(node.value).lower() in _TRUE
    raise block.error(
        _line(node), "tap",
        ("'tap' chỉ nhận giá trị 'true'.", "Viết 'tap: true' cho đúng một mục cần chạm, hoặc xóa dòng này."),
        ("'tap' only takes the value 'true'.",
         "Write 'tap: true' on the one item to tap, or delete this line."),
    )


def _item(block: _Block, node: Node, number: int) -> Item:
    where_vi, where_en = f"mục thứ {number} của 'items'", f"item {number} of 'items'"
    if not isinstance(node, MappingNode):
        raise block.error(
            _line(node), "items",
            (f"{where_vi.capitalize()} phải có dạng 'loại: nội dung'.",
             f"Viết ví dụ '- button: Đăng nhập'. Các loại: {', '.join(KINDS)}."),
            (f"{where_en.capitalize()} must look like 'kind: text'.",
             f"Write e.g. '- button: Đăng nhập'. Kinds: {', '.join(KINDS)}."),
        )
    pairs = _pairs(block, node, where_vi, where_en)
    kinds = [(key, key_node, value) for key, key_node, value in pairs if key in KINDS]
    for key, key_node, _ in pairs:
        if key in KINDS or key in ITEM_OPTIONS:
            continue
        hint_vi, hint_en = _did_you_mean(key, KINDS + ITEM_OPTIONS)
        if not kinds:
            raise block.error(
                _line(key_node), key,
                (f"Loại mục '{key}' không tồn tại.",
                 f"{hint_vi}Các loại được dùng: {', '.join(KINDS)}."),
                (f"'{key}' is not a kind of item.",
                 f"{hint_en}The kinds are: {', '.join(KINDS)}."),
            )
        raise block.error(
            _line(key_node), key,
            (f"Khóa '{key}' không được phép trong {where_vi}.",
             f"{hint_vi}Ngoài loại mục, chỉ dùng: {', '.join(ITEM_OPTIONS)}."),
            (f"The key '{key}' is not allowed in {where_en}.",
             f"{hint_en}Besides the kind, only these are allowed: {', '.join(ITEM_OPTIONS)}."),
        )
    if not kinds:
        raise block.error(
            _line(node), None,
            (f"{where_vi.capitalize()} không có loại mục (ví dụ 'button:').",
             f"Thêm đúng một loại: {', '.join(KINDS)}."),
            (f"{where_en.capitalize()} has no kind (e.g. 'button:').",
             f"Add exactly one kind: {', '.join(KINDS)}."),
        )
    if len(kinds) > 1:
        first, second = kinds[0][0], kinds[1][0]
        raise block.error(
            _line(kinds[1][1]), second,
            (f"{where_vi.capitalize()} có hai loại cùng lúc: '{first}' và '{second}'.",
             "Mỗi mục chỉ có một loại: tách thành hai mục, mỗi mục bắt đầu bằng '- '."),
            (f"{where_en.capitalize()} has two kinds at once: '{first}' and '{second}'.",
             "Each item has one kind: split it into two items, each starting with '- '."),
        )
    kind, _, kind_value = kinds[0]
    fields: dict[str, Any] = {"kind": kind, "label": _text(block, kind_value, kind)}
    for key, key_node, value in pairs:
        if key == "tap":
            fields["tap"] = _tap(block, value)
        elif key == "meaning":
            fields["meaning"] = _text(block, value, key)
        elif key == "value":
            if kind != "field":
                raise block.error(
                    _line(key_node), key,
                    (f"'value' chỉ dùng cho ô nhập ('field'), không dùng cho '{kind}'.",
                     "Xóa dòng 'value' hoặc đổi loại mục thành 'field'."),
                    (f"'value' is only for input boxes ('field'), not for '{kind}'.",
                     "Delete the 'value' line or change the item to a 'field'."),
                )
            fields["value"] = _text(block, value, key)
    return Item(**fields)


@lru_cache(maxsize=4096)  # the guides, hand-out and screens hooks read the same blocks; Screen is frozen
def parse_screen(source: str, file: str, line: int) -> Screen:
    """Read one ```screen block; ``line`` is the line number in ``file`` of the first line of ``source``.

    Raises ContentError naming the line and key of the first mistake.
    """
    block = _Block(file, line)
    try:
        root = yaml.compose(source, Loader=NoAliasLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        raise block.error(
            mark.line if mark is not None else 0, None,
            (f"Khối screen không phải YAML hợp lệ ({detail}).",
             ("Thụt lề bằng dấu cách (không dùng Tab), mỗi mục bắt đầu bằng '- ', "
              "và đặt nội dung có dấu ':' hoặc '#' trong dấu ngoặc kép.")),
            (f"The screen block is not valid YAML ({detail}).",
             ("Indent with spaces (no tabs), start each item with '- ', "
              "and put text containing ':' or '#' in double quotes.")),
        ) from None
    if not isinstance(root, MappingNode):
        raise block.error(
            0, None,
            ("Khối screen trống hoặc không có dạng 'khóa: nội dung'.",
             "Viết các dòng 'step:', 'title:' và 'items:' như trong docs/guides/FORMAT.txt."),
            ("The screen block is empty or not written as 'key: value'.",
             "Write the lines 'step:', 'title:' and 'items:' as shown in docs/guides/FORMAT.txt."),
        )
    values: dict[str, Node] = {}
    for key, key_node, value in _pairs(block, root, "khối screen", "the screen block"):
        if key not in TOP_KEYS:
            hint_vi, hint_en = _did_you_mean(key, TOP_KEYS)
            raise block.error(
                _line(key_node), key,
                (f"Khóa '{key}' không được phép ở đầu khối screen.",
                 f"{hint_vi}Chỉ dùng: {', '.join(TOP_KEYS)}."),
                (f"The key '{key}' is not allowed at the top of a screen block.",
                 f"{hint_en}Use only: {', '.join(TOP_KEYS)}."),
            )
        values[key] = value
    for required in ("step", "title", "items"):
        if required not in values:
            raise block.error(
                0, required,
                (f"Khối screen thiếu khóa bắt buộc '{required}'.", _ADD_KEY[required][0]),
                (f"The screen block is missing the required key '{required}'.", _ADD_KEY[required][1]),
            )
    items_node = values["items"]
    if not isinstance(items_node, SequenceNode) or not items_node.value:
        raise block.error(
            _line(items_node), "items",
            ("'items' phải là danh sách các mục, mỗi mục một dòng bắt đầu bằng '- '.", _ADD_KEY["items"][0]),
            ("'items' must be a list, one item per line starting with '- '.", _ADD_KEY["items"][1]),
        )
    items = tuple(_item(block, node, number) for number, node in enumerate(items_node.value, start=1))
    tapped = [(node, item) for node, item in zip(items_node.value, items) if item.tap]
    if len(tapped) > 1:
        first_line = block.line + _line(tapped[0][0])
        second = tapped[1][0]
        tap_line = next(_line(k) for k, _ in second.value if k.value == "tap")
        raise block.error(
            tap_line, "tap",
            (f"Có nhiều hơn một 'tap: true' (mục đầu ở dòng {first_line}). "
             "Mỗi màn hình chỉ có một chỗ để chạm.",
             "Chỉ giữ 'tap: true' ở mục người đọc cần chạm trong bước này; xóa các dòng khác."),
            (f"More than one 'tap: true' (the first is on line {first_line}). A screen has one place to tap.",
             "Keep 'tap: true' only on the item the reader taps in this step; delete the others."),
        )
    app = _text(block, values["app"], "app") if "app" in values else None
    return Screen(step=_step(block, values["step"]), title=_text(block, values["title"], "title"),
                  items=items, app=app)


# --- finding blocks in a page --------------------------------------------------------------


def check_markdown(markdown: str, file: str, first_line: int) -> list[ContentError]:
    """Validate every ```screen block of a page, also indented ones (tabs, admonitions).

    ``first_line`` is the line number in ``file`` where ``markdown`` starts (after front matter).
    Blocks shown inside another fence (e.g. an example in a ```markdown block) are skipped.
    """
    errors: list[ContentError] = []
    lines = markdown.split("\n")
    for fence in screen_fences(lines):
        fence_line = first_line + fence.start
        if not fence.closed:
            marker = fence.marker
            errors.append(ContentError(
                file, f"dòng {fence_line} / line {fence_line}",
                f"Khối screen mở bằng '{marker}screen' nhưng không có dòng đóng '{marker}'.",
                f"Thêm một dòng '{marker}' (thụt lề giống dòng mở) ngay sau mục cuối.",
                f"The screen block opened with '{marker}screen' is never closed.",
                f"Add a line '{marker}' (indented like the opening line) right after the last item.",
            ))
            continue
        try:
            parse_screen(fence.body(lines), file, fence_line + 1)
        except ContentError as error:
            errors.append(error)
    return errors


def screen_fences(lines: list[str]) -> list[Fence]:
    """The ```screen (or ~~~screen) blocks of a page's lines, as pymdownx.superfences finds them."""
    return [fence for fence in fences(lines) if fence.info == SCREEN_FENCE]


# --- drawing -----------------------------------------------------------------------------

@dataclass
class _Page:
    file: str = "<screen>"
    language: str = ""  # the reader's language of the page being converted
    app_language: str = ""  # the language the apps show (the site's default language)


_page = _Page()


def set_page(file: str, language: str, app_language: str) -> None:
    """Called by the MkDocs hook before each page is converted: errors name ``file``, text uses ``language``,
    and the apps' own words (labels, titles) are marked as ``app_language`` where it differs."""
    _page.file = file
    _page.language = language
    _page.app_language = app_language


def _word(lang: str, key: str, **values: object) -> str:
    return message(lang, f"screen.{key}", **values)


def _app(lang: str, app_lang: str) -> str:
    """The app's own text is in the area's language: mark it so on pages in another language."""
    return "" if lang == app_lang else f' lang="{app_lang}"'


def _span(css: str, text: str, lang: str, app_lang: str) -> str:
    return f'<span class="hb-screen__{css}"{_app(lang, app_lang)}>{escape(text)}</span>'


def _meaning(item: Item, lang: str, app_lang: str) -> str:
    """The meaning beside an app label, on pages in another language than the app's only."""
    if item.meaning and lang != app_lang:
        return f' <span class="hb-screen__meaning">({escape(item.meaning)})</span>'
    return ""


_SPOKEN_KINDS = ("button", "field", "link", "tile", "qr", "message", "notice")


def _render_item(item: Item, step: int, lang: str, app_lang: str) -> str:
    spoken = item.kind in _SPOKEN_KINDS
    html = f'<span class="hb-sr">{_word(lang, f"kind.{item.kind}")}: </span>' if spoken else ""
    if item.kind == "tile":
        html += '<span class="hb-screen__icon" aria-hidden="true"></span>'
    elif item.kind == "qr":
        html += '<span class="hb-screen__code" aria-hidden="true"></span>'
    html += _span("name", item.label, lang, app_lang) + _meaning(item, lang, app_lang)
    if item.kind == "field":
        html += _span("box", item.value or "", lang, app_lang)
    classes = f"hb-screen__item hb-screen__{item.kind}"
    if item.tap:
        classes += " hb-screen__tap"
        html += (f'<span class="hb-sr"> ({_word(lang, "here")})</span>'
                 f'<span class="hb-screen__badge" aria-hidden="true">{step}</span>')
    return f'<div class="{classes}">{html}</div>'


def _caption(screen: Screen, lang: str, app_lang: str) -> str:
    def app_words(text: str) -> str:
        return f"<span{_app(lang, app_lang)}>{escape(text)}</span>" if lang != app_lang else escape(text)

    app = f" ({app_words(screen.app)})" if screen.app else ""
    text = _word(lang, "caption", step=screen.step, title=f"«{app_words(screen.title)}»", app=app)
    tapped = screen.tapped
    if tapped is None:
        return f"{text} {_word(lang, 'look')}"
    target = f"«{app_words(tapped.label)}»"
    if tapped.meaning and lang != app_lang:
        target += f" ({escape(tapped.meaning)})"
    return f"{text} {_word(lang, 'tap', target=target)}"


def render_screen(screen: Screen, lang: str, app_lang: str) -> str:
    """The screen as a <figure>: phone frame with real text, the tap ring and badge, and a caption.

    ``lang`` is the page's language (the captions), ``app_lang`` the language of the app's own words."""
    app = _span("app", screen.app, lang, app_lang) if screen.app else ""
    items = "".join(_render_item(item, screen.step, lang, app_lang) for item in screen.items)
    return (
        '<figure class="hb-screen">'
        f'<span class="hb-screen__label" aria-hidden="true">{_word(lang, "label")}</span>'
        '<div class="hb-screen__phone">'
        '<div class="hb-screen__status" aria-hidden="true"></div>'
        f'<div class="hb-screen__bar">{app}{_span("title", screen.title, lang, app_lang)}</div>'
        f'<div class="hb-screen__items">{items}</div>'
        "</div>"
        f"<figcaption>{_caption(screen, lang, app_lang)}</figcaption>"
        "</figure>"
    )


def fence_format(source: str, language: str, class_name: str, options: dict[str, Any], md: Any,
                 **kwargs: Any) -> str:
    """pymdownx.superfences formatter for ```screen blocks, in the language of the current page."""
    try:
        screen = parse_screen(source, _page.file, 1)
    except ContentError as error:
        # superfences silently turns a failing formatter into a code block; make it fail the build.
        from pymdownx.superfences import SuperFencesException

        raise SuperFencesException(str(error)) from error
    return render_screen(screen, _page.language, _page.app_language)
