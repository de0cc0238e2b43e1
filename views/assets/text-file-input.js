// Progressive enhancement for the regulation text page: a picked file is read into the textarea (so
// the form still posts plain text and pasting works without JavaScript) and its name into a hidden
// field. Files saved on Chinese Windows are often GB18030: when UTF-8 yields replacement characters,
// decode as GB18030.
(function () {
  document.querySelectorAll('[data-text-file]').forEach(function (box) { box.hidden = false; });
  document.querySelectorAll('input[data-text-into]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.dataset.textInto);
      var name = document.getElementById(input.dataset.nameInto || '');
      if (!file || !target) return;
      file.arrayBuffer().then(function (buffer) {
        var text = new TextDecoder('utf-8').decode(buffer);
        if (text.indexOf('\uFFFD') !== -1) text = new TextDecoder('gb18030').decode(buffer);
        target.value = text;
        if (name) name.value = file.name;
      });
    });
  });
})();
