#!/usr/bin/env node
// Runs every *.test.ts(x) under src/ and test/ with node's test runner (Node 20 has no glob for --test).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

const filter = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.test\.tsx?$/.test(entry.name)) files.push(full);
  }
};
walk('src');
walk('test');
// TEST_BROWSER=0 leaves out the browser flows (test/browser): CI runs them on one runtime, the rest on every one.
const browserless = process.env.TEST_BROWSER === '0';
// TEST_ONCE=0 leaves out the files whose subject no engine or runtime changes, which CI runs once (with PostgreSQL):
// reading the source (layers, French typography, SECURITY.md, the API reference), the compiled server's build, the
// authorization matrix, whose answers come from the policies above the database (PGlite is PostgreSQL itself; the
// modules' own tests run every visibility query on both engines; the matrix took 535 s of CI's PGlite run against
// 159 s on PostgreSQL), and the hostile-input properties, whose values are refused above the database too (what only
// one engine refuses, PostgreSQL's jsonb and its driver, is where they run; 139 s on PGlite).
// The CLI's tests (src/main.test.ts) run it on PGlite whatever the engine asked for: the same test in both runs (80 s).
const onceOnly = ['test/layers', 'test/french', 'test/security-docs', 'test/api-reference', 'test/authorization-matrix', 'test/hostile-input', 'test/compiled-server', 'src/main.test'];
// So are the files that use no engine at all (rules, formats, the text index: plain JavaScript, which the Node 20 and
// Node 22 runs cover): a file uses one when it builds the app, opens a database or spawns a process.
const usesAnEngine = (file) => /\b(testEngines|createTestApp|openDatabase|TEST_DATABASE_URL|spawn|spawnSync|execFile)\b/.test(readFileSync(file, 'utf8'));
const once = process.env.TEST_ONCE !== '0';
const posix = (file) => file.split(path.sep).join('/');
const selected = (filter.length ? files.filter((f) => filter.some((p) => f.includes(p))) : files).filter(
  (f) => (!browserless || !f.startsWith(path.join('test', 'browser'))) && (once || (!onceOnly.some((prefix) => posix(f).startsWith(prefix)) && usesAnEngine(f))),
);
if (!selected.length) {
  console.error(`No test file matches ${filter.join(' ')}`);
  process.exit(1);
}
// The longest files start first: files run two at a time, and one long file started last would run alone at the end.
const longest = ['test/browser/', 'test/crash', 'test/authorization-matrix', 'test/hostile-input', 'test/several-servers', 'src/modules/backups/'];
const rank = (file) => {
  const at = longest.findIndex((prefix) => posix(file).startsWith(prefix));
  return at < 0 ? longest.length : at;
};
const ordered = selected.sort().sort((a, b) => rank(a) - rank(b));
// TEST_LIST=1 prints the files a run would take, in order, and runs none.
if (process.env.TEST_LIST === '1') {
  console.log(ordered.join('\n'));
  process.exit(0);
}
// The type check first (TypeScript's own compiler: esbuild below only strips the types). TEST_TYPECHECK=0 leaves it
// out: CI checks the types once, in its PostgreSQL run, not again in the runs beside it (17 s of CPU each).
if (process.env.TEST_TYPECHECK !== '0') {
  const checked = spawnSync(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit'], { stdio: 'inherit' });
  if (checked.status !== 0) {
    console.error('The type check failed (tsc --noEmit, above): no test was run.');
    process.exit(checked.status ?? 1);
  }
}
// The files run compiled (scripts/build-tests.mjs: each test process then starts in a quarter of the time it took
// through tsx), from a folder of this run's own, since CI runs two suites at once in one checkout. TEST_COMPILED=0
// runs the sources through tsx instead.
const compiled = process.env.TEST_COMPILED !== '0';
const outdir = path.resolve('.cache', `test-build-${process.pid}`);
let runnable = ordered;
if (compiled) {
  const { buildTests } = await import('./build-tests.mjs');
  const started = performance.now();
  runnable = await buildTests(ordered, outdir);
  console.log(`Compiled ${ordered.length} test files in ${((performance.now() - started) / 1000).toFixed(1)} s (TEST_COMPILED=0 runs them through tsx).`);
}
const result = spawnSync(
  process.execPath,
  [...(compiled ? ['--enable-source-maps'] : ['--import', 'tsx']), '--test', `--test-concurrency=${Math.max(2, availableParallelism())}`, '--test-reporter=spec',
    '--test-reporter-destination=stdout', '--test-reporter=./scripts/slowest-files.mjs', '--test-reporter-destination=stdout', ...runnable],
  { stdio: 'inherit' },
);
if (compiled) rmSync(outdir, { recursive: true, force: true });
process.exit(result.status ?? 1);
