/* The root 404 page on a host that serves only /404.html for every missing address (GitHub Pages):
 * an address under /en/ (or another language's folder, also below a sub-folder site) shows that
 * language's block of overrides/404.html instead of the default language's. A same-origin file (no
 * inline script); without JavaScript the page stays in the default language. The words are in the page.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  // This file is <site>/assets/javascripts/not-found.js: the site root is two folders up.
  var root = new URL("../../", script.src).pathname;
  var path = location.pathname;
  if (path.indexOf(root) !== 0) return;
  var rest = path.slice(root.length);
  var blocks = Array.prototype.slice.call(document.querySelectorAll("[data-hb-notfound]"));
  var match = blocks.filter(function (block) {
    var code = block.getAttribute("data-hb-notfound");
    return block.hidden && (rest === code || rest.indexOf(code + "/") === 0);
  })[0];
  if (!match) return;
  var code = match.getAttribute("data-hb-notfound");
  var before = document.documentElement.getAttribute("lang");
  blocks.forEach(function (block) {
    block.hidden = block !== match;
  });
  // The page is now in that language; what stays in the default language says so.
  document.querySelectorAll(".md-header, .md-sidebar, .md-footer, .hb-reading-tools, [data-md-component='skip']")
    .forEach(function (element) {
      element.setAttribute("lang", before);
    });
  document.documentElement.setAttribute("lang", code);
  document.title = match.getAttribute("data-hb-title") + " - " + document.title.replace(/^.*? - /, "");
})();
