"""MkDocs hook: the build runs exactly the checks of ``scripts/handbook check`` (handbook/maintain/checks.py),
first.

Thin glue. on_config runs ``check_content`` over the project before any other hook reads a file, so a
file saved in the wrong encoding, a duplicate key, an impossible date or a placeholder stops the build with
the same bilingual messages (file, line, fix) that ``check`` prints, never a traceback. Notes (a removed
byte-order mark) are logged at INFO: they do not fail the strict build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook.dates import today_vn
from handbook.errors import ContentErrors
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
