// Progressive enhancement only: every page works without JavaScript.
document.documentElement.classList.add('js');

document.addEventListener('click', function (event) {
  var target = event.target;
  if (target instanceof HTMLElement && target.dataset.confirm && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});

// The phone menu: a real button with aria-expanded. Without JavaScript the menu simply stays open.
(function () {
  var button = document.querySelector('.menu-button[aria-controls]');
  if (!button) return;
  var menu = document.getElementById(button.getAttribute('aria-controls'));
  if (!menu) return;
  function setOpen(open) {
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    menu.classList.toggle('open', open);
  }
  button.addEventListener('click', function () {
    setOpen(button.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      setOpen(false);
      button.focus();
    }
  });
})();
