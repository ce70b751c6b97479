// The reports over the web and the API. Thin: the rules are in reports.ts, the period in period.ts.
import { api } from './api-messages.ts';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/engine.ts';
import { requireUser } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { renderDocx } from '../../platform/documents/docx.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import { type CheckedFile, contentTypes } from '../../platform/files.ts';
import { storeFilesWith } from '../../platform/file-store.ts';
import { sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, submitForm } from '../../platform/http/forms.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { meetingBounds, reportContacts } from '../meetings/index.ts';
import { reportMessages } from './messages.ts';
import { reportPath } from './paths.ts';
import { canReports } from './policy.ts';
import {
  type ActivityReport,
  editReport,
  generateReport,
  getReport,
  listReports,
  newReportInput,
  regenerateReport,
  releaseReport,
  reportDocument,
  reportEditInput,
  reportFileName,
} from './reports.ts';
import { activityReportAudiences, activityReportKinds, activityReportStatuses } from './schema.ts';
import { NewReportPage, ReportPage, ReportsPage } from './views.tsx';

const acronymParams = z.object({ acronym: z.string().max(30) });
const reportParams = acronymParams.extend({ id: z.coerce.number().int().positive().max(2_000_000_000) });

const reportOut = z.object({
  id: z.number(),
  kind: z.enum(activityReportKinds),
  status: z.enum(activityReportStatuses),
  language: z.enum(['en', 'fr']),
  audience: z.enum(activityReportAudiences),
  period: z.object({ start: z.date(), end: z.date(), fromDate: z.string().nullable(), fromMeeting: z.number().nullable(), toDate: z.string().nullable(), toMeeting: z.number().nullable() }),
  body: z.string(),
  tsagNumber: z.string().nullable(),
  documentNumber: z.string().nullable(),
  generatedAt: z.date(),
  updatedAt: z.date(),
  updatedBy: z.string(),
  releasedAt: z.date().nullable(),
  releasedBy: z.string().nullable(),
});
const present = (r: ActivityReport): z.input<typeof reportOut> => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  language: r.language,
  audience: r.audience,
  period: { start: r.periodStart, end: r.periodEnd, fromDate: r.fromDate, fromMeeting: r.fromMeeting, toDate: r.toDate, toMeeting: r.toMeeting },
  body: r.body,
  tsagNumber: r.tsagNumber,
  documentNumber: r.documentNumber,
  generatedAt: r.generatedAt,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedByName,
  releasedAt: r.releasedAt,
  releasedBy: r.releasedByName,
});

const fileOf = (fileName: string, kind: 'docx' | 'pdf', bytes: Buffer): CheckedFile => ({
  fileName,
  kind,
  contentType: contentTypes[kind],
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  bytes,
});

/** The report's DOCX and PDF, as released (no draft mark): what releasing stores as the document's files. */
async function releaseFiles(db: Db, report: ActivityReport, activity: Activity): Promise<CheckedFile[]> {
  const doc = reportDocument({ ...report, status: 'released' }, activity, report.kind === 'tsag' ? await reportContacts(db, { activity }) : [], true);
  const name = (format: 'docx' | 'pdf') => reportFileName({ ...report, status: 'released' }, activity, format);
  return [fileOf(name('docx'), 'docx', await renderDocx(doc)), fileOf(name('pdf'), 'pdf', await renderPdf(doc))];
}

export function registerReportRoutes(app: App, { database, config, modules }: AppDeps) {
  const db = database.db;
  const findActivity = (request: FastifyRequest) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const idOf = (request: FastifyRequest) => reportParams.parse(request.params).id;
  /** Pages that change reports: a visitor is sent to sign in, a reader without the right refused. */
  const allowDraft = (request: FastifyRequest, activity: Activity) => {
    requireUser(request.actor);
    if (!canReports(request.actor, 'draft', activity)) throw forbidden();
  };
  const meetingChoices = async (activity: Activity) => (await meetingBounds(db, activity.id)).filter((x) => x.status !== 'cancelled');
  const reportPage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, state: FormState = {}) =>
    ReportPage({ ctx: viewContext(request, reply), activity, report: await getReport(db, request.actor, activity, idOf(request), request.locale), ...state });

  app.get('/activities/:acronym/reports', async (request, reply) => {
    const activity = await findActivity(request);
    return sendPage(reply, ReportsPage({ ctx: viewContext(request, reply), activity, reports: await listReports(db, request.actor, activity) }));
  });

  app.get('/activities/:acronym/reports/new', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    return sendPage(reply, NewReportPage({ ctx: viewContext(request, reply), activity, meetings: await meetingChoices(activity) }));
  });

  app.post('/activities/:acronym/reports', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    return submitForm(request, reply, {
      schema: z.object({}).passthrough(),
      action: async (input) => {
        const report = await generateReport(db, request.actor, modules, activity, input, request.locale);
        return { location: reportPath(activity, report), message: reportMessages(request.locale).generated };
      },
      render: async (ctx, state) => NewReportPage({ ctx, activity, meetings: await meetingChoices(activity), ...state }),
    });
  });

  app.get('/activities/:acronym/reports/:id', async (request, reply) => {
    const activity = await findActivity(request);
    return sendPage(reply, await reportPage(request, reply, activity));
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/activities/:acronym/reports/:id.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const activity = await findActivity(request);
      const report = await getReport(db, request.actor, activity, idOf(request), request.locale);
      const doc = reportDocument(report, activity, report.kind === 'tsag' ? await reportContacts(db, { activity }) : []);
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename="${reportFileName(report, activity, format)}"`)
        .header('cache-control', 'no-store')
        .send(format === 'docx' ? await renderDocx(doc) : await renderPdf(doc));
    });
  }

  app.post('/activities/:acronym/reports/:id', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    return submitForm(request, reply, {
      schema: reportEditInput.extend({ body: reportEditInput.shape.body.unwrap() }),
      action: async (input) => {
        const report = await editReport(db, request.actor, activity, idOf(request), input, request.locale);
        return { location: reportPath(activity, report), message: reportMessages(request.locale).saved };
      },
      render: async (_ctx, state) => reportPage(request, reply, activity, state),
    });
  });

  app.post('/activities/:acronym/reports/:id/regenerate', async (request, reply) => {
    const activity = await findActivity(request);
    allowDraft(request, activity);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        const report = await regenerateReport(db, request.actor, modules, activity, idOf(request), request.locale);
        return { location: reportPath(activity, report), message: reportMessages(request.locale).regenerated };
      },
      render: async (_ctx, state) => reportPage(request, reply, activity, state),
    });
  });

  /** Writes the files from the draft as read, then releases it if it has not changed since (reports.ts). */
  const release = async (request: FastifyRequest, activity: Activity) => {
    requireUser(request.actor);
    if (!canReports(request.actor, 'release', activity)) throw forbidden();
    const draft = await getReport(db, request.actor, activity, idOf(request), request.locale);
    const files = await releaseFiles(db, draft, activity);
    return storeFilesWith({ db, dataDir: config.dataDir }, files, (db) => releaseReport(db, request.actor, activity, draft.id, { expectedUpdatedAt: draft.updatedAt, files }, request.locale));
  };

  app.post('/activities/:acronym/reports/:id/release', async (request, reply) => {
    const activity = await findActivity(request);
    requireUser(request.actor);
    if (!canReports(request.actor, 'release', activity)) throw forbidden();
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        const report = await release(request, activity);
        return { location: reportPath(activity, report), message: reportMessages(request.locale).released(report.documentNumber ?? '') };
      },
      render: async (_ctx, state) => reportPage(request, reply, activity, state),
    });
  });

  // ---- API ----

  const tags = [api('activity reports')];
  const base = '/api/v1/activities/:acronym/reports';
  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('The activity’s reports for a period (to TSAG, to the study groups): released ones by their access level, drafts too for the secretariat and chairs'),
        params: acronymParams,
        response: { 200: z.object({ reports: z.array(reportOut) }) },
      },
    },
    async (request) => ({ reports: (await listReports(db, request.actor, await findActivity(request))).map(present) }),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: api('Generate a draft report for a period from the records (secretariat and chairs)'),
        description:
          api('Each end of the period is a date (fromDate, toDate: YYYY-MM-DD, whole days in UTC) or a meeting number (fromMeeting, toMeeting: from its start, to its end), not both. The text is written in `language` for `audience` (members of the activity, or everyone): each section holds only what those readers may see. A period with nothing to report is refused (422) with a message saying so.'),
        params: acronymParams,
        body: newReportInput,
        response: { 201: reportOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      const report = await generateReport(db, request.actor, modules, activity, request.body, request.locale);
      return reply.code(201).send(present(report));
    },
  );
  app.get(
    `${base}/:id`,
    { schema: { tags, summary: api('One report (a draft for the secretariat and chairs; a released one by its access level)'), params: reportParams, response: { 200: reportOut } } },
    async (request) => present(await getReport(db, request.actor, await findActivity(request), request.params.id, request.locale)),
  );
  app.patch(
    `${base}/:id`,
    { schema: { tags, summary: api('Replace a draft’s text and, for the report to TSAG, its TSAG document number'), params: reportParams, body: reportEditInput.strict(), response: { 200: reportOut } } },
    async (request) => present(await editReport(db, request.actor, await findActivity(request), request.params.id, request.body, request.locale)),
  );
  app.post(
    `${base}/:id/regenerate`,
    { schema: { tags, summary: api('Write a draft’s text again from the records for its period (replaces the edits)'), params: reportParams, response: { 200: reportOut } } },
    async (request) => present(await regenerateReport(db, request.actor, modules, await findActivity(request), request.params.id, request.locale)),
  );
  app.post(
    `${base}/:id/release`,
    {
      schema: {
        tags,
        summary: api('Release a draft (secretariat only) as a numbered report document of the activity, with its DOCX and PDF; it no longer changes'),
        params: reportParams,
        response: { 200: reportOut },
      },
    },
    async (request) => present(await release(request, await findActivity(request))),
  );
}
