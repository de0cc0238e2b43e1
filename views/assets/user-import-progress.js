// Import progress page: polls the import's JSON status once a second and moves the progress bar;
// when the import has ended the page reloads to show the result rendered by the server.
(function () {
  var box = document.querySelector('[data-import-status]');
  if (!box || box.dataset.running !== 'true') return;
  var bar = box.querySelector('progress');
  var processed = box.querySelector('[data-field="processed"]');
  var state = box.querySelector('[data-field="state"]');
  var LABELS = { queued: '排队中', running: '正在处理' };
  function poll() {
    fetch(box.dataset.importStatus, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (status) {
        if (!status) return setTimeout(poll, 3000);
        if (bar) { bar.value = status.processed; bar.textContent = status.percent + '%'; }
        if (processed) processed.textContent = String(status.processed);
        if (state && LABELS[status.state]) state.textContent = LABELS[status.state];
        if (status.state === 'succeeded' || status.state === 'failed') return window.location.reload();
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
