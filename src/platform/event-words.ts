// Small pieces the modules' history sentences share: a stored value as words, a list as a sentence's list, and the
// names of the fields an event changed. Each module writes its own sentences (its `history-wordings.ts`).
import type { Locale } from './i18n/locale.ts';

type Data = Record<string, unknown>;

/** A stored text or number as written, or `missing` (a sentence never shows "undefined" or an object). */
export function textOf(value: unknown, missing = '?'): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : missing;
}

/** "A, B and C" ("A, B et C"): a stored list of names as a sentence writes it. */
export function listOf(value: unknown, locale: Locale, missing = '?'): string {
  const items = (Array.isArray(value) ? value : [value]).map((v) => textOf(v, '')).filter(Boolean);
  return items.length ? new Intl.ListFormat(locale === 'fr' ? 'fr' : 'en', { type: 'conjunction' }).format(items) : missing;
}

/** A label or a name inside a sentence: "Liaison representative" → "liaison representative", "TSB contact" kept. */
export function inSentence(label: string, locale: Locale): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase(locale) + label.slice(1) : label;
}

/**
 * The fields an event changed, by their form labels lower-cased as words inside a sentence ("title and deadline"),
 * in the labels' order; fields without a label (internal references) are left out, and a change of only those says
 * `otherwise`.
 */
export function changedFieldNames(after: Data, labels: Record<string, string>, locale: Locale, otherwise: string): string {
  const order = Object.keys(labels);
  const named = Object.keys(after)
    .filter((key) => labels[key])
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    // An acronym-like label (IANA…) keeps its capitals; a word starts lower-case inside a sentence.
    .map((key) => inSentence(labels[key]!, locale));
  return named.length ? listOf([...new Set(named)], locale) : otherwise;
}

/**
 * Names the person who made a change inside a history sentence written without them, as its agent: before the first
 * colon or dash that is not inside a quotation, or the parenthesis that ends the sentence ("Statement LS-12 approved by Anna Rossi (by e-mail)",
 * "Proposition refusée par Anna Rossi : …"), else at the end ("Minutes saved by Anna Rossi").
 */
export function withActor(sentence: string, actor: string, locale: Locale): string {
  const agent = `${locale === 'fr' ? ' par' : ' by'} ${actor}`;
  let quoted = 0;
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence[i]!;
    if (c === '“' || c === '«') quoted++;
    else if ((c === '”' || c === '»') && quoted > 0) quoted--;
    if (quoted) continue;
    const rest = sentence.slice(i);
    // A parenthesis that closes the sentence is its detail ("changed (title)"); one inside it names its subject
    // ("Meeting 1 (“Made by mistake”) deleted"), so the agent goes further on.
    if (rest.startsWith(' (') && !rest.endsWith(')')) continue;
    // A French colon has a narrow no-break space before it; the agent goes before that space.
    if (rest.startsWith(': ') || rest.startsWith('\u202f: ') || rest.startsWith(' (') || rest.startsWith(' — ') || rest.startsWith(' → ')) {
      return `${sentence.slice(0, i)}${agent}${rest}`;
    }
  }
  return `${sentence}${agent}`;
}
