// The parts of Concord that are not plain JavaScript, checked on whichever Node.js runs the suite (.ci/run runs it on
// Node 20, 22 and 24): argon2 (@node-rs/argon2, a native addon from a per-platform package), PGlite (PostgreSQL in WebAssembly)
// and resvg (a native addon that draws the roadmap timeline). A runtime that cannot load one of them fails here
// first, with the part named, rather than somewhere deep in a feature test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verify } from '@node-rs/argon2';
import { Resvg } from '@resvg/resvg-js';
import { sql } from 'drizzle-orm';
import { openDatabase, pgliteSliceMs } from '../src/db/engine.ts';
import { hashPassword } from '../src/platform/auth/accounts.ts';

test(`argon2 hashes and verifies on Node ${process.version}`, async () => {
  const hash = await hashPassword('correct horse battery');
  assert.match(hash, /^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
  assert.equal(await verify(hash, 'correct horse battery'), true);
  assert.equal(await verify(hash, 'wrong horse battery'), false);
});

test('passwords hashed by the argon2 package Concord used until December 2026 still verify', async () => {
  // Made by argon2@0.45 (ranisalt/node-argon2), whose prebuilt addon targets Node-API 10 and crashes Node 20.
  const earlier = '$argon2id$v=19$m=65536,p=4,t=3$4N10MqyyhBIEes/jqisZcg$OmF35DlBdrFNxtvdddsghmPXPLLFVNghftT4h2N9ZK8';
  assert.equal(await verify(earlier, 'correct horse battery'), true);
  assert.equal(await verify(earlier, 'correct horse battery!'), false);
});

test(`PGlite opens, migrates and answers on Node ${process.version}`, async () => {
  const database = await openDatabase({ engine: 'pglite' });
  try {
    await database.migrate();
    const rows = await database.db.execute(sql`select count(*)::int as n from activities`);
    assert.deepEqual([...(rows as unknown as { rows: { n: number }[] }).rows], [{ n: 0 }]);
  } finally {
    await database.close();
  }
});

test('PGlite lets the event loop turn at least every few milliseconds of statements, queued or in a transaction', async () => {
  // PGlite runs statements on this thread; a backlog run in one turn kept sockets unread and new connections
  // unaccepted for as long as it lasted (src/db/engine.ts takeTurns).
  const database = await openDatabase({ engine: 'pglite' });
  let turns = 0;
  let ticking = true;
  const tick = () => {
    turns++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    // Each about a millisecond or more: a backlog of 40 is far longer than one slice.
    const slow = sql`select count(*) from generate_series(1, 20000)`;
    await database.db.execute(slow);
    const ended: { turn: number; at: number; took: number }[] = [];
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      ended.push({ turn: turns, at: performance.now(), took: performance.now() - started });
    };
    await Promise.all(Array.from({ length: 40 }, () => timed(() => database.db.execute(slow))));
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 20; i++) await timed(() => tx.execute(slow));
    });
    const byTurn = new Map<number, typeof ended>();
    for (const e of ended) byTurn.set(e.turn, [...(byTurn.get(e.turn) ?? []), e]);
    assert.ok(byTurn.size > 5, `the loop turned while 60 statements ran (turns: ${[...byTurn.keys()].join(', ')})`);
    const longest = Math.max(...ended.map((e) => e.took));
    for (const [turn, statements] of byTurn) {
      const span = statements.at(-1)!.at - statements[0]!.at;
      // Within one turn, statements start only while less than a slice has passed: the last may end one statement later.
      assert.ok(span <= pgliteSliceMs + 2 * longest, `turn ${turn} ran statements for ${span.toFixed(1)} ms (slice ${pgliteSliceMs} ms, longest ${longest.toFixed(1)} ms)`);
    }
    // Quick statements share a turn: waiting for one before each cost a page of seven statements milliseconds.
    await new Promise((resolve) => setImmediate(resolve));
    const quick: number[] = [];
    await Promise.all(Array.from({ length: 8 }, () => database.db.execute(sql`select 1`).then(() => quick.push(turns))));
    assert.ok(new Set(quick).size <= 3, `8 quick statements ended at turns ${quick.join(', ')}`);
  } finally {
    ticking = false;
    await database.close();
  }
});

test(`resvg renders a picture on Node ${process.version}`, () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c00"/></svg>';
  const png = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  assert.equal(png.width, 40);
  assert.equal(png.height, 20);
  const bytes = png.asPng();
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
});

test('PostgreSQL connections run without JIT compilation, keeping the options their URL gives', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' }, async () => {
  // A JIT compile took 135–160 ms of overlap-queue statements that run in under 5 ms (src/db/engine.ts withoutJit).
  const url = new URL(process.env.TEST_DATABASE_URL!);
  for (const options of [undefined, '-c work_mem=8MB']) {
    if (options) url.searchParams.set('options', options);
    const database = await openDatabase({ engine: 'postgres', url: url.toString() });
    try {
      const [jit] = ((await database.db.execute(sql`show jit`)) as unknown as { rows: { jit: string }[] }).rows;
      assert.equal(jit?.jit, 'off');
      if (options) {
        const [memory] = ((await database.db.execute(sql`show work_mem`)) as unknown as { rows: { work_mem: string }[] }).rows;
        assert.equal(memory?.work_mem, '8MB');
      }
    } finally {
      await database.close();
    }
  }
});
