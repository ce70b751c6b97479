// Starts the TypeScript worker: a worker thread does not inherit the parent's tsx loader on Node 20 (neither from
// `--import tsx` nor from bin/concord.js's register()), so it registers its own before importing the .ts file.
import { register } from 'tsx/esm/api';

register();
await import('./run-thread-worker.ts');
