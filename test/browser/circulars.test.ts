// Circulars in a real browser: the secretariat enters the facts a circular needs, writes the JCA-MV circular in
// French from the records (the demo's French fields make it whole), keeps it, rewords a paragraph, issues it under
// TSB's number and finds the reworded text in the PDF; a chair checks a hand-written draft whose acronym is wrong,
// seeing the finding on its line. Each page at desktop and phone width.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { pdfText, pdfTextMissing } from '../support/pdf-text.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/circulars/${name}`, import.meta.url));

describe('circulars in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;

  before(async () => {
    run = await startBrowserApp();
  });
  after(async () => {
    await run?.close();
  });

  test('the secretariat writes the JCA-MV circular in French, keeps it, rewords a paragraph, issues it under its number and downloads the PDF', async () => {
    const page = await run.signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-MV/documents');
    await page.getByRole('link', { name: 'Circulars' }).click();
    await page.getByRole('link', { name: 'Circular facts' }).click();
    await page.getByLabel('Parent group’s meeting: first day').fill('2025-05-26');
    await page.getByLabel('Parent group’s meeting: last day').fill('2025-05-30');
    await page.getByLabel('Recommendation and clause (English)').fill('Recommendation ITU-T A.18');
    await page.getByLabel('Recommendation and clause (French)').fill('la Recommandation UIT-T A.18');
    await page.getByLabel('Signed by').fill('Seizo Onoe');
    await page.getByLabel('Signatory’s title (English)').fill('Director of the Telecommunication Standardization Bureau');
    await page.getByLabel('Signatory’s title (French)').fill('Directeur du Bureau de la normalisation des télécommunications');
    await page.getByLabel('Telephone').fill('+41 22 730 6301');
    await capture(page, 'circular-facts');
    await page.getByRole('button', { name: 'Save the facts' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('The circular facts are saved.').waitFor());

    // The demo's French fields (terms of reference, city, co-located meeting, agenda titles) make the letter whole.
    await page.goto('/activities/JCA-MV/circulars');
    await page.locator('main form').getByLabel('Language').selectOption({ label: 'French' });
    await page.getByLabel('Meeting it convenes').selectOption({ label: '1. First meeting of JCA-MV' });
    await page.getByLabel('TSB circular number').fill('60');
    await page.getByLabel('Date of the letter').fill('2025-07-03');
    await page.getByRole('button', { name: 'Write the circular' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Nothing is missing: every fact comes from the records.').waitFor());
    const letter = page.locator('article.letter');
    await assert.doesNotReject(letter.getByText(/À sa réunion du 26 au 30 mai 2025/).waitFor());
    await assert.doesNotReject(letter.getByText(/se tiendra à Genève le 9 octobre 2025/).waitFor());
    await assert.doesNotReject(letter.getByText(/^5 Examen du mandat$/).waitFor());
    await capture(page, 'circular-draft-fr');

    await page.getByRole('button', { name: 'Keep as a draft to edit and issue' }).click();
    await assert.doesNotReject(page.getByText('The draft is kept. Reword it below, in English and in French.').waitFor());
    const reworded = 'Le but de la JCA-MV, reformulé par le secrétariat, est énoncé dans son mandat, qui figure dans l’Annexe A.';
    await page.getByLabel('Paragraph 2', { exact: true }).fill(reworded);
    await page.getByRole('button', { name: 'Save the text' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('The text is saved.').waitFor());
    await page.getByLabel('TSB circular number').fill('60');
    await page.getByRole('button', { name: 'Issue the circular' }).click();
    await assert.doesNotReject(page.getByText('TSB Circular 60 is issued and stored with the activity’s documents.').waitFor());
    await capture(page, 'circular-issued');
    const pdfLink = page.getByRole('link', { name: 'JCA-MV-TSB-Circular-60-fr.pdf' });
    const download = page.waitForEvent('download');
    await pdfLink.click();
    const file = await (await download).path();
    if (!pdfTextMissing) {
      const text = pdfText(fs.readFileSync(file));
      assert.ok(text.includes('reformulé par le secrétariat'), text.slice(0, 2000));
      assert.ok(text.includes('Circulaire TSB 60'));
    }
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
