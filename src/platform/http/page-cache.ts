// Pages that every anonymous reader gets alike, kept as the bytes sent until the next change (issue 14: the home page
// cost sixteen hello-worlds, an activity's overview over a hundred). A page is kept only when nothing in it was made
// for its reader: an anonymous GET, no flash message, no CSRF token asked for (pages without forms), no cookie set,
// status 200, HTML. The key is the language and the address (path and query); anonymous readers all see UTC.
//
// Freshness rides on the kept reads' signal (read-cache.ts): any event written by this process, or heard through the
// database's notification of another process's commit, moves the generation on, and a page kept at an older
// generation is never served again. While that signal is not known (not following), nothing is kept or served.
//
// Each kept page is also kept gzipped, made once when it is kept, for the readers that take it (every browser does):
// a page of 9 KB is 2–3 KB on the wire, and under load a kept page costs what writing its bytes costs.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../../db/engine.ts';
import { readCacheFor } from '../read-cache.ts';

type KeptPage = { generation: number; body: Buffer; etag: string; gzip: Buffer; gzipEtag: string; contentType: string };

/** Whether the reader takes gzip: Accept-Encoding names it (or `*`) without `q=0`. */
export function takesGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((part) => {
    const [coding = '', ...parameters] = part.split(';').map((p) => p.trim());
    if (coding.toLowerCase() !== 'gzip' && coding !== '*') return false;
    const quality = parameters.find((p) => p.toLowerCase().startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

/** The kept variants differ by language, by who reads (a cookie may sign one in) and by encoding. */
const vary = 'Cookie, Accept-Language, Accept-Encoding';

/** Bounds: enough for every activity's main pages in both languages; the oldest page goes first. */
const maxPages = 2000;
const maxBytes = 64 * 1024 * 1024;

/** Requests whose page was made for its reader (it holds a CSRF token): never kept. */
const personal = new WeakSet<FastifyRequest>();
export function markPersonal(request: FastifyRequest): void {
  personal.add(request);
}

const candidates = new WeakMap<FastifyRequest, { key: string; generation: number }>();

function keyOf(request: FastifyRequest): string | undefined {
  if (request.method !== 'GET' || request.actor.kind !== 'anonymous' || request.headers.authorization) return undefined;
  const url = request.url;
  if (url.startsWith('/api/') || url.startsWith('/assets/') || url === '/healthz' || url.startsWith('/metrics')) return undefined;
  // A flash message is for one reader, once (the cookie context.ts sets; named here, since context.ts imports this file).
  if (request.cookies.concord_flash) return undefined;
  return `${request.locale} ${url}`;
}

export function registerPageCache(app: FastifyInstance, db: Tx): { size: () => number } {
  const reads = readCacheFor(db);
  const pages = new Map<string, KeptPage>();
  let bytes = 0;
  const drop = (key: string) => {
    const page = pages.get(key);
    if (page) bytes -= page.body.length + page.gzip.length;
    pages.delete(key);
  };

  const send = (request: FastifyRequest, reply: FastifyReply, page: KeptPage) => {
    const gzip = takesGzip(request.headers['accept-encoding']);
    const etag = gzip ? page.gzipEtag : page.etag;
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', vary);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.status(200).type(page.contentType).send(gzip ? page.gzip : page.body);
  };

  // After the hook that finds the actor and the language (app.ts registers this one after it).
  app.addHook('onRequest', async (request, reply) => {
    const key = keyOf(request);
    const generation = reads.generation;
    if (key === undefined || generation === undefined) return;
    const page = pages.get(key);
    if (page && page.generation === generation) {
      // Most recently used last, so the oldest unused page is the one dropped when full.
      pages.delete(key);
      pages.set(key, page);
      return send(request, reply, page);
    }
    if (page) drop(key);
    candidates.set(request, { key, generation });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const candidate = candidates.get(request);
    if (!candidate || personal.has(request) || reply.statusCode !== 200) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (!contentType.startsWith('text/html') || reply.hasHeader('set-cookie') || typeof payload !== 'string') return payload;
    // A change heard while the page was being made: it may hold what was true before, so it is sent but not kept.
    if (reads.generation !== candidate.generation) return payload;
    const body = Buffer.from(payload);
    if (body.length > maxBytes / 16) return payload;
    const etag = createHash('sha1').update(body).digest('base64url');
    const page: KeptPage = { generation: candidate.generation, body, etag: `"${etag}"`, gzip: gzipSync(body), gzipEtag: `"${etag}-gzip"`, contentType };
    drop(candidate.key);
    pages.set(candidate.key, page);
    bytes += body.length + page.gzip.length;
    while (pages.size > maxPages || bytes > maxBytes) drop(pages.keys().next().value!);
    // This reader gets the page as made (uncompressed), with the ETag of that variant.
    reply.header('etag', page.etag).header('cache-control', 'no-cache').header('vary', vary);
    return payload;
  });

  return { size: () => pages.size };
}
