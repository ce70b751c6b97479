// Opening registration offers the announcement to the activity's list, with the meeting's .ics attached, and it is
// mailed through the list's fan-out and the outbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { events, mailOutbox } from '../../platform/schema.ts';
import { announcements } from '../../db/schema.ts';
import type { Activity } from '../activities/activities.ts';

for (const engine of testEngines()) {
  describe(`meeting announcement on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let activity: Activity;
    let memberUser: SignedInUser;
    let secretariat: TestClient;
    let member: TestClient;
    let stranger: TestClient;
    const meetingsPage = () => `/activities/${activity.acronym}/meetings`;

    const createMeeting = async (title: string) => {
      const response = await secretariat.post(meetingsPage(), {
        number: '', title, mode: 'hybrid', venue: 'ITU headquarters', city: 'Geneva', timeZone: 'Europe/Zurich',
        startDate: '2027-03-10', startTime: '09:30', endDate: '2027-03-12', endTime: '17:00', colocatedEvent: '', language: 'English',
        remoteUrl: 'https://meet.example.org/j/123?pwd=secret-room', onsiteCapacity: '',
        contributionDate: '2027-02-24', contributionTime: '', registrationDate: '2027-03-01', registrationTime: '12:00',
      });
      assert.equal(response.statusCode, 303, response.body);
      return Number(/\/meetings\/(\d+)$/.exec(String(response.headers.location))?.[1]);
    };
    const deliverAll = async () => {
      const transport = createSmtpTransport(smtp.url);
      try {
        while (await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir }));
      } finally {
        transport.close();
      }
    };

    before(async () => {
      t = await createTestApp(engine);
      smtp = await startSmtpServer();
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      member = new TestClient(t.app, memberUser.cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    it('lands on the prefilled announcement after opening registration, and mails the list with the meeting’s .ics', async () => {
      const title = unique('Fourth meeting ');
      const number = await createMeeting(title);
      const meeting = `${meetingsPage()}/${number}`;
      const announced = await secretariat.post(`${meeting}/announce`, {});
      assert.equal(announced.statusCode, 303, announced.body);
      assert.equal(announced.headers.location, `${meeting}/announcement`);

      const form = await secretariat.get(`${meeting}/announcement`);
      assert.equal(form.statusCode, 200, form.body);
      const subject = `${activity.acronym} meeting ${number}: ${title} — registration open`;
      assert.ok(form.body.includes(`value="${subject}"`), 'the subject is prefilled');
      assert.match(form.body, /<h3>Announce the meeting to the mailing list<\/h3>/);
      assert.match(form.body, new RegExp(`Register: http://concord\\.test${meeting}/register`));
      assert.match(form.body, /Contribution deadline: /);
      assert.match(form.body, /Pre-registration deadline: /);
      assert.match(form.body, new RegExp(`The ${activity.acronym} mailing list \\(\\d+ subscribers?\\)`));
      assert.match(form.body, /<input id="field-attachCalendar" type="checkbox" name="attachCalendar" checked/);
      assert.doesNotMatch(form.body, /secret-room/, 'the remote link is for confirmed registrants only');

      const text = /<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(form.body)?.[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      assert.ok(text, 'the text is prefilled');
      const sent = await secretariat.post(`${meeting}/announcement`, { subject, text, html: 'on', attachCalendar: 'on' });
      assert.equal(sent.statusCode, 303, sent.body);
      assert.match(String(sent.headers.location), new RegExp(`^/activities/${activity.acronym}/mailing-list/announcements/\\d+$`));
      const [row] = await t.db.select().from(announcements).where(eq(announcements.subject, subject));
      assert.ok(row, 'the announcement is in the archive');
      assert.deepEqual(row.attachments.map((a) => [a.fileName, a.contentType]), [[`${activity.acronym}-meeting-${number}.ics`, 'text/calendar; charset=utf-8']]);
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'announcement.sent'), eq(events.subjectId, String(row.id))));
      assert.ok(event, 'the announcement.sent event is recorded');

      await runDueJobs(t.db, jobHandlers, { config: t.config });
      const mails = await t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'announcement'), eq(mailOutbox.recipient, memberUser.user.email))).orderBy(asc(mailOutbox.id));
      assert.equal(mails.length, 1, 'the member is mailed once');
      assert.equal(mails[0]!.subject, `[${activity.acronym}] ${subject}`);
      assert.deepEqual(mails[0]!.attachments.map((a) => a.fileName), [`${activity.acronym}-meeting-${number}.ics`]);
      await deliverAll();
      // The subject has a dash outside ASCII, so it travels encoded (RFC 2047): the mail is found by its Message-ID.
      const received = smtp.received.find((m) => m.envelopeTo.includes(memberUser.user.email) && m.raw.includes(mails[0]!.messageId));
      assert.ok(received, 'the mail reached the member');
      assert.match(received.raw, new RegExp(`filename="?${activity.acronym}-meeting-${number}\\.ics`));
      assert.match(received.raw, /Content-Type: text\/calendar/i);
      const ics = await secretariat.get(`${String(sent.headers.location)}/attachments/1`);
      assert.equal(ics.statusCode, 200);
      assert.match(ics.body, /^BEGIN:VCALENDAR\r\n/);
      assert.match(ics.body, new RegExp(`SUMMARY:${activity.acronym} Meeting ${number}`));
      assert.doesNotMatch(ics.body, /secret-room/, 'the attached calendar carries no remote link');
    });

    it('accepts Concord’s own .ics as an attachment of any announcement', async () => {
      const number = await createMeeting(unique('Ics meeting '));
      const ics = await secretariat.get(`${meetingsPage()}/${number}/meeting.ics`);
      assert.equal(ics.statusCode, 200);
      const posted = await secretariat.upload(
        `/activities/${activity.acronym}/mailing-list/announcements`,
        { name: 'meeting.ics', type: 'text/calendar', bytes: Buffer.from(ics.body, 'utf8') },
        { subject: unique('With a calendar '), text: 'The calendar is attached.' },
      );
      assert.equal(posted.statusCode, 303, posted.body);
    });

    it('answers in French', async () => {
      const number = await createMeeting(unique('Réunion '));
      const meeting = `${meetingsPage()}/${number}`;
      await secretariat.post(`${meeting}/announce`, {});
      const form = await secretariat.get(`${meeting}/announcement`, { 'accept-language': 'fr' });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Annoncer la réunion sur la liste de diffusion/);
      assert.match(form.body, new RegExp(`${activity.acronym}, réunion ${number}\u202f: .* — inscription ouverte`));
      assert.match(form.body, /S’inscrire\u202f: http:\/\/concord\.test/);
      assert.match(form.body, /Joindre l’agenda de la réunion/);
    });

    it('refuses members and strangers, and a meeting not yet open for registration', async () => {
      const number = await createMeeting(unique('Guarded '));
      const meeting = `${meetingsPage()}/${number}`;
      const early = await secretariat.get(`${meeting}/announcement`);
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /Only an announced meeting, open for registration, is announced to the list; this one is planned\./);
      const earlyPost = await secretariat.post(`${meeting}/announcement`, { subject: 'Too early', text: 'Not yet.', attachCalendar: 'on' });
      assert.equal(earlyPost.statusCode, 409);
      await secretariat.post(`${meeting}/announce`, {});
      assert.equal((await member.get(`${meeting}/announcement`)).statusCode, 403);
      assert.equal((await member.post(`${meeting}/announcement`, { subject: 'Member', text: 'Hello' })).statusCode, 403);
      assert.equal((await stranger.get(`${meeting}/announcement`)).statusCode, 403);
      assert.equal((await stranger.post(`${meeting}/announcement`, { subject: 'Stranger', text: 'Hello' })).statusCode, 403);
      const anonymous = await new TestClient(t.app).get(`${meeting}/announcement`);
      assert.notEqual(anonymous.statusCode, 200);
      const blank = await secretariat.post(`${meeting}/announcement`, { subject: '', text: '', attachCalendar: 'on' });
      assert.equal(blank.statusCode, 422);
      assert.match(blank.body, /Subject/);
      const rows = await t.db.select().from(announcements).where(eq(announcements.activityId, activity.id));
      assert.equal(rows.filter((r) => ['Too early', 'Member', 'Stranger'].includes(r.subject)).length, 0, 'nothing was sent');
    });
  });
}
