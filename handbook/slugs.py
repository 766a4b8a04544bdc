"""Heading ids that keep every Vietnamese letter.

Python-Markdown's default slugify drops "đ" ("Đăng nhập" -> "ang-nhap") because
Unicode does not decompose it. Here "đ" becomes "d" and the other diacritics
are removed, so "Đăng nhập" -> "dang-nhap".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_SLUG_CHARS = re.compile(r"[^a-z0-9\s-]")
_SPACES = re.compile(r"[\s-]+")


@lru_cache(maxsize=65536)  # the same names are folded again and again (sorting directories, searching)
def fold_vietnamese(text: str) -> str:
    """Lower-case ``text`` and remove Vietnamese diacritics ("Đồng" -> "dong")."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    without_marks = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return without_marks.lower()


def slugify(value: str, separator: str = "-") -> str:
    """Slug for a heading id; signature matches Python-Markdown's toc ``slugify``."""
    folded = _NOT_SLUG_CHARS.sub("", fold_vietnamese(value)).strip()
    return _SPACES.sub(separator, folded)
