// A filter box above a long <select> (marked data-filter-label): typing "sc 42" keeps only the options whose text
// holds every word typed, in any <optgroup>; the chosen option always stays. Served as a file of our own so the
// strict Content-Security-Policy (script-src 'self') allows it; without JavaScript the list is whole and usable.
(() => {
  const fold = (text) => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  for (const select of document.querySelectorAll('select[data-filter-label]')) {
    if (select.dataset.filterReady) continue;
    select.dataset.filterReady = 'yes';
    const input = document.createElement('input');
    input.type = 'search';
    input.id = `${select.id}-filter`;
    input.className = 'select-filter';
    input.setAttribute('aria-controls', select.id);
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.className = 'select-filter-label';
    label.textContent = select.dataset.filterLabel;
    select.before(label, input);
    input.addEventListener('input', () => {
      const words = fold(input.value).split(/\s+/).filter(Boolean);
      for (const option of select.options) {
        const shown = !option.value || option.selected || words.every((word) => fold(option.text).includes(word));
        option.hidden = !shown;
        option.disabled = !shown && !option.selected;
      }
      for (const group of select.querySelectorAll('optgroup')) group.hidden = ![...group.children].some((option) => !option.hidden);
    });
  }
})();
