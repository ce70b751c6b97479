// The roadmap's views as pictures (timeline, landscape matrix), the relation graph of an entry, and the relations
// themselves (form and API). The views take the table's filters, read through the same search.
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { formFields, idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { parseInput, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { chartMessages } from './chart-messages.ts';
import { graphHref, MatrixPage, RelationGraphPage, TimelinePage } from './chart-views.tsx';
import { landscapeMatrix } from './charts.tsx';
import { activitiesIncluding, type EntryView, getEntry } from './entries.ts';
import { matrixCellLinks } from './extensions.ts';
import { canRoadmap } from './policy.ts';
import { type RoadmapQuery, roadmapQuery } from './query.ts';
import { addRelation, canEditRelations, readRelationGraph, relationInput, relationKey, removeRelation } from './relations.ts';
import { relationKinds } from './schema.ts';
import { type RoadmapSearch, roadmapSearchFor } from './search.ts';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const entryParams = z.object({ id: rowId() });
const depthOf = (query: unknown) => ((query as Record<string, unknown> | undefined)?.depth === '2' ? 2 : 1);

/** The timeline draws one row per entry; past this many it stops and says so. */
export const timelineLimit = 500;
/** The matrix counts every match up to this many. */
const matrixLimit = 20_000;

const relationOut = z.object({
  id: z.number(),
  fromEntryId: z.number(),
  fromIdentifier: z.string(),
  toEntryId: z.number(),
  toIdentifier: z.string(),
  kind: z.enum(relationKinds),
  note: z.string().nullable(),
});

/** Every match of the query, a page of 500 at a time (the search's largest page), up to `limit`. */
async function allMatches(search: RoadmapSearch, activityId: number, query: RoadmapQuery, limit: number): Promise<{ entries: EntryView[]; total: number }> {
  const entries: EntryView[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const result = await search.search(activityId, { ...query, sort: 'identifier', page, pageSize: 500 });
    total = result.total;
    entries.push(...result.entries);
    if (!result.entries.length || entries.length >= Math.min(total, limit)) break;
  }
  return { entries: entries.slice(0, limit), total };
}

export function registerRoadmapChartRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  const search = roadmapSearchFor(db);
  const findActivity = (request: { params: unknown; actor: Actor }) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const isEmpty = async (activityId: number) => (await search.search(activityId, parseInput(roadmapQuery, { pageSize: '1' }, 'en'))).total === 0;

  app.get('/activities/:acronym/roadmap/timeline', async (request, reply) => {
    const activity = await findActivity(request);
    const query = parseInput(roadmapQuery, request.query, request.locale);
    const { entries, total } = await allMatches(search, activity.id, query, timelineLimit);
    const today = new Date().toISOString().slice(0, 10);
    return sendPage(
      reply,
      TimelinePage({ ctx: viewContext(request, reply), activity, query, entries, total, today, roadmapIsEmpty: total === 0 && (await isEmpty(activity.id)) }),
    );
  });

  app.get('/activities/:acronym/roadmap/matrix', async (request, reply) => {
    const activity = await findActivity(request);
    const query = parseInput(roadmapQuery, request.query, request.locale);
    const { entries } = await allMatches(search, activity.id, query, matrixLimit);
    // Rows and columns come from the whole roadmap, not only the matches, so a filter shows where the gaps are;
    // a topic or organization filter narrows its own axis.
    const everything = await search.search(activity.id, parseInput(roadmapQuery, { pageSize: '1' }, 'en'));
    const matrix = landscapeMatrix(entries, {
      topics: query.topic.length ? query.topic : Object.keys(everything.facets.topics),
      organizations: query.organization.length ? query.organization : Object.keys(everything.facets.organization),
    });
    const cellLinks = await matrixCellLinks(app, db, request.actor, activity, request.locale);
    return sendPage(reply, MatrixPage({ ctx: viewContext(request, reply), activity, query, matrix, roadmapIsEmpty: everything.total === 0, cellLinks }));
  });

  /** The entry, the activity it is seen through (?activity=, else the first the reader may read), and who may edit. */
  const graphContext = async (actor: Actor, entryId: number, acronym: unknown) => {
    const entry = await getEntry(db, entryId);
    const including = await activitiesIncluding(db, actor, entry.id);
    if (!including.length) throw notFound();
    const wanted = String(acronym ?? '').toLowerCase();
    const current = including.find((a) => a.acronym.toLowerCase() === wanted) ?? (including[0] as Activity);
    return { entry, current, including };
  };

  const renderGraph = async (request: Parameters<typeof viewContext>[0], reply: Parameters<typeof viewContext>[1], entryId: number, acronym: unknown, depth: number, state = {}) => {
    const { entry, current, including } = await graphContext(request.actor, entryId, acronym);
    const graph = await readRelationGraph(db, request.actor, entry.id, depth);
    const editableFrom = new Set<number>();
    for (const from of new Set(graph.edges.map((e) => e.fromEntryId))) if (await canEditRelations(db, request.actor, from)) editableFrom.add(from);
    const editable = including.filter((a) => canRoadmap(request.actor, 'edit', a));
    const source = editable.find((a) => a.id === current.id) ?? editable[0];
    const candidates = source ? await search.entriesOf(source.id) : undefined;
    candidates?.sort((a, b) => a.organization.localeCompare(b.organization) || a.identifierKey.localeCompare(b.identifierKey, 'en', { numeric: true }));
    return RelationGraphPage({ ctx: viewContext(request, reply), entry, current, graph, depth, editableFrom, candidates, ...state });
  };

  app.get('/roadmap/entries/:id/graph', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return sendPage(reply, await renderGraph(request, reply, idParam(request.params), query.activity, depthOf(query)));
  });

  app.post('/roadmap/entries/:id/relations', async (request, reply) => {
    requireUser(request.actor);
    const entryId = idParam(request.params);
    const acronym = formFields(request).activity;
    const { current } = await graphContext(request.actor, entryId, acronym);
    return submitForm(request, reply, {
      schema: relationInput,
      action: async (input) => {
        await addRelation(db, request.actor, entryId, input, request.locale, { activityId: current.id });
        return { location: graphHref(entryId, current), message: chartMessages(request.locale).relationAdded };
      },
      render: (_ctx, state) => renderGraph(request, reply, entryId, acronym, 1, state),
    });
  });

  app.post('/roadmap/entries/:id/relations/remove', async (request, reply) => {
    requireUser(request.actor);
    const entryId = idParam(request.params);
    const fields = formFields(request);
    const key = parseInput(relationKey, fields, request.locale);
    const { current } = await graphContext(request.actor, entryId, fields.activity);
    await removeRelation(db, request.actor, entryId, key, request.locale, { activityId: current.id });
    // Back to the graph the button was on, which may be the related entry's.
    const back = /^[1-9][0-9]{0,9}$/.test(fields.return ?? '') ? Number(fields.return) : entryId;
    return redirectWithFlash(reply, graphHref(back, current), chartMessages(request.locale).relationRemoved);
  });

  const tags = ['roadmap'];
  app.get(
    '/api/v1/roadmap/entries/:id/relations',
    { schema: { tags, summary: api('The relations of an entry, both ways, to entries the caller may read'), params: entryParams, response: { 200: z.object({ relations: z.array(relationOut) }) } } },
    async (request) => {
      await graphContext(request.actor, request.params.id, undefined);
      const graph = await readRelationGraph(db, request.actor, request.params.id, 1);
      const identifiers = new Map(graph.nodes.map((n) => [n.id, n.identifier]));
      return {
        relations: graph.edges.map((e) => ({
          id: e.id,
          fromEntryId: e.fromEntryId,
          fromIdentifier: identifiers.get(e.fromEntryId) ?? '',
          toEntryId: e.toEntryId,
          toIdentifier: identifiers.get(e.toEntryId) ?? '',
          kind: e.kind,
          note: e.note,
        })),
      };
    },
  );
  app.post(
    '/api/v1/roadmap/entries/:id/relations',
    {
      schema: {
        tags,
        summary: api('Relate this entry to another (secretariat and chairs of an activity whose roadmap includes this entry)'),
        params: entryParams,
        body: relationInput.strict(),
        response: { 201: relationOut },
      },
    },
    async (request, reply) => {
      requireUser(request.actor);
      const relation = await addRelation(db, request.actor, request.params.id, request.body, request.locale);
      const [from, to] = await Promise.all([getEntry(db, relation.fromEntryId), getEntry(db, relation.toEntryId)]);
      return reply.status(201).send({ ...relation, fromIdentifier: from.identifier, toIdentifier: to.identifier });
    },
  );
  app.delete(
    '/api/v1/roadmap/entries/:id/relations',
    { schema: { tags, summary: api('Remove a relation of this entry, named by the related entry and the kind'), params: entryParams, querystring: relationKey } },
    async (request, reply) => {
      requireUser(request.actor);
      await removeRelation(db, request.actor, request.params.id, request.query, request.locale);
      return reply.status(204).send();
    },
  );
}
