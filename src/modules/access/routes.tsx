// Invitations (the secretariat's list and form, the invitee's page), sign-up and their API: thin, each calls one
// domain function.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, isSignedIn, requireUser } from '../../platform/actor.ts';
import { startSession } from '../../platform/auth/routes.tsx';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { formFields, idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, formValues, submitForm } from '../../platform/http/forms.ts';
import { parseInput, rowId } from '../../platform/validation.ts';
import { type Activity, activityMessages, activityRoles, getActivity } from '../activities/index.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { listPeople } from '../people/index.ts';
import {
  acceptInvitation,
  type InvitationRow,
  invitationInput,
  inviteToRole,
  isReplacedToken,
  listInvitations,
  readInvitation,
  refusalFor,
  resendInvitation,
  revokeInvitation,
} from './invitations.ts';
import { accessMessages } from './messages.ts';
import { canInvitation, signUpOpen } from './policy.ts';
import { confirmSignUp, readSignUp, requestSignUp, signUpInput } from './sign-up.ts';
import { ConfirmSignUpPage, InvitationPage, invitationsPath, InvitationsPage, SignUpPage } from './views.tsx';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const invitationParams = acronymParams.extend({ id: rowId() });
const invitationOut = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  email: z.string(),
  role: z.enum(activityRoles),
  state: z.enum(['pending', 'expired', 'revoked', 'accepted']),
  invitedByName: z.string(),
  sentAt: z.date(),
  sendCount: z.number(),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
const present = (row: InvitationRow) => ({ ...row });
/** A token as mailed: base64url, 43 characters; anything else names no invitation. */
const tokenPattern = /^[\w-]{20,100}$/;

export function registerAccessRoutes(app: App, { config, database }: AppDeps) {
  const db = database.db;
  const settings = { baseUrl: config.baseUrl, invitationDays: config.invitationDays };

  const findActivity = async (request: { params: unknown; actor: Actor }) => {
    const params = acronymParams.safeParse(request.params);
    if (!params.success) throw notFound();
    return getActivity(db, request.actor, params.data.acronym);
  };
  const allowed = async (request: { params: unknown; actor: Actor }, action: 'invite' | 'list' | 'resend' | 'revoke') => {
    requireUser(request.actor);
    const activity = await findActivity(request);
    if (!canInvitation(request.actor, action, activity)) throw forbidden();
    return activity;
  };

  // ---- The secretariat's page -------------------------------------------------------------------------------------

  const showInvitations = async (request: FastifyRequest, reply: FastifyReply, state: FormState = {}, status = 200) => {
    const activity = await allowed(request, 'list');
    const { open, closed } = await listInvitations(db, activity.id);
    const page = InvitationsPage({ ctx: viewContext(request, reply), activity, open, closed, people: await listPeople(db), ...state });
    return sendPage(reply, page, status);
  };

  app.get('/activities/:acronym/invitations', async (request, reply) => showInvitations(request, reply));

  app.post('/activities/:acronym/invitations', async (request, reply) => {
    const activity = await allowed(request, 'invite');
    return submitForm(request, reply, {
      schema: invitationInput,
      action: async (input) => {
        const invitation = await inviteToRole(db, request.actor, activity, input, settings, request.locale);
        return { location: invitationsPath(activity), message: accessMessages(request.locale).sent(invitation.email) };
      },
      render: async (ctx, state) => {
        const { open, closed } = await listInvitations(db, activity.id);
        return InvitationsPage({ ctx, activity, open, closed, people: await listPeople(db), ...state });
      },
    });
  });

  /** Resend and withdraw are buttons on the list: a refusal (already answered, too many) shows the list with its reason. */
  const listAction = (action: 'resend' | 'revoke', run: (activity: Activity, id: number, actor: Actor, locale: Locale) => Promise<string>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const activity = await allowed(request, action);
      try {
        const message = await run(activity, idParam(request.params), request.actor, request.locale);
        return redirectWithFlash(reply, invitationsPath(activity), message);
      } catch (error) {
        if (!(error instanceof AppError) || !['conflict', 'too_many_requests'].includes(error.code)) throw error;
        return showInvitations(request, reply, { message: error.message }, error.status);
      }
    };
  app.post(
    '/activities/:acronym/invitations/:id/resend',
    listAction('resend', async (activity, id, actor, locale) => accessMessages(locale).resent((await resendInvitation(db, actor, activity, id, settings, locale)).email)),
  );
  app.post(
    '/activities/:acronym/invitations/:id/revoke',
    listAction('revoke', async (activity, id, actor, locale) => {
      await revokeInvitation(db, actor, activity, id, locale);
      return accessMessages(locale).revoked;
    }),
  );

  // ---- The invitee's page -----------------------------------------------------------------------------------------

  const showInvitation = async (request: FastifyRequest, reply: FastifyReply, token: string, state: FormState = {}, status = 200) => {
    const view = tokenPattern.test(token) ? await readInvitation(db, token) : undefined;
    const ctx = viewContext(request, reply);
    if (!view || view.state !== 'pending') {
      const missing = tokenPattern.test(token) && (await isReplacedToken(db, token)) ? 'replaced' : 'unknown';
      const refusal = refusalFor(view ? (view.state as Exclude<typeof view.state, 'pending'>) : missing, view?.invitation, request.locale);
      return sendPage(reply, InvitationPage({ ctx, token, refusal: refusal.message }), refusal.status);
    }
    return sendPage(reply, InvitationPage({ ctx, token, view, ...state }), status);
  };

  app.get('/invitations/:token', async (request, reply) => showInvitation(request, reply, (request.params as { token: string }).token));

  app.post('/invitations/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const actor = request.actor;
    try {
      if (!tokenPattern.test(token)) throw refusalFor('unknown', undefined, request.locale);
      const acceptance = isSignedIn(actor) ? { kind: 'signed_in' as const, actor } : { kind: 'new_account' as const, password: formFields(request).password ?? '' };
      const result = await acceptInvitation(db, token, acceptance, request.locale);
      if (result.created && 'id' in result.user) await startSession(reply, db, config, result.user.id);
      const role = activityMessages(request.locale).roles[result.role];
      return redirectWithFlash(reply, `/activities/${encodeURIComponent(result.activityAcronym)}`, accessMessages(request.locale).accepted(role, result.activityAcronym));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'validation_failed' || error.code === 'conflict') {
        return showInvitation(request, reply, token, { errors: error.details.fields ?? {}, message: error.code === 'conflict' ? error.message : undefined }, error.status);
      }
      if (error.code === 'not_found' || error.code === 'gone') {
        return sendPage(reply, InvitationPage({ ctx: viewContext(request, reply), token, refusal: error.message }), error.status);
      }
      throw error;
    }
  });

  // ---- Sign-up ----------------------------------------------------------------------------------------------------

  const closed = (request: FastifyRequest) => new AppError('not_found', accessMessages(request.locale).signUpClosed);

  app.get('/sign-up', async (request, reply) => {
    if (!signUpOpen(config)) throw closed(request);
    return sendPage(reply, SignUpPage({ ctx: viewContext(request, reply) }));
  });

  app.post('/sign-up', async (request, reply) => {
    if (!signUpOpen(config)) throw closed(request);
    const values = formValues(request);
    try {
      const input = parseInput(signUpInput, values, request.locale);
      await requestSignUp(db, input, config, request.ip, request.locale);
      return sendPage(reply, SignUpPage({ ctx: viewContext(request, reply), sentTo: input.email }));
    } catch (error) {
      if (!(error instanceof AppError) || !['validation_failed', 'too_many_requests'].includes(error.code)) throw error;
      const { password: _typed, ...kept } = values;
      const message = error.code === 'too_many_requests' ? error.message : undefined;
      return sendPage(reply, SignUpPage({ ctx: viewContext(request, reply), values: kept, errors: error.details.fields ?? {}, message }), error.status);
    }
  });

  app.get('/sign-up/confirm/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const ctx = viewContext(request, reply);
    const link = tokenPattern.test(token) ? await readSignUp(db, token) : { state: 'unknown' as const };
    const w = accessMessages(request.locale);
    const refusal = { unknown: w.confirmUnknown, expired: w.confirmExpired, used: w.confirmUsed, valid: undefined }[link.state];
    return sendPage(reply, ConfirmSignUpPage({ ctx, token, email: link.email, refusal }), link.state === 'valid' ? 200 : link.state === 'unknown' ? 404 : 410);
  });

  app.post('/sign-up/confirm/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      if (!tokenPattern.test(token)) throw new AppError('not_found', accessMessages(request.locale).confirmUnknown);
      const { user, personName } = await confirmSignUp(db, token, request.locale);
      await startSession(reply, db, config, user.id);
      const w = accessMessages(user.locale ?? request.locale);
      return redirectWithFlash(reply, '/account', personName ? w.confirmedLinked(personName) : w.confirmedAlone);
    } catch (error) {
      if (!(error instanceof AppError) || !['not_found', 'gone'].includes(error.code)) throw error;
      return sendPage(reply, ConfirmSignUpPage({ ctx: viewContext(request, reply), token, refusal: error.message }), error.status);
    }
  });

  // ---- API --------------------------------------------------------------------------------------------------------

  const tags = ['invitations'];
  app.get(
    '/api/v1/activities/:acronym/invitations',
    { schema: { tags, summary: api('Invitations to roles in the activity, open ones first (secretariat)'), params: acronymParams, response: { 200: z.object({ open: z.array(invitationOut), closed: z.array(invitationOut) }) } } },
    async (request) => {
      const activity = await allowed(request, 'list');
      const { open, closed: answered } = await listInvitations(db, activity.id);
      return { open: open.map(present), closed: answered.map(present) };
    },
  );
  app.post(
    '/api/v1/activities/:acronym/invitations',
    {
      schema: {
        tags,
        summary: api('Invite a person by e-mail to a role: `personId`, or `name` and `email` (and `affiliation`) for a new person (secretariat)'),
        params: acronymParams,
        body: invitationInput.strict(),
        response: { 201: invitationOut },
      },
    },
    async (request, reply) => {
      const activity = await allowed(request, 'invite');
      const invitation = await inviteToRole(db, request.actor, activity, request.body, settings, request.locale);
      const row = (await listInvitations(db, activity.id)).open.find((r) => r.id === invitation.id);
      return reply.status(201).send(present(row!));
    },
  );
  app.post(
    '/api/v1/activities/:acronym/invitations/:id/resend',
    { schema: { tags, summary: api('Send an invitation again with a new link; the old link stops working (secretariat)'), params: invitationParams, response: { 200: invitationOut } } },
    async (request) => {
      const activity = await allowed(request, 'resend');
      await resendInvitation(db, request.actor, activity, request.params.id, settings, request.locale);
      return present((await listInvitations(db, activity.id)).open.find((r) => r.id === request.params.id)!);
    },
  );
  app.post(
    '/api/v1/activities/:acronym/invitations/:id/revoke',
    { schema: { tags, summary: api('Withdraw an open invitation (secretariat)'), params: invitationParams } },
    async (request, reply) => {
      const activity = await allowed(request, 'revoke');
      await revokeInvitation(db, request.actor, activity, request.params.id, request.locale);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/invitations/accept',
    {
      schema: {
        tags,
        summary: api('Accept an invitation with the signed-in account (the token from the mailed link)'),
        body: z.object({ token: z.string().regex(tokenPattern) }).strict(),
        response: { 200: z.object({ activity: z.string(), role: z.enum(activityRoles) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const result = await acceptInvitation(db, request.body.token, { kind: 'signed_in', actor }, request.locale);
      return { activity: result.activityAcronym, role: result.role };
    },
  );
}
