// The meetings module: meetings, registration, deadlines and reminders, agendas, minutes, outcomes and reports.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { proceedingsWordings } from './agenda-history.ts';
import { registerAgendaRoutes } from './agenda-routes.tsx';
import { meetingFieldLabels, meetingRuleLabels, meetingValueNames, meetingWordings } from './history-wordings.ts';
import { registerMeetingReportRoutes } from './meeting-report-routes.tsx';
import { registerOutcomesRoutes } from './outcomes-routes.tsx';
import { reminderJobKind, sendDeadlineReminder } from './reminders.ts';
import { registerMeetingRoutes } from './routes.tsx';

export const meetingsModule: ConcordModule = {
  name: 'meetings',
  routes(app, deps) {
    registerMeetingRoutes(app, deps);
    registerAgendaRoutes(app, deps);
    registerOutcomesRoutes(app, deps);
    registerMeetingReportRoutes(app, deps);
  },
  jobs: { [reminderJobKind]: sendDeadlineReminder },
  history: {
    wordings: (locale) => ({ ...meetingWordings(locale), ...proceedingsWordings(locale) }),
    subjects: {
      meeting: { fieldLabels: meetingFieldLabels, valueNames: meetingValueNames },
      // The activity's deadline rules (late contributions refused or marked) are set on the activity.
      activity: { fieldLabels: (locale) => meetingRuleLabels(locale).labels, valueNames: (locale) => meetingRuleLabels(locale).values },
    },
  },
};
