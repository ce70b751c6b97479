// Documents over the web and the API. Thin: who asks → validate → one domain function → page, redirect or JSON.
import { platformMessages } from '../../platform/i18n/messages.ts';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { listEvents } from '../../platform/events.ts';
import { type CheckedFile, checkUpload } from '../../platform/files.ts';
import { storeFilesWith } from '../../platform/file-store.ts';
import { idParam, isUploadedFile, sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, formValues, submitForm } from '../../platform/http/forms.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { parseInput, rowId } from '../../platform/validation.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { type Deadline, deadlineFor, findMeeting, flattenAgenda, type Meeting, workingAgenda } from '../meetings/index.ts';
import { meetings } from '../../db/schema.ts';
import { contributionInput, openMeetings, publicationInput, publishDocument, requireCompleteCovers, submitContribution } from './contributions.ts';
import { contributionTemplate } from './cover-page.ts';
import {
  activityDocumentsPath,
  addRevision,
  assignInput,
  assignNumber,
  documentFileKinds,
  documentPath,
  type DocumentSummary,
  getDocument,
  getDocumentFile,
  latestPublicDocuments,
  listActivityDocuments,
  listMeetingDocuments,
  placementInput,
  updatePlacement,
  withdrawDocument,
} from './documents.ts';
import { atomFeed, contentDisposition, meetingZip, sendStoredFile } from './downloads.ts';
import { acceptMailInput, acceptQueuedMail, discardQueuedMail, listMailQueue } from './mail-in.ts';
import { documentMessages } from './messages.ts';
import { canDocument } from './policy.ts';
import { documentAccessLevels, documentKinds, documentOrigins, documents, documentStatuses } from './schema.ts';
import {
  ActivityDocumentsPage,
  type AgendaOption,
  ContributionFormPage,
  DocumentPage,
  MailQueuePage,
  MeetingDocumentsPage,
  PublishFormPage,
} from './views.tsx';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const documentParams = acronymParams.extend({ id: rowId() });
const fileParams = documentParams.extend({ fileId: rowId() });
const listQuery = z.object({
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(documentKinds).optional()),
  meeting: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().max(100_000).optional()),
  q: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
});
const meetingQuery = z.object({
  meeting: z.coerce.number().int().positive().max(100_000).optional().catch(undefined),
  meetingId: rowId().optional().catch(undefined),
});

// A function, not one schema object: the same object twice in a response becomes a $ref the OpenAPI builder cannot name.
const fileOut = () => z.object({ id: z.number(), revision: z.number(), fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string(), href: z.string() });
const documentOut = z.object({
  id: z.number(),
  activity: z.string(),
  kind: z.enum(documentKinds),
  number: z.string().nullable().describe('the number with its revision suffix (JCA-QKDN-C-001-R1); null while a contribution awaits its number'),
  baseNumber: z.string().nullable(),
  revision: z.number(),
  title: z.string(),
  source: z.string(),
  authors: z.string(),
  purpose: z.string(),
  contact: z.string(),
  abstract: z.string(),
  meeting: z.number().nullable().describe('the meeting number within the activity'),
  agendaItemId: z.number().nullable(),
  access: z.enum(documentAccessLevels),
  status: z.enum(documentStatuses),
  late: z.boolean(),
  origin: z.enum(documentOrigins),
  createdAt: z.date(),
  publishedAt: z.date().nullable(),
  href: z.string(),
  files: z.array(fileOut()).describe('the current revision’s files'),
});

const presentFile = (activity: Activity, d: { id: number }) => (f: DocumentSummary['files'][number]): z.input<ReturnType<typeof fileOut>> => ({
  id: f.id,
  revision: f.revision,
  fileName: f.fileName,
  contentType: f.contentType,
  size: f.size,
  sha256: f.sha256,
  href: `/api/v1/activities/${encodeURIComponent(activity.acronym)}/documents/${d.id}/files/${f.id}`,
});

const present = (activity: Activity, d: DocumentSummary): z.input<typeof documentOut> => ({
  id: d.id,
  activity: activity.acronym,
  kind: d.kind,
  number: d.label,
  baseNumber: d.number,
  revision: d.revision,
  title: d.title,
  source: d.source,
  authors: d.authors,
  purpose: d.purpose,
  contact: d.contact,
  abstract: d.abstract,
  meeting: d.meetingNumber,
  agendaItemId: d.agendaItemId,
  access: d.access,
  status: d.status,
  late: d.late,
  origin: d.origin,
  createdAt: d.createdAt,
  publishedAt: d.publishedAt,
  href: documentPath(activity, d),
  files: d.files.map(presentFile(activity, d)),
});

export function registerDocumentRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const findActivity = (request: { params: unknown; actor: Actor }) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const maxMb = Math.round(config.uploadMaxBytes / 1048576);
  const uploaded = (request: FastifyRequest, locale: Locale): Promise<CheckedFile> =>
    checkUpload(
      (() => {
        const file = (request.body as Record<string, unknown> | undefined)?.file;
        return isUploadedFile(file) ? file : undefined;
      })(),
      { field: 'file', allowed: documentFileKinds, maxBytes: config.uploadMaxBytes, locale },
    );
  const meetingByNumber = async (activity: Activity, number: unknown): Promise<Meeting> => {
    const n = z.coerce.number().int().positive().max(100_000).safeParse(number);
    const meeting = n.success ? await findMeeting(db, activity.id, n.data) : null;
    if (!meeting) throw notFound();
    return meeting;
  };
  const meetingById = async (activity: Activity, id: number | null | undefined): Promise<Meeting | null> => {
    if (!id) return null;
    const [meeting] = await db.select().from(meetings).where(and(eq(meetings.id, id), eq(meetings.activityId, activity.id)));
    return meeting ?? null;
  };
  const agendaOf = async (meetingId: number | null | undefined): Promise<AgendaOption[]> =>
    meetingId
      ? cachedRead(db, `agenda-options:${meetingId}`, async () => flattenAgenda(await workingAgenda(db, meetingId)).map((n) => ({ id: n.id, number: n.number, title: n.title })))
      : [];
  const allowSubmit = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canDocument(actor, 'submit', activity)) throw forbidden();
  };
  const allowManage = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canDocument(actor, 'manage', activity)) throw forbidden();
  };
  const openMeetingsWithDeadlines = async (activity: Activity) => {
    const list = await openMeetings(db, activity.id);
    const deadlines = new Map<number, Deadline>();
    for (const meeting of list) {
      const deadline = await deadlineFor(db, meeting.id, 'contribution');
      if (deadline) deadlines.set(meeting.id, deadline);
    }
    return { list, deadlines };
  };
  /** The meeting a form starts with: ?meeting=<number> from a meeting's tab, or ?meetingId=<id>. */
  const preselected = async (activity: Activity, query: unknown) => {
    const q = meetingQuery.parse(query ?? {});
    if (q.meeting) return (await findMeeting(db, activity.id, q.meeting))?.id;
    return q.meetingId;
  };

  // ---- Lists ----

  app.get('/activities/:acronym/documents', async (request, reply) => {
    const activity = await findActivity(request);
    const filter = parseInput(listQuery, request.query, request.locale);
    const meeting = filter.meeting ? await findMeeting(db, activity.id, filter.meeting) : null;
    const documents = filter.meeting && !meeting ? [] : await listActivityDocuments(db, request.actor, activity, { kind: filter.kind, meetingId: meeting?.id, q: filter.q });
    const all = await db.select().from(meetings).where(eq(meetings.activityId, activity.id)).orderBy(asc(meetings.number));
    return sendPage(reply, ActivityDocumentsPage({ ctx: viewContext(request, reply), activity, documents, filter, meetings: all }));
  });

  app.get('/activities/:acronym/meetings/:number/documents', async (request, reply) => {
    const activity = await findActivity(request);
    const meeting = await meetingByNumber(activity, (request.params as { number?: string }).number);
    const documents = await listMeetingDocuments(db, meeting.id, { viewer: request.actor });
    const agenda = new Map((await agendaOf(meeting.id)).map((i) => [i.id, i]));
    const deadline = await deadlineFor(db, meeting.id, 'contribution');
    return sendPage(reply, MeetingDocumentsPage({ ctx: viewContext(request, reply), activity, meeting, documents, deadline, agenda }));
  });

  app.get('/activities/:acronym/meetings/:number/documents.zip', async (request, reply) => {
    const activity = await findActivity(request);
    const meeting = await meetingByNumber(activity, (request.params as { number?: string }).number);
    // Withdrawn documents stay listed (struck through) but are not part of the meeting's set.
    const documents = (await listMeetingDocuments(db, meeting.id, { viewer: request.actor })).filter((d) => d.status !== 'withdrawn');
    const name = `${activity.acronym}-meeting-${meeting.number}-documents.zip`;
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition(name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-cache')
      .send(meetingZip({ config, db }, documents));
  });

  app.get('/activities/:acronym/documents.atom', async (request, reply) => {
    const activity = await findActivity(request);
    const feedPath = `${activityDocumentsPath(activity)}.atom`;
    // Public documents only, whoever asks: a feed reader has no session, and a feed URL gets shared.
    const documents = await latestPublicDocuments(db, activity);
    return reply.type('application/atom+xml; charset=utf-8').header('x-content-type-options', 'nosniff').send(atomFeed(activity, documents, config.baseUrl, feedPath));
  });

  app.get('/activities/:acronym/documents/template.docx', async (request, reply) => {
    const activity = await findActivity(request);
    const meeting = await meetingById(activity, await preselected(activity, request.query));
    const meetingLine = meeting ? `${documentMessages(request.locale).fields.meeting} ${meeting.number}${platformMessages(request.locale).colon}${meeting.title}` : undefined;
    const bytes = await contributionTemplate(activity, { locale: request.locale, meetingLine });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(`${activity.acronym}-contribution-template.docx`))
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });

  // ---- Contributions and publications ----

  const contributionPage = async (request: FastifyRequest, activity: Activity, state: FormState, ctx = undefined as ReturnType<typeof viewContext> | undefined) => {
    const { list, deadlines } = await openMeetingsWithDeadlines(activity);
    const agendas = new Map(await Promise.all(list.map(async (mt) => [mt.id, await agendaOf(mt.id)] as const)));
    return ContributionFormPage({ ctx: ctx!, activity, meetings: list, deadlines, agendas, maxMb, meetingId: await preselected(activity, request.query), ...state });
  };

  app.get('/activities/:acronym/documents/submit', async (request, reply) => {
    const activity = await findActivity(request);
    allowSubmit(request.actor, activity);
    return sendPage(reply, await contributionPage(request, activity, {}, viewContext(request, reply)));
  });

  app.post('/activities/:acronym/documents/submit', async (request, reply) => {
    const activity = await findActivity(request);
    allowSubmit(request.actor, activity);
    return submitForm(request, reply, {
      schema: contributionInput,
      action: async (input) => {
        const file = await uploaded(request, request.locale);
        const created = await submitContribution(db, request.actor, activity, input, [file], { dataDir: config.dataDir, locale: request.locale });
        const m = documentMessages(request.locale);
        return { location: documentPath(activity, created), message: created.late ? `${m.submittedFlash} ${m.lateNote}` : m.submittedFlash };
      },
      render: (ctx, state) => contributionPage(request, activity, state, ctx),
    });
  });

  app.get('/activities/:acronym/documents/new', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    const meetingsList = await db.select().from(meetings).where(eq(meetings.activityId, activity.id)).orderBy(asc(meetings.number));
    return sendPage(reply, PublishFormPage({ ctx: viewContext(request, reply), activity, meetings: meetingsList, maxMb, meetingId: await preselected(activity, request.query) }));
  });

  app.post('/activities/:acronym/documents/new', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    return submitForm(request, reply, {
      schema: publicationInput,
      action: async (input) => {
        const file = await uploaded(request, request.locale);
        const created = await publishDocument(db, request.actor, activity, input, [file], { dataDir: config.dataDir, locale: request.locale });
        return { location: documentPath(activity, created), message: documentMessages(request.locale).createdFlash(created.number ?? '') };
      },
      render: async (ctx, state) =>
        PublishFormPage({ ctx, activity, meetings: await db.select().from(meetings).where(eq(meetings.activityId, activity.id)).orderBy(asc(meetings.number)), maxMb, ...state }),
    });
  });

  // ---- The secretariat's mail queue (before /documents/:id so the static path wins) ----

  app.get('/activities/:acronym/documents/mail-queue', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    return sendPage(reply, MailQueuePage({ ctx: viewContext(request, reply), activity, queue: await listMailQueue(db, request.actor, activity) }));
  });

  app.post('/activities/:acronym/documents/mail-queue/:id/accept', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    const queueId = idParam(request.params);
    return submitForm(request, reply, {
      schema: acceptMailInput,
      action: async (input) => {
        const ids = await acceptQueuedMail(db, request.actor, activity, queueId, input, { locale: request.locale, baseUrl: config.baseUrl, dataDir: config.dataDir });
        return { location: documentPath(activity, { id: ids[0]! }), message: documentMessages(request.locale).acceptedFlash };
      },
      render: async (ctx, state) => MailQueuePage({ ctx, activity, queue: await listMailQueue(db, request.actor, activity), ...state, failedId: queueId }),
    });
  });

  app.post('/activities/:acronym/documents/mail-queue/:id/discard', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    const queueId = idParam(request.params);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await discardQueuedMail(db, request.actor, activity, queueId, request.locale);
        return { location: `${activityDocumentsPath(activity)}/mail-queue`, message: documentMessages(request.locale).discardedFlash };
      },
      render: async (ctx, state) => MailQueuePage({ ctx, activity, queue: await listMailQueue(db, request.actor, activity), ...state, failedId: queueId }),
    });
  });

  // ---- One document ----

  const documentPage = async (request: FastifyRequest, ctx: ReturnType<typeof viewContext>, activity: Activity, documentId: number, state: FormState & { failed?: 'assign' | 'placement' | 'revision' } = {}) => {
    const document = await getDocument(db, request.actor, activity, documentId);
    const meeting = await meetingById(activity, document.meetingId);
    const events = canDocument(request.actor, 'manage', activity, document) || document.status !== 'submitted'
      ? (await listEvents(db, { subjectType: 'document', subjectId: documentId })).reverse()
      : [];
    return DocumentPage({ ctx, activity, document, meeting, agenda: await agendaOf(document.meetingId), events, ...state });
  };

  app.get('/activities/:acronym/documents/:id', async (request, reply) => {
    const activity = await findActivity(request);
    return sendPage(reply, await documentPage(request, viewContext(request, reply), activity, idParam(request.params)));
  });

  const download = async (request: FastifyRequest, reply: FastifyReply) => {
    const activity = await findActivity(request);
    const params = fileParams.safeParse(request.params);
    if (!params.success) throw notFound();
    const { file } = await getDocumentFile(db, request.actor, activity, params.data.id, params.data.fileId);
    return sendStoredFile(reply, { config, db }, file);
  };
  app.get('/activities/:acronym/documents/:id/files/:fileId', download);
  app.get('/activities/:acronym/documents/:id/files/:fileId/:name', download);

  /** A form on the document page: checks who may use it first (a member's assign is a 403, not a 422). */
  const documentForm = <S extends z.ZodType>(
    path: 'assign' | 'placement' | 'revision' | 'withdraw',
    schema: S,
    run: (actor: Actor, activity: Activity, documentId: number, input: z.output<S>, request: FastifyRequest) => Promise<string>,
  ) =>
    app.post(`/activities/:acronym/documents/:id/${path}`, async (request, reply) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      const documentId = idParam(request.params);
      const document = await getDocument(db, request.actor, activity, documentId);
      const action = path === 'assign' || path === 'placement' ? 'manage' : 'revise';
      if (!canDocument(request.actor, action, activity, document)) throw forbidden();
      return submitForm(request, reply, {
        schema,
        action: async (input) => ({ location: documentPath(activity, document), message: await run(request.actor, activity, documentId, input, request) }),
        render: (ctx, state) => documentPage(request, ctx, activity, documentId, { ...state, failed: path === 'withdraw' ? undefined : path }),
      });
    });

  documentForm('assign', assignInput, async (actor, activity, documentId, input, request) => {
    const { number } = await db.transaction((tx) => assignNumber(tx, actor, activity.id, documentId, input, request.locale));
    return documentMessages(request.locale).assignedFlash(number ?? '');
  });
  documentForm('placement', placementInput, async (actor, activity, documentId, input, request) => {
    await db.transaction((tx) => updatePlacement(tx, actor, activity.id, documentId, input, request.locale));
    return documentMessages(request.locale).placementFlash;
  });
  documentForm('revision', z.object({}), async (actor, activity, documentId, _input, request) => {
    const file = await uploaded(request, request.locale);
    const { label } = await storeRevision(actor, activity, documentId, file, request.locale);
    return documentMessages(request.locale).revisedFlash(label);
  });
  documentForm('withdraw', z.object({}), async (actor, activity, documentId, _input, request) => {
    await db.transaction((tx) => withdrawDocument(tx, actor, activity.id, documentId, request.locale));
    return documentMessages(request.locale).withdrawnFlash;
  });

  const storeRevision = async (actor: Actor, activity: Activity, documentId: number, file: CheckedFile, locale: Locale) => {
    const [row] = await db.select({ kind: documents.kind }).from(documents).where(eq(documents.id, documentId));
    // A contribution's revision is held to the template as its first version was; other documents have no cover table.
    if (row?.kind === 'contribution') await requireCompleteCovers([file], 'file', locale);
    return storeFilesWith({ db, dataDir: config.dataDir }, [file], (db) => db.transaction((tx) => addRevision(tx, actor, activity.id, documentId, [file], locale)));
  };

  // ---- API ----

  const tags = ['documents'];
  const base = '/api/v1/activities/:acronym/documents';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('Documents of the activity you may read, by kind then number; filter by kind, meeting number and words'),
        params: acronymParams,
        querystring: listQuery,
        response: { 200: z.object({ documents: z.array(documentOut) }) },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      const meeting = request.query.meeting ? await findMeeting(db, activity.id, request.query.meeting) : null;
      if (request.query.meeting && !meeting) return { documents: [] };
      const documents = await listActivityDocuments(db, request.actor, activity, { kind: request.query.kind, meetingId: meeting?.id, q: request.query.q });
      return { documents: documents.map((d) => present(activity, d)) };
    },
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: api('One document with the files of every revision (404 when it does not exist or you may not read it)'),
        params: documentParams,
        response: { 200: documentOut.extend({ allFiles: z.array(fileOut()) }) },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      const document = await getDocument(db, request.actor, activity, request.params.id);
      return { ...present(activity, document), allFiles: document.allFiles.map(presentFile(activity, document)) };
    },
  );

  app.get(
    `${base}/:id/files/:fileId`,
    { schema: { tags, summary: api('Download one file of a document (streamed, with Content-Disposition)'), params: fileParams } },
    download,
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: api('Submit a contribution, or (secretariat) publish a document of another kind, as multipart/form-data'),
        description:
          api('Send multipart/form-data with one part "file" (PDF, DOCX, PPTX, XLSX, TXT or ZIP; type read from the content) and the fields kind (default contribution), title (optional for a DOCX whose cover page has one), source, authors, abstract, access (public|members), meetingId, agendaItemId. A contribution after the deadline is refused (409) or marked late, as the activity chooses; a DOCX with an incomplete cover page is refused (422) naming each missing field.'),
        consumes: ['multipart/form-data'],
        params: acronymParams,
        response: { 201: documentOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      const fields = formValues(request);
      const kind = fields.kind && fields.kind !== 'contribution' ? 'other' : 'contribution';
      if (kind === 'contribution') allowSubmit(request.actor, activity);
      else allowManage(request.actor, activity);
      const file = await uploaded(request, request.locale);
      const context = { dataDir: config.dataDir, locale: request.locale, origin: 'api' as const };
      const created =
        kind === 'contribution'
          ? await submitContribution(db, request.actor, activity, fields, [file], context)
          : await publishDocument(db, request.actor, activity, fields, [file], context);
      const document = await getDocument(db, request.actor, activity, created.id);
      return reply.status(201).send(present(activity, document));
    },
  );

  app.post(
    `${base}/:id/assign`,
    {
      schema: {
        tags,
        summary: api('Secretariat: give a submitted contribution the next contribution number, and its agenda item'),
        params: documentParams,
        body: assignInput,
        response: { 200: documentOut },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      requireUser(request.actor);
      await getDocument(db, request.actor, activity, request.params.id);
      await db.transaction((tx) => assignNumber(tx, request.actor, activity.id, request.params.id, request.body ?? {}, request.locale));
      return present(activity, await getDocument(db, request.actor, activity, request.params.id));
    },
  );
}
