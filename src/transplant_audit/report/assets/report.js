// transplant-audit report: render the inline Vega-Lite specs and make tables sortable.
// Everything is inline; nothing is fetched.
(function () {
  "use strict";
  function renderCharts() {
    var nodes = document.querySelectorAll("div.chart[data-spec]");
    nodes.forEach(function (node) {
      var specNode = document.getElementById(node.getAttribute("data-spec"));
      if (!specNode) { console.error("missing spec for " + node.id); return; }
      var spec = JSON.parse(specNode.textContent);
      window.vegaEmbed(node, spec, { actions: false, renderer: "svg", ast: false })
        .then(function (res) {
          node.setAttribute("data-rendered", "true");
          var svg = node.querySelector("svg");
          if (svg) {
            svg.setAttribute("role", "img");
            svg.setAttribute("aria-label", node.getAttribute("aria-label") || "");
          }
        })
        .catch(function (err) { console.error("chart " + node.id + " failed: " + err); });
    });
  }
  function cellValue(td) {
    var raw = td.getAttribute("data-sort");
    if (raw === null) raw = td.textContent.trim();
    var n = parseFloat(raw.replace(/,/g, ""));
    return (raw !== "" && !isNaN(n) && /^-?[\d,.]+(e[-+]?\d+)?%?$/i.test(raw.replace(/\s/g, ""))) ? n : raw.toLowerCase();
  }
  function makeSortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("title", "Sort by this column");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[col]), y = cellValue(b.cells[col]);
          if (typeof x === "number" && typeof y === "number") return asc ? x - y : y - x;
          x = String(x); y = String(y);
          return asc ? x.localeCompare(y) : y.localeCompare(x);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    renderCharts();
  });
})();
