// A confirmed overlap on the next meeting's agenda, in a real browser with JavaScript off: two twin entries are put on
// JCA-MV's roadmap, the engine pairs them and the pair is confirmed as duplicated work; the co-chair opens the agenda
// of JCA-MV's next meeting, finds the pair under "Issues requiring coordination", drafts a liaison statement from it in
// one click and lands on the draft, addressed to both bodies; back on the agenda, the pair links the draft.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { eq, sql } from 'drizzle-orm';
import { activities } from '../../src/db/schema.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { listOverlaps, runOverlaps } from '../../src/modules/overlaps/overlaps.ts';
import { decideOverlap } from '../../src/modules/overlaps/reviews.ts';
import { createEntry } from '../../src/modules/roadmap/entries.ts';
import { makeOrganization, unique } from '../support/factories.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const agenda = '/activities/JCA-MV/meetings/2/agenda';

describe('a confirmed overlap on the next meeting’s agenda, in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let itu = '';
  let iso = '';
  const contexts: BrowserContext[] = [];

  const signedIn = (email: string): Promise<Page> => run.signedIn(email);

  before(async () => {
    run = await startBrowserApp();
    const db = run.testApp.db;
    const system = systemActor('test');
    // Bodies named for this test, so the pair is told apart from the demo register's own candidates.
    const ituBody = await makeOrganization(db, { acronym: unique('ITU-T-') });
    const isoBody = await makeOrganization(db, { acronym: unique('ISO-IEC-') });
    [itu, iso] = [ituBody.acronym!, isoBody.acronym!];
    const [mv] = await db.select().from(activities).where(eq(sql`lower(${activities.acronym})`, 'jca-mv'));
    await createEntry(db, system, mv!.id, { organizationId: ituBody.id, identifier: 'X.501', title: 'Information technology – Open Systems Interconnection – The Directory: Models', status: 'published' }, 'en');
    await createEntry(
      db,
      system,
      mv!.id,
      { organizationId: isoBody.id, identifier: 'ISO/IEC 9594-2', title: 'Information technology — Open Systems Interconnection — The Directory — Part 2: Models', status: 'published' },
      'en',
    );
    await runOverlaps(db, system);
    const pair = (await listOverlaps(db, system)).find((p) => p.a.organization === itu && p.b.organization === iso);
    assert.ok(pair, 'the engine pairs the twins');
    await decideOverlap(db, system, pair.id, { decision: 'duplicated_work', note: 'Both revise the models.' }, 'en');
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await run?.close();
  });

  test('the co-chair sees the pair under “Issues requiring coordination”, drafts a liaison statement and lands on the draft', async () => {
    const page = await signedIn('cochair@example.org');
    await page.goto(agenda);
    const item = page.locator('ol.agenda-working > li').filter({ has: page.locator(':scope > .agenda-title', { hasText: 'Issues requiring coordination' }) });
    const issues = item.getByRole('list', { name: 'Confirmed overlaps' });
    await assert.doesNotReject(issues.getByText(`${itu} X.501`).waitFor());
    await assert.doesNotReject(issues.getByText(`${iso} ISO/IEC 9594-2`).waitFor());
    await assert.doesNotReject(issues.getByText('Decision: duplicated work').waitFor());
    await capture(page, 'agenda-coordination');

    await issues.getByRole('button', { name: 'Draft a liaison statement on X.501 and ISO/IEC 9594-2' }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: 'Edit the liaison statement' }).waitFor());
    assert.match(new URL(page.url()).pathname, /^\/activities\/JCA-MV\/liaisons\/\d+\/edit$/);
    await assert.doesNotReject(page.getByRole('status').getByText(/drafted from the overlap: check its text and addressees/).waitFor());
    // JCA-MV has a French name: it writes in both languages.
    assert.equal(
      await page.getByLabel('Title', { exact: true }).inputValue(),
      `Coordination on X.501 (${itu}) and ISO/IEC 9594-2 (${iso}): duplicated work / Coordination sur X.501 (${itu}) et ISO/IEC 9594-2 (${iso})\u202f: travaux en double`,
    );
    const chosen = await page.getByLabel('To (bodies)').locator('option:checked').allTextContents();
    assert.deepEqual(chosen.map((label) => label.split(' — ')[0]).sort(), [itu, iso].sort());
    assert.match(await page.getByLabel('Text of the statement', { exact: false }).inputValue(), /Decision of the review: duplicated work\./);
    const reference = /^Liaison statement (\S+) drafted/.exec((await page.getByRole('status').textContent()) ?? '')?.[1];
    assert.ok(reference);

    // Back on the agenda, the pair links its draft instead of offering a second one.
    await page.goto(agenda);
    await assert.doesNotReject(issues.getByRole('link', { name: `Liaison statement drafted: ${reference}` }).waitFor());
    assert.equal(await issues.getByRole('button', { name: /^Draft a liaison statement/ }).count(), 0);
  });

  test('a member reads the agenda without the working list or the button', async () => {
    const page = await signedIn('member@example.org');
    await page.goto(agenda);
    assert.equal(await page.getByRole('button', { name: /^Draft a liaison statement/ }).count(), 0);
  });
});
