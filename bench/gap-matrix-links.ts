// The landscape matrix's page size with and without the gap links in its empty cells. A large matrix (60 topics ×
// 150 bodies, most cells empty) is rendered for a member (no links: the page as it was before gaps existed) and for
// the secretariat (a link in every empty cell that opens a gap filled in from the cell), through the real route.
// Prints the bytes, gzipped bytes (what a compressing proxy would send), the empty cells and the bytes each link
// adds. Run with `npm run bench -- gap-matrix-links`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openTestDatabase } from '../test/support/database.ts';
import { makeUser } from '../test/support/factories.ts';
import { loadRoadmap } from './support/synthetic-roadmap.ts';

const entryCount = 1500;
const organizationCount = 150;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
const database = await openTestDatabase('pglite');
const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://concord.test' }), database, logger: false });
try {
  const { acronym, activityId } = await loadRoadmap(database.db, 'pglite', entryCount, organizationCount);
  const member = await makeUser(database.db, { role: 'member', activityId });
  const secretariat = await makeUser(database.db, { role: 'secretariat', activityId });
  const url = `/activities/${acronym}/roadmap/matrix`;
  const page = async (cookie: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    return response.body;
  };
  await page(member.cookie); // builds the search copy
  await page(secretariat.cookie);
  const timed = async (cookie: string) => {
    const started = performance.now();
    const body = await page(cookie);
    return { body, ms: performance.now() - started };
  };
  const { body: without, ms: memberMs } = await timed(member.cookie);
  const { body: withLinks, ms } = await timed(secretariat.cookie);
  const emptyCells = (without.match(/class="matrix-gap"/g) ?? []).length;
  const links = (withLinks.match(/\/gaps\/new\?/g) ?? []).length;
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const rows: [string, string, string][] = [
    ['member (no links, as before gaps)', kb(Buffer.byteLength(without)), kb(gzipSync(without).length)],
    ['secretariat (a link per empty cell)', kb(Buffer.byteLength(withLinks)), kb(gzipSync(withLinks).length)],
  ];
  process.stdout.write(`Matrix of 60 topics × ${organizationCount} bodies from ${entryCount} entries: ${emptyCells} empty cells of ${60 * organizationCount}, ${links} links.\n`);
  for (const [who, raw, gz] of rows) process.stdout.write(`  ${who.padEnd(38)} ${raw.padStart(9)}   gzip ${gz.padStart(8)}\n`);
  const added = Buffer.byteLength(withLinks) - Buffer.byteLength(without);
  process.stdout.write(`  added: ${kb(added)} (${(added / Math.max(1, links)).toFixed(0)} bytes a link, +${((100 * added) / Buffer.byteLength(without)).toFixed(0)} %); gzip +${kb(gzipSync(withLinks).length - gzipSync(without).length)}\n`);
  process.stdout.write(`  server time (search copy warm): member ${memberMs.toFixed(0)} ms, secretariat ${ms.toFixed(0)} ms\n`);
} finally {
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
