// The roadmap module: the register of standards, each activity's roadmap, its search copy, imports and exports.
import { sql } from 'drizzle-orm';
import { roadmapProposals } from '../../db/schema.ts';
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { events } from '../../platform/schema.ts';
import { registerRoadmapChartRoutes } from './chart-routes.tsx';
import { registerRoadmapExportRoutes } from './export-routes.tsx';
import { entryFieldLabels, entryValueNames, importFieldLabels, proposalFieldLabels, relationFieldLabels, roadmapEventKinds, roadmapWordings } from './history-wordings.ts';
import { importCommand } from './import-command.ts';
import { registerRoadmapImportRoutes } from './import-routes.tsx';
import { registerRoadmapProposalRoutes } from './proposal-routes.tsx';
import { canRoadmap } from './policy.ts';
import { registerRoadmapRoutes } from './routes.tsx';
import { roadmapSearchFor } from './search.ts';
import { roadmapApiMessages } from './api-messages.ts';

export const roadmapModule: ConcordModule = {
  name: 'roadmap', apiMessages: roadmapApiMessages,
  routes(app, deps) {
    registerRoadmapRoutes(app, deps);
    registerRoadmapImportRoutes(app, deps);
    registerRoadmapProposalRoutes(app, deps);
    registerRoadmapChartRoutes(app, deps);
    registerRoadmapExportRoutes(app, deps);
  },
  // The search copy hears of other processes' writes instead of asking the database on every search.
  start: (deps) => roadmapSearchFor(deps.database.db).follow(deps.database),
  // Built right after start-up, so no visitor waits for a large roadmap's search copy (a search that arrives first
  // waits for the same build instead of starting another).
  warm(deps, log) {
    const started = performance.now();
    roadmapSearchFor(deps.database.db)
      .warm()
      .then(() => log.info({ ms: Math.round(performance.now() - started) }, 'roadmap search ready'))
      .catch((error) => log.error({ err: error }, 'roadmap search could not be built; it will be built on first use'));
  },
  commands: [importCommand],
  history: moduleHistory({
    kinds: roadmapEventKinds,
    visibility: (reader, activity) => ({
      // The roadmap reads like its activity.
      'roadmap.entry': true,
      'roadmap.relation': true,
      'roadmap.imported': true,
      // A proposal is read by its proposer and by those who decide on it (canProposal).
      'roadmap.proposal': canRoadmap(reader, 'edit', activity)
        ? true
        : reader.kind === 'user'
          ? sql`${events.subjectId} in (select ${roadmapProposals.id}::text from ${roadmapProposals} where ${roadmapProposals.proposerUserId} = ${reader.userId})`
          : false,
    }),
    wordings: roadmapWordings,
    subjects: {
      roadmap_entry: { fieldLabels: (locale) => ({ ...entryFieldLabels(locale), ...relationFieldLabels(locale) }), valueNames: entryValueNames },
      roadmap_proposal: { fieldLabels: proposalFieldLabels, valueNames: entryValueNames },
      activity: { fieldLabels: importFieldLabels },
    },
  }),
};
