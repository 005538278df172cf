// The "/" key opens search from any page: it focuses the search box (the header's on wide screens, the
// search page's there), or opens the search page when the header shows only a button.
(function () {
  "use strict";
  function typing(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }
  window.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    // Handled here, before Material's own keyboard shortcuts see the key.
    event.preventDefault();
    event.stopImmediatePropagation();
    var box = document.querySelector("[data-site-search] input[name=q]");
    var header = document.querySelector(".site-search");
    if (!box) {
      var input = header.querySelector("input[name=q]");
      if (input.offsetParent !== null) box = input;
    }
    if (box) {
      box.focus();
      box.select();
    } else {
      window.location.href = header.action;
    }
  }, true);
  // Firefox restores a checkbox's state on reload and on going back: the drawer and Material's search toggle
  // would open by themselves. (Material writes autocomplete="off" on them for this, which HTML does not allow
  // on a checkbox; generator/theme_markup.py takes it off.)
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle) toggle.checked = false;
    });
  });
})();
