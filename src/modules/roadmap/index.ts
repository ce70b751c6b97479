// The roadmap module's public surface: what other modules may use. Anything not here is the module's own.
export { activitiesIncluding, getEntry } from './entries.ts';
export { identifierKey } from './identifiers.ts';
export { ensureCommonText, withdrawCommonText } from './relations.ts';
export { extendRoadmap, type MatrixCellLinks, type RoadmapDocumentSection, type RoadmapExtension } from './extensions.ts';
export { roadmapStatusName } from './messages.ts';
export { proposalsToDecide, recentRoadmapChanges } from './roadmap-work.ts';
