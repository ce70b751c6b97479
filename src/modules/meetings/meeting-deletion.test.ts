// Deleting a meeting made by mistake, through the app on both engines: a draft (never announced, nobody registered, no
// document) is deleted after a confirmation page; anything further is refused with the reason and cancelled instead;
// only the secretariat may.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Activity } from '../activities/activities.ts';
import { createDocument } from '../documents/documents.ts';
import { createMeeting } from './meetings.ts';
import { registerParticipant } from './registration-changes.ts';
import { meetings } from './schema.ts';

for (const engine of testEngines()) {
  describe(`deleting a draft meeting on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let stranger: TestClient;
    let anonymous: TestClient;
    const system = systemActor('test');
    const ctx = () => ({ locale: 'en' as const, baseUrl: t.config.baseUrl });
    const page = (n: number) => `/activities/${activity.acronym}/meetings/${n}`;
    const api = (n: number) => `/api/v1/activities/${activity.acronym}/meetings/${n}`;
    const exists = async (number: number) => (await t.db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.activityId, activity.id), eq(meetings.number, number)))).length === 1;
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      anonymous = new TestClient(t.app);
    });
    after(() => t.close());

    it('asks first, then deletes a draft; the history says so in words; the number is free again', async () => {
      const draft = await createMeeting(t.db, system, activity.id, meetingFields({ title: 'Made by mistake', startDate: soon, endDate: soon }), ctx());
      const overview = await secretariat.get(page(draft.number));
      assert.match(overview.body, new RegExp(`href="${page(draft.number)}/delete"`), 'the meeting page offers it');
      for (const client of [chair, member, stranger]) {
        assert.equal((await client.get(`${page(draft.number)}/delete`)).statusCode, 403);
        assert.equal((await client.post(`${page(draft.number)}/delete`, {})).statusCode, 403);
        assert.equal((await client.api('DELETE', api(draft.number))).statusCode, 403);
      }
      assert.equal((await anonymous.api('DELETE', api(draft.number))).statusCode, 401);
      assert.ok(await exists(draft.number), 'still there after the refusals');

      const confirm = await secretariat.get(`${page(draft.number)}/delete`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, new RegExp(`Delete meeting ${draft.number}: Made by mistake\\?`));
      assert.match(confirm.body, new RegExp(`<button type="submit" class="button-danger">Delete meeting ${draft.number}</button>`));
      const deleted = await secretariat.post(`${page(draft.number)}/delete`, {});
      assert.equal(deleted.statusCode, 303, deleted.body);
      assert.equal(deleted.headers.location, `/activities/${activity.acronym}/meetings`);
      assert.equal(await exists(draft.number), false);
      assert.equal((await secretariat.get(page(draft.number))).statusCode, 404);
      const history = await secretariat.get(`/activities/${activity.acronym}/history`);
      assert.match(history.body, new RegExp(`Meeting ${draft.number} \\(“Made by mistake”\\) deleted while still in preparation by [^<]+`));
      const french = await secretariat.get(`/activities/${activity.acronym}/history`, { 'accept-language': 'fr' });
      assert.match(french.body, new RegExp(`Réunion ${draft.number} \\(«\u202fMade by mistake\u202f»\\) supprimée alors qu’elle était en préparation`));
      const again = await createMeeting(t.db, system, activity.id, meetingFields({ title: 'The right one', startDate: soon, endDate: soon }), ctx());
      assert.equal(again.number, draft.number, 'the number of the deleted draft is used again');
      assert.equal((await secretariat.api('DELETE', api(again.number))).statusCode, 204, 'and the API deletes too');
    });

    it('refuses to delete an announced meeting, or a draft with a registration or a document, saying why', async () => {
      const announced = await createMeeting(t.db, system, activity.id, meetingFields({ title: 'Announced', startDate: soon, endDate: soon }), ctx());
      assert.equal((await secretariat.post(`${page(announced.number)}/announce`, {})).statusCode, 303);
      const refusal = await secretariat.api('DELETE', api(announced.number));
      assert.equal(refusal.statusCode, 409);
      assert.equal(
        refusal.json().error.message,
        'This meeting is announced: only a meeting still in preparation (never announced) can be deleted. Cancel it instead, with a reason; its record stays.',
      );
      const confirm = await secretariat.get(`${page(announced.number)}/delete`);
      assert.match(confirm.body, /This meeting is announced: only a meeting still in preparation/);
      assert.ok(!confirm.body.includes('class="button-danger">Delete meeting'), 'no delete button when it cannot be deleted');
      assert.ok(!(await secretariat.get(page(announced.number))).body.includes(`${page(announced.number)}/delete"`), 'nor a link to it');

      const withRecords = await createMeeting(t.db, system, activity.id, meetingFields({ title: 'With records', startDate: soon, endDate: soon }), ctx());
      await registerParticipant(t.db, system, activity, withRecords.id, { name: 'Ana', email: 'ana@example.org', capacity: 'sector_member', mode: 'remote' }, ctx()).catch(() => undefined);
      await t.db.transaction((tx) => createDocument(tx, system, { activityId: activity.id, kind: 'td', meetingId: withRecords.id, title: 'Draft agenda', access: 'public', files: [] }));
      const refused = await secretariat.post(`${page(withRecords.number)}/delete`, {});
      assert.equal(refused.statusCode, 409, refused.body);
      assert.match(refused.body, /This meeting already has (1 registration and )?1 document: it can no longer be deleted\. Cancel it instead, with a reason\./);
      assert.ok(await exists(withRecords.number));
    });
  });
}
