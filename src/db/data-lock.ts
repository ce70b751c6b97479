// Two processes opening one PGlite directory lose data silently, so Concord holds a lock file while it runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly directory: string,
    readonly holderPid: number,
  ) {
    super(
      `Another Concord process (pid ${holderPid}) is already using the data directory ${directory}. ` +
        'Stop it first, or give this process its own DATA_DIR, or use PostgreSQL with DATABASE_URL.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `directory` (creating it), or throws DataDirectoryLockedError; returns the release function. */
export function acquireDataLock(directory: string): () => void {
  fs.mkdirSync(directory, { recursive: true });
  const lockPath = path.join(directory, 'concord.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date() }), {
        flag: 'wx',
      });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder !== undefined && isAlive(holder)) {
        throw new DataDirectoryLockedError(directory, holder);
      }
      // The holder died without releasing (or the file is unreadable): the lock is stale. A live holder may be
      // this very process: opening one directory twice in a process loses data just the same.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function readHolder(lockPath: string): number | undefined {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
