// The staff page of red-press alerts: asks the server every 2 seconds whether the alerts changed and redraws them,
// announcing a new one to screen readers. While someone types in a form of the list, the list waits.
(function () {
  var live = document.getElementById('alerts-live');
  if (!live || !window.fetch) return;
  var url = live.getAttribute('data-src');
  var status = document.getElementById('alerts-status');
  function busy() {
    var active = document.activeElement;
    return active && live.contains(active) && /^(TEXTAREA|SELECT|INPUT)$/.test(active.tagName) && active.value;
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || busy()) return;
        var box = document.createElement('div');
        box.innerHTML = html;
        var fresh = box.firstElementChild;
        if (!fresh || fresh.getAttribute('data-signature') === live.getAttribute('data-signature')) return;
        var before = Number(live.getAttribute('data-open') || '0');
        live.innerHTML = fresh.innerHTML;
        live.setAttribute('data-signature', fresh.getAttribute('data-signature'));
        live.setAttribute('data-open', fresh.getAttribute('data-open'));
        if (status && Number(fresh.getAttribute('data-open') || '0') > before) status.textContent = fresh.getAttribute('data-announce') || '';
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
