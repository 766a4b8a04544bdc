"""Search rules per language (handbook/search/languages.yml): folding, Telex/VNI, pairs of characters.

Plain Python, no MkDocs. The index (search_index.py) asks :func:`rules_for` how to treat a language's
pages; the rules also go into each index (``config.languages``), where the search box
(overrides/assets/javascripts/search-fold.js) reads them to treat the query the same way.

Scripts written without spaces between words (Chinese, Khmer, Thai…) have no word for lunr to index: a
whole sentence is one term, so a word inside it cannot be found. Each run of such characters is indexed as
its overlapping pairs of characters ("ngrams"): «交电费» gives «交电» and «电费»; a query gives its own pairs,
and a page whose text holds them all is found. A pair is written as a Latin token (:func:`token`: four
base-36 digits per character), which lunr, Material's own Chinese query segmenter and the stop-word
filters leave alone; the browser encodes the query the same way.

Why not a word segmenter: Material's search plugin can cut Chinese into words with jieba at build time,
but a word is then found only as jieba cut it (it reads «本手册» as one word, so «手册» typed alone does not
find «本手册…»; «在手机上交电费» as «上交|电费»), the browser has no segmenter for the query, the
dictionary is a 20 MB dependency, and there is nothing alike for Khmer. Pairs of characters find any
two or more characters as written, in every such script, for a larger index (figures in the README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from handbook.errors import ContentError

RULES_FILE = Path(__file__).resolve().parent / "languages.yml"
NGRAM = 2
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
TOKEN_WIDTH = 4  # 36**4 > 0x10FFFF: every code point fits


@dataclass(frozen=True)
class SearchRules:
    fold: bool
    telex: bool
    ngrams: bool

    def as_config(self) -> dict[str, bool]:
        return {"fold": self.fold, "telex": self.telex, "ngrams": self.ngrams}


FLAGS = ("fold", "telex", "ngrams")


def _problem(field: str, vi: str, en: str) -> ContentError:
    return ContentError(
        "handbook/search/languages.yml", field, vi,
        f"viết «{field}: {{fold: true, telex: false, ngrams: true}}» (mỗi ý true hoặc false).", en,
        f"write «{field}: {{fold: true, telex: false, ngrams: true}}» (each true or false).")


@cache
def _data() -> dict[str, object]:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("unspaced"), dict) or "breaks" not in data:
        raise _problem("default", "tệp phải có «default:», «unspaced:» và «breaks:».",
                       "the file needs «default:», «unspaced:» and «breaks:».")
    return data


def rules_for(locale: str) -> SearchRules:
    """The rules of ``locale`` (``default`` when the file does not list it)."""
    data = _data()
    field = locale if locale in data else "default"
    entry = data[field]
    if not isinstance(entry, dict) or sorted(entry) != sorted(FLAGS) or not all(
            isinstance(entry[flag], bool) for flag in FLAGS):
        raise _problem(field, f"«{field}» phải có đúng ba ý {', '.join(FLAGS)}, mỗi ý true hoặc false.",
                       f"«{field}» must have exactly {', '.join(FLAGS)}, each true or false.")
    return SearchRules(entry["fold"], entry["telex"], entry["ngrams"])


def unspaced_class() -> str:
    """The characters of scripts without word spaces, as the inside of a regular expression's [...]
    (the same text serves Python and the browser's JavaScript)."""
    ranges = _data()["unspaced"]
    assert isinstance(ranges, dict)
    return "".join(str(value) for value in ranges.values())


def breaks_class() -> str:
    """Their punctuation (separates words like a space), as the inside of a regular expression's [...]."""
    return str(_data()["breaks"])


@cache
def _unspaced() -> re.Pattern[str]:
    return re.compile(f"[{unspaced_class()}]+")


@cache
def _breaks() -> re.Pattern[str]:
    return re.compile(f"[{breaks_class()}]+")


def token(chars: str) -> str:
    """``chars`` as a Latin search term: four base-36 digits per character («电» -> "0nxh")."""
    out = []
    for char in chars:
        code, digits = ord(char), ""
        for _ in range(TOKEN_WIDTH):
            code, digit = divmod(code, 36)
            digits = _DIGITS[digit] + digits
        out.append(digits)
    return "".join(out)


def ngram_tokens(text: str) -> list[str]:
    """The pairs of neighbouring characters of every unspaced run in ``text``, as tokens (a run of one
    character is itself)."""
    tokens = []
    for run in _unspaced().findall(_breaks().sub(" ", text)):
        if len(run) < NGRAM:
            tokens.append(token(run))
        tokens.extend(token(run[i: i + NGRAM]) for i in range(len(run) - NGRAM + 1))
    return tokens


def without_unspaced(text: str) -> str:
    """``text`` with its unspaced runs replaced by a space (what is left is folded as words)."""
    return _unspaced().sub(" ", _breaks().sub(" ", text))
