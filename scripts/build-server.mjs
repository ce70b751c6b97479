#!/usr/bin/env node
// Compiles the server ahead (run by `npm install`'s prepare step, or `npm run build`): src/main.ts and every
// src/**/*-worker.ts become ESM files in dist/, which bin/concord.js runs instead of transforming TypeScript through
// tsx at each start (measured in ARCHITECTURE.md, "Chosen differently from DESIGN.md"). Dependencies stay in
// node_modules (`packages: 'external'`): several read their own files beside them (PGlite's WebAssembly, fonts, native
// addons). Shared code goes into chunks, so a worker thread that imports two entries (the pool's thread and a task
// file) holds one copy of each class, and `instanceof AppError` still holds across them.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { defaultDistDir, repositoryRoot, writeBundleManifest } from '../bin/server-bundle.js';
import { bundleOptions, entriesFor, srcDir, workerFiles } from './bundle.mjs';

// --outdir: a build elsewhere (test/compiled-server.test.ts builds its own, leaving dist/ alone).
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const distDir = values.outdir ? path.resolve(values.outdir) : defaultDistDir;

const started = performance.now();
const names = entriesFor(workerFiles(srcDir));

// Built beside dist/ and swapped in at the end, so a running server never sees half a build.
const building = `${distDir}.building`;
fs.rmSync(building, { recursive: true, force: true });
const result = await esbuild.build({
  ...bundleOptions([['main', path.join(srcDir, 'main.ts')], ...names], distDir, building),
  metafile: true,
});
fs.rmSync(distDir, { recursive: true, force: true });
fs.renameSync(building, distDir);
const inputs = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('src/'));
writeBundleManifest(distDir, inputs, { workers: [...names.keys()] });
const bytes = fs.readdirSync(distDir).reduce((sum, file) => sum + (file.endsWith('.js') ? fs.statSync(path.join(distDir, file)).size : 0), 0);
process.stdout.write(
  `Compiled the server: ${inputs.length} source files into ${path.relative(repositoryRoot, distDir)}/main.js and ${names.size} worker entries ` +
    `(${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
);
