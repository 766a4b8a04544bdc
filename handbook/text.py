"""Interface text: one catalogue per language, ``handbook/messages/<lang>.yml``.

Every label, notice and message a reader sees comes from here, looked up by key in the catalogue of
the page's language. A catalogue is a flat YAML mapping ``key: text``; ``{name}`` in a text is filled
from the keyword arguments of :func:`message`. Adding a language = copying ``vi.yml`` to ``<lang>.yml``
and translating it; ``tests/test_text.py`` checks every catalogue has every key of every other.

Editors' error messages (``handbook/errors.py``) are a separate surface: always Vietnamese then English.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

MESSAGES_DIR = Path(__file__).resolve().parent / "messages"


class MissingText(LookupError):
    """A key or a whole catalogue is missing: the build stops and says which file to complete."""


def available_languages() -> list[str]:
    """Languages that have a catalogue file, sorted."""
    return sorted(path.stem for path in MESSAGES_DIR.glob("*.yml"))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The whole catalogue of ``lang`` (cached; treat it as read-only)."""
    path = MESSAGES_DIR / f"{lang}.yml"
    if not path.is_file():
        raise MissingText(
            f"handbook/messages/{lang}.yml: không có bảng chữ cho ngôn ngữ '{lang}' / no text catalogue for "
            f"language '{lang}'. Chép handbook/messages/vi.yml thành {lang}.yml rồi dịch / copy "
            f"handbook/messages/vi.yml to {lang}.yml and translate it."
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in data.items()):
        raise MissingText(f"handbook/messages/{lang}.yml: every line must be 'key: text' / "
                          "mỗi dòng là 'khóa: chữ'")
    return data


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
