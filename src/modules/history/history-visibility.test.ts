// The history never shows a reader what the record's own page hides from them (issue 13, defect 3): a meeting's
// remote link, the working agenda, proposals not yet decided, and anything of a members-only activity to outsiders.
// Each case is read through the history page, its API and its Atom feed, as the reader would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Activity } from '../activities/activities.ts';
import { addAgendaItem } from '../meetings/agenda.ts';
import { createMeeting, meetingInput, updateMeeting } from '../meetings/meetings.ts';
import { createEntry, entryInput, includeEntry } from '../roadmap/entries.ts';

const system = systemActor('test');
const secretLink = 'https://meet.example.org/j/987?pwd=hushhush';
const newerLink = 'https://meet.example.org/j/654?pwd=quietquiet';
const draftItem = 'Unannounced merger of the working groups';
const proposedTitle = 'Confidential proposal on quantum relays';

for (const engine of testEngines()) {
  describe(`history visibility on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let hidden: Activity;
    let secretariat: TestClient;
    let observer: TestClient;
    let member: TestClient;
    let outsider: TestClient;
    const anonymous = () => new TestClient(t.app);
    /** What a reader gets of the activity's history: the page, the API (as text) and the feed. */
    const allViews = async (client: TestClient, target: Activity = activity) => {
      const base = `/activities/${target.acronym}/history`;
      return {
        page: await client.get(base),
        api: await client.get(`/api/v1${base}`),
        feed: await client.get(`${base}.atom`),
      };
    };

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      hidden = await makeActivity(t.db, { visibility: 'members' });
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      outsider = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      await makeUser(t.db, { role: 'member', activityId: hidden.id });

      const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
      const fields = {
        title: 'Remote meeting', mode: 'virtual', timeZone: 'Europe/Zurich', startDate: '2027-03-22', startTime: '13:00',
        endDate: '2027-03-22', endTime: '14:30', remoteUrl: secretLink,
      };
      const meeting = await createMeeting(t.db, system, activity.id, meetingInput.parse(fields), ctx);
      await updateMeeting(t.db, system, meeting.id, meetingInput.parse({ ...fields, remoteUrl: newerLink }), ctx);
      await addAgendaItem(t.db, system, { activity, meeting }, { title: draftItem, notes: null }, 'en');
      // The same kinds of records in the members-only activity.
      const hiddenMeeting = await createMeeting(t.db, system, hidden.id, meetingInput.parse({ ...fields, title: 'Closed meeting' }), ctx);
      await addAgendaItem(t.db, system, { activity: hidden, meeting: hiddenMeeting }, { title: draftItem, notes: null }, 'en');

      const etsi = await makeOrganization(t.db, { acronym: `ETSI-${activity.acronym}` });
      const proposal = await member.api('POST', `/api/v1/activities/${activity.acronym}/roadmap/proposals`, {
        kind: 'new_entry',
        entry: { organizationId: etsi.id, identifier: 'ETSI GS QKD 099', title: proposedTitle, kind: 'technical_specification', status: 'in_development' },
        note: 'Please add it before the next meeting.',
      });
      assert.equal(proposal.statusCode, 201, proposal.body);
    });
    after(() => t.close());

    it('shows no remote link to an anonymous visitor, an observer or a member, in the page, the API or the feed', async () => {
      for (const client of [anonymous(), observer, member]) {
        const views = await allViews(client);
        for (const [view, response] of Object.entries(views)) {
          assert.equal(response.statusCode, 200, view);
          assert.ok(!response.body.includes('hushhush') && !response.body.includes('quietquiet'), `${view} shows the remote link`);
        }
        // The change itself may be told (the meeting page says there is a link), its value not.
        assert.match(views.page.body, /Meeting 1 created/);
      }
      const head = await allViews(secretariat);
      assert.ok(head.page.body.includes('quietquiet'), 'the secretariat reads the link it set');
    });

    it('shows no item of a working agenda that was never issued, to those who may not read drafts', async () => {
      for (const client of [anonymous(), observer]) {
        for (const [view, response] of Object.entries(await allViews(client))) {
          assert.ok(!response.body.includes(draftItem), `${view} shows the unissued agenda item`);
        }
      }
      assert.ok((await allViews(secretariat)).api.body.includes(draftItem));
    });

    it('shows an observer and a visitor nothing of a proposal whose page is not theirs', async () => {
      for (const client of [anonymous(), observer]) {
        for (const [view, response] of Object.entries(await allViews(client))) {
          assert.ok(!response.body.includes(proposedTitle) && !response.body.includes('QKD 099'), `${view} shows the proposal`);
          assert.ok(!response.body.includes('before the next meeting'), `${view} shows the proposal's note`);
        }
      }
      assert.ok((await allViews(member)).page.body.includes('QKD 099'), 'the proposer reads their own proposal');
      assert.ok((await allViews(secretariat)).page.body.includes('QKD 099'), 'the secretariat decides on it');
    });

    it('shows nothing of a members-only activity to a member of another activity, nor to a visitor', async () => {
      for (const client of [outsider, observer, anonymous()]) {
        const views = await allViews(client, hidden);
        for (const [view, response] of Object.entries(views)) {
          assert.notEqual(response.statusCode, 200, view);
          assert.ok(!response.body.includes(draftItem) && !response.body.includes('Closed meeting') && !response.body.includes('hushhush'), view);
        }
      }
    });

    it('shows on an entry’s own history only what happened in roadmaps the reader may read', async () => {
      const body = await makeOrganization(t.db, { acronym: `IEC-${hidden.acronym}` });
      const entry = await createEntry(t.db, system, hidden.id, entryInput.parse({ organizationId: body.id, identifier: 'IEC 63999', title: 'Shared standard', status: 'published', topics: ['closed topic'] }), 'en');
      await includeEntry(t.db, system, activity.id, entry.id, ['open topic']);
      for (const url of [`/history/roadmap_entry/${entry.id}`, `/api/v1/history/roadmap_entry/${entry.id}`]) {
        const response = await anonymous().get(url);
        assert.equal(response.statusCode, 200, url);
        assert.ok(response.body.includes('open topic'), `${url}: the inclusion in the public roadmap`);
        assert.ok(!response.body.includes(hidden.acronym) && !response.body.includes('closed topic'), `${url} shows the members-only roadmap`);
      }
    });
  });
}
