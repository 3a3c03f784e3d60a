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
      // A quiet day: a calm invitation instead of a dash and "0 answers".
      document.getElementById("figures").hidden = !shown;
      document.getElementById("quiet").hidden = shown;
      if (shown) document.getElementById("share").textContent = String(Math.round(figures.positive_share));
      document.getElementById("responses").textContent = String(figures.responses);
    }).catch(function () { /* keep the last figures while the network is down */ });
  }
  setInterval(refresh, 15000);
})();
