// My work, an activity's "what is happening" and the reader's time zone, through the real app on both engines: who
// sees what (secretariat, chair, member, a member of another activity, anonymous), the sign-in redirect, the setting
// on My account, and meeting times on each side of a daylight-saving change in two zones.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { countQueries } from '../../../test/support/query-count.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { actionItems, documents, gaps, importantDates, liaisonStatements, meetings, registrations, roadmapProposals, users } from '../../db/schema.ts';
import type { Activity } from '../activities/index.ts';

for (const engine of testEngines()) {
  describe(`my work and the activity overview on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let other: Activity;
    let closed: Activity;
    let people: Record<'secretariat' | 'chair' | 'member' | 'otherMember' | 'zoned', SignedInUser>;
    let clients: Record<'anonymous' | 'secretariat' | 'chair' | 'member' | 'otherMember' | 'zoned' | 'admin', TestClient>;
    const titles = {
      outgoing: unique('Outgoing statement for approval '),
      incoming: unique('Incoming statement assigned '),
      membersOnly: unique('Members-only incoming '),
      otherIncoming: unique('Incoming of another activity '),
      action: unique('Draft the key management text '),
      contribution: unique('Proposal for key relay '),
      gap: unique('Missing key relay interface '),
      proposal: unique('Y.PROP'),
      otherMeeting: unique('Meeting of the other activity '),
    };

    const meeting = async (a: Activity, number: number, title: string, startsAt: string, endsAt: string, confirmation: 'email' | 'secretariat' = 'email') =>
      (
        await t.db
          .insert(meetings)
          .values({ activityId: a.id, number, title, mode: 'hybrid', city: 'Geneva', timeZone: 'Europe/Zurich', startsAt: new Date(startsAt), endsAt: new Date(endsAt), status: 'announced', registrationConfirmation: confirmation })
          .returning()
      )[0]!;

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      other = await makeActivity(t.db);
      closed = await makeActivity(t.db, { visibility: 'members' });
      people = {
        secretariat: await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' }),
        chair: await makeUser(t.db, { role: 'chair', activityId: activity.id, name: 'Chris Chair' }),
        member: await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' }),
        otherMember: await makeUser(t.db, { role: 'member', activityId: other.id, name: 'Olga Other' }),
        zoned: await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Zoe Zoned' }),
      };
      clients = {
        anonymous: new TestClient(t.app),
        secretariat: new TestClient(t.app, people.secretariat.cookie),
        chair: new TestClient(t.app, people.chair.cookie),
        member: new TestClient(t.app, people.member.cookie),
        otherMember: new TestClient(t.app, people.otherMember.cookie),
        zoned: new TestClient(t.app, people.zoned.cookie),
        admin: new TestClient(t.app, (await makeUser(t.db, { admin: true, name: 'Ada Admin' })).cookie),
      };
      const member = people.member;
      // Meeting 1 falls before Zurich's clocks go forward (31 March 2030), meeting 2 after; New York's went forward on 10 March.
      const first = await meeting(activity, 1, 'Spring meeting', '2030-03-28T11:00:00Z', '2030-03-28T12:00:00Z', 'secretariat');
      await meeting(activity, 2, 'April meeting', '2030-04-04T10:00:00Z', '2030-04-04T11:00:00Z');
      await t.db.insert(importantDates).values([
        { meetingId: first.id, kind: 'contribution', label: 'Contribution deadline', dueAt: new Date('2030-03-14T22:59:00Z') },
        { meetingId: first.id, kind: 'registration', label: 'Pre-registration deadline', dueAt: new Date('2030-03-21T11:00:00Z'), hasTime: true },
      ]);
      const otherMeeting = await meeting(other, 1, titles.otherMeeting, '2030-05-01T08:00:00Z', '2030-05-01T09:00:00Z');
      await t.db.insert(importantDates).values({ meetingId: otherMeeting.id, kind: 'contribution', label: 'Contribution deadline', dueAt: new Date('2030-04-20T21:59:00Z') });
      await t.db.insert(registrations).values([
        { meetingId: first.id, name: 'Pat Pending', email: 'pat@example.org', capacity: 'academia', mode: 'remote', status: 'pending', manageTokenHash: randomBytes(16).toString('hex') },
        { meetingId: first.id, userId: member.user.id, personId: member.personId, name: 'Maria Member', email: member.user.email, capacity: 'academia', mode: 'onsite', status: 'registered', manageTokenHash: randomBytes(16).toString('hex') },
      ]);
      await t.db.insert(actionItems).values({ activityId: activity.id, meetingId: first.id, number: 1, text: titles.action, ownerPersonId: member.personId, ownerName: 'Maria Member', status: 'open', dueOn: '2030-03-25' });
      await t.db.insert(liaisonStatements).values([
        { activityId: activity.id, direction: 'out', title: titles.outgoing, purpose: 'for_action', state: 'submitted', access: 'public', createdByUserId: member.user.id },
        { activityId: activity.id, direction: 'in', title: titles.incoming, purpose: 'for_action', actionStatus: 'open', access: 'public', assigneePersonId: member.personId, deadline: '2030-03-20', receivedOn: '2030-01-10' },
        { activityId: activity.id, direction: 'in', title: titles.membersOnly, purpose: 'for_comment', actionStatus: 'in_progress', access: 'members', receivedOn: '2030-01-11' },
        { activityId: other.id, direction: 'in', title: titles.otherIncoming, purpose: 'for_action', actionStatus: 'open', access: 'public', deadline: '2030-03-22' },
      ]);
      await t.db.insert(documents).values({ activityId: activity.id, kind: 'contribution', sequence: 7, number: `${activity.acronym}-C-007`, title: titles.contribution, status: 'published', submittedByUserId: member.user.id });
      await t.db.insert(gaps).values({ activityId: activity.id, number: 1, title: titles.gap, description: 'No interface.', priority: 'high', status: 'proposed', proposerUserId: member.user.id, proposerName: 'Maria Member' });
      await t.db.insert(roadmapProposals).values({ activityId: activity.id, kind: 'new_entry', proposed: { identifier: titles.proposal, title: 'A proposed entry' }, proposerUserId: member.user.id, proposerName: 'Maria Member', proposerEmail: member.user.email });
      const itu = await makeOrganization(t.db, { acronym: unique('ITU-T') });
      const entry = async (a: Activity, who: TestClient, identifier: string) => {
        const response = await who.api('POST', `/api/v1/activities/${a.acronym}/roadmap`, { organizationId: itu.id, identifier, title: `Title of ${identifier}`, kind: 'recommendation', status: 'planned', topics: [] });
        assert.equal(response.statusCode, 201, response.body);
        return response.json() as { id: number };
      };
      const added = await entry(activity, clients.secretariat, 'Y.3800');
      const changed = await clients.secretariat.api('PATCH', `/api/v1/activities/${activity.acronym}/roadmap/${added.id}`, { status: 'published' });
      assert.equal(changed.statusCode, 200, changed.body);
      const otherSecretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: other.id })).cookie);
      await entry(other, otherSecretariat, 'Y.9999');
    });
    after(async () => {
      await t.close();
    });

    describe('My work', () => {
      it('sends anonymous readers to sign in and back', async () => {
        const response = await clients.anonymous.get('/my-work');
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/sign-in?next=%2Fmy-work');
      });

      it('is linked from the navigation of signed-in readers only', async () => {
        assert.match((await clients.member.get('/activities')).body, /<a href="\/my-work"[^>]*>My work<\/a>/);
        assert.doesNotMatch((await clients.anonymous.get('/activities')).body, /href="\/my-work"/);
      });

      it('shows the secretariat every approval its roles allow: the statement, the proposals and the registration', async () => {
        const body = (await clients.secretariat.get('/my-work')).body;
        assert.match(body, /Waiting for my approval \(4\)/);
        assert.ok(body.includes(titles.outgoing), 'the submitted outgoing statement');
        assert.ok(body.includes(titles.proposal), 'the roadmap proposal');
        assert.ok(body.includes(`G-1: ${titles.gap}`), 'the gap proposal');
        assert.match(body, /Pat Pending — meeting 1: Spring meeting/);
        assert.match(body, /Liaison statements assigned to me<\/h2>\s*<p class="muted">Nothing at the moment\.<\/p>/, 'a statement assigned to someone else is not theirs');
        assert.ok(!body.includes(titles.action), 'nor someone else’s action');
      });

      it('shows a chair the approvals of the leadership but not the registrations, which the secretariat approves', async () => {
        const body = (await clients.chair.get('/my-work')).body;
        assert.match(body, /Waiting for my approval \(3\)/);
        assert.ok(body.includes(titles.outgoing) && body.includes(titles.proposal) && body.includes(titles.gap));
        assert.ok(!body.includes('Pat Pending'));
      });

      it('shows a member their statement, action, registration, contribution and the deadlines of their activity, and nothing to approve', async () => {
        const body = (await clients.member.get('/my-work')).body;
        assert.match(body, /Waiting for my approval<\/h2>\s*<p class="muted">Nothing at the moment\.<\/p>/);
        assert.ok(!body.includes(titles.outgoing) && !body.includes(titles.proposal) && !body.includes('Pat Pending'));
        assert.match(body, new RegExp(`Liaison statements assigned to me \\(1\\)[\\s\\S]*${titles.incoming}`));
        assert.match(body, new RegExp(`My action items \\(1\\)[\\s\\S]*Action 1/1: ${titles.action}`));
        assert.match(body, /My registrations \(1\)[\s\S]*Meeting 1: Spring meeting[\s\S]*Registered — Onsite/);
        assert.match(body, new RegExp(`My contributions \\(1\\)[\\s\\S]*${activity.acronym}-C-007: ${titles.contribution}`));
        // Deadlines, nearest first, on the venue's clock (no zone chosen): the meeting's two and the statement's reply date.
        const deadlines = body.slice(body.indexOf('Deadlines coming in my activities'), body.indexOf('Liaison statements assigned to me'));
        assert.match(deadlines, /Contribution deadline — meeting 1: Spring meeting[\s\S]*14 Mar 2030, 23:59 CET[\s\S]*due 20 March 2030[\s\S]*Pre-registration deadline — meeting 1[\s\S]*21 Mar 2030, 12:00 CET/);
        assert.ok(!body.includes(titles.otherMeeting) && !body.includes(titles.otherIncoming), 'nothing of another activity');
      });

      it('shows a member of another activity only that activity’s deadlines', async () => {
        const body = (await clients.otherMember.get('/my-work')).body;
        assert.ok(body.includes(titles.otherMeeting));
        assert.ok(body.includes(titles.otherIncoming));
        for (const title of [titles.outgoing, titles.incoming, titles.membersOnly, titles.action, titles.contribution, titles.gap, titles.proposal, 'Spring meeting']) {
          assert.ok(!body.includes(title), `${title} is not shown`);
        }
      });

      it('shows a site admin the approvals of every activity, though they hold no role, and no one’s deadlines', async () => {
        const body = (await clients.admin.get('/my-work')).body;
        assert.match(body, /Waiting for my approval \(4\)/);
        assert.ok(body.includes(titles.outgoing) && body.includes(titles.proposal) && body.includes(titles.gap) && body.includes('Pat Pending'));
        assert.match(body, /As a site administrator, you also see what waits for approval in every activity/);
        assert.doesNotMatch(body, /is not linked to a contact record/);
        assert.ok(!body.includes(titles.incoming) && !body.includes(titles.otherMeeting), 'assignments and deadlines stay those of their own activities');
      });

      it('answers GET /api/v1/my-work with the same lists, per role, in the language asked for', async () => {
        assert.equal((await clients.anonymous.api('GET', '/api/v1/my-work')).statusCode, 401);
        type Item = { activity: string; title: string; href: string; detail: string | null; dueAt: string | null; dueZone: string | null; dueOn: string | null };
        type Work = { approvals: Record<'liaisons' | 'proposals' | 'gaps' | 'registrations', Item[]>; assigned: Item[]; actions: Item[]; registrations: Item[]; contributions: Item[]; deadlines: Item[] };
        const work = async (who: TestClient) => {
          const response = await who.api('GET', '/api/v1/my-work');
          assert.equal(response.statusCode, 200, response.body);
          return response.json() as Work;
        };
        const counts = (w: Work) => [w.approvals.liaisons.length, w.approvals.proposals.length, w.approvals.gaps.length, w.approvals.registrations.length];
        const secretariat = await work(clients.secretariat);
        assert.deepEqual(counts(secretariat), [1, 1, 1, 1]);
        assert.equal(secretariat.approvals.gaps[0]?.title, `G-1: ${titles.gap}`);
        assert.equal(secretariat.approvals.gaps[0]?.activity, activity.acronym);
        assert.deepEqual(counts(await work(clients.chair)), [1, 1, 1, 0]);
        assert.deepEqual(counts(await work(clients.admin)), [1, 1, 1, 1]);
        const member = await work(clients.member);
        assert.deepEqual(counts(member), [0, 0, 0, 0]);
        assert.deepEqual(member.assigned.map((i) => [i.title.endsWith(titles.incoming), i.dueOn]), [[true, '2030-03-20']]);
        const deadline = member.deadlines.find((i) => i.dueAt);
        assert.equal(deadline?.dueAt, '2030-03-14T22:59:00.000Z');
        assert.equal(deadline?.dueZone, 'Europe/Zurich');
        assert.equal(member.contributions[0]?.href.startsWith(`/activities/${activity.acronym}/`), true);
        const other = await work(clients.otherMember);
        assert.deepEqual(counts(other), [0, 0, 0, 0]);
        assert.ok(other.deadlines.every((i) => i.activity === (other.deadlines[0]?.activity ?? '')) && !other.deadlines.some((i) => i.activity === activity.acronym));
        const french = await clients.member.get('/api/v1/my-work', { 'accept-language': 'fr' });
        assert.match((french.json() as Work).actions[0]?.title ?? '', /^Action 1\/1\u202f: /);
      });

      it('reads in French', async () => {
        const french = new TestClient(t.app, people.member.cookie);
        french.setCookie('concord_locale=fr');
        const body = (await french.get('/my-work')).body;
        assert.match(body, /<h1>Mon travail<\/h1>/);
        assert.match(body, /Mes actions \(1\)/);
        assert.match(body, /Réunion 1\u202f: Spring meeting/);
        assert.match(body, /échéance le 20 mars 2030/);
      });
    });

    describe('the activity overview', () => {
      const overview = (who: TestClient, a: Activity = activity) => who.get(`/activities/${a.acronym}`);

      it('shows anyone the next meeting with its deadlines, public open statements, recent roadmap changes and open actions', async () => {
        const response = await overview(clients.anonymous);
        assert.equal(response.statusCode, 200);
        const body = response.body;
        assert.match(body, /Next meeting[\s\S]*Meeting 1: Spring meeting[\s\S]*28 Mar 2030, 12:00 CET/);
        assert.match(body, /Contribution deadline[\s\S]*14 Mar 2030, 23:59 CET[\s\S]*Pre-registration deadline/);
        assert.match(body, new RegExp(`Open liaison statements[\\s\\S]*${titles.incoming}[\\s\\S]*due 20 March 2030`));
        assert.match(body, /Recent roadmap changes[\s\S]*Y\.3800 — Title of Y\.3800[\s\S]*Status: Planned → Published[\s\S]*Y\.3800[\s\S]*Added to the roadmap/);
        assert.match(body, new RegExp(`Open action items[\\s\\S]*Action 1/1: ${titles.action}`));
        assert.ok(!body.includes(titles.membersOnly), 'a members-only statement is hidden from the public');
        assert.ok(!body.includes(titles.outgoing), 'an outgoing statement not yet sent is hidden from the public');
        assert.ok(!body.includes('Y.9999') && !body.includes(titles.otherIncoming), 'nothing of another activity');
      });

      it('shows the activity’s participants its members-only and unsent statements too', async () => {
        const body = (await overview(clients.member)).body;
        assert.ok(body.includes(titles.membersOnly));
        assert.ok(body.includes(titles.outgoing));
      });

      it('shows a member of another activity what the public sees', async () => {
        const body = (await overview(clients.otherMember)).body;
        assert.ok(body.includes(titles.incoming));
        assert.ok(!body.includes(titles.membersOnly) && !body.includes(titles.outgoing));
      });

      it('keeps a members-only activity’s overview from outsiders', async () => {
        assert.equal((await overview(clients.otherMember, closed)).statusCode, 404);
        assert.equal((await overview(clients.anonymous, closed)).statusCode, 404);
      });

      it('reads the same number of statements with one open statement or with six', async () => {
        await overview(clients.member); // the kept reads (read-cache.ts) are taken before counting
        const one = await countQueries(t.database, () => overview(clients.member));
        await t.db.insert(liaisonStatements).values(
          Array.from({ length: 5 }, (_, i) => ({ activityId: activity.id, direction: 'in' as const, title: `Extra ${i}`, purpose: 'for_comment' as const, actionStatus: 'open' as const, access: 'public' as const })),
        );
        const six = await countQueries(t.database, () => overview(clients.member));
        assert.ok(six.result.body.includes('Extra 4'));
        assert.ok(one.count > 0, 'the statements are counted');
        assert.equal(six.count, one.count, six.shapes.join('\n'));
      });
    });

    describe('the reader’s time zone', () => {
      it('refuses a zone that is not in the list, naming the field', async () => {
        const response = await clients.zoned.post('/account', { name: 'Zoe Zoned', locale: '', timeZone: 'Mars/Olympus_Mons' });
        assert.equal(response.statusCode, 422);
        assert.match(response.body, /Choose a time zone from the list, such as Europe\/Zurich\./);
        const [row] = await t.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, people.zoned.user.id));
        assert.equal(row?.timeZone, null);
      });

      it('offers the zones grouped by region on My account, the saved one selected', async () => {
        const saved = await clients.zoned.post('/account', { name: 'Zoe Zoned', locale: '', timeZone: 'America/New_York' });
        assert.equal(saved.statusCode, 303);
        const body = (await clients.zoned.get('/account')).body;
        assert.match(body, /<optgroup label="Americas">[\s\S]*<option value="America\/New_York" selected>New York — America\/New_York<\/option>/);
        assert.match(body, /<optgroup label="Europe">[\s\S]*<option value="Europe\/Zurich">Zurich — Europe\/Zurich<\/option>/);
      });

      it('shows each meeting on the venue’s clock and the reader’s, on both sides of a daylight-saving change', async () => {
        // New York is on summer time from 10 March; Zurich only from 31 March: 5 hours apart, then 6.
        const before = (await clients.zoned.get(`/activities/${activity.acronym}/meetings/1`)).body;
        assert.match(before, /28 Mar 2030, 12:00 – 13:00 CET \(Europe\/Zurich\)/);
        assert.match(before, /In America\/New_York<\/dt>\s*<dd>28 Mar 2030, 07:00 – 08:00 (GMT-4|EDT)/);
        const afterChange = (await clients.zoned.get(`/activities/${activity.acronym}/meetings/2`)).body;
        assert.match(afterChange, /4 Apr 2030, 12:00 – 13:00 CEST \(Europe\/Zurich\)/);
        assert.match(afterChange, /In America\/New_York<\/dt>\s*<dd>4 Apr 2030, 06:00 – 07:00 (GMT-4|EDT)/);
        const list = (await clients.zoned.get(`/activities/${activity.acronym}/meetings`)).body;
        assert.match(list, /In America\/New_York: 28 Mar 2030, 07:00 – 08:00 (GMT-4|EDT)/);
        assert.match(list, /In America\/New_York: 4 Apr 2030, 06:00 – 07:00 (GMT-4|EDT)/);
        // Tokyo keeps no summer time: 8 hours ahead of Zurich, then 7.
        await clients.zoned.post('/account', { name: 'Zoe Zoned', locale: '', timeZone: 'Asia/Tokyo' });
        assert.match((await clients.zoned.get(`/activities/${activity.acronym}/meetings/1`)).body, /In Asia\/Tokyo<\/dt>\s*<dd>28 Mar 2030, 20:00 – 21:00 (GMT\+9|JST)/);
        assert.match((await clients.zoned.get(`/activities/${activity.acronym}/meetings/2`)).body, /In Asia\/Tokyo<\/dt>\s*<dd>4 Apr 2030, 19:00 – 20:00 (GMT\+9|JST)/);
      });

      it('shows deadlines on the reader’s clock with the venue’s beside, and anonymous readers the venue’s alone', async () => {
        await clients.zoned.post('/account', { name: 'Zoe Zoned', locale: '', timeZone: 'America/New_York' });
        const mine = (await clients.zoned.get('/my-work')).body;
        assert.match(mine, /Times are shown in America\/New_York\./);
        assert.match(mine, /14 Mar 2030, 18:59 (GMT-4|EDT)<\/time> <span class="muted">\(venue: 14 Mar 2030, 23:59 CET\)<\/span>/);
        const anonymous = (await clients.anonymous.get(`/activities/${activity.acronym}/meetings/1`)).body;
        assert.doesNotMatch(anonymous, /In America\/New_York/);
        assert.doesNotMatch(anonymous, /name="tz"/, 'the old "show times also in" choice is gone');
      });

      it('shows history stamps on the reader’s clock', async () => {
        const body = (await clients.zoned.get(`/activities/${activity.acronym}/history`)).body;
        assert.match(body, /<time datetime="[^"]+">\d{1,2} \w{3} \d{4}, \d{2}:\d{2} (GMT-[45]|EDT|EST)<\/time>/);
        const reset = await clients.zoned.post('/account', { name: 'Zoe Zoned', locale: '', timeZone: '' });
        assert.equal(reset.statusCode, 303);
        assert.match((await clients.zoned.get(`/activities/${activity.acronym}/history`)).body, /<time datetime="[^"]+">\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC<\/time>/);
      });
    });
  });
}
