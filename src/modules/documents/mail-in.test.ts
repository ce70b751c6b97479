import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeUser, type SignedInUser } from '../../../test/support/factories.ts';
import { openDatabase } from '../../db/engine.ts';
import { systemActor } from '../../platform/actor.ts';
import { fileStoreFor } from '../../platform/file-store.ts';
import { events, mailOutbox } from '../../platform/schema.ts';
import { parseInput } from '../../platform/validation.ts';
import type { Activity } from '../activities/activities.ts';
import { createActivity } from '../activities/activities.ts';
import { addMembership } from '../activities/memberships.ts';
import { createMeeting, meetingInput, updateLateRules } from '../meetings/meetings.ts';
import { createPerson } from '../people/people.ts';
import { completeCover, composeMail, deliveredBy, docxFromTemplate, tinyPdf } from '../../../test/fixtures/documents.ts';
import { paragraphBombDocx } from '../../../test/support/zip-bombs.ts';
import { receiveMail } from './mail-in.ts';
import { documents, mailInQueue } from './schema.ts';

const system = systemActor('test');
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const ourServer = 'mx.concord.test';
/** A member's mail as our receiving server hands it over, DMARC passed for the sender's domain. */
const proven = (raw: Buffer) => deliveredBy(raw, ourServer, ['dmarc=pass (p=reject) header.from=example.org']);

for (const engine of testEngines()) {
  describe(`concord mail-in on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let memberUser: SignedInUser;
    let secretariat: TestClient;
    let member: TestClient;
    const settings = () => ({ dataDir: t.config.dataDir, uploadMaxBytes: t.config.uploadMaxBytes, baseUrl: t.config.baseUrl, mailInAuthservId: ourServer });
    const toAddress = () => `${activity.acronym.toLowerCase()}@contributions.example.org`;
    const receipts = (to: string) =>
      t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'documents.mail_in_receipt'), eq(mailOutbox.recipient, to))).orderBy(asc(mailOutbox.id));

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, memberUser.cookie);
    });
    after(async () => {
      await t.close();
    });

    it('turns a known member’s attachments into submitted contributions and mails a receipt', async () => {
      const raw = proven(await composeMail({
        from: `Maria Member <${memberUser.user.email.toUpperCase()}>`,
        to: toAddress(),
        subject: 'Contribution to the next meeting',
        attachments: [
          { filename: 'roadmap-update.docx', content: await docxFromTemplate() },
          { filename: 'slides.pdf', content: tinyPdf('slides') },
        ],
      }));
      const result = await receiveMail(t.db, settings(), raw);
      assert.equal(result.outcome, 'submitted');
      assert.ok(result.outcome === 'submitted' && result.documentIds.length === 2, 'two contributions');
      const rows = await t.db.select().from(documents).where(eq(documents.activityId, activity.id)).orderBy(asc(documents.id));
      assert.deepEqual(
        rows.map((r) => [r.title, r.status, r.origin, r.submittedByUserId, r.submittedByEmail, r.number]),
        [
          [completeCover.title, 'submitted', 'mail', memberUser.user.id, memberUser.user.email, null],
          ['slides.pdf', 'submitted', 'mail', memberUser.user.id, memberUser.user.email, null],
        ],
      );
      const [receipt] = await receipts(memberUser.user.email);
      assert.ok(receipt, 'a receipt is queued');
      assert.equal(receipt.subject, `${activity.acronym}: contribution received`);
      assert.match(receipt.textBody, new RegExp(`${completeCover.title} \\(roadmap-update\\.docx\\): http://concord\\.test/activities/${activity.acronym}/documents/${rows[0]!.id}`));
      assert.match(receipt.textBody, /slides\.pdf \(slides\.pdf\)/);
      // The mail server delivers the same message again: nothing new.
      const again = await receiveMail(t.db, settings(), raw);
      assert.deepEqual(again, { ...result, queueId: null, duplicate: true });
      assert.equal((await t.db.select().from(documents).where(eq(documents.activityId, activity.id))).length, 2);
      assert.equal((await receipts(memberUser.user.email)).length, 1);
      // The submitter sees them as their own; the secretariat sees them waiting for a number.
      assert.equal((await member.get(`/activities/${activity.acronym}/documents/${rows[0]!.id}`)).statusCode, 200);
    });

    it('queues mail from an unknown sender with its attachments stored; the secretariat accepts one into a contribution', async () => {
      const docx = await docxFromTemplate();
      const raw = await composeMail({ from: 'someone@elsewhere.example', to: toAddress(), subject: 'Our input', attachments: [{ filename: 'input.docx', content: docx }] });
      const result = await receiveMail(t.db, settings(), raw);
      assert.equal(result.outcome, 'queued');
      assert.ok(result.outcome === 'queued' && result.reason === 'unknown_sender');
      const [row] = await t.db.select().from(mailInQueue).where(eq(mailInQueue.id, result.queueId));
      assert.equal(row?.activityId, activity.id);
      assert.equal(row?.attachments.length, 1);
      assert.ok(await fileStoreFor(t.config, t.db).has(row!.attachments[0]!.sha256), 'the attachment waits in the file store');

      assert.equal((await member.get(`/activities/${activity.acronym}/documents/mail-queue`)).statusCode, 403, 'members do not see the queue');
      const page = await secretariat.get(`/activities/${activity.acronym}/documents/mail-queue`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /someone@elsewhere\.example/);
      assert.match(page.body, /The sender is not a known person\./);
      const accepted = await secretariat.post(`/activities/${activity.acronym}/documents/mail-queue/${result.queueId}/accept`, { attachment: '0' });
      assert.equal(accepted.statusCode, 303, accepted.body);
      const [after] = await t.db.select().from(mailInQueue).where(eq(mailInQueue.id, result.queueId));
      assert.equal(after?.status, 'accepted');
      const [document] = await t.db.select().from(documents).where(eq(documents.id, after!.documentId!));
      assert.equal(document?.title, completeCover.title, 'the title comes from the cover page');
      assert.equal(document?.source, completeCover.source);
      assert.equal(document?.submittedByEmail, 'someone@elsewhere.example');
      assert.equal((await receipts('someone@elsewhere.example')).length, 1, 'the sender gets a receipt');
      const again = await secretariat.post(`/activities/${activity.acronym}/documents/mail-queue/${result.queueId}/accept`, { attachment: '0' });
      assert.equal(again.statusCode, 409, 'a mail is handled once');
      const kinds = (await t.db.select().from(events).where(and(eq(events.subjectType, 'mail_in'), eq(events.subjectId, String(result.queueId))))).map((e) => e.kind).sort();
      assert.deepEqual(kinds, ['mail_in.accepted', 'mail_in.queued']);
    });

    it('queues mail from a known person without a member role, and from nobody the activity knows; the secretariat discards', async () => {
      const outsider = await createPerson(t.db, system, { name: 'Olga Outsider', email: `olga-${activity.id}@example.org` }, 'en');
      const fromOutsider = await receiveMail(t.db, settings(), await composeMail({ from: outsider.email!, to: toAddress(), subject: 'x', attachments: [{ filename: 'a.pdf', content: tinyPdf() }] }));
      assert.ok(fromOutsider.outcome === 'queued' && fromOutsider.reason === 'not_a_member', JSON.stringify(fromOutsider));
      const nowhere = await receiveMail(t.db, settings(), await composeMail({ from: memberUser.user.email, to: 'nobody@example.org', subject: 'x', attachments: [{ filename: 'a.pdf', content: tinyPdf() }] }));
      assert.ok(nowhere.outcome === 'queued' && nowhere.reason === 'unknown_activity' && nowhere.activity === null, JSON.stringify(nowhere));
      const bare = await receiveMail(t.db, settings(), proven(await composeMail({ from: memberUser.user.email, to: toAddress(), subject: 'forgot the file' })));
      assert.ok(bare.outcome === 'queued' && bare.reason === 'no_attachment', JSON.stringify(bare));
      const exe = await receiveMail(t.db, settings(), proven(await composeMail({ from: memberUser.user.email, to: toAddress(), subject: 'tool', attachments: [{ filename: 'tool.exe', content: Buffer.from('MZ\u0090\u0000') }] })));
      assert.ok(exe.outcome === 'queued' && exe.reason === 'refused_attachment', JSON.stringify(exe));
      const [exeRow] = await t.db.select().from(mailInQueue).where(eq(mailInQueue.id, exe.queueId));
      assert.match(exeRow!.attachments[0]!.refused ?? '', /“tool\.exe” is not an allowed type/);
      // RFC 2231 lets a file name spell a NUL (filename*=utf-8''tool%00.exe): PostgreSQL's jsonb refused the row, and the
      // mail was lost (hostile-input seed 1342198013). The name is kept without it.
      const nulName = await receiveMail(t.db, settings(), proven(await composeMail({ from: memberUser.user.email, to: toAddress(), subject: 'tool', attachments: [{ filename: 'to\u0000ol.exe', content: Buffer.from('MZ') }] })));
      assert.ok(nulName.outcome === 'queued' && nulName.reason === 'refused_attachment', JSON.stringify(nulName));
      const [nulRow] = await t.db.select().from(mailInQueue).where(eq(mailInQueue.id, nulName.queueId));
      assert.equal(nulRow!.attachments[0]!.fileName, 'tool.exe');

      const discarded = await secretariat.post(`/activities/${activity.acronym}/documents/mail-queue/${fromOutsider.queueId}/discard`, {});
      assert.equal(discarded.statusCode, 303, discarded.body);
      const [row] = await t.db.select().from(mailInQueue).where(eq(mailInQueue.id, fromOutsider.queueId));
      assert.equal(row?.status, 'discarded');
    });

    it('refuses a zip-bomb DOCX attached by a member before storing anything, and says why in the queue', async () => {
      const raw = proven(await composeMail({ from: memberUser.user.email, to: toAddress(), subject: 'Our input', attachments: [{ filename: 'bomb.docx', content: paragraphBombDocx(400) }] }));
      const started = performance.now();
      const result = await receiveMail(t.db, { ...settings(), uploadMaxBytes: 5 * 1024 * 1024 }, raw);
      assert.ok(performance.now() - started < 5000);
      assert.ok(result.outcome === 'queued' && result.reason === 'refused_attachment', JSON.stringify(result));
      const [row] = await t.db.select().from(mailInQueue).where(eq(mailInQueue.id, result.queueId));
      assert.deepEqual(row!.attachments.map((a) => [a.fileName, a.sha256, a.refused]), [
        ['bomb.docx', '', '“bomb.docx” was refused: its part “word/document.xml” unpacks to more than 64 MB, the limit for one part.'],
      ]);
    });

    it('holds a member’s mail after a deadline the activity enforces, and marks it late when the activity accepts late ones', async () => {
      for (const rule of ['refuse', 'accept_late'] as const) {
        const own = await makeActivity(t.db);
        await addMembership(t.db, system, own.id, { personId: memberUser.personId, role: 'member' }, 'en');
        await updateLateRules(t.db, system, own.id, { lateContributions: rule, lateRegistrations: 'refuse' });
        await createMeeting(
          t.db,
          system,
          own.id,
          parseInput(meetingInput, { title: 'Next', mode: 'virtual', timeZone: 'Europe/Zurich', startDate: '2031-05-01', startTime: '09:00', endDate: '2031-05-01', endTime: '12:00', contributionDate: '2031-04-01' }, 'en'),
          { locale: 'en', baseUrl: t.config.baseUrl },
        );
        const raw = proven(await composeMail({ from: memberUser.user.email, to: `contributions+${own.acronym.toLowerCase()}@example.org`, subject: 'Late input', attachments: [{ filename: 'late.pdf', content: tinyPdf(rule) }] }));
        const result = await receiveMail(t.db, settings(), raw, { now: new Date('2031-04-20T10:00:00Z') });
        if (rule === 'refuse') {
          assert.ok(result.outcome === 'queued' && result.reason === 'after_deadline', JSON.stringify(result));
          assert.deepEqual(await t.db.select().from(documents).where(eq(documents.activityId, own.id)), []);
        } else {
          assert.equal(result.outcome, 'submitted', JSON.stringify(result));
          const [row] = await t.db.select().from(documents).where(eq(documents.activityId, own.id));
          assert.equal(row?.late, true);
        }
      }
    });

    if (engine === 'pglite') {
      it('runs as the real command: `concord mail-in` reads the message on standard input', async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-mail-in-'));
        try {
          const database = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
          await database.migrate();
          const own = await createActivity(database.db, system, { acronym: 'JCA-MAIL', nameEn: 'Mail test', visibility: 'public', status: 'active' }, 'en', {
            scope: 'Mail.', objectives: [], participation: '', workingMethods: '', administrativeSupport: '', meetings: '', reporting: '', duration: '', changeNote: '',
          });
          const person = await createPerson(database.db, system, { name: 'Pat Piped', email: 'pat@example.org' }, 'en');
          await addMembership(database.db, system, own.id, { personId: person.id, role: 'member' }, 'en');
          await database.close();

          const raw = proven(await composeMail({ from: 'Pat Piped <pat@example.org>', to: 'secretariat@example.org', subject: 'Piped', attachments: [{ filename: 'piped.pdf', content: tinyPdf('piped') }] }));
          const child = spawn(process.execPath, [path.join(repoRoot, 'bin/concord.js'), 'mail-in', '--activity', 'jca-mail'], {
            cwd: repoRoot,
            env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', MAIL_IN_AUTHSERV_ID: ourServer },
            stdio: ['pipe', 'pipe', 'pipe'],
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          child.stdin.end(raw);
          const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
          assert.equal(code, 0, stderr);
          const result = JSON.parse(stdout.trim()) as { outcome: string; activity: string; documentIds: number[] };
          assert.equal(result.outcome, 'submitted');
          assert.equal(result.activity, 'JCA-MAIL');

          const reopened = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
          try {
            const rows = await reopened.db.select().from(documents);
            assert.deepEqual(rows.map((r) => [r.title, r.origin, r.submittedByEmail]), [['Piped', 'mail', 'pat@example.org']]);
            const receipt = await reopened.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, 'pat@example.org'));
            assert.equal(receipt.length, 1);
          } finally {
            await reopened.close();
          }
          const stored = fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).map(String).filter((f) => /[0-9a-f]{64}$/.test(f));
          assert.equal(stored.length, 1, 'the attachment is stored');
        } finally {
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      });
    }
  });
}
