// The documents module's public surface: what other modules may use. Anything not here is the module's own.
export { addRevision, createDocument, documentFileKinds, documentFilePath, updatePlacement } from './documents.ts';
export { canDocument, isActivityReader } from './policy.ts';
export { contributionsOf } from './contribution-work.ts';
