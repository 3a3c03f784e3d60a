// The mystery shopper's form: the result, with its photos, goes into a queue kept in the phone's IndexedDB
// (localStorage is too small for photos) and is sent whenever the network allows, so an answer made with no signal is
// not lost; the server stores a visit's result once (a resend of the same result is answered 200 and changes nothing).
// Photos are made smaller in the phone before they are kept: a JPEG whose longest side is at most 1600 px.
(function () {
  "use strict";
  var form = document.getElementById("mystery-form");
  if (!form) return;
  var status = document.getElementById("mystery-queue");
  var legacyKey = "otklik-mystery-queue";
  var maxSide = 1600;
  var maxBytes = 2 * 1024 * 1024;
  var maxPerItem = 3;
  var sending = false;
  var photos = {}; // item code → [{ data: base64 JPEG, preview: data URL }]

  // The queue: IndexedDB when the browser has it, else localStorage (answers only fit there).
  var database = null;
  function open() {
    if (database) return database;
    database = new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open("otklik-mystery", 1);
      request.onupgradeneeded = function () { request.result.createObjectStore("queue", { keyPath: "key" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
    return database;
  }
  function legacy() {
    try { return JSON.parse(localStorage.getItem(legacyKey) || "[]"); } catch (e) { return []; }
  }
  function transact(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("queue", mode);
        var result = work(tx.objectStore("queue"));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }
  function all() {
    return transact("readonly", function (store) { return store.getAll(); }).catch(function () { return legacy(); });
  }
  function put(item) {
    return transact("readwrite", function (store) { store.put(item); }).catch(function () {
      var items = legacy().filter(function (other) { return other.key !== item.key; });
      items.push(item);
      localStorage.setItem(legacyKey, JSON.stringify(items));
    });
  }
  function remove(key) {
    return transact("readwrite", function (store) { store.delete(key); }).catch(function () {
      localStorage.setItem(legacyKey, JSON.stringify(legacy().filter(function (other) { return other.key !== key; })));
    });
  }
  window.otklikMysteryQueue = all; // for the browser tests: what waits to be sent

  function token() {
    var field = form.querySelector("input[name='csrf']");
    return field ? field.value : "";
  }
  function show(note) {
    return all().then(function (items) {
      var mine = items.filter(function (item) { return item.visit === form.dataset.visit; }).length;
      status.textContent = note || (items.length ? status.getAttribute("data-waiting") + " " + items.length : "");
      form.querySelector("#mystery-send").disabled = mine > 0;
      return items;
    });
  }
  function flush() {
    if (sending) return;
    sending = true;
    all().then(function (items) {
      if (!items.length) return null;
      var item = items[0];
      return fetch("/mystery/results", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": item.csrf || token() },
        body: JSON.stringify(item.result)
      }).then(function (response) {
        if (response.ok) return remove(item.key).then(function () { return show(status.getAttribute("data-sent")); });
        if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 401 && response.status !== 403) {
          return remove(item.key).then(function () { return show(status.getAttribute("data-refused")); });
        }
        return null;
      });
    }).catch(function () { /* offline: keep it for the next try */ })
      .then(function () {
        sending = false;
        all().then(function (items) { if (items.length && navigator.onLine !== false) setTimeout(flush, 1000); });
      });
  }

  // Photos: read the file, draw it smaller on a canvas, keep the JPEG.
  function shrink(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onerror = function () { reject(reader.error); };
      reader.onload = function () {
        var image = new Image();
        image.onerror = function () { reject(new Error("not an image")); };
        image.onload = function () {
          var scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
          var canvas = document.createElement("canvas");
          canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
          canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
          canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
          var quality = 0.82, url = canvas.toDataURL("image/jpeg", quality);
          while (url.length * 0.75 > maxBytes && quality > 0.3) { quality -= 0.15; url = canvas.toDataURL("image/jpeg", quality); }
          resolve(url);
        };
        image.src = reader.result;
      };
      reader.readAsDataURL(file);
    });
  }
  function drawPreviews(item) {
    var list = document.getElementById("p-" + item + "-previews");
    if (!list) return;
    list.textContent = "";
    (photos[item] || []).forEach(function (photo, index) {
      var li = document.createElement("li");
      var img = document.createElement("img");
      img.src = photo.preview;
      img.alt = (index + 1) + "";
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = status.getAttribute("data-photo-remove");
      button.addEventListener("click", function () { photos[item].splice(index, 1); drawPreviews(item); });
      li.appendChild(img);
      li.appendChild(button);
      list.appendChild(li);
    });
  }
  form.querySelectorAll("input.mystery-photo-input").forEach(function (input) {
    input.addEventListener("change", function () {
      var item = input.getAttribute("data-item");
      var files = Array.prototype.slice.call(input.files || []);
      photos[item] = photos[item] || [];
      if (photos[item].length + files.length > maxPerItem) {
        status.textContent = status.getAttribute("data-photo-too-many");
        files = files.slice(0, Math.max(0, maxPerItem - photos[item].length));
      }
      files.reduce(function (chain, file) {
        return chain.then(function () {
          return shrink(file).then(function (url) {
            photos[item].push({ data: url.slice(url.indexOf(",") + 1), preview: url });
            drawPreviews(item);
          }, function () { status.textContent = status.getAttribute("data-photo-error"); });
        });
      }, Promise.resolve()).then(function () { input.value = ""; });
    });
  });

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
    var attached = [];
    Object.keys(photos).sort().forEach(function (item) {
      photos[item].forEach(function (photo) { attached.push({ item: item, data: photo.data }); });
    });
    if (attached.length) result.photos = attached;
    all().then(function (items) {
      // One result per visit waits: a second press of "send" replaces the first.
      return Promise.all(items.filter(function (item) { return item.visit === result.visit; }).map(function (item) { return remove(item.key); }));
    }).then(function () {
      return put({ key: result.visit + "@" + result.at, visit: result.visit, csrf: token(), result: result });
    }).then(function () {
      photos = {};
      form.querySelectorAll("ul.photo-previews").forEach(function (list) { list.textContent = ""; });
      return show();
    }).then(flush);
  });

  // Answers queued by the older form (localStorage) move into IndexedDB.
  var old = legacy();
  (old.length && window.indexedDB
    ? Promise.all(old.map(put)).then(function () { localStorage.removeItem(legacyKey); })
    : Promise.resolve()
  ).then(function () { return show(); }).then(flush);
  window.addEventListener("online", flush);
  setInterval(flush, 5000);
})();
