/* Hand a page over to another phone (issue 17). Plain JS, no dependencies, same-origin file.
 *
 * - "Open on another phone" opens a <dialog> with the page's QR code (drawn at build time as SVG,
 *   so it works offline) and its short address. Escape, the Close button or a tap outside closes it;
 *   focus goes back to the button.
 * - "Share" opens the phone's share sheet (Web Share API); without it, the address is copied
 *   (Clipboard API, else a selected text box and execCommand) and a status line says so.
 * - On a quick card, the "Print this card" button.
 * The markup and every word are in overrides/partials/handover.html (and handbook/guides/quick_card.py);
 * this file holds no words. The buttons stay hidden when this file does not run.
 */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var box = document.createElement("textarea");
      box.className = "hb-handover__copy";
      box.value = text;
      box.setAttribute("readonly", "");
      document.body.appendChild(box);
      box.select();
      var done = false;
      try {
        done = document.execCommand("copy");
      } catch (error) {
        done = false;
      }
      document.body.removeChild(box);
      if (done) resolve(); else reject(new Error("copy failed"));
    });
  }

  function setupHandover(tools) {
    var url = tools.getAttribute("data-url");
    var title = document.title;
    var status = document.querySelector("[data-hb-share-status]");
    var open = tools.querySelector("[data-hb-handover-open]");
    var share = tools.querySelector("[data-hb-share]");
    var dialog = document.querySelector("[data-hb-handover-dialog]");

    if (dialog && typeof dialog.showModal === "function") {
      open.addEventListener("click", function () {
        dialog.showModal();
      });
      dialog.querySelector("[data-hb-handover-close]").addEventListener("click", function () {
        dialog.close();
      });
      // A tap on the dimmed backdrop (the dialog element itself, outside its content) closes it.
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog) dialog.close();
      });
      dialog.addEventListener("close", function () {
        open.focus();
      });
    } else {
      open.hidden = true; // a very old browser: the share button and the printed QR remain
    }

    share.addEventListener("click", function () {
      status.textContent = "";
      if (navigator.share) {
        navigator.share({ title: title, url: url }).catch(function () {
          /* the reader closed the share sheet: nothing to say */
        });
        return;
      }
      copyText(url).then(function () {
        status.textContent = tools.getAttribute("data-text-copied");
      }, function () {
        status.textContent = tools.getAttribute("data-text-copy-failed").replace("{url}", url);
      });
    });

    tools.hidden = false;
  }

  function setup() {
    var tools = document.querySelector("[data-hb-handover]");
    if (tools) setupHandover(tools);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
