// Gap pages and the gaps API. Thin: who is asking, zod, the policy's answer on who may use a form, one domain call.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, isSignedIn, requireUser } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { idParam, sendPage, viewContext } from '../../platform/http/context.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { parseInput, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { listOrganizationTree } from '../organizations/index.ts';
import { gapExportContentTypes, gapExportFileName, gapExportFormats, gapCsvStream, gapXlsxStream } from './gap-export.ts';
import { allowedGapChanges, gapChanges } from './gap-states.ts';
import {
  acceptGap,
  acceptInput,
  createGap,
  declineGap,
  declineInput,
  gapDetail,
  gapInput,
  gapPatch,
  gapProposalInput,
  type GapSettings,
  gapSettingsOf,
  type GapView,
  getGap,
  linkableEntries,
  linkEntry,
  linkInput,
  listGaps,
  proposeGap,
  unlinkEntry,
  unlinkInput,
  updateGap,
} from './gaps.ts';
import { gapMessages } from './messages.ts';
import { canGap, canGaps, type GapListAction, gapScope } from './policy.ts';
import { cellFacts, gapsBase } from './roadmap-extension.ts';
import { gapPriorities, gapStatuses } from './schema.ts';
import { GapFormPage, type GapFormStart, gapHref, GapListPage, GapPage, type GapPageForm } from './views.tsx';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const gapParams = acronymParams.extend({ number: rowId() });
const listQuery = z.object({ status: z.enum(gapStatuses).optional(), priority: z.enum(gapPriorities).optional() });
/** A filter form sends "" for "any". */
const blankAsAbsent = (query: unknown) =>
  Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== ''));

const progressOut = z.object({
  entryId: z.number(),
  organization: z.string(),
  identifier: z.string(),
  title: z.string(),
  status: z.string(),
  note: z.string().nullable(),
  linkedAt: z.date(),
});
const gapOut = z.object({
  code: z.string().describe('“G-3”: unique in the activity, given when the gap is recorded or proposed, never reused'),
  number: z.number(),
  activity: z.string(),
  title: z.string(),
  description: z.string(),
  topic: z.string().nullable(),
  priority: z.enum(gapPriorities),
  researchNeeded: z.boolean(),
  recommendation: z.string().nullable(),
  organizations: z.array(z.object({ id: z.number(), acronym: z.string() })),
  status: z.enum(gapStatuses),
  proposer: z.string().nullable().describe('shown to the leadership and to the proposer'),
  createdAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  decisionReason: z.string().nullable(),
  progress: z.array(progressOut).describe('the roadmap entries that address the gap, with their status'),
  allowedActions: z.array(z.enum(Object.keys(gapChanges) as [keyof typeof gapChanges, ...(keyof typeof gapChanges)[]])),
});

function present(actor: Actor, activity: Activity, settings: GapSettings, gap: GapView): z.input<typeof gapOut> {
  const own = actor.kind === 'user' && gap.proposerUserId === actor.userId;
  return {
    code: gap.code,
    number: gap.number,
    activity: activity.acronym,
    title: gap.title,
    description: gap.description,
    topic: gap.topic,
    priority: gap.priority,
    researchNeeded: gap.researchNeeded,
    recommendation: gap.recommendation,
    organizations: gap.organizations,
    status: gap.status,
    proposer: own || gapScope(actor, activity).kind === 'all' ? gap.proposerName : null,
    createdAt: gap.createdAt,
    decidedBy: gap.status === 'proposed' ? null : gap.decidedByName,
    decidedAt: gap.status === 'proposed' ? null : gap.decidedAt,
    decisionReason: gap.decisionReason,
    progress: gap.progress,
    allowedActions: allowedGapChanges(actor, activity, settings, gap),
  };
}

/** A form always sends every field: an unticked box and an empty multi-select mean "no" and "none". */
const editForm = z.preprocess(
  (values) => ({ researchNeeded: '', organizationIds: [], ...(values as Record<string, unknown>) }),
  gapPatch,
);

export function registerGapRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  const activityOf = async (request: FastifyRequest) => {
    const activity = await getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
    return { activity, settings: gapSettingsOf(activity) };
  };
  /** Anonymous visitors are asked to sign in; signed-in users without the right are refused. */
  const allow = (actor: Actor, action: GapListAction, activity: Activity, settings: GapSettings) => {
    if (canGaps(actor, action, activity, settings)) return;
    throw new AppError(isSignedIn(actor) ? 'forbidden' : 'unauthenticated');
  };
  const numberOf = (request: FastifyRequest) => idParam(request.params, 'number');
  /** Who may use a gap's form is answered before its fields are read: a member's decline is a 403, not a 422. */
  const allowOn = async (request: FastifyRequest, activity: Activity, settings: GapSettings, right: 'edit' | 'decide' | 'link') => {
    const gap = await getGap(db, request.actor, activity, numberOf(request));
    if (!canGap(request.actor, right, activity, settings, gap)) throw new AppError(isSignedIn(request.actor) ? 'forbidden' : 'unauthenticated');
    return gap;
  };

  // ---- Pages ----

  app.get('/activities/:acronym/gaps', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    allow(request.actor, 'read', activity, settings);
    const filter = parseInput(listQuery, blankAsAbsent(request.query), request.locale);
    const list = await listGaps(db, request.actor, activity, filter);
    return sendPage(reply, GapListPage({ ctx: viewContext(request, reply), activity, settings, gaps: list, filter }));
  });

  app.get('/activities/:acronym/gaps/new', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    allow(request.actor, 'create', activity, settings);
    const facts = await cellFacts(db, activity.id, request.query as Record<string, unknown>);
    const start: GapFormStart = { title: facts.topic, topic: facts.topic, organizationIds: facts.body ? [facts.body.id] : [] };
    return sendPage(
      reply,
      GapFormPage({ ctx: viewContext(request, reply), activity, mode: 'create', start, fromMatrix: { topic: facts.topic, body: facts.body?.acronym }, organizations: await listOrganizationTree(db) }),
    );
  });

  app.post('/activities/:acronym/gaps', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    allow(request.actor, 'create', activity, settings);
    return submitForm(request, reply, {
      schema: gapInput,
      action: async (input) => {
        const gap = await createGap(db, request.actor, activity.id, input, request.locale);
        return { location: gapHref(activity, gap.number), message: gapMessages(request.locale).created(gap.code) };
      },
      render: async (ctx, state) => GapFormPage({ ctx, activity, mode: 'create', organizations: await listOrganizationTree(db), ...state }),
    });
  });

  app.get('/activities/:acronym/gaps/propose', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    allow(request.actor, 'propose', activity, settings);
    return sendPage(reply, GapFormPage({ ctx: viewContext(request, reply), activity, mode: 'propose', organizations: await listOrganizationTree(db) }));
  });

  app.post('/activities/:acronym/gaps/propose', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    allow(request.actor, 'propose', activity, settings);
    return submitForm(request, reply, {
      schema: gapProposalInput,
      action: async (input) => {
        const gap = await proposeGap(db, request.actor, activity.id, input, request.locale);
        return { location: gapHref(activity, gap.number), message: gapMessages(request.locale).proposed(gap.code) };
      },
      render: async (ctx, state) => GapFormPage({ ctx, activity, mode: 'propose', organizations: await listOrganizationTree(db), ...state }),
    });
  });

  const renderGap = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, settings: GapSettings, state: Record<string, unknown> = {}) => {
    const detail = await gapDetail(db, request.actor, activity, numberOf(request));
    const entries = canGap(request.actor, 'link', activity, settings, detail.gap) ? await linkableEntries(db, activity.id) : undefined;
    return GapPage({ ctx: viewContext(request, reply), activity, settings, ...detail, entries, ...state });
  };

  app.get('/activities/:acronym/gaps/:number', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    return sendPage(reply, await renderGap(request, reply, activity, settings));
  });

  app.get('/activities/:acronym/gaps/:number/edit', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    const gap = await allowOn(request, activity, settings, 'edit');
    const start: GapFormStart = { ...gap, topic: gap.topic ?? undefined, recommendation: gap.recommendation ?? undefined, organizationIds: gap.organizations.map((o) => o.id) };
    return sendPage(reply, GapFormPage({ ctx: viewContext(request, reply), activity, mode: 'edit', gap, start, organizations: await listOrganizationTree(db) }));
  });

  app.post('/activities/:acronym/gaps/:number/edit', async (request, reply) => {
    const { activity, settings } = await activityOf(request);
    const gap = await allowOn(request, activity, settings, 'edit');
    return submitForm(request, reply, {
      schema: editForm,
      action: async (patch) => {
        await updateGap(db, request.actor, activity.id, gap.number, patch, request.locale);
        return { location: gapHref(activity, gap.number), message: gapMessages(request.locale).updated };
      },
      render: async (ctx, state) => GapFormPage({ ctx, activity, mode: 'edit', gap, organizations: await listOrganizationTree(db), ...state }),
    });
  });

  /** A form posted on the gap's page: on a refusal, the page again with that form's values and messages. */
  const pageForm = <S extends z.ZodType>(
    path: string,
    form: GapPageForm | undefined,
    right: 'decide' | 'link',
    schema: S,
    change: (actor: Actor, activity: Activity, number: number, input: z.output<S>, locale: 'en' | 'fr') => Promise<unknown>,
    flash: (locale: 'en' | 'fr') => string,
  ) =>
    app.post(`/activities/:acronym/gaps/:number/${path}`, async (request, reply) => {
      const { activity, settings } = await activityOf(request);
      const gap = await allowOn(request, activity, settings, right);
      return submitForm(request, reply, {
        schema,
        action: async (input) => {
          await change(request.actor, activity, gap.number, input, request.locale);
          return { location: `${gapHref(activity, gap.number)}${form === 'link' ? '#progress' : ''}`, message: flash(request.locale) };
        },
        render: async (_ctx, state) => renderGap(request, reply, activity, settings, { ...state, failed: form }),
      });
    });

  pageForm('accept', 'accept', 'decide', acceptInput, (actor, a, n, input, locale) => acceptGap(db, actor, a.id, n, input, locale), (l) => gapMessages(l).accepted);
  pageForm('decline', 'decline', 'decide', declineInput, (actor, a, n, input, locale) => declineGap(db, actor, a.id, n, input, locale), (l) => gapMessages(l).declined);
  pageForm('entries', 'link', 'link', linkInput, (actor, a, n, input, locale) => linkEntry(db, actor, a.id, n, input, locale), (l) => gapMessages(l).linked);
  pageForm('entries/remove', undefined, 'link', unlinkInput, (actor, a, n, input, locale) => unlinkEntry(db, actor, a.id, n, input.entryId, locale), (l) => gapMessages(l).unlinked);

  // ---- Exports (pages and API alike: the same gaps the list shows the reader) ----

  for (const format of gapExportFormats) {
    const exportList = async (request: FastifyRequest, reply: FastifyReply) => {
      const { activity, settings } = await activityOf(request);
      allow(request.actor, 'read', activity, settings);
      const filter = parseInput(listQuery, blankAsAbsent(request.query), request.locale);
      const list = await listGaps(db, request.actor, activity, filter);
      const body = format === 'csv' ? gapCsvStream(list) : gapXlsxStream(list, `${activity.acronym} gaps`);
      return reply
        .type(gapExportContentTypes[format])
        .header('content-disposition', `attachment; filename="${gapExportFileName(activity.acronym, format)}"`)
        .header('cache-control', 'no-store')
        .send(body);
    };
    app.get(`/activities/:acronym/gaps/export.${format}`, { schema: { hide: true } }, exportList);
    app.get(
      `/api/v1/activities/:acronym/gaps/export.${format}`,
      {
        schema: {
          tags: ['gaps'],
          summary: { csv: api('Download the gaps you see (filtered by status and priority) as CSV'), xlsx: api('Download the gaps you see (filtered by status and priority) as XLSX') }[format],
          params: acronymParams,
          querystring: listQuery,
          produces: [gapExportContentTypes[format]],
        },
      },
      exportList,
    );
  }

  // ---- API ----

  const tags = ['gaps'];
  const base = '/api/v1/activities/:acronym/gaps';
  const one = (request: FastifyRequest, activity: Activity, settings: GapSettings, number: number) =>
    getGap(db, request.actor, activity, number).then((gap) => present(request.actor, activity, settings, gap));

  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('The gaps you see: accepted ones for participants (and for anyone when the activity publishes them), proposals for the leadership and their proposers'),
        params: acronymParams,
        querystring: listQuery,
        response: { 200: z.object({ gaps: z.array(gapOut) }) },
      },
    },
    async (request) => {
      const { activity, settings } = await activityOf(request);
      allow(request.actor, 'read', activity, settings);
      const list = await listGaps(db, request.actor, activity, request.query);
      return { gaps: list.map((gap) => present(request.actor, activity, settings, gap)) };
    },
  );

  app.post(
    base,
    { schema: { tags, summary: api('Record a gap, accepted at once (secretariat, chairs, vice-chairs)'), params: acronymParams, body: gapInput.strict(), response: { 201: gapOut } } },
    async (request, reply) => {
      const { activity, settings } = await activityOf(request);
      allow(request.actor, 'create', activity, settings);
      const gap = await createGap(db, request.actor, activity.id, request.body, request.locale);
      return reply.status(201).send(present(request.actor, activity, settings, gap));
    },
  );

  app.post(
    `${base}/proposals`,
    { schema: { tags, summary: api('Propose a gap (members and leadership); the leadership accepts or declines it'), params: acronymParams, body: gapProposalInput.strict(), response: { 201: gapOut } } },
    async (request, reply) => {
      const { activity, settings } = await activityOf(request);
      allow(request.actor, 'propose', activity, settings);
      const gap = await proposeGap(db, request.actor, activity.id, request.body, request.locale);
      return reply.status(201).send(present(request.actor, activity, settings, gap));
    },
  );

  app.get(
    `${base}/:number`,
    { schema: { tags, summary: api('One gap with its progress'), params: gapParams, response: { 200: gapOut } } },
    async (request) => {
      const { activity, settings } = await activityOf(request);
      return one(request, activity, settings, request.params.number);
    },
  );

  app.patch(
    `${base}/:number`,
    { schema: { tags, summary: api('Change a gap’s facts, bodies or (accepted gaps) status (secretariat, chairs, vice-chairs)'), params: gapParams, body: gapPatch.strict(), response: { 200: gapOut } } },
    async (request) => {
      requireUser(request.actor);
      const { activity, settings } = await activityOf(request);
      const gap = await updateGap(db, request.actor, activity.id, request.params.number, request.body, request.locale);
      return present(request.actor, activity, settings, gap);
    },
  );

  app.post(
    `${base}/:number/accept`,
    { schema: { tags, summary: api('Accept a proposed (or declined) gap: it becomes open'), params: gapParams, body: acceptInput.strict(), response: { 200: gapOut } } },
    async (request) => {
      requireUser(request.actor);
      const { activity, settings } = await activityOf(request);
      return present(request.actor, activity, settings, await acceptGap(db, request.actor, activity.id, request.params.number, request.body, request.locale));
    },
  );

  app.post(
    `${base}/:number/decline`,
    { schema: { tags, summary: api('Decline a proposed gap, with the reason'), params: gapParams, body: declineInput.strict(), response: { 200: gapOut } } },
    async (request) => {
      requireUser(request.actor);
      const { activity, settings } = await activityOf(request);
      return present(request.actor, activity, settings, await declineGap(db, request.actor, activity.id, request.params.number, request.body, request.locale));
    },
  );

  app.post(
    `${base}/:number/entries`,
    { schema: { tags, summary: api('Record that an entry of this roadmap addresses the gap'), params: gapParams, body: linkInput.strict(), response: { 201: gapOut } } },
    async (request, reply) => {
      requireUser(request.actor);
      const { activity, settings } = await activityOf(request);
      const gap = await linkEntry(db, request.actor, activity.id, request.params.number, request.body, request.locale);
      return reply.status(201).send(present(request.actor, activity, settings, gap));
    },
  );

  app.delete(
    `${base}/:number/entries/:entryId`,
    {
      schema: {
        tags,
        summary: api('Take an entry off the gap’s progress'),
        params: gapParams.extend({ entryId: rowId() }),
        response: { 200: gapOut },
      },
    },
    async (request) => {
      requireUser(request.actor);
      const { activity, settings } = await activityOf(request);
      return present(request.actor, activity, settings, await unlinkEntry(db, request.actor, activity.id, request.params.number, request.params.entryId, request.locale));
    },
  );
}
