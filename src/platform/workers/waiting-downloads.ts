// Downloads that wait their turn on the worker pool. When a page asks for a file while every thread is busy, the file
// becomes a waiting download with an unguessable id: the reader is sent to its page, which says where it stands
// (queued with its place in line, being made, ready, failed) and refreshes itself until the file is ready. Kept in
// this process's memory only: bounded per reader and in all, and forgotten ten minutes after it ends (a reader who
// lost it asks again). A download is its owner's alone; anyone else is told it does not exist.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { Ticket } from './pool.ts';

export type DownloadState =
  | { state: 'queued'; position: number }
  | { state: 'running' }
  | { state: 'ready'; bytes: Buffer }
  | { state: 'failed'; error: Error };

export type WaitingDownload = {
  id: string;
  fileName: string;
  contentType: string;
  /** the page to go back to */
  backTo: string;
  state(): DownloadState;
};

type Kept = WaitingDownload & { owner: string; endedAt?: number };

/** Who owns a download: the account, or for a visitor who is not signed in the address they ask from. */
export function downloadOwner(actor: Actor, address: string): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : `address:${address}`;
}

export class WaitingDownloads {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly limits = { perOwner: 3, total: 200, keptMs: 10 * 60_000 },
    private readonly now = () => Date.now(),
  ) {}

  /**
   * Starts a file (`start` hands it to the pool) and keeps it for `owner`; refused (429) before anything starts when the
   * owner already waits for as many as allowed, or the process keeps as many as it may.
   */
  add(owner: string, file: { fileName: string; contentType: string; backTo: string; start: () => Ticket<Buffer> }): WaitingDownload {
    this.sweep();
    const mine = [...this.kept.values()].filter((d) => d.owner === owner && d.endedAt === undefined).length;
    if (mine >= this.limits.perOwner || this.kept.size >= this.limits.total) throw new AppError('too_many_requests');
    const ticket = file.start();
    let outcome: { bytes: Buffer } | { error: Error } | undefined;
    const download: Kept = {
      id: randomBytes(18).toString('base64url'),
      owner,
      fileName: file.fileName,
      contentType: file.contentType,
      backTo: file.backTo,
      state: () => {
        if (outcome) return 'bytes' in outcome ? { state: 'ready', bytes: outcome.bytes } : { state: 'failed', error: outcome.error };
        const position = ticket.position();
        return position ? { state: 'queued', position } : { state: 'running' };
      },
    };
    ticket.result.then(
      (bytes) => {
        outcome = { bytes };
        download.endedAt = this.now();
      },
      (error: Error) => {
        outcome = { error };
        download.endedAt = this.now();
      },
    );
    this.kept.set(download.id, download);
    return download;
  }

  /** The owner's download, or 404. */
  get(owner: string, id: string): WaitingDownload {
    this.sweep();
    const download = this.kept.get(id);
    if (!download || download.owner !== owner) throw new AppError('not_found');
    return download;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, download] of this.kept) if (download.endedAt !== undefined && now - download.endedAt > this.limits.keptMs) this.kept.delete(id);
  }
}
