// A test reporter that prints, once the run ends, the files that took longest (the sum of their top-level tests'
// durations, so without each file's start-up). CI has 20 minutes for the whole suite on both engines: this list,
// at the end of every run's log, says where the time goes.
import path from 'node:path';

export default async function* slowestFiles(source) {
  const seconds = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const file = path.relative(process.cwd(), event.data.file);
      seconds.set(file, (seconds.get(file) ?? 0) + (event.data.details?.duration_ms ?? 0) / 1000);
    }
  }
  const slowest = [...seconds].sort((a, b) => b[1] - a[1]).slice(0, 20);
  const total = [...seconds.values()].reduce((sum, s) => sum + s, 0);
  yield `\nSlowest test files (seconds, of ${Math.round(total)} s summed over ${seconds.size} files):\n`;
  for (const [file, s] of slowest) yield `${s.toFixed(1).padStart(8)}  ${file}\n`;
}
