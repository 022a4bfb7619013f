// newsdesk: tiny progressive enhancement (the pages work without it).
// Entity charts: show the fact under the pointer or keyboard focus below the chart.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("figure.chart").forEach(function (fig) {
    var readout = fig.querySelector(".readout");
    if (!readout) { return; }
    fig.querySelectorAll("circle.dot").forEach(function (dot) {
      function show() {
        fig.querySelectorAll("circle.dot.active").forEach(function (d) { d.classList.remove("active"); });
        dot.classList.add("active");
        readout.textContent = dot.getAttribute("data-label") + " — " + dot.getAttribute("data-text");
      }
      dot.addEventListener("mouseenter", show);
      dot.addEventListener("focus", show);
    });
  });
});
