// A test reporter that prints, once the run ends, the files that took longest (the sum of their top-level tests'
// durations, so without each file's start-up: importing the app, about 2 s a file from the sources, 0.5 s compiled). CI has 20 minutes for the whole suite on both engines: this list,
// at the end of every run's log, says where the time goes.
import fs from 'node:fs';
import path from 'node:path';

/** A compiled test (scripts/build-tests.mjs) is named by its source, from the sources.json beside it. */
const sourcesOf = new Map();
function sourceOf(file) {
  const dir = path.dirname(file);
  if (!sourcesOf.has(dir)) {
    try {
      sourcesOf.set(dir, JSON.parse(fs.readFileSync(path.join(dir, 'sources.json'), 'utf8')));
    } catch {
      sourcesOf.set(dir, {});
    }
  }
  return sourcesOf.get(dir)[path.basename(file)] ?? path.relative(process.cwd(), file);
}

export default async function* slowestFiles(source) {
  const seconds = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const file = sourceOf(event.data.file);
      seconds.set(file, (seconds.get(file) ?? 0) + (event.data.details?.duration_ms ?? 0) / 1000);
    }
  }
  const slowest = [...seconds].sort((a, b) => b[1] - a[1]).slice(0, 20);
  const total = [...seconds.values()].reduce((sum, s) => sum + s, 0);
  yield `\nSlowest test files (seconds, of ${Math.round(total)} s summed over ${seconds.size} files):\n`;
  for (const [file, s] of slowest) yield `${s.toFixed(1).padStart(8)}  ${file}\n`;
}
