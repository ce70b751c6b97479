// Warns before leaving a page whose form (marked data-warn-unsaved) holds changes not yet saved: the browser asks
// "Leave site?" on a link, a reload or closing the tab. Served as a file of our own so the strict
// Content-Security-Policy (script-src 'self', no inline script) allows it; pages work the same without it.
(() => {
  const serialize = (form) => new URLSearchParams(new FormData(form)).toString();
  for (const form of document.querySelectorAll('form[data-warn-unsaved]')) {
    const saved = serialize(form);
    let submitting = false;
    form.addEventListener('submit', () => {
      submitting = true;
    });
    window.addEventListener('beforeunload', (event) => {
      if (submitting || serialize(form) === saved) return;
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set; none shows our text any more.
      event.returnValue = '';
    });
  }
})();
