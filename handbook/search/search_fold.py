"""Folding for search: one form for every way a reader types a Vietnamese word.

1. ``fold``: "Đóng tiền điện", "dong tien dien", "ĐÓNG TIỀN ĐIỆN", "đong tien đien" and the
   decomposed (NFD) "Đóng tiền điện" sent by some keyboards all fold to "dong tien dien". Old and
   new tone placement fold alike ("hoà" and "hòa" -> "hoa").
2. ``decode_word``: a word typed with Telex or VNI on a keyboard without a Vietnamese input method
   ("ddieenj", "dieenj", "d9ie65n", "d9ie6n5" -> "điện"; "phuwowngf", "phu7o7ng2" -> "phường").
   Both habits count: the tone at the end of the word ("tieenf") or right after the vowel
   ("tieefn"). ``dd``/``d9`` is đ; ``aa ee oo``/``6`` add the circumflex, ``w``/``7`` the horn
   (``aw``/``8`` the breve on a, a lone ``w`` is ư); ``s f r x j``/``1 2 3 4 5`` are the tones.
3. ``normalize_word``: a word is decoded only when the result is a real Vietnamese syllable,
   that is one of the syllables of the site's own text (``syllables``, written into the search
   index at build time). So "water", "bill", "zalo", "vneid" and "evn" are left alone.

The browser does the same in overrides/assets/javascripts/vi-typing.js (the search box and the
ward filter both use it). tests/data/fold-cases.json lists the cases both must agree on; the
tests run them here, in Node and in Chromium.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from handbook.slugs import fold_vietnamese

# Tone marks (combining), by tone number: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
TONE_MARKS = {1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323"}
_MARK_TONES = {mark: tone for tone, mark in TONE_MARKS.items()}
TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5, "z": 0}
VNI_TONES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "0": 0}
# Vowel marks: ^ circumflex, ( breve, + horn.
_MARKED = {
    ("a", "^"): "â",
    ("e", "^"): "ê",
    ("o", "^"): "ô",
    ("a", "("): "ă",
    ("o", "+"): "ơ",
    ("u", "+"): "ư",
}
_VOWELS = "aeiouy"
_NUCLEUS = "aăâeêioôơuưy"
_TYPED = re.compile(r"[a-z0-9]+")
# The shape of a syllable: onset, one to three vowels, final consonant.
_SHAPE = re.compile(
    "(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
    "[aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ]{1,3}"
    "(ch|ng|nh|[cmnpt])?"
)
_LETTERS = re.compile(r"[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+")
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and remove every diacritic, "đ" included ("Đồng" -> "dong").

    Input in any Unicode normal form (NFC or NFD) gives the same result. Spaces, digits and
    punctuation are kept as they are.
    """
    return fold_vietnamese(text)


# --------------------------------------------------------------------------------------------
# Telex and VNI typed without an input method


def _horn(letters: list[list[str]]) -> bool:
    """Apply ``w``/``7`` to the letters so far: "uo" -> "ươ", else a -> ă (w only), o -> ơ, u -> ư."""
    for i in range(len(letters) - 1):
        if letters[i][0] == "u" and letters[i + 1][0] == "o":
            letters[i][1] = letters[i + 1][1] = "+"
            return True
    for letter in reversed(letters):
        if letter[0] in "ou" and letter[1] == "":
            letter[1] = "+"
            return True
    return False


def _mark_last(letters: list[list[str]], vowels: str, mark: str) -> bool:
    for letter in reversed(letters):
        if letter[0] in vowels and letter[1] == "":
            letter[1] = mark
            return True
    return False


def _vni_mark(letters: list[list[str]], digit: str) -> bool:
    """VNI 6 (circumflex on a, e, o), 7 (horn), 8 (breve on a)."""
    if digit == "6":
        return _mark_last(letters, "aeo", "^")
    if digit == "7":
        return _horn(letters)
    return _mark_last(letters, "a", "(")


def place_tone(base: str, tone: int) -> str:
    """Put tone ``tone`` (0 none, 1-5) on the right vowel of the syllable ``base`` (NFC, lower case)."""
    if not tone:
        return base
    start = 0
    if base.startswith("qu") or (base.startswith("gi") and len(base) > 2 and base[2] in _NUCLEUS):
        start = 2
    while start < len(base) and base[start] not in _NUCLEUS:
        start += 1
    end = start
    while end < len(base) and base[end] in _NUCLEUS:
        end += 1
    if start == end:  # "gi" alone, "qu" alone: the i or u carries the tone
        start, end = start - 1, start
    nucleus = base[start:end]
    marked = [i for i, ch in enumerate(nucleus) if ch in "ăâêôơư"]
    if marked:
        at = marked[-1]
    elif len(nucleus) == 1:
        at = 0
    elif end < len(base):  # a final consonant: the last vowel ("toán", "hoạt")
        at = len(nucleus) - 1
    elif len(nucleus) == 3 or nucleus in ("oa", "oe", "uy"):
        at = 1
    else:
        at = 0
    position = start + at
    return unicodedata.normalize("NFC", base[: position + 1] + TONE_MARKS[tone] + base[position + 1:])


def decode_word(word: str) -> str | None:
    """The Vietnamese syllable that ``word``, typed in Telex or VNI, stands for; None if nothing to decode.

    ``word`` is one lower-case ASCII word ("ddieenj"). The result is not checked against real
    syllables ("water" -> "ưatẻ"): see ``normalize_word``.
    """
    if not _TYPED.fullmatch(word) or not any(ch in _VOWELS + "w" for ch in word):
        return None
    onset, i, changed = "", 0, False
    if word[:2] in ("dd", "d9"):
        onset, i, changed = "đ", 2, True
    while i < len(word) and word[i] not in _VOWELS + "w" and not word[i].isdigit():
        onset += word[i]
        i += 1
    letters: list[list[str]] = []
    tone = 0
    for ch in word[i:]:
        has_vowel = any(letter[0] in _VOWELS for letter in letters)
        if ch in TELEX_TONES and has_vowel:
            tone, changed = TELEX_TONES[ch], True
        elif ch in VNI_TONES and has_vowel:
            tone, changed = VNI_TONES[ch], True
        elif ch in "678" and _vni_mark(letters, ch):
            changed = True
        elif ch == "9" and onset == "d":
            onset, changed = "đ", True
        elif ch == "w":
            if not has_vowel:
                letters.append(["u", "+"])
            elif not (_horn(letters) or _mark_last(letters, "a", "(")):
                return None
            changed = True
        elif ch in "aeo" and any(letter == [ch, ""] for letter in letters):
            _mark_last(letters, ch, "^")
            changed = True
        elif ch.isdigit():
            return None
        else:
            letters.append([ch, ""])
    if not changed or not letters:
        return None
    base = onset + "".join(_MARKED.get((ch, mark), ch) for ch, mark in letters)
    return place_tone(base, tone)


def syllable_key(word: str) -> str:
    """``word`` without its tone mark, then the tone number: "điện" and "điêṇ" -> "điên5".

    Two spellings of one syllable that differ only in where the tone mark sits ("hoà", "hòa")
    have the same key.
    """
    tone = 0
    kept = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _MARK_TONES:
            tone = _MARK_TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + str(tone)


def syllable_keys(syllable_list: Iterable[str]) -> set[str]:
    """The keys of ``syllable_list``, and each key's toneless form when that has a mark of its own.

    So "đông" counts as real when the site has only "đồng", but "bõ" (from "box") does not count
    because the site has "bỏ": a base without its own mark ("bo") must match with its tone.
    """
    keys: set[str] = set()
    for syllable in syllable_list:
        key = syllable_key(syllable)
        keys.add(key)
        if not key[:-1].isascii():
            keys.add(key[:-1])
    return keys


def is_syllable(word: str, keys: set[str]) -> bool:
    """``word`` is in ``keys`` (from ``syllable_keys``), with its tone or, if it has a mark, without."""
    key = syllable_key(word)
    return key in keys or key[:-1] in keys


def normalize_word(word: str, keys: set[str]) -> str:
    """``word`` folded; a Telex or VNI word is decoded first when it gives a syllable in ``keys``."""
    lowered = unicodedata.normalize("NFC", word).lower()
    if _TYPED.fullmatch(lowered):
        decoded = decode_word(lowered)
        if decoded is not None and is_syllable(decoded, keys):
            return fold(decoded)
    return fold(lowered)


def normalize_query(text: str, keys: set[str]) -> str:
    """Every word of ``text`` normalised (``normalize_word``), separated by one space."""
    return " ".join(normalize_word(word, keys) for word in _WORD.findall(unicodedata.normalize("NFC", text)))


def syllables(texts: Iterable[str]) -> list[str]:
    """The distinct Vietnamese syllables with a diacritic in ``texts``, lower case, NFC, sorted.

    Only these can come out of ``decode_word`` (every decoded word has a mark or "đ").
    """
    found: set[str] = set()
    for text in texts:
        for word in _LETTERS.findall(unicodedata.normalize("NFC", text).lower()):
            if not word.isascii() and _SHAPE.fullmatch(word):
                found.add(word)
    return sorted(found)
