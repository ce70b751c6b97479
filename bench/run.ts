// `npm run bench [-- name… ] [-- --runs N]`: runs every bench/*.ts (except this file), each in its own process so one
// benchmark's memory and caches do not colour the next. A new benchmark is a new file here; nothing to register.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { referenceWorkloadMs, repositoryRoot } from './support/measurements.ts';

const benchDirectory = path.join(repositoryRoot, 'bench');
const argv = process.argv.slice(2);
const optionStart = argv.findIndex((a) => a.startsWith('--'));
const names = optionStart < 0 ? argv : argv.slice(0, optionStart);
const options = optionStart < 0 ? [] : argv.slice(optionStart);

const available = fs
  .readdirSync(benchDirectory)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
const unknown = names.filter((name) => !available.includes(name));
if (unknown.length) {
  process.stderr.write(`No benchmark named ${unknown.join(', ')}. Available: ${available.join(', ')}\n`);
  process.exit(1);
}
const selected = names.length ? names : available;

// The same CPU work before each benchmark: on a shared virtual machine its time moves by half from hour to hour.
const yardstick = () => process.stdout.write(`Reference workload (fixed CPU work, lower is a faster machine): ${referenceWorkloadMs()} ms\n`);
const failed: string[] = [];
for (const name of selected) {
  process.stdout.write(`\n=== bench/${name}.ts ===\n`);
  yardstick();
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`), ...options], {
    cwd: repositoryRoot,
    stdio: 'inherit',
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    failed.push(name);
    process.stdout.write(`=== ${name} FAILED (exit code ${result.status ?? result.signal}) after ${seconds} s ===\n`);
  } else {
    process.stdout.write(`=== ${name} done in ${seconds} s ===\n`);
  }
}
if (failed.length) {
  process.stderr.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
