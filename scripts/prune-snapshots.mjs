#!/usr/bin/env node
// After `drizzle-kit generate`: keeps only the newest schema snapshot. drizzle-kit diffs the schema against the newest
// one to write the next migration; the migrations themselves (SQL + _journal.json) are what the app applies, so the
// older snapshots are generated copies nobody reads.
import fs from 'node:fs';
import path from 'node:path';

const meta = path.resolve('src/db/migrations/meta');
const snapshots = fs.readdirSync(meta).filter((f) => /^\d+_snapshot\.json$/.test(f)).sort();
for (const file of snapshots.slice(0, -1)) fs.rmSync(path.join(meta, file));
