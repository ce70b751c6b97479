import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { id, optionalDate, rowId } from '../../platform/validation.ts';
import { listOrganizationTree } from '../organizations/index.ts';
import { listPeople } from '../people/index.ts';
import {
  type Activity,
  activityInput,
  activityPatch,
  createActivity,
  getActivity,
  getActivityLinks,
  listActivities,
  updateActivity,
} from './activities.ts';
import { addMembership, listMemberships, removeMembership } from './memberships.ts';
import { activityMessages } from './messages.ts';
import { activityOverviewParts } from './overview-extensions.ts';
import { canActivity, type ActivityAction } from './policy.ts';
import { activityRoles } from './schema.ts';
import { getTorVersion, listTorVersions, loadTorPair, reviseTermsOfReference, torInput } from './terms-of-reference.ts';
import { ActivityFormPage, ActivityListPage, ActivityPage, MembersPage, TorDiffPage, TorFormPage, TorPage } from './views.tsx';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const membershipInput = z.object({
  personId: id(),
  role: z.enum(activityRoles),
  since: optionalDate(),
});

const organizationRef = z.object({ id: z.number(), acronym: z.string(), name: z.string() });
const activityOut = z.object({
  id: z.number(),
  acronym: z.string(),
  nameEn: z.string(),
  nameFr: z.string().nullable(),
  parentOrganizationId: z.number().nullable(),
  foundingDecision: z.string().nullable(),
  legalBasis: z.string().nullable(),
  establishedOn: z.string().nullable(),
  webPage: z.string().nullable(),
  mailingList: z.string().nullable(),
  secretariatPersonId: z.number().nullable(),
  secretariatEmail: z.string().nullable(),
  secretariatPhone: z.string().nullable(),
  visibility: z.enum(['public', 'members']),
  status: z.enum(['active', 'closed']),
  publishOverlaps: z.boolean(),
  publishGaps: z.boolean(),
  relatedStudyGroups: z.array(organizationRef),
  cooperatingBodies: z.array(organizationRef),
  allowedActions: z.array(z.string()),
});
const torOut = z.object({
  version: z.number(),
  scope: z.string(),
  objectives: z.array(z.object({ number: z.string(), text: z.string() })),
  participation: z.string(),
  workingMethods: z.string(),
  administrativeSupport: z.string(),
  meetings: z.string(),
  reporting: z.string(),
  duration: z.string(),
  scopeFr: z.string(),
  objectivesFr: z.array(z.object({ number: z.string(), text: z.string() })),
  participationFr: z.string(),
  workingMethodsFr: z.string(),
  administrativeSupportFr: z.string(),
  meetingsFr: z.string(),
  reportingFr: z.string(),
  durationFr: z.string(),
  changeNote: z.string(),
  createdAt: z.date(),
});
const membershipOut = z.object({
  id: z.number(),
  role: z.enum(activityRoles),
  since: z.string().nullable(),
  personId: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  affiliation: z.string().nullable(),
  country: z.string().nullable(),
  isExample: z.boolean(),
});

const actions: ActivityAction[] = ['read', 'update', 'revise_tor', 'manage_roles', 'read_contacts'];

function allow(actor: Actor, action: ActivityAction, activity: Activity) {
  requireUser(actor);
  if (!canActivity(actor, action, activity)) throw forbidden();
}

export function registerActivityRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  const formLists = async () => ({ organizations: await listOrganizationTree(db), people: await listPeople(db) });
  const find = (request: { params: unknown; actor: Actor }) => {
    // parse() threw a ZodError on an acronym over 30 characters, which pages showed as a server error (500).
    const params = acronymParams.safeParse(request.params);
    if (!params.success) throw notFound();
    return getActivity(db, request.actor, params.data.acronym);
  };

  /** The API shape: the activity, its organizations, and what the asker may do with it (to show the right buttons). */
  const present = async (actor: Actor, activity: Activity) => {
    const links = await getActivityLinks(db, activity);
    return {
      ...activity,
      relatedStudyGroups: links.relatedStudyGroups,
      cooperatingBodies: links.cooperatingBodies,
      allowedActions: actions.filter((a) => canActivity(actor, a, activity)),
    };
  };

  const listPage = (home: boolean) => async (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(reply, ActivityListPage({ ctx: viewContext(request, reply), activities: await listActivities(db, request.actor), home }));
  app.get('/', listPage(true));
  app.get('/activities', listPage(false));

  app.get('/activities/new', async (request, reply) => {
    requireUser(request.actor);
    if (!canActivity(request.actor, 'create')) throw forbidden();
    return sendPage(reply, ActivityFormPage({ ctx: viewContext(request, reply), ...(await formLists()) }));
  });

  app.post('/activities', async (request, reply) => {
    requireUser(request.actor);
    if (!canActivity(request.actor, 'create')) throw forbidden();
    return submitForm(request, reply, {
      schema: activityInput.extend({ scope: torInput.shape.scope }),
      action: async ({ scope, ...input }) => {
        const created = await createActivity(db, request.actor, input, request.locale, torInput.parse({ scope, objectives: [] }));
        return { location: `/activities/${encodeURIComponent(created.acronym)}`, message: activityMessages(request.locale).created };
      },
      render: async (ctx, state) => ActivityFormPage({ ctx, ...(await formLists()), ...state }),
    });
  });

  app.get('/activities/:acronym', async (request, reply) => {
    const activity = await find(request);
    const ctx = viewContext(request, reply);
    const [links, memberships, tor, happening] = await Promise.all([
      getActivityLinks(db, activity),
      listMemberships(db, activity.id),
      getTorVersion(db, activity.id),
      activityOverviewParts(app, db, ctx, activity),
    ]);
    return sendPage(reply, ActivityPage({ ctx, activity, links, memberships, tor, happening }));
  });

  app.get('/activities/:acronym/edit', async (request, reply) => {
    const activity = await find(request);
    allow(request.actor, 'update', activity);
    const links = await getActivityLinks(db, activity);
    const relations = {
      relatedStudyGroupIds: links.relatedStudyGroups.map((o) => o.id),
      cooperatingBodyIds: links.cooperatingBodies.map((o) => o.id),
    };
    return sendPage(reply, ActivityFormPage({ ctx: viewContext(request, reply), activity, relations, ...(await formLists()) }));
  });

  app.post('/activities/:acronym', async (request, reply) => {
    const activity = await find(request);
    allow(request.actor, 'update', activity);
    return submitForm(request, reply, {
      // A form always sends both lists; an empty multi-select sends nothing, which means "none chosen".
      // A checkbox left unticked sends nothing, which means "no".
      schema: z.preprocess(
        (values) => ({
          ...(values as object),
          publishOverlaps: (values as Record<string, unknown>).publishOverlaps === 'on',
          publishGaps: (values as Record<string, unknown>).publishGaps === 'on',
        }),
        activityInput.transform((input) => ({
          ...input,
          relatedStudyGroupIds: input.relatedStudyGroupIds ?? [],
          cooperatingBodyIds: input.cooperatingBodyIds ?? [],
        })),
      ),
      action: async (input) => {
        const updated = await updateActivity(db, request.actor, activity.id, input, request.locale);
        return { location: `/activities/${encodeURIComponent(updated.acronym)}`, message: activityMessages(request.locale).saved };
      },
      render: async (ctx, state) => ActivityFormPage({ ctx, activity, ...(await formLists()), ...state }),
    });
  });

  app.get('/activities/:acronym/tor', async (request, reply) => {
    const activity = await find(request);
    const query = request.query as Record<string, unknown>;
    const version = query.version === undefined ? undefined : Number(query.version);
    const tor = await getTorVersion(db, activity.id, Number.isInteger(version) ? version : undefined);
    if (version !== undefined && (!Number.isInteger(version) || !tor)) throw notFound(activityMessages(request.locale).versionMissing);
    return sendPage(reply, TorPage({ ctx: viewContext(request, reply), activity, tor, versions: await listTorVersions(db, activity.id) }));
  });

  app.get('/activities/:acronym/tor/edit', async (request, reply) => {
    const activity = await find(request);
    allow(request.actor, 'revise_tor', activity);
    return sendPage(reply, TorFormPage({ ctx: viewContext(request, reply), activity, current: await getTorVersion(db, activity.id) }));
  });

  app.post('/activities/:acronym/tor', async (request, reply) => {
    const activity = await find(request);
    allow(request.actor, 'revise_tor', activity);
    return submitForm(request, reply, {
      schema: torInput,
      action: async (input) => {
        const saved = await reviseTermsOfReference(db, request.actor, activity.id, input, request.locale);
        const location = `/activities/${encodeURIComponent(activity.acronym)}/tor${saved.version > 1 ? `/diff?from=${saved.version - 1}&to=${saved.version}` : ''}`;
        return { location, message: activityMessages(request.locale).torSaved(saved.version) };
      },
      render: async (ctx, state) => TorFormPage({ ctx, activity, current: await getTorVersion(db, activity.id), ...state }),
    });
  });

  app.get('/activities/:acronym/tor/diff', async (request, reply) => {
    const activity = await find(request);
    const query = request.query as Record<string, unknown>;
    const from = Number(query.from);
    const to = Number(query.to);
    if (!Number.isInteger(from) || !Number.isInteger(to)) throw notFound(activityMessages(request.locale).versionMissing);
    const pair = await loadTorPair(db, activity.id, from, to, request.locale);
    return sendPage(reply, TorDiffPage({ ctx: viewContext(request, reply), activity, ...pair }));
  });

  app.get('/activities/:acronym/members', async (request, reply) => {
    const activity = await find(request);
    const people = canActivity(request.actor, 'manage_roles', activity) ? await listPeople(db) : [];
    return sendPage(reply, MembersPage({ ctx: viewContext(request, reply), activity, memberships: await listMemberships(db, activity.id), people }));
  });

  app.post('/activities/:acronym/members', async (request, reply) => {
    const activity = await find(request);
    allow(request.actor, 'manage_roles', activity);
    return submitForm(request, reply, {
      schema: membershipInput,
      action: async (input) => {
        await addMembership(db, request.actor, activity.id, input, request.locale);
        return { location: `/activities/${encodeURIComponent(activity.acronym)}/members`, message: activityMessages(request.locale).roleAdded };
      },
      render: async (ctx, state) =>
        MembersPage({ ctx, activity, memberships: await listMemberships(db, activity.id), people: await listPeople(db), ...state }),
    });
  });

  app.post('/activities/:acronym/members/:id/remove', async (request, reply) => {
    const activity = await find(request);
    allow(request.actor, 'manage_roles', activity);
    await removeMembership(db, request.actor, activity.id, idParam(request.params));
    return redirectWithFlash(reply, `/activities/${encodeURIComponent(activity.acronym)}/members`, activityMessages(request.locale).roleRemoved);
  });

  const tags = ['activities'];
  app.get('/api/v1/activities', { schema: { tags, summary: api('Activities the asker may read'), response: { 200: z.array(activityOut) } } }, async (request) =>
    Promise.all((await listActivities(db, request.actor)).map((a) => present(request.actor, a))),
  );
  app.get('/api/v1/activities/:acronym', { schema: { tags, summary: api('One activity'), params: acronymParams, response: { 200: activityOut } } }, async (request) =>
    present(request.actor, await find(request)),
  );
  app.post(
    '/api/v1/activities',
    { schema: { tags, summary: api('Create an activity (site admins), with version 1 of its terms of reference'), body: activityInput.extend({ termsOfReference: torInput.optional() }).strict(), response: { 201: activityOut } } },
    async (request, reply) => {
      requireUser(request.actor);
      const { termsOfReference, ...input } = request.body;
      const created = await createActivity(db, request.actor, input, request.locale, termsOfReference);
      return reply.status(201).send(await present(request.actor, created));
    },
  );
  app.patch(
    '/api/v1/activities/:acronym',
    { schema: { tags, summary: api('Change some fields of an activity (secretariat)'), params: acronymParams, body: activityPatch.strict(), response: { 200: activityOut } } },
    async (request) => {
      const activity = await find(request);
      requireUser(request.actor);
      return present(request.actor, await updateActivity(db, request.actor, activity.id, request.body, request.locale));
    },
  );
  app.get(
    '/api/v1/activities/:acronym/tor',
    { schema: { tags, summary: api('All versions of the terms of reference, newest first'), params: acronymParams, response: { 200: z.array(z.object({ version: z.number(), createdAt: z.date(), changeNote: z.string(), author: z.string().nullable() })) } } },
    async (request) => listTorVersions(db, (await find(request)).id),
  );
  app.get(
    '/api/v1/activities/:acronym/tor/:version',
    { schema: { tags, summary: api('One version of the terms of reference'), params: acronymParams.extend({ version: rowId() }), response: { 200: torOut } } },
    async (request) => {
      const tor = await getTorVersion(db, (await find(request)).id, request.params.version);
      if (!tor) throw notFound(activityMessages(request.locale).versionMissing);
      return tor;
    },
  );
  app.post(
    '/api/v1/activities/:acronym/tor',
    { schema: { tags, summary: api('Save a revision of the terms of reference as the next version'), params: acronymParams, body: torInput, response: { 201: torOut } } },
    async (request, reply) => {
      const activity = await find(request);
      requireUser(request.actor);
      return reply.status(201).send(await reviseTermsOfReference(db, request.actor, activity.id, request.body, request.locale));
    },
  );
  app.get(
    '/api/v1/activities/:acronym/tor-diff',
    {
      schema: {
        tags,
        summary: api('Word-level differences between two versions of the terms of reference'),
        params: acronymParams,
        querystring: z.object({ from: rowId(), to: rowId() }),
        response: { 200: z.array(z.object({ section: z.string(), changed: z.boolean(), parts: z.array(z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() })) })) },
      },
    },
    async (request) => (await loadTorPair(db, (await find(request)).id, request.query.from, request.query.to, request.locale)).sections,
  );
  app.get(
    '/api/v1/activities/:acronym/memberships',
    { schema: { tags, summary: api('Roles in the activity (e-mail addresses only for its members)'), params: acronymParams, response: { 200: z.array(membershipOut) } } },
    async (request) => {
      const activity = await find(request);
      const rows = await listMemberships(db, activity.id);
      return canActivity(request.actor, 'read_contacts', activity) ? rows : rows.map((r) => ({ ...r, email: null }));
    },
  );
  app.post(
    '/api/v1/activities/:acronym/memberships',
    { schema: { tags, summary: api('Give a person a role (secretariat)'), params: acronymParams, body: membershipInput.strict(), response: { 201: z.array(membershipOut) } } },
    async (request, reply) => {
      const activity = await find(request);
      requireUser(request.actor);
      await addMembership(db, request.actor, activity.id, request.body, request.locale);
      return reply.status(201).send(await listMemberships(db, activity.id));
    },
  );
  app.delete(
    '/api/v1/activities/:acronym/memberships/:id',
    { schema: { tags, summary: api('Take a role away (secretariat)'), params: acronymParams.extend({ id: rowId() }) } },
    async (request, reply) => {
      const activity = await find(request);
      requireUser(request.actor);
      await removeMembership(db, request.actor, activity.id, request.params.id);
      return reply.status(204).send();
    },
  );
}
