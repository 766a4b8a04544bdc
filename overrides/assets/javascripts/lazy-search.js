/* Search costs nothing until the reader opens it (issue 6: page weight on prepaid data).
 *
 * Material for MkDocs starts its search on every page load: it downloads the search index (the
 * text of every page, 35-50 KB gzip per language and growing with each guide) and the search
 * worker with its language files (about 15 KB), even when nobody searches, which is most visits.
 * This file holds both back until the reader opens the search (taps the search button, focuses
 * the search box, or uses the keyboard shortcut), then lets Material carry on unchanged.
 * The handbook's own search code (vi-typing.js and search-fold.js, one script: handbook/publish/bundle.py
 * SEARCH_JS, its address in data-search-js) waits too (issue 19): it is loaded when the search is
 * opened, alongside the index, and the index reaches Material's search worker only once it has
 * loaded (or failed to: Material's search then works alone). A page opened from a search result
 * (?h=) loads it at once, to mark the words found.
 *
 * How: the request for ".../search/search_index.json" (XMLHttpRequest in Material 9.8, or fetch)
 * is sent only when the search is opened, and Material's search worker (window.Worker) is created
 * on its first message, which Material sends once the index has arrived. (Material already works
 * this way from file://; online it starts at once.) Everything else passes through untouched. Part
 * of the project's one script, before Material's bundle (overrides/main.html), a same-origin file.
 * Not used from file:// (the offline copy loads its index and the search code with the page, and
 * bytes do not count there).
 */
(function () {
  "use strict";
  if (location.protocol === "file:" || typeof XMLHttpRequest !== "function") {
    return;
  }

  var script = document.currentScript; // the project's script tag: read while it runs
  var searchCode = script && script.getAttribute("data-search-js");
  var opened = false;
  var waiting = [];

  /* The handbook's search code: loaded once; `go` runs when it has loaded or could not be. */
  var code = ""; // "", "loading" or "done"
  var afterCode = [];

  function whenSearchCode(go) {
    if (code === "done") {
      go();
      return;
    }
    afterCode.push(go);
    if (code === "loading") {
      return;
    }
    code = "loading";
    function done() {
      code = "done";
      afterCode.splice(0).forEach(function (next) {
        next();
      });
    }
    if (!searchCode || window.HandbookSearch) {
      done(); // not configured, or already loaded with the page (the ward directory)
      return;
    }
    var tag = document.createElement("script");
    tag.src = searchCode;
    tag.addEventListener("load", done);
    tag.addEventListener("error", done);
    document.head.appendChild(tag);
  }

  function open() {
    if (opened) {
      return;
    }
    opened = true;
    whenSearchCode(function () {}); // downloads alongside the index
    waiting.splice(0).forEach(function (go) {
      go();
    });
  }

  function whenOpened(go) {
    if (opened) {
      go();
    } else {
      waiting.push(go);
    }
  }

  /* 1. The index: its download waits until the search is opened. Material 9.8 requests it with
     XMLHttpRequest (open now, send later is allowed); fetch is covered too, for later versions. */
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.handbookIndex = INDEX.test(String(url));
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (opened || !this.handbookIndex) {
      return xhrSend.apply(this, arguments);
    }
    var self = this;
    var args = arguments;
    whenOpened(function () {
      xhrSend.apply(self, args);
    });
    return undefined;
  };

  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input && input.url ? input.url : String(input);
    if (opened || !INDEX.test(url)) {
      return realFetch.apply(this, arguments);
    }
    var self = this;
    var args = arguments;
    return new Promise(function (resolve, reject) {
      whenOpened(function () {
        realFetch.apply(self, args).then(resolve, reject);
      });
    });
  };

  /* 2. The search worker: created on its first message, which Material only sends once it has the
     index (so, after the search is opened). Its events are passed on to Material unchanged. */
  var RealWorker = window.Worker;
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(?:[?#]|$)/;
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    var LazyWorker = class extends EventTarget {
      constructor(url, options) {
        super();
        this.url = url;
        this.options = options;
        this.real = null;
        this.onmessage = null;
        this.onmessageerror = null;
        this.onerror = null;
      }

      start() {
        if (this.real) {
          return this.real;
        }
        var self = this;
        var real = this.options === undefined ? new RealWorker(this.url) : new RealWorker(this.url, this.options);
        ["message", "messageerror", "error"].forEach(function (type) {
          real.addEventListener(type, function (event) {
            // The handbook's results (search-panel.js): weighed before Material draws them, and
            // told once it has (Material draws within the event).
            var results = type === "message" ? window.HandbookResults : null;
            var copy = type === "error"
              ? new ErrorEvent("error", {
                message: event.message, filename: event.filename,
                lineno: event.lineno, colno: event.colno, error: event.error
              })
              : new MessageEvent(type, { data: results ? results.results(event.data) : event.data });
            self.dispatchEvent(copy);
            if (typeof self["on" + type] === "function") {
              self["on" + type].call(self, copy);
            }
            if (results) {
              results.shown();
            }
          });
        });
        this.real = real;
        return real;
      }

      postMessage(message, transfer) {
        var real = this.start();
        // The handbook's search code changes the messages (search-fold.js): they wait for it.
        whenSearchCode(function () {
          if (transfer === undefined) {
            real.postMessage(message);
          } else {
            real.postMessage(message, transfer);
          }
        });
      }

      terminate() {
        if (this.real) {
          this.real.terminate();
        }
      }
    };

    var Worker = function Worker(url, options) {
      if (!SEARCH_WORKER.test(String(url))) {
        return options === undefined ? new RealWorker(url) : new RealWorker(url, options);
      }
      return new LazyWorker(url, options);
    };
    Worker.prototype = RealWorker.prototype;
    window.Worker = Worker;
  }

  /* 3. What opens the search: tapping the search button (start early, on touch), the search box
     getting focus (also what Material's keyboard shortcut does), or the search toggle. */
  function isSearchQuery(element) {
    return element && element.matches && element.matches("[data-md-component='search-query']");
  }

  document.addEventListener("focusin", function (event) {
    if (isSearchQuery(event.target)) {
      open();
    }
  });
  document.addEventListener("pointerdown", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("label[for='__search'], [data-hb-search-button], [data-md-component='search']")) {
      open();
    }
  }, { passive: true });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) {
      open();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (isSearchQuery(document.activeElement)) {
      open();
    }
  });

  /* 4. A page opened from a search result: its words are marked at once (search-fold.js). */
  if (new URLSearchParams(location.search).get("h")) {
    whenSearchCode(function () {});
  }
})();
