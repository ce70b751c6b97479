// Circulars in a real browser: the secretariat enters the facts a circular needs, writes the JCA-MV circular in
// French (what the records lack listed first), downloads its PDF, and checks a hand-written draft whose acronym is
// wrong, seeing the finding on its line. Each page at desktop and phone width.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp } from './support.ts';

const unavailable = browserUnavailable();
const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/circulars/${name}`, import.meta.url));

describe('circulars in the browser', { skip: unavailable, timeout: 120_000 }, () => {
  let run: BrowserApp;

  before(async () => {
    run = await startBrowserApp();
  });
  after(async () => {
    await run?.close();
  });

  test('the secretariat enters the circular facts and writes the JCA-MV circular in French, then downloads its PDF', async () => {
    const page = await run.signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-MV/documents');
    await page.getByRole('link', { name: 'Circulars' }).click();
    await page.getByRole('link', { name: 'Circular facts' }).click();
    await page.getByLabel('Parent group’s meeting: first day').fill('2025-05-26');
    await page.getByLabel('Parent group’s meeting: last day').fill('2025-05-30');
    await page.getByLabel('Signed by').fill('Seizo Onoe');
    await page.getByLabel('Telephone').fill('+41 22 730 6301');
    await capture(page, 'circular-facts');
    await page.getByRole('button', { name: 'Save the facts' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('The circular facts are saved.').waitFor());

    await page.goto('/activities/JCA-MV/circulars');
    await page.locator('main form').getByLabel('Language').selectOption({ label: 'French' });
    await page.getByLabel('Meeting it convenes').selectOption({ label: '1. First meeting of JCA-MV' });
    await page.getByLabel('TSB circular number').fill('60');
    await page.getByLabel('Date of the letter').fill('2025-07-03');
    await page.getByRole('button', { name: 'Write the circular' }).click();
    await assert.doesNotReject(page.getByRole('alert').getByText('le mandat en français').first().waitFor());
    const letter = page.locator('article.letter');
    await assert.doesNotReject(letter.getByText('Circulaire TSB 60').waitFor());
    await assert.doesNotReject(letter.getByText(/À sa réunion du 26 au 30 mai 2025/).waitFor());
    await capture(page, 'circular-draft-fr');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'PDF' }).click();
    assert.equal((await download).suggestedFilename(), 'JCA-MV-circular-60-fr-draft.pdf');
  });

  test('a chair checks a hand-written draft with a wrong acronym and sees the finding on its line', async () => {
    const page = await run.signedIn('cochair@example.org');
    await page.goto('/activities/JCA-MV/circulars/check');
    const draft = fixture('mv-fr.txt').toString().replace('première réunion de la JCA-MV', 'première réunion de la JCA-MW');
    await page.getByLabel('Draft circular').setInputFiles({ name: 'circulaire-60.txt', mimeType: 'text/plain', buffer: Buffer.from(draft) });
    await page.getByLabel('Meeting it convenes').selectOption({ label: '1. First meeting of JCA-MV' });
    await page.getByRole('button', { name: 'Check the draft' }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: 'Findings in circulaire-60.txt' }).waitFor());
    const row = page.locator('tr.finding-error', { hasText: 'The acronym is written “JCA-MW”' });
    await assert.doesNotReject(row.waitFor());
    assert.match(await row.locator('td').first().innerText(), /^line \d+$/);
    await capture(page, 'circular-check-findings');
  });
});
