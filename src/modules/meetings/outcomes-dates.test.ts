// An action decided at a meeting falls due after it began, and the minutes of a meeting that has not ended are a
// draft: the rule alone, then through the API, the minutes editor and the page on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import { formFieldsOf } from '../../../test/support/forms.ts';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Activity } from '../activities/activities.ts';
import { createMeeting } from './meetings.ts';
import { dueDateProblem } from './outcomes.ts';

describe('an action’s due date', () => {
  // 00:30 in Geneva on 10 October is still 9 October in UTC: the first day is the venue's.
  const meeting = { startsAt: new Date('2025-10-09T22:30:00Z'), timeZone: 'Europe/Zurich' };
  it('cannot fall before the meeting’s first day in the venue’s calendar, and says so with both dates', () => {
    assert.equal(dueDateProblem('2025-10-09', meeting, 'en'), 'Due date: 9 October 2025 is before the meeting began (10 October 2025). An action decided at the meeting falls due after it.');
    assert.equal(dueDateProblem('2025-10-10', meeting, 'en'), null, 'the first day itself');
    assert.equal(dueDateProblem(null, meeting, 'en'), null);
    assert.equal(
      dueDateProblem('2025-10-01', meeting, 'fr'),
      'Échéance\u202f: le 1er octobre 2025 précède le début de la réunion (10 octobre 2025). Une action décidée en réunion arrive à échéance après celle-ci.',
    );
  });
});

for (const engine of testEngines()) {
  describe(`action due dates and draft minutes on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    const api = () => `/api/v1/activities/${activity.acronym}/meetings/1/outcomes`;
    const page = (n: number) => `/activities/${activity.acronym}/meetings/${n}/minutes`;

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
      await createMeeting(t.db, systemActor('test'), activity.id, meetingFields(), ctx);
      const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      await createMeeting(t.db, systemActor('test'), activity.id, meetingFields({ title: 'Second meeting', startDate: soon, endDate: soon }), ctx);
    });
    after(() => t.close());

    it('refuses an action due before the meeting, through the API and the minutes editor, naming the field', async () => {
      const early = await secretariat.api('POST', `${api()}/actions`, { text: 'Update the roadmap', ownerName: 'TSB', dueOn: '2025-10-01' });
      assert.equal(early.statusCode, 422, early.body);
      assert.equal(early.json().error.details.fields.dueOn, 'Due date: 1 October 2025 is before the meeting began (9 October 2025). An action decided at the meeting falls due after it.');
      const form = await secretariat.get(page(1));
      const typed = { ...formFieldsOf(form.body, 'minutes-editor'), 'new-action-general-text': 'Update the roadmap', 'new-action-general-ownerName': 'TSB', 'new-action-general-due': '2025-10-01' };
      const refused = await secretariat.post(page(1), typed);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.match(refused.body, /id="error-new-action-general-due"/);
      assert.match(refused.body, /Due date: 1 October 2025 is before the meeting began/);
      const accepted = await secretariat.api('POST', `${api()}/actions`, { text: 'Update the roadmap', ownerName: 'TSB', dueOn: '2025-11-30' });
      assert.equal(accepted.statusCode, 201, accepted.body);
      const moved = await secretariat.api('PATCH', `${api()}/actions/${accepted.json().id}`, { text: 'Update the roadmap', ownerName: 'TSB', dueOn: '2025-09-30' });
      assert.equal(moved.statusCode, 422, moved.body);
    });

    it('marks the minutes of a meeting that has not ended as a draft, and not those of a held one', async () => {
      const upcoming = await secretariat.get(page(2));
      assert.match(upcoming.body, /<strong>Draft: the meeting ends on [^<]+\. Until then these minutes are a draft\.<\/strong>/);
      const held = await secretariat.get(page(1));
      assert.ok(!held.body.includes('Until then these minutes are a draft'));
      const french = await new TestClient(t.app).get(page(2), { 'accept-language': 'fr' });
      assert.match(french.body, /Projet\u202f: la réunion se termine le /);
    });
  });
}
