import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/database.ts';
import { unique } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { enqueueJob, type JobHandlers, runDueJobs } from './jobs.ts';
import { enqueueMail } from './mail/outbox.ts';
import { jobs, mailOutbox } from './schema.ts';

const config = loadConfig({ DATA_DIR: '/tmp/concord-jobs-test', LOG_LEVEL: 'silent' });
const hour = 3_600_000;

for (const engine of testEngines()) {
  describe(`jobs on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    before(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
    });
    after(() => database.close());

    const jobRow = async (key: string) => {
      const [row] = await db.select().from(jobs).where(eq(jobs.dedupeKey, key));
      assert.ok(row, `job ${key} exists`);
      return row;
    };

    it('runs a job when it is due, once, with its mail written exactly once', async () => {
      const key = unique('reminder-');
      const recipient = `${key.toLowerCase()}@example.org`;
      const handlers: JobHandlers = {
        'test.remind': async (payload: { to: string }, { tx }) => {
          await enqueueMail(tx, { purpose: 'test', to: payload.to, subject: 'Deadline tomorrow', text: 'Reminder' });
        },
      };
      const runAt = new Date(Date.now() + 24 * hour);
      assert.equal(await db.transaction((tx) => enqueueJob(tx, { kind: 'test.remind', payload: { to: recipient }, runAt, dedupeKey: key })), true);
      assert.equal(await db.transaction((tx) => enqueueJob(tx, { kind: 'test.remind', payload: { to: recipient }, runAt, dedupeKey: key })), false, 'the same key is not queued twice');

      assert.equal(await runDueJobs(db, handlers, { config, now: new Date(runAt.getTime() - hour) }), 0, 'not due yet');
      assert.equal(await runDueJobs(db, handlers, { config, now: runAt }), 1);
      assert.equal(await runDueJobs(db, handlers, { config, now: new Date(runAt.getTime() + hour) }), 0, 'done jobs never run again');
      const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.recipient, recipient));
      assert.equal(mails.length, 1);
      const row = await jobRow(key);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 1);
    });

    it('claims no job once the worker is stopping, leaving it queued for the next worker', async () => {
      const key = unique('stopping-');
      let calls = 0;
      const handlers: JobHandlers = { 'test.stopping': async () => void calls++ };
      await db.transaction((tx) => enqueueJob(tx, { kind: 'test.stopping', payload: {}, dedupeKey: key }));
      const stopping = new AbortController();
      stopping.abort();
      assert.equal(await runDueJobs(db, handlers, { config, signal: stopping.signal }), 0);
      assert.equal(calls, 0);
      assert.equal((await jobRow(key)).status, 'queued');
      assert.equal(await runDueJobs(db, handlers, { config }), 1, 'the next worker runs it');
      assert.equal((await jobRow(key)).status, 'done');
    });

    it('rolls back what a failing handler wrote and retries it later, then marks it failed', async () => {
      const key = unique('flaky-');
      const recipient = `${key.toLowerCase()}@example.org`;
      let calls = 0;
      const handlers: JobHandlers = {
        'test.flaky': async (_payload, { tx }) => {
          calls++;
          await enqueueMail(tx, { purpose: 'test', to: recipient, subject: 'Half done', text: '…' });
          throw new Error('SMTP relay exploded');
        },
      };
      const now = new Date();
      await db.transaction((tx) => enqueueJob(tx, { kind: 'test.flaky', runAt: now, dedupeKey: key }));
      assert.equal(await runDueJobs(db, handlers, { config, now }), 0);
      let row = await jobRow(key);
      assert.equal(row.status, 'queued');
      assert.equal(row.lastError, 'SMTP relay exploded');
      assert.ok(row.runAt.getTime() > now.getTime(), 'retried later, not at once');
      assert.equal((await db.select().from(mailOutbox).where(eq(mailOutbox.recipient, recipient))).length, 0, 'the mail was rolled back');
      let later = now.getTime();
      for (let attempt = 2; attempt <= 5; attempt++) {
        later += 24 * hour;
        await runDueJobs(db, handlers, { config, now: new Date(later) });
      }
      row = await jobRow(key);
      assert.equal(calls, 5);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 5);
    });

    it('fails a job nobody knows how to run, without stopping the others', async () => {
      const unknown = unique('unknown-');
      const known = unique('known-');
      let ran = false;
      const now = new Date();
      await db.transaction(async (tx) => {
        await enqueueJob(tx, { kind: 'test.nobody', runAt: new Date(now.getTime() - 1000), dedupeKey: unknown });
        await enqueueJob(tx, { kind: 'test.known', runAt: now, dedupeKey: known });
      });
      await runDueJobs(db, { 'test.known': async () => void (ran = true) }, { config, now });
      assert.equal(ran, true);
      assert.equal((await jobRow(unknown)).status, 'failed');
      assert.match((await jobRow(unknown)).lastError ?? '', /no handler for job kind "test.nobody"/);
    });

    it('never runs one job twice when two workers poll at once', async () => {
      const key = unique('race-');
      let calls = 0;
      const now = new Date();
      await db.transaction((tx) => enqueueJob(tx, { kind: 'test.race', runAt: now, dedupeKey: key }));
      const handlers: JobHandlers = {
        'test.race': async () => {
          calls++;
          await new Promise((resolve) => setTimeout(resolve, 50));
        },
      };
      const [a, b] = await Promise.all([runDueJobs(db, handlers, { config, now }), runDueJobs(db, handlers, { config, now })]);
      assert.equal(a + b, 1);
      assert.equal(calls, 1);
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.dedupeKey, key));
      assert.equal(count?.n, 1);
    });
  });
}
