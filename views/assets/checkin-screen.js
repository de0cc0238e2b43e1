// The projector screen: fetch the current code and QR shortly after each 30 s turn (and every 5 s for the count).
(function () {
  var root = document.querySelector('[data-live-url]');
  if (!root) return;
  var url = root.getAttribute('data-live-url');
  var code = root.querySelector('[data-testid=check-in-code]');
  var qr = root.querySelector('[data-testid=check-in-qr]');
  var count = root.querySelector('[data-testid=checked-in-count]');
  var expires = root.querySelector('[data-testid=expires]');
  function refresh() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (live) {
        if (!live) return;
        if (code.textContent !== live.code) {
          code.textContent = live.code;
          qr.innerHTML = live.qrSvg;
        }
        count.textContent = String(live.checkedIn);
        expires.textContent = live.expiresLabel;
      })
      .catch(function () { /* keep showing the last code; the next tick retries */ });
  }
  setInterval(refresh, 5000);
})();
