"""The interface-text catalogues (handbook/messages/<lang>.yml): complete, consistent, strict."""

from __future__ import annotations

import re
import string

import pytest

from handbook.text import MissingText, available_languages, catalogue, message, untranslated

PLACEHOLDER = string.Formatter()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in PLACEHOLDER.parse(text) if name}


def test_every_catalogue_has_every_key_with_the_same_placeholders() -> None:
    languages = available_languages()
    assert len(languages) >= 2
    keys = {lang: set(catalogue(lang)) for lang in languages}
    every_key = set().union(*keys.values())
    for lang in languages:
        assert keys[lang] == every_key, f"{lang}.yml misses {sorted(every_key - keys[lang])}"
        for key in every_key:
            expected = _placeholders(catalogue(languages[0])[key])
            assert _placeholders(catalogue(lang)[key]) == expected, (lang, key)


def test_no_catalogue_repeats_a_key() -> None:
    from handbook.text import MESSAGES_DIR

    for path in MESSAGES_DIR.glob("*.yml"):
        keys = re.findall(r"^([\w.\-]+):", path.read_text(encoding="utf-8"), re.MULTILINE)
        repeated = {key for key in keys if keys.count(key) > 1}
        assert not repeated, f"{path.name} repeats {sorted(repeated)}"


def test_a_missing_key_or_language_names_the_file_to_complete() -> None:
    with pytest.raises(MissingText, match=r"handbook/messages/vi\.yml.*no-such-key"):
        message("vi", "no-such-key")
    with pytest.raises(MissingText, match=r"handbook/messages/zz\.yml"):
        message("zz", "untranslated.title")


def test_the_catalogues_kept_here_are_translated_line_by_line() -> None:
    """A line of en.yml left as in vi.yml would reach English readers in Vietnamese (names written alike in
    every catalogue, "Zalo", count as translated)."""
    for lang in available_languages():
        assert untranslated(lang) == {}, f"{lang}.yml: {sorted(untranslated(lang))}"
