// Meeting ZIP benchmark: a meeting with 300 documents of 512 KB each (150 MB of files on disk), downloaded as one ZIP
// through a listening server with node:http, as a browser would. Reports the time to the first byte and to the last,
// the throughput, and (on a first, untimed download) the memory still reachable after a full garbage collection every
// 16 MB received, above the level before the download: the issue asks that "the ZIP of all documents streams without holding files in memory".
// PGlite (the database only lists the files; the bytes come from disk). Run with `npm run bench -- meeting-zip [--runs N]`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createActivity } from '../src/modules/activities/activities.ts';
import { createDocument } from '../src/modules/documents/documents.ts';
import { createMeeting } from '../src/modules/meetings/meetings.ts';
import { systemActor } from '../src/platform/actor.ts';
import { storedFilePath } from '../src/platform/file-store.ts';
import { openTestDatabase } from '../test/support/database.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const documentCount = 300;
const fileBytes = 512 * 1024;
const runs = runsFromArguments(process.argv.slice(2), 5);
const loadAverageAtStart = loadAverage();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-zip-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'https://concord.example' });
const database = await openTestDatabase('pglite');
const app = await buildApp({ config, database, logger: false });
try {
  const db = database.db;
  const actor = systemActor('bench');
  const activity = await createActivity(db, actor, { acronym: 'JCA-ZIP', nameEn: 'ZIP benchmark', visibility: 'public', status: 'active' }, 'en', {
    scope: 'Benchmark.', objectives: [], participation: '', workingMethods: '', administrativeSupport: '', meetings: '', reporting: '', duration: '', changeNote: '',
  });
  const meeting = await createMeeting(
    db,
    actor,
    activity.id,
    { title: 'ZIP meeting', mode: 'virtual', timeZone: 'Europe/Zurich', startDate: '2030-03-20', startTime: '09:30', endDate: '2030-03-20', endTime: '17:30' },
    { locale: 'en', baseUrl: config.baseUrl },
  );
  const bytes = Buffer.alloc(fileBytes);
  for (let i = 0; i < documentCount; i++) {
    const sha256 = (i + 1).toString(16).padStart(64, 'f');
    bytes.fill(i % 251);
    const target = storedFilePath(dataDir, sha256);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
    await db.transaction((tx) =>
      createDocument(tx, actor, {
        activityId: activity.id,
        meetingId: meeting.id,
        kind: 'td',
        title: `Document ${i}`,
        access: 'public',
        files: [{ fileName: `document-${i}.pdf`, contentType: 'application/pdf', size: fileBytes, sha256 }],
      }),
    );
  }
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `${address}/activities/${activity.acronym}/meetings/${meeting.number}/documents.zip`;
  const retained = () => {
    collectGarbage();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const download = async (measureMemory: boolean) => {
    const started = performance.now();
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, resolve).on('error', reject));
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
    let firstByte = 0;
    let received = 0;
    let nextCheck = 0;
    let peak = 0;
    const baseline = measureMemory ? retained() : 0;
    for await (const part of response as AsyncIterable<Buffer>) {
      if (!firstByte) firstByte = performance.now() - started;
      received += part.length;
      if (measureMemory && received >= nextCheck) {
        peak = Math.max(peak, retained() - baseline);
        nextCheck += 16 * 1048576;
      }
    }
    return { firstByte, total: performance.now() - started, received, peak };
  };
  // The first download warms up and measures memory (a full collection every 16 MB slows it); the timed ones do not.
  const peak = (await download(true)).peak;
  const totals: number[] = [];
  const firstBytes: number[] = [];
  let received = 0;
  for (let i = 0; i < runs; i++) {
    const result = await download(false);
    totals.push(result.total);
    firstBytes.push(result.firstByte);
    received = result.received;
  }
  const measurements: Measurement[] = [
    { id: 'first-byte', label: 'time to the first byte', summary: summarize(firstBytes) },
    { id: 'whole-zip', label: `whole ZIP (${Math.round(received / 1048576)} MB)`, summary: summarize(totals) },
  ];
  printTable(`Meeting ZIP: ${documentCount} documents of ${fileBytes / 1024} KB, through a listening server`, measurements);
  const medianTotal = summarize(totals).medianMs;
  const throughput = Math.round(received / 1048576 / (medianTotal / 1000));
  process.stdout.write(`throughput at the median: ${throughput} MB/s; memory still reachable during a download: at most ${(peak / 1048576).toFixed(1)} MB above the level before it\n`);
  const file = writeResults('meeting-zip', { documents: documentCount, fileBytes, zipBytes: received, runs, loadAverageAtStart, throughputMBs: throughput, peakRetainedBytes: peak, measurements });
  process.stdout.write(`Figures written to ${path.relative(process.cwd(), file)}\n`);
} finally {
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
