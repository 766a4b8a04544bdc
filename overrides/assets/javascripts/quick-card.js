/* The quick card's "In thẻ này" / "Print this card" button (handbook/guides/quick_card.py): shown only where the
 * browser can print. A same-origin file (no inline script); only the quick cards load it. */
(function () {
  "use strict";

  function setup() {
    var print = document.querySelector("[data-hb-print]");
    if (print && typeof window.print === "function") {
      print.addEventListener("click", function () {
        window.print();
      });
      print.hidden = false;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
