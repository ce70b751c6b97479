// The gaps module's public surface: what other modules may use. Anything not here is the module's own.
export { type GapView, listGaps } from './gaps.ts';
export { canGaps } from './policy.ts';
export { gapProposalsToDecide } from './gap-work.ts';
