"""Safe Markdown: what an editor may write in docs/, checked before anything reaches a reader.

Residents are who scammers target, and the handbook is edited by many volunteers through pull
requests. A careless or malicious edit must not be able to put a script, a tracking pixel, a
look-alike link or a fake form in front of them. This module finds, with the file and the line:

- raw HTML outside a small allowlist of tags and attributes (no ``<script>``, ``<iframe>``,
  ``<form>``, ``<object>``, ``<embed>``, ``<style>``…; no ``on…=`` event handlers; no ``style``);
- the same attributes written with attr_list (``{: onclick="…" }``);
- ``javascript:``, ``data:`` and other non-web addresses in links and images;
- images that are not files of the site itself (a third-party image can track who reads a page);
- external links to a domain that is not on the shared allowlist (:mod:`handbook.safety.domains`),
  including look-alike domains (``dichvucong-gov.vn``, ``gov-vn.com``, punycode).

:func:`check_markdown` checks an editor's file; :func:`check_rendered_html` is the safety net over
the HTML a page finally gets (content added by hooks included). Plain Python, no MkDocs import.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from handbook.errors import ContentError
from handbook.frontmatter import FRONT_MATTER
from handbook.markdown import blank_fences
from handbook.safety.domains import url_rejection
from handbook.safety.link_rules import contact_problem, link_problem, mail_addresses, tel_text_problem

# Raw HTML an editor may write. Everything else is refused with a message saying why.
ALLOWED_TAGS: frozenset[str] = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
})
GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({
    "lang", "class", "id", "title", "markdown", "dir", "aria-label", "aria-hidden",
})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "download"}),  # download: same-origin files only (browsers)
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "ins": frozenset({"datetime"}),
    "del": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
# Keys attr_list ({: key=value }) may set besides #id and .class.
ATTR_LIST_KEYS: frozenset[str] = GLOBAL_ATTRIBUTES | {"width", "height", "loading", "hreflang"}

# Tags refused with a specific reason (Vietnamese, English): what the tag could do to a reader.
_RUNS_CODE = ("chạy mã (chương trình) trên điện thoại của người đọc", "runs code on the reader's phone")
_EMBEDS = (
    "nhúng trang hoặc chương trình của nơi khác vào sổ tay",
    "embeds another site's page or program into the handbook",
)
_FORM = (
    "tạo biểu mẫu, có thể bị dùng để lừa người đọc nhập mật khẩu hoặc mã OTP",
    "makes a form, which can trick readers into typing a password or an OTP code",
)
_PAGE = (
    "thay đổi giao diện, địa chỉ hoặc cách tải của cả trang",
    "changes the look, the address or the loading of the whole page",
)
_MEDIA = (
    "tải âm thanh, video hoặc ảnh theo cách không kiểm tra được",
    "loads sound, video or pictures in a way that cannot be checked",
)
FORBIDDEN_TAGS: dict[str, tuple[str, str]] = {
    "script": _RUNS_CODE,
    "noscript": _RUNS_CODE,
    "template": _RUNS_CODE,
    "svg": _RUNS_CODE,
    "math": _RUNS_CODE,
    "iframe": _EMBEDS,
    "frame": _EMBEDS,
    "frameset": _EMBEDS,
    "object": _EMBEDS,
    "embed": _EMBEDS,
    "applet": _EMBEDS,
    "portal": _EMBEDS,
    "param": _EMBEDS,
    "form": _FORM,
    "input": _FORM,
    "button": _FORM,
    "select": _FORM,
    "option": _FORM,
    "textarea": _FORM,
    "label": _FORM,
    "fieldset": _FORM,
    "output": _FORM,
    "style": _PAGE,
    "link": _PAGE,
    "meta": _PAGE,
    "base": _PAGE,
    "html": _PAGE,
    "head": _PAGE,
    "body": _PAGE,
    "title": _PAGE,
    "audio": _MEDIA,
    "video": _MEDIA,
    "source": _MEDIA,
    "track": _MEDIA,
    "picture": _MEDIA,
    "canvas": _MEDIA,
    "map": _MEDIA,
    "area": _MEDIA,
}
# Attributes whose value is an address (checked wherever they appear, in content or generated HTML).
URL_ATTRIBUTES: frozenset[str] = frozenset({
    "href", "src", "action", "formaction", "poster", "cite", "background", "xlink:href", "data", "srcset",
    "ping", "longdesc", "manifest", "codebase",
})
# Links that are not web sites: the phone's dialler, mail app, map app, messages.
CONTACT_SCHEMES: frozenset[str] = frozenset({"tel", "mailto", "geo", "sms"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# A code span never crosses a blank line (a paragraph break).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
# A comment as browsers end it: "<!-->" and "<!--->" are whole (empty) comments, "--!>" ends one too.
_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.DOTALL)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\s]*)>")
_EMAIL_AUTOLINK = re.compile(r"<([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+)>")
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)",
)
_REFERENCE_DEF = re.compile(r"^ {0,3}\[([^\]\^][^\]]*)\]:[ \t]*(<[^<>\n]*>|\S+)", re.MULTILINE)
_REFERENCE_IMAGE = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\](?:\[([^\]]*)\])?")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*=[^{}\n]*)\}")
_ATTR_PAIR = re.compile(r"""([^\s=#.{}"']+)=(?:"([^"]*)"|'([^']*)'|([^\s}]+))""")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class Link:
    """One address found in a page: where it is and whether it is a link or an image."""

    url: str
    line: int
    image: bool
    syntax: str  # "markdown", "html", "autolink", "reference", "attr_list"
    text: str = ""  # the link's visible text, when known
    context: str = ""  # the line (or element) around it


# --------------------------------------------------------------------------------------------
# Addresses


def normalise_url(url: str) -> str:
    """The address as a browser reads it: entities decoded, Markdown escapes, spaces and control
    characters removed (browsers drop tabs and newlines inside an address)."""
    url = html.unescape(url)
    url = _MARKDOWN_ESCAPE.sub(r"\1", url)
    url = url.strip(" \t\r\n\f\v\x00")
    return "".join(ch for ch in url if ch not in "\t\r\n" and ord(ch) >= 32)


def inside_prefix(url: str, prefixes: Iterable[str]) -> bool:
    """True when ``url`` is under one of ``prefixes`` once dot segments and %-escapes are resolved as a
    browser resolves them (``…/handbook/../../other-user/page`` is not under ``…/handbook/``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    path = unquote(parts.path).replace("\\", "/")
    resolved = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    if resolved.startswith("//"):
        resolved = resolved[1:]
    for prefix in prefixes:
        base = urlsplit(prefix)
        if (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port) != (
            base.scheme.lower(), (base.hostname or "").lower(), base.port
        ) or parts.username or parts.password:
            continue
        root = base.path.rstrip("/") + "/"
        if resolved.startswith(root) or resolved + "/" == root:
            return True
    return False


def url_kind(url: str) -> str:
    """'internal' (a file of this site or an anchor), 'external' (another web site),
    'contact' (tel:, mailto:, geo:, sms:) or 'forbidden' (javascript:, data:, file:, …)."""
    clean = normalise_url(url)
    if clean[:2] in ("//", "\\\\", "/\\", "\\/"):
        return "external"  # protocol-relative: another site
    match = _SCHEME.match(clean)
    if match is None:
        return "internal"
    scheme = match.group(1).lower()
    if scheme in ("http", "https"):
        return "external"
    if scheme in CONTACT_SCHEMES:
        return "contact"
    return "forbidden"


def is_map_link(url: str) -> bool:
    """A map link built from coordinates (OpenStreetMap ``?mlat=…`` or ``#map=…``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return "mlat=" in parts.query or parts.fragment.startswith("map=")


def _scheme(url: str) -> str:
    match = _SCHEME.match(normalise_url(url))
    return match.group(1).lower() if match else ""


def url_problem(url: str, *, image: bool) -> tuple[str, str, str, str] | None:
    """What is wrong with an address in content, as (problem_vi, fix_vi, problem_en, fix_en)."""
    kind = url_kind(url)
    clean = normalise_url(url)
    shown = clean if len(clean) <= 80 else clean[:77] + "…"
    if kind == "forbidden":
        scheme = _scheme(url)
        return (
            (
                f"địa chỉ «{shown}» bắt đầu bằng «{scheme}:». Loại địa chỉ này có thể chạy mã hoặc chứa "
                "nội dung giấu bên trong, không phải một trang web."
            ),
            "chỉ dùng địa chỉ https:// của trang chính thức, hoặc đường dẫn tới một trang/tệp của sổ tay.",
            (
                f"the address '{shown}' starts with '{scheme}:'. Such an address can run code or hide "
                "content "
                "inside itself; it is not a web page."
            ),
            "use only an official https:// address, or a path to a page or file of the handbook.",
        )
    if image and kind != "internal":
        return (
            f"ảnh «{shown}» được tải từ nơi khác. Ảnh của trang khác có thể theo dõi ai đang đọc.",
            (
                "lưu ảnh vào thư mục docs/ (ví dụ docs/guides/images/) và dùng đường dẫn tương đối, "
                "ví dụ ![Mô tả ảnh](images/ten-anh.png)."
            ),
            f"the image '{shown}' is loaded from another site. Another site's image can track who reads the "
            "page.",
            (
                "save the picture under docs/ (for example docs/guides/images/) and use a relative path, "
                "for example ![Picture description](images/picture-name.png)."
            ),
        )
    if kind == "external":
        rejection = url_rejection(clean, map_link=is_map_link(clean))
        if rejection is not None:
            vi, en = rejection.vi, rejection.en
            return (
                f"liên kết «{shown}» bị từ chối: {vi}",
                (
                    "chỉ liên kết tới tên miền chính thức trong handbook/safety/domains.py, viết đủ https:// "
                    "(ví dụ https://dichvucong.gov.vn). Nếu đây là trang chính thức chưa có trong danh sách, "
                    "hãy hỏi nhóm phát triển thêm vào, kèm nguồn chứng minh."
                ),
                f"the link '{shown}' is refused: {en}",
                (
                    "link only to an official domain listed in handbook/safety/domains.py, written with "
                    "https:// (for example https://dichvucong.gov.vn). If it is an official site not yet on "
                    "the list, ask the developers to add it, with a source that proves it is official."
                ),
            )
        rule = link_problem(clean)  # an allowed site can still hide where a link goes
        if rule is not None:
            return rule
    if kind == "contact":
        problem = contact_problem(clean)
        if problem is not None:
            return problem
    addresses = mail_addresses(clean) if kind == "contact" and _scheme(url) == "mailto" else []
    for address in addresses:
        rejection = url_rejection(f"https://{address.rpartition('@')[2]}/")
        if rejection is not None:
            vi, en = rejection.vi, rejection.en
            return (
                f"địa chỉ thư «{address}» bị từ chối: {vi}",
                "chỉ ghi địa chỉ thư của cơ quan chính thức (tên miền trong handbook/safety/domains.py, "
                "ví dụ …@dongnai.gov.vn).",
                f"the e-mail address '{address}' is refused: {en}",
                "write only an official body's e-mail address (a domain in handbook/safety/domains.py, e.g. "
                "…@dongnai.gov.vn).",
            )
    return None


# --------------------------------------------------------------------------------------------
# Reading Markdown source: mask what is not Markdown (code, comments), keep line numbers


def _blank(text: str) -> str:
    """``text`` with every character but newlines replaced by a space (positions stay the same)."""
    return re.sub(r"[^\n]", " ", text)


def _mask_front_matter(text: str) -> str:
    match = FRONT_MATTER.match(text)
    return _blank(match.group(0)) + text[match.end():] if match else text


def _block_level_tags() -> frozenset[str]:
    import markdown  # type: ignore[import-untyped]

    return frozenset(markdown.Markdown().block_level_elements)


_BLOCK_TAGS = _block_level_tags()
_BLOCK_START = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9]*)\b[^>]*>", re.MULTILINE)
# md_in_html's attribute: the block's content is Markdown again (not data-x="markdown").
_MD_IN_HTML = re.compile(
    r"""\smarkdown(?:\s*=\s*(?:"(?:1|block|span)"|'(?:1|block|span)'|1|block|span))?(?=[\s/>])"""
)


def raw_html_blocks(text: str) -> list[tuple[int, int]]:
    """Where Python-Markdown passes raw HTML through as it is: from a block-level start tag at the start
    of a line to its matching end tag (blank lines included). Backticks there are not code: ``<div>`<a
    href=…>`</div>`` is a live link. A block with ``markdown`` (md_in_html) is Markdown again."""
    blocks: list[tuple[int, int]] = []
    position = 0
    while (start := _BLOCK_START.search(text, position)) is not None:
        tag = start.group(1).lower()
        if tag not in _BLOCK_TAGS or _MD_IN_HTML.search(start.group(0)):
            position = start.end()
            continue
        depth, end = 0, len(text)
        for match in re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE).finditer(text, start.start()):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                end = match.end()
                break
        blocks.append((start.start(), end))
        position = end
    return blocks


def _mask_code_spans(text: str) -> str:
    blocks = raw_html_blocks(text)
    starts = [begin for begin, _ in blocks]

    def blank_outside_html(match: re.Match[str]) -> str:
        index = bisect.bisect_right(starts, match.start()) - 1
        inside = index >= 0 and match.start() < blocks[index][1]
        return match.group(0) if inside else _blank(match.group(0))

    return _CODE_SPAN.sub(blank_outside_html, text)


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _line_text(text: str, position: int) -> str:
    return text[text.rfind("\n", 0, position) + 1: (text.find("\n", position) + 1 or len(text) + 1) - 1]


def markdown_text(source: str) -> str:
    """The source with front matter, fenced code, code spans and HTML comments blanked."""
    text = source.replace("\r\n", "\n")
    text = _mask_front_matter(text)
    text = blank_fences(text)  # code is shown, never run
    text = _mask_code_spans(text)
    text = text.replace("\\<", "  ")  # \<tag> is shown as text, not read as HTML
    return _COMMENT.sub(lambda match: _blank(match.group(0)), text)


# --------------------------------------------------------------------------------------------
# Findings


@dataclass(frozen=True)
class Finding:
    """One problem at one line, in both languages."""

    line: int
    problem_vi: str
    fix_vi: str
    problem_en: str
    fix_en: str

    def error(self, file: str, first_line: int = 1) -> ContentError:
        line = self.line + first_line - 1
        return ContentError(file, f"dòng {line} / line {line}", self.problem_vi, self.fix_vi,
                            self.problem_en, self.fix_en)


def _tag_finding(tag: str, line: int) -> Finding:
    if tag in FORBIDDEN_TAGS:
        why_vi, why_en = FORBIDDEN_TAGS[tag]
        return Finding(
            line,
            f"thẻ HTML <{tag}> không được dùng trong sổ tay: thẻ này {why_vi}.",
            f"xóa thẻ <{tag}>. Viết nội dung bằng Markdown; liên kết tới trang chính thức thì dùng "
            "[chữ hiển thị](https://…gov.vn).",
            f"the HTML tag <{tag}> is not allowed in the handbook: it {why_en}.",
            f"remove the <{tag}> tag. Write the content in Markdown; to point to an official site use "
            "[shown text](https://…gov.vn).",
        )
    allowed = ", ".join(sorted(ALLOWED_TAGS))
    return Finding(
        line,
        f"thẻ HTML <{tag}> không có trong danh sách thẻ được phép. (Nếu bạn muốn viết dấu < và > như "
        f"chữ thường, ví dụ «<{tag}>», máy sẽ hiểu nhầm là thẻ HTML.)",
        f"dùng Markdown thay cho HTML, hoặc một thẻ được phép: {allowed}. Muốn hiện dấu < > như chữ thì "
        f"viết &lt;{tag}&gt; hoặc đặt trong dấu `.",
        f"the HTML tag <{tag}> is not on the list of allowed tags. (If you meant to write < and > as "
        f"plain text, like '<{tag}>', it is read as an HTML tag.)",
        f"use Markdown instead of HTML, or an allowed tag: {allowed}. To show < > as text write "
        f"&lt;{tag}&gt; or put it between backticks (`).",
    )


def _attribute_finding(tag: str, name: str, value: str | None, line: int) -> Finding | None:
    """The problem with attribute ``name`` of ``<tag>``, or None when it is allowed."""
    where_vi = f"thẻ <{tag}>" if tag else "phần {: … }"
    where_en = f"the <{tag}> tag" if tag else "the {: … } attribute list"
    if name.startswith("on"):
        return Finding(
            line,
            f"{where_vi} có thuộc tính «{name}»: thuộc tính on… chạy mã khi người đọc chạm hoặc mở trang.",
            f"xóa thuộc tính {name}=… . Sổ tay không chạy mã viết trong nội dung.",
            f"{where_en} has the attribute '{name}': on… attributes run code when the reader taps or opens "
            "the page.",
            f"remove the {name}=… attribute. The handbook runs no code written in content.",
        )
    if name == "style":
        css = (value or "").lower()
        if "url(" in css or "expression(" in css or "@import" in css:
            return Finding(
                line,
                f"{where_vi} có thuộc tính style chứa url(…): kiểu này tải tệp từ nơi khác và có thể theo "
                "dõi người đọc.",
                "xóa thuộc tính style. Muốn có ảnh thì dùng ![Mô tả](images/ten-anh.png) với ảnh lưu trong "
                "docs/.",
                f"{where_en} has a style attribute with url(…): it loads a file from elsewhere and can track "
                "readers.",
                "remove the style attribute. For a picture use ![Description](images/picture.png) with the "
                "file under docs/.",
            )
        return Finding(
            line,
            f"{where_vi} có thuộc tính style. Chính sách an toàn của trang chặn kiểu viết trong nội dung, "
            "nên nó sẽ không có tác dụng.",
            "xóa thuộc tính style; nếu cần một kiểu trình bày, hãy nhờ nhóm phát triển thêm một lớp (class) "
            "vào overrides/assets/stylesheets/.",
            f"{where_en} has a style attribute. The page's security policy blocks styles written in content, "
            "so it would have no effect.",
            "remove the style attribute; if a look is needed, ask the developers for a class in "
            "overrides/assets/stylesheets/.",
        )
    allowed_here = (GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())) if tag else ATTR_LIST_KEYS
    if name in allowed_here:
        return None
    listed = ", ".join(sorted(allowed_here))
    return Finding(
        line,
        f"{where_vi} có thuộc tính «{name}», không có trong danh sách được phép.",
        f"xóa thuộc tính {name}. Được phép dùng: {listed}.",
        f"{where_en} has the attribute '{name}', which is not on the allowed list.",
        f"remove the {name} attribute. Allowed here: {listed}.",
    )


def _link_finding(link: Link) -> Finding | None:
    problem = url_problem(link.url, image=link.image)
    if problem is None and _scheme(link.url) == "tel" and (link.text or link.context):
        problem = tel_text_problem(normalise_url(link.url), link.text, link.context)
    return None if problem is None else Finding(link.line, *problem)


# --------------------------------------------------------------------------------------------
# Raw HTML in Markdown


class _RawHtmlScanner(HTMLParser):
    """Collects tags, attributes and addresses of raw HTML with their line numbers."""

    def __init__(self, source: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.links: list[Link] = []
        self.lines = source.split("\n")
        self._open_link: tuple[str, int, list[str]] | None = None  # href, line, text so far

    def handle_data(self, data: str) -> None:
        if self._open_link is not None:
            self._open_link[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open_link is not None:
            href, line, text = self._open_link
            context = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            self.links.append(
                Link(href, line, image=False, syntax="html", text="".join(text), context=context)
            )
            self._open_link = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "a":
            self.handle_endtag("a")
            href = dict(attrs).get("href")
            if href is not None:
                self._open_link = (href, line, [])
                attrs = [(name, value) for name, value in attrs if name != "href"]
        if tag not in ALLOWED_TAGS:
            self.findings.append(_tag_finding(tag, line))
            return
        for name, value in attrs:
            finding = _attribute_finding(tag, name, value, line)
            if finding is not None:
                self.findings.append(finding)
            elif name in URL_ATTRIBUTES and value is not None:
                self.links.append(Link(value, line, image=(tag == "img" and name == "src"), syntax="html"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _declaration(self, text: str) -> None:
        line = self.getpos()[0]
        self.findings.append(Finding(
            line,
            f"nội dung có phần khai báo HTML đặc biệt «<{text[:20]}…»: chỉ trang web hoàn chỉnh mới cần nó.",
            "xóa phần này; nội dung chỉ viết bằng Markdown và vài thẻ HTML đơn giản.",
            f"the content has a special HTML declaration '<{text[:20]}…': only a whole web page needs it.",
            "remove it; content is written in Markdown with a few simple HTML tags.",
        ))

    def handle_decl(self, decl: str) -> None:
        self._declaration("!" + decl)

    def handle_pi(self, data: str) -> None:
        self._declaration("?" + data)

    def unknown_decl(self, data: str) -> None:
        self._declaration("![" + data)


def _unclosed_comment(text: str) -> Iterator[Finding]:
    position = text.find("<!--")
    if position != -1:
        yield Finding(
            _line_at(text, position),
            "ghi chú HTML «<!--» không có dấu đóng «-->»: phần còn lại của trang sẽ bị ẩn.",
            "thêm --> vào cuối ghi chú, hoặc xóa <!--.",
            "the HTML comment '<!--' is never closed with '-->': the rest of the page would be hidden.",
            "add --> at the end of the comment, or remove <!--.",
        )


# --------------------------------------------------------------------------------------------
# Markdown links, images and attribute lists


def _strip_angle(url: str) -> str:
    return url[1:-1] if url.startswith("<") and url.endswith(">") else url


def _reference_uses(text: str, ref: str) -> list[tuple[str, str]]:
    """(shown text, its line) of each ``[text][ref]``, ``[ref][]`` and ``[ref]`` using a reference."""
    name = re.escape(ref)
    pattern = re.compile(rf"\[([^\[\]\n]*)\]\[\s*{name}\s*\]|\[({name})\](?:\[\])?(?![\[(:])", re.IGNORECASE)
    return [(match.group(1) or match.group(2) or "", _line_text(text, match.start()))
            for match in pattern.finditer(text)]


def markdown_links(text: str) -> list[Link]:
    """Links and images written in Markdown syntax in ``text`` (already masked by :func:`markdown_text`)."""
    links: list[Link] = []
    for match in _INLINE_LINK.finditer(text):
        links.append(Link(_strip_angle(match.group(3)), _line_at(text, match.start(3)),
                          image=match.group(1) == "!", syntax="markdown", text=match.group(2),
                          context=_line_text(text, match.start())))
    image_refs = set()
    for match in _REFERENCE_IMAGE.finditer(text):
        if text[match.end():match.end() + 1] != "(":
            image_refs.add((match.group(2) or match.group(1)).strip().lower())
    for match in _REFERENCE_DEF.finditer(text):
        ref = match.group(1).strip().lower()
        url = _strip_angle(match.group(2))
        line = _line_at(text, match.start(2))
        uses = _reference_uses(text, ref) or [("", "")]
        links += [Link(url, line, image=ref in image_refs, syntax="reference", text=shown, context=context)
                  for shown, context in uses]
    for match in _AUTOLINK.finditer(text):
        links.append(Link(match.group(1), _line_at(text, match.start(1)), image=False, syntax="autolink",
                          text=match.group(1), context=_line_text(text, match.start())))
    for match in _EMAIL_AUTOLINK.finditer(text):
        links.append(
            Link("mailto:" + match.group(1), _line_at(text, match.start(1)), image=False, syntax="autolink")
        )
    return links


def _attr_list_findings(text: str) -> Iterator[Finding]:
    """attr_list lets Markdown set any attribute ({: onclick="…" }): apply the same rules to it."""
    for match in _ATTR_LIST.finditer(text):
        line = _line_at(text, match.start())
        for pair in _ATTR_PAIR.finditer(match.group(1)):
            name = pair.group(1).lower()
            value = next((group for group in pair.groups()[1:] if group is not None), "")
            finding = _attribute_finding("", name, value, line)
            if finding is not None:
                yield finding


_ANGLE_DESTINATION = re.compile(r"(?<=\]\()[ \t]*<[^<>\n]*>")  # [text](<address>)


def _without_autolinks(text: str) -> str:
    """Blank what looks like a tag but is an address: <https://…>, <a@b.vn>, [text](<address>)."""
    text = _ANGLE_DESTINATION.sub(lambda match: _blank(match.group(0)), text)
    text = _AUTOLINK.sub(lambda match: _blank(match.group(0)), text)
    return _EMAIL_AUTOLINK.sub(lambda match: _blank(match.group(0)), text)


def scan_markdown(source: str) -> tuple[list[Finding], list[Link]]:
    """Every problem and every address in a Markdown file's text (front matter included)."""
    text = markdown_text(source)
    findings: list[Finding] = list(_unclosed_comment(text))
    scanner = _RawHtmlScanner(text)
    scanner.feed(_without_autolinks(text))
    scanner.close()
    scanner.handle_endtag("a")  # a link never closed still counts
    findings += scanner.findings
    findings += _attr_list_findings(text)
    links = scanner.links + markdown_links(text)
    findings += [finding for link in links if (finding := _link_finding(link)) is not None]
    findings.sort(key=lambda finding: finding.line)
    return findings, links


def check_markdown(source: str, file: str, first_line: int = 1) -> list[ContentError]:
    """Every safety problem in one Markdown file (``source`` is the whole file, front matter included;
    ``first_line`` is the file line of ``source``'s first line)."""
    findings, _ = scan_markdown(source)
    unique = dict.fromkeys(findings)
    return [finding.error(file, first_line) for finding in unique]


def check_file(path: Path, label: str | None = None) -> list[ContentError]:
    """Check one file under docs/ (``label`` is how the error names it, e.g. 'docs/guides/x.md')."""
    return check_markdown(path.read_text(encoding="utf-8"), label or str(path))


def check_docs(docs_dir: Path, prefix: str = "docs") -> list[ContentError]:
    """Check every Markdown file under ``docs_dir``."""
    errors: list[ContentError] = []
    for path in sorted(docs_dir.rglob("*.md")):
        if not path.is_symlink():  # refused, never read (handbook/safety/published_files.py)
            errors += check_file(path, f"{prefix}/{path.relative_to(docs_dir).as_posix()}")
    return errors


def external_links(source: str) -> list[Link]:
    """The links to other web sites in one Markdown file (for scripts/check-links)."""
    _, links = scan_markdown(source)
    return [link for link in links if url_kind(link.url) == "external"]


# --------------------------------------------------------------------------------------------
# The safety net over the HTML a page finally gets


class _RenderedScanner(HTMLParser):
    """Finds what must never reach a reader in rendered page content, whoever wrote it."""

    def __init__(self, trusted_prefixes: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.trusted = trusted_prefixes
        self.problems: list[tuple[str, Finding]] = []  # (text to find in the source, finding)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            src = values.get("src")
            if values.get("type") in ("application/json", "application/ld+json") and not src:
                return  # data, never run
            if src is None or url_kind(src) != "internal":
                self.problems.append((f"<{tag}", _tag_finding(tag, 0)))
            return
        if tag in FORBIDDEN_TAGS and tag not in _GENERATED_OK:
            self.problems.append((f"<{tag}", _tag_finding(tag, 0)))
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                finding = _attribute_finding(tag, name, value, 0)
                if finding is not None:
                    self.problems.append((f"{name}=", finding))
            elif name in URL_ATTRIBUTES and value is not None:
                if tag == "a" and name == "href" and inside_prefix(normalise_url(value), self.trusted):
                    continue  # the site's or the repository's own page, once ".." is resolved
                image = tag in ("img", "image", "source", "input", "video", "audio") or name in (
                    "poster",
                    "srcset",
                )
                problem = url_problem(value, image=image or name == "src")
                if problem is not None:
                    self.problems.append((value, Finding(0, *problem)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


# Tags hooks may generate in content (the ward directory filter, QR codes). Content may not.
_GENERATED_OK: frozenset[str] = frozenset({"svg", "input", "label", "button", "form", "noscript", "template"})


def check_rendered_html(
    content: str, file: str, source: str = "", trusted_prefixes: Iterable[str] = (),
) -> list[ContentError]:
    """The safety net: problems in a page's final content HTML (including what hooks added).

    Each problem is located in ``source`` (the editor's file) when its text is there; otherwise it
    came from the site's code, and the message says so.
    """
    scanner = _RenderedScanner(tuple(prefix for prefix in trusted_prefixes if prefix))
    scanner.feed(content)
    scanner.close()
    errors: list[ContentError] = []
    for needle, finding in dict.fromkeys(scanner.problems):
        position = source.find(needle) if source else -1
        if position != -1:
            line = _line_at(source, position)
            errors.append(ContentError(file, f"dòng {line} / line {line}", finding.problem_vi, finding.fix_vi,
                                       finding.problem_en, finding.fix_en))
        else:
            errors.append(
                ContentError(
                    file,
                    "nội dung do mã của trang tạo ra / content generated by the site's code",
                    finding.problem_vi,
                    finding.fix_vi
                    + " (Lỗi nằm ở mã trong handbook/ hoặc overrides/, báo cho nhóm phát triển.)",
                    finding.problem_en,
                    finding.fix_en
                    + " (The problem is in the code under handbook/ or overrides/: tell the developers.)",
                )
            )
    return errors


# --------------------------------------------------------------------------------------------
# The whole page: the policy is there, and nothing on the page needs what it forbids


class _PageScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policies: list[tuple[str, bool]] = []  # (policy, came before any script/style/link)
        self.problems: list[str] = []
        self._loaded_something = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.getpos()[0]
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((values.get("content") or "", not self._loaded_something))
        if tag in ("script", "style", "link", "img", "iframe"):
            self._loaded_something = True
        if tag == "script" and not values.get("src") and values.get("type") not in ("application/json",):
            self.problems.append(f"line {line}: inline <script> (the policy blocks it: move it to a file "
                                 "under overrides/assets/javascripts/ and load it with <script src>)")
        if tag == "style":
            self.problems.append(f"line {line}: <style> element (the policy blocks it: use a stylesheet "
                                 "under overrides/assets/stylesheets/)")
        for name, _ in attrs:
            if name.startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=…> event handler (the policy blocks it: "
                                     "attach the handler from a script file)")
            elif name == "style":
                self.problems.append(
                    f"line {line}: <{tag} style=…> (the policy blocks inline styles: use a class)"
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def page_problems(page_html: str, policy: str) -> list[str]:
    """Why a finished page breaks the security policy (empty when it does not)."""
    scanner = _PageScanner()
    scanner.feed(page_html)
    scanner.close()
    problems = list(scanner.problems)
    if not scanner.policies:
        problems.insert(
            0, "no <meta http-equiv=\"Content-Security-Policy\"> (overrides/main.html, block site_meta)"
        )
    for content, first in scanner.policies:
        if content != policy:
            problems.insert(0, f"the page's policy is {content!r}, not {policy!r} (handbook/safety/csp.py)")
        elif not first:
            problems.insert(0, "the policy <meta> comes after a script, style or link it should govern")
    return problems
