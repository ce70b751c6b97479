// Checking a draft circular: read it, gather the records' facts, run the rules. The one path the page, the API and
// `concord check-circular` share.
import type { Db } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Activity } from '../activities/index.ts';
import { checkCircular, type Finding } from './checker.ts';
import { readDraft, UnreadableDraft } from './draft-text.ts';
import { circularFacts, type MeetingChoice } from './facts.ts';
import { circularMessages } from './messages.ts';
import { canCirculars } from './policy.ts';

export type CheckResult = { findings: Finding[]; meeting: number | null };

export async function checkDraftCircular(
  db: Db,
  actor: Actor,
  activity: Activity,
  file: { bytes: Buffer; fileName: string },
  options: { meeting: MeetingChoice; locale: Locale },
): Promise<CheckResult> {
  if (!canCirculars(actor, 'check', activity)) throw forbidden();
  const m = circularMessages(options.locale);
  let paragraphs;
  try {
    paragraphs = await readDraft(file.bytes, { fileName: file.fileName, locale: options.locale });
  } catch (error) {
    if (!(error instanceof UnreadableDraft)) throw error;
    const message = error.reason === 'refused' ? `${m.unreadable.refused}: ${error.detail ?? ''}`.replace(/: $/, '.') : m.unreadable[error.reason];
    throw invalid({ file: message }, message);
  }
  const facts = await circularFacts(db, actor, activity, options.meeting);
  return { findings: checkCircular(paragraphs, facts), meeting: facts.meeting?.number ?? null };
}
