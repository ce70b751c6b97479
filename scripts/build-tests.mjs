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

const srcDir = path.join(repositoryRoot, 'src');

function workerFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return workerFiles(full);
    return /-worker\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every output sits in `outdir` itself, so each source's `import.meta.url` is its own place, seen from there. */
const sourceUrls = (outdir) => ({
  name: 'source-urls',
  setup(build) {
    // The project's own files, TypeScript or not (bin/server-bundle.js finds the repository from its own place).
    build.onLoad({ filter: /\.(tsx?|m?js)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      const fromOut = path.relative(outdir, args.path).split(path.sep).join('/');
      const contents = text
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`)
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)));
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
});

/**
 * Builds `tests` (paths relative to the repository) into `outdir`, replacing what was there. Returns each test's
 * output file, in the order given.
 */
export async function buildTests(tests, outdir) {
  const workers = [...workerFiles(srcDir), ...workerFiles(path.join(repositoryRoot, 'test'))];
  const entries = new Map();
  const add = (file) => {
    const name = workerOutputName(path.relative(srcDir, file));
    if (entries.has(name)) throw new Error(`Two files would share ${name}.js: ${entries.get(name)} and ${file}`);
    entries.set(name, file);
  };
  for (const file of workers) add(file);
  for (const test of tests) add(path.join(repositoryRoot, test));
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: repositoryRoot,
    entryPoints: [...entries].map(([out, file]) => ({ in: file, out })),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunk-[hash]',
    keepNames: true,
    sourcemap: 'linked',
    define: { __CONCORD_BUNDLE__: JSON.stringify(path.relative(srcDir, outdir).split(path.sep).join('/') + '/') },
    plugins: [sourceUrls(outdir)],
    logLevel: 'warning',
  });
  const outputs = tests.map((test) => path.join(outdir, `${workerOutputName(path.relative(srcDir, path.join(repositoryRoot, test)))}.js`));
  // For reporters: which source each output runs (scripts/slowest-files.mjs names the source).
  fs.writeFileSync(path.join(outdir, 'sources.json'), JSON.stringify(Object.fromEntries(outputs.map((output, i) => [path.basename(output), tests[i]]))));
  return outputs;
}
