// The colour-scheme switch in the header (partials/palette.html), in place of Material's script for it, which
// restyled every element of the page three times as each page opened. The scheme a page opens in is already set
// (partials/javascripts/palette.html): this shows the switch, switches on a click (or Enter), keeps the choice
// for the next page (in the same place as Material, "__palette"), and tells the browser the header's new colour
// and whether the scheme is light or dark (theme-color, color-scheme).
(function () {
  "use strict";
  var box = document.querySelector("[data-site-palette]");
  if (!box) return;
  var options = Array.prototype.slice.call(box.querySelectorAll("input"));
  var saved = __md_get("__palette");
  var current = saved ? saved.index : options.findIndex(function (o) { return matchMedia(o.getAttribute("data-md-color-media")).matches; });
  current = Math.max(0, Math.min(current, options.length - 1));

  function tellBrowser() {
    var style = window.getComputedStyle(document.querySelector("header"));
    var rgb = style.backgroundColor.match(/\d+/g) || [];
    var values = { "color-scheme": style.colorScheme, "theme-color": "#" + rgb.slice(0, 3).map(function (c) { return (+c).toString(16).padStart(2, "0"); }).join("") };
    Object.keys(values).forEach(function (name) {
      var tag = document.querySelector("meta[name='" + name + "']");
      if (!tag) {
        tag = document.createElement("meta");
        tag.name = name;
        document.head.appendChild(tag);
      }
      if (tag.content !== values[name]) tag.content = values[name];
    });
  }

  // Only the label of the option in use is shown: it names (and selects) the next one.
  function show(index) {
    options.forEach(function (option, i) {
      var label = option.nextElementSibling;
      if (label instanceof HTMLElement && label.hidden !== (i !== index)) label.hidden = i !== index;
    });
  }

  function choose(index) {
    var option = options[index];
    var color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) { color[key] = option.getAttribute("data-md-color-" + key); });
    if (color.media === "(prefers-color-scheme)") {
      var system = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark") + ")']");
      if (system) ["scheme", "primary", "accent"].forEach(function (key) { color[key] = system.getAttribute("data-md-color-" + key); });
    }
    // No colour transitions while the scheme changes (Material's style sheet, on this attribute).
    document.body.setAttribute("data-md-color-switching", "");
    Object.keys(color).forEach(function (key) { document.body.setAttribute("data-md-color-" + key, color[key]); });
    current = index;
    show(index);
    __md_set("__palette", { index: index, color: color });
    tellBrowser();
    requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
  }

  show(current);
  // The header's colour, read once the page has loaded and the browser is idle, when reading a style costs
  // nothing (meta theme-color changes no style, so telling it later restyles nothing).
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(tellBrowser, { timeout: 3000 });
    else setTimeout(tellBrowser, 500);
  }
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle);
  options.forEach(function (option, i) {
    option.addEventListener("change", function () { if (option.checked) choose(i); });
  });
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = options[(current + 1) % options.length];
    next.click();
    next.focus();
  });
})();
