// Reading a page's form back as a browser would submit it, for tests that post what a person saw and typed.
import assert from 'node:assert/strict';

/** The named fields of the form with the given class in a page, with their values as a browser would send them. */
export function formFieldsOf(html: string, formClass: string): Record<string, string> {
  const start = html.indexOf(`class="form ${formClass}"`);
  assert.ok(start >= 0, `a form .${formClass} on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(m[1]!)?.[1];
    if (name && name !== '_csrf') fields[name] = decode(/value="([^"]*)"/.exec(m[1]!)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[m[1]!] = decode(m[2]!);
  for (const m of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[m[1]!] = decode(/<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '');
  }
  return fields;
}
