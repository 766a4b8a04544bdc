"""Rules for the mistakes volunteers really make in a page's text (issue 26), in ONE place.

``scripts/handbook check`` and the build's first step (overrides/hooks/content.py) both call
:func:`page_problems` through handbook/maintain/checks.py, so they refuse the same thing with the same
message; the build also runs :func:`stray_attribute_text` over every page it writes (the HTML readers get).
Each message names the file, the line (and column) and the fix, Vietnamese first.

| rule | why |
|---|---|
| ``##Bước 2`` (no space after the ``#``) | GitHub shows it as text; the step is lost |
| ``# Tiêu đề`` in a guide's text | the title comes from ``title:``; a second one confuses screen readers |
| a heading level skipped (``##`` then ``####``) | screen-reader users move by heading level |
| invisible characters (U+200B …) outside web addresses | they sit in headings, links and the search index |
| ``{lang=en}{lang=en}``, ``{lang=en`` (attribute lists doubled or unclosed) | readers see ``}{lang=en`` |
| tracking parameters (``fbclid``, ``utm_…``, ``zarsrc`` …) on any address | :func:`tracking_parameters`, \
also for ward channels and guide sources |
| images: missing, not JPEG/PNG/WebP/GIF (HEIC, SVG), wider than 800 pixels | readers' phones cannot show \
HEIC; big images cost residents' data |

Safe repairs (decomposed accents, non-breaking and invisible spaces in the front matter and in addresses,
Word's curly quotes) are not here: the reading path makes them (handbook/repairs.py).
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from handbook.errors import ContentError
from handbook.markdown import blank_fences
from handbook.repairs import INVISIBLE_CHARS, char_name
from handbook.safety.html_safety import markdown_text, scan_markdown
from handbook.safety.published_files import PICTURES

# Images: the formats every reader's browser shows; the widest a phone screen needs (also in
# CONTRIBUTING.md and docs/guides/FORMAT.txt).
# One list with what may be published (handbook/safety/published_files.py).
IMAGE_FORMATS = frozenset(PICTURES)
OTHER_IMAGE_FORMATS = frozenset({".heic", ".heif", ".avif", ".bmp", ".tif", ".tiff", ".jxl", ".raw", ".dng",
                                 ".svg"})
MAX_IMAGE_WIDTH = 800
# Query parameters that only track who clicked (Facebook, Google, Zalo, e-mail campaigns …).
TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "igshid", "igsh",
                            "mc_cid", "mc_eid", "zarsrc", "mibextid", "_ga", "_gl", "yclid", "ttclid",
                            "__cft__[0]", "__tn__", "s_cid", "ref_src"})

_NO_SPACE = re.compile(r"^[ ]{0,3}(#{2,6})(?=[^\s#])(.*)$")
_HEADING = re.compile(r"^[ ]*(#{1,6})(?:[ \t]+|$)")
_ATTR_OPEN = r"\{:?[ \t]*(?:[#.][\w-]+|[A-Za-z][\w-]*=)"
_OPENING = re.compile(_ATTR_OPEN)
URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


def _where(line: int, column: int = 0) -> str:
    return f"dòng {line} / line {line}" + (f", cột {column} / column {column}" if column else "")


# --- addresses --------------------------------------------------------------------------------------


def tracking_parameters(url: str) -> list[str]:
    """The names of the tracking parameters in ``url`` (``[]``: none)."""
    try:
        query = urlsplit(url.strip()).query
    except ValueError:
        return []
    return [name for name, _ in parse_qsl(query, keep_blank_values=True)
            if name.lower().startswith(TRACKING_PREFIXES) or name.lower() in TRACKING_NAMES]


def without_tracking(url: str) -> str:
    """``url`` without its tracking parameters (the other parameters kept, in order)."""
    parts = urlsplit(url.strip())
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not (name.lower().startswith(TRACKING_PREFIXES) or name.lower() in TRACKING_NAMES)]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def tracking_error(file: str, where: str, url: str) -> ContentError | None:
    """The one tracking rule, for a link in a page, a guide's source and a ward's channel alike."""
    names = tracking_parameters(url)
    if not names:
        return None
    clean = without_tracking(url)
    shown = ", ".join(names)
    return ContentError(
        file, where,
        f"địa chỉ {url} có phần theo dõi ({shown}): nó cho nơi khác biết ai đã bấm, và làm địa chỉ dài, khó "
        "kiểm tra.",
        f"xóa phần đó, chỉ giữ {clean} (hoặc chạy scripts/handbook fix).",
        f"the address {url} has tracking parameters ({shown}): they tell others who clicked, and make the "
        "address long and hard to check.",
        f"delete them and keep {clean} (or run scripts/handbook fix).",
    )


# --- images -----------------------------------------------------------------------------------------


def _image_width(path: Path) -> int | None:
    """The width in pixels of a raster image (``None``: not readable as one)."""
    from PIL import Image, UnidentifiedImageError  # only when a page shows an image

    try:
        with Image.open(path) as image:
            return int(image.size[0])
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def _image_problem(file: str, line: int, target: str, docs_dir: Path, page: str) -> ContentError | None:
    path_part = target.split("#")[0].split("?")[0]
    suffix = posixpath.splitext(path_part)[1].lower()
    name = posixpath.normpath(posixpath.join(posixpath.dirname(page), path_part))
    where = f"{_where(line)}, ảnh / image '{target}'"
    if suffix in (".heic", ".heif"):
        return ContentError(
            file, where,
            "ảnh ở dạng HEIC (ảnh chụp của iPhone): trình duyệt trên nhiều điện thoại và máy tính không hiện "
            "được.",
            "chuyển sang JPEG: trên iPhone vào Cài đặt → Camera → Định dạng → «Tương thích nhất» rồi chụp "
            "lại, hoặc chụp màn hình ảnh đó (ảnh chụp màn hình là PNG), hoặc gửi ảnh qua Zalo rồi tải về "
            "(Zalo lưu thành JPEG); tải tệp .jpg lên và sửa tên trong liên kết.",
            "the image is HEIC (an iPhone photo): the browsers of many phones and computers cannot show it.",
            "convert it to JPEG: on the iPhone, Settings → Camera → Formats → 'Most Compatible' and take it "
            "again, or take a screenshot of it (screenshots are PNG), or send it through Zalo and save it "
            "(Zalo saves JPEG); upload the .jpg file and change the name in the link.",
        )
    if suffix in OTHER_IMAGE_FORMATS:
        return ContentError(
            file, where,
            f"ảnh dạng {suffix} không hiện được trên mọi điện thoại.",
            "lưu lại ở dạng JPEG, PNG hoặc WebP (ví dụ bằng squoosh.app) rồi sửa tên trong liên kết.",
            f"an image in the {suffix} format does not show on every phone.",
            "save it again as JPEG, PNG or WebP (e.g. with squoosh.app) and change the name in the link.",
        )
    if suffix not in IMAGE_FORMATS:
        return None
    path = docs_dir / name
    if name.startswith("..") or not path.is_file():
        return ContentError(
            file, where,
            f"không có ảnh docs/{name}: người đọc sẽ thấy một ô trống.",
            "tải ảnh lên cùng thư mục với trang (trên GitHub: Add file → Upload files), hoặc sửa tên ảnh "
            "trong liên kết cho đúng tên tệp (chữ thường, không dấu).",
            f"there is no image docs/{name}: readers would see an empty box.",
            "upload the image to the page's folder (on GitHub: Add file → Upload files), or fix the image "
            "name in the link to the file's name (lower case, no accents).",
        )
    width = _image_width(path)
    if width is not None and width > MAX_IMAGE_WIDTH:
        return ContentError(
            file, where,
            f"ảnh rộng {width} điểm ảnh, quá giới hạn {MAX_IMAGE_WIDTH}: màn hình điện thoại không cần hơn, "
            "và người dân trả tiền theo dung lượng.",
            f"thu nhỏ ảnh còn rộng {MAX_IMAGE_WIDTH} điểm ảnh (ví dụ bằng squoosh.app ngay trên máy, chọn "
            "Resize), lưu WebP hoặc JPEG chất lượng 75, rồi thay tệp.",
            f"the image is {width} pixels wide, over the {MAX_IMAGE_WIDTH} limit: a phone screen needs no "
            "more, and residents pay for their data.",
            f"resize it to {MAX_IMAGE_WIDTH} pixels wide (e.g. with squoosh.app on your own computer, "
            "'Resize'), save it as WebP or JPEG quality 75, and replace the file.",
        )
    return None


def is_image_target(target: str) -> bool:
    """Whether a link target names an image file (of any format): the image rules own it."""
    suffix = posixpath.splitext(target.split("#")[0].split("?")[0])[1].lower()
    return "://" not in target and (suffix in IMAGE_FORMATS or suffix in OTHER_IMAGE_FORMATS)


# --- headings, invisible characters, attribute lists ------------------------------------------------


def _heading_problems(lines: list[str], file: str, guide: bool) -> list[ContentError]:
    errors: list[ContentError] = []
    previous = 1  # the page's title is its level-1 heading
    for number, line in enumerate(lines, start=1):
        missing = _NO_SPACE.match(line)
        if missing:
            hashes = missing.group(1)
            errors.append(ContentError(
                file, _where(number),
                f"tiêu đề «{line.strip()[:50]}» thiếu dấu cách sau «{hashes}»: GitHub và nhiều trình xem "
                "hiện nó thành chữ thường, bước này sẽ mất.",
                f"thêm một dấu cách: «{hashes} {missing.group(2).strip()[:50]}».",
                f"the heading '{line.strip()[:50]}' lacks the space after '{hashes}': GitHub and many "
                "viewers show it as plain text, and the step is lost.",
                f"add one space: '{hashes} {missing.group(2).strip()[:50]}'.",
            ))
            previous = len(hashes)
            continue
        heading = _HEADING.match(line)
        if not heading:
            continue
        level = len(heading.group(1))
        if level == 1 and guide:
            errors.append(ContentError(
                file, _where(number),
                "hướng dẫn không viết tiêu đề cấp 1 (# …): tên trang lấy từ dòng title: ở đầu tệp.",
                "xóa dòng này, hoặc đổi thành tiêu đề cấp 2 (## … {#ma-muc}).",
                "a guide has no level-1 heading (# …): the page's title comes from the title: line at the "
                "top.",
                "delete this line, or make it a level-2 heading (## … {#section-id}).",
            ))
        elif level > previous + 1:
            errors.append(ContentError(
                file, _where(number),
                f"tiêu đề cấp {level} đứng sau tiêu đề cấp {previous}: bỏ qua cấp {previous + 1}; người dùng "
                "trình đọc màn hình đi theo các cấp tiêu đề sẽ tưởng thiếu một phần.",
                f"dùng «{'#' * (previous + 1)} » (cấp {previous + 1}) ở đây.",
                f"a level-{level} heading follows a level-{previous} one: it skips level {previous + 1}; "
                "screen-reader users who move by heading level would think a part is missing.",
                f"use '{'#' * (previous + 1)} ' (level {previous + 1}) here.",
            ))
        previous = level
    return errors


def _invisible_problems(lines: list[str], file: str) -> list[ContentError]:
    errors = []
    for number, line in enumerate(lines, start=1):
        for match in INVISIBLE_CHARS.finditer(line):
            name = char_name(match.group(0))
            column = match.start() + 1
            around = INVISIBLE_CHARS.sub("", line[max(0, match.start() - 15):match.start() + 15]).strip()
            errors.append(ContentError(
                file, _where(number, column),
                f"có một ký tự vô hình {name} ở cột {column} (gần «{around}»): không thấy trên màn hình "
                "nhưng nằm trong tiêu đề, liên kết và ô tìm kiếm.",
                "chạy scripts/handbook fix, hoặc xóa rồi gõ lại mấy chữ quanh chỗ đó (thường do chép từ "
                "Word, Zalo hay Facebook).",
                f"there is an invisible character {name} at column {column} (near '{around}'): it does not "
                "show, but it sits in headings, links and search.",
                "run scripts/handbook fix, or delete and retype the words around it (it usually comes from "
                "copying out of Word, Zalo or Facebook).",
            ))
    return errors


def _attribute_problems(lines: list[str], file: str) -> list[ContentError]:
    """Attribute lists Python-Markdown would show as text: doubled, unclosed, or attached to nothing.

    One is applied when it follows an inline element with no space (``**b**{lang=en}``, ``*i*``, `` `c` ``,
    ``[a](b)``), ends a heading (``## x {#id}``), or stands alone on the line after a paragraph's last line.
    """
    errors = []
    for number, line in enumerate(lines, start=1):
        previous = lines[number - 2] if number > 1 else ""
        kinds = ((_attribute_kind(line, match, previous), match) for match in _ATTR_LIST.finditer(line))
        problem = next(((kind, match) for kind, match in kinds if kind), None)
        opening = next((o for o in _OPENING.finditer(line) if "}" not in line[o.end():]), None)
        if problem is None and opening is not None:
            problem = ("unclosed", opening)
        if problem is not None:
            kind, match = problem
            shown = line[match.start():][:30]
            vi, en = _ATTRIBUTE_WORDS[kind]
            errors.append(ContentError(file, _where(number, match.start() + 1), vi.format(shown=shown),
                                       _ATTRIBUTE_FIX_VI, en.format(shown=shown), _ATTRIBUTE_FIX_EN))
    return errors


def _code_kept_lines(text: str) -> list[str]:
    """Lines with fenced code and front matter blanked, and each code span's content hidden but its
    backticks kept: an attribute list right after `code` is applied; one inside it is shown as code."""
    lines = blank_fences(_FRONT_MATTER.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)).split("\n")
    return [_CODE_SPAN.sub(lambda m: m.group(1) + "x" * len(m.group(2)) + m.group(1), line) for line in lines]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?=\n|\Z)", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def _attribute_kind(line: str, match: re.Match[str], previous: str) -> str:
    """'' when the attribute list ``match`` is applied; else how it is shown as text."""
    before, after = line[:match.start()], line[match.end():].strip()
    if before.endswith("}"):
        return "doubled"
    if before.endswith(_INLINE_ENDS) or (line.lstrip().startswith("#") and not after):  # "##x" too
        return ""
    return "" if not before.strip() and not after and previous.strip() else "loose"


_ATTR_LIST = re.compile(_ATTR_OPEN + r"[^{}\n]*\}")
_INLINE_ENDS = ("*", "_", "`", ")", "~", "=", "^")
_ATTRIBUTE_WORDS = {
    "doubled": ("hai danh sách thuộc tính liền nhau (cái thứ hai: «{shown}»): người đọc sẽ thấy chữ "
                "«}}{{…».",
                "two attribute lists in a row (the second: '{shown}'): readers would see the text '}}{{…'."),
    "loose": ("danh sách thuộc tính «{shown}» không dính vào chữ nào (có dấu cách trước nó, hoặc đứng "
              "riêng): người đọc sẽ thấy nguyên chữ này.",
              "the attribute list '{shown}' is attached to nothing (a space before it, or on its own): "
              "readers would see it as text."),
    "unclosed": ("danh sách thuộc tính «{shown}» không có dấu }} đóng: người đọc sẽ thấy nguyên chữ này.",
                 "the attribute list '{shown}' is never closed with }}: readers would see it as text."),
}
_ATTRIBUTE_FIX_VI = ("viết đúng một danh sách, có đủ { và }, ngay sau chữ in đậm, không có dấu cách: "
                     "**Đăng nhập**{lang=vi}; ở tiêu đề thì ở cuối dòng: ## Bước 1: … {#buoc-1}.")
_ATTRIBUTE_FIX_EN = ("write one list, with both { and }, right after the bold words, without a space: "
                     "**Đăng nhập**{lang=vi}; on a heading, at the end of the line: ## Step 1: … {#buoc-1}.")


# --- every page --------------------------------------------------------------------------------------


def page_problems(text: str, file: str, page: str, docs_dir: Path, guide: bool) -> list[ContentError]:
    """Every rule of this module over one page (``text``: the whole file as read, NFC and repaired;
    ``page``: its name under docs/; ``guide``: a guide, whose title comes from its front matter)."""
    prose = markdown_text(text).split("\n")  # front matter, code and comments blanked; lines kept
    errors = _heading_problems(prose, file, guide)
    errors += _invisible_problems(text.split("\n"), file)
    errors += _attribute_problems(_code_kept_lines(text), file)
    _, links = scan_markdown(text)
    for link in links:
        where = f"{_where(link.line)}, liên kết / link '{link.url}'"
        problem = tracking_error(file, where, link.url)  # Facebook's forms: handbook/safety/link_rules.py
        if problem is None and (link.image or is_image_target(link.url)):
            problem = _image_problem(file, link.line, link.url, docs_dir, page)
        if problem is not None:
            errors.append(problem)
    return errors


# --- the HTML a page finally gets ---------------------------------------------------------------------

_SHOWN_AS_CODE = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_STRAY = re.compile(r"\}?" + _ATTR_OPEN + r"(?:[^{}<\n]{0,40}?\}|[^\s{}<]*)")


def stray_attribute_text(page_html: str) -> list[str]:
    """Attribute-list text (``{lang=en}``, ``}{lang=en``, ``{: .x}``) a reader would see on a built page."""
    text = html.unescape(_TAG.sub(" ", _SHOWN_AS_CODE.sub(" ", page_html)))
    return [match.group(0) for match in _STRAY.finditer(text)]


def stray_attribute_error(file: str, found: list[str]) -> ContentError:
    shown = ", ".join(dict.fromkeys(found))[:200]
    return ContentError(
        file, "trang đã dựng / built page",
        f"trang hiện cho người đọc chữ của danh sách thuộc tính: {shown}.",
        "tìm chữ đó trong tệp: mỗi chữ in đậm chỉ có một {lang=…} ngay sau nó, có đủ dấu { và }.",
        f"the page shows readers attribute-list text: {shown}.",
        "find that text in the file: each bold word has at most one {lang=…} right after it, with both { "
        "and }.",
    )
