// The overlaps module: candidate pairs of overlapping work across the whole register, found by the engine, and their
// review.
import { hasAnyRole, isAdmin } from '../../platform/actor.ts';
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { participants } from '../../platform/roles.ts';
import { overlapsCommand } from './commands.ts';
import { OverlapFollower } from './follower.ts';
import { coordinationMessages } from './coordination-messages.ts';
import { registerCoordinationRoutes } from './coordination-routes.ts';
import { overlapMessages } from './messages.ts';
import type { OverlapDecision } from './schema.ts';
import { registerOverlapPages } from './page-routes.tsx';
import { registerOverlapRoutes } from './routes.ts';

export const overlapsModule: ConcordModule = {
  name: 'overlaps',
  routes: (app, deps) => {
    registerOverlapRoutes(app, deps);
    registerOverlapPages(app, deps);
    registerCoordinationRoutes(app, deps);
  },
  commands: [overlapsCommand],
  // New and changed entries get their candidates within seconds, where the worker runs.
  follow: ({ database, log }) => new OverlapFollower(database.db, log).start(database),
  history: {
    // Decisions on pairs are the coordination's record: everyone with a role in the activity reads them.
    visibility: (reader, activity) => ({ 'overlap.': isAdmin(reader) || hasAnyRole(reader, activity.id, participants) }),
    wordings: (locale) => {
      const m = overlapMessages(locale);
      return {
        'overlap.decided': (_before, after) =>
          m.decided(String(after.a ?? '?'), String(after.b ?? '?'), m.decisions[after.decision as OverlapDecision] ?? String(after.decision)),
        'overlap.undone': (_before, after) => m.undone(String(after.a ?? '?'), String(after.b ?? '?')),
        'overlap.liaison_drafted': (_before, after) => coordinationMessages(locale).liaisonDrafted(String(after.reference ?? '?'), String(after.a ?? '?'), String(after.b ?? '?')),
      };
    },
  },
};
