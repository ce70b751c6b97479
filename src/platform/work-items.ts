// One shape for "something that waits for someone": what each module hands to the pages that gather work from many
// modules (My work, an activity's overview), so those pages word nothing of a module's records themselves.

/** When a work item falls due: an instant (a meeting's deadline, on the venue's clock too) or a calendar date. */
export type WorkDue = { at: Date; zone: string } | { on: string };

/** The activity a record belongs to, as the pages name it (in French when it has a French name). */
export type WorkActivity = { acronym: string; nameEn: string; nameFr: string | null };

export type WorkItem = {
  /** the activity the record belongs to */
  activity: WorkActivity;
  /** the record as its module names it, in the reader's language ("LS-out 12: Request for comments") */
  title: string;
  href: string;
  /** its state or what is asked, in the reader's language */
  detail?: string;
  due?: WorkDue;
  /** when it happened (a change), shown on the reader's clock */
  happenedAt?: Date;
};

/** The instant a due date stands for, to sort items of every kind together (a calendar date counts from its start). */
export function dueInstant(due: WorkDue | undefined): number {
  if (!due) return Number.POSITIVE_INFINITY;
  return 'at' in due ? due.at.getTime() : Date.parse(`${due.on}T00:00:00Z`);
}

/**
 * A signed-in reader's activities to look in for their own work (assigned, deadlines): those where they hold any role
 * (admins are not given every activity here; see approvalScopeOf).
 */
export function activityIdsOf(actor: { kind: string; roles?: ReadonlyMap<number, ReadonlySet<string>> }): number[] {
  return actor.kind === 'user' && actor.roles ? [...actor.roles.entries()].filter(([, roles]) => roles.size > 0).map(([id]) => id) : [];
}

/**
 * The activities whose approvals a signed-in reader is asked for: every activity for a site admin (who may approve in
 * any of them, and is the one who notices what waits on nobody), else those where they hold a role. `null`: none.
 */
export function approvalScopeOf(actor: { kind: string; isAdmin?: boolean; roles?: ReadonlyMap<number, ReadonlySet<string>> }): 'all' | number[] | null {
  if (actor.kind === 'user' && actor.isAdmin) return 'all';
  const ids = activityIdsOf(actor);
  return ids.length ? ids : null;
}
