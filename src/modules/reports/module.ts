// The reports module: the activity's report to TSAG and its progress report to the study groups for a period,
// written from the event log and the modules' records (page, API, `concord report generate`), edited, then released
// as a numbered document of the activity. Kept apart from the circulars module: a circular is TSB's letter with facts
// of its own (circular_profiles), while a report reads every other module's records and becomes a document.
import { sql } from 'drizzle-orm';
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { events } from '../../platform/schema.ts';
import { canDocument } from '../documents/index.ts';
import { reportsApiMessages } from './api-messages.ts';
import { reportCommand } from './command.ts';
import { reportEventKinds, reportFieldLabels, reportValueNames, reportWordings } from './history-wordings.ts';
import { canReports } from './policy.ts';
import { registerReportRoutes } from './routes.tsx';
import { activityReports } from './schema.ts';

export const reportsModule: ConcordModule = {
  name: 'reports',
  apiMessages: reportsApiMessages,
  routes: registerReportRoutes,
  commands: [reportCommand],
  history: moduleHistory({
    kinds: reportEventKinds,
    // Drafting is for those who draft; others see a report's release once they may read it (canReadActivityReport).
    visibility: (reader, activity) => {
      if (canReports(reader, 'draft', activity)) return { 'activity_report.': true };
      const levels = canDocument(reader, 'read', activity, { access: 'members', status: 'published', submittedByUserId: null }) ? ['public', 'members'] : ['public'];
      return {
        'activity_report.': sql`${events.kind} = 'activity_report.released' and ${events.subjectId} in (select ${activityReports.id}::text from ${activityReports} where ${activityReports.activityId} = ${activity.id} and ${activityReports.status} = 'released' and ${activityReports.audience} in (${sql.join(levels.map((l) => sql`${l}`), sql`, `)}))`,
      };
    },
    wordings: reportWordings,
    subjects: { activity_report: { fieldLabels: reportFieldLabels, valueNames: reportValueNames } },
  }),
};
