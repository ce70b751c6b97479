// Roadmap import over the web (upload, check, confirm) and the API. The checked file waits, named by its SHA-256,
// until the user confirms, so nothing is uploaded twice: under DATA_DIR/imports on the embedded engine, in the database
// on PostgreSQL, so the confirmation may reach another app process (platform/file-store.ts, stagedUploadsFor); the
// worker's sweep removes what waited more than a day (sweepTemporaryFiles).
import { platformMessages } from '../../platform/i18n/messages.ts';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { stagedUploadsFor } from '../../platform/file-store.ts';
import { formFields, isUploadedFile, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { type ImportFile, parseImportFileOffThread } from './import-files.ts';
import { ImportPage, ImportPlanPage, importWords } from './import-views.tsx';
import { importRoadmap } from './import.ts';
import { canRoadmap } from './policy.ts';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const fileTypes = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

const planOut = z.object({
  applied: z.boolean(),
  added: z.array(z.object({ line: z.number(), organization: z.string(), identifier: z.string(), title: z.string() })),
  changed: z.array(z.object({ line: z.number(), entryId: z.number(), identifier: z.string(), changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })) })),
  included: z.array(z.object({ line: z.number(), entryId: z.number(), identifier: z.string() })),
  unchanged: z.number(),
  newOrganizations: z.array(z.string()),
  errors: z.array(z.object({ line: z.number(), column: z.string().optional(), message: z.string() })),
});

export function registerRoadmapImportRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const staging = stagedUploadsFor(config, db);
  const findActivity = (request: { params: unknown; actor: Actor }) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const allowEdit = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canRoadmap(actor, 'edit', activity)) throw forbidden();
  };

  /** Parses and plans; applies only when asked and the file has no error. */
  const run = async (actor: Actor, activity: Activity, file: ImportFile & { fileName: string }, locale: Locale, dryRun: boolean) => {
    const parsed = await parseImportFileOffThread(file, { locale, maxBytes: config.uploadMaxBytes });
    return { parsed, plan: await importRoadmap(db, actor, activity.id, { ...parsed, fileName: file.fileName }, { dryRun, locale }) };
  };

  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: config.uploadMaxBytes }, (_request, body, done) => done(null, body));

  app.get('/activities/:acronym/roadmap/import', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    return sendPage(reply, ImportPage({ ctx: viewContext(request, reply), activity }));
  });

  app.post('/activities/:acronym/roadmap/import', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    const upload = (request.body as Record<string, unknown> | undefined)?.file;
    if (!isUploadedFile(upload) || !upload.bytes.length) {
      const message = importWords(request.locale).file + platformMessages(request.locale).colon + (isUploadedFile(upload) ? importWords(request.locale).emptyFile : importWords(request.locale).noFile);
      return sendPage(reply, ImportPage({ ctx: viewContext(request, reply), activity, message }), 422);
    }
    const { parsed, plan } = await run(request.actor, activity, upload, request.locale, true);
    // A file with errors is not kept: the page offers no confirmation for it, only a new upload.
    const token = plan.errors.length ? '' : await staging.put(upload.bytes);
    return sendPage(
      reply,
      ImportPlanPage({ ctx: viewContext(request, reply), activity, plan, fileName: upload.fileName, token, columns: parsed.columns }),
      plan.errors.length ? 422 : 200,
    );
  });

  app.post('/activities/:acronym/roadmap/import/apply', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    const fields = formFields(request);
    const token = /^[0-9a-f]{64}$/.test(fields.token ?? '') ? (fields.token as string) : undefined;
    const staged = token ? await staging.get(token) : null;
    if (!token || !staged) throw notFound(importWords(request.locale).expired);
    const fileName = (fields.fileName ?? 'upload').slice(0, 200);
    const { parsed, plan } = await run(request.actor, activity, { bytes: staged, fileName }, request.locale, false);
    if (!plan.applied) {
      return sendPage(reply, ImportPlanPage({ ctx: viewContext(request, reply), activity, plan, fileName, token, columns: parsed.columns }), 422);
    }
    await staging.remove(token);
    return redirectWithFlash(reply, `/activities/${encodeURIComponent(activity.acronym)}/roadmap`, importWords(request.locale).done(plan.added.length, plan.changed.length + plan.included.length));
  });

  app.post(
    '/api/v1/activities/:acronym/roadmap/import',
    {
      schema: {
        tags: ['roadmap'],
        summary: api('Import roadmap entries from a CSV, XLSX or JSON file sent as the body; dryRun (the default) only reports the plan'),
        description: api('Send the file with Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream, or application/json (an array of objects). Answers 422 with the plan when the file has errors; nothing is written then.'),
        params: acronymParams,
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true'), fileName: z.string().max(200).default('upload') }),
        response: { 200: planOut, 422: planOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      allowEdit(request.actor, activity);
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? body : body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
      if (!bytes.length) throw new AppError('bad_request', importWords(request.locale).emptyFile);
      const { plan } = await run(request.actor, activity, { bytes, fileName: request.query.fileName, contentType: request.headers['content-type'] }, request.locale, request.query.dryRun === 'true');
      return reply.status(plan.errors.length ? 422 : 200).send(plan);
    },
  );
}
