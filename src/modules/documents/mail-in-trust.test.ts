// Defect 5 of issue 13: a forged From: became a submitted contribution. Real RFC 5322 messages through the real
// mail-in path, with the trace headers a receiving server adds, on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { composeMail, deliveredBy, tinyPdf } from '../../../test/fixtures/documents.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser, type SignedInUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { createSession } from '../../platform/auth/accounts.ts';
import { createUser } from '../../platform/auth/accounts.ts';
import { events, mailOutbox } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { type MailInResult, receiveMail } from './mail-in.ts';
import { documents, mailInQueue, submissionAddresses } from './schema.ts';

const ourServer = 'mx.concord.test';
const mailInAddress = 'contributions@concord.test';

for (const engine of testEngines()) {
  describe(`mail-in believes only what our own mail server proves, on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let member: SignedInUser;
    let secretariat: TestClient;
    const settings = () => ({ dataDir: t.config.dataDir, uploadMaxBytes: t.config.uploadMaxBytes, baseUrl: t.config.baseUrl, mailInAuthservId: t.config.mailInAuthservId, mailInAddress: t.config.mailInAddress });
    const memberMail = async (subject: string, extra: { from?: string; to?: string } = {}) =>
      composeMail({ from: extra.from ?? `Maria Member <${member.user.email}>`, to: extra.to ?? `${activity.acronym.toLowerCase()}@concord.test`, subject, attachments: [{ filename: `${subject}.pdf`, content: tinyPdf(subject) }] });
    const domain = () => member.user.email.split('@')[1]!;
    const contributions = () => t.db.select().from(documents).where(eq(documents.activityId, activity.id)).orderBy(asc(documents.id));
    const queued = async (result: MailInResult) => {
      assert.equal(result.outcome, 'queued', JSON.stringify(result));
      const [row] = await t.db.select().from(mailInQueue).where(eq(mailInQueue.id, (result as { queueId: number }).queueId));
      return row!;
    };

    before(async () => {
      t = await createTestApp(engine, { MAIL_IN_AUTHSERV_ID: ourServer, MAIL_IN_ADDRESS: mailInAddress });
      activity = await makeActivity(t.db);
      member = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
    });
    after(async () => {
      await t.close();
    });

    it('holds a forged From: (no proof at all) in the queue as an unverified sender; the secretariat sees why, and may still accept it', async () => {
      const result = await receiveMail(t.db, settings(), await memberMail('forged'));
      const row = await queued(result);
      assert.deepEqual([row.reason, row.fromAddress, row.senderCheck], ['unverified_sender', member.user.email, `no Authentication-Results from ${ourServer}`]);
      assert.deepEqual(await contributions(), [], 'nothing was submitted in the member’s name');
      assert.deepEqual(await t.db.select().from(mailOutbox).where(and(eq(mailOutbox.recipient, member.user.email), eq(mailOutbox.purpose, 'documents.mail_in_receipt'))), []);

      const page = await secretariat.get(`/activities/${activity.acronym}/documents/mail-queue`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Unverified sender: the From address is a member’s, but nothing proves the member sent it/);
      assert.match(page.body, new RegExp(`<dt>Sender check</dt><dd>no Authentication-Results from ${ourServer.replaceAll('.', '\\.')}</dd>`));
      const fr = await secretariat.get(`/activities/${activity.acronym}/documents/mail-queue`, { 'accept-language': 'fr' });
      assert.match(fr.body, /Expéditeur non vérifié/);
      const accepted = await secretariat.post(`/activities/${activity.acronym}/documents/mail-queue/${row.id}/accept`, { attachment: '0' });
      assert.equal(accepted.statusCode, 303, accepted.body);
      const [document] = await contributions();
      assert.deepEqual([document?.status, document?.submittedByUserId], ['submitted', null], 'accepted by the secretariat, not credited to the member’s account');
      const rejected = await receiveMail(t.db, settings(), await memberMail('forged-again'));
      const discarded = await secretariat.post(`/activities/${activity.acronym}/documents/mail-queue/${(await queued(rejected)).id}/discard`, {});
      assert.equal(discarded.statusCode, 303);
    });

    it('ignores a passing result from another server’s authserv-id, and one forged with ours below another hop', async () => {
      const other = await receiveMail(t.db, settings(), deliveredBy(await memberMail('other-server'), 'mx.elsewhere.example', [`dmarc=pass header.from=${domain()}`]));
      assert.equal((await queued(other)).reason, 'unverified_sender');
      // The sender wrote "our" header themselves; it reached us through their relay, under its Received: line.
      const forgedOurs = Buffer.concat([Buffer.from(`Authentication-Results: ${ourServer}; dmarc=pass header.from=${domain()}\n`), await memberMail('forged-ours')]);
      const relayed = deliveredBy(deliveredBy(forgedOurs, 'relay.sender.example', []), ourServer, ['dmarc=none header.from=' + domain()]);
      const result = await receiveMail(t.db, settings(), relayed);
      const row = await queued(result);
      assert.deepEqual([row.reason, row.senderCheck], ['unverified_sender', `dmarc=none by ${ourServer}`]);
    });

    it('takes the mail as the member’s when our server says dmarc=pass, or dkim=pass signed by the From: domain, but not by another domain', async () => {
      const before = (await contributions()).length;
      const dmarc = await receiveMail(t.db, settings(), deliveredBy(await memberMail('dmarc-pass'), ourServer, [`spf=pass smtp.mailfrom=${domain()}`, `dmarc=pass (p=none) header.from=${domain()}`]));
      assert.equal(dmarc.outcome, 'submitted', JSON.stringify(dmarc));
      const aligned = await receiveMail(t.db, settings(), deliveredBy(await memberMail('dkim-aligned'), ourServer, [`dkim=pass (2048-bit key) header.d=${domain()} header.s=s1`]));
      assert.equal(aligned.outcome, 'submitted', JSON.stringify(aligned));
      const notAligned = await receiveMail(t.db, settings(), deliveredBy(await memberMail('dkim-other'), ourServer, ['dkim=pass header.d=bulk-mailer.example', `dmarc=fail header.from=${domain()}`]));
      const row = await queued(notAligned);
      assert.deepEqual([row.reason, row.senderCheck], ['unverified_sender', `dkim=pass header.d=bulk-mailer.example, dmarc=fail by ${ourServer}`]);
      const rows = (await contributions()).slice(before);
      assert.deepEqual(rows.map((r) => [r.title, r.submittedByUserId]), [['dmarc-pass', member.user.id], ['dkim-aligned', member.user.id]]);
    });

    it('takes mail sent to the member’s secret address from any sender, shown and replaced on My account; the old address stops', async () => {
      const browser = new TestClient(t.app, member.cookie);
      const account = await browser.get('/account');
      assert.match(account.body, /<a href="\/account\/submission-address">My secret address for sending contributions by mail<\/a>/);
      const empty = await browser.get('/account/submission-address');
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /Make my secret address/);
      assert.equal((await browser.post('/account/submission-address', {})).statusCode, 303);
      const shown = await browser.get('/account/submission-address');
      const [address] = new RegExp(`contributions\\+${activity.acronym.toLowerCase()}\\+[a-z2-7]{26}@concord\\.test`).exec(shown.body) ?? [];
      assert.ok(address, shown.body);
      assert.match(shown.body, /Your new secret address is ready/);

      const before = (await contributions()).length;
      // From a colleague's machine, with no authentication at all: the secret is the proof.
      const viaSecret = await receiveMail(t.db, settings(), await memberMail('secret', { from: 'Maria at home <maria.private@home.example>', to: address.toUpperCase() }));
      assert.equal(viaSecret.outcome, 'submitted', JSON.stringify(viaSecret));
      const [document] = (await contributions()).slice(before);
      assert.deepEqual([document?.title, document?.submittedByUserId, document?.submittedByEmail], ['secret', member.user.id, member.user.email]);
      const receipts = await t.db.select().from(mailOutbox).where(eq(mailOutbox.purpose, 'documents.mail_in_receipt')).orderBy(asc(mailOutbox.id));
      assert.equal(receipts.at(-1)?.recipient, member.user.email, 'the receipt goes to the member’s own address');
      // The envelope recipient counts too (a Bcc: to the secret address leaves no trace in the headers).
      const bcc = await receiveMail(t.db, settings(), await memberMail('bcc', { from: 'maria.private@home.example', to: 'jca-list@lists.example' }), { recipients: [address] });
      assert.equal(bcc.outcome, 'submitted', JSON.stringify(bcc));
      // To an activity the member does not contribute to: it waits, and the queue does not show the secret.
      const other = await makeActivity(t.db);
      const otherAddress = address.replace(`+${activity.acronym.toLowerCase()}+`, `+${other.acronym.toLowerCase()}+`);
      const elsewhere = await queued(await receiveMail(t.db, settings(), await memberMail('elsewhere', { to: otherAddress })));
      assert.deepEqual([elsewhere.reason, elsewhere.toAddresses], ['not_a_member', `contributions+${other.acronym.toLowerCase()}+…@concord.test`]);

      assert.equal((await browser.post('/account/submission-address', {})).statusCode, 303);
      const replaced = await receiveMail(t.db, settings(), await memberMail('old-secret', { from: member.user.email, to: address }));
      assert.equal((await queued(replaced)).reason, 'unverified_sender', 'the old address proves nothing any more');
      const kinds = (await t.db.select({ kind: events.kind, summary: events.summary }).from(events).where(and(eq(events.subjectType, 'person'), eq(events.subjectId, String(member.personId)), eq(events.kind, 'person.submission_address_renewed')))).map((e) => e.summary);
      assert.deepEqual(kinds, ['Secret submission address made', 'Secret submission address replaced']);
      const [stored] = await t.db.select().from(submissionAddresses).where(eq(submissionAddresses.personId, member.personId));
      assert.ok(stored && !address.includes(stored.secret));
      const fr = await browser.get('/account/submission-address', { 'accept-language': 'fr' });
      assert.match(fr.body, /Mon adresse secrète de soumission/);
    });

    it('keeps the secret address page to its owner: anonymous visitors sign in, an account without a person gets a 404', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: '/account/submission-address' });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/sign-in?next=%2Faccount%2Fsubmission-address');
      const forged = await new TestClient(t.app).post('/account/submission-address', {});
      assert.equal(forged.statusCode, 401);
      const loner = await createUser(t.db, systemActor('test'), { email: `loner-${activity.id}@example.org`, name: 'No Person' });
      const client = new TestClient(t.app, `concord_session=${(await createSession(t.db, loner.id)).token}`);
      const page = await client.get('/account/submission-address');
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /Your account is not linked to a contact record yet/);
      assert.equal((await client.post('/account/submission-address', {})).statusCode, 404);
    });
  });

  describe(`secret addresses are offered only where mail-in has an address, on ${engine}`, () => {
    it('answers 404 without MAIL_IN_ADDRESS, and My account shows no link', async () => {
      const t = await createTestApp(engine);
      try {
        const activity = await makeActivity(t.db);
        const member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
        assert.equal((await member.get('/account/submission-address')).statusCode, 404);
        assert.doesNotMatch((await member.get('/account')).body, /submission-address/);
      } finally {
        await t.close();
      }
    });
  });
}
