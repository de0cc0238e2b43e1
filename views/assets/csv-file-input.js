// Progressive enhancement for the CSV import page: a picked file is read into the textarea, so the
// form still posts plain text (and pasting works without JavaScript). Excel's Chinese CSVs are
// often GB18030, not UTF-8: when UTF-8 decoding yields replacement characters, decode as GB18030.
(function () {
  document.querySelectorAll('[data-csv-file]').forEach(function (label) { label.hidden = false; });
  document.querySelectorAll('input[data-csv-into]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.dataset.csvInto);
      if (!file || !target) return;
      file.arrayBuffer().then(function (buffer) {
        var text = new TextDecoder('utf-8').decode(buffer);
        if (text.indexOf('\uFFFD') !== -1) text = new TextDecoder('gb18030').decode(buffer);
        target.value = text;
      });
    });
  });
})();
