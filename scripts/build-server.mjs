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
import { defaultDistDir, repositoryRoot, workerOutputName, writeBundleManifest } from '../bin/server-bundle.js';

const srcDir = path.join(repositoryRoot, 'src');
// --outdir: a build elsewhere (test/compiled-server.test.ts builds its own, leaving dist/ alone).
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const distDir = values.outdir ? path.resolve(values.outdir) : defaultDistDir;

function workerFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return workerFiles(full);
    return /-worker\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Every output sits in dist/ itself, so `import.meta.url` in a source file becomes that file's own place in src/,
 * relative to whichever output holds its code: `new URL('./style.css', import.meta.url)`, `createRequire(...)` and the
 * migrations folder then find what they found before, with no copy in dist/ to keep in step.
 */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (!args.path.startsWith(srcDir + path.sep)) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      const fromDist = path.relative(distDir, args.path).split(path.sep).join('/');
      const contents = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`);
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const started = performance.now();
const workers = workerFiles(srcDir);
const names = new Map();
for (const file of workers) {
  const name = workerOutputName(path.relative(srcDir, file));
  if (names.has(name)) throw new Error(`Two workers would share dist/${name}.js: ${names.get(name)} and ${file}`);
  names.set(name, file);
}

// Built beside dist/ and swapped in at the end, so a running server never sees half a build.
const building = `${distDir}.building`;
fs.rmSync(building, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: repositoryRoot,
  entryPoints: [{ in: path.join(srcDir, 'main.ts'), out: 'main' }, ...[...names].map(([out, file]) => ({ in: file, out }))],
  outdir: building,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  // Names survive bundling (esbuild renames clashing ones): error classes and logs keep theirs.
  keepNames: true,
  sourcemap: 'linked',
  // Where the outputs are, seen from src/: the compiled worker-url.ts finds the workers' entries there.
  define: { __CONCORD_BUNDLE__: JSON.stringify(path.relative(srcDir, distDir).split(path.sep).join('/') + '/') },
  plugins: [sourceUrls],
  metafile: true,
  logLevel: 'warning',
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
