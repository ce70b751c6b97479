// What the two compilers share (scripts/build-server.mjs for dist/, scripts/build-tests.mjs for a test run): the
// worker files, the rule that keeps `import.meta` on the sources, and esbuild's options.
import fs from 'node:fs';
import path from 'node:path';
import { repositoryRoot, workerOutputName } from '../bin/server-bundle.js';

export const srcDir = path.join(repositoryRoot, 'src');

/** Every `*-worker.ts(x)` under `dir` (each becomes an entry of its own). */
export function workerFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return workerFiles(full);
    return /-worker\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Each file's output name (bin/server-bundle.js `workerOutputName`, from src/) → the file; two files may not share one. */
export function entriesFor(files) {
  const entries = new Map();
  for (const file of files) {
    const name = workerOutputName(path.relative(srcDir, file));
    if (entries.has(name)) throw new Error(`Two files would share the output ${name}.js: ${entries.get(name)} and ${file}`);
    entries.set(name, file);
  }
  return entries;
}

/**
 * Every output sits in `outdir` itself, so `import.meta.url` (and `import.meta.dirname`) in a project file becomes
 * that file's own place, seen from there: `new URL('./style.css', import.meta.url)`, `createRequire(...)`, the
 * migrations folder and bin/server-bundle.js then find what they found before, with no copy beside the build.
 */
function sourceUrls(outdir) {
  return {
    name: 'source-urls',
    setup(build) {
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
  };
}

/**
 * esbuild's options for `entries` (output name → source file) built into `outdir`: ESM with shared chunks, so a
 * thread that imports two entries (the pool's thread and a task file) has one copy of each class and `instanceof
 * AppError` holds; dependencies left in node_modules (PGlite, the fonts and the native addons read files beside their
 * own code); `__CONCORD_BUNDLE__` says where the outputs are, seen from src/, for the compiled worker-url.ts.
 * `outdir` is where the files end up: `building` (default `outdir`) is where esbuild writes them first.
 */
export function bundleOptions(entries, outdir, building = outdir) {
  return {
    absWorkingDir: repositoryRoot,
    entryPoints: [...entries].map(([out, file]) => ({ in: file, out })),
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
    define: { __CONCORD_BUNDLE__: JSON.stringify(path.relative(srcDir, outdir).split(path.sep).join('/') + '/') },
    plugins: [sourceUrls(outdir)],
    logLevel: 'warning',
  };
}
