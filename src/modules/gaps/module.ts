// The gaps module: each activity's list of missing standards (ANSI roadmaps' gaps), proposed by members, accepted by
// the leadership, followed by the roadmap entries that address them; a link from the landscape matrix's empty cells
// and a section of the roadmap document (through the roadmap's extendRoadmap).
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { extendRoadmap } from '../roadmap/index.ts';
import { visibleGapEvents } from './gaps.ts';
import { gapEventKinds, gapFieldLabels, gapValueNames, gapWordings } from './history-wordings.ts';
import { gapsRoadmapExtension } from './roadmap-extension.ts';
import { registerGapRoutes } from './routes.tsx';
import { gapsApiMessages } from './api-messages.ts';

export const gapsModule: ConcordModule = {
  name: 'gaps', apiMessages: gapsApiMessages,
  routes(app, deps) {
    registerGapRoutes(app, deps);
    extendRoadmap(app, gapsRoadmapExtension);
  },
  history: moduleHistory({
    kinds: gapEventKinds,
    // A gap's events are read by whoever reads the gap (the same rule as its page, the list and the exports).
    visibility: (reader, activity) => ({ 'gap.': visibleGapEvents(reader, activity) }),
    wordings: gapWordings,
    subjects: { gap: { fieldLabels: gapFieldLabels, valueNames: gapValueNames } },
  }),
};
