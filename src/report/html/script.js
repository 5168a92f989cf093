// claimgraph report: optional sorting and filtering. The page is complete
// without this script; it only adds controls.
(function () {
  "use strict";
  var filterBox = document.querySelector("p.filter");
  var input = document.getElementById("filter");
  var count = document.getElementById("filter-count");
  if (filterBox && input) {
    filterBox.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      var items = document.querySelectorAll(".filterable");
      for (var i = 0; i < items.length; i++) {
        var match = query === "" || items[i].textContent.toLowerCase().indexOf(query) !== -1;
        items[i].hidden = !match;
        if (match) { shown++; }
      }
      count.textContent = query === "" ? "" : shown + " of " + items.length + " shown";
    });
  }
  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    makeSortable(tables[t]);
  }
  function makeSortable(table) {
    var heads = table.querySelectorAll("thead th");
    for (var h = 0; h < heads.length; h++) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = heads[h].textContent;
      heads[h].textContent = "";
      heads[h].appendChild(button);
      button.addEventListener("click", sorter(table, h, heads));
    }
  }
  function sorter(table, column, heads) {
    return function () {
      var head = heads[column];
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      for (var k = 0; k < heads.length; k++) { heads[k].removeAttribute("aria-sort"); }
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        var order = x.localeCompare(y, undefined, { numeric: true });
        return ascending ? order : -order;
      });
      for (var r = 0; r < rows.length; r++) { body.appendChild(rows[r]); }
    };
  }
})();
