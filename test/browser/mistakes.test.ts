// Taking mistakes back in a real browser with JavaScript off, at desktop and phone widths: the secretariat corrects a
// sent announcement and withdraws another, deletes a meeting created by mistake after a confirmation page, and finds
// the executive summary of a meeting that has not ended marked as a draft, with no release button.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { activities } from '../../src/modules/activities/schema.ts';
import { sendAnnouncement } from '../../src/modules/mailing-lists/announcements.ts';
import { createMeeting } from '../../src/modules/meetings/meetings.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();

describe('taking mistakes back in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;

  before(async () => {
    run = await startBrowserApp();
  });
  after(async () => {
    await run?.close();
  });

  test('the secretariat corrects a sent announcement; the archive shows the corrected text', async () => {
    const page = await run.signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-QKDN/mailing-list');
    await page.getByRole('link', { name: /^First meeting of JCA-QKDN/ }).click();
    await page.getByRole('link', { name: 'Correct it' }).click();
    const text = page.getByLabel('Corrected message');
    await text.fill(`${await text.inputValue()}\n\nCorrection: the meeting room is Popov.`);
    await capture(page, 'announcement-correct');
    await page.getByRole('button', { name: 'Send the correction' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText(/^The correction has been queued/).waitFor());
    await page.context().close();

    const visitor = await (await run.newContext()).newPage();
    await visitor.goto('/activities/JCA-QKDN/mailing-list');
    await visitor.getByRole('link', { name: /^First meeting of JCA-QKDN/ }).click();
    await assert.doesNotReject(visitor.getByText(/^Corrected on /).waitFor());
    await assert.doesNotReject(visitor.getByText('Correction: the meeting room is Popov.').first().waitFor());
    await capture(visitor, 'announcement-corrected');
    await visitor.context().close();
  });

  test('the secretariat withdraws an announcement sent by mistake; readers no longer find it', async () => {
    const [activity] = await run.testApp.db.select().from(activities).where(eq(activities.acronym, 'JCA-QKDN'));
    const sent = await sendAnnouncement(run.testApp.db, systemActor('TSB secretariat'), activity!.id, { subject: 'Sent to the wrong list', text: 'Oops.' }, [], {
      dataDir: run.testApp.config.dataDir,
      archiveOnly: { sentAt: new Date() },
    });
    const page = await run.signedIn('secretariat@example.org');
    await page.goto(`/activities/JCA-QKDN/mailing-list/announcements/${sent.id}`);
    await page.locator('details.withdraw > summary').click();
    await page.getByLabel('Reason').fill('Meant for the JCA-MV list.');
    await page.getByRole('button', { name: 'Withdraw from the archive' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('The announcement has been withdrawn from the archive.').waitFor());
    await assert.doesNotReject(page.getByText(/Withdrawn from the archive on .+: Meant for the JCA-MV list\./).waitFor());
    await capture(page, 'announcement-withdrawn');
    await page.context().close();

    const visitor = await (await run.newContext()).newPage();
    const response = await visitor.goto(`/activities/JCA-QKDN/mailing-list/announcements/${sent.id}`);
    assert.equal(response?.status(), 404);
    await visitor.goto('/activities/JCA-QKDN/mailing-list');
    assert.equal(await visitor.getByText('Sent to the wrong list').count(), 0);
    await visitor.context().close();
  });

  test('a meeting created by mistake is deleted after a confirmation page', async () => {
    const [activity] = await run.testApp.db.select().from(activities).where(eq(activities.acronym, 'JCA-QKDN'));
    const soon = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const draft = await createMeeting(
      run.testApp.db,
      systemActor('test'),
      activity!.id,
      { title: 'Duplicate of the next meeting', mode: 'virtual', timeZone: 'Europe/Zurich', startDate: soon, startTime: '13:00', endDate: soon, endTime: '15:00' },
      { locale: 'en', baseUrl: run.baseUrl },
    );
    const page = await run.signedIn('secretariat@example.org');
    await page.goto(`/activities/JCA-QKDN/meetings/${draft.number}`);
    await page.getByRole('link', { name: 'Delete this draft meeting' }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: `Delete meeting ${draft.number}: Duplicate of the next meeting?` }).waitFor());
    await capture(page, 'meeting-delete');
    await page.getByRole('button', { name: `Delete meeting ${draft.number}` }).click();
    await assert.doesNotReject(page.getByRole('status').getByText(`Meeting ${draft.number} deleted.`).waitFor());
    assert.equal((await page.goto(`/activities/JCA-QKDN/meetings/${draft.number}`))?.status(), 404);
    await page.context().close();
  });

  test('the summary of a meeting that has not ended is a draft, without a release button', async () => {
    const page = await run.signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-MV/meetings/2/report');
    await page.locator('#tsag-summary').getByRole('button', { name: 'Generate from the records' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Executive summary for TSAG: draft generated from the records.').waitFor());
    const text = await page.getByLabel('Text — Executive summary for TSAG').inputValue();
    assert.doesNotMatch(text, /was held/);
    await assert.doesNotReject(page.locator('#tsag-summary').getByText(/^Draft: the meeting ends on /).waitFor());
    assert.equal(await page.getByRole('button', { name: /^Release the executive summary/ }).count(), 0);
    await capture(page, 'report-draft');
    await page.context().close();
  });
});
