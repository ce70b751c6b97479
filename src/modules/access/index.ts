// The access module's public surface: what other modules may use. Anything not here is the module's own.
export { canInvitation } from './policy.ts';
