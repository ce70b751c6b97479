// Keyboard shortcuts for the overlap review page. Each key presses the page's own button or link that carries it
// (data-key), so the script adds no action of its own: without it, the page works the same with a mouse or Tab.
(() => {
  const legend = document.querySelector('.overlap-keys');
  if (legend) legend.hidden = false;
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      // Escape leaves the note, so the next key decides.
      if (event.key === 'Escape') target.blur();
      return;
    }
    if (event.key === '/') {
      const note = document.getElementById('field-note');
      if (note) {
        event.preventDefault();
        note.focus();
      }
      return;
    }
    const control = document.querySelector(`[data-key="${CSS.escape(event.key.toLowerCase())}"]`);
    if (!control) return;
    event.preventDefault();
    control.click();
  });
})();
