// The overlap review pages: thin, the rules are in queries.ts, reviews.ts and overlaps.ts.
import { readFileSync } from 'node:fs';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/engine.ts';
import { activities } from '../../db/schema.ts';
import { type Actor, isAdmin, requireUser } from '../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { parseInput, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { overlapMessages } from './messages.ts';
import { latestRun, requestOverlapRun } from './overlaps.ts';
import { canOverlaps, mayReviewIn, readsConfirmedOverlaps, reviewerActivityIds } from './policy.ts';
import { countPairs, type PairFilter, pairDetail, pairGroups, queryPairs, queueNeighbours, type QueueState } from './queries.ts';
import { decideOverlap, decisionInput, undoOverlapDecision } from './reviews.ts';
import { overlapDecisions } from './schema.ts';
import { ActivityOverlapsPage, GroupsPage, openCountCap, overlapsBase, PairPage, pairHref, QueuePage, type QueueView, queueQuery } from './views.tsx';
import { cachedRead } from '../../platform/read-cache.ts';

const script = readFileSync(new URL('./overlap-review.js', import.meta.url));
const pageSize = 50;

const queueQuerySchema = z.object({
  state: z.enum(['open', 'decided', 'all', ...overlapDecisions]).default('open'),
  activity: z.string().max(30).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  decided: rowId().optional(),
  // The page's neighbours in the queue (keyset paging): the pair the page starts after, or ends before.
  after: rowId().optional(),
  before: rowId().optional(),
});

/** Strangers are asked to sign in; signed-in users without the right are refused. */
function allow(actor: Actor, action: 'run' | 'review'): void {
  requireUser(actor);
  if (!canOverlaps(actor, action)) throw forbidden();
}

/** The activities a reviewer's queue can be narrowed to: those they review in (every activity for site admins). */
async function reviewedActivities(db: Db, actor: Actor): Promise<{ id: number; acronym: string }[]> {
  // Every activity's acronym, kept until the next change (read-cache.ts): a statement fewer on every review page.
  const all = await cachedRead(db, 'overlaps:activity-acronyms', () => db.select({ id: activities.id, acronym: activities.acronym }).from(activities).orderBy(activities.acronym));
  if (isAdmin(actor)) return all;
  const reviewed = new Set(reviewerActivityIds(actor));
  return all.filter((a) => reviewed.has(a.id));
}

/** The queue's filter from the query string; an activity the reader does not review in is not found. */
async function queueFilter(db: Db, actor: Actor, query: unknown, locale: Locale) {
  const input = parseInput(queueQuerySchema, query, locale);
  const choices = await reviewedActivities(db, actor);
  const activity = input.activity ? choices.find((a) => a.acronym.toLowerCase() === input.activity!.toLowerCase()) : undefined;
  if (input.activity && !activity) throw notFound();
  const view: QueueView = { state: input.state as QueueState, activity: activity?.acronym };
  const filter: PairFilter = { state: view.state, activityId: activity?.id };
  return { input, view, filter, choices };
}

export function registerOverlapPages(app: App, { database }: AppDeps) {
  const db = database.db;
  const words = (locale: Locale) => overlapMessages(locale);
  const reasonWords = (locale: Locale, reasons: Parameters<ReturnType<typeof overlapMessages>['reason']>[0][]) => reasons.map((r) => words(locale).reason(r));

  app.get('/assets/overlap-review.js', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script),
  );

  app.get(overlapsBase, async (request, reply) => {
    allow(request.actor, 'review');
    const { input, view, filter, choices } = await queueFilter(db, request.actor, request.query, request.locale);
    // By the neighbouring page's last (or first) pair when the links give it; by offset for an address typed by hand.
    // A neighbour gone since (a new run) falls back on the offset.
    const byOffset = { limit: pageSize + 1, offset: (input.page - 1) * pageSize };
    const keyset = input.before !== undefined ? { limit: pageSize, before: input.before } : input.after !== undefined ? { limit: pageSize + 1, after: input.after } : undefined;
    let rows = await queryPairs(db, request.actor, filter, keyset ?? byOffset);
    let hasMore = rows.length > pageSize;
    if (keyset?.before !== undefined) hasMore = rows.length > 0;
    if (keyset && !rows.length && input.page > 1) {
      rows = await queryPairs(db, request.actor, filter, byOffset);
      hasMore = rows.length > pageSize;
    }
    return sendPage(
      reply,
      QueuePage({
        ctx: viewContext(request, reply),
        pairs: rows.slice(0, pageSize),
        view,
        activities: choices,
        run: await latestRun(db),
        canRun: canOverlaps(request.actor, 'run'),
        page: input.page,
        hasMore,
      }),
    );
  });

  app.post(`${overlapsBase}/runs`, async (request, reply) => {
    allow(request.actor, 'run');
    try {
      // Queued for the worker's process; its row tells the queue page how far it is.
      await requestOverlapRun(db, request.actor, request.locale);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return redirectWithFlash(reply, overlapsBase, error.message);
      throw error;
    }
    return redirectWithFlash(reply, overlapsBase, words(request.locale).pages.runStarted);
  });

  app.get(`${overlapsBase}/groups`, async (request, reply) => {
    allow(request.actor, 'review');
    return sendPage(reply, GroupsPage({ ctx: viewContext(request, reply), groups: await pairGroups(db, request.actor) }));
  });

  /** The pair page, optionally with a form's refusal and the pair decided just before. */
  const pairPage = async (request: { actor: Actor; locale: Locale }, id: number, view: QueueView, filter: PairFilter, decidedId?: number) => {
    const m = words(request.locale);
    const pair = await pairDetail(db, request.actor, id);
    if (!pair) throw notFound(m.pairGone);
    const decidedPair = decidedId ? (decidedId === id ? pair : await pairDetail(db, request.actor, decidedId)) : undefined;
    const decided =
      decidedPair?.review && decidedPair.state !== 'open'
        ? { id: decidedPair.id, label: m.pages.recorded(decidedPair.a.identifier, decidedPair.b.identifier, m.pages.buttons[decidedPair.review.decision]) }
        : undefined;
    return { pair, neighbours: await queueNeighbours(db, request.actor, id, filter), reasons: reasonWords(request.locale, pair.reasons), view, decided };
  };

  app.get(`${overlapsBase}/:id`, async (request, reply) => {
    allow(request.actor, 'review');
    const { input, view, filter } = await queueFilter(db, request.actor, request.query, request.locale);
    const page = await pairPage(request, idParam(request.params), view, filter, input.decided);
    return sendPage(reply, PairPage({ ctx: viewContext(request, reply), ...page }));
  });

  app.post(`${overlapsBase}/:id/decision`, async (request, reply) => {
    allow(request.actor, 'review');
    const id = idParam(request.params);
    const { view, filter } = await queueFilter(db, request.actor, request.query, request.locale);
    return submitForm(request, reply, {
      schema: decisionInput,
      action: async (input) => {
        await decideOverlap(db, request.actor, id, input, request.locale);
        // On to the next pair of the same queue; the page says what was recorded, with a button to take it back.
        const { next } = await queueNeighbours(db, request.actor, id, filter);
        return next
          ? { location: pairHref(next, view, { decided: String(id) }) }
          : { location: pairHref(id, view, { decided: String(id) }), message: words(request.locale).pages.queueDone };
      },
      render: async (ctx, state) => PairPage({ ctx, ...(await pairPage(request, id, view, filter)), errors: state.errors, message: state.message }),
    });
  });

  app.post(`${overlapsBase}/:id/undo`, async (request, reply) => {
    allow(request.actor, 'review');
    const id = idParam(request.params);
    const { view } = await queueFilter(db, request.actor, request.query, request.locale);
    let commonTextRemoved: boolean;
    try {
      ({ commonTextRemoved } = await undoOverlapDecision(db, request.actor, id, request.locale));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return redirectWithFlash(reply, pairHref(id, view), error.message);
      throw error;
    }
    const pages = words(request.locale).pages;
    return redirectWithFlash(reply, pairHref(id, view), commonTextRemoved ? pages.undoneWithCommonTextFlash : pages.undoneFlash);
  });

  app.get('/activities/:acronym/overlaps', async (request, reply) => {
    const activity = await getActivity(db, request.actor, z.object({ acronym: z.string().max(30) }).parse(request.params).acronym);
    if (!readsConfirmedOverlaps(request.actor, activity)) {
      requireUser(request.actor);
      throw forbidden();
    }
    const pairs = await queryPairs(db, request.actor, { confirmedIn: activity.id }, { limit: 1000 });
    // Its reviewers also see how many candidates wait, with the way to the queue.
    const openToReview = mayReviewIn(request.actor, activity) ? await countPairs(db, request.actor, { state: 'open', activityId: activity.id }, openCountCap) : undefined;
    return sendPage(
      reply,
      ActivityOverlapsPage({ ctx: viewContext(request, reply), activity, pairs, reasons: pairs.map((p) => reasonWords(request.locale, p.reasons)), openToReview }),
    );
  });
}
