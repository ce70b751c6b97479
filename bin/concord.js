#!/usr/bin/env node
// The package's command. It runs the compiled server (dist/, built by `npm install`) when that is up to date with the
// sources; otherwise (a source edited since, or no build) the sources themselves through tsx's loader, as tests and
// development do, so an edit is never silently ignored. CONCORD_DIST names another build (the tests use it; read here
// because it is decided before the configuration, src/config.ts, is loaded).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntry, bundleStaleReason, defaultDistDir } from './server-bundle.js';

const distDir = process.env.CONCORD_DIST ? path.resolve(process.env.CONCORD_DIST) : defaultDistDir;
const stale = bundleStaleReason(distDir);
if (stale === undefined) {
  // Source maps are not turned on here: Node would read every .map at load (about 90 ms of a start). The compiled code
  // is not minified and names its source files; `node --enable-source-maps bin/concord.js` maps stack traces back.
  await import(pathToFileURL(bundleEntry(distDir)).href);
} else {
  // Told to a person at a terminal only: scripts and tests read this command's standard error as its answer.
  if (process.stderr.isTTY) process.stderr.write(`Running from the TypeScript sources (${stale}; \`npm run build\` compiles them again).\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
