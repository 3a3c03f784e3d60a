// The loyalty display: refreshes today's figures every 15 seconds without reloading the page.
(function () {
  "use strict";
  var root = document.getElementById("loyalty");
  if (!root) return;
  var url = "/public/v1/display/" + encodeURIComponent(root.getAttribute("data-location"));
  function refresh() {
    fetch(url, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (figures) {
      if (!figures) return;
      var shown = figures.positive_share != null && figures.rated >= figures.display_minimum_rated;
      document.getElementById("share").textContent = shown ? String(Math.round(figures.positive_share)) : "—";
      document.getElementById("unit").hidden = !shown;
      document.getElementById("responses").textContent = String(figures.responses);
    }).catch(function () { /* keep the last figures while the network is down */ });
  }
  setInterval(refresh, 15000);
})();
