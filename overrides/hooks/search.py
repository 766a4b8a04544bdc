"""MkDocs hook for search (thin glue; the rules live in handbook/search/search_index.py and search_fold.py).

- on_config: read docs/search-synonyms.yml (editors' synonyms) and each language's search rules
  (handbook/search/languages.yml); a mistake stops the build with a bilingual message naming the line.
- on_page_context: note each ward page's current and former names (from the ward registry).
- on_post_build, after mkdocs-static-i18n has written its one index for both languages: split it
  per language, add the folded words and synonyms, print each language's size (gzip), and warn
  (which fails the strict build) when one goes over the budget.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.area_file import ward_scope
from handbook.errors import ContentError, ContentErrors
from handbook.search import search_index as rules
from handbook.search.search_rules import rules_for
from handbook.wards.registry import load_registry

log = logging.getLogger("mkdocs.hooks.search")
_state: dict[str, rules.Synonyms] = {}
_keywords: dict[str, list[str]] = {}  # page address -> words that count like its title


def _languages(config: MkDocsConfig) -> list[rules.Language]:
    """The site's languages from mkdocs-static-i18n's own settings (default first)."""
    languages = site_config.languages(config)
    return rules.site_languages(languages.default, list(languages.codes))


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    # A ward page is found by its current and former names (the registry is already loaded,
    # and cached, by the wards hook; a problem with it is reported there).
    code = page.meta.get("ward_code")
    if code:
        try:
            registry = load_registry(ward_scope(site_config.area(config)))
        except (ContentError, ContentErrors):
            return context
        unit = registry.unit(str(code))
        names = [unit.name] if unit else []
        names += [former.name for former in registry.former_of(str(code))]
        _keywords[page.url] = names
    return context


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.docs_dir) / rules.SYNONYMS_FILE
    locales = [lang.locale for lang in _languages(config)]
    try:
        _state["synonyms"] = rules.load_synonyms(path, locales, f"docs/{rules.SYNONYMS_FILE}")
        for locale in locales:  # each language's search rules (handbook/search/languages.yml) read at once
            rules_for(locale)
    except (ContentError, ContentErrors) as error:
        raise PluginError(str(error)) from error
    return config


@event_priority(-200)  # after mkdocs-static-i18n (-100) has written the index of both languages
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    path = site_dir / rules.INDEX_PATH
    if not path.is_file():
        return
    languages = _languages(config)
    combined = json.loads(path.read_text(encoding="utf-8"))
    # Runs once per language build; only the last run (the outer one) sees every language.
    if not rules.is_combined(combined, languages):
        return
    sizes = rules.write_indexes(site_dir, combined, languages, _state.get("synonyms", {}), _keywords)
    for size in sizes:
        log.info(rules.format_sizes([size]))
        if size.gzip >= rules.GZIP_BUDGET:
            log.warning(
                f"{size.path}: chỉ mục tìm kiếm {size.locale} nặng {size.gzip / 1024:.0f} KB (gzip), quá "
                f"{rules.GZIP_BUDGET // 1024} KB mà người đọc phải tải để tìm kiếm. Cách sửa: bớt trang được "
                "lập chỉ mục "
                f"(search: exclude trong front matter) hoặc cho tải chỉ mục khi mở ô tìm kiếm. / "
                f"the {size.locale} search index is {size.gzip / 1024:.0f} KB gzip, over the "
                f"{rules.GZIP_BUDGET // 1024} KB a reader downloads to search. Fix: index fewer pages "
                f"(search: exclude in front matter) or load the index only when search is opened."
            )
