// Adopting an agenda in a real browser with JavaScript off: the secretariat builds and edits the agenda of the upcoming
// JCA-MV meeting (a sub-item, a new item moved up, notes) and issues it; the co-chair adopts it; then anyone sees the
// adopted agenda, and can download it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const agenda = '/activities/JCA-MV/meetings/2/agenda';

describe('adopting an agenda in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  const contexts: BrowserContext[] = [];

  const signedIn = (email: string): Promise<Page> => run.signedIn(email);
  const flash = (page: Page, text: string) => page.getByRole('status').getByText(text, { exact: true }).waitFor();
  const workingNumbers = (page: Page) => page.locator('ol.agenda-working li > .agenda-number').allTextContents();
  const workingTitles = (page: Page) => page.locator('ol.agenda-working li > .agenda-title').allTextContents();

  before(async () => {
    run = await startBrowserApp();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await run?.close();
  });

  test('the secretariat adds a sub-item and an item, moves and edits them, and issues a new version', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto(agenda);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Draft agenda of the 2nd JCA-MV meeting' }).waitFor());
    assert.equal((await workingTitles(page)).length, 15, 'the upcoming meeting starts from the 15-item JCA-MV template');

    // A sub-item under 7, from the item's own link.
    await page.getByRole('link', { name: 'Add a sub-item (7)' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Metaverse Standards Forum: report of its working groups');
    await page.getByRole('button', { name: 'Add a sub-item' }).click();
    await assert.doesNotReject(flash(page, 'Item added.'));

    // A new last item, moved up above "Closing".
    await page.getByLabel('Under').selectOption({ label: 'Top level (a new numbered item)' });
    await page.getByLabel('Title', { exact: true }).fill('Demonstration of the ITU metaverse testbed');
    await page.getByRole('button', { name: 'Add an item' }).click();
    await assert.doesNotReject(flash(page, 'Item added.'));
    await page.getByRole('button', { name: 'Move item 16 up' }).click();
    await assert.doesNotReject(flash(page, 'Item moved.'));
    const numbers = await workingNumbers(page);
    const titles = await workingTitles(page);
    assert.deepEqual(
      numbers.map((n, i) => `${n} ${titles[i]}`).filter((line) => /^(7\.1|15|16) /.test(line)),
      ['7.1 Metaverse Standards Forum: report of its working groups', '15 Demonstration of the ITU metaverse testbed', '16 Closing'],
    );

    // Notes on the sub-item, through its edit page.
    await page.getByRole('link', { name: 'Edit item 7.1' }).click();
    await page.getByLabel('Notes', { exact: false }).first().fill('Presented by the MSF liaison representative.');
    await page.getByRole('button', { name: 'Save' }).click();
    await assert.doesNotReject(flash(page, 'Item saved.'));
    await assert.doesNotReject(page.getByText('The working agenda has changes not yet in version 1: issue a new version to publish them.').first().waitFor());
    await capture(page, 'agenda-working');

    await page.getByLabel('Note (what changed)').fill('MSF report and testbed demonstration added');
    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    await assert.doesNotReject(flash(page, 'Version 2 issued as a draft.'));
    assert.equal(await page.getByRole('button', { name: /^Adopt version/ }).count(), 0, 'the secretariat does not adopt');
  });

  test('a member cannot edit the agenda', async () => {
    const page = await signedIn('member@example.org');
    await page.goto(agenda);
    assert.equal(await page.getByRole('heading', { name: 'Working agenda' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Move item/ }).count(), 0);
    const response = await page.goto(`${agenda}/items/new`);
    assert.equal(response?.status(), 403);
  });

  test('the co-chair adopts the latest version', async () => {
    const page = await signedIn('cochair@example.org');
    await page.goto(agenda);
    await assert.doesNotReject(page.getByText('Version 2 is the latest draft. Adopting it makes it the meeting’s agenda.').waitFor());
    await page.getByRole('button', { name: 'Adopt version 2' }).click();
    await assert.doesNotReject(flash(page, 'Version 2 adopted.'));
  });

  test('anyone then reads the adopted agenda and can download it', async () => {
    const context = await run.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(agenda);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Agenda of the 2nd JCA-MV meeting' }).waitFor());
    await assert.doesNotReject(page.getByText('Adopted by Shin-Gak Kang', { exact: false }).waitFor());
    const published = page.locator('section[aria-labelledby="published-agenda"]');
    await assert.doesNotReject(published.getByText('Metaverse Standards Forum: report of its working groups').waitFor());
    await assert.doesNotReject(published.getByText('Presented by the MSF liaison representative.').waitFor());
    assert.equal(await page.getByRole('heading', { name: 'Working agenda' }).count(), 0, 'readers see no editing');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download (PDF)' }).click();
    assert.equal((await download).suggestedFilename(), 'JCA-MV-meeting-2-agenda-v2.pdf');
    await capture(page, 'agenda-adopted');
  });

  test('after the meeting the secretariat records minutes, a decision and an action, and releases the summary for TSAG', async () => {
    const page = await signedIn('secretariat@example.org');
    const meeting = '/activities/JCA-QKDN/meetings/1';
    await page.goto(`${meeting}/minutes`);
    // One editor for the whole meeting: the minutes of item 1, a general decision and action, saved at once.
    await page.getByLabel(/^Minutes of item 1: Opening/).fill('The chair, Mr Junsen Lai, opened the meeting and welcomed the participants.');
    const general = page.locator('section[aria-labelledby="general-heading"]');
    await general.locator('details.editor-additions > summary').click();
    await general.getByLabel('New decision (general)').fill('JCA-QKDN agreed to maintain the QKDN standardization roadmap.');
    await page.locator('textarea[name="new-action-general-text"]').fill('Update the roadmap with the ETSI ISG QKD work items');
    await page.locator('select[name="new-action-general-owner"]').selectOption({ label: 'Dana Secretariat' });
    await page.locator('input[name="new-action-general-due"]').fill('2023-06-30');
    await page.getByRole('button', { name: 'Save minutes, decisions and actions' }).click();
    await assert.doesNotReject(flash(page, 'Saved: minutes of 1 item, 1 new decision, 1 new action.'));
    await capture(page, 'meeting-minutes');

    await page.goto(`${meeting}/report`);
    await page.locator('#tsag-summary').getByRole('button', { name: 'Generate from the records' }).click();
    await assert.doesNotReject(flash(page, 'Executive summary for TSAG: draft generated from the records.'));
    const text = page.getByLabel('Text — Executive summary for TSAG');
    const generated = await text.inputValue();
    assert.match(generated, /^# Executive summary of the 1st meeting of JCA-QKDN/);
    assert.match(generated, /\n- D1: JCA-QKDN agreed to maintain the QKDN standardization roadmap\.\n/);
    assert.match(generated, /\n- A1\.1 \(Dana Secretariat, due 30 June 2023, open\): Update the roadmap with the ETSI ISG QKD work items/);
    await text.fill(`${generated}\n\n## Next meeting\n\nBy correspondence.`);
    await page.locator('#tsag-summary').getByRole('button', { name: 'Save the text' }).click();
    await assert.doesNotReject(flash(page, 'Text saved.'));
    const summary = page.locator('#tsag-summary');
    await summary.getByLabel('TSAG document number').fill('TSAG-TD123');
    await summary.getByRole('button', { name: 'Save', exact: true }).click();
    await assert.doesNotReject(flash(page, 'Saved.'));
    await page.getByRole('button', { name: 'Release the executive summary for tsag' }).click();
    await assert.doesNotReject(flash(page, 'Executive summary for TSAG released.'));
    // Released is not public until the secretariat says so, as for a document.
    await assert.doesNotReject(page.locator('#tsag-summary').getByText('Readable by members of the activity.').waitFor());
    await page.locator('#tsag-summary').getByLabel('Once released, readable by').selectOption('public');
    await page.locator('#tsag-summary').getByRole('button', { name: 'Save', exact: true }).click();
    await assert.doesNotReject(flash(page, 'Saved.'));

    const context = await run.newContext();
    contexts.push(context);
    const reader = await context.newPage();
    await reader.goto(`${meeting}/report`);
    await assert.doesNotReject(reader.getByText('By correspondence.').waitFor());
    await assert.doesNotReject(reader.getByText('Not released yet.').waitFor(), 'the meeting report itself is not released');
    await capture(reader, 'meeting-report');
  });
});
