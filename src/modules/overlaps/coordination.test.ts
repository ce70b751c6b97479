// What a confirmed overlap does, through HTTP on each engine: it reaches the "Issues requiring coordination" item of
// the next meeting of the activity (not a past, cancelled or later one; not an open or dismissed pair; not for a
// reader who may not read an entry), is copied into the agenda when it is issued, and drafts an outgoing liaison
// statement in one click for the secretariat and chairs (a second click answers the same draft).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { type Activity, createActivity, updateActivity } from '../activities/activities.ts';
import { addMembership } from '../activities/memberships.ts';
import { createContact } from '../contacts/contacts.ts';
import { cancelMeeting, createMeeting } from '../meetings/meetings.ts';
import { createPerson } from '../people/people.ts';
import { createEntry, includeEntry } from '../roadmap/entries.ts';
import { type ListedPair, listOverlaps, runOverlaps } from './overlaps.ts';
import { decideOverlap } from './reviews.ts';

const system = systemActor('test');

type Side = { id: number; organization: string; identifier: string; title: string };
type Issue = { pairId: number | null; a: Side; b: Side; decision: string; decisionWords: string; liaison: { id: number; reference: string; href: string } | null };
type Coordination = {
  decidedFrom: string | null;
  decidedBefore: string | null;
  published: { version: number; agendaItem: { number: string; title: string } | null; issues: Issue[] } | null;
  working: { agendaItem: { number: string; title: string } | null; issues: Issue[] } | null;
};
type Draft = { created: boolean; statement: { id: number; reference: string; href: string }; message: string };
const names = (issues: Issue[] | undefined) => (issues ?? []).map((i) => `${i.a.identifier} | ${i.b.identifier}: ${i.decision}`);

for (const engine of testEngines()) {
  describe(`confirmed overlaps on meeting agendas and liaison drafts on ${engine}`, () => {
    let t: TestApp;
    let itu: { id: number; acronym: string };
    let iso: { id: number; acronym: string };
    let activity: Activity;
    let hidden: Activity;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let observer: TestClient;
    let stranger: TestClient;
    let anonymous: TestClient;
    /** a chair of the activity who also belongs to the members-only activity holding ISO/IEC 9594-8 */
    let insider: TestClient;
    const pairs: Record<string, ListedPair> = {};
    /** the addresses of the activity's current liaison representatives to and from the two bodies */
    let representatives: string[] = [];
    const ctx = () => ({ locale: 'en' as const, baseUrl: t.config.baseUrl });
    const coordination = async (client: TestClient, meeting: number) => {
      const response = await client.api('GET', `/api/v1/activities/${activity.acronym}/meetings/${meeting}/coordination`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as Coordination;
    };
    const decide = (key: string, decision: 'duplicated_work' | 'overlapping' | 'not_related' | 'same_text', note?: string) =>
      decideOverlap(t.db, system, pairs[key]!.id, { decision, note: note ?? null }, 'en');

    before(async () => {
      t = await createTestApp(engine);
      // Overlaps span the whole register: this file's bodies carry names no other entries share.
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T-') });
      iso = await makeOrganization(t.db, { acronym: unique('ISO-IEC-') });
      const tsag = await makeOrganization(t.db, { acronym: unique('TSAG-') });
      activity = await createActivity(
        t.db,
        system,
        { acronym: unique('JCA-'), nameEn: 'Joint coordination activity on directories', nameFr: 'Activité conjointe de coordination sur les annuaires', visibility: 'public', status: 'active', parentOrganizationId: tsag.id },
        'en',
        { scope: 'Directories.', objectives: [], participation: '', workingMethods: '', administrativeSupport: '', meetings: '', reporting: '', duration: '', changeNote: '' },
      );
      hidden = await makeActivity(t.db, { visibility: 'members' });
      const user = async (role: 'secretariat' | 'chair' | 'member' | 'observer') => new TestClient(t.app, (await makeUser(t.db, { role, activityId: activity.id })).cookie);
      secretariat = await user('secretariat');
      chair = await user('chair');
      member = await user('member');
      observer = await user('observer');
      stranger = new TestClient(t.app, (await makeUser(t.db, {})).cookie);
      anonymous = new TestClient(t.app);
      const inside = await makeUser(t.db, { role: 'chair', activityId: activity.id, name: 'Ines Insider' });
      await addMembership(t.db, system, hidden.id, { personId: inside.personId, role: 'member' }, 'en');
      insider = new TestClient(t.app, inside.cookie);

      // The activity's contacts: current liaison representatives to and from both bodies, and some who are not.
      const person = (name: string) => createPerson(t.db, system, { name, email: `${unique('p').toLowerCase()}@example.org` }, 'en');
      const contact = async (name: string, role: 'liaison_representative_to' | 'liaison_representative_from' | 'focal_point', organizationId: number, until: string | null = null) => {
        const p = await person(name);
        await createContact(t.db, system, activity.id, { role, personId: p.id, organizationId, until }, 'en');
        return p;
      };
      const toIso = await contact('Lina Liaison', 'liaison_representative_to', iso.id);
      const fromItu = await contact('Ivo Rapporteur', 'liaison_representative_from', itu.id);
      await contact('Old Representative', 'liaison_representative_to', iso.id, '2020-01-01');
      await contact('Fiona Focal', 'focal_point', iso.id);
      representatives = [toIso.email!, fromItu.email!].sort();

      const add = (activityId: number, organizationId: number, identifier: string, title: string) =>
        createEntry(t.db, system, activityId, { organizationId, identifier, title, status: 'published' }, 'en');
      await add(activity.id, itu.id, 'X.501', 'Information technology – Open Systems Interconnection – The Directory: Models');
      await add(activity.id, iso.id, 'ISO/IEC 9594-2', 'Information technology — Open Systems Interconnection — The Directory — Part 2: Models');
      await add(activity.id, itu.id, 'X.511', 'Information technology – Open Systems Interconnection – The Directory: Abstract service definition');
      await add(activity.id, iso.id, 'ISO/IEC 9594-3', 'Information technology — Open Systems Interconnection — The Directory — Part 3: Abstract service definition');
      await add(activity.id, itu.id, 'X.509', 'Information technology – Open Systems Interconnection – The Directory: Public-key and attribute certificate frameworks');
      await add(hidden.id, iso.id, 'ISO/IEC 9594-8', 'Information technology — Open Systems Interconnection — The Directory — Part 8: Public-key and attribute certificate frameworks');
      await runOverlaps(t.db, system);
      for (const pair of await listOverlaps(t.db, system)) pairs[[pair.a.identifier, pair.b.identifier].sort().join(' | ')] = pair;
      for (const key of ['ISO/IEC 9594-2 | X.501', 'ISO/IEC 9594-3 | X.511', 'ISO/IEC 9594-8 | X.509']) assert.ok(pairs[key], `the engine pairs ${key}`);

      // Meetings: one over, one cancelled, the next one, and one after it.
      const meeting = (title: string, date: string) => createMeeting(t.db, system, activity.id, meetingFields({ title, startDate: date, endDate: date }), ctx());
      await meeting('Past meeting', '2020-03-10');
      const cancelled = await meeting('Cancelled meeting', '2031-02-10');
      await cancelMeeting(t.db, system, cancelled.id, 'Postponed', ctx());
      await meeting('Next meeting', '2031-06-10');
      await meeting('Meeting after that', '2032-01-20');

      await decide('ISO/IEC 9594-2 | X.501', 'duplicated_work', 'Both bodies revise the models this year.');
      await decide('ISO/IEC 9594-3 | X.511', 'not_related');
      await decide('ISO/IEC 9594-8 | X.509', 'same_text');
    });
    after(() => t.close());

    it('lists a confirmed pair under “Issues requiring coordination” of the next meeting only, not an open or dismissed one', async () => {
      const next = await coordination(secretariat, 3);
      assert.equal(next.working?.agendaItem?.title, 'Issues requiring coordination');
      assert.equal(next.working?.agendaItem?.number, '6');
      assert.deepEqual(names(next.working?.issues), ['X.501 | ISO/IEC 9594-2: duplicated_work'], 'the dismissed pair, the open ones and the unreadable one are not listed');
      assert.equal(next.working!.issues[0]!.decisionWords, 'duplicated work');
      assert.equal(next.working!.issues[0]!.a.organization, itu.acronym);
      assert.equal(next.published, null, 'nothing issued yet');
      assert.equal(next.decidedBefore, '2031-06-10T11:15:00.000Z', 'until the next meeting ends (13:15 in Geneva)');
      assert.equal(next.decidedFrom, '2020-03-10T12:15:00.000Z', 'from the end of the meeting before it that was not cancelled');
      for (const other of [1, 2, 4]) assert.deepEqual(names((await coordination(secretariat, other)).working?.issues), [], `meeting ${other} lists none`);
      assert.equal((await coordination(secretariat, 2)).decidedFrom, null, 'a cancelled meeting takes no decisions');
    });

    it('shows the pair on the agenda page under the item, with the draft button for the secretariat and chairs', async () => {
      const html = (await secretariat.get(`/activities/${activity.acronym}/meetings/3/agenda`)).body;
      const item = html.indexOf('Issues requiring coordination');
      const pair = html.indexOf('ISO/IEC 9594-2</strong>');
      const nextItem = html.indexOf('Approval of outgoing liaison statements');
      assert.ok(item > 0 && pair > item && nextItem > pair, 'the pair is listed under its item');
      assert.match(html, /Decision: duplicated work/);
      assert.match(html, /aria-label="Draft a liaison statement on X\.501 and ISO\/IEC 9594-2"/);
      assert.doesNotMatch(html, /X\.511<\/strong>/);
      const past = (await secretariat.get(`/activities/${activity.acronym}/meetings/1/agenda`)).body;
      assert.doesNotMatch(past, /ISO\/IEC 9594-2<\/strong>/, 'not on the past meeting');
      const cancelled = (await secretariat.get(`/activities/${activity.acronym}/meetings/2/agenda`)).body;
      assert.doesNotMatch(cancelled, /ISO\/IEC 9594-2<\/strong>/, 'not on the cancelled meeting');
    });

    it('shows readers what was issued, not the working list, and keeps an issued version as it was', async () => {
      assert.equal((await coordination(member, 3)).working, null, 'members do not read the working agenda');
      assert.equal((await coordination(member, 3)).published, null);
      assert.equal((await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/meetings/3/agenda/versions`, {})).statusCode, 201);
      assert.deepEqual(names((await coordination(member, 3)).published?.issues), ['X.501 | ISO/IEC 9594-2: duplicated_work']);
      assert.deepEqual(names((await coordination(anonymous, 3)).published?.issues), [], 'the public reads them only if the activity publishes its confirmed overlaps');
      await updateActivity(t.db, system, activity.id, { publishOverlaps: true }, 'en');
      assert.deepEqual(names((await coordination(anonymous, 3)).published?.issues), ['X.501 | ISO/IEC 9594-2: duplicated_work'], 'which it now does');
      const memberPage = (await member.get(`/activities/${activity.acronym}/meetings/3/agenda`)).body;
      assert.match(memberPage, /ISO\/IEC 9594-2<\/strong>/);
      assert.doesNotMatch(memberPage, /Draft a liaison statement/, 'members get no draft button');

      // Confirmed after issue: on the working agenda as a change not yet issued, not in the issued version.
      await decide('ISO/IEC 9594-3 | X.511', 'overlapping');
      const after = await coordination(secretariat, 3);
      assert.deepEqual(names(after.published?.issues), ['X.501 | ISO/IEC 9594-2: duplicated_work'], 'the issued version does not change');
      assert.deepEqual(names(after.working?.issues).sort(), ['X.501 | ISO/IEC 9594-2: duplicated_work', 'X.511 | ISO/IEC 9594-3: overlapping']);
      const agenda = (await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/meetings/3/agenda`)).json() as { unissuedChanges: boolean };
      assert.equal(agenda.unissuedChanges, true, 'the new issue is a change to issue');
      const docx = await secretariat.get(`/activities/${activity.acronym}/meetings/3/agenda.docx`);
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
      assert.match(xml, /ISO\/IEC 9594-2, Information technology — Open Systems Interconnection — The Directory — Part 2: Models — duplicated work/);
      assert.doesNotMatch(xml, /X\.511/, 'the document is the issued version');
    });

    it('never shows a reader a pair with an entry they may not read, even when it was issued', async () => {
      const seen = await coordination(insider, 3);
      assert.ok(names(seen.working?.issues).includes('X.509 | ISO/IEC 9594-8: same_text'), 'a chair who reads the members-only roadmap sees it');
      assert.ok(!names((await coordination(secretariat, 3)).working?.issues).includes('X.509 | ISO/IEC 9594-8: same_text'));
      assert.equal((await insider.api('POST', `/api/v1/activities/${activity.acronym}/meetings/3/agenda/versions`, {})).statusCode, 201);
      assert.ok(names((await coordination(insider, 3)).published?.issues).includes('X.509 | ISO/IEC 9594-8: same_text'), 'issued with it');
      for (const reader of [member, secretariat, anonymous]) {
        assert.ok(!names((await coordination(reader, 3)).published?.issues).includes('X.509 | ISO/IEC 9594-8: same_text'), 'hidden from those who may not read ISO/IEC 9594-8');
      }
      assert.doesNotMatch((await anonymous.get(`/activities/${activity.acronym}/meetings/3/agenda`)).body, /9594-8/);
    });

    it('refuses the liaison draft to members, observers, strangers and anonymous visitors', async () => {
      const url = `/api/v1/activities/${activity.acronym}/overlaps/${pairs['ISO/IEC 9594-2 | X.501']!.id}/liaison-draft`;
      for (const client of [member, observer, stranger]) assert.equal((await client.api('POST', url)).statusCode, 403);
      assert.equal((await anonymous.api('POST', url)).statusCode, 401);
      const page = await member.post(`/activities/${activity.acronym}/overlaps/${pairs['ISO/IEC 9594-2 | X.501']!.id}/liaison-draft`, {});
      assert.equal(page.statusCode, 403);
      const open = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/overlaps/999999/liaison-draft`);
      assert.equal(open.statusCode, 404);
      assert.match(open.body, /not a confirmed overlap/);
    });

    it('drafts an outgoing statement to both bodies and their liaison representatives, written from the record in both languages', async () => {
      const response = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/overlaps/${pairs['ISO/IEC 9594-2 | X.501']!.id}/liaison-draft`);
      assert.equal(response.statusCode, 201, response.body);
      const draft = response.json() as Draft;
      assert.equal(draft.created, true);
      const statement = (await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/liaisons/${draft.statement.id}`)).json() as {
        direction: string;
        state: string;
        purpose: string;
        title: string;
        body: string;
        toOrganizations: { acronym: string }[];
        recipients: { name: string; email: string }[];
        relatedEntries: { identifier: string }[];
      };
      assert.equal(statement.direction, 'out');
      assert.equal(statement.state, 'draft');
      assert.equal(statement.purpose, 'for_information');
      assert.deepEqual(statement.toOrganizations.map((o) => o.acronym).sort(), [itu.acronym, iso.acronym].sort());
      assert.deepEqual(statement.recipients.map((r) => r.email).sort(), representatives, 'the current liaison representatives, not the expired one nor the focal point');
      assert.deepEqual(statement.relatedEntries.map((e) => e.identifier).sort(), ['ISO/IEC 9594-2', 'X.501']);
      assert.equal(
        statement.title,
        `Coordination on X.501 (${itu.acronym}) and ISO/IEC 9594-2 (${iso.acronym}): duplicated work / Coordination sur X.501 (${itu.acronym}) et ISO/IEC 9594-2 (${iso.acronym})\u202f: travaux en double`,
      );
      assert.match(statement.body, new RegExp(`^${activity.acronym} reviewed the standards on its roadmap`));
      assert.ok(statement.body.includes(`- ${itu.acronym} X.501: Information technology – Open Systems Interconnection – The Directory: Models`));
      assert.ok(statement.body.includes(`- ${iso.acronym} ISO/IEC 9594-2: Information technology — Open Systems Interconnection — The Directory — Part 2: Models`));
      assert.ok(statement.body.includes('Decision of the review: duplicated work. The two bodies appear to be doing the same work.'));
      assert.match(statement.body, /Why they were compared:\n- Shared distinctive terms: /);
      assert.ok(statement.body.includes('Note of the review: Both bodies revise the models this year.'));
      assert.ok(statement.body.includes(`${activity.acronym} invites ${itu.acronym} and ${iso.acronym} to take this into account`));
      assert.ok(statement.body.includes('Décision de l’examen : travaux en double. Les deux organismes semblent mener les mêmes travaux.'), 'and in French, the activity’s other language');

      // The agenda's list now links the draft instead of offering another.
      const next = await coordination(secretariat, 3);
      const issue = next.working!.issues.find((i) => i.a.identifier === 'X.501')!;
      assert.deepEqual(issue.liaison, { id: draft.statement.id, reference: draft.statement.reference, href: draft.statement.href });
      const html = (await secretariat.get(`/activities/${activity.acronym}/meetings/3/agenda`)).body;
      assert.ok(html.includes(`Liaison statement drafted: ${draft.statement.reference}`));
      assert.doesNotMatch(html, /Draft a liaison statement on X\.501 and ISO\/IEC 9594-2/);
      const history = (await member.get(`/activities/${activity.acronym}/history`)).body;
      assert.ok(history.includes(`Liaison statement ${draft.statement.reference} drafted from the overlap of X.501 and ISO/IEC 9594-2`), 'the history says it');
      const french = (await member.get(`/activities/${activity.acronym}/history`, { 'accept-language': 'fr' })).body;
      assert.ok(french.includes(`Déclaration de liaison ${draft.statement.reference} rédigée à partir du chevauchement entre X.501 et ISO/IEC 9594-2`), 'in French too');
    });

    it('answers the existing draft on a second click instead of writing another', async () => {
      const url = `/api/v1/activities/${activity.acronym}/overlaps/${pairs['ISO/IEC 9594-2 | X.501']!.id}/liaison-draft`;
      const first = (await chair.api('POST', url)).json() as Draft;
      assert.equal(first.created, false);
      assert.match(first.message, /already drafted from this overlap/);
      const again = await chair.post(`/activities/${activity.acronym}/overlaps/${pairs['ISO/IEC 9594-2 | X.501']!.id}/liaison-draft`, {});
      assert.equal(again.statusCode, 303);
      assert.equal(again.headers.location, first.statement.href, 'to the existing statement’s page');
      const list = (await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/liaisons?direction=out`)).json() as { liaisons: { id: number }[] };
      assert.deepEqual(list.liaisons.map((l) => l.id), [first.statement.id], 'one statement only');
    });

    it('makes one draft of two clicks at once', async () => {
      const url = `/api/v1/activities/${activity.acronym}/overlaps/${pairs['ISO/IEC 9594-8 | X.509']!.id}/liaison-draft`;
      const answers = await Promise.all([insider.api('POST', url), insider.api('POST', url)]);
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 201], answers.map((a) => a.body).join('\n'));
      const ids = answers.map((a) => (a.json() as Draft).statement.id);
      assert.equal(ids[0], ids[1], 'both answer the same statement');
    });

    it('lands a chair on the new draft’s edit page from the agenda’s button', async () => {
      const response = await chair.post(`/activities/${activity.acronym}/overlaps/${pairs['ISO/IEC 9594-3 | X.511']!.id}/liaison-draft`, {});
      assert.equal(response.statusCode, 303, response.body);
      assert.match(String(response.headers.location), new RegExp(`^/activities/${activity.acronym}/liaisons/\\d+/edit$`));
      const edit = await chair.get(String(response.headers.location));
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /Liaison statement \S+ drafted from the overlap: check its text and addressees/);
    });

    it('answers bad input with a clear refusal, hides members-only meetings, and documents both endpoints', async () => {
      const badPair = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/overlaps/abc/liaison-draft`);
      assert.equal(badPair.statusCode, 422, badPair.body);
      assert.equal((await secretariat.post(`/activities/${activity.acronym}/overlaps/abc/liaison-draft`, {})).statusCode, 404);
      const badMeeting = await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/meetings/first/coordination`);
      assert.equal(badMeeting.statusCode, 422, badMeeting.body);
      assert.equal((await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/meetings/99/coordination`)).statusCode, 404);
      await createMeeting(t.db, system, hidden.id, meetingFields({ startDate: '2031-06-10', endDate: '2031-06-10' }), ctx());
      for (const client of [stranger, anonymous]) assert.equal((await client.api('GET', `/api/v1/activities/${hidden.acronym}/meetings/1/coordination`)).statusCode, 404);
      const paths = Object.keys(((await t.app.inject({ method: 'GET', url: '/api/docs' })).json() as { paths: Record<string, unknown> }).paths);
      for (const path of ['/api/v1/activities/{acronym}/meetings/{number}/coordination', '/api/v1/activities/{acronym}/overlaps/{id}/liaison-draft']) assert.ok(paths.includes(path), `${path} is documented`);
    });

    it('leaves out the activity’s own parent body', async () => {
      const study = await createActivity(
        t.db,
        system,
        { acronym: unique('SG-'), nameEn: 'A group under ITU-T', visibility: 'public', status: 'active', parentOrganizationId: itu.id },
        'en',
        { scope: 'Directories.', objectives: [], participation: '', workingMethods: '', administrativeSupport: '', meetings: '', reporting: '', duration: '', changeNote: '' },
      );
      await includeEntry(t.db, system, study.id, pairs['ISO/IEC 9594-2 | X.501']!.a.id, []);
      const lead = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: study.id })).cookie);
      const response = await lead.api('POST', `/api/v1/activities/${study.acronym}/overlaps/${pairs['ISO/IEC 9594-2 | X.501']!.id}/liaison-draft`);
      assert.equal(response.statusCode, 201, response.body);
      const draft = response.json() as Draft;
      const statement = (await lead.api('GET', `/api/v1/activities/${study.acronym}/liaisons/${draft.statement.id}`)).json() as { title: string; body: string; toOrganizations: { acronym: string }[] };
      assert.deepEqual(statement.toOrganizations.map((o) => o.acronym), [iso.acronym]);
      assert.ok(statement.body.includes(`${study.acronym} invites ${iso.acronym} to take this into account`));
      assert.doesNotMatch(statement.title, /Coordination sur/, 'an activity without a French name writes in English');
    });

    it('tells those who prepare the agenda when it has no item to list the issues under', async () => {
      const working = (await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/meetings/3/agenda`)).json() as { working: { id: number; title: string }[] };
      const item = working.working.find((i) => i.title === 'Issues requiring coordination')!;
      const renamed = await secretariat.api('PATCH', `/api/v1/activities/${activity.acronym}/meetings/3/agenda/items/${item.id}`, { title: 'Coordination matters' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      const next = await coordination(secretariat, 3);
      assert.equal(next.working?.agendaItem, null);
      assert.ok(next.working!.issues.length >= 2, 'the issues are still the meeting’s');
      const html = (await secretariat.get(`/activities/${activity.acronym}/meetings/3/agenda`)).body;
      assert.match(html, /confirmed overlaps belong to this meeting, but its agenda has no item “Issues requiring coordination” to list them under: add one\./);
      const french = (await secretariat.get(`/activities/${activity.acronym}/meetings/3/agenda`, { 'accept-language': 'fr' })).body;
      assert.match(french, /chevauchements confirmés relèvent de cette réunion, mais son ordre du jour n’a pas de point/);
    });
  });
}
