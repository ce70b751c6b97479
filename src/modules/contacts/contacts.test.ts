import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { anonymous, systemActor } from '../../platform/actor.ts';
import { type Actor } from '../../platform/actor.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { events, mailOutbox } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { addMembership } from '../activities/memberships.ts';
import { createPerson } from '../people/people.ts';
import { listContacts } from './contacts.ts';
import { escapeText, foldLine } from '../../platform/content-lines.ts';
import { activityContacts, contactConfirmations } from './schema.ts';

describe('vCard text', () => {
  it('escapes backslashes, commas, semicolons and line breaks, and folds long lines by octets', () => {
    assert.equal(escapeText('a\\b,c;d\ne'), 'a\\\\b\\,c\\;d\\ne');
    const long = `TITLE:${'é'.repeat(60)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line of ${Buffer.byteLength(line)} octets`);
    assert.equal(folded.replace(/\r\n /g, ''), long, 'unfolding gives the line back');
  });
});

for (const engine of testEngines()) {
  describe(`contacts on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let activity: Activity;
    let secretariatUser: SignedInUser;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let observer: TestClient;
    let stranger: TestClient;
    let sg17: { id: number };
    let ietf: { id: number };
    let rep: { id: number; email: string | null; name: string };
    let chairPersonName: string;

    const page = () => `/activities/${activity.acronym}/contacts`;
    const api = () => `/api/v1/activities/${activity.acronym}/contacts`;
    const deliver = async () => {
      const transport = createSmtpTransport(smtp.url);
      try {
        return await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir });
      } finally {
        transport.close();
      }
    };

    before(async () => {
      t = await createTestApp(engine);
      smtp = await startSmtpServer();
      activity = await makeActivity(t.db);
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      chairPersonName = `Chair ${unique('C')}`;
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id, name: chairPersonName })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: activity.id })).cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      const itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      sg17 = await makeOrganization(t.db, { acronym: 'SG17', kind: 'study_group', parentId: itu.id });
      ietf = await makeOrganization(t.db, { acronym: unique('IETF') });
      const person = await createPerson(t.db, systemActor('test'), { name: 'Ana Rep; "Security", Ltd', email: `ana-${unique('r').toLowerCase()}@example.org`, phone: '+41 22 730 0000', affiliation: 'Example, Inc.' }, 'en');
      rep = person;
    });
    after(async () => {
      await smtp?.close();
      await t?.close();
    });

    it('lets only the secretariat add, change and remove entries, with clear errors and one event each', async () => {
      for (const [who, client] of [['chair', chair], ['member', member], ['observer', observer], ['stranger', stranger]] as const) {
        const response = await client.api('POST', api(), { role: 'focal_point', personId: rep.id });
        assert.equal(response.statusCode, 403, `${who}: ${response.body}`);
        assert.equal((await client.get(`${page()}/new`)).statusCode, 403, `${who} gets no form`);
      }
      assert.equal((await new TestClient(t.app).api('POST', api(), { role: 'focal_point', personId: rep.id })).statusCode, 401);
      const forged = await secretariat.post(page(), { role: 'focal_point', personId: String(rep.id) }, { csrf: null });
      assert.equal(forged.statusCode, 403, 'a forged form post is refused');

      const noBody = await secretariat.post(page(), { role: 'study_group_representative', personId: String(rep.id), organizationId: '' });
      assert.equal(noBody.statusCode, 422);
      assert.match(noBody.body, /Choose the body or group this person represents/);
      const wrongKind = await secretariat.api('POST', api(), { role: 'study_group_representative', personId: rep.id, organizationId: ietf.id });
      assert.equal(wrongKind.statusCode, 422);
      assert.match(wrongKind.body, /study group/);
      const badDates = await secretariat.api('POST', api(), { role: 'focal_point', personId: rep.id, since: '2024-05-01', until: '2024-01-01' });
      assert.equal(badDates.statusCode, 422);
      assert.equal((badDates.json() as { error: { details: { fields: Record<string, string> } } }).error.details.fields.until, 'The end date is before the start date.');

      const created = await secretariat.post(page(), { role: 'study_group_representative', personId: String(rep.id), organizationId: String(sg17.id), since: '2023-03-22' });
      assert.equal(created.statusCode, 303, created.body);
      const again = await secretariat.api('POST', api(), { role: 'study_group_representative', personId: rep.id, organizationId: sg17.id });
      assert.equal(again.statusCode, 409, 'the same person, role and body twice is a conflict');
      const liaison = await secretariat.api('POST', api(), { role: 'liaison_representative_to', personId: rep.id, organizationId: ietf.id, topic: 'QKD protocols' });
      assert.equal(liaison.statusCode, 201, liaison.body);
      const liaisonId = (liaison.json() as { id: number }).id;
      const changed = await secretariat.api('PATCH', `${api()}/${liaisonId}`, { topic: 'QKD key delivery' });
      assert.equal(changed.statusCode, 200);
      assert.equal((changed.json() as { topic: string }).topic, 'QKD key delivery');
      const byMember = await member.api('PATCH', `${api()}/${liaisonId}`, { topic: 'x' });
      assert.equal(byMember.statusCode, 403);
      const temp = await secretariat.api('POST', api(), { role: 'focal_point', personId: rep.id, topic: 'temporary' });
      const tempId = (temp.json() as { id: number }).id;
      assert.equal((await secretariat.api('DELETE', `${api()}/${tempId}`)).statusCode, 204);
      const kinds = (await t.db.select({ kind: events.kind }).from(events).where(eq(events.activityId, activity.id)).orderBy(asc(events.id))).map((e) => e.kind).filter((k) => k.startsWith('contact.'));
      assert.deepEqual(kinds, ['contact.added', 'contact.added', 'contact.updated', 'contact.added', 'contact.removed']);
    });

    it('shows addresses to members only: on the page, in CSV, in vCard and through the API', async () => {
      assert.ok(rep.email);
      const email = rep.email;
      for (const [who, client, sees] of [
        ['secretariat', secretariat, true],
        ['member', member, true],
        ['observer', observer, true],
        ['stranger', stranger, false],
        ['anonymous', new TestClient(t.app), false],
      ] as const) {
        const html = await client.get(page());
        assert.equal(html.statusCode, 200);
        assert.ok(html.body.includes('Ana Rep'), `${who} sees the name`);
        assert.equal(html.body.includes(email), sees, `${who} ${sees ? 'sees' : 'does not see'} the address on the page`);
        assert.equal(html.body.includes('+41 22 730 0000'), sees, `${who}: telephone`);
        const csv = await client.get(`${page()}/export.csv`);
        assert.equal(csv.statusCode, 200);
        assert.equal(csv.body.includes(email), sees, `${who}: CSV`);
        const vcf = await client.get(`${page()}/export.vcf`);
        assert.equal(vcf.body.includes(email), sees, `${who}: vCard`);
        const json = await client.get(api());
        assert.equal(json.statusCode, 200);
        assert.equal(json.body.includes(email), sees, `${who}: API`);
        const apiCsv = await client.get(`${api()}/export.csv`);
        assert.equal(apiCsv.body.includes(email), sees, `${who}: API CSV`);
      }
    });

    it('exports CSV that parses back and one vCard per person, chairs included once', async () => {
      const csv = await member.get(`${page()}/export.csv`);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename=".*-contacts\.csv"/);
      const parsed = Papa.parse<Record<string, string>>(csv.body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
      assert.deepEqual(parsed.errors, []);
      const rows = parsed.data;
      assert.equal(rows.length, 3, 'the chair and two entries');
      assert.deepEqual(rows[0], { role: 'Chair', body: '', body_name: '', name: chairPersonName, affiliation: '', country: '', email: rows[0]!.email, phone: '', topic: '', since: '', until: '', confirmed_on: '', example: '' });
      const sgRow = rows.find((r) => r.role === 'Study group representative');
      assert.ok(sgRow, 'the study group representative');
      assert.equal(sgRow.name, 'Ana Rep; "Security", Ltd', 'quotes and commas survive');
      assert.match(sgRow.body ?? '', /SG17$/);
      assert.equal(sgRow.since, '2023-03-22');
      assert.equal(sgRow.email, rep.email);
      const strangerCsv = Papa.parse<Record<string, string>>((await stranger.get(`${page()}/export.csv`)).body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
      assert.ok(!strangerCsv.meta.fields?.includes('email'), 'no email column for strangers');

      const vcf = (await member.get(`${page()}/export.vcf`)).body;
      const cards = vcf.split('BEGIN:VCARD').slice(1);
      assert.equal(cards.length, 2, 'one card for the chair, one for Ana (two entries)');
      const ana = cards.find((c) => c.includes('Ana Rep'))!;
      assert.ok(ana.includes('\r\nVERSION:4.0\r\n'), 'vCard 4.0 with CRLF');
      assert.ok(ana.includes('FN:Ana Rep\\; "Security"\\, Ltd\r\n'), 'FN escaped');
      assert.ok(ana.includes('ORG:Example\\, Inc.\r\n'), 'ORG escaped');
      assert.equal((ana.match(/\r\nTITLE:/g) ?? []).length, 2, 'both roles on the one card');
      assert.ok(ana.includes(`EMAIL;TYPE=work:${rep.email}`));
      for (const line of vcf.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
    });

    it('groups the page: leadership from the memberships, then study groups, then liaisons', async () => {
      const html = (await stranger.get(page())).body;
      const at = (text: string) => html.indexOf(text);
      assert.ok(at('Leadership') > 0 && at('Leadership') < at('ITU-T study groups') && at('ITU-T study groups') < at('Liaison representatives'), 'groups in order');
      assert.equal(html.split(chairPersonName).length - 1, 1, 'the chair is listed once');
      assert.ok(!html.includes(`${page()}/new`), 'no add button for strangers');
      assert.ok((await secretariat.get(page())).body.includes(`${page()}/new`), 'the secretariat gets one');
      const fr = await stranger.get(page(), { 'accept-language': 'fr' });
      assert.match(fr.body, /Commissions d’études de l’UIT-T/);
    });

    it('asks each representative once a year, records the confirmation, and flags what went unanswered', async () => {
      const [entry] = await t.db.select().from(activityContacts).where(and(eq(activityContacts.activityId, activity.id), eq(activityContacts.role, 'study_group_representative')));
      assert.ok(entry);
      const yearLater = new Date(entry.createdAt.getTime() + 366 * 24 * 3600 * 1000);
      assert.equal(await runDueJobs(t.db, jobHandlers, { config: t.config, now: new Date() }), 0, 'nothing due yet');
      await runDueJobs(t.db, jobHandlers, { config: t.config, now: yearLater });
      await runDueJobs(t.db, jobHandlers, { config: t.config, now: yearLater });
      await runDueJobs(t.db, jobHandlers, { config: t.config, now: new Date(yearLater.getTime() + 3600_000) });
      const mails = await t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'contact_confirmation'), eq(mailOutbox.recipient, rep.email!)));
      assert.equal(mails.length, 2, 'one request per entry (Ana has two entries), not more for running again');
      const requests = await t.db.select().from(contactConfirmations).where(eq(contactConfirmations.contactId, entry.id));
      assert.equal(requests.length, 1, 'one request for this entry this year');

      // Unanswered for more than a month: flagged on the page.
      const monthLater = new Date(yearLater.getTime() + 31 * 24 * 3600 * 1000);
      const listed = await listContacts(t.db, anonymous, activity, { now: monthLater });
      assert.equal(listed.contacts.find((c) => c.id === entry.id)?.flag, 'unanswered');

      await deliver();
      const mail = smtp.received.find((m) => m.envelopeTo.includes(rep.email!) && m.text.includes('SG17'));
      assert.ok(mail, 'the mail reached the SMTP server');
      const link = /http:\/\/concord\.test(\/contacts\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      assert.ok(link, mail.text);
      const visitor = new TestClient(t.app);
      const form = await visitor.get(link);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Is your entry still right\?/);
      const empty = await visitor.post(link, { answer: 'correct', correction: '' });
      assert.equal(empty.statusCode, 422, 'a correction must say something');
      const confirmed = await visitor.post(link, { answer: 'confirm' });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.match(confirmed.body, /your entry is confirmed/);
      const [after1] = await t.db.select().from(activityContacts).where(eq(activityContacts.id, entry.id));
      assert.ok(after1?.confirmedAt, 'the date is recorded');
      const twice = await visitor.post(link, { answer: 'confirm' });
      assert.equal(twice.statusCode, 409, 'a request answers once');
      const nowListed = await listContacts(t.db, anonymous, activity, { now: new Date(after1.confirmedAt.getTime() + 1000) });
      assert.equal(nowListed.contacts.find((c) => c.id === entry.id)?.flag, null, 'no longer flagged');
      // Two years without confirmation: flagged as stale.
      const stale = await listContacts(t.db, anonymous, activity, { now: new Date(after1.confirmedAt.getTime() + 400 * 24 * 3600 * 1000) });
      assert.equal(stale.contacts.find((c) => c.id === entry.id)?.flag, 'stale');

      // The other entry answers with a correction: the secretariat is mailed it.
      const other = smtp.received.find((m) => m.envelopeTo.includes(rep.email!) && m !== mail)!;
      const otherLink = /http:\/\/concord\.test(\/contacts\/confirm\/[A-Za-z0-9_-]+)/.exec(other.text)![1]!;
      await visitor.get(otherLink);
      const corrected = await visitor.post(otherLink, { answer: 'correct', correction: 'I moved to another company; Bob takes over.' });
      assert.equal(corrected.statusCode, 200);
      const toSecretariat = await t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'contact_correction'), eq(mailOutbox.recipient, secretariatUser.user.email)));
      assert.equal(toSecretariat.length, 1);
      assert.match(toSecretariat[0]!.textBody, /Bob takes over/);
      const kinds = (await t.db.select({ kind: events.kind }).from(events).where(eq(events.activityId, activity.id))).map((e) => e.kind);
      assert.ok(kinds.includes('contact.confirmed') && kinds.includes('contact.correction_received') && kinds.includes('contact.confirmation_requested'));
    });

    it('keeps a members-only activity’s contacts from strangers', async () => {
      const closed = await makeActivity(t.db, { visibility: 'members' });
      await addMembership(t.db, systemActor('test'), closed.id, { personId: rep.id, role: 'chair' }, 'en');
      assert.equal((await stranger.get(`/activities/${closed.acronym}/contacts`)).statusCode, 404);
      assert.equal((await stranger.get(`/activities/${closed.acronym}/contacts/export.vcf`)).statusCode, 404);
      assert.equal((await new TestClient(t.app).get(`/api/v1/activities/${closed.acronym}/contacts`)).statusCode, 404);
    });
  });
}
