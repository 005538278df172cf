// Filter, search and sort a list that already works without JavaScript.
// Without JavaScript the page shows its plain version (every row grouped, or links to every group);
// with it, one table the reader can narrow down, and the filter lives in the URL so it can be shared.
// Rows come from the page itself, or from a JSON file (data-source) so a long list keeps the page light.
// A row lists several values for one filter separated by "|" (e.g. data-priority="a|b").
// However many rows there are (5,000 grants at a large office), filtering and sorting work on plain data and
// only one page of rows is in the table at a time, so the page stays responsive on a phone.
(function () {
  "use strict";
  var PAGE_SIZE = 100;
  var collator = new Intl.Collator("en-GB");

  function money(pence) {
    var pounds = pence / 100;
    var sign = pounds < 0 ? "-" : "";
    pounds = Math.abs(pounds);
    if (pounds >= 1e6) return sign + "£" + (Math.round(pounds / 1e5) / 10).toFixed(1) + "m";
    var whole = Math.round(pounds * 100) % 100 === 0;
    return sign + "£" + pounds.toLocaleString("en-GB", { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 });
  }

  function count(n) { return n.toLocaleString("en-GB"); }

  // One row, from JSON ({attrs, cells}) or from a <tr> already in the page; its table row is made when shown.
  function Row(data, element) {
    this.data = data;
    this.element = element || null;
    this.text = null;
  }
  Row.prototype.attr = function (name) {
    if (this.data) return this.data.attrs[name] || "";
    return this.element.getAttribute("data-" + name) || "";
  };
  Row.prototype.key = function (index) {
    if (this.data) {
      var spec = this.data.cells[index];
      return spec.sort || spec.text;
    }
    var cell = this.element.cells[index];
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  };
  Row.prototype.matches = function (query) {
    if (this.text === null) {
      this.text = (this.data ? this.data.cells.map(function (c) { return c.text; }).join(" ") : this.element.textContent).toLowerCase();
    }
    return this.text.indexOf(query) !== -1;
  };
  Row.prototype.tr = function () {
    if (this.element) return this.element;
    var row = document.createElement("tr");
    this.data.cells.forEach(function (spec) {
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
    this.element = row;
    return row;
  };

  function loadRows(explorer, groups) {
    var source = explorer.getAttribute("data-source");
    if (!source) {
      return Promise.resolve(Array.prototype.map.call(groups.querySelectorAll("tbody tr"), function (tr) { return new Row(null, tr); }));
    }
    return fetch(source).then(function (response) {
      if (!response.ok) throw new Error("Could not load " + source);
      return response.json();
    }).then(function (data) { return data.rows.map(function (row) { return new Row(row, null); }); });
  }

  function setUp(explorer) {
    var groups = explorer.querySelector("[data-groups]");
    loadRows(explorer, groups).then(function (rows) { start(explorer, groups, rows); }, function () {
      explorer.classList.add("explorer--plain"); // the plain version stays, and nothing is reserved for the table
    });
  }

  // An explorer further down the page (below the charts) loads its rows when the reader comes within a screen
  // of it, so opening the page costs no more than its plain version; one named in the address starts at once.
  function setUpWhenNear(explorer) {
    if (window.location.search || !("IntersectionObserver" in window)) return setUp(explorer);
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      observer.disconnect();
      setUp(explorer);
    }, { rootMargin: "100% 0px" });
    observer.observe(explorer);
  }

  var CARD_LINE_CHARS = 45;  // as in generator/tables.py

  function start(explorer, groups, rows) {
    var form = explorer.querySelector("form.filters");
    var results = explorer.querySelector("table[data-results]");
    var status = explorer.querySelector("[data-status]");
    var more = explorer.querySelector("[data-more]");
    var body = results.tBodies[0];
    // Each cell names its column, so on a phone a row reads as a card ("Amount: £1,250").
    var headings = Array.prototype.map.call(results.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
    function labelled(tr) {
      var lines = 0, shown = 0;
      Array.prototype.forEach.call(tr.cells, function (cell, i) {
        if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", headings[i] || "");
        var length = cell.textContent.trim().length;
        if (length) { shown += 1; lines += Math.max(1, Math.ceil(length / CARD_LINE_CHARS)); }
      });
      // The least height its card takes, reserved until it is laid out (as generator/tables.py does).
      tr.style.setProperty("--card-lines", Math.max(lines, 1));
      tr.style.setProperty("--card-cells", Math.max(shown, 1));
      return tr;
    }
    var noun = explorer.getAttribute("data-noun") || "items";
    // The page's words for what this script writes (data-words, from the catalogue, on a page not in English);
    // without them, the English below. "{count}" and the like are filled in.
    var words = JSON.parse(explorer.getAttribute("data-words") || "{}");
    function say(key, english, values) {
      return (words[key] || english).replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
    }
    var selects = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var search = form.querySelector("[data-search]");
    var params = new URLSearchParams(window.location.search);
    var matching = [], listed = 0;
    selects.forEach(function (s) { if (params.has(s.name)) s.value = params.get(s.name); });
    if (search && params.has("q")) search.value = params.get("q");

    function list(upTo) {
      var fragment = document.createDocumentFragment();
      for (var i = listed; i < upTo; i++) fragment.appendChild(labelled(matching[i].tr()));
      body.appendChild(fragment);
      var first = body.rows[listed];
      listed = upTo;
      var left = matching.length - listed;
      more.hidden = left <= 0;
      more.textContent = say("more", "Show {count} more of {left} not yet listed", { count: count(Math.min(PAGE_SIZE, left)), left: count(left) });
      return first;
    }

    function apply() {
      var query = search ? search.value.trim().toLowerCase() : "";
      var pence = 0, next = new URLSearchParams();
      var chosen = selects.filter(function (s) { return s.value; });
      chosen.forEach(function (s) { next.set(s.name, s.value); });
      if (query) next.set("q", query);
      matching = rows.filter(function (row) {
        var ok = chosen.every(function (s) { return ("|" + row.attr(s.name) + "|").indexOf("|" + s.value + "|") !== -1; });
        return ok && (!query || row.matches(query));
      });
      if (explorer.hasAttribute("data-totals")) {
        matching.forEach(function (row) { pence += Math.round(parseFloat(row.attr("amount") || "0") * 100); });
      }
      body.replaceChildren();
      listed = 0;
      list(Math.min(PAGE_SIZE, matching.length));
      var values = { count: count(matching.length), all: count(rows.length), noun: noun, total: money(pence), listed: count(listed) };
      var text = explorer.hasAttribute("data-totals") ? say("showing_total", "Showing {count} of {all} {noun}, totalling {total}.", values) :
        say("showing", "Showing {count} of {all} {noun}.", values);
      if (matching.length > listed) text += say("first", " The first {listed} are listed; narrow the filters or show more below.", values);
      status.textContent = text;
      var query_ = next.toString();
      history.replaceState(null, "", query_ ? "?" + query_ : window.location.pathname);
      // The switch to the other language keeps what was searched for or chosen.
      document.querySelectorAll("a.site-language").forEach(function (a) { a.search = window.location.search; });
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    if (search) search.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    more.addEventListener("click", function () {
      var first = list(Math.min(listed + PAGE_SIZE, matching.length));
      var link = first && first.querySelector("a");
      if (link) link.focus(); // keyboard and screen-reader users continue from the first new row
    });

    var headingCells = results.tHead.rows[0].cells;
    Array.prototype.forEach.call(headingCells, function (cell, index) {
      var button = cell.querySelector("button.sort");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = cell.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headingCells, function (c) { c.removeAttribute("aria-sort"); });
        cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = cell.classList.contains("num");
        rows.sort(function (a, b) {
          var x = a.key(index), y = b.key(index);
          var order = numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y);
          return ascending ? order : -order;
        });
        apply();
      });
    });
    var focused = groups.contains(document.activeElement);
    groups.hidden = true;
    results.hidden = false;
    form.hidden = false;
    status.hidden = false;
    apply();
    if (focused) (selects[0] || search).focus(); // a keyboard user on the plain list continues in the filters
    explorer.setAttribute("data-ready", "");
  }
  document.querySelectorAll("[data-explorer]").forEach(setUpWhenNear);
})();
