// The activities module: activities, their terms of reference and the roles people hold in them.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { activityFieldLabels, activityValueNames, activityWordings } from './history-wordings.ts';
import { registerActivityRoutes } from './routes.tsx';

export const activitiesModule: ConcordModule = {
  name: 'activities',
  routes: registerActivityRoutes,
  history: {
    wordings: activityWordings,
    subjects: { activity: { fieldLabels: activityFieldLabels, valueNames: activityValueNames } },
  },
};
