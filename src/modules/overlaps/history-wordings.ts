// How history pages describe the overlaps module's events, in the reader's language (the manifest declares them).
import { formatNumber, type Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { textOf } from '../../platform/event-words.ts';
import { coordinationMessages } from './coordination-messages.ts';
import { overlapMessages } from './messages.ts';
import type { OverlapDecision } from './schema.ts';

/** Every event kind the overlaps module writes (runs belong to no activity: only site admins read them). */
export const overlapEventKinds = ['overlap.decided', 'overlap.undone', 'overlap.liaison_drafted', 'overlaps.run_requested', 'overlaps.run_finished'] as const;
type OverlapEventKind = (typeof overlapEventKinds)[number];

export function overlapWordings(locale: Locale): Record<OverlapEventKind, EventWording> {
  const m = overlapMessages(locale);
  const decision = (v: unknown) => m.decisions[v as OverlapDecision] ?? textOf(v);
  const count = (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale) : '—');
  const shared: Record<'overlap.decided' | 'overlap.undone' | 'overlap.liaison_drafted', EventWording> = {
    'overlap.decided': (_b, a) => m.decided(textOf(a.a), textOf(a.b), decision(a.decision)),
    'overlap.undone': (_b, a) => m.undone(textOf(a.a), textOf(a.b)),
    'overlap.liaison_drafted': (_b, a) => coordinationMessages(locale).liaisonDrafted(textOf(a.reference), textOf(a.a), textOf(a.b)),
  };
  if (locale === 'fr') {
    return {
      ...shared,
      'overlaps.run_requested': () => 'Recherche des chevauchements demandée',
      'overlaps.run_finished': (_b, a) => `Recherche des chevauchements terminée : ${count(a.pairs)} paires candidates parmi ${count(a.entries)} entrées`,
    };
  }
  return {
    ...shared,
    'overlaps.run_requested': () => 'Overlap search asked for',
    'overlaps.run_finished': (_b, a) => `Overlap search finished: ${count(a.pairs)} candidate pairs among ${count(a.entries)} entries`,
  };
}

export function overlapFieldLabels(locale: Locale): Record<string, string> {
  return locale === 'fr' ? { decision: 'Décision', note: 'Note' } : { decision: 'Decision', note: 'Note' };
}

export function overlapValueNames(locale: Locale): Record<string, Record<string, string>> {
  return { decision: overlapMessages(locale).decisions };
}
