"""Internal links between pages: the target page exists, and so does the #anchor when there is one.

The strict build checks the same (MkDocs ``validation:``); this lets ``scripts/handbook check`` say
it in about a second, with the line and a fix, before any build. Links to other sites are the
business of handbook/safety/html_safety.py (allowed domains) and handbook/links.py (are they alive).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from handbook.editor_rules import is_image_target
from handbook.errors import ContentError
from handbook.frontmatter import split_front_matter
from handbook.lang import Languages, project_languages
from handbook.markdown import blank_fences
from handbook.slugs import slugify

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](target "title") and ![alt](target); the target has no spaces or is in <...>
_INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.+?)[ \t#]*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}[ \t]*$")
_HTML_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _code_free_lines(body: str) -> list[str]:
    """The body's lines with fenced code blocks and inline code blanked (line numbers kept)."""
    return [_INLINE_CODE.sub("", line) for line in blank_fences(body).split("\n")]


def _heading_text(text: str) -> str:
    """Heading text as the table of contents slugifies it: no attribute lists, markup or link targets."""
    text = re.sub(r"\{[^}]*\}", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("*", "").replace("_", " ").strip()


def page_anchors(body: str) -> set[str]:
    """Ids a page's headings and HTML elements get (explicit ``{#id}`` or the heading's slug)."""
    anchors: set[str] = set()
    for line in _code_free_lines(body):
        heading = _HEADING.match(line)
        if heading:
            explicit = _EXPLICIT_ID.search(heading.group(2))
            anchor = explicit.group(1) if explicit else slugify(_heading_text(heading.group(2)))
            # the table of contents numbers repeated slugs: x, x_1, x_2 ...
            unique, count = anchor, 0
            while unique in anchors:
                count += 1
                unique = f"{anchor}_{count}"
            anchors.add(unique)
        else:
            attribute_list = _EXPLICIT_ID.search(line)  # a paragraph's { #id } at the end of a line
            if attribute_list:
                anchors.add(attribute_list.group(1))
        anchors.update(_HTML_ID.findall(line))
    return anchors


def _links(body: str, first_line: int) -> list[tuple[int, str]]:
    found = []
    for index, line in enumerate(_code_free_lines(body)):
        targets = [match.group(1) for match in _INLINE_LINK.finditer(line)]
        reference = _REFERENCE.match(line)
        if reference:
            targets.append(reference.group(1))
        found += [(first_line + index, target) for target in targets]
    return found


def _error(file: str, line: int, target: str, problem_vi: str, fix_vi: str, problem_en: str,
           fix_en: str) -> ContentError:
    return ContentError(file, f"dòng {line} / line {line}, liên kết / link '{target}'",
                        problem_vi, fix_vi, problem_en, fix_en)


def _read_pages(docs_dir: Path) -> dict[str, tuple[str, int]]:
    """Every page ('guides/x.md') with its body and the file line the body starts on."""
    pages = {}
    for path in sorted(docs_dir.rglob("*.md")):
        if path.is_symlink():
            continue  # refused, never read (handbook/safety/published_files.py)
        name = path.relative_to(docs_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            _, body, first_line = split_front_matter(text, f"docs/{name}")
        except ContentError:
            body, first_line = text, 1  # the front-matter check reports it
        pages[name] = (body, first_line)
    return pages


def check_links(docs_dir: Path, extra_anchors: dict[str, set[str]] | None = None,
                generated: set[str] | None = None, languages: Languages | None = None) -> list[ContentError]:
    """Every internal link of every page under ``docs_dir``.

    ``extra_anchors`` maps a file ('guides/x.md') to ids the build adds to it (sections written
    by a hook from the front matter), which are not in the file itself. ``generated`` names pages
    the build makes from data without a file ('wards/binh-loc.md'); their anchors are not checked.
    """
    extra_anchors = extra_anchors or {}
    generated = generated or set()
    languages = languages or project_languages(docs_dir.parent)
    pages = _read_pages(docs_dir)
    anchors: dict[str, set[str]] = {}

    def anchors_of(name: str) -> set[str]:
        if name not in anchors:
            anchors[name] = page_anchors(pages[name][0]) | extra_anchors.get(name, set())
        return anchors[name]

    errors: list[ContentError] = []
    for name, (body, first_line) in pages.items():
        file = f"docs/{name}"
        for line, target in _links(body, first_line):
            if _SCHEME.match(target) or target.startswith("//"):
                continue  # another site, or tel:/mailto:
            path_part, _, fragment = target.partition("#")
            path_part = path_part.split("?")[0]
            if path_part.startswith("/"):
                errors.append(_error(
                    file, line, target,
                    "Liên kết tuyệt đối (bắt đầu bằng /) sẽ hỏng khi trang web được đặt ở địa chỉ khác.",
                    "Viết liên kết tương đối tới tệp .md, ví dụ '../wards/index.md'.",
                    "An absolute link (starting with /) breaks when the site is hosted at another address.",
                    "Write a relative link to the .md file, for example '../wards/index.md'."))
                continue
            target_page = name
            if path_part:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), path_part))
                if not resolved.endswith(".md"):
                    if is_image_target(path_part):
                        continue  # images have their own rules (handbook/editor_rules.py)
                    if not (docs_dir / resolved).is_file():
                        page = next((f"{resolved}{end}" for end in (".md", "/index.md") if f"{resolved}{end}"
                                     in pages), None)
                        wanted = posixpath.relpath(page, posixpath.dirname(name) or ".") if page else ""
                        errors.append(_error(
                            file, line, target, f"Không có tệp docs/{resolved}.",
                            f"Liên kết tới tệp .md của trang: «{wanted}»." if page else
                            "Kiểm tra tên tệp; liên kết tới một trang thì viết tên tệp .md của nó (ví dụ "
                            "'index.md' thay cho tên thư mục).",
                            f"There is no file docs/{resolved}.",
                            f"Link to the page's .md file: '{wanted}'." if page else
                            "Check the file name; to link a page, write its .md file name (for example "
                            "'index.md' instead of a folder name)."))
                    continue  # a download: no anchors
                # Translations link to the original file name; the site shows the translation.
                lang = languages.of_file(name)
                candidates = [languages.translation_of(resolved, lang), resolved]
                found = next((candidate for candidate in candidates if candidate in pages), None)
                if found is None:
                    if resolved not in generated:
                        errors.append(_error(
                            file, line, target, f"Không có trang docs/{resolved}.",
                            "Kiểm tra tên tệp và số '../' (mỗi '../' lùi một thư mục); "
                            "tên tệp viết thường, không dấu.",
                            f"There is no page docs/{resolved}.",
                            "Check the file name and the number of '../' (each goes up one folder); "
                            "file names are lower case without accents."))
                    continue
                target_page = found
            if fragment and fragment not in anchors_of(target_page):
                known = ", ".join(sorted(anchors_of(target_page))) or "—"
                errors.append(_error(
                    file, line, target,
                    f"Trang docs/{target_page} không có mục '#{fragment}'.",
                    f"Dùng một mã mục có trong trang đó: {known}.",
                    f"The page docs/{target_page} has no section '#{fragment}'.",
                    f"Use a section id that exists on that page: {known}."))
    return errors
