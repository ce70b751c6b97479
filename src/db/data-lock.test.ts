import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { acquireDataLock, DataDirectoryLockedError } from './data-lock.ts';
import { openDatabase } from './engine.ts';

const directories: string[] = [];
function freshDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-lock-'));
  directories.push(directory);
  return directory;
}
after(() => {
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
});

const lockFile = (directory: string) => path.join(directory, 'concord.lock');
const holderOf = (directory: string) => JSON.parse(fs.readFileSync(lockFile(directory), 'utf8')).pid as number;

/** The pid of a process that has exited: a lock it left behind is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.equal(child.status, 0);
  return child.pid;
}

describe('acquireDataLock', () => {
  it('writes a lock file naming this process, and release removes it', () => {
    const directory = path.join(freshDirectory(), 'not-yet-created');
    const release = acquireDataLock(directory);
    assert.equal(holderOf(directory), process.pid);
    release();
    assert.equal(fs.existsSync(lockFile(directory)), false);
    release();
  });

  it('refuses a second lock on the same directory, even from the same process, naming the holder', () => {
    const directory = freshDirectory();
    const release = acquireDataLock(directory);
    try {
      assert.throws(
        () => acquireDataLock(directory),
        (error: unknown) =>
          error instanceof DataDirectoryLockedError &&
          error.holderPid === process.pid &&
          error.message ===
            `Another Concord process (pid ${process.pid}) is already using the data directory ${directory}. ` +
              'Stop it first, or give this process its own DATA_DIR, or use PostgreSQL with DATABASE_URL.',
      );
      assert.equal(holderOf(directory), process.pid, 'the refused attempt leaves the lock as it was');
    } finally {
      release();
    }
    acquireDataLock(directory)();
  });

  it('refuses a lock held by another live process', () => {
    const directory = freshDirectory();
    // pid 1 is always alive; whether we may signal it or not, it counts as a holder.
    fs.writeFileSync(lockFile(directory), JSON.stringify({ pid: 1, host: os.hostname(), since: new Date() }));
    assert.throws(() => acquireDataLock(directory), /Another Concord process \(pid 1\) is already using/);
    assert.equal(holderOf(directory), 1);
  });

  it('takes over a lock left by a process that died', () => {
    const directory = freshDirectory();
    const dead = deadPid();
    fs.writeFileSync(lockFile(directory), JSON.stringify({ pid: dead, host: os.hostname(), since: new Date() }));
    const release = acquireDataLock(directory);
    assert.equal(holderOf(directory), process.pid);
    release();
    assert.equal(fs.existsSync(lockFile(directory)), false);
  });

  it('takes over a lock naming this process\'s pid that it does not hold (a container started again runs as the same pid)', () => {
    const directory = freshDirectory();
    fs.writeFileSync(lockFile(directory), JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date() }));
    const release = acquireDataLock(directory);
    assert.equal(holderOf(directory), process.pid);
    assert.throws(() => acquireDataLock(directory), DataDirectoryLockedError, 'now it holds it');
    release();
  });

  const onLinux = fs.existsSync('/proc/self/stat') && fs.existsSync('/proc/sys/kernel/random/boot_id');
  it('takes over a lock whose pid now belongs to another process, or that was written before the machine restarted', { skip: !onLinux && 'needs /proc' }, () => {
    for (const stale of [{ startTicks: '1' }, { bootId: '00000000-0000-0000-0000-000000000000' }]) {
      const directory = freshDirectory();
      // pid 1 is alive, but it is not the process that wrote this lock.
      fs.writeFileSync(lockFile(directory), JSON.stringify({ pid: 1, host: os.hostname(), since: new Date(), ...stale }));
      const release = acquireDataLock(directory);
      assert.equal(holderOf(directory), process.pid, JSON.stringify(stale));
      release();
    }
  });

  it('records the boot and its start time, so that a live holder is still recognised', { skip: !onLinux && 'needs /proc' }, () => {
    const directory = freshDirectory();
    const release = acquireDataLock(directory);
    const written = JSON.parse(fs.readFileSync(lockFile(directory), 'utf8')) as { bootId: string; startTicks: string };
    assert.equal(written.bootId, fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    assert.match(written.startTicks, /^\d+$/);
    release();
    // The same record naming pid 1 with pid 1's own start time is a live holder.
    const stat = fs.readFileSync('/proc/1/stat', 'utf8');
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    fs.writeFileSync(lockFile(directory), JSON.stringify({ pid: 1, bootId: written.bootId, startTicks }));
    assert.throws(() => acquireDataLock(directory), /Another Concord process \(pid 1\)/);
  });

  it('takes over an unreadable lock file', () => {
    const directory = freshDirectory();
    fs.writeFileSync(lockFile(directory), 'half a wri');
    const release = acquireDataLock(directory);
    assert.equal(holderOf(directory), process.pid);
    release();
  });
});

describe('openDatabase on a PGlite directory', () => {
  it('refuses to open a directory another holder has locked, and leaves its lock alone', async () => {
    const directory = freshDirectory();
    const release = acquireDataLock(directory);
    try {
      await assert.rejects(
        openDatabase({ engine: 'pglite', dataDir: path.join(directory, 'pglite') }),
        (error: unknown) => error instanceof DataDirectoryLockedError && error.directory === directory,
      );
      assert.equal(holderOf(directory), process.pid);
      assert.equal(fs.existsSync(path.join(directory, 'pglite')), false, 'the refused open created no database files');
    } finally {
      release();
    }
  });

  it('keeps a second open out while the first is open, and lets the directory go on close', async () => {
    const directory = freshDirectory();
    const dataDir = path.join(directory, 'pglite');
    const first = await openDatabase({ engine: 'pglite', dataDir });
    try {
      await first.db.execute('select 1');
      await assert.rejects(openDatabase({ engine: 'pglite', dataDir }), DataDirectoryLockedError);
      assert.equal(holderOf(directory), process.pid);
    } finally {
      await first.close();
    }
    assert.equal(fs.existsSync(lockFile(directory)), false, 'close releases the lock');
    acquireDataLock(directory)();
  });
});
