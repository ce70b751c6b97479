// Reading liaison statements: the read model (a statement with its bodies, recipients, replies, attachments and
// names), the register and its filters, threads, who approves and who receives. Nothing here writes; the changes are
// in liaison-changes.ts.
import { role } from '../../platform/roles.ts';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { inList } from '../../db/bulk.ts';
import type { Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { type EventRow, listEvents } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { users } from '../../platform/schema.ts';
import { activities, activityContacts, activityMemberships, agendaItems, documentFiles, meetings, organizations, people, roadmapEntries, roadmapItems } from '../../db/schema.ts';
import { approverRoles, canLiaison, readsEveryStatement } from './policy.ts';
import { liaisonMessages } from './messages.ts';
import {
  type LiaisonActionStatus,
  liaisonOrganizations,
  type liaisonPurposes,
  liaisonRecipients,
  liaisonReplies,
  liaisonRoadmapEntries,
  liaisonStatements,
  type OutgoingState,
  outgoingStates,
} from './schema.ts';

export type ActivityRef = typeof activities.$inferSelect;
export type LiaisonRow = typeof liaisonStatements.$inferSelect;

export type OrganizationRef = { id: number; acronym: string; name: string };
export type StatementRef = { id: number; reference: string; title: string; direction: 'in' | 'out'; activityId: number };
export type Attachment = { id: number; fileName: string; contentType: string; size: number; sha256: string };

export type LiaisonView = LiaisonRow & {
  reference: string;
  fromOrganizations: OrganizationRef[];
  toOrganizations: OrganizationRef[];
  recipients: { name: string | null; email: string }[];
  relatedEntries: { id: number; identifier: string; title: string }[];
  inReplyTo: StatementRef[];
  replies: StatementRef[];
  attachments: Attachment[];
  assigneeName: string | null;
  createdByName: string | null;
  meetingTitle: string | null;
  agendaItemTitle: string | null;
  overdue: boolean;
};

/** The statement's name: its LS-in/LS-out document number, or its register number until it has one. */
export const referenceOf = (s: { id: number; documentNumber: string | null; direction: string }) =>
  s.documentNumber ?? `LS-${s.direction.toUpperCase()}-${s.id}`;

export const todayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Overdue: an incoming statement past its deadline with the action still open; an outgoing one past its reply date with no reply. */
function isOverdue(s: LiaisonRow, hasIncomingReply: boolean, today: string): boolean {
  if (!s.deadline || s.deadline >= today) return false;
  if (s.direction === 'in') return s.actionStatus === 'open' || s.actionStatus === 'in_progress';
  return s.state === 'sent' && !hasIncomingReply;
}

const overdueSql = (today: string): SQL => sql`(${liaisonStatements.deadline} < ${today} and (
  (${liaisonStatements.direction} = 'in' and ${liaisonStatements.actionStatus} in ('open', 'in_progress'))
  or (${liaisonStatements.direction} = 'out' and ${liaisonStatements.state} = 'sent' and not exists (
    select 1 from ${liaisonReplies} r join ${liaisonStatements} reply on reply.id = r.reply_id
    where r.replied_to_id = ${liaisonStatements.id} and reply.direction = 'in'))))`;

/** Short references to statements, by id (any activity: the caller checks). */
export async function statementRefs(tx: Tx, ids: number[]): Promise<StatementRef[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: liaisonStatements.id, documentNumber: liaisonStatements.documentNumber, direction: liaisonStatements.direction, title: liaisonStatements.title, activityId: liaisonStatements.activityId })
    .from(liaisonStatements)
    .where(inList(liaisonStatements.id, ids))
    .orderBy(asc(liaisonStatements.id));
  return rows.map((r) => ({ id: r.id, reference: referenceOf(r), title: r.title, direction: r.direction, activityId: r.activityId }));
}

/** Who is looking: reply links to statements they may not read are left out. */
export type Reader = { actor: Actor; activity: ActivityRef };

/**
 * Statements with everything their page and the API show, in a fixed number of queries however many there are.
 * Without a reader (mail, jobs), every reply link is kept.
 */
async function viewsOf(tx: Tx, rows: LiaisonRow[], now: Date, reader?: Reader): Promise<LiaisonView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const orgs = await tx
    .select({ statementId: liaisonOrganizations.statementId, id: organizations.id, acronym: organizations.acronym, name: organizations.name, side: liaisonOrganizations.side })
    .from(liaisonOrganizations)
    .innerJoin(organizations, eq(organizations.id, liaisonOrganizations.organizationId))
    .where(inList(liaisonOrganizations.statementId, ids))
    .orderBy(asc(organizations.acronym));
  const recipients = await tx
    .select({ statementId: liaisonRecipients.statementId, name: liaisonRecipients.name, email: liaisonRecipients.email })
    .from(liaisonRecipients)
    .where(inList(liaisonRecipients.statementId, ids))
    .orderBy(asc(liaisonRecipients.id));
  const entries = await tx
    .select({ statementId: liaisonRoadmapEntries.statementId, id: roadmapEntries.id, identifier: roadmapEntries.identifier, title: roadmapEntries.title })
    .from(liaisonRoadmapEntries)
    .innerJoin(roadmapEntries, eq(roadmapEntries.id, liaisonRoadmapEntries.entryId))
    .where(inList(liaisonRoadmapEntries.statementId, ids))
    .orderBy(asc(roadmapEntries.identifier));
  const links = await tx
    .select()
    .from(liaisonReplies)
    .where(or(inList(liaisonReplies.replyId, ids), inList(liaisonReplies.repliedToId, ids)));
  // The statements at the other end of the links; those already in hand (a reply between two of `rows`, or a row
  // itself) are not read again.
  const inHand = new Map(rows.map((r) => [r.id, r]));
  const linkedIds = [...new Set(links.flatMap((l) => [l.replyId, l.repliedToId]))];
  const missing = linkedIds.filter((id) => !inHand.has(id));
  const fetched = missing.length ? await tx.select().from(liaisonStatements).where(inList(liaisonStatements.id, missing)) : [];
  const linked = [...linkedIds.flatMap((id) => inHand.get(id) ?? []), ...fetched];
  const visible = linked.filter((l) => !reader || canLiaison(reader.actor, 'read', reader.activity, l));
  const refOf = (l: LiaisonRow): StatementRef => ({ id: l.id, reference: referenceOf(l), title: l.title, direction: l.direction, activityId: l.activityId });
  const documentIds = rows.map((r) => r.documentId).filter((d): d is number => d !== null);
  // Each added file is a revision of the document: the statement's attachments are every file name, latest version.
  const files = documentIds.length
    ? await tx
        .select({ documentId: documentFiles.documentId, id: documentFiles.id, fileName: documentFiles.fileName, contentType: documentFiles.contentType, size: documentFiles.size, sha256: documentFiles.sha256 })
        .from(documentFiles)
        .where(inList(documentFiles.documentId, documentIds))
        .orderBy(desc(documentFiles.revision), desc(documentFiles.id))
    : [];
  const nameMap = async <T extends { id: number; name: string }>(query: Promise<T[]>) => new Map((await query).map((r) => [r.id, r.name]));
  const personIds = rows.map((r) => r.assigneePersonId).filter((v): v is number => v !== null);
  const userIds = rows.map((r) => r.createdByUserId).filter((v): v is number => v !== null);
  const meetingIds = rows.map((r) => r.meetingId).filter((v): v is number => v !== null);
  const itemIds = rows.map((r) => r.agendaItemId).filter((v): v is number => v !== null);
  const assignees = personIds.length ? await nameMap(tx.select({ id: people.id, name: people.name }).from(people).where(inList(people.id, personIds))) : new Map();
  const creators = userIds.length ? await nameMap(tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))) : new Map();
  const meetingTitles = meetingIds.length ? await nameMap(tx.select({ id: meetings.id, name: meetings.title }).from(meetings).where(inArray(meetings.id, meetingIds))) : new Map();
  const itemTitles = itemIds.length ? await nameMap(tx.select({ id: agendaItems.id, name: agendaItems.title }).from(agendaItems).where(inArray(agendaItems.id, itemIds))) : new Map();
  const today = todayOf(now);
  const group = <T, K>(list: T[], key: (item: T) => K) => {
    const map = new Map<K, T[]>();
    for (const item of list) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  const orgsOf = group(orgs, (o) => o.statementId);
  const recipientsOf = group(recipients, (r) => r.statementId);
  const entriesOf = group(entries, (e) => e.statementId);
  const filesOf = group(files, (f) => f.documentId);
  const byId = new Map(linked.map((l) => [l.id, l]));
  const visibleIds = new Set(visible.map((l) => l.id));
  const answers = group(links, (l) => l.replyId);
  const answeredBy = group(links, (l) => l.repliedToId);
  const refsOf = (ids: number[]) =>
    ids
      .filter((id) => visibleIds.has(id))
      .sort((a, b) => a - b)
      .map((id) => refOf(byId.get(id) as LiaisonRow));
  return rows.map((row) => {
    const own = orgsOf.get(row.id) ?? [];
    const org = ({ id, acronym, name }: (typeof orgs)[number]) => ({ id, acronym, name });
    const replyIds = (answeredBy.get(row.id) ?? []).map((l) => l.replyId);
    const inReplyTo = refsOf((answers.get(row.id) ?? []).map((l) => l.repliedToId));
    const replies = refsOf(replyIds);
    const answeredByIncoming = replyIds.some((id) => byId.get(id)?.direction === 'in');
    const mine = row.documentId ? (filesOf.get(row.documentId) ?? []) : [];
    const attachments = mine
      .filter((f, i) => mine.findIndex((g) => g.fileName.toLowerCase() === f.fileName.toLowerCase()) === i)
      .reverse()
      .map(({ documentId: _d, ...f }) => f);
    return {
      ...row,
      reference: referenceOf(row),
      fromOrganizations: own.filter((o) => o.side === 'from').map(org),
      toOrganizations: own.filter((o) => o.side === 'to').map(org),
      recipients: (recipientsOf.get(row.id) ?? []).map(({ name, email }) => ({ name, email })),
      relatedEntries: (entriesOf.get(row.id) ?? []).map(({ id, identifier, title }) => ({ id, identifier, title })),
      inReplyTo,
      replies,
      attachments,
      assigneeName: row.assigneePersonId ? (assignees.get(row.assigneePersonId) ?? null) : null,
      createdByName: row.createdByUserId ? (creators.get(row.createdByUserId) ?? null) : null,
      meetingTitle: row.meetingId ? (meetingTitles.get(row.meetingId) ?? null) : null,
      agendaItemTitle: row.agendaItemId ? (itemTitles.get(row.agendaItemId) ?? null) : null,
      overdue: isOverdue(row, answeredByIncoming, today),
    };
  });
}

/** One statement as its page and the API show it, from a row in hand; with a reader, links they may not read are left out. */
export async function viewOf(tx: Tx, row: LiaisonRow, now: Date, reader?: Reader): Promise<LiaisonView> {
  const [view] = await viewsOf(tx, [row], now, reader);
  if (!view) throw notFound();
  return view;
}

// ---- Reading ----------------------------------------------------------------------------------------------------

export type RegisterFilter = {
  direction?: 'in' | 'out';
  organizationId?: number;
  purpose?: (typeof liaisonPurposes)[number];
  state?: OutgoingState | LiaisonActionStatus;
  overdue?: boolean;
};

export type RegisterRow = LiaisonRow & { reference: string; bodies: string; overdue: boolean; assigneeName: string | null };

/** What a stranger may read: public statements once received or sent (the history page filters by it too). */
export const publicLiaisons = sql`(${liaisonStatements.access} = 'public' and (${liaisonStatements.direction} = 'in' or ${liaisonStatements.state} in ('sent', 'closed')))`;

/** The register: the activity's statements the actor may read, filtered, newest first (at most `limit`). */
export async function listLiaisons(tx: Tx, actor: Actor, activity: ActivityRef, filter: RegisterFilter = {}, now = new Date(), limit = 500): Promise<RegisterRow[]> {
  if (!canLiaison(actor, 'read', activity)) throw notFound();
  const today = todayOf(now);
  const state = filter.state;
  const rows = await tx
    .select({ s: liaisonStatements, overdue: sql<boolean>`${overdueSql(today)}`, assigneeName: people.name })
    .from(liaisonStatements)
    .leftJoin(people, eq(people.id, liaisonStatements.assigneePersonId))
    .where(
      and(
        eq(liaisonStatements.activityId, activity.id),
        readsEveryStatement(actor, activity) ? undefined : publicLiaisons,
        filter.direction ? eq(liaisonStatements.direction, filter.direction) : undefined,
        filter.purpose ? eq(liaisonStatements.purpose, filter.purpose) : undefined,
        state
          ? (outgoingStates as readonly string[]).includes(state)
            ? eq(liaisonStatements.state, state as OutgoingState)
            : eq(liaisonStatements.actionStatus, state as LiaisonActionStatus)
          : undefined,
        filter.organizationId
          ? sql`exists (select 1 from ${liaisonOrganizations} lo where lo.statement_id = ${liaisonStatements.id} and lo.organization_id = ${filter.organizationId})`
          : undefined,
        filter.overdue ? overdueSql(today) : undefined,
      ),
    )
    .orderBy(desc(sql`coalesce(${liaisonStatements.receivedOn}, ${liaisonStatements.sentOn}, ${liaisonStatements.createdAt}::date)`), desc(liaisonStatements.id))
    .limit(limit);
  const ids = rows.map((r) => r.s.id);
  const bodies = ids.length
    ? await tx
        .select({ id: liaisonOrganizations.statementId, side: liaisonOrganizations.side, acronym: organizations.acronym })
        .from(liaisonOrganizations)
        .innerJoin(organizations, eq(organizations.id, liaisonOrganizations.organizationId))
        .where(inList(liaisonOrganizations.statementId, ids))
        .orderBy(asc(organizations.acronym))
    : [];
  const bodiesOf = new Map<string, string[]>();
  for (const b of bodies) bodiesOf.set(`${b.id}:${b.side}`, [...(bodiesOf.get(`${b.id}:${b.side}`) ?? []), b.acronym]);
  return rows.map(({ s, overdue, assigneeName }) => {
    // Incoming: who sent it; outgoing: whom it goes to.
    const side = s.direction === 'in' ? 'from' : 'to';
    return {
      ...s,
      reference: referenceOf(s),
      bodies: (bodiesOf.get(`${s.id}:${side}`) ?? []).join(', '),
      overdue: Boolean(overdue),
      assigneeName,
    };
  });
}

/** How many of the activity's statements the actor may read are overdue (the register's "overdue" link). */
export async function countOverdue(tx: Tx, actor: Actor, activity: ActivityRef, now = new Date()): Promise<number> {
  if (!canLiaison(actor, 'read', activity)) throw notFound();
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.activityId, activity.id), readsEveryStatement(actor, activity) ? undefined : publicLiaisons, overdueSql(todayOf(now))));
  return row?.n ?? 0;
}

/** One statement of the activity, if the actor may read it; otherwise "not found", whether it exists or not. */
export async function getLiaison(tx: Tx, actor: Actor, activity: ActivityRef, statementId: number, now = new Date()): Promise<LiaisonView> {
  const [row] = await tx
    .select()
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.id, statementId), eq(liaisonStatements.activityId, activity.id)));
  if (!row || !canLiaison(actor, 'read', activity, row)) throw notFound();
  return viewOf(tx, row, now, { actor, activity });
}

/** The register as full statements (the API's list), loaded together. */
export async function listLiaisonViews(tx: Tx, actor: Actor, activity: ActivityRef, filter: RegisterFilter = {}, now = new Date()): Promise<LiaisonView[]> {
  const ids = (await listLiaisons(tx, actor, activity, filter, now)).map((r) => r.id);
  if (!ids.length) return [];
  const rows = await tx.select().from(liaisonStatements).where(inList(liaisonStatements.id, ids));
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return viewsOf(tx, rows, now, { actor, activity });
}

/** The bodies that sent or received the activity's statements the actor may read (the register's body filter). */
export async function registerBodies(tx: Tx, actor: Actor, activity: ActivityRef): Promise<{ id: number; label: string }[]> {
  const rows = await tx
    .selectDistinct({ id: organizations.id, acronym: organizations.acronym, name: organizations.name })
    .from(liaisonOrganizations)
    .innerJoin(liaisonStatements, eq(liaisonStatements.id, liaisonOrganizations.statementId))
    .innerJoin(organizations, eq(organizations.id, liaisonOrganizations.organizationId))
    .where(and(eq(liaisonStatements.activityId, activity.id), readsEveryStatement(actor, activity) ? undefined : publicLiaisons))
    .orderBy(asc(organizations.acronym));
  return rows.map((o) => ({ id: o.id, label: `${o.acronym} — ${o.name}` }));
}

export type ThreadNode = StatementRef & { depthHint: number; date: string | null; purpose: string; state: OutgoingState | null; actionStatus: LiaisonActionStatus | null; inReplyToIds: number[]; current: boolean };

/**
 * The whole thread of a statement: every statement reachable through reply links in either direction (what it
 * answers, what answers those, its replies and theirs), oldest first, leaving out those the actor may not read.
 */
export async function liaisonThread(tx: Tx, actor: Actor, activity: ActivityRef, statementId: number): Promise<ThreadNode[]> {
  const seen = new Set<number>([statementId]);
  let frontier = [statementId];
  const links: { replyId: number; repliedToId: number }[] = [];
  // A thread is small; 20 steps and 500 statements bound a pathological one.
  for (let step = 0; step < 20 && frontier.length && seen.size < 500; step++) {
    const found = await tx
      .select()
      .from(liaisonReplies)
      .where(or(inArray(liaisonReplies.replyId, frontier), inArray(liaisonReplies.repliedToId, frontier)));
    const next: number[] = [];
    for (const link of found) {
      if (!links.some((l) => l.replyId === link.replyId && l.repliedToId === link.repliedToId)) links.push(link);
      for (const idOf of [link.replyId, link.repliedToId]) {
        if (!seen.has(idOf)) {
          seen.add(idOf);
          next.push(idOf);
        }
      }
    }
    frontier = next;
  }
  const rows = await tx
    .select()
    .from(liaisonStatements)
    .where(and(inArray(liaisonStatements.id, [...seen]), eq(liaisonStatements.activityId, activity.id)));
  const readable = rows.filter((r) => canLiaison(actor, 'read', activity, r));
  const readableIds = new Set(readable.map((r) => r.id));
  return readable
    .map((r) => ({
      id: r.id,
      reference: referenceOf(r),
      title: r.title,
      direction: r.direction,
      activityId: r.activityId,
      date: r.receivedOn ?? r.sentOn ?? r.createdAt.toISOString().slice(0, 10),
      purpose: r.purpose,
      state: r.state,
      actionStatus: r.actionStatus,
      inReplyToIds: links.filter((l) => l.replyId === r.id && readableIds.has(l.repliedToId)).map((l) => l.repliedToId),
      current: r.id === statementId,
      depthHint: 0,
    }))
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
}

/**
 * The activity's statements the actor may NOT read (members-only ones, drafts not yet sent), as event subject ids:
 * for history pages, which list an activity's events to anyone who reads the activity, to leave theirs out.
 */
export async function hiddenLiaisonSubjects(tx: Tx, actor: Actor, activity: ActivityRef): Promise<Set<string>> {
  if (readsEveryStatement(actor, activity)) return new Set();
  const rows = await tx
    .select({ id: liaisonStatements.id })
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.activityId, activity.id), sql`not ${publicLiaisons}`));
  return new Set(rows.map((r) => String(r.id)));
}

/** The statement's events, oldest first. */
export async function liaisonEvents(tx: Tx, statementId: number): Promise<EventRow[]> {
  return (await listEvents(tx, { subjectType: 'liaison_statement', subjectId: statementId }, 500)).reverse();
}

export type Approver = { personId: number | null; name: string; email: string; role: string; locale: Locale };

/**
 * Everyone who may approve the activity's outgoing statements: each person holding a chair, co-chair, vice-chair or
 * secretariat role (at their account's address when they have one), and the activity's secretariat address.
 * All of them are told; one approval is enough. An empty list means nobody can approve.
 */
export async function listApprovers(tx: Tx, activity: ActivityRef): Promise<Approver[]> {
  const rows = await tx
    .select({
      personId: people.id,
      name: people.name,
      personEmail: people.email,
      userEmail: users.email,
      locale: users.locale,
      disabledAt: users.disabledAt,
      role: activityMemberships.role,
    })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .leftJoin(users, eq(users.id, people.userId))
    .where(and(eq(activityMemberships.activityId, activity.id), inArray(activityMemberships.role, [...approverRoles])))
    .orderBy(asc(people.name));
  const out: Approver[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const address = r.userEmail && !r.disabledAt ? r.userEmail : r.personEmail;
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push({ personId: r.personId, name: r.name, email: address, role: r.role, locale: r.locale ?? 'en' });
  }
  if (activity.secretariatEmail && !seen.has(activity.secretariatEmail.toLowerCase())) {
    out.push({ personId: null, name: `${activity.acronym} secretariat`, email: activity.secretariatEmail, role: role.secretariat, locale: 'en' });
  }
  return out;
}

/** The secretariat's addresses (people with the role, then the activity's address): who sends and who is reminded by default. */
export async function secretariatAddresses(tx: Tx, activity: ActivityRef): Promise<Approver[]> {
  return (await listApprovers(tx, activity)).filter((a) => a.role === role.secretariat);
}

/** Who receives a sent statement: its recipient contacts, then the current liaison representatives to its bodies. */
export async function sendingList(tx: Tx, activity: ActivityRef, row: LiaisonRow, today: string): Promise<{ name: string; email: string }[]> {
  const listed = await tx.select({ name: liaisonRecipients.name, email: liaisonRecipients.email }).from(liaisonRecipients).where(eq(liaisonRecipients.statementId, row.id)).orderBy(asc(liaisonRecipients.id));
  const representatives = await tx
    .select({ name: people.name, email: people.email })
    .from(activityContacts)
    .innerJoin(people, eq(people.id, activityContacts.personId))
    .innerJoin(liaisonOrganizations, and(eq(liaisonOrganizations.organizationId, activityContacts.organizationId), eq(liaisonOrganizations.statementId, row.id), eq(liaisonOrganizations.side, 'to')))
    .where(
      and(
        eq(activityContacts.activityId, activity.id),
        eq(activityContacts.role, 'liaison_representative_to'),
        sql`(${activityContacts.until} is null or ${activityContacts.until} >= ${today})`,
        sql`(${activityContacts.since} is null or ${activityContacts.since} <= ${today})`,
      ),
    )
    .orderBy(asc(people.name));
  const seen = new Set<string>();
  const out: { name: string; email: string }[] = [];
  for (const r of [...listed, ...representatives]) {
    if (!r.email || seen.has(r.email.toLowerCase())) continue;
    seen.add(r.email.toLowerCase());
    out.push({ name: r.name || r.email, email: r.email });
  }
  return out;
}

/** People who may be named assignee: the activity's participants except observers. */
export async function assignablePeople(tx: Tx, activity: ActivityRef): Promise<{ id: number; name: string }[]> {
  const rows = await tx
    .selectDistinct({ id: people.id, name: people.name })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activity.id), sql`${activityMemberships.role} <> ${role.observer}`))
    .orderBy(asc(people.name));
  return rows;
}

export type LiaisonFormChoices = {
  organizations: { id: number; label: string }[];
  statements: { id: number; label: string }[];
  entries: { id: number; label: string }[];
  meetings: { id: number; label: string }[];
  agendaItems: { id: number; label: string }[];
  people: { id: number; name: string }[];
};

/** What the statement form offers: bodies, the activity's statements (to reply to), roadmap entries, meetings, agenda items, assignees. */
export async function liaisonFormChoices(tx: Tx, actor: Actor, activity: ActivityRef): Promise<LiaisonFormChoices> {
  const orgs = await tx.select({ id: organizations.id, acronym: organizations.acronym, name: organizations.name }).from(organizations).orderBy(asc(organizations.acronym)).limit(2000);
  const statements = await listLiaisons(tx, actor, activity, {}, new Date(), 1000);
  const entries = await tx
    .select({ id: roadmapEntries.id, identifier: roadmapEntries.identifier, title: roadmapEntries.title })
    .from(roadmapItems)
    .innerJoin(roadmapEntries, eq(roadmapEntries.id, roadmapItems.entryId))
    .where(eq(roadmapItems.activityId, activity.id))
    .orderBy(asc(roadmapEntries.identifier))
    .limit(3000);
  const items = await tx
    .select({ id: agendaItems.id, title: agendaItems.title, meetingTitle: meetings.title })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(meetings.activityId, activity.id))
    .orderBy(desc(meetings.startsAt), asc(agendaItems.position));
  return {
    organizations: orgs.map((o) => ({ id: o.id, label: `${o.acronym} — ${o.name}` })),
    statements: statements.map((s) => ({ id: s.id, label: `${s.reference} — ${s.title}` })),
    entries: entries.map((e) => ({ id: e.id, label: `${e.identifier} — ${e.title}` })),
    agendaItems: items.map((i) => ({ id: i.id, label: `${i.meetingTitle} — ${i.title}` })),
    ...(await statementPageChoices(tx, activity)),
  };
}

/** What the forms on a statement's page offer: the meetings (approval at a meeting) and the people (the assignee). */
export async function statementPageChoices(tx: Tx, activity: ActivityRef): Promise<Pick<LiaisonFormChoices, 'meetings' | 'people'>> {
  const meetingRows = await tx.select({ id: meetings.id, title: meetings.title }).from(meetings).where(eq(meetings.activityId, activity.id)).orderBy(desc(meetings.startsAt));
  return { meetings: meetingRows.map((m) => ({ id: m.id, label: m.title })), people: await assignablePeople(tx, activity) };
}

/**
 * The activity's current liaison representatives to and from the given bodies who have an address (the contacts
 * list): the people a statement to those bodies is addressed to. Those "to" the body first, then by name.
 */
export async function liaisonRepresentatives(tx: Tx, activityId: number, organizationIds: number[], today: string): Promise<{ organizationId: number; name: string; email: string }[]> {
  if (!organizationIds.length) return [];
  const rows = await tx
    .select({ organizationId: activityContacts.organizationId, role: activityContacts.role, name: people.name, email: people.email })
    .from(activityContacts)
    .innerJoin(people, eq(people.id, activityContacts.personId))
    .where(
      and(
        eq(activityContacts.activityId, activityId),
        inArray(activityContacts.organizationId, organizationIds),
        inArray(activityContacts.role, ['liaison_representative_to', 'liaison_representative_from']),
        sql`(${activityContacts.until} is null or ${activityContacts.until} >= ${today})`,
        sql`(${activityContacts.since} is null or ${activityContacts.since} <= ${today})`,
      ),
    )
    .orderBy(desc(activityContacts.role), asc(people.name));
  const seen = new Set<string>();
  const out: { organizationId: number; name: string; email: string }[] = [];
  for (const r of rows) {
    if (!r.email || r.organizationId === null || seen.has(r.email.toLowerCase())) continue;
    seen.add(r.email.toLowerCase());
    out.push({ organizationId: r.organizationId, name: r.name, email: r.email.toLowerCase() });
  }
  return out;
}

/**
 * The activity's statements named, each with its title and where it stands now in the reader's words: an incoming one
 * by its action status, an outgoing one by its state (the activity's reports list the statements of a period with
 * them). Ids of other activities are ignored. One query.
 */
export async function liaisonStatusesOf(tx: Tx, activityId: number, ids: readonly number[], locale: Locale): Promise<Map<string, { title: string; state: string | undefined }>> {
  if (!ids.length) return new Map();
  const m = liaisonMessages(locale);
  const rows = await tx
    .select({ id: liaisonStatements.id, title: liaisonStatements.title, direction: liaisonStatements.direction, state: liaisonStatements.state, actionStatus: liaisonStatements.actionStatus })
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.activityId, activityId), inArray(liaisonStatements.id, [...ids])));
  const statuses = new Map<string, { title: string; state: string | undefined }>();
  for (const row of rows) {
    const words = row.direction === 'in' ? (row.actionStatus ? m.actionStatuses[row.actionStatus] : undefined) : row.state ? m.states[row.state] : undefined;
    statuses.set(String(row.id), { title: row.title, state: words?.toLowerCase() });
  }
  return statuses;
}
