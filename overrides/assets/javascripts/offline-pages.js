/* Reading without a network, the reader's side (issue 15). Plain JS, a same-origin file loaded with
 * "defer" by overrides/main.html; the service worker is sw.js (written to the site root).
 *
 * - "Lưu để đọc khi không có mạng" / "Save for offline reading" (partials/save-offline.html) on
 *   guide and ward pages: the worker keeps the page, what it loaded and its language's search index
 *   until the reader removes it.
 * - The saved-pages page (partials/saved-pages.html): lists the pages kept on this phone, read from the
 *   browser's caches (works offline). Shown by the worker in place of a page that is not saved when
 *   there is no network: then it says so first.
 * Every word is in the page; the cache names come from this script's data- attributes.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var PAGES = script && script.getAttribute("data-pages-cache");
  var SAVED = script && script.getAttribute("data-saved-cache");
  var supported = "serviceWorker" in navigator && "caches" in window && location.protocol !== "file:";

  function pageKey(url) {
    var key = new URL(url, location.href);
    key.search = "";
    key.hash = "";
    return key.href;
  }

  /* What search needs to work offline on this phone: the index of the page's language, Material's
     search worker and its language files (the worker imports them from ../lunr/min/). */
  function searchFiles() {
    var element = document.getElementById("__config");
    if (!element) return [];
    var config = JSON.parse(element.textContent);
    var base = (config.base || ".").replace(/\/?$/, "/");
    var urls = [new URL(base + "search/search_index.json", location.href).href];
    var panel = script && script.getAttribute("data-no-guide"); // the no-guide panel (search-panel.js)
    if (panel) urls.push(new URL(panel, location.href).href);
    if (config.search) {
      var worker = new URL(config.search, location.href);
      var lang = (document.documentElement.getAttribute("lang") || "").split("-")[0];
      urls.push(worker.href, new URL("../lunr/min/lunr.stemmer.support.min.js", worker).href);
      // The page language's stemmer. lunr has its first language built in and no file for it: that
      // address answers 404 and the worker keeps nothing for it.
      if (lang) urls.push(new URL("../lunr/min/lunr." + lang + ".min.js", worker).href);
    }
    return urls;
  }

  /* Ask the worker; resolves with its answer, or null when there is none within `ms`. */
  function ask(message, ms) {
    return new Promise(function (resolve) {
      var timer = window.setTimeout(function () {
        resolve(null);
      }, ms);
      navigator.serviceWorker.ready.then(function (registration) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          window.clearTimeout(timer);
          resolve(event.data);
        };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  /* ---- Save for offline reading ---------------------------------------------------------- */

  function setupSave(box) {
    var button = box.querySelector("[data-hb-save-button]");
    var label = box.querySelector("[data-hb-save-label]");
    var status = box.querySelector("[data-hb-save-status]");
    var key = pageKey(location.href);

    function showSaved() {
      label.textContent = box.getAttribute("data-text-saved");
      button.setAttribute("aria-pressed", "true");
      status.textContent = "";
    }

    window.caches.open(SAVED).then(function (cache) {
      return cache.match(key);
    }).then(function (saved) {
      if (saved) showSaved();
    });

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") return;
      status.textContent = box.getAttribute("data-text-saving");
      var urls = [key];
      performance.getEntriesByType("resource").forEach(function (entry) {
        urls.push(entry.name);
      });
      // Offline search on this phone, even if search was never opened online.
      urls = urls.concat(searchFiles());
      ask({ type: "save", urls: urls }, 30000).then(function (answer) {
        if (answer && answer.ok) showSaved();
        else status.textContent = box.getAttribute("data-text-failed");
      });
    });
    box.hidden = false;
  }

  /* ---- The saved-pages page ---------------------------------------------------------------- */

  /* The page's title: its <h1> (without the "#" permalink), else its <title>. Parsed as an inert
     document (nothing in it runs), from the page's HTML in the cache. */
  function titleOf(html) {
    var match = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html) || /<title>([\s\S]*?)<\/title>/i.exec(html);
    if (!match) return "";
    var body = new DOMParser().parseFromString(match[1], "text/html").body;
    Array.prototype.forEach.call(body.querySelectorAll(".headerlink"), function (link) {
      link.remove();
    });
    return body.textContent.replace(/\s+/g, " ").trim();
  }

  function langOf(html) {
    var match = /<html[^>]*\slang="([^"]+)"/i.exec(html);
    return match ? match[1] : "";
  }

  function listPages(box) {
    var own = pageKey(location.href);

    function fill(name, kind, skip) {
      var list = box.querySelector("[data-hb-saved-list='" + kind + "']");
      var empty = box.querySelector("[data-hb-saved-empty='" + kind + "']");
      return window.caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.reverse().map(function (request) {
            return cache.match(request).then(function (response) {
              return response.text().then(function (html) {
                return { url: request.url, title: titleOf(html), lang: langOf(html), cache: cache };
              });
            });
          }));
        });
      }).then(function (pages) {
        list.textContent = "";
        pages.filter(function (page) {
          return page.title && page.url !== own && !(skip && skip[page.url]) && !/\/saved\/$/.test(page.url);
        }).forEach(function (page) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = page.url;
          link.textContent = page.title;
          if (page.lang) link.setAttribute("lang", page.lang);
          item.appendChild(link);
          if (kind === "saved") {
            var remove = document.createElement("button");
            remove.type = "button";
            remove.className = "hb-tool hb-saved__remove";
            remove.textContent = box.getAttribute("data-text-remove");
            remove.addEventListener("click", function () {
              page.cache.delete(page.url).then(function () {
                item.remove();
                empty.hidden = list.children.length > 0;
              });
            });
            item.appendChild(document.createTextNode(" "));
            item.appendChild(remove);
          }
          list.appendChild(item);
        });
        empty.hidden = list.children.length > 0;
        var urls = {};
        pages.forEach(function (page) {
          urls[page.url] = true;
        });
        return urls;
      });
    }

    fill(SAVED, "saved", null).then(function (saved) {
      return fill(PAGES, "recent", saved);
    });
  }

  /* "Save every guide" (partials/saved-pages.html, issue 25): one guide after another, as its own
     button would (the worker keeps saved pages until the reader removes them), then the list again. */
  function setupSaveAll(box, list) {
    var button = box.querySelector("[data-hb-save-all-button]");
    var status = box.querySelector("[data-hb-save-all-status]");
    var urls = JSON.parse(box.getAttribute("data-hb-save-all-urls")).map(function (url) {
      return new URL(url, location.href).href;
    });
    function say(name, done) {
      status.textContent = box.getAttribute(name).replace("{done}", String(done)).replace("{n}", String(urls.length));
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      var done = 0;
      var failed = false;
      say("data-text-progress", 0);
      urls.reduce(function (previous, url, index) {
        return previous.then(function () {
          // The search index too, with the first guide: search works offline on this phone.
          return ask({ type: "save", urls: [url].concat(index ? [] : searchFiles()) }, 30000).then(function (answer) {
            if (answer && answer.ok) done += 1;
            else failed = true;
            say("data-text-progress", done);
          });
        });
      }, Promise.resolve()).then(function () {
        say(failed ? "data-text-failed" : "data-text-done", done);
        button.disabled = false;
        listPages(list);
      });
    });
    box.hidden = false;
  }

  function setupSavedPage(box) {
    // Shown by the worker in place of a page that is not saved: say so, and offer to try again.
    if (document.documentElement.hasAttribute("data-hb-offline-fallback")) {
      var notice = document.querySelector("[data-hb-offline-notice]");
      var retry = notice && notice.querySelector("[data-hb-offline-retry]");
      if (notice) notice.hidden = false;
      if (retry) retry.href = location.href;
    }
    if (!supported) {
      box.querySelector("[data-hb-saved-unsupported]").hidden = false;
      return;
    }
    listPages(box);
    var saveAll = box.querySelector("[data-hb-save-all]");
    if (saveAll && SAVED) setupSaveAll(saveAll, box);
  }

  function setup() {
    var savedPage = document.querySelector("[data-hb-saved-page]");
    if (savedPage) setupSavedPage(savedPage);
    var save = document.querySelector("[data-hb-save]");
    if (save && supported && SAVED) setupSave(save);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
