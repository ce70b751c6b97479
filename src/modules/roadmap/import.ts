// Importing a roadmap file: a plan first (what would be added, changed, left alone, refused), then, when the file has
// no error, the whole plan in one transaction. Re-running the same file changes nothing (upsert on organization and
// identifier key).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, isEmbedded, type Tx } from '../../db/engine.ts';
import { inList, insertMany } from '../../db/bulk.ts';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { eventsWritten, recordEvent } from '../../platform/events.ts';
import { formatNumber, type Locale } from '../../platform/i18n/locale.ts';
import type { Progress } from '../../platform/progress.ts';
import { events } from '../../platform/schema.ts';
import { activities } from '../../db/schema.ts';
import { canOrganization, ensureOrganizations, listOrganizationTree, type OrganizationNode } from '../organizations/index.ts';
import { topicsOf } from './entries.ts';
import { identifierKey, inferKind } from './identifiers.ts';
import { defaultImportMaxErrors, type ImportColumn, type ImportError, type ImportField, type ImportRow } from './import-files.ts';
import { importMessages } from './import-messages.ts';
import { canRoadmap } from './policy.ts';
import { type EntryStatus, roadmapEntries, roadmapItems, roadmapItemTopics, roadmapTopics } from './schema.ts';

type Entry = typeof roadmapEntries.$inferSelect;
type EntryFields = Pick<Entry, 'title' | 'equivalents' | 'kind' | 'status' | 'startedOn' | 'targetOn' | 'approvedOn' | 'year' | 'version' | 'editors' | 'scope' | 'url' | 'source' | 'groupId'>;

export type PlannedChange = { field: string; before: unknown; after: unknown };
export type ImportPlan = {
  added: { line: number; organization: string; identifier: string; title: string }[];
  changed: { line: number; entryId: number; identifier: string; changes: PlannedChange[] }[];
  /** already in the register (from another roadmap), newly included in this one */
  included: { line: number; entryId: number; identifier: string }[];
  unchanged: number;
  newOrganizations: string[];
  errors: ImportError[];
  applied: boolean;
};

/** Errors listed in a plan before the rest are only counted, as the parser does. */
const maxPlanErrors = defaultImportMaxErrors;

/** File column → entry field it fills; only columns the file has are compared, so a missing column changes nothing. */
const fieldOf: Partial<Record<ImportField, keyof EntryFields>> = {
  title: 'title',
  equivalents: 'equivalents',
  kind: 'kind',
  status: 'status',
  started: 'startedOn',
  target: 'targetOn',
  approved: 'approvedOn',
  year: 'year',
  version: 'version',
  editors: 'editors',
  scope: 'scope',
  url: 'url',
  source: 'source',
};

/** The fields that hold a value: an added entry's event need not spell out every empty one (100,000 of them add up). */
function withoutBlanks(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && !value.length)));
}

/** Whether a stored value and an imported one differ: null and absent alike; lists (equivalents) by their items in order. */
function differs(before: unknown, after: unknown): boolean {
  if (Array.isArray(before) || Array.isArray(after)) return JSON.stringify(before ?? []) !== JSON.stringify(after ?? []);
  return (before ?? null) !== (after ?? null);
}

/** Runs a lookup over a long list a slice at a time: one statement takes at most 65,535 parameters. */
async function inSlices<T, R>(values: T[], lookUp: (slice: T[]) => Promise<R[]>, size = 5000): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += size) results.push(...(await lookUp(values.slice(i, i + size))));
  return results;
}

/** A new entry without a status column: published when a date or year says so, otherwise in development. */
function defaultStatus(row: ImportRow): EntryStatus {
  return row.approved || row.year ? 'published' : 'in_development';
}

function resolveOrganization(tree: OrganizationNode[], name: string): OrganizationNode | undefined {
  const wanted = name.trim().toLowerCase();
  return (
    tree.find((o) => o.path.toLowerCase() === wanted) ??
    tree.find((o) => o.parentId === null && o.acronym.toLowerCase() === wanted) ??
    (() => {
      const same = tree.filter((o) => o.acronym.toLowerCase() === wanted);
      return same.length === 1 ? same[0] : undefined;
    })()
  );
}

function resolveGroup(tree: OrganizationNode[], organizationId: number, name: string): OrganizationNode | undefined {
  const wanted = name.trim().toLowerCase();
  const below = (o: OrganizationNode): boolean => {
    for (let at: OrganizationNode | undefined = o; at; at = tree.find((p) => p.id === at?.parentId)) {
      if (at.parentId === organizationId) return true;
    }
    return false;
  };
  return tree.find((o) => below(o) && (o.acronym.toLowerCase() === wanted || o.path.toLowerCase().endsWith(` ${wanted}`)));
}

/**
 * Plans the import of parsed rows into an activity's roadmap and, unless `dryRun` or any error, applies it in one
 * transaction (secretariat and chairs). Organizations named in the file but not in the register are created through
 * the organizations module (`ensureOrganizations`) when the importer may create organizations; otherwise each row
 * naming one is an error.
 * Side effects when applied: `roadmap.entry_added` / `roadmap.entry_updated` / `roadmap.entry_included` events per
 * entry, `organization.created` per new organization, and one `roadmap.imported` event.
 */
export async function importRoadmap(
  db: Db,
  actor: Actor,
  activityId: number,
  input: { rows: ImportRow[]; errors: ImportError[]; columns: ImportColumn[]; fileName?: string },
  options: { dryRun: boolean; locale: Locale; onProgress?: Progress },
): Promise<ImportPlan> {
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity || !canRoadmap(actor, 'read', activity)) throw notFound();
  if (!canRoadmap(actor, 'edit', activity)) throw forbidden();
  const present = new Set(input.columns.map((c) => c.field).filter(Boolean));

  const run = async (tx: Tx, apply: boolean): Promise<ImportPlan> => {
    const plan: ImportPlan = { added: [], changed: [], included: [], unchanged: 0, newOrganizations: [], errors: [...input.errors], applied: false };
    let tree = await listOrganizationTree(tx);
    // Organizations the file names that the register does not have yet. The register belongs to the organizations
    // module: it creates them, by its own policy. An importer who may not add organizations (a chair, say) gets each
    // row naming an unknown one as an error, with its line and column, and nothing is imported.
    const missing = [...new Set(input.rows.map((r) => r.organization.trim()))].filter((name) => !resolveOrganization(tree, name));
    if (missing.length && !canOrganization(actor, 'create')) {
      const unknown = new Set(missing);
      const column = input.columns.find((c) => c.field === 'organization')?.header;
      const words = importMessages(options.locale);
      let hidden = 0;
      for (const row of input.rows) {
        if (!unknown.has(row.organization.trim())) continue;
        if (plan.errors.length < maxPlanErrors) plan.errors.push({ line: row.line, ...(column === undefined ? {} : { column }), message: words.row.unknownOrganization(row.organization.trim()) });
        else hidden++;
      }
      if (hidden) plan.errors.push({ line: 0, message: words.file.moreErrors(formatNumber(hidden, options.locale)) });
    } else plan.newOrganizations = missing;
    if (apply && missing.length && !plan.errors.length) {
      await ensureOrganizations(tx, actor, missing, 'a roadmap import');
      tree = await listOrganizationTree(tx);
    }
    const orgIdOf = (name: string) => resolveOrganization(tree, name)?.id;

    const keys = input.rows.map((r) => identifierKey(r.identifier));
    const existing = new Map<string, Entry>();
    const knownOrgIds = [...new Set(input.rows.map((r) => orgIdOf(r.organization)).filter((id): id is number => id !== undefined))];
    if (knownOrgIds.length) {
      const found = await inSlices([...new Set(keys)], (slice) =>
        tx.select().from(roadmapEntries).where(and(inArray(roadmapEntries.organizationId, knownOrgIds), inList(roadmapEntries.identifierKey, slice))),
      );
      for (const entry of found) existing.set(`${entry.organizationId}|${entry.identifierKey}`, entry);
    }
    const existingIds = [...existing.values()].map((e) => e.id);
    const inRoadmap = new Set(
      (
        await inSlices(existingIds, (slice) =>
          tx.select({ entryId: roadmapItems.entryId }).from(roadmapItems).where(and(eq(roadmapItems.activityId, activityId), inList(roadmapItems.entryId, slice))),
        )
      ).map((r) => r.entryId),
    );
    const currentTopics = new Map<number, string[]>(
      (await inSlices(existingIds, async (slice) => [...(await topicsOf(tx, activityId, slice)).entries()])),
    );

    type Pending = { row: ImportRow; organizationId: number | undefined; key: string; fields: EntryFields; topics: string[] | undefined };
    const pending: Pending[] = input.rows.map((row, i) => {
      const organizationId = orgIdOf(row.organization);
      const groupId = present.has('group') && organizationId !== undefined && row.group ? (resolveGroup(tree, organizationId, row.group)?.id ?? null) : null;
      const fields: EntryFields = {
        title: row.title,
        equivalents: row.equivalents,
        kind: row.kind ?? inferKind(row.organization, row.identifier) ?? 'other',
        status: row.status ?? defaultStatus(row),
        startedOn: row.started,
        targetOn: row.target,
        approvedOn: row.approved,
        year: row.year ?? (row.approved ? Number(row.approved.slice(0, 4)) : null),
        version: row.version,
        editors: row.editors,
        scope: row.scope,
        url: row.url,
        source: row.source,
        groupId,
      };
      return { row, organizationId, key: keys[i] ?? '', fields, topics: present.has('topics') ? row.topics : undefined };
    });

    const toInsert: Pending[] = [];
    const toUpdate: { entry: Entry; pending: Pending; changes: PlannedChange[] }[] = [];
    const toInclude: { entry: Entry; pending: Pending }[] = [];
    const topicWrites: { entryId: number | undefined; pending: Pending }[] = [];
    for (const p of pending) {
      const entry = p.organizationId !== undefined ? existing.get(`${p.organizationId}|${p.key}`) : undefined;
      if (!entry) {
        plan.added.push({ line: p.row.line, organization: p.row.organization, identifier: p.row.identifier, title: p.row.title });
        toInsert.push(p);
        continue;
      }
      const changes: PlannedChange[] = [];
      for (const [column, field] of Object.entries(fieldOf) as [ImportField, keyof EntryFields][]) {
        if (!present.has(column) && !(field === 'year' && present.has('approved'))) continue;
        if (differs(entry[field], p.fields[field])) changes.push({ field, before: entry[field], after: p.fields[field] });
      }
      if (present.has('group') && (entry.groupId ?? null) !== p.fields.groupId) changes.push({ field: 'groupId', before: entry.groupId, after: p.fields.groupId });
      const beforeTopics = currentTopics.get(entry.id) ?? [];
      const topicsChanged = p.topics !== undefined && JSON.stringify([...beforeTopics].sort()) !== JSON.stringify([...p.topics].sort());
      if (topicsChanged) changes.push({ field: 'topics', before: beforeTopics, after: p.topics });
      if (!inRoadmap.has(entry.id)) {
        plan.included.push({ line: p.row.line, entryId: entry.id, identifier: entry.identifier });
        toInclude.push({ entry, pending: p });
      }
      if (changes.length) {
        plan.changed.push({ line: p.row.line, entryId: entry.id, identifier: entry.identifier, changes });
        toUpdate.push({ entry, pending: p, changes });
      } else if (inRoadmap.has(entry.id)) plan.unchanged++;
      if (topicsChanged || !inRoadmap.has(entry.id)) topicWrites.push({ entryId: entry.id, pending: p });
    }
    if (!apply || plan.errors.length) return plan;

    // Writes in bulk (insertMany): a 100,000-row file must fit the 20 s budget.
    // On the embedded database each foreign key is checked by a trigger per row, in WebAssembly: 6.6 of the 25 s a
    // 100,000-row import took. Every reference written below was resolved inside this transaction, and nothing runs
    // beside it on PGlite's one connection, so those checks cannot fail; they are left out for the bulk writes (as
    // pg_restore --disable-triggers loads) and back before the events, whose trigger tells listeners of the change.
    // On a server, other transactions could delete a referenced row meanwhile: there the checks stay.
    const embedded = isEmbedded(tx);
    if (embedded) await tx.execute(sql`set local session_replication_role = replica`);
    const batch = 5000;
    const total = toInsert.length + toUpdate.length;
    let done = 0;
    const step = (n: number) => {
      done += n;
      options.onProgress?.(done, total);
    };
    const newEvents: (typeof events.$inferInsert)[] = [];
    const itemIds = toInclude.map((x) => x.entry.id);
    const actorFields = { actorUserId: actor.kind === 'user' ? actor.userId : null, actorName: actorLabel(actor), activityId };
    const inserted = await insertMany(
      tx,
      roadmapEntries,
      toInsert.map((p) => ({ ...p.fields, organizationId: p.organizationId as number, identifier: p.row.identifier.trim(), identifierKey: p.key })),
      { returning: ['id', 'organizationId', 'identifierKey'], onSlice: (rowsDone) => options.onProgress?.(rowsDone, total) },
    );
    const insertedId = new Map(inserted.map((r) => [`${r.organization_id}|${r.identifier_key}`, Number(r.id)]));
    for (const p of toInsert) {
      const id = insertedId.get(`${p.organizationId}|${p.key}`);
      if (id === undefined) continue;
      topicWrites.push({ entryId: id, pending: p });
      itemIds.push(id);
      newEvents.push({ ...actorFields, kind: 'roadmap.entry_added', subjectType: 'roadmap_entry', subjectId: String(id), summary: `${p.row.identifier} added to the roadmap of ${activity.acronym} by import`, after: { ...withoutBlanks({ ...p.fields, identifier: p.row.identifier }), topics: p.topics ?? [] } });
    }
    done = toInsert.length;
    for (const { entry, pending: p, changes } of toUpdate) {
      const set = Object.fromEntries(changes.filter((c) => c.field !== 'topics').map((c) => [c.field, c.after]));
      if (Object.keys(set).length) await tx.update(roadmapEntries).set({ ...set, updatedAt: new Date() }).where(eq(roadmapEntries.id, entry.id));
      step(1);
      newEvents.push({
        ...actorFields,
        kind: 'roadmap.entry_updated',
        subjectType: 'roadmap_entry',
        subjectId: String(entry.id),
        summary: `${entry.identifier} updated in the roadmap of ${activity.acronym} by import (line ${p.row.line})`,
        before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
        after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
      });
    }
    await insertMany(tx, roadmapItems, itemIds.map((entryId) => ({ activityId, entryId })), { onConflictDoNothing: true });
    for (const { entry, pending: p } of toInclude) {
      newEvents.push({ ...actorFields, kind: 'roadmap.entry_included', subjectType: 'roadmap_entry', subjectId: String(entry.id), summary: `${entry.identifier} included in the roadmap of ${activity.acronym} by import (line ${p.row.line})`, after: { topics: p.topics ?? [] } });
    }
    // Topics: create the names the activity lacks, then replace each written entry's topics.
    const writes = topicWrites.filter((w) => w.entryId !== undefined && w.pending.topics !== undefined);
    const names = [...new Map(writes.flatMap((w) => w.pending.topics ?? []).map((n) => [n.toLowerCase(), n])).values()];
    for (let i = 0; i < names.length; i += batch) {
      await tx.insert(roadmapTopics).values(names.slice(i, i + batch).map((name) => ({ activityId, name }))).onConflictDoNothing();
    }
    const topicIds = new Map(
      (await tx.select().from(roadmapTopics).where(eq(roadmapTopics.activityId, activityId))).map((t) => [t.name.toLowerCase(), t.id]),
    );
    const existedBefore = new Set(existingIds);
    // Entries added by this import have no topics yet: only those that existed lose their old ones.
    const entryIds = writes.map((w) => w.entryId as number).filter((id) => existedBefore.has(id));
    for (let i = 0; i < entryIds.length; i += batch) {
      await tx.delete(roadmapItemTopics).where(and(eq(roadmapItemTopics.activityId, activityId), inList(roadmapItemTopics.entryId, entryIds.slice(i, i + batch))));
    }
    const links = writes.flatMap((w) => (w.pending.topics ?? []).map((n) => ({ activityId, entryId: w.entryId as number, topicId: topicIds.get(n.toLowerCase()) as number })));
    await insertMany(tx, roadmapItemTopics, links, { onConflictDoNothing: true });
    if (embedded) await tx.execute(sql`set local session_replication_role = origin`);
    eventsWritten();
    await insertMany(tx, events, newEvents);
    await recordEvent(tx, actor, {
      kind: 'roadmap.imported',
      subjectType: 'activity',
      subjectId: activityId,
      activityId,
      summary: `Roadmap import${input.fileName ? ` of ${input.fileName}` : ''}: ${plan.added.length} added, ${plan.changed.length} changed, ${plan.included.length} included, ${plan.unchanged} unchanged`,
      after: { added: plan.added.length, changed: plan.changed.length, included: plan.included.length, unchanged: plan.unchanged, newOrganizations: plan.newOrganizations },
    });
    plan.applied = true;
    return plan;
  };

  if (options.dryRun || input.errors.length) return run(db, false);
  return db.transaction((tx) => run(tx, true));
}

