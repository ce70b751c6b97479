// The reports module's public surface: what other modules may use. Anything not here is the module's own.
export { canReports } from './policy.ts';
export { reportMessages } from './messages.ts';
export { reportsPath } from './paths.ts';
