// The liaisons module's public surface: what other modules may use. Anything not here is the module's own.
export { createLiaisonIn, type LiaisonContext } from './liaison-changes.ts';
export type { LiaisonInput } from './liaison-inputs.ts';
export { liaisonHref } from './liaison-mail.ts';
export { type LiaisonRow, liaisonRepresentatives, liaisonStatusesOf, publicLiaisons, referenceOf, todayOf } from './liaison-queries.ts';
export { type LiaisonWork, liaisonWorkOf, openLiaisonsOf } from './liaison-work.ts';
