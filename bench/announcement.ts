// Announcement benchmark: an announcement (text, HTML version, one stored attachment) to a list of 10,000 confirmed
// subscribers, from the moment it is queued until the last mail has been accepted by an SMTP server running in this
// process (smtp-server, counting what it accepts). Measures the fan-out job (recipient rows + one outbox mail each, one
// transaction) and the delivery by the worker's own function (drainDueMail, once per 2-second tick as the worker
// calls it), with the worker's transport. Goal from the liaisons/contacts/mailing-lists issue: ≤ 60 s in all.
// On PGlite always, and on PostgreSQL when TEST_DATABASE_URL is set. Run with `npm run bench -- announcement [--runs N]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { jobHandlers } from '../test/support/jobs.ts';
import { createActivity } from '../src/modules/activities/activities.ts';
import { sendAnnouncement } from '../src/modules/mailing-lists/announcements.ts';
import { ensureList } from '../src/modules/mailing-lists/lists.ts';
import { listSubscriptions } from '../src/modules/mailing-lists/schema.ts';
import { systemActor } from '../src/platform/actor.ts';
import { checkUpload } from '../src/platform/files.ts';
import { runDueJobs } from '../src/platform/jobs.ts';
import { createSmtpTransport } from '../src/platform/mail/outbox.ts';
import { drainDueMail } from '../src/platform/worker.ts';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';

const subscribersAt = process.argv.indexOf('--subscribers');
/** 10,000 as the issue says; `--subscribers N` for a quicker look. */
const subscriberCount = subscribersAt >= 0 ? Number(process.argv[subscribersAt + 1]) : 10_000;
const goalMs = 60_000;
const runs = runsFromArguments(process.argv.slice(2), 1);
const loadAverageAtStart = loadAverage();

type Sample = { fanOutMs: number; deliveryMs: number; totalMs: number; fanOutCpuMs: number; deliveryCpuMs: number; totalCpuMs: number };
/** CPU time (user + system) this process has used: the SMTP server, the database (PGlite) and Concord all run in it. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The receiving side: a real SMTP server (smtp-server) in this process that accepts every message and keeps only what
 * the check needs (each recipient, and the headers of the first message), as a mail relay would; keeping and parsing
 * every message as the test server does would charge its own cost to Concord's figure.
 */
async function startCountingSmtpServer() {
  const recipients: string[] = [];
  let firstHeaders = '';
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let head = firstHeaders ? undefined : '';
      stream.on('data', (chunk: Buffer) => {
        if (head !== undefined && head.length < 8192) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        if (head !== undefined && !firstHeaders) firstHeaders = head.slice(0, head.indexOf('\r\n\r\n'));
        for (const r of session.envelope.rcptTo) recipients.push(r.address);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    recipients,
    firstHeaders: () => firstHeaders,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function measure(engine: Engine, run: number): Promise<Sample> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-announcement-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'https://concord.example' });
  const database = await openTestDatabase(engine);
  const smtp = await startCountingSmtpServer();
  try {
    const db = database.db;
    const actor = systemActor('bench');
    const activity = await createActivity(db, actor, { acronym: `JCA-BENCH${run}`, nameEn: 'Benchmark activity', visibility: 'public', status: 'active' }, 'en', {
      scope: 'Benchmark.', objectives: [], participation: '', workingMethods: '', administrativeSupport: '', meetings: '', reporting: '', duration: '', changeNote: '',
    });
    const list = await db.transaction((tx) => ensureList(tx, activity, config.baseUrl));
    for (let i = 0; i < subscriberCount; i += 1000) {
      await db.insert(listSubscriptions).values(
        Array.from({ length: Math.min(1000, subscriberCount - i) }, (_, j) => ({
          listId: list.id,
          email: `subscriber-${i + j}@bench.example`,
          status: 'active' as const,
          source: 'self' as const,
          unsubscribeToken: `bench-${run}-${i + j}-${Math.random().toString(36).slice(2)}`,
        })),
      );
    }
    const agenda = Buffer.from(`Draft agenda\n${'1 Opening; 2 Adoption of the agenda; 3 Review of the terms of reference.\n'.repeat(40)}`);
    const file = await checkUpload({ fileName: 'agenda.txt', contentType: 'text/plain', bytes: agenda }, { field: 'file', allowed: ['txt'], maxBytes: 10 * 1024 * 1024, locale: 'en' });
    const text = `Dear colleagues,\n\nThe second meeting of ${activity.acronym} takes place in Geneva.\n\n- Contributions by 13 March\n- Registration: https://www.itu.int/reg\n\n${'Details follow in the attached agenda. '.repeat(20)}`;

    const started = performance.now();
    const cpuStarted = cpuMs();
    await sendAnnouncement(db, actor, activity.id, { subject: 'Second meeting', text, html: true }, [file], { dataDir });
    await runDueJobs(db, jobHandlers, { config });
    const fannedOut = performance.now();
    const cpuFannedOut = cpuMs();
    // The worker's transport and rhythm: each 2-second tick drains the outbox (drainDueMail: rounds while they come back
    // full), so the figure includes any wait for the next tick that a real worker has.
    const transport = createSmtpTransport(smtp.url);
    try {
      const tickMs = 2000;
      const deliveryStarted = performance.now();
      for (;;) {
        const sent = await drainDueMail(db, transport, { from: config.mailFrom, dataDir });
        // Stop the clock when the last mail is accepted, not at the next (empty) tick.
        if (!sent || smtp.recipients.length >= subscriberCount) break;
        const intoTick = (performance.now() - deliveryStarted) % tickMs;
        await new Promise((resolve) => setTimeout(resolve, tickMs - intoTick));
      }
    } finally {
      transport.close();
    }
    const finished = performance.now();
    const cpuFinished = cpuMs();
    const [row] = await db.select({ n: listSubscriptions.id }).from(listSubscriptions).where(eq(listSubscriptions.listId, list.id)).limit(1);
    if (!row) throw new Error('no subscribers');
    const unique = new Set(smtp.recipients);
    if (smtp.recipients.length !== subscriberCount || unique.size !== subscriberCount) {
      throw new Error(`expected ${subscriberCount} mails to distinct subscribers, got ${smtp.recipients.length} to ${unique.size}`);
    }
    if (!/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m.test(smtp.firstHeaders())) throw new Error('mail without List-Unsubscribe-Post');
    return {
      fanOutMs: fannedOut - started,
      deliveryMs: finished - fannedOut,
      totalMs: finished - started,
      fanOutCpuMs: cpuFannedOut - cpuStarted,
      deliveryCpuMs: cpuFinished - cpuFannedOut,
      totalCpuMs: cpuFinished - cpuStarted,
    };
  } finally {
    await smtp.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown> = {};
for (const engine of testEngines()) {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    const sample = await measure(engine, run);
    process.stdout.write(`${engine} run ${run + 1}: fan-out ${(sample.fanOutMs / 1000).toFixed(2)} s, delivery ${(sample.deliveryMs / 1000).toFixed(2)} s, total ${(sample.totalMs / 1000).toFixed(2)} s (cpu ${(sample.totalCpuMs / 1000).toFixed(2)} s)\n`);
    samples.push(sample);
  }
  const measurements: Measurement[] = [
    { id: 'fan-out', label: `fan-out job: ${subscriberCount.toLocaleString('en')} recipients + outbox rows`, summary: summarize(samples.map((s) => s.fanOutMs)), cpu: summarize(samples.map((s) => s.fanOutCpuMs)) },
    { id: 'delivery', label: 'delivery to the SMTP server (the worker’s drainDueMail per tick)', summary: summarize(samples.map((s) => s.deliveryMs)), cpu: summarize(samples.map((s) => s.deliveryCpuMs)) },
    { id: 'total', label: 'announcement queued → last mail accepted', summary: summarize(samples.map((s) => s.totalMs)), cpu: summarize(samples.map((s) => s.totalCpuMs)), goalMs },
  ];
  printTable(`Announcement to ${subscriberCount.toLocaleString('en')} subscribers on ${engine}`, measurements);
  results[engine] = measurements;
}
const file = writeResults('announcement', { subscribers: subscriberCount, runs, loadAverageAtStart, results });
process.stdout.write(`\nFigures written to ${path.relative(process.cwd(), file)}\n`);
