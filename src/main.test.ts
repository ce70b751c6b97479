// The `concord` command as an operator runs it: a real process on a real embedded database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-'));
const concord = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/concord.js', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    input,
    encoding: 'utf8',
  });

describe('concord CLI', () => {
  before(() => {
    const migrated = concord(['migrate']);
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.equal(migrated.stdout, 'Migrations applied.\n');
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates the first admin, reading the password from standard input', () => {
    const result = concord(['user', 'add', '--admin', '--email', 'Boss@Example.org', '--name', 'The Boss'], 'a long enough password\n');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'Account boss@example.org created (site administrator).\n');
  });

  it('explains bad input field by field and exits 1', () => {
    const result = concord(['user', 'add', '--email', 'not-an-address', '--name', 'X', '--password', 'short']);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      'The input is not valid:\n  email: Enter an e-mail address such as name@example.org.\n',
    );
  });

  it('refuses an e-mail address that already has an account', () => {
    const result = concord(['user', 'add', '--email', 'boss@example.org', '--name', 'Again', '--password', 'another long one']);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'The input is not valid:\n  email: An account with this e-mail address already exists.\n');
  });

  it('names a bad configuration variable instead of starting', () => {
    const result = spawnSync(process.execPath, ['bin/concord.js', 'serve'], { env: { ...process.env, PORT: '70000' }, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'Concord cannot start: the configuration is not valid.\n  - PORT must be between 1 and 65535 (got "70000")\n');
  });

  it('shows the usage for an unknown command', () => {
    const result = concord(['frobnicate']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Unknown command "frobnicate"\.\n\nUsage: concord <command>/);
  });
});
