// The agenda over the web (forms that work without JavaScript) and the API. Thin: the rules are in agenda.ts.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, anonymous } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { idParam, sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, submitForm } from '../../platform/http/forms.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { renderDocx } from '../../platform/documents/docx.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import { writtenFile } from '../../platform/files.ts';
import { storeFilesWith } from '../../platform/file-store.ts';
import { getActivity } from '../activities/index.ts';
import { coordinationIssues, coordinationLine, type ShownCoordinationIssue, showCoordinationIssues } from '../overlaps/index.ts';
import {
  addAgendaItem,
  adoptAgendaVersion,
  agendaItemInput,
  agendaItemPatch,
  type AgendaNode,
  type CoordinationSource,
  coordinationItem,
  type AgendaVersion,
  deleteAgendaItem,
  flattenAgenda,
  getAgenda,
  getAgendaTemplate,
  issueAgendaVersion,
  previewAgendaVersion,
  issueInput,
  linkableDocuments,
  type MeetingScope,
  moveAgendaItem,
  moveInput,
  publishedVersion,
  saveAgendaAsTemplate,
  saveAgendaTemplate,
  setAgendaDocument,
  startAgendaFromTemplate,
  templateInput,
  updateAgendaItem,
  workingAgenda,
  listAgendaVersions,
  documentsByAgendaItem,
} from './agenda.ts';
import { agendaDocument } from './agenda-document.ts';
import { agendaMessages } from './agenda-messages.ts';
import { canProceedings } from './policy.ts';
import { type AgendaTemplateItem, formatAgendaTemplate as formatTemplate } from './agenda-template.ts';
import { AgendaItemPage, AgendaPage, agendaPath, AgendaTemplatePage, agendaTemplatePath } from './agenda-views.tsx';
import { loadMeeting } from './meetings.ts';
import { agendaVersionStatuses } from './proceedings-schema.ts';
import { api } from './api-messages.ts';
import { rowId } from '../../platform/validation.ts';

const meetingParams = z.object({ acronym: z.string().max(30), number: rowId().max(100_000) });
const itemParams = meetingParams.extend({ id: rowId() });
const versionParams = meetingParams.extend({ version: rowId().max(100_000) });
const acronymParams = z.object({ acronym: z.string().max(30) });

const snapshotItemOut = z.object({ id: z.number(), parentId: z.number().nullable(), number: z.string(), depth: z.number(), title: z.string(), notes: z.string().nullable() });
const versionOut = z.object({
  version: z.number(),
  status: z.enum(agendaVersionStatuses),
  items: z.array(snapshotItemOut),
  note: z.string().nullable(),
  issuedAt: z.date(),
  issuedBy: z.string(),
  adoptedAt: z.date().nullable(),
  adoptedBy: z.string().nullable(),
});
type WorkingItemOut = { id: number; parentId: number | null; number: string; depth: number; title: string; titleFr: string | null; notes: string | null; children: WorkingItemOut[] };
const workingItemOut: z.ZodType<WorkingItemOut, WorkingItemOut> = z.lazy(() =>
  z.object({ id: z.number(), parentId: z.number().nullable(), number: z.string(), depth: z.number(), title: z.string(), titleFr: z.string().nullable(), notes: z.string().nullable(), children: z.array(workingItemOut) }),
).meta({ id: 'AgendaWorkingItem' });
const agendaOut = z.object({
  activity: z.string(),
  meeting: z.number(),
  published: versionOut.nullable(),
  versions: z.array(versionOut),
  working: z.array(workingItemOut).nullable(),
  unissuedChanges: z.boolean(),
  allowedActions: z.array(z.enum(['edit', 'adopt'])),
});
type TemplateItemOut = { title: string; notes?: string | null; children?: TemplateItemOut[] };
const templateItem: z.ZodType<TemplateItemOut, TemplateItemOut> = z.lazy(() =>
  z.object({ title: z.string().trim().min(1).max(500), titleFr: z.string().trim().max(500).nullable().optional(), notes: z.string().max(5000).nullable().optional(), children: z.array(templateItem).max(200).optional() }),
).meta({ id: 'AgendaTemplateItem' });
const templateOut = z.object({ activity: z.string(), own: z.boolean(), items: z.array(templateItem), text: z.string() });

const presentVersion = (v: AgendaVersion): z.input<typeof versionOut> => ({
  version: v.version,
  status: v.status,
  items: v.items,
  note: v.note,
  issuedAt: v.issuedAt,
  issuedBy: v.issuedByName,
  adoptedAt: v.adoptedAt,
  adoptedBy: v.adoptedByName,
});
const presentNode = (n: AgendaNode): WorkingItemOut => ({ id: n.id, parentId: n.parentId, number: n.number, depth: n.depth, title: n.title, titleFr: n.titleFr ?? null, notes: n.notes, children: n.children.map(presentNode) });

export function registerAgendaRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  /** The meeting of the URL (404 when it does not exist or its activity is not readable). */
  const scopeOf = async (request: { params: unknown; actor: Actor }): Promise<MeetingScope> => {
    const parsed = meetingParams.safeParse(request.params);
    if (!parsed.success) throw notFound();
    return loadMeeting(db, request.actor, parsed.data.acronym, parsed.data.number);
  };
  // The agenda lists the overlaps module's confirmed overlaps under "Issues requiring coordination": live on the
  // working agenda, as issued in each version (agenda.ts CoordinationSource says why), always as this reader may see them.
  const coordinationFor =
    (actor: Actor, scope: MeetingScope): CoordinationSource<ShownCoordinationIssue> =>
    (tx, window) =>
      coordinationIssues(tx, actor, scope.activity, window);
  const frozenCoordination = async (actor: Actor, scope: MeetingScope, version: AgendaVersion | undefined): Promise<ShownCoordinationIssue[]> => {
    const frozen = version ? coordinationItem(version.items)?.coordination : undefined;
    return frozen?.length ? showCoordinationIssues(db, actor, scope.activity, frozen) : [];
  };
  /**
   * Issues the working agenda as the next version and publishes it as the meeting's numbered agenda document: the DOCX
   * and PDF are written first from what would be issued, as anyone reading the activity sees it, then stored around
   * the transaction that issues the version (which refuses if the agenda changed meanwhile).
   */
  const issueAndPublish = async (actor: Actor, scope: MeetingScope, input: { note?: string | null }, locale: Locale): Promise<AgendaVersion> => {
    const coordination = coordinationFor(actor, scope);
    const preview = await previewAgendaVersion(db, scope, coordination);
    // Nothing to issue: issuing says why (empty, or unchanged since the latest version).
    if (!preview) return issueAgendaVersion(db, actor, scope, input, locale, coordination);
    const language: Locale = scope.meeting.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
    const draft: AgendaVersion = {
      id: 0,
      meetingId: scope.meeting.id,
      version: preview.version,
      status: 'draft',
      items: preview.items,
      note: input.note ?? null,
      issuedAt: new Date(),
      issuedByUserId: null,
      issuedByName: '',
      adoptedAt: null,
      adoptedByUserId: null,
      adoptedByName: null,
    };
    const issues = await frozenCoordination(anonymous, scope, draft);
    const item = coordinationItem(draft.items);
    const lines = new Map(item && issues.length ? [[item.id, issues.map((issue) => coordinationLine(issue, language))]] : []);
    const doc = agendaDocument(scope.activity, scope.meeting, draft, await documentsByAgendaItem(db, anonymous, scope), language, lines);
    const name = `${scope.activity.acronym}-meeting-${scope.meeting.number}-agenda-v${preview.version}`;
    const files = [writtenFile(`${name}.docx`, 'docx', await renderDocx(doc)), writtenFile(`${name}.pdf`, 'pdf', await renderPdf(doc))];
    const title = agendaMessages(language).agendaDocumentTitle(scope.activity.acronym, scope.meeting.number);
    return storeFilesWith({ db, dataDir: config.dataDir }, files, (db) => issueAgendaVersion(db, actor, scope, input, locale, coordination, { expected: preview, files, title }));
  };
  /** Who may use an editing form is answered before its fields are read: a member's post is a 403, not a 422. */
  const allowEdit = (actor: Actor, scope: MeetingScope) => {
    if (!canProceedings(actor, 'edit_agenda', scope.activity)) throw forbidden();
  };
  const agendaPage = async (
    request: { actor: Actor; locale: Locale },
    reply: FastifyReply,
    scope: MeetingScope,
    state: FormState & { failed?: 'add' | 'issue' | 'adopt' | 'item'; version?: number } = {},
  ) => {
    const view = await getAgenda(db, request.actor, scope, coordinationFor(request.actor, scope));
    const shown = state.version === undefined ? undefined : view.versions.find((v) => v.version === state.version);
    if (state.version !== undefined && !shown) throw notFound(agendaMessages(request.locale).noSuchVersion);
    const publishedCoordination = await frozenCoordination(request.actor, scope, shown ?? view.published);
    return AgendaPage({ ctx: viewContext(request as never, reply), ...scope, view, publishedCoordination, ...state, shown });
  };
  /** `?version=n`: any version for those who read drafts; readers only ever see the published one. */
  const versionQuery = z.object({ version: rowId().max(100_000).optional() });
  const askedVersion = (query: unknown) => {
    const parsed = versionQuery.safeParse(query);
    if (!parsed.success) throw notFound();
    return parsed.data.version;
  };
  const itemOf = async (scope: MeetingScope, itemId: number, locale: Locale) => {
    const node = flattenAgenda(await workingAgenda(db, scope.meeting.id)).find((n) => n.id === itemId);
    if (!node) throw notFound(agendaMessages(locale).notInAgenda);
    return node;
  };
  const itemPage = async (request: { actor: Actor; locale: Locale }, reply: FastifyReply, scope: MeetingScope, itemId: number, state: FormState & { failed?: 'item' | 'link' } = {}) => {
    const item = await itemOf(scope, itemId, request.locale);
    const documents = await linkableDocuments(db, scope.meeting.id);
    const linkedIds = new Set(documents.filter((d) => d.agendaItemId === item.id).map((d) => d.id));
    const linked = ((await documentsByAgendaItem(db, request.actor, scope)).get(item.id) ?? []).filter((d) => linkedIds.has(d.id));
    return AgendaItemPage({ ctx: viewContext(request as never, reply), ...scope, item, linked, linkable: documents.filter((d) => !linkedIds.has(d.id)), ...state });
  };

  // ---- Pages ----

  app.get('/activities/:acronym/meetings/:number/agenda', async (request, reply) => {
    const scope = await scopeOf(request);
    return sendPage(reply, await agendaPage(request, reply, scope, { version: askedVersion(request.query) }));
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/activities/:acronym/meetings/:number/agenda.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const scope = await scopeOf(request);
      if (!canProceedings(request.actor, 'read', scope.activity)) throw notFound();
      const versions = await listAgendaVersions(db, scope.meeting.id);
      const asked = askedVersion(request.query);
      const version =
        asked === undefined || !canProceedings(request.actor, 'read_drafts', scope.activity) ? publishedVersion(versions) : versions.find((v) => v.version === asked);
      if (!version) throw notFound(agendaMessages(request.locale).noneYet);
      const issues = await frozenCoordination(request.actor, scope, version);
      const item = coordinationItem(version.items);
      const coordinationLines = new Map(item && issues.length ? [[item.id, issues.map((issue) => coordinationLine(issue, request.locale))]] : []);
      const doc = agendaDocument(scope.activity, scope.meeting, version, await documentsByAgendaItem(db, request.actor, scope), request.locale, coordinationLines);
      const fileName = `${scope.activity.acronym}-meeting-${scope.meeting.number}-agenda-v${version.version}.${format}`;
      return reply
        .type(format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '')}"`)
        .header('cache-control', 'no-store')
        .send(format === 'docx' ? await renderDocx(doc) : await renderPdf(doc));
    });
  }

  app.post('/activities/:acronym/meetings/:number/agenda/start', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await startAgendaFromTemplate(db, request.actor, scope, request.locale);
        return { location: agendaPath(scope.activity, scope.meeting), message: agendaMessages(request.locale).started };
      },
      render: async (_ctx, state) => agendaPage(request, reply, scope, state),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/save-as-template', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await saveAgendaAsTemplate(db, request.actor, scope, request.locale);
        return { location: agendaPath(scope.activity, scope.meeting), message: agendaMessages(request.locale).savedAsTemplate };
      },
      render: async (_ctx, state) => agendaPage(request, reply, scope, state),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/items', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    return submitForm(request, reply, {
      schema: agendaItemInput,
      action: async (input) => {
        await addAgendaItem(db, request.actor, scope, input, request.locale);
        return { location: agendaPath(scope.activity, scope.meeting), message: agendaMessages(request.locale).itemAdded };
      },
      render: async (_ctx, state) => agendaPage(request, reply, scope, { ...state, failed: 'add' }),
    });
  });

  app.get('/activities/:acronym/meetings/:number/agenda/items/new', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    const parentId = Number((request.query as Record<string, unknown>).parent);
    const parent = Number.isSafeInteger(parentId) && parentId > 0 ? await itemOf(scope, parentId, request.locale) : undefined;
    return sendPage(reply, AgendaItemPage({ ctx: viewContext(request, reply), ...scope, parent, linked: [], linkable: [] }));
  });

  app.get('/activities/:acronym/meetings/:number/agenda/items/:id', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    return sendPage(reply, await itemPage(request, reply, scope, idParam(request.params)));
  });

  app.post('/activities/:acronym/meetings/:number/agenda/items/:id', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    const itemId = idParam(request.params);
    return submitForm(request, reply, {
      schema: agendaItemPatch.extend({ titleFr: agendaItemPatch.shape.titleFr.transform((v) => v ?? null), notes: agendaItemPatch.shape.notes.transform((v) => v ?? null) }),
      action: async (patch) => {
        await updateAgendaItem(db, request.actor, scope, itemId, patch, request.locale);
        return { location: agendaPath(scope.activity, scope.meeting), message: agendaMessages(request.locale).itemSaved };
      },
      render: async (_ctx, state) => itemPage(request, reply, scope, itemId, { ...state, failed: 'item' }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/items/:id/move', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    const itemId = idParam(request.params);
    return submitForm(request, reply, {
      schema: moveInput,
      action: async ({ direction }) => {
        const moved = await moveAgendaItem(db, request.actor, scope, itemId, direction, request.locale);
        return { location: `${agendaPath(scope.activity, scope.meeting)}#item-${moved.id}`, message: agendaMessages(request.locale).itemMoved };
      },
      render: async (_ctx, state) => agendaPage(request, reply, scope, { ...state, failed: 'item' }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/items/:id/delete', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    const itemId = idParam(request.params);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await deleteAgendaItem(db, request.actor, scope, itemId, request.locale);
        return { location: agendaPath(scope.activity, scope.meeting), message: agendaMessages(request.locale).itemDeleted };
      },
      render: async (_ctx, state) => agendaPage(request, reply, scope, { ...state, failed: 'item' }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/items/:id/documents', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    const itemId = idParam(request.params);
    return submitForm(request, reply, {
      schema: z.object({ documentId: rowId() }),
      action: async ({ documentId }) => {
        await setAgendaDocument(db, request.actor, scope, itemId, documentId, true, request.locale);
        return { location: `${agendaPath(scope.activity, scope.meeting)}/items/${itemId}`, message: agendaMessages(request.locale).documentLinked };
      },
      render: async (_ctx, state) => itemPage(request, reply, scope, itemId, { ...state, failed: 'link' }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/items/:id/documents/:documentId/unlink', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    const itemId = idParam(request.params);
    const documentId = idParam(request.params, 'documentId');
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await setAgendaDocument(db, request.actor, scope, itemId, documentId, false, request.locale);
        return { location: `${agendaPath(scope.activity, scope.meeting)}/items/${itemId}`, message: agendaMessages(request.locale).documentUnlinked };
      },
      render: async (_ctx, state) => itemPage(request, reply, scope, itemId, { ...state, failed: 'link' }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/versions', async (request, reply) => {
    const scope = await scopeOf(request);
    allowEdit(request.actor, scope);
    return submitForm(request, reply, {
      schema: issueInput,
      action: async (input) => {
        const version = await issueAndPublish(request.actor, scope, input, request.locale);
        return { location: agendaPath(scope.activity, scope.meeting), message: agendaMessages(request.locale).versionIssued(version.version) };
      },
      render: async (_ctx, state) => agendaPage(request, reply, scope, { ...state, failed: 'issue' }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/agenda/versions/:version/adopt', async (request, reply) => {
    const scope = await scopeOf(request);
    if (!canProceedings(request.actor, 'adopt_agenda', scope.activity)) throw forbidden();
    const parsed = versionParams.safeParse(request.params);
    if (!parsed.success) throw notFound();
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        const version = await adoptAgendaVersion(db, request.actor, scope, parsed.data.version, request.locale);
        return { location: agendaPath(scope.activity, scope.meeting), message: agendaMessages(request.locale).versionAdopted(version.version) };
      },
      render: async (_ctx, state) => agendaPage(request, reply, scope, { ...state, failed: 'adopt' }),
    });
  });

  app.get('/activities/:acronym/meetings/agenda-template', async (request, reply) => {
    const activity = await getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
    if (!canProceedings(request.actor, 'edit_agenda', activity)) throw forbidden();
    return sendPage(reply, AgendaTemplatePage({ ctx: viewContext(request, reply), activity, template: await getAgendaTemplate(db, activity.id) }));
  });

  app.post('/activities/:acronym/meetings/agenda-template', async (request, reply) => {
    const activity = await getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
    if (!canProceedings(request.actor, 'edit_agenda', activity)) throw forbidden();
    return submitForm(request, reply, {
      schema: templateInput,
      action: async ({ text }) => {
        await saveAgendaTemplate(db, request.actor, activity, text, request.locale);
        return { location: agendaTemplatePath(activity), message: agendaMessages(request.locale).templateSaved };
      },
      render: async (ctx, state) => AgendaTemplatePage({ ctx, activity, template: await getAgendaTemplate(db, activity.id), ...state }),
    });
  });

  // ---- API ----

  const tags = ['agenda'];
  const base = '/api/v1/activities/:acronym/meetings/:number/agenda';
  const presentAgenda = async (actor: Actor, scope: MeetingScope): Promise<z.input<typeof agendaOut>> => {
    const view = await getAgenda(db, actor, scope, coordinationFor(actor, scope));
    const drafts = canProceedings(actor, 'read_drafts', scope.activity);
    const allowed: ('edit' | 'adopt')[] = [];
    if (canProceedings(actor, 'edit_agenda', scope.activity)) allowed.push('edit');
    if (canProceedings(actor, 'adopt_agenda', scope.activity) && view.versions[0]?.status === 'draft') allowed.push('adopt');
    return {
      activity: scope.activity.acronym,
      meeting: scope.meeting.number,
      published: view.published ? presentVersion(view.published) : null,
      versions: view.versions.map(presentVersion),
      working: drafts ? view.working.map(presentNode) : null,
      unissuedChanges: view.unissuedChanges,
      allowedActions: allowed,
    };
  };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('The agenda of a meeting: the published version (latest adopted, else latest draft); for the secretariat and chairs also the working items and every version'),
        params: meetingParams,
        response: { 200: agendaOut },
      },
    },
    async (request) => presentAgenda(request.actor, await scopeOf(request)),
  );

  app.post(
    `${base}/start`,
    { schema: { tags, summary: api('Fill an empty working agenda from the activity’s template (secretariat, chairs)'), params: meetingParams, response: { 200: agendaOut } } },
    async (request) => {
      const scope = await scopeOf(request);
      await startAgendaFromTemplate(db, request.actor, scope, request.locale);
      return presentAgenda(request.actor, scope);
    },
  );

  app.post(
    `${base}/items`,
    {
      schema: {
        tags,
        summary: api('Add an item at the end of the agenda, or at the end of the sub-items of `parentId` (secretariat, chairs)'),
        params: meetingParams,
        body: agendaItemInput.strict(),
        response: { 201: workingItemOut },
      },
    },
    async (request, reply) => {
      const node = await addAgendaItem(db, request.actor, await scopeOf(request), request.body, request.locale);
      return reply.status(201).send(presentNode(node));
    },
  );

  app.patch(
    `${base}/items/:id`,
    { schema: { tags, summary: api('Change an item’s title or notes'), params: itemParams, body: agendaItemPatch.strict(), response: { 200: workingItemOut } } },
    async (request) => presentNode(await updateAgendaItem(db, request.actor, await scopeOf(request), request.params.id, request.body, request.locale)),
  );

  app.post(
    `${base}/items/:id/move`,
    { schema: { tags, summary: api('Move an item one place up or down among its siblings'), params: itemParams, body: moveInput.strict(), response: { 200: workingItemOut } } },
    async (request) => presentNode(await moveAgendaItem(db, request.actor, await scopeOf(request), request.params.id, request.body.direction, request.locale)),
  );

  app.delete(
    `${base}/items/:id`,
    { schema: { tags, summary: api('Delete an item and its sub-items (refused while minutes, decisions, actions or documents hang on them)'), params: itemParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteAgendaItem(db, request.actor, await scopeOf(request), request.params.id, request.locale);
      return reply.status(204).send(null);
    },
  );

  const documentParams = itemParams.extend({ documentId: rowId() });
  app.post(
    `${base}/items/:id/documents`,
    {
      schema: {
        tags,
        summary: api('Link a document of the meeting to an item (a document sits under one item: linking moves it)'),
        params: itemParams,
        body: z.object({ documentId: rowId() }).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await setAgendaDocument(db, request.actor, await scopeOf(request), request.params.id, request.body.documentId, true, request.locale);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    `${base}/items/:id/documents/:documentId`,
    { schema: { tags, summary: api('Unlink a document from an item'), params: documentParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await setAgendaDocument(db, request.actor, await scopeOf(request), request.params.id, request.params.documentId, false, request.locale);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/versions`,
    { schema: { tags, summary: api('Issue the working agenda as the next version (a draft)'), params: meetingParams, body: issueInput.strict(), response: { 201: versionOut } } },
    async (request, reply) => {
      const scope = await scopeOf(request);
      allowEdit(request.actor, scope);
      const version = await issueAndPublish(request.actor, scope, request.body, request.locale);
      return reply.status(201).send(presentVersion(version));
    },
  );

  app.post(
    `${base}/versions/:version/adopt`,
    { schema: { tags, summary: api('Adopt the latest version (chair, co-chair, vice-chair)'), params: versionParams, response: { 200: versionOut } } },
    async (request) => presentVersion(await adoptAgendaVersion(db, request.actor, await scopeOf(request), request.params.version, request.locale)),
  );

  const templateBase = '/api/v1/activities/:acronym/agenda-template';
  const presentTemplate = (acronym: string, template: { items: AgendaTemplateItem[]; own: boolean }) => ({
    activity: acronym,
    own: template.own,
    items: template.items,
    text: formatTemplate(template.items),
  });
  app.get(
    templateBase,
    { schema: { tags, summary: api('The agenda template new meetings of the activity start from (the standard JCA agenda when it has none)'), params: acronymParams, response: { 200: templateOut } } },
    async (request) => {
      const activity = await getActivity(db, request.actor, request.params.acronym);
      if (!canProceedings(request.actor, 'read', activity)) throw notFound();
      return presentTemplate(activity.acronym, await getAgendaTemplate(db, activity.id));
    },
  );
  app.put(
    templateBase,
    {
      schema: {
        tags,
        summary: api('Replace the activity’s agenda template, written as text (one item per line, "5.1 Title" for sub-items)'),
        params: acronymParams,
        body: templateInput.strict(),
        response: { 200: templateOut },
      },
    },
    async (request) => {
      const activity = await getActivity(db, request.actor, request.params.acronym);
      const items = await saveAgendaTemplate(db, request.actor, activity, request.body.text, request.locale);
      return presentTemplate(activity.acronym, { items, own: true });
    },
  );
}
