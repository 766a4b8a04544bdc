"""MkDocs hook: the build runs exactly the checks of ``scripts/handbook check`` (handbook/maintain/checks.py),
first.

Thin glue. on_config runs ``check_content`` over the project before any other hook reads a file, so a
file saved in the wrong encoding, a duplicate key, an impossible date or a placeholder stops the build with
the same bilingual messages (file, line, fix) that ``check`` prints, never a traceback. Notes (a removed
byte-order mark, the safe repairs of handbook/repairs.py) are logged at INFO: they do not fail the strict
build.

on_page_read_source gives MkDocs each page as that reading path returns it (repaired), so readers get the
text the check passed. on_post_page looks at every page it writes for attribute-list text readers would see
(handbook/editor_rules.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from handbook.dates import today_vn
from handbook.editor_rules import stray_attribute_error, stray_attribute_text
from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import read_content
from handbook.maintain.checks import check_content

log = logging.getLogger("mkdocs.hooks.content")
_checked: set[int] = set()  # mkdocs-static-i18n builds each language with the same config object


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if id(config) in _checked:
        return config
    root = Path(config.config_file_path).parent
    result = check_content(root, today_vn())
    for note in result.notes:
        log.info(note.message())
    if result.errors:
        raise PluginError(str(ContentErrors(result.errors)))
    _checked.add(id(config))
    return config


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    path = page.file.abs_src_path
    if not path or not page.file.src_uri.endswith(".md"):
        return None  # a page generated from data (ward pages without a file)
    try:
        return read_content(Path(path), f"docs/{page.file.src_uri}")[0]
    except ContentError as error:  # reported by on_config already; kept for pages added later
        raise PluginError(str(ContentErrors([error]))) from error


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    found = stray_attribute_text(output)
    if found:
        raise PluginError(str(ContentErrors([stray_attribute_error(f"docs/{page.file.src_uri}", found)])))
    return output
