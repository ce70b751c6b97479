// Retakes docs/screenshot.png for the README: starts the real server with the demo on a throwaway data directory,
// signs in as the demo secretariat in Debian's Chromium and captures the JCA-QKDN activity page, 1280 pixels wide.
// Run with `node --import tsx scripts/readme-screenshot.ts`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = path.join(root, 'docs', 'screenshot.png');
const viewport = { width: 1280, height: 830 };

const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(free));
  });
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-screenshot-'));
const server = spawn(process.execPath, ['bin/concord.js', 'serve'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', BASE_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const baseUrl = `http://127.0.0.1:${port}`;

try {
  for (let attempt = 0; ; attempt++) {
    const status = await fetch(baseUrl).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (attempt > 600 || server.exitCode !== null) throw new Error('The server did not start.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport, locale: 'en-GB', deviceScaleFactor: 1 });
    await page.goto(`${baseUrl}/sign-in`);
    await page.fill('input[name=email]', 'secretariat@example.org');
    await page.fill('input[name=password]', 'concord-demo');
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('form[action="/sign-in"] button[type=submit]')]);
    await page.goto(`${baseUrl}/activities/JCA-QKDN`);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output });
    process.stdout.write(`Saved ${path.relative(root, output)} (${Math.round(fs.statSync(output).size / 1024)} KB)\n`);
  } finally {
    await browser.close();
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
