import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { type AppError, forbidden, notFound } from '../../platform/errors.ts';
import { idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { parseInput, isoDate, maxRowId, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { listOrganizationTree } from '../organizations/index.ts';
import {
  activitiesIncluding,
  createEntry,
  entryInput,
  type EntryView,
  entryPatch,
  getEntry,
  includeEntry,
  listRoadmap,
  removeFromRoadmap,
  roadmapsToAddTo,
  topicsOf,
  updateEntry,
} from './entries.ts';
import { roadmapMessages } from './messages.ts';
import { canRoadmap, type RoadmapAction } from './policy.ts';
import { roadmapQuery } from './query.ts';
import { entryKinds, entryStatuses } from './schema.ts';
import { roadmapSearchFor } from './search.ts';
import { ChangesPage, EntryFormPage, EntryPage, type ExistingEntry, RoadmapPage } from './views.tsx';
import { roadmapChangesSince } from './changes.ts';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
/** Since a calendar day (00:00 UTC); 30 days ago when not given. */
const changesQuery = z.object({
  since: z.preprocess((v) => (v === '' || v === undefined ? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) : v), isoDate()),
});
const entryParams = acronymParams.extend({ id: rowId() });

const entryOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  organization: z.string(),
  groupId: z.number().nullable(),
  group: z.string().nullable(),
  identifier: z.string(),
  identifierKey: z.string(),
  title: z.string(),
  /** the same text's numbers at other bodies */
  equivalents: z.array(z.string()),
  kind: z.enum(entryKinds),
  status: z.enum(entryStatuses),
  startedOn: z.string().nullable(),
  targetOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  year: z.number().nullable(),
  version: z.string().nullable(),
  editors: z.string().nullable(),
  scope: z.string().nullable(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  topics: z.array(z.string()),
});
/** An entry as entryOut describes it, and nothing else (the search answer skips the serializer's check). */
const entryJson = (e: EntryView): z.output<typeof entryOut> => ({
  id: e.id,
  organizationId: e.organizationId,
  organization: e.organization,
  groupId: e.groupId,
  group: e.group,
  identifier: e.identifier,
  identifierKey: e.identifierKey,
  title: e.title,
  equivalents: e.equivalents,
  kind: e.kind,
  status: e.status,
  startedOn: e.startedOn,
  targetOn: e.targetOn,
  approvedOn: e.approvedOn,
  year: e.year,
  version: e.version,
  editors: e.editors,
  scope: e.scope,
  url: e.url,
  source: e.source,
  topics: e.topics,
});
const counts = z.record(z.string(), z.number());
const searchOut = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  entries: z.array(entryOut),
  facets: z.object({ organization: counts, status: counts, kind: counts, topics: counts, year: counts }),
  suggestion: z
    .object({ q: z.string(), applied: z.boolean() })
    .nullable()
    .describe('When the words as typed found fewer than three entries: the words with one slip each corrected (or the identifier with its dots), if that finds more. applied: the entries and counts are those of the suggestion, since the words as typed found none.'),
});

function allow(actor: Actor, action: RoadmapAction, activity: Activity) {
  requireUser(actor);
  if (!canRoadmap(actor, action, activity)) throw forbidden();
}

export function registerRoadmapRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  const search = roadmapSearchFor(db);
  const findActivity = (request: { params: unknown; actor: Actor }) =>
    getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const entryIn = async (activity: Activity, entryId: number, locale: 'en' | 'fr') => {
    const [entry] = await listRoadmap(db, activity.id, [entryId]);
    if (!entry) throw notFound(roadmapMessages(locale).notInRoadmap);
    return entry;
  };
  /** The form shows a duplicate's link beside the message, so the user can go to the entry that already exists. */
  const existingHref = (error: unknown) => (error as AppError | undefined)?.details?.existing as { href?: string } | undefined;
  /** The duplicate an add form ran into, with whether this roadmap has it already (then there is nothing to include). */
  const existingEntry = async (error: unknown, activity: Activity): Promise<ExistingEntry | undefined> => {
    const existing = (error as AppError | undefined)?.details?.existing as { id?: number; identifier?: string } | undefined;
    if (!existing?.id || !existing.identifier) return undefined;
    return { id: existing.id, identifier: existing.identifier, inThisRoadmap: (await listRoadmap(db, activity.id, [existing.id])).length > 0 };
  };
  /** Includes an entry the actor can read in a roadmap the actor edits; an entry in no roadmap they read is "not found". */
  const include = async (actor: Actor, activity: Activity, entryId: number, topics: string[]) => {
    allow(actor, 'edit', activity);
    if (!(await activitiesIncluding(db, actor, entryId)).length) throw notFound();
    await includeEntry(db, actor, activity.id, entryId, topics);
  };
  const includeForm = z.object({ entryId: entryInput.shape.organizationId, topics: entryInput.shape.topics });

  app.get('/activities/:acronym/roadmap', async (request, reply) => {
    const activity = await findActivity(request);
    const query = parseInput(roadmapQuery, request.query, request.locale);
    const result = await search.search(activity.id, query);
    return sendPage(reply, RoadmapPage({ ctx: viewContext(request, reply), activity, query, result }));
  });

  app.get('/activities/:acronym/roadmap/changes', async (request, reply) => {
    const activity = await findActivity(request);
    const { since } = parseInput(changesQuery, request.query, request.locale);
    const changes = await roadmapChangesSince(db, activity.id, new Date(`${since}T00:00:00Z`));
    return sendPage(reply, ChangesPage({ ctx: viewContext(request, reply), activity, since, changes }));
  });

  app.get('/activities/:acronym/roadmap/new', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request.actor, 'edit', activity);
    return sendPage(reply, EntryFormPage({ ctx: viewContext(request, reply), activity, organizations: await listOrganizationTree(db) }));
  });

  app.post('/activities/:acronym/roadmap', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request.actor, 'edit', activity);
    let failure: unknown;
    return submitForm(request, reply, {
      schema: entryInput,
      action: async (input) => {
        try {
          const entry = await createEntry(db, request.actor, activity.id, input, request.locale);
          return { location: `/roadmap/entries/${entry.id}?activity=${encodeURIComponent(activity.acronym)}`, message: roadmapMessages(request.locale).added };
        } catch (error) {
          failure = error;
          throw error;
        }
      },
      render: async (ctx, state) =>
        EntryFormPage({ ctx, activity, organizations: await listOrganizationTree(db), ...state, existingHref: existingHref(failure)?.href, existing: await existingEntry(failure, activity) }),
    });
  });

  app.post('/activities/:acronym/roadmap/include', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request.actor, 'edit', activity);
    const input = parseInput(includeForm, request.body, request.locale);
    await include(request.actor, activity, input.entryId, input.topics ?? []);
    return redirectWithFlash(reply, `/roadmap/entries/${input.entryId}?activity=${encodeURIComponent(activity.acronym)}`, roadmapMessages(request.locale).included(activity.acronym));
  });

  app.post('/roadmap/entries/:id/include', async (request, reply) => {
    const entryId = idParam(request.params);
    const { activity: acronym } = parseInput(z.object({ activity: z.string().min(1).max(30) }), request.body, request.locale);
    const activity = await getActivity(db, request.actor, acronym);
    await include(request.actor, activity, entryId, []);
    return redirectWithFlash(reply, `/roadmap/entries/${entryId}?activity=${encodeURIComponent(activity.acronym)}`, roadmapMessages(request.locale).included(activity.acronym));
  });

  app.get('/activities/:acronym/roadmap/:id/edit', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request.actor, 'edit', activity);
    const entry = await entryIn(activity, idParam(request.params), request.locale);
    return sendPage(reply, EntryFormPage({ ctx: viewContext(request, reply), activity, entry, organizations: await listOrganizationTree(db) }));
  });

  app.post('/activities/:acronym/roadmap/:id', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request.actor, 'edit', activity);
    const entry = await entryIn(activity, idParam(request.params), request.locale);
    let failure: unknown;
    return submitForm(request, reply, {
      // A form always sends the topics field; empty means "no topic".
      schema: entryInput.transform((input) => ({ ...input, topics: input.topics ?? [] })),
      action: async (input) => {
        try {
          await updateEntry(db, request.actor, activity.id, entry.id, input, request.locale);
        } catch (error) {
          failure = error;
          throw error;
        }
        return { location: `/roadmap/entries/${entry.id}?activity=${encodeURIComponent(activity.acronym)}`, message: roadmapMessages(request.locale).saved };
      },
      render: async (ctx, state) =>
        EntryFormPage({ ctx, activity, entry, organizations: await listOrganizationTree(db), ...state, existingHref: existingHref(failure)?.href }),
    });
  });

  app.post('/activities/:acronym/roadmap/:id/remove', async (request, reply) => {
    const activity = await findActivity(request);
    allow(request.actor, 'edit', activity);
    await removeFromRoadmap(db, request.actor, activity.id, idParam(request.params), request.locale);
    return redirectWithFlash(reply, `/activities/${encodeURIComponent(activity.acronym)}/roadmap`, roadmapMessages(request.locale).removed);
  });

  app.get('/roadmap/entries/:id', async (request, reply) => {
    const entry = await getEntry(db, idParam(request.params));
    // An entry is visible through the roadmaps that include it; in none the asker may read, it does not exist for them.
    const including = await activitiesIncluding(db, request.actor, entry.id);
    if (!including.length) throw notFound();
    const wanted = String((request.query as Record<string, unknown>).activity ?? '').toLowerCase();
    const current = including.find((a) => a.acronym.toLowerCase() === wanted);
    const roadmaps = await Promise.all(
      including.map(async (activity) => ({ activity, topics: (await topicsOf(db, activity.id, [entry.id])).get(entry.id) ?? [] })),
    );
    const tree = await listOrganizationTree(db);
    return sendPage(
      reply,
      EntryPage({
        ctx: viewContext(request, reply),
        entry,
        organization: tree.find((o) => o.id === entry.organizationId),
        group: tree.find((o) => o.id === entry.groupId),
        roadmaps,
        current,
        addable: await roadmapsToAddTo(db, request.actor, entry.id),
        proposable: await roadmapsToAddTo(db, request.actor, entry.id, 'propose'),
      }),
    );
  });

  const tags = ['roadmap'];
  app.get(
    '/api/v1/activities/:acronym/roadmap',
    {
      schema: { tags, summary: api('Search the roadmap: ranked text search, filters, facet counts, pages'), params: acronymParams, querystring: roadmapQuery, response: { 200: searchOut } },
      // The answer is built field by field below (entryJson), so checking it against searchOut again would only cost
      // time: a tenth of the busiest route's, whose goal is 5 ms. The schema still documents it in the OpenAPI.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const activity = await findActivity(request);
      const result = await search.search(activity.id, request.query);
      return { total: result.total, page: request.query.page, pageSize: request.query.pageSize, entries: result.entries.map(entryJson), facets: result.facets, suggestion: result.suggestion };
    },
  );
  const changeOut = z.object({ eventId: z.number(), at: z.date(), actorName: z.string(), entryId: z.number(), identifier: z.string(), title: z.string(), before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) });
  app.get(
    '/api/v1/activities/:acronym/roadmap/changes',
    { schema: { tags, summary: api('What changed in the roadmap since a date: additions, status changes, other edits, removals'), params: acronymParams, querystring: changesQuery, response: { 200: z.object({ since: z.string(), added: z.array(changeOut), statusChanges: z.array(changeOut), edited: z.array(changeOut), removed: z.array(changeOut) }) } } },
    async (request) => {
      const activity = await findActivity(request);
      return { since: request.query.since, ...(await roadmapChangesSince(db, activity.id, new Date(`${request.query.since}T00:00:00Z`))) };
    },
  );
  app.post(
    '/api/v1/activities/:acronym/roadmap',
    { schema: { tags, summary: api('Add a new entry to the register and to this roadmap (secretariat, chairs)'), params: acronymParams, body: entryInput.strict(), response: { 201: entryOut } } },
    async (request, reply) => {
      const activity = await findActivity(request);
      allow(request.actor, 'edit', activity);
      const entry = await createEntry(db, request.actor, activity.id, request.body, request.locale);
      return reply.status(201).send(await entryIn(activity, entry.id, request.locale));
    },
  );
  app.post(
    '/api/v1/activities/:acronym/roadmap/include',
    {
      schema: {
        tags,
        summary: api('Include an entry already in the register in this roadmap (secretariat, chairs); members propose it instead'),
        description:
          api('The entry stays one record, shared with the roadmaps that already include it; `topics` are its topics in this roadmap. An entry in no roadmap the caller may read is not found. Including an entry this roadmap has already changes nothing and answers 200.'),
        params: acronymParams,
        body: z.object({ entryId: z.number().int().positive().max(maxRowId), topics: entryInput.shape.topics }).strict(),
        response: { 200: entryOut, 201: entryOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      const already = (await listRoadmap(db, activity.id, [request.body.entryId])).length > 0;
      await include(request.actor, activity, request.body.entryId, request.body.topics ?? []);
      return reply.status(already ? 200 : 201).send(await entryIn(activity, request.body.entryId, request.locale));
    },
  );
  app.get(
    '/api/v1/activities/:acronym/roadmap/:id',
    { schema: { tags, summary: api('One entry of this roadmap'), params: entryParams, response: { 200: entryOut } } },
    async (request) => entryIn(await findActivity(request), request.params.id, request.locale),
  );
  app.patch(
    '/api/v1/activities/:acronym/roadmap/:id',
    { schema: { tags, summary: api('Change some fields of an entry, and its topics in this roadmap'), params: entryParams, body: entryPatch.strict(), response: { 200: entryOut } } },
    async (request) => {
      const activity = await findActivity(request);
      allow(request.actor, 'edit', activity);
      await updateEntry(db, request.actor, activity.id, request.params.id, request.body, request.locale);
      return entryIn(activity, request.params.id, request.locale);
    },
  );
  app.delete(
    '/api/v1/activities/:acronym/roadmap/:id',
    { schema: { tags, summary: api('Take an entry out of this roadmap (it stays in the register)'), params: entryParams } },
    async (request, reply) => {
      const activity = await findActivity(request);
      allow(request.actor, 'edit', activity);
      await removeFromRoadmap(db, request.actor, activity.id, request.params.id, request.locale);
      return reply.status(204).send();
    },
  );
}

