"""The site's languages come from mkdocs.yml's i18n settings; a file's language from its suffix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbook.errors import ContentError
from handbook.lang import Languages, languages_from_settings, project_languages

THREE = Languages(("vi", "en", "zh"), {"vi": "Tiếng Việt", "en": "English", "zh": "中文"})


def test_the_project_languages_are_those_of_mkdocs_yml_default_first() -> None:
    languages = project_languages(ROOT)
    assert languages.default == "vi" and languages.codes[0] == "vi" and "en" in languages.translations
    assert languages.name("en") == "English"


@pytest.mark.parametrize(("path", "lang"), [
    ("guides/x.md", "vi"), ("guides/x.en.md", "en"), ("guides/x.zh.md", "zh"),
    ("guides/x.fr.md", "vi"),  # not a configured language: a default-language file named "x.fr"
])
def test_a_files_language_is_its_configured_suffix(path: str, lang: str) -> None:
    assert THREE.of_file(path) == lang


def test_translation_paths_work_for_every_language() -> None:
    assert THREE.translation_of("guides/x.md", "zh") == "guides/x.zh.md"
    assert THREE.translation_of("guides/x.md", "vi") == "guides/x.md"
    assert THREE.source_of("guides/x.zh.md") == "guides/x.md"
    assert [THREE.url_prefix(code) for code in THREE.codes] == ["", "en/", "zh/"]


def test_the_default_language_comes_first_whatever_the_order_in_the_config() -> None:
    languages = languages_from_settings([
        {"locale": "zh", "name": "中文", "build": True},
        {"locale": "vi", "name": "Tiếng Việt", "default": True, "build": True},
        {"locale": "en", "name": "English", "build": False},
    ])
    assert languages.codes == ("vi", "zh")


def test_a_config_without_a_default_language_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as error:
        languages_from_settings([{"locale": "vi", "build": True}])
    assert error.value.file == "mkdocs.yml" and "default: true" in str(error.value)
