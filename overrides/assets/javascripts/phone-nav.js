/* Menus, search and contents the way residents hold a phone (issue 15). Plain JS, no dependencies;
 * part of the one script (handbook/publish/bundle.py) in <head>: it starts once the page is parsed.
 *
 * - The menu (☰) and search (🔍) buttons of the header (overrides/partials/header.html) open the
 *   drawer and the search (Material's labels do it without JavaScript); one tap on 🔍 opens search
 *   with the cursor in the box (keyboard up).
 * - The search box takes no Tab stop while it waits off screen on a phone (it is reached
 *   through 🔍); when search cannot start without a network, it says so in the page's language.
 * - The drawer (menu on a phone) keeps the focus inside while open, closes on Escape and gives
 *   the focus back to ☰ (its links take no focus while it is closed: handbook.css).
 * - The floating "Contents" button (overrides/partials/top.html) opens the page's steps.
 * - The language switch keeps the reader's place: same page, same step (#buoc-3).
 * - Back (the phone's button or gesture) closes the search, the drawer, the contents or a dialog
 *   before it leaves the page (issue 25); text pasted or dictated into search is searched too.
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

    /* The header's ☰ and 🔍 are Material's labels (they work without JavaScript); here each gets a
       real button in its place (issue 25: a label may not take role="button"), the label stays for
       Material's script, hidden (handbook.css). */
    Array.prototype.forEach.call(document.querySelectorAll(".md-header label[data-hb-button]"), function (label) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " hb-header-" + label.getAttribute("data-hb-button");
      button.setAttribute("aria-label", label.getAttribute("aria-label"));
      button.setAttribute("data-hb-" + label.getAttribute("data-hb-button") + "-button", "");
      if (label.getAttribute("data-hb-button") === "drawer") button.setAttribute("aria-expanded", "false");
      button.innerHTML = label.innerHTML; // the icon
      label.parentNode.insertBefore(button, label.nextSibling);
      label.classList.add("hb-replaced");
    });

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

    /* ---- Back closes what is open (issue 25) ------------------------------------------------
       Opening the search, the drawer, the contents or a dialog adds one history entry with the
       page's own address; the phone's Back then closes it (Android's habit) instead of leaving
       the page. Closed another way (Escape, ✕, a tap outside), the entry is taken back. A link
       followed from inside opens in place of the entry: Back from the next page returns to the
       page, not to an open panel. */

    var layers = []; // {isOpen(), close(), root}
    var pushed = false; // our entry is the current one
    var popping = false; // closing because of Back
    var skipPop = false; // the next popstate is our own history.back()
    var refocus = null; // where the focus was when our entry was taken back

    function anyOpen() {
      return layers.some(function (layer) { return layer.isOpen(); });
    }

    function layerChanged() {
      if (popping) return;
      if (anyOpen()) {
        if (!pushed) {
          history.pushState({ hbLayer: true }, "");
          pushed = true;
        }
      } else if (pushed) {
        pushed = false;
        skipPop = true;
        // Once the closing panel has put the focus back (going back to an address with #step blurs it).
        window.setTimeout(function () {
          refocus = document.activeElement;
          history.back();
        }, 0);
      }
    }

    function addLayer(layer) {
      layers.push(layer);
    }

    window.addEventListener("popstate", function () {
      if (skipPop) {
        skipPop = false;
        var keep = refocus;
        refocus = null;
        if (keep && keep !== document.body) {
          window.setTimeout(function () { // after the browser has gone to the #step
            if (document.activeElement !== keep && document.contains(keep)) keep.focus({ preventScroll: true });
          }, 0);
        }
        return;
      }
      if (!pushed) return;
      pushed = false;
      popping = true;
      layers.forEach(function (layer) {
        if (layer.isOpen()) layer.close();
      });
      popping = false;
    });

    // Back into our entry from another page (it was left without closing): go on to the page's own.
    if (history.state && history.state.hbLayer) {
      skipPop = true;
      history.back();
    }

    document.addEventListener("click", function (event) {
      if (!pushed || event.defaultPrevented || event.button || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) return;
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || link.target || link.hasAttribute("download")) return;
      var inside = layers.some(function (layer) { return layer.isOpen() && layer.root.contains(link); });
      var url = new URL(link.href, location.href);
      if (!inside || !/^(https?|file):$/.test(url.protocol)) return; // tel:, mailto: keep the panel
      event.preventDefault();
      popping = true;
      layers.forEach(function (layer) {
        if (layer.isOpen()) layer.close();
      });
      popping = false;
      pushed = false;
      if (url.pathname === location.pathname && url.search === location.search && url.hash) {
        // A step of this page: our entry becomes the step's (Back returns to where the reader was).
        history.replaceState(null, "", url.href);
        var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
        var header = $(".md-header");
        if (target) {
          window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY -
            (header ? header.getBoundingClientRect().bottom : 0) - 8);
        }
        return;
      }
      location.replace(url.href); // in place of our entry: Back from there returns to the page
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
      /* Material reads the box on "keyup" only: text pasted, dictated, picked from the keyboard's
         suggestions or corrected arrives without key events (issue 25). Every change of the text
         is handed to Material as the key press it waits for, so results follow the box. */
      var queryChanged = function () {
        searchInput.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      };
      searchInput.addEventListener("input", queryChanged);
      searchInput.addEventListener("compositionend", queryChanged);
      searchTabStop();
      PHONE.addEventListener("change", searchTabStop);
      addLayer({
        root: $(".md-search"),
        isOpen: function () { return searchToggle.checked; },
        close: function () { setToggle(searchToggle, false); }
      });
      searchToggle.addEventListener("change", function () {
        layerChanged();
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
      addLayer({
        root: drawer,
        isOpen: function () { return drawerToggle.checked && DRAWER.matches; },
        close: function () { setToggle(drawerToggle, false); }
      });
      drawerButton.addEventListener("click", function () {
        setToggle(drawerToggle, !drawerToggle.checked);
      });
      drawerToggle.addEventListener("change", function () {
        layerChanged();
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
        layerChanged();
        var current = $("a[aria-current='true']", toc) || $("a", toc);
        if (current) current.focus();
      };
      var closeToc = function (giveFocusBack) {
        toc.hidden = true;
        tocButton.setAttribute("aria-expanded", "false");
        document.documentElement.classList.remove("hb-toc-open");
        layerChanged();
        if (giveFocusBack) tocButton.focus();
      };
      addLayer({
        root: toc,
        isOpen: function () { return !toc.hidden; },
        close: function () { closeToc(true); }
      });
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
            // Focusable only until the reader moves on: Back to this #step must not take the focus there.
            heading.setAttribute("tabindex", "-1");
            heading.addEventListener("blur", function () {
              heading.removeAttribute("tabindex");
            }, { once: true });
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

    /* ---- The page tools and dialogs (open on another phone) ---------------------------------- */

    var more = $("[data-hb-more]"); // "Công cụ" / "Tools" on a phone (partials/reading-tools.html)
    if (more) {
      addLayer({
        root: more,
        isOpen: function () { return more.open && PHONE.matches; },
        close: function () { more.open = false; }
      });
      more.addEventListener("toggle", layerChanged);
    }

    Array.prototype.forEach.call(document.querySelectorAll("dialog"), function (dialog) {
      addLayer({
        root: dialog,
        isOpen: function () { return dialog.open; },
        close: function () { dialog.close(); }
      });
      new MutationObserver(layerChanged).observe(dialog, { attributes: true, attributeFilter: ["open"] });
    });

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
