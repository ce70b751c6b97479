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

/** Directories this process holds the lock of: a lock naming this pid is ours only if listed here. */
const heldHere = new Set<string>();

/** What the lock file records of its holder. `bootId` and `startTicks` tell a reused pid from the holder (Linux). */
type Holder = { pid: number; bootId?: string; startTicks?: string };

function currentBootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** When the process started, in clock ticks since boot (/proc/<pid>/stat, field 22); undefined off Linux. */
function startTicksOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * Whether the process the lock names still holds it. A pid alone is not enough: after a crash the pid may be given to
 * another process, and a container started again runs Concord under the very pid (often 1) that the dead one had, so
 * a lock naming it would otherwise keep Concord out for good. The boot and the holder's start time settle it.
 */
function holds(directory: string, holder: Holder): boolean {
  if (holder.pid === process.pid) return heldHere.has(directory);
  if (!isAlive(holder.pid)) return false;
  const boot = currentBootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  const started = holder.startTicks ? startTicksOf(holder.pid) : undefined;
  if (started && started !== holder.startTicks) return false;
  return true;
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
  const key = path.resolve(directory);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const holder = { pid: process.pid, host: os.hostname(), since: new Date(), bootId: currentBootId(), startTicks: startTicksOf(process.pid) };
      fs.writeFileSync(lockPath, JSON.stringify(holder), { flag: 'wx' });
      heldHere.add(key);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(key);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      // This very process counts as a holder too: opening one directory twice in a process loses data just the same.
      if (holder !== undefined && holds(key, holder)) {
        throw new DataDirectoryLockedError(directory, holder.pid);
      }
      // The holder died without releasing, or its pid now belongs to another process (or the file is unreadable):
      // the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function readHolder(lockPath: string): Holder | undefined {
  try {
    const recorded = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Record<string, unknown>;
    const pid = Number(recorded.pid);
    if (!Number.isInteger(pid)) return undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { pid, bootId: text(recorded.bootId), startTicks: text(recorded.startTicks) };
  } catch {
    return undefined;
  }
}
