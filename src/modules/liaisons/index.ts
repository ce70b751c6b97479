// The liaisons module's public surface: what other modules may use. Anything not here is the module's own.
export { publicLiaisons } from './liaison-queries.ts';
