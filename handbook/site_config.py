"""The one place that reads MkDocs' and mkdocs-static-i18n's objects; hooks ask here.

- :func:`languages`: the configured languages (default first), from the i18n plugin's settings.
- :func:`reader_language`: the language being built (the reader's language of every page in this pass).
- :func:`file_language`: the language a page's source file is written in (differs from the reader's
  language on an untranslated page that falls back to the default language).
- :func:`area`: the area file (docs/area.yml), refusing the old ``extra.ward_scope`` setting.

Everything else in handbook/ is plain Python that takes these values as arguments.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from handbook.area_file import AREA_FILE, load_area
from handbook.errors import ContentError
from handbook.lang import Languages, languages_from_settings


def _i18n(config: Any) -> Any:
    plugins = config.plugins if hasattr(config, "plugins") else config["plugins"]
    return plugins.get("i18n")


# Read once per plugin instance (a build's): hooks ask for every page, 90,000 times at the country scope.
_read: dict[int, tuple[Any, Languages]] = {}


def languages(config: Any) -> Languages:
    """The site's languages, from mkdocs-static-i18n's ``languages:`` (just the theme's without it)."""
    plugin = _i18n(config)
    if plugin is None:
        language = str(config.theme["language"])
        return Languages((language,), {language: language})
    known = _read.get(id(plugin))
    if known is None or known[0] is not plugin:  # (the instance is kept: its id is not reused meanwhile)
        read = languages_from_settings(list(plugin.config.languages), bool(plugin.config.fallback_to_default))
        known = _read[id(plugin)] = (plugin, read)
    return known[1]


def reader_language(config: Any) -> str:
    """The language of the pass being built: what the reader of these pages reads."""
    plugin = _i18n(config)
    current = getattr(plugin, "current_language", None) if plugin is not None else None
    return str(current or config.theme["language"])


def building_another_language(config: Any) -> bool:
    """True while mkdocs-static-i18n builds a language other than the first, inside the first build's
    ``on_post_build``: a hook that needs every page waits for the first build's own ``on_post_build``."""
    plugin = _i18n(config)
    return bool(getattr(plugin, "building", False)) if plugin is not None else False


def file_language(page: Any, config: Any) -> str:
    """The language the page's source file is written in (the plugin records it on the file)."""
    locale = getattr(page.file, "locale", None)
    return str(locale) if locale else languages(config).of_file(page.file.src_uri)


def area(config: Any) -> dict[str, Any]:
    """docs/area.yml of the site being built; the old ``extra.ward_scope`` setting is an error."""
    if "ward_scope" in (config.extra or {}):
        raise ContentError(
            "mkdocs.yml", "extra.ward_scope",
            "Phạm vi phường (ward_scope) nay nằm trong docs/area.yml, không còn trong mkdocs.yml.",
            "Xóa dòng 'ward_scope:' trong mkdocs.yml và ghi giá trị đó vào dòng 'ward_scope:' "
            "của docs/area.yml.",
            "The ward scope (ward_scope) now lives in docs/area.yml, no longer in mkdocs.yml.",
            "Delete the 'ward_scope:' line from mkdocs.yml and put its value on the 'ward_scope:' line "
            "of docs/area.yml.",
        )
    path = Path(config.docs_dir) / AREA_FILE
    return _area(path.parent, path.stat().st_mtime_ns if path.is_file() else 0)


@lru_cache(maxsize=8)
def _area(docs_dir: Path, changed: int) -> dict[str, Any]:
    """Read once per build (hooks ask on every ward page), again when the file changes (``mkdocs serve``)."""
    return load_area(docs_dir)
