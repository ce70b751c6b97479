// This process's signal that it wrote events: readers that keep results until the event log grows (the roadmap
// search copy, platform/read-cache.ts) listen to it. It lives in the database layer because the engine signals again
// when a transaction that wrote events ends (db/engine.ts); platform/events.ts re-exports it.
const writeListeners = new Set<() => void>();
let writes = 0;

/**
 * Calls `listener` whenever this process writes events (before they commit). Readers that keep a copy of the log
 * (the roadmap search) learn of this process's own writes at once; other processes' writes reach them by the
 * database's notification (migration events_notify), which arrives a moment after the commit.
 */
export function onEventsWritten(listener: () => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

/** For code that inserts event rows in bulk rather than through recordEvent. */
export function eventsWritten(): void {
  writes++;
  for (const listener of writeListeners) listener();
}

/** How many times this process has signalled event writes (db/engine.ts compares it around a transaction). */
export function eventWriteCount(): number {
  return writes;
}
