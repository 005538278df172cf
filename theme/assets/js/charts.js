// Interactive charts on demand: plotly.js (self-hosted, basic bundle) loads only when a reader asks for it.
(function () {
  "use strict";
  var script = document.currentScript;
  var plotlySrc = script.src.replace(/charts\.js.*$/, "plotly-basic.min.js");
  // On a page not in English, the toolbar's words in its language (data-words: Plotly's English -> the page's).
  var words = JSON.parse(script.getAttribute("data-words") || "null");
  // No "Share chart" button: it would send the chart to Plotly's cloud, and the site sends nothing to anyone.
  var config = { displaylogo: false, responsive: true, showSendToCloud: false };
  var loading = null;
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = plotlySrc;
      tag.onload = function () {
        if (words) {
          window.Plotly.register({ moduleType: "locale", name: words.locale, dictionary: words.dictionary, format: {} });
          config.locale = words.locale;
        }
        resolve(window.Plotly);
      };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
    return loading;
  }
  // A chart's numbers are printed with it: folded tables are opened for printing and folded again after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.chart__data"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  document.querySelectorAll("figure.chart").forEach(function (figure) {
    var button = figure.querySelector("button.chart__show");
    var spec = figure.querySelector("script[type='application/json']");
    if (!button || !spec) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      loadPlotly().then(function (Plotly) {
        var data = JSON.parse(spec.textContent);
        var target = figure.querySelector(".chart__interactive");
        figure.querySelector(".chart__svg").setAttribute("hidden", "");
        target.hidden = false;
        Plotly.newPlot(target, data.data, data.layout, config);
        button.hidden = true;
      });
    });
  });
})();
