// Reviewing overlap candidates in a real browser, with the keyboard: the secretariat of JCA-QKDN opens its queue,
// decides three pairs with single keys (one of them confirmed as overlapping, with a note), takes one decision back
// and gives it again; the pair page is looked at on a desktop and a phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { listOverlaps } from '../../src/modules/overlaps/overlaps.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();

describe('reviewing overlaps in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  const contexts: BrowserContext[] = [];

  const signedIn = (email: string): Promise<Page> => run.signedIn(email, { javaScript: true });
  const stateOf = async (pairId: number) => (await listOverlaps(run.testApp.db, systemActor('test'))).find((p) => p.id === pairId)?.state;
  const pairIdOf = (page: Page) => Number(/\/overlaps\/(\d+)/.exec(new URL(page.url()).pathname)?.[1]);

  before(async () => {
    run = await startBrowserApp();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await run?.close();
  });

  test('the secretariat decides three pairs with the keyboard and confirms one as overlapping', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-QKDN/overlaps');
    await page.getByRole('link', { name: 'Review the candidates' }).click();
    await capture(page, 'overlap-queue');
    await page.getByRole('link', { name: /^Review: / }).first().click();
    await page.getByRole('button', { name: /^Same text/ }).waitFor();
    // The script shows its legend: the keys work.
    await page.getByText(/^Keyboard: S same text/).waitFor();
    await capture(page, 'overlap-pair');

    const first = pairIdOf(page);
    await page.keyboard.press('u');
    await page.getByText(/^Recorded: .*, Unsure\.$/).waitFor();
    const second = pairIdOf(page);
    assert.notEqual(second, first, 'on to the next pair');
    await page.keyboard.press('n');
    await page.getByText(/^Recorded: .*, Not related\.$/).waitFor();
    const third = pairIdOf(page);

    // A note first ("/" goes to it, Escape leaves it), then "o": overlapping.
    await page.keyboard.press('/');
    await page.keyboard.type('Both define the SDN control interface of a QKD network.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('o');
    await page.getByText(/^Recorded: .*, Overlapping\.$/).waitFor();
    assert.deepEqual([await stateOf(first), await stateOf(second), await stateOf(third)], ['unsure', 'not_related', 'overlapping']);

    // One step back with "z", then the same decision again from the pair's own page.
    await page.keyboard.press('z');
    await page.getByRole('status').getByText('The decision was undone.').waitFor();
    assert.equal(await stateOf(third), 'open');
    assert.equal(pairIdOf(page), third);
    await page.keyboard.press('o');
    await page.getByText(/^Recorded: .*, Overlapping\.$/).waitFor();
    assert.equal(await stateOf(third), 'overlapping');

    await page.goto('/overlaps/groups');
    await page.getByRole('heading', { name: 'Overlap review' }).waitFor();
    await capture(page, 'overlap-groups');

    // The member sees it among the activity's confirmed overlaps.
    const member = await signedIn('member@example.org');
    await member.goto('/activities/JCA-QKDN/overlaps');
    await member.getByRole('heading', { name: 'Confirmed overlaps' }).waitFor();
    assert.equal(await member.locator('tbody tr').count(), 1);
    await capture(member, 'overlap-confirmed');
  });
});
