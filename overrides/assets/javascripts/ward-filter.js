/* Ward directory filter: shows only the rows whose name matches what the reader types, with or
   without Vietnamese accents ("bao quang" finds "Xã Bảo Quang"), or in Telex or VNI typed without
   an input method ("baor quang", "ba3o quang"). Folding and decoding come from vi-typing.js (the
   same rules as the search box and handbook/search/search_fold.py); a Telex word counts only when it
   gives a syllable of the list itself.

   Names first: a row is shown for the unit names it holds (the unit, its former units, its new
   ward). The province and the code ("Thành phố Long Khánh, Tỉnh Đồng Nai · 26098") count only
   when no name matches, so "xuan thanh" lists Phường Xuân Thanh, not every unit of "Thành phố …".
   The best tier that matches wins: the typed words in a row as one phrase, then every typed word
   somewhere in its names, then every typed word anywhere in the row. When no tier finds anything,
   the words of a sentence around the name ("cũ", "mới", "của") are left out and the tiers run again;
   a word with a key pressed twice ("bbaor") counts as typed once when that gives a syllable of the list.
   The first row found is brought into sight.

   Without JavaScript (or without vi-typing.js, window.HandbookTyping) the filter box stays hidden and the full list is
   shown. Set up once the page is parsed (vi-typing.js is part of the project's script bundle,
   handbook/publish/bundle.py, loaded in <head>; this file is separate, at the end of the directory page). */
(function () {
  "use strict";

  /* The names of a row (overrides/partials/ward-directory.html, rows kept without classes): the
     link or bold name first, then the units it includes (the inner <span> of a later <span>); the
     province and code sit in the first <span>, the "now part of" line has no inner <span>. */
  var NAMES = ":scope > a, :scope > b, :scope > span ~ span > span";

  /* Words of a sentence around a ward's name, folded (Vietnamese, and English for the English
     pages): left out when the query finds nothing with them. */
  var FILLER = Object.create(null);
  ("cu moi cua nay thuoc la o tai vao nhap sap truoc sau gio bay gi nao dau " +
    "old new former now of the is in ward commune which where").split(" ").forEach(function (word) {
    FILLER[word] = true;
  });

  function setup(box, typing) {
    var root = box.parentNode;
    var input = box.querySelector("input");
    var status = box.querySelector("[data-ward-status]");
    var empty = box.querySelector("[data-ward-empty]");
    var rows = Array.prototype.slice.call(root.querySelectorAll("[data-ward-list] > li"));
    var lists = Array.prototype.slice.call(root.querySelectorAll("[data-ward-list]"));

    function key(text) {
      return " " + typing.fold(text).replace(/[^a-z0-9]+/g, " ").trim() + " ";
    }

    function namesOf(row) {
      var parts = Array.prototype.map.call(row.querySelectorAll(NAMES), function (part) {
        return part.textContent;
      });
      /* Each name on its own: "gồm: Phường Xuân An, Phường Xuân Bình" -> two names. */
      return parts.join(",").split(/[,:·→]/).map(key).filter(function (name) { return name.trim(); });
    }

    var names = rows.map(namesOf);
    var whole = rows.map(function (row) { return key(row.textContent); });
    var keys = typing.syllableKeys(typing.syllables(rows.map(function (row) { return row.textContent; })));
    var known = Object.create(null); /* every word of the list, folded */
    whole.forEach(function (text) {
      text.trim().split(" ").forEach(function (word) { known[word] = true; });
    });

    function phrase(candidates, query) {
      var squashed = query.replace(/ /g, "");
      return candidates.some(function (name) {
        return name.indexOf(" " + query) !== -1 ||
          (squashed.length > 2 && name.replace(/ /g, "").indexOf(squashed) !== -1);
      });
    }

    function allWords(text, words) {
      return words.every(function (word) { return text.indexOf(" " + word) !== -1; });
    }

    var TIERS = [
      function (index, query) { return phrase(names[index], query); },
      function (index, query, words) { return allWords(names[index].join(" "), words); },
      function (index, query, words) { return allWords(whole[index], words); }
    ];

    /* The rows for `words`, by the first tier that finds any; null when none does. */
    function find(words) {
      var query = words.join(" ");
      for (var t = 0; t < TIERS.length; t++) {
        var shown = rows.map(function (row, index) { return TIERS[t](index, query, words); });
        if (shown.indexOf(true) !== -1) return shown;
      }
      return null;
    }

    /* A key pressed twice ("bbaor" for "baor"): when a word is no syllable of the list, the first
       doubled letter is dropped if that gives one ("bbaor" -> "bảo"). */
    function repaired(raw) {
      var lowered = String(raw).normalize("NFC").toLowerCase();
      var word = typing.normalizeWord(lowered, keys);
      if (known[word] || !/^[a-z0-9]+$/.test(lowered)) return word;
      var single = lowered.replace(/([a-z])\1/, "$1");
      var decoded = single !== lowered ? typing.decodeWord(single) : null;
      return decoded && typing.isSyllable(decoded, keys) ? typing.fold(decoded) : word;
    }

    function apply() {
      var typed = String(input.value).normalize("NFC").match(/[\p{L}\p{N}]+/gu) || [];
      var words = typed.map(repaired).join(" ").replace(/[^a-z0-9]+/g, " ").trim();
      words = words ? words.split(" ") : [];
      var shown = rows.map(function () { return true; });
      if (words.length) {
        /* As typed, then without the words of a sentence ("xã Bảo Quang cũ", "phường mới của
           Bảo Quang"): the search ranks such words low, the filter leaves them out. */
        var content = words.filter(function (word) { return !FILLER[word]; });
        shown = find(words) || (content.length && content.length < words.length && find(content)) ||
          rows.map(function () { return false; });
      }
      var count = 0;
      rows.forEach(function (row, index) {
        row.hidden = !shown[index];
        if (shown[index]) count += 1;
      });
      lists.forEach(function (list) {
        var visible = list.querySelector("li:not([hidden])") !== null;
        list.hidden = !visible;
        var heading = list.previousElementSibling;
        if (heading && heading.hasAttribute("data-ward-heading")) heading.hidden = !visible;
      });
      empty.hidden = count !== 0;
      status.textContent = words.length ? status.getAttribute("data-template").replace("{n}", String(count)) : "";
    }

    /* The first row found in sight (issue 25: it was below the screen, under the phone's keyboard):
       the box goes to the top of the screen, under the header, with the rows right after it. */
    function reveal() {
      var first = root.querySelector("[data-ward-list] > li:not([hidden])");
      if (!first || !input.value.trim()) return;
      var height = window.visualViewport ? window.visualViewport.height : window.innerHeight;
      if (first.getBoundingClientRect().bottom <= height) return;
      var header = document.querySelector(".md-header");
      var top = header ? header.getBoundingClientRect().bottom : 0;
      window.scrollBy(0, box.getBoundingClientRect().top - top - 8);
      if (first.getBoundingClientRect().top >= height) first.scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("input", function () {
      apply();
      reveal();
    });
    box.hidden = false;
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) {
      input.value = params.get("q");
    }
    if (input.value) apply();
  }

  function start() {
    var typing = window.HandbookTyping;
    if (!typing) return; /* the full list stays, as without JavaScript */
    Array.prototype.forEach.call(document.querySelectorAll("[data-ward-filter]"), function (box) {
      setup(box, typing);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
