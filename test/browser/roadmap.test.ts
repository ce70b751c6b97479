// The roadmap journey in a real browser with JavaScript off: the secretariat imports a CSV with a bad row, reads the
// error, fixes the file and imports it, searches the roadmap, and opens the timeline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const header = 'org,identifier,title,status,year,topic,url\n';
const rows = (status: string) =>
  `${header}ITU-T,Y.3830,Quantum-safe migration framework for QKD networks,${status},2026,quantum-safe migration,https://www.itu.int/rec/T-REC-Y.3830\n` +
  'ETSI,GR QKD 019,Design of quantum-safe hybrid key exchanges,in-development,,quantum-safe migration,\n';

describe('roadmap flow in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    run = await startBrowserApp();
    context = await run.newContext();
    page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill('secretariat@example.org');
    await page.getByLabel('Password').fill('concord-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
  });

  after(async () => {
    await run?.close();
  });

  const upload = async (text: string) => {
    await page.goto('/activities/JCA-QKDN/roadmap');
    await page.getByRole('link', { name: 'Import a file' }).click();
    await page.getByLabel('File').setInputFiles({ name: 'qkd-additions.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Check the file' }).click();
  };

  test('a file with a bad row is refused with the line, the column and what is wrong', async () => {
    await upload(rows('almost done'));
    const alert = page.getByRole('alert');
    await assert.doesNotReject(alert.getByText('1 problem: fix it in the file and check it again. Nothing has been imported.').waitFor());
    const cells = await alert.locator('tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 2), ['2', 'status']);
    assert.match(cells[2] ?? '', /^“almost done” is not a status\. Use one of: planned, in development, approved, published, superseded, withdrawn\.$/);
    assert.equal(await page.getByRole('button', { name: 'Import now' }).count(), 0);
    await capture(page, 'roadmap-import-error');
  });

  test('the fixed file shows what it would add, and imports on confirmation', async () => {
    await upload(rows('published'));
    assert.equal(await page.getByRole('alert').count(), 0);
    await assert.doesNotReject(page.locator('.plan-counts').getByText('2 new', { exact: true }).waitFor());
    await page.getByRole('button', { name: 'Import now' }).click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-QKDN/roadmap');
    await assert.doesNotReject(page.getByRole('status').getByText('Import done: 2 new entries, 0 changed or taken from other roadmaps.').waitFor());
    await assert.doesNotReject(page.getByText('72 entries').waitFor());
  });

  test('search finds the new entries, and a facet narrows them', async () => {
    await page.getByLabel('Search the roadmap').fill('quantum-safe');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    assert.match(page.url(), /[?&]q=quantum-safe/);
    const identifiers = await page.locator('.results tbody tr td:first-child').allTextContents();
    assert.ok(identifiers.includes('Y.3830') && identifiers.includes('GR QKD 019'), identifiers.join(', '));
    await page.getByRole('group', { name: 'Status' }).getByLabel(/^In development/).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    const narrowed = await page.locator('.results tbody tr td:first-child').allTextContents();
    assert.ok(narrowed.includes('GR QKD 019') && !narrowed.includes('Y.3830'), narrowed.join(', '));
    assert.deepEqual([...new Set(await page.locator('.results tbody tr .status').allTextContents())], ['In development']);
    await capture(page, 'roadmap-search');
  });

  test('the timeline shows the roadmap as a picture, grouped by organization', async () => {
    await page.goto('/activities/JCA-QKDN/roadmap');
    await page.getByRole('link', { name: 'Timeline' }).click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-QKDN/roadmap/timeline');
    const chart = page.locator('svg[role="img"]').first();
    await assert.doesNotReject(chart.waitFor());
    const text = await chart.textContent();
    assert.match(text ?? '', /Y\.3830/);
    assert.match(text ?? '', /ETSI/);
    await capture(page, 'roadmap-timeline');
  });
});
