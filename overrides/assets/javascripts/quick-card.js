/* The quick card's "In thẻ này" / "Print this card" button (handbook/guides/quick_card.py): shown only where the
 * browser can print; and its text size, A / A+ / A++ (issue 25): the reader's saved choice of the site
 * (a11y.js keeps it under the same name), applied from <head> before the card is drawn.
 * A same-origin file (no inline script); only the quick cards load it. */
(function () {
  "use strict";

  var KEY = "hb-text-size"; /* as a11y.js */
  var root = document.documentElement;

  function saved() {
    try {
      var value = window.localStorage.getItem(KEY);
      return ["0", "1", "2"].indexOf(value) >= 0 ? value : "0";
    } catch (error) {
      return "0";
    }
  }

  function applySize(value) {
    root.setAttribute("data-hb-text-size", value);
    Array.prototype.forEach.call(document.querySelectorAll("[data-hb-size]"), function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-hb-size") === value));
    });
  }

  applySize(saved());

  function setup() {
    var print = document.querySelector("[data-hb-print]");
    if (print && typeof window.print === "function") {
      print.addEventListener("click", function () {
        window.print();
      });
      print.hidden = false;
    }
    var sizes = document.querySelector("[data-hb-sizes]");
    if (sizes) {
      sizes.addEventListener("click", function (event) {
        var button = event.target.closest("[data-hb-size]");
        if (!button) return;
        var value = button.getAttribute("data-hb-size");
        try {
          window.localStorage.setItem(KEY, value);
        } catch (error) {
          /* applied to this card only */
        }
        applySize(value);
      });
      applySize(saved());
      sizes.hidden = false;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
