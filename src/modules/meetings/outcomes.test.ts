// Minutes, decisions and action items through HTTP on each engine, with actions carried from meeting to meeting.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser, type SignedInUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { createMeeting } from './meetings.ts';
import { agendaItems, agendaMinutes } from './proceedings-schema.ts';
import { meetings } from './schema.ts';
import { type ActionView, carriedActions } from './outcomes.ts';
import { formFieldsOf } from '../../../test/support/forms.ts';

describe('carrying actions (rule)', () => {
  const action = (meetingNumber: number, number: number, status: ActionView['status']) => ({ meetingNumber, number, status }) as ActionView;
  it('carries the actions of earlier meetings that are not done, oldest first', () => {
    const all = [action(2, 1, 'open'), action(1, 2, 'in_progress'), action(1, 1, 'done'), action(3, 1, 'open'), action(1, 3, 'open')];
    assert.deepEqual(
      carriedActions(all, 3).map((a) => `${a.meetingNumber}.${a.number} ${a.status}`),
      ['1.2 in_progress', '1.3 open', '2.1 open'],
    );
    assert.deepEqual(carriedActions(all, 1), [], 'the first meeting carries nothing');
  });
});

for (const engine of testEngines()) {
  describe(`minutes and outcomes on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let member: TestClient;
    let anonymous: TestClient;
    let memberUser: SignedInUser;
    let outsider: SignedInUser;
    const base = (n: number) => `/activities/${activity.acronym}/meetings/${n}`;
    const api = (n: number) => `/api/v1/activities/${activity.acronym}/meetings/${n}/outcomes`;
    const items = async (n: number) => {
      const response = await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/meetings/${n}/agenda`);
      const flat = (list: { id: number; title: string; children: unknown[] }[]): { id: number; title: string }[] =>
        list.flatMap((i) => [i, ...flat(i.children as never)]);
      return flat(response.json().working);
    };
    /** The minutes editor's fields as a browser would send them, from the page as `client` sees it, with `changes` typed in. */
    const editor = async (client: TestClient, n: number, changes: Record<string, string> = {}) => {
      const page = await client.get(`${base(n)}/minutes`);
      assert.equal(page.statusCode, 200);
      return { ...formFieldsOf(page.body, 'minutes-editor'), ...changes };
    };
    const itemId = async (n: number, title: string) => {
      const item = (await items(n)).find((i) => i.title === title);
      assert.ok(item, `agenda item "${title}" exists`);
      return item.id;
    };

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Mina Member' });
      member = new TestClient(t.app, memberUser.cookie);
      anonymous = new TestClient(t.app);
      outsider = await makeUser(t.db, { role: 'member', activityId: (await makeActivity(t.db)).id, name: 'Oscar Outsider' });
      const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
      for (const [n, date] of [[1, '2025-10-09'], [2, '2026-02-10'], [3, '2026-06-15']] as const) {
        await createMeeting(t.db, systemActor('test'), activity.id, meetingFields({ title: `Meeting ${n}`, startDate: date, endDate: date }), ctx);
      }
    });
    after(async () => {
      await t.close();
    });

    it('keeps minutes per agenda item, written by the secretariat and read by everyone', async () => {
      const opening = await itemId(1, 'Opening');
      let response = await secretariat.post(`${base(1)}/minutes`, await editor(secretariat, 1, { [`minutes-${opening}`]: 'The chair opened the meeting at 11:15 and welcomed 23 participants.' }));
      assert.equal(response.statusCode, 303, response.body);
      assert.equal((await member.post(`${base(1)}/minutes`, { [`minutes-${opening}`]: 'Rewritten' })).statusCode, 403);
      assert.equal((await anonymous.post(`${base(1)}/minutes`, { [`minutes-${opening}`]: 'Rewritten' })).statusCode, 403);
      assert.equal((await member.api('POST', `${api(1)}/minutes/${opening}`, { text: 'Rewritten' })).statusCode, 403);
      const page = await anonymous.get(`${base(1)}/minutes`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /The chair opened the meeting at 11:15 and welcomed 23 participants\./);
      assert.doesNotMatch(page.body, /Save the minutes/);
      const outcomes = (await anonymous.api('GET', api(1))).json();
      assert.deepEqual(
        outcomes.minutes.map(({ base: _base, ...rest }: { base: string }) => rest),
        [{ agendaItemId: opening, number: '1', title: 'Opening', text: 'The chair opened the meeting at 11:15 and welcomed 23 participants.' }],
      );
      // An item of another meeting is not this meeting's.
      const otherMeetingItem = await itemId(2, 'Opening');
      response = await secretariat.api('POST', `${api(1)}/minutes/${otherMeetingItem}`, { text: 'Wrong meeting' });
      assert.equal(response.statusCode, 422);
      // An item with minutes cannot be deleted from the agenda.
      response = await secretariat.post(`${base(1)}/agenda/items/${opening}/delete`, {});
      assert.equal(response.statusCode, 409);
    });

    it('numbers decisions within the meeting and never reuses a number', async () => {
      const tor = await itemId(1, 'Review of the terms of reference and working methods');
      let response = await secretariat.post(`${base(1)}/minutes`, await editor(secretariat, 1, { [`new-decision-${tor}`]: 'The terms of reference were reviewed; no change proposed.', 'new-decision-general': 'Typo' }));
      assert.equal(response.statusCode, 303, response.body);
      const [d1] = (await anonymous.api('GET', api(1))).json().decisions as { id: number }[];
      response = await secretariat.post(`${base(1)}/minutes`, await editor(secretariat, 1, { [`decision-${d1!.id}`]: '' }));
      assert.equal(response.statusCode, 422);
      assert.match(response.body, new RegExp(`id="error-decision-${d1!.id}"`));
      assert.match(response.body, /Enter the decision; to remove it, use “Move to another item or delete”\./);
      let decisions = (await anonymous.api('GET', api(1))).json().decisions as { id: number; label: string; text: string; agendaItemId: number | null }[];
      assert.deepEqual(decisions.map((d) => `${d.label} ${d.agendaItemId === tor ? 'item' : d.agendaItemId}`), ['D1 item', 'D2 null']);
      response = await secretariat.post(`${base(1)}/minutes/decisions/${decisions[1]!.id}/delete`, {});
      assert.equal(response.statusCode, 303);
      const third = await secretariat.api('POST', `${api(1)}/decisions`, { text: 'JCA-QKDN to send a liaison statement to SG17.' });
      assert.equal(third.statusCode, 201);
      assert.equal(third.json().label, 'D3');
      decisions = (await anonymous.api('GET', api(1))).json().decisions;
      assert.deepEqual(decisions.map((d) => `${d.label} ${d.text}`), ['D1 The terms of reference were reviewed; no change proposed.', 'D3 JCA-QKDN to send a liaison statement to SG17.']);
      assert.equal((await member.api('POST', `${api(1)}/decisions`, { text: 'Nope' })).statusCode, 403);
    });

    it('records action items with an owner and carries the open ones to later meetings until done', async () => {
      let response = await secretariat.post(
        `${base(1)}/minutes`,
        await editor(secretariat, 1, {
          'new-action-general-text': 'Update the roadmap with ETSI GS QKD 016',
          'new-action-general-owner': String(memberUser.personId),
          'new-action-general-due': '2026-01-31',
        }),
      );
      assert.equal(response.statusCode, 303, response.body);
      response = await secretariat.post(`${base(1)}/minutes`, await editor(secretariat, 1, { 'new-action-general-text': 'Draft a liaison to IEEE', 'new-action-general-ownerName': 'TSB' }));
      assert.equal(response.statusCode, 303);
      response = await secretariat.post(`${base(1)}/minutes`, await editor(secretariat, 1, { 'new-action-general-text': 'Nobody' }));
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Choose a participant or write who owns the action/);
      assert.match(response.body, /id="error-new-action-general-ownerName"/);
      response = await secretariat.api('POST', `${api(1)}/actions`, { text: 'Outsider', ownerPersonId: outsider.personId });
      assert.equal(response.statusCode, 422);
      assert.equal(response.json().error.details.fields.ownerPersonId, 'This person holds no role in the activity.');
      response = await secretariat.api('POST', `${api(1)}/actions`, { text: 'Already handled', ownerName: 'Chair', status: 'done' });
      assert.equal(response.statusCode, 201);

      const first = (await anonymous.api('GET', api(1))).json();
      assert.deepEqual(
        first.actions.map((a: { label: string; owner: { name: string }; status: string; dueOn: string | null }) => `${a.label} ${a.owner.name} ${a.status} ${a.dueOn}`),
        ['A1.1 Mina Member open 2026-01-31', 'A1.2 TSB open null', 'A1.3 Chair done null'],
      );
      let second = (await anonymous.api('GET', api(2))).json();
      assert.deepEqual(second.carried.map((a: { label: string }) => a.label), ['A1.1', 'A1.2'], 'meeting 2 carries the open actions of meeting 1');

      // At meeting 2 the secretariat marks one in progress and the other done, from meeting 2's page.
      const [a11, a12] = second.carried as { id: number }[];
      response = await secretariat.post(`${base(2)}/minutes`, await editor(secretariat, 2, { [`action-${a11!.id}-status`]: 'in_progress', [`action-${a12!.id}-status`]: 'done' }));
      assert.equal(response.statusCode, 303, response.body);
      assert.equal((await member.post(`${base(2)}/minutes`, { [`action-${a11!.id}-status`]: 'done' })).statusCode, 403);
      second = (await anonymous.api('GET', api(2))).json();
      assert.deepEqual(second.carried.map((a: { label: string; status: string }) => `${a.label} ${a.status}`), ['A1.1 in_progress']);
      const third = (await anonymous.api('GET', api(3))).json();
      assert.deepEqual(third.carried.map((a: { label: string }) => a.label), ['A1.1'], 'still carried to meeting 3 until done');
      const page = await anonymous.get(`${base(3)}/minutes`);
      assert.match(page.body, /Open actions from earlier meetings/);
      assert.match(page.body, /A1\.1/);
      assert.doesNotMatch(page.body, /A1\.2/);

      // A later meeting's action cannot be changed from an earlier meeting's page.
      const later = await secretariat.api('POST', `${api(3)}/actions`, { text: 'Prepare meeting 4', ownerName: 'TSB' });
      assert.equal(later.statusCode, 201);
      assert.equal(later.json().label, 'A3.1');
      assert.equal((await secretariat.api('PATCH', `${api(2)}/actions/${later.json().id}`, { status: 'done' })).statusCode, 404);

      const kinds = await t.db
        .select({ kind: events.kind, after: events.after })
        .from(events)
        .where(and(eq(events.activityId, activity.id), inArray(events.kind, ['outcomes.action_added', 'outcomes.action_updated'])))
        .orderBy(asc(events.id));
      assert.deepEqual(
        kinds.map((e) => `${e.kind} ${(e.after as { label: string; status?: string }).label} ${(e.after as { status?: string }).status ?? ''}`),
        ['outcomes.action_added A1.1 open', 'outcomes.action_added A1.2 open', 'outcomes.action_added A1.3 done', 'outcomes.action_updated A1.1 in_progress', 'outcomes.action_updated A1.2 done', 'outcomes.action_added A3.1 open'],
      );
    });

    it('edits an action through its form', async () => {
      const [action] = (await anonymous.api('GET', api(1))).json().actions as { id: number }[];
      const form = await secretariat.get(`${base(1)}/minutes/actions/${action!.id}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Edit action A1\.1/);
      let response = await secretariat.post(`${base(1)}/minutes/actions/${action!.id}`, { text: 'Update the roadmap with ETSI GS QKD 016 and 018', ownerPersonId: String(memberUser.personId), ownerName: '', dueOn: 'not a date', status: 'open' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="error-dueOn"/);
      response = await secretariat.post(`${base(1)}/minutes/actions/${action!.id}`, { text: 'Update the roadmap with ETSI GS QKD 016 and 018', ownerPersonId: String(memberUser.personId), ownerName: '', dueOn: '2026-03-31', status: 'done' });
      assert.equal(response.statusCode, 303, response.body);
      const [edited] = (await anonymous.api('GET', api(1))).json().actions;
      assert.equal(edited.text, 'Update the roadmap with ETSI GS QKD 016 and 018');
      assert.equal(edited.dueOn, '2026-03-31');
      assert.equal(edited.status, 'done');
      assert.ok(edited.doneAt, 'done actions record when');
      assert.deepEqual((await anonymous.api('GET', api(3))).json().carried, [], 'nothing left to carry');
    });

    it('saves the minutes of three items, a decision and an action typed in one form with one request, in one transaction with an event each', async () => {
      const [opening, adoption, tor] = [await itemId(2, 'Opening'), await itemId(2, 'Adoption of the agenda'), await itemId(2, 'Review of the terms of reference and working methods')];
      const before = await t.db.select({ id: events.id }).from(events).where(eq(events.activityId, activity.id));
      const typed = {
        [`minutes-${opening}`]: 'The chair opened the meeting.\r\nTwenty participants attended.',
        [`minutes-${adoption}`]: 'The agenda was adopted without change.',
        [`minutes-${tor}`]: 'The terms of reference were reviewed.',
        [`new-decision-${tor}`]: 'No change to the terms of reference is proposed.',
        [`new-action-${tor}-text`]: 'Circulate the reviewed terms of reference',
        [`new-action-${tor}-ownerName`]: 'Secretariat',
        [`new-action-${tor}-due`]: '2026-03-01',
      };
      const response = await secretariat.post(`${base(2)}/minutes`, await editor(secretariat, 2, typed));
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, `${base(2)}/minutes`);
      const page = await secretariat.get(`${base(2)}/minutes`);
      assert.match(page.body, /Saved: minutes of 3 items, 1 new decision, 1 new action\./);
      const outcomes = (await anonymous.api('GET', api(2))).json();
      assert.deepEqual(
        outcomes.minutes.map((x: { agendaItemId: number; text: string }) => [x.agendaItemId, x.text]),
        [
          [opening, 'The chair opened the meeting.\nTwenty participants attended.'],
          [adoption, 'The agenda was adopted without change.'],
          [tor, 'The terms of reference were reviewed.'],
        ],
      );
      assert.deepEqual(outcomes.decisions.map((d: { label: string; agendaItemId: number; text: string }) => [d.label, d.agendaItemId, d.text]), [['D1', tor, 'No change to the terms of reference is proposed.']]);
      assert.deepEqual(
        outcomes.actions.map((a: { label: string; agendaItemId: number; owner: { name: string }; dueOn: string }) => [a.label, a.agendaItemId, a.owner.name, a.dueOn]),
        [['A2.1', tor, 'Secretariat', '2026-03-01']],
      );
      const written = await t.db
        .select({ id: events.id, kind: events.kind, txId: events.txId, after: events.after })
        .from(events)
        .where(and(eq(events.activityId, activity.id), notInArray(events.id, before.map((e) => e.id))))
        .orderBy(asc(events.id));
      assert.deepEqual(written.map((e) => [e.kind, (e.after as { label?: string }).label ?? (e.after as { item?: string }).item]), [
        ['outcomes.minutes_saved', '1 Opening'],
        ['outcomes.minutes_saved', '2 Adoption of the agenda'],
        ['outcomes.minutes_saved', '3 Review of the terms of reference and working methods'],
        ['outcomes.decision_added', '3 Review of the terms of reference and working methods'],
        ['outcomes.action_added', 'A2.1'],
      ]);
      assert.equal(new Set(written.map((e) => String(e.txId))).size, 1, 'one transaction');

      // Saving the page again unchanged writes nothing.
      const again = await secretariat.post(`${base(2)}/minutes`, await editor(secretariat, 2));
      assert.equal(again.statusCode, 303);
      assert.match((await secretariat.get(`${base(2)}/minutes`)).body, /Nothing had changed: nothing to save\./);
      const after = await t.db.select({ id: events.id }).from(events).where(eq(events.activityId, activity.id));
      assert.equal(after.length, before.length + written.length);
    });

    it('saves nothing when one part is wrong, and shows everything typed again', async () => {
      const [opening, adoption] = [await itemId(2, 'Opening'), await itemId(2, 'Adoption of the agenda')];
      const response = await secretariat.post(
        `${base(2)}/minutes`,
        await editor(secretariat, 2, { [`minutes-${opening}`]: 'Opened at 9:30 <sharp>.', [`minutes-${adoption}`]: 'Adopted as amended.', 'new-action-general-text': 'Nobody owns this' }),
      );
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Nothing was saved: correct the marked fields, then save again\. What you typed is kept\./);
      assert.match(response.body, /Opened at 9:30 &lt;sharp>\./);
      assert.match(response.body, />Adopted as amended\.<\/textarea>/);
      assert.match(response.body, />Nobody owns this<\/textarea>/);
      const minutes = (await anonymous.api('GET', api(2))).json().minutes as { text: string }[];
      assert.equal(minutes[0]!.text, 'The chair opened the meeting.\nTwenty participants attended.');
    });

    it('refuses a save over a colleague’s save in between, keeping what was typed and showing theirs; keeps both when they edited different parts', async () => {
      const [opening, adoption] = [await itemId(2, 'Opening'), await itemId(2, 'Adoption of the agenda')];
      const colleague = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id, name: 'Chloé Chair' })).cookie);
      // Both open the editor; the colleague saves item 1 first.
      const mine = await editor(secretariat, 2);
      const theirs = await editor(colleague, 2, { [`minutes-${opening}`]: 'Opened by the chair at 9:00.' });
      assert.equal((await colleague.post(`${base(2)}/minutes`, theirs)).statusCode, 303);
      // Mine changed item 1 too, and item 2: refused as a whole, nothing lost.
      const stale = await secretariat.post(`${base(2)}/minutes`, { ...mine, [`minutes-${opening}`]: 'Opened by the vice-chair at 9:05.', [`minutes-${adoption}`]: 'Adopted with one new item.' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Nothing was saved: one part was changed by someone else while you were editing\./);
      assert.match(stale.body, /Chloé Chair saved this while you were editing/);
      assert.match(stale.body, />Opened by the vice-chair at 9:05\.<\/textarea>/, 'my text is kept in the field');
      assert.match(stale.body, />Adopted with one new item\.<\/textarea>/);
      assert.match(stale.body, /Saved meanwhile:<\/strong><\/p><p class="prose">Opened by the chair at 9:00\./, 'theirs is shown beside it');
      let minutes = (await anonymous.api('GET', api(2))).json().minutes as { agendaItemId: number; text: string }[];
      assert.equal(minutes.find((x) => x.agendaItemId === opening)?.text, 'Opened by the chair at 9:00.');
      assert.equal(minutes.find((x) => x.agendaItemId === adoption)?.text, 'The agenda was adopted without change.');

      // The page sent back carries their version's fingerprint: saving it again (after merging) goes through.
      const merged = { ...formFieldsOf(stale.body, 'minutes-editor'), [`minutes-${opening}`]: 'Opened by the chair at 9:00; the vice-chair took over at 9:05.' };
      const resaved = await secretariat.post(`${base(2)}/minutes`, merged);
      assert.equal(resaved.statusCode, 303, resaved.body);
      minutes = (await anonymous.api('GET', api(2))).json().minutes;
      assert.equal(minutes.find((x) => x.agendaItemId === opening)?.text, 'Opened by the chair at 9:00; the vice-chair took over at 9:05.');
      assert.equal(minutes.find((x) => x.agendaItemId === adoption)?.text, 'Adopted with one new item.');

      // Different parts at the same time: both saves are kept.
      const a = await editor(secretariat, 2, { [`minutes-${opening}`]: 'Opening, final.' });
      const b = await editor(colleague, 2, { [`minutes-${adoption}`]: 'Adoption, final.' });
      assert.equal((await secretariat.post(`${base(2)}/minutes`, a)).statusCode, 303);
      assert.equal((await colleague.post(`${base(2)}/minutes`, b)).statusCode, 303);
      minutes = (await anonymous.api('GET', api(2))).json().minutes;
      assert.deepEqual([opening, adoption].map((id) => minutes.find((x) => x.agendaItemId === id)?.text), ['Opening, final.', 'Adoption, final.']);
    });

    it('saves through the API in one request, and answers a stale fingerprint with 409 and what the record holds now', async () => {
      const opening = await itemId(2, 'Opening');
      const current = (await anonymous.api('GET', api(2))).json();
      const base0 = current.minutes.find((x: { agendaItemId: number }) => x.agendaItemId === opening).base as string;
      const ok = await secretariat.api('PUT', api(2), { minutes: [{ agendaItemId: opening, text: 'Opening, via the API.', base: base0 }], decisions: [{ text: 'Decided via the API.' }] });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), { minutes: 1, decisionsAdded: 1, decisionsEdited: 0, actionsAdded: 0, actionsEdited: 0 });
      const stale = await secretariat.api('PUT', api(2), { minutes: [{ agendaItemId: opening, text: 'Overwrite?', base: base0 }] });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.details.conflicts[0].path, 'minutes.0');
      assert.equal(stale.json().error.details.conflicts[0].current.text, 'Opening, via the API.');
      assert.ok(stale.json().error.details.fields['minutes.0.text']);
      assert.equal((await member.api('PUT', api(2), { minutes: [] })).statusCode, 403);
      const bad = await secretariat.api('PUT', api(2), { actions: [{ text: 'No owner' }] });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.details.fields['actions.0.ownerName'], 'Choose a participant or write who owns the action.');
    });

    it('lets a meeting removed by the database take its agenda items and their records with it', async () => {
      const opening = await itemId(3, 'Opening');
      assert.equal((await secretariat.api('POST', `${api(3)}/minutes/${opening}`, { text: 'Opened.' })).statusCode, 204);
      assert.equal((await secretariat.api('POST', `${api(3)}/decisions`, { text: 'Noted.', agendaItemId: opening })).statusCode, 201);
      assert.equal((await secretariat.api('POST', `${api(3)}/actions`, { text: 'Follow up', ownerName: 'TSB', agendaItemId: opening })).statusCode, 201);
      assert.equal((await secretariat.post(`${base(3)}/agenda/items/${opening}/delete`, {})).statusCode, 409, 'the item itself keeps its records');
      await t.db.delete(meetings).where(and(eq(meetings.activityId, activity.id), eq(meetings.number, 3)));
      assert.deepEqual(await t.db.select().from(agendaItems).where(eq(agendaItems.id, opening)), []);
      assert.deepEqual(await t.db.select().from(agendaMinutes).where(eq(agendaMinutes.agendaItemId, opening)), []);
    });
  });
}
