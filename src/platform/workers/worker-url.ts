// Where a worker's code is. The one place that turns a `*-worker.ts` file into what Node can start or import: from the
// sources (tsx) or from the compiled server in dist/ (scripts/build-server.mjs makes each `*-worker.ts` an entry there).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledOutputs } from '../compiled.ts';

// In the compiled server every `import.meta.url` still names the source file (build-server.mjs), so this is src/.
const srcRoot = new URL('../../', import.meta.url);

/**
 * `src/modules/a/b-worker.ts` → `dist/modules.a.b-worker.js` (the rule of bin/server-bundle.js `workerOutputName`;
 * a test's worker outside src/, compiled by scripts/build-tests.mjs, is named by the same rule from src/).
 */
function compiledWorker(file: URL, outputs: string): URL {
  const name = path.relative(fileURLToPath(srcRoot), fileURLToPath(file)).split(path.sep).join('/').replace(/\.tsx?$/, '').replaceAll('/', '.');
  return new URL(`${name}.js`, new URL(outputs, srcRoot));
}

/**
 * The URL to load `file` (a `*-worker.ts`) from. `thread`: what `new Worker()` is given: from the sources, the `.mjs`
 * stub beside it, which registers tsx first (on Node 20 a worker thread inherits neither `--import tsx` nor
 * `register()`); compiled, the worker's own entry in dist/. `module`: what a thread imports to find the file's tasks.
 */
export function workerFileUrl(file: URL, use: 'thread' | 'module'): URL {
  if (!/-worker\.ts$/.test(file.pathname)) throw new Error(`A worker's file is named *-worker.ts: ${file.pathname}`);
  if (compiledOutputs !== undefined) return compiledWorker(file, compiledOutputs);
  return use === 'thread' ? new URL(file.href.replace(/\.ts$/, '.mjs')) : file;
}
