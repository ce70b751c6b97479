// The PostgreSQL file store: a file of the upload limit (UPLOAD_MAX_MB, 20 MB by default) read as one bytea value in
// one query, against read in 1 MB chunks (`readStoredFile`, as downloads and ZIPs do; `get` gathers the same chunks):
// time and the memory this process grows by while reading. Needs TEST_DATABASE_URL (a PostgreSQL server); prints
// figures only. `npm run bench file-store [-- --mb 20]`
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openTestDatabase } from '../test/support/database.ts';
import { eq } from 'drizzle-orm';
import { fileStoreFor, readStoredFile } from '../src/platform/file-store.ts';
import { storedFiles } from '../src/platform/schema.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '20' }, runs: { type: 'string', default: '3' } } });
const megabytes = Number(values.mb);
const runs = Number(values.runs);
if (!process.env.TEST_DATABASE_URL) {
  process.stdout.write('file-store: skipped (set TEST_DATABASE_URL to a PostgreSQL server)\n');
  process.exit(0);
}

const gc = (globalThis as { gc?: () => void }).gc;
const held = () => {
  gc?.();
  const m = process.memoryUsage();
  return m.rss;
};

const database = await openTestDatabase('postgres');
try {
  const config = { dataDir: '/nonexistent' };
  const store = fileStoreFor(config, database.db);
  const bytes = Buffer.alloc(megabytes * 1048576);
  // Incompressible, as PDF and Office files are (PostgreSQL would otherwise compress the value and flatter it).
  for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let started = performance.now();
  await store.put(sha256, bytes);
  process.stdout.write(`put ${megabytes} MB: ${Math.round(performance.now() - started)} ms\n`);

  for (let run = 1; run <= runs; run++) {
    let base = held();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - base)), 5);
    started = performance.now();
    const [row] = await database.db.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.sha256, sha256));
    const whole = row?.bytes;
    const wholeMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss - base);
    if (whole?.length !== bytes.length) throw new Error('the query returned other bytes');
    const wholePeak = peak;

    base = held();
    peak = 0;
    const streamSampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - base)), 5);
    started = performance.now();
    let received = 0;
    for await (const chunk of readStoredFile(config, database.db, sha256)) received += (chunk as Buffer).length;
    const streamMs = performance.now() - started;
    clearInterval(streamSampler);
    peak = Math.max(peak, process.memoryUsage().rss - base);
    if (received !== bytes.length) throw new Error('the stream returned other bytes');
    if (!(await store.get(sha256))?.equals(bytes)) throw new Error('get returned other bytes');
    process.stdout.write(
      `run ${run}: one query ${Math.round(wholeMs)} ms, +${Math.round(wholePeak / 1048576)} MB resident; ` +
        `stream of 1 MB chunks ${Math.round(streamMs)} ms, +${Math.round(peak / 1048576)} MB resident\n`,
    );
  }
} finally {
  await database.close();
}
