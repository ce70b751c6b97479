// The reader's own contributions with their numbers (My work), by the module's own read rule (canDocument 'read').
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { activities } from '../../db/schema.ts';
import { type Actor, isSignedIn } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { WorkItem } from '../../platform/work-items.ts';
import { documentMessages } from './messages.ts';
import { canDocument } from './policy.ts';
import { documents } from './schema.ts';

/** The reader's contributions not withdrawn, newest first (at most `limit`): number (or "awaiting number") and title. One query. */
export async function contributionsOf(tx: Tx, actor: Actor, locale: Locale, limit = 50): Promise<WorkItem[]> {
  if (!isSignedIn(actor)) return [];
  const rows = await tx
    .select({ d: documents, activity: activities })
    .from(documents)
    .innerJoin(activities, eq(activities.id, documents.activityId))
    .where(and(eq(documents.submittedByUserId, actor.userId), eq(documents.kind, 'contribution'), ne(documents.status, 'withdrawn')))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(limit);
  const m = documentMessages(locale);
  return rows
    .filter(({ d, activity }) => canDocument(actor, 'read', activity, d))
    .map(({ d, activity }) => ({
      activity,
      title: `${d.number ? `${d.number}${d.revision ? `-R${d.revision}` : ''}` : m.statuses.submitted}: ${d.title}`,
      href: `/activities/${encodeURIComponent(activity.acronym)}/documents/${d.id}`,
      detail: `${m.statuses[d.status]}${d.late ? ` — ${m.late}` : ''}`,
      happenedAt: d.createdAt,
    }));
}
