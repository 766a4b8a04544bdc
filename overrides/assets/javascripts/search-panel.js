/* Search results that say when the handbook has no guide (issue 25).
 *
 * Material lists every page that holds any word of the query: «học phí» (school fees, which the
 * handbook does not cover) listed 17 pages because "phí" (fee) is on them. This file weighs each
 * page of Material's result by the query's words (search-fold.js, HandbookSearch.words):
 *
 * - a page matches well when one of its parts (the page or a section) has every word of the query
 *   (a word of five letters or more also with one typo, as the search forgives it);
 * - when some pages match well, only those are listed;
 * - when none does, the CLOSEST pages that have at least half of the words are listed, under the
 *   line "the handbook has no guide for «…»", and the panel of next steps follows
 *   (overrides/partials/no-guide.html: the province's hotline as a call button, the national
 *   portal, the ward directory, the team; from the area file);
 * - offline, only the results saved on this phone are shown, and the line says so.
 *
 * How: lazy-search.js hands each result message of Material's search worker to `results` before
 * Material sees it, and calls `shown` once Material has drawn it. Part of the search's own script
 * (handbook/publish/bundle.py SEARCH_JS), after search-fold.js. Every word shown is in the page.
 */
(function () {
  "use strict";

  var search = window.HandbookSearch;
  if (!search || !search.words || window.HandbookResults) return;

  var RESULT = 3; /* Material's result message */
  var CLOSEST = 3;
  var FUZZY_MIN = 5; /* as search-fold.js */
  var weak = false;

  function plainText(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/&[#a-z0-9]+;/gi, " ");
  }

  /* At most one letter added, removed, changed, or two neighbours swapped. */
  function oneEdit(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* Material marks each word of the query in a result's terms: true (found), false (not found);
     a stop word it did not find ("an", "the") is not marked, and does not count as missing. */
  function hasWord(item, word) {
    if (item.terms[word] !== false) return true;
    if (word.length < FUZZY_MIN) return false;
    var text = search.fold(plainText(item.title) + " " + plainText(item.text)).split(/[^a-z0-9]+/);
    return text.some(function (other) { return other.length >= FUZZY_MIN - 1 && oneEdit(other, word); });
  }

  /* The share of `words` found in the best part of a page's group of results. */
  function coverage(group, words) {
    var best = 0;
    group.forEach(function (item) {
      if (!item.terms || !Object.keys(item.terms).length) return;
      var found = words.filter(function (word) { return hasWord(item, word); }).length;
      best = Math.max(best, found / words.length);
    });
    return best;
  }

  function results(message) {
    if (!message || message.type !== RESULT || !message.data || !Array.isArray(message.data.items)) {
      return message;
    }
    var items = message.data.items;
    var words = search.words();
    if (!words.length) {
      weak = false;
      return message;
    }
    var shares = items.map(function (group) { return coverage(group, words); });
    var good = items.filter(function (group, index) { return shares[index] === 1; });
    weak = !good.length;
    var kept = weak
      ? items.filter(function (group, index) { return shares[index] >= 0.5; }).slice(0, CLOSEST)
      : good;
    return { type: message.type, data: Object.assign({}, message.data, { items: kept }) };
  }

  /* ---- The panel and the line above the results ------------------------------------------- */

  var panel = null;
  var box = document.querySelector("[data-md-component='search-query']");
  var result = document.querySelector("[data-md-component='search-result']");
  var meta = result && result.querySelector(".md-search-result__meta");
  var list = result && result.querySelector(".md-search-result__list");

  /* The panel of this language (overrides/partials/no-guide.html, a file of its own: pages stay light),
     its links relative to the language's root, under the result list. */
  var tag = document.querySelector("script[data-no-guide]"); /* the project's script (overrides/main.html) */
  var file = tag && new URL(tag.getAttribute("data-no-guide"), location.href);
  var languageRoot = file && new URL("../", file);
  var loading = false;

  /* Fetched with the first answer of the search (not with the ward directory, which loads this code
     for its filter: its first load stays within 70 KB). */
  function loadPanel() {
    if (loading || !result || !file || typeof fetch !== "function") return;
    loading = true;
    fetch(file.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.url);
        return response.json();
      })
      .then(function (data) {
        var holder = new DOMParser().parseFromString(data.html, "text/html").querySelector("[data-hb-no-guide]");
        if (!holder) return;
        Array.prototype.forEach.call(holder.querySelectorAll("a[href]"), function (link) {
          var href = link.getAttribute("href");
          if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) link.setAttribute("href", new URL(href, languageRoot).href);
        });
        panel = document.importNode(holder, true);
        result.parentNode.insertBefore(panel, result.nextSibling);
        shown();
      })
      .catch(function (error) {
        console.warn("search: no next-steps panel", error);
      });
  }

  function say(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function shown() {
    if (!box || !meta) return;
    loadPanel();
    var query = box.value.trim();
    var noGuide = Boolean(query) && weak;
    result.classList.toggle("hb-search--weak", noGuide);
    if (!panel) return; /* not loaded (yet): Material's own line stays */
    panel.hidden = !noGuide;
    if (noGuide) {
      var count = list ? list.children.length : 0;
      meta.textContent = say(panel.getAttribute(count ? "data-text-closest" : "data-text-none"), { query: query });
    }
    if (!navigator.onLine) keepSaved();
  }

  /* Offline: a result opens only when the phone kept its page (sw.js). */
  function keepSaved() {
    if (!window.caches || !list || !panel) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li.md-search-result__item"));
    var line = meta.textContent;
    Promise.all(items.map(function (item) {
      var link = item.querySelector("a[href]");
      if (!link) return Promise.resolve(false);
      var url = new URL(link.href, location.href);
      url.search = "";
      url.hash = "";
      return window.caches.match(url.href).then(Boolean, function () { return false; });
    })).then(function (saved) {
      var count = 0;
      items.forEach(function (item, index) {
        item.hidden = !saved[index];
        if (saved[index]) count += 1;
      });
      if (!items.length || meta.textContent !== line) return; /* a newer result took over */
      meta.textContent = count
        ? say(panel.getAttribute("data-text-offline"), { n: String(count) })
        : panel.getAttribute("data-text-offline-none");
    });
  }

  if (list && typeof MutationObserver === "function") {
    new MutationObserver(function () { /* more results drawn as the reader scrolls */
      if (!navigator.onLine) keepSaved();
    }).observe(list, { childList: true });
  }
  window.addEventListener("offline", shown);
  window.addEventListener("online", function () {
    if (list) Array.prototype.forEach.call(list.children, function (item) { item.hidden = false; });
  });

  window.HandbookResults = Object.freeze({ results: results, shown: shown });
})();
