// What a liaison statement's forms and API accept: the zod schemas every edge validates with, and the recipient
// lines of the statement form.
import { z } from 'zod';
import { invalid } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { email, optionalDate, optionalEmail, optionalId, optionalText, requiredText, rowId } from '../../platform/validation.ts';
import { liaisonMessages } from './messages.ts';
import { approvalModes, liaisonAccessLevels, liaisonActionStatuses, liaisonDirections, liaisonPurposes } from './schema.ts';

/** A multi-select sends one value as a string and several as a list; JSON sends a list. */
const toList = (v: unknown) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x) => x !== '' && x !== null));
const idList = () => z.preprocess(toList, z.array(rowId()).max(100)).optional();
export const recipientInput = z.object({ name: optionalText(200), email: email() });

export const liaisonInput = z.object({
  direction: z.enum(liaisonDirections),
  title: requiredText(500),
  purpose: z.enum(liaisonPurposes),
  deadline: optionalDate(),
  body: optionalText(100_000),
  theirReference: optionalText(200),
  fromOrganizationIds: idList(),
  toOrganizationIds: idList(),
  fromContactName: optionalText(200),
  fromContactEmail: optionalEmail(),
  recipients: z.array(recipientInput).max(200).optional(),
  receivedOn: optionalDate(),
  relatedEntryIds: idList(),
  inReplyToIds: idList(),
  meetingId: optionalId(),
  agendaItemId: optionalId(),
  assigneePersonId: optionalId(),
  access: z.enum(liaisonAccessLevels).optional(),
});
export type LiaisonInput = z.output<typeof liaisonInput>;
export const liaisonPatch = liaisonInput.omit({ direction: true }).partial();
export type LiaisonPatch = z.output<typeof liaisonPatch>;

export const approvalInput = z.object({
  mode: z.enum(approvalModes),
  meetingId: optionalId(),
  objectionDeadline: optionalDate(),
});
export type ApprovalInput = z.output<typeof approvalInput>;
export const returnInput = z.object({ reason: requiredText(5000) });
export const assignInput = z.object({ assigneePersonId: optionalId() });
export const actionStatusInput = z.object({ actionStatus: z.enum(liaisonActionStatuses) });

/** "Ana Silva <ana@example.org>" or a bare address, one per line; a bad line is named by its number. */
export function parseRecipientLines(text: string, locale: Locale): { name: string | null; email: string }[] {
  const out: { name: string | null; email: string }[] = [];
  const lines = text.split(/\r?\n/);
  const errors: string[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const match = /^(.*?)\s*<([^<>\s]+)>$/.exec(line) ?? /^()([^<>\s]+)$/.exec(line);
    const parsed = match ? z.email().safeParse(match[2]) : undefined;
    if (!match || !parsed?.success) {
      errors.push(liaisonMessages(locale).recipientLine(i + 1));
      return;
    }
    out.push({ name: match[1]?.replace(/^"|"$/g, '').trim() || null, email: parsed.data.toLowerCase() });
  });
  if (errors.length) throw invalid({ recipients: errors.join(' ') });
  return out;
}
