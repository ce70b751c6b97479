// Each person's secret submission address: mail sent to it counts as theirs in mail-in, whatever its From: says
// (mail-in-sender.ts). One secret per person, shown on My account per activity they contribute to, and replaced on
// demand (the old addresses stop at once).
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { holdsAny } from '../../platform/roles.ts';
import { activities } from '../../db/schema.ts';
import { submissionAddress } from './mail-in-sender.ts';
import { documentMessages } from './messages.ts';
import { submitters } from './policy.ts';
import { submissionAddresses } from './schema.ts';

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 26 lower-case base32 characters (130 random bits): mail systems may change the letter case of a local part. */
export function newSubmissionSecret(): string {
  const bytes = randomBytes(17);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += base32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export type SubmissionAddresses = { createdAt: Date | null; addresses: { acronym: string; address: string }[] };

function personOf(actor: Actor, locale: Locale): number {
  const user = requireUser(actor);
  if (user.personId === null) throw new AppError('not_found', documentMessages(locale).submissionNoPerson);
  return user.personId;
}

/** The signed-in person's secret addresses, one per activity they may submit contributions to (none before one is made). */
export async function readSubmissionAddresses(db: Db, actor: Actor, mailInAddress: string, locale: Locale): Promise<SubmissionAddresses> {
  const personId = personOf(actor, locale);
  const [row] = await db.select().from(submissionAddresses).where(eq(submissionAddresses.personId, personId));
  if (!row || actor.kind !== 'user') return { createdAt: null, addresses: [] };
  const ids = [...actor.roles].filter(([, roles]) => holdsAny(roles, submitters)).map(([id]) => id);
  const rows = ids.length ? await db.select({ acronym: activities.acronym }).from(activities).where(inArray(activities.id, ids)).orderBy(activities.acronym) : [];
  return { createdAt: row.createdAt, addresses: rows.map((a) => ({ acronym: a.acronym, address: submissionAddress(mailInAddress, a.acronym, row.secret) })) };
}

/**
 * Makes the signed-in person's secret, or replaces it (the addresses made from the old one stop working at once).
 * Side effects: the row, and a `person.submission_address_renewed` event (without the secret).
 */
export async function renewSubmissionAddress(db: Db, actor: Actor, locale: Locale): Promise<void> {
  const personId = personOf(actor, locale);
  const secret = newSubmissionSecret();
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ createdAt: submissionAddresses.createdAt }).from(submissionAddresses).where(eq(submissionAddresses.personId, personId));
    await tx
      .insert(submissionAddresses)
      .values({ personId, secret })
      .onConflictDoUpdate({ target: submissionAddresses.personId, set: { secret, createdAt: new Date() } });
    await recordEvent(tx, actor, {
      kind: 'person.submission_address_renewed',
      subjectType: 'person',
      subjectId: personId,
      summary: before ? 'Secret submission address replaced' : 'Secret submission address made',
    });
  });
}
