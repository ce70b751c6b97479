// The overlaps module's public surface: what other modules may use. Anything not here is the module's own.
export { type CoordinationIssue, coordinationIssues, type DecisionWindow, type ShownCoordinationIssue, showCoordinationIssues } from './coordination.ts';
export { coordinationLine, decisionInWords } from './coordination-messages.ts';
export { overlapPairPath } from './paths.ts';
export { CoordinationList, UnplacedCoordination } from './coordination-views.tsx';
