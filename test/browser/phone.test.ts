// The main pages on a 375 px phone with JavaScript off: the navigation folds into a "Menu" that opens without a script,
// so each page's own heading and content start within the first screen; the roadmap's rows keep their field labels;
// and the API reference, read at both widths, lists the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { browserUnavailable, type BrowserApp, capture, screenshotDir, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const narrow = { width: 375, height: 667 };

// The pages a secretariat opens most, with the heading that names each one's content.
// An activity's sections have the activity as their title (h1) and their own heading below its section links, where
// they have one; the roadmap has none (its search form comes first).
const pages: { name: string; path: string; heading: string | RegExp }[] = [
  { name: 'home', path: '/', heading: 'Coordination activities' },
  { name: 'activity', path: '/activities/JCA-QKDN', heading: /^JCA-QKDN — / },
  { name: 'roadmap', path: '/activities/JCA-QKDN/roadmap', heading: /^JCA-QKDN — / },
  { name: 'meeting', path: '/activities/JCA-MV/meetings/2', heading: 'Meeting 2: Second meeting of JCA-MV' },
  { name: 'liaisons', path: '/activities/JCA-QKDN/liaisons', heading: 'Liaison statements' },
  { name: 'documents', path: '/activities/JCA-QKDN/documents', heading: 'Documents' },
];

describe('phone widths in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    run = await startBrowserApp();
    context = await run.browser.newContext({ baseURL: run.baseUrl, viewport: narrow, locale: 'en-GB', javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  after(async () => {
    await run?.close();
  });

  /** Top, in CSS pixels from the top of the page, of the first shown paragraph, table, list, form or section heading
   * of the page's own content (not a navigation, nor the page's title). */
  const firstContentTop = () =>
    page.evaluate(() => {
      const candidates = [...document.querySelectorAll('main p, main table, main form, main dl, main ul, main ol, main h2')];
      const content = candidates.find((element) => !element.closest('nav') && (element as HTMLElement).offsetParent !== null);
      return content ? content.getBoundingClientRect().top + window.scrollY : Number.POSITIVE_INFINITY;
    });

  for (const { name, path, heading } of pages) {
    test(`${name}: the page's heading is within the first 300 px at 375 px wide`, async () => {
      await page.goto(path);
      const target = page.getByRole('heading', { name: heading, exact: true }).first();
      const top = await target.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
      assert.ok(top <= 300, `${name}: the heading "${heading}" starts ${Math.round(top)} px down`);
      // The section's own words come before the fold too, not just its title.
      const contentTop = await firstContentTop();
      assert.ok(contentTop < narrow.height, `${name}: the content starts ${Math.round(contentTop)} px down, below the first screen`);
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false, 'the main navigation is folded');
      await page.setViewportSize(narrow);
      await capture(page, `phone-${name}`);
    });
  }

  test('the menu opens without JavaScript and leads to every section', async () => {
    await page.goto('/activities/JCA-QKDN/roadmap');
    await page.getByText('Menu', { exact: true }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.isVisible(), true);
    await nav.getByRole('link', { name: 'Organizations' }).click();
    assert.equal(new URL(page.url()).pathname, '/organizations');
  });

  test('the activity sections fold too, naming the one shown', async () => {
    await page.goto('/activities/JCA-QKDN/liaisons');
    const sections = page.getByRole('navigation', { name: 'JCA-QKDN' });
    assert.equal(await sections.getByRole('link', { name: 'Meetings' }).isVisible(), false);
    await page.getByText('Section: Liaison statements').click();
    await sections.getByRole('link', { name: 'Meetings' }).click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-QKDN/meetings');
  });

  test('roadmap rows read as cards with their field labels', async () => {
    await page.goto('/activities/JCA-QKDN/roadmap');
    const firstRow = page.locator('main table tbody tr').first();
    // The labels are the cells' ::before content (from data-label), which innerText leaves out.
    const labels = await firstRow.evaluate((row) => [...row.querySelectorAll('td')].map((cell) => getComputedStyle(cell, '::before').content));
    assert.deepEqual(labels.slice(1, 4), ['"Title: "', '"Organization: "', '"Status: "']);
    const rowWidth = await firstRow.evaluate((row) => row.getBoundingClientRect().width);
    assert.ok(rowWidth <= narrow.width, `a row is ${rowWidth}px wide`);
  });

  test('the contacts, mailing list, organizations, people and access pages read as labelled cards, with nothing scrolling sideways', async () => {
    // Signed in, since the addresses (the widest cells) and the access pages are shown only to the secretariat and admins.
    const secretariat = await run.signedIn('secretariat@example.org');
    const admin = await run.signedIn('admin@example.org');
    const checked: [Page, string][] = [
      [secretariat, '/activities/JCA-QKDN/contacts'],
      [secretariat, '/activities/JCA-QKDN/mailing-list'],
      [secretariat, '/organizations'],
      [secretariat, '/people'],
      [secretariat, '/activities/JCA-QKDN/members'],
      [admin, '/admin'],
    ];
    for (const [who, path] of checked) {
      await who.setViewportSize(narrow);
      await who.goto(path);
      const frames = await who.evaluate(() => [...document.querySelectorAll('main .table-wrap')].map((frame) => frame.scrollWidth - frame.clientWidth));
      assert.ok(frames.length > 0, `${path}: a table is shown`);
      assert.deepEqual(frames.filter((extra) => extra > 0), [], `${path}: no table scrolls sideways inside its frame`);
      assert.equal(await who.evaluate(() => document.documentElement.scrollWidth), narrow.width, `${path}: the page does not scroll sideways`);
      const labels = await who.locator('main table tbody tr').first().evaluate((row) => [...row.querySelectorAll('td')].map((cell) => getComputedStyle(cell, '::before').content));
      // Every cell after the first (the row's name, in bold) names its column.
      assert.ok(labels.length > 1 && labels.slice(1).every((label) => /^".+: "$/.test(label)), `${path}: the first row's cells are labelled (${labels.join(' ')})`);
    }
  });

  test('the API reference reads at both widths and leads from its contents to an endpoint', async () => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'API' }).click();
    assert.equal(new URL(page.url()).pathname, '/api/reference');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'API reference');
    await page.getByRole('navigation', { name: 'Endpoints' }).getByRole('link', { name: 'GET /api/v1/activities/{acronym}/liaisons', exact: true }).click();
    const endpoint = page.locator('section.api-operation:target');
    assert.equal(await endpoint.getByRole('heading', { level: 3 }).textContent(), 'GET /api/v1/activities/{acronym}/liaisons');
    assert.equal(await endpoint.getByRole('heading', { name: 'Parameters' }).count(), 1);
    // The whole page is tens of thousands of pixels tall (140 endpoints): the screen at each width is saved instead of
    // capture()'s full page, with capture()'s check that the phone never scrolls sideways.
    for (const [width, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', narrow]] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: path.join(screenshotDir, `api-reference-${width}.png`) });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.equal(scrollWidth, viewport.width, `the API reference is ${scrollWidth}px wide at ${viewport.width}px`);
    }
  });

  test('at desktop width the navigation is shown in the header, with no menu button', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/activities/JCA-QKDN');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), true);
    assert.equal(await page.getByText('Menu', { exact: true }).isVisible(), false);
    assert.equal(await page.getByRole('navigation', { name: 'JCA-QKDN' }).getByRole('link', { name: 'Meetings' }).isVisible(), true);
    await page.setViewportSize(narrow);
  });
});
