// Which events of an activity a reader may see, and what of them: each module's rule for its own kinds (declared in
// its manifest), gathered into one condition for the query and one redaction for the rows. The history pages, their
// API and anything else that reads an activity's history use these two functions.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import type { ConcordModule, EventVisibility, HistoryActivity } from '../../platform/module-manifest.ts';
import { canActivity } from '../activities/index.ts';
import { readsWholeHistory } from './policy.ts';

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The condition on `events` that keeps what `reader` may see of `activity`'s history, or undefined when they see all
 * of it. Kinds are matched longest prefix first; an unclaimed kind is for those who read the whole history only.
 */
export function visibleEvents(modules: readonly ConcordModule[], reader: Actor, activity: HistoryActivity): SQL | undefined {
  if (readsWholeHistory(reader, activity)) return undefined;
  const rules: [string, EventVisibility][] = modules.flatMap((module) => Object.entries(module.history?.visibility?.(reader, activity) ?? {}));
  rules.sort(([a], [b]) => b.length - a.length);
  if (!rules.length) return sql`false`;
  const branches = rules.map(([prefix, rule]) => sql`when ${events.kind} like ${likePrefix(prefix)} then ${rule === true ? sql`true` : rule === false ? sql`false` : sql`(${rule})`}`);
  return sql`(case ${sql.join(branches, sql` `)} else false end)`;
}

/** Each event as `reader` may see it: the fields its module hides from them taken out of before and after. */
export function redactEvents<E extends { kind: string; before: unknown; after: unknown }>(
  modules: readonly ConcordModule[],
  reader: Actor,
  activity: HistoryActivity,
  rows: E[],
): E[] {
  if (readsWholeHistory(reader, activity)) return rows;
  const redactors = modules.filter((m) => m.history?.redact && m.history.visibility).map((m) => ({
    prefixes: Object.keys(m.history!.visibility!(reader, activity)),
    redact: m.history!.redact!,
  }));
  return rows.map((row) => {
    const owner = redactors.find((r) => r.prefixes.some((p) => row.kind.startsWith(p)));
    return owner ? { ...row, ...owner.redact(reader, activity, row) } : row;
  });
}

/**
 * For one record's own history (an entry, an organization, a person), whose events may belong to several activities:
 * the events of no activity, and those of each activity the reader may read as that activity's history shows them.
 * An entry shared by a public roadmap and a members-only one tells a visitor nothing of the latter.
 */
export function visibleAcrossActivities(modules: readonly ConcordModule[], reader: Actor, activities: readonly HistoryActivity[]): SQL {
  const branches = activities
    .filter((activity) => canActivity(reader, 'read', activity))
    .map((activity) => {
      const rule = visibleEvents(modules, reader, activity);
      return rule ? sql`(${events.activityId} = ${activity.id} and ${rule})` : sql`${events.activityId} = ${activity.id}`;
    });
  return branches.length ? sql`(${events.activityId} is null or ${sql.join(branches, sql` or `)})` : sql`${events.activityId} is null`;
}

/** Each event of a record's own history as the reader may see it, by the rule of the activity it belongs to. */
export function redactAcrossActivities<E extends { kind: string; activityId: number | null; before: unknown; after: unknown }>(
  modules: readonly ConcordModule[],
  reader: Actor,
  activities: readonly HistoryActivity[],
  rows: E[],
): E[] {
  const byId = new Map(activities.map((activity) => [activity.id, activity]));
  return rows.map((row) => {
    const activity = row.activityId === null ? undefined : byId.get(row.activityId);
    return activity ? (redactEvents(modules, reader, activity, [row])[0] ?? row) : row;
  });
}
