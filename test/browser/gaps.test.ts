// The gap journey in a real browser with JavaScript off: a member proposes a gap, the secretariat accepts it from its
// page and records the roadmap entry that addresses it, and the gap shows in the list with that progress. The
// landscape matrix offers the secretariat a link in its empty cells that opens a gap filled in from the cell.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const title = 'Interoperable key management interfaces between QKD vendors';

describe('gap flow in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let gapPath = '';

  const signedIn = (email: string): Promise<Page> => run.signedIn(email);

  before(async () => {
    run = await startBrowserApp();
  });

  after(async () => {
    await run?.close();
  });

  test('a member proposes a gap, which waits for the secretariat', async () => {
    const page = await signedIn('member@example.org');
    await page.goto('/activities/JCA-QKDN/gaps');
    await page.getByRole('link', { name: 'Propose a gap' }).click();
    // A proposal with no title comes back with the field named.
    await page.getByLabel('Description').fill('Key managers of different vendors cannot exchange keys: no interface is standardized.');
    await page.getByRole('button', { name: 'Propose' }).click();
    await assert.doesNotReject(page.getByRole('alert').getByRole('link', { name: 'Title: This field is required.' }).waitFor());
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Priority').selectOption({ label: 'High' });
    await page.getByLabel('Research needed').check();
    await page.getByLabel('Recommendation').fill('ETSI ISG QKD and ITU-T SG17 should start a joint work item.');
    await page.getByLabel('Bodies concerned').selectOption({ label: 'ETSI' });
    await capture(page, 'gap-propose-form');
    await page.getByRole('button', { name: 'Propose' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText(/^Gap G-\d+ proposed\. The secretariat and the chairs will decide on it\.$/).waitFor());
    gapPath = new URL(page.url()).pathname;
    assert.match(gapPath, /^\/activities\/JCA-QKDN\/gaps\/\d+$/);
    await assert.doesNotReject(page.getByRole('heading', { level: 2, name: new RegExp(`^G-\\d+: ${title} Proposed$`) }).waitFor());
    assert.equal(await page.getByRole('button', { name: 'Accept the gap' }).count(), 0, 'a member does not decide');
  });

  test('the secretariat accepts it from its page, records the entry that addresses it, and the list shows its progress', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto(gapPath);
    await capture(page, 'gap-proposal');
    await page.getByLabel('Comment').fill('Agreed at the meeting.');
    await page.getByRole('button', { name: 'Accept the gap' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Gap accepted.').waitFor());
    await assert.doesNotReject(page.getByRole('heading', { level: 2, name: new RegExp(`${title} Open$`) }).waitFor());
    const choice = page.getByLabel('Roadmap entry');
    const option = (await choice.locator('option').allTextContents()).find((label) => /^ETSI ETSI GS QKD /.test(label));
    assert.ok(option, 'the roadmap’s ETSI entries are offered');
    await choice.selectOption({ label: option });
    await page.getByLabel('Note').fill('Defines the key delivery interface.');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Entry added to the progress.').waitFor());
    const identifier = option.split(' — ')[0]!;
    await assert.doesNotReject(page.locator('#progress + .table-wrap').getByRole('link', { name: identifier }).waitFor());
    await capture(page, 'gap-page');

    await page.getByRole('link', { name: '← Gaps' }).click();
    const row = page.locator('.gap-list tbody tr', { hasText: title });
    await assert.doesNotReject(row.waitFor());
    assert.equal(await row.locator('.pill').textContent(), 'Open');
    assert.equal(await row.getByRole('link', { name: identifier }).count(), 1, 'the progress names the entry');
    await capture(page, 'gap-list');
  });

  test('an empty cell of the landscape matrix opens a gap filled in from its topic and body', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-QKDN/roadmap/matrix');
    const cell = page.locator('table.matrix td.matrix-gap a').first();
    await assert.doesNotReject(cell.waitFor());
    assert.equal(await cell.getAttribute('aria-label'), null);
    assert.equal(await cell.textContent(), '○No entry: open a gap');
    await cell.click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-QKDN/gaps/new');
    await assert.doesNotReject(page.getByText(/^Filled in from the landscape matrix: topic “.+”, no entry of .+\. Change anything before saving\.$/).waitFor());
    assert.notEqual(await page.getByLabel('Topic').inputValue(), '');
    assert.equal((await page.getByLabel('Bodies concerned').locator('option:checked').allTextContents()).length, 1);
    await capture(page, 'gap-from-matrix');
  });
});
