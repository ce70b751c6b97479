import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, anonymous, isAdmin, requireUser } from '../../platform/actor.ts';
import { historyFeed } from './feed.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { idParam, sendPage, viewContext } from '../../platform/http/context.ts';
import { type Activity, ActivityFrame, activityMessages, getActivity } from '../activities/index.ts';
import { getOrganization, organizationMessages } from '../organizations/index.ts';
import { canPerson, getPerson, peopleMessages } from '../people/index.ts';
import { activitiesIncluding, getEntry } from '../roadmap/index.ts';
import { type HistoryEntry, readHistory } from './history.ts';
import { HistoryPage, HistoryTable } from './views.tsx';
import { historyVocabulary } from './vocabulary.ts';
import { redactAcrossActivities, redactEvents, visibleAcrossActivities, visibleEvents } from './visibility.ts';
import { activitiesOfSubject } from './history.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { rowId } from '../../platform/validation.ts';
import { api } from './api-messages.ts';

const pageSize = 100;
const subjectTypes = ['organization', 'person', 'user', 'roadmap_entry'] as const;

const eventOut = z.object({
  id: z.number(),
  at: z.date(),
  actorName: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  activityId: z.number().nullable(),
  /** The event in the reader's language. */
  summary: z.string(),
  /** Each field the reader may see that changed, labelled and in words (names, dates, yes/no), whole. */
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
  /** The stored values (without the fields the reader may not see), for programs. */
  before: z.unknown(),
  after: z.unknown(),
});

/** An entry as the API gives it: values whole rather than shortened for a page. */
const forApi = (entries: HistoryEntry[]) =>
  entries.map((e) => ({ ...e, changes: e.changes.map((c) => ({ field: c.field, label: c.label, before: c.before.whole ?? c.before.text, after: c.after.whole ?? c.after.text })) }));

function beforeId(query: unknown): number | undefined {
  const raw = (query as Record<string, unknown>).before;
  const n = Number(raw);
  return raw !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Whose history may be read: bodies are public, people need a signed-in user, accounts only their owner or an admin. */
async function checkSubject(app: AppDeps, actor: Actor, subjectType: (typeof subjectTypes)[number], id: number): Promise<string> {
  const db = app.database.db;
  if (subjectType === 'organization') return (await getOrganization(db, id)).path;
  if (subjectType === 'roadmap_entry') {
    // An entry's history is readable where the entry is: through a roadmap the asker may read.
    const entry = await getEntry(db, id);
    if (!(await activitiesIncluding(db, actor, id)).length) throw notFound();
    return entry.identifier;
  }
  if (subjectType === 'person') {
    requireUser(actor);
    if (!canPerson(actor, 'read')) throw new AppError('forbidden');
    return (await getPerson(db, id)).name;
  }
  requireUser(actor);
  if (!isAdmin(actor) && !(actor.kind === 'user' && actor.userId === id)) throw notFound();
  return `#${id}`;
}

export function registerHistoryRoutes(app: App, deps: AppDeps) {
  const db = deps.database.db;
  /** The page and the API read an activity's history the same way: each module's rule for its events. */
  const readActivityHistory = (actor: Actor, locale: Locale, activity: Activity, before: number | undefined) =>
    readHistory(
      db,
      { activityId: activity.id, beforeId: before, visible: visibleEvents(deps.modules, actor, activity) },
      locale,
      historyVocabulary(deps.modules, locale),
      (rows) => redactEvents(deps.modules, actor, activity, rows),
    );
  /** A record's own history: what happened to it in each activity, as that activity's history shows it to the reader. */
  const readSubjectHistory = async (actor: Actor, locale: Locale, subjectType: string, subjectId: number, before: number | undefined) => {
    const activities = await activitiesOfSubject(db, subjectType, subjectId);
    return readHistory(
      db,
      { subjectType, subjectId, beforeId: before, visible: visibleAcrossActivities(deps.modules, actor, activities) },
      locale,
      historyVocabulary(deps.modules, locale),
      (rows) => redactAcrossActivities(deps.modules, actor, activities, rows),
    );
  };
  const older = (path: string, entries: HistoryEntry[]) =>
    entries.length === pageSize ? `${path}?before=${entries[entries.length - 1]?.id}` : undefined;

  app.get('/history/:type/:id', async (request, reply) => {
    const type = (request.params as { type: string }).type;
    if (!subjectTypes.includes(type as never)) throw notFound();
    const subjectType = type as (typeof subjectTypes)[number];
    const id = idParam(request.params);
    const name = await checkSubject(deps, request.actor, subjectType, id);
    const entries = await readSubjectHistory(request.actor, request.locale, subjectType, id, beforeId(request.query));
    const ctx = viewContext(request, reply);
    const crumbs =
      subjectType === 'organization'
        ? [{ href: '/organizations', label: organizationMessages(ctx.locale).title }, { href: `/organizations/${id}`, label: name }]
        : subjectType === 'person'
          ? [{ href: '/people', label: peopleMessages(ctx.locale).title }, { href: `/people/${id}`, label: name }]
          : [];
    return sendPage(reply, HistoryPage({ ctx, title: ctx.t.history.titleFor(name), crumbs, entries, olderHref: older(request.url.split('?')[0] ?? '', entries) }));
  });

  // Whoever asks, the feed holds what a visitor without a session may see: a feed reader has none, and its address
  // gets shared. A members-only activity has no feed.
  app.get('/activities/:acronym/history.atom', async (request, reply) => {
    const activity = await getActivity(db, anonymous, (request.params as { acronym: string }).acronym);
    const entries = await readActivityHistory(anonymous, request.locale, activity, undefined);
    const base = `/activities/${encodeURIComponent(activity.acronym)}`;
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .send(historyFeed(activity, entries, { baseUrl: deps.config.baseUrl, feedPath: `${base}/history.atom`, pagePath: `${base}/history`, locale: request.locale }));
  });

  app.get('/activities/:acronym/history', async (request, reply) => {
    const activity = await getActivity(db, request.actor, (request.params as { acronym: string }).acronym);
    const entries = await readActivityHistory(request.actor, request.locale, activity, beforeId(request.query));
    const ctx = viewContext(request, reply);
    const base = `/activities/${encodeURIComponent(activity.acronym)}`;
    const diffLink = (e: HistoryEntry) => {
      const from = (e.before as { version?: number } | null)?.version;
      const to = (e.after as { version?: number } | null)?.version;
      return e.kind === 'tor.revised' && from && to ? `${base}/tor/diff?from=${from}&to=${to}` : undefined;
    };
    const olderHref = older(`${base}/history`, entries);
    return sendPage(
      reply,
      ActivityFrame({
        ctx,
        activity,
        tab: 'history',
        title: activityMessages(ctx.locale).history,
        children: (
          <>
            <HistoryTable ctx={ctx} entries={entries} diffLink={diffLink} />
            {olderHref ? <a href={olderHref}>{ctx.t.history.older}</a> : null}
            {activity.visibility === 'public' ? (
              <p>
                <a href={`${base}/history.atom`} type="application/atom+xml">
                  {ctx.t.history.feedLink}
                </a>
              </p>
            ) : null}
          </>
        ),
      }),
    );
  });

  const tags = ['history'];
  const query = z.object({ before: rowId().optional() });
  app.get(
    '/api/v1/history/:type/:id',
    { schema: { tags, summary: api('Changes to one organization, person or account, newest first (100 a page)'), params: z.object({ type: z.enum(subjectTypes), id: rowId() }), querystring: query, response: { 200: z.array(eventOut) } } },
    async (request) => {
      await checkSubject(deps, request.actor, request.params.type, request.params.id);
      return forApi(await readSubjectHistory(request.actor, request.locale, request.params.type, request.params.id, request.query.before));
    },
  );
  app.get(
    '/api/v1/activities/:acronym/history',
    { schema: { tags, summary: api('Every change in an activity, newest first (100 a page)'), params: z.object({ acronym: z.string().max(30) }), querystring: query, response: { 200: z.array(eventOut) } } },
    async (request) => {
      const activity = await getActivity(db, request.actor, request.params.acronym);
      return forApi(await readActivityHistory(request.actor, request.locale, activity, request.query.before));
    },
  );
}
