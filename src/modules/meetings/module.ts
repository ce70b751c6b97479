// The meetings module: meetings, registration, deadlines and reminders, agendas, minutes, outcomes and reports.
import { sql } from 'drizzle-orm';
import { events } from '../../platform/schema.ts';
import { isActivityReader } from '../documents/index.ts';
import { meetingReports } from './proceedings-schema.ts';
import { type ConcordModule, moduleHistory, withoutFields } from '../../platform/module-manifest.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { canMeeting, canProceedings } from './policy.ts';
import { proceedingsEventKinds, proceedingsWordings } from './agenda-history.ts';
import { registerAgendaRoutes } from './agenda-routes.tsx';
import { registerCoordinationRoutes } from './coordination-routes.ts';
import { registerMeetingAnnouncementRoutes } from './meeting-announcement-routes.tsx';
import { meetingEventKinds, meetingFieldLabels, meetingRuleLabels, meetingValueNames, meetingWordings, outcomeFieldLabels } from './history-wordings.ts';
import { registerMeetingReportRoutes } from './meeting-report-routes.tsx';
import { registerOutcomesRoutes } from './outcomes-routes.tsx';
import { reminderJobKind, sendDeadlineReminder } from './reminders.ts';
import { registerMeetingRoutes } from './routes.tsx';
import { meetingsApiMessages } from './api-messages.ts';

// Words for what the agenda template and action items record (the agenda's own are in history-wordings.ts).
const agendaTemplateLabel = (locale: Locale) => (locale === 'fr' ? 'Points du modèle d’ordre du jour' : 'Items of the agenda template');
const actionValueNames = (locale: Locale) => ({
  status: locale === 'fr' ? { open: 'Ouverte', in_progress: 'En cours', done: 'Terminée' } : { open: 'Open', in_progress: 'In progress', done: 'Done' },
});

export const meetingsModule: ConcordModule = {
  name: 'meetings', apiMessages: meetingsApiMessages,
  routes(app, deps) {
    registerMeetingRoutes(app, deps);
    registerAgendaRoutes(app, deps);
    registerOutcomesRoutes(app, deps);
    registerMeetingReportRoutes(app, deps);
    registerMeetingAnnouncementRoutes(app, deps);
    registerCoordinationRoutes(app, deps);
  },
  jobs: { [reminderJobKind]: sendDeadlineReminder },
  history: moduleHistory({
    kinds: [...meetingEventKinds, ...proceedingsEventKinds],
    visibility: (reader, activity) => ({
      'meeting.': true,
      // Who registered is the secretariat's business (names, addresses, modes).
      'registration.': canMeeting(reader, 'manage', activity),
      // Issued and adopted versions are the published agenda; the working agenda is for those who prepare it.
      'agenda.version_': canProceedings(reader, 'read', activity),
      'agenda.': canProceedings(reader, 'read_drafts', activity),
      'outcomes.': canProceedings(reader, 'read', activity),
      // A released report's release is read where the report is (its access level, policy.ts canReadReport).
      'report.released': !canProceedings(reader, 'read', activity)
        ? false
        : canProceedings(reader, 'read_drafts', activity) || isActivityReader(reader, activity)
          ? true
          : sql`${events.subjectId} in (select ${meetingReports.id}::text from ${meetingReports} where ${meetingReports.access} = 'public')`,
      'report.': canProceedings(reader, 'read_drafts', activity),
    }),
    // The remote link is shown on the meeting's page only to the leadership and to registered participants; the
    // history, which cannot tell who registered for which meeting, shows it to the leadership only.
    redact: (reader, activity, event) =>
      canMeeting(reader, 'see_remote_link', activity, { registered: false }) ? event : { before: withoutFields(event.before, ['remoteUrl']), after: withoutFields(event.after, ['remoteUrl']) },
    wordings: (locale) => ({ ...meetingWordings(locale), ...proceedingsWordings(locale) }),
    subjects: {
      meeting: { fieldLabels: meetingFieldLabels, valueNames: meetingValueNames },
      // The activity's deadline rules (late contributions refused or marked) are set on the activity.
      activity: { fieldLabels: (locale) => ({ ...meetingRuleLabels(locale).labels, items: agendaTemplateLabel(locale) }), valueNames: (locale) => meetingRuleLabels(locale).values },
      meeting_decision: { fieldLabels: outcomeFieldLabels },
      action_item: { fieldLabels: outcomeFieldLabels, valueNames: actionValueNames },
    },
  }),
};
