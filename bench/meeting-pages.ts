// Meeting pages benchmark: a meeting with 400 registrations (through registerParticipant, onsite places limited so a
// waiting list exists) and 300 documents (through the documents module's createDocument), then the server time of
// its pages through app.inject (no network; the Server-Timing header gives the server's time): the overview for a
// visitor and a member, the participants page for a member and for the secretariat (all 400 names), and the
// meeting's documents page. Goal from the meetings issue: ≤ 20 ms at the 95th percentile. The pages keep what they
// read until the next change (platform/read-cache.ts), so the pages are also measured right after a change, each
// request preceded by one: the first view after someone registers or submits. PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set.
// Run with `npm run bench -- meeting-pages [--runs N]` (N requests per page, 200 by default).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { meetingFields } from '../test/fixtures/meetings.ts';
import { loadConfig } from '../src/config.ts';
import { createActivity } from '../src/modules/activities/activities.ts';
import { createDocument } from '../src/modules/documents/documents.ts';
import { announceMeeting, createMeeting } from '../src/modules/meetings/meetings.ts';
import { registerParticipant } from '../src/modules/meetings/registration-changes.ts';
import { registrationCapacities } from '../src/modules/meetings/schema.ts';
import { systemActor } from '../src/platform/actor.ts';
import { recordEvent } from '../src/platform/events.ts';
import { makeUser } from '../test/support/factories.ts';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';

const registrationCount = 400;
const documentCount = 300;
const goalMs = 20;
const requests = runsFromArguments(process.argv.slice(2), 200);
const loadAverageAtStart = loadAverage();

async function measureEngine(engine: Engine): Promise<Measurement[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-meetings-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'https://concord.example' });
  const database = await openTestDatabase(engine);
  const app = await buildApp({ config, database, logger: false });
  try {
    const db = database.db;
    const actor = systemActor('bench');
    const activity = await createActivity(db, actor, { acronym: 'JCA-BENCH', nameEn: 'Benchmark activity', visibility: 'public', status: 'active' }, 'en', {
      scope: 'Benchmark.', objectives: [], participation: '', workingMethods: '', administrativeSupport: '', meetings: '', reporting: '', duration: '', changeNote: '',
    });
    const ctx = { locale: 'en' as const, baseUrl: config.baseUrl };
    const meeting = await createMeeting(
      db,
      actor,
      activity.id,
      meetingFields({
        title: 'Benchmark meeting',
        startDate: '2030-03-20',
        startTime: '09:30',
        endDate: '2030-03-22',
        endTime: '17:30',
        remoteUrl: 'https://meet.example.org/bench',
        onsiteCapacity: 150,
        contributionDate: '2030-03-10',
        registrationDate: '2030-03-18',
      }),
      ctx,
    );
    await announceMeeting(db, actor, meeting.id, ctx);
    const setupStarted = performance.now();
    for (let i = 0; i < registrationCount; i++) {
      // Registered by the secretariat (Concord itself here), so they are confirmed at once: a visitor's registration
      // waits for its mail's link, and the participants page lists none of those.
      await registerParticipant(
        db,
        actor,
        activity,
        meeting.id,
        {
          name: `Participant ${i}`,
          email: `participant-${i}@bench.example`,
          affiliation: `Organization ${i % 37}`,
          organizationRepresented: `Country ${i % 53}`,
          capacity: registrationCapacities[i % registrationCapacities.length]!,
          country: `Country ${i % 53}`,
          mode: i % 2 ? 'remote' : 'onsite',
        },
        ctx,
      );
    }
    for (let i = 0; i < documentCount; i++) {
      await db.transaction((tx) =>
        createDocument(tx, actor, {
          activityId: activity.id,
          meetingId: meeting.id,
          kind: i % 3 ? 'contribution' : 'td',
          status: 'published',
          title: `Document ${i} on quantum key distribution network coordination`,
          source: `Organization ${i % 37}`,
          access: i % 4 ? 'public' : 'members',
          files: [{ fileName: `doc-${i}.pdf`, contentType: 'application/pdf', size: 1000 + i, sha256: i.toString(16).padStart(64, '0') }],
        }),
      );
    }
    process.stdout.write(`${engine}: ${registrationCount} registrations and ${documentCount} documents in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`);
    const member = await makeUser(db, { role: 'member', activityId: activity.id });
    const secretariat = await makeUser(db, { role: 'secretariat', activityId: activity.id });
    const base = `/activities/${activity.acronym}/meetings/${meeting.number}`;
    const pages: { id: string; label: string; url: string; cookie?: string; expect: string; afterChange?: boolean }[] = [
      { id: 'overview-visitor', label: 'overview, visitor', url: base, expect: 'Benchmark meeting' },
      { id: 'overview-member', label: 'overview, member', url: base, cookie: member.cookie, expect: 'Benchmark meeting' },
      { id: 'participants-member', label: `participants (${registrationCount}), member`, url: `${base}/participants`, cookie: member.cookie, expect: `Participant ${registrationCount - 1}<` },
      { id: 'participants-secretariat', label: `participants (${registrationCount}), secretariat`, url: `${base}/participants`, cookie: secretariat.cookie, expect: `participant-${registrationCount - 1}@bench.example` },
      { id: 'documents-member', label: `documents (${documentCount}), member`, url: `${base}/documents`, cookie: member.cookie, expect: 'Document 299 on' },
      ...[
        { id: 'overview-member-after-change', label: 'overview, member, after a change', url: base, cookie: member.cookie, expect: 'Benchmark meeting' },
        { id: 'participants-secretariat-after-change', label: 'participants, secretariat, after a change', url: `${base}/participants`, cookie: secretariat.cookie, expect: `participant-${registrationCount - 1}@bench.example` },
        { id: 'documents-member-after-change', label: 'documents, member, after a change', url: `${base}/documents`, cookie: member.cookie, expect: 'Document 299 on' },
      ].map((page) => ({ ...page, afterChange: true })),
    ];
    const measurements: Measurement[] = [];
    for (const page of pages) {
      const cpuSamples: number[] = [];
      const once = async () => {
        // A change somewhere in the activity (any event drops every kept result), not timed.
        if (page.afterChange) await recordEvent(db, actor, { kind: 'bench.change', subjectType: 'activity', subjectId: activity.id, activityId: activity.id, summary: 'A change' });
        const cpuStart = process.cpuUsage();
        const response = await app.inject({ method: 'GET', url: page.url, headers: page.cookie ? { cookie: page.cookie } : {} });
        const cpu = process.cpuUsage(cpuStart);
        // Server time as the app reports it (Server-Timing, until the body is handed over), like the roadmap
        // benchmark: app.inject's own work of turning the body into a fake socket's response is not the server's.
        const elapsed = Number(/dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''))?.[1] ?? Number.NaN);
        cpuSamples.push((cpu.user + cpu.system) / 1000);
        if (response.statusCode !== 200 || !response.body.includes(page.expect)) {
          throw new Error(`${page.url}: status ${response.statusCode}, expected text "${page.expect}" ${response.body.includes(page.expect) ? 'found' : 'missing'}`);
        }
        return elapsed;
      };
      for (let i = 0; i < 20; i++) await once();
      cpuSamples.length = 0;
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) samples.push(await once());
      // CPU time of this process over each request (PGlite runs in it too): what the page costs when the machine is
      // not shared; elapsed time also counts waiting for a core on a busy machine.
      measurements.push({ id: page.id, label: page.label, summary: summarize(samples), cpu: summarize(cpuSamples), goalMs, goalOn: 'p95' });
    }
    return measurements;
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown> = {};
for (const engine of testEngines()) {
  const measurements = await measureEngine(engine);
  printTable(`Meeting pages with ${registrationCount} registrations and ${documentCount} documents on ${engine} (server time through app.inject)`, measurements);
  results[engine] = measurements;
}
const file = writeResults('meeting-pages', { registrations: registrationCount, documents: documentCount, requestsPerPage: requests, loadAverageAtStart, results });
process.stdout.write(`\nFigures written to ${path.relative(process.cwd(), file)}\n`);
