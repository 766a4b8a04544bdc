/* Search that finds Vietnamese typed without accents, in the reader's language only (issue 5).
 *
 * The build (overrides/hooks/search.py, handbook/search_index.py) writes one search index per
 * language, each entry with its words folded ("Đóng tiền điện" -> "dong tien dien") and the
 * editors' synonyms. This file does the browser's half, in one place:
 *
 * 1. It folds the reader's query exactly as handbook/search_fold.py folds the index, so
 *    "dong tien dien", "Đóng tiền điện", "ĐÓNG TIỀN ĐIỆN", "đong tien đien" and decomposed
 *    Unicode (NFD) all become "dong tien dien"; whole words rank above prefixes.
 * 2. It gives Material's search the index of the page's language (<html lang>): Vietnamese
 *    pages search Vietnamese pages only, English pages English pages only.
 *
 * How: Material for MkDocs 9.x runs its search in a web worker and sends it two kinds of
 * message, {type: 0, data: {config, docs, options}} (set up the index) and {type: 2, data: query}
 * (search). This file wraps Worker.prototype.postMessage and changes only those two messages,
 * and only for an index the handbook built (its config has "languages"). It does not depend on
 * Material's hashed file names. If it does not load, Material's search still works (Vietnamese
 * index, accents needed for accented words). Loaded before Material's bundle (overrides/main.html).
 */
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  try {
    MARKS = new RegExp("\\p{Mn}", "gu"); /* every combining mark, as Python's category "Mn" */
  } catch (error) {
    /* old browser: the combining marks block covers every Vietnamese diacritic */
  }

  /* Lower-case and remove every diacritic, "đ" included: the steps of handbook/search_fold.py. */
  function fold(text) {
    return String(text)
      .normalize("NFC")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(MARKS, "")
      .toLowerCase();
  }

  /* Whole words count more than words that only start the same way: Material searches every
     word as a prefix ("tien" also finds "tieng", "tiep"), and folding makes those commoner.
     Each plain word w becomes "w^100 w": an exact match boosted a hundred times (more than a
     prefix in a title, which weighs 1000 times a word in the text), plus Material's prefix
     match (so the word still being typed finds its pages). A query that uses search syntax
     (quotes, + - ~ ^ : *) is only folded. */
  var EXACT_BOOST = 100;
  var PLAIN_WORD = /^[a-z0-9]+$/;
  var SYNTAX = /["+~^:*]|(^|\s)-/;

  function query(text) {
    var folded = fold(text);
    if (SYNTAX.test(folded)) return folded;
    return folded.split(/\s+/).filter(Boolean).map(function (word) {
      return PLAIN_WORD.test(word) ? word + "^" + EXACT_BOOST + " " + word : word;
    }).join(" ");
  }

  window.HandbookSearch = Object.freeze({ fold: fold, query: query });

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
