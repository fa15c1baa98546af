// Sorting and filtering of the cookie table. It reads the page and sets
// only text, attributes it owns and the hidden property: nothing from the
// report is ever parsed as markup.
(function () {
  "use strict";
  var table = document.getElementById("cookies");
  if (!table) {
    return;
  }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var filter = document.getElementById("filter");
  var party = document.getElementById("party");
  var category = document.getElementById("category");
  var withFindings = document.getElementById("with-findings");
  var shown = document.getElementById("shown");

  function apply() {
    var q = filter.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (tr) {
      var ok = (q === "" || tr.textContent.toLowerCase().indexOf(q) >= 0) &&
        (party.value === "" || tr.getAttribute("data-party") === party.value) &&
        (category.value === "" || tr.getAttribute("data-category") === category.value) &&
        (!withFindings.checked || tr.getAttribute("data-findings") !== "0");
      tr.hidden = !ok;
      if (ok) {
        n++;
      }
    });
    shown.textContent = "Showing " + n + " of " + rows.length;
  }
  [filter, party, category, withFindings].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });

  function key(td) {
    var k = td.getAttribute("data-key");
    return k === null ? td.textContent.trim().toLowerCase() : k;
  }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = th.querySelector("button");
    if (!button) {
      return;
    }
    button.addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) {
        h.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "number";
      rows.sort(function (a, b) {
        var x = key(a.cells[i]);
        var y = key(b.cells[i]);
        if (numeric) {
          return dir * (Number(x) - Number(y));
        }
        return dir * (x < y ? -1 : x > y ? 1 : 0);
      });
      rows.forEach(function (tr) {
        tbody.appendChild(tr);
      });
    });
  });
  apply();
}());
