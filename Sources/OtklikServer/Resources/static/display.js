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

// The staff screen (a display paired with a staff_display key): asks for the location's open red-press alerts every
// 2 seconds and draws them with the service standard's tasks and phrases; a new alert is announced to screen readers.
// An alert leaves the screen when someone acknowledges or closes it on /alerts. A revoked key empties the list.
(function () {
  "use strict";
  var panel = document.getElementById("staff-alerts");
  if (!panel || !window.fetch) return;
  var list = document.getElementById("staff-alert-list");
  var none = document.getElementById("staff-alerts-none");
  var status = document.getElementById("staff-alert-status");
  var url = panel.getAttribute("data-src") + "?lang=" + encodeURIComponent(document.documentElement.lang || "ru");
  var shown = {};
  Array.prototype.forEach.call(list.querySelectorAll("li.staff-alert"), function (item) { shown[item.getAttribute("data-id")] = true; });

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function bullets(items, className, quote) {
    var ul = element("ul", className);
    items.forEach(function (text) { ul.appendChild(element("li", null, quote ? "«" + text + "»" : text)); });
    return ul;
  }
  function item(alert) {
    var li = element("li", "staff-alert");
    li.setAttribute("data-id", alert.id);
    var head = element("p", "staff-alert-head");
    head.appendChild(element("strong", null, alert.rating));
    head.appendChild(document.createTextNode(" · "));
    head.appendChild(element("time", null, alert.time));
    if (alert.staff_name) head.appendChild(document.createTextNode(" · " + panel.getAttribute("data-by") + " " + alert.staff_name));
    li.appendChild(head);
    if (alert.playbook) {
      li.appendChild(element("p", "staff-alert-title", alert.playbook.title));
      li.appendChild(element("p", "staff-alert-label", panel.getAttribute("data-tasks")));
      li.appendChild(bullets(alert.playbook.tasks || [], null, false));
      li.appendChild(element("p", "staff-alert-label", panel.getAttribute("data-phrases")));
      li.appendChild(bullets(alert.playbook.phrases || [], "phrases", true));
    }
    return li;
  }
  function draw(items) {
    var fresh = items.filter(function (alert) { return !shown[alert.id]; });
    list.textContent = "";
    shown = {};
    items.forEach(function (alert) { list.appendChild(item(alert)); shown[alert.id] = true; });
    none.hidden = items.length > 0;
    if (fresh.length) {
      var first = fresh[0];
      status.textContent = panel.getAttribute("data-announce") + " " + first.rating + " · " + first.time + (first.staff_name ? " · " + first.staff_name : "");
    }
  }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) { draw([]); return null; }
        return response.ok ? response.json() : null;
      })
      .then(function (body) { if (body && body.items) draw(body.items); })
      .catch(function () { /* keep what is shown while the network is down */ })
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
