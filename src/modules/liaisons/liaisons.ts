// Liaison statements: registering incoming ones, drafting outgoing ones, the approval path, sending, replies, and the
// assignee's tracking of incoming ones. The only code that changes the liaison tables.
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inList } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel, requireUser } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { type EventRow, listEvents, recordEvent } from '../../platform/events.ts';
import type { CheckedFile } from '../../platform/files.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { contributors, type MembershipRole, role } from '../../platform/roles.ts';
import { type MailAttachment, users } from '../../platform/schema.ts';
import { email, optionalDate, optionalEmail, optionalId, optionalText, requiredText } from '../../platform/validation.ts';
import { activities, activityContacts, activityMemberships, agendaItems, documentFiles, meetings, organizations, people, roadmapEntries, roadmapItems } from '../../db/schema.ts';
import { storeLiaisonDocument, syncDocumentAccess } from './liaison-documents.ts';
import { liaisonMessages } from './messages.ts';
import { approverRoles, canLiaison, type LiaisonAction } from './policy.ts';
import { scheduleReminders } from './reminders.ts';
import {
  type LiaisonActionStatus,
  liaisonActionStatuses,
  approvalModes,
  liaisonAccessLevels,
  liaisonDirections,
  liaisonOrganizations,
  liaisonPurposes,
  liaisonRecipients,
  liaisonReplies,
  liaisonRoadmapEntries,
  liaisonStatements,
  type OutgoingState,
  outgoingStates,
} from './schema.ts';

type ActivityRef = typeof activities.$inferSelect;
export type LiaisonRow = typeof liaisonStatements.$inferSelect;

/** What the liaison functions need besides the actor: the reader's language, where links point, and "now". */
export type LiaisonContext = { locale: Locale; baseUrl: string; now?: Date };

// ---- Input ------------------------------------------------------------------------------------------------------

/** A multi-select sends one value as a string and several as a list; JSON sends a list. */
const toList = (v: unknown) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x) => x !== '' && x !== null));
const idList = () => z.preprocess(toList, z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(100)).optional();
export const recipientInput = z.object({ name: optionalText(200), email: email() });

export const liaisonInput = z.object({
  direction: z.enum(liaisonDirections),
  title: requiredText(500),
  purpose: z.enum(liaisonPurposes),
  deadline: optionalDate(),
  body: optionalText(100_000),
  theirReference: optionalText(200),
  fromOrganizationIds: idList(),
  toOrganizationIds: idList(),
  fromContactName: optionalText(200),
  fromContactEmail: optionalEmail(),
  recipients: z.array(recipientInput).max(200).optional(),
  receivedOn: optionalDate(),
  relatedEntryIds: idList(),
  inReplyToIds: idList(),
  meetingId: optionalId(),
  agendaItemId: optionalId(),
  assigneePersonId: optionalId(),
  access: z.enum(liaisonAccessLevels).optional(),
});
export type LiaisonInput = z.output<typeof liaisonInput>;
export const liaisonPatch = liaisonInput.omit({ direction: true }).partial();
export type LiaisonPatch = z.output<typeof liaisonPatch>;

export const approvalInput = z.object({
  mode: z.enum(approvalModes),
  meetingId: optionalId(),
  objectionDeadline: optionalDate(),
});
export type ApprovalInput = z.output<typeof approvalInput>;
export const returnInput = z.object({ reason: requiredText(5000) });
export const assignInput = z.object({ assigneePersonId: optionalId() });
export const actionStatusInput = z.object({ actionStatus: z.enum(liaisonActionStatuses) });

/** "Ana Silva <ana@example.org>" or a bare address, one per line; a bad line is named by its number. */
export function parseRecipientLines(text: string, locale: Locale): { name: string | null; email: string }[] {
  const out: { name: string | null; email: string }[] = [];
  const lines = text.split(/\r?\n/);
  const errors: string[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const match = /^(.*?)\s*<([^<>\s]+)>$/.exec(line) ?? /^()([^<>\s]+)$/.exec(line);
    const parsed = match ? z.email().safeParse(match[2]) : undefined;
    if (!match || !parsed?.success) {
      errors.push(liaisonMessages(locale).recipientLine(i + 1));
      return;
    }
    out.push({ name: match[1]?.replace(/^"|"$/g, '').trim() || null, email: parsed.data.toLowerCase() });
  });
  if (errors.length) throw invalid({ recipients: errors.join(' ') });
  return out;
}

// ---- Views ------------------------------------------------------------------------------------------------------

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

async function refs(tx: Tx, ids: number[]): Promise<StatementRef[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: liaisonStatements.id, documentNumber: liaisonStatements.documentNumber, direction: liaisonStatements.direction, title: liaisonStatements.title, activityId: liaisonStatements.activityId })
    .from(liaisonStatements)
    .where(inList(liaisonStatements.id, ids))
    .orderBy(asc(liaisonStatements.id));
  return rows.map((r) => ({ id: r.id, reference: referenceOf(r), title: r.title, direction: r.direction, activityId: r.activityId }));
}

/** Who is looking: reply links to statements they may not read are left out. */
type Reader = { actor: Actor; activity: ActivityRef };

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
  const linkedIds = [...new Set(links.flatMap((l) => [l.replyId, l.repliedToId]))];
  const linked = linkedIds.length ? await tx.select().from(liaisonStatements).where(inList(liaisonStatements.id, linkedIds)).orderBy(asc(liaisonStatements.id)) : [];
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

async function viewOf(tx: Tx, row: LiaisonRow, now: Date, reader?: Reader): Promise<LiaisonView> {
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

/** Whether the actor sees every statement of the activity, or only the public ones once received or sent. */
const seesAll = (actor: Actor, activity: ActivityRef) =>
  canLiaison(actor, 'read', activity, { direction: 'out', state: 'draft', access: 'members', createdByUserId: null, assigneePersonId: null });

const publicOnly = sql`(${liaisonStatements.access} = 'public' and (${liaisonStatements.direction} = 'in' or ${liaisonStatements.state} in ('sent', 'closed')))`;
/** What a stranger may read: public statements once received or sent (the history page filters by it too). */
export const publicLiaisons = publicOnly;

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
        seesAll(actor, activity) ? undefined : publicOnly,
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
    .where(and(eq(liaisonStatements.activityId, activity.id), seesAll(actor, activity) ? undefined : publicOnly, overdueSql(todayOf(now))));
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
    .where(and(eq(liaisonStatements.activityId, activity.id), seesAll(actor, activity) ? undefined : publicOnly))
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
  if (seesAll(actor, activity)) return new Set();
  const rows = await tx
    .select({ id: liaisonStatements.id })
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.activityId, activity.id), sql`not ${publicOnly}`));
  return new Set(rows.map((r) => String(r.id)));
}

/** The statement's events, oldest first. */
export async function liaisonEvents(tx: Tx, statementId: number): Promise<EventRow[]> {
  return (await listEvents(tx, { subjectType: 'liaison_statement', subjectId: statementId }, 500)).reverse();
}

export type Approver = { personId: number | null; name: string; email: string; role: MembershipRole; locale: Locale };

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

// ---- Checks -----------------------------------------------------------------------------------------------------

type Facts = {
  direction: 'in' | 'out';
  purpose: string;
  deadline: string | null | undefined;
  fromOrganizationIds: number[];
  toOrganizationIds: number[];
  inReplyToIds: number[];
  relatedEntryIds: number[];
  meetingId: number | null | undefined;
  agendaItemId: number | null | undefined;
  assigneePersonId: number | null | undefined;
};

/**
 * The rules every write checks, all at once so the form names every bad field: a deadline for action and comment,
 * the bodies, replies only within the activity (and not to itself), entries, meeting, agenda item and assignee exist.
 */
async function checkFacts(tx: Tx, activity: ActivityRef, facts: Facts, locale: Locale, selfId?: number): Promise<void> {
  const m = liaisonMessages(locale);
  const errors: Record<string, string> = {};
  if ((facts.purpose === 'for_action' || facts.purpose === 'for_comment') && !facts.deadline) errors.deadline = m.deadlineRequired;
  if (facts.direction === 'in' && !facts.fromOrganizationIds.length) errors.fromOrganizationIds = m.fromRequired;
  if (facts.direction === 'out' && !facts.toOrganizationIds.length) errors.toOrganizationIds = m.toRequired;
  const orgIds = [...new Set([...facts.fromOrganizationIds, ...facts.toOrganizationIds])];
  if (orgIds.length) {
    const found = new Set((await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, orgIds))).map((o) => o.id));
    if (facts.fromOrganizationIds.some((i) => !found.has(i))) errors.fromOrganizationIds = m.unknownOrganization;
    if (facts.toOrganizationIds.some((i) => !found.has(i))) errors.toOrganizationIds = m.unknownOrganization;
  }
  if (facts.inReplyToIds.length) {
    if (selfId !== undefined && facts.inReplyToIds.includes(selfId)) errors.inReplyToIds = m.replyToItself;
    else {
      const targets = await refs(tx, facts.inReplyToIds);
      const other = targets.find((t) => t.activityId !== activity.id);
      if (targets.length !== new Set(facts.inReplyToIds).size) errors.inReplyToIds = m.replyUnknown;
      else if (other) errors.inReplyToIds = m.replyOtherActivity(other.reference);
    }
  }
  if (facts.relatedEntryIds.length) {
    const found = await tx.select({ id: roadmapEntries.id }).from(roadmapEntries).where(inArray(roadmapEntries.id, facts.relatedEntryIds));
    if (found.length !== new Set(facts.relatedEntryIds).size) errors.relatedEntryIds = m.unknownEntry;
  }
  if (facts.meetingId) {
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, facts.meetingId), eq(meetings.activityId, activity.id)));
    if (!meeting) errors.meetingId = m.unknownMeeting;
  }
  if (facts.agendaItemId) {
    const [item] = await tx
      .select({ meetingId: agendaItems.meetingId })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(and(eq(agendaItems.id, facts.agendaItemId), eq(meetings.activityId, activity.id)));
    if (!item || (facts.meetingId && item.meetingId !== facts.meetingId)) errors.agendaItemId = m.unknownAgendaItem;
  }
  if (facts.assigneePersonId) {
    const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, facts.assigneePersonId));
    if (!person) errors.assigneePersonId = m.unknownAssignee;
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

async function readableActivity(tx: Tx, actor: Actor, activityId: number): Promise<ActivityRef> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity || !canLiaison(actor, 'read', activity)) throw notFound();
  return activity;
}

async function replaceLinks(tx: Tx, statementId: number, input: Pick<LiaisonPatch, 'fromOrganizationIds' | 'toOrganizationIds' | 'recipients' | 'relatedEntryIds' | 'inReplyToIds'>) {
  for (const side of ['from', 'to'] as const) {
    const ids = side === 'from' ? input.fromOrganizationIds : input.toOrganizationIds;
    if (ids === undefined) continue;
    await tx.delete(liaisonOrganizations).where(and(eq(liaisonOrganizations.statementId, statementId), eq(liaisonOrganizations.side, side)));
    const unique = [...new Set(ids)];
    if (unique.length) await tx.insert(liaisonOrganizations).values(unique.map((organizationId) => ({ statementId, organizationId, side })));
  }
  if (input.recipients !== undefined) {
    await tx.delete(liaisonRecipients).where(eq(liaisonRecipients.statementId, statementId));
    const seen = new Set<string>();
    const rows = input.recipients.filter((r) => !seen.has(r.email) && seen.add(r.email));
    if (rows.length) await tx.insert(liaisonRecipients).values(rows.map((r) => ({ statementId, name: r.name ?? '', email: r.email })));
  }
  if (input.relatedEntryIds !== undefined) {
    await tx.delete(liaisonRoadmapEntries).where(eq(liaisonRoadmapEntries.statementId, statementId));
    const unique = [...new Set(input.relatedEntryIds)];
    if (unique.length) await tx.insert(liaisonRoadmapEntries).values(unique.map((entryId) => ({ statementId, entryId })));
  }
  if (input.inReplyToIds !== undefined) {
    await tx.delete(liaisonReplies).where(eq(liaisonReplies.replyId, statementId));
    const unique = [...new Set(input.inReplyToIds)];
    if (unique.length) await tx.insert(liaisonReplies).values(unique.map((repliedToId) => ({ replyId: statementId, repliedToId })));
  }
}

const linkIds = async (tx: Tx, statementId: number) => ({
  fromOrganizationIds: (await tx.select({ id: liaisonOrganizations.organizationId }).from(liaisonOrganizations).where(and(eq(liaisonOrganizations.statementId, statementId), eq(liaisonOrganizations.side, 'from')))).map((r) => r.id).sort((a, b) => a - b),
  toOrganizationIds: (await tx.select({ id: liaisonOrganizations.organizationId }).from(liaisonOrganizations).where(and(eq(liaisonOrganizations.statementId, statementId), eq(liaisonOrganizations.side, 'to')))).map((r) => r.id).sort((a, b) => a - b),
  relatedEntryIds: (await tx.select({ id: liaisonRoadmapEntries.entryId }).from(liaisonRoadmapEntries).where(eq(liaisonRoadmapEntries.statementId, statementId))).map((r) => r.id).sort((a, b) => a - b),
  inReplyToIds: (await tx.select({ id: liaisonReplies.repliedToId }).from(liaisonReplies).where(eq(liaisonReplies.replyId, statementId))).map((r) => r.id).sort((a, b) => a - b),
  recipients: await tx.select({ name: liaisonRecipients.name, email: liaisonRecipients.email }).from(liaisonRecipients).where(eq(liaisonRecipients.statementId, statementId)).orderBy(asc(liaisonRecipients.id)),
});

// ---- Changes ----------------------------------------------------------------------------------------------------

/**
 * Registers an incoming statement (chairs, secretariat) or drafts an outgoing one (members, chairs, secretariat).
 * Incoming ones start with the action status "open"; outgoing ones as drafts, members-only until sent. The
 * attachments become the statement's LS-in/LS-out document, whose number names the statement.
 * Side effects: a `liaison.received` or `liaison.drafted` event; for an incoming statement, deadline reminders queued
 * and a mail to its assignee.
 * The caller stores the attachment files (storeFilesWith) around this call.
 */
export async function createLiaison(db: Db, actor: Actor, activityId: number, input: LiaisonInput, ctx: LiaisonContext, files: CheckedFile[] = []): Promise<LiaisonView> {
  const user = requireUser(actor);
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const activity = await readableActivity(tx, actor, activityId);
    if (!canLiaison(actor, input.direction === 'in' ? 'register_incoming' : 'draft', activity)) throw forbidden();
    await checkFacts(
      tx,
      activity,
      {
        direction: input.direction,
        purpose: input.purpose,
        deadline: input.deadline,
        fromOrganizationIds: input.fromOrganizationIds ?? [],
        toOrganizationIds: input.toOrganizationIds ?? [],
        inReplyToIds: input.inReplyToIds ?? [],
        relatedEntryIds: input.relatedEntryIds ?? [],
        meetingId: input.meetingId,
        agendaItemId: input.agendaItemId,
        assigneePersonId: input.direction === 'in' ? input.assigneePersonId : null,
      },
      ctx.locale,
    );
    const incoming = input.direction === 'in';
    const [row] = await tx
      .insert(liaisonStatements)
      .values({
        activityId: activity.id,
        direction: input.direction,
        title: input.title,
        purpose: input.purpose,
        deadline: input.deadline ?? null,
        body: input.body ?? '',
        theirReference: incoming ? (input.theirReference ?? null) : null,
        fromContactName: incoming ? (input.fromContactName ?? null) : null,
        fromContactEmail: incoming ? (input.fromContactEmail ?? null) : null,
        receivedOn: incoming ? (input.receivedOn ?? todayOf(now)) : null,
        meetingId: input.meetingId ?? null,
        agendaItemId: input.agendaItemId ?? null,
        assigneePersonId: incoming ? (input.assigneePersonId ?? null) : null,
        actionStatus: incoming ? 'open' : null,
        state: incoming ? null : 'draft',
        access: input.access ?? 'public',
        createdByUserId: user.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await replaceLinks(tx, row.id, {
      fromOrganizationIds: input.fromOrganizationIds ?? [],
      toOrganizationIds: input.toOrganizationIds ?? [],
      recipients: incoming ? [] : (input.recipients ?? []),
      relatedEntryIds: input.relatedEntryIds ?? [],
      inReplyToIds: input.inReplyToIds ?? [],
    });
    const document = await storeLiaisonDocument(tx, actor, { statement: row, files, locale: ctx.locale });
    const stored = document ? await setDocument(tx, row.id, document) : row;
    await recordEvent(tx, actor, {
      kind: incoming ? 'liaison.received' : 'liaison.drafted',
      subjectType: 'liaison_statement',
      subjectId: row.id,
      activityId: activity.id,
      summary: `${incoming ? 'Incoming' : 'Outgoing'} liaison statement ${referenceOf(stored)} ${incoming ? 'registered' : 'drafted'}: ${row.title}`,
      after: {
        reference: referenceOf(stored),
        title: row.title,
        purpose: row.purpose,
        deadline: row.deadline,
        inReplyTo: input.inReplyToIds ?? [],
        attachments: files.map((f) => f.fileName),
      },
    });
    if (incoming) await scheduleReminders(tx, stored, now);
    if (incoming && stored.assigneePersonId) await mailAssignee(tx, actor, activity, stored, stored.assigneePersonId, ctx);
    return viewOf(tx, stored, now);
  });
}

async function setDocument(tx: Tx, statementId: number, document: { id: number; number: string | null }): Promise<LiaisonRow> {
  const [row] = await tx
    .update(liaisonStatements)
    .set({ documentId: document.id, documentNumber: document.number })
    .where(eq(liaisonStatements.id, statementId))
    .returning();
  if (!row) throw notFound();
  return row;
}

/** Locks the statement for a change; one the actor may not read is "not found", one they may not change is forbidden. */
async function lockFor(tx: Tx, actor: Actor, activityId: number, statementId: number, action: LiaisonAction) {
  const [row] = await tx
    .select()
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.id, statementId), eq(liaisonStatements.activityId, activityId)))
    .for('update');
  const activity = await readableActivity(tx, actor, activityId);
  if (!row || !canLiaison(actor, 'read', activity, row)) throw notFound();
  if (!canLiaison(actor, action, activity, row)) throw forbidden();
  return { row, activity };
}

function requireState(row: LiaisonRow, allowed: readonly (OutgoingState | null)[], action: string, locale: Locale) {
  if (allowed.includes(row.state)) return;
  const m = liaisonMessages(locale);
  const state = row.state ? m.states[row.state] : m.directions[row.direction];
  throw new AppError('conflict', m.wrongState(state, m.actionWords[action] ?? action));
}

/**
 * Changes a statement's fields: an incoming one at any time (chairs, secretariat), an outgoing one while a draft (its
 * drafter, chairs, secretariat). The same rules as creating apply. A moved deadline queues reminders for the new date;
 * those for the old one find the date changed and send nothing.
 * Side effects: a `liaison.updated` event with the changed fields (none when nothing changed).
 */
export async function updateLiaison(db: Db, actor: Actor, activityId: number, statementId: number, patch: LiaisonPatch, ctx: LiaisonContext): Promise<LiaisonView> {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'edit');
    if (row.direction === 'out') requireState(row, ['draft'], 'edit', ctx.locale);
    const links = await linkIds(tx, row.id);
    const incoming = row.direction === 'in';
    await checkFacts(
      tx,
      activity,
      {
        direction: row.direction,
        purpose: patch.purpose ?? row.purpose,
        deadline: patch.deadline === undefined ? row.deadline : patch.deadline,
        fromOrganizationIds: patch.fromOrganizationIds ?? links.fromOrganizationIds,
        toOrganizationIds: patch.toOrganizationIds ?? links.toOrganizationIds,
        inReplyToIds: patch.inReplyToIds ?? links.inReplyToIds,
        relatedEntryIds: patch.relatedEntryIds ?? links.relatedEntryIds,
        meetingId: patch.meetingId === undefined ? row.meetingId : patch.meetingId,
        agendaItemId: patch.agendaItemId === undefined ? row.agendaItemId : patch.agendaItemId,
        assigneePersonId: incoming ? (patch.assigneePersonId === undefined ? row.assigneePersonId : patch.assigneePersonId) : null,
      },
      ctx.locale,
      row.id,
    );
    const fields = {
      title: patch.title,
      purpose: patch.purpose,
      deadline: patch.deadline,
      body: patch.body === undefined ? undefined : (patch.body ?? ''),
      theirReference: incoming ? patch.theirReference : undefined,
      fromContactName: incoming ? patch.fromContactName : undefined,
      fromContactEmail: incoming ? patch.fromContactEmail : undefined,
      receivedOn: incoming && patch.receivedOn !== null ? patch.receivedOn : undefined,
      meetingId: patch.meetingId,
      agendaItemId: patch.agendaItemId,
      assigneePersonId: incoming ? patch.assigneePersonId : undefined,
      access: patch.access,
    };
    const changedRow = changed(row as unknown as Record<string, unknown>, fields);
    const linkPatch = {
      fromOrganizationIds: sortedOrUndefined(patch.fromOrganizationIds),
      toOrganizationIds: sortedOrUndefined(patch.toOrganizationIds),
      relatedEntryIds: sortedOrUndefined(patch.relatedEntryIds),
      inReplyToIds: sortedOrUndefined(patch.inReplyToIds),
      recipients: incoming ? undefined : patch.recipients?.map((r) => ({ name: r.name ?? '', email: r.email })),
    };
    const changedLinks = changed(links as unknown as Record<string, unknown>, linkPatch);
    if (!changedRow && !changedLinks) return viewOf(tx, row, now);
    let updated = row;
    if (changedRow) {
      const [next] = await tx
        .update(liaisonStatements)
        .set({ ...(changedRow.after as Partial<LiaisonRow>), updatedAt: new Date() })
        .where(eq(liaisonStatements.id, row.id))
        .returning();
      if (!next) throw notFound();
      updated = next;
    }
    if (changedRow?.after && 'access' in changedRow.after) {
      await syncDocumentAccess(tx, actor, updated, updated.state === 'sent' || updated.state === 'closed', ctx.locale);
    }
    if (changedLinks) await replaceLinks(tx, row.id, { ...patch, recipients: linkPatch.recipients });
    await recordEvent(tx, actor, {
      kind: 'liaison.updated',
      subjectType: 'liaison_statement',
      subjectId: row.id,
      activityId: activity.id,
      summary: `Liaison statement ${referenceOf(row)} changed`,
      before: { ...changedRow?.before, ...changedLinks?.before },
      after: { ...changedRow?.after, ...changedLinks?.after },
    });
    if (changedRow?.after && 'deadline' in changedRow.after) {
      if (incoming || updated.state === 'sent') await scheduleReminders(tx, updated, now);
    }
    return viewOf(tx, updated, now);
  });
}

const sortedOrUndefined = (ids: number[] | undefined) => (ids === undefined ? undefined : [...new Set(ids)].sort((a, b) => a - b));

function changed(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = value;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/**
 * Adds a file to the statement's document (creating the LS document if it has none yet): an incoming statement at
 * any time, an outgoing one while a draft. Side effects: a `liaison.attachment_added` event. The caller stores the file.
 */
export async function addLiaisonAttachment(db: Db, actor: Actor, activityId: number, statementId: number, file: CheckedFile, ctx: LiaisonContext): Promise<LiaisonView> {
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'edit');
    if (row.direction === 'out') requireState(row, ['draft'], 'edit', ctx.locale);
    const document = await storeLiaisonDocument(tx, actor, { statement: row, files: [file], locale: ctx.locale });
    const updated = document && document.id !== row.documentId ? await setDocument(tx, row.id, document) : row;
    await recordEvent(tx, actor, {
      kind: 'liaison.attachment_added',
      subjectType: 'liaison_statement',
      subjectId: row.id,
      activityId: activity.id,
      summary: `Attachment ${file.fileName} added to ${referenceOf(updated)}`,
      after: { fileName: file.fileName, size: file.size },
    });
    return viewOf(tx, updated, ctx.now ?? new Date());
  });
}

const mailFacts = (activity: ActivityRef, row: LiaisonRow, ctx: LiaisonContext, locale: Locale) => {
  const m = liaisonMessages(locale);
  return {
    acronym: activity.acronym,
    reference: referenceOf(row),
    title: row.title.replace(/\s+/g, ' ').trim(),
    purpose: m.purposes[row.purpose],
    deadline: row.deadline ? formatDate(row.deadline, locale) : null,
    link: `${ctx.baseUrl}${liaisonHref(activity, row.id)}`,
  };
};

export const liaisonHref = (activity: { acronym: string }, statementId: number) =>
  `/activities/${encodeURIComponent(activity.acronym)}/liaisons/${statementId}`;

const mailDomain = (ctx: LiaisonContext) => new URL(ctx.baseUrl).hostname;

async function drafterAddress(tx: Tx, row: LiaisonRow): Promise<{ email: string; locale: Locale; name: string } | undefined> {
  if (!row.createdByUserId) return undefined;
  const [account] = await tx.select().from(users).where(eq(users.id, row.createdByUserId));
  return account && !account.disabledAt ? { email: account.email, locale: account.locale ?? 'en', name: account.name } : undefined;
}

async function transitionEvent(tx: Tx, actor: Actor, activity: ActivityRef, row: LiaisonRow, kind: string, summary: string, before: object, after: object) {
  await recordEvent(tx, actor, { kind, subjectType: 'liaison_statement', subjectId: row.id, activityId: activity.id, summary, before, after });
}

/**
 * Submits a draft for approval (its drafter, chairs, secretariat). The approvers are computed now: every chair,
 * co-chair, vice-chair and secretariat of the activity; if there is none, submitting is refused with a message saying
 * so (never a statement waiting on nobody). Someone must receive it first: a recipient contact, or a current liaison
 * representative to one of the addressed bodies.
 * Side effects: state submitted; a `liaison.submitted` event naming the approvers; a mail to each approver (except
 * the one submitting). Returns the statement and the approvers told.
 */
export async function submitLiaison(db: Db, actor: Actor, activityId: number, statementId: number, ctx: LiaisonContext): Promise<{ statement: LiaisonView; approvers: Approver[] }> {
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'submit');
    requireState(row, ['draft'], 'submit', ctx.locale);
    const m = liaisonMessages(ctx.locale);
    // Approving is approving a mailing: someone must be there to receive it (a contact, or a liaison representative).
    const recipients = await sendingList(tx, activity, row, todayOf(ctx.now ?? new Date()));
    if (!recipients.length) throw invalid({ recipients: m.recipientsRequired }, m.recipientsRequired);
    const approvers = await listApprovers(tx, activity);
    if (!approvers.length) throw new AppError('conflict', m.noApprover);
    const [updated] = await tx
      .update(liaisonStatements)
      .set({ state: 'submitted', submittedAt: new Date(), updatedAt: new Date() })
      .where(eq(liaisonStatements.id, row.id))
      .returning();
    if (!updated) throw notFound();
    await transitionEvent(tx, actor, activity, row, 'liaison.submitted', `${referenceOf(row)} submitted for approval to ${approvers.map((a) => a.name).join(', ')}`, { state: 'draft' }, { state: 'submitted', approvers: approvers.map((a) => a.name) });
    const actorEmail = actor.kind === 'user' ? actor.email.toLowerCase() : '';
    for (const approver of approvers) {
      if (approver.email.toLowerCase() === actorEmail) continue;
      const words = liaisonMessages(approver.locale).mail;
      const facts = { ...mailFacts(activity, updated, ctx, approver.locale), drafter: actorLabel(actor) };
      await enqueueMail(tx, { purpose: 'liaison_approval_requested', to: approver.email, subject: words.approvalSubject(facts), text: words.approvalBody(facts) }, mailDomain(ctx));
    }
    return { statement: await viewOf(tx, updated, ctx.now ?? new Date()), approvers };
  });
}

/**
 * Approves a submitted statement (chairs, secretariat; a member cannot), at a named meeting of the activity or by
 * correspondence with the deadline for objections (then it can be sent only after that day).
 * Side effects: state approved with the mode, meeting or deadline, approver and time; a `liaison.approved` event; a
 * mail to the secretariat (who sends) and to the drafter.
 */
export async function approveLiaison(db: Db, actor: Actor, activityId: number, statementId: number, input: ApprovalInput, ctx: LiaisonContext): Promise<LiaisonView> {
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'approve');
    requireState(row, ['submitted'], 'approve', ctx.locale);
    const m = liaisonMessages(ctx.locale);
    if (input.mode === 'at_meeting') {
      if (!input.meetingId) throw invalid({ meetingId: m.meetingRequired });
      const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, input.meetingId), eq(meetings.activityId, activity.id)));
      if (!meeting) throw invalid({ meetingId: m.unknownMeeting });
    } else if (!input.objectionDeadline) throw invalid({ objectionDeadline: m.objectionDeadlineRequired });
    const [updated] = await tx
      .update(liaisonStatements)
      .set({
        state: 'approved',
        approvalMode: input.mode,
        approvalMeetingId: input.mode === 'at_meeting' ? (input.meetingId ?? null) : null,
        objectionDeadline: input.mode === 'by_correspondence' ? (input.objectionDeadline ?? null) : null,
        approvedAt: new Date(),
        approvedByName: actorLabel(actor),
        updatedAt: new Date(),
      })
      .where(eq(liaisonStatements.id, row.id))
      .returning();
    if (!updated) throw notFound();
    await transitionEvent(tx, actor, activity, row, 'liaison.approved', `${referenceOf(row)} approved ${input.mode === 'at_meeting' ? 'at a meeting' : 'by correspondence'}`, { state: 'submitted' }, { state: 'approved', mode: input.mode, meetingId: updated.approvalMeetingId, objectionDeadline: updated.objectionDeadline });
    const told = new Set<string>([actor.kind === 'user' ? actor.email.toLowerCase() : '']);
    const drafter = await drafterAddress(tx, row);
    for (const to of [...(await secretariatAddresses(tx, activity)), ...(drafter ? [drafter] : [])]) {
      if (told.has(to.email.toLowerCase())) continue;
      told.add(to.email.toLowerCase());
      const words = liaisonMessages(to.locale).mail;
      const facts = { ...mailFacts(activity, updated, ctx, to.locale), approver: actorLabel(actor) };
      await enqueueMail(tx, { purpose: 'liaison_approved', to: to.email, subject: words.approvedSubject(facts), text: words.approvedBody(facts) }, mailDomain(ctx));
    }
    return viewOf(tx, updated, ctx.now ?? new Date());
  });
}

/**
 * Returns a submitted or approved statement to its drafter with what should change (chairs, secretariat): it is a
 * draft again and must be submitted again. Side effects: state draft (approval cleared); a `liaison.returned` event
 * with the reason; a mail to the drafter.
 */
export async function returnLiaison(db: Db, actor: Actor, activityId: number, statementId: number, input: { reason: string }, ctx: LiaisonContext): Promise<LiaisonView> {
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'return');
    requireState(row, ['submitted', 'approved'], 'return', ctx.locale);
    const [updated] = await tx
      .update(liaisonStatements)
      .set({ state: 'draft', approvalMode: null, approvalMeetingId: null, objectionDeadline: null, approvedAt: null, approvedByName: null, submittedAt: null, updatedAt: new Date() })
      .where(eq(liaisonStatements.id, row.id))
      .returning();
    if (!updated) throw notFound();
    await transitionEvent(tx, actor, activity, row, 'liaison.returned', `${referenceOf(row)} returned to the drafter`, { state: row.state }, { state: 'draft', reason: input.reason });
    const drafter = await drafterAddress(tx, row);
    if (drafter && (actor.kind !== 'user' || drafter.email.toLowerCase() !== actor.email.toLowerCase())) {
      const words = liaisonMessages(drafter.locale).mail;
      const facts = { ...mailFacts(activity, updated, ctx, drafter.locale), by: actorLabel(actor), reason: input.reason };
      await enqueueMail(tx, { purpose: 'liaison_returned', to: drafter.email, subject: words.returnedSubject(facts), text: words.returnedBody(facts) }, mailDomain(ctx));
    }
    return viewOf(tx, updated, ctx.now ?? new Date());
  });
}

/** Who receives a sent statement: its recipient contacts, then the current liaison representatives to its bodies. */
async function sendingList(tx: Tx, activity: ActivityRef, row: LiaisonRow, today: string): Promise<{ name: string; email: string }[]> {
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

/**
 * Sends an approved statement (secretariat only): one mail to each recipient contact and each current liaison
 * representative to the addressed bodies, with the attachments, Reply-To the activity's secretariat. Approved by
 * correspondence: only after the deadline for objections. A public statement becomes readable by anyone.
 * Side effects: state sent, sent date today; a `liaison.sent` event naming the recipients; the mails; reminders
 * queued before the reply deadline, if any. Returns the statement and how many were mailed.
 */
export async function sendLiaison(db: Db, actor: Actor, activityId: number, statementId: number, ctx: LiaisonContext): Promise<{ statement: LiaisonView; recipients: number }> {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'send');
    requireState(row, ['approved'], 'send', ctx.locale);
    const m = liaisonMessages(ctx.locale);
    const today = todayOf(now);
    if (row.approvalMode === 'by_correspondence' && row.objectionDeadline && row.objectionDeadline >= today) {
      throw new AppError('conflict', m.objectionsOpen(formatDate(row.objectionDeadline, ctx.locale)));
    }
    const recipients = await sendingList(tx, activity, row, today);
    if (!recipients.length) throw invalid({ recipients: m.recipientsRequired }, m.recipientsRequired);
    const [updated] = await tx
      .update(liaisonStatements)
      .set({ state: 'sent', sentAt: now, sentOn: today, updatedAt: new Date() })
      .where(eq(liaisonStatements.id, row.id))
      .returning();
    if (!updated) throw notFound();
    await syncDocumentAccess(tx, actor, updated, true, ctx.locale);
    const view = await viewOf(tx, updated, now);
    const attachments: MailAttachment[] = view.attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, sha256: a.sha256 }));
    const replyTo = (await secretariatAddresses(tx, activity))[0]?.email;
    for (const recipient of recipients) {
      // Bodies outside are written to in English, the working language of the statement.
      const words = liaisonMessages('en').mail;
      const facts = {
        ...mailFacts(activity, updated, ctx, 'en'),
        body: updated.body,
        recipient: recipient.name,
        attachments: view.attachments.map((a) => a.fileName),
        inReplyTo: view.inReplyTo.map((r) => `${r.reference} (${r.title})`),
      };
      await enqueueMail(
        tx,
        {
          purpose: 'liaison_statement',
          to: recipient.email,
          subject: words.statementSubject(facts),
          text: words.statementBody(facts),
          headers: { ...(replyTo ? { 'Reply-To': replyTo } : {}), 'X-Concord-Liaison': view.reference },
          attachments,
        },
        mailDomain(ctx),
      );
    }
    await transitionEvent(tx, actor, activity, row, 'liaison.sent', `${referenceOf(row)} sent to ${recipients.length} recipient(s)`, { state: 'approved' }, { state: 'sent', recipients: recipients.map((r) => r.name) });
    await scheduleReminders(tx, updated, now);
    return { statement: view, recipients: recipients.length };
  });
}

async function simpleTransition(
  db: Db,
  actor: Actor,
  activityId: number,
  statementId: number,
  ctx: LiaisonContext,
  action: 'close' | 'withdraw',
  from: readonly OutgoingState[],
  to: OutgoingState,
): Promise<LiaisonView> {
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, action);
    requireState(row, from, action, ctx.locale);
    const [updated] = await tx.update(liaisonStatements).set({ state: to, updatedAt: new Date() }).where(eq(liaisonStatements.id, row.id)).returning();
    if (!updated) throw notFound();
    await transitionEvent(tx, actor, activity, row, `liaison.${to}`, `${referenceOf(row)} ${to}`, { state: row.state }, { state: to });
    return viewOf(tx, updated, ctx.now ?? new Date());
  });
}

/** Closes a sent statement (chairs, secretariat): nothing more is expected. Side effects: state closed; a `liaison.closed` event; no more reminders. */
export const closeLiaison = (db: Db, actor: Actor, activityId: number, statementId: number, ctx: LiaisonContext) =>
  simpleTransition(db, actor, activityId, statementId, ctx, 'close', ['sent'], 'closed');

/** Withdraws an outgoing statement not yet sent (its drafter, chairs, secretariat). Side effects: state withdrawn; a `liaison.withdrawn` event. */
export const withdrawLiaison = (db: Db, actor: Actor, activityId: number, statementId: number, ctx: LiaisonContext) =>
  simpleTransition(db, actor, activityId, statementId, ctx, 'withdraw', ['draft', 'submitted', 'approved'], 'withdrawn');

/** Tells a new assignee (at their account's address, else the person's) what they now follow, unless they assigned themselves. */
async function mailAssignee(tx: Tx, actor: Actor, activity: ActivityRef, row: LiaisonRow, personId: number, ctx: LiaisonContext): Promise<void> {
  const [person] = await tx
    .select({ email: people.email, userEmail: users.email, locale: users.locale, disabledAt: users.disabledAt })
    .from(people)
    .leftJoin(users, eq(users.id, people.userId))
    .where(eq(people.id, personId));
  const to = person?.userEmail && !person.disabledAt ? person.userEmail : person?.email;
  if (!person || !to || (actor.kind === 'user' && to.toLowerCase() === actor.email.toLowerCase())) return;
  const locale = person.locale ?? 'en';
  const words = liaisonMessages(locale).mail;
  const facts = { ...mailFacts(activity, row, ctx, locale), by: actorLabel(actor) };
  await enqueueMail(tx, { purpose: 'liaison_assigned', to, subject: words.assignedSubject(facts), text: words.assignedBody(facts) }, mailDomain(ctx));
}

/**
 * Names (or clears) the assignee of an incoming statement (chairs, secretariat): the person reminded before its
 * deadline. Side effects: a `liaison.assigned` event; a mail to the new assignee when they have an address.
 */
export async function assignLiaison(db: Db, actor: Actor, activityId: number, statementId: number, input: { assigneePersonId?: number | null }, ctx: LiaisonContext): Promise<LiaisonView> {
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'assign');
    const assigneePersonId = input.assigneePersonId ?? null;
    const [person] = assigneePersonId
      ? await tx.select({ id: people.id, name: people.name, email: people.email, userEmail: users.email, locale: users.locale }).from(people).leftJoin(users, eq(users.id, people.userId)).where(eq(people.id, assigneePersonId))
      : [];
    if (assigneePersonId && !person) throw invalid({ assigneePersonId: liaisonMessages(ctx.locale).unknownAssignee });
    if (assigneePersonId === row.assigneePersonId) return viewOf(tx, row, ctx.now ?? new Date());
    const [before] = row.assigneePersonId ? await tx.select({ name: people.name }).from(people).where(eq(people.id, row.assigneePersonId)) : [];
    const [updated] = await tx.update(liaisonStatements).set({ assigneePersonId, updatedAt: new Date() }).where(eq(liaisonStatements.id, row.id)).returning();
    if (!updated) throw notFound();
    await transitionEvent(tx, actor, activity, row, 'liaison.assigned', person ? `${referenceOf(row)} assigned to ${person.name}` : `${referenceOf(row)} no longer assigned`, { assignee: before?.name ?? null }, { assignee: person?.name ?? null });
    if (assigneePersonId) await mailAssignee(tx, actor, activity, updated, assigneePersonId, ctx);
    return viewOf(tx, updated, ctx.now ?? new Date());
  });
}

/**
 * Records how far the action asked by an incoming statement is (chairs, secretariat, or its assignee). Answered and
 * "no action needed" stop the reminders and take it off the overdue list.
 * Side effects: a `liaison.action_status_changed` event.
 */
export async function setActionStatus(db: Db, actor: Actor, activityId: number, statementId: number, actionStatus: LiaisonActionStatus, ctx: LiaisonContext): Promise<LiaisonView> {
  return db.transaction(async (tx) => {
    const { row, activity } = await lockFor(tx, actor, activityId, statementId, 'set_action_status');
    if (row.actionStatus === actionStatus) return viewOf(tx, row, ctx.now ?? new Date());
    const [updated] = await tx.update(liaisonStatements).set({ actionStatus, updatedAt: new Date() }).where(eq(liaisonStatements.id, row.id)).returning();
    if (!updated) throw notFound();
    await transitionEvent(tx, actor, activity, row, 'liaison.action_status_changed', `${referenceOf(row)}: action ${actionStatus.replaceAll('_', ' ')}`, { actionStatus: row.actionStatus }, { actionStatus });
    return viewOf(tx, updated, ctx.now ?? new Date());
  });
}

// ---- What the actor may do --------------------------------------------------------------------------------------

export type LiaisonTransition = 'edit' | 'submit' | 'approve' | 'return' | 'send' | 'close' | 'withdraw' | 'assign' | 'set_action_status';

/** The changes the actor may make now, by role and state (for buttons and the API's `allowedActions`). */
export function allowedTransitions(actor: Actor, activity: ActivityRef, s: LiaisonRow): LiaisonTransition[] {
  const byState: Record<LiaisonTransition, boolean> =
    s.direction === 'in'
      ? { edit: true, assign: true, set_action_status: true, submit: false, approve: false, return: false, send: false, close: false, withdraw: false }
      : {
          edit: s.state === 'draft',
          submit: s.state === 'draft',
          approve: s.state === 'submitted',
          return: s.state === 'submitted' || s.state === 'approved',
          send: s.state === 'approved',
          close: s.state === 'sent',
          withdraw: s.state === 'draft' || s.state === 'submitted' || s.state === 'approved',
          assign: false,
          set_action_status: false,
        };
  return (Object.keys(byState) as LiaisonTransition[]).filter((t) => byState[t] && canLiaison(actor, t, activity, s));
}

/** People who may be named assignee: the activity's participants except observers. */
export async function assignablePeople(tx: Tx, activity: ActivityRef): Promise<{ id: number; name: string }[]> {
  const rows = await tx
    .selectDistinct({ id: people.id, name: people.name })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activity.id), inArray(activityMemberships.role, [...contributors])))
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
  const meetingRows = await tx.select({ id: meetings.id, number: meetings.number, title: meetings.title }).from(meetings).where(eq(meetings.activityId, activity.id)).orderBy(desc(meetings.startsAt));
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
    meetings: meetingRows.map((m) => ({ id: m.id, label: m.title })),
    agendaItems: items.map((i) => ({ id: i.id, label: `${i.meetingTitle} — ${i.title}` })),
    people: await assignablePeople(tx, activity),
  };
}
