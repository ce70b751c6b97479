// Group commit: calls that arrive while a batch is being written wait, and are written together as the next batch. A
// call that comes alone is written at once (a batch of one); under load one transaction carries many calls, so the
// statements, the locks and the commit are paid once a batch instead of once a call. PGlite runs every statement on
// this thread, one at a time, so what a call costs there is mostly what its statements cost; on PostgreSQL the same
// sharing spares the round trips and the waits on a lock that every call of the batch would have taken in turn.
//
// Each call still gets its own answer or its own refusal: `write` reports an outcome per item. A batch whose write
// throws (a unique index raced by another process, a broken row) is written again one item at a time, so the failure
// reaches only the call it belongs to.
import { AsyncResource } from 'node:async_hooks';

/** What became of one item of a batch. */
export type BatchOutcome<T> = { value: T } | { error: unknown };

type Waiting<Item, Result> = {
  item: Item;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
  /** The async context of the call (AsyncLocalStorage: who asked, which statements are whose). */
  context: AsyncResource;
};

export type GroupCommitOptions<Item, Result> = {
  /** Writes the items, in one transaction; one outcome per item, in the order given. */
  write: (items: Item[]) => Promise<BatchOutcome<Result>[]>;
  /** Items with the same key never share a batch: the later one waits for the next, and so sees the earlier one's writes. */
  key?: (item: Item) => string;
  /** The most items a batch takes (the rest wait for the next), which bounds how long one transaction holds its locks. */
  maxBatch?: number;
};

export class GroupCommit<Item, Result> {
  private readonly waiting: Waiting<Item, Result>[] = [];
  private writing = false;

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {}

  /** Writes `item` with whatever else is waiting, and resolves to its outcome once its batch has committed. */
  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject, context: new AsyncResource('GroupCommit') });
      if (this.writing) return;
      this.writing = true;
      // After the current task: calls made together (in one tick) start in the same batch.
      queueMicrotask(() => void this.drain());
    });
  }

  /** How many calls wait for a batch (not counting the batch being written). */
  get backlog(): number {
    return this.waiting.length;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.nextBatch();
      // In the context of its oldest call, not of whichever call started the first batch.
      await batch[0]!.context.runInAsyncScope(() => this.writeBatch(batch));
      // The event loop turns between batches: it reads the requests that arrived meanwhile (the next batch) and sends
      // the answers of this one. On PGlite, whose statements run on this thread, batch after batch would otherwise
      // keep it for as long as callers keep coming, and a request whose socket is not read would wait all that time.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.writing = false;
  }

  /** The oldest waiting items, one per key, up to maxBatch; the others keep their places. */
  private nextBatch(): Waiting<Item, Result>[] {
    const { key, maxBatch = 100 } = this.options;
    const batch: Waiting<Item, Result>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < maxBatch; ) {
      const waiting = this.waiting[i]!;
      const k = key?.(waiting.item);
      if (k !== undefined && keys.has(k)) {
        i++;
        continue;
      }
      if (k !== undefined) keys.add(k);
      batch.push(waiting);
      this.waiting.splice(i, 1);
    }
    return batch;
  }

  private async writeBatch(batch: Waiting<Item, Result>[]): Promise<void> {
    let outcomes: BatchOutcome<Result>[];
    try {
      outcomes = await this.options.write(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const waiting of batch) await waiting.context.runInAsyncScope(() => this.writeBatch([waiting]));
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (!outcome) waiting.reject(new Error('group commit: the write gave no outcome for this item'));
      else if ('error' in outcome) waiting.reject(outcome.error);
      else waiting.resolve(outcome.value);
    });
  }
}
