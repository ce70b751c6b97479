// The circular checker over the web (upload, findings) and the API. Nothing is stored: the draft is read in memory,
// within the upload limit and through the bounded readers, and answered at once.
import { asc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { meetings } from '../../db/schema.ts';
import { requireUser } from '../../platform/actor.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { checkUpload } from '../../platform/files.ts';
import { formValues } from '../../platform/http/forms.ts';
import { isUploadedFile, sendPage, viewContext } from '../../platform/http/context.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { checkDraftCircular } from './check.ts';
import { circularTextOut } from './circular-text.ts';
import { listCirculars } from './circular-drafts.ts';
import { findingKinds } from './checker.ts';
import { draftKinds } from './draft-text.ts';
import { meetingChoice } from './facts.ts';
import { circularMessages } from './messages.ts';
import { canCirculars } from './policy.ts';
import { circularKinds, circularModel, generateCircular } from './generate.ts';
import { getCircularProfile, profileInput, updateCircularProfile } from './profile.ts';
import { CheckPage, CircularsPage, circularsPath, type DraftQuery, DraftPage, FactsPage, FindingsPage } from './views.tsx';
import { renderDocx } from '../../platform/documents/docx.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { isoDate, parseInput } from '../../platform/validation.ts';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });

const whereOut = z.object({ page: z.number().optional(), line: z.number().optional(), paragraph: z.number().optional() });
const findingOut = z.object({ severity: z.enum(['error', 'warning']), kind: z.enum(findingKinds), where: whereOut, excerpt: z.string(), message: z.string() });

export function registerCircularRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const findActivity = async (request: FastifyRequest) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const allowCheck = (request: FastifyRequest, activity: Activity) => {
    requireUser(request.actor);
    if (!canCirculars(request.actor, 'check', activity)) throw forbidden();
  };
  const meetingList = (activity: Activity) =>
    db.select({ number: meetings.number, title: meetings.title }).from(meetings).where(eq(meetings.activityId, activity.id)).orderBy(asc(meetings.number));
  const uploadedDraft = (request: FastifyRequest) => {
    const file = (request.body as Record<string, unknown> | undefined)?.file;
    return checkUpload(isUploadedFile(file) ? file : undefined, { field: 'file', allowed: draftKinds, maxBytes: config.uploadMaxBytes, locale: request.locale });
  };

  app.get('/activities/:acronym/circulars/check', async (request, reply) => {
    const activity = await findActivity(request);
    allowCheck(request, activity);
    return sendPage(reply, CheckPage({ ctx: viewContext(request, reply), activity, meetings: await meetingList(activity) }));
  });

  app.post('/activities/:acronym/circulars/check', async (request, reply) => {
    const activity = await findActivity(request);
    allowCheck(request, activity);
    const choice = formValues(request).meeting;
    const chosen = typeof choice === 'string' ? choice : undefined;
    try {
      const file = await uploadedDraft(request);
      const result = await checkDraftCircular(db, request.actor, activity, file, { meeting: meetingChoice(chosen, request.locale), locale: request.locale });
      return sendPage(reply, FindingsPage({ ctx: viewContext(request, reply), activity, fileName: file.fileName, meeting: result.meeting, findings: result.findings }));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const selected = chosen === 'none' ? null : chosen && /^\d+$/.test(chosen) ? Number(chosen) : undefined;
      return sendPage(reply, CheckPage({ ctx: viewContext(request, reply), activity, meetings: await meetingList(activity), selected, message: error.message }), 422);
    }
  });

  app.post(
    '/api/v1/activities/:acronym/circulars/check',
    {
      schema: {
        tags: ['circulars'],
        summary: api('Check a draft circular against the records (secretariat, chairs and vice-chairs)'),
        description:
          api('Send multipart/form-data with one part "file" (DOCX, PDF with a text layer, or UTF-8 text; English or French) and an optional field "meeting": a meeting number, "none", or nothing for the next meeting. Answers the findings, each with its severity (error or warning), its kind, where it is (paragraph of a DOCX, page and line of a PDF, line of a text) and a message in the reader’s language (their setting, or Accept-Language). Nothing is stored.'),
        consumes: ['multipart/form-data'],
        params: acronymParams,
        response: { 200: z.object({ meeting: z.number().nullable(), errors: z.number(), warnings: z.number(), findings: z.array(findingOut) }) },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      allowCheck(request, activity);
      const file = await uploadedDraft(request);
      const choice = formValues(request).meeting;
      const result = await checkDraftCircular(db, request.actor, activity, file, { meeting: meetingChoice(typeof choice === 'string' ? choice : undefined, request.locale), locale: request.locale });
      const m = circularMessages(request.locale);
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      return {
        meeting: result.meeting,
        errors,
        warnings: result.findings.length - errors,
        findings: result.findings.map((f) => ({ severity: f.severity, kind: f.detail.kind, where: f.where, excerpt: f.excerpt, message: m.finding_(f.detail, request.locale) })),
      };
    },
  );

  // ---- Writing circulars from the records ----

  const draftQuery = z.object({
    kind: z.enum(circularKinds).default('announce'),
    lang: z.enum(['en', 'fr']).optional(),
    meeting: z.string().max(10).optional(),
    number: z.string().trim().max(20).regex(/^[\p{L}\p{N} ./-]*$/u).optional(),
    date: z.union([z.literal(''), isoDate()]).optional(),
  });
  const readQuery = (request: FastifyRequest): DraftQuery => {
    const q = parseInput(draftQuery, request.query ?? {}, request.locale);
    return { kind: q.kind, lang: q.lang ?? request.locale, meeting: q.meeting ?? '', number: q.number ?? '', date: q.date || new Date().toISOString().slice(0, 10) };
  };
  const allowDraft = (request: FastifyRequest, activity: Activity) => {
    requireUser(request.actor);
    if (!canCirculars(request.actor, 'draft', activity)) throw forbidden();
  };
  const write = (request: FastifyRequest, activity: Activity, q: DraftQuery) =>
    generateCircular(db, activity, { kind: q.kind, locale: q.lang, meeting: meetingChoice(q.meeting, request.locale), number: q.number, date: q.date });

  app.get('/activities/:acronym/circulars', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    const kept = (await listCirculars(db, request.actor, activity)).map((c) => ({ id: c.id, status: c.status, kind: c.kind, tsbNumber: c.tsbNumber, subject: c.texts[request.locale].subject }));
    return sendPage(reply, CircularsPage({ ctx: viewContext(request, reply), activity, meetings: await meetingList(activity), query: readQuery(request), circulars: kept }));
  });

  app.get('/activities/:acronym/circulars/draft', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    const query = readQuery(request);
    return sendPage(reply, DraftPage({ ctx: viewContext(request, reply), activity, circular: await write(request, activity, query), query }));
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/activities/:acronym/circulars/draft.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const activity = await findActivity(request);
      allowDraft(request, activity);
      const query = readQuery(request);
      const model = circularModel(await write(request, activity, query));
      const fileName = `${activity.acronym}-circular${query.number ? `-${query.number}` : ''}-${query.lang}-draft.${format}`.replace(/[^\w.-]/g, '-');
      return reply
        .type(format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(format === 'docx' ? await renderDocx(model) : await renderPdf(model));
    });
  }

  app.get('/activities/:acronym/circulars/facts', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    return sendPage(reply, FactsPage({ ctx: viewContext(request, reply), activity, profile: await getCircularProfile(db, activity.id) }));
  });

  app.post('/activities/:acronym/circulars/facts', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    return submitForm(request, reply, {
      schema: profileInput,
      action: async (input) => {
        await updateCircularProfile(db, request.actor, activity, input, request.locale);
        return { location: `${circularsPath(activity)}/facts`, message: circularMessages(request.locale).factsSaved };
      },
      render: async (ctx, state) => FactsPage({ ctx, activity, profile: await getCircularProfile(db, activity.id), ...state }),
    });
  });


  app.get(
    '/api/v1/activities/:acronym/circulars/draft',
    {
      schema: {
        tags: ['circulars'],
        summary: api('A circular written from the records (secretariat, chairs and vice-chairs): kind announce|convene, lang en|fr, meeting (number, none, or the next), number (TSB’s), date'),
        params: acronymParams,
        querystring: draftQuery,
        response: { 200: circularTextOut },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      allowDraft(request, activity);
      return write(request, activity, readQuery(request));
    },
  );

  app.put(
    '/api/v1/activities/:acronym/circulars/facts',
    {
      schema: {
        tags: ['circulars'],
        summary: api('Set the facts the circulars state that no other record holds (the fields sent are changed; empty clears)'),
        params: acronymParams,
        body: profileInput,
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      allowDraft(request, activity);
      return updateCircularProfile(db, request.actor, activity, request.body as z.output<typeof profileInput>, request.locale);
    },
  );
}
