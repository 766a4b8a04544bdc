"""Folding for search: one form for every way a reader types a Vietnamese word.

"Đóng tiền điện", "dong tien dien", "ĐÓNG TIỀN ĐIỆN", "đong tien đien" and the decomposed
(NFD) "Đóng tiền điện" sent by some keyboards all fold to "dong tien dien". Old and new tone
placement fold alike too ("hoà" and "hòa" -> "hoa", "thuỷ" and "thủy" -> "thuy").

The browser folds the reader's query with the same steps, in
overrides/assets/javascripts/search-fold.js; tests/test_search_browser.py checks that the two
agree on the tricky words listed in ``TRICKY_WORDS``.
"""

from __future__ import annotations

from handbook.slugs import fold_vietnamese

# Words whose folding must be the same here and in the browser (checked by the tests).
TRICKY_WORDS: dict[str, str] = {
    "Đồng": "dong",
    "ĐỒNG NAI": "dong nai",
    "Quỳnh": "quynh",
    "ươ": "uo",
    "Ý": "y",
    "thuở": "thuo",
    "Nguyễn": "nguyen",
    "hoà": "hoa",
    "hòa": "hoa",
    "thuỷ": "thuy",
    "đien": "dien",
    "Đ": "d",
    "đ": "d",
    "CCCD": "cccd",
    "VNeID": "vneid",
    "1.000 đ": "1.000 d",
    # The same words in decomposed Unicode (NFD), as some keyboards send them.
    "\u0110o\u0302\u0300ng": "dong",
    "Quy\u0300nh": "quynh",
    "u\u031bo\u031b": "uo",
    "Y\u0301": "y",
    "đie\u0302\u0323n": "dien",
}


def fold(text: str) -> str:
    """Lower-case ``text`` and remove every diacritic, "đ" included ("Đồng" -> "dong").

    Input in any Unicode normal form (NFC or NFD) gives the same result. Spaces, digits and
    punctuation are kept as they are.
    """
    return fold_vietnamese(text)
