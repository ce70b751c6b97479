// How gap events read on the history pages (and on a gap's own page), in the reader's language.
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { gapMessages } from './messages.ts';
import type { GapPriority, GapStatus } from './schema.ts';

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');

/** Every event kind the gaps module writes. */
export const gapEventKinds = ['gap.proposed', 'gap.created', 'gap.updated', 'gap.accepted', 'gap.declined', 'gap.entry_linked', 'gap.entry_unlinked'] as const;
type GapEventKind = (typeof gapEventKinds)[number];

/** The sentences come from the module's typed messages, so both languages have each of them. */
export function gapWordings(locale: Locale): Record<GapEventKind, EventWording> {
  const h = gapMessages(locale).history;
  return {
    'gap.proposed': (_before, after) => h.proposed(text(after.code), text(after.title)),
    'gap.created': (_before, after) => h.created(text(after.code), text(after.title)),
    'gap.updated': (_before, after) => h.updated(text(after.code)),
    'gap.accepted': (_before, after) => h.accepted(text(after.code)),
    'gap.declined': (_before, after) => h.declined(text(after.code), text(after.reason)),
    'gap.entry_linked': (_before, after) => h.linked(text(after.code), text(after.entry)),
    'gap.entry_unlinked': (before) => h.unlinked(text(before.code), text(before.entry)),
  };
}

/** Words for a gap's stored fields and codes, so a change list shows "Priority: High" rather than "priority: high". */
export const gapFieldLabels = (locale: Locale): Record<string, string> => ({ ...gapMessages(locale).fields, organizations: gapMessages(locale).fields.organizationIds, entry: gapMessages(locale).fields.entryId });
export const gapValueNames = (locale: Locale): Record<string, Record<string, string>> => {
  const m = gapMessages(locale);
  return { status: m.statuses as Record<GapStatus, string>, priority: m.priorities as Record<GapPriority, string>, researchNeeded: { true: m.yes, false: m.no } };
};
