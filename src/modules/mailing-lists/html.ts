// The HTML version of an announcement is built by Concord from the plain text, never typed by the sender: nothing the
// sender writes can become markup, so there is nothing to sanitise. Paragraphs, "- " lists and links only.

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const urlPattern = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** A line of text with its web addresses as links; everything else escaped. */
export function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(urlPattern)) {
    const at = match.index ?? 0;
    out += escapeHtml(line.slice(last, at));
    const url = escapeHtml(match[0]);
    out += `<a href="${url}">${url}</a>`;
    last = at + match[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

/** Paragraphs on blank lines, lists from lines starting with "- " or "* ", line breaks kept, addresses linked. */
export function textToHtml(text: string): string {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((b) => b.replace(/^\n+|\n+$/g, '')).filter((b) => b.trim());
  const parts = blocks.map((block) => {
    const lines = block.split('\n');
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      return `<ul>${lines.map((l) => `<li>${linkify(l.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`;
    }
    return `<p>${lines.map(linkify).join('<br>\n')}</p>`;
  });
  return parts.join('\n');
}

/** The whole HTML message: the body and the list footer, in a minimal document. */
export function htmlDocument(bodyHtml: string, footerText: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>${bodyHtml}\n<hr>\n<p style="color:#555;font-size:90%">${footerText
    .split('\n')
    .map(linkify)
    .join('<br>\n')}</p></body></html>`;
}
