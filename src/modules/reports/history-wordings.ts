// How the activity reports' events read on the history pages, in the reader's language.
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { reportMessages } from './messages.ts';
import type { ActivityReportKind } from './schema.ts';

/** Every event kind the reports module writes. */
export const reportEventKinds = ['activity_report.generated', 'activity_report.regenerated', 'activity_report.edited', 'activity_report.released'] as const;
type ReportEventKind = (typeof reportEventKinds)[number];

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function reportWordings(locale: Locale): Record<ReportEventKind, EventWording> {
  const m = reportMessages(locale);
  const kind = (a: Record<string, unknown>) => m.kinds[a.kind as ActivityReportKind] ?? text(a.kind);
  const day = (v: unknown) => (typeof v === 'string' && isoDay.test(v) ? formatDate(v, locale) : text(v));
  return {
    'activity_report.generated': (_b, a) => m.history.generated(kind(a), m.period.dates(day(a.from), day(a.to))),
    'activity_report.regenerated': (_b, a) => m.history.regenerated(kind(a)),
    'activity_report.edited': (_b, a) => m.history.edited(kind(a)),
    'activity_report.released': (_b, a) => m.history.released(kind(a), text(a.documentNumber)),
  };
}

export const reportFieldLabels = (locale: Locale): Record<string, string> => {
  const m = reportMessages(locale);
  return { characters: m.fields.body, tsagNumber: m.fields.tsagNumber, status: m.fields.status, audience: m.fields.audience, documentNumber: m.columns.document };
};
export const reportValueNames = (locale: Locale): Record<string, Record<string, string>> => {
  const m = reportMessages(locale);
  return { status: m.statuses, kind: m.kinds, audience: m.audiences, language: m.languages };
};
