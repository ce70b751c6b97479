// Sign-in, sign-out, password reset, language switch, my account and API tokens, site administration.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../module-manifest.ts';
import { type Actor, isAdmin, isSignedIn, requireUser } from '../actor.ts';
import { AppError, forbidden } from '../errors.ts';
import { formFields, idParam, redirectWithFlash, safeReturnPath, sendPage, viewContext } from '../http/context.ts';
import { isLocale } from '../i18n/locale.ts';
import { isTimeZone } from '../i18n/time-zones.tsx';
import { platformMessages } from '../i18n/messages.ts';
import { listOutbox } from '../mail/outbox.ts';
import { email, fieldErrors, requiredText } from '../validation.ts';
import {
  createApiToken,
  createSession,
  createUser,
  endSession,
  isResetTokenValid,
  getUser,
  listApiTokens,
  newUserInput,
  listUsers,
  requestPasswordReset,
  resetPassword,
  revokeApiToken,
  updateProfile,
} from './accounts.ts';
import type { Locale } from '../i18n/locale.ts';
import { attemptSignIn } from './sign-in.ts';
import { AccountPage, AdminPage, ForgotPasswordPage, OutboxPage, ResetPasswordPage, type SignInProvider, SignInPage } from './views.tsx';
import { api } from '../api-messages.ts';

export const sessionCookie = 'concord_session';
/** Where @fastify/csrf-protection keeps its secret (its default name). */
const csrfCookie = '_csrf';

/**
 * Opens a session for the account and sets its cookie on the reply (signing in, or an account just created). The CSRF
 * secret is renewed with it: one a visitor was given before signing in (or planted by someone else) no longer counts.
 */
export async function startSession(reply: FastifyReply, db: AppDeps['database']['db'], config: AppDeps['config'], userId: number): Promise<void> {
  const session = await createSession(db, userId, config.session.days);
  reply.setCookie(sessionCookie, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, expires: session.expiresAt });
  delete reply.request.cookies[csrfCookie];
  reply.generateCsrf();
}

/** The single sign-on buttons of the sign-in page, in the reader's language. */
export function signInProviders(config: AppDeps['config'], locale: Locale): SignInProvider[] {
  return config.oidcProviders.map((p) => ({ id: p.id, label: (locale === 'fr' && p.labelFr) || p.label }));
}

const userOut = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  locale: z.enum(['en', 'fr']).nullable(),
});

export function registerAuthRoutes(app: App, { config, database }: AppDeps) {
  const db = database.db;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

  app.get('/sign-in', async (request, reply) => {
    const next = safeReturnPath((request.query as Record<string, unknown>).next);
    return sendPage(reply, SignInPage({ ctx: viewContext(request, reply), next, signUpOpen: config.signUp, providers: signInProviders(config, request.locale) }));
  });

  app.post('/sign-in', async (request, reply) => {
    const fields = formFields(request);
    const next = safeReturnPath(fields.next);
    const outcome = await attemptSignIn(db, { email: fields.email ?? '', password: fields.password ?? '', clientAddress: request.ip }, config);
    if (outcome.kind !== 'signed_in') {
      const ctx = viewContext(request, reply);
      const locked = outcome.kind === 'locked';
      if (locked) reply.header('retry-after', String(outcome.retryAfterSeconds));
      const message = locked ? ctx.t.auth.locked(Math.ceil(outcome.retryAfterSeconds / 60)) : ctx.t.auth.badCredentials;
      return sendPage(reply, SignInPage({ ctx, next, signUpOpen: config.signUp, providers: signInProviders(config, request.locale), values: { email: fields.email ?? '' }, message }), locked ? 429 : 401);
    }
    const user = outcome.user;
    await startSession(reply, db, config, user.id);
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) await endSession(db, token);
    reply.clearCookie(sessionCookie, { path: '/' });
    return redirectWithFlash(reply, '/', platformMessages(request.locale).auth.signedOut);
  });

  app.get('/password/forgot', async (request, reply) =>
    sendPage(reply, ForgotPasswordPage({ ctx: viewContext(request, reply) })),
  );

  app.post('/password/forgot', async (request, reply) => {
    const fields = formFields(request);
    const parsed = z.object({ email: email() }).safeParse(fields);
    if (!parsed.success) {
      const ctx = viewContext(request, reply);
      return sendPage(
        reply,
        ForgotPasswordPage({ ctx, values: fields, errors: fieldErrors(parsed.error, request.locale) }),
        422,
      );
    }
    await requestPasswordReset(db, parsed.data.email, { perHour: config.limits.passwordResetsPerHour, locale: request.locale });
    return sendPage(reply, ForgotPasswordPage({ ctx: viewContext(request, reply), sent: true }));
  });

  app.get('/password/reset/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const valid = await isResetTokenValid(db, token);
    return sendPage(reply, ResetPasswordPage({ ctx: viewContext(request, reply), token, valid }), valid ? 200 : 404);
  });

  app.post('/password/reset/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const fields = formFields(request);
    try {
      await resetPassword(db, token, fields.password ?? '', request.locale);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const ctx = viewContext(request, reply);
      return sendPage(reply, ResetPasswordPage({ ctx, token, valid: true, errors: error.details.fields }), 422);
    }
    return redirectWithFlash(reply, '/sign-in', platformMessages(request.locale).auth.resetDone);
  });

  // An anonymous reader's switch only sets the language cookie: it needs no CSRF token, so the form on every page
  // leaves the page the same for every anonymous reader (platform/http/page-cache.ts).
  app.post('/locale', { config: { csrfExempt: 'anonymous' } }, async (request, reply) => {
    const fields = formFields(request);
    const locale = isLocale(fields.locale) ? fields.locale : 'en';
    if (isSignedIn(request.actor)) {
      await updateProfile(db, request.actor, request.actor.userId, { locale });
    }
    reply.setCookie('concord_locale', locale, { ...cookieOptions, maxAge: 365 * 86400 });
    return reply.redirect(safeReturnPath(fields.return), 303);
  });

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { newToken?: string; values?: Record<string, string>; errors?: Record<string, string> } = {},
    status = 200,
  ) {
    const actor = requireUser(request.actor);
    const user = await getUser(db, actor.userId);
    if (!user) throw new AppError('unauthenticated');
    const tokens = await listApiTokens(db, actor.userId);
    return sendPage(reply, AccountPage({ ctx: viewContext(request, reply), user, tokens, personId: actor.personId, mailIn: config.mailInAddress !== undefined, ...extra }), status);
  }

  app.get('/account', async (request, reply) => showAccount(request, reply));

  app.post('/account', async (request, reply) => {
    const actor = requireUser(request.actor);
    const fields = formFields(request);
    const parsed = z
      .object({
        name: requiredText(200),
        locale: z.enum(['en', 'fr']).optional().or(z.literal('')),
        // Not sent by older forms: left as it is then. Blank: UTC.
        timeZone: z
          .string()
          .optional()
          .refine((zone) => !zone || isTimeZone(zone), { message: platformMessages(request.locale).account.invalidTimeZone }),
      })
      .safeParse(fields);
    if (!parsed.success) {
      return showAccount(request, reply, { values: fields, errors: fieldErrors(parsed.error, request.locale) }, 422);
    }
    const locale = parsed.data.locale || null;
    const zone = parsed.data.timeZone;
    await updateProfile(db, actor, actor.userId, { name: parsed.data.name, locale, ...(zone === undefined ? {} : { timeZone: zone || null }) });
    const words = platformMessages(locale ?? request.locale);
    return redirectWithFlash(reply, '/account', words.account.saved);
  });

  app.post('/account/tokens', async (request, reply) => {
    const actor = requireUser(request.actor);
    const fields = formFields(request);
    const parsed = z.object({ tokenName: requiredText(100) }).safeParse(fields);
    if (!parsed.success) {
      return showAccount(request, reply, { values: fields, errors: fieldErrors(parsed.error, request.locale) }, 422);
    }
    const { token } = await createApiToken(db, actor, parsed.data.tokenName);
    return showAccount(request, reply, { newToken: token }, 201);
  });

  app.post('/account/tokens/:id/revoke', async (request, reply) => {
    const actor = requireUser(request.actor);
    // idParam answers 404 for anything but an id the database can hold; a raw zod parse threw a 500 on "abc".
    await revokeApiToken(db, actor, idParam(request.params));
    return redirectWithFlash(reply, '/account', platformMessages(request.locale).account.saved);
  });

  function requireAdmin(request: { actor: Actor }) {
    requireUser(request.actor);
    if (!isAdmin(request.actor)) throw forbidden();
  }

  app.get('/admin', async (request, reply) => {
    requireAdmin(request);
    return sendPage(reply, AdminPage({ ctx: viewContext(request, reply), users: await listUsers(db) }));
  });

  app.post('/admin/users', async (request, reply) => {
    requireAdmin(request);
    const fields = formFields(request);
    const parsed = newUserInput.safeParse(fields);
    try {
      if (!parsed.success) throw new AppError('validation_failed', undefined, { fields: fieldErrors(parsed.error, request.locale) });
      await createUser(db, request.actor, parsed.data, request.locale);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const ctx = viewContext(request, reply);
      const users = await listUsers(db);
      return sendPage(reply, AdminPage({ ctx, users, values: fields, errors: error.details.fields }), 422);
    }
    return redirectWithFlash(reply, '/admin', platformMessages(request.locale).admin.userCreated);
  });

  app.get('/admin/outbox', async (request, reply) => {
    requireAdmin(request);
    return sendPage(reply, OutboxPage({ ctx: viewContext(request, reply), mails: await listOutbox(db) }));
  });

  app.get(
    '/api/v1/me',
    { schema: { tags: ['accounts'], summary: api('The signed-in user'), response: { 200: userOut } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const user = await getUser(db, actor.userId);
      if (!user) throw new AppError('unauthenticated');
      return user;
    },
  );

  app.get(
    '/api/v1/users',
    { schema: { tags: ['accounts'], summary: api('All accounts (site admins)'), response: { 200: z.array(userOut) } } },
    async (request) => {
      requireAdmin(request);
      return listUsers(db);
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['accounts'],
        summary: api('Create an account (site admins)'),
        body: newUserInput.strict(),
        response: { 201: userOut },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      const user = await createUser(db, request.actor, request.body, request.locale);
      return reply.status(201).send(user);
    },
  );
}
