// Progressive enhancement only: every page works without JavaScript.
document.addEventListener('click', function (event) {
  var target = event.target;
  if (target instanceof HTMLElement && target.dataset.confirm && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});
