// What the circulars module's events say on history pages, in the reader's language.
import { inSentence, listOf, textOf } from '../../platform/event-words.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { circularMessages } from './messages.ts';

type Data = Record<string, unknown>;

/** Every event kind the circulars module writes. */
export const circularEventKinds = ['circular_profile.updated', 'circular.drafted', 'circular.edited', 'circular.rewritten', 'circular.issued', 'circular.sent'] as const;
type CircularEventKind = (typeof circularEventKinds)[number];

/** The parts of a letter an edit names: "paragraph3" and "annexA-2" as the edit form labels them. */
function partNames(after: Data, locale: Locale): string {
  const f = circularMessages(locale).editFields;
  const parts: Record<string, string> = { placeAndDate: f.placeAndDate, subject: f.subject, opening: f.opening, closing: f.closing, addressees: f.addressees, copies: f.copies };
  const names = Object.keys(after)
    .map((key) => {
      const paragraph = /^paragraph-?(\d+)$/.exec(key);
      if (paragraph) return f.paragraph(paragraph[1]!);
      const annex = /^annex([AB])-(\d+(?:\.\d+)*)$/.exec(key);
      if (annex) return f.annexItem(locale === 'fr' ? `annexe ${annex[1]}` : `Annex ${annex[1]}`, annex[2]!);
      // Anything else an event holds is not a part of the letter, and is not named.
      return parts[key];
    })
    .filter((name): name is string => !!name)
    .map((name) => inSentence(name.replace(/ \(.*\)$/, ''), locale));
  return listOf(names, locale, locale === 'fr' ? 'le texte' : 'the text');
}

export function circularWordings(locale: Locale): Record<CircularEventKind, EventWording> {
  const m = circularMessages(locale);
  const kind = (v: unknown) => (v === 'announce' || v === 'convene' ? inSentence(m.kinds[v], locale) : textOf(v));
  const language = (v: unknown) => (v === 'fr' || v === 'en' ? m.languages[v] : textOf(v));
  const fr: Record<CircularEventKind, EventWording> = {
    'circular_profile.updated': () => 'Faits des circulaires modifiés',
    'circular.drafted': (_b, a) => `Circulaire rédigée à partir des données (${kind(a.kind)}) : « ${textOf(a.subject)} »`,
    'circular.edited': (_b, a) => `Circulaire reformulée en ${language(a.language)} : ${partNames(a, locale)}`,
    'circular.rewritten': (_b, a) => `Circulaire rédigée de nouveau à partir des données, en ${language(a.language)}`,
    'circular.issued': (_b, a) => `Circulaire TSB ${textOf(a.number)} publiée : « ${textOf(a.subject)} »`,
    'circular.sent': (_b, a) => `Circulaire TSB ${textOf(a.number)} envoyée à la liste de diffusion`,
  };
  const en: Record<CircularEventKind, EventWording> = {
    'circular_profile.updated': () => 'Circular facts changed',
    'circular.drafted': (_b, a) => `Circular written from the records (${kind(a.kind)}): “${textOf(a.subject)}”`,
    'circular.edited': (_b, a) => `Circular reworded in ${language(a.language)}: ${partNames(a, locale)}`,
    'circular.rewritten': (_b, a) => `Circular written again from the records, in ${language(a.language)}`,
    'circular.issued': (_b, a) => `TSB Circular ${textOf(a.number)} issued: “${textOf(a.subject)}”`,
    'circular.sent': (_b, a) => `TSB Circular ${textOf(a.number)} sent to the mailing list`,
  };
  return locale === 'fr' ? fr : en;
}

/** The stored fields of a circular's events by the edit form's labels. */
export function circularFieldLabels(locale: Locale): Record<string, string> {
  const f = circularMessages(locale).editFields;
  return { placeAndDate: f.placeAndDate, subject: f.subject, opening: f.opening, closing: f.closing, addressees: f.addressees, copies: f.copies, number: f.number };
}

/** The circular facts' stored fields by the facts form's labels. */
export function circularProfileFieldLabels(locale: Locale): Record<string, string> {
  return circularMessages(locale).fields;
}
