import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { countQueries } from '../../../test/support/query-count.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { parseMail, startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { createApiToken } from '../../platform/auth/accounts.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { events, jobs, mailOutbox, users } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { loadDemoMeetings } from '../../demo/demo-meetings.ts';
import { anonymous, systemActor } from '../../platform/actor.ts';
import { cancelRegistration, registerParticipant } from './registration-changes.ts';
import { importantDates, meetings, registrations } from './schema.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const engine of testEngines()) {
  describe(`meetings on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let activity: Activity;
    let secretariatUser: SignedInUser;
    let memberUser: SignedInUser;
    let secretariat: TestClient;
    let member: TestClient;
    let stranger: TestClient;

    const list = () => `/activities/${activity.acronym}/meetings`;
    const page = (n: number) => `${list()}/${n}`;
    const form = (overrides: Record<string, string> = {}) => ({
      number: '',
      title: unique('Meeting '),
      mode: 'hybrid',
      venue: 'ITU headquarters',
      city: 'Geneva',
      timeZone: 'Europe/Zurich',
      startDate: '2027-02-10',
      startTime: '13:00',
      endDate: '2027-02-10',
      endTime: '14:30',
      colocatedEvent: 'ITU-T SG13 meeting, 1–12 February 2027',
      language: 'English',
      remoteUrl: 'https://meet.example.org/jca-secret-room',
      onsiteCapacity: '',
      contributionDate: '',
      contributionTime: '',
      registrationDate: '',
      registrationTime: '',
      ...overrides,
    });
    /** Creates a meeting through the secretariat's form and returns its number and row. */
    const createMeeting = async (overrides: Record<string, string> = {}, options: { announce?: boolean } = {}) => {
      const response = await secretariat.post(list(), form(overrides));
      assert.equal(response.statusCode, 303, response.body);
      const number = Number(/\/meetings\/(\d+)$/.exec(response.headers.location as string)?.[1]);
      if (options.announce !== false) {
        const announced = await secretariat.post(`${page(number)}/announce`, {});
        assert.equal(announced.statusCode, 303, announced.body);
      }
      const [row] = await t.db.select().from(meetings).where(and(eq(meetings.activityId, activity.id), eq(meetings.number, number)));
      assert.ok(row, 'meeting row exists');
      return row;
    };
    const registration = (overrides: Record<string, string> = {}) => ({
      name: 'Rita Remote',
      email: `${unique('rita').toLowerCase()}@example.net`,
      affiliation: 'NICT',
      organizationRepresented: 'Japan',
      capacity: 'member_state',
      country: 'Japan',
      mode: 'remote',
      ...overrides,
    });
    const register = async (client: TestClient, number: number, fields: Record<string, string>) => client.post(`${page(number)}/register`, fields);
    const registrationsOf = (meetingId: number) => t.db.select().from(registrations).where(eq(registrations.meetingId, meetingId)).orderBy(asc(registrations.id));
    const outbox = (purpose: string, to: string) =>
      t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, purpose), eq(mailOutbox.recipient, to))).orderBy(asc(mailOutbox.id));
    const tokenFrom = (location: string) => /\/registration\/([A-Za-z0-9_-]+)$/.exec(location)?.[1] ?? '';
    /** The path of the confirmation link in the last confirmation mail to an address. */
    const confirmLinkTo = async (email: string) => {
      const mails = await outbox('meetings.registration_confirm', email);
      const link = /^http:\/\/concord\.test(\/\S+\/confirm\/[A-Za-z0-9_-]+)$/m.exec(mails.at(-1)?.textBody ?? '')?.[1];
      assert.ok(link, `a confirmation link was mailed to ${email}`);
      return link;
    };
    /** Confirms a pending registration from the link last mailed to the address, in a browser of its own. */
    const confirmByMail = async (email: string) => {
      const client = new TestClient(t.app);
      const link = await confirmLinkTo(email);
      await client.get(link);
      const confirmed = await client.post(link, {});
      assert.equal(confirmed.statusCode, 303, confirmed.body);
      return confirmed;
    };
    /** Registers as a visitor and confirms from the mailed link, as the registrant would: the answer lands on the manage page. */
    const registerConfirmed = async (number: number, fields: Record<string, string>) => {
      const visitor = new TestClient(t.app);
      const registered = await register(visitor, number, fields);
      assert.equal(registered.statusCode, 303, registered.body);
      const link = await confirmLinkTo(fields.email!);
      await visitor.get(link);
      const confirmed = await visitor.post(link, {});
      assert.equal(confirmed.statusCode, 303, confirmed.body);
      return confirmed;
    };

    before(async () => {
      t = await createTestApp(engine);
      smtp = await startSmtpServer();
      activity = await makeActivity(t.db);
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      member = new TestClient(t.app, memberUser.cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    it('lets the secretariat create a meeting whose times are instants in the venue zone, with 23:59 deadlines and reminders queued', async () => {
      const meeting = await createMeeting({ contributionDate: '2027-02-01', registrationDate: '2027-02-08', registrationTime: '12:00' }, { announce: false });
      assert.equal(meeting.startsAt.toISOString(), '2027-02-10T12:00:00.000Z');
      assert.equal(meeting.endsAt.toISOString(), '2027-02-10T13:30:00.000Z');
      assert.equal(meeting.status, 'planned');
      const dates = await t.db.select().from(importantDates).where(eq(importantDates.meetingId, meeting.id)).orderBy(asc(importantDates.dueAt));
      assert.deepEqual(
        dates.map((d) => [d.kind, d.label, d.dueAt.toISOString(), d.hasTime]),
        [
          ['contribution', 'Contribution deadline', '2027-02-01T22:59:00.000Z', false],
          ['registration', 'Pre-registration deadline', '2027-02-08T11:00:00.000Z', true],
        ],
      );
      const queued = await t.db.select().from(jobs).where(like(jobs.dedupeKey, `meeting-reminder:${meeting.id}:%`)).orderBy(asc(jobs.runAt));
      assert.deepEqual(
        queued.map((j) => j.runAt.toISOString()),
        ['2027-01-25T22:59:00.000Z', '2027-02-01T11:00:00.000Z', '2027-01-31T22:59:00.000Z', '2027-02-07T11:00:00.000Z'].sort(),
      );
      const [created] = await t.db.select().from(events).where(and(eq(events.kind, 'meeting.created'), eq(events.subjectId, String(meeting.id))));
      assert.equal(created?.actorName, 'Sam Secretariat');
      const overview = await secretariat.get(page(meeting.number));
      assert.equal(overview.statusCode, 200);
      assert.match(overview.body, /10 Feb 2027, 13:00 – 14:30 CET/);
      assert.match(overview.body, /1 Feb 2027, 23:59 CET/);
    });

    it('shows the times on the reader’s clock when their account has a zone', async () => {
      const meeting = await createMeeting({}, { announce: false });
      // No role in the activity: a member added here would be one more recipient of the reminders tested below.
      const reader = await makeUser(t.db, { name: 'Reader' });
      const client = new TestClient(t.app, reader.cookie);
      assert.doesNotMatch((await client.get(page(meeting.number))).body, /In America\/New_York/);
      assert.equal((await client.post('/account', { name: 'Reader', locale: '', timeZone: 'America/New_York' })).statusCode, 303);
      const response = await client.get(page(meeting.number));
      assert.match(response.body, /In America\/New_York/);
      assert.match(response.body, /10 Feb 2027, 07:00 – 08:30 (GMT-5|EST)/);
    });

    it('refuses a start in the hour skipped by daylight saving, and shows the form again with the reason', async () => {
      const title = unique('Skipped ');
      const response = await secretariat.post(list(), form({ title, startDate: '2027-03-28', startTime: '02:30', endDate: '2027-03-28', endTime: '04:00' }));
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /2027-03-28 02:30 does not exist in Europe\/Zurich: the clocks skip that hour for daylight saving time/);
      assert.match(response.body, new RegExp(`value="${escapeRegExp(title)}"`), 'the form keeps what was typed');
      assert.equal((await t.db.select().from(meetings).where(eq(meetings.title, title))).length, 0);
    });

    it('refuses meeting management to members, strangers and visitors', async () => {
      const meeting = await createMeeting({}, { announce: false });
      const title = unique('Intruder ');
      assert.equal((await member.post(list(), form({ title }))).statusCode, 403);
      assert.equal((await stranger.post(list(), form({ title }))).statusCode, 403);
      const visitor = new TestClient(t.app);
      assert.equal((await visitor.post(list(), form({ title }))).statusCode, 401);
      const anonymousForm = await visitor.get(`${list()}/new`);
      assert.equal(anonymousForm.statusCode, 303);
      assert.match(String(anonymousForm.headers.location), /^\/sign-in/);
      assert.equal((await member.post(`${page(meeting.number)}/announce`, {})).statusCode, 403);
      assert.equal((await member.post(`${page(meeting.number)}/cancel`, { reason: 'no' })).statusCode, 403);
      assert.equal((await member.get(`${page(meeting.number)}/edit`)).statusCode, 403);
      assert.equal((await t.db.select().from(meetings).where(eq(meetings.title, title))).length, 0);
      const [row] = await t.db.select().from(meetings).where(eq(meetings.id, meeting.id));
      assert.equal(row?.status, 'planned');
    });

    it('refuses deadlines after the meeting has begun and impossible dates, saying why', async () => {
      const late = await secretariat.post(list(), form({ contributionDate: '2027-02-11', registrationDate: '2027-02-10', registrationTime: '13:30' }));
      assert.equal(late.statusCode, 422);
      assert.match(late.body, /The contribution deadline must fall before the meeting starts \(10 Feb 2027, 13:00 CET\)\./);
      assert.match(late.body, /The pre-registration deadline must fall before the meeting starts \(10 Feb 2027, 13:00 CET\)\./);
      assert.match(late.body, /value="2027-02-11"/, 'the form keeps what was typed');
      const french = new TestClient(t.app, secretariatUser.cookie);
      french.setCookie('concord_locale=fr');
      const frenchLate = await french.post(list(), form({ contributionDate: '2027-03-01' }));
      assert.match(frenchLate.body, /La date limite des contributions doit précéder le début de la réunion \(10 février 2027 à 13\u00a0h HNEC\)/);
      const impossible = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/meetings`, { ...form({ startDate: '2027-02-30', endDate: '2027-02-30' }), number: undefined });
      assert.equal(impossible.statusCode, 422);
      assert.equal(impossible.json().error.details.fields.startDate, '2027-02-30 is not a date: February 2027 has 28 days.');
      // On the day of the meeting, before it starts, is fine.
      const sameDay = await secretariat.post(list(), form({ contributionDate: '2027-02-10', contributionTime: '09:00' }));
      assert.equal(sameDay.statusCode, 303, sameDay.body);
    });

    it('lists upcoming and past meetings separately', async () => {
      const past = await createMeeting({ title: unique('Past '), startDate: '2025-10-09', startTime: '11:15', endDate: '2025-10-09', endTime: '13:15' }, { announce: false });
      const response = await stranger.get(list());
      assert.equal(response.statusCode, 200);
      const [upcomingPart, pastPart] = response.body.split('Past meetings');
      assert.ok(pastPart?.includes(past.title), 'the past meeting is under Past meetings');
      assert.ok(!upcomingPart?.includes(past.title), 'and not under upcoming');
    });

    it('registers a visitor remotely only once the address is confirmed: no place, link, manage token or .ics before', async () => {
      const meeting = await createMeeting({ title: unique('Hybrid ') });
      const visitor = new TestClient(t.app);
      const before = await visitor.get(page(meeting.number));
      assert.ok(!before.body.includes('jca-secret-room'), 'no remote link before registering');
      const fields = registration();
      const response = await register(visitor, meeting.number, fields);
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, `${page(meeting.number)}/register/check-mail`, 'no manage token for whoever typed the address');
      const landing = await visitor.get(String(response.headers.location));
      assert.match(landing.body, new RegExp(`a confirmation link was sent to ${escapeRegExp(fields.email)}\\. Open it within 48 hours`));
      assert.ok(!landing.body.includes('jca-secret-room'));
      let [row] = await registrationsOf(meeting.id);
      assert.equal(row?.status, 'pending');
      assert.equal(row?.confirmedAt, null);
      assert.ok(row?.confirmationTokenHash && row.confirmationExpiresAt, 'a link is outstanding');
      assert.equal(row!.confirmationExpiresAt!.getTime() - row!.createdAt.getTime() > 47 * 3600_000, true, 'valid 48 hours');
      assert.equal((await stranger.get(page(meeting.number))).body.includes('0 onsite, 0 remote'), true, 'a pending registration is not counted');

      // Only the confirmation goes out: no details mail, no .ics, no remote link, no manage link.
      assert.deepEqual(await outbox('meetings.registration', fields.email), []);
      const [confirmMail] = await outbox('meetings.registration_confirm', fields.email);
      assert.ok(confirmMail);
      assert.equal(confirmMail.attachments.length, 0);
      assert.doesNotMatch(confirmMail.textBody, /jca-secret-room|\/registration\//);
      assert.match(confirmMail.textBody, /To confirm the registration, open this link within 48 hours:/);
      const link = await confirmLinkTo(fields.email);
      assert.notEqual(row?.confirmationTokenHash, link.split('/').at(-1), 'only a hash of the link’s token is stored');

      // The link's page shows what is confirmed; opening it changes nothing (mail scanners open links).
      const confirmPage = await visitor.get(link);
      assert.equal(confirmPage.statusCode, 200);
      assert.equal(confirmPage.headers['referrer-policy'], 'no-referrer');
      assert.match(confirmPage.body, /Confirm my registration/);
      assert.ok(!confirmPage.body.includes('jca-secret-room'));
      [row] = await registrationsOf(meeting.id);
      assert.equal(row?.status, 'pending');

      const confirmed = await visitor.post(link, {});
      assert.equal(confirmed.statusCode, 303, confirmed.body);
      const token = tokenFrom(String(confirmed.headers.location));
      assert.ok(token.length > 20, 'the registrant lands on the token page');
      [row] = await registrationsOf(meeting.id);
      assert.equal(row?.status, 'registered');
      assert.equal(row?.confirmedBy, 'email');
      assert.equal(row?.confirmationTokenHash, null, 'the link is spent');
      assert.notEqual(row?.manageTokenHash, token, 'only a hash of the token is stored');
      const tokenPage = await visitor.get(String(confirmed.headers.location));
      assert.match(tokenPage.body, /jca-secret-room/);
      assert.equal(tokenPage.headers['referrer-policy'], 'no-referrer');
      const [mail] = await outbox('meetings.registration', fields.email);
      assert.ok(mail, 'the details follow the confirmation');
      assert.match(mail.textBody, /You are registered for .* \(remote\)\./);
      assert.match(mail.textBody, /Remote participation: https:\/\/meet.example.org\/jca-secret-room/);
      assert.match(mail.textBody, new RegExp(`http://concord.test${escapeRegExp(page(meeting.number))}/registration/${token}`));
      assert.equal(mail.attachments.length, 1);
      const ics = mail.attachments[0]!;
      const unfolded = (ics.content ?? '').replace(/\r\n /g, '');
      assert.equal(ics.fileName, `${activity.acronym}-meeting-${meeting.number}.ics`);
      assert.match(ics.content ?? '', /DTSTART:20270210T120000Z\r\nDTEND:20270210T133000Z/);
      assert.match(unfolded, /Remote participation: https:\/\/meet.example.org\/jca-secret-room/);

      // Once: the spent link confirms nothing more and says so.
      const again = await visitor.post(link, {});
      assert.equal(again.statusCode, 404);
      assert.match(again.body, /This confirmation link is not valid or has already been used\./);
      assert.equal((await visitor.get(link)).statusCode, 404);

      const transport = createSmtpTransport(smtp.url);
      try {
        await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir });
      } finally {
        transport.close();
      }
      const received = smtp.received.find((m) => m.envelopeTo.includes(fields.email) && m.raw.includes('text/calendar'));
      assert.ok(received, 'the test SMTP server received the details');
      const parsed = await parseMail(received);
      assert.equal(parsed.attachments.length, 1);
      assert.equal(parsed.attachments[0]?.contentType, 'text/calendar');
      assert.match(parsed.attachments[0]?.content.toString('utf8') ?? '', /BEGIN:VEVENT/);

      assert.equal(await eventCount(t, meeting.id, 'registration.created'), 1);
      assert.equal(await eventCount(t, meeting.id, 'registration.confirmed'), 1);
    });

    it('refuses a second registration with the same e-mail, in any case', async () => {
      const meeting = await createMeeting();
      const fields = registration();
      await registerConfirmed(meeting.number, fields);
      const again = await register(new TestClient(t.app), meeting.number, { ...fields, email: fields.email.toUpperCase() });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, new RegExp(`${escapeRegExp(fields.email)} is already registered for this meeting`));
      assert.equal((await registrationsOf(meeting.id)).length, 1);
    });

    it('refuses registration for a cancelled meeting, one not yet announced, and a mode the meeting does not offer', async () => {
      const cancelled = await createMeeting();
      const refusedCancel = await secretariat.post(`${page(cancelled.number)}/cancel`, { reason: '' });
      assert.equal(refusedCancel.statusCode, 422, 'a reason is required');
      const cancel = await secretariat.post(`${page(cancelled.number)}/cancel`, { reason: 'The host study group meeting moved online.' });
      assert.equal(cancel.statusCode, 303);
      const late = await register(new TestClient(t.app), cancelled.number, registration());
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /This meeting was cancelled: registration is not possible\./);
      const overview = await stranger.get(page(cancelled.number));
      assert.match(overview.body, /This meeting was cancelled: The host study group meeting moved online\./);

      const planned = await createMeeting({}, { announce: false });
      const early = await register(new TestClient(t.app), planned.number, registration());
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /Registration for this meeting is not open yet\./);

      const physical = await createMeeting({ mode: 'physical' });
      const remote = await register(new TestClient(t.app), physical.number, registration({ mode: 'remote' }));
      assert.equal(remote.statusCode, 422);
      assert.match(remote.body, /remote participation is not offered/);
      for (const m of [cancelled, planned, physical]) assert.equal((await registrationsOf(m.id)).length, 0);
    });

    it('applies the pre-registration deadline as the activity chooses: refused by default, accepted and marked late when set so', async () => {
      const meeting = await createMeeting({ registrationDate: '2026-11-01' });
      const refused = await register(new TestClient(t.app), meeting.number, registration());
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /The pre-registration deadline has passed \(1 Nov 2026, 23:59 CET, Europe\/Zurich\): this activity does not accept late submissions\./);
      assert.equal((await registrationsOf(meeting.id)).length, 0);

      assert.equal((await member.post(`${list()}/settings`, { lateContributions: 'accept_late', lateRegistrations: 'accept_late' })).statusCode, 403);
      const rules = await secretariat.post(`${list()}/settings`, { lateContributions: 'accept_late', lateRegistrations: 'accept_late' });
      assert.equal(rules.statusCode, 303);
      const accepted = await registerConfirmed(meeting.number, registration());
      assert.equal(accepted.statusCode, 303);
      const [row] = await registrationsOf(meeting.id);
      assert.equal(row?.late, true);
      await secretariat.post(`${list()}/settings`, { lateContributions: 'refuse', lateRegistrations: 'refuse' });
    });

    it('keeps a waiting list for onsite places and promotes the next person when a place frees up', async () => {
      const meeting = await createMeeting({ onsiteCapacity: '1' });
      const first = await registerConfirmed(meeting.number, registration({ name: 'Anna First', mode: 'onsite' }));
      const second = await registerConfirmed(meeting.number, registration({ name: 'Ben Second', mode: 'onsite' }));
      // Cleo's address belongs to an account that reads French: mail written when others free a place is in French.
      const cleo = await makeUser(t.db, { name: 'Cleo Third' });
      await t.db.update(users).set({ locale: 'fr' }).where(eq(users.id, cleo.user.id));
      const third = await registerConfirmed(meeting.number, registration({ name: 'Cleo Third', mode: 'onsite', email: cleo.user.email }));
      for (const r of [first, second, third]) assert.equal(r.statusCode, 303, r.body);
      assert.deepEqual((await registrationsOf(meeting.id)).map((r) => [r.name, r.status]), [
        ['Anna First', 'registered'],
        ['Ben Second', 'waiting'],
        ['Cleo Third', 'waiting'],
      ]);
      const [, benRow] = await registrationsOf(meeting.id);
      const [waitMail] = await outbox('meetings.registration', benRow!.email);
      assert.match(waitMail!.textBody, /you are on the waiting list/);

      // Anna cancels from the link in her mail: Ben gets her place, Cleo keeps waiting.
      const annaToken = tokenFrom(String(first.headers.location));
      const cancel = await new TestClient(t.app).post(`${page(meeting.number)}/registration/${annaToken}/cancel`, {});
      assert.equal(cancel.statusCode, 303, cancel.body);
      assert.deepEqual((await registrationsOf(meeting.id)).map((r) => [r.name, r.status]), [
        ['Anna First', 'cancelled'],
        ['Ben Second', 'registered'],
        ['Cleo Third', 'waiting'],
      ]);
      assert.equal((await outbox('meetings.registration_promoted', benRow!.email)).length, 1);

      // Ben switches to remote: Cleo gets the place.
      const benToken = tokenFrom(String(second.headers.location));
      const change = await new TestClient(t.app).post(`${page(meeting.number)}/registration/${benToken}/mode`, { mode: 'remote' });
      assert.equal(change.statusCode, 303, change.body);
      assert.deepEqual((await registrationsOf(meeting.id)).map((r) => [r.name, r.mode, r.status]), [
        ['Anna First', 'onsite', 'cancelled'],
        ['Ben Second', 'remote', 'registered'],
        ['Cleo Third', 'onsite', 'registered'],
      ]);
      const [cleoPromoted] = await outbox('meetings.registration_promoted', cleo.user.email);
      assert.match(cleoPromoted!.subject, /Une place en présentiel pour vous : /, 'in the language of Cleo’s account, not of Ben’s request');
      const again = await new TestClient(t.app).post(`${page(meeting.number)}/registration/${annaToken}/cancel`, {});
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /This registration was already cancelled\./);
      assert.match(again.body, /<h3>Your registration<\/h3>/, 'the refusal is shown on the registration’s own page');
      assert.match(again.body, /This registration was already cancelled\./);
      assert.match(again.body, /<h3>Your registration<\/h3>/, 'the refusal is shown on the registration’s own page');
      const foreign = await new TestClient(t.app).post(`${page(meeting.number)}/registration/${'x'.repeat(32)}/cancel`, {});
      assert.equal(foreign.statusCode, 404);
      assert.equal(await eventCount(t, meeting.id, 'registration.promoted'), 2);
    });

    it('cancelling reads the meeting (locked) and the registration once: an exact list of queries', async () => {
      const meeting = await createMeeting({ onsiteCapacity: '1' });
      const ctx = { locale: 'en' as const, baseUrl: 'http://concord.test' };
      const system = systemActor('test');
      const input = (name: string) => ({ name, email: `${unique('c').toLowerCase()}@example.net`, capacity: 'academia' as const, mode: 'onsite' as const });
      const { token } = await registerParticipant(t.db, system, activity, meeting.id, input('Dana Onsite'), ctx);
      assert.ok(token, 'entered by Concord itself: confirmed at once, with its manage link');
      await registerParticipant(t.db, system, activity, meeting.id, input('Eli Waiting'), ctx);
      const cancelled = await countQueries(t.database, () => cancelRegistration(t.db, anonymous, activity, meeting.id, { token }, ctx));
      assert.equal(cancelled.result.status, 'cancelled');
      assert.deepEqual(cancelled.shapes, [
        'select meetings',
        'select meeting_registrations',
        'update meeting_registrations',
        // the registrant's language (no account linked: by address), then the mail and the event
        'select users',
        'insert mail_outbox',
        'insert events',
        // the freed place goes to Eli: the waiting list, the places taken, the promotion, its mail and event
        'select meeting_registrations',
        'select meeting_registrations',
        'update meeting_registrations',
        'select users',
        'insert mail_outbox',
        'insert events',
      ]);
      assert.deepEqual((await registrationsOf(meeting.id)).map((r) => r.status), ['cancelled', 'registered']);
    });

    it('gives the last onsite place to one of many registering at once, and takes one of two same e-mails', async () => {
      const meeting = await createMeeting({ onsiteCapacity: '1' });
      const ctx = { locale: 'en' as const, baseUrl: 'http://concord.test' };
      const input = (i: number) => ({ name: `Racer ${i}`, email: `racer-${i}-${unique('r').toLowerCase()}@example.net`, capacity: 'academia' as const, mode: 'onsite' as const });
      const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => registerParticipant(t.db, systemActor('test'), activity, meeting.id, input(i), ctx)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
      const statuses = (await registrationsOf(meeting.id)).map((r) => r.status).sort();
      assert.deepEqual(statuses, ['registered', 'waiting', 'waiting', 'waiting', 'waiting']);

      const same = { ...input(9), mode: 'remote' as const };
      const twice = await Promise.allSettled([registerParticipant(t.db, systemActor('test'), activity, meeting.id, same, ctx), registerParticipant(t.db, systemActor('test'), activity, meeting.id, same, ctx)]);
      assert.deepEqual(twice.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const refusal = twice.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason as { code?: string; message?: string };
      assert.equal(refusal.code, 'conflict');
      assert.match(refusal.message ?? '', /is already registered for this meeting/);
    });

    it('writes registrations asked at once together: as many statements for twenty as for one, each with its own row, mail, event or refusal', async () => {
      const meeting = await createMeeting();
      const ctx = { locale: 'en' as const, baseUrl: 'http://concord.test' };
      const input = (email: string) => ({ name: 'Batch Registrant', email, capacity: 'academia' as const, mode: 'remote' as const });
      const fresh = () => `${unique('batch').toLowerCase()}@example.net`;
      const one = await countQueries(t.database, () => registerParticipant(t.db, anonymous, activity, meeting.id, input(fresh()), ctx));
      assert.equal(one.result.registration.status, 'pending');
      const taken = fresh();
      await registerParticipant(t.db, systemActor('test'), activity, meeting.id, input(taken), ctx);
      const emails = Array.from({ length: 20 }, fresh);
      const many = await countQueries(t.database, () =>
        Promise.allSettled([...emails, taken].map((email) => registerParticipant(t.db, anonymous, activity, meeting.id, input(email), ctx))),
      );
      assert.deepEqual(many.shapes, one.shapes);
      assert.deepEqual(
        many.result.map((r) => (r.status === 'fulfilled' ? [r.value.registration.email, r.value.registration.status, r.value.token] : (r.reason as Error).message)),
        [...emails.map((email) => [email, 'pending', null]), `${taken} is already registered for this meeting. Use the link in the confirmation e-mail to change the mode or cancel.`],
      );
      for (const email of emails) assert.equal((await outbox('meetings.registration_confirm', email)).length, 1, email);
      const created = await t.db
        .select()
        .from(events)
        .where(and(eq(events.kind, 'registration.created'), eq(events.subjectId, String(meeting.id))));
      assert.equal(created.length, 22);
      const rows = await registrationsOf(meeting.id);
      assert.deepEqual(
        emails.map((email) => created.find((e) => rows.find((r) => r.email === email)?.id === (e.after as { registrationId: number }).registrationId)?.summary),
        emails.map(() => `Batch Registrant registered for meeting ${meeting.number} (remote, awaiting confirmation)`),
      );
    });

    it('sends no more than 3 confirmation mails an hour to one address registering for several meetings at once', async () => {
      const ctx = { locale: 'en' as const, baseUrl: 'http://concord.test' };
      const email = `${unique('flood').toLowerCase()}@example.net`;
      const meetingsAtOnce = [];
      for (let i = 0; i < 5; i++) meetingsAtOnce.push(await createMeeting());
      const results = await Promise.allSettled(
        meetingsAtOnce.map((m) => registerParticipant(t.db, anonymous, activity, m.id, { name: 'Flo Flood', email, capacity: 'academia', mode: 'remote' }, ctx)),
      );
      assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? 'registered' : (r.reason as { code?: string }).code)).sort(), [
        'registered',
        'registered',
        'registered',
        'too_many_requests',
        'too_many_requests',
      ]);
      assert.equal((await outbox('meetings.registration_confirm', email)).length, 3);
    });

    if (engine === 'postgres') {
      it('registers without taking a place while another transaction holds the meeting in share mode; a place waits for it', async () => {
        const meeting = await createMeeting({ onsiteCapacity: '5' });
        const ctx = { locale: 'en' as const, baseUrl: 'http://concord.test' };
        const input = (mode: 'onsite' | 'remote') => ({ name: 'Lock Tester', email: `${unique('lock').toLowerCase()}@example.net`, capacity: 'academia' as const, mode });
        let release!: () => void;
        let held!: () => void;
        const holding = new Promise<void>((resolve) => (held = resolve));
        const holder = t.db.transaction(async (tx) => {
          await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meeting.id)).for('share');
          held();
          await new Promise<void>((resolve) => (release = resolve));
        });
        await holding;
        try {
          // Pending (nobody confirmed the address) and remote: neither takes a counted place, so neither waits.
          const soon = <T,>(work: Promise<T>) =>
            Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('waited for the share lock')), 5000))]);
          assert.equal((await soon(registerParticipant(t.db, anonymous, activity, meeting.id, input('onsite'), ctx))).registration.status, 'pending');
          assert.equal((await soon(registerParticipant(t.db, systemActor('test'), activity, meeting.id, input('remote'), ctx))).registration.status, 'registered');
          // An onsite place is handed out under the meeting's exclusive lock: it waits for the holder.
          let decided = false;
          const onsite = registerParticipant(t.db, systemActor('test'), activity, meeting.id, input('onsite'), ctx).then((r) => ((decided = true), r));
          await new Promise((resolve) => setTimeout(resolve, 300));
          assert.equal(decided, false, 'the onsite place waited for the share lock');
          release();
          await holder;
          assert.equal((await onsite).registration.status, 'registered');
        } finally {
          release();
          await holder;
        }
      });
    }

    it('prefills the form for a signed-in member, then lets them change and cancel while signed in', async () => {
      const meeting = await createMeeting();
      const form = await member.get(`${page(meeting.number)}/register`);
      assert.match(form.body, /value="Maria Member"/);
      assert.match(form.body, new RegExp(`value="${escapeRegExp(memberUser.user.email)}"`));
      const response = await register(member, meeting.number, registration({ name: 'Maria Member', email: memberUser.user.email }));
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `${page(meeting.number)}/register`);
      const [row] = await registrationsOf(meeting.id);
      assert.equal(row?.userId, memberUser.user.id);
      assert.equal(row?.personId, memberUser.personId);
      const overview = await member.get(page(meeting.number));
      assert.match(overview.body, /jca-secret-room/, 'a registered member sees the remote link');
      assert.equal((await stranger.post(`${page(meeting.number)}/registrations/${row!.id}/cancel`, {})).statusCode, 404, 'a stranger cannot cancel it');
      const change = await member.post(`${page(meeting.number)}/registrations/${row!.id}/mode`, { mode: 'onsite' });
      assert.equal(change.statusCode, 303);
      const cancel = await member.post(`${page(meeting.number)}/registrations/${row!.id}/cancel`, {});
      assert.equal(cancel.statusCode, 303);
      const [after] = await registrationsOf(meeting.id);
      assert.deepEqual([after?.mode, after?.status], ['onsite', 'cancelled']);
    });

    it('shows participants to members, counts to everyone, and the CSV export to the secretariat only', async () => {
      const meeting = await createMeeting();
      await registerConfirmed(meeting.number, registration({ name: 'Olga Onsite', mode: 'onsite', affiliation: '=HYPERLINK("x")' }));
      await registerConfirmed(meeting.number, registration({ name: 'Rémi Remote' }));
      const anonymous = await new TestClient(t.app).get(`${page(meeting.number)}/participants`);
      assert.equal(anonymous.statusCode, 200);
      assert.match(anonymous.body, /1 onsite, 1 remote/);
      assert.ok(!anonymous.body.includes('Olga Onsite'), 'visitors see counts, not names');
      const asMember = await member.get(`${page(meeting.number)}/participants`);
      assert.match(asMember.body, /Olga Onsite/);
      assert.ok(!asMember.body.includes('@example.net'), 'members do not see e-mails');
      assert.ok(!asMember.body.includes('participants.csv'), 'nor the export link');

      assert.equal((await member.get(`${page(meeting.number)}/participants.csv`)).statusCode, 403);
      const visitorCsv = await new TestClient(t.app).get(`${page(meeting.number)}/participants.csv`);
      assert.equal(visitorCsv.statusCode, 303);
      const csv = await secretariat.get(`${page(meeting.number)}/participants.csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines[0], 'Name,E-mail,Affiliation,Organization represented,Capacity,Country,Mode,Status,Late,Attended,Registered at');
      assert.equal(lines.length, 3);
      assert.match(lines[1]!, /^Olga Onsite,olga|^Olga Onsite,rita/);
      assert.match(lines[1]!, /,"'=HYPERLINK\(""x""\)",/, 'a formula is neutralised');
      assert.match(lines[2]!, /^Rémi Remote,.*,Member State,Japan,Remote,Registered,no,,/);
    });

    it('marks attendance once the meeting has started, for the secretariat only', async () => {
      const future = await createMeeting();
      await registerConfirmed(future.number, registration());
      const [futureRow] = await registrationsOf(future.id);
      const tooEarly = await secretariat.post(`${page(future.number)}/attendance`, { attended: String(futureRow!.id) });
      assert.equal(tooEarly.statusCode, 409);
      assert.match(tooEarly.body, /Attendance can be marked once the meeting has started\./);

      const now = new Date();
      const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      const running = await createMeeting({ startDate: day(-1), startTime: '09:00', endDate: day(2), endTime: '17:00' });
      await registerConfirmed(running.number, registration({ name: 'Pia Present' }));
      await registerConfirmed(running.number, registration({ name: 'Abe Absent' }));
      const [pia, abe] = await registrationsOf(running.id);
      assert.equal((await member.post(`${page(running.number)}/attendance`, { attended: String(pia!.id) })).statusCode, 403);
      const marked = await secretariat.post(`${page(running.number)}/attendance`, { attended: [String(pia!.id)] });
      assert.equal(marked.statusCode, 303, marked.body);
      assert.deepEqual((await registrationsOf(running.id)).map((r) => [r.name, r.attended]), [
        [pia!.name, true],
        [abe!.name, false],
      ]);
      assert.equal(await eventCount(t, running.id, 'registration.attendance'), 1);
    });

    it('publishes calendars per activity and per meeting with UTC times right in winter and summer', async () => {
      const winter = await createMeeting({ title: unique('Winter '), startDate: '2027-01-15', startTime: '10:00', endDate: '2027-01-15', endTime: '12:00', contributionDate: '2027-01-05' });
      const summer = await createMeeting({ title: unique('Summer '), startDate: '2027-07-15', startTime: '10:00', endDate: '2027-07-15', endTime: '12:00', contributionDate: '2027-07-05' });
      const feed = await new TestClient(t.app).get(`${list()}.ics`);
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /^text\/calendar/);
      const body = feed.body;
      assert.match(body, new RegExp(`UID:meeting-${winter.id}@concord\\r\\nDTSTAMP:\\d{8}T\\d{6}Z\\r\\nDTSTART:20270115T090000Z\\r\\nDTEND:20270115T110000Z`));
      assert.match(body, new RegExp(`UID:meeting-${summer.id}@concord\\r\\nDTSTAMP:\\d{8}T\\d{6}Z\\r\\nDTSTART:20270715T080000Z\\r\\nDTEND:20270715T100000Z`));
      assert.match(body, /DTSTART:20270105T225900Z/, 'the winter deadline at 23:59 CET');
      assert.match(body, /DTSTART:20270705T215900Z/, 'the summer deadline at 23:59 CEST');
      assert.ok(!body.includes('jca-secret-room'), 'the public feed carries no remote link');
      const one = await secretariat.get(`${page(summer.number)}/meeting.ics`);
      assert.equal(one.statusCode, 200);
      assert.equal((one.body.match(/BEGIN:VEVENT/g) ?? []).length, 2, 'the meeting and its deadline');
      assert.match(one.body, /jca-secret-room/, 'the secretariat’s copy carries the remote link');
    });

    it('mails deadline reminders once, and not for a deadline that has moved', async () => {
      const title = unique('Reminded ');
      const meeting = await createMeeting({ title, contributionDate: '2027-02-01' });
      await registerConfirmed(meeting.number, registration({ email: 'reminded.participant@example.net' }));
      const reminders = () =>
        t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'meetings.deadline_reminder'), like(mailOutbox.subject, `%${title}%`)));
      const run = (now: string) => runDueJobs(t.db, jobHandlers, { config: t.config, now: new Date(now) });

      await run('2027-01-26T00:00:00Z');
      const firstRound = await reminders();
      const recipients = firstRound.map((m) => m.recipient).sort();
      assert.deepEqual(recipients, [memberUser.user.email, 'reminded.participant@example.net', secretariatUser.user.email].sort());
      assert.match(firstRound[0]!.textBody, /The contribution deadline for Meeting \d+: .* is 1 Feb 2027, 23:59 CET \(Europe\/Zurich\) \(6 d 22 h left\)\./);
      await run('2027-01-26T00:00:00Z');
      assert.equal((await reminders()).length, 3, 'running the jobs again sends nothing more');

      // The deadline moves to 10 February: the 1-day reminder of 1 February finds it moved and stays silent.
      const moved = await secretariat.post(`${page(meeting.number)}/edit`, { ...form({ title, number: String(meeting.number) }), contributionDate: '2027-02-10', startDate: '2027-02-12', endDate: '2027-02-12' });
      assert.equal(moved.statusCode, 303, moved.body);
      await run('2027-02-01T00:00:00Z');
      assert.equal((await reminders()).length, 3, 'no reminder for the old deadline');
      await run('2027-02-04T00:00:00Z');
      assert.equal((await reminders()).length, 6, 'the 7-day reminder of the new deadline');
      await run('2027-02-04T00:00:00Z');
      assert.equal((await reminders()).length, 6);
      const [updated] = await t.db.select().from(events).where(and(eq(events.kind, 'meeting.updated'), eq(events.subjectId, String(meeting.id))));
      assert.deepEqual((updated?.after as Record<string, unknown>).contributionDeadline, '2027-02-10T22:59:00.000Z');
    });

    it('names the changed fields of a meeting in the history with the form’s labels, in French and in English', async () => {
      const title = unique('Historique ');
      const meeting = await createMeeting({ title, contributionDate: '2027-01-20' });
      const renamed = `${title} (renamed)`;
      const edited = await secretariat.post(`${page(meeting.number)}/edit`, {
        ...form({ title: renamed, number: String(meeting.number) }),
        startDate: '2027-02-11',
        endDate: '2027-02-11',
        contributionDate: '2027-01-25',
      });
      assert.equal(edited.statusCode, 303, edited.body);
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'meeting.updated'), eq(events.subjectId, String(meeting.id))));
      assert.deepEqual(Object.keys(event!.after as object).sort(), ['contributionDeadline', 'endsAt', 'startsAt', 'title']);
      const row = (body: string) => body.slice(body.indexOf(`id="event-${event!.id}"`), body.indexOf('</tr>', body.indexOf(`id="event-${event!.id}"`)));

      const french = new TestClient(t.app, secretariatUser.cookie);
      french.setCookie('concord_locale=fr');
      const frenchRow = row((await french.get(`/activities/${activity.acronym}/history`)).body);
      assert.match(frenchRow, /Réunion modifiée par Sam Secretariat \(titre, date de début, date de fin et date limite des contributions\)/);
      assert.ok(frenchRow.includes(`<strong>Titre</strong> : <del>${title}</del> → <ins>${renamed}</ins>`), `the title change in French: ${frenchRow}`);
      const start = (iso: string, locale: 'en' | 'fr') => formatDateTime(new Date(iso), locale);
      assert.match(frenchRow, /<strong>Date de début<\/strong>\u202f: <del>10 février 2027[^<]*<\/del> → <ins>11 février 2027/, `the start as a French date: ${frenchRow}`);
      assert.ok(frenchRow.includes('<strong>Date limite des contributions</strong>'), 'the deadline by its French label');
      assert.doesNotMatch(frenchRow, /startsAt|contributionDeadline/, 'no field name of the code');

      const englishRow = row((await secretariat.get(`/activities/${activity.acronym}/history`)).body);
      assert.match(englishRow, /Meeting changed by Sam Secretariat \(title, start date, end date, and contribution deadline\)/);
      assert.ok(englishRow.includes(`<strong>Start date</strong>: <del>${start('2027-02-10T12:00:00.000Z', 'en')}</del>`), `the start as an English date: ${englishRow}`);

      // The activity's deadline rules, on an activity of its own (the shared one's rules are other tests' business).
      const own = await makeActivity(t.db);
      const ownSecretariat = await makeUser(t.db, { role: 'secretariat', activityId: own.id });
      const rules = await new TestClient(t.app, ownSecretariat.cookie).post(`/activities/${own.acronym}/meetings/settings`, { lateContributions: 'refuse', lateRegistrations: 'refuse' });
      assert.equal(rules.statusCode, 303, rules.body);
      const frenchOwn = new TestClient(t.app, ownSecretariat.cookie);
      frenchOwn.setCookie('concord_locale=fr');
      const history = (await frenchOwn.get(`/activities/${own.acronym}/history`)).body;
      assert.ok(history.includes('<strong>Contributions après la date limite</strong> : <del>Acceptées et marquées en retard</del> → <ins>Refusées</ins>'), 'the rule by its French label and value');
      assert.doesNotMatch(history, /lateContributions|accept_late/, 'no code names');
    });

    it('keeps the city and the co-located meeting in French beside the English, edited in the form and named in the history', async () => {
      const meeting = await createMeeting({ title: unique('Français ') });
      const edit = await secretariat.get(`${page(meeting.number)}/edit`);
      assert.match(edit.body, /<label for="field-cityFr">City \(French\)/);
      assert.match(edit.body, /<label for="field-colocatedEventFr">Held alongside \(French\)/);
      const edited = await secretariat.post(`${page(meeting.number)}/edit`, {
        ...form({ title: meeting.title, number: String(meeting.number) }),
        cityFr: 'Genève',
        colocatedEventFr: 'réunion de la CE 13 de l’UIT-T, 1–12 février 2027',
      });
      assert.equal(edited.statusCode, 303, edited.body);
      const [row] = await t.db.select().from(meetings).where(eq(meetings.id, meeting.id));
      assert.deepEqual([row?.cityFr, row?.colocatedEventFr, row?.city], ['Genève', 'réunion de la CE 13 de l’UIT-T, 1–12 février 2027', 'Geneva']);
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'meeting.updated'), eq(events.subjectId, String(meeting.id))));
      assert.deepEqual(Object.keys(event!.after as object).sort(), ['cityFr', 'colocatedEventFr']);
      const french = new TestClient(t.app, secretariatUser.cookie);
      french.setCookie('concord_locale=fr');
      const history = (await french.get(`/activities/${activity.acronym}/history`)).body;
      const at = history.indexOf(`id="event-${event!.id}"`);
      const frenchRow = history.slice(at, history.indexOf('</tr>', at));
      assert.ok(frenchRow.includes('<strong>Ville (français)</strong>'), frenchRow);
      assert.ok(frenchRow.includes('Genève'), frenchRow);
      // Blank clears the French text (the French circular then names it missing).
      assert.equal((await secretariat.post(`${page(meeting.number)}/edit`, { ...form({ title: meeting.title, number: String(meeting.number) }), cityFr: '' })).statusCode, 303);
      const [cleared] = await t.db.select().from(meetings).where(eq(meetings.id, meeting.id));
      assert.equal(cleared?.cityFr, null);
    });

    it('writes each deadline reminder and a cancellation in the recipient’s language: their account’s, else the one they registered in, else English', async () => {
      const own = await makeActivity(t.db);
      const ownSecretariat = await makeUser(t.db, { role: 'secretariat', activityId: own.id });
      const frenchMember = await makeUser(t.db, { role: 'member', activityId: own.id, name: 'Françoise Membre' });
      const englishMember = await makeUser(t.db, { role: 'member', activityId: own.id, name: 'Edward Member' });
      const frenchRegistrant = await makeUser(t.db, { name: 'Fabien Inscrit' });
      const frenchByAddress = await makeUser(t.db, { name: 'Félix Adresse' });
      await t.db.update(users).set({ locale: 'fr' }).where(inArray(users.id, [frenchMember.user.id, frenchRegistrant.user.id, frenchByAddress.user.id]));
      await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, englishMember.user.id));
      const ownClient = new TestClient(t.app, ownSecretariat.cookie);
      const title = unique('Bilingual ');
      const created = await ownClient.post(`/activities/${own.acronym}/meetings`, form({ title, contributionDate: '2027-02-01' }));
      assert.equal(created.statusCode, 303, created.body);
      const ownPage = String(created.headers.location);
      assert.equal((await ownClient.post(`${ownPage}/announce`, {})).statusCode, 303);
      // Linked by the registration (another address than the account's), by the address alone, and by nothing.
      const signedIn = await new TestClient(t.app, frenchRegistrant.cookie).post(`${ownPage}/register`, registration({ email: 'fabien.ailleurs@example.net' }));
      assert.equal(signedIn.statusCode, 303, signedIn.body);
      await confirmByMail('fabien.ailleurs@example.net');
      assert.equal((await new TestClient(t.app).post(`${ownPage}/register`, registration({ email: frenchByAddress.user.email.toUpperCase() }))).statusCode, 303);
      await confirmByMail(frenchByAddress.user.email.toLowerCase());
      assert.equal((await new TestClient(t.app).post(`${ownPage}/register`, registration({ email: 'anonyme@example.net' }))).statusCode, 303);
      await confirmByMail('anonyme@example.net');
      // No account, but registered in French: the registration keeps the language.
      const frenchVisitor = new TestClient(t.app);
      frenchVisitor.setCookie('concord_locale=fr');
      assert.equal((await frenchVisitor.post(`${ownPage}/register`, registration({ email: 'visiteur@example.net' }))).statusCode, 303);
      await confirmByMail('visiteur@example.net');

      await runDueJobs(t.db, jobHandlers, { config: t.config, now: new Date('2027-01-26T00:00:00Z') });
      const mails = await t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'meetings.deadline_reminder'), like(mailOutbox.subject, `%${title}%`)));
      const subjects = Object.fromEntries(mails.map((mail) => [mail.recipient, mail.subject]));
      const french = `[${own.acronym}] Rappel : Date limite des contributions pour Réunion 1 : ${title}`;
      const english = `[${own.acronym}] Reminder: Contribution deadline for Meeting 1: ${title}`;
      assert.deepEqual(subjects, {
        [frenchMember.user.email]: french,
        'fabien.ailleurs@example.net': french,
        [frenchByAddress.user.email]: french,
        [englishMember.user.email]: english,
        [ownSecretariat.user.email]: english,
        'anonyme@example.net': english,
        'visiteur@example.net': french,
      });
      const frenchBody = mails.find((mail) => mail.recipient === frenchMember.user.email)!.textBody;
      const due = formatDateTime(new Date('2027-02-01T22:59:00Z'), 'fr', 'Europe/Zurich');
      assert.ok(frenchBody.startsWith(`La date limite des contributions pour Réunion 1 : ${title} est le ${due} (Europe/Zurich)`), `French body: ${frenchBody}`);
      assert.match(frenchBody, /Vous recevez ce rappel en tant que membre de l’activité ou participant inscrit\.$/);

      // The English-speaking secretariat cancels: each registrant hears of it in their own language all the same.
      assert.equal((await ownClient.post(`${ownPage}/cancel`, { reason: 'The host meeting moved online.' })).statusCode, 303);
      const cancelled = await t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'meeting.cancelled'), like(mailOutbox.subject, `%${title}%`)));
      assert.deepEqual(Object.fromEntries(cancelled.map((mail) => [mail.recipient, mail.subject])), {
        'fabien.ailleurs@example.net': `[${own.acronym}] Réunion annulée : ${title}`,
        [frenchByAddress.user.email]: `[${own.acronym}] Réunion annulée : ${title}`,
        'anonyme@example.net': `[${own.acronym}] Meeting cancelled: ${title}`,
        'visiteur@example.net': `[${own.acronym}] Réunion annulée : ${title}`,
      });
      assert.ok(cancelled.every((mail) => mail.textBody.includes('The host meeting moved online.')), 'the reason as written');
    });

    it('serves meetings, dates and registrations through the API, in the OpenAPI document', async () => {
      const api = `/api/v1/activities/${activity.acronym}/meetings`;
      const created = await secretariat.api('POST', api, { ...form({ title: 'API meeting' }), number: undefined, onsiteCapacity: 20, contributionDate: '2027-02-01' });
      assert.equal(created.statusCode, 201, created.body);
      const meeting = created.json() as { number: number; startsAt: string; dates: { kind: string; dueAt: string }[]; allowedActions: string[]; remoteUrl: string | null };
      assert.equal(meeting.startsAt, '2027-02-10T12:00:00.000Z');
      assert.deepEqual(meeting.dates.map((d) => [d.kind, d.dueAt]), [['contribution', '2027-02-01T22:59:00.000Z']]);
      assert.ok(meeting.allowedActions.includes('manage'), 'the secretariat may manage');
      assert.equal((await member.api('POST', api, form({ title: 'Member meeting' }))).statusCode, 403);
      const gap = await secretariat.api('POST', api, form({ startDate: '2027-03-28', startTime: '02:15', endDate: '2027-03-28', endTime: '05:00' }));
      assert.equal(gap.statusCode, 422, gap.body);
      assert.match((gap.json() as { error: { details: { fields: Record<string, string> } } }).error.details.fields.startTime ?? '', /does not exist in Europe\/Zurich/);

      const announce = await secretariat.api('POST', `${api}/${meeting.number}/announce`);
      assert.equal(announce.statusCode, 200);
      const visitorView = await t.app.inject({ method: 'GET', url: `${api}/${meeting.number}` });
      assert.equal((visitorView.json() as { remoteUrl: string | null }).remoteUrl, null);
      const registered = await t.app.inject({ method: 'POST', url: `${api}/${meeting.number}/registrations`, payload: registration({ mode: 'onsite' }) });
      assert.equal(registered.statusCode, 401, 'API writes need an account (visitors register through the form)');
      const viaMember = await member.api('POST', `${api}/${meeting.number}/registrations`, registration({ email: memberUser.user.email }));
      assert.equal(viaMember.statusCode, 201, viaMember.body);
      const list = await member.api('GET', `${api}/${meeting.number}/registrations`);
      assert.equal(list.statusCode, 200);
      assert.equal((list.json() as { registrations: { email?: string }[] }).registrations[0]?.email, undefined, 'members get no e-mails');
      assert.equal((await stranger.api('GET', `${api}/${meeting.number}/registrations`)).statusCode, 403);
      const rulesUrl = `/api/v1/activities/${activity.acronym}/meeting-rules`;
      // A script with an API token (no cookie, so no CSRF token needed), as the member and as the secretariat.
      const tokenOf = async (user: SignedInUser) => (await createApiToken(t.db, { kind: 'user', userId: user.user.id, name: user.user.name, email: user.user.email, isAdmin: false, locale: null, personId: user.personId, roles: new Map() }, 'rules')).token;
      const put = async (user: SignedInUser, body: Record<string, string>) =>
        t.app.inject({ method: 'PUT', url: rulesUrl, headers: { authorization: `Bearer ${await tokenOf(user)}` }, payload: body });
      const byMember = await put(memberUser, { lateContributions: 'refuse', lateRegistrations: 'refuse' });
      assert.equal(byMember.statusCode, 403, byMember.body);
      const bySecretariat = await put(secretariatUser, { lateContributions: 'refuse', lateRegistrations: 'accept_late' });
      assert.equal(bySecretariat.statusCode, 200, bySecretariat.body);
      const rules = await t.app.inject({ method: 'GET', url: rulesUrl });
      assert.deepEqual(rules.json(), { lateContributions: 'refuse', lateRegistrations: 'accept_late' });
      await put(secretariatUser, { lateContributions: 'refuse', lateRegistrations: 'refuse' });
      const doc = await t.app.inject({ method: 'GET', url: '/api/docs' });
      const paths = Object.keys((doc.json() as { paths: Record<string, unknown> }).paths);
      for (const p of ['/api/v1/activities/{acronym}/meetings', '/api/v1/activities/{acronym}/meetings/{number}', '/api/v1/activities/{acronym}/meetings/{number}/registrations']) {
        assert.ok(paths.includes(p), `${p} is documented`);
      }
    });

    it('speaks French to a French reader, times included', async () => {
      const meeting = await createMeeting({ contributionDate: '2027-02-01' });
      const response = await new TestClient(t.app).get(page(meeting.number), { 'accept-language': 'fr-CH,fr;q=0.9' });
      assert.match(response.body, /<h3>Dates importantes<\/h3>/);
      assert.match(response.body, /Date limite des contributions/);
      assert.match(response.body, /1er février 2027 à 23\u00a0h\u00a059 HNEC/);
      const badMode = await new TestClient(t.app).post(`${page(meeting.number)}/register`, { ...registration(), mode: 'teleport' }, {});
      assert.equal(badMode.statusCode, 422);
    });

    it('hides a members-only activity’s meetings from visitors', async () => {
      const closed = await makeActivity(t.db, { visibility: 'members' });
      const closedSecretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: closed.id })).cookie);
      const created = await closedSecretariat.post(`/activities/${closed.acronym}/meetings`, form());
      assert.equal(created.statusCode, 303, created.body);
      await closedSecretariat.post(`/activities/${closed.acronym}/meetings/1/announce`, {});
      assert.equal((await new TestClient(t.app).get(`/activities/${closed.acronym}/meetings/1`)).statusCode, 404);
      assert.equal((await stranger.get(`/activities/${closed.acronym}/meetings/1/register`)).statusCode, 404);
      assert.equal((await register(new TestClient(t.app), 1, registration())).statusCode !== 500, true);
      const refused = await new TestClient(t.app).post(`/activities/${closed.acronym}/meetings/1/register`, registration());
      assert.equal(refused.statusCode, 404);
    });
  });
}

for (const engine of testEngines()) {
  describe(`demo meetings on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    it('loads the first meetings of JCA-QKDN and JCA-MV as held, and an upcoming JCA-MV meeting open for registration', async () => {
      const qkdn = await makeActivity(t.db, { acronym: 'JCA-QKDN' });
      const mv = await makeActivity(t.db, { acronym: 'JCA-MV' });
      assert.equal(await loadDemoMeetings(t.db, systemActor('demo')), 3);
      const rows = await t.db.select().from(meetings).orderBy(asc(meetings.activityId), asc(meetings.number));
      assert.deepEqual(
        rows.map((m) => [m.activityId, m.number, m.status, m.startsAt.toISOString(), m.endsAt.toISOString(), m.colocatedEvent]),
        [
          [qkdn.id, 1, 'held', '2023-03-22T12:00:00.000Z', '2023-03-22T13:30:00.000Z', 'ITU-T SG13 meeting, 13–24 March 2023'],
          [mv.id, 1, 'held', '2025-10-09T09:15:00.000Z', '2025-10-09T11:15:00.000Z', 'ITU-T SG21 meeting, 6–17 October 2025'],
          [mv.id, 2, 'announced', '2027-02-10T13:00:00.000Z', '2027-02-10T15:00:00.000Z', null],
        ],
      );
      const dates = await t.db.select().from(importantDates).where(eq(importantDates.meetingId, rows[0]!.id)).orderBy(asc(importantDates.dueAt));
      assert.deepEqual(dates.map((d) => [d.kind, d.dueAt.toISOString()]), [
        ['contribution', '2023-03-13T22:59:00.000Z'],
        ['registration', '2023-03-20T22:59:00.000Z'],
      ]);
    });
  });
}

async function eventCount(t: TestApp, meetingId: number, kind: string): Promise<number> {
  const rows = await t.db.select().from(events).where(and(eq(events.kind, kind), eq(events.subjectType, 'meeting'), eq(events.subjectId, String(meetingId))));
  return rows.length;
}
