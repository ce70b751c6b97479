// Run by bench/startup.ts in a fresh process: opens a test database N times in a row and prints the timings as JSON.
// A fresh process matters: node's test runner gives every test file its own process, so the first database opened
// in a process (which also loads and compiles PGlite's WebAssembly) is the one each test file waits for.
import { openDatabase } from '../../src/db/engine.ts';
import { users } from '../../src/db/schema.ts';
import { openTestDatabase } from '../../test/support/database.ts';

export type ProbeKind = 'pglite-migrate' | 'pglite-snapshot' | 'postgres-template';
export type ProbeSample = { readyMs: number; cpuMs: number; firstQueryMs: number };

async function openOnce(kind: ProbeKind): Promise<ProbeSample> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const database =
    kind === 'pglite-migrate'
      ? await openDatabase({ engine: 'pglite' }).then(async (opened) => {
          await opened.migrate();
          return opened;
        })
      : await openTestDatabase(kind === 'pglite-snapshot' ? 'pglite' : 'postgres');
  const readyMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  // The first query shows what "ready" leaves out: node-postgres connects lazily, on the first query.
  await database.db.select().from(users).limit(1);
  const firstQueryMs = performance.now() - started;
  await database.close();
  return { readyMs, cpuMs: (cpu.user + cpu.system) / 1000, firstQueryMs };
}

const [kind, timesArgument] = process.argv.slice(2);
if (kind !== 'pglite-migrate' && kind !== 'pglite-snapshot' && kind !== 'postgres-template') {
  throw new Error(`Unknown probe "${kind}"`);
}
const samples: ProbeSample[] = [];
for (let i = 0; i < Number(timesArgument ?? 1); i++) samples.push(await openOnce(kind));
process.stdout.write(JSON.stringify(samples) + '\n');
