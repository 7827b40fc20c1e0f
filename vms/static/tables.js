// Tables on a phone: each cell learns its column's heading, so that on a narrow screen the
// stylesheet can show every row as a card of "heading: value" lines instead of a table
// scrolled sideways. Without this script the table scrolls inside its wrapper as before.
(function () {
  "use strict";
  function label(table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) { return; }
    var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (names[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", names[column]);
        }
        column += cell.colSpan || 1;
      });
    });
    table.classList.add("stacks");
  }
  function run() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap table"), label);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
