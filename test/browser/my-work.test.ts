// My work and the reader's time zone in a real browser with JavaScript off: a member opens My work from the
// navigation, chooses a time zone on My account from the grouped list, and sees a meeting on the venue's clock and on
// their own; the activity's overview shows what is happening. Each page is captured at desktop and phone width.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();

describe('my work and the time zone in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;

  before(async () => {
    run = await startBrowserApp();
  });

  after(async () => {
    await run?.close();
  });

  test('a member sets a time zone and sees a meeting time in it', async () => {
    const page = await run.signedIn('member@example.org');
    await page.goto('/activities');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
    assert.equal(new URL(page.url()).pathname, '/my-work');
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'My work' }).waitFor());
    await assert.doesNotReject(page.getByText(/You have not chosen a time zone: times are shown in UTC/).waitFor());
    await capture(page, 'my-work');

    await page.getByRole('link', { name: 'Choose your time zone' }).click();
    assert.equal(new URL(page.url()).pathname, '/account');
    const zone = page.getByLabel('Time zone');
    await zone.selectOption({ label: 'New York — America/New_York' });
    await capture(page, 'account-time-zone');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await assert.doesNotReject(page.getByRole('status').getByText('Saved.').waitFor());
    assert.equal(await page.getByLabel('Time zone').inputValue(), 'America/New_York');

    await page.goto('/activities/JCA-MV/meetings/2');
    await assert.doesNotReject(page.getByText('10 Feb 2027, 14:00 – 16:00 CET (Europe/Zurich)').waitFor());
    await assert.doesNotReject(page.getByText(/^10 Feb 2027, 08:00 – 10:00 (GMT-5|EST)$/).waitFor());
    await assert.doesNotReject(page.getByText('In America/New_York', { exact: true }).first().waitFor());
    await capture(page, 'meeting-reader-zone');

    await page.goto('/activities/JCA-MV');
    await assert.doesNotReject(page.getByRole('heading', { level: 2, name: 'What is happening' }).waitFor());
    await assert.doesNotReject(page.getByRole('link', { name: 'Meeting 2: Second meeting of JCA-MV' }).waitFor());
    await capture(page, 'activity-overview');

    await page.goto('/my-work');
    await assert.doesNotReject(page.getByText('Times are shown in America/New_York.').waitFor());
  });
});
