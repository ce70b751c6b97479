import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/database.ts';
import { unique } from '../../../test/support/factories.ts';
import { closedSmtpUrl, parseMail, startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { checkUpload } from '../files.ts';
import { storeFilesWith } from '../file-store.ts';
import type { Db } from '../../db/engine.ts';
import { spawnSync } from 'node:child_process';
import { inList } from '../../db/bulk.ts';
import { mailOutbox, workerHeartbeats } from '../schema.ts';
import { announceWorker } from '../worker-presence.ts';
import { createSmtpTransport, deliverDueMail, enqueueMail, type MailRow } from './outbox.ts';

const from = 'Concord <concord@concord.test>';
const minute = 60_000;

async function queue(db: Db, overrides: { to?: string; headers?: Record<string, string> } = {}): Promise<MailRow> {
  const subject = unique('Outbox test ');
  await enqueueMail(
    db,
    { purpose: 'test', to: overrides.to ?? 'reader@example.org', subject, text: `Body of ${subject}`, headers: overrides.headers },
    'concord.test',
  );
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.subject, subject));
  assert.ok(row);
  return row;
}

async function reload(db: Db, id: number): Promise<MailRow> {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  assert.ok(row);
  return row;
}

/** Lets time pass for one row: its next attempt is due now. */
const makeDue = (db: Db, id: number) =>
  db.update(mailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(mailOutbox.id, id));

/** Runs one delivery round against `smtpUrl`, as the worker does on each tick. */
async function deliver(db: Db, smtpUrl: string, batch?: number): Promise<number> {
  const transport = createSmtpTransport(smtpUrl);
  try {
    return await deliverDueMail(db, transport, { from, batch });
  } finally {
    transport.close();
  }
}

function assertAbout(actual: Date | null, expectedMs: number, toleranceMs = 15_000) {
  assert.ok(actual, 'a time is set');
  assert.ok(Math.abs(actual.getTime() - expectedMs) < toleranceMs, `${actual.toISOString()} is near ${new Date(expectedMs).toISOString()}`);
}

for (const engine of testEngines()) {
  describe(`mail outbox on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    let smtp: TestSmtpServer;
    before(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      smtp = await startSmtpServer({ refuse: (recipient) => recipient.endsWith('@refused.example') });
    });
    after(async () => {
      await smtp.close();
      await database.close();
    });

    it('sends each due mail once with its own Message-ID and headers, and marks it sent', async () => {
      const first = await queue(db, { headers: { 'List-Id': '<jca-qkdn.concord.test>' } });
      const second = await queue(db, { to: 'other@example.org' });
      assert.equal(first.status, 'queued');
      assert.match(first.messageId, /^<[0-9a-f-]{36}@concord\.test>$/);
      const receivedBefore = smtp.received.length;

      assert.equal(await deliver(db, smtp.url), 2);
      const mails = smtp.received.slice(receivedBefore);
      assert.deepEqual(
        mails.map((m) => [m.envelopeFrom, m.envelopeTo, m.headers.get('to'), m.headers.get('subject'), m.headers.get('message-id')]),
        [
          ['concord@concord.test', ['reader@example.org'], 'reader@example.org', first.subject, first.messageId],
          ['concord@concord.test', ['other@example.org'], 'other@example.org', second.subject, second.messageId],
        ],
      );
      assert.equal(mails[0]?.headers.get('from'), from);
      assert.equal(mails[0]?.headers.get('list-id'), '<jca-qkdn.concord.test>');
      assert.equal(mails[0]?.text.trimEnd(), `Body of ${first.subject}`);

      for (const id of [first.id, second.id]) {
        const row = await reload(db, id);
        assert.equal(row.status, 'sent');
        assert.equal(row.attempts, 1);
        assert.equal(row.lockedUntil, null);
        assert.equal(row.lastError, null);
        assertAbout(row.sentAt, Date.now());
      }

      assert.equal(await deliver(db, smtp.url), 0, 'a sent mail is not sent again');
      assert.equal(smtp.received.length, receivedBefore + 2);
    });

    it('sends at most a batch per round, oldest first', async () => {
      const older = await queue(db);
      const newer = await queue(db);
      assert.equal(await deliver(db, smtp.url, 1), 1);
      assert.equal((await reload(db, older.id)).status, 'sent');
      assert.equal((await reload(db, newer.id)).status, 'queued');
      assert.equal(await deliver(db, smtp.url, 1), 1);
      assert.equal((await reload(db, newer.id)).status, 'sent');
    });

    it('retries a mail the server refuses, later each time, and marks it failed after the fifth attempt', async () => {
      const mail = await queue(db, { to: 'nobody@refused.example' });
      const receivedBefore = smtp.received.length;
      for (let attempt = 1; attempt <= 4; attempt++) {
        const started = Date.now();
        assert.equal(await deliver(db, smtp.url), 0);
        const row = await reload(db, mail.id);
        assert.equal(row.status, 'queued', `after attempt ${attempt}`);
        assert.equal(row.attempts, attempt);
        assert.equal(row.lockedUntil, null);
        assert.match(row.lastError ?? '', /550 5\.1\.1 Mailbox unavailable/);
        // Backoff doubles: 2, 4, 8, 16 minutes.
        assertAbout(row.nextAttemptAt, started + minute * 2 ** attempt);
        assert.equal(await deliver(db, smtp.url), 0, 'not tried again before it is due');
        assert.equal((await reload(db, mail.id)).attempts, attempt);
        await makeDue(db, mail.id);
      }
      assert.equal(await deliver(db, smtp.url), 0);
      const failed = await reload(db, mail.id);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 5);
      assert.match(failed.lastError ?? '', /550 5\.1\.1 Mailbox unavailable/);

      await makeDue(db, mail.id);
      assert.equal(await deliver(db, smtp.url), 0, 'a failed mail is left for people to look at');
      assert.equal((await reload(db, mail.id)).attempts, 5);
      assert.equal(smtp.received.length, receivedBefore, 'the server accepted none of it');
    });

    it('keeps a mail queued with the error when the SMTP server cannot be reached', async () => {
      const mail = await queue(db);
      const started = Date.now();
      assert.equal(await deliver(db, await closedSmtpUrl()), 0);
      const row = await reload(db, mail.id);
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 1);
      assert.match(row.lastError ?? '', /ECONNREFUSED/);
      assertAbout(row.nextAttemptAt, started + 2 * minute);

      await makeDue(db, mail.id);
      const receivedBefore = smtp.received.length;
      assert.equal(await deliver(db, smtp.url), 1, 'sent once the server is back');
      assert.equal(smtp.received.at(-1)?.headers.get('message-id'), mail.messageId);
      assert.equal(smtp.received.length, receivedBefore + 1);
      const sent = await reload(db, mail.id);
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 2);
      assert.equal(sent.lastError, null);
    });

    it('picks up a mail left "sending" by a crashed worker once its lease has expired, and not before', async () => {
      const abandoned = await queue(db);
      const leased = await queue(db);
      // What a worker leaves when it dies between claiming and marking.
      await db
        .update(mailOutbox)
        .set({ status: 'sending', attempts: 1, lockedUntil: new Date(Date.now() - 1000) })
        .where(eq(mailOutbox.id, abandoned.id));
      await db
        .update(mailOutbox)
        .set({ status: 'sending', attempts: 1, lockedUntil: new Date(Date.now() + 10 * minute) })
        .where(eq(mailOutbox.id, leased.id));
      const receivedBefore = smtp.received.length;

      assert.equal(await deliver(db, smtp.url), 1);
      assert.deepEqual(
        smtp.received.slice(receivedBefore).map((m) => m.headers.get('message-id')),
        [abandoned.messageId],
      );
      const picked = await reload(db, abandoned.id);
      assert.equal(picked.status, 'sent');
      assert.equal(picked.attempts, 2);
      const stillLeased = await reload(db, leased.id);
      assert.equal(stillLeased.status, 'sending');
      assert.equal(stillLeased.attempts, 1);
    });

    it('takes over at once the mail a dead worker held: one that died on this machine, or stopped beating elsewhere', async () => {
      // A process that has exited: its pid is free, as a crashed worker's is.
      const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
      const now = Date.now();
      await db.insert(workerHeartbeats).values([
        { id: 'crashed-here', host: os.hostname(), pid: deadPid, beatAt: new Date(now) },
        { id: 'alive-elsewhere', host: 'other-machine', pid: 4242, beatAt: new Date(now) },
        { id: 'silent-elsewhere', host: 'other-machine', pid: 4343, beatAt: new Date(now - 60_000) },
      ]);
      const held: Record<string, MailRow[]> = {};
      for (const worker of ['crashed-here', 'alive-elsewhere', 'silent-elsewhere']) {
        held[worker] = [];
        for (let i = 0; i < 20; i++) held[worker].push(await queue(db));
        // Claimed a moment ago, with the full two-minute lease still to run.
        await db
          .update(mailOutbox)
          .set({ status: 'sending', attempts: 1, lockedUntil: new Date(now + 2 * minute), claimedBy: worker })
          .where(inList(mailOutbox.id, held[worker].map((m) => m.id)));
      }
      const receivedBefore = smtp.received.length;

      const started = performance.now();
      const presence = await announceWorker(db);
      const transport = createSmtpTransport(smtp.url);
      const sent = await deliverDueMail(db, transport, { from, workerId: presence.id }).finally(() => transport.close());
      const ms = performance.now() - started;
      assert.equal(sent, 40);
      assert.ok(ms < 10_000, `taken over in ${ms} ms`);
      const ids = smtp.received.slice(receivedBefore).map((m) => m.headers.get('message-id'));
      assert.equal(new Set(ids).size, 40, 'no mail twice');
      assert.deepEqual(new Set(ids), new Set([...held['crashed-here']!, ...held['silent-elsewhere']!].map((m) => m.messageId)));
      for (const mail of held['alive-elsewhere']!) assert.equal((await reload(db, mail.id)).status, 'sending', 'a live worker keeps its mail');
      assert.deepEqual((await db.select({ id: workerHeartbeats.id }).from(workerHeartbeats)).map((w) => w.id).sort(), ['alive-elsewhere', presence.id, 'silent-elsewhere'].sort());

      // A worker that stops cleanly leaves nothing held and no row behind.
      await db.update(mailOutbox).set({ claimedBy: presence.id }).where(inList(mailOutbox.id, held['alive-elsewhere']!.map((m) => m.id)));
      await presence.stop();
      for (const mail of held['alive-elsewhere']!) assert.equal((await reload(db, mail.id)).status, 'queued');
      assert.equal((await db.select().from(workerHeartbeats).where(eq(workerHeartbeats.id, presence.id))).length, 0);
      await db.delete(workerHeartbeats);
      await db.update(mailOutbox).set({ status: 'sent' }).where(inList(mailOutbox.id, held['alive-elsewhere']!.map((m) => m.id)));
    });

    it('never sends a mail queued in a transaction that rolled back', async () => {
      const subject = unique('Rolled back ');
      await assert.rejects(
        db.transaction(async (tx) => {
          await enqueueMail(tx, { purpose: 'test', to: 'reader@example.org', subject, text: 'Never sent.' }, 'concord.test');
          throw new Error('the change that went with the mail failed');
        }),
        /the change that went with the mail failed/,
      );
      assert.deepEqual(await db.select().from(mailOutbox).where(eq(mailOutbox.subject, subject)), []);
      const receivedBefore = smtp.received.length;
      assert.equal(await deliver(db, smtp.url), 0);
      assert.equal(smtp.received.length, receivedBefore);
    });

    it('attaches inline text and stored files, read from the file store when the mail is sent', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-outbox-'));
      try {
        const pdf = await checkUpload(
          { fileName: 'JCA-C-001.pdf', contentType: '', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
          { field: 'file', allowed: ['pdf'], maxBytes: 1_000_000, locale: 'en' },
        );
        await storeFilesWith({ db, dataDir }, [pdf], async () => undefined);
        const subject = unique('Attachments ');
        const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
        await enqueueMail(db, {
          purpose: 'test',
          to: 'reader@example.org',
          subject,
          text: 'See attached.',
          attachments: [
            { fileName: 'meeting.ics', contentType: 'text/calendar; charset=utf-8', content: ics },
            { fileName: pdf.fileName, contentType: pdf.contentType, sha256: pdf.sha256 },
          ],
        });
        const transport = createSmtpTransport(smtp.url);
        try {
          await deliverDueMail(db, transport, { from, dataDir });
        } finally {
          transport.close();
        }
        const mail = smtp.received.find((m) => m.headers.get('subject') === subject);
        assert.ok(mail, 'the mail arrived');
        const parsed = await parseMail(mail);
        assert.deepEqual(
          parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()]),
          [
            ['meeting.ics', 'text/calendar', ics],
            ['JCA-C-001.pdf', 'application/pdf', '%PDF-1.4\n%%EOF\n'],
          ],
        );
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
