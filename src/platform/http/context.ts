// What every request carries (who asks, in which language) and the one way pages are rendered.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { isTimeZone } from '../i18n/time-zones.tsx';
import { type PlatformMessages, platformMessages } from '../i18n/messages.ts';
import { markPersonal } from './page-cache.ts';
import { maxRowId } from '../validation.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * No CSRF token is expected: true for a route that authenticates by a secret token in its URL, not by a session;
     * 'anonymous' for one whose anonymous use only sets a harmless cookie (the language switch).
     */
    csrfExempt?: boolean | 'anonymous';
  }
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    /** true when the request was authenticated by an API token rather than a session cookie */
    viaApiToken: boolean;
  }
}

/** A file posted in a multipart form. */
export type UploadedFile = { fileName: string; contentType: string; bytes: Buffer };

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).bytes);
}

export type ViewContext = {
  locale: Locale;
  actor: Actor;
  t: PlatformMessages;
  /** token for the hidden _csrf field of every form that changes data */
  csrfToken: string;
  /** path and query of the current page, to come back to after signing in or switching language */
  path: string;
  flash: string | undefined;
  /** the reader's IANA zone (their account's setting; UTC for anonymous readers and those who chose none) */
  timeZone: string;
};

const flashCookie = 'concord_flash';

/** The zone the reader's times are shown in: their saved one, else UTC (a zone that has left the tz database is ignored). */
export function readerTimeZone(actor: Actor): string {
  const zone = actor.kind === 'user' ? actor.timeZone : null;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  const flash = request.cookies[flashCookie];
  if (flash) reply.clearCookie(flashCookie, { path: '/' });
  let csrfToken: string | undefined;
  return {
    locale: request.locale,
    actor: request.actor,
    t: platformMessages(request.locale),
    // Made when a form asks for it: a page without one is the same for every anonymous reader (page-cache.ts).
    get csrfToken() {
      if (csrfToken === undefined) {
        markPersonal(request);
        csrfToken = reply.generateCsrf();
      }
      return csrfToken;
    },
    path: request.url,
    flash,
    timeZone: readerTimeZone(request.actor),
  };
}

/** Sends a full HTML page. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** Redirects after a successful form post (post/redirect/get), with a one-time message for the next page. */
export function redirectWithFlash(reply: FastifyReply, location: string, message?: string): FastifyReply {
  if (message) reply.setCookie(flashCookie, message, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
  return reply.redirect(location, 303);
}

/** A form body as sent by a browser: every value a string (the last one wins when a name repeats). */
export function formFields(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') fields[key] = last;
  }
  return fields;
}

/** Only same-site paths are followed after sign-in or a language switch, never another host. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  // Browsers drop tabs and newlines from a Location, so "/\t/evil.example" would become "//evil.example".
  return typeof value === 'string' &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.includes('\\') &&
    !/[\u0000-\u001f\u007f]/.test(value)
    ? value
    : fallback;
}

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

/** A numeric id from the URL; anything else is a page that does not exist. */
export function idParam(params: unknown, name = 'id'): number {
  const raw = (params as Record<string, unknown> | undefined)?.[name];
  const id = typeof raw === 'string' && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > maxRowId) throw new AppError('not_found');
  return id;
}
