"""Rules for reading the handbook without a network.

Two ways, both plain static files:

* the service worker (``/sw.js``): a reader who opened a page once can open it again offline,
  across deploys (issue 15). The pages a reader opened are kept in one cache (the last
  ``MAX_RECENT_PAGES`` opened), the pages they saved with "Lưu để đọc khi không có mạng" in
  another (kept until they remove them); both are refreshed whenever the reader is online, and
  never deleted because a new build came out. The build id (a hash of every file of the site) is
  only in the worker's source, so that each deploy installs the new worker;
* the offline copy: the whole site built with Material's offline plugin (``HANDBOOK_OFFLINE=true``),
  zipped for volunteers to copy to a phone or PC and open from ``file://``.

Plain Python: no MkDocs imports. The MkDocs hook (overrides/hooks/offline.py) calls it.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Mapping
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

SW_NAME = "sw.js"
BUILD_ID_PLACEHOLDER = "__HANDBOOK_BUILD_ID__"
# The offline cache's limit: the pages opened most recently that are kept (least recently opened
# go first). A page is 30-40 KB, so about 2-3 MB on the phone; saved pages are not counted.
MAX_RECENT_PAGES = 60
# Names of the caches, shared by the worker and the page scripts (offline-pages.js reads them from the page).
PAGES_CACHE = "handbook-pages"
SAVED_CACHE = "handbook-saved"
# The page that lists saved pages, one per language; also what the worker shows for a page that is
# not saved when there is no network. Its address, relative to the language's root.
SAVED_PAGE = "saved/"
_PLACEHOLDERS = {
    "__HANDBOOK_MAX_PAGES__": str(MAX_RECENT_PAGES),
    "__HANDBOOK_PAGES_CACHE__": PAGES_CACHE,
    "__HANDBOOK_SAVED_CACHE__": SAVED_CACHE,
}
OFFLINE_PAGES_PLACEHOLDER = '"__HANDBOOK_OFFLINE_PAGES__"'
# Pages that offer "save for offline reading": a guide or a ward page (not their index pages).
_SAVABLE = re.compile(r"^(?:guides|wards)/(?!index\.)[^/]+\.md$")
# Vendored (MIT, npm iframe-worker 1.0.4) for offline builds: the plugin would load it from unpkg.com.
IFRAME_WORKER_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
ZIP_NAME = "so-tay-offline.zip"
ZIP_FOLDER = "so-tay-offline"

# Files a reader of the offline copy never needs (source maps for developers).
_SKIP_IN_ZIP = (".map",)

_LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.DOTALL)
# A comment on lines of its own: "/* ... */" (up to its first "*/") or "// ...", then the line's end.
_COMMENT_LINES = re.compile(r"^[ \t]*(?:/\*(?:[^*]|\*(?!/))*\*/|//[^\n]*)[ \t]*\n", re.MULTILINE)

_CSP_META = re.compile(r'<meta\s+http-equiv=["\']?Content-Security-Policy["\']?[^>]*>\s*', re.IGNORECASE)
_DOWNLOAD_BLOCK = re.compile(r'<p class="hb-download"[^>]*>.*?</p>\s*', re.DOTALL)
# A relative link to a folder ("../accessibility/", "./", ".."): from file:// it opens a folder listing.
_FOLDER_LINK = re.compile(r'(\shref=")((?:\.\.?|[^"#?:/][^"#?:]*/|\./|\.\./)(?:\.\./)*)(#[^"]*)?"')

# The site's names come from docs/area.yml (site_name:), upper-cased.
OPEN_ME = """\
{name_vi} - BẢN DÙNG KHÔNG CẦN MẠNG
========================================================
1. Giải nén tệp zip (bấm giữ tệp, chọn "Giải nén" / "Extract").
2. Mở thư mục so-tay-offline, rồi mở tệp index.html bằng trình duyệt (Chrome).
   Tiếng Việt: index.html. Tiếng Anh: en/index.html.
Không cần mạng Internet. Tìm kiếm vẫn dùng được.
Bản mới nhất trên mạng: {site_url}

{name_en} - OFFLINE COPY
==========================================
1. Unzip the file (long-press it, choose "Extract").
2. Open the folder so-tay-offline, then open index.html in a browser (Chrome).
   Vietnamese: index.html. English: en/index.html.
No Internet needed. Search works too.
Latest version online: {site_url}
"""


OFFLINE_PLUGINS = ("offline", "material/offline")


def is_offline_copy(plugins: Mapping[str, Any]) -> bool:
    """True when this build is the ``file://`` copy: Material's offline plugin is loaded and not
    switched off (``enabled: false``). ``plugins`` is MkDocs' ``config.plugins``; every hook asks here."""
    for name in OFFLINE_PLUGINS:
        plugin = plugins.get(name)
        if plugin is not None and plugin.config.get("enabled", True):
            return True
    return False


def build_id(site_dir: Path) -> str:
    """A short hash of every file of the built site (except the service worker itself).

    The same content gives the same id (no needless re-download after a rebuild); any change
    to any page or asset gives a new id, hence a new cache.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if relative == SW_NAME or relative.startswith("downloads/"):
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def offline_pages(languages: list[str], default: str) -> dict[str, str]:
    """Language folder ("" for the default language, "en/" ...) -> its saved-pages page, relative to
    the site root: the worker shows the one whose folder the missing page is in."""
    return {("" if lang == default else f"{lang}/"): ("" if lang == default else f"{lang}/") + SAVED_PAGE
            for lang in languages}


def is_saved_page(src_uri: str) -> bool:
    """True for the saved-pages page of a language (docs/saved/index.md, index.<lang>.md)."""
    return re.fullmatch(r"saved/index(?:\.[a-z]{2}(?:_[A-Z]{2})?)?\.md", src_uri) is not None


def offers_saving(src_uri: str) -> bool:
    """True for a page with a "save for offline reading" button: a guide or a ward page."""
    return _SAVABLE.match(src_uri) is not None


def strip_comment_lines(source: str) -> str:
    """JavaScript without its comments that stand on lines of their own (a block comment that starts
    a line and ends one, or a "//" line): readers download every byte, the comments are for
    maintainers, who read the source files. Code is never touched."""
    return _COMMENT_LINES.sub("", source)


def render_service_worker(source: str, build: str, pages: dict[str, str] | None = None) -> str:
    """The service worker's source with its build id, cache names, limit and offline pages filled
    in (and its comments, which every first visit would download, cut to one line)."""
    if BUILD_ID_PLACEHOLDER not in source:
        raise ValueError(f"the service worker source has no {BUILD_ID_PLACEHOLDER} placeholder")
    header = "/* Handbook service worker: see overrides/assets/javascripts/sw.js */\n"
    body = strip_comment_lines(_LEADING_COMMENT.sub("", source, count=1))
    source = (header if _LEADING_COMMENT.match(source) else "") + body
    for placeholder, value in _PLACEHOLDERS.items():
        source = source.replace(placeholder, value)
    source = source.replace(OFFLINE_PAGES_PLACEHOLDER, json.dumps(pages or {"": SAVED_PAGE}, sort_keys=True))
    return source.replace(BUILD_ID_PLACEHOLDER, build)


def strip_for_offline_copy(html: str) -> str:
    """Adapt a page of the offline copy, which is opened from ``file://``.

    * Drop a ``<meta http-equiv="Content-Security-Policy">``: the iframe-worker shim that runs
      search from ``file://`` writes an inline script into an iframe, which such a policy blocks.
      The copy's content passed the same build-time checks as the site's (handbook/safety/html_safety.py).
    * Drop the "download the offline copy" paragraph: the reader already has it.
    * Point links to a folder (templates write ``accessibility/``) at its ``index.html``: ``file://``
      shows a folder listing, not the page.
    """
    html = _CSP_META.sub("", html)
    html = _DOWNLOAD_BLOCK.sub("", html)
    return with_index_html(html)


GUIDES_SIZE_PLACEHOLDER = "__HB_GUIDES_KB__"
_GUIDE_URLS = re.compile(r"data-hb-save-all-urls='([^']*)'")


def is_guide(src_uri: str) -> bool:
    """True for a guide page (every one is offered by "save every guide" on the saved-pages page)."""
    return src_uri.startswith("guides/") and offers_saving(src_uri)


def fill_guides_size(site_dir: Path) -> list[Path]:
    """Write, into each saved-pages page with "save every guide", the size of those guides' pages
    (kilobytes, rounded up): a volunteer sees what it costs before tapping (issue 25)."""
    filled = []
    for page in sorted(site_dir.rglob(f"{SAVED_PAGE}index.html")):
        html = page.read_text(encoding="utf-8")
        match = _GUIDE_URLS.search(html)
        if GUIDES_SIZE_PLACEHOLDER not in html or match is None:
            continue
        urls = json.loads(html_unescape(match.group(1)))
        size = sum((page.parent / url / "index.html").resolve().stat().st_size for url in urls
                   if (page.parent / url / "index.html").resolve().is_file())
        page.write_text(html.replace(GUIDES_SIZE_PLACEHOLDER, str(-(-size // 1024))), encoding="utf-8")
        filled.append(page)
    return filled


_DOWNLOAD_OPEN = '<p class="hb-download"'
_DOWNLOAD_HIDDEN = '<p class="hb-download" data-hb-download hidden'


def hide_download_link(html: str) -> str:
    """The "download the offline copy" paragraph, hidden: a build of the online site has no zip yet
    (scripts/build-offline makes it afterwards, then :func:`show_download_links`), and a link to a
    missing file is a 404 for a volunteer on slow data (issue 25)."""
    return html.replace(_DOWNLOAD_OPEN, _DOWNLOAD_HIDDEN) if _DOWNLOAD_HIDDEN not in html else html


def show_download_links(site_dir: Path) -> list[Path]:
    """Show the download paragraph on every page of ``site_dir`` that has one, once the zip is in
    ``site_dir/downloads/``; the pages changed."""
    if not (site_dir / "downloads" / ZIP_NAME).is_file():
        return []
    changed = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if _DOWNLOAD_HIDDEN in html:
            page.write_text(html.replace(_DOWNLOAD_HIDDEN, '<p class="hb-download" data-hb-download'),
                            encoding="utf-8")
            changed.append(page)
    return changed


def with_index_html(html: str) -> str:
    """Relative links to a folder (``../accessibility/``, ``./``, ``..``) point at its ``index.html``."""

    def fix(match: re.Match[str]) -> str:
        folder = match.group(2)
        folder = folder if folder.endswith("/") else folder + "/"
        return f'{match.group(1)}{folder}index.html{match.group(3) or ""}"'

    return _FOLDER_LINK.sub(fix, html)


def append_to_article(html: str, block: str) -> str:
    """Put ``block`` at the end of the page's main article (unchanged page if it has none)."""
    end = html.rfind("</article>")
    if end == -1:
        return html
    return html[:end] + block + html[end:]


def zip_site(site_dir: Path, destination: Path, site_url: str, names: tuple[str, str] = ("", "")) -> Path:
    """Zip the offline copy into ``destination`` under one folder, with a how-to-open note naming the site
    (``names``: its Vietnamese and English names, from docs/area.yml)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        read_me = OPEN_ME.format(site_url=site_url, name_vi=names[0].upper(), name_en=names[1].upper())
        archive.writestr(f"{ZIP_FOLDER}/DOC-TRUOC-READ-ME.txt", read_me)
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            if path.name.endswith(_SKIP_IN_ZIP):
                continue
            archive.write(path, f"{ZIP_FOLDER}/{path.relative_to(site_dir).as_posix()}")
    tmp.replace(destination)
    return destination
