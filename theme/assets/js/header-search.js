// The header's search box lists the first results as the reader types, on every page and at every width (on a
// phone the magnifier button first opens the box). Pagefind's index is loaded only once the reader types.
// Enter, or "See all results", opens the search page with the query.
(function () {
  "use strict";
  var SHOWN = 5;
  var form = document.querySelector("form[data-header-search]");
  if (!form || document.querySelector("[data-site-search]")) return;  // the search page has its own box
  var input = form.querySelector("input[name=q]");
  var button = form.querySelector("button[type=submit]");
  var panel = form.querySelector("[data-header-results]");
  var status = panel.querySelector("[role=status]");
  var list = panel.querySelector("ul");
  var all = panel.querySelector(".site-search__all a");
  var searchPage = new URL(form.getAttribute("action"), window.location.href);
  // The one index of every language is at the site's root (a Welsh page's search page is cy/search/).
  var root = new URL(form.getAttribute("data-index") || "../", form.hasAttribute("data-index") ? window.location.href : searchPage);
  var engine = null, latest = 0, timer = 0;
  // The page's words for what this script writes (data-words, from the catalogue, on a page not in English);
  // without them, the English below. "{count}" and the like are filled in.
  var words = JSON.parse(form.getAttribute("data-words") || "{}");
  function say(key, english, values) {
    return (words[key] || english).replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
  }
  var locale = document.documentElement.lang || "en-GB";

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function close() {
    panel.hidden = true;
    form.classList.remove("site-search--open");
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    var about = document.createElement("span");
    about.textContent = (data.meta.kind || say("page", "Page")) + (data.meta.fact ? ": " + data.meta.fact : "");
    li.appendChild(link);
    li.appendChild(about);
    return li;
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    all.href = searchPage.pathname + (query ? "?q=" + encodeURIComponent(query) : "");
    if (!query) { list.replaceChildren(); status.textContent = ""; panel.hidden = true; return; }
    panel.hidden = false;
    status.textContent = say("searching", "Searching\u2026");
    load().then(function (pagefind) { return pagefind.search(query); }).then(function (search) {
      if (ticket !== latest || !search) return;
      return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (pages) {
        if (ticket !== latest) return;
        list.replaceChildren.apply(list, pages.map(item));
        var count = search.results.length;
        var values = { query: query, shown: SHOWN, count: count.toLocaleString(locale) };
        status.textContent = count === 0 ? say("none_for", "No results for \u201c{query}\u201d.", values) :
          count > SHOWN ? say("first_for", "The first {shown} of {count} results for \u201c{query}\u201d.", values) :
          count === 1 ? say("one_for", "1 result for \u201c{query}\u201d.", values) :
          say("many_for", "{count} results for \u201c{query}\u201d.", values);
      });
    }).catch(function () {
      if (ticket === latest) status.textContent = say("failed", "Results cannot be shown here: press Enter to open the search page.");
    });
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
  input.addEventListener("focus", function () { if (input.value.trim() && list.children.length) panel.hidden = false; });
  // On a phone the box is hidden behind the magnifier: the first press opens it, the next searches.
  button.addEventListener("click", function (event) {
    if (window.getComputedStyle(input).display === "none") {
      event.preventDefault();
      form.classList.add("site-search--open");
      input.focus();
    }
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); input.focus(); }
  });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
  form.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
  });
})();
