// Progressive enhancement for the indicator import page: a picked file's bytes go to the server as
// base64, which decodes UTF-8 or GBK itself (pasting into the textarea works without JavaScript).
(function () {
  document.querySelectorAll('[data-csv-file]').forEach(function (box) { box.hidden = false; });
  document.querySelectorAll('input[data-csv-bytes-into]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.dataset.csvBytesInto);
      var text = document.getElementById(input.dataset.csvText);
      if (!file || !target) return;
      file.arrayBuffer().then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        var binary = '';
        for (var i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        target.value = btoa(binary);
        if (text) text.value = '';
      });
    });
  });
})();
