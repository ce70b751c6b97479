// Where a worker's code is. The one place that turns a `*-worker.ts` file into what Node can start or import, so that
// a compile-ahead build changes it here only (it will point at its own `*-worker.js` output instead).

/**
 * The URL to load `file` (a `*-worker.ts`) from. `thread`: what `new Worker()` is given, the `.mjs` stub beside it,
 * which registers tsx first (on Node 20 a worker thread inherits neither `--import tsx` nor `register()`).
 * `module`: what a pool thread, tsx already registered, imports to find the file's tasks.
 */
export function workerFileUrl(file: URL, use: 'thread' | 'module'): URL {
  if (!/-worker\.ts$/.test(file.pathname)) throw new Error(`A worker's file is named *-worker.ts: ${file.pathname}`);
  return use === 'thread' ? new URL(file.href.replace(/\.ts$/, '.mjs')) : file;
}
