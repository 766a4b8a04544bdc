/* Ward directory filter: shows only the rows whose name matches what the reader types, with or
   without Vietnamese accents ("bao quang" finds "Xã Bảo Quang"), or in Telex or VNI typed without
   an input method ("baor quang", "ba3o quang"). Folding and decoding come from vi-typing.js (the
   same rules as the search box and handbook/search/search_fold.py); a Telex word counts only when it
   gives a syllable of the list itself.

   Names first: a row is shown for the unit names it holds (the unit, its former units, its new
   ward). The province and the code ("Thành phố Long Khánh, Tỉnh Đồng Nai · 26098") count only
   when no name matches, so "xuan thanh" lists Phường Xuân Thanh, not every unit of "Thành phố …".
   The best tier that matches wins: the typed words in a row as one phrase, then every typed word
   somewhere in its names, then every typed word anywhere in the row.

   Without JavaScript (or without vi-typing.js, window.HandbookTyping) the filter box stays hidden and the full list is
   shown. Set up once the page is parsed (vi-typing.js is part of the project's script bundle,
   handbook/publish/bundle.py, loaded in <head>; this file is separate, at the end of the directory page). */
(function () {
  "use strict";

  /* The names of a row (overrides/partials/ward-directory.html, rows kept without classes): the
     link or bold name first, then the units it includes (the inner <span> of a later <span>); the
     province and code sit in the first <span>, the "now part of" line has no inner <span>. */
  var NAMES = ":scope > a, :scope > b, :scope > span ~ span > span";

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

    function apply() {
      var query = typing.fold(typing.normalizeQuery(input.value, keys)).replace(/[^a-z0-9]+/g, " ").trim();
      var words = query ? query.split(" ") : [];
      var shown = rows.map(function () { return true; });
      if (words.length) {
        for (var t = 0; t < TIERS.length; t++) {
          shown = rows.map(function (row, index) { return TIERS[t](index, query, words); });
          if (shown.indexOf(true) !== -1) break;
        }
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

    input.addEventListener("input", apply);
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
