/* Menus, search and contents the way residents hold a phone (issue 15). Plain JS, no dependencies;
 * part of the one script (handbook/publish/bundle.py) in <head>: it starts once the page is parsed.
 *
 * - The menu (☰) and search (🔍) buttons of the header (overrides/partials/header.html) work
 *   with Enter and Space; one tap on 🔍 opens search with the cursor in the box (keyboard up).
 * - The search box takes no Tab stop while it waits off screen on a phone (it is reached
 *   through 🔍); when search cannot start without a network, it says so in the page's language.
 * - The drawer (menu on a phone) keeps the focus inside while open, closes on Escape and gives
 *   the focus back to ☰ (its links take no focus while it is closed: handbook.css).
 * - The floating "Contents" button (overrides/partials/top.html) opens the page's steps.
 * - The language switch keeps the reader's place: same page, same step (#buoc-3).
 * Every word shown comes from the page (data- attributes written by the templates).
 */
(function () {
  "use strict";

  var script = document.currentScript; // the bundle's script tag: read while it runs

  function start() {
    var PHONE = window.matchMedia("(max-width: 59.984375em)"); // where search waits off screen
    var DRAWER = window.matchMedia("(max-width: 76.234375em)"); // where the menu is a drawer
    var FOCUSABLE = "a[href], button:not([disabled]), input:not([type='hidden']):not([disabled]), " +
      "select, textarea, [tabindex]:not([tabindex='-1'])";

    function $(selector, root) {
      return (root || document).querySelector(selector);
    }

    /* Material's toggles are checkboxes; it follows their "change" event. */
    function setToggle(toggle, value) {
      if (toggle && toggle.checked !== value) {
        toggle.checked = value;
        toggle.dispatchEvent(new Event("change"));
      }
    }

    function visibleFocusables(root) {
      return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (element) {
        return element.checkVisibility ? element.checkVisibility({ visibilityProperty: true })
          : element.offsetParent !== null;
      });
    }

    /* Tab and Shift+Tab stay inside ``root``. */
    function trapTab(event, root) {
      var items = visibleFocusables(root);
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      var inside = root.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    }

    /* Labels used as buttons (role="button", tabindex="0") answer Enter and Space like buttons.
       Handled first and only here (Material also clicks a focused label on Enter: twice would
       open and close the drawer at once). */
    window.addEventListener("keydown", function (event) {
      var target = event.target;
      if ((event.key === "Enter" || event.key === " ") && target.matches && target.matches("label[role='button']")) {
        event.preventDefault();
        event.stopPropagation();
        target.click();
      }
    }, true);

    /* ---- Search ---------------------------------------------------------------------------- */

    var searchToggle = document.getElementById("__search");
    var searchButton = $("[data-hb-search-button]");
    var searchInput = $("[data-md-component='search-query']");

    function searchTabStop() {
      if (!searchInput) return;
      if (PHONE.matches && !searchToggle.checked) searchInput.setAttribute("tabindex", "-1");
      else searchInput.removeAttribute("tabindex");
    }

    /* Needs a network once: when the index is neither reachable nor saved, say so instead of
       "Preparing search…" for ever. */
    function explainOfflineSearch() {
      var meta = $(".md-search-result__meta");
      var text = script && script.getAttribute("data-search-offline");
      var config = $("#__config");
      if (!meta || !text || !config || !window.caches) return;
      var base = JSON.parse(config.textContent).base || ".";
      var index = new URL(base.replace(/\/?$/, "/") + "search/search_index.json", location.href).href;
      window.caches.match(index).then(function (saved) {
        if (!saved && !navigator.onLine) meta.textContent = text;
      });
    }

    if (searchToggle && searchInput) {
      searchTabStop();
      PHONE.addEventListener("change", searchTabStop);
      searchToggle.addEventListener("change", function () {
        searchTabStop();
        if (searchToggle.checked) {
          explainOfflineSearch();
        } else if (PHONE.matches && searchButton && (!document.activeElement || document.activeElement === document.body ||
          $(".md-search").contains(document.activeElement))) {
          searchButton.focus(); // closed with Escape or ←: back where the reader was
        }
      });
      window.addEventListener("offline", function () {
        if (searchToggle.checked) explainOfflineSearch();
      });
      if (searchButton) {
        // One tap: open search and put the cursor in the box within the tap itself, so the phone's
        // keyboard comes up at once (a focus moved later is not always allowed to raise it).
        searchButton.addEventListener("click", function (event) {
          event.preventDefault();
          setToggle(searchToggle, true);
          searchTabStop();
          searchInput.focus();
        });
      }
    }

    /* ---- Drawer (the menu on a phone) ---------------------------------------------------- */

    var drawerToggle = document.getElementById("__drawer");
    var drawerButton = $("[data-hb-drawer-button]");
    var drawer = $(".md-sidebar--primary");

    if (drawerToggle && drawerButton && drawer) {
      drawerToggle.addEventListener("change", function () {
        var open = drawerToggle.checked;
        drawerButton.setAttribute("aria-expanded", String(open));
        if (!DRAWER.matches) return;
        if (open) {
          window.setTimeout(function () {
            var first = visibleFocusables(drawer).filter(function (element) {
              return element.matches(".md-nav__link");
            })[0];
            if (first) first.focus();
          }, 0);
        } else if (drawer.contains(document.activeElement) || document.activeElement === document.body) {
          drawerButton.focus();
        }
      });
      document.addEventListener("keydown", function (event) {
        if (!drawerToggle.checked || !DRAWER.matches) return;
        if (event.key === "Escape") {
          event.preventDefault();
          setToggle(drawerToggle, false);
        } else if (event.key === "Tab") {
          trapTab(event, drawer);
        }
      });
    }

    /* ---- Contents of a long page (partials/top.html) ----------------------------------------- */

    var tocButton = $("[data-hb-toc-button]");
    var toc = $("[data-hb-toc]");

    if (tocButton && toc) {
      var openToc = function () {
        toc.hidden = false;
        tocButton.setAttribute("aria-expanded", "true");
        document.documentElement.classList.add("hb-toc-open");
        var current = $("a[aria-current='true']", toc) || $("a", toc);
        if (current) current.focus();
      };
      var closeToc = function (giveFocusBack) {
        toc.hidden = true;
        tocButton.setAttribute("aria-expanded", "false");
        document.documentElement.classList.remove("hb-toc-open");
        if (giveFocusBack) tocButton.focus();
      };
      tocButton.addEventListener("click", function () {
        if (toc.hidden) openToc();
        else closeToc(true);
      });
      toc.addEventListener("click", function (event) {
        var target = event.target;
        if (target.closest("[data-hb-toc-close]") || target === toc) {
          closeToc(true);
          return;
        }
        var link = target.closest("a[href^='#']");
        if (link) {
          closeToc(false);
          var heading = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
          if (heading) {
            // Reading continues from the step: the next Tab goes to what follows it.
            heading.setAttribute("tabindex", "-1");
            window.setTimeout(function () {
              heading.focus({ preventScroll: true });
            }, 0);
          }
        }
      });
      document.addEventListener("keydown", function (event) {
        if (toc.hidden) return;
        if (event.key === "Escape") {
          event.preventDefault();
          closeToc(true);
        } else if (event.key === "Tab") {
          trapTab(event, toc);
        }
      });
      // The step being read is marked in the list.
      var headings = Array.prototype.map.call(toc.querySelectorAll("a[href^='#']"), function (link) {
        return { link: link, heading: document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) };
      }).filter(function (item) {
        return item.heading;
      });
      tocButton.addEventListener("click", function () {
        var current = currentHeading(headings.map(function (item) {
          return item.heading;
        }));
        headings.forEach(function (item) {
          if (item.heading === current) item.link.setAttribute("aria-current", "true");
          else item.link.removeAttribute("aria-current");
        });
      }, true);
      tocButton.hidden = false;
    }

    /* The last heading whose top has scrolled past the header: the step being read. */
    function currentHeading(headings, below) {
      var header = $(".md-header");
      var line = (header ? header.getBoundingClientRect().bottom : 0) + (below || 8);
      var found = null;
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].getBoundingClientRect().top <= line) found = headings[i];
      }
      return found;
    }

    /* ---- Language switch: keep the reader's place ------------------------------------------ */

    /* The step the reader is at: the address's (#buoc-3) while it is still near the top of the
       screen, else the last heading that has reached the top quarter (the reader scrolled on). */
    function placeAnchor() {
      var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) {
        var top = target.getBoundingClientRect().top;
        if (top >= -10 && top < window.innerHeight * 0.4) return location.hash;
      }
      // At the top of the page (not scrolled yet) the reader is at the start: no step to keep.
      if (window.scrollY < 1) return location.hash;
      var heading = currentHeading(document.querySelectorAll("article h2[id], article h3[id]"), window.innerHeight / 4);
      return heading ? "#" + heading.id : location.hash;
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.hb-lang__link[href]");
      if (!link) return;
      var url = new URL(link.getAttribute("href"), location.href);
      url.hash = placeAnchor();
      link.href = url.href; // the browser follows the link as it is after this handler
    }, true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
