#!/usr/bin/env node
// `npm run db:generate [-- --name add_x]`: runs `drizzle-kit generate` with the arguments given (npm appends them to
// the script's last command, so they reach drizzle-kit only when it is this script that calls it), then keeps only
// the newest schema snapshot. drizzle-kit diffs the schema against the newest one to write the next migration; the
// migrations themselves (SQL + _journal.json) are what the app applies, so the older snapshots are generated copies
// nobody reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const generate = spawnSync('npx', ['drizzle-kit', 'generate', ...process.argv.slice(2)], { stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

const meta = path.resolve('src/db/migrations/meta');
const snapshots = fs.readdirSync(meta).filter((f) => /^\d+_snapshot\.json$/.test(f)).sort();
for (const file of snapshots.slice(0, -1)) fs.rmSync(path.join(meta, file));
