// Roadmap search: per activity, an in-memory text index and copy of its roadmap, built from the database (at start-up
// by `warm`, or on first use) and kept current from the event log, so every process (web or worker) sees the others'
// writes. PostgreSQL's full-text search takes 20–40 ms a query at 100,000 entries; the speed target is 5 ms with facets.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/engine.ts';
import { onEventsWritten } from '../../platform/events.ts';
import { roadmapItems } from './schema.ts';
import { type EntryView, listRoadmap } from './entries.ts';
import { identifierKey } from './identifiers.ts';
import type { RoadmapQuery } from './query.ts';
import { TextIndex, type TextIndexDocument } from '../../platform/text-index/text-index.ts';

export type Facets = {
  organization: Record<string, number>;
  status: Record<string, number>;
  kind: Record<string, number>;
  topics: Record<string, number>;
  year: Record<string, number>;
};
/** `suggestion`: the query with its slips corrected, when the words as typed found little (see TextIndex.search). */
export type RoadmapSearchResult = { total: number; entries: EntryView[]; facets: Facets; suggestion: { q: string; applied: boolean } | null };

/**
 * `horizon`: every event of a transaction with an id below it has been applied. Transaction ids, not event ids: an
 * event id is taken when the row is written, so a transaction that started early can commit an event with a lower
 * id after one with a higher id has been read; no transaction below the oldest one still running can commit again.
 * Events already visible above the horizon (committed while an older transaction, in any database of the server,
 * still runs) are applied at once too, so a writer reads its own change; `appliedAbove` keeps them from being
 * applied again until the horizon passes them.
 */
type Loaded = {
  entries: Map<number, EntryView>;
  index: TextIndex;
  horizon: number;
  appliedAbove: Set<number>;
  /** the change count last caught up with (see RoadmapSearch.changes) */
  seen: number;
  /** a transaction was still running at the last catch-up: what it writes must be read once it ends */
  behind: boolean;
};

/** The oldest transaction still running (or the next one to start): all below it have finished. */
const oldestRunning = sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`;
/** Whether any transaction that writes is still running. */
const anyRunning = sql<boolean>`pg_snapshot_xmin(pg_current_snapshot()) <> pg_snapshot_xmax(pg_current_snapshot())`;

function toDocument(entry: EntryView): TextIndexDocument {
  return {
    id: entry.id,
    fields: { identifier: entry.identifier, identifierAliases: entry.equivalents, title: entry.title, scope: entry.scope ?? '', topics: entry.topics },
    facets: { organization: entry.organization, status: entry.status, kind: entry.kind, topics: entry.topics, year: entry.year },
  };
}

export class RoadmapSearch {
  private readonly activities = new Map<number, Promise<Loaded>>();
  /**
   * Counts the signs that the log has grown: this process writing events, or the database's notification of another
   * process's commit. While notifications are known to arrive (`following`), a copy that has seen the current count
   * and was not behind skips the catch-up query: most searches then ask the database nothing.
   */
  private changes = 0;
  private following = false;
  private readonly stopCounting: () => void;

  constructor(private readonly db: Tx) {
    this.stopCounting = onEventsWritten(() => this.changes++);
  }

  /** Listens to the database's notifications of new events (any process); resolves to a function that stops. */
  async follow(database: Pick<Database, 'listen'>): Promise<() => Promise<void>> {
    const stop = await database.listen(
      'concord_events',
      () => {
        this.changes++;
        this.following = true;
      },
      () => (this.following = false),
    );
    this.following = true;
    return async () => {
      this.following = false;
      this.stopCounting();
      await stop();
    };
  }

  private async load(activityId: number): Promise<Loaded> {
    // Taken before the list: a transaction still running now is read again by the first catch-up (a harmless refresh).
    const [row] = ((await this.db.execute(sql`select ${oldestRunning} as horizon`)) as unknown as { rows: { horizon: string }[] }).rows;
    const seen = this.changes;
    const list = await listRoadmap(this.db, activityId);
    const index = new TextIndex({ identifierKey });
    for (const entry of list) index.add(toDocument(entry));
    return { entries: new Map(list.map((e) => [e.id, e])), index, horizon: Number(row?.horizon ?? 0), appliedAbove: new Set(), seen, behind: true };
  }

  /** Applies roadmap events of transactions that finished since the copy was last brought up to date. */
  private async catchUp(activityId: number, loaded: Loaded): Promise<void> {
    if (this.following && loaded.seen === this.changes && !loaded.behind) return;
    // Noted before the query: a change signalled while it runs is caught up with next time.
    loaded.seen = this.changes;
    // One round trip: the new horizon, and every visible roadmap event at or above the old one.
    const result = (await this.db.execute(sql`
      with now as (select ${oldestRunning}::bigint as horizon, ${anyRunning} as running)
      select now.horizon::text as horizon, now.running, e.id::text as "eventId", e.tx_id::text as "txId", e.subject_id as "subjectId"
      from now left join events e on e.subject_type = 'roadmap_entry' and e.tx_id >= ${loaded.horizon}`)) as unknown as {
      rows: { horizon: string; running: boolean; eventId: string | null; txId: string | null; subjectId: string | null }[];
    };
    const rows = result.rows;
    const horizon = Number(rows[0]?.horizon ?? loaded.horizon);
    loaded.behind = rows[0]?.running ?? true;
    const fresh = rows.filter((r) => r.eventId !== null && !loaded.appliedAbove.has(Number(r.eventId)));
    loaded.horizon = horizon;
    loaded.appliedAbove = new Set(rows.filter((r) => r.eventId !== null && Number(r.txId) >= horizon).map((r) => Number(r.eventId)));
    const ids = [...new Set(fresh.map((r) => Number(r.subjectId)))];
    if (!ids.length) return;
    if (ids.length > 2000) {
      // After a large import, one fresh copy is cheaper than thousands of single refreshes.
      const reloaded = await this.load(activityId);
      Object.assign(loaded, reloaded, { seen: loaded.seen, behind: loaded.behind });
      return;
    }
    const current = await listRoadmap(this.db, activityId, ids);
    for (const id of ids) {
      loaded.entries.delete(id);
      loaded.index.remove(id);
    }
    for (const entry of current) {
      loaded.entries.set(entry.id, entry);
      loaded.index.add(toDocument(entry));
    }
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

  /**
   * Builds the copies of the given activities, or of every activity with a roadmap, one after another; `concord
   * serve` calls it before it listens, so no visitor waits for a copy to be built.
   */
  async warm(activityIds?: number[]): Promise<void> {
    const ids = activityIds ?? (await this.db.selectDistinct({ id: roadmapItems.activityId }).from(roadmapItems)).map((r) => r.id);
    for (const id of ids) await this.copy(id);
  }

  /** Ranked, filtered, paged; each facet counts the matches with every other filter applied. */
  async search(activityId: number, query: RoadmapQuery): Promise<RoadmapSearchResult> {
    const { entries, index } = await this.copy(activityId);
    const result = index.search(query.q, {
      filters: {
        organization: query.organization,
        status: query.status,
        kind: query.kind,
        topics: query.topic,
        yearFrom: query.yearFrom,
        yearTo: query.yearTo,
      },
      sort: query.sort ?? (query.q ? 'relevance' : 'identifier'),
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
      tolerateTypos: true,
    });
    return {
      total: result.total,
      entries: result.hits.map((hit) => entries.get(hit.id)).filter((e): e is EntryView => e !== undefined),
      facets: result.facets,
      suggestion: result.suggestion ? { q: result.suggestion.query, applied: result.suggestion.applied } : null,
    };
  }

  /** Entries by id from the activity's copy (for exports of a filtered view). */
  async entriesOf(activityId: number, ids?: number[]): Promise<EntryView[]> {
    const { entries } = await this.copy(activityId);
    return ids ? ids.map((id) => entries.get(id)).filter((e): e is EntryView => !!e) : [...entries.values()];
  }
}


const searches = new WeakMap<object, RoadmapSearch>();

/** The one search copy per database (so per app): the table, charts and exports share its memory and its catch-up. */
export function roadmapSearchFor(db: Tx): RoadmapSearch {
  let search = searches.get(db);
  if (!search) {
    search = new RoadmapSearch(db);
    searches.set(db, search);
  }
  return search;
}
