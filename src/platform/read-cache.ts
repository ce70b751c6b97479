// Results of reads that change only when the event log grows (every change writes an event in its transaction), kept
// in this process until the next change anywhere. A meeting's 300 documents or 400 participants are read once per
// change instead of once per page view: on PGlite, decoding those rows alone costs more than the page's time budget.
//
// A kept result is used only while this process hears of every change: its own event writes (before they commit and
// again after; see db/engine.ts) and, through LISTEN, the database's notification of any process's commit (migration
// events_notify). While that is not known, every read goes to the database. The signal is coarse on purpose — any
// change drops every kept result — because writes are rare next to reads and a finer rule would be a place to be wrong.
import type { Database, Tx } from '../db/engine.ts';
import { onEventsWritten } from './events.ts';

/** Enough for the pages of a few busy meetings per activity across many activities; the oldest key goes first. */
const defaultCapacity = 500;

export class ReadCache {
  private following = false;
  /** Counts the changes heard: a result taken at one generation is good only while the generation is the same. */
  private changes = 0;
  private readonly kept = new Map<string, Promise<unknown>>();
  private readonly stopCounting: () => void;

  constructor(private readonly capacity = defaultCapacity) {
    this.stopCounting = onEventsWritten(() => this.changed());
  }

  private changed(): void {
    this.changes++;
    this.kept.clear();
  }

  /**
   * Where this process stands in the log of changes, or undefined while it cannot know of every change (not
   * following): a value computed at one generation may be kept and served only while the generation is unchanged.
   */
  get generation(): number | undefined {
    return this.following ? this.changes : undefined;
  }

  /** Listens to the database's notifications of new events; resolves to a function that stops (and stops keeping). */
  async follow(database: Pick<Database, 'listen'>): Promise<() => Promise<void>> {
    const stop = await database.listen(
      'concord_events',
      () => {
        this.changed();
        this.following = true;
      },
      () => {
        this.following = false;
        this.changed();
      },
    );
    this.following = true;
    return async () => {
      this.following = false;
      this.changed();
      this.stopCounting();
      await stop();
    };
  }

  /**
   * The kept result of `read` under `key`, or a fresh one. Any change drops every kept result, including reads still
   * running: a result read before a commit is never served after it.
   */
  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.following) return read();
    const hit = this.kept.get(key);
    if (hit) {
      // Most recently used last, so the oldest unused key is the one dropped when full.
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit as Promise<T>;
    }
    // A real promise: a query builder is a thenable that would run its query again at every await.
    const value = Promise.resolve(read());
    this.kept.set(key, value);
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    value.catch(() => {
      if (this.kept.get(key) === value) this.kept.delete(key);
    });
    return value;
  }

  get size(): number {
    return this.kept.size;
  }
}

const caches = new WeakMap<object, ReadCache>();

/** The cache of the application's database handle (created by buildApp, which makes it follow the log). */
export function readCacheFor(db: Tx): ReadCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadCache();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * `read()`, kept under `key` when `tx` is the application's database handle; inside a transaction (which may hold
 * its own uncommitted writes) always read afresh. Callers must treat the result as read-only: it is shared.
 */
export function cachedRead<T>(tx: Tx, key: string, read: () => Promise<T>): Promise<T> {
  const cache = caches.get(tx);
  return cache ? cache.get(key, read) : read();
}
