/* Material for MkDocs 9.8.2 writes these small scripts inline in every page. The handbook's content
 * security policy runs no inline script (an injected <script> or onclick= must never run), so they
 * live here, in the same order, in the project's one script in <head> (handbook/publish/bundle.py).
 * The page's scope comes from the script tag (data-md-scope), as Material's inline script had it.
 * Each part is the original snippet from material/templates/partials/javascripts/*.html, guarded so
 * it only runs when its element is on the page. Check them again when Material is upgraded. */

/* base.html: scope and helpers the bundle uses (localStorage keys per site) */
__md_scope = new URL(document.currentScript.getAttribute("data-md-scope") || ".", location),
__md_hash = e => [...e].reduce(((e, _) => (e << 5) - e + _.charCodeAt(0)), 0),
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (e) {} };

/* The rest needs the page: it runs once the page is parsed, before Material's bundle mounts its
 * components (on DOMContentLoaded too, but registered later: this file is in the <head> script). */
(function (run) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
})(function () {
  /* palette.html: the colour scheme the reader chose last time */
  var palette = __md_get("__palette");
  if (palette && palette.color) {
    if ("(prefers-color-scheme)" === palette.color.media) {
      var media = matchMedia("(prefers-color-scheme: light)"),
        input = document.querySelector(media.matches ? "[data-md-color-media='(prefers-color-scheme: light)']" : "[data-md-color-media='(prefers-color-scheme: dark)']");
      if (input) {
        palette.color.media = input.getAttribute("data-md-color-media"),
        palette.color.scheme = input.getAttribute("data-md-color-scheme"),
        palette.color.primary = input.getAttribute("data-md-color-primary"),
        palette.color.accent = input.getAttribute("data-md-color-accent");
      }
    }
    for (var [key, value] of Object.entries(palette.color)) document.body.setAttribute("data-md-color-" + key, value);
  }

  /* announce.html: keep a dismissed announcement hidden */
  var announce = document.querySelector("[data-md-component=announce]");
  if (announce) {
    var content = announce.querySelector(".md-typeset");
    content && __md_hash(content.innerHTML) === __md_get("__announce") && (announce.hidden = !0);
  }

  /* outdated.html: the banner of an outdated version (mike) */
  var outdatedElement = document.querySelector("[data-md-component=outdated]");
  if (outdatedElement) {
    var outdated = __md_get("__outdated", sessionStorage, __md_scope);
    !0 === outdated && (outdatedElement.hidden = !1);
  }

  /* content.html (content.tabs.link): open the tab the reader chose on another page */
  var config = document.getElementById("__config");
  var features = config ? (JSON.parse(config.textContent).features || []) : [];
  var tabs = __md_get("__tabs");
  if (features.indexOf("content.tabs.link") !== -1 && Array.isArray(tabs)) {
    e: for (var set of document.querySelectorAll(".tabbed-set")) {
      var labels = set.querySelector(".tabbed-labels");
      if (!labels) continue;
      for (var tab of tabs) for (var label of labels.getElementsByTagName("label")) if (label.innerText.trim() === tab) {
        var tabInput = document.getElementById(label.htmlFor);
        tabInput.checked = !0;
        continue e;
      }
    }
  }

  /* content.html: open the tab a link points to (#__tabbed_…) */
  var target = document.getElementById(location.hash.slice(1));
  target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
});
