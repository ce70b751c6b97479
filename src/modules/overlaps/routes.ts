// The overlaps API: the candidate pairs a reviewer may see, and starting a run over the whole register.
import { z } from 'zod';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { getActivity } from '../activities/index.ts';
import { overlapMessages } from './messages.ts';
import { latestRun, listOverlaps, requestOverlapRun } from './overlaps.ts';
import { decideOverlap, decisionInput, undoOverlapDecision } from './reviews.ts';
import { pairDetail, pairGroups } from './queries.ts';
import { canOverlaps } from './policy.ts';
import { overlapDecisions, overlapRunStatuses } from './schema.ts';
import { api } from './api-messages.ts';
import { rowId } from '../../platform/validation.ts';

const side = z.object({ id: z.number(), organization: z.string(), identifier: z.string(), title: z.string() });
const pairOut = z.object({
  id: z.number(),
  a: side,
  b: side,
  score: z.number().describe('in [0, 1]; 1 when an identifier fact makes them the same text'),
  certain: z.boolean(),
  likely: z.boolean(),
  reasons: z.array(z.string()).describe('why they look alike or not, in the reader’s language'),
  state: z.enum(['open', ...overlapDecisions]),
});
const runOut = z.object({
  id: z.number(),
  status: z.enum(overlapRunStatuses),
  entryCount: z.number().nullable(),
  pairCount: z.number().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});
const runView = (run: z.input<typeof runOut>) => ({ id: run.id, status: run.status, entryCount: run.entryCount, pairCount: run.pairCount, startedAt: run.startedAt, finishedAt: run.finishedAt });

/** Strangers are asked to sign in; signed-in users without the right are refused. */
function allow(actor: Actor, action: 'run' | 'review'): void {
  requireUser(actor);
  if (!canOverlaps(actor, action)) throw new AppError('forbidden');
}

export function registerOverlapRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  const tags = ['overlaps'];

  app.get(
    '/api/v1/overlaps',
    {
      schema: {
        tags,
        summary: api('Candidate pairs of overlapping work that you review (secretariat, chairs, admins), best first'),
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(10000).default(500),
          offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
          state: z.enum(['open', 'decided', 'all', ...overlapDecisions]).default('all').describe('open: undecided, or “not related” and an entry changed since'),
          activity: z.string().max(30).optional().describe('only pairs touching this activity’s roadmap'),
        }),
        response: { 200: z.array(pairOut) },
      },
    },
    async (request) => {
      allow(request.actor, 'review');
      const words = overlapMessages(request.locale);
      const { limit, offset, state, activity } = request.query;
      const activityId = activity === undefined ? undefined : (await getActivity(db, request.actor, activity)).id;
      const pairs = await listOverlaps(db, request.actor, { limit, offset, state, activityId });
      return pairs.map((p) => ({ ...p, reasons: p.reasons.map((r) => words.reason(r)) }));
    },
  );

  app.get(
    '/api/v1/overlaps/groups',
    {
      schema: {
        tags,
        summary: api('Groups of three or more entries joined by likely or confirmed pairs that you review'),
        response: { 200: z.array(z.object({ score: z.number(), bodies: z.number(), entries: z.array(side), pairs: z.array(z.object({ id: z.number(), state: pairOut.shape.state })) })) },
      },
    },
    async (request) => {
      allow(request.actor, 'review');
      const groups = await pairGroups(db, request.actor);
      return groups.map((g) => ({ score: g.score, bodies: g.bodies, entries: g.entries, pairs: g.pairs.map((p) => ({ id: p.id, state: p.state })) }));
    },
  );

  const entryOut = side.extend({
    organizationName: z.string(),
    status: z.string(),
    kind: z.string(),
    startedOn: z.string().nullable(),
    targetOn: z.string().nullable(),
    approvedOn: z.string().nullable(),
    year: z.number().nullable(),
    version: z.string().nullable(),
    scope: z.string().nullable(),
    url: z.string().nullable(),
    activities: z.array(z.object({ id: z.number(), acronym: z.string() })),
  });
  app.get(
    '/api/v1/overlaps/:id',
    {
      schema: {
        tags,
        summary: api('One candidate pair in full, with both entries, the activities holding each, and its decision'),
        params: z.object({ id: rowId() }),
        response: {
          200: pairOut.extend({
            a: entryOut,
            b: entryOut,
            review: z.object({ decision: z.enum(overlapDecisions), note: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: z.date() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      allow(request.actor, 'review');
      const words = overlapMessages(request.locale);
      const pair = await pairDetail(db, request.actor, request.params.id);
      if (!pair) throw notFound(words.pairGone);
      return { ...pair, reasons: pair.reasons.map((r) => words.reason(r)) };
    },
  );

  app.get(
    '/api/v1/activities/:acronym/overlaps',
    {
      schema: {
        tags,
        summary: api('Confirmed overlaps touching this activity’s roadmap (same text, duplicated work, overlapping), for its members, observers and leadership'),
        params: z.object({ acronym: z.string().max(30) }),
        response: { 200: z.array(pairOut) },
      },
    },
    async (request) => {
      const activity = await getActivity(db, request.actor, request.params.acronym);
      requireUser(request.actor);
      if (!canOverlaps(request.actor, 'read_confirmed', activity)) throw new AppError('forbidden');
      const words = overlapMessages(request.locale);
      const pairs = await listOverlaps(db, request.actor, { confirmedIn: activity.id });
      return pairs.map((p) => ({ ...p, reasons: p.reasons.map((r) => words.reason(r)) }));
    },
  );

  app.get(
    '/api/v1/overlaps/runs/latest',
    { schema: { tags, summary: api('The last overlap run: running, done or failed'), response: { 200: runOut.nullable() } } },
    async (request) => {
      allow(request.actor, 'run');
      const run = await latestRun(db);
      return run ? runView(run) : null;
    },
  );

  app.post(
    '/api/v1/overlaps/runs',
    { schema: { tags, summary: api('Ask for an overlap run over the whole register; answers at once, the worker runs it (see runs/latest)'), response: { 202: z.object({ status: z.literal('queued') }) } } },
    async (request, reply) => {
      allow(request.actor, 'run');
      // Queued here, so a second request is refused in the answer; the worker's process runs it, and its row says
      // how it went (runs/latest).
      await requestOverlapRun(db, request.actor, request.locale);
      return reply.status(202).send({ status: 'queued' });
    },
  );

  app.post(
    '/api/v1/overlaps/:id/undo',
    {
      schema: {
        tags,
        summary: api('One step back: the pair returns to what it was before its last decision'),
        params: z.object({ id: rowId() }),
        response: { 200: z.object({ state: pairOut.shape.state, commonTextRemoved: z.boolean() }) },
      },
    },
    async (request) => {
      allow(request.actor, 'review');
      const { review, commonTextRemoved } = await undoOverlapDecision(db, request.actor, request.params.id, request.locale);
      return { state: review?.decision ?? ('open' as const), commonTextRemoved };
    },
  );

  app.post(
    '/api/v1/overlaps/:id/decision',
    {
      schema: {
        tags,
        summary: api('Decide on a candidate pair (secretariat and chairs of an activity holding either entry): same text, duplicated work, overlapping, complementary, not related or unsure'),
        params: z.object({ id: rowId() }),
        body: decisionInput,
        response: { 200: z.object({ decision: z.enum(overlapDecisions), note: z.string().nullable(), decidedAt: z.date() }) },
      },
    },
    async (request) => {
      allow(request.actor, 'review');
      const review = await decideOverlap(db, request.actor, request.params.id, request.body, request.locale);
      return { decision: review.decision, note: review.note, decidedAt: review.decidedAt };
    },
  );
}
