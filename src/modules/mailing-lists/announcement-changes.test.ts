// Taking an announcement back, through the app on both engines: a correction goes to the list and the archive shows
// the corrected text marked "Corrected on …"; a withdrawal takes it out of the public archive (and its history) and
// leaves it, marked with the reason, to those who send; members, observers and strangers may do neither.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { mailOutbox } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { announcements } from './schema.ts';

for (const engine of testEngines()) {
  describe(`taking announcements back on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let observer: TestClient;
    let stranger: TestClient;
    let anonymous: TestClient;
    let memberEmail: string;
    const api = () => `/api/v1/activities/${activity.acronym}/mailing-list/announcements`;
    const page = (id: number) => `/activities/${activity.acronym}/mailing-list/announcements/${id}`;
    const runJobs = () => runDueJobs(t.db, jobHandlers, { config: t.config });
    const announce = async (subject: string, text: string) => {
      const sent = await secretariat.api('POST', api(), { subject, text, html: true });
      assert.equal(sent.statusCode, 201, sent.body);
      await runJobs();
      return sent.json() as { id: number };
    };
    const mailsTo = async (address: string) =>
      (await t.db.select({ subject: mailOutbox.subject, text: mailOutbox.textBody }).from(mailOutbox).where(eq(mailOutbox.recipient, address)).orderBy(asc(mailOutbox.id))).filter((m) =>
        m.subject.startsWith(`[${activity.acronym}]`),
      );

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' })).cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
      const memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id });
      memberEmail = memberUser.user.email;
      member = new TestClient(t.app, memberUser.cookie);
      observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: activity.id })).cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      anonymous = new TestClient(t.app);
    });
    after(() => t.close());

    it('corrects a sent announcement: the correction is mailed, and the archive shows the corrected text marked “Corrected on …”', async () => {
      const { id } = await announce('Second meeting', 'The meeting starts at 10:00 Geneva time.');
      for (const client of [member, observer, stranger]) {
        assert.equal((await client.get(`${page(id)}/correct`)).statusCode, 403);
        assert.equal((await client.api('POST', `${api()}/${id}/corrections`, { text: 'x' })).statusCode, 403);
      }
      assert.equal((await anonymous.api('POST', `${api()}/${id}/corrections`, { text: 'x' })).statusCode, 401);
      const blank = await secretariat.post(`${page(id)}/correct`, { text: '' });
      assert.equal(blank.statusCode, 422);
      assert.match(blank.body, /id="error-text"/);

      const form = await chair.get(`${page(id)}/correct`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /The meeting starts at 10:00 Geneva time\.<\/textarea>/, 'the form starts from the text as sent');
      const corrected = await chair.post(`${page(id)}/correct`, { text: 'The meeting starts at 14:00 Geneva time.', html: 'on' });
      assert.equal(corrected.statusCode, 303, corrected.body);
      assert.equal(corrected.headers.location, page(id));
      await runJobs();
      const mails = await mailsTo(memberEmail);
      assert.deepEqual(
        mails.map((m) => m.subject),
        [`[${activity.acronym}] Second meeting`, `[${activity.acronym}] Correction: Second meeting`],
      );
      assert.match(mails[1]!.text, /^The meeting starts at 14:00 Geneva time\./);

      const shown = await anonymous.get(page(id));
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<strong>Corrected on [^<]+\.<\/strong>/);
      const [corrected14, first10] = [shown.body.indexOf('14:00 Geneva time'), shown.body.indexOf('10:00 Geneva time')];
      assert.ok(corrected14 > 0 && first10 > corrected14, 'the corrected text first, the first text beneath');
      assert.match(shown.body, /<summary>Text as first sent<\/summary>/);
      const archive = await anonymous.get(`/activities/${activity.acronym}/mailing-list`);
      assert.ok(!archive.body.includes('Correction: Second meeting'), 'the correction is not listed apart');
      assert.match(archive.body, /Second meeting<\/a><span class="muted"> Corrected on /);
      const listed = ((await anonymous.api('GET', api())).json() as { announcements: { id: number; correctedAt: string | null }[] }).announcements.find((a) => a.id === id);
      assert.ok(listed?.correctedAt, 'the API says when it was corrected');

      const french = await anonymous.get(page(id), { 'accept-language': 'fr' });
      assert.match(french.body, /Rectifié le /);
      const history = await anonymous.get(`/activities/${activity.acronym}/history`);
      assert.match(history.body, /Announcement “Second meeting” corrected by [^:<]+: the correction was sent to the list/);
    });

    it('withdraws an announcement from the public archive; those who send still see it, marked with the reason', async () => {
      const { id } = await announce('Wrong venue', 'The meeting is in Lyon.');
      for (const client of [member, observer, stranger]) {
        assert.equal((await client.post(`${page(id)}/withdraw`, { reason: 'no' })).statusCode, 403);
        assert.equal((await client.api('POST', `${api()}/${id}/withdrawal`, { reason: 'no' })).statusCode, 403);
      }
      const noReason = await secretariat.post(`${page(id)}/withdraw`, { reason: '' });
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /id="error-reason"/);
      const withdrawn = await secretariat.post(`${page(id)}/withdraw`, { reason: 'Sent to the wrong list.' });
      assert.equal(withdrawn.statusCode, 303, withdrawn.body);

      for (const client of [anonymous, stranger, member]) {
        assert.equal((await client.get(page(id))).statusCode, 404, 'gone from the archive');
        assert.equal((await client.api('GET', `${api()}/${id}`)).statusCode, 404);
        assert.ok(!(await client.get(`/activities/${activity.acronym}/mailing-list`)).body.includes('Wrong venue'));
        assert.ok(!(await client.get(`/activities/${activity.acronym}/history`)).body.includes('Wrong venue'), 'nor in the history');
      }
      const kept = await chair.get(page(id));
      assert.equal(kept.statusCode, 200);
      assert.match(kept.body, /<strong>Withdrawn\.<\/strong> Withdrawn from the archive on [^<]+ by Sam Secretariat: Sent to the wrong list\./);
      assert.ok(!kept.body.includes(`${page(id)}/correct"`), 'a withdrawn announcement is not corrected');
      assert.match((await secretariat.get(`/activities/${activity.acronym}/mailing-list`)).body, /Wrong venue<\/a> <span class="pill announcement-withdrawn">Withdrawn<\/span>/);
      const again = await secretariat.api('POST', `${api()}/${id}/withdrawal`, { reason: 'Again' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.message, 'This announcement has already been withdrawn.');
      const correcting = await secretariat.api('POST', `${api()}/${id}/corrections`, { text: 'Geneva' });
      assert.equal(correcting.statusCode, 409);
      assert.match((await secretariat.get(`/activities/${activity.acronym}/history`)).body, /Announcement “Wrong venue” withdrawn from the archive by [^:<]+: Sent to the wrong list\./);
    });

    it('an announcement withdrawn before it went out is mailed to nobody', async () => {
      const sent = await secretariat.api('POST', api(), { subject: 'Not yet', text: 'Draft by mistake.' });
      const { id } = sent.json() as { id: number };
      const withdrawn = await secretariat.api('POST', `${api()}/${id}/withdrawal`, { reason: 'Sent by mistake.' });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal(withdrawn.json().withdrawalReason, 'Sent by mistake.');
      await runJobs();
      const [row] = await t.db.select({ status: announcements.status, recipients: announcements.recipientCount }).from(announcements).where(eq(announcements.id, id));
      assert.deepEqual(row, { status: 'sent', recipients: 0 });
      assert.ok(!(await mailsTo(memberEmail)).some((m) => m.subject.includes('Not yet')));
    });
  });
}
