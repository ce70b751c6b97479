// Per-address limits on writes by visitors who are not signed in (sign-in, password reset, sign-up, registration,
// subscription, any anonymous form or API post), with @fastify/rate-limit counting in the database's `throttles` table
// (platform/throttle.ts), so every app process sharing the database counts the same requests. Reads are never
// limited (many readers may share one address, a company's proxy), and signed-in users are limited by what their
// roles let them do, not here.
import fastifyRateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/engine.ts';
import { AppError } from '../errors.ts';
import { platformMessages } from '../i18n/messages.ts';
import type { App } from '../module-manifest.ts';
import { GroupCommit } from '../group-commit.ts';
import { type AttemptCount, countAttempts, type ThrottleRule } from '../throttle.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A @fastify/rate-limit store over the throttles table. Requests counted at the same moment share one upsert (group
 * commit, countAttempts): a burst of anonymous writes from one address made each request wait for that address's row
 * in turn, and on PGlite each upsert was a statement of its own, more than half of what a registration cost.
 */
function throttleStore(db: Db) {
  const counting = new GroupCommit<{ key: string; rule: ThrottleRule }, AttemptCount>({
    write: async (attempts) => (await countAttempts(db, attempts)).map((value) => ({ value })),
    maxBatch: 1000,
  });
  return class ThrottleStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number) {
      counting.add({ key: `rate:${key}`, rule: { limit: max, windowSeconds: Math.max(1, Math.round(timeWindow / 1000)) } }).then(
        ({ hits, retryAfterSeconds }) => callback(null, { current: hits, ttl: retryAfterSeconds * 1000 }),
        (error: Error) => callback(error),
      );
    }
    child() {
      return this;
    }
  };
}

/** Limits anonymous writes per client address to ANONYMOUS_WRITES_PER_MINUTE; past it, a 429 saying when to try again. */
export async function registerRateLimits(app: App, db: Db, config: Config): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    // After the actor is known (onRequest) and before the body is read, so a refused request costs no parsing.
    hook: 'preParsing',
    max: config.limits.anonymousWritesPerMinute,
    timeWindow: 60_000,
    store: throttleStore(db),
    // A database that cannot count refuses nothing: the per-account locks still stand behind the sign-in form.
    skipOnError: true,
    allowList: (request) => safeMethods.has(request.method) || request.actor.kind !== 'anonymous',
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError('too_many_requests', platformMessages(request.locale ?? 'en').errors.tryAgainIn(Math.ceil(seconds / 60)), {
        retryAfterSeconds: seconds,
      });
    },
  });
}

/**
 * A route's own count of anonymous writes per address, apart from ANONYMOUS_WRITES_PER_MINUTE (the same store and
 * refusal), for writes that come in bursts nobody can space out: RFC 8058 one-click unsubscribes, which a mail provider
 * posts for all its users from a few addresses. Spread into the route's `config`.
 */
export function ownWriteLimit(group: string, perMinute: number) {
  return { rateLimit: { max: perMinute, timeWindow: 60_000, groupId: `:${group}` } };
}
