// Loaded with `node --import` into a Concord process that a crash test will kill (test/crash.test.ts). It stops the
// process at a chosen point, the way a crash would catch it there, and says so on standard error; the test then sends
// SIGKILL. The point is chosen by CONCORD_CRASH_POINT, a JSON object:
//   { "sql": "<regular expression>", "nth": 2 }  the nth statement whose text matches (either engine), before it runs
//   { "rename": "<substring>" }                   the first fs.promises.rename whose destination contains it
// With "armed": false, nothing stops until the process receives SIGUSR2 (it answers "ARMED" on standard error), so the
// test can first make changes the point would otherwise catch and see them acknowledged.
// Nothing of Concord knows about this file: it patches the database drivers and node:fs from outside.
import fs from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

const point = process.env.CONCORD_CRASH_POINT ? JSON.parse(process.env.CONCORD_CRASH_POINT) : undefined;
let armed = point?.armed !== false;
if (point && !armed) {
  process.on('SIGUSR2', () => {
    armed = true;
    fs.writeSync(2, 'ARMED\n');
  });
}

/** Says where the process stopped (synchronously: the test kills it the moment it reads this) and never returns. */
function stopHere(what) {
  fs.writeSync(2, `CRASH-POINT ${what}\n`);
  return new Promise(() => {});
}

if (point?.sql) {
  const pattern = new RegExp(point.sql, 'i');
  let seen = 0;
  const matches = (text) => armed && typeof text === 'string' && pattern.test(text) && ++seen === (point.nth ?? 1);

  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (matches(text)) return stopHere(`sql ${seen}`);
    return query.call(this, config, ...rest);
  };

  // PGlite sends every statement (in a transaction or not) through execProtocolStream as wire-protocol messages; a
  // Parse or Query message carries the statement's text.
  let owner = PGlite.prototype;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'execProtocolStream')) owner = Object.getPrototypeOf(owner);
  if (!owner) throw new Error('crash-points: PGlite has no execProtocolStream to patch');
  const execProtocolStream = owner.execProtocolStream;
  owner.execProtocolStream = function (message, ...rest) {
    const type = message?.[0];
    // 'P' (Parse) and 'Q' (simple Query) carry SQL; Bind, Describe, Execute and Sync do not.
    if ((type === 0x50 || type === 0x51) && matches(Buffer.from(message).toString('utf8'))) return stopHere(`sql ${seen}`);
    return execProtocolStream.call(this, message, ...rest);
  };
}

if (point?.rename) {
  const rename = fs.promises.rename;
  let stopped = false;
  fs.promises.rename = function (from, to) {
    if (armed && !stopped && String(to).includes(point.rename)) {
      stopped = true;
      return stopHere(`rename ${from} -> ${to}`);
    }
    return rename.call(this, from, to);
  };
}
