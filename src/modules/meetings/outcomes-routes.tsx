// Minutes and outcomes over the web (forms without JavaScript) and the API. Thin: the rules are in outcomes.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, type FieldErrors, forbidden, notFound } from '../../platform/errors.ts';
import { idParam, sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, submitForm } from '../../platform/http/forms.ts';
import { parseInput, optionalId, optionalText, requiredText, rowId } from '../../platform/validation.ts';
import { flattenAgenda, type MeetingScope, workingAgenda } from './agenda.ts';
import { canProceedings } from './policy.ts';
import { loadMeeting } from './meetings.ts';
import {
  type ActionView,
  actionInput,
  actionLabel,
  actionStatusInput,
  addAction,
  addDecision,
  type Decision,
  decisionInput,
  decisionLabel,
  deleteDecision,
  getOutcomes,
  meetingActions,
  meetingDecisionList,
  minutesInput,
  openEarlierActions,
  type OutcomesConflict,
  outcomesEditInput,
  outcomesFingerprint,
  ownerChoices,
  saveMinutes,
  saveOutcomes,
  updateAction,
  updateDecision,
} from './outcomes.ts';
import { outcomesMessages } from './outcomes-messages.ts';
import { outcomesEditFromForm } from './outcomes-form.ts';
import { ActionPage, DecisionPage, type EditorConflicts, minutesPath, type OutcomesForm, OutcomesPage } from './outcomes-views.tsx';
import { actionStatuses } from './proceedings-schema.ts';
import { api } from './api-messages.ts';

const meetingParams = z.object({ acronym: z.string().max(30), number: z.coerce.number().int().positive().max(100_000) });
const idParams = meetingParams.extend({ id: rowId() });

const baseOut = z.string().describe('the record’s fingerprint: send it back as `base` when saving through PUT …/outcomes');
const decisionOut = z.object({ id: z.number(), number: z.number(), label: z.string(), agendaItemId: z.number().nullable(), text: z.string(), base: baseOut });
const actionOut = z.object({
  id: z.number(),
  label: z.string(),
  meeting: z.number(),
  number: z.number(),
  agendaItemId: z.number().nullable(),
  text: z.string(),
  owner: z.object({ personId: z.number().nullable(), name: z.string() }),
  dueOn: z.string().nullable(),
  status: z.enum(actionStatuses),
  doneAt: z.date().nullable(),
  base: baseOut,
});
const outcomesOut = z.object({
  activity: z.string(),
  meeting: z.number(),
  minutes: z.array(z.object({ agendaItemId: z.number(), number: z.string(), title: z.string(), text: z.string(), base: baseOut })),
  decisions: z.array(decisionOut),
  actions: z.array(actionOut),
  carried: z.array(actionOut),
});

const presentDecision = (d: Decision) => ({ id: d.id, number: d.number, label: decisionLabel(d), agendaItemId: d.agendaItemId, text: d.text, base: outcomesFingerprint.decision(d) });
/** `carried`: an action of an earlier meeting, whose status alone is saved from this meeting's editor. */
const presentAction = (a: ActionView, carried = false): z.input<typeof actionOut> => ({
  id: a.id,
  label: actionLabel(a),
  meeting: a.meetingNumber,
  number: a.number,
  agendaItemId: a.agendaItemId,
  text: a.text,
  owner: { personId: a.ownerPersonId, name: a.ownerName },
  dueOn: a.dueOn,
  status: a.status,
  doneAt: a.doneAt,
  base: carried ? outcomesFingerprint.actionStatus(a) : outcomesFingerprint.action(a),
});

/** The decision form's fields are named apart from the action form's, as both sit on the minutes page. */
const decisionForm = z.object({ decisionText: requiredText(5000), decisionItem: optionalId() }).transform((f) => ({ text: f.decisionText, agendaItemId: f.decisionItem }));

export function registerOutcomesRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  const scopeOf = async (request: { params: unknown; actor: Actor }): Promise<MeetingScope> => {
    const parsed = meetingParams.safeParse(request.params);
    if (!parsed.success) throw notFound();
    return loadMeeting(db, request.actor, parsed.data.acronym, parsed.data.number);
  };
  const allowRecord = (actor: Actor, scope: MeetingScope) => {
    if (!canProceedings(actor, 'record_outcomes', scope.activity)) throw forbidden();
  };
  const page = async (request: FastifyRequest, reply: FastifyReply, scope: MeetingScope, state: FormState & { failed?: OutcomesForm; failedItem?: number; conflicts?: EditorConflicts } = {}) =>
    OutcomesPage({
      ctx: viewContext(request, reply),
      ...scope,
      outcomes: await getOutcomes(db, request.actor, scope),
      owners: canProceedings(request.actor, 'record_outcomes', scope.activity) ? await ownerChoices(db, scope.activity.id) : [],
      ...state,
    });
  const back = (scope: MeetingScope, anchor = '') => `${minutesPath(scope.activity, scope.meeting)}${anchor}`;

  // ---- Pages ----

  app.get('/activities/:acronym/meetings/:number/minutes', async (request, reply) => sendPage(reply, await page(request, reply, await scopeOf(request))));

  // The one editor: everything typed on the page in one request. Its body may hold many long minutes, beyond the
  // app's 1 MiB for other forms.
  app.post('/activities/:acronym/meetings/:number/minutes', { bodyLimit: 16 * 1024 * 1024 }, async (request, reply) => {
    const scope = await scopeOf(request);
    allowRecord(request.actor, scope);
    let conflicts: EditorConflicts | undefined;
    return submitForm(request, reply, {
      schema: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      action: async (values) => {
        const { input, names } = outcomesEditFromForm(values);
        try {
          const saved = await saveOutcomes(db, request.actor, scope, parseInput(outcomesEditInput, input, request.locale), request.locale);
          return { location: back(scope), message: outcomesMessages(request.locale).saved(saved) };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // The save names entries by their path (actions.2.ownerName); the page by its fields (action-7-ownerName).
          const fields: FieldErrors = {};
          for (const [path, message] of Object.entries(error.details.fields ?? {})) fields[names.get(path) ?? path] = message;
          error.details.fields = fields;
          const found = error.details.conflicts as OutcomesConflict[] | undefined;
          if (found) conflicts = new Map(found.map((c) => [names.get(c.path) ?? c.path, { current: c.current, base: c.base }]));
          throw error;
        }
      },
      render: async (_ctx, state) => page(request, reply, scope, { ...state, failed: 'editor', conflicts }),
    });
  });

  const decisionOf = async (scope: MeetingScope, id: number) => {
    const decision = (await meetingDecisionList(db, scope.meeting.id)).find((d) => d.id === id);
    if (!decision) throw notFound();
    return decision;
  };
  app.get('/activities/:acronym/meetings/:number/minutes/decisions/:id', async (request, reply) => {
    const scope = await scopeOf(request);
    allowRecord(request.actor, scope);
    const decision = await decisionOf(scope, idParam(request.params));
    return sendPage(reply, DecisionPage({ ctx: viewContext(request, reply), ...scope, decision, agenda: await workingAgenda(db, scope.meeting.id) }));
  });
  app.post('/activities/:acronym/meetings/:number/minutes/decisions/:id', async (request, reply) => {
    const scope = await scopeOf(request);
    allowRecord(request.actor, scope);
    const decision = await decisionOf(scope, idParam(request.params));
    return submitForm(request, reply, {
      schema: decisionForm,
      action: async (input) => {
        await updateDecision(db, request.actor, scope, decision.id, input, request.locale);
        return { location: back(scope, `#decision-${decision.id}`), message: outcomesMessages(request.locale).decisionSaved };
      },
      render: async (ctx, state) => DecisionPage({ ctx, ...scope, decision, agenda: await workingAgenda(db, scope.meeting.id), ...state }),
    });
  });
  app.post('/activities/:acronym/meetings/:number/minutes/decisions/:id/delete', async (request, reply) => {
    const scope = await scopeOf(request);
    allowRecord(request.actor, scope);
    const decision = await decisionOf(scope, idParam(request.params));
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await deleteDecision(db, request.actor, scope, decision.id, request.locale);
        return { location: back(scope), message: outcomesMessages(request.locale).decisionDeleted };
      },
      render: async (ctx, state) => DecisionPage({ ctx, ...scope, decision, agenda: await workingAgenda(db, scope.meeting.id), ...state }),
    });
  });

  /** An action raised here or carried here from an earlier meeting. */
  const actionOf = async (scope: MeetingScope, id: number) => {
    const action = [...(await meetingActions(db, scope.meeting.id)), ...(await openEarlierActions(db, scope))].find((a) => a.id === id);
    if (!action) throw notFound(outcomesMessages('en').noSuchAction);
    return action;
  };
  const actionPage = async (request: FastifyRequest, reply: FastifyReply, scope: MeetingScope, action: ActionView, state: FormState = {}) =>
    ActionPage({ ctx: viewContext(request, reply), ...scope, action, agenda: await workingAgenda(db, scope.meeting.id), owners: await ownerChoices(db, scope.activity.id), ...state });
  app.get('/activities/:acronym/meetings/:number/minutes/actions/:id', async (request, reply) => {
    const scope = await scopeOf(request);
    allowRecord(request.actor, scope);
    return sendPage(reply, await actionPage(request, reply, scope, await actionOf(scope, idParam(request.params))));
  });
  app.post('/activities/:acronym/meetings/:number/minutes/actions/:id', async (request, reply) => {
    const scope = await scopeOf(request);
    allowRecord(request.actor, scope);
    const action = await actionOf(scope, idParam(request.params));
    return submitForm(request, reply, {
      schema: actionInput,
      action: async (input) => {
        await updateAction(db, request.actor, scope, action.id, input, request.locale);
        return { location: back(scope, `#action-${action.id}`), message: outcomesMessages(request.locale).actionSaved };
      },
      render: async (_ctx, state) => actionPage(request, reply, scope, action, state),
    });
  });
  // ---- API ----

  const tags = ['meeting outcomes'];
  const base = '/api/v1/activities/:acronym/meetings/:number/outcomes';

  app.get(
    base,
    { schema: { tags, summary: api('Minutes per agenda item, decisions, action items raised at the meeting and open ones carried from earlier meetings'), params: meetingParams, response: { 200: outcomesOut } } },
    async (request) => {
      const scope = await scopeOf(request);
      const outcomes = await getOutcomes(db, request.actor, scope);
      return {
        activity: scope.activity.acronym,
        meeting: scope.meeting.number,
        minutes: flattenAgenda(outcomes.agenda)
          .filter((n) => outcomes.minutes.has(n.id))
          .map((n) => ({ agendaItemId: n.id, number: n.number, title: n.title, text: outcomes.minutes.get(n.id)!, base: outcomesFingerprint.minutes(outcomes.minutes.get(n.id)) })),
        decisions: outcomes.decisions.map(presentDecision),
        actions: outcomes.actions.map((a) => presentAction(a)),
        carried: outcomes.carried.map((a) => presentAction(a, true)),
      };
    },
  );

  const savedOut = z.object({ minutes: z.number(), decisionsAdded: z.number(), decisionsEdited: z.number(), actionsAdded: z.number(), actionsEdited: z.number() });
  app.put(
    base,
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary:
          api('Save the minutes of several items, edits to decisions and actions, and new ones, in one transaction. An entry whose `base` fingerprint no longer matches the record (someone saved it meanwhile) refuses the whole save with 409 and `details.conflicts`'),
        params: meetingParams,
        body: outcomesEditInput.strict(),
        response: { 200: savedOut },
      },
    },
    async (request) => saveOutcomes(db, request.actor, await scopeOf(request), request.body, request.locale),
  );

  app.post(
    `${base}/minutes/:id`,
    { schema: { tags, summary: api('Write the minutes of an agenda item (empty text removes them)'), params: idParams, body: minutesInput.strict(), response: { 204: z.null() } } },
    async (request, reply) => {
      await saveMinutes(db, request.actor, await scopeOf(request), request.params.id, request.body.text, request.locale);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/decisions`,
    { schema: { tags, summary: api('Record a decision (numbered within the meeting)'), params: meetingParams, body: decisionInput.strict(), response: { 201: decisionOut } } },
    async (request, reply) => reply.status(201).send(presentDecision(await addDecision(db, request.actor, await scopeOf(request), request.body, request.locale))),
  );
  app.patch(
    `${base}/decisions/:id`,
    { schema: { tags, summary: api('Change a decision’s text or agenda item'), params: idParams, body: decisionInput.strict(), response: { 200: decisionOut } } },
    async (request) => presentDecision(await updateDecision(db, request.actor, await scopeOf(request), request.params.id, request.body, request.locale)),
  );
  app.delete(
    `${base}/decisions/:id`,
    { schema: { tags, summary: api('Delete a decision recorded by mistake (its number is not reused)'), params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteDecision(db, request.actor, await scopeOf(request), request.params.id, request.locale);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/actions`,
    { schema: { tags, summary: api('Record an action item with an owner (a participant or a name), a due date and a status'), params: meetingParams, body: actionInput.strict(), response: { 201: actionOut } } },
    async (request, reply) => reply.status(201).send(presentAction(await addAction(db, request.actor, await scopeOf(request), request.body, request.locale))),
  );
  app.patch(
    `${base}/actions/:id`,
    {
      schema: {
        tags,
        summary: api('Change an action raised at this meeting or carried to it: the status alone, or the whole action (with `text`)'),
        params: idParams,
        body: actionInput.partial().strict(),
        response: { 200: actionOut },
      },
    },
    async (request) => presentAction(await updateAction(db, request.actor, await scopeOf(request), request.params.id, request.body, request.locale)),
  );
}
