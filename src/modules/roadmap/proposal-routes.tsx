// Roadmap proposals over the web (propose, list, decide on one page) and the API. Thin: the rules are in proposals.ts.
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { type AppError, forbidden, notFound } from '../../platform/errors.ts';
import { idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { parseInput, optionalText, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { listOrganizationTree } from '../organizations/index.ts';
import { entryInput, listRoadmap } from './entries.ts';
import type { ExistingEntry } from './views.tsx';
import { roadmapMessages } from './messages.ts';
import { canProposal, canRoadmap } from './policy.ts';
import { proposalMessages } from './proposal-messages.ts';
import { type DecisionForm, ProposalFormPage, ProposalListPage, ProposalPage, proposalsBase } from './proposal-views.tsx';
import {
  acceptInput,
  acceptProposal,
  allowedDecisions,
  entryFields,
  getProposal,
  listProposals,
  type ProposalContext,
  type ProposalSummary,
  proposalDetail,
  proposalInput,
  rejectInput,
  rejectProposal,
  submitProposal,
  withdrawProposal,
} from './proposals.ts';
import { proposalKinds, proposalStatuses } from './schema.ts';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const proposalParams = acronymParams.extend({ id: rowId() });
const listQuery = z.object({ status: z.enum(proposalStatuses).optional() });

const proposalOut = z.object({
  id: z.number(),
  activity: z.string(),
  kind: z.enum(proposalKinds),
  entryId: z.number().nullable(),
  identifier: z.string(),
  title: z.string(),
  proposed: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  proposer: z.object({ name: z.string(), email: z.string() }),
  status: z.enum(proposalStatuses),
  createdAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  decisionReason: z.string().nullable(),
  applied: z.record(z.string(), z.unknown()).nullable(),
  resultingEntryId: z.number().nullable(),
  allowedActions: z.array(z.enum(['accept', 'reject', 'withdraw'])),
});

const present = (actor: Actor, activity: Activity, p: ProposalSummary): z.input<typeof proposalOut> => ({
  id: p.id,
  activity: activity.acronym,
  kind: p.kind,
  entryId: p.entryId,
  identifier: p.identifier,
  title: p.title,
  proposed: p.proposed,
  note: p.note,
  proposer: { name: p.proposerName, email: p.proposerEmail },
  status: p.status,
  createdAt: p.createdAt,
  decidedBy: p.decidedByName,
  decidedAt: p.decidedAt,
  decisionReason: p.decisionReason,
  applied: p.applied,
  resultingEntryId: p.resultingEntryId,
  allowedActions: allowedDecisions(actor, activity, p),
});

/**
 * A browser sends an empty year as "", which entryInput's year reads as "not a number" (its preprocess turns "" into
 * undefined inside the optional, and the coercion makes NaN of it); an empty year from a form means "no year".
 */
const withBlankYear = (fields: unknown) =>
  fields && typeof fields === 'object' && (fields as Record<string, unknown>).year === '' ? { ...fields, year: null } : fields;

/** The entry form plus the proposer's reason; a form always sends the topics field, so empty means "no topic". */
const proposalForm = z.preprocess(
  withBlankYear,
  entryInput.extend({ note: optionalText(5000) }).transform(({ note, ...entry }) => ({ note, entry: { ...entry, topics: entry.topics ?? [] } })),
);

/** "Propose including this entry" from the propose form's duplicate message or the entry page. */
const includeForm = z.object({ entryId: entryInput.shape.organizationId, topics: entryInput.shape.topics, note: optionalText(5000) });
const entryPageIncludeForm = z.object({ activity: z.string().min(1).max(30), note: optionalText(5000) });

/** The accept form: a comment and, from "edit, then accept" (edit=1), the entry's fields as the decider left them. */
const acceptForm = z
  .object({ comment: optionalText(5000), edit: z.string().optional() })
  .catchall(z.unknown())
  .transform((fields) => ({
    comment: fields.comment,
    values: fields.edit ? (withBlankYear(Object.fromEntries(entryFields.map((name) => [name, fields[name] ?? '']))) as Record<string, unknown>) : undefined,
  }));

export function registerRoadmapProposalRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const findActivity = (request: { params: unknown; actor: Actor }) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const context = (request: { locale: 'en' | 'fr' }): ProposalContext => ({ locale: request.locale, baseUrl: config.baseUrl });
  const allowPropose = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canRoadmap(actor, 'propose', activity)) throw forbidden();
  };
  /** Who may use a decision form is answered before its fields are read: a member's reject is a 403, not a 422. */
  const allowOn = async (actor: Actor, activity: Activity, proposalId: number, action: 'decide' | 'withdraw') => {
    requireUser(actor);
    const proposal = await getProposal(db, actor, activity, proposalId);
    if (!canProposal(actor, action, activity, proposal)) throw forbidden();
  };
  const entryIn = async (activity: Activity, entryId: number, locale: 'en' | 'fr') => {
    const [entry] = await listRoadmap(db, activity.id, [entryId]);
    if (!entry) throw notFound(roadmapMessages(locale).notInRoadmap);
    return entry;
  };
  /** A duplicate refusal names the existing entry; the form shows a link to it. */
  const existingHref = (error: unknown) => ((error as AppError | undefined)?.details?.existing as { href?: string } | undefined)?.href;
  /** The duplicate a propose form ran into, with whether this roadmap has it already (then there is nothing to propose). */
  const existingEntry = async (error: unknown, activity: Activity): Promise<ExistingEntry | undefined> => {
    const existing = (error as AppError | undefined)?.details?.existing as { id?: number; identifier?: string } | undefined;
    if (!existing?.id || !existing.identifier) return undefined;
    return { id: existing.id, identifier: existing.identifier, inThisRoadmap: (await listRoadmap(db, activity.id, [existing.id])).length > 0 };
  };
  /** Runs a domain call, remembering its refusal for the page that shows the form again. */
  const remembering = async <T,>(slot: { error?: unknown }, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      slot.error = error;
      throw error;
    }
  };

  // ---- Pages ----

  app.get('/activities/:acronym/roadmap/proposals', async (request, reply) => {
    const activity = await findActivity(request);
    requireUser(request.actor);
    const { status } = parseInput(listQuery, request.query, request.locale);
    const proposals = await listProposals(db, request.actor, activity, { status });
    return sendPage(reply, ProposalListPage({ ctx: viewContext(request, reply), activity, proposals, status }));
  });

  app.get('/activities/:acronym/roadmap/proposals/new', async (request, reply) => {
    const activity = await findActivity(request);
    allowPropose(request.actor, activity);
    return sendPage(reply, ProposalFormPage({ ctx: viewContext(request, reply), activity, organizations: await listOrganizationTree(db) }));
  });

  app.post('/activities/:acronym/roadmap/proposals', async (request, reply) => {
    const activity = await findActivity(request);
    allowPropose(request.actor, activity);
    const failure: { error?: unknown } = {};
    return submitForm(request, reply, {
      schema: proposalForm,
      action: async ({ note, entry }) => {
        const proposal = await remembering(failure, () => submitProposal(db, request.actor, activity.id, { kind: 'new_entry', entry, note }, context(request)));
        return { location: `${proposalsBase(activity)}/${proposal.id}`, message: proposalMessages(request.locale).submitted };
      },
      render: async (ctx, state) =>
        ProposalFormPage({
          ctx,
          activity,
          organizations: await listOrganizationTree(db),
          ...state,
          existingHref: existingHref(failure.error),
          existing: await existingEntry(failure.error, activity),
        }),
    });
  });

  app.post('/activities/:acronym/roadmap/proposals/include', async (request, reply) => {
    const activity = await findActivity(request);
    allowPropose(request.actor, activity);
    const { entryId, topics, note } = parseInput(includeForm, request.body, request.locale);
    const proposal = await submitProposal(db, request.actor, activity.id, { kind: 'include', entryId, topics, note }, context(request));
    return redirectWithFlash(reply, `${proposalsBase(activity)}/${proposal.id}`, proposalMessages(request.locale).submitted);
  });

  app.post('/roadmap/entries/:id/propose-include', async (request, reply) => {
    const entryId = idParam(request.params);
    const { activity: acronym, note } = parseInput(entryPageIncludeForm, request.body, request.locale);
    const activity = await getActivity(db, request.actor, acronym);
    allowPropose(request.actor, activity);
    const proposal = await submitProposal(db, request.actor, activity.id, { kind: 'include', entryId, topics: [], note }, context(request));
    return redirectWithFlash(reply, `${proposalsBase(activity)}/${proposal.id}`, proposalMessages(request.locale).submitted);
  });

  app.get('/activities/:acronym/roadmap/:id/propose', async (request, reply) => {
    const activity = await findActivity(request);
    allowPropose(request.actor, activity);
    const entry = await entryIn(activity, idParam(request.params), request.locale);
    return sendPage(reply, ProposalFormPage({ ctx: viewContext(request, reply), activity, entry, organizations: await listOrganizationTree(db) }));
  });

  app.post('/activities/:acronym/roadmap/:id/propose', async (request, reply) => {
    const activity = await findActivity(request);
    allowPropose(request.actor, activity);
    const entry = await entryIn(activity, idParam(request.params), request.locale);
    const failure: { error?: unknown } = {};
    return submitForm(request, reply, {
      schema: proposalForm,
      action: async ({ note, entry: changes }) => {
        const proposal = await remembering(failure, () =>
          submitProposal(db, request.actor, activity.id, { kind: 'change', entryId: entry.id, changes, note }, context(request)),
        );
        return { location: `${proposalsBase(activity)}/${proposal.id}`, message: proposalMessages(request.locale).submitted };
      },
      render: async (ctx, state) =>
        ProposalFormPage({ ctx, activity, entry, organizations: await listOrganizationTree(db), ...state, existingHref: existingHref(failure.error) }),
    });
  });

  app.get('/activities/:acronym/roadmap/proposals/:id', async (request, reply) => {
    const activity = await findActivity(request);
    requireUser(request.actor);
    const detail = await proposalDetail(db, request.actor, activity, idParam(request.params));
    return sendPage(reply, ProposalPage({ ctx: viewContext(request, reply), activity, detail, organizations: await listOrganizationTree(db) }));
  });

  /** A decision form posted to the proposal page: on a refusal, the page again with that form's values and messages. */
  const decisionRoute = <S extends z.ZodType>(
    path: 'accept' | 'reject' | 'withdraw',
    schema: S,
    decide: (actor: Actor, activity: Activity, proposalId: number, input: z.output<S>, ctx: ProposalContext) => Promise<unknown>,
    flash: (locale: 'en' | 'fr') => string,
  ) =>
    app.post(`/activities/:acronym/roadmap/proposals/:id/${path}`, async (request, reply) => {
      const activity = await findActivity(request);
      const proposalId = idParam(request.params);
      await allowOn(request.actor, activity, proposalId, path === 'withdraw' ? 'withdraw' : 'decide');
      const failed: DecisionForm = path === 'accept' && formValues(request).edit ? 'edit' : path;
      const failure: { error?: unknown } = {};
      return submitForm(request, reply, {
        schema,
        action: async (input) => {
          await remembering(failure, () => decide(request.actor, activity, proposalId, input, context(request)));
          return { location: `${proposalsBase(activity)}/${proposalId}`, message: flash(request.locale) };
        },
        render: async (ctx, state) =>
          ProposalPage({
            ctx,
            activity,
            detail: await proposalDetail(db, request.actor, activity, proposalId),
            organizations: await listOrganizationTree(db),
            ...state,
            failed,
            existingHref: existingHref(failure.error),
          }),
      });
    });

  decisionRoute('accept', acceptForm, (actor, activity, id, input, ctx) => acceptProposal(db, actor, activity.id, id, input, ctx), (l) => proposalMessages(l).acceptedFlash);
  decisionRoute('reject', rejectInput, (actor, activity, id, input, ctx) => rejectProposal(db, actor, activity.id, id, input, ctx), (l) => proposalMessages(l).rejectedFlash);
  decisionRoute('withdraw', z.object({}), (actor, activity, id, _input, ctx) => withdrawProposal(db, actor, activity.id, id, ctx), (l) => proposalMessages(l).withdrawnFlash);

  // ---- API ----

  const tags = ['roadmap proposals'];
  const base = '/api/v1/activities/:acronym/roadmap/proposals';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('Proposals for this roadmap: all of them for the secretariat and chairs, your own otherwise; pending first'),
        params: acronymParams,
        querystring: listQuery,
        response: { 200: z.object({ proposals: z.array(proposalOut) }) },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      const proposals = await listProposals(db, request.actor, activity, { status: request.query.status });
      return { proposals: proposals.map((p) => present(request.actor, activity, p)) };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: api('Propose a new entry, a change to an entry of this roadmap, or including an entry of the register (members, chairs, secretariat)'),
        params: acronymParams,
        body: proposalInput,
        response: { 201: proposalOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      allowPropose(request.actor, activity);
      const proposal = await submitProposal(db, request.actor, activity.id, request.body, context(request));
      return reply.status(201).send(present(request.actor, activity, proposal));
    },
  );

  app.get(
    `${base}/:id`,
    { schema: { tags, summary: api('One proposal'), params: proposalParams, response: { 200: proposalOut } } },
    async (request) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      return present(request.actor, activity, await getProposal(db, request.actor, activity, request.params.id));
    },
  );

  app.post(
    `${base}/:id/accept`,
    {
      schema: {
        tags,
        summary: api('Accept a pending proposal and apply it (secretariat, chairs); `values` replaces what was proposed'),
        params: proposalParams,
        body: acceptInput.strict(),
        response: { 200: proposalOut },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      const proposal = await acceptProposal(db, request.actor, activity.id, request.params.id, request.body, context(request));
      return present(request.actor, activity, proposal);
    },
  );

  app.post(
    `${base}/:id/reject`,
    {
      schema: { tags, summary: api('Reject a pending proposal with a reason (secretariat, chairs)'), params: proposalParams, body: rejectInput.strict(), response: { 200: proposalOut } },
    },
    async (request) => {
      const activity = await findActivity(request);
      const proposal = await rejectProposal(db, request.actor, activity.id, request.params.id, request.body, context(request));
      return present(request.actor, activity, proposal);
    },
  );

  app.post(
    `${base}/:id/withdraw`,
    { schema: { tags, summary: api('Withdraw your own pending proposal'), params: proposalParams, response: { 200: proposalOut } } },
    async (request) => {
      const activity = await findActivity(request);
      const proposal = await withdrawProposal(db, request.actor, activity.id, request.params.id, context(request));
      return present(request.actor, activity, proposal);
    },
  );
}
