import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/events.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { updateActivity } from '../activities/activities.ts';
import type { Activity } from '../activities/activities.ts';
import { reviseTermsOfReference } from '../activities/terms-of-reference.ts';
import { createPerson, updatePerson } from '../people/people.ts';
import { createMeeting, meetingInput } from '../meetings/meetings.ts';

const system = systemActor('test');

/** The event ids of a history page, in the order shown. */
const shownIds = (html: string) => [...html.matchAll(/<tr id="event-(\d+)">/g)].map((m) => Number(m[1]));

for (const engine of testEngines()) {
  describe(`history on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let secretariatUser: SignedInUser;
    let reader: TestClient;
    let readerUser: SignedInUser;
    let sg13: { id: number; acronym: string };
    let tsag: { id: number; acronym: string };
    const anonymous = () => new TestClient(t.app);

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      readerUser = await makeUser(t.db, { name: 'Rhea Reader' });
      reader = new TestClient(t.app, readerUser.cookie);
      sg13 = await makeOrganization(t.db, { acronym: unique('SG13-'), kind: 'study_group' });
      tsag = await makeOrganization(t.db, { acronym: unique('TSAG-'), kind: 'itu_group' });
      const api = `/api/v1/activities/${activity.acronym}`;
      assert.equal((await secretariat.api('PATCH', api, { nameEn: 'Joint Coordination Activity on History' })).statusCode, 200);
      assert.equal((await secretariat.api('PATCH', api, { parentOrganizationId: tsag.id, relatedStudyGroupIds: [sg13.id] })).statusCode, 200);
      assert.equal((await secretariat.api('POST', `${api}/tor`, { scope: 'Coordinate the history of things.', changeNote: 'Scope reworded' })).statusCode, 201);
    });
    after(() => t.close());

    it('lists an activity’s changes newest first, with readable labels and organizations by their short names', async () => {
      const page = await anonymous().get(`/activities/${activity.acronym}/history`);
      assert.equal(page.statusCode, 200);
      const ids = shownIds(page.body);
      assert.equal(ids.length, 6, 'created, version 1, three changes by the secretariat and the membership');
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
      const rows = page.body.split('<tr id="event-').slice(1);
      assert.match(rows[0] ?? '', /Sam Secretariat issued version 2 of the terms of reference \(Scope reworded\)/);
      assert.ok(rows[0]?.includes(`<a href="/activities/${activity.acronym}/tor/diff?from=1&amp;to=2">Changes</a>`), 'a revision links to its differences');
      assert.match(rows[1] ?? '', /Sam Secretariat/);
      assert.ok(rows[1]?.includes(`<strong>Parent group</strong>: <del>—</del> → <ins>${tsag.acronym}</ins>`));
      assert.ok(rows[1]?.includes(`<strong>Related study groups</strong>: <del>—</del> → <ins>${sg13.acronym}</ins>`));
      assert.ok(rows[2]?.includes('<strong>Name in English</strong>: <del>Test coordination activity</del> → <ins>Joint Coordination Activity on History</ins>'));
      assert.ok(!rows[2]?.includes('Related study groups'), 'only the fields that changed');
    });

    it('speaks the reader’s language', async () => {
      const page = await anonymous().get(`/activities/${activity.acronym}/history`, { 'accept-language': 'fr' });
      assert.ok(page.body.includes('<strong>Nom en anglais</strong> : <del>Test coordination activity</del>'), 'French puts a narrow no-break space before the colon');
      assert.ok(page.body.includes(`<strong>Groupe de rattachement</strong> : <del>—</del> → <ins>${tsag.acronym}</ins>`));
    });

    it('returns the same events through the API, newest first', async () => {
      const response = await anonymous().get(`/api/v1/activities/${activity.acronym}/history`);
      assert.equal(response.statusCode, 200);
      const events = response.json();
      assert.deepEqual(
        events.map((e: { kind: string }) => e.kind),
        ['tor.revised', 'activity.updated', 'activity.updated', 'membership.added', 'tor.revised', 'activity.created'],
      );
      const [revision, relations] = events;
      assert.equal(revision.actorName, 'Sam Secretariat');
      assert.equal(revision.subjectType, 'activity');
      assert.equal(revision.subjectId, String(activity.id));
      assert.equal(revision.activityId, activity.id);
      assert.deepEqual([revision.before, revision.after], [{ version: 1 }, { version: 2, changeNote: 'Scope reworded' }]);
      assert.deepEqual(relations.before, { parentOrganizationId: null, relatedStudyGroupIds: [] });
      assert.deepEqual(relations.after, { parentOrganizationId: tsag.id, relatedStudyGroupIds: [sg13.id] });
      assert.ok(!Number.isNaN(Date.parse(revision.at)));
      assert.equal((await anonymous().get('/api/v1/activities/NO-SUCH-JCA/history')).statusCode, 404);
    });

    it('pages through long histories with ?before=', async () => {
      const busy = await makeActivity(t.db);
      for (let i = 1; i <= 100; i++) await updateActivity(t.db, system, busy.id, { secretariatPhone: `+41 22 730 ${String(i).padStart(4, '0')}` }, 'en');
      const first = await anonymous().get(`/activities/${busy.acronym}/history`);
      const firstIds = shownIds(first.body);
      assert.equal(firstIds.length, 100);
      const oldestShown = firstIds[99];
      assert.ok(first.body.includes(`<a href="/activities/${busy.acronym}/history?before=${oldestShown}">Older changes</a>`));
      const second = await anonymous().get(`/activities/${busy.acronym}/history?before=${oldestShown}`);
      const secondIds = shownIds(second.body);
      assert.equal(secondIds.length, 2, 'only the version 1 and creation events are older');
      assert.ok(secondIds.every((id) => id < (oldestShown ?? 0)));
      assert.ok(!second.body.includes('Older changes'));
      const viaApi = await anonymous().get(`/api/v1/activities/${busy.acronym}/history?before=${oldestShown}`);
      assert.deepEqual(viaApi.json().map((e: { id: number }) => e.id), secondIds);
      assert.deepEqual(viaApi.json().map((e: { kind: string }) => e.kind), ['tor.revised', 'activity.created']);
      assert.equal((await anonymous().get(`/api/v1/activities/${busy.acronym}/history?before=0`)).statusCode, 422);
    });

    it('shows each reader what the records’ own pages show them, the secretariat all', async () => {
      const own = await makeActivity(t.db);
      const head = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: own.id })).cookie);
      const member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: own.id })).cookie);
      const record = (kind: string, subjectType: string, summary: string) =>
        t.db.transaction((tx) => recordEvent(tx, system, { kind, subjectType, subjectId: 999999, activityId: own.id, summary }));
      await record('activity.updated', 'activity', 'Public change');
      await record('liaison.submitted', 'liaison_statement', 'Draft liaison submitted');
      await record('document.annotated', 'document', 'Members-only document');
      await record('registration.noted', 'meeting', 'Registration of someone@example.org');
      await record('roadmap.proposal_submitted', 'roadmap_proposal', 'Proposal by a member');
      // Each event by its kind (the summary shown is the kind's sentence in the reader's language).
      const recorded = ['activity.updated', 'liaison.submitted', 'document.annotated', 'registration.noted', 'roadmap.proposal_submitted'];
      const summaries = async (client: TestClient) =>
        ((await client.api('GET', `/api/v1/activities/${own.acronym}/history`)).json() as { kind: string }[]).map((e) => e.kind).filter((kind) => recorded.includes(kind));
      assert.deepEqual(await summaries(anonymous()), ['activity.updated']);
      assert.deepEqual(await summaries(reader), ['activity.updated']);
      // A member reads every liaison statement, but not a proposal that is not theirs, nor a document that their
      // documents page would not show them (no document 999999 exists).
      assert.deepEqual(await summaries(member), ['liaison.submitted', 'activity.updated']);
      assert.deepEqual(await summaries(head), ['roadmap.proposal_submitted', 'registration.noted', 'document.annotated', 'liaison.submitted', 'activity.updated']);
      const page = await anonymous().get(`/activities/${own.acronym}/history`);
      assert.doesNotMatch(page.body, /Draft liaison|Members-only|someone@example/);
    });

    it('never shows a meeting’s remote link or its working agenda to those whose meeting pages hide them', async () => {
      const own = await makeActivity(t.db);
      const head = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: own.id })).cookie);
      const member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: own.id })).cookie);
      const input = meetingInput.parse({
        title: 'Remote meeting', mode: 'virtual', timeZone: 'Europe/Zurich', startDate: '2027-03-22', startTime: '13:00',
        endDate: '2027-03-22', endTime: '14:30', remoteUrl: 'https://meet.example.org/j/123?pwd=secret',
      });
      await createMeeting(t.db, system, own.id, input, { locale: 'en', baseUrl: t.config.baseUrl });
      const seen = async (client: TestClient) =>
        (await client.api('GET', `/api/v1/activities/${own.acronym}/history`)).json() as { kind: string; after: Record<string, unknown> | null }[];
      for (const client of [anonymous(), reader, member]) {
        const events = await seen(client);
        const created = events.find((e) => e.kind === 'meeting.created');
        assert.ok(created, 'the meeting’s creation is public');
        assert.equal(created.after?.remoteUrl, undefined, 'without its remote link');
        assert.ok(!events.some((e) => e.kind.startsWith('agenda.')), 'the working agenda is for those who prepare it');
        const page = await client.get(`/activities/${own.acronym}/history`);
        assert.doesNotMatch(page.body, /pwd=secret/);
      }
      const all = await seen(head);
      assert.equal(all.find((e) => e.kind === 'meeting.created')?.after?.remoteUrl, 'https://meet.example.org/j/123?pwd=secret');
      assert.ok(all.some((e) => e.kind === 'agenda.started'));
    });

    it('shows an organization’s history to anyone', async () => {
      const page = await anonymous().get(`/history/organization/${sg13.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`<h1>History of ${sg13.acronym}</h1>`));
      assert.equal(shownIds(page.body).length, 1);
      const viaApi = await anonymous().get(`/api/v1/history/organization/${sg13.id}`);
      assert.equal(viaApi.statusCode, 200);
      assert.deepEqual(viaApi.json().map((e: { kind: string }) => e.kind), ['organization.created']);
      assert.equal((await anonymous().get('/history/organization/999999')).statusCode, 404);
    });

    it('shows a person’s history only to signed-in users', async () => {
      const person = await createPerson(t.db, system, { name: 'Hugo History', email: `${unique('hugo').toLowerCase()}@example.org` }, 'en');
      await updatePerson(t.db, system, person.id, { affiliation: 'ETRI', organizationId: sg13.id }, 'en');
      const visitor = await anonymous().get(`/history/person/${person.id}`);
      assert.equal(visitor.statusCode, 303);
      assert.equal(visitor.headers.location, `/sign-in?next=${encodeURIComponent(`/history/person/${person.id}`)}`);
      assert.equal((await anonymous().get(`/api/v1/history/person/${person.id}`)).statusCode, 401);
      const page = await reader.get(`/history/person/${person.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('<h1>History of Hugo History</h1>'));
      assert.ok(page.body.includes('<strong>Affiliation</strong>: <del>—</del> → <ins>ETRI</ins>'));
      assert.ok(page.body.includes(`<strong>Organization in the register</strong>: <del>—</del> → <ins>${sg13.acronym}</ins>`));
      const viaApi = await reader.get(`/api/v1/history/person/${person.id}`);
      assert.deepEqual(viaApi.json().map((e: { kind: string }) => e.kind), ['person.updated', 'person.created']);
    });

    it('shows an account’s history only to its owner and to admins', async () => {
      assert.equal((await reader.get(`/history/user/${readerUser.user.id}`)).statusCode, 200);
      assert.equal((await reader.get(`/history/user/${secretariatUser.user.id}`)).statusCode, 404);
      assert.equal((await reader.get(`/api/v1/history/user/${secretariatUser.user.id}`)).statusCode, 404);
      assert.equal((await anonymous().get(`/history/user/${readerUser.user.id}`)).statusCode, 303);
    });

    it('answers 404 for an unknown kind of subject or a malformed id', async () => {
      for (const url of ['/history/planet/1', '/history/person/abc', '/history/organization/0']) {
        assert.equal((await reader.get(url)).statusCode, 404, url);
      }
    });

    it('shows an instant recorded by any module as a date and time in the reader’s language', async () => {
      const own = await makeActivity(t.db);
      const ownSecretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: own.id })).cookie);
      await t.db.transaction((tx) =>
        recordEvent(tx, system, { kind: 'liaison.updated', subjectType: 'liaison_statement', subjectId: 1, activityId: own.id, summary: 'Deadline moved', before: { deadline: '2027-01-10T22:59:00.000Z' }, after: { deadline: '2027-02-10T22:59:00.000Z' } }),
      );
      const page = (await ownSecretariat.get(`/activities/${own.acronym}/history`)).body;
      assert.ok(page.includes(formatDateTime(new Date('2027-02-10T22:59:00.000Z'), 'en')), 'the new deadline as a date and time');
      assert.doesNotMatch(page, /2027-02-10T22:59/, 'not the stored ISO string');
    });
  });
}
