// The reports over the web and the API. Thin: the rules are in meeting-report.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, submitForm } from '../../platform/http/forms.ts';
import { requiredText } from '../../platform/validation.ts';
import { renderDocx } from '../../platform/documents/docx.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import type { MeetingScope } from './agenda.ts';
import { canProceedings } from './policy.ts';
import {
  editMeetingReport,
  generateMeetingReport,
  getMeetingReport,
  kindOfSlug,
  listMeetingReports,
  type MeetingReport,
  releaseMeetingReport,
  reportBodyInput,
  reportContacts,
  reportDocument,
  reportSettingsInput,
  reportSlugs,
  setReportSettings,
} from './meeting-report.ts';
import { meetingReportMessages } from './meeting-report-messages.ts';
import { MeetingReportPage, reportPath } from './meeting-report-views.tsx';
import { loadMeeting } from './meetings.ts';
import { meetingReportAccessLevels, type MeetingReportKind, meetingReportKinds, meetingReportStatuses } from './proceedings-schema.ts';
import { api } from './api-messages.ts';

const meetingParams = z.object({ acronym: z.string().max(30), number: z.coerce.number().int().positive().max(100_000) });
const slugs = Object.values(reportSlugs) as [string, ...string[]];
const reportParams = meetingParams.extend({ report: z.enum(slugs) });

const reportOut = z.object({
  kind: z.enum(meetingReportKinds),
  status: z.enum(meetingReportStatuses),
  language: z.enum(['en', 'fr']),
  body: z.string(),
  generatedAt: z.date(),
  updatedAt: z.date(),
  updatedBy: z.string(),
  releasedAt: z.date().nullable(),
  releasedBy: z.string().nullable(),
  access: z.enum(meetingReportAccessLevels),
  tsagNumber: z.string().nullable(),
});
const present = (r: MeetingReport): z.input<typeof reportOut> => ({
  kind: r.kind,
  status: r.status,
  language: r.language,
  body: r.body,
  generatedAt: r.generatedAt,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedByName,
  releasedAt: r.releasedAt,
  releasedBy: r.releasedByName,
  access: r.access,
  tsagNumber: r.tsagNumber,
});

export function registerMeetingReportRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  const scopeOf = async (request: { params: unknown; actor: Actor }): Promise<MeetingScope> => {
    const parsed = meetingParams.safeParse(request.params);
    if (!parsed.success) throw notFound();
    return loadMeeting(db, request.actor, parsed.data.acronym, parsed.data.number);
  };
  const kindOf = (params: unknown): MeetingReportKind => {
    const kind = kindOfSlug(String((params as Record<string, unknown>).report ?? ''));
    if (!kind) throw notFound();
    return kind;
  };
  const allowWrite = (actor: Actor, scope: MeetingScope) => {
    if (!canProceedings(actor, 'write_reports', scope.activity)) throw forbidden();
  };
  const page = async (request: FastifyRequest, reply: FastifyReply, scope: MeetingScope, state: FormState & { failed?: MeetingReportKind } = {}) =>
    MeetingReportPage({ ctx: viewContext(request, reply), ...scope, reports: await listMeetingReports(db, request.actor, scope), ...state });
  const words = (request: FastifyRequest) => meetingReportMessages(request.locale);

  app.get('/activities/:acronym/meetings/:number/report', async (request, reply) => sendPage(reply, await page(request, reply, await scopeOf(request))));

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/activities/:acronym/meetings/:number/report/:report.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const scope = await scopeOf(request);
      const report = await getMeetingReport(db, request.actor, scope, kindOf(request.params), request.locale);
      const doc = reportDocument(report, scope, report.kind === 'executive_summary' ? await reportContacts(db, scope) : []);
      const fileName = `${scope.activity.acronym}-meeting-${scope.meeting.number}-${reportSlugs[report.kind]}${report.status === 'draft' ? '-draft' : ''}.${format}`;
      return reply
        .type(format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '')}"`)
        .header('cache-control', 'no-store')
        .send(format === 'docx' ? await renderDocx(doc) : await renderPdf(doc));
    });
  }

  app.post('/activities/:acronym/meetings/:number/report/:report/generate', async (request, reply) => {
    const scope = await scopeOf(request);
    const kind = kindOf(request.params);
    allowWrite(request.actor, scope);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await generateMeetingReport(db, request.actor, scope, kind, request.locale);
        return { location: `${reportPath(scope.activity, scope.meeting)}#${reportSlugs[kind]}`, message: words(request).generated(words(request).kinds[kind]) };
      },
      render: async (_ctx, state) => page(request, reply, scope, { ...state, failed: kind }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/report/:report', async (request, reply) => {
    const scope = await scopeOf(request);
    const kind = kindOf(request.params);
    allowWrite(request.actor, scope);
    const field = `body-${reportSlugs[kind]}`;
    return submitForm(request, reply, {
      schema: z.object({ [field]: requiredText(200_000) }),
      action: async (input) => {
        await editMeetingReport(db, request.actor, scope, kind, String(input[field]), request.locale);
        return { location: `${reportPath(scope.activity, scope.meeting)}#${reportSlugs[kind]}`, message: words(request).saved };
      },
      render: async (_ctx, state) => page(request, reply, scope, { ...state, failed: kind }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/report/:report/release', async (request, reply) => {
    const scope = await scopeOf(request);
    const kind = kindOf(request.params);
    allowWrite(request.actor, scope);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await releaseMeetingReport(db, request.actor, scope, kind, request.locale);
        return { location: `${reportPath(scope.activity, scope.meeting)}#${reportSlugs[kind]}`, message: words(request).released(words(request).kinds[kind]) };
      },
      render: async (_ctx, state) => page(request, reply, scope, { ...state, failed: kind }),
    });
  });

  app.post('/activities/:acronym/meetings/:number/report/:report/settings', async (request, reply) => {
    const scope = await scopeOf(request);
    const kind = kindOf(request.params);
    allowWrite(request.actor, scope);
    // Both reports' forms share the page, so their fields carry the report's slug (unique ids).
    const slug = reportSlugs[kind];
    return submitForm(request, reply, {
      schema: z.object({ [`access-${slug}`]: reportSettingsInput.shape.access, [`tsagNumber-${slug}`]: reportSettingsInput.shape.tsagNumber }),
      action: async (input) => {
        const settings = { access: input[`access-${slug}`] as 'public' | 'members' | undefined, tsagNumber: input[`tsagNumber-${slug}`] as string | null | undefined };
        await setReportSettings(db, request.actor, scope, kind, settings, request.locale);
        return { location: `${reportPath(scope.activity, scope.meeting)}#${reportSlugs[kind]}`, message: words(request).settingsSaved };
      },
      render: async (_ctx, state) => page(request, reply, scope, { ...state, failed: kind }),
    });
  });

  // ---- API ----

  const tags = ['meeting reports'];
  const base = '/api/v1/activities/:acronym/meetings/:number/reports';
  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('The executive summary for TSAG and the meeting report: released ones by their access level, drafts too for the secretariat and chairs'),
        params: meetingParams,
        response: { 200: z.object({ reports: z.array(reportOut) }) },
      },
    },
    async (request) => ({ reports: (await listMeetingReports(db, request.actor, await scopeOf(request))).map(present) }),
  );
  app.post(
    `${base}/:report/generate`,
    { schema: { tags, summary: api('Generate the report’s text from the meeting’s records as a draft, in the request’s language (replaces a draft’s text)'), params: reportParams, response: { 200: reportOut } } },
    async (request) => present(await generateMeetingReport(db, request.actor, await scopeOf(request), kindOf(request.params), request.locale)),
  );
  app.patch(
    `${base}/:report`,
    { schema: { tags, summary: api('Replace a draft report’s text'), params: reportParams, body: reportBodyInput.strict(), response: { 200: reportOut } } },
    async (request) => present(await editMeetingReport(db, request.actor, await scopeOf(request), kindOf(request.params), request.body.body, request.locale)),
  );
  app.patch(
    `${base}/:report/settings`,
    {
      schema: {
        tags,
        summary: api('Who reads the report once released (members of the activity, or everyone) and the executive summary’s TSAG document number'),
        params: reportParams,
        body: reportSettingsInput.strict(),
        response: { 200: reportOut },
      },
    },
    async (request) => present(await setReportSettings(db, request.actor, await scopeOf(request), kindOf(request.params), request.body, request.locale)),
  );
  app.post(
    `${base}/:report/release`,
    { schema: { tags, summary: api('Release a draft report once the meeting has ended: it no longer changes, and its readers (by its access level) see it'), params: reportParams, response: { 200: reportOut } } },
    async (request) => present(await releaseMeetingReport(db, request.actor, await scopeOf(request), kindOf(request.params), request.locale)),
  );
}
