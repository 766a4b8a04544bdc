"""Search (issues 5, 16): folding, Telex/VNI decoding, synonyms, one index per language, ranking,
sizes. No browser here (Node runs the browser's decoder on the shared cases).

The browser half (typing into the real search box) is in test_search_browser.py and the query
table in test_search_quality.py.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import string
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from budgets import SEARCH_INDEX_KB

from conftest import ROOT, copy_project, run_build
from handbook.errors import ContentError, ContentErrors
from handbook.publish.bundle import SEARCH_JS, script_order
from handbook.search import search_fold, search_index, search_rules
from handbook.search.search_fold import fold

CASES = json.loads((ROOT / "tests" / "data" / "fold-cases.json").read_text(encoding="utf-8"))
TYPING_JS = ROOT / "overrides" / "assets" / "javascripts" / "vi-typing.js"

SEPARATOR = re.compile(r'[\s\-,:;!?=\[\]()"/«»“”‘’…·|]+|\.(?!\d)|&[lg]t;')
LANGUAGES = search_index.site_languages("vi", ["en"])


def load_index(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def entry(index: dict, location: str) -> dict:
    found = [doc for doc in index["docs"] if doc["location"] == location]
    assert found, f"{location} is not in the index"
    return found[0]


def terms(doc: dict) -> list[str]:
    return (doc.get("title_terms", "") + " " + doc.get("text_terms", "")).split()


# --------------------------------------------------------------------------------------------
# Folding (handbook/search/search_fold.py)


@pytest.mark.parametrize(("word", "folded"), CASES["fold"])
def test_fold_tricky_words(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize(("typed", "syllable"), CASES["decode"])
def test_telex_and_vni_typed_without_an_input_method_decode(typed: str, syllable: str | None) -> None:
    assert search_fold.decode_word(typed) == syllable


@pytest.mark.parametrize(("query", "normalized"), CASES["normalize"])
def test_a_query_is_decoded_only_into_real_syllables(query: str, normalized: str) -> None:
    keys = search_fold.syllable_keys(CASES["syllables"])
    assert search_fold.normalize_query(query, keys) == normalized


@pytest.mark.parametrize(("text", "found"), CASES["site_syllables"])
def test_the_syllable_list_holds_vietnamese_syllables_only(text: str, found: list[str]) -> None:
    assert search_fold.syllables([text]) == found


NODE_CHECK = """
const typing = require(process.argv[1]);
const cases = require(process.argv[2]);
const keys = typing.syllableKeys(cases.syllables);
console.log(JSON.stringify({
  fold: cases.fold.map(([text]) => typing.fold(text)),
  decode: cases.decode.map(([word]) => typing.decodeWord(word)),
  normalize: cases.normalize.map(([query]) => typing.normalizeQuery(query, keys)),
  site_syllables: cases.site_syllables.map(([text]) => typing.syllables([text])),
}));
"""


def test_the_browsers_module_agrees_with_python_on_every_shared_case() -> None:
    """vi-typing.js (the search box and the ward filter) run in Node on tests/data/fold-cases.json."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run the browser's decoder (it is installed with npm)"
    result = subprocess.run(
        [node, "-e", NODE_CHECK, str(TYPING_JS), str(ROOT / "tests" / "data" / "fold-cases.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(result.stdout)
    for name in ("fold", "decode", "normalize", "site_syllables"):
        assert got[name] == [expected for _, expected in CASES[name]], name


def test_english_words_are_not_mangled_even_when_their_letters_look_like_telex() -> None:
    keys = search_fold.syllable_keys(["ưa", "tẻ", "bỏ", "bí", "zà", "đi"])
    for word in ("water", "bill", "zalo", "vneid", "evn", "box", "online", "scams", "pass"):
        assert search_fold.normalize_word(word, keys) == word


@pytest.mark.parametrize("text", ["Đồng Nai", "Quỳnh", "ươ", "Ý", "Đóng tiền điện", "Phường Bảo Vinh"])
def test_fold_gives_the_same_result_for_nfc_nfd_capitals_and_no_accents(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text or text.isascii()
    variants = {text, nfd, text.upper(), unicodedata.normalize("NFD", text.upper()), fold(text)}
    assert {fold(variant) for variant in variants} == {fold(text)}
    assert fold(text).isascii()


def test_fold_keeps_d_and_mixed_forms_alike() -> None:
    # "đ" is a letter of its own in Unicode (no decomposition): it must still become "d".
    assert unicodedata.decomposition("đ") == ""
    assert fold("đien") == fold("điện") == fold("dien") == fold("ĐIỆN") == "dien"
    assert fold("hoà") == fold("hòa")  # old and new tone placement


# --------------------------------------------------------------------------------------------
# Index entries


def test_extra_terms_are_the_folded_words_that_had_diacritics() -> None:
    html = "<p>Đóng tiền điện bằng ứng dụng <strong>CSKH EVNSPC</strong>.</p>"
    assert search_index.words(html, SEPARATOR) == [
        "đóng",
        "tiền",
        "điện",
        "bằng",
        "ứng",
        "dụng",
        "cskh",
        "evnspc",
    ]
    assert search_index.extra_terms(html, SEPARATOR) == ["dong", "tien", "dien", "bang", "ung", "dung"]


def test_enrich_keeps_what_readers_see_and_adds_synonyms() -> None:
    groups = [("cccd", "căn cước công dân", "thẻ căn cước"), ("tiền điện", "hóa đơn điện")]
    doc = {"location": "guides/x/", "title": "Thẻ căn cước", "text": "<p>Trả tiền điện.</p>"}
    enriched = search_index.enrich(doc, SEPARATOR, groups)
    assert enriched["title"] == "Thẻ căn cước" and enriched["text"] == "<p>Trả tiền điện.</p>"
    assert enriched["title_terms"].split() == ["the", "can", "cuoc", "cccd", "can", "cuoc", "cong", "dan"]
    assert enriched["text_terms"].split() == ["tra", "tien", "dien", "hoa", "don", "dien"]


def _chars(token: str) -> str:
    """A pair token read back: four base-36 digits a character."""
    return "".join(chr(int(token[i: i + 4], 36)) for i in range(0, len(token), 4))


def test_unspaced_scripts_are_indexed_as_pairs_of_characters_and_latin_words_still_fold() -> None:
    rules = search_rules.rules_for("zh")  # not listed in languages.yml: the default rules
    assert rules.ngrams and rules.fold and not rules.telex
    doc = {"location": "zh/", "title": "首页", "text": "<p>在手机上交电费。Phường Bảo Vinh</p>"}
    enriched = search_index.enrich(doc, SEPARATOR, [], rules=rules)
    pairs = [_chars(term) for term in enriched["text_terms"].split() if term.isalnum() and len(term) == 8]
    assert "电费" in pairs and "手机" in pairs and "交电" in pairs
    assert {"phuong", "bao"} <= set(enriched["text_terms"].split())
    assert [_chars(term) for term in enriched["title_terms"].split()] == ["首页"]
    # Khmer keeps its vowel signs and subscripts (U+17D2): nothing of it is "folded" away
    khmer = search_index.enrich({"location": "km/", "title": "", "text": "ថ្លៃអគ្គិសនី"}, SEPARATOR, [],
                                rules=search_rules.rules_for("km"))
    kept = "".join(_chars(term) for term in khmer["text_terms"].split())
    assert set(kept) == set("ថ្លៃអគ្គិសនី") and "\u17d2" in kept


@pytest.mark.parametrize("entry", ["{fold: true, telex: false}",
                                   "{fold: yes please, telex: false, ngrams: true}"])
def test_a_wrong_language_line_in_the_search_rules_names_the_file_and_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    rules_file = tmp_path / "languages.yml"
    kept = search_rules.RULES_FILE.read_text(encoding="utf-8")
    rules_file.write_text(f"{kept}zh: {entry}\n", encoding="utf-8")
    monkeypatch.setattr(search_rules, "RULES_FILE", rules_file)
    search_rules._data.cache_clear()
    try:
        with pytest.raises(ContentError) as raised:
            search_rules.rules_for("zh")
    finally:
        search_rules._data.cache_clear()
    message = str(raised.value)
    assert "handbook/search/languages.yml" in message and "zh" in message and "true or false" in message


def test_vietnamese_and_english_keep_their_rules() -> None:
    for locale in ("vi", "en"):
        rules = search_rules.rules_for(locale)
        assert rules.fold and rules.telex and not rules.ngrams, locale
    doc = {"location": "guides/x/", "title": "Đóng tiền điện", "text": "交电费"}
    assert search_index.enrich(doc, SEPARATOR, []) == search_index.enrich(
        doc, SEPARATOR, [], rules=search_rules.rules_for("vi"))


def test_synonyms_match_whole_words_only() -> None:
    groups = [("ck", "chuyển khoản")]
    doc = {"location": "a/", "title": "Check", "text": "<p>cki chuyển khoảng</p>"}
    assert "ck" not in terms(search_index.enrich(doc, SEPARATOR, groups))


def test_english_synonyms_match_plurals() -> None:
    groups = [("scam", "fraud"), ("id card", "identity card")]
    doc = {"location": "en/a/", "title": "Recognise online scams", "text": "<p>Addresses on ID cards</p>"}
    enriched = search_index.enrich(doc, SEPARATOR, groups)
    # "scams" counts as "scam": the group applies, and "scam" is added as written (an exact match).
    assert enriched["title_terms"].split() == ["scam", "fraud"]
    assert enriched["text_terms"].split() == ["id", "card", "identity", "card"]


def test_build_indexes_splits_by_language_and_restores_untranslated_pages() -> None:
    combined = {
        "config": {"lang": ["vi", "en"], "separator": SEPARATOR.pattern, "pipeline": ["stopWordFilter"],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "", "title": "Trang chủ", "text": ""},
            {"location": "guides/a/", "title": "Đóng tiền", "text": ""},
            {"location": "guides/b/", "title": "Chưa dịch", "text": ""},
            {"location": "guides/b/#buoc-1", "title": "Bước 1", "text": ""},
            {"location": "en/", "title": "Home", "text": ""},
            {"location": "en/guides/a/", "title": "Pay", "text": ""},
        ],
    }
    indexes = search_index.build_indexes(
        combined, LANGUAGES, {}, page_exists=lambda page: page == "en/guides/b/"
    )
    vi, en = indexes["vi"], indexes["en"]
    assert [doc["location"] for doc in vi["docs"]] == ["", "guides/a/", "guides/b/", "guides/b/#buoc-1"]
    assert [doc["location"] for doc in en["docs"]] == [
        "en/",
        "en/guides/a/",
        "en/guides/b/",
        "en/guides/b/#buoc-1",
    ]
    assert vi["config"]["lang"] == ["vi"] and en["config"]["lang"] == ["en"]
    assert vi["config"]["fields"]["title_terms"] == {"boost": 1000.0}
    assert vi["config"]["languages"] == en["config"]["languages"] == [
        {"lang": "vi", "prefix": "", "index": "search/search_index.json", "fold": True, "telex": True,
         "ngrams": False},
        {"lang": "en", "prefix": "en/", "index": "en/search/search_index.json", "fold": True, "telex": True,
         "ngrams": False},
    ]
    assert "unspaced" not in vi["config"]  # no language in a script without spaces
    assert search_index.is_combined(combined, LANGUAGES)
    assert not search_index.is_combined(vi, LANGUAGES) and not search_index.is_combined(en, LANGUAGES)


# --------------------------------------------------------------------------------------------
# Synonyms file


def test_the_synonyms_file_of_the_handbook_is_valid() -> None:
    synonyms = search_index.load_synonyms(ROOT / "docs" / search_index.SYNONYMS_FILE, ["vi", "en"])
    assert (
        "cccd",
        "căn cước công dân",
        "thẻ căn cước",
        "chứng minh nhân dân",
        "cmnd",
        "id card",
    ) in synonyms["vi"]
    # The abbreviations residents type (issue 16).
    vi_words = {fold(phrase) for group in synonyms["vi"] for phrase in group}
    assert {"dvc", "hcc", "ubnd", "cccd", "cmnd", "bhyt", "evn", "otp", "ck", "tk", "sdt"} <= vi_words
    # English on the Vietnamese site
    assert {"water bill", "electricity bill", "scam", "health book"} <= vi_words
    assert any("tiền điện" in group and "hóa đơn điện" in group for group in synonyms["vi"])
    assert synonyms["en"]


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("vi:\n  - [cccd, căn cước\n", 2, "YAML"),
        ("vi:\n  - [cccd]\n", 2, "only one word"),
        ("vi:\n  - [cccd, căn cước]\n  - [tiền điện, hóa đơn điện]\n", None, None),  # fine
        ("vi:\n  - [cccd, căn cước]\n  - [Căn Cước, thẻ]\n", 3, "already in the group on line 2"),
        ("fr:\n  - [a, b]\n", 1, "not a language"),
        ("vi:\n  - cccd\n", 2, "square brackets"),
        ("vi:\n  - [cccd, '']\n", 2, "empty word"),
        ("- [a, b]\n", 1, "must start with a language"),
    ],
)
def test_synonym_mistakes_name_the_line_in_both_languages(
    source: str, line: int | None, words: str | None
) -> None:
    if line is None:
        search_index.parse_synonyms(source, "docs/search-synonyms.yml", ["vi", "en"])
        return
    with pytest.raises(ContentErrors) as caught:
        search_index.parse_synonyms(source, "docs/search-synonyms.yml", ["vi", "en"])
    message = str(caught.value)
    assert f"docs/search-synonyms.yml (dòng {line} / line {line})" in message
    assert words in message and "[vi] Lỗi:" in message and "Cách sửa:" in message and "Fix:" in message


def test_a_broken_synonyms_file_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / search_index.SYNONYMS_FILE).write_text("vi:\n  - [cccd]\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/search-synonyms.yml (dòng 2 / line 2)" in result.stdout + result.stderr


# --------------------------------------------------------------------------------------------
# The built site


def test_each_language_has_its_own_index(site_dir: Path) -> None:
    vi = load_index(site_dir, "search/search_index.json")
    en = load_index(site_dir, "en/search/search_index.json")
    assert vi["docs"] and en["docs"]
    assert not [doc["location"] for doc in vi["docs"] if doc["location"].startswith("en/")]
    assert all(doc["location"].startswith("en/") for doc in en["docs"])
    assert vi["config"]["lang"] == ["vi"] and en["config"]["lang"] == ["en"]
    # Every built page of each language is in its index.
    vi_pages = {doc["location"].split("#")[0] for doc in vi["docs"]}
    en_pages = {doc["location"].split("#")[0] for doc in en["docs"]}
    for page in ("", "guides/dong-tien-dien/", "guides/dang-nhap-dich-vu-cong/", "wards/bao-vinh/"):
        assert page in vi_pages and f"en/{page}" in en_pages


def test_index_entries_keep_accents_and_carry_folded_words(site_dir: Path) -> None:
    vi = load_index(site_dir, "search/search_index.json")
    guide = entry(vi, "guides/dong-tien-dien/")
    assert guide["title"].startswith("Đóng tiền điện")
    assert guide["title_terms"].startswith("dong tien dien")
    assert all(term.isascii() for term in terms(guide))


def test_synonyms_reach_pages_that_never_use_the_word(site_dir: Path) -> None:
    vi = load_index(site_dir, "search/search_index.json")
    # No page says "cmnd": only the synonym of "căn cước công dân"/"thẻ căn cước" finds them.
    assert not [doc["location"] for doc in vi["docs"] if "cmnd" in fold(doc["title"] + " " + doc["text"])]
    with_synonym = {doc["location"].split("#")[0] for doc in vi["docs"] if "cmnd" in terms(doc)}
    assert "guides/kich-hoat-vneid/" in with_synonym


def test_ward_pages_carry_their_former_names_as_title_words(site_dir: Path) -> None:
    vi = load_index(site_dir, "search/search_index.json")
    en = load_index(site_dir, "en/search/search_index.json")
    for index, prefix in ((vi, ""), (en, "en/")):
        title_terms = entry(index, f"{prefix}wards/bao-vinh/")["title_terms"]
        assert "bao quang" in title_terms
        assert "xuan an" in entry(index, f"{prefix}wards/long-khanh/")["title_terms"]


def test_each_language_index_is_under_100_kb_gzip(site_dir: Path) -> None:
    sizes = search_index.read_sizes(site_dir)
    assert [size.locale for size in sizes] == ["vi", "en"]
    for size in sizes:
        gzipped = len(gzip.compress((site_dir / size.path).read_bytes(), compresslevel=9))
        assert gzipped < SEARCH_INDEX_KB * 1024, search_index.format_sizes([size])


def _index_of_gzip_size(site: Path, kb: float) -> None:
    """A built site's search index (one language) of just over ``kb`` KB gzip: a page of random words."""
    pick = random.Random(0)
    words = ["".join(pick.choices(string.ascii_lowercase, k=6)) for _ in range(60_000)]

    def index(count: int) -> bytes:
        doc = {"location": "", "title": "x", "text": " ".join(words[:count])}
        return json.dumps({"config": {"lang": ["vi"]}, "docs": [doc]}).encode()

    per_word = len(gzip.compress(index(10_000), compresslevel=9)) / 10_000
    count = int(kb * 1024 / per_word * 0.99)
    while len(gzip.compress(index(count), compresslevel=9)) < kb * 1024:
        count += 100
    (site / "search").mkdir(parents=True)
    (site / "search/search_index.json").write_bytes(index(count))


@pytest.mark.parametrize(("kb", "status"), [(SEARCH_INDEX_KB - 3, 0), (SEARCH_INDEX_KB + 1, 1)])
def test_the_size_command_refuses_an_index_over_100_kb_gzip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kb: int, status: int
) -> None:
    """The limit the build and scripts/search-index-size enforce is the budget (tests/budgets.py)."""
    _index_of_gzip_size(tmp_path, kb)
    assert search_index.main([str(tmp_path)]) == status
    verdict = f"OVER the {SEARCH_INDEX_KB} KB budget" if status else "(ok)"
    assert verdict in capsys.readouterr().out


def test_the_size_command_prints_each_language(site_dir: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "search-index-size"), str(site_dir)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(
        r"search index vi: search/search_index\.json: \d+ entries, [\d.]+ KB, [\d.]+ KB gzip", result.stdout
    )
    assert re.search(r"search index en: en/search/search_index\.json: .* KB gzip", result.stdout)


def test_the_synonyms_file_is_not_published(site_dir: Path) -> None:
    assert not list(site_dir.rglob("search-synonyms*"))


@pytest.mark.parametrize(
    "path", ["index.html", "guides/dong-tien-dien/index.html", "en/wards/bao-vinh/index.html", "404.html"]
)
def test_pages_hold_the_search_code_back_until_search_opens(site_dir: Path, path: str) -> None:
    """lazy-search.js (in the project's one script) runs before Material's bundle and knows where the
    search code is (vi-typing.js then search-fold.js, one script: handbook/publish/bundle.py SEARCH_JS); the
    page does not load that script itself."""
    html = (site_dir / path).read_text(encoding="utf-8")
    scripts = script_order(html)  # the project's scripts stand for their parts (handbook/publish/bundle.py)
    lazy = scripts.index("assets/javascripts/lazy-search.js")
    bundle = [
        i
        for i, src in enumerate(scripts)
        if re.search(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", src)
    ]
    assert bundle and lazy < bundle[0], scripts
    assert not [src for src in scripts if src.endswith(("search-fold.js", "vi-typing.js"))], scripts
    search_js = re.search(r'data-search-js="([^"]+)"', html)
    assert search_js, html[:2000]
    src = search_js.group(1)  # relative, or from the site root on the 404 pages
    folder = site_dir if src.startswith("/") else (site_dir / path).parent
    assert (folder / src.lstrip("/")).resolve().is_file(), src
    parts = [part.path for part in SEARCH_JS]
    assert parts == ["assets/javascripts/vi-typing.js", "assets/javascripts/search-fold.js",
                     "assets/javascripts/search-panel.js"]


@pytest.mark.parametrize("path", ["wards/index.html", "en/wards/index.html"])
def test_the_ward_directory_loads_the_search_code_before_its_filter_runs(site_dir: Path, path: str) -> None:
    html = (site_dir / path).read_text(encoding="utf-8")
    scripts = script_order(html)
    typing = scripts.index("assets/javascripts/vi-typing.js")
    assert typing < scripts.index("assets/javascripts/search-fold.js")
    # Deferred: it runs once the page is parsed, before ward-filter.js starts (on DOMContentLoaded).
    assert re.search(r'<script src="[^"]*search-fold\.[0-9a-f]{8}\.min\.js" defer>', html)
    assert any(src.endswith("ward-filter.js") for src in scripts)


def test_the_offline_index_holds_both_languages_for_the_browser_to_filter() -> None:
    combined = {
        "config": {"lang": ["vi", "en"], "separator": SEPARATOR.pattern, "fields": {}},
        "docs": [{"location": "index.html", "title": "Trang chủ", "text": ""},
                 {"location": "en/index.html", "title": "Home", "text": ""}],
    }
    indexes = search_index.build_indexes(combined, LANGUAGES, {})
    offline = search_index.combine(indexes, LANGUAGES)
    assert [doc["location"] for doc in offline["docs"]] == ["index.html", "en/index.html"]
    assert offline["config"]["lang"] == ["vi", "en"]
    assert offline["config"]["languages"] == indexes["vi"]["config"]["languages"]
    # Only the words that had diacritics, and the English title of the same page.
    assert offline["docs"][0]["title_terms"] == "chu home"


# --------------------------------------------------------------------------------------------
# Issue 16: syllables, ranking, translated titles


def test_each_index_lists_the_sites_syllables_for_decoding(site_dir: Path) -> None:
    for path in ("search/search_index.json", "en/search/search_index.json"):
        listed = load_index(site_dir, path)["config"]["syllables"].split()
        assert {"điện", "tiền", "đóng", "phường", "mới", "lừa", "đảo"} <= set(listed), path
        assert all(not word.isascii() for word in listed)
        assert "water" not in listed and "bill" not in listed


def test_maintainer_pages_are_ranked_last_and_reader_pages_are_not_touched(site_dir: Path) -> None:
    for index, prefix in ((load_index(site_dir, "search/search_index.json"), ""),
                          (load_index(site_dir, "en/search/search_index.json"), "en/")):
        boosted = {doc["location"].split("#")[0] for doc in index["docs"] if "boost" in doc}
        assert boosted == {
            f"{prefix}contributing/",
            f"{prefix}contributing/translations/",
            f"{prefix}accessibility/",
        }
        assert all(doc["boost"] <= 1e-6 for doc in index["docs"] if "boost" in doc)


def test_a_page_carries_its_title_in_the_other_language(site_dir: Path) -> None:
    vi = load_index(site_dir, "search/search_index.json")
    en = load_index(site_dir, "en/search/search_index.json")
    water = entry(vi, "guides/dong-tien-nuoc/")["title_terms"].split()
    assert {"water", "bill"} <= set(water)
    assert "the" not in water  # an English stop word would match "thẻ" (card) on the Vietnamese site
    assert {"dong", "tien", "dien"} <= set(entry(en, "en/guides/dong-tien-dien/")["title_terms"].split())


def test_the_first_word_of_a_title_and_a_wards_names_lead_it(site_dir: Path) -> None:
    vi = load_index(site_dir, "search/search_index.json")
    assert entry(vi, "guides/dong-tien-dien/")["title_lead"] == "dong"
    assert "xuan an" in entry(vi, "wards/long-khanh/")["title_lead"]
    assert vi["config"]["fields"]["title_lead"]["boost"] == vi["config"]["fields"]["title"]["boost"]
    assert not [doc for doc in vi["docs"] if "#" in doc["location"] and "title_lead" in doc]


def test_rank_uses_the_address_without_the_language_prefix() -> None:
    en = search_index.Language("en", "en/")
    assert search_index.rank({"location": "en/contributing/#x"}, en)["boost"] == search_index.MAINTAINER_BOOST
    assert "boost" not in search_index.rank({"location": "en/guides/contributing-money/"}, en)


def test_a_translated_title_adds_new_words_only() -> None:
    doc = {"location": "en/guides/zalo/", "title": "Follow your ward's Zalo page with a QR code", "text": ""}
    enriched = search_index.enrich(
        doc, SEPARATOR, [], translations=["Theo dõi trang Zalo của phường bằng mã QR"]
    )
    words = enriched["title_terms"].split()
    assert words == ["theo", "doi", "trang", "cua", "phuong", "bang", "ma"]  # not "zalo" or "qr" again
