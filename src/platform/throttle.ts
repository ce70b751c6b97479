// Attempts counted per key in the database, so every app process sharing it counts the same attempts. A fixed window
// per key: simple, and enough for what it guards (mail sent to an address, invitations sent by an account). General
// request rate limits are another matter (issue 13) and may replace this for those uses later.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.ts';
import { AppError } from './errors.ts';
import { platformMessages } from './i18n/messages.ts';
import type { Locale } from './i18n/locale.ts';
import { throttles } from './schema.ts';

export type ThrottleRule = { limit: number; windowSeconds: number };

/**
 * Counts one attempt under `key` and says whether it is within `rule`. One statement (an upsert), so two processes
 * never both take the last attempt. It counts in the caller's transaction: an attempt whose work is rolled back (a
 * refusal included) is not counted, and a key at its limit stays refused until its window ends.
 */
export async function countAttempt(tx: Tx, key: string, rule: ThrottleRule): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const result = (await tx.execute(sql`
    insert into ${throttles} (key, window_started_at, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when ${throttles.windowStartedAt} <= now() - ${window} then 1 else ${throttles.hits} + 1 end,
      window_started_at = case when ${throttles.windowStartedAt} <= now() - ${window} then now() else ${throttles.windowStartedAt} end
    returning hits, ceil(extract(epoch from (window_started_at + ${window} - now())))::int as "retryAfter"`)) as unknown as {
    rows: { hits: number; retryAfter: number }[];
  };
  const row = result.rows[0];
  const hits = Number(row?.hits ?? 1);
  return { allowed: hits <= rule.limit, retryAfterSeconds: Math.max(1, Number(row?.retryAfter ?? rule.windowSeconds)) };
}

/** Counts the attempt under each key and refuses (429, the wait named in minutes) when any is over its rule. */
export async function throttle(tx: Tx, checks: readonly { key: string; rule: ThrottleRule }[], locale: Locale): Promise<void> {
  let wait = 0;
  for (const check of checks) {
    const { allowed, retryAfterSeconds } = await countAttempt(tx, check.key, check.rule);
    if (!allowed) wait = Math.max(wait, retryAfterSeconds);
  }
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError('too_many_requests', platformMessages(locale).errors.tryAgainIn(minutes), { retryAfterSeconds: wait });
  }
}
