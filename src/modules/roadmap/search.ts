// Roadmap search: one in-memory copy of each activity's roadmap, built from the database on first use and kept
// current from the event log, so every process (web or worker) sees the others' writes.
import { and, eq, gt, max } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { events } from '../../platform/schema.ts';
import { type EntryView, listRoadmap } from './entries.ts';
import { identifierKey } from './identifiers.ts';
import type { RoadmapQuery } from './query.ts';

export type Facets = {
  organization: Record<string, number>;
  status: Record<string, number>;
  kind: Record<string, number>;
  topics: Record<string, number>;
  year: Record<string, number>;
};
export type RoadmapSearchResult = { total: number; entries: EntryView[]; facets: Facets };

type Loaded = { entries: Map<number, EntryView>; lastEventId: number };

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

function matches(entry: EntryView, words: string[], key: string): boolean {
  if (!words.length) return true;
  if (key && entry.identifierKey === key) return true;
  const text = fold([entry.identifier, entry.title, entry.scope ?? '', ...entry.topics].join(' '));
  return words.every((w) => text.includes(w));
}

function score(entry: EntryView, words: string[], key: string): number {
  if (key && entry.identifierKey === key) return 1000;
  const title = fold(entry.title);
  return words.reduce((s, w) => s + (fold(entry.identifier).includes(w) ? 50 : 0) + (title.includes(w) ? 10 : 0) + (entry.topics.some((t) => fold(t).includes(w)) ? 5 : 0), 0);
}

export class RoadmapSearch {
  private readonly activities = new Map<number, Promise<Loaded>>();

  constructor(private readonly db: Tx) {}

  private async load(activityId: number): Promise<Loaded> {
    const [last] = await this.db.select({ id: max(events.id) }).from(events);
    const list = await listRoadmap(this.db, activityId);
    return { entries: new Map(list.map((e) => [e.id, e])), lastEventId: last?.id ?? 0 };
  }

  /** Applies roadmap events written since the copy was made (by this process or another). */
  private async catchUp(activityId: number, loaded: Loaded): Promise<void> {
    const recent = await this.db
      .select({ id: events.id, subjectId: events.subjectId })
      .from(events)
      .where(and(gt(events.id, loaded.lastEventId), eq(events.subjectType, 'roadmap_entry')));
    if (!recent.length) return;
    loaded.lastEventId = Math.max(...recent.map((r) => r.id));
    const ids = [...new Set(recent.map((r) => Number(r.subjectId)))];
    const fresh = await listRoadmap(this.db, activityId, ids);
    for (const id of ids) loaded.entries.delete(id);
    for (const entry of fresh) loaded.entries.set(entry.id, entry);
  }

  private async copy(activityId: number): Promise<Loaded> {
    let loading = this.activities.get(activityId);
    if (!loading) {
      loading = this.load(activityId);
      this.activities.set(activityId, loading);
      loading.catch(() => this.activities.delete(activityId));
    }
    const loaded = await loading;
    await this.catchUp(activityId, loaded);
    return loaded;
  }

  /** Ranked, filtered, paged; each facet counts the matches with every other filter applied. */
  async search(activityId: number, query: RoadmapQuery): Promise<RoadmapSearchResult> {
    const { entries } = await this.copy(activityId);
    const words = fold(query.q).split(/[^\p{L}\p{N}.]+/u).filter(Boolean);
    const key = query.q ? identifierKey(query.q) : '';
    const textMatches = [...entries.values()].filter((e) => matches(e, words, key));
    const filters = {
      organization: (e: EntryView) => !query.organization.length || query.organization.includes(e.organization),
      status: (e: EntryView) => !query.status.length || query.status.includes(e.status),
      kind: (e: EntryView) => !query.kind.length || query.kind.includes(e.kind),
      topics: (e: EntryView) => !query.topic.length || query.topic.some((t) => e.topics.includes(t)),
      year: (e: EntryView) => (!query.yearFrom || (e.year ?? 0) >= query.yearFrom) && (!query.yearTo || (e.year ?? 9999) <= query.yearTo),
    };
    const facets: Facets = { organization: {}, status: {}, kind: {}, topics: {}, year: {} };
    const passesAllBut = (e: EntryView, skip: keyof typeof filters) =>
      (Object.keys(filters) as (keyof typeof filters)[]).every((f) => f === skip || filters[f](e));
    const bump = (counts: Record<string, number>, value: string | number | null) => {
      if (value === null || value === '') return;
      counts[String(value)] = (counts[String(value)] ?? 0) + 1;
    };
    for (const e of textMatches) {
      if (passesAllBut(e, 'organization')) bump(facets.organization, e.organization);
      if (passesAllBut(e, 'status')) bump(facets.status, e.status);
      if (passesAllBut(e, 'kind')) bump(facets.kind, e.kind);
      if (passesAllBut(e, 'topics')) for (const t of e.topics) bump(facets.topics, t);
      if (passesAllBut(e, 'year')) bump(facets.year, e.year);
    }
    const hits = textMatches.filter((e) => passesAllBut(e, '' as never));
    const sort = query.sort ?? (query.q ? 'relevance' : 'identifier');
    const byIdentifier = (a: EntryView, b: EntryView) => a.organization.localeCompare(b.organization) || a.identifierKey.localeCompare(b.identifierKey, 'en', { numeric: true });
    const ordered =
      sort === 'relevance'
        ? hits.map((e) => ({ e, s: score(e, words, key) })).sort((a, b) => b.s - a.s || byIdentifier(a.e, b.e)).map((x) => x.e)
        : sort === 'year'
          ? hits.sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || byIdentifier(a, b))
          : sort === 'title'
            ? hits.sort((a, b) => a.title.localeCompare(b.title))
            : hits.sort(byIdentifier);
    const start = (query.page - 1) * query.pageSize;
    return { total: ordered.length, entries: ordered.slice(start, start + query.pageSize), facets };
  }

  /** Entries by id from the activity's copy (for exports of a filtered view). */
  async entriesOf(activityId: number, ids?: number[]): Promise<EntryView[]> {
    const { entries } = await this.copy(activityId);
    return ids ? ids.map((id) => entries.get(id)).filter((e): e is EntryView => !!e) : [...entries.values()];
  }
}

