// Circulars kept as drafts, over the web and the API: keep one, reword it per language, download it, issue it under
// TSB's number (secretariat), send it to the list (secretariat). Each handler: who asks → validate → one domain call.
import { api } from './api-messages.ts';
import { asc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { documentFiles } from '../../db/schema.ts';
import { requireUser } from '../../platform/actor.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { type FormState, formValues, submitForm } from '../../platform/http/forms.ts';
import { redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { parseInput, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { documentFilePath } from '../documents/index.ts';
import { announcementPath } from '../mailing-lists/index.ts';
import { type Circular, circularFile, getCircular, issueCircular, issueInput, listCirculars, rewriteCircularText, saveCircularText, sendCircular, startCircular } from './circular-drafts.ts';
import { circularEditInput, circularKinds, circularTextOut } from './circular-text.ts';
import { CircularPage } from './draft-views.tsx';
import { meetingChoice } from './facts.ts';
import { generatorMessages } from './generator-messages.ts';
import { circularMessages } from './messages.ts';
import { canCirculars } from './policy.ts';
import { circularDraftPath } from './views.tsx';

const acronymParams = z.object({ acronym: z.string().max(30) });
const draftParams = acronymParams.extend({ id: rowId() });
const textParams = draftParams.extend({ lang: z.enum(['en', 'fr']) });
const letterParams = draftParams.extend({ format: z.enum(['docx', 'pdf']) });
const langQuery = z.object({ lang: z.enum(['en', 'fr']).optional() });

const startInput = z.object({
  kind: z.enum(circularKinds).default('announce'),
  meeting: z.string().max(10).optional(),
  date: z.union([z.literal(''), z.iso.date()]).optional(),
  lang: z.enum(['en', 'fr']).optional(),
});

const circularOut = z.object({
  id: z.number(),
  kind: z.enum(circularKinds),
  status: z.enum(['draft', 'issued']),
  number: z.string().nullable(),
  documentId: z.number().nullable(),
  announcementId: z.number().nullable(),
  issuedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  texts: z.object({ en: circularTextOut, fr: circularTextOut }),
});
const present = (c: Circular): z.output<typeof circularOut> => ({
  id: c.id,
  kind: c.kind,
  status: c.status,
  number: c.tsbNumber,
  documentId: c.documentId,
  announcementId: c.announcementId,
  issuedAt: c.issuedAt?.toISOString() ?? null,
  sentAt: c.sentAt?.toISOString() ?? null,
  texts: c.texts,
});

export function registerCircularDraftRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const findActivity = async (request: FastifyRequest) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  /** Who may use a form is answered before its fields are read: a chair's issue is a 403, not a 422. */
  const allow = (request: FastifyRequest, activity: Activity, action: 'draft' | 'issue') => {
    requireUser(request.actor);
    if (!canCirculars(request.actor, 'draft', activity) || !canCirculars(request.actor, action, activity)) throw forbidden();
  };
  const issuedFiles = async (activity: Activity, circular: Circular) =>
    circular.documentId
      ? (await db.select().from(documentFiles).where(eq(documentFiles.documentId, circular.documentId)).orderBy(asc(documentFiles.id))).map((f) => ({
          fileName: f.fileName,
          href: documentFilePath(activity, { id: circular.documentId! }, f),
        }))
      : [];
  const page = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, id: number, language: Locale, state: FormState & { failed?: 'text' | 'issue' | 'send' } = {}) => {
    const circular = await getCircular(db, request.actor, activity, id);
    return CircularPage({
      ctx: viewContext(request, reply),
      activity,
      circular,
      language,
      canIssue: canCirculars(request.actor, 'issue', activity),
      files: await issuedFiles(activity, circular),
      announcementHref: circular.announcementId ? announcementPath(activity, circular.announcementId) : null,
      ...state,
    });
  };

  // ---- Pages ----

  app.post('/activities/:acronym/circulars/drafts', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request, activity, 'draft');
    const input = parseInput(startInput, formValues(request), request.locale);
    const circular = await startCircular(db, request.actor, activity, {
      kind: input.kind,
      meeting: meetingChoice(input.meeting, request.locale),
      date: input.date || new Date().toISOString().slice(0, 10),
    });
    return redirectWithFlash(reply, circularDraftPath(activity, circular.id, input.lang ?? request.locale), circularMessages(request.locale).drafted);
  });

  app.get('/activities/:acronym/circulars/drafts/:id', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request, activity, 'draft');
    const { id } = parseInput(draftParams, request.params, request.locale);
    const { lang } = parseInput(langQuery, request.query ?? {}, request.locale);
    return sendPage(reply, await page(request, reply, activity, id, lang ?? request.locale));
  });

  app.post('/activities/:acronym/circulars/drafts/:id/text/:lang', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request, activity, 'draft');
    const { id, lang } = parseInput(textParams, request.params, request.locale);
    return submitForm(request, reply, {
      schema: circularEditInput,
      action: async (input) => {
        await saveCircularText(db, request.actor, activity, id, lang, input, request.locale);
        return { location: circularDraftPath(activity, id, lang), message: circularMessages(request.locale).textSaved };
      },
      render: async (_ctx, state) => page(request, reply, activity, id, lang, { ...state, failed: 'text' }),
    });
  });

  app.post('/activities/:acronym/circulars/drafts/:id/rewrite/:lang', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request, activity, 'draft');
    const { id, lang } = parseInput(textParams, request.params, request.locale);
    try {
      await rewriteCircularText(db, request.actor, activity, id, lang, request.locale);
      return redirectWithFlash(reply, circularDraftPath(activity, id, lang), circularMessages(request.locale).rewritten);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      return sendPage(reply, await page(request, reply, activity, id, lang, { failed: 'send', message: error.message }), error.status);
    }
  });

  app.get('/activities/:acronym/circulars/drafts/:id/letter.:format', { schema: { hide: true } }, async (request, reply) => {
    const activity = await findActivity(request);
    allow(request, activity, 'draft');
    const { id, format } = parseInput(letterParams, request.params, request.locale);
    const lang = parseInput(langQuery, request.query ?? {}, request.locale).lang ?? request.locale;
    const circular = await getCircular(db, request.actor, activity, id);
    const name = `${activity.acronym}-circular-${circular.tsbNumber ?? `draft-${circular.id}`}-${lang}.${format}`.replace(/[^\w.-]+/g, '-');
    return reply
      .type(format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(await circularFile(circular.texts[lang], format));
  });

  app.post('/activities/:acronym/circulars/drafts/:id/issue', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request, activity, 'issue');
    const { id } = parseInput(draftParams, request.params, request.locale);
    return submitForm(request, reply, {
      schema: issueInput,
      action: async (input) => {
        const issued = await issueCircular(db, request.actor, activity, id, input, request.locale, config.dataDir);
        return { location: circularDraftPath(activity, id, request.locale), message: circularMessages(request.locale).issuedMessage(generatorMessages(request.locale).reference(issued.tsbNumber!)) };
      },
      render: async (_ctx, state) => page(request, reply, activity, id, request.locale, { ...state, failed: 'issue' }),
    });
  });

  app.post('/activities/:acronym/circulars/drafts/:id/send', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request, activity, 'issue');
    const { id } = parseInput(draftParams, request.params, request.locale);
    try {
      await sendCircular(db, request.actor, activity, id, request.locale, config.dataDir);
      return redirectWithFlash(reply, circularDraftPath(activity, id, request.locale), circularMessages(request.locale).sentMessage);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      return sendPage(reply, await page(request, reply, activity, id, request.locale, { failed: 'send', message: error.message }), error.status);
    }
  });

  // ---- API ----

  // Summaries through the catalogue's `api`, so each has its French (api-messages.ts).
  const withSummary = (summary: Parameters<typeof api>[0], extra: Record<string, unknown> = {}) => ({ schema: { tags: ['circulars'], summary: api(summary), ...extra } });

  app.get('/api/v1/activities/:acronym/circulars', withSummary('The activity’s kept circulars, drafts and issued, newest first (secretariat, chairs and vice-chairs)', { params: acronymParams, response: { 200: z.array(circularOut) } }), async (request) => {
    const activity = await findActivity(request);
    allow(request, activity, 'draft');
    return (await listCirculars(db, request.actor, activity)).map(present);
  });

  app.post(
    '/api/v1/activities/:acronym/circulars',
    withSummary('Keep a circular written from the records as a draft, in English and French: kind announce|convene, meeting (number, none, or the next), date of the letter', { params: acronymParams, body: startInput, response: { 201: circularOut } }),
    async (request, reply) => {
      const activity = await findActivity(request);
      allow(request, activity, 'draft');
      const input = request.body as z.output<typeof startInput>;
      const circular = await startCircular(db, request.actor, activity, { kind: input.kind, meeting: meetingChoice(input.meeting, request.locale), date: input.date || new Date().toISOString().slice(0, 10) });
      return reply.status(201).send(present(circular));
    },
  );

  app.get('/api/v1/activities/:acronym/circulars/:id', withSummary('One kept circular with its text in both languages', { params: draftParams, response: { 200: circularOut } }), async (request) => {
    const activity = await findActivity(request);
    allow(request, activity, 'draft');
    return present(await getCircular(db, request.actor, activity, (request.params as z.output<typeof draftParams>).id));
  });

  app.put(
    '/api/v1/activities/:acronym/circulars/:id/text/:lang',
    withSummary('Reword one language of a draft: every part of the letter, the paragraphs and the annexes’ items in order (an empty one is left out)', { params: textParams, body: circularEditInput, response: { 200: circularOut } }),
    async (request) => {
      const activity = await findActivity(request);
      allow(request, activity, 'draft');
      const { id, lang } = request.params as z.output<typeof textParams>;
      return present(await saveCircularText(db, request.actor, activity, id, lang, request.body as z.output<typeof circularEditInput>, request.locale));
    },
  );

  app.post(
    '/api/v1/activities/:acronym/circulars/:id/rewrite/:lang',
    withSummary('Write one language of a draft again from the records as they are now (its rewording is lost; the place and date stay)', { params: textParams, response: { 200: circularOut } }),
    async (request) => {
      const activity = await findActivity(request);
      allow(request, activity, 'draft');
      const { id, lang } = request.params as z.output<typeof textParams>;
      return present(await rewriteCircularText(db, request.actor, activity, id, lang, request.locale));
    },
  );

  app.post(
    '/api/v1/activities/:acronym/circulars/:id/issue',
    withSummary('Issue a draft under the number TSB gave it (secretariat): stored as a document of the activity, DOCX and PDF in English and French', { params: draftParams, body: issueInput, response: { 200: circularOut } }),
    async (request) => {
      const activity = await findActivity(request);
      allow(request, activity, 'issue');
      const { id } = request.params as z.output<typeof draftParams>;
      return present(await issueCircular(db, request.actor, activity, id, request.body as z.output<typeof issueInput>, request.locale, config.dataDir));
    },
  );

  app.post('/api/v1/activities/:acronym/circulars/:id/send', withSummary('Send an issued circular to the activity’s mailing list, once (secretariat)', { params: draftParams, response: { 200: circularOut } }), async (request) => {
    const activity = await findActivity(request);
    allow(request, activity, 'issue');
    const { id } = request.params as z.output<typeof draftParams>;
    return present(await sendCircular(db, request.actor, activity, id, request.locale, config.dataDir));
  });
}
