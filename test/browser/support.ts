// Browser flows: the real app listening on a loopback port, the demo loaded (PostgreSQL when the run has one), and Debian's Chromium driven by playwright-core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type Engine, testEngines } from '../support/database.ts';

// Debian's Chromium; CHROMIUM_PATH points elsewhere on other systems. Tests may read the environment directly:
// config.ts guards the app's own variables, and these belong to the test runner.
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const screenshotDir = path.resolve('.cache/screenshots');
export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

/**
 * Why the browser flows cannot run here, or undefined when they can. In CI (CI=true) a missing browser is a
 * failure, not a skip: .ci/run installs Chromium, so its absence means the CI setup is broken.
 */
export function browserUnavailable(): string | undefined {
  if (fs.existsSync(chromiumPath)) return undefined;
  const missing = `Chromium is not installed at ${chromiumPath} (Debian package "chromium")`;
  if (process.env.CI === 'true') throw new Error(`${missing}: the browser flows cannot run in CI, and .ci/run should have installed it.`);
  return `${missing}; browser flows skipped.`;
}

/**
 * How long a whole browser suite may take before it counts as hung. A guard against a hang, not a speed check: each
 * step already fails after 30 s (the contexts' default timeout), and a loaded 2-core CI machine once took 183 s for
 * the three minutes flows, past the 120 s such a suite had.
 */
export const browserSuiteTimeout = 600_000;

/**
 * A step may take 30 s. Issuing an agenda or a circular writes its DOCX and PDF on the worker pool, whose first thread,
 * started from the TypeScript sources (tsx) on a loaded machine, took past the 10 s steps had (the compiled server
 * starts one in a fraction of that); a click waits for the page it leads to within the same bound.
 */
function timeouts(context: BrowserContext): void {
  context.setDefaultTimeout(30_000);
}

export type BrowserApp = {
  baseUrl: string;
  testApp: TestApp;
  browser: Browser;
  /**
   * A fresh browser profile (no cookies) with JavaScript off, so every page is proved to work without it; `javaScript`
   * for the flows of what a script adds (keyboard shortcuts).
   */
  newContext(options?: { javaScript?: boolean }): Promise<BrowserContext>;
  /** A page in a fresh profile, signed in with a demo account (password "concord-demo"); closed with the app. */
  signedIn(email: string, options?: { javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
};

const launchOptions = {
  executablePath: chromiumPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/**
 * The flows run on PostgreSQL when the run has a server (CI's PostgreSQL run; the modules' own tests cover both
 * engines): its template copies in a fraction of PGlite's unpacking, and its queries run beside the app rather than in
 * the app's own thread, which the browser steps wait on.
 */
const browserEngine = (): Engine => (testEngines().includes('postgres') ? 'postgres' : 'pglite');

async function startApp(): Promise<{ testApp: TestApp; baseUrl: string }> {
  const testApp = await createTestApp(browserEngine(), {}, undefined, { demo: true });
  try {
    return { testApp, baseUrl: await testApp.app.listen({ host: '127.0.0.1', port: 0 }) };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}

/** Starts the app on a random loopback port with the demo loaded, and launches Chromium (both at once: ~1 s saved). */
export async function startBrowserApp(): Promise<BrowserApp> {
  const [app, browser] = await Promise.allSettled([startApp(), chromium.launch(launchOptions)]);
  if (app.status === 'rejected' || browser.status === 'rejected') {
    if (app.status === 'fulfilled') await app.value.testApp.close();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw app.status === 'rejected' ? app.reason : (browser as PromiseRejectedResult).reason;
  }
  const { testApp, baseUrl } = app.value;
  const launched = browser.value;
  return {
    baseUrl,
    testApp,
    browser: launched,
    newContext: async (options = {}) => {
      const context = await launched.newContext({ baseURL: baseUrl, viewport: desktop, locale: 'en-GB', javaScriptEnabled: options.javaScript ?? false });
      timeouts(context);
      return context;
    },
    signedIn: async (email, options = {}) => {
      const context = await launched.newContext({ baseURL: baseUrl, viewport: desktop, locale: 'en-GB', javaScriptEnabled: options.javaScript ?? false });
      timeouts(context);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill('concord-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      return page;
    },
    close: async () => {
      // Closing the browser closes every profile it opened, signed-in pages included.
      await launched.close();
      await testApp.close();
    },
  };
}

/**
 * Saves the whole page at desktop and phone widths under .cache/screenshots/ (git-ignored), for a person to look at,
 * and fails if the page scrolls sideways on the phone (a table or a long word pushing past the screen). CI checks the
 * width without saving pictures nobody opens there (TEST_SCREENSHOTS=1 saves them anyway): full-page screenshots were a
 * large share of the browser flows' time, and under load one took past the 10 s a step then had.
 */
const screenshots = process.env.TEST_SCREENSHOTS === '1' || (process.env.TEST_SCREENSHOTS !== '0' && process.env.CI !== 'true');
export async function capture(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const size = page.viewportSize() ?? desktop;
  if (screenshots) await page.screenshot({ path: path.join(screenshotDir, `${name}-desktop.png`), fullPage: true, timeout: 30_000 });
  await page.setViewportSize(phone);
  try {
    if (screenshots) await page.screenshot({ path: path.join(screenshotDir, `${name}-phone.png`), fullPage: true, timeout: 30_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.equal(width, phone.width, `${name}: the page is ${width}px wide on a ${phone.width}px phone screen`);
  } finally {
    await page.setViewportSize(size);
  }
}
