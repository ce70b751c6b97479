// Finding and adding, in a real browser with JavaScript off, at desktop and phone width (capture): a search with a
// typo that finds the entry and says "Did you mean"; an entry already in the register added to a second roadmap; and
// opening a meeting's registration, which offers the announcement to the list with the meeting's .ics attached.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';
import { runDueJobs } from '../../src/platform/jobs.ts';
import { mailOutbox } from '../../src/platform/schema.ts';
import { jobHandlers } from '../support/jobs.ts';

const unavailable = browserUnavailable();

describe('finding and adding in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let page: Page;

  before(async () => {
    run = await startBrowserApp();
    page = await run.signedIn('secretariat@example.org');
  });
  after(async () => {
    await run?.close();
  });

  test('a search with a typo finds the entry and says "Did you mean", in English and in French', async () => {
    await page.goto('/activities/JCA-QKDN/roadmap');
    assert.equal(await page.getByLabel('Sort by').inputValue(), 'relevance', 'the sort box starts on relevance');
    await page.getByLabel('Search the roadmap').fill('key managment');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const suggestion = page.locator('.suggestion');
    await assert.doesNotReject(suggestion.getByText('Did you mean').waitFor());
    assert.equal(await suggestion.getByRole('link').textContent(), 'key management');
    assert.ok((await page.locator('.results tbody tr').count()) > 0, 'the corrected words find entries');
    await capture(page, 'roadmap-search-typo');
    await suggestion.getByRole('link').click();
    assert.equal(new URL(page.url()).searchParams.get('q'), 'key management');
    assert.equal(await page.locator('.suggestion').count(), 0, 'the corrected words need no suggestion');

    await page.goto('/activities/JCA-QKDN/roadmap?q=y3800');
    await assert.doesNotReject(page.locator('.suggestion').getByRole('link', { name: 'Y.3800' }).waitFor());
    await assert.doesNotReject(page.locator('.results tbody').getByRole('link', { name: 'Y.3800', exact: true }).waitFor());

    await page.getByRole('button', { name: 'Change' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.goto('/activities/JCA-QKDN/roadmap?q=key+managment');
    await assert.doesNotReject(page.locator('.suggestion').getByText('Vouliez-vous dire').waitFor());
    await capture(page, 'roadmap-search-typo-fr');
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('button', { name: 'Changer' }).click();
  });

  test('an entry already in the register is added to a second roadmap', async () => {
    // The add form of JCA-MV answers "already in the register" and offers to include the QKD roadmap's entry.
    await page.goto('/activities/JCA-MV/roadmap/new');
    await assert.doesNotReject(page.locator('select#field-groupId optgroup[label="ISO/IEC JTC 1"]').waitFor({ state: 'attached' }));
    assert.ok((await page.locator('select#field-groupId option', { hasText: 'SC 42' }).count()) > 0, 'JTC 1 SC 42 is among the groups');
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'ITU-T' });
    await page.getByLabel('Identifier', { exact: true }).fill('Y.3800');
    await page.getByLabel('Title', { exact: true }).fill('Overview on networks supporting QKD');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await assert.doesNotReject(page.getByText(/already in the register/).first().waitFor());
    await capture(page, 'roadmap-include-existing');
    await page.getByRole('button', { name: 'Include Y.3800 in this roadmap' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('The entry is now in the roadmap of JCA-MV.').waitFor());
    const roadmaps = await page.locator('main ul').first().allTextContents();
    assert.match(roadmaps.join(' '), /JCA-MV/);
    assert.match(roadmaps.join(' '), /JCA-QKDN/);
    await capture(page, 'roadmap-entry-two-roadmaps');
  });

  test('opening registration offers the announcement, which mails the list with the meeting’s .ics', async () => {
    await page.goto('/activities/JCA-QKDN/meetings/new');
    await page.getByLabel('Title', { exact: true }).fill('Fifth meeting of JCA-QKDN');
    await page.getByLabel('Start date', { exact: true }).fill('2027-06-14');
    await page.getByLabel('Start time', { exact: true }).fill('09:30');
    await page.getByLabel('End date', { exact: true }).fill('2027-06-15');
    await page.getByLabel('End time', { exact: true }).fill('17:00');
    await page.getByLabel('Time zone (IANA, such as Europe/Zurich)').fill('Europe/Zurich');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.getByRole('button', { name: 'Announce and open registration' }).click();
    assert.match(new URL(page.url()).pathname, /^\/activities\/JCA-QKDN\/meetings\/\d+\/announcement$/);
    const subject = await page.getByLabel('Subject').inputValue();
    assert.match(subject, /^JCA-QKDN meeting \d+: Fifth meeting of JCA-QKDN — registration open$/);
    assert.match(await page.getByLabel('Message').inputValue(), /Register: http/);
    assert.equal(await page.getByLabel(/Attach the meeting’s calendar/).isChecked(), true);
    await capture(page, 'meeting-announcement');
    await page.getByRole('button', { name: 'Send the announcement' }).click();
    assert.match(new URL(page.url()).pathname, /^\/activities\/JCA-QKDN\/mailing-list\/announcements\/\d+$/);
    const attachment = page.getByRole('link', { name: /^JCA-QKDN-meeting-\d+\.ics$/ });
    await assert.doesNotReject(attachment.waitFor());
    await capture(page, 'meeting-announcement-sent');

    // The list's fan-out puts one mail per subscriber in the outbox, each carrying the calendar.
    await runDueJobs(run.testApp.db, jobHandlers, { config: run.testApp.config });
    const mails = await run.testApp.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'announcement'), eq(mailOutbox.subject, `[JCA-QKDN] ${subject}`)));
    assert.ok(mails.length > 0, 'the list is mailed');
    for (const mail of mails) assert.match(mail.attachments.map((a) => a.fileName).join(), /^JCA-QKDN-meeting-\d+\.ics$/);
  });
});
