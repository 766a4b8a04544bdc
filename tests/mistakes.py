"""Issue 26: the mistakes volunteers really make (Word, Zalo, GitHub's web editor), as a table of mutations of
REAL guide and ward files.

Each :class:`Mistake` changes one real file the way an editor would and says where the mistake is (the file
line of a marker in the changed text) and what an editor must see: ``refused`` (check and build stop, naming
that line, with the given words) or ``noted`` (check and build pass; a note names the line and the reader's
copy is repaired). Every mistake of one kind touches a different file, so a whole group runs through one
check and one build (tests/test_editor_mistakes.py).
"""

from __future__ import annotations

import struct
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

NBSP, ZWSP = "\u00a0", "\u200b"
CHANNEL = ("  - kind: {kind}\n    value: {value}\n    source: Thông báo của UBND phường\n"
           "    checked: 2025-07-01\n    status: unverified\n")


@dataclass(frozen=True)
class Mistake:
    """One editor's mistake: ``mutate(real text) -> changed text``; ``marker`` finds its line there."""

    name: str
    file: str  # docs/-relative
    mutate: Callable[[str], str]
    marker: str
    outcome: str  # "refused" | "noted"
    words: str  # in the English part of the message (or note)
    extra: dict[str, bytes] = field(default_factory=dict)  # other files it adds (an image)

    def line(self, text: str) -> int:
        index = text.index(self.marker)
        return text.count("\n", 0, index) + 1


def png(width: int, height: int) -> bytes:
    """A real (tiny, grey) PNG of the given size: what a phone screenshot is to the size rule."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


# The start of a real HEIC photo (an iPhone's default): an ISO box "ftyp" with the brand "heic".
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def _add(line: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + "\n\n" + line + "\n"


def _replace(old: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return mutate


def _channel(kind: str, value: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        entry = CHANNEL.format(kind=kind, value=value)
        if "channels: []\n" in text:
            return text.replace("channels: []\n", "channels:\n" + entry, 1)
        return text.replace("channels:\n", "channels:\n" + entry, 1)
    return mutate


def _uncomment_template(text: str) -> str:
    """Follow the ward file's comment literally: remove the '#' of the 5 pattern lines under 'channels:'
    and fill them in."""
    lines = text.split("\n")
    start = lines.index("channels:") + 1
    for index in range(start, start + 5):
        assert lines[index].startswith("#  "), lines[index]
        lines[index] = lines[index][1:]
    return ("\n".join(lines).replace('"0251 3xxx xxx"', '"0251 3888 999"')
            .replace("Tên văn bản hoặc địa chỉ https của nguồn", "Bảng niêm yết tại trụ sở phường"))


REFUSED: tuple[Mistake, ...] = (
    Mistake("heading without its space", "guides/dong-tien-dien.md",
            _replace("## Bước 2: Đăng nhập", "##Bước 2: Đăng nhập"), "##Bước 2", "refused", "space after"),
    Mistake("missing image", "guides/dong-tien-nuoc.md", _add("![Hóa đơn](hoa-don.png)"),
            "![Hóa đơn]", "refused", "no image"),
    Mistake("link without .md", "guides/kich-hoat-vneid.md", _add("Xem [danh bạ phường](../wards/index)."),
            "(../wards/index)", "refused", "../wards/index.md"),
    Mistake("HEIC image", "guides/chuyen-tien-vietqr.md", _add("![Màn hình](man-hinh.heic)"),
            "![Màn hình]", "refused", "HEIC", {"guides/man-hinh.heic": HEIC}),
    Mistake("image 1600 px wide", "guides/mua-ban-truc-tuyen.md", _add("![Màn hình](rong.png)"),
            "![Màn hình]", "refused", "1600 pixels wide", {"guides/rong.png": png(1600, 20)}),
    Mistake("personal profile as fanpage", "wards/binh-loc.md",
            _channel("fanpage", "https://www.facebook.com/profile.php?id=100012345678901"),
            "profile.php", "refused", "personal"),
    Mistake("/people/ as fanpage", "wards/hang-gon.md",
            _channel("fanpage", "https://www.facebook.com/people/Nguyen-Van-A/100012345678901"),
            "/people/", "refused", "personal"),
    Mistake("fbclid on a guide link", "guides/nop-ho-so-truc-tuyen.md",
            _add("[Cổng dịch vụ công](https://dichvucong.gov.vn/?fbclid=IwAR0abc)"), "fbclid", "refused",
            "tracking"),
    Mistake("utm_ on a ward channel", "wards/long-khanh.md",
            _channel("website", "https://longkhanh.dongnai.gov.vn/?utm_source=zalo"), "utm_source",
            "refused", "tracking"),
    Mistake("# heading in a guide's body", "guides/nhan-biet-lua-dao.md", _add("# Nhận biết lừa đảo"),
            "# Nhận biết lừa đảo", "refused", "level-1"),
    Mistake("skipped heading level", "guides/phan-anh-hien-truong.md", _add("#### Lưu ý thêm"),
            "#### Lưu ý", "refused", "skips"),
    Mistake("doubled attribute list", "guides/dong-tien-dien.en.md",
            _add("Tap **Preview**{lang=vi}{lang=vi} to see it."), "**Preview**", "refused", "attribute list"),
    Mistake("unclosed attribute list", "guides/dong-tien-nuoc.en.md", _add("Tap **Xem**{lang=vi to see it."),
            "**Xem**", "refused", "attribute list"),
    Mistake("attribute list after a space", "guides/cai-ung-dung-an-toan.en.md",
            _add("Tap **Cài đặt** {lang=vi} (Install)."), "** {lang=vi} (Install)", "refused",
            "attached to nothing"),
    Mistake("unknown placeholder {{ tinh }}", "guides/so-suc-khoe-dien-tu.md", _add("Người dân {{ tinh }}."),
            "{{ tinh }}", "refused", "no placeholder"),
    Mistake("web.facebook.com link in a guide", "guides/theo-doi-zalo-phuong.md",
            _add("[Trang](https://web.facebook.com/thongtinchinhphu)"), "web.facebook.com", "refused",
            "allowlist"),
    Mistake("m.facebook.com link in a guide", "guides/dang-nhap-dich-vu-cong.md",
            _add("[Trang](https://m.facebook.com/thongtinchinhphu)"), "m.facebook.com", "refused",
            "use www.facebook.com"),
    Mistake("web.facebook.com as fanpage", "wards/xuan-lap.md",
            _channel("fanpage", "https://web.facebook.com/XuanLap24h"), "web.facebook.com", "refused",
            "www.facebook.com"),
    Mistake("zero-width space in a heading", "guides/tim-phuong-moi.md",
            _replace("## Bước 1: ", f"## Bước{ZWSP} 1: "), "## Bước\u200b", "refused", "U+200B"),
)

NOTED: tuple[Mistake, ...] = (
    Mistake("NFD text (copied from a Mac or iPhone)", "guides/dong-tien-dien.md",
            _add(unicodedata.normalize("NFD", "Người dân trong phường")),
            unicodedata.normalize("NFD", "Người dân"), "noted", "decomposed"),
    Mistake("Word's curly quotes around a title", "guides/dong-tien-nuoc.md",
            lambda text: text.replace("title: ", "title: “", 1).replace("\nsummary:", "”\nsummary:", 1),
            "title: “", "noted", "curly quotes"),
    Mistake("non-breaking space as indentation", "wards/binh-loc.md",
            _replace("    name: UBND phường Bình Lộc", f"{NBSP}   name: UBND phường Bình Lộc"), "name: UBND",
            "noted", "non-breaking space"),
    Mistake("zero-width space inside a fanpage address", "wards/hang-gon.md",
            _channel("fanpage", f"https://www.facebook.com/Hang{ZWSP}Gon24h"), "Hang", "noted",
            "ZERO WIDTH SPACE"),
    Mistake("zero-width space inside a guide link", "guides/kich-hoat-vneid.md",
            _add(f"[VNeID](https://vneid.gov.vn/{ZWSP})"), "[VNeID]", "noted", "ZERO WIDTH SPACE"),
    Mistake("non-breaking space after a colon", "guides/chuyen-tien-vietqr.md",
            _replace("duration_minutes: ", f"duration_minutes:{NBSP}"), "duration_minutes", "noted",
            "non-breaking space"),
    Mistake("non-breaking space in the area file", "area.yml",
            _replace("\nlanguage: vi", f"\nlanguage:{NBSP}vi"), "language:", "noted", "non-breaking space"),
    Mistake("the ward template followed literally", "wards/long-khanh.md", _uncomment_template,
            "- kind: hotline", "noted", ""),
)


def mutated(mistakes: tuple[Mistake, ...], docs: Path) -> dict[str, bytes]:
    """The changed files (and the files they add) of a group, as bytes."""
    files: dict[str, bytes] = {}
    for mistake in mistakes:
        assert mistake.file not in files, f"two mistakes in {mistake.file}"
        files[mistake.file] = mistake.mutate((docs / mistake.file).read_text(encoding="utf-8")).encode()
        files.update(mistake.extra)
    return files
