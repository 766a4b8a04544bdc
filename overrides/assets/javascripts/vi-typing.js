/* How Vietnamese readers type, in one place for the browser (issue 16): the search box
 * (search-fold.js) and the ward filter (ward-filter.js) both use this file.
 *
 * The same rules as handbook/search/search_fold.py (which folds the search index at build time); the
 * cases in tests/data/fold-cases.json are run against both (Python, Node and Chromium).
 *
 * - fold: lower case, every diacritic removed, "đ" -> "d", NFC or NFD alike.
 * - decodeWord: Telex or VNI typed without an input method -> the syllable ("ddieenj",
 *   "tieefn", "d9ie65n" -> "điện"). Tone at the end of the word or right after the vowel.
 * - normalizeWord / normalizeQuery: decode a word only when the result is a real syllable
 *   (one of the site's own syllables), so "water", "bill", "zalo" and "vneid" stay as typed.
 *
 * window.HandbookTyping in a page; module.exports in Node (for the tests).
 */
(function (root) {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  try {
    MARKS = new RegExp("\\p{Mn}", "gu"); /* every combining mark, as Python's category "Mn" */
  } catch (error) {
    /* old browser: the combining marks block covers every Vietnamese diacritic */
  }

  /* Lower-case and remove every diacritic, "đ" included ("Đồng" -> "dong"). */
  function fold(text) {
    return String(text)
      .normalize("NFC")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(MARKS, "")
      .toLowerCase();
  }

  /* Tone marks by tone number: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
  var TONE_MARKS = { 1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323" };
  var MARK_TONES = { "\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5 };
  var TELEX_TONES = { s: 1, f: 2, r: 3, x: 4, j: 5, z: 0 };
  var VNI_TONES = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 0: 0 };
  var MARKED = { "a^": "â", "e^": "ê", "o^": "ô", "a(": "ă", "o+": "ơ", "u+": "ư" };
  var VOWELS = "aeiouy";
  var NUCLEUS = "aăâeêioôơuưy";
  var TYPED = /^[a-z0-9]+$/;

  function isVowel(ch) {
    return VOWELS.indexOf(ch) !== -1;
  }

  /* w or 7: "uo" -> "ươ", else the last o or u takes the horn. */
  function horn(letters) {
    var i;
    for (i = 0; i < letters.length - 1; i++) {
      if (letters[i][0] === "u" && letters[i + 1][0] === "o") {
        letters[i][1] = letters[i + 1][1] = "+";
        return true;
      }
    }
    for (i = letters.length - 1; i >= 0; i--) {
      if ("ou".indexOf(letters[i][0]) !== -1 && letters[i][1] === "") {
        letters[i][1] = "+";
        return true;
      }
    }
    return false;
  }

  function markLast(letters, vowels, mark) {
    for (var i = letters.length - 1; i >= 0; i--) {
      if (vowels.indexOf(letters[i][0]) !== -1 && letters[i][1] === "") {
        letters[i][1] = mark;
        return true;
      }
    }
    return false;
  }

  /* Put tone (0 none, 1-5) on the right vowel of the syllable base (NFC, lower case). */
  function placeTone(base, tone) {
    if (!tone) return base;
    var start = 0;
    if (base.indexOf("qu") === 0 || (base.indexOf("gi") === 0 && base.length > 2 && NUCLEUS.indexOf(base[2]) !== -1)) {
      start = 2;
    }
    while (start < base.length && NUCLEUS.indexOf(base[start]) === -1) start++;
    var end = start;
    while (end < base.length && NUCLEUS.indexOf(base[end]) !== -1) end++;
    if (start === end) {
      start -= 1;
      end = start + 1;
    }
    var nucleus = base.slice(start, end);
    var at = -1;
    for (var i = 0; i < nucleus.length; i++) {
      if ("ăâêôơư".indexOf(nucleus[i]) !== -1) at = i;
    }
    if (at === -1) {
      if (nucleus.length === 1) at = 0;
      else if (end < base.length) at = nucleus.length - 1;
      else if (nucleus.length === 3) at = 1;
      else if (nucleus === "oa" || nucleus === "oe" || nucleus === "uy") at = 1;
      else at = 0;
    }
    var position = start + at;
    return (base.slice(0, position + 1) + TONE_MARKS[tone] + base.slice(position + 1)).normalize("NFC");
  }

  /* The syllable a lower-case ASCII word typed in Telex or VNI stands for; null if nothing to decode. */
  function decodeWord(word) {
    if (!TYPED.test(word) || !/[aeiouyw]/.test(word)) return null;
    var onset = "";
    var i = 0;
    var changed = false;
    var pair = word.slice(0, 2);
    if (pair === "dd" || pair === "d9") {
      onset = "đ";
      i = 2;
      changed = true;
    }
    while (i < word.length && !isVowel(word[i]) && word[i] !== "w" && !/[0-9]/.test(word[i])) {
      onset += word[i];
      i++;
    }
    var letters = [];
    var tone = 0;
    for (; i < word.length; i++) {
      var ch = word[i];
      var hasVowel = letters.some(function (letter) { return isVowel(letter[0]); });
      if (Object.prototype.hasOwnProperty.call(TELEX_TONES, ch) && hasVowel) {
        tone = TELEX_TONES[ch];
        changed = true;
      } else if (Object.prototype.hasOwnProperty.call(VNI_TONES, ch) && hasVowel) {
        tone = VNI_TONES[ch];
        changed = true;
      } else if (ch === "6" && markLast(letters, "aeo", "^")) {
        changed = true;
      } else if (ch === "7" && horn(letters)) {
        changed = true;
      } else if (ch === "8" && markLast(letters, "a", "(")) {
        changed = true;
      } else if (ch === "9" && onset === "d") {
        onset = "đ";
        changed = true;
      } else if (ch === "w") {
        if (!hasVowel) {
          letters.push(["u", "+"]);
        } else if (!(horn(letters) || markLast(letters, "a", "("))) {
          return null;
        }
        changed = true;
      } else if ("aeo".indexOf(ch) !== -1 && letters.some(function (letter) { return letter[0] === ch && letter[1] === ""; })) {
        markLast(letters, ch, "^");
        changed = true;
      } else if (/[0-9]/.test(ch)) {
        return null;
      } else {
        letters.push([ch, ""]);
      }
    }
    if (!changed || !letters.length) return null;
    var base = onset + letters.map(function (letter) {
      return MARKED[letter[0] + letter[1]] || letter[0];
    }).join("");
    return placeTone(base, tone);
  }

  /* The syllable without its tone mark, then the tone number ("điện" -> "điên5"). */
  function syllableKey(word) {
    var tone = 0;
    var kept = "";
    var chars = String(word).toLowerCase().normalize("NFD");
    for (var i = 0; i < chars.length; i++) {
      if (Object.prototype.hasOwnProperty.call(MARK_TONES, chars[i])) tone = MARK_TONES[chars[i]];
      else kept += chars[i];
    }
    return kept.normalize("NFC") + String(tone);
  }

  /* The keys of a list of syllables (an object used as a set), and each key's toneless form
     when that has a mark of its own ("đông" counts when the site has "đồng"; "bõ" does not
     count because of "bỏ"). */
  function syllableKeys(list) {
    var keys = Object.create(null);
    for (var i = 0; i < list.length; i++) {
      var key = syllableKey(list[i]);
      keys[key] = true;
      if (/[^\x00-\x7f]/.test(key)) keys[key.slice(0, -1)] = true;
    }
    return keys;
  }

  function isSyllable(word, keys) {
    var key = syllableKey(word);
    return Boolean(keys[key] || keys[key.slice(0, -1)]);
  }

  /* The word folded; a Telex or VNI word is decoded first when it gives one of the keys. */
  function normalizeWord(word, keys) {
    var lowered = String(word).normalize("NFC").toLowerCase();
    if (TYPED.test(lowered) && keys) {
      var decoded = decodeWord(lowered);
      if (decoded !== null && isSyllable(decoded, keys)) return fold(decoded);
    }
    return fold(lowered);
  }

  var WORD = /[^\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f]+/g;
  try {
    WORD = new RegExp("[\\p{L}\\p{N}]+", "gu");
  } catch (error) {
    /* old browser: split on spaces and ASCII punctuation */
  }

  /* Every word of the text normalised, separated by one space. */
  function normalizeQuery(text, keys) {
    var words = String(text).normalize("NFC").match(WORD) || [];
    return words.map(function (word) { return normalizeWord(word, keys); }).join(" ");
  }

  /* The distinct Vietnamese syllables with a diacritic in the texts (as handbook/search/search_fold.py). */
  var SHAPE = new RegExp(
    "^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?" +
    "[aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ]{1,3}" +
    "(ch|ng|nh|[cmnpt])?$");
  var LETTERS = /[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+/g;

  function syllables(texts) {
    var found = Object.create(null);
    texts.forEach(function (text) {
      (String(text).normalize("NFC").toLowerCase().match(LETTERS) || []).forEach(function (word) {
        if (/[^\x00-\x7f]/.test(word) && SHAPE.test(word)) found[word] = true;
      });
    });
    return Object.keys(found).sort();
  }

  var api = Object.freeze({
    fold: fold,
    decodeWord: decodeWord,
    placeTone: placeTone,
    syllableKey: syllableKey,
    syllableKeys: syllableKeys,
    isSyllable: isSyllable,
    normalizeWord: normalizeWord,
    normalizeQuery: normalizeQuery,
    syllables: syllables
  });
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.HandbookTyping = api;
})(typeof window !== "undefined" ? window : this);
