// Which events of an activity a reader may see, and what of them: each module's rule for its own kinds (declared in
// its manifest), gathered into one condition for the query and one redaction for the rows. The history pages, their
// API and anything else that reads an activity's history use these two functions.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import type { ConcordModule, EventVisibility, HistoryActivity } from '../../platform/module-manifest.ts';
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
