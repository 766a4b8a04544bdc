/* Search that finds Vietnamese however it is typed, in the reader's language only (issues 5, 16).
 *
 * The build (overrides/hooks/search.py, handbook/search/search_index.py) writes one search index per
 * language, each entry with its words folded ("Đóng tiền điện" -> "dong tien dien"), the
 * editors' synonyms and the site's syllables. This file does the browser's half, in one place:
 *
 * 1. It normalises the reader's query with vi-typing.js (the rules of handbook/search/search_fold.py):
 *    accents, capitals and decomposed Unicode fold away, and Telex or VNI typed without an input
 *    method is decoded ("ddoong tieenf", "d9o6ng tie6n2" -> "dong tien"). Whole words rank above
 *    prefixes, and words of five letters or more forgive one typo.
 * 2. It gives Material's search the index of the page's language (<html lang>): Vietnamese
 *    pages search Vietnamese pages only, English pages English pages only.
 * 3. It marks accent-free matches (<mark>) in the result list and on the page opened from a result.
 * 4. It follows the rules of the page's language (handbook/search/languages.yml): Telex/VNI only where
 *    the language decodes it, and text in a script without spaces (Chinese, Khmer…) as pairs of
 *    characters, as the build indexed it.
 *
 * How: Material for MkDocs 9.x runs its search in a web worker and sends it two kinds of
 * message, {type: 0, data: {config, docs, options}} (set up the index) and {type: 2, data: query}
 * (search). This file wraps Worker.prototype.postMessage and changes only those two messages,
 * and only for an index the handbook built (its config has "languages"). It does not depend on
 * Material's hashed file names. If it does not load, Material's search still works (Vietnamese
 * index, accents needed for accented words). Loaded, with vi-typing.js, when the search is opened:
 * before the index goes to Material's search worker (lazy-search.js, handbook/publish/bundle.py SEARCH_JS).
 */
(function () {
  "use strict";

  var typing = window.HandbookTyping; /* vi-typing.js, loaded just before this file */
  if (!typing || window.HandbookSearch) return; /* once: the ward directory may load it twice */
  var fold = typing.fold;

  /* The syllables of the site (written into the index by the build): a Telex or VNI word is
     decoded only when it gives one of them ("ddieenj" -> "dien", but "water" stays "water"). */
  var keys = null;

  /* The rules of the page's language (handbook/search/languages.yml, in the index's config.languages):
     fold accents, decode Telex/VNI, and read scripts written without spaces (Chinese, Khmer…) as pairs
     of characters (UNSPACED: their characters, from config.unspaced). */
  var rules = { fold: true, telex: true, ngrams: false };
  var UNSPACED = null;
  var BREAKS = null; /* their punctuation (config.unspaced_breaks): a space */

  /* A run of unspaced characters as the index holds it (handbook/search/search_rules.py): each pair of
     neighbouring characters as a Latin token, four base-36 digits a character, each one required
     ("+"); a single character is a prefix ("+t*": the pairs it starts). */
  function token(chars) {
    return Array.from(chars).map(function (char) {
      return ("0000" + char.codePointAt(0).toString(36)).slice(-4);
    }).join("");
  }

  function pairTerms(run) {
    var chars = Array.from(run);
    if (chars.length < 2) return ["+" + token(run) + "*"];
    var terms = [];
    for (var i = 0; i + 2 <= chars.length; i++) terms.push("+" + token(chars.slice(i, i + 2).join("")));
    return terms;
  }

  /* Each plain word w of the normalised query becomes:
     - "w^100": the whole word, boosted a hundred times (more than a prefix in a title, which
       weighs 1000 times a word in the text): exact matches always come first;
     - "w", for the last word only while it is being typed (no space after it): Material's
       prefix match (w*), so the word still being typed finds its pages. A finished word matches
       whole syllables only ("so" does not find "soạn", "tro" not "trong": issue 25);
     - "w~1^10" for words of FUZZY_MIN letters or more: one typo (a letter missing, extra, wrong
       or two letters swapped: "electricty", "truogn"), a tenth of an exact match.
     (The word as typed is not searched too when decoding changed it: Material would list it
     under "Không:" (missing) for every result.)
     A query that uses search syntax (quotes, + - ~ ^ : *) is only folded. */
  var EXACT_BOOST = 100;
  var FUZZY_MIN = 5;
  var FUZZY_BOOST = 10;
  var PLAIN_WORD = /^[a-z0-9]+$/;
  var SYNTAX = /["+~^:*]|(^|\s)-/;
  var lastWords = [];
  var lastPrefix = ""; /* the last word while it is still being typed: it may match as a prefix */

  function query(text) {
    var folded = fold(text);
    if (SYNTAX.test(folded)) return folded;
    var terms = [];
    var words = [];
    var rest = String(text);
    var typingLast = /\S$/.test(rest); /* no space after the last word: still being typed */
    if (UNSPACED) {
      if (BREAKS) rest = rest.replace(BREAKS, " ");
      rest = rest.replace(UNSPACED, function (run) {
        terms.push.apply(terms, pairTerms(run));
        return " ";
      });
    }
    var raws = rest.trim().split(/\s+/).filter(Boolean);
    raws.forEach(function (raw, index) {
      var word = rules.fold ? typing.normalizeWord(raw, rules.telex ? keys : null) : raw.toLowerCase();
      if (!PLAIN_WORD.test(word)) {
        terms.push(word);
        return;
      }
      words.push(word);
      terms.push(word + "^" + EXACT_BOOST);
      if (typingLast && index === raws.length - 1) terms.push(word);
      if (word.length >= FUZZY_MIN) terms.push(word + "~1^" + FUZZY_BOOST);
    });
    lastWords = words;
    lastPrefix = typingLast ? words[words.length - 1] || "" : "";
    return terms.join(" ");
  }

  /* ------------------------------------------------------------------------------------------
     Highlighting accent-free matches: Material marks only words spelled exactly as typed, so
     "dong tien" marks nothing in "Đóng tiền". These mark every word whose folded form is a
     query word (or starts with the word still being typed, from three letters): in the result list, and on the page
     opened from a result (Material adds the query to its address as ?h=). */

  function matches(word, words, prefix) {
    var folded = fold(word);
    for (var i = 0; i < words.length; i++) {
      if (folded === words[i]) return true;
    }
    return Boolean(prefix) && prefix.length >= 3 && folded.indexOf(prefix) === 0;
  }

  var LETTERS = /[A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]+/g;

  function highlightIn(root, words, prefix) {
    if (!root || !words.length) return 0;
    var found = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (!parent || parent.closest("mark, script, style, code, pre, .headerlink")) continue;
      LETTERS.lastIndex = 0;
      if (LETTERS.test(node.data)) found.push(node);
    }
    var marked = 0;
    found.forEach(function (node) {
      var text = node.data;
      var parts = [];
      var last = 0;
      text.replace(LETTERS, function (word, offset) {
        if (matches(word, words, prefix)) {
          parts.push(text.slice(last, offset));
          var mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          mark.textContent = word;
          parts.push(mark);
          last = offset + word.length;
          marked += 1;
        }
        return word;
      });
      if (last === 0) return;
      parts.push(text.slice(last));
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part) {
        fragment.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
      });
      node.parentNode.replaceChild(fragment, node);
    });
    return marked;
  }

  function highlightResults(list) {
    var observer = new MutationObserver(function () {
      observer.disconnect();
      Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__article"), function (article) {
        highlightIn(article, lastWords, lastPrefix);
      });
      observer.observe(list, { childList: true, subtree: true });
    });
    observer.observe(list, { childList: true, subtree: true });
  }

  function highlightPage() {
    var params = new URLSearchParams(location.search);
    var h = params.get("h");
    if (h) {
      var words = h.split(/\s+/).map(fold).filter(function (word) { return PLAIN_WORD.test(word); });
      highlightIn(document.querySelector("article.md-content__inner"), words);
    }
    var list = document.querySelector(".md-search-result__list");
    if (list && typeof MutationObserver === "function") highlightResults(list);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", highlightPage);
  else highlightPage();

  /* The plain words of the last query, normalised (search-panel.js weighs the results by them). */
  function words() {
    return lastWords.slice();
  }

  window.HandbookSearch = Object.freeze({ fold: fold, query: query, highlight: highlightIn, words: words });

  if (typeof Worker === "undefined" || !Worker.prototype.postMessage) return;

  /* This file is assets/javascripts/search-fold.js: the site root is two folders up. */
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);

  var SETUP = 0;
  var QUERY = 2;
  var post = Worker.prototype.postMessage;
  var handbookWorkers = typeof WeakSet === "function" ? new WeakSet() : null;

  function languageOf(location, languages) {
    var best = null;
    for (var i = 0; i < languages.length; i++) {
      var prefix = languages[i].prefix || "";
      if (location.indexOf(prefix) === 0 && (!best || prefix.length > (best.prefix || "").length)) {
        best = languages[i];
      }
    }
    return best && best.lang;
  }

  function pageLanguage(languages) {
    var lang = (document.documentElement.lang || "").toLowerCase();
    for (var i = 0; i < languages.length; i++) {
      if (languages[i].lang === lang) return languages[i];
    }
    return languages[0];
  }

  function only(index, languages, lang) {
    var docs = index.docs.filter(function (doc) {
      return languageOf(doc.location, languages) === lang;
    });
    var config = Object.assign({}, index.config);
    if (Array.isArray(config.lang) && config.lang.indexOf(lang) !== -1) config.lang = [lang];
    return { config: config, docs: docs };
  }

  /* The index for the page's language: from the index Material loaded (the Vietnamese one, or
     both languages in the offline copy), else fetched from this language's own file. */
  function indexFor(data, languages) {
    var language = pageLanguage(languages);
    var own = only(data, languages, language.lang);
    if (own.docs.length) return Promise.resolve(own);
    return fetch(new URL(language.index, root).href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.url);
        return response.json();
      })
      .then(function (index) {
        return only(index, languages, language.lang);
      })
      .catch(function (error) {
        console.warn("search: could not load the " + language.lang + " index, using the default one", error);
        return { config: data.config, docs: data.docs };
      });
  }

  Worker.prototype.postMessage = function (message) {
    var worker = this;
    if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
      var languages = message.data.config && message.data.config.languages;
      if (!Array.isArray(languages) || !languages.length) return post.apply(worker, arguments);
      if (handbookWorkers) handbookWorkers.add(worker);
      var syllables = message.data.config.syllables;
      keys = typing.syllableKeys(typeof syllables === "string" ? syllables.split(" ") : []);
      var own = pageLanguage(languages);
      rules = { fold: own.fold !== false, telex: own.telex !== false, ngrams: own.ngrams === true };
      var unspaced = message.data.config.unspaced;
      UNSPACED = rules.ngrams && typeof unspaced === "string" ? new RegExp("[" + unspaced + "]+", "gu") : null;
      var breaks = message.data.config.unspaced_breaks;
      BREAKS = UNSPACED && typeof breaks === "string" ? new RegExp("[" + breaks + "]+", "gu") : null;
      indexFor(message.data, languages).then(function (index) {
        post.call(worker, { type: SETUP, data: Object.assign({}, message.data, index) });
      });
      return undefined;
    }
    if (message && message.type === QUERY && typeof message.data === "string" &&
        handbookWorkers && handbookWorkers.has(worker)) {
      return post.call(worker, { type: QUERY, data: query(message.data) });
    }
    return post.apply(worker, arguments);
  };
})();
