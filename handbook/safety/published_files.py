"""What may be published from docs/ (issue 29): only files of a known type, never a symbolic link.

MkDocs copies every file under docs/ to the site as it is, following symbolic links. An ``.html`` page or an
``.svg`` with a script would run in the site's own origin (where the service worker and the saved pages
live); an ``.apk`` next to "download the new VNeID" would be served from the handbook's address; a link to
``/etc/passwd`` or to the build machine's credentials would be published. So:

- Markdown pages, and pictures whose first bytes are really of their type (PNG, JPEG, GIF, WebP: the
  formats every reader's phone shows, handbook/editor_rules.py) are published; SVG is refused (a drawing
  can carry a script or a link: save it as PNG or WebP);
- the data files the build reads and never publishes (``exclude_docs`` in mkdocs.yml) are allowed;
- every other file, and every symbolic link (file or folder), is refused with the file and the reason.

Names starting with "." are left out by MkDocs itself (never published). Plain Python, no MkDocs import.
"""

from __future__ import annotations

import os
from pathlib import Path

from handbook.errors import ContentError

PAGES = frozenset({".md"})
# Picture types and how their files begin (a page renamed to .png is refused too).
PICTURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
# Read by the build, never published (exclude_docs in mkdocs.yml; a test keeps the two equal).
DATA_FILES = frozenset({"area.yml", "search-synonyms.yml", "skills.yml", "guides/FORMAT.txt"})
# Refused types with the reason (Vietnamese, English); anything else gets the general reason.
_RUNS = ("chạy mã trong trang của sổ tay", "runs code inside the handbook's own site")
_INSTALLS = ("là tệp cài đặt chương trình: ứng dụng chỉ được tải từ CH Play hoặc App Store",
             "is a program installer: apps come only from Google Play or the App Store")
SYMLINK = "liên kết tượng trưng / symbolic link"  # the ``where`` of a link's error
REFUSED: dict[str, tuple[str, str]] = {
    **dict.fromkeys((".html", ".htm", ".xhtml", ".js", ".mjs", ".css", ".svg", ".svgz", ".xml", ".xsl",
                     ".swf", ".wasm", ".webmanifest", ".json"), _RUNS),
    **dict.fromkeys((".apk", ".xapk", ".aab", ".ipa", ".exe", ".msi", ".bat", ".cmd", ".scr", ".dmg",
                     ".pkg", ".deb", ".sh", ".jar", ".com"), _INSTALLS),
}


def _error(label: str, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str) -> ContentError:
    return ContentError(label, "tệp / file", problem_vi, fix_vi, problem_en, fix_en)


def _file_problem(path: Path, name: str) -> ContentError | None:
    label = f"docs/{name}"
    suffix = path.suffix.lower()
    if name in DATA_FILES or suffix in PAGES:
        return None
    if suffix in PICTURES:
        with path.open("rb") as handle:
            head = handle.read(16)
        if any(head.startswith(magic) for magic in PICTURES[suffix]) and (
            suffix != ".webp" or head[8:12] == b"WEBP"
        ):
            return None
        return _error(
            label,
            f"tệp có đuôi {suffix} nhưng nội dung không phải ảnh {suffix[1:].upper()}.",
            "lưu lại ảnh đúng định dạng (PNG, JPEG hoặc WebP) rồi thay tệp.",
            f"the file is named {suffix} but its content is not a {suffix[1:].upper()} picture.",
            "save the picture again in its format (PNG, JPEG or WebP) and replace the file.",
        )
    why_vi, why_en = REFUSED.get(suffix, ("không phải trang Markdown hay ảnh", "is not a page or a picture"))
    return _error(
        label,
        f"tệp loại «{suffix or path.name}» không được đăng lên sổ tay: loại tệp này {why_vi}.",
        "xóa tệp. Trang viết bằng Markdown (.md); ảnh lưu dạng PNG, JPEG hoặc WebP (ảnh SVG: xuất ra PNG). "
        "Ứng dụng thì liên kết tới trang của nó trên CH Play hoặc App Store.",
        f"files of type '{suffix or path.name}' are not published in the handbook: this type {why_en}.",
        "remove the file. Pages are Markdown (.md); pictures PNG, JPEG or WebP (an SVG: export it as PNG). "
        "For an app, link its page on Google Play or the App Store.",
    )


def published_file_problems(docs_dir: Path) -> list[ContentError]:
    """Every file under ``docs_dir`` that may not be published, and every symbolic link."""
    errors: list[ContentError] = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        base = Path(folder)
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(dirs) + sorted(files):
            path = base / name
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_symlink():
                errors.append(ContentError(
                    f"docs/{relative}", SYMLINK,
                    "đây là liên kết tượng trưng (symlink): khi dựng trang, tệp mà nó trỏ tới (có thể nằm "
                    "ngoài sổ tay, kể cả tệp bí mật của máy dựng) sẽ bị đăng lên.",
                    "thay liên kết bằng chính tệp (chép tệp vào docs/), hoặc xóa nó.",
                    "this is a symbolic link: building would publish the file it points to (possibly "
                    "outside the handbook, even the build machine's secrets).",
                    "replace the link by the file itself (copy it into docs/), or remove it.",
                ))
            elif name in files and not name.startswith("."):
                problem = _file_problem(path, relative)
                if problem is not None:
                    errors.append(problem)
        dirs[:] = [name for name in dirs if not (base / name).is_symlink()]
    return errors
