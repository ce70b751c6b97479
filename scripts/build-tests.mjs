// Compiles test files ahead, as scripts/build-server.mjs compiles the server: each test file and every `*-worker.ts`
// becomes an ESM file in one output folder, which `node --test` runs without tsx. Through tsx every test process spent
// about 2 s (3 s of CPU) importing the app before its first test, its loader hooks answering each of some thousand
// modules from another thread; 200 files a CI run made that several minutes of a 2-core machine.
// `import.meta.url` keeps naming the source file (as in dist/), so fixtures, templates, migrations and workers are
// found where they were; `__CONCORD_BUNDLE__` sends worker threads to their compiled entries here.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repositoryRoot, workerOutputName } from '../bin/server-bundle.js';
import { bundleOptions, entriesFor, srcDir, workerFiles } from './bundle.mjs';

/**
 * Builds `tests` (paths relative to the repository) into `outdir`, replacing what was there. Returns each test's
 * output file, in the order given.
 */
export async function buildTests(tests, outdir) {
  const files = tests.map((test) => path.join(repositoryRoot, test));
  const entries = entriesFor([...workerFiles(srcDir), ...workerFiles(path.join(repositoryRoot, 'test')), ...files]);
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build(bundleOptions(entries, outdir));
  const outputs = files.map((file) => path.join(outdir, `${workerOutputName(path.relative(srcDir, file))}.js`));
  // For reporters: which source each output runs (scripts/slowest-files.mjs names the source).
  fs.writeFileSync(path.join(outdir, 'sources.json'), JSON.stringify(Object.fromEntries(outputs.map((output, i) => [path.basename(output), tests[i]]))));
  return outputs;
}
