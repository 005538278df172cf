// The search page: runs the reader's query against the Pagefind index and lists what each result is
// (grant, decision, spending month ...) with its key fact. The query and filters live in the URL, so a
// search can be shared, and the header's search form lands here with ?q=.
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var form = document.querySelector("[data-site-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  // The one index of every language is at the site's root (a Welsh page's root is cy/, its index one up).
  var indexRoot = new URL(form.getAttribute("data-index") || form.getAttribute("data-root"), window.location.href);
  var engine = null, results = [], shown = 0, latest = 0, timer = 0;
  // The page's words for what this script writes (data-words, from the catalogue, on a page not in English);
  // without them, the English below. "{count}" and the like are filled in.
  var words = JSON.parse(form.getAttribute("data-words") || "{}");
  function say(key, english, values) {
    return (words[key] || english).replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
  }
  var locale = document.documentElement.lang || "en-GB";

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", indexRoot).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: indexRoot.pathname, excerptLength: 30 }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  // Pagefind marks the matched words with <mark>; keep those and treat everything else as text.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "site-search-result__excerpt";
    var parsed = new DOMParser().parseFromString(html, "text/html").body.childNodes;
    Array.prototype.forEach.call(parsed, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "site-search-result";
    var link = document.createElement("a");
    link.href = data.url;
    link.className = "site-search-result__title";
    link.textContent = data.meta.title || data.url;
    var about = document.createElement("p");
    about.className = "site-search-result__about";
    var kind = document.createElement("strong");
    kind.textContent = data.meta.kind || say("page", "Page");
    about.appendChild(kind);
    if (data.meta.fact) about.appendChild(document.createTextNode(": " + data.meta.fact));
    li.appendChild(link);
    li.appendChild(about);
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function showMore(ticket, moveFocus) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (ticket !== latest) return;
      var first = null;
      pages.forEach(function (data) {
        var li = item(data);
        list.appendChild(li);
        first = first || li.querySelector("a");
      });
      shown += batch.length;
      more.hidden = shown >= results.length;
      if (moveFocus && first) first.focus();
    });
  }

  function describe(count, query) {
    var found = count === 0 ? say("none", "No results") : count === 1 ? say("one", "1 result") :
      say("many", "{count} results", { count: count.toLocaleString(locale) });
    var chosen = selects.filter(function (s) { return s.value; }).map(function (s) { return s.options[s.selectedIndex].text; });
    return found + (query ? say("for", " for \u201c{query}\u201d", { query: query }) : "") +
      (chosen.length ? say("in", " in {sections}", { sections: chosen.join(", ") }) : "") +
      (count === 0 ? say("none_end", ". Check the spelling, try fewer words, or browse the lists below.") : ".");
  }

  function run() {
    var query = input.value.trim();
    var filters = {}, params = new URLSearchParams();
    if (query) params.set("q", query);
    selects.forEach(function (s) { if (s.value) { filters[s.name] = s.value; params.set(s.name, s.value); } });
    history.replaceState(null, "", params.toString() ? "?" + params : window.location.pathname);
    // The switch to the other language keeps what was searched for or chosen.
    document.querySelectorAll("a.site-language").forEach(function (a) { a.search = window.location.search; });
    var ticket = ++latest;
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = say("searching", "Searching\u2026");
    return load().then(function (pagefind) {
      return pagefind.search(query || null, { filters: filters });
    }).then(function (search) {
      if (ticket !== latest || !search) return;
      results = search.results;
      shown = 0;
      list.replaceChildren();
      return showMore(ticket, false).then(function () {
        if (ticket === latest) status.textContent = describe(results.length, query);
      });
    }).catch(function () {
      status.textContent = say("unavailable", "Search is not available at the moment. Every record is listed on the pages below.");
    });
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (s) {
    if (params.has(s.name)) s.value = params.get(s.name);
    if (s.selectedIndex < 0) s.value = "";  // an address with a section or year that is not there: show all
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  selects.forEach(function (s) { s.addEventListener("change", run); });
  more.addEventListener("click", function () { showMore(latest, true); });
  input.focus();
  run().then(function () { form.setAttribute("data-ready", ""); });
})();
