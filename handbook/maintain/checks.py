"""Every content check in one pass, without building the site (``scripts/handbook check``).

This module only gathers: each rule lives in its own module and is called from here, the same
functions the MkDocs hooks call during the build, so a page that passes here passes there.

The build runs this very function first (overrides/hooks/content.py, on_config), so ``check`` and the build
refuse the same files with the same messages; tests/agreement.py runs both on a file set to prove it.

| check | rules in |
|---|---|
| every content file: UTF-8, strict YAML (duplicate keys, no silent conversions); safe repairs (NFD, \
invisible and non-breaking spaces, curly quotes) as notes | handbook/frontmatter.py, handbook/repairs.py |
| headings, invisible characters, attribute lists, tracking parameters, images (format, width, missing) | \
handbook/editor_rules.py |
| unknown placeholders (``{{ tinh }}``), the function the build fills them with | handbook/placeholders.py |
| file names (ASCII), image weight, ``[VIẾT: …]``, ``tel:`` links, links to ``x.<lang>.md`` | this module |
| search synonyms (docs/search-synonyms.yml), the area file (docs/area.yml) | \
handbook/search/search_index.py, handbook/area.py |
| guides: front matter, steps, heading ids, translation pairs | handbook/guides/guide_files.py |
| ```screen blocks | handbook/guides/screens.py |
| ward files: code, channels, phones, addresses | handbook/wards/ward_files.py (+ phones.py, domains.py) |
| raw HTML is safe; plain-text fields | handbook/safety/html_safety.py, handbook/safety/plain_text.py |
| published file types, no symbolic links | handbook/safety/published_files.py |
| size and nesting limits, before Markdown reads a file | handbook/safety/limits.py |
| internal links and #anchors | handbook/safety/internal_links.py |
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from handbook.area import area_markdown, check_area, local_names
from handbook.area_file import load_area, missing_entries, ward_scope
from handbook.dates import today_vn
from handbook.editor_rules import page_problems
from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import (
    Note,
    duplicate_keys,
    load_yaml,
    read_content,
    split_front_matter,
)
from handbook.guides.guide_files import Guide, load_guides
from handbook.guides.guide_page import closing_markdown, opening_markdown
from handbook.guides.screens import check_markdown
from handbook.lang import Languages, project_languages
from handbook.local_facts import page_key, typed_local_names
from handbook.phones import tel_target_problem
from handbook.safety.html_safety import check_docs as check_html
from handbook.safety.internal_links import check_links, page_anchors
from handbook.safety.limits import size_problems
from handbook.safety.plain_text import front_matter_problems
from handbook.safety.published_files import SYMLINK, published_file_problems
from handbook.search.search_index import SYNONYMS_FILE, parse_synonyms
from handbook.slugs import slugify
from handbook.text import available_languages
from handbook.wards.registry import Registry, load_registry
from handbook.wards.ward_files import WardFile, load_ward_dir
from handbook.wards.ward_site import WardSite


@dataclass
class CheckResult:
    """What ``check_content`` found."""

    errors: list[ContentError] = field(default_factory=list)
    pages: int = 0
    notes: list[Note] = field(default_factory=list)


def ward_registry(root: Path) -> Registry:
    """The ward registry for the project's ``ward_scope`` (docs/area.yml), as the build loads it."""
    return load_registry(ward_scope(load_area(root / "docs")))


def _is_ward_file(name: str) -> bool:
    return name.startswith("wards/") and name.count("/") == 1 and not name.startswith("wards/index.")


# --- rules on every file --------------------------------------------------------------------------

# Images residents download on slow, paid data: the limit is documented in CONTRIBUTING.md and
# docs/guides/FORMAT.txt.
MAX_IMAGE_BYTES = 300 * 1024
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"})
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml"})
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
PLACEHOLDER = re.compile(r"\[(?:VIẾT|WRITE):[^\]]*\]?")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LINK_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]+)>?|\bhref=[\"']([^\"']+)[\"']|^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"
)


def _file_rules(path: Path, name: str) -> list[ContentError]:
    errors = []
    label = f"docs/{name}"
    bad = [part for part in name.split("/") if not _SAFE_NAME.match(part)]
    if bad:
        stem, dot, suffix = bad[0].rpartition(".") if "." in bad[0] else (bad[0], "", "")
        better = (slugify(stem) or "ten-tep") + (dot + suffix.lower() if dot else "")
        errors.append(
            ContentError(
                label,
                "tên tệp / file name",
                f"tên «{bad[0]}» có dấu, dấu cách hoặc ký tự đặc biệt: địa chỉ trang sẽ khó gõ và có thể "
                "hỏng.",
                f"đổi tên thành chữ thường không dấu, nối bằng dấu gạch ngang, ví dụ «{better}».",
                f"the name '{bad[0]}' has accents, spaces or special characters: the page address would be "
                "hard to "
                "type and may break.",
                f"rename it in lower case without accents, words joined by hyphens, e.g. '{better}'.",
            )
        )
    if path.suffix.lower() in IMAGE_SUFFIXES:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            errors.append(
                ContentError(
                    label,
                    "kích thước / size",
                    f"ảnh nặng {size // 1024} KB, quá giới hạn {MAX_IMAGE_BYTES // 1024} KB; người dân xem "
                    "bằng 3G/4G "
                    "trả tiền theo dung lượng.",
                    "thu nhỏ ảnh (rộng tối đa 800 điểm ảnh) và lưu ở dạng WebP hoặc JPEG chất lượng 75 (ví "
                    "dụ bằng "
                    "squoosh.app ngay trên máy), rồi thay tệp.",
                    f"the image is {size // 1024} KB, over the {MAX_IMAGE_BYTES // 1024} KB limit; residents "
                    "read on "
                    "3G/4G and pay for every megabyte.",
                    "shrink it (at most 800 pixels wide) and save it as WebP or JPEG quality 75 (e.g. with "
                    "squoosh.app, which runs on your own computer), then replace the file.",
                )
            )
    return errors


def _prose_lines(body: str) -> list[str]:
    """The body's lines with fenced code and inline code blanked (line numbers kept)."""
    lines = body.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            lines[number] = ""
        elif fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
            lines[number] = ""
        else:
            lines[number] = _INLINE_CODE.sub("", line)
    return lines


def _body_rules(text: str, file: str, languages: Languages) -> list[ContentError]:
    """Placeholders, ``tel:`` links and links to a translation (``x.<lang>.md``), with their lines."""
    errors: list[ContentError] = []
    try:
        _, body, first_line = split_front_matter(text, file)
        head_lines = text.split("\n")[: first_line - 1]
    except ContentError:
        return errors  # reported by the page rules
    # Placeholders anywhere (front matter, text, ```screen blocks), except in `inline code` that shows one.
    for number, line in enumerate(head_lines + body.split("\n"), start=1):
        found = PLACEHOLDER.search(_INLINE_CODE.sub("", line))
        if found:
            errors.append(_placeholder(file, number, found.group(0)))
    for index, line in enumerate(_prose_lines(body)):
        number = first_line + index
        for match in _LINK_TARGET.finditer(line):
            target = next(group for group in match.groups() if group)
            if target.lower().startswith("tel:"):
                problem = tel_target_problem(target)
                if problem is not None:
                    errors.append(
                        ContentError(
                            file,
                            f"dòng {number} / line {number}, liên kết / link '{target}'",
                            f"liên kết gọi điện không dẫn tới một số điện thoại thật: {problem[0]}",
                            "ghi đúng số (ví dụ tel:02513888999 hoặc tel:1022), chỉ chữ số; không bao giờ để "
                            "số lạ.",
                            f"the call link does not lead to a real phone number: {problem[1]}",
                            "write the number itself (e.g. tel:02513888999 or tel:1022), digits only; never "
                            "an unknown number.",
                        )
                    )
            elif "://" not in target and languages.of_file(target.split("#")[0]) != languages.default:
                path, _, anchor = target.partition("#")
                plain = languages.source_of(path) + (f"#{anchor}" if anchor else "")
                errors.append(
                    ContentError(
                        file,
                        f"dòng {number} / line {number}, liên kết / link '{target}'",
                        "liên kết tới tệp bản dịch: mỗi ngôn ngữ tự hiện bản của mình, liên kết này sẽ hỏng "
                        "khi dựng trang.",
                        f"liên kết tới tên tệp gốc: «{plain}» (trang mỗi ngôn ngữ tự dẫn tới bản của mình).",
                        "a link to a translation file: each language shows its own version, and this link "
                        "breaks the build.",
                        f"link the original file name: '{plain}' (each language's page leads to its own "
                        "version by itself).",
                    )
                )
    return errors


# The wards hook (overrides/hooks/wards.py, DIRECTORY_MARKER) inserts the directory at this line.
WARD_DIRECTORY_MARKER = "<!-- ward-directory -->"


def _marker_rules(texts: dict[str, str], languages: Languages) -> list[ContentError]:
    errors = []
    for name in (languages.translation_of("wards/index.md", lang) for lang in languages.codes):
        if name in texts and WARD_DIRECTORY_MARKER not in texts[name]:
            errors.append(ContentError(
                f"docs/{name}", WARD_DIRECTORY_MARKER,
                f"thiếu dòng {WARD_DIRECTORY_MARKER}: danh bạ phường được chèn vào chỗ dòng này.",
                f"thêm lại dòng {WARD_DIRECTORY_MARKER} vào trang.",
                f"the line {WARD_DIRECTORY_MARKER} is missing: the ward directory is inserted there.",
                f"put the line {WARD_DIRECTORY_MARKER} back on the page.",
            ))
    return errors


def _placeholder(file: str, line: int, text: str) -> ContentError:
    return ContentError(
        file, f"dòng {line} / line {line}",
        f"còn chữ mẫu «{text}» chưa viết lại; trang sẽ hiện nguyên chữ này cho người đọc.",
        "thay cả phần trong ngoặc vuông (kể cả dấu [ ]) bằng nội dung thật.",
        f"the template text '{text}' is still there; readers would see it as it is.",
        "replace the whole bracketed part (with the [ ]) by the real text.",
    )


def _read_all(docs_dir: Path, result: CheckResult) -> tuple[dict[str, str], set[str]]:
    """Every content file through the one reading path: {name: NFC text}, and the names that cannot be \
read."""
    texts: dict[str, str] = {}
    unreadable: set[str] = set()
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue  # a link is refused (handbook/safety/published_files.py), never read
        name = path.relative_to(docs_dir).as_posix()
        result.errors += _file_rules(path, name)
        if path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        label = f"docs/{name}"
        try:
            text, notes = read_content(path, label)
        except ContentError as error:
            result.errors.append(error)
            unreadable.add(name)
            continue
        result.notes += notes
        too_big = size_problems(text, label)
        if too_big:  # no other rule (nor Markdown) reads a file past the limits
            result.errors += too_big
            unreadable.add(name)
            continue
        texts[name] = text
    return texts, unreadable


def _data_files(root: Path, texts: dict[str, str]) -> list[ContentError]:
    """The synonyms file and the area file, read as the build reads them."""
    errors: list[ContentError] = []
    if SYNONYMS_FILE in texts:
        label = f"docs/{SYNONYMS_FILE}"
        duplicates = duplicate_keys(texts[SYNONYMS_FILE], label)
        errors += duplicates
        if not duplicates:
            try:
                parse_synonyms(texts[SYNONYMS_FILE], label, list(project_languages(root).codes))
            except ContentErrors as problems:
                errors += problems.errors
            except ContentError as problem:
                errors.append(problem)
    if "area.yml" in texts:
        try:
            data = load_yaml(texts["area.yml"], "docs/area.yml")
        except ContentError as problem:
            errors.append(problem)
        else:
            missing = missing_entries(data)
            # then the build's own reading and rules (overrides/hooks/area.py)
            errors += missing or check_area(load_area(root / "docs"))
    return errors


def _area_text_rules(root: Path, pages: list[tuple[str, str]], languages: Languages) -> list[ContentError]:
    """Local-fact blocks and placeholders of every page (as overrides/hooks/area.py reads them), and the
    area's own names typed into a guide instead of its placeholders (handbook/local_facts.py)."""
    try:
        area = load_area(root / "docs")
        check_errors = check_area(area)
        names = local_names(area)
    except ContentError:
        return []  # reported by the area file's own rules
    if check_errors:
        return []
    errors: list[ContentError] = []
    for name, text in pages:
        if _is_ward_file(name):
            continue
        file = f"docs/{name}"
        lang = languages.of_file(name)
        if lang not in available_languages():  # no catalogue yet: the build reports it (handbook/text.py)
            lang = languages.default
        errors += area_markdown(area, text, lang, page_key(name), file)[1]
        if name.startswith("guides/") and not name.startswith("guides/index."):
            errors += typed_local_names(text, names, file)
    return errors


def _pages(docs_dir: Path, texts: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(name relative to docs/, text) of every Markdown page."""
    if texts is not None:
        return [(name, text) for name, text in sorted(texts.items()) if name.endswith(".md")]
    return [(name, read_content(path, f"docs/{name}")[0])
            for path in sorted(docs_dir.rglob("*.md")) for name in [path.relative_to(docs_dir).as_posix()]]


def _page_checks(pages: list[tuple[str, str]]) -> list[ContentError]:
    """Front matter and ```screen blocks of every page (ward files: see handbook/wards/ward_files.py)."""
    errors: list[ContentError] = []
    for name, text in pages:
        file = f"docs/{name}"
        try:
            meta, body, first_line = split_front_matter(text, file)
        except ContentError as error:
            if not _is_ward_file(name):  # ward files have their own reader (handbook/wards/ward_files.py)
                errors.append(error)
            continue
        errors += front_matter_problems(meta, file)
        if not _is_ward_file(name):
            errors += check_markdown(body, file, first_line)
    return errors


def _guide_anchors(guides: list[Guide]) -> dict[str, set[str]]:
    """Ids of the sections the build adds to each guide ("what you need", "sources" ...)."""
    return {
        guide.path:
            page_anchors(opening_markdown(guide) + closing_markdown(guide))
        for guide in guides
    }


def check_content(root: Path, today: date | None = None) -> CheckResult:
    """Run every content check over ``root``/docs; the build stops on each error returned (same function)."""
    today = today or today_vn()
    docs_dir = root / "docs"
    result = CheckResult()
    result.errors += published_file_problems(docs_dir)
    if any(error.where == SYMLINK for error in result.errors):
        return result  # nothing reads a linked file: its text (a secret?) must not reach any message
    texts, unreadable = _read_all(docs_dir, result)
    pages = _pages(docs_dir, texts)
    result.pages = len(pages) + sum(1 for name in unreadable if name.endswith(".md"))
    if unreadable:
        return result  # the other rules read files themselves: first the editor saves these as UTF-8
    result.errors += _data_files(root, texts)
    languages = project_languages(root)
    result.errors += _marker_rules(texts, languages)
    result.errors += _page_checks(pages)
    for name, text in pages:
        file = f"docs/{name}"
        result.errors += _body_rules(text, file, languages)
        guide = name.startswith("guides/") and not name.startswith("guides/index.")
        result.errors += page_problems(text, file, name, docs_dir, guide)
    result.errors += check_html(docs_dir)
    result.errors += _area_text_rules(root, pages, languages)

    guides, guide_errors = load_guides(docs_dir, today=today)
    result.errors += guide_errors

    generated: set[str] = set()
    try:
        registry = ward_registry(root)
        wards: dict[str, WardFile] = {}
        try:
            wards = load_ward_dir(docs_dir / "wards", registry, today, languages=languages.translations)
        except ContentErrors as problems:
            result.errors += problems.errors
        generated = {page.src_uri for page in WardSite(registry, wards).pages if page.file is None}
    except ContentError as error:  # a wrong ward_scope in docs/area.yml
        result.errors.append(error)

    result.errors += check_links(docs_dir, _guide_anchors(guides), generated)
    # Front-matter errors of a guide come from both the page pass and the guide rules: show each once.
    unique = {error.message(): error for error in result.errors}
    result.errors = list(unique.values())
    return result
