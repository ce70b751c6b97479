// buildApp(deps): the whole web application without listen(), so tests drive it through app.inject().
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { type Actor, anonymous } from './platform/actor.ts';
import { userForApiToken, userForSession } from './platform/auth/accounts.ts';
import { registerAuthRoutes, sessionCookie } from './platform/auth/routes.tsx';
import { AppError, type ErrorCode, type FieldErrors, invalid } from './platform/errors.ts';
import { sendPage, type UploadedFile, viewContext, wantsJson } from './platform/http/context.ts';
import { isLocale, negotiateLocale } from './platform/i18n/locale.ts';
import { platformMessages } from './platform/i18n/messages.ts';
import { metricsPath, registerMetrics } from './platform/metrics.ts';
import { configureWorkerPool } from './platform/workers/pool.ts';
import { registerRateLimits } from './platform/http/rate-limits.ts';
import { registerPageCache } from './platform/http/page-cache.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { recordRoutes } from './platform/http/route-table.ts';
import { readCacheFor } from './platform/read-cache.ts';
import { describeIssue, findUnstorable, inspectBody, jsonNestsDeeper, maxBodyDepth, setChoiceWords } from './platform/validation.ts';
import { ApiReferencePage, type OpenApiDocument } from './platform/web/api-reference.tsx';
import { ErrorPage } from './platform/web/error-page.tsx';
import { loadActivityRoles } from './modules/activities/memberships.ts';
import { concordModules } from './modules/index.ts';
import { type App, type AppDeps, choiceWordsOf, type ConcordModule } from './platform/module-manifest.ts';
import { api, platformApiMessages } from './platform/api-messages.ts';

/** What buildApp needs: the modules default to all of Concord's (a test may plug in one more). */
export type BuildOptions = Omit<AppDeps, 'modules'> & { modules?: readonly ConcordModule[] };

export const localeCookie = 'concord_locale';
/** The most parts a multipart form may have: more than any of Concord's forms sends. */
const multipartLimits = { fields: 50, files: 10 };
const stylesheet = readFileSync(new URL('./platform/web/style.css', import.meta.url));
/** The one small script pages may include (a form that warns before its changes are lost). */
const unsavedChangesScript = readFileSync(new URL('./platform/web/unsaved-changes.js', import.meta.url));
const selectFilterScript = readFileSync(new URL('./platform/web/select-filter.js', import.meta.url));

export async function buildApp(options: BuildOptions): Promise<App> {
  const deps: AppDeps = { ...options, modules: options.modules ?? concordModules };
  // Validation messages list choices in the modules' words (zod parses in domain functions, which know no app).
  setChoiceWords(choiceWordsOf(deps.modules));
  const { config, database } = deps;
  const db = database.db;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Only the configured proxies may name the client (X-Forwarded-For): anyone else could pick a new address per
    // request and walk past the per-address limits.
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  recordRoutes(app);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: config.cookieSecure,
  });
  // JSON as Fastify parses it (prototype poisoning refused), after a linear check of its depth: a deeply nested body
  // costs V8 more to parse than to refuse.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestsDeeper(body as string)) {
      return done(new AppError('bad_request', platformMessages(request.locale ?? 'en').validation.tooDeep(maxBodyDepth)), undefined);
    }
    parseJson(request, body as string, done);
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  // Multipart forms (file uploads) come as plain key → value like other forms; a file becomes an UploadedFile.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    // Up to 10 files a form (an announcement's or a liaison statement's attachments), each within UPLOAD_MAX_MB.
    limits: { fileSize: config.uploadMaxBytes, files: multipartLimits.files, fields: multipartLimits.fields },
    async onFile(part) {
      const bytes = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = { fileName: part.filename, contentType: part.mimetype, bytes };
    },
  });
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure },
  });
  await registerRateLimits(app, db, config);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Concord API',
        version: '1',
        description:
          api('Every endpoint takes and returns JSON. Authenticate with an API token: `Authorization: Bearer cnc_…` (create one under My account).'),
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      // Only the JSON API belongs in the document; pages are for people.
      if (!input.url.startsWith('/api/v1')) out.schema = { ...out.schema, hide: true };
      return out;
    },
  });

  app.addHook('onRequest', async (request) => {
    request.actor = anonymous;
    request.viaApiToken = false;
    const authorization = request.headers.authorization;
    let user;
    // The metrics scraper's bearer token is its own secret, not an API token (platform/metrics.ts checks it).
    if (authorization?.startsWith('Bearer ') && request.routeOptions.url !== metricsPath) {
      user = await userForApiToken(db, authorization.slice(7).trim());
      if (!user) throw new AppError('unauthenticated', 'The API token is not valid or has been revoked.');
      request.viaApiToken = true;
    } else {
      const token = request.cookies[sessionCookie];
      if (token) user = await userForSession(db, token, config.session.idleHours);
    }
    if (user) {
      request.actor = {
        kind: 'user',
        userId: user.id,
        name: user.name,
        email: user.email,
        isAdmin: user.isAdmin,
        locale: user.locale,
        timeZone: user.timeZone,
        ...(await loadActivityRoles(db, user.id)),
      } satisfies Actor;
    }
    // A user's saved language first; one who saved none keeps the language picked with the switch (the cookie).
    const chosen = (request.actor.kind === 'user' ? request.actor.locale : null) ?? request.cookies[localeCookie];
    request.locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers['accept-language']);
  });
  // Pages every anonymous reader gets alike are sent from memory until the next change (after the actor is known).
  registerPageCache(app, db);

  // Every request that changes data carries the CSRF token, except API calls authenticated by a token (no cookies).
  // Before the body is validated, so that who may write is answered first: an anonymous API write is a 401 and a
  // forged one a 403, whatever its body says.
  app.addHook('preValidation', (request, reply, done) => {
    const words = platformMessages(request.locale).validation;
    // PostgreSQL text cannot hold NUL: a search for one (`?q=%00`) once reached the database and answered 500.
    const inAddress = findUnstorable(request.query) ?? findUnstorable(request.params);
    if (inAddress) {
      const message = words[inAddress.unstorable];
      return done(new AppError('bad_request', message, { fields: { [inAddress.at]: message } }));
    }
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
    // Refused here once for every form and API body, naming the field; a body nested past any real form's depth is
    // refused as such (walking one 100,000 deep once overflowed the stack and answered 500).
    const checkBody = (error?: Error) => {
      if (error) return done(error);
      const { unstorableAt, unstorable, tooDeep } = inspectBody(request.body);
      if (tooDeep) return done(new AppError('bad_request', words.tooDeep(maxBodyDepth)));
      done(unstorableAt && unstorable ? invalid({ [unstorableAt]: words[unstorable] }) : undefined);
    };
    if (request.viaApiToken) return checkBody();
    // Routes whose secret is a token in the URL (RFC 8058 one-click unsubscribe) declare it: no session, no CSRF.
    const exempt = request.routeOptions.config.csrfExempt;
    if (exempt === true || (exempt === 'anonymous' && request.actor.kind === 'anonymous')) return checkBody();
    if (request.url.startsWith('/api/') && request.actor.kind === 'anonymous') {
      return done(new AppError('unauthenticated'));
    }
    app.csrfProtection(request, reply, checkBody);
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Time spent in the server until the body is handed over (W3C Server-Timing): browsers' devtools show it, and the
    // benchmarks read it to report server time apart from the network.
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  });

  app.setErrorHandler((error, request, reply) => renderError(error, request, reply, config));
  app.setNotFoundHandler((request, reply) => renderError(new AppError('not_found'), request, reply, config));

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    await db.execute('select 1');
    return reply.send({ status: 'ok', engine: database.engine });
  });
  app.get('/assets/style.css', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
  );
  app.get('/assets/unsaved-changes.js', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(unsavedChangesScript),
  );
  app.get('/assets/select-filter.js', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(selectFilterScript),
  );
  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) => reply.send(app.swagger()));
  // The same document for people, rendered on the server (no viewer script: see platform/web/api-reference.tsx).
  app.get('/api/reference', { schema: { hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      ApiReferencePage({
        ctx: viewContext(request, reply),
        document: app.swagger() as OpenApiDocument,
        translations: Object.assign({}, platformApiMessages(request.locale), ...deps.modules.map((m) => m.apiMessages?.(request.locale) ?? {})),
      }),
    ),
  );
  registerMetrics(app, config.metricsToken);
  // One pool per process (platform/workers): the first app sets its size, before any task has started a thread.
  configureWorkerPool({ size: config.workers });

  registerAuthRoutes(app, deps);
  // Results that meeting pages keep until the next change (platform/read-cache.ts) hear of other processes' writes.
  const stopKeeping = await readCacheFor(db).follow(database);
  app.addHook('onClose', () => stopKeeping());
  for (const module of deps.modules) {
    module.routes?.(app, deps);
    const stop = await module.start?.(deps);
    if (stop) app.addHook('onClose', stop);
  }

  await app.ready();
  return app;
}

type ErrorBody = { code: ErrorCode; message: string; details: Record<string, unknown> };

/** Maps any thrown error to the catalogue; unknown ones are logged with the request id and shown generically. */
function toErrorBody(error: unknown, request: FastifyRequest, config: Config): { status: number; body: ErrorBody } {
  const words = platformMessages(request.locale ?? 'en');
  const known = (code: ErrorCode, message?: string, details: Record<string, unknown> = {}) => ({
    status: new AppError(code).status,
    body: { code, message: message && message !== code ? message : words.errors.codes[code], details },
  });
  if (error instanceof AppError) return known(error.code, error.message, error.details);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldErrors = {};
    for (const v of error.validation) {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const key = path || (error.validationContext ?? '_');
      // The value sent, for messages that say what is wrong with it (an impossible date).
      const input = path ? path.split('.').reduce<unknown>((at, k) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined), request.body) : undefined;
      fields[key] ??= describeIssue(
        // Only when something was sent: a missing or blank field is "required", not "not valid".
        { code: v.keyword, path: [], message: v.message, ...(input === undefined || (typeof input === 'string' && !input.trim()) ? {} : { input }), ...v.params } as never,
        request.locale ?? 'en',
      );
    }
    return known('validation_failed', undefined, { fields, in: error.validationContext });
  }
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.code?.startsWith('FST_CSRF')) return known('csrf_invalid');
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return known('payload_too_large');
  // More parts than any form has is not "too large": each part may be small, so it gets its own code.
  if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_FIELDS_LIMIT' || e.code === 'FST_PARTS_LIMIT') {
    return known('too_many_parts', words.validation.tooManyParts(multipartLimits.fields, multipartLimits.files));
  }
  if (request.isMultipart() && isBrokenMultipart(error)) return known('bad_request', words.validation.brokenForm);
  // An uploaded file over the limit: say what the limit is.
  if (e.statusCode === 413) return known('payload_too_large', words.errors.fileTooLarge(Math.round(config.uploadMaxBytes / 1048576)));
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return known('unsupported_media_type');
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return known('bad_request', 'The body is not valid JSON.');
  if (e.statusCode === 405) return known('method_not_allowed');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return known('bad_request');
  request.log.error({ err: error }, 'unexpected error');
  return known('internal');
}

/**
 * A multipart body the parser could not read: no boundary, cut short, or malformed. busboy throws plain Errors (no
 * code), so they are told apart by their messages; the multipart plugin's own "not multipart" has a code.
 */
function isBrokenMultipart(error: unknown): boolean {
  const e = error as { code?: string; message?: unknown };
  if (e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return true;
  // A file part cut short: the file's stream ends before its boundary (node's stream error, raised from the upload).
  if (e.code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  return typeof e.message === 'string' && /^(Multipart: Boundary not found|Unexpected end of (multipart data|form)|Malformed part header)/.test(e.message);
}

function renderError(error: unknown, request: FastifyRequest, reply: FastifyReply, config: Config) {
  // An error raised before the actor was known (a bad token, say) still gets a page and a message in a language.
  request.locale ??= negotiateLocale(request.headers['accept-language']);
  request.actor ??= anonymous;
  const { status, body } = toErrorBody(error, request, config);
  if (status >= 500) body.details = { ...body.details, reference: request.id };
  if (typeof body.details.retryAfterSeconds === 'number') reply.header('retry-after', String(body.details.retryAfterSeconds));
  // An error is not the route's answer: it skips the route's response schema, or a route that declares its own 422 (the
  // roadmap import's plan) would fail to serialize a refused body's 422 and answer 500 instead.
  if (wantsJson(request)) return reply.status(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send({ error: body });
  // Pages for people: 401 on a page sends them to sign in and come back.
  if (status === 401 && request.method === 'GET') {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  return sendPage(reply, ErrorPage({ ctx: viewContext(request, reply), status, body }), status);
}
