// A meeting's agenda: the working items (nested, ordered, numbered for display), the versions issued from them
// (draft, then adopted) and the activity's template new agendas start from. The only code that changes
// agenda_items, agenda_versions and agenda_templates.
import { and, asc, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel, systemActor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { CheckedFile } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { id, optionalText, requiredText } from '../../platform/validation.ts';
import type { Activity } from '../activities/index.ts';
import { addRevision, createDocument, updatePlacement } from '../documents/index.ts';
import { documents } from '../../db/schema.ts';
import { agendaMessages } from './agenda-messages.ts';
import { canProceedings } from './policy.ts';
import {
  type AgendaTemplateItem,
  agendaMaxDepth,
  agendaMaxItems,
  agendaNotesMax,
  agendaTitleMax,
  defaultJcaAgenda,
  isCoordinationItem,
  parseAgendaTemplate,
} from './agenda-template.ts';
import {
  actionItems,
  type AgendaCoordinationIssue,
  agendaItems,
  agendaMinutes,
  agendaTemplates,
  type AgendaSnapshotItem,
  agendaVersions,
  meetingDecisions,
} from './proceedings-schema.ts';
import type { Meeting } from './deadlines.ts';
import { meetings } from './schema.ts';
import { readTogether } from '../../db/together.ts';

export type { Meeting };
/** The meeting a proceedings function works on, with its activity (already found and readable by the caller). */
export type MeetingScope = { activity: Activity; meeting: Meeting };
export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type AgendaVersion = typeof agendaVersions.$inferSelect;

// ---- Numbering and order (pure) ---------------------------------------------------------------------------------

type TreeRow = { id: number; parentId: number | null; position: number; title: string; titleFr?: string | null; notes: string | null };
/** An item with its place: number as shown (5, 5.1), level (1 = top), sub-items in order. */
export type AgendaNode<R extends TreeRow = TreeRow> = R & { number: string; depth: number; children: AgendaNode<R>[] };

/**
 * The items as a tree in agenda order: siblings by position (then id, so a tie never flips), numbered 1, 2… per
 * level and prefixed by their parent's number. An item whose parent is missing is treated as top-level rather than
 * lost.
 */
export function agendaTree<R extends TreeRow>(rows: R[]): AgendaNode<R>[] {
  const ids = new Set(rows.map((r) => r.id));
  const byParent = new Map<number | null, R[]>();
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(row);
    byParent.set(parent, list);
  }
  const build = (parent: number | null, prefix: string, depth: number): AgendaNode<R>[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((row, i) => {
        const number = `${prefix}${i + 1}`;
        return { ...row, number, depth, children: build(row.id, `${number}.`, depth + 1) };
      });
  return build(null, '', 1);
}

/** The tree in reading order (each item, then its sub-items). */
export function flattenAgenda<N extends { children: N[] }>(tree: N[]): N[] {
  return tree.flatMap((node) => [node, ...flattenAgenda(node.children)]);
}

/** The first item (in reading order) titled "Issues requiring coordination": where the confirmed overlaps go. */
export function coordinationItem<I extends { title: string }>(items: I[]): I | undefined {
  return items.find((item) => isCoordinationItem(item.title));
}

/** What an issue keeps in an issued version: the entries and decision only (not the reader's links or drafts). */
const frozenIssue = (issue: AgendaCoordinationIssue): AgendaCoordinationIssue => {
  const side = (s: AgendaCoordinationIssue['a']) => ({ id: s.id, organization: s.organization, identifier: s.identifier, title: s.title });
  return { a: side(issue.a), b: side(issue.b), decision: issue.decision, decidedAt: issue.decidedAt };
};

/**
 * What an issued version keeps of the working items, and under the coordination item the confirmed overlaps listed
 * when it is issued (an issued agenda is a record: see CoordinationSource).
 */
export function agendaSnapshot(tree: AgendaNode[], coordination: readonly AgendaCoordinationIssue[] = []): AgendaSnapshotItem[] {
  const items: AgendaSnapshotItem[] = flattenAgenda(tree).map((n) => ({ id: n.id, parentId: n.parentId, number: n.number, depth: n.depth, title: n.title, notes: n.notes }));
  const target = coordinationItem(items);
  if (target && coordination.length) target.coordination = coordination.map(frozenIssue);
  return items;
}

/**
 * True when two snapshots show the same agenda (same items, numbers, titles and notes). Compared field by field: a
 * snapshot read back from jsonb has its keys in another order than the one just built.
 */
export function sameAgenda(a: AgendaSnapshotItem[], b: AgendaSnapshotItem[]): boolean {
  const issues = (i: AgendaSnapshotItem) => (i.coordination ?? []).map((c) => `${c.a.id}-${c.b.id}:${c.decision}`).join(' ');
  const key = (i: AgendaSnapshotItem) => [i.id, i.parentId ?? null, i.number, i.depth, i.title, i.notes ?? null, issues(i)];
  return a.length === b.length && a.every((item, index) => JSON.stringify(key(item)) === JSON.stringify(key(b[index]!)));
}

/**
 * The position changes that move an item one place up or down among its siblings (the two swap positions), or a
 * refusal when it is already first or last.
 */
export function swapWithSibling<R extends TreeRow>(
  tree: AgendaNode<R>[],
  itemId: number,
  direction: 'up' | 'down',
): { ok: true; changes: { id: number; position: number }[] } | { ok: false; reason: 'first' | 'last' | 'missing' } {
  const parentOf = flattenAgenda(tree).find((n) => n.id === itemId);
  if (!parentOf) return { ok: false, reason: 'missing' };
  const siblings = parentOf.parentId === null ? tree : (flattenAgenda(tree).find((n) => n.id === parentOf.parentId)?.children ?? tree);
  const index = siblings.findIndex((n) => n.id === itemId);
  const other = siblings[direction === 'up' ? index - 1 : index + 1];
  if (!other) return { ok: false, reason: direction === 'up' ? 'first' : 'last' };
  // Positions are rewritten 0..n-1 for the whole level, so equal or sparse positions never make a swap a no-op.
  const order = siblings.map((n) => n.id);
  order[index] = other.id;
  order[direction === 'up' ? index - 1 : index + 1] = itemId;
  return { ok: true, changes: order.map((id, position) => ({ id, position })) };
}

/** The template's items as rows to insert: ids are placeholders (negative), parents point at them. */
export function templateRows(items: AgendaTemplateItem[]): { key: number; parentKey: number | null; position: number; title: string; titleFr: string | null; notes: string | null }[] {
  const rows: { key: number; parentKey: number | null; position: number; title: string; titleFr: string | null; notes: string | null }[] = [];
  let next = -1;
  const walk = (list: AgendaTemplateItem[], parentKey: number | null) =>
    list.forEach((item, position) => {
      const key = next--;
      rows.push({ key, parentKey, position, title: item.title, titleFr: item.titleFr ?? null, notes: item.notes ?? null });
      walk(item.children ?? [], key);
    });
  walk(items, null);
  return rows;
}

// ---- Input ------------------------------------------------------------------------------------------------------

export const agendaItemInput = z.object({
  parentId: z.preprocess((v) => (v === '' ? null : v), id().nullable()).optional(),
  title: requiredText(agendaTitleMax),
  titleFr: optionalText(agendaTitleMax),
  notes: optionalText(agendaNotesMax),
});
export type AgendaItemInput = z.output<typeof agendaItemInput>;
export const agendaItemPatch = z.object({ title: requiredText(agendaTitleMax).optional(), titleFr: optionalText(agendaTitleMax), notes: optionalText(agendaNotesMax) });
export type AgendaItemPatch = z.output<typeof agendaItemPatch>;
export const moveInput = z.object({ direction: z.enum(['up', 'down']) });
export const issueInput = z.object({ note: optionalText(1000) });
export const templateInput = z.object({ text: requiredText(50_000) });

// ---- Reading ----------------------------------------------------------------------------------------------------

async function readAgendaRows(tx: Tx, meetingId: number): Promise<AgendaItemRow[]> {
  return tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

/** The working agenda of a meeting as a tree. */
export async function workingAgenda(tx: Tx, meetingId: number): Promise<AgendaNode<AgendaItemRow>[]> {
  return agendaTree(await readAgendaRows(tx, meetingId));
}

/** The versions of a meeting's agenda, latest first. */
export async function listAgendaVersions(tx: Tx, meetingId: number): Promise<AgendaVersion[]> {
  return tx.select().from(agendaVersions).where(eq(agendaVersions.meetingId, meetingId)).orderBy(desc(agendaVersions.version));
}

/** What readers see: the latest adopted version, else the latest draft; undefined before any is issued. */
export function publishedVersion(versions: AgendaVersion[]): AgendaVersion | undefined {
  return versions.find((v) => v.status === 'adopted') ?? versions[0];
}

/** A document's number as shown (JCA-QKDN-C-001-R1), or its title when it has no number yet. */
export const documentLabel = (d: { number: string | null; revision: number; title: string }) =>
  d.number ? `${d.number}${d.revision ? `-R${d.revision}` : ''}` : d.title;

export type AgendaDocumentLink = { id: number; agendaItemId: number; number: string | null; revision: number; title: string; kind: string; access: string };

/** The meeting's published documents by agenda item (only those the actor may read: members-only for members). */
export async function documentsByAgendaItem(tx: Tx, actor: Actor, scope: MeetingScope): Promise<Map<number, AgendaDocumentLink[]>> {
  const seesMembersOnly = canProceedings(actor, 'read_drafts', scope.activity) || actorHasRole(actor, scope.activity.id);
  const rows = await tx
    .select({
      id: documents.id,
      agendaItemId: documents.agendaItemId,
      number: documents.number,
      revision: documents.revision,
      title: documents.title,
      kind: documents.kind,
      access: documents.access,
    })
    .from(documents)
    .where(and(eq(documents.meetingId, scope.meeting.id), eq(documents.status, 'published'), sql`${documents.agendaItemId} is not null`))
    .orderBy(asc(documents.kind), asc(documents.sequence));
  const out = new Map<number, AgendaDocumentLink[]>();
  for (const row of rows) {
    if (row.access === 'members' && !seesMembersOnly) continue;
    const list = out.get(row.agendaItemId!) ?? [];
    list.push(row as AgendaDocumentLink);
    out.set(row.agendaItemId!, list);
  }
  return out;
}

const actorHasRole = (actor: Actor, activityId: number) => actor.kind === 'user' && (actor.roles.get(activityId)?.size ?? 0) > 0;

// ---- Coordination issues ----------------------------------------------------------------------------------------

/** The decisions a meeting's agenda collects: taken from `from` (null: any time before) until `before`. */
export type DecisionWindow = { from: Date | null; before: Date };

/**
 * What the agenda lists under "Issues requiring coordination" for a window of decisions: the confirmed overlaps of
 * the overlaps module (coordinationIssues), handed in by the routes. The overlaps module builds on this one (liaison
 * drafts, documents, meetings), so this one does not import it: the routes wire the two.
 *
 * Live or copied? The working agenda lists them live, as those who prepare it read it. Issuing a version copies the
 * list into that version with its items (agendaSnapshot): an issued agenda is a record that participants have been
 * sent, and its page and its DOCX/PDF must say later what they said then, not what the overlap reviews say today. An
 * overlap confirmed after issue shows on the working agenda as a change not yet issued, and reaches the published
 * agenda with the next version. Readers still see only the copied pairs whose two entries they may read.
 */
export type CoordinationSource<C extends AgendaCoordinationIssue = AgendaCoordinationIssue> = (tx: Tx, window: DecisionWindow) => Promise<C[]>;

/**
 * Which confirmed overlaps a meeting lists: those decided while it was its activity's next meeting, the earliest
 * meeting not yet ended and not cancelled at the time of the decision. So a decision goes to exactly one meeting of
 * each activity, never to one already over or cancelled, and stays on that meeting's record rather than being listed
 * again at every later meeting. For meeting M: from the latest end among the activity's other meetings that are not
 * cancelled and start before M (in order of start, then id), until M's end. Null for a cancelled meeting (its
 * decisions go to the next one) or one that ends before an earlier one does.
 */
export async function coordinationWindow(tx: Tx, meeting: Meeting): Promise<DecisionWindow | null> {
  if (meeting.status === 'cancelled') return null;
  const [row] = await tx
    .select({ end: sql<Date | string | null>`max(${meetings.endsAt})` })
    .from(meetings)
    .where(
      and(
        eq(meetings.activityId, meeting.activityId),
        ne(meetings.status, 'cancelled'),
        or(lt(meetings.startsAt, meeting.startsAt), and(eq(meetings.startsAt, meeting.startsAt), lt(meetings.id, meeting.id))),
      ),
    );
  const from = row?.end ? new Date(row.end) : null;
  if (from && from.getTime() >= meeting.endsAt.getTime()) return null;
  return { from, before: meeting.endsAt };
}

/** The live list of a meeting's coordination issues from `source` (none without one, or for a cancelled meeting). */
async function liveCoordination<C extends AgendaCoordinationIssue>(tx: Tx, meeting: Meeting, source: CoordinationSource<C> | undefined): Promise<C[]> {
  if (!source) return [];
  const window = await coordinationWindow(tx, meeting);
  return window ? source(tx, window) : [];
}

export type AgendaView<C extends AgendaCoordinationIssue = AgendaCoordinationIssue> = {
  /** the working items (only for those who read drafts; empty otherwise) */
  working: AgendaNode<AgendaItemRow>[];
  /** the confirmed overlaps the working agenda lists now (only for those who read drafts) */
  coordination: C[];
  versions: AgendaVersion[];
  published: AgendaVersion | undefined;
  /** the working items differ from the latest issued version (or none was issued) */
  unissuedChanges: boolean;
  documents: Map<number, AgendaDocumentLink[]>;
  /** when the working agenda is empty: the items it would start from */
  template: { items: AgendaTemplateItem[]; own: boolean } | undefined;
};

/** The agenda page's data: the published version for everyone; the working agenda and versions for editors. */
export async function getAgenda<C extends AgendaCoordinationIssue = AgendaCoordinationIssue>(
  tx: Tx,
  actor: Actor,
  scope: MeetingScope,
  coordination?: CoordinationSource<C>,
): Promise<AgendaView<C>> {
  if (!canProceedings(actor, 'read', scope.activity)) throw notFound();
  const drafts = canProceedings(actor, 'read_drafts', scope.activity);
  const [versions, working, documentLinks, issues] = await readTogether(tx, [
    () => listAgendaVersions(tx, scope.meeting.id),
    () => (drafts ? workingAgenda(tx, scope.meeting.id) : Promise.resolve([])),
    () => documentsByAgendaItem(tx, actor, scope),
    () => (drafts ? liveCoordination(tx, scope.meeting, coordination) : Promise.resolve([])),
  ]);
  const latest = versions[0];
  const unissuedChanges = drafts && working.length > 0 && (!latest || !sameAgenda(agendaSnapshot(working, issues), latest.items));
  const template = drafts && !working.length ? await getAgendaTemplate(tx, scope.activity.id) : undefined;
  return {
    working,
    coordination: issues,
    versions: drafts ? versions : versions.filter((v) => v === publishedVersion(versions)),
    published: publishedVersion(versions),
    unissuedChanges,
    documents: documentLinks,
    template,
  };
}

/** The activity's own template, or the standard JCA agenda when it has none. */
export async function getAgendaTemplate(tx: Tx, activityId: number): Promise<{ items: AgendaTemplateItem[]; own: boolean }> {
  const [row] = await tx.select().from(agendaTemplates).where(eq(agendaTemplates.activityId, activityId));
  return row ? { items: row.items, own: true } : { items: defaultJcaAgenda, own: false };
}

// ---- Changes ----------------------------------------------------------------------------------------------------

/** Locks the meeting row, so agenda writes of one meeting (positions, version numbers) happen one at a time. */
async function lockMeeting(tx: Tx, meetingId: number): Promise<void> {
  await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
}

function assertEditor(actor: Actor, scope: MeetingScope): void {
  if (!canProceedings(actor, 'read', scope.activity)) throw notFound();
  if (!canProceedings(actor, 'edit_agenda', scope.activity)) throw forbidden();
}

const meetingLabel = (scope: MeetingScope) => `${scope.activity.acronym} meeting ${scope.meeting.number}`;

const agendaEvent = (scope: MeetingScope, kind: string, summary: string, before?: unknown, after?: unknown) => ({
  kind,
  subjectType: 'meeting',
  subjectId: scope.meeting.id,
  activityId: scope.activity.id,
  summary: `${meetingLabel(scope)}: ${summary}`,
  before,
  after,
});

/** Inserts template items under a meeting (in the caller's transaction), parents before their sub-items. */
export async function insertTemplateItems(tx: Tx, meetingId: number, items: AgendaTemplateItem[]): Promise<void> {
  const realId = new Map<number, number>();
  for (const row of templateRows(items)) {
    const [inserted] = await tx
      .insert(agendaItems)
      .values({ meetingId, parentId: row.parentKey === null ? null : realId.get(row.parentKey)!, position: row.position, title: row.title, titleFr: row.titleFr, notes: row.notes })
      .returning({ id: agendaItems.id });
    realId.set(row.key, inserted!.id);
  }
}

/**
 * Fills a working agenda known to be empty with the activity's template (its own, else the standard JCA agenda), in
 * the caller's transaction: a new meeting's agenda (createMeeting) and the "start from the template" of an emptied
 * one. The caller has checked the actor may do it. Side effects: an `agenda.started` event.
 */
export async function fillAgendaFromTemplate(tx: Tx, actor: Actor, scope: MeetingScope): Promise<AgendaNode<AgendaItemRow>[]> {
  const template = await getAgendaTemplate(tx, scope.activity.id);
  await insertTemplateItems(tx, scope.meeting.id, template.items);
  const tree = await workingAgenda(tx, scope.meeting.id);
  await recordEvent(tx, actor, agendaEvent(scope, 'agenda.started', `agenda started from the ${template.own ? "activity's" : 'standard JCA'} template`, undefined, { items: flattenAgenda(tree).length }));
  return tree;
}

/**
 * Fills an empty working agenda with the activity's template (or the standard JCA agenda): a new meeting starts with
 * it already, so this serves an agenda whose items were all deleted. An agenda that has items is a conflict.
 * Side effects: an `agenda.started` event.
 */
export async function startAgendaFromTemplate(db: Db, actor: Actor, scope: MeetingScope, locale: Locale): Promise<AgendaNode<AgendaItemRow>[]> {
  assertEditor(actor, scope);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const [existing] = await tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, scope.meeting.id)).limit(1);
    if (existing) throw new AppError('conflict', agendaMessages(locale).alreadyStarted);
    return fillAgendaFromTemplate(tx, actor, scope);
  });
}

/** An item of this meeting's working agenda, with its place in the tree; otherwise "not found". */
function findNode(tree: AgendaNode<AgendaItemRow>[], itemId: number, locale: Locale): AgendaNode<AgendaItemRow> {
  const node = flattenAgenda(tree).find((n) => n.id === itemId);
  if (!node) throw notFound(agendaMessages(locale).notInAgenda);
  return node;
}

/**
 * Adds an item at the end of the top level, or at the end of a parent item's sub-items. The parent must be an item of
 * the same meeting and the new item at most three levels deep; an agenda holds at most 200 items.
 * Side effects: an `agenda.item_added` event.
 */
export async function addAgendaItem(db: Db, actor: Actor, scope: MeetingScope, input: AgendaItemInput, locale: Locale): Promise<AgendaNode<AgendaItemRow>> {
  assertEditor(actor, scope);
  const m = agendaMessages(locale);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const tree = await workingAgenda(tx, scope.meeting.id);
    const all = flattenAgenda(tree);
    if (all.length >= agendaMaxItems) throw invalid({}, m.tooMany);
    const parentId = input.parentId ?? null;
    let siblings = tree;
    if (parentId !== null) {
      const parent = all.find((n) => n.id === parentId);
      if (!parent) throw invalid({ parentId: m.notInAgenda });
      if (parent.depth >= agendaMaxDepth) throw invalid({ parentId: m.tooDeep });
      siblings = parent.children;
    }
    const position = siblings.length ? Math.max(...siblings.map((s) => s.position)) + 1 : 0;
    const [row] = await tx
      .insert(agendaItems)
      .values({ meetingId: scope.meeting.id, parentId, position, title: input.title, titleFr: input.titleFr ?? null, notes: input.notes ?? null })
      .returning();
    const node = findNode(agendaTree([...all, row!]), row!.id, locale);
    await recordEvent(tx, actor, agendaEvent(scope, 'agenda.item_added', `item ${node.number} "${node.title}" added`, undefined, { id: node.id, number: node.number, title: node.title, titleFr: node.titleFr, notes: node.notes }));
    return node;
  });
}

/** Changes an item's title or notes. Side effects: an `agenda.item_updated` event with the fields that changed. */
export async function updateAgendaItem(db: Db, actor: Actor, scope: MeetingScope, itemId: number, patch: AgendaItemPatch, locale: Locale): Promise<AgendaNode<AgendaItemRow>> {
  assertEditor(actor, scope);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const node = findNode(await workingAgenda(tx, scope.meeting.id), itemId, locale);
    // undefined leaves a field as it is (the API's partial change); null clears it (a blank form field).
    const next = {
      title: patch.title ?? node.title,
      titleFr: patch.titleFr === undefined ? node.titleFr : patch.titleFr,
      notes: patch.notes === undefined ? node.notes : patch.notes,
    };
    if (next.title === node.title && next.titleFr === node.titleFr && next.notes === node.notes) return node;
    await tx.update(agendaItems).set({ ...next, updatedAt: new Date() }).where(eq(agendaItems.id, itemId));
    const changed = changedFields({ title: node.title, titleFr: node.titleFr, notes: node.notes }, next)!;
    await recordEvent(
      tx,
      actor,
      agendaEvent(scope, 'agenda.item_updated', `item ${node.number} edited`, { number: node.number, ...changed.before }, { number: node.number, ...changed.after }),
    );
    return { ...node, ...next };
  });
}

/**
 * Moves an item one place up or down among its siblings (its sub-items go with it; the numbers follow the new order).
 * The first item cannot go up nor the last down (a validation failure saying so).
 * Side effects: an `agenda.item_moved` event with the number before and after.
 */
export async function moveAgendaItem(db: Db, actor: Actor, scope: MeetingScope, itemId: number, direction: 'up' | 'down', locale: Locale): Promise<AgendaNode<AgendaItemRow>> {
  assertEditor(actor, scope);
  const m = agendaMessages(locale);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const tree = await workingAgenda(tx, scope.meeting.id);
    const node = findNode(tree, itemId, locale);
    const swap = swapWithSibling(tree, itemId, direction);
    if (!swap.ok) throw invalid({ direction: swap.reason === 'first' ? m.alreadyFirst : m.alreadyLast }, swap.reason === 'first' ? m.alreadyFirst : m.alreadyLast);
    for (const change of swap.changes) await tx.update(agendaItems).set({ position: change.position }).where(eq(agendaItems.id, change.id));
    const moved = findNode(await workingAgenda(tx, scope.meeting.id), itemId, locale);
    await recordEvent(tx, actor, agendaEvent(scope, 'agenda.item_moved', `item "${node.title}" moved from ${node.number} to ${moved.number}`, { number: node.number }, { number: moved.number, title: node.title }));
    return moved;
  });
}

/**
 * Deletes an item and its sub-items. Refused (conflict) while any of them has minutes, decisions, action items or
 * linked documents, so no record loses its place silently. Side effects: an `agenda.item_deleted` event.
 */
export async function deleteAgendaItem(db: Db, actor: Actor, scope: MeetingScope, itemId: number, locale: Locale): Promise<void> {
  assertEditor(actor, scope);
  await db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const node = findNode(await workingAgenda(tx, scope.meeting.id), itemId, locale);
    const ids = flattenAgenda([node]).map((n) => n.id);
    // One after the other: a transaction is one connection, which runs one statement at a time (node-postgres
    // deprecates queueing them on a client).
    const uses = [
      () => tx.select({ id: agendaMinutes.agendaItemId }).from(agendaMinutes).where(inArray(agendaMinutes.agendaItemId, ids)).limit(1),
      () => tx.select({ id: meetingDecisions.id }).from(meetingDecisions).where(inArray(meetingDecisions.agendaItemId, ids)).limit(1),
      () => tx.select({ id: actionItems.id }).from(actionItems).where(inArray(actionItems.agendaItemId, ids)).limit(1),
      () => tx.select({ id: documents.id }).from(documents).where(inArray(documents.agendaItemId, ids)).limit(1),
    ];
    for (const use of uses) if ((await use()).length) throw new AppError('conflict', agendaMessages(locale).hasRecords(node.number));
    await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
    await recordEvent(
      tx,
      actor,
      agendaEvent(scope, 'agenda.item_deleted', `item ${node.number} "${node.title}" deleted${ids.length > 1 ? ` with ${ids.length - 1} sub-items` : ''}`, {
        number: node.number,
        title: node.title,
        subItems: ids.length - 1,
      }),
    );
  });
}

/** The version the working agenda would be issued as now, or null when issuing would be refused (empty or unchanged). */
export async function previewAgendaVersion(tx: Tx, scope: MeetingScope, coordination?: CoordinationSource): Promise<{ version: number; items: AgendaSnapshotItem[] } | null> {
  const snapshot = agendaSnapshot(await workingAgenda(tx, scope.meeting.id), await liveCoordination(tx, scope.meeting, coordination));
  if (!snapshot.length) return null;
  const [latest] = await listAgendaVersions(tx, scope.meeting.id);
  if (latest && sameAgenda(latest.items, snapshot)) return null;
  return { version: (latest?.version ?? 0) + 1, items: snapshot };
}

/**
 * The issued agenda as a numbered document of the meeting: its files (DOCX and PDF written from the preview, stored by
 * the caller around the transaction with storeFilesWith) and the preview they were written from, which must still be
 * what is issued.
 */
export type AgendaPublication = { expected: { version: number; items: AgendaSnapshotItem[] }; files: CheckedFile[]; title: string };

/**
 * The meeting's agenda document (kind "agenda", numbered by the documents module like any other: JCA-…-A-001): created
 * with the first issued version, given a new revision (-R1, -R2…) with each version issued after. It is public: who
 * reads the activity reads its issued agenda. Written on behalf of the agenda's editor, whom the agenda's policy
 * allowed to issue (the documents module lets only the secretariat revise what it did not submit).
 */
async function publishAgendaDocument(tx: Tx, actor: Actor, scope: MeetingScope, publication: AgendaPublication, locale: Locale): Promise<string | null> {
  const [existing] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.meetingId, scope.meeting.id), eq(documents.kind, 'agenda'), eq(documents.origin, 'system'), ne(documents.status, 'withdrawn')))
    .orderBy(asc(documents.id))
    .limit(1);
  if (existing) return (await addRevision(tx, systemActor(actorLabel(actor)), scope.activity.id, existing.id, publication.files, locale)).label;
  const created = await createDocument(tx, actor, {
    activityId: scope.activity.id,
    kind: 'agenda',
    meetingId: scope.meeting.id,
    title: publication.title,
    source: scope.activity.acronym,
    access: 'public',
    files: publication.files,
    origin: 'system',
    submittedByUserId: null,
    locale,
  });
  return created.number;
}

/**
 * Freezes the working agenda as the next version, a draft, with the confirmed overlaps `coordination` lists for the
 * meeting now under its "Issues requiring coordination" item (see CoordinationSource). Refused when the agenda is
 * empty or when nothing changed since the latest version. With a publication, the version becomes the meeting's
 * numbered agenda document (a new revision of it from the second version on), refused if the agenda changed since
 * the files were written. Side effects: an `agenda.version_issued` event (naming the document); the document or its
 * revision, with its own event.
 */
export async function issueAgendaVersion(
  db: Db,
  actor: Actor,
  scope: MeetingScope,
  input: { note?: string | null },
  locale: Locale,
  coordination?: CoordinationSource,
  publication?: AgendaPublication,
): Promise<AgendaVersion> {
  assertEditor(actor, scope);
  const m = agendaMessages(locale);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const snapshot = agendaSnapshot(await workingAgenda(tx, scope.meeting.id), await liveCoordination(tx, scope.meeting, coordination));
    if (!snapshot.length) throw invalid({}, m.emptyAgenda);
    const [latest] = await listAgendaVersions(tx, scope.meeting.id);
    if (latest && sameAgenda(latest.items, snapshot)) throw new AppError('conflict', m.unchanged(latest.version));
    const version = (latest?.version ?? 0) + 1;
    if (publication && (publication.expected.version !== version || !sameAgenda(publication.expected.items, snapshot))) throw new AppError('conflict', m.changedWhileIssuing);
    const [row] = await tx
      .insert(agendaVersions)
      .values({
        meetingId: scope.meeting.id,
        version,
        status: 'draft',
        items: snapshot,
        note: input.note ?? null,
        issuedByUserId: actor.kind === 'user' ? actor.userId : null,
        issuedByName: actorLabel(actor),
      })
      .returning();
    const document = publication ? await publishAgendaDocument(tx, actor, scope, publication, locale) : null;
    await recordEvent(
      tx,
      actor,
      agendaEvent(scope, 'agenda.version_issued', `agenda version ${version} issued (draft, ${snapshot.length} items)${document ? ` as ${document}` : ''}`, undefined, {
        version,
        items: snapshot.length,
        note: input.note ?? null,
        ...(document ? { document } : {}),
      }),
    );
    return row!;
  });
}

/**
 * Adopts a version: only the latest, only once, only by whoever presides (chair, co-chair, vice-chair) or a site
 * admin. Side effects: an `agenda.version_adopted` event.
 */
export async function adoptAgendaVersion(db: Db, actor: Actor, scope: MeetingScope, version: number, locale: Locale): Promise<AgendaVersion> {
  if (!canProceedings(actor, 'read', scope.activity)) throw notFound();
  if (!canProceedings(actor, 'adopt_agenda', scope.activity)) throw forbidden();
  const m = agendaMessages(locale);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const versions = await listAgendaVersions(tx, scope.meeting.id);
    const target = versions.find((v) => v.version === version);
    if (!target) throw notFound(m.noSuchVersion);
    if (target.status === 'adopted') throw new AppError('conflict', m.alreadyAdopted(version));
    if (versions[0]!.version !== version) throw new AppError('conflict', m.notLatest(versions[0]!.version));
    const [row] = await tx
      .update(agendaVersions)
      .set({ status: 'adopted', adoptedAt: new Date(), adoptedByUserId: actor.kind === 'user' ? actor.userId : null, adoptedByName: actorLabel(actor) })
      .where(eq(agendaVersions.id, target.id))
      .returning();
    await recordEvent(tx, actor, agendaEvent(scope, 'agenda.version_adopted', `agenda version ${version} adopted`, { version, status: 'draft' }, { version, status: 'adopted' }));
    return row!;
  });
}

/**
 * Replaces the activity's agenda template with the items written in `text` (see parseAgendaTemplate); each problem is
 * reported with its line. Side effects: an `agenda.template_saved` event.
 */
export async function saveAgendaTemplate(db: Db, actor: Actor, activity: Activity, text: string, locale: Locale): Promise<AgendaTemplateItem[]> {
  if (!canProceedings(actor, 'read', activity)) throw notFound();
  if (!canProceedings(actor, 'edit_agenda', activity)) throw forbidden();
  const parsed = parseAgendaTemplate(text, locale);
  if (parsed.errors.length) throw invalid({ text: parsed.errors.join(' ') }, parsed.errors[0]);
  return saveTemplateItems(db, actor, activity, parsed.items);
}

/** Stores template items as given (the demo and the API's JSON form). Side effects: an `agenda.template_saved` event. */
export async function saveTemplateItems(db: Db, actor: Actor, activity: Activity, items: AgendaTemplateItem[]): Promise<AgendaTemplateItem[]> {
  return db.transaction(async (tx) => {
    const before = await getAgendaTemplate(tx, activity.id);
    await tx
      .insert(agendaTemplates)
      .values({ activityId: activity.id, items, updatedByName: actorLabel(actor) })
      .onConflictDoUpdate({ target: agendaTemplates.activityId, set: { items, updatedAt: new Date(), updatedByName: actorLabel(actor) } });
    await recordEvent(tx, actor, {
      kind: 'agenda.template_saved',
      subjectType: 'activity',
      subjectId: activity.id,
      activityId: activity.id,
      summary: `${activity.acronym}: agenda template saved (${items.length} items)`,
      before: before.own ? { items: before.items.map((i) => i.title) } : undefined,
      after: { items: items.map((i) => i.title) },
    });
    return items;
  });
}

/** The working agenda as template items (titles, notes, sub-items), ids dropped. */
export function templateOfAgenda(tree: AgendaNode[]): AgendaTemplateItem[] {
  return tree.map((n) => ({ title: n.title, ...(n.titleFr ? { titleFr: n.titleFr } : {}), ...(n.notes ? { notes: n.notes } : {}), ...(n.children.length ? { children: templateOfAgenda(n.children) } : {}) }));
}

/**
 * Makes this meeting's working agenda the activity's template, so the next meetings start from it. An empty agenda
 * is refused. Side effects: an `agenda.template_saved` event.
 */
export async function saveAgendaAsTemplate(db: Db, actor: Actor, scope: MeetingScope, locale: Locale): Promise<AgendaTemplateItem[]> {
  assertEditor(actor, scope);
  const items = templateOfAgenda(await workingAgenda(db, scope.meeting.id));
  if (!items.length) throw invalid({}, agendaMessages(locale).emptyAgenda);
  return saveTemplateItems(db, actor, scope.activity, items);
}

/** The top-level items of a meeting, for selects ("under which item") — every item with its number. */
export function itemChoices(tree: AgendaNode[]): { id: number; label: string; depth: number }[] {
  return flattenAgenda(tree).map((n) => ({ id: n.id, label: `${n.number} ${n.title}`, depth: n.depth }));
}

/** Whether an item id belongs to the meeting's working agenda (for links from minutes, decisions, actions). */
export async function assertAgendaItemOf(tx: Tx, meetingId: number, itemId: number, field: string, locale: Locale): Promise<void> {
  const [row] = await tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!row) throw invalid({ [field]: agendaMessages(locale).notInAgenda });
}

/** The meeting's documents that can be linked to an item: published or waiting, not withdrawn. */
export async function linkableDocuments(tx: Tx, meetingId: number): Promise<{ id: number; label: string; agendaItemId: number | null }[]> {
  const rows = await tx
    .select({ id: documents.id, number: documents.number, revision: documents.revision, title: documents.title, agendaItemId: documents.agendaItemId })
    .from(documents)
    .where(and(eq(documents.meetingId, meetingId), sql`${documents.status} <> 'withdrawn'`))
    .orderBy(asc(documents.kind), asc(documents.sequence), asc(documents.id));
  return rows.map((d) => ({ id: d.id, agendaItemId: d.agendaItemId, label: d.number ? `${documentLabel(d)} ${d.title}` : d.title }));
}

/**
 * Links a document of the meeting to an agenda item (a document sits under one item: linking moves it), or unlinks it
 * (`itemId` null… given as the item it is linked to). The document's placement is changed by the documents module's
 * updatePlacement, which records its own `document.updated` event; the agenda records `agenda.document_linked` or
 * `agenda.document_unlinked` on the meeting.
 */
export async function setAgendaDocument(
  db: Db,
  actor: Actor,
  scope: MeetingScope,
  itemId: number,
  documentId: number,
  link: boolean,
  locale: Locale,
): Promise<void> {
  assertEditor(actor, scope);
  const m = agendaMessages(locale);
  await db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const node = findNode(await workingAgenda(tx, scope.meeting.id), itemId, locale);
    const [document] = await tx
      .select({ id: documents.id, meetingId: documents.meetingId, agendaItemId: documents.agendaItemId, number: documents.number, title: documents.title })
      .from(documents)
      .where(and(eq(documents.id, documentId), eq(documents.activityId, scope.activity.id)));
    if (!document || document.meetingId !== scope.meeting.id) throw invalid({ documentId: m.documentNotInMeeting }, m.documentNotInMeeting);
    if (!link && document.agendaItemId !== itemId) return;
    if (link && document.agendaItemId === itemId) return;
    await updatePlacement(tx, actor, scope.activity.id, documentId, { agendaItemId: link ? itemId : null }, locale);
    const label = document.number ?? document.title;
    await recordEvent(
      tx,
      actor,
      agendaEvent(scope, link ? 'agenda.document_linked' : 'agenda.document_unlinked', `${label} ${link ? 'linked to' : 'unlinked from'} item ${node.number}`, undefined, {
        document: label,
        number: node.number,
      }),
    );
  });
}
