// The kiosk and QR form: rating → reasons and comment → optional contact with consent → thanks.
// Every answer gets an id in the browser and goes into a queue kept in localStorage; the queue is sent
// whenever the network allows, so nothing is lost when it drops and nothing is stored twice (the server
// treats a resent id as a duplicate). The kiosk returns to its first screen after a spell of idleness.
(function () {
  "use strict";
  var form = document.getElementById("feedback-form");
  if (!form) return;
  var data = form.dataset;
  var kiosk = data.kiosk === "true";
  var idleSeconds = parseInt(data.idle || "30", 10);
  var queueKey = "otklik-queue";
  var answer = null;
  var idleTimer = null;
  var sending = false;

  function newId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function show(step) {
    form.querySelectorAll(".step").forEach(function (section) {
      section.hidden = section.getAttribute("data-step") !== step;
    });
    var heading = form.querySelector('.step[data-step="' + step + '"] h1');
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  function reset() {
    answer = { id: newId(), ts: null, channel: data.channel, location: data.location, staff: data.staff || undefined,
      service: data.service || undefined, csat: null, reasons: [], lang: data.lang };
    form.querySelectorAll(".reason").forEach(function (button) { button.setAttribute("aria-pressed", "false"); });
    form.querySelector("#comment").value = "";
    form.querySelector("#contact").value = "";
    form.querySelector("#consent").checked = false;
    form.querySelector("#contact-error").hidden = true;
    form.querySelector(".callback").hidden = true;
    show("rating");
  }

  function touch() {
    if (!kiosk) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(reset, idleSeconds * 1000);
  }

  function queue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }

  function saveQueue(items) {
    localStorage.setItem(queueKey, JSON.stringify(items));
    var status = document.getElementById("queue-status");
    status.textContent = items.length ? status.getAttribute("data-text") + " " + items.length : "";
  }

  function flush() {
    var items = queue();
    if (sending || !items.length) return;
    sending = true;
    var batch = items.slice(0, 100);
    fetch("/public/v1/feedback", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ items: batch }) })
      .then(function (response) {
        if (response.ok) {
          var sent = {};
          batch.forEach(function (item) { sent[item.id] = true; });
          saveQueue(queue().filter(function (item) { return !sent[item.id]; }));
        } else if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          // The server refused the batch (it names the item): drop that one answer, keep the rest.
          return response.json().then(function (body) {
            var match = /items\[(\d+)\]/.exec((body.error && body.error.field) || "");
            var bad = match ? batch[parseInt(match[1], 10)] : batch[0];
            saveQueue(queue().filter(function (item) { return item.id !== bad.id; }));
          });
        }
      })
      .catch(function () { /* offline: keep everything for the next try */ })
      .then(function () { sending = false; if (queue().length && navigator.onLine !== false) setTimeout(flush, 1000); });
  }

  function submit(withContact) {
    var contact = form.querySelector("#contact").value.trim();
    var consent = form.querySelector("#consent").checked;
    if (withContact && (!contact || !consent)) {
      form.querySelector("#contact-error").hidden = false;
      return;
    }
    var comment = form.querySelector("#comment").value.trim();
    if (comment) answer.comment = comment;
    if (withContact) { answer.contact = contact; answer.consent = true; }
    answer.ts = new Date().toISOString();
    var items = queue();
    items.push(answer);
    saveQueue(items);
    form.querySelector(".callback").hidden = !withContact;
    show("thanks");
    flush();
    if (kiosk) { clearTimeout(idleTimer); idleTimer = setTimeout(reset, 6000); }
  }

  form.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    touch();
    if (!target) return;
    if (target.hasAttribute("data-rating")) {
      answer.csat = parseInt(target.getAttribute("data-rating"), 10);
      show("reasons");
    } else if (target.hasAttribute("data-reason")) {
      var code = target.getAttribute("data-reason");
      var pressed = target.getAttribute("aria-pressed") === "true";
      target.setAttribute("aria-pressed", pressed ? "false" : "true");
      answer.reasons = pressed ? answer.reasons.filter(function (r) { return r !== code; }) : answer.reasons.concat([code]);
    } else if (target.hasAttribute("data-next")) {
      show(target.getAttribute("data-next"));
    } else if (target.hasAttribute("data-with-contact")) {
      submit(target.getAttribute("data-with-contact") === "true");
    }
  });
  form.addEventListener("input", touch);
  window.addEventListener("online", flush);
  setInterval(flush, 10000);
  reset();
  saveQueue(queue());
  flush();
})();
