// The mystery shopper's form: the result goes into a queue kept in localStorage and is sent whenever the network
// allows, so an answer made with no signal is not lost; the server stores a visit's result once (a resend of the same
// result is answered 200 and changes nothing).
(function () {
  "use strict";
  var form = document.getElementById("mystery-form");
  if (!form) return;
  var status = document.getElementById("mystery-queue");
  var queueKey = "otklik-mystery-queue";
  var sending = false;

  function token() {
    var field = form.querySelector("input[name='csrf']");
    return field ? field.value : "";
  }
  function queue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(items, note) {
    localStorage.setItem(queueKey, JSON.stringify(items));
    var mine = items.filter(function (item) { return item.visit === form.dataset.visit; }).length;
    status.textContent = note || (items.length ? status.getAttribute("data-waiting") + " " + items.length : "");
    form.querySelector("#mystery-send").disabled = mine > 0;
  }
  function flush() {
    var items = queue();
    if (sending || !items.length) return;
    sending = true;
    var item = items[0];
    fetch("/mystery/results", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": item.csrf || token() },
      body: JSON.stringify(item.result)
    }).then(function (response) {
      if (response.ok) {
        saveQueue(queue().filter(function (other) { return other.key !== item.key; }), status.getAttribute("data-sent"));
      } else if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 401 && response.status !== 403) {
        saveQueue(queue().filter(function (other) { return other.key !== item.key; }), status.getAttribute("data-refused"));
      }
    }).catch(function () { /* offline: keep it for the next try */ })
      .then(function () { sending = false; if (queue().length && navigator.onLine !== false) setTimeout(flush, 1000); });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var answers = {};
    form.querySelectorAll("fieldset.mystery-item").forEach(function (fieldset) {
      var chosen = fieldset.querySelector("input[type='radio']:checked");
      if (chosen) answers[fieldset.getAttribute("data-code")] = parseInt(chosen.value, 10);
    });
    var error = document.getElementById("mystery-error");
    if (!Object.keys(answers).length) { error.hidden = false; return; }
    error.hidden = true;
    var result = { visit: form.dataset.visit, at: new Date().toISOString(), answers: answers };
    var staff = form.querySelector("#m-staff");
    if (staff && staff.value) result.staff = staff.value;
    var comment = form.querySelector("#m-comment").value.trim();
    if (comment) result.comment = comment;
    var items = queue().filter(function (item) { return item.visit !== result.visit; });
    items.push({ key: result.visit + "@" + result.at, visit: result.visit, csrf: token(), result: result });
    saveQueue(items);
    flush();
  });
  window.addEventListener("online", flush);
  setInterval(flush, 5000);
  saveQueue(queue());
  flush();
})();
