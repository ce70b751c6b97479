// The circulars module's public surface: what other modules may use. Anything not here is the module's own.
export { checkPath } from './views.tsx';
export { canCirculars } from './policy.ts';
