"""The site's languages, as configured for mkdocs-static-i18n in mkdocs.yml, and the language of a file.

Plain Python, no MkDocs: the build reads the same settings through handbook/site_config.py (the one
module that touches the plugin), the maintainer tools read mkdocs.yml with :func:`project_languages`.
Nothing else names a language: adding one is a line in mkdocs.yml and a catalogue in handbook/messages/.

Files follow the plugin's suffix structure: ``page.md`` is in the default language, ``page.<lang>.md``
in ``<lang>`` (any configured language, not only the second one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from handbook.errors import ContentError


@dataclass(frozen=True)
class Languages:
    """The configured languages: ``codes`` are the built ones, the default first."""

    codes: tuple[str, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    fallback: bool = True  # an untranslated page shows the default language's page (with a notice)

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def translations(self) -> tuple[str, ...]:
        """The languages other than the default one."""
        return self.codes[1:]

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def of_file(self, path: str | PurePosixPath | Path) -> str:
        """The language of a Markdown file: ``x.<lang>.md`` for a configured ``<lang>``, else the default."""
        suffixes = PurePosixPath(str(path)).suffixes
        if len(suffixes) >= 2 and suffixes[-1] == ".md" and suffixes[-2][1:] in self.codes:
            return suffixes[-2][1:]
        return self.default

    def source_of(self, path: str) -> str:
        """The default-language file a file translates: 'guides/x.zh.md' -> 'guides/x.md'."""
        lang = self.of_file(path)
        return path if lang == self.default else path.removesuffix(f".{lang}.md") + ".md"

    def translation_of(self, page: str, lang: str) -> str:
        """The file of ``page`` (a default-language 'guides/x.md') in ``lang``: 'guides/x.<lang>.md'."""
        return page if lang == self.default else page.removesuffix(".md") + f".{lang}.md"

    def url_prefix(self, lang: str) -> str:
        """Where a language's pages live under the site root: ' for the default, '<lang>/' for the others."""
        return "" if lang == self.default else f"{lang}/"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name): they become None."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as data, without running its tags (empty when unreadable)."""
    path = root / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) if path.is_file() else None
    return config if isinstance(config, dict) else {}


def languages_from_settings(entries: list[Any], fallback: bool = True) -> Languages:
    """Languages from the i18n plugin's ``languages:`` entries (dicts or config objects)."""

    def get(entry: Any, key: str) -> Any:
        return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)

    built = [entry for entry in entries if get(entry, "build") is not False and get(entry, "locale")]
    defaults = [entry for entry in built if get(entry, "default")]
    if not defaults:
        raise ContentError(
            "mkdocs.yml", "plugins: i18n: languages",
            "Không có ngôn ngữ nào được đánh dấu 'default: true'.",
            "Thêm 'default: true' vào ngôn ngữ chính (ngôn ngữ của trang.md).",
            "No language is marked 'default: true'.",
            "Add 'default: true' to the main language (the language of page.md files).",
        )
    ordered = defaults[:1] + [entry for entry in built if entry is not defaults[0]]
    codes = tuple(str(get(entry, "locale")) for entry in ordered)
    names = {str(get(entry, "locale")): str(get(entry, "name") or get(entry, "locale")) for entry in ordered}
    return Languages(codes, names, fallback)


def project_languages(root: Path) -> Languages:
    """The languages of the project at ``root`` (its mkdocs.yml), for tools that run without a build."""
    config = read_mkdocs_yml(root)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            settings = plugin["i18n"] or {}
            fallback = settings.get("fallback_to_default", True)
            return languages_from_settings(settings.get("languages") or [], fallback)
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    if not language:
        raise ContentError(
            "mkdocs.yml", "theme: language",
            "Không tìm thấy ngôn ngữ của trang web.",
            "Khai báo các ngôn ngữ trong 'plugins: - i18n: languages:'.",
            "The site's language is not set.", "List the languages under 'plugins: - i18n: languages:'.",
        )
    return Languages((str(language),), {str(language): str(language)})
