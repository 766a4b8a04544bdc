/* Registers the handbook's service worker (/sw.js, written by overrides/hooks/offline.py) so pages
 * opened once can be read again offline. A same-origin file (no inline script, for the content
 * security policy). Does nothing from file:// (the offline copy) or in browsers without service
 * workers: the pages work the same, only without the offline cache.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || location.protocol === "file:") {
    return;
  }
  // This file is <site>/assets/javascripts/sw-register.js: the site root is two folders up,
  // which also works when the site lives under a sub-path (https://example.org/handbook/).
  var root = new URL("../../", script.src);

  function loadedUrls() {
    var urls = [location.href.split("#")[0]];
    performance.getEntriesByType("resource").forEach(function (entry) {
      urls.push(entry.name);
    });
    return urls;
  }

  function register() {
    navigator.serviceWorker
      .register(new URL("sw.js", root).href, { scope: root.href })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        // Keep this page and what it loaded (taken from the browser's cache, not downloaded again).
        if (registration.active) {
          registration.active.postMessage({ type: "keep", urls: loadedUrls() });
        }
      })
      .catch(function () {
        /* no offline cache: the page itself is unaffected */
      });
  }

  // After the page has loaded and the browser is idle: reading comes first.
  function whenIdle() {
    if ("requestIdleCallback" in window) {
      window.requestIdleCallback(register, { timeout: 5000 });
    } else {
      window.setTimeout(register, 1000);
    }
  }

  // Added to the home screen (issue 19): keep the app's start page, the folder of this page's
  // manifest (the home page of its language), so the icon opens it offline too.
  window.addEventListener("appinstalled", function () {
    var manifest = document.querySelector("link[rel='manifest']");
    if (!manifest) {
      return;
    }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ type: "keep", urls: [new URL("./", manifest.href).href] });
      }
    });
  });

  if (document.readyState === "complete") {
    whenIdle();
  } else {
    window.addEventListener("load", whenIdle);
  }
})();
