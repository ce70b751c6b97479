// The minutes editor in a real browser. With JavaScript off: the secretariat types the minutes of three items of the
// upcoming JCA-MV meeting and a decision under one of them, and saves them with one button; then, while the co-chair
// saves item 1 from another browser, the secretariat's stale save is refused with what was typed kept and the
// co-chair's version shown. With JavaScript on: leaving the page with unsaved changes asks first, saving does not.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, type BrowserApp, capture, desktop, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const minutes = '/activities/JCA-MV/meetings/2/minutes';

describe('the minutes editor in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  const contexts: BrowserContext[] = [];

  const signIn = async (page: Page, email: string) => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('concord-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const signedIn = async (email: string, javaScript = false): Promise<Page> => {
    const context = javaScript ? await run.browser.newContext({ baseURL: run.baseUrl, viewport: desktop, locale: 'en-GB' }) : await run.newContext();
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email);
    return page;
  };
  const item = (page: Page, n: number) => page.locator('textarea[name^="minutes-"]').nth(n);
  const flash = (page: Page, text: string) => page.getByRole('status').getByText(text, { exact: true }).waitFor();

  before(async () => {
    run = await startBrowserApp();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await run?.close();
  });

  test('the secretariat types the minutes of three items and a decision, and saves them all at once', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto(minutes);
    await assert.doesNotReject(page.getByRole('button', { name: 'Save minutes, decisions and actions' }).waitFor());
    assert.equal(await page.getByRole('button', { name: /Save/ }).count(), 1, 'one save button for the whole page');
    await item(page, 0).fill('The co-chair opened the meeting and welcomed the participants.');
    await item(page, 1).fill('The agenda was adopted as issued.');
    await item(page, 2).fill('The secretariat reported on the documents received.');
    await page.locator('details.editor-additions').nth(2).locator('summary').click();
    await page.locator('textarea[name^="new-decision-"]').nth(2).fill('The report of the secretariat was noted.');
    await capture(page, 'minutes-editor-typed');
    await page.getByRole('button', { name: 'Save minutes, decisions and actions' }).click();
    assert.equal(new URL(page.url()).pathname, minutes);
    await assert.doesNotReject(flash(page, 'Saved: minutes of 3 items, 1 new decision.'));
    assert.deepEqual(await Promise.all([0, 1, 2].map((n) => item(page, n).inputValue())), [
      'The co-chair opened the meeting and welcomed the participants.',
      'The agenda was adopted as issued.',
      'The secretariat reported on the documents received.',
    ]);
    await assert.doesNotReject(page.getByLabel('Decision D1').waitFor());
    assert.equal(await page.getByLabel('Decision D1').inputValue(), 'The report of the secretariat was noted.');
    await capture(page, 'minutes-editor-saved');

    // A reader sees the same minutes, without any form.
    const reader = await run.newContext();
    contexts.push(reader);
    const readerPage = await reader.newPage();
    await readerPage.goto(minutes);
    await assert.doesNotReject(readerPage.getByText('The agenda was adopted as issued.').waitFor());
    await assert.doesNotReject(readerPage.getByText('The report of the secretariat was noted.').first().waitFor());
    assert.equal(await readerPage.locator('textarea').count(), 0);
  });

  test('a save over the co-chair’s save in between is refused, with the typed text kept and theirs shown', async () => {
    const secretariat = await signedIn('secretariat@example.org');
    const cochair = await signedIn('cochair@example.org');
    await secretariat.goto(minutes);
    await cochair.goto(minutes);
    await item(cochair, 0).fill('Opened by the co-chair at 14:00 CET.');
    await cochair.getByRole('button', { name: 'Save minutes, decisions and actions' }).click();
    await assert.doesNotReject(flash(cochair, 'Saved: minutes of 1 item.'));

    await item(secretariat, 0).fill('Opened at 14:05 CET after a short delay.');
    await item(secretariat, 3).fill('Minutes of the fourth item, typed meanwhile.');
    await secretariat.getByRole('button', { name: 'Save minutes, decisions and actions' }).click();
    await assert.doesNotReject(secretariat.getByText('Nothing was saved: one part was changed by someone else while you were editing.', { exact: false }).waitFor());
    assert.equal(await item(secretariat, 0).inputValue(), 'Opened at 14:05 CET after a short delay.');
    assert.equal(await item(secretariat, 3).inputValue(), 'Minutes of the fourth item, typed meanwhile.');
    await assert.doesNotReject(secretariat.locator('.their-version').getByText('Opened by the co-chair at 14:00 CET.').waitFor());
    await capture(secretariat, 'minutes-editor-conflict');

    // Merged and saved again: it goes through, the fourth item with it.
    await item(secretariat, 0).fill('Opened by the co-chair at 14:00 CET; the meeting started at 14:05 after a short delay.');
    await secretariat.getByRole('button', { name: 'Save minutes, decisions and actions' }).click();
    await assert.doesNotReject(flash(secretariat, 'Saved: minutes of 2 items.'));
    await cochair.goto(minutes);
    assert.equal(await item(cochair, 0).inputValue(), 'Opened by the co-chair at 14:00 CET; the meeting started at 14:05 after a short delay.');
    assert.equal(await item(cochair, 3).inputValue(), 'Minutes of the fourth item, typed meanwhile.');
  });

  test('with JavaScript, leaving with unsaved changes asks first; saving does not', async () => {
    const page = await signedIn('secretariat@example.org', true);
    await page.goto(minutes);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    // Leaving untouched: no question.
    await page.getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.waitForURL('**/agenda');
    assert.deepEqual(dialogs, []);
    await page.goto(minutes);
    await item(page, 4).click();
    await page.keyboard.type('Typed but not saved.');
    await page.getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.waitForTimeout(500);
    assert.deepEqual(dialogs, ['beforeunload']);
    assert.equal(new URL(page.url()).pathname, minutes, 'dismissing the question keeps the page and what was typed');
    assert.equal(await item(page, 4).inputValue(), 'Typed but not saved.');
    await page.getByRole('button', { name: 'Save minutes, decisions and actions' }).click();
    await assert.doesNotReject(flash(page, 'Saved: minutes of 1 item.'));
    assert.deepEqual(dialogs, ['beforeunload'], 'saving asks nothing');
  });
});
