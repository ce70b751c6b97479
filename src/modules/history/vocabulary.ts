// The words history pages use, gathered from every module's manifest: a sentence per event kind, a label per stored
// field and a name per coded value, per subject type. Built once per list of modules and language.
import type { Locale } from '../../platform/i18n/locale.ts';
import type { ConcordModule, EventWording } from '../../platform/module-manifest.ts';
import { accountFieldLabels, accountValueNames, accountWordings } from './messages.ts';

export type HistoryVocabulary = {
  wordings: Record<string, EventWording>;
  /** Field → label for one subject type. */
  fieldLabels(subjectType: string): Record<string, string>;
  /** Field → code → name for one subject type. */
  valueNames(subjectType: string): Record<string, Record<string, string>>;
};

const built = new WeakMap<readonly ConcordModule[], Map<Locale, HistoryVocabulary>>();

export function historyVocabulary(modules: readonly ConcordModule[], locale: Locale): HistoryVocabulary {
  let byLocale = built.get(modules);
  if (!byLocale) built.set(modules, (byLocale = new Map()));
  const known = byLocale.get(locale);
  if (known) return known;
  const wordings: Record<string, EventWording> = { ...accountWordings(locale) };
  const labels = new Map<string, Record<string, string>>([['user', accountFieldLabels(locale)]]);
  const values = new Map<string, Record<string, Record<string, string>>>([['user', accountValueNames(locale)]]);
  for (const module of modules) {
    Object.assign(wordings, module.history?.wordings?.(locale));
    // Several modules may describe one subject (the meetings module names the activity's deadline rules).
    for (const [subjectType, subject] of Object.entries(module.history?.subjects ?? {})) {
      labels.set(subjectType, { ...labels.get(subjectType), ...subject.fieldLabels(locale) });
      values.set(subjectType, { ...values.get(subjectType), ...subject.valueNames?.(locale) });
    }
  }
  const vocabulary: HistoryVocabulary = {
    wordings,
    fieldLabels: (subjectType) => labels.get(subjectType) ?? {},
    valueNames: (subjectType) => values.get(subjectType) ?? {},
  };
  byLocale.set(locale, vocabulary);
  return vocabulary;
}
