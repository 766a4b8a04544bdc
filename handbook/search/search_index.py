"""The search index of each language: split, folded and given the editors' synonyms.

Plain Python (no MkDocs import), called by overrides/hooks/search.py after the whole site is built.

What it does to the one index that mkdocs-static-i18n writes for both languages
(``search/search_index.json``):

1. Split it by language, from the page addresses: ``en/...`` is English, the rest Vietnamese.
   Vietnamese stays at ``search/search_index.json`` (Material's own address, so Vietnamese search
   works even without the handbook's script); English goes to ``en/search/search_index.json``.
   Each index tells the browser where the others are (``config.languages``): the handbook's
   search script (overrides/assets/javascripts/search-fold.js) loads the page's own language.
2. Give every entry two extra search fields that Material indexes but never shows:
   ``title_terms`` and ``text_terms``: the folded form of each word that has a diacritic
   ("Đóng tiền điện" -> "dong tien dien") and the synonyms from docs/search-synonyms.yml.
   A ward page's current and former names count as title words ("bao quang" finds Phường
   Bảo Vinh first). The shown ``title`` and ``text`` keep their accents.
3. Write each language's stop words only (lunr's English stop words would drop the folded
   Vietnamese "the" (thẻ), "can" (căn) and "do" (đo)).
4. Write the site's Vietnamese syllables (``config.syllables``): the browser decodes a word typed
   in Telex or VNI ("ddieenj") only when it gives one of them, so English words stay as typed.
5. Give each page the title of its other languages' versions as extra title words (English
   stop words left out), so "water bill" typed on the Vietnamese site finds the Vietnamese water
   guide and "dong tien dien" on the English site the English electricity guide.
6. Leave out the sections readers never look for (``UNSEARCHED_SECTIONS``: a guide's list of sources),
   which the index would otherwise carry to every reader who opens search.
7. Rank the pages for maintainers (``MAINTAINER_PAGES``: how to contribute, the translation
   status, the accessibility statement) after the guides and ward pages: lunr multiplies every
   score of an entry by its ``boost``.

The browser folds the reader's query the same way (handbook/search/search_fold.py), so "dong tien dien",
"Đóng tiền điện", "đong tien đien" and decomposed Unicode all find the same pages.

Which of these a language gets is data (handbook/search/languages.yml, read by search_rules.py): folding,
Telex/VNI decoding (its syllables are written only for a language that decodes), and, for scripts written
without spaces between words (Chinese, Khmer…), pairs of characters as extra terms. Each language's rules
go into ``config.languages`` for the browser.
"""

from __future__ import annotations

import copy
import gzip
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import NoAliasLoader, read_content
from handbook.search.search_fold import fold, syllables
from handbook.search.search_rules import (
    SearchRules,
    breaks_class,
    ngram_tokens,
    rules_for,
    unspaced_class,
    without_unspaced,
)
from handbook.text import message

INDEX_PATH = "search/search_index.json"
OFFLINE_INDEX_PATH = "search/search_index.js"  # written by Material's offline plugin
SYNONYMS_FILE = "search-synonyms.yml"  # in docs/, excluded from the site (mkdocs.yml exclude_docs)
TITLE_TERMS = "title_terms"
# The first word of a page's title (its task: "Đóng tiền điện …"), and a ward page's names,
# folded and searched once more: "dong tien" finds the guide whose task is "đóng" first.
TITLE_LEAD = "title_lead"
TITLE_LEAD_WORDS = 1
TEXT_TERMS = "text_terms"
# Pages for maintainers, not residents (addresses without the language prefix): found, but last.
MAINTAINER_PAGES = ("contributing/", "accessibility/")
# Sections (address endings) left out of the index: a guide's sources (``## Nguồn {#nguon}``, written by
# handbook/guides/guide_page.py) are for checking a fact on the page, not for finding a task.
UNSEARCHED_SECTIONS = ("#nguon",)
MAINTAINER_BOOST = 1e-9  # lunr rounds scores to 1/1000: theirs become 0, so they come after every other page
# Budget per language (gzip): a reader downloads the whole index of the page's language to search.
GZIP_BUDGET = 100 * 1024

_TAG = re.compile(r"<[^>]*>")


def stop_words(locale: str) -> frozenset[str]:
    """Words of a title in ``locale`` not worth searching for from another language's site (the catalogue's
    ``search.stop_words``: English "the" is Vietnamese "thẻ", a card, once folded)."""
    return frozenset(message(locale, "search.stop_words").split())

Synonyms = dict[str, list[tuple[str, ...]]]


@dataclass(frozen=True)
class Language:
    """A language of the site: its locale, address prefix ("" for the default language, else "<locale>/")
    and index file."""

    locale: str
    prefix: str

    @property
    def index_path(self) -> str:
        return f"{self.prefix}{INDEX_PATH}"


def site_languages(default: str, others: Iterable[str]) -> list[Language]:
    """The default language at the root, the others under ``<locale>/``."""
    return [Language(default, "")] + [
        Language(locale, f"{locale}/") for locale in others if locale != default
    ]


def language_of(location: str, languages: list[Language]) -> Language:
    """The language of an index entry, from its address (the longest matching prefix wins)."""
    matching = [lang for lang in languages if location.startswith(lang.prefix)]
    return max(matching, key=lambda lang: len(lang.prefix))


# --------------------------------------------------------------------------------------------
# Words


def _split(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split like Material's search worker does (``split`` in its tokenizer)."""
    parts, index = [], 0
    for match in separator.finditer(text):
        if index < match.start():
            parts.append(text[index: match.start()])
        index = max(index, match.end())
    if index < len(text):
        parts.append(text[index:])
    return parts


def words(html: str, separator: re.Pattern[str]) -> list[str]:
    """The lower-cased words Material's search makes of ``html`` (markup is not indexed)."""
    found: list[str] = []
    for section in _TAG.split(html):
        found.extend(word.lower() for word in _split(section, separator))
    return found


def folded_words(html: str, separator: re.Pattern[str]) -> list[str]:
    """All the words of ``html``, folded ("Đóng tiền" -> ["dong", "tien"])."""
    return [fold(word) for word in words(html, separator)]


def extra_terms(html: str, separator: re.Pattern[str]) -> list[str]:
    """The folded form of each word that changes when folded (the others are indexed already)."""
    return [folded for word in words(html, separator) if (folded := fold(word)) != word]


def _same_word(word: str, wanted: str) -> bool:
    """``word`` is ``wanted``, or its English plural ("scams" for "scam", "addresses" for "address")."""
    return word == wanted or word in (wanted + "s", wanted + "es")


def _starts(words: list[str]) -> dict[str, list[int]]:
    """Where each word can start a match in ``words``: under itself and under its singular ("scams" also
    under "scam", "addresses" under "address"), so a phrase is looked for only where its first word is."""
    starts: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        for base in {word, word[:-1], word[:-2]}:
            starts.setdefault(base, []).append(index)
    return starts


def _contains(
    haystack: list[str], needle: tuple[str, ...], starts: dict[str, list[int]], plurals: bool = True
) -> bool:
    """``needle`` occurs in ``haystack`` (whose :func:`_starts` are ``starts``) as whole consecutive words
    (or their plurals)."""
    if not needle or len(needle) > len(haystack):
        return False
    same = _same_word if plurals else str.__eq__
    last = len(haystack) - len(needle)
    return any(
        i <= last and all(same(haystack[i + j], wanted) for j, wanted in enumerate(needle))
        for i in starts.get(needle[0], ())
    )


@lru_cache(maxsize=512)
def _group_phrases(group: tuple[str, ...], separator: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(folded_words(phrase, separator)) for phrase in group)


def synonym_terms(
    found_in: list[str], groups: list[tuple[str, ...]], separator: re.Pattern[str]
) -> list[str]:
    """For each synonym group with a phrase in ``found_in`` (folded words), the other phrases' words.

    A phrase found only as a plural ("scams") is added as written ("scam"), so it counts as an
    exact match.
    """
    terms: list[str] = []
    starts = _starts(found_in)
    for group in groups:
        phrases = _group_phrases(group, separator)
        if any(_contains(found_in, phrase, starts) for phrase in phrases):
            for phrase in phrases:
                if not _contains(found_in, phrase, starts, plurals=False):
                    terms.extend(phrase)
    return terms


def enrich(
    entry: dict[str, Any],
    separator: re.Pattern[str],
    groups: list[tuple[str, ...]],
    keywords: Iterable[str] = (),
    translations: Iterable[str] = (),
    rules: SearchRules = SearchRules(fold=True, telex=True, ngrams=False),
) -> dict[str, Any]:
    """A copy of an index entry with its ``title_terms``, ``text_terms`` and ``title_lead`` (left out when \
empty).

    ``keywords`` (a ward's current and former names) count like words of the title, and lead it
    too; ``translations`` (the page's title in the other languages) count like words of the title.
    """
    result = dict(entry)
    title, text = entry.get("title", ""), entry.get("text", "")
    pairs: tuple[list[str], list[str]] = ([], [])
    if rules.ngrams:  # unspaced scripts: pairs of characters; the rest is read as words
        pairs = ngram_tokens(_TAG.sub(" ", title)), ngram_tokens(_TAG.sub(" ", text))
        title, text = without_unspaced(title), without_unspaced(text)
    title_words, text_words = folded_words(title, separator), folded_words(text, separator)
    keyword_words = [word for keyword in keywords for word in folded_words(keyword, separator)]
    # New words only: a word the title already has ("QR" in both titles) would count twice.
    seen = set(title_words) | set(keyword_words)
    translated_words = []
    for word in (word for translation in translations for word in folded_words(translation, separator)):
        if word not in seen:
            seen.add(word)
            translated_words.append(word)
    folded_title, folded_text = (
        (extra_terms(title, separator), extra_terms(text, separator)) if rules.fold else ([], []))
    title_terms = (folded_title + keyword_words + translated_words
                   + synonym_terms(title_words + keyword_words + translated_words, groups, separator)
                   + pairs[0])
    text_terms = folded_text + synonym_terms(text_words, groups, separator) + pairs[1]
    if title_terms:
        result[TITLE_TERMS] = " ".join(title_terms)
    if "#" not in entry.get("location", "#") and title_words:
        result[TITLE_LEAD] = " ".join(title_words[:TITLE_LEAD_WORDS] + keyword_words)
    if text_terms:
        result[TEXT_TERMS] = " ".join(text_terms)
    return result


# --------------------------------------------------------------------------------------------
# Indexes


def _config_for(
    config: dict[str, Any], locales: list[str], languages: list[Language], syllable_list: list[str]
) -> dict[str, Any]:
    result = copy.deepcopy(config)
    known = list(config.get("lang") or [])
    # A language lunr-languages does not know (Khmer) gets lunr's default one: its stop words only, since
    # the trimmer and the stemmer are off (``pipeline``) and Material's tokenizer splits the words.
    result["lang"] = [locale for locale in locales if locale in known] or (["en"] if known else known)
    fields = result.setdefault("fields", {})
    fields.setdefault(TITLE_TERMS, dict(fields.get("title", {"boost": 1000.0})))
    fields.setdefault(TEXT_TERMS, dict(fields.get("text", {"boost": 1.0})))
    fields.setdefault(TITLE_LEAD, dict(fields.get("title", {"boost": 1000.0})))
    result["languages"] = [
        {"lang": lang.locale, "prefix": lang.prefix, "index": lang.index_path,
         **rules_for(lang.locale).as_config()}
        for lang in languages
    ]
    if any(rules_for(lang.locale).ngrams for lang in languages):
        result["unspaced"] = unspaced_class()
        result["unspaced_breaks"] = breaks_class()
    if rules_for(locales[0]).telex:
        result["syllables"] = " ".join(syllable_list)
    return result


def site_syllables(entries: Iterable[dict[str, Any]]) -> list[str]:
    """The Vietnamese syllables (with a diacritic) of the titles and texts of ``entries``."""
    return syllables(_TAG.sub(" ", entry.get("title", "") + " " + entry.get("text", "")) for entry in entries)


def rank(entry: dict[str, Any], lang: Language) -> dict[str, Any]:
    """``entry``, with a low ``boost`` when it belongs to a page for maintainers."""
    page = entry["location"].removeprefix(lang.prefix)
    if page.startswith(MAINTAINER_PAGES):
        return {**entry, "boost": MAINTAINER_BOOST}
    return entry


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def restore_fallback_pages(
    docs: dict[str, list[dict[str, Any]]], languages: list[Language], page_exists: Callable[[str], bool]
) -> None:
    """Give a language the default-language entries of its untranslated (fallback) pages.

    mkdocs-static-i18n drops an ``en/`` entry whose title and text equal the Vietnamese one (an
    untranslated page shown in English); without it English readers could not find that page.
    """
    default = languages[0]
    for lang in languages[1:]:
        own_pages = {_page(entry["location"]).removeprefix(lang.prefix) for entry in docs[lang.locale]}
        for entry in docs[default.locale]:
            page = _page(entry["location"])
            if page not in own_pages and page_exists(lang.prefix + page):
                docs[lang.locale].append({**entry, "location": lang.prefix + entry["location"]})


def translated_titles(
    docs: dict[str, list[dict[str, Any]]], languages: list[Language], separator: re.Pattern[str]
) -> dict[str, dict[str, list[str]]]:
    """For each language, page address -> the titles of that page in the other languages.

    Only whole pages (not their sections); the source language's stop words are left out.
    """
    titles: dict[str, dict[str, str]] = {}
    for lang in languages:
        for entry in docs[lang.locale]:
            if "#" not in entry["location"]:
                titles.setdefault(entry["location"].removeprefix(lang.prefix), {})[lang.locale] = entry.get(
                    "title", ""
                )
    result: dict[str, dict[str, list[str]]] = {lang.locale: {} for lang in languages}
    for page, by_locale in titles.items():
        for lang in languages:
            others = []
            for locale, title in by_locale.items():
                if locale == lang.locale or title == by_locale.get(lang.locale):
                    continue
                stop = stop_words(locale)
                others.append(" ".join(word for word in folded_words(title, separator) if word not in stop))
            if others:
                result[lang.locale][lang.prefix + page] = others
    return result


def build_indexes(
    combined: dict[str, Any],
    languages: list[Language],
    synonyms: Synonyms,
    page_exists: Callable[[str], bool] = lambda page: False,
    keywords: Mapping[str, list[str]] | None = None,
) -> dict[str, dict[str, Any]]:
    """One index per language (keyed by locale) from the combined index of the whole site.

    ``keywords`` maps a page address ("wards/bao-vinh/") to words that count like its title.
    """
    keywords = keywords or {}
    config = combined["config"]
    separator = re.compile(config.get("separator") or r"[\s\-]+")
    docs: dict[str, list[dict[str, Any]]] = {lang.locale: [] for lang in languages}
    for entry in combined["docs"]:
        if not entry["location"].endswith(UNSEARCHED_SECTIONS):
            docs[language_of(entry["location"], languages).locale].append(entry)
    restore_fallback_pages(docs, languages, page_exists)
    syllable_list = site_syllables(combined["docs"])
    other_titles = translated_titles(docs, languages, separator)
    return {
        lang.locale: {
            "config": _config_for(config, [lang.locale], languages, syllable_list),
            "docs": [
                rank(
                    enrich(
                        entry,
                        separator,
                        synonyms.get(lang.locale, []),
                        keywords.get(entry["location"], ()),
                        other_titles[lang.locale].get(entry["location"], ()),
                        rules_for(lang.locale),
                    ),
                    lang,
                )
                for entry in docs[lang.locale]
            ],
        }
        for lang in languages
    }


def combine(indexes: dict[str, dict[str, Any]], languages: list[Language]) -> dict[str, Any]:
    """All languages in one index (for the offline copy, read from file:// where nothing can be fetched)."""
    config = copy.deepcopy(indexes[languages[0].locale]["config"])
    config["lang"] = list(
        dict.fromkeys(locale for lang in languages for locale in indexes[lang.locale]["config"]["lang"])
    )
    return {"config": config, "docs": [entry for lang in languages for entry in indexes[lang.locale]["docs"]]}


def dumps(index: dict[str, Any]) -> str:
    """The index as Material writes it (compact JSON)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def is_combined(index: dict[str, Any], languages: list[Language]) -> bool:
    """True for the index mkdocs-static-i18n writes last (entries of every language, not split yet)."""
    if "languages" in index.get("config", {}):
        return False
    seen = {language_of(entry["location"], languages).locale for entry in index.get("docs", [])}
    return seen >= {lang.locale for lang in languages}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass(frozen=True)
class IndexSize:
    locale: str
    path: str
    entries: int
    raw: int
    gzip: int


def write_indexes(
    site_dir: Path,
    combined: dict[str, Any],
    languages: list[Language],
    synonyms: Synonyms,
    keywords: Mapping[str, list[str]] | None = None,
) -> list[IndexSize]:
    """Split ``combined`` into one index per language under ``site_dir``; return their sizes."""

    def page_exists(page: str) -> bool:
        target = site_dir / page
        return (target / "index.html").is_file() if page.endswith("/") or not page else target.is_file()

    indexes = build_indexes(combined, languages, synonyms, page_exists, keywords)
    sizes = []
    for lang in languages:
        data = dumps(indexes[lang.locale]).encode("utf-8")
        path = site_dir / lang.index_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        sizes.append(IndexSize(lang.locale, lang.index_path, len(indexes[lang.locale]["docs"]),
                               len(data), gzip_size(data)))
    offline = site_dir / OFFLINE_INDEX_PATH
    if offline.is_file():
        offline.write_text(f"var __index = {dumps(combine(indexes, languages))}", encoding="utf-8")
    return sizes


def read_sizes(site_dir: Path) -> list[IndexSize]:
    """The sizes of the per-language indexes of a built site (for scripts/search-index-size)."""
    root = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    sizes = []
    for item in root["config"].get("languages", [{"lang": "?", "index": INDEX_PATH}]):
        data = (site_dir / item["index"]).read_bytes()
        entries = len(json.loads(data)["docs"])
        sizes.append(IndexSize(item["lang"], item["index"], entries, len(data), gzip_size(data)))
    return sizes


def format_sizes(sizes: list[IndexSize]) -> str:
    lines = []
    for size in sizes:
        verdict = "ok" if size.gzip < GZIP_BUDGET else f"OVER the {GZIP_BUDGET // 1024} KB budget"
        lines.append(f"search index {size.locale}: {size.path}: {size.entries} entries, "
                     f"{size.raw / 1024:.1f} KB, {size.gzip / 1024:.1f} KB gzip ({verdict})")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Synonyms file


def _error(
    file: str, line: int | None, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str
) -> ContentError:
    where = f"dòng {line} / line {line}" if line else "cả tệp / whole file"
    return ContentError(file, where, problem_vi, fix_vi, problem_en, fix_en)


def parse_synonyms(source: str, file: str, locales: Iterable[str]) -> Synonyms:
    """Read the synonyms file; every mistake is reported at once, with its line number.

    The file maps a language to a list of groups; each group lists words or phrases that mean
    the same thing to a reader, for example ``- [cccd, căn cước công dân, thẻ căn cước]``.
    """
    locales = list(locales)
    try:
        root = yaml.compose(source, Loader=NoAliasLoader)
    except yaml.YAMLError as error:
        # Where the broken part starts (an unclosed "[" is reported where the file ends).
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ContentErrors(
            [
                _error(
                    file,
                    line,
                    "tệp không đúng cú pháp YAML.",
                    "so với các dòng mẫu ở đầu tệp: mỗi nhóm nằm trên một dòng, dạng «- [từ 1, từ 2]».",
                    "the file is not valid YAML.",
                    "compare with the example lines at the top of the file: one group per line, like «- "
                    "[word 1, word 2]».",
                )
            ]
        ) from error
    if root is None:
        return {locale: [] for locale in locales}
    errors: list[ContentError] = []
    result: Synonyms = {locale: [] for locale in locales}
    if not isinstance(root, yaml.MappingNode):
        raise ContentErrors([_error(
            file, root.start_mark.line + 1,
            f"tệp phải bắt đầu bằng tên ngôn ngữ ({', '.join(locales)}) rồi dấu hai chấm.",
            "viết «vi:» trên một dòng, rồi các nhóm từ bên dưới, mỗi nhóm bắt đầu bằng «  - ».",
            f"the file must start with a language name ({', '.join(locales)}) and a colon.",
            "write «vi:» on a line, then the groups below it, each starting with «  - ».",
        )])
    for key_node, groups_node in root.value:
        locale = key_node.value
        line = key_node.start_mark.line + 1
        if locale not in locales:
            errors.append(_error(
                file, line,
                f"«{locale}» không phải ngôn ngữ của sổ tay.",
                f"dùng một trong: {', '.join(locales)}.",
                f"«{locale}» is not a language of the handbook.",
                f"use one of: {', '.join(locales)}.",
            ))
            continue
        if isinstance(groups_node, yaml.ScalarNode) and groups_node.value in ("", "~", "null"):
            continue
        if not isinstance(groups_node, yaml.SequenceNode):
            errors.append(_error(
                file, line,
                f"dưới «{locale}:» phải là danh sách các nhóm từ.",
                "mỗi nhóm trên một dòng, dạng «  - [từ 1, từ 2]».",
                f"«{locale}:» must be followed by a list of groups.",
                "one group per line, like «  - [word 1, word 2]».",
            ))
            continue
        seen: dict[str, int] = {}
        for group_node in groups_node.value:
            group_line = group_node.start_mark.line + 1
            group = _parse_group(group_node, file, group_line, errors)
            if group is None:
                continue
            for phrase in group:
                key = " ".join(fold(phrase).split())
                if key in seen:
                    errors.append(
                        _error(
                            file,
                            group_line,
                            f"«{phrase}» đã có trong nhóm ở dòng {seen[key]} (không kể dấu và chữ hoa).",
                            f"gộp hai nhóm thành một, hoặc bỏ «{phrase}» ở một nhóm.",
                            f"«{phrase}» is already in the group on line {seen[key]} (ignoring accents and "
                            "capitals).",
                            f"merge the two groups into one, or remove «{phrase}» from one of them.",
                        )
                    )
                else:
                    seen[key] = group_line
            result[locale].append(group)
    if errors:
        raise ContentErrors(errors)
    return result


def _parse_group(node: yaml.Node, file: str, line: int, errors: list[ContentError]) -> tuple[str, ...] | None:
    if not isinstance(node, yaml.SequenceNode) or not all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    ):
        errors.append(_error(
            file, line,
            "một nhóm phải là danh sách từ trong ngoặc vuông.",
            "viết dạng «  - [cccd, căn cước công dân]».",
            "a group must be a list of words in square brackets.",
            "write it like «  - [cccd, căn cước công dân]».",
        ))
        return None
    phrases = tuple(" ".join(item.value.split()) for item in node.value)
    if any(not phrase for phrase in phrases):
        errors.append(_error(
            file, line,
            "nhóm có một từ trống.",
            "bỏ dấu phẩy thừa, hoặc viết từ vào chỗ trống.",
            "the group has an empty word.",
            "remove the extra comma, or write the word.",
        ))
        return None
    if len(phrases) < 2:
        errors.append(_error(
            file, line,
            "nhóm chỉ có một từ: không có gì để coi là giống nhau.",
            "thêm ít nhất một từ cùng nghĩa, cách nhau bằng dấu phẩy, hoặc xóa dòng này.",
            "the group has only one word: there is nothing to treat as the same.",
            "add at least one word with the same meaning, separated by a comma, or delete the line.",
        ))
        return None
    if any("<" in phrase or ">" in phrase for phrase in phrases):
        errors.append(_error(
            file, line,
            "từ đồng nghĩa không được chứa dấu < hoặc >.",
            "bỏ các dấu < và > ra khỏi nhóm.",
            "a synonym may not contain < or >.",
            "remove the < and > signs from the group.",
        ))
        return None
    return phrases


def load_synonyms(path: Path, locales: Iterable[str], display_name: str | None = None) -> Synonyms:
    """The synonyms file ``path`` (no file: no synonyms)."""
    if not path.is_file():
        return {locale: [] for locale in locales}
    label = display_name or str(path)
    return parse_synonyms(read_content(path, label)[0], label, locales)  # repaired, as the check reads it


def synonym_count(synonyms: Mapping[str, list[tuple[str, ...]]]) -> int:
    return sum(len(groups) for groups in synonyms.values())


# --------------------------------------------------------------------------------------------
# Command line (scripts/search-index-size)


def main(argv: list[str] | None = None) -> int:
    """Print the size of each language's search index of a built site; 1 if one is over budget."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="search-index-size",
        description="Print the size (raw and gzip) of each language's search index of a built site.",
    )
    parser.add_argument("site_dir", type=Path, help="a built site (the folder mkdocs build wrote)")
    args = parser.parse_args(argv)
    try:
        sizes = read_sizes(args.site_dir)
    except (OSError, ValueError, KeyError) as error:
        print(f"{args.site_dir}: no search index ({error}). Build the site first. / "
              f"Chưa có chỉ mục tìm kiếm: hãy dựng trang trước.")
        return 2
    print(format_sizes(sizes))
    return 0 if all(size.gzip < GZIP_BUDGET for size in sizes) else 1
