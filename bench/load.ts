// Load benchmark (issue 14): many users at once. For each engine, starts the real server with the demo (`node
// bin/concord.js serve`, as `npm start` does), then drives each page with autocannon, N connections for D seconds
// (200 and 60 by default), one page after the other, against 127.0.0.1 only; a bare Fastify hello-world, in its own
// process on the same machine, is measured in the same run as the yardstick. Prints req/s, p50/p95/p99, errors and
// timeouts per page with its share of the hello-world, and writes bench/results/load.json. Each page read is followed
// by a bare Fastify sending that page's bytes: a page costs at least what its size costs (the server writing it, the
// load generator on the same two cores reading it), and that is the most any server could reach with it.
//
//   npm run bench -- load [-- --duration 60] [--connections 200] [--engine pglite|postgres] [--pages home,overview]
//
// PostgreSQL is measured when TEST_DATABASE_URL points at a server (a new database is created and dropped). The
// registration POST runs with ANONYMOUS_WRITES_PER_MINUTE raised: the abuse limit would otherwise answer most of it
// with 429, which measures the limit and not the page.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { enginesFromArguments, loadAverage, repositoryRoot, writeResults } from './support/measurements.ts';
import { freePort, type RunningServer, startServer, stopServer } from './support/server.ts';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const at = argv.indexOf(name);
  return at < 0 ? undefined : argv[at + 1];
};
const positiveInteger = (name: string, fallback: number) => {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1 (got ${option(name)})`);
  return value;
};
const durationSeconds = positiveInteger('--duration', 60);
const connections = positiveInteger('--connections', 200);
const testDatabaseUrl = loadConfig().testDatabaseUrl;
const engines = enginesFromArguments(argv, testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite']);
const activity = 'JCA-QKDN';

/** What one page costs under load; `shared` pages are the same bytes for every anonymous reader (goal: ≥ 50% of the
 * hello-world), the others differ per request or per reader (goal: ≥ 10%). */
type Target = {
  id: string;
  label: string;
  shared: boolean;
  request: (session: Session) => autocannon.Request;
};
type Session = { cookie: string; words: string[]; register: { path: string; cookie: string; csrf: string; fields: Record<string, string> } | null };
type PageResult = {
  id: string;
  label: string;
  shared: boolean;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  /** Answers with a 4xx or 5xx status. */
  failed: number;
  shareOfHelloWorld?: number;
  /** A bare Fastify sending this page's bytes (one answer of it), measured right after it, and the page's share of that. */
  sameBytes?: { bytes: number; requestsPerSecond: number; share: number };
};

let counter = 0;
/** A search nobody typed before in this run: two words of the demo's titles, so no kept answer can flatter it. */
const variedQuery = (words: string[]) => {
  counter++;
  const a = words[counter % words.length]!;
  const b = words[Math.floor(counter / words.length) % words.length]!;
  return encodeURIComponent(`${a} ${b}`);
};

const targets: Target[] = [
  { id: 'home', label: 'home page /', shared: true, request: () => ({ method: 'GET', path: '/' }) },
  { id: 'overview', label: `activity overview /activities/${activity}`, shared: true, request: () => ({ method: 'GET', path: `/activities/${activity}` }) },
  { id: 'roadmap', label: 'roadmap table, no query', shared: true, request: () => ({ method: 'GET', path: `/activities/${activity}/roadmap` }) },
  { id: 'liaisons', label: 'liaison statements register', shared: true, request: () => ({ method: 'GET', path: `/activities/${activity}/liaisons` }) },
  {
    id: 'meeting',
    label: 'meeting page, anonymous',
    shared: true,
    request: () => ({ method: 'GET', path: `/activities/${activity}/meetings/1` }),
  },
  {
    id: 'search',
    label: 'roadmap search page, varied words',
    shared: false,
    request: (s) => ({ method: 'GET', path: '/', setupRequest: (r) => ({ ...r, path: `/activities/${activity}/roadmap?q=${variedQuery(s.words)}` }) }),
  },
  {
    id: 'searchApi',
    label: 'roadmap search API, varied words',
    shared: false,
    request: (s) => ({ method: 'GET', path: '/', setupRequest: (r) => ({ ...r, path: `/api/v1/activities/${activity}/roadmap?q=${variedQuery(s.words)}` }) }),
  },
  {
    id: 'meetingSignedIn',
    label: 'meeting page, signed in (member)',
    shared: false,
    request: (s) => ({ method: 'GET', path: `/activities/${activity}/meetings/1`, headers: { cookie: s.cookie } }),
  },
  {
    id: 'register',
    label: 'registration POST, anonymous',
    shared: false,
    request: (s) => {
      if (!s.register) throw new Error('No demo meeting of JCA-QKDN or JCA-MV has its registration open.');
      const { path: registerPath, cookie, csrf, fields } = s.register;
      return {
        method: 'POST',
        path: registerPath,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (r) => ({
          ...r,
          body: new URLSearchParams({ ...fields, _csrf: csrf, email: `load-${counter++}-${randomBytes(3).toString('hex')}@example.org` }).toString(),
        }),
      };
    },
  },
];
const wantedPages = option('--pages')?.split(',');
const unknownPages = wantedPages?.filter((p) => !targets.some((t) => t.id === p)) ?? [];
if (unknownPages.length) throw new Error(`--pages: no page named ${unknownPages.join(', ')}; pages are ${targets.map((t) => t.id).join(', ')}`);
const selected = wantedPages ? targets.filter((t) => wantedPages.includes(t.id)) : targets;

/** What browsers send in Accept-Encoding. */
const browserEncodings = 'gzip, deflate, br';

/** A page's bytes as they cross the wire (not decompressed, as fetch would) and its Content-Encoding. */
function wireBytes(url: string, headers: Record<string, string>): Promise<{ body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': browserEncodings, ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: response.headers['content-encoding'] }));
      })
      .on('error', reject);
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]! : NaN);

async function hammer(baseUrl: string, id: string, label: string, shared: boolean, request: autocannon.Request): Promise<PageResult> {
  const latencies: number[] = [];
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    // As a browser asks: it takes gzip (Concord sends its kept pages gzipped to readers that do).
    const asked = { ...request, headers: { 'accept-encoding': browserEncodings, ...request.headers } };
    const instance = autocannon({ url: baseUrl, connections, duration: durationSeconds, timeout: 30, requests: [asked] }, (error, r) =>
      error ? reject(error) : resolve(r),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      // A form's POST answers 303 (see other) when it worked: only 4xx and 5xx are failures.
      if (status >= 400) failed++;
    });
  });
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const page: PageResult = {
    id,
    label,
    shared,
    requestsPerSecond: round(result.requests.total / durationSeconds),
    p50Ms: round(percentile(latencies, 0.5)),
    p95Ms: round(percentile(latencies, 0.95)),
    p99Ms: round(percentile(latencies, 0.99)),
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    failed,
  };
  process.stdout.write(
    `  ${label}: ${page.requestsPerSecond} req/s, p50 ${page.p50Ms} / p95 ${page.p95Ms} / p99 ${page.p99Ms} ms, ` +
      `${page.errors} errors, ${page.timeouts} timeouts, ${page.failed} answered 4xx/5xx (load ${loadAverage().join(', ')})\n`,
  );
  return page;
}

/** Cookies a response sets, as one Cookie header (name=value; …), merged over those we had. */
function mergeCookies(previous: string, response: Response): string {
  const jar = new Map(previous ? previous.split('; ').map((c) => c.split('=', 2) as [string, string]) : []);
  for (const set of response.headers.getSetCookie()) {
    const [pair] = set.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** What the pages need from the running demo: a member's session, search words, the registration form. */
async function prepare(baseUrl: string): Promise<Session> {
  const signInPage = await fetch(`${baseUrl}/sign-in`);
  let cookie = mergeCookies('', signInPage);
  const signIn = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'member@example.org', password: 'concord-demo', next: '/', _csrf: csrfOf(await signInPage.text()) ?? '' }).toString(),
  });
  if (signIn.status !== 303 && signIn.status !== 302) throw new Error(`Signing in the demo member answered ${signIn.status}`);
  cookie = mergeCookies(cookie, signIn);

  const roadmap = (await (await fetch(`${baseUrl}/api/v1/activities/${activity}/roadmap?pageSize=100`)).json()) as { entries?: { title: string }[] };
  const words = [...new Set((roadmap.entries ?? []).flatMap((e) => e.title.toLowerCase().match(/\p{L}{4,}/gu) ?? []))];
  if (words.length < 20) throw new Error(`The demo roadmap gave only ${words.length} search words.`);

  // The demo's upcoming meeting with its registration open is JCA-MV's; look through both activities' first meetings.
  let register: Session['register'] = null;
  for (const acronym of [activity, 'JCA-MV']) {
    for (let number = 1; number <= 5 && !register; number++) {
      const form = await fetch(`${baseUrl}/activities/${acronym}/meetings/${number}/register`);
      const html = await form.text();
      if (form.status !== 200 || !html.includes('name="email"')) continue;
      const choice = (name: string) =>
        new RegExp(`name="${name}"[^>]*value="([^"]+)"`).exec(html)?.[1] ?? new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?<option[^>]*value="([^"]+)"`).exec(html)?.[1];
      register = {
        path: `/activities/${acronym}/meetings/${number}/register`,
        cookie: mergeCookies('', form),
        csrf: csrfOf(html) ?? '',
        fields: { name: 'Load Test', affiliation: 'Benchmark', capacity: choice('capacity') ?? '', mode: choice('mode') ?? '', country: 'Switzerland' },
      };
    }
  }
  if (register) {
    const trial = await fetch(`${baseUrl}${register.path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: register.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...register.fields, _csrf: register.csrf, email: 'load-trial@example.org' }).toString(),
    });
    const location = trial.headers.get('location') ?? '';
    if (trial.status !== 303 || !location.includes('check-mail')) {
      throw new Error(`A trial registration did not go through (${trial.status} ${location}): ${(await trial.text()).slice(0, 300)}`);
    }
  }
  return { cookie, words, register };
}

async function startHelloWorld(pagesDir?: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/hello-world.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), PAGES_DIR: pagesDir ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`The hello-world exited (code ${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `concord_load_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(testDatabaseUrl!);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists "${name}" with (force)`);
    await cleanup.end();
  }
}

process.stdout.write(
  `Load benchmark: ${connections} connections, ${durationSeconds} s per page, engines ${engines.join(', ')}; ` +
    `load average ${loadAverage().join(', ')}.\n`,
);
const hello = await startHelloWorld();
const results: Record<string, { helloWorld: PageResult; pages: PageResult[] }> = {};
try {
  for (const engine of engines) {
    process.stdout.write(`\n${engine}: hello-world first, then each page\n`);
    const helloWorld = await hammer(hello.url, 'helloWorld', 'bare Fastify hello-world', true, { method: 'GET', path: '/' });
    const run = async (databaseUrl: string) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-load-'));
      let server: RunningServer | undefined;
      try {
        // `serve` loads the demo into an empty embedded database only: a server database gets it as `concord demo`.
        if (databaseUrl) {
          const demo = spawnSync(process.execPath, ['bin/concord.js', 'demo'], { cwd: repositoryRoot, env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, encoding: 'utf8' });
          if (demo.status !== 0) throw new Error(`Loading the demo into PostgreSQL failed:\n${demo.stdout}${demo.stderr}`);
        }
        server = await startServer(dataDir, { env: { DATABASE_URL: databaseUrl, ANONYMOUS_WRITES_PER_MINUTE: '100000' } });
        const baseUrl = server.url;
        const session = await prepare(baseUrl);
        // Each page's bytes (one answer of it), for a bare Fastify that sends the same: the yardstick of its size.
        const pagesDir = path.join(dataDir, 'same-bytes');
        fs.mkdirSync(pagesDir);
        const gets = selected.filter((t) => t.request(session).method === 'GET');
        for (const target of gets) {
          const template = target.request(session);
          const sample = typeof template.setupRequest === 'function' ? template.setupRequest({ ...template }, {}) : template;
          // The second answer: a kept page is kept (and gzipped) by the first.
          await wireBytes(`${baseUrl}${sample.path}`, (sample.headers ?? {}) as Record<string, string>);
          const { body, encoding } = await wireBytes(`${baseUrl}${sample.path}`, (sample.headers ?? {}) as Record<string, string>);
          fs.writeFileSync(path.join(pagesDir, encoding === 'gzip' ? `${target.id}.gz` : target.id), body);
        }
        const sameBytes = await startHelloWorld(pagesDir);
        const pages: PageResult[] = [];
        try {
          for (const target of selected) {
            const page = await hammer(baseUrl, target.id, target.label, target.shared, target.request(session));
            page.shareOfHelloWorld = Math.round((page.requestsPerSecond / helloWorld.requestsPerSecond) * 1000) / 10;
            if (gets.includes(target)) {
              const file = fs.existsSync(path.join(pagesDir, target.id)) ? target.id : `${target.id}.gz`;
              const bytes = fs.statSync(path.join(pagesDir, file)).size;
              const bare = await hammer(sameBytes.url, `${target.id}SameBytes`, `bare Fastify sending its ${bytes} bytes`, true, { method: 'GET', path: `/page/${file}` });
              page.sameBytes = { bytes, requestsPerSecond: bare.requestsPerSecond, share: Math.round((page.requestsPerSecond / bare.requestsPerSecond) * 1000) / 10 };
            }
            pages.push(page);
          }
        } finally {
          sameBytes.stop();
        }
        return pages;
      } finally {
        if (server) await stopServer(server);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    };
    const pages = engine === 'postgres' ? await withPostgresDatabase(run) : await run('');
    results[engine] = { helloWorld, pages };
  }
} finally {
  hello.stop();
}

const goals = { p99Ms: 500, sharedShare: 50, unsharedShare: 10 };
for (const [engine, { helloWorld, pages }] of Object.entries(results)) {
  process.stdout.write(`\n${engine} (hello-world ${helloWorld.requestsPerSecond} req/s, p99 ${helloWorld.p99Ms} ms)\n`);
  process.stdout.write('page                                     req/s   p50 ms   p95 ms   p99 ms  errors  timeouts  share  goal                                     same bytes: bare req/s, share\n');
  for (const p of pages) {
    const shareGoal = p.shared ? goals.sharedShare : goals.unsharedShare;
    const met = p.errors === 0 && p.timeouts === 0 && p.failed === 0 && p.p99Ms <= goals.p99Ms && (p.shareOfHelloWorld ?? 0) >= shareGoal;
    process.stdout.write(
      `${p.label.slice(0, 40).padEnd(40)} ${String(p.requestsPerSecond).padStart(6)} ${String(p.p50Ms).padStart(8)} ${String(p.p95Ms).padStart(8)} ` +
        `${String(p.p99Ms).padStart(8)} ${String(p.errors + p.failed).padStart(7)} ${String(p.timeouts).padStart(9)} ${`${p.shareOfHelloWorld}%`.padStart(6)}  ` +
        `${(met ? 'met' : 'MISSED').padEnd(6)} (≥ ${shareGoal}%, p99 ≤ ${goals.p99Ms} ms, no errors)` +
        (p.sameBytes ? `  ${p.sameBytes.requestsPerSecond} req/s (${p.sameBytes.bytes} B), ${p.sameBytes.share}%` : '') + '\n',
    );
  }
}
const file = writeResults('load', { connections, durationSeconds, goals, results });
process.stdout.write(`\nFigures written to ${path.relative(repositoryRoot, file)}\n`);
