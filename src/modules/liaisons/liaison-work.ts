// What liaison statements ask of one reader (My work) and of an activity (its overview), with the module's own rules:
// who approves is canLiaison's 'approve', who reads what is readsEveryStatement / publicLiaisons.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { inList } from '../../db/bulk.ts';
import type { Tx } from '../../db/engine.ts';
import { type Actor, isSignedIn } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { activityIdsOf, approvalScopeOf, type WorkActivity, type WorkItem } from '../../platform/work-items.ts';
import { activities } from '../../db/schema.ts';
import { liaisonHref } from './liaison-mail.ts';
import { type ActivityRef, publicLiaisons, referenceOf, todayOf } from './liaison-queries.ts';
import { liaisonMessages } from './messages.ts';
import { canLiaison, readsEveryStatement } from './policy.ts';
import { liaisonStatements } from './schema.ts';

type Row = typeof liaisonStatements.$inferSelect;

/** An incoming statement whose action is not finished, or an outgoing one not yet sent, or sent and awaiting a reply by its date. */
const openCondition = (today: string) =>
  or(
    and(eq(liaisonStatements.direction, 'in'), inArray(liaisonStatements.actionStatus, ['open', 'in_progress'])),
    and(eq(liaisonStatements.direction, 'out'), inArray(liaisonStatements.state, ['draft', 'submitted', 'approved'])),
    and(eq(liaisonStatements.direction, 'out'), eq(liaisonStatements.state, 'sent'), sql`${liaisonStatements.deadline} >= ${today}`),
  );

function itemOf(row: Row, activity: WorkActivity, locale: Locale): WorkItem {
  const m = liaisonMessages(locale);
  const detail = row.direction === 'in' ? `${m.directions.in} — ${m.actionStatuses[row.actionStatus ?? 'open']}` : `${m.directions.out} — ${m.states[row.state ?? 'draft']}`;
  return {
    activity,
    // French puts a narrow no-break space before the colon.
    title: `${referenceOf(row)}${locale === 'fr' ? '\u202f: ' : ': '}${row.title}`,
    href: liaisonHref(activity, row.id),
    detail,
    ...(row.deadline ? { due: { on: row.deadline } } : {}),
  };
}

export type LiaisonWork = {
  /** outgoing statements submitted for approval that the reader may approve */
  toApprove: WorkItem[];
  /** incoming statements assigned to the reader whose action is not finished */
  assigned: WorkItem[];
  /** reply deadlines to come in the reader's activities (incoming statements still open) */
  deadlines: WorkItem[];
};

/**
 * What liaison statements ask of the reader, across the activities where they hold a role: approvals (as
 * canLiaison 'approve' says), statements assigned to them, and the reply deadlines still to come. One query.
 */
export async function liaisonWorkOf(tx: Tx, actor: Actor, locale: Locale, now = new Date()): Promise<LiaisonWork> {
  const work: LiaisonWork = { toApprove: [], assigned: [], deadlines: [] };
  const ids = activityIdsOf(actor);
  const scope = approvalScopeOf(actor);
  if (!isSignedIn(actor) || !scope) return work;
  const mine = new Set(ids);
  const waitingApproval = and(eq(liaisonStatements.direction, 'out'), eq(liaisonStatements.state, 'submitted'));
  const today = todayOf(now);
  const rows = await tx
    .select({ s: liaisonStatements, activity: activities })
    .from(liaisonStatements)
    .innerJoin(activities, eq(activities.id, liaisonStatements.activityId))
    .where(
      or(
        ids.length
          ? and(
              inList(liaisonStatements.activityId, ids),
              or(waitingApproval, and(eq(liaisonStatements.direction, 'in'), inArray(liaisonStatements.actionStatus, ['open', 'in_progress']))),
            )
          : undefined,
        // An admin is asked for the approvals of every activity, but only their own activities' assignments and dates.
        scope === 'all' ? waitingApproval : undefined,
      ),
    )
    .orderBy(sql`${liaisonStatements.deadline} asc nulls last`, asc(liaisonStatements.id))
    .limit(500);
  for (const { s, activity } of rows) {
    if (!canLiaison(actor, 'read', activity, s)) continue;
    const item = itemOf(s, activity, locale);
    if (s.direction === 'out' && canLiaison(actor, 'approve', activity, s)) work.toApprove.push(item);
    if (!mine.has(activity.id)) continue;
    if (s.direction === 'in' && actor.personId !== null && s.assigneePersonId === actor.personId) work.assigned.push(item);
    if (s.direction === 'in' && s.deadline && s.deadline >= today) work.deadlines.push(item);
  }
  return work;
}

/**
 * The activity's open statements the reader may read (see openCondition), the nearest deadline first, at most
 * `limit`; an empty list for a reader who may not read the register. One query.
 */
export async function openLiaisonsOf(tx: Tx, actor: Actor, activity: ActivityRef, locale: Locale, now = new Date(), limit = 8): Promise<WorkItem[]> {
  if (!canLiaison(actor, 'read', activity)) return [];
  const rows = await tx
    .select()
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.activityId, activity.id), readsEveryStatement(actor, activity) ? undefined : publicLiaisons, openCondition(todayOf(now))))
    .orderBy(sql`${liaisonStatements.deadline} asc nulls last`, asc(liaisonStatements.id))
    .limit(limit);
  return rows.map((row) => itemOf(row, activity, locale));
}
