// The overlaps module: candidate pairs of overlapping work across the whole register, found by the engine, and their
// review.
import { hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { overlapEventKinds, overlapFieldLabels, overlapValueNames, overlapWordings } from './history-wordings.ts';
import { participants } from '../../platform/roles.ts';
import { overlapsCommand } from './commands.ts';
import { OverlapFollower } from './follower.ts';
import { registerCoordinationRoutes } from './coordination-routes.ts';
import { registerOverlapPages } from './page-routes.tsx';
import { registerOverlapRoutes } from './routes.ts';
import { overlapsApiMessages } from './api-messages.ts';

export const overlapsModule: ConcordModule = {
  name: 'overlaps', apiMessages: overlapsApiMessages,
  routes: (app, deps) => {
    registerOverlapRoutes(app, deps);
    registerOverlapPages(app, deps);
    registerCoordinationRoutes(app, deps);
  },
  commands: [overlapsCommand],
  // New and changed entries get their candidates within seconds, where the worker runs.
  follow: ({ database, log }) => new OverlapFollower(database.db, log).start(database),
  history: moduleHistory({
    kinds: overlapEventKinds,
    // Decisions on pairs are the coordination's record: everyone with a role in the activity reads them.
    visibility: (reader, activity) => ({ 'overlap.': isAdmin(reader) || hasAnyRole(reader, activity.id, participants) }),
    wordings: overlapWordings,
    subjects: { overlap_pair: { fieldLabels: overlapFieldLabels, valueNames: overlapValueNames } },
  }),
};
