// Issue 13, item 6: hostile input as properties (fast-check). Every route the app registers (the route table, as the
// authorization matrix reads it) gets random and malicious bodies — from its zod schema where it has one, else from the
// fields of the form that posts to it — and every import format gets hostile files. Whatever comes: no 500, no stack
// trace, no markup echoed unescaped in a page, an answer within a bounded time, and nothing written by a refused request.
// Runs are bounded and seeded: a failure prints the seed and the counterexample (HOSTILE_SEED=… replays it, and
// HOSTILE_ROUTE="PUT /api/v1/…" limits the run to that route).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { receiveMail } from '../src/modules/documents/mail-in.ts';
import { AppError } from '../src/platform/errors.ts';
import { routesOf, type RegisteredRoute } from '../src/platform/http/route-table.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { TestClient } from './support/client.ts';
import { testEngines } from './support/database.ts';
import { bodiesFor, formsFor, hostileString, markup, stackTrace, urlencoded } from './support/hostile.ts';
import { fillPath, makeRouteWorld, type RouteWorld, rowsDigest } from './support/route-world.ts';
import { composeMail } from './fixtures/documents.ts';

const seed = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);
/** Cases per route; per import format. Enough to reach every field of every form within the file's minute. */
const runsPerRoute = Number(process.env.HOSTILE_RUNS ?? 3);
const runsPerFormat = Number(process.env.HOSTILE_FORMAT_RUNS ?? 8);
/**
 * The longest any one answer may take: generous, because the machine the suite runs on is shared and the worker pool
 * retires a thread idle for a minute (a new one, started from the sources, took up to 14.6 s under CI's load). What
 * grows with a hostile value (the 60,000-row Word file took 20 s) has its own tests in test/upload-bombs.test.ts.
 */
const boundMs = 15_000;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
/** One generated request: what was sent (fast-check prints it for a counterexample) and how to send it. */
type Case = { sent: unknown; send: () => Promise<Response>; [fc.toStringMethod]: () => string };
const caseOf = (sent: unknown, send: () => Promise<Response>): Case => ({
  sent,
  send,
  [fc.toStringMethod]: () => JSON.stringify(sent, (_k, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} characters)` : v)),
});

/** What must hold of every answer, whatever was sent. */
function checkAnswer(what: string, response: Response, ms: number): void {
  assert.ok(response.statusCode < 500, `${what}: ${response.statusCode} ${response.body.slice(0, 400)}`);
  assert.doesNotMatch(response.body, stackTrace, `${what}: a stack trace in the body`);
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) {
    for (const m of markup) assert.ok(!response.body.includes(m), `${what}: markup echoed unescaped: ${m}`);
  }
  assert.ok(ms < boundMs, `${what}: answered in ${Math.round(ms)} ms`);
}

/** The named fields of each form a page shows, by the form's action: what a browser would post there. */
function formsIn(html: string, into: Map<string, Set<string>>): void {
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(form[1]!)) continue;
    const action = /action="([^"]*)"/.exec(form[1]!)?.[1]?.replace(/&amp;/g, '&').split(/[?#]/)[0];
    if (!action) continue;
    const names = into.get(action) ?? new Set<string>();
    for (const field of form[2]!.matchAll(/<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"/g)) if (field[1] !== '_csrf') names.add(field[1]!);
    into.set(action, names);
  }
}

for (const engine of testEngines()) {
  describe(`hostile input on ${engine} (fast-check seed ${seed})`, () => {
    let t: TestApp;
    let world: RouteWorld;
    let admin: TestClient;
    const forms = new Map<string, Set<string>>();

    before(async () => {
      t = await createTestApp(engine, { SIGN_IN_FAILURES_PER_ACCOUNT: '1000' });
      world = await makeRouteWorld(t);
      admin = new TestClient(t.app, world.users.admin.cookie);
      // The worker pool's first thread, started from the sources (tsx), loads each kind of work's code on first use:
      // seconds on a loaded machine, past the bound below. Each kind is done once first, so the bound measures what a
      // hostile value costs, not a cold start (requests go one at a time, so they meet the same thread).
      const activityPath = `/activities/${world.activity.acronym}`;
      for (const url of [`${activityPath}/roadmap/export.xlsx`, `${activityPath}/roadmap/document.docx`, `${activityPath}/roadmap/document.pdf`]) await admin.get(url);
      await admin.send({ method: 'POST', url: `/api/v1${activityPath}/roadmap/import?dryRun=true`, headers: { 'content-type': 'text/csv' }, payload: 'identifier,title\nX.1,Warm-up' });
      // The forms every page shows the admin (who is shown every form), read once.
      for (const route of routesOf(t.app)) {
        if (route.method !== 'GET' || route.url.startsWith('/api/') || /\.\w+$/.test(route.url) || route.url.includes('/assets/')) continue;
        const page = await admin.get(fillPath(route.url, world.params));
        if (String(page.headers['content-type'] ?? '').startsWith('text/html')) formsIn(page.body, forms);
      }
    });
    after(() => t.close());

    /** Sends one case and checks it: the answer, the page it leads to, and (refused) that no row changed. */
    async function attempt(what: string, send: () => Promise<Response>): Promise<Response> {
      const before = await rowsDigest(t.db);
      const started = performance.now();
      const response = await send();
      checkAnswer(what, response, performance.now() - started);
      if (response.statusCode >= 400) assert.equal(await rowsDigest(t.db), before, `${what}: refused (${response.statusCode}) but rows changed`);
      const location = String(response.headers.location ?? '');
      // Done: the page it leads to shows what was stored, escaped.
      if (response.statusCode === 303 && location.startsWith('/')) {
        const next = await admin.get(location);
        checkAnswer(`${what} → GET ${location}`, next, 0);
      }
      return response;
    }

    /** A route's requests: its schema's bodies (API), its form's fields (pages), or hostile query values (reads). */
    function casesFor(route: RegisteredRoute, url: string): fc.Arbitrary<Case> {
      const client = () => (route.url === '/sign-out' || route.url.startsWith('/account') ? world.freshCookie('admin').then((c) => new TestClient(t.app, c)) : Promise.resolve(admin));
      if (route.method === 'GET') {
        const keys = Object.keys((route.schema?.querystring as { shape?: object } | undefined)?.shape ?? { q: 1, page: 1, kind: 1, status: 1 });
        return fc.dictionary(fc.constantFrom(...keys), hostileString, { maxKeys: 3 }).map((query) =>
          caseOf(query, async () => {
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            return (await client()).get(`${url}${qs ? `?${qs}` : ''}`);
          }),
        );
      }
      if (url.startsWith('/api/')) {
        return bodiesFor(route.schema?.body).map((body) => caseOf(body, async () => (await client()).api(route.method as 'POST', url, body ?? {})));
      }
      const fields = [...(forms.get(url) ?? ['title', 'name', 'text', 'email', 'reason'])];
      return fc.tuple(formsFor(fields), fc.boolean()).map(([values, broken]) =>
        caseOf({ values, brokenUtf8: broken }, async () =>
          (await client()).send({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: urlencoded(values, broken) }),
        ),
      );
    }

    it('answers random and malicious values to every route, form and API endpoint without a 500, a stack trace, unescaped markup, a slow answer or a half-write', async () => {
      const failures: string[] = [];
      // HOSTILE_ROUTE=… (part of "METHOD /path") replays one route's cases.
      const only = process.env.HOSTILE_ROUTE;
      const routes = routesOf(t.app).filter((r) => r.url !== '/sign-in/oidc/:provider/callback' && (!only || `${r.method} ${r.url}`.includes(only)));
      for (const route of routes) {
        const url = fillPath(route.url, world.params);
        const what = `${route.method} ${route.url}`;
        const result = await fc.check(
          fc.asyncProperty(casesFor(route, url), async (one) => {
            await attempt(what, one.send);
          }),
          { numRuns: route.method === 'GET' ? 1 : runsPerRoute, seed, endOnFailure: true },
        );
        if (result.failed) failures.push(`${what}:\n${fc.defaultReportMessage(result)}\n${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance).slice(0, 1500)}`);
      }
      assert.deepEqual(failures, [], failures.join('\n\n'));
    });

    /** A hostile table: rows of hostile cells, the first now and then the roadmap's real headers. */
    const table = fc.tuple(
      fc.boolean(),
      fc.array(fc.array(hostileString, { minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 6 }),
    ).map(([headed, rows]) => (headed ? [['identifier', 'title', 'organization', 'status', 'topics', 'url'], ...rows] : rows));
    const csvOf = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
    async function xlsxOf(rows: string[][]): Promise<Buffer> {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Roadmap');
      for (const row of rows) sheet.addRow(row.map((c) => c.slice(0, 32_000)));
      return Buffer.from(await book.xlsx.writeBuffer());
    }
    const importFile = (contentType: string, bytes: Buffer, name: string) => () =>
      admin.send({ method: 'POST', url: `/api/v1/activities/${world.activity.acronym}/roadmap/import?dryRun=false&fileName=${name}`, headers: { 'content-type': contentType }, payload: bytes });

    it('imports hostile CSV, XLSX and JSON roadmap files without a 500, a stack trace or a half-written import', async () => {
      const csv = fc.oneof(table.map((rows) => Buffer.from(csvOf(rows))), fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)));
      const xlsx = fc.oneof(table.chain((rows) => fc.constant(rows)).map((rows) => rows), fc.constant([] as string[][]));
      const json = fc.oneof(
        fc.array(fc.dictionary(fc.constantFrom('identifier', 'title', 'organization', 'status', 'topics', '__proto__', 'constructor'), fc.oneof(hostileString, fc.jsonValue())), { maxLength: 5 }).map((v) => Buffer.from(JSON.stringify(v))),
        fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
        fc.constantFrom('['.repeat(10_000), '{"a":', '\uFEFF[]', '[1,2,]').map((s) => Buffer.from(s)),
      );
      await fc.assert(fc.asyncProperty(csv, async (bytes) => void (await attempt('CSV import', importFile('text/csv', bytes, 'hostile.csv')))), { numRuns: runsPerFormat, seed, endOnFailure: true });
      await fc.assert(
        fc.asyncProperty(xlsx, async (rows) => {
          const bytes = await xlsxOf(rows);
          await attempt('XLSX import', importFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes, 'hostile.xlsx'));
        }),
        { numRuns: runsPerFormat, seed, endOnFailure: true },
      );
      await fc.assert(fc.asyncProperty(json, async (bytes) => void (await attempt('JSON import', importFile('application/json', bytes, 'hostile.json')))), { numRuns: runsPerFormat, seed, endOnFailure: true });
    });

    it('takes hostile Word files as contributions and circular drafts without a 500 or a half-write', async () => {
      const docx = fc.oneof(
        fc.array(fc.tuple(hostileString, hostileString), { maxLength: 6 }).map(async (rows) =>
          Buffer.from(
            await Packer.toBuffer(
              new Document({
                sections: [{ children: [new Paragraph(rows[0]?.[0] ?? ''), new Table({ rows: (rows.length ? rows : [['', ''] as [string, string]]).map(([a, b]: [string, string]) => new TableRow({ children: [new TableCell({ children: [new Paragraph(a)] }), new TableCell({ children: [new Paragraph(b)] })] })) })] }],
              }),
            ),
          ),
        ),
        fc.uint8Array({ maxLength: 3_000 }).map(async (b) => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(b)])),
      );
      const member = new TestClient(t.app, world.users.member.cookie);
      await fc.assert(
        fc.asyncProperty(docx, hostileString, async (made, title) => {
          const bytes = await made;
          const file = { name: 'contribution.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes };
          await attempt('DOCX contribution', () => member.upload(`/activities/${world.activity.acronym}/documents/submit`, file, { title, source: title }));
          await attempt('DOCX circular check', () => admin.upload(`/activities/${world.activity.acronym}/circulars/check`, file, { kind: 'meeting' }));
        }),
        { numRuns: runsPerFormat, seed, endOnFailure: true },
      );
    });

    it('reads hostile mail without an unexpected error, within the bound, and writes nothing when it refuses one', async () => {
      const settings = { dataDir: t.config.dataDir, uploadMaxBytes: t.config.uploadMaxBytes, baseUrl: t.config.baseUrl };
      const mail = fc.oneof(
        fc.record({ subject: hostileString, text: hostileString, from: fc.constantFrom(world.users.member.user.email, 'x@example.org', '"<script>" <a@b>'), attachment: fc.option(hostileString) }).map((m) =>
          composeMail({
            from: m.from,
            to: `contributions@concord.test`,
            subject: m.subject.replace(/[\r\n]/g, ' '),
            text: m.text,
            attachments: m.attachment === null ? [] : [{ filename: `${m.attachment.slice(0, 50)}.docx`, content: Buffer.from(m.attachment) }],
          }),
        ),
        fc.uint8Array({ maxLength: 4_000 }).map(async (b) => Buffer.from(b)),
        hostileString.map(async (s) => Buffer.from(`From: a@example.org\r\nSubject: ${s}\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\n${s}`)),
      );
      await fc.assert(
        fc.asyncProperty(mail, async (made) => {
          const raw = await made;
          const before = await rowsDigest(t.db);
          const started = performance.now();
          try {
            await receiveMail(t.db, settings, raw, { activityAcronym: world.activity.acronym });
          } catch (error) {
            assert.ok(error instanceof AppError, `mail-in threw ${String((error as Error)?.stack ?? error).slice(0, 600)} (its cause: ${String((error as { cause?: Error })?.cause?.message).slice(0, 300)})`);
            assert.equal(await rowsDigest(t.db), before, 'a refused mail wrote rows');
          }
          assert.ok(performance.now() - started < boundMs, `mail read in ${Math.round(performance.now() - started)} ms`);
        }),
        { numRuns: runsPerFormat, seed, endOnFailure: true },
      );
    });
  });
}
