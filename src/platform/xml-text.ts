// Text for XML built by hand (Atom feeds): every value escaped, and the control characters XML 1.0 forbids removed.

/** `s` safe inside an XML element or a double- or single-quoted attribute. */
export function xmlText(s: string): string {
  return s
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
