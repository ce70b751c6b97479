// The background worker: sends due mail from the outbox. Runs in the web process by default, or as `concord worker`.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { createSmtpTransport, deliverDueMail } from './mail/outbox.ts';

export type Worker = { stop(): Promise<void> };

/** Polls every `intervalMs`; without SMTP_URL there is nothing to send, and mail waits in the outbox page. */
export function startWorker(db: Db, config: Config, log: Pick<FastifyBaseLogger, 'info' | 'error'>, intervalMs = 2000): Worker {
  if (!config.smtpUrl) {
    log.info('No SMTP_URL: mail stays in the outbox (Administration › Mail outbox).');
    return { stop: async () => {} };
  }
  const transport = createSmtpTransport(config.smtpUrl);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = deliverDueMail(db, transport, { from: config.mailFrom })
      .then((sent) => sent && log.info({ sent }, 'mail sent'))
      .catch((error) => log.error({ err: error }, 'mail delivery failed'));
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, intervalMs);
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
