/* Reading tools: text size (A, A+, A++) and read aloud. Plain JS, no dependencies.
 *
 * Loaded from <head> as a same-origin file (no inline script), so the saved text size is on
 * <html data-hb-text-size> before the page is drawn; the buttons are wired once the page is parsed.
 * The markup and every label are in overrides/partials/reading-tools.html.
 */
(function () {
  "use strict";

  var KEY = "hb-text-size";
  var SIZES = ["0", "1", "2"];
  var root = document.documentElement;
  // Show the tools from the first paint (no layout shift when they appear): CSS reveals the
  // hidden toolbar under these classes; without JavaScript it stays hidden.
  root.classList.add("hb-tools-ready");
  if (window.speechSynthesis && window.SpeechSynthesisUtterance) root.classList.add("hb-speech");

  function savedSize() {
    try {
      var value = window.localStorage.getItem(KEY);
      return SIZES.indexOf(value) >= 0 ? value : "0";
    } catch (error) {
      return "0"; // storage blocked (private mode, file://): use the normal size
    }
  }

  function applySize(value) {
    if (value === "0") root.removeAttribute("data-hb-text-size");
    else root.setAttribute("data-hb-text-size", value);
    var buttons = document.querySelectorAll("[data-hb-size]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-hb-size") === value));
    }
  }

  applySize(savedSize());

  // The buttons are drawn from the first paint; on a slow connection the rest of the page (Material's
  // bundle) can take seconds. Listening on the document from here, in <head>, makes a tap on A++
  // work as soon as the button is on screen, not only once the page has finished loading.
  var chosen = null; // a size tapped before the page was parsed: kept over the saved one
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-hb-size]");
    if (!button) return;
    var value = button.getAttribute("data-hb-size");
    chosen = value;
    try {
      window.localStorage.setItem(KEY, value);
    } catch (error) {
      /* not remembered, still applied to this page */
    }
    applySize(value);
  });

  function setupTextSize() {
    // Another tab changed the size: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) applySize(savedSize());
    });
    applySize(chosen || savedSize());
  }

  /* ---- Read aloud ------------------------------------------------------------------------ */

  // Not read: permalink "#" signs, these tools and the hand-over tools (handover.js), the drawn phone inside a screen illustration
  // (its caption is read), and anything hidden from assistive technology.
  var SKIP = ".headerlink, .hb-reading-tools, .hb-handover, .hb-save, .hb-screen__phone, .hb-screen__label, " +
    "[aria-hidden='true'], " +
    "script, style, template, noscript, svg";
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|SUMMARY|TABLE|TBODY|TD|TFOOT|TH|THEAD|TR|UL)$/;

  /* The language a piece is read in: its nearest lang attribute, as the page writes it (a BCP 47 code):
     voiceFor() finds a voice of that language whatever its region. */
  function voiceLang(element) {
    var holder = element.closest("[lang]");
    return (holder ? holder.getAttribute("lang") : root.getAttribute("lang") || "").toLowerCase();
  }

  /* The article as a list of {text, lang} pieces: one per block, split where the language changes
     (a Vietnamese button name inside an English sentence is read with the Vietnamese voice). */
  function readingPieces(article) {
    var pieces = [];
    var current = null;

    function flush() {
      if (current && /[\p{L}\p{N}]/u.test(current.text)) {
        current.text = current.text.replace(/\s+/g, " ").trim();
        pieces.push(current);
      } else if (current && pieces.length && !/^\s*$/.test(current.text)) {
        pieces[pieces.length - 1].text += current.text.replace(/\s+/g, " ").trimEnd();
      }
      current = null;
    }

    function addText(node) {
      var lang = voiceLang(node.parentElement);
      if (current && current.lang !== lang) {
        // Punctuation or spaces alone do not start a new piece.
        if (!/[\p{L}\p{N}]/u.test(node.data)) {
          current.text += node.data;
          return;
        }
        flush();
      }
      if (!current) current = { text: "", lang: lang };
      current.text += node.data;
    }

    function walk(element) {
      for (var child = element.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          addText(child);
        } else if (child.nodeType === 1) {
          if (child.matches(SKIP) || child.hidden) continue;
          // Not shown (an inactive tab, the inside of a closed <details>) is not read. Text hidden
          // only visually, for screen readers, is still rendered and is read.
          var style = window.getComputedStyle(child);
          if (child.checkVisibility ? !child.checkVisibility({ visibilityProperty: true })
            : style.display === "none" || style.visibility === "hidden") continue;
          var isBlock = BLOCK.test(child.tagName) || style.display === "block" || style.display === "flex";
          if (isBlock) flush();
          walk(child);
          if (isBlock) flush();
        }
      }
    }

    walk(article);
    flush();
    return pieces;
  }

  function setupListen(tools, article) {
    var synth = window.speechSynthesis;
    var box = tools.querySelector("[data-hb-listen]");
    var start = box.querySelector("[data-hb-listen-start]");
    var pause = box.querySelector("[data-hb-listen-pause]");
    var pauseLabel = pause.querySelector("[data-hb-listen-pause-label]");
    var stop = box.querySelector("[data-hb-listen-stop]");
    var note = box.querySelector("[data-hb-listen-note]");

    var pieces = [];
    var index = 0;
    var run = 0; // bumped on every start/pause/stop, so a late "end" event of an old utterance is ignored
    var state = "idle"; // idle | speaking | paused
    var keep = null; // Chrome drops events of an utterance that is garbage-collected while speaking

    function show(newState) {
      state = newState;
      start.hidden = state !== "idle";
      pause.hidden = state === "idle";
      stop.hidden = state === "idle";
      var paused = state === "paused";
      pauseLabel.textContent = pause.getAttribute(paused ? "data-label-resume" : "data-label-pause");
      pause.querySelector(".hb-listen__icon-pause").hidden = paused;
      pause.querySelector(".hb-listen__icon-play").hidden = !paused;
    }

    function voiceFor(lang) {
      var voices = synth.getVoices ? synth.getVoices() || [] : [];
      var prefix = lang.split("-")[0].toLowerCase();
      for (var i = 0; i < voices.length; i++) {
        if (String(voices[i].lang).replace("_", "-").toLowerCase() === lang.toLowerCase()) return voices[i];
      }
      for (var j = 0; j < voices.length; j++) {
        if (String(voices[j].lang).toLowerCase().indexOf(prefix) === 0) return voices[j];
      }
      return null;
    }

    function speakFrom(position, myRun) {
      if (myRun !== run) return;
      if (position >= pieces.length) {
        keep = null;
        show("idle");
        return;
      }
      index = position;
      var piece = pieces[position];
      var utterance = new window.SpeechSynthesisUtterance(piece.text);
      utterance.lang = piece.lang;
      var voice = voiceFor(piece.lang);
      if (voice) utterance.voice = voice;
      utterance.onend = function () {
        speakFrom(position + 1, myRun);
      };
      utterance.onerror = function (event) {
        // "interrupted"/"canceled" come from our own pause or stop; any other error skips the piece.
        if (event && (event.error === "interrupted" || event.error === "canceled")) return;
        speakFrom(position + 1, myRun);
      };
      keep = utterance;
      synth.speak(utterance);
    }

    function begin(position) {
      run += 1;
      synth.cancel();
      show("speaking");
      speakFrom(position, run);
    }

    start.addEventListener("click", function () {
      pieces = readingPieces(article);
      var mainLang = voiceLang(article);
      var voices = synth.getVoices ? synth.getVoices() || [] : [];
      note.textContent = voices.length && !voiceFor(mainLang) ? note.getAttribute("data-text-no-voice") : "";
      begin(0);
      pause.focus();
    });

    // Pause cancels and later restarts the current paragraph: speechSynthesis.pause() is not
    // dependable on Android, and hearing the paragraph again helps after a pause.
    pause.addEventListener("click", function () {
      if (state === "speaking") {
        run += 1;
        synth.cancel();
        show("paused");
      } else if (state === "paused") {
        begin(index);
      }
    });

    stop.addEventListener("click", function () {
      run += 1;
      synth.cancel();
      keep = null;
      index = 0;
      show("idle");
      start.focus();
    });

    window.addEventListener("pagehide", function () {
      if (state !== "idle") synth.cancel();
    });

    box.hidden = false;
  }

  // Material's search dialog has no accessible name: give it the search box's (localised) label.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "");
    }
  }

  function setup() {
    nameSearchDialog();
    var tools = document.querySelector("[data-hb-reading-tools]");
    if (!tools) return;
    setupTextSize();
    // "Công cụ" / "Tools": open from the start where the row has room for every tool (issue 25).
    var more = tools.querySelector("[data-hb-more]");
    if (more && window.matchMedia("(min-width: 60em)").matches) more.open = true;
    var article = tools.closest("article") || document.querySelector("article");
    if (article && window.speechSynthesis && window.SpeechSynthesisUtterance) {
      setupListen(tools, article);
    }
    tools.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
