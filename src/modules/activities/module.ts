// The activities module: activities, their terms of reference and the roles people hold in them.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { activityEventKinds, activityFieldLabels, activityValueNames, activityWordings } from './history-wordings.ts';
import { registerActivityRoutes } from './routes.tsx';
import { activitiesApiMessages } from './api-messages.ts';

export const activitiesModule: ConcordModule = {
  name: 'activities', apiMessages: activitiesApiMessages,
  routes: registerActivityRoutes,
  history: moduleHistory({
    kinds: activityEventKinds,
    // The activity, its terms of reference and who holds which role read like the activity itself, and the history
    // page is only served to those who may read it.
    visibility: () => ({ 'activity.': true, 'tor.': true, 'membership.': true }),
    wordings: activityWordings,
    subjects: { activity: { fieldLabels: activityFieldLabels, valueNames: activityValueNames } },
  }),
};
