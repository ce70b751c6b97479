// The foundation journey in a real browser with JavaScript off: the secretariat signs in, revises JCA-QKDN's
// terms of reference, reads the differences and the history, and switches the interface to French.
// The tests run in order on one signed-in page, each continuing where the previous one stopped.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();

const scopeBefore =
  'Coordination of standardization work on quantum key distribution networks (QKDN) within ITU-T and with other standards bodies, to avoid duplication of work and to plan the standardization of QKDN.';
const scopeAfter = scopeBefore.replace(/QKDN\.$/, 'QKDN and of quantum-safe networks.');
const objectiveBefore = '8 Invite representatives of external bodies to take part.';
const objectiveAfter = '8 Invite experts of external bodies to take part.';
const changeNote = 'Scope widened to quantum-safe networks; objective 8 reworded as agreed at the second meeting';

describe('foundation flow in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    run = await startBrowserApp();
    context = await run.newContext();
    page = await context.newPage();
  });

  after(async () => {
    await run?.close();
  });

  const mainNav = () => page.getByRole('navigation', { name: /^(Main|Principal)$/ });
  const activityTabs = () => page.getByRole('navigation', { name: 'JCA-QKDN' });
  const pathOf = (p: Page) => {
    const url = new URL(p.url());
    return url.pathname + url.search;
  };

  test('pressing Tab once focuses the "Skip to main content" link, which leads to the main content', async () => {
    const fresh = await context.newPage();
    await fresh.goto('/activities');
    await fresh.keyboard.press('Tab');
    const focused = fresh.locator(':focus');
    assert.equal(await focused.textContent(), 'Skip to main content');
    assert.equal(await focused.getAttribute('href'), '#main');
    assert.equal(await fresh.locator('.skip-link:focus').isVisible(), true);
    await fresh.keyboard.press('Enter');
    assert.equal(new URL(fresh.url()).hash, '#main');
    assert.equal(await fresh.locator('main#main:focus').count(), 1);
    await fresh.close();
  });

  test('the secretariat signs in from the home page', async () => {
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Coordination activities');
    await capture(page, '01-home');
    await page.getByRole('link', { name: 'Sign in' }).click();
    assert.equal(pathOf(page), '/sign-in?next=%2F');
    await page.getByLabel('E-mail').fill('secretariat@example.org');
    await page.getByLabel('Password').fill('concord-demo');
    await capture(page, '02-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(pathOf(page), '/');
    assert.equal(await page.getByRole('link', { name: 'My account' }).getAttribute('title'), 'Signed in as Dana Secretariat');
    assert.equal(await page.getByRole('link', { name: 'Sign in' }).count(), 0);
  });

  test('the secretariat revises the terms of reference and lands on the differences', async () => {
    await page.getByRole('link', { name: 'JCA-QKDN', exact: true }).click();
    assert.equal(pathOf(page), '/activities/JCA-QKDN');
    await capture(page, '03-activity');
    await activityTabs().getByRole('link', { name: 'Terms of reference' }).click();
    assert.equal(pathOf(page), '/activities/JCA-QKDN/tor');
    const current = page.getByRole('heading', { level: 2 }).first();
    assert.match((await current.textContent()) ?? '', /^Terms of reference — version 1(?!\d)/i);
    assert.equal(await current.locator('.pill').count(), 1);
    await capture(page, '04-tor');
    await page.getByRole('link', { name: 'Revise the terms of reference' }).click();
    assert.equal(pathOf(page), '/activities/JCA-QKDN/tor/edit');

    const scope = page.getByLabel('Scope', { exact: true });
    assert.equal(await scope.inputValue(), scopeBefore);
    await scope.fill(scopeAfter);
    // The French text of each section sits beside it (“Objectives (French)”): the English box by its name.
    const objectives = page.locator('textarea[name="objectives"]');
    const lines = (await objectives.inputValue()).split('\n');
    assert.equal(lines.length, 8);
    assert.equal(lines[7], objectiveBefore);
    await objectives.fill([...lines.slice(0, 7), objectiveAfter].join('\n'));
    await page.getByLabel('What changed and why').fill(changeNote);
    await capture(page, '05-tor-edit');
    await page.getByRole('button', { name: 'Save' }).click();

    assert.equal(pathOf(page), '/activities/JCA-QKDN/tor/diff?from=1&to=2');
    assert.equal(await page.getByRole('status').textContent(), 'Version 2 of the terms of reference has been saved.');
    assert.equal(await page.getByRole('heading', { level: 2 }).first().textContent(), 'Terms of reference: version 1 → version 2');
    assert.equal(await page.locator('main .lead').textContent(), changeNote);
    const section = (name: string) => page.locator('section.diff-section').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
    assert.deepEqual(await section('Scope').locator('ins').allTextContents(), ['and of quantum-safe networks']);
    assert.deepEqual(await section('Scope').locator('del').allTextContents(), []);
    assert.deepEqual(await section('Objectives').locator('ins').allTextContents(), ['experts']);
    assert.deepEqual(await section('Objectives').locator('del').allTextContents(), ['representatives']);
    assert.equal(await page.locator('section.diff-section').count(), 2);
    assert.equal(
      await page.locator('main p.muted').last().textContent(),
      // The French text of each section is compared too (this revision changed only the English).
      'Sections without change: Participation, Working methods, Administrative support, Meetings, Reporting, Duration, ' +
        'Scope (French), Objectives (French), Participation (French), Working methods (French), Administrative support (French), ' +
        'Meetings (French), Reporting (French), Duration (French)',
    );
    await capture(page, '06-tor-diff');

    // The flash is shown once: reloading the page shows the differences without it.
    await page.reload();
    assert.equal(await page.getByRole('status').count(), 0);
  });

  test('the history tab lists the revision with its note, linked to the differences', async () => {
    await activityTabs().getByRole('link', { name: 'History' }).click();
    assert.equal(pathOf(page), '/activities/JCA-QKDN/history');
    // The summary's wording belongs to the history module; what matters is that the revision and its note are there.
    const row = page.getByRole('row').filter({ hasText: changeNote });
    assert.equal(await row.count(), 1);
    assert.equal(await row.getByRole('cell').nth(1).textContent(), 'Dana Secretariat');
    assert.match((await row.getByRole('cell').nth(2).textContent()) ?? '', /^Dana Secretariat issued version 2 of the terms of reference \(Scope widened.*\) Changes$/);
    await capture(page, '07-history');
    await row.getByRole('link', { name: 'Changes' }).click();
    assert.equal(pathOf(page), '/activities/JCA-QKDN/tor/diff?from=1&to=2');
    assert.equal(await page.getByRole('heading', { level: 2 }).first().textContent(), 'Terms of reference: version 1 → version 2');
    await page.goBack();
    assert.equal(pathOf(page), '/activities/JCA-QKDN/history');
  });

  test('the language selector switches the interface to French, and it stays French', async () => {
    await page.getByLabel('Language').selectOption({ label: 'Français' });
    await page.getByRole('button', { name: 'Change' }).click();
    assert.equal(pathOf(page), '/activities/JCA-QKDN/history');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await mainNav().getByRole('link', { name: 'Activités' }).count(), 1);
    assert.equal(await activityTabs().locator('[aria-current=page]:visible').textContent(), 'Historique');
    assert.equal(await page.getByRole('link', { name: 'Aller au contenu principal' }).count(), 1);
    assert.equal(await page.getByRole('columnheader').first().textContent(), 'Quand');
    const row = page.getByRole('row').filter({ hasText: changeNote });
    assert.equal(await row.getByRole('link', { name: 'Modifications' }).getAttribute('href'), '/activities/JCA-QKDN/tor/diff?from=1&to=2');
    await capture(page, '08-history-fr');

    await mainNav().getByRole('link', { name: 'Activités' }).click();
    assert.equal(pathOf(page), '/activities');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.getByRole('button', { name: 'Changer' }).count(), 1);
    assert.equal(await page.getByLabel('Langue').inputValue(), 'fr');
    await capture(page, '09-activities-fr');
  });
});
