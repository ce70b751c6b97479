// The background worker: runs due jobs and sends due mail from the outbox. Runs in the web process by default, or
// as `concord worker`.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { sweepTemporaryFiles } from './file-store.ts';
import { type JobHandlers, runDueJobs } from './jobs.ts';
import { createSmtpTransport, deliverDueMail, type MailTransport } from './mail/outbox.ts';
import { announceWorker } from './worker-presence.ts';

export type Worker = { stop(): Promise<void> };

const mailRound = 2000;

/**
 * Delivers due mail round after round while rounds come back full, so a large announcement goes out in one tick
 * instead of one round per tick; returns how many were sent.
 */
export async function drainDueMail(db: Db, transport: MailTransport, options: { from: string; dataDir: string; workerId?: string; signal?: AbortSignal }): Promise<number> {
  let total = 0;
  for (;;) {
    if (options.signal?.aborted) return total;
    const sent = await deliverDueMail(db, transport, { ...options, batch: mailRound });
    total += sent;
    if (sent < mailRound) return total;
  }
}

/**
 * Polls every `intervalMs`: jobs always (run by `jobHandlers`, which the entry gathers from the modules); mail only with SMTP_URL (without it, mail waits on Administration › Mail
 * outbox). One tick at a time, so a slow tick is never overlapped by the next.
 */
export function startWorker(
  db: Db,
  config: Config,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  jobHandlers: JobHandlers,
  intervalMs = 2000,
): Worker {
  if (!config.smtpUrl) log.info('No SMTP_URL: mail stays in the outbox (Administration › Mail outbox).');
  const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : undefined;
  // Known as alive before the first tick, so the mail this worker claims is never mistaken for a dead one's; the
  // registration also frees at once what a dead worker of this machine held.
  const presence = announceWorker(db);
  let running: Promise<unknown> = Promise.all([sweepTemporaryFiles({ dataDir: config.dataDir, db }).catch(() => 0), presence.catch(() => undefined)]);
  // Swept again every hour, so a server that runs for weeks does not keep staged imports nobody confirmed.
  let sweptAt = Date.now();
  let busy = false;
  let stopped = false;
  // Aborted by stop: the round in progress sends no further mail (what it claimed goes back to the queue).
  const stopping = new AbortController();
  const tick = () => {
    if (busy || stopped) return;
    busy = true;
    running = (async () => {
      try {
        if (Date.now() - sweptAt > 3_600_000) {
          sweptAt = Date.now();
          await sweepTemporaryFiles({ dataDir: config.dataDir, db }).catch(() => 0);
        }
        const ran = await runDueJobs(db, jobHandlers, { config, log, signal: stopping.signal });
        if (ran) log.info({ ran }, 'jobs run');
        if (transport) {
          const workerId = (await presence.catch(() => undefined))?.id;
          const sent = await drainDueMail(db, transport, { from: config.mailFrom, dataDir: config.dataDir, workerId, signal: stopping.signal });
          if (sent) log.info({ sent }, 'mail sent');
        }
      } catch (error) {
        log.error({ err: error }, 'background work failed');
      } finally {
        busy = false;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    /**
     * Stops gracefully: no new tick; the job running finishes (a job's work and its "done" commit together); the mails
     * being sent finish and those claimed but not begun go back to the queue with the worker's row removed, so another
     * worker takes them at once.
     */
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      stopping.abort();
      await running;
      await (await presence.catch(() => undefined))?.stop().catch(() => {});
      transport?.close();
    },
  };
}
