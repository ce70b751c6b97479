// Liaison statements over the web (register, statement page with its thread, form, one form per state change) and
// the API. Thin: who is asking, validate, one domain call (liaison-changes.ts), then redirect or answer with the
// statement as liaison-queries.ts reads it.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, wordEvent } from '../../platform/module-manifest.ts';
import { liaisonWordings } from './history-wordings.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { AppError, type FieldErrors, invalid } from '../../platform/errors.ts';
import { checkUpload, type CheckedFile } from '../../platform/files.ts';
import { storeFilesWith } from '../../platform/file-store.ts';
import { idParam, isUploadedFile, sendPage, type ViewContext, viewContext } from '../../platform/http/context.ts';
import { type FormState, formValues, submitForm } from '../../platform/http/forms.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { parseInput, optionalId, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { documentFileKinds } from '../documents/index.ts';
import {
  addLiaisonAttachment,
  approveLiaison,
  assignLiaison,
  closeLiaison,
  createLiaison,
  type LiaisonContext,
  returnLiaison,
  sendLiaison,
  setActionStatus,
  submitLiaison,
  updateLiaison,
  withdrawLiaison,
} from './liaison-changes.ts';
import { actionStatusInput, approvalInput, assignInput, liaisonInput, liaisonPatch, parseRecipientLines, returnInput } from './liaison-inputs.ts';
import {
  countOverdue,
  getLiaison,
  type LiaisonRow,
  liaisonEvents,
  liaisonFormChoices,
  liaisonThread,
  type LiaisonView,
  listApprovers,
  listLiaisons,
  listLiaisonViews,
  referenceOf,
  type RegisterFilter,
  registerBodies,
  statementPageChoices,
  viewOf,
} from './liaison-queries.ts';
import { liaisonTransitions, requireState } from './liaison-states.ts';
import { liaisonMessages } from './messages.ts';
import { allowedActions, authorizeLiaison, canLiaison, type LiaisonAction } from './policy.ts';
import {
  approvalModes,
  liaisonAccessLevels,
  liaisonActionStatuses,
  liaisonDirections,
  liaisonPurposes,
  outgoingStates,
} from './schema.ts';
import { type ActionForm, liaisonsBase, RegisterPage, StatementFormPage, StatementPage, statementFormValues } from './views.tsx';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const statementParams = acronymParams.extend({ id: rowId() });
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const registerQuery = z.object({
  direction: z.preprocess(blankToUndefined, z.enum(liaisonDirections).optional()),
  organizationId: z.preprocess(blankToUndefined, rowId().optional()),
  purpose: z.preprocess(blankToUndefined, z.enum(liaisonPurposes).optional()),
  state: z.preprocess(blankToUndefined, z.enum([...outgoingStates, ...liaisonActionStatuses]).optional()),
  overdue: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).optional(),
});

const listFields = ['fromOrganizationIds', 'toOrganizationIds', 'relatedEntryIds', 'inReplyToIds'] as const;
/** The statement form: the recipients come as lines of text (parsed with a message per line). */
const statementForm = liaisonInput.omit({ recipients: true }).extend({ recipients: z.string().max(20_000).optional() });
const editForm = liaisonPatch.omit({ recipients: true }).extend({ recipients: z.string().max(20_000).optional() });

// Fresh schemas per use: a schema object used twice becomes a $ref the OpenAPI generator cannot name.
const ref = () => z.object({ id: z.number(), reference: z.string(), title: z.string(), direction: z.enum(liaisonDirections) });
const organizationOut = () => z.object({ id: z.number(), acronym: z.string(), name: z.string() });
const liaisonOut = z.object({
  id: z.number(),
  activity: z.string(),
  reference: z.string(),
  direction: z.enum(liaisonDirections),
  title: z.string(),
  purpose: z.enum(liaisonPurposes),
  deadline: z.string().nullable(),
  body: z.string(),
  theirReference: z.string().nullable(),
  fromOrganizations: z.array(organizationOut()),
  toOrganizations: z.array(organizationOut()),
  fromContact: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  recipients: z.array(z.object({ name: z.string().nullable(), email: z.string() })),
  receivedOn: z.string().nullable(),
  sentOn: z.string().nullable(),
  relatedEntries: z.array(z.object({ id: z.number(), identifier: z.string(), title: z.string() })),
  inReplyTo: z.array(ref()),
  replies: z.array(ref()),
  attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })),
  documentId: z.number().nullable(),
  meetingId: z.number().nullable(),
  agendaItemId: z.number().nullable(),
  assignee: z.object({ personId: z.number(), name: z.string().nullable() }).nullable(),
  actionStatus: z.enum(liaisonActionStatuses).nullable(),
  state: z.enum(outgoingStates).nullable(),
  approval: z
    .object({ mode: z.enum(approvalModes), meetingId: z.number().nullable(), objectionDeadline: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: z.date().nullable() })
    .nullable(),
  access: z.enum(liaisonAccessLevels),
  overdue: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  allowedActions: z.array(z.enum(liaisonTransitions)),
});

const transitionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit') }),
  approvalInput.extend({ action: z.literal('approve') }),
  returnInput.extend({ action: z.literal('return') }),
  z.object({ action: z.literal('send') }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('withdraw') }),
  assignInput.extend({ action: z.literal('assign') }),
  actionStatusInput.extend({ action: z.literal('set_action_status') }),
]);

export function registerLiaisonRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const uploadMaxMb = Math.round(config.uploadMaxBytes / 1048576);
  const findActivity = (request: { params: unknown; actor: Actor }) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const context = (request: { locale: Locale }): LiaisonContext => ({ locale: request.locale, baseUrl: config.baseUrl });
  const statementHref = (activity: Activity, id: number) => `${liaisonsBase(activity)}/${id}`;

  const present = (actor: Actor, activity: Activity, s: LiaisonView): z.input<typeof liaisonOut> => ({
    id: s.id,
    activity: activity.acronym,
    reference: s.reference,
    direction: s.direction,
    title: s.title,
    purpose: s.purpose,
    deadline: s.deadline,
    body: s.body,
    theirReference: s.theirReference,
    fromOrganizations: s.fromOrganizations,
    toOrganizations: s.toOrganizations,
    fromContact: s.direction === 'in' ? { name: s.fromContactName, email: canLiaison(actor, 'edit', activity, s) ? s.fromContactEmail : null } : null,
    // Addresses are for those who run the activity; others see none.
    recipients: canLiaison(actor, 'edit', activity, s) ? s.recipients : [],
    receivedOn: s.receivedOn,
    sentOn: s.sentOn,
    relatedEntries: s.relatedEntries,
    inReplyTo: s.inReplyTo,
    replies: s.replies,
    attachments: s.attachments.map(({ id: _id, ...f }) => f),
    documentId: s.documentId,
    meetingId: s.meetingId,
    agendaItemId: s.agendaItemId,
    assignee: s.assigneePersonId ? { personId: s.assigneePersonId, name: s.assigneeName } : null,
    actionStatus: s.actionStatus,
    state: s.state,
    approval: s.approvalMode
      ? { mode: s.approvalMode, meetingId: s.approvalMeetingId, objectionDeadline: s.objectionDeadline, approvedBy: s.approvedByName, approvedAt: s.approvedAt }
      : null,
    access: s.access,
    overdue: s.overdue,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    allowedActions: allowedActions(actor, activity, s),
  });

  /** The statement after a change, as the API answers it (read once more, for this reader). */
  const answer = async (actor: Actor, activity: Activity, row: LiaisonRow) => present(actor, activity, await viewOf(db, row, new Date(), { actor, activity }));

  /**
   * Who may use a form is answered before its fields are: a member's invalid approval is a 403, not a 422. Only a
   * refused form pays for it (the domain function asks the same question when the fields are good).
   */
  const refuseFirst = async (actor: Actor, activity: Activity, action: LiaisonAction, statementId?: number) => {
    const statement = statementId === undefined ? undefined : await getLiaison(db, actor, activity, statementId);
    authorizeLiaison(actor, action, activity, statement);
  };
  /** `check`'s result; when it finds the fields bad, first whether the actor may use the form at all. */
  const checkedFor = async <T,>(actor: Actor, activity: Activity, action: LiaisonAction, statementId: number | undefined, check: () => T | Promise<T>): Promise<T> => {
    try {
      return await check();
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') await refuseFirst(actor, activity, action, statementId);
      throw error;
    }
  };

  /** The file posted with a form, when one was chosen; an empty file input sends a part without a name. */
  const postedFile = (request: FastifyRequest) => {
    const file = (request.body as Record<string, unknown> | undefined)?.file;
    return isUploadedFile(file) && file.fileName ? file : undefined;
  };
  const checkFile = (request: FastifyRequest) =>
    checkUpload(postedFile(request), { field: 'file', allowed: documentFileKinds, maxBytes: config.uploadMaxBytes, locale: request.locale });

  /** Runs each check and throws one validation error naming every bad field. */
  const collect = async <T,>(errors: FieldErrors, run: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') {
        Object.assign(errors, error.details.fields ?? {});
        return undefined;
      }
      throw error;
    }
  };

  const statementPage = async (request: FastifyRequest, ctx: ViewContext, activity: Activity, statementId: number, state: FormState & { failed?: ActionForm } = {}) => {
    const statement = await getLiaison(db, request.actor, activity, statementId);
    const allowed = allowedActions(request.actor, activity, statement);
    // The forms' choices and the approvers are read only for those who see the forms they are for.
    const choices = allowed.length ? await statementPageChoices(db, activity) : { meetings: [], people: [] };
    return StatementPage({
      ctx,
      activity,
      statement,
      thread: await liaisonThread(db, request.actor, activity, statementId),
      events: await liaisonEvents(db, statementId),
      approvers: allowed.includes('submit') ? await listApprovers(db, activity) : [],
      choices,
      uploadMaxMb,
      ...state,
    });
  };

  // ---- Pages ----

  app.get('/activities/:acronym/liaisons', async (request, reply) => {
    const activity = await findActivity(request);
    const filter: RegisterFilter = parseInput(registerQuery, request.query, request.locale);
    const rows = await listLiaisons(db, request.actor, activity, filter);
    const overdueCount = filter.overdue ? rows.length : await countOverdue(db, request.actor, activity);
    const organizations = await registerBodies(db, request.actor, activity);
    return sendPage(reply, RegisterPage({ ctx: viewContext(request, reply), activity, rows, filter, overdueCount, organizations }));
  });

  app.get('/activities/:acronym/liaisons/new', async (request, reply) => {
    const activity = await findActivity(request);
    requireUser(request.actor);
    const query = request.query as Record<string, string | undefined>;
    const direction = query.direction === 'in' ? 'in' : 'out';
    authorizeLiaison(request.actor, direction === 'in' ? 'register_incoming' : 'draft', activity);
    const replyTo = parseInput(z.object({ replyTo: optionalId() }), { replyTo: query.replyTo }, request.locale).replyTo;
    const values: Record<string, string | string[]> = {};
    if (replyTo) {
      // A reply starts addressed to whoever sent the statement it answers, with its deadline's purpose.
      const answered = await getLiaison(db, request.actor, activity, replyTo);
      values.inReplyToIds = [String(answered.id)];
      values.toOrganizationIds = answered.fromOrganizations.map((o) => String(o.id));
      values.title = liaisonMessages(request.locale).replyTitle(answered.theirReference ?? answered.reference, answered.title).slice(0, 500);
      values.purpose = 'for_information';
      if (answered.fromContactEmail) values.recipients = `${answered.fromContactName ?? ''} <${answered.fromContactEmail}>`.trim();
    }
    const choices = await liaisonFormChoices(db, request.actor, activity);
    return sendPage(reply, StatementFormPage({ ctx: viewContext(request, reply), activity, direction, choices, uploadMaxMb, values }));
  });

  app.post('/activities/:acronym/liaisons', async (request, reply) => {
    const activity = await findActivity(request);
    requireUser(request.actor);
    const direction = formValues(request).direction === 'in' ? 'in' : 'out';
    return submitForm(request, reply, {
      schema: z.unknown(),
      action: async () => {
        const errors: FieldErrors = {};
        const data = await collect(errors, () => parseInput(statementForm, formValues(request), request.locale));
        const recipients = await collect(errors, () => parseRecipientLines(String(formValues(request).recipients ?? ''), request.locale));
        const file = postedFile(request) ? await collect(errors, () => checkFile(request)) : undefined;
        if (Object.keys(errors).length || !data) {
          await refuseFirst(request.actor, activity, direction === 'in' ? 'register_incoming' : 'draft');
          throw invalid(errors);
        }
        const files: CheckedFile[] = file ? [file] : [];
        const statement = await storeFilesWith({ db, dataDir: config.dataDir }, files, (db) =>
          createLiaison(db, request.actor, activity, { ...data, recipients: recipients ?? [] }, context(request), files),
        );
        const m = liaisonMessages(request.locale);
        const reference = referenceOf(statement);
        return { location: statementHref(activity, statement.id), message: direction === 'in' ? m.registered(reference) : m.drafted(reference) };
      },
      render: async (ctx, state) => StatementFormPage({ ctx, activity, direction, choices: await liaisonFormChoices(db, request.actor, activity), uploadMaxMb, ...state }),
    });
  });

  app.get('/activities/:acronym/liaisons/:id', async (request, reply) => {
    const activity = await findActivity(request);
    return sendPage(reply, await statementPage(request, viewContext(request, reply), activity, idParam(request.params)));
  });

  app.get('/activities/:acronym/liaisons/:id/edit', async (request, reply) => {
    const activity = await findActivity(request);
    requireUser(request.actor);
    const statement = await getLiaison(db, request.actor, activity, idParam(request.params));
    authorizeLiaison(request.actor, 'edit', activity, statement);
    // A form whose saving the state would refuse is not offered.
    requireState('edit', statement, request.locale);
    const choices = await liaisonFormChoices(db, request.actor, activity);
    return sendPage(
      reply,
      StatementFormPage({ ctx: viewContext(request, reply), activity, direction: statement.direction, choices, statement, uploadMaxMb, values: statementFormValues(statement) }),
    );
  });

  app.post('/activities/:acronym/liaisons/:id/edit', async (request, reply) => {
    const activity = await findActivity(request);
    requireUser(request.actor);
    const statementId = idParam(request.params);
    // A multi-select with nothing chosen sends nothing: on this form that means "none".
    const values = formValues(request);
    const withLists = { ...values, ...Object.fromEntries(listFields.filter((f) => values[f] === undefined).map((f) => [f, []])) };
    return submitForm(request, reply, {
      schema: z.unknown(),
      action: async () => {
        const errors: FieldErrors = {};
        const data = await collect(errors, () => parseInput(editForm, withLists, request.locale));
        // Only an outgoing statement's form has recipients (an incoming one's are ignored by updateLiaison).
        const recipients = values.recipients === undefined ? undefined : await collect(errors, () => parseRecipientLines(String(values.recipients), request.locale));
        if (Object.keys(errors).length || !data) {
          await refuseFirst(request.actor, activity, 'edit', statementId);
          throw invalid(errors);
        }
        await updateLiaison(db, request.actor, activity, statementId, { ...data, recipients }, context(request));
        return { location: statementHref(activity, statementId), message: liaisonMessages(request.locale).saved };
      },
      render: async (ctx, state) => {
        const statement = await getLiaison(db, request.actor, activity, statementId);
        return StatementFormPage({ ctx, activity, direction: statement.direction, choices: await liaisonFormChoices(db, request.actor, activity), statement, uploadMaxMb, ...state });
      },
    });
  });

  /** A form posted to the statement page: on a refusal, the page again with that form's values and messages. */
  const actionRoute = <S extends z.ZodType>(
    path: ActionForm,
    action: LiaisonAction,
    schema: S,
    run: (request: FastifyRequest, activity: Activity, statementId: number, input: z.output<S>) => Promise<string>,
  ) =>
    app.post(`/activities/:acronym/liaisons/:id/${path}`, async (request, reply) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      const statementId = idParam(request.params);
      return submitForm(request, reply, {
        schema: z.unknown(),
        action: async (values) => {
          const input = await checkedFor(request.actor, activity, action, statementId, () => parseInput(schema, values, request.locale));
          return { location: statementHref(activity, statementId), message: await run(request, activity, statementId, input) };
        },
        render: (ctx, state) => statementPage(request, ctx, activity, statementId, { ...state, failed: path }),
      });
    });

  const m = (request: FastifyRequest) => liaisonMessages(request.locale);
  actionRoute('submit', 'submit', z.object({}), async (request, activity, id) => {
    const { approvers } = await submitLiaison(db, request.actor, activity, id, context(request));
    return m(request).submittedFlash(approvers.length);
  });
  actionRoute('approve', 'approve', approvalInput, async (request, activity, id, input) => {
    await approveLiaison(db, request.actor, activity, id, input, context(request));
    return m(request).approvedFlash;
  });
  actionRoute('return', 'return', returnInput, async (request, activity, id, input) => {
    await returnLiaison(db, request.actor, activity, id, input, context(request));
    return m(request).returnedFlash;
  });
  actionRoute('send', 'send', z.object({}), async (request, activity, id) => {
    const { recipients } = await sendLiaison(db, request.actor, activity, id, context(request));
    return m(request).sentFlash(recipients);
  });
  actionRoute('close', 'close', z.object({}), async (request, activity, id) => {
    await closeLiaison(db, request.actor, activity, id, context(request));
    return m(request).closedFlash;
  });
  actionRoute('withdraw', 'withdraw', z.object({}), async (request, activity, id) => {
    await withdrawLiaison(db, request.actor, activity, id, context(request));
    return m(request).withdrawnFlash;
  });
  actionRoute('assign', 'assign', assignInput, async (request, activity, id, input) => {
    await assignLiaison(db, request.actor, activity, id, input, context(request));
    return m(request).assignedFlash;
  });
  actionRoute('action-status', 'set_action_status', actionStatusInput, async (request, activity, id, input) => {
    await setActionStatus(db, request.actor, activity, id, input.actionStatus, context(request));
    return m(request).actionStatusFlash;
  });
  actionRoute('attach', 'edit', z.object({}), async (request, activity, id) => {
    const file = await checkedFor(request.actor, activity, 'edit', id, () => checkFile(request));
    await storeFilesWith({ db, dataDir: config.dataDir }, [file], (db) => addLiaisonAttachment(db, request.actor, activity, id, file, context(request)));
    return m(request).attachedFlash;
  });

  // ---- API ----

  const tags = ['liaison statements'];
  const base = '/api/v1/activities/:acronym/liaisons';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('The register: statements in and out you may read (the public ones for anyone), newest first, with filters'),
        params: acronymParams,
        querystring: registerQuery,
        response: { 200: z.object({ liaisons: z.array(liaisonOut) }) },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      const views = await listLiaisonViews(db, request.actor, activity, request.query);
      return { liaisons: views.map((s) => present(request.actor, activity, s)) };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: api('Register an incoming statement (chairs, secretariat) or draft an outgoing one (members too)'),
        params: acronymParams,
        body: liaisonInput.strict(),
        response: { 201: liaisonOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      const statement = await createLiaison(db, request.actor, activity, request.body, context(request));
      return reply.status(201).send(await answer(request.actor, activity, statement));
    },
  );

  app.get(
    `${base}/:id`,
    { schema: { tags, summary: api('One statement, with its reply links both ways and what you may do with it'), params: statementParams, response: { 200: liaisonOut } } },
    async (request) => {
      const activity = await findActivity(request);
      return present(request.actor, activity, await getLiaison(db, request.actor, activity, request.params.id));
    },
  );

  app.get(
    `${base}/:id/thread`,
    {
      schema: {
        tags,
        summary: api('The whole thread of a statement (what it answers and its replies, transitively, oldest first) and its event history'),
        params: statementParams,
        response: {
          200: z.object({
            thread: z.array(ref().extend({ date: z.string().nullable(), inReplyToIds: z.array(z.number()) })),
            events: z.array(z.object({ at: z.date(), actor: z.string(), kind: z.string(), summary: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      await getLiaison(db, request.actor, activity, request.params.id);
      const thread = await liaisonThread(db, request.actor, activity, request.params.id);
      const events = await liaisonEvents(db, request.params.id);
      return {
        thread: thread.map((n) => ({ id: n.id, reference: n.reference, title: n.title, direction: n.direction, date: n.date, inReplyToIds: n.inReplyToIds })),
        events: events.map((e) => ({ at: e.at, actor: e.actorName, kind: e.kind, summary: wordEvent(e, liaisonWordings(request.locale)) })),
      };
    },
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: api('Change a statement: an incoming one any time, an outgoing one while a draft; lists given replace the current ones'),
        params: statementParams,
        body: liaisonPatch.strict(),
        response: { 200: liaisonOut },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      const statement = await updateLiaison(db, request.actor, activity, request.params.id, request.body, context(request));
      return answer(request.actor, activity, statement);
    },
  );

  app.post(
    `${base}/:id/attachments`,
    {
      schema: {
        tags,
        summary:
          api('Add an attachment as multipart/form-data (one file in the field `file`: PDF, DOCX, PPTX, XLSX, TXT or ZIP): an incoming statement any time, an outgoing one while a draft'),
        params: statementParams,
        consumes: ['multipart/form-data'],
        response: { 201: liaisonOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      const file = await checkedFor(request.actor, activity, 'edit', request.params.id, () => checkFile(request));
      const statement = await storeFilesWith({ db, dataDir: config.dataDir }, [file], (db) =>
        addLiaisonAttachment(db, request.actor, activity, request.params.id, file, context(request)),
      );
      return reply.status(201).send(await answer(request.actor, activity, statement));
    },
  );

  app.post(
    `${base}/:id/transitions`,
    {
      schema: {
        tags,
        summary:
          api('Move a statement on: submit, approve (at_meeting with meetingId, or by_correspondence with objectionDeadline), return (with a reason), send, close, withdraw; for incoming ones assign and set_action_status'),
        params: statementParams,
        body: transitionInput,
        response: { 200: liaisonOut },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      const { id } = request.params;
      const ctx = context(request);
      const body = request.body;
      let statement: LiaisonRow;
      switch (body.action) {
        case 'submit':
          statement = (await submitLiaison(db, request.actor, activity, id, ctx)).statement;
          break;
        case 'approve':
          statement = await approveLiaison(db, request.actor, activity, id, body, ctx);
          break;
        case 'return':
          statement = await returnLiaison(db, request.actor, activity, id, body, ctx);
          break;
        case 'send':
          statement = (await sendLiaison(db, request.actor, activity, id, ctx)).statement;
          break;
        case 'close':
          statement = await closeLiaison(db, request.actor, activity, id, ctx);
          break;
        case 'withdraw':
          statement = await withdrawLiaison(db, request.actor, activity, id, ctx);
          break;
        case 'assign':
          statement = await assignLiaison(db, request.actor, activity, id, body, ctx);
          break;
        case 'set_action_status':
          statement = await setActionStatus(db, request.actor, activity, id, body.actionStatus, ctx);
          break;
      }
      return answer(request.actor, activity, statement);
    },
  );
}
