// Filter, search and sort a list that already works without JavaScript. A row lists several values
// for one filter separated by "|" (e.g. data-priority="a|b").
// Without JavaScript the page shows every row, grouped; with it, one table the reader can narrow down,
// and the filter lives in the URL so it can be shared.
(function () {
  "use strict";
  function money(pence) {
    var pounds = pence / 100;
    var sign = pounds < 0 ? "-" : "";
    pounds = Math.abs(pounds);
    if (pounds >= 1e6) return sign + "£" + (Math.round(pounds / 1e5) / 10).toFixed(1) + "m";
    var whole = Math.round(pounds * 100) % 100 === 0;
    return sign + "£" + pounds.toLocaleString("en-GB", { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 });
  }
  function setUp(explorer) {
    var form = explorer.querySelector("form.filters");
    var groups = explorer.querySelector("[data-groups]");
    var results = explorer.querySelector("table[data-results]");
    var status = explorer.querySelector("[data-status]");
    var body = results.tBodies[0];
    var rows = Array.prototype.slice.call(groups.querySelectorAll("tbody tr"));
    rows.forEach(function (row) { body.appendChild(row); });
    groups.hidden = true;
    results.hidden = false;
    form.hidden = false;
    status.hidden = false;
    var noun = explorer.getAttribute("data-noun") || "items";
    var selects = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var search = form.querySelector("[data-search]");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) { if (params.has(s.name)) s.value = params.get(s.name); });
    if (search && params.has("q")) search.value = params.get("q");

    function apply() {
      var query = search ? search.value.trim().toLowerCase() : "";
      var shown = 0, pence = 0, next = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) next.set(s.name, s.value); });
      if (query) next.set("q", query);
      rows.forEach(function (row) {
        var ok = selects.every(function (s) {
          if (!s.value) return true;
          return ("|" + (row.getAttribute("data-" + s.name) || "") + "|").indexOf("|" + s.value + "|") !== -1;
        });
        if (ok && query) ok = row.textContent.toLowerCase().indexOf(query) !== -1;
        row.hidden = !ok;
        if (ok) { shown += 1; pence += Math.round(parseFloat(row.getAttribute("data-amount") || "0") * 100); }
      });
      var text = "Showing " + shown.toLocaleString("en-GB") + " of " + rows.length.toLocaleString("en-GB") + " " + noun;
      if (explorer.hasAttribute("data-totals")) text += ", totalling " + money(pence);
      status.textContent = text + ".";
      var search_ = next.toString();
      history.replaceState(null, "", search_ ? "?" + search_ : window.location.pathname);
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    if (search) search.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });

    Array.prototype.forEach.call(results.tHead.rows[0].cells, function (cell, index) {
      var button = cell.querySelector("button.sort");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = cell.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(results.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
        cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = cell.classList.contains("num");
        rows.sort(function (a, b) {
          var x = a.cells[index].getAttribute("data-sort") || a.cells[index].textContent.trim();
          var y = b.cells[index].getAttribute("data-sort") || b.cells[index].textContent.trim();
          var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "en-GB");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    apply();
  }
  document.querySelectorAll("[data-explorer]").forEach(setUp);
})();
