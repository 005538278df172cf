// Filter, search and sort a list that already works without JavaScript.
// Without JavaScript the page shows its plain version (every row grouped, or links to every group);
// with it, one table the reader can narrow down, and the filter lives in the URL so it can be shared.
// Rows come from the page itself, or from a JSON file (data-source) so a long list keeps the page light.
// A row lists several values for one filter separated by "|" (e.g. data-priority="a|b").
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

  function rowFromData(data) {
    var row = document.createElement("tr");
    Object.keys(data.attrs).forEach(function (key) { row.setAttribute("data-" + key, data.attrs[key]); });
    data.cells.forEach(function (spec) {
      var cell = document.createElement("td");
      if (spec.href) {
        var link = document.createElement("a");
        link.href = spec.href;
        link.textContent = spec.text;
        cell.appendChild(link);
      } else {
        cell.textContent = spec.text;
      }
      if (spec.sort) cell.setAttribute("data-sort", spec.sort);
      if (spec.num) cell.className = "num";
      row.appendChild(cell);
    });
    return row;
  }

  function loadRows(explorer, groups) {
    var source = explorer.getAttribute("data-source");
    if (!source) return Promise.resolve(Array.prototype.slice.call(groups.querySelectorAll("tbody tr")));
    return fetch(source).then(function (response) {
      if (!response.ok) throw new Error("Could not load " + source);
      return response.json();
    }).then(function (data) { return data.rows.map(rowFromData); });
  }

  function setUp(explorer) {
    var form = explorer.querySelector("form.filters");
    var groups = explorer.querySelector("[data-groups]");
    var results = explorer.querySelector("table[data-results]");
    var status = explorer.querySelector("[data-status]");
    loadRows(explorer, groups).then(function (rows) { start(explorer, form, groups, results, status, rows); });
  }

  function start(explorer, form, groups, results, status, rows) {
    var body = results.tBodies[0];
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
      var query_ = next.toString();
      history.replaceState(null, "", query_ ? "?" + query_ : window.location.pathname);
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
    explorer.setAttribute("data-ready", "");
  }
  document.querySelectorAll("[data-explorer]").forEach(setUp);
})();
