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
export async function countAttempt(tx: Tx, key: string, rule: ThrottleRule): Promise<AttemptCount> {
  const [count] = await countAttempts(tx, [{ key, rule }]);
  return count!;
}

export type AttemptCount = { allowed: boolean; hits: number; retryAfterSeconds: number };

/**
 * Counts attempts made together (requests counted at the same moment), as countAttempt would one after the other:
 * one upsert per window length, in which each key grows by its number of attempts, and each attempt gets the count
 * it would have seen in its turn (in the order given). Returns a count per attempt, in order.
 */
export async function countAttempts(tx: Tx, attempts: readonly { key: string; rule: ThrottleRule }[]): Promise<AttemptCount[]> {
  const counts: AttemptCount[] = [];
  for (const windowSeconds of new Set(attempts.map((a) => a.rule.windowSeconds))) {
    const perKey = new Map<string, number>();
    for (const a of attempts) if (a.rule.windowSeconds === windowSeconds) perKey.set(a.key, (perKey.get(a.key) ?? 0) + 1);
    const window = sql`make_interval(secs => ${windowSeconds})`;
    const result = (await tx.execute(sql`
      insert into ${throttles} (key, window_started_at, hits)
      select key, now(), n from jsonb_to_recordset(${JSON.stringify([...perKey].map(([key, n]) => ({ key, n })))}::jsonb) as attempt(key text, n int)
      -- In the order of the keys, so two processes counting the same keys lock their rows in the same order.
      order by key
      on conflict (key) do update set
        hits = case when ${throttles.windowStartedAt} <= now() - ${window} then excluded.hits else ${throttles.hits} + excluded.hits end,
        window_started_at = case when ${throttles.windowStartedAt} <= now() - ${window} then now() else ${throttles.windowStartedAt} end
      returning key, hits, ceil(extract(epoch from (window_started_at + ${window} - now())))::int as "retryAfter"`)) as unknown as {
      rows: { key: string; hits: number; retryAfter: number }[];
    };
    const counted = new Map(result.rows.map((row) => [row.key, row]));
    const seen = new Map<string, number>();
    attempts.forEach((attempt, i) => {
      if (attempt.rule.windowSeconds !== windowSeconds) return;
      const row = counted.get(attempt.key);
      const before = seen.get(attempt.key) ?? 0;
      seen.set(attempt.key, before + 1);
      // The key's count after all its attempts, less those that come after this one.
      const hits = Number(row?.hits ?? perKey.get(attempt.key)) - perKey.get(attempt.key)! + before + 1;
      counts[i] = { allowed: hits <= attempt.rule.limit, hits, retryAfterSeconds: Math.max(1, Number(row?.retryAfter ?? windowSeconds)) };
    });
  }
  return counts;
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

/**
 * A lock after repeated failures (wrong passwords): `limit` failures under a key within `windowSeconds` lock it for
 * `windowSeconds` from the failure that reached the limit. Unlike `countAttempt`, failures are counted outside the
 * attempt's transaction (a refused sign-in writes nothing else) and a success does not count.
 */
export type LockRule = { limit: number; windowSeconds: number };

/**
 * Counts one failure under `key`. `lockedNow` is true for the one failure that reaches the limit, so whatever a lock
 * sets off (a notice mail) happens once per lock; that failure restarts the window, so the lock lasts its full length.
 */
export async function recordFailure(tx: Tx, key: string, rule: LockRule): Promise<{ failures: number; lockedNow: boolean }> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const result = (await tx.execute(sql`
    insert into ${throttles} (key, window_started_at, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when ${throttles.windowStartedAt} <= now() - ${window} then 1 else ${throttles.hits} + 1 end,
      window_started_at = case
        when ${throttles.windowStartedAt} <= now() - ${window} then now()
        when ${throttles.hits} + 1 = ${rule.limit} then now()
        else ${throttles.windowStartedAt} end
    returning hits`)) as unknown as { rows: { hits: number }[] };
  const failures = Number(result.rows[0]?.hits ?? 1);
  return { failures, lockedNow: failures === rule.limit };
}

/** Seconds until the longest of these keys' locks ends, or 0 when none is locked. Reads only: a locked key stays as it is. */
export async function lockedFor(tx: Tx, checks: readonly { key: string; rule: LockRule }[]): Promise<number> {
  let wait = 0;
  for (const { key, rule } of checks) {
    const result = (await tx.execute(sql`
      select ceil(extract(epoch from (window_started_at + make_interval(secs => ${rule.windowSeconds}) - now())))::int as "wait"
      from ${throttles} where key = ${key} and hits >= ${rule.limit}
        and window_started_at > now() - make_interval(secs => ${rule.windowSeconds})`)) as unknown as { rows: { wait: number }[] };
    wait = Math.max(wait, Number(result.rows[0]?.wait ?? 0));
  }
  return wait;
}

/** Forgets the failures counted under `key` (a successful sign-in clears its account's). */
export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.delete(throttles).where(sql`${throttles.key} = ${key}`);
}
