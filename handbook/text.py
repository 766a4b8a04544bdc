"""Interface text: one catalogue per language, ``handbook/messages/<lang>.yml``.

Every label, notice and message a reader sees comes from here, looked up by key in the catalogue of
the page's language. A catalogue is a flat YAML mapping ``key: text``; ``{name}`` in a text is filled
from the keyword arguments of :func:`message`. Adding a language = copying ``en.yml`` to ``<lang>.yml``
and translating it; ``tests/test_text.py`` checks the catalogues kept here have every key of every other,
each line translated.

A language may be partly translated; each line of its catalogue is then one of (:func:`catalogue_lines`):

- translated: its own words, or a name written alike in every language and marked so (``key: !same Zalo``);
- copied: the same words as another catalogue (a translator's first copy of ``en.yml``): shown as they
  are, in that language;
- fallback: ``key: ~`` (marked "not translated yet"), or missing: the default language's words.

Nothing stops the build: readers get the other language's words marked with its ``lang``
(handbook/fallback_marks.py), and the translation-status page and ``scripts/handbook translations``
list those lines (handbook/maintain/translations.py).

Editors' error messages (``handbook/errors.py``) are a separate surface: always Vietnamese then English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from handbook.errors import ContentError
from handbook.lang import project_languages

MESSAGES_DIR = Path(__file__).resolve().parent / "messages"


class MissingText(LookupError):
    """A key or a whole catalogue is missing: the build stops and says which file to complete."""


def available_languages() -> list[str]:
    """Languages that have a catalogue file, sorted."""
    return sorted(path.stem for path in MESSAGES_DIR.glob("*.yml"))


class Same(str):
    """A text written alike in every language on purpose (``key: !same Zalo``): a name, not a copy."""


class _Loader(yaml.SafeLoader):
    """YAML as written, plus the ``!same`` tag."""


_Loader.add_constructor("!same", lambda loader, node: Same(loader.construct_scalar(node)))  # type: ignore[arg-type]


@cache
def _written(lang: str) -> dict[str, str | None]:
    """The catalogue file of ``lang`` as written (``None``: a line marked as falling back)."""
    path = MESSAGES_DIR / f"{lang}.yml"
    if not path.is_file():
        raise MissingText(
            f"handbook/messages/{lang}.yml: không có bảng chữ cho ngôn ngữ '{lang}' / no text catalogue for "
            f"language '{lang}'. Chép handbook/messages/en.yml thành {lang}.yml rồi dịch / copy "
            f"handbook/messages/en.yml to {lang}.yml and translate it."
        )
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str))
                                             for k, v in data.items()):
        raise MissingText(f"handbook/messages/{lang}.yml: every line must be 'key: text' (or 'key: ~', not "
                          "translated yet) / mỗi dòng là 'khóa: chữ' (hoặc 'khóa: ~', chưa dịch)")
    return data


@cache
def _configured() -> tuple[str, ...]:
    """The languages of mkdocs.yml of the project this package belongs to, the default first."""
    try:
        return project_languages(MESSAGES_DIR.parent.parent).codes
    except ContentError:
        return tuple(available_languages())


def default_language() -> str:
    """The site's default language: its catalogue is complete, and the others fall back to it."""
    return _configured()[0]


State = Literal["translated", "copied", "fallback", "missing"]
UNTRANSLATED: tuple[State, ...] = ("copied", "fallback", "missing")


@dataclass(frozen=True)
class Line:
    """One line of a catalogue as readers get it: the ``text``, the language it is written in, and why."""

    text: str
    lang: str
    state: State


@cache
def catalogue_lines(lang: str) -> dict[str, Line]:
    """Every line of ``lang``'s catalogue, with the language each text is really in (see the module)."""
    written = _written(lang)
    default = default_language()
    if lang == default:
        return {key: Line(text or "", lang, "translated") for key, text in written.items()}
    base = catalogue(default)
    # A line can be copied only from a language configured before this one (the default first): a
    # translator copies en.yml into zh.yml, not the other way round.
    order = [*_configured(), *(code for code in available_languages() if code not in _configured())]
    earlier = order[: order.index(lang)] if lang in order else order
    others = {other: _written(other) for other in earlier if other != lang}
    lines: dict[str, Line] = {}
    for key in {**base, **written}:
        text = written.get(key)
        if text is None:
            state: State = "missing" if key not in written else "fallback"
            lines[key] = Line(base[key], default, state)
            continue
        same = [other for other, texts in others.items() if texts.get(key) == text]
        if same and not isinstance(text, Same):
            source = default if default in same else same[0]
            lines[key] = Line(text, source, "copied")
        else:
            lines[key] = Line(text, lang, "translated")
    return lines


def untranslated(lang: str) -> dict[str, Line]:
    """The lines of ``lang`` readers get in another language, by key."""
    return {key: line for key, line in catalogue_lines(lang).items() if line.state in UNTRANSLATED}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The whole catalogue of ``lang`` as readers get it (cached; treat it as read-only): a line not
    translated yet holds the default language's words."""
    if lang == default_language():
        written = _written(lang)
        missing = [key for key, text in written.items() if text is None]
        if missing:
            raise MissingText(f"handbook/messages/{lang}.yml: the default language's lines need their text / "
                              f"ngôn ngữ chính phải có chữ: {', '.join(missing)}")
        return {key: str(text) for key, text in written.items()}
    return {key: line.text for key, line in catalogue_lines(lang).items()}


def message(lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    texts = catalogue(lang)
    if key not in texts:
        raise MissingText(
            f"handbook/messages/{lang}.yml: thiếu khóa '{key}' / missing key '{key}': "
            "add it (copy it from vi.yml)."
        )
    text = texts[key]
    return text.format(**values) if values else text
