// Registration confirmation through HTTP on each engine: a registration counts, and the remote link is shown or
// mailed, only once the address is confirmed from its single-use link, or the secretariat approves it, as the
// meeting chose; expired links, resending, the throttle per address, and the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { systemActor } from '../../platform/actor.ts';
import { events, mailOutbox } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { announceMeeting, createMeeting } from './meetings.ts';
import { unconfirmedMailsPerHour } from './registration-changes.ts';
import type { Meeting } from './meetings.ts';
import { meetings, registrations } from './schema.ts';

const secret = 'https://meet.example.org/j/4242?pwd=s3cret';

for (const engine of testEngines()) {
  describe(`registration confirmation on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let member: TestClient;
    let colleague: SignedInUser;
    let colleagueClient: TestClient;
    let number = 0;

    const page = (meeting: Meeting) => `/activities/${activity.acronym}/meetings/${meeting.number}`;
    const api = (meeting: Meeting) => `/api/v1/activities/${activity.acronym}/meetings/${meeting.number}`;
    const newMeeting = async (registrationConfirmation: 'email' | 'secretariat' = 'email') => {
      number++;
      const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
      const meeting = await createMeeting(
        t.db,
        systemActor('test'),
        activity.id,
        meetingFields({ number, title: `Meeting ${number}`, mode: 'virtual', startDate: '2027-03-22', startTime: '13:00', endDate: '2027-03-22', endTime: '15:00', remoteUrl: secret, registrationConfirmation }),
        ctx,
      );
      return announceMeeting(t.db, systemActor('test'), meeting.id, ctx);
    };
    const fields = (overrides: Record<string, string> = {}) => ({
      name: 'Uma Unconfirmed',
      email: `${unique('uma').toLowerCase()}@example.net`,
      affiliation: 'KDDI',
      organizationRepresented: '',
      capacity: 'sector_member',
      country: 'Japan',
      mode: 'remote',
      ...overrides,
    });
    const mailsTo = (email: string) => t.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, email)).orderBy(asc(mailOutbox.id));
    const registrationOf = async (meeting: Meeting, email: string) => {
      const [row] = await t.db.select().from(registrations).where(and(eq(registrations.meetingId, meeting.id), eq(registrations.email, email)));
      assert.ok(row, `a registration for ${email}`);
      return row;
    };
    const linkIn = (text: string) => {
      const link = /^http:\/\/concord\.test(\/\S+\/confirm\/[A-Za-z0-9_-]+)$/m.exec(text)?.[1];
      assert.ok(link, `a confirmation link in: ${text}`);
      return link;
    };
    const lastConfirmLink = async (email: string) => linkIn((await mailsTo(email)).filter((m) => m.purpose === 'meetings.registration_confirm').at(-1)?.textBody ?? '');
    /** Everything a mail carries, attachments included, as one text to search for the remote link. */
    const everythingMailed = async (email: string) => (await mailsTo(email)).map((m) => [m.subject, m.textBody, ...m.attachments.map((a) => a.content ?? '')].join('\n')).join('\n');

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      colleague = await makeUser(t.db, { name: 'Colin Colleague' });
      colleagueClient = new TestClient(t.app, colleague.cookie);
    });
    after(async () => {
      await t.close();
    });

    it('never shows an unconfirmed registrant the remote link, in the page, the API, the .ics or any mail; confirmed, everywhere', async () => {
      const meeting = await newMeeting();
      // A signed-in user registering another address: the registration is theirs (by account), and pending.
      const email = `${unique('other').toLowerCase()}@example.net`;
      const registered = await colleagueClient.post(`${page(meeting)}/register`, fields({ email }));
      assert.equal(registered.statusCode, 303, registered.body);
      assert.equal(registered.headers.location, `${page(meeting)}/register/check-mail`);
      assert.equal((await registrationOf(meeting, email)).status, 'pending');

      const seen = async () => {
        const overview = await colleagueClient.get(page(meeting));
        const registration = await colleagueClient.get(`${page(meeting)}/register`);
        const json = await colleagueClient.api('GET', api(meeting));
        const ics = await colleagueClient.get(`${page(meeting)}/meeting.ics`);
        assert.equal(ics.statusCode, 200);
        return {
          page: overview.body.includes('s3cret') || registration.body.includes('s3cret'),
          api: json.json().remoteUrl === secret,
          ics: ics.body.replace(/\r\n /g, '').includes('s3cret'),
          mail: (await everythingMailed(email)).includes('s3cret'),
          pendingNotice: registration.body.includes('This registration is not confirmed yet'),
        };
      };
      assert.deepEqual(await seen(), { page: false, api: false, ics: false, mail: false, pendingNotice: true });
      assert.deepEqual((await mailsTo(email)).map((m) => [m.purpose, m.attachments.length]), [['meetings.registration_confirm', 0]]);
      const counts = (await new TestClient(t.app).api('GET', api(meeting))).json().counts;
      assert.deepEqual(counts, { onsite: 0, remote: 0, waiting: 0 }, 'a pending registration is not counted');

      const link = await lastConfirmLink(email);
      const owner = new TestClient(t.app);
      await owner.get(link);
      const confirmed = await owner.post(link, {});
      assert.equal(confirmed.statusCode, 303, confirmed.body);
      assert.match(String(confirmed.headers.location), new RegExp(`^${page(meeting)}/registration/[A-Za-z0-9_-]{20,}$`));
      assert.deepEqual(await seen(), { page: true, api: true, ics: true, mail: true, pendingNotice: false });
      assert.equal((await registrationOf(meeting, email)).confirmedBy, 'email');
    });

    it('confirms once: a used link answers that it was used, and a made-up one too', async () => {
      const meeting = await newMeeting();
      const email = `${unique('once').toLowerCase()}@example.net`;
      assert.equal((await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email }))).statusCode, 303);
      const link = await lastConfirmLink(email);
      const first = new TestClient(t.app);
      await first.get(link);
      assert.equal((await first.post(link, {})).statusCode, 303);
      const second = new TestClient(t.app);
      const used = await second.get(link);
      assert.equal(used.statusCode, 404);
      assert.match(used.body, /This confirmation link is not valid or has already been used\./);
      assert.equal((await second.post(link, {})).statusCode, 404);
      assert.equal((await second.get(`${page(meeting)}/confirm/${'A'.repeat(32)}`)).statusCode, 404);
      assert.equal((await second.get(`${page(meeting)}/confirm/short`)).statusCode, 404);
      // The link of one meeting confirms nothing at another.
      const other = await newMeeting();
      const elsewhere = await second.get(link.replace(page(meeting), page(other)));
      assert.equal(elsewhere.statusCode, 404);
      const kinds = await t.db.select({ kind: events.kind }).from(events).where(and(eq(events.subjectType, 'meeting'), eq(events.subjectId, String(meeting.id)))).orderBy(asc(events.id));
      assert.deepEqual(kinds.map((k) => k.kind).filter((k) => k.startsWith('registration.')), ['registration.created', 'registration.confirmed']);
    });

    it('says when a link expired, and sends a new one that works (the old one no longer does)', async () => {
      const meeting = await newMeeting();
      const email = `${unique('late').toLowerCase()}@example.net`;
      assert.equal((await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email }))).statusCode, 303);
      const old = await lastConfirmLink(email);
      const expiredAt = new Date('2026-12-01T10:00:00Z');
      await t.db.update(registrations).set({ confirmationExpiresAt: expiredAt }).where(eq(registrations.email, email));
      const visitor = new TestClient(t.app);
      const shown = await visitor.get(old);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /This confirmation link expired on 1 Dec 2026, 11:00 CET\. Ask for a new one: it is sent to the address you registered with\./);
      assert.match(shown.body, /Send me a new link/);
      assert.doesNotMatch(shown.body, /Confirm my registration/);
      const refused = await visitor.post(old, {});
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /This confirmation link expired on 1 Dec 2026/);
      assert.equal((await registrationOf(meeting, email)).status, 'pending');

      const resent = await visitor.post(`${old}/resend`, {});
      assert.equal(resent.statusCode, 303, resent.body);
      assert.equal(resent.headers.location, `${page(meeting)}/register/check-mail`);
      const fresh = await lastConfirmLink(email);
      assert.notEqual(fresh, old);
      assert.equal((await visitor.get(old)).statusCode, 404, 'the old link died with the new one');
      await visitor.get(fresh);
      assert.equal((await visitor.post(fresh, {})).statusCode, 303);
      assert.equal((await registrationOf(meeting, email)).status, 'registered');
    });

    it('takes the new details and sends a new link when the same address registers again while pending', async () => {
      const meeting = await newMeeting();
      const email = `${unique('again').toLowerCase()}@example.net`;
      assert.equal((await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email, name: 'Typo Nmae' }))).statusCode, 303);
      const first = await lastConfirmLink(email);
      const again = await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email, name: 'Typo Name' }));
      assert.equal(again.statusCode, 303, again.body);
      const row = await registrationOf(meeting, email);
      assert.equal(row.name, 'Typo Name');
      assert.notEqual(await lastConfirmLink(email), first);
      assert.equal((await new TestClient(t.app).get(first)).statusCode, 404);
    });

    it('throttles confirmation mails per address, whatever the meeting, and writes nothing when it refuses', async () => {
      const email = `${unique('flood').toLowerCase()}@example.net`;
      for (let i = 0; i < unconfirmedMailsPerHour; i++) {
        const meeting = await newMeeting();
        assert.equal((await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email }))).statusCode, 303);
      }
      const meeting = await newMeeting();
      const refused = await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email }));
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /Several confirmation messages have been sent to this address in the last hour\. Check your mailbox \(and its spam folder\), or try again in (60|59) minutes\./);
      assert.match(refused.body, new RegExp(`value="${email}"`), 'the form keeps what was typed');
      assert.equal((await mailsTo(email)).length, unconfirmedMailsPerHour);
      assert.deepEqual(await t.db.select().from(registrations).where(eq(registrations.meetingId, meeting.id)), []);
      // The secretariat's resend is throttled alike; another address is not.
      const [pending] = await t.db.select().from(registrations).where(eq(registrations.email, email)).limit(1);
      const [pendingMeeting] = await t.db.select().from(meetings).where(eq(meetings.id, pending!.meetingId));
      const resend = await secretariat.api('POST', `${api(pendingMeeting!)}/registrations/${pending!.id}/resend-confirmation`);
      assert.equal(resend.statusCode, 429);
      assert.equal(resend.json().error.code, 'too_many_requests');
      assert.equal((await new TestClient(t.app).post(`${page(meeting)}/register`, fields())).statusCode, 303);
    });

    it('lets the meeting have the secretariat approve registrations instead: pending until approved, then mailed the link', async () => {
      const meeting = await newMeeting('secretariat');
      const email = `${unique('vetted').toLowerCase()}@example.net`;
      // Even a signed-in user's own address waits: approval is the meeting's choice.
      const own = await colleagueClient.post(`${page(meeting)}/register`, fields({ email: colleague.user.email, name: 'Colin Colleague' }));
      assert.equal(own.statusCode, 303, own.body);
      const response = await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email, name: 'Vera Vetted' }));
      assert.equal(response.statusCode, 303, response.body);
      const landing = await new TestClient(t.app).get(String(response.headers.location));
      assert.equal(landing.statusCode, 200);
      let row = await registrationOf(meeting, email);
      assert.equal(row.status, 'pending');
      assert.equal(row.confirmationTokenHash, null, 'no link confirms it');
      const [received] = await mailsTo(email);
      assert.equal(received?.purpose, 'meetings.registration_pending');
      assert.match(received!.textBody, /The secretariat approves registrations for this meeting/);
      assert.doesNotMatch(await everythingMailed(email), /s3cret|\/confirm\/|\/registration\//);
      const twice = await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email }));
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /A registration with this address is already waiting for the secretariat’s approval\./);

      // The secretariat sees it waiting, with what to do; members see no pending names.
      const list = await secretariat.get(`${page(meeting)}/participants`);
      assert.match(list.body, /Awaiting confirmation/);
      assert.match(list.body, /Vera Vetted/);
      assert.match(list.body, /Approve the registration of Vera Vetted/);
      assert.doesNotMatch(list.body, /Resend the confirmation link to Vera Vetted/, 'nothing to resend where the secretariat approves');
      assert.doesNotMatch((await member.get(`${page(meeting)}/participants`)).body, /Vera Vetted/);
      assert.deepEqual((await member.api('GET', `${api(meeting)}/registrations`)).json().registrations, []);
      assert.equal((await member.post(`${page(meeting)}/registrations/${row.id}/approve`, {})).statusCode, 403);
      assert.equal((await member.api('POST', `${api(meeting)}/registrations/${row.id}/approve`)).statusCode, 403);
      assert.equal((await new TestClient(t.app).post(`${page(meeting)}/registrations/${row.id}/approve`, {})).statusCode, 401, 'a visitor must sign in');
      assert.equal((await registrationOf(meeting, email)).status, 'pending');

      const approved = await secretariat.post(`${page(meeting)}/registrations/${row.id}/approve`, {});
      assert.equal(approved.statusCode, 303, approved.body);
      assert.equal(approved.headers.location, `${page(meeting)}/participants`);
      row = await registrationOf(meeting, email);
      assert.deepEqual([row.status, row.confirmedBy], ['registered', 'secretariat']);
      const details = (await mailsTo(email)).at(-1)!;
      assert.equal(details.purpose, 'meetings.registration');
      assert.match(details.textBody, /Remote participation: https:\/\/meet\.example\.org\/j\/4242\?pwd=s3cret/);
      assert.match(details.textBody, /Change the mode or cancel: http:\/\/concord\.test\/\S+\/registration\/[A-Za-z0-9_-]{20,}/);
      const again = await secretariat.post(`${page(meeting)}/registrations/${row.id}/approve`, {});
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /This registration is already confirmed\./);

      // The API approves the colleague's; the secretariat may also turn one down (cancel), which mails nothing.
      const colleagueRow = await registrationOf(meeting, colleague.user.email);
      const viaApi = await secretariat.api('POST', `${api(meeting)}/registrations/${colleagueRow.id}/approve`);
      assert.equal(viaApi.statusCode, 200, viaApi.body);
      assert.equal(viaApi.json().status, 'registered');
      assert.equal((await colleagueClient.api('GET', api(meeting))).json().remoteUrl, secret);
      const spam = `${unique('spam').toLowerCase()}@example.net`;
      assert.equal((await new TestClient(t.app).post(`${page(meeting)}/register`, fields({ email: spam }))).statusCode, 303);
      const spamRow = await registrationOf(meeting, spam);
      assert.equal((await secretariat.post(`${page(meeting)}/registrations/${spamRow.id}/cancel`, {})).statusCode, 303);
      assert.equal((await registrationOf(meeting, spam)).status, 'cancelled');
      assert.deepEqual((await mailsTo(spam)).map((m) => m.purpose), ['meetings.registration_pending']);
      const kinds = await t.db.select({ kind: events.kind }).from(events).where(and(eq(events.subjectType, 'meeting'), eq(events.subjectId, String(meeting.id)))).orderBy(asc(events.id));
      assert.equal(kinds.filter((k) => k.kind === 'registration.approved').length, 2);
    });

    it('confirms at once a signed-in user’s own address, and the secretariat’s entries; the API gives the manage token only then', async () => {
      const meeting = await newMeeting();
      const own = await colleagueClient.api('POST', `${api(meeting)}/registrations`, fields({ email: colleague.user.email, name: 'Colin Colleague' }));
      assert.equal(own.statusCode, 201, own.body);
      assert.equal(own.json().registration.status, 'registered');
      assert.match(own.json().manageToken, /^[A-Za-z0-9_-]{20,}$/);
      assert.equal((await registrationOf(meeting, colleague.user.email)).confirmedBy, 'account');
      assert.equal((await colleagueClient.api('GET', api(meeting))).json().remoteUrl, secret);

      const other = await colleagueClient.api('POST', `${api(meeting)}/registrations`, fields({ email: 'someone.else@example.net' }));
      assert.equal(other.statusCode, 201, other.body);
      assert.equal(other.json().registration.status, 'pending');
      assert.equal(other.json().manageToken, null);

      const entered = await secretariat.post(`${page(meeting)}/register`, fields({ email: `${unique('phone').toLowerCase()}@example.net`, name: 'Phoebe Phone' }));
      assert.equal(entered.statusCode, 303, entered.body);
      assert.equal(entered.headers.location, `${page(meeting)}/participants`);
      const [phoebe] = await t.db.select().from(registrations).where(and(eq(registrations.meetingId, meeting.id), eq(registrations.name, 'Phoebe Phone')));
      assert.deepEqual([phoebe?.status, phoebe?.confirmedBy], ['registered', 'secretariat']);

      // The export lists the pending one with its status in words.
      const csv = await secretariat.get(`${page(meeting)}/participants.csv`);
      assert.match(csv.body, /someone\.else@example\.net,KDDI,,Sector Member,Japan,Remote,Awaiting confirmation,no,,/);
      assert.doesNotMatch(csv.body, /s3cret/);
    });
  });
}
