/* Ward directory filter: shows only the rows whose name matches what the reader types,
   with or without Vietnamese accents ("bao quang" finds "Xã Bảo Quang"). The row text and the query
   are folded the same way: Unicode NFD, marks removed, đ -> d, lower case (as handbook/slugs.py).
   Without JavaScript the filter box stays hidden and the full list is shown. */
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function setup(box) {
    var root = box.parentNode;
    var input = box.querySelector("input");
    var status = box.querySelector("[data-ward-status]");
    var empty = box.querySelector("[data-ward-empty]");
    var rows = Array.prototype.slice.call(root.querySelectorAll("[data-ward-list] > li"));
    var lists = Array.prototype.slice.call(root.querySelectorAll("[data-ward-list]"));
    var keys = rows.map(function (row) {
      return " " + fold(row.textContent) + " ";
    });
    var squashed = keys.map(function (key) {
      return key.replace(/ /g, "");
    });

    function apply() {
      var query = fold(input.value);
      var words = query ? query.split(" ") : [];
      var joined = words.join("");
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = words.every(function (word) {
          return keys[index].indexOf(word) !== -1;
        }) || (joined.length > 2 && squashed[index].indexOf(joined) !== -1);
        row.hidden = !match;
        if (match) shown += 1;
      });
      lists.forEach(function (list) {
        var visible = list.querySelector("li:not([hidden])") !== null;
        list.hidden = !visible;
        var heading = list.previousElementSibling;
        if (heading && heading.hasAttribute("data-ward-heading")) heading.hidden = !visible;
      });
      empty.hidden = shown !== 0;
      status.textContent = words.length ? status.getAttribute("data-template").replace("{n}", String(shown)) : "";
    }

    input.addEventListener("input", apply);
    box.hidden = false;
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) {
      input.value = params.get("q");
    }
    if (input.value) apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-ward-filter]"), setup);
})();
