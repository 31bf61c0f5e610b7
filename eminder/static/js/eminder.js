// e-MINDER page behaviour. No inline scripts anywhere: the Content Security Policy forbids them.
"use strict";

// Draw every Plotly chart on the page from the JSON beside it (see components/chart.html).
function drawCharts(root) {
  if (typeof Plotly === "undefined") {
    return;
  }
  root.querySelectorAll("[data-chart-source]").forEach(function (element) {
    if (element.dataset.drawn) {
      return;
    }
    var source = document.getElementById(element.dataset.chartSource);
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var config = { responsive: true, displaylogo: false, locale: document.documentElement.lang };
    Plotly.newPlot(element, figure.data, figure.layout || {}, config);
    element.dataset.drawn = "true";
  });
}

// Submit the language switcher as soon as a language is picked; the button stays for keyboards
// and for browsers without JavaScript.
function autoSubmitLanguage(root) {
  root.querySelectorAll(".language-form select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.requestSubmit();
    });
  });
}

// Ask for confirmation on forms marked with data-confirm (delete, deactivate).
function confirmForms(root) {
  root.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  drawCharts(document);
  autoSubmitLanguage(document);
  confirmForms(document);
});
document.addEventListener("htmx:afterSwap", function (event) {
  drawCharts(event.target);
});
