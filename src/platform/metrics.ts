// /metrics for operators (Prometheus text format): request durations per route and the process's own figures.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAdmin } from './actor.ts';
import { AppError } from './errors.ts';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const metricsPath = '/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read the metrics (they tell request rates per route and the process's memory, which help an attacker time a
 * denial of service): a site admin's session, or a scraper sending METRICS_TOKEN as a bearer token. Not "from
 * 127.0.0.1": behind a reverse proxy on the same machine every request comes from there.
 */
export function mayReadMetrics(request: FastifyRequest, metricsToken: string | undefined): boolean {
  if (isAdmin(request.actor)) return true;
  const authorization = request.headers.authorization;
  if (!metricsToken || !authorization?.startsWith('Bearer ')) return false;
  // Compared as digests, in constant time: the token's length and prefix leak nothing.
  return timingSafeEqual(digest(authorization.slice(7).trim()), digest(metricsToken));
}

/** One registry per app, so several apps in one process (tests) never count twice. */
export function registerMetrics(app: FastifyInstance, metricsToken: string | undefined): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'concord_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: /organizations/:id is one series, not one per organization.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get(metricsPath, { schema: { hide: true } }, async (request, reply) => {
    // Answered as a missing page: whoever may not read it need not learn it is there.
    if (!mayReadMetrics(request, metricsToken)) throw new AppError('not_found');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
