// The circulars module's public surface: what other modules may use. Anything not here is the module's own.
export { checkPath, circularsPath } from './views.tsx';
export { circularMessages } from './messages.ts';
export { canCirculars } from './policy.ts';
