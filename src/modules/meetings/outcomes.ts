// A meeting's outcomes: minutes per agenda item, numbered decisions, and action items that are carried to every later
// meeting of the activity until they are done. The only code that changes agenda_minutes, meeting_decisions and
// action_items.
import { createHash } from 'node:crypto';
import { and, asc, eq, isNull, lt, lte, max, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { AppError, type FieldErrors, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import { formatDate, formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { optionalDate, optionalId, optionalText, requiredText, rowId } from '../../platform/validation.ts';
import { activityMemberships, people } from '../../db/schema.ts';
import { type AgendaItemRow, type AgendaNode, assertAgendaItemOf, flattenAgenda, type MeetingScope, workingAgenda } from './agenda.ts';
import { canProceedings } from './policy.ts';
import { outcomesMessages } from './outcomes-messages.ts';
import { type ActionStatus, actionItems, actionStatuses, agendaMinutes, meetingDecisions } from './proceedings-schema.ts';
import { meetings } from './schema.ts';
import { readTogether } from '../../db/together.ts';

export type Decision = typeof meetingDecisions.$inferSelect;
export type ActionItem = typeof actionItems.$inferSelect;
/** An action with the number of the meeting that raised it, for labels such as A1.3. */
export type ActionView = ActionItem & { meetingNumber: number };

/** How a decision is cited: D3 (numbered within its meeting). */
export const decisionLabel = (d: { number: number }) => `D${d.number}`;
/** How an action is cited across meetings: A1.3 is the third action of meeting 1. */
export const actionLabel = (a: { meetingNumber: number; number: number }) => `A${a.meetingNumber}.${a.number}`;

// ---- Input ------------------------------------------------------------------------------------------------------

export const minutesInput = z.object({ text: optionalText(50_000) });
export const decisionInput = z.object({ agendaItemId: optionalId(), text: requiredText(5000) });
export type DecisionInput = z.output<typeof decisionInput>;
export const actionInput = z.object({
  agendaItemId: optionalId(),
  text: requiredText(5000),
  ownerPersonId: optionalId(),
  ownerName: optionalText(200),
  dueOn: optionalDate(),
  status: z.enum(actionStatuses).optional(),
});
export type ActionInput = z.output<typeof actionInput>;
export const actionStatusInput = z.object({ status: z.enum(actionStatuses) });

// ---- Carrying actions (pure) ------------------------------------------------------------------------------------

/**
 * The actions a meeting lists as carried: raised at an earlier meeting (a lower number) of the same activity and
 * not done. Those done stay with the meeting that raised them.
 */
export function carriedActions(actions: ActionView[], meetingNumber: number): ActionView[] {
  return actions
    .filter((a) => a.meetingNumber < meetingNumber && a.status !== 'done')
    .sort((a, b) => a.meetingNumber - b.meetingNumber || a.number - b.number);
}

// ---- Reading ----------------------------------------------------------------------------------------------------

const actionColumns = { action: actionItems, meetingNumber: meetings.number };
const toView = (row: { action: ActionItem; meetingNumber: number }): ActionView => ({ ...row.action, meetingNumber: row.meetingNumber });

/** The actions raised at this meeting, in number order. */
export async function meetingActions(tx: Tx, meetingId: number): Promise<ActionView[]> {
  const rows = await tx.select(actionColumns).from(actionItems).innerJoin(meetings, eq(meetings.id, actionItems.meetingId)).where(eq(actionItems.meetingId, meetingId)).orderBy(asc(actionItems.number));
  return rows.map(toView);
}

/** The open and in-progress actions of earlier meetings of the activity: what this meeting carries. */
export async function openEarlierActions(tx: Tx, scope: MeetingScope): Promise<ActionView[]> {
  const rows = await tx
    .select(actionColumns)
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(actionItems.activityId, scope.activity.id), lt(meetings.number, scope.meeting.number), ne(actionItems.status, 'done')));
  return carriedActions(rows.map(toView), scope.meeting.number);
}

/** The decisions of a meeting in number order (deleted ones left out). */
export function meetingDecisionList(tx: Tx, meetingId: number): Promise<Decision[]> {
  return tx
    .select()
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.meetingId, meetingId), isNull(meetingDecisions.deletedAt)))
    .orderBy(asc(meetingDecisions.number));
}

/** People who hold a role in the activity: who an action can be given to. */
export async function ownerChoices(tx: Tx, activityId: number): Promise<{ id: number; name: string }[]> {
  const rows = await tx
    .selectDistinct({ id: people.id, name: people.name })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(eq(activityMemberships.activityId, activityId))
    .orderBy(asc(people.name));
  return rows;
}

export type Outcomes = {
  agenda: AgendaNode<AgendaItemRow>[];
  minutes: Map<number, string>;
  decisions: Decision[];
  actions: ActionView[];
  carried: ActionView[];
};

/** Everything the minutes page shows. */
export async function getOutcomes(tx: Tx, actor: Actor, scope: MeetingScope): Promise<Outcomes> {
  if (!canProceedings(actor, 'read', scope.activity)) throw notFound();
  const [agenda, minutes, decisions, actions, carried] = await readTogether(tx, [
    () => workingAgenda(tx, scope.meeting.id),
    () => tx.select().from(agendaMinutes).where(eq(agendaMinutes.meetingId, scope.meeting.id)),
    () => meetingDecisionList(tx, scope.meeting.id),
    () => meetingActions(tx, scope.meeting.id),
    () => openEarlierActions(tx, scope),
  ]);
  return { agenda, minutes: new Map(minutes.map((m) => [m.agendaItemId, m.text])), decisions, actions, carried };
}

// ---- Changes ----------------------------------------------------------------------------------------------------

function assertRecorder(actor: Actor, scope: MeetingScope): void {
  if (!canProceedings(actor, 'read', scope.activity)) throw notFound();
  if (!canProceedings(actor, 'record_outcomes', scope.activity)) throw forbidden();
}

const outcomeEvent = (scope: MeetingScope, kind: string, subjectType: string, subjectId: number, summary: string, before?: unknown, after?: unknown) => ({
  kind,
  subjectType,
  subjectId,
  activityId: scope.activity.id,
  summary: `${scope.activity.acronym} meeting ${scope.meeting.number}: ${summary}`,
  before,
  after,
});

async function lockMeeting(tx: Tx, meetingId: number): Promise<void> {
  await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
}

/**
 * Writes the minutes of one agenda item (an empty text removes them). Side effects: an `outcomes.minutes_saved`
 * event (none when the text is unchanged).
 */
export async function saveMinutes(db: Db, actor: Actor, scope: MeetingScope, agendaItemId: number, text: string | null | undefined, locale: Locale): Promise<void> {
  assertRecorder(actor, scope);
  await db.transaction(async (tx) => {
    await assertAgendaItemOf(tx, scope.meeting.id, agendaItemId, 'agendaItemId', locale);
    const [current] = await tx.select().from(agendaMinutes).where(eq(agendaMinutes.agendaItemId, agendaItemId)).for('update');
    const next = text?.trim() ? text.trim() : null;
    if ((current?.text ?? null) === next) return;
    if (next === null) await tx.delete(agendaMinutes).where(eq(agendaMinutes.agendaItemId, agendaItemId));
    else
      await tx
        .insert(agendaMinutes)
        .values({ agendaItemId, meetingId: scope.meeting.id, text: next, updatedByName: actorLabel(actor) })
        .onConflictDoUpdate({ target: agendaMinutes.agendaItemId, set: { text: next, updatedAt: new Date(), updatedByName: actorLabel(actor) } });
    await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.minutes_saved', 'meeting', scope.meeting.id, `minutes of agenda item #${agendaItemId} ${next ? 'saved' : 'removed'}`, { agendaItemId, text: current?.text ?? null }, { agendaItemId, text: next }));
  });
}

/** Records a decision with the next number of the meeting. Side effects: an `outcomes.decision_added` event. */
export async function addDecision(db: Db, actor: Actor, scope: MeetingScope, input: DecisionInput, locale: Locale): Promise<Decision> {
  assertRecorder(actor, scope);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    if (input.agendaItemId) await assertAgendaItemOf(tx, scope.meeting.id, input.agendaItemId, 'agendaItemId', locale);
    // Deleted decisions count: their numbers are never given again.
    const [last] = await tx.select({ max: max(meetingDecisions.number) }).from(meetingDecisions).where(eq(meetingDecisions.meetingId, scope.meeting.id));
    const number = (last?.max ?? 0) + 1;
    const [row] = await tx.insert(meetingDecisions).values({ meetingId: scope.meeting.id, number, agendaItemId: input.agendaItemId ?? null, text: input.text }).returning();
    await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.decision_added', 'meeting_decision', row!.id, `decision ${decisionLabel(row!)} recorded`, undefined, { number, text: input.text, agendaItemId: row!.agendaItemId }));
    return row!;
  });
}

async function decisionOf(tx: Tx, scope: MeetingScope, decisionId: number, locale: Locale): Promise<Decision> {
  const [row] = await tx
    .select()
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.id, decisionId), eq(meetingDecisions.meetingId, scope.meeting.id), isNull(meetingDecisions.deletedAt)))
    .for('update');
  if (!row) throw notFound(outcomesMessages(locale).noSuchDecision);
  return row;
}

/** Changes a decision's text or agenda item (its number stays). Side effects: an `outcomes.decision_updated` event. */
export async function updateDecision(db: Db, actor: Actor, scope: MeetingScope, decisionId: number, input: DecisionInput, locale: Locale): Promise<Decision> {
  assertRecorder(actor, scope);
  return db.transaction(async (tx) => {
    const current = await decisionOf(tx, scope, decisionId, locale);
    if (input.agendaItemId) await assertAgendaItemOf(tx, scope.meeting.id, input.agendaItemId, 'agendaItemId', locale);
    const next = { text: input.text, agendaItemId: input.agendaItemId ?? null };
    const changed = changedFields({ text: current.text, agendaItemId: current.agendaItemId }, next);
    if (!changed) return current;
    const [row] = await tx.update(meetingDecisions).set({ ...next, updatedAt: new Date() }).where(eq(meetingDecisions.id, decisionId)).returning();
    await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.decision_updated', 'meeting_decision', decisionId, `decision ${decisionLabel(current)} edited`, changed.before, changed.after));
    return row!;
  });
}

/** Removes a decision recorded by mistake; its number is not reused. Side effects: an `outcomes.decision_deleted` event. */
export async function deleteDecision(db: Db, actor: Actor, scope: MeetingScope, decisionId: number, locale: Locale): Promise<void> {
  assertRecorder(actor, scope);
  await db.transaction(async (tx) => {
    const current = await decisionOf(tx, scope, decisionId, locale);
    // Unhooked from its agenda item, so the item can still be deleted.
    await tx.update(meetingDecisions).set({ deletedAt: new Date(), agendaItemId: null, updatedAt: new Date() }).where(eq(meetingDecisions.id, decisionId));
    await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.decision_deleted', 'meeting_decision', decisionId, `decision ${decisionLabel(current)} deleted`, { number: current.number, text: current.text }));
  });
}

/** The owner as stored: the person's name when one is chosen (and no other wording given), else the name written. */
async function resolveOwner(tx: Tx, scope: MeetingScope, input: ActionInput, locale: Locale): Promise<{ ownerPersonId: number | null; ownerName: string }> {
  const m = outcomesMessages(locale);
  if (input.ownerPersonId) {
    const choices = await ownerChoices(tx, scope.activity.id);
    const person = choices.find((p) => p.id === input.ownerPersonId);
    if (!person) throw invalid({ ownerPersonId: m.ownerNotInActivity });
    return { ownerPersonId: person.id, ownerName: input.ownerName?.trim() || person.name };
  }
  if (!input.ownerName?.trim()) throw invalid({ ownerPersonId: m.ownerRequired, ownerName: m.ownerRequired }, m.ownerRequired);
  return { ownerPersonId: null, ownerName: input.ownerName.trim() };
}

/**
 * Why an action's due date makes no sense, or null: an action decided at a meeting cannot fall due before the meeting
 * began (its first day in the venue's calendar). The message names the field and both dates.
 */
export function dueDateProblem(dueOn: string | null | undefined, meeting: { startsAt: Date; timeZone: string }, locale: Locale): string | null {
  if (!dueOn) return null;
  const firstDay = new Intl.DateTimeFormat('en-CA', { timeZone: meeting.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(meeting.startsAt);
  return dueOn < firstDay ? outcomesMessages(locale).dueBeforeMeeting(formatDate(dueOn, locale), formatDate(firstDay, locale)) : null;
}

/** Records an action item with the meeting's next action number, open unless said otherwise. Side effects: an `outcomes.action_added` event. */
export async function addAction(db: Db, actor: Actor, scope: MeetingScope, input: ActionInput, locale: Locale): Promise<ActionView> {
  assertRecorder(actor, scope);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
    const due = dueDateProblem(input.dueOn, scope.meeting, locale);
    if (due) throw invalid({ dueOn: due });
    if (input.agendaItemId) await assertAgendaItemOf(tx, scope.meeting.id, input.agendaItemId, 'agendaItemId', locale);
    const owner = await resolveOwner(tx, scope, input, locale);
    const existing = await meetingActions(tx, scope.meeting.id);
    const number = Math.max(0, ...existing.map((a) => a.number)) + 1;
    const status = input.status ?? 'open';
    const [row] = await tx
      .insert(actionItems)
      .values({
        activityId: scope.activity.id,
        meetingId: scope.meeting.id,
        number,
        agendaItemId: input.agendaItemId ?? null,
        text: input.text,
        ...owner,
        dueOn: input.dueOn ?? null,
        status,
        doneAt: status === 'done' ? new Date() : null,
      })
      .returning();
    const view = { ...row!, meetingNumber: scope.meeting.number };
    await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.action_added', 'action_item', row!.id, `action ${actionLabel(view)} for ${owner.ownerName} recorded`, undefined, { label: actionLabel(view), text: input.text, owner: owner.ownerName, dueOn: row!.dueOn, status }));
    return view;
  });
}

/** An action of the activity (raised at this meeting or an earlier one), locked for a change. */
async function actionOf(tx: Tx, scope: MeetingScope, actionId: number, locale: Locale): Promise<ActionView> {
  const [row] = await tx
    .select(actionColumns)
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(actionItems.id, actionId), eq(actionItems.activityId, scope.activity.id), lte(meetings.number, scope.meeting.number)))
    .for('update', { of: actionItems });
  if (!row) throw notFound(outcomesMessages(locale).noSuchAction);
  return toView(row);
}

/**
 * Changes an action raised at this meeting or carried to it from an earlier one: text, owner, due date, status.
 * Marking it done records when; reopening clears that. Side effects: an `outcomes.action_updated` event with the
 * changed fields.
 */
export async function updateAction(db: Db, actor: Actor, scope: MeetingScope, actionId: number, input: Partial<ActionInput> & { status?: ActionStatus }, locale: Locale): Promise<ActionView> {
  assertRecorder(actor, scope);
  return db.transaction(async (tx) => {
    const current = await actionOf(tx, scope, actionId, locale);
    const whole = input.text !== undefined;
    if (whole && input.agendaItemId && current.meetingId === scope.meeting.id) await assertAgendaItemOf(tx, scope.meeting.id, input.agendaItemId, 'agendaItemId', locale);
    const owner = whole ? await resolveOwner(tx, scope, input as ActionInput, locale) : { ownerPersonId: current.ownerPersonId, ownerName: current.ownerName };
    const next = {
      text: input.text ?? current.text,
      agendaItemId: whole && current.meetingId === scope.meeting.id ? (input.agendaItemId ?? null) : current.agendaItemId,
      ...owner,
      dueOn: whole ? (input.dueOn ?? null) : current.dueOn,
      status: input.status ?? current.status,
    };
    const changed = changedFields({ text: current.text, agendaItemId: current.agendaItemId, ownerPersonId: current.ownerPersonId, ownerName: current.ownerName, dueOn: current.dueOn, status: current.status }, next);
    if (!changed) return current;
    // A due date moved at this meeting is checked against it; one carried from an earlier meeting keeps its own.
    const due = current.meetingId === scope.meeting.id && next.dueOn !== current.dueOn ? dueDateProblem(next.dueOn, scope.meeting, locale) : null;
    if (due) throw invalid({ dueOn: due });
    const doneAt = next.status === 'done' ? (current.doneAt ?? new Date()) : null;
    const [row] = await tx.update(actionItems).set({ ...next, doneAt, updatedAt: new Date() }).where(eq(actionItems.id, actionId)).returning();
    await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.action_updated', 'action_item', actionId, `action ${actionLabel(current)} ${changed.after.status ? `now ${changed.after.status.replace('_', ' ')}` : 'edited'}`, { label: actionLabel(current), ...changed.before }, { label: actionLabel(current), ...changed.after }));
    return { ...row!, meetingNumber: current.meetingNumber };
  });
}

// ---- The one editor: everything typed on the minutes page, saved at once ------------------------------------------

const fingerprintField = z
  .string()
  .regex(/^[0-9a-f]{16}$/)
  .optional()
  .describe('the fingerprint (outcomesFingerprint) of the record as the editor read it; omitted: no check, the last save wins');

/**
 * A save of the minutes page: the minutes of each agenda item, edits to this meeting's decisions and actions, status
 * changes of the actions it carries, and new decisions and actions (entries without `id`; an empty one is ignored).
 * Entries the editor did not change are sent too: they are recognised by their fingerprint and left alone, so a
 * colleague's save in between is kept.
 */
export const outcomesEditInput = z.object({
  minutes: z.array(z.object({ agendaItemId: rowId(), text: optionalText(50_000), base: fingerprintField })).max(2000).default([]),
  decisions: z
    .array(z.object({ id: optionalId(), agendaItemId: optionalId(), text: optionalText(5000), base: fingerprintField }))
    .max(2000)
    .default([]),
  actions: z
    .array(
      z.object({
        id: optionalId(),
        agendaItemId: optionalId(),
        /** absent for an existing action: only its status changes (an action carried from an earlier meeting) */
        text: optionalText(5000),
        ownerPersonId: optionalId(),
        ownerName: optionalText(200),
        dueOn: optionalDate(),
        status: z.enum(actionStatuses).optional(),
        base: fingerprintField,
      }),
    )
    .max(2000)
    .default([]),
});
export type OutcomesEdit = z.output<typeof outcomesEditInput>;

/** Text as stored: line ends as \n, no blank around; empty is none. */
const cleanText = (text: string | null | undefined) => {
  const clean = (text ?? '').replace(/\r\n?/g, '\n').trim();
  return clean ? clean : null;
};

/** A short hash of the values the editor shows of a record: equal fingerprints, same values. */
function fingerprint(values: unknown): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16);
}

/** What the editor edits of each record, in one shape whether read from the database or from what was typed. */
const minutesValues = (text: string | null | undefined) => ({ text: cleanText(text) });
const decisionValues = (d: { text?: string | null }) => ({ text: cleanText(d.text) });
const actionValues = (a: { text: string | null | undefined; ownerPersonId: number | null; ownerName: string; dueOn: string | null; status: ActionStatus }) => ({
  text: cleanText(a.text),
  ownerPersonId: a.ownerPersonId,
  ownerName: a.ownerName.trim(),
  dueOn: a.dueOn,
  status: a.status,
});
const statusValues = (a: { status: ActionStatus }) => ({ status: a.status });

/**
 * The fingerprints the editor sends back as `base`: of an item's minutes, of a decision, of an action edited whole
 * (this meeting's) or by its status only (one carried from an earlier meeting).
 */
export const outcomesFingerprint = {
  minutes: (text: string | null | undefined) => fingerprint(minutesValues(text)),
  decision: (d: Decision) => fingerprint(decisionValues(d)),
  action: (a: ActionItem) => fingerprint(actionValues(a)),
  actionStatus: (a: ActionItem) => fingerprint(statusValues(a)),
};

/** A part of the page someone else saved while the editor had it open: what it holds now, and its fingerprint. */
export type OutcomesConflict = { path: string; current: Record<string, unknown>; base: string; savedBy: string | null; savedAt: Date };

/** What a save changed, for the message after it. */
export type OutcomesSaved = { minutes: number; decisionsAdded: number; decisionsEdited: number; actionsAdded: number; actionsEdited: number };

/**
 * Saves everything typed in the minutes editor in one transaction (the meeting locked, so numbers are taken one
 * save after the other). Each entry whose values differ from its `base` is written; one whose record changed
 * since (someone else saved it, or deleted it) refuses the whole save (409, `details.conflicts` with what the record
 * holds now and its new fingerprint, `details.fields` naming each entry by its path), so nothing typed is written
 * over and nothing is half saved. Bad entries are refused the same way (422, by path). Side effects: an event per
 * record written, of the same kinds as the single changes (`outcomes.minutes_saved`, `outcomes.decision_added`,
 * `outcomes.decision_updated`, `outcomes.action_added`, `outcomes.action_updated`); none when nothing changed.
 */
export async function saveOutcomes(db: Db, actor: Actor, scope: MeetingScope, input: OutcomesEdit, locale: Locale): Promise<OutcomesSaved> {
  assertRecorder(actor, scope);
  const m = outcomesMessages(locale);
  const meetingId = scope.meeting.id;
  return db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const [agenda, minutesRows, decisionRows, ownActions, carried, owners] = await readTogether(tx, [
      () => workingAgenda(tx, meetingId),
      () => tx.select().from(agendaMinutes).where(eq(agendaMinutes.meetingId, meetingId)).for('update'),
      () => tx.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)).for('update'),
      () => meetingActions(tx, meetingId),
      () => openEarlierActions(tx, scope),
      () => ownerChoices(tx, scope.activity.id),
    ]);
    const items = new Map(flattenAgenda(agenda).map((n) => [n.id, n]));
    const minutesOf = new Map(minutesRows.map((r) => [r.agendaItemId, r]));
    const decisionsById = new Map(decisionRows.map((d) => [d.id, d]));
    // Carried actions may be closed from here, but not those of a later meeting: the same reach as updateAction.
    const actionsById = new Map([...ownActions, ...carried].map((a) => [a.id, a]));
    const errors: FieldErrors = {};
    const conflicts: OutcomesConflict[] = [];
    const at = (d: Date) => formatDateTime(d, locale, scope.meeting.timeZone);
    const conflict = (path: string, field: string, current: Record<string, unknown>, base: string, savedBy: string | null, savedAt: Date) => {
      conflicts.push({ path, current, base, savedBy, savedAt });
      errors[`${path}.${field}`] = m.changedMeanwhile(savedBy, at(savedAt));
    };
    const itemKnown = (path: string, id: number | null | undefined) => {
      if (id && !items.has(id)) errors[`${path}.agendaItemId`] = m.itemGone;
    };
    const owner = (path: string, a: { ownerPersonId?: number | null; ownerName?: string | null }) => {
      if (a.ownerPersonId) {
        const person = owners.find((p) => p.id === a.ownerPersonId);
        if (!person) {
          errors[`${path}.ownerPersonId`] = m.ownerNotInActivity;
          return null;
        }
        return { ownerPersonId: person.id, ownerName: a.ownerName?.trim() || person.name };
      }
      if (!a.ownerName?.trim()) {
        errors[`${path}.ownerName`] = m.ownerRequired;
        return null;
      }
      return { ownerPersonId: null, ownerName: a.ownerName.trim() };
    };

    // 1. Work out what to write, checking each entry against what the database holds now.
    const minutesWrites: { agendaItemId: number; text: string | null; before: string | null }[] = [];
    input.minutes.forEach((entry, i) => {
      const path = `minutes.${i}`;
      const item = items.get(entry.agendaItemId);
      const current = minutesOf.get(entry.agendaItemId);
      const next = minutesValues(entry.text);
      if (!item) {
        // An item deleted meanwhile: refused only if something was typed for it.
        if (next.text !== null && fingerprint(next) !== entry.base) errors[`${path}.text`] = m.itemGone;
        return;
      }
      const now = minutesValues(current?.text);
      if (fingerprint(next) === fingerprint(now)) return;
      if (entry.base !== undefined && fingerprint(next) === entry.base) return;
      if (entry.base !== undefined && fingerprint(now) !== entry.base) {
        conflict(path, 'text', now, fingerprint(now), current?.updatedByName ?? null, current?.updatedAt ?? new Date());
        return;
      }
      minutesWrites.push({ agendaItemId: entry.agendaItemId, text: next.text, before: current?.text ?? null });
    });

    const decisionEdits: { row: Decision; text: string }[] = [];
    const decisionAdds: { agendaItemId: number | null; text: string }[] = [];
    input.decisions.forEach((entry, i) => {
      const path = `decisions.${i}`;
      const next = decisionValues(entry);
      if (!entry.id) {
        if (next.text === null) return;
        itemKnown(path, entry.agendaItemId);
        decisionAdds.push({ agendaItemId: entry.agendaItemId ?? null, text: next.text });
        return;
      }
      const row = decisionsById.get(entry.id);
      if (!row) {
        errors[`${path}.text`] = m.noSuchDecision;
        return;
      }
      if (row.deletedAt) {
        if (entry.base === undefined || fingerprint(next) !== entry.base) conflict(path, 'text', { deleted: true }, fingerprint({ deleted: true }), null, row.deletedAt);
        return;
      }
      const now = decisionValues(row);
      if (fingerprint(next) === fingerprint(now)) return;
      if (entry.base !== undefined && fingerprint(next) === entry.base) return;
      if (entry.base !== undefined && fingerprint(now) !== entry.base) {
        conflict(path, 'text', now, fingerprint(now), null, row.updatedAt);
        return;
      }
      if (next.text === null) {
        errors[`${path}.text`] = m.decisionTextRequired;
        return;
      }
      decisionEdits.push({ row, text: next.text });
    });

    type ActionWrite = { row: ActionView; next: { text: string; ownerPersonId: number | null; ownerName: string; dueOn: string | null; status: ActionStatus } };
    const actionEdits: ActionWrite[] = [];
    const actionAdds: { agendaItemId: number | null; text: string; ownerPersonId: number | null; ownerName: string; dueOn: string | null; status: ActionStatus }[] = [];
    input.actions.forEach((entry, i) => {
      const path = `actions.${i}`;
      if (!entry.id) {
        const text = cleanText(entry.text);
        // A new action left blank is no action; one with only an owner or a date typed is an unfinished one.
        if (text === null) {
          if (entry.ownerPersonId || entry.ownerName?.trim() || entry.dueOn) errors[`${path}.text`] = m.actionTextRequired;
          return;
        }
        itemKnown(path, entry.agendaItemId);
        const due = dueDateProblem(entry.dueOn, scope.meeting, locale);
        if (due) errors[`${path}.dueOn`] = due;
        const who = owner(path, entry);
        if (who) actionAdds.push({ agendaItemId: entry.agendaItemId ?? null, text, ...who, dueOn: entry.dueOn ?? null, status: entry.status ?? 'open' });
        return;
      }
      const row = actionsById.get(entry.id);
      if (!row) {
        errors[`${path}.status`] = m.noSuchAction;
        return;
      }
      const whole = entry.text !== undefined && row.meetingId === meetingId;
      const values = whole ? actionValues : statusValues;
      let next: ActionWrite['next'];
      if (whole) {
        const text = cleanText(entry.text);
        const who = owner(path, entry);
        if (text === null) errors[`${path}.text`] = m.actionTextRequired;
        const due = (entry.dueOn ?? null) !== row.dueOn ? dueDateProblem(entry.dueOn, scope.meeting, locale) : null;
        if (due) errors[`${path}.dueOn`] = due;
        if (!who || text === null) return;
        next = { text, ...who, dueOn: entry.dueOn ?? null, status: entry.status ?? row.status };
      } else {
        next = { text: row.text, ownerPersonId: row.ownerPersonId, ownerName: row.ownerName, dueOn: row.dueOn, status: entry.status ?? row.status };
      }
      const now = values(row);
      const typed = values(next);
      if (fingerprint(typed) === fingerprint(now)) return;
      if (entry.base !== undefined && fingerprint(typed) === entry.base) return;
      if (entry.base !== undefined && fingerprint(now) !== entry.base) {
        conflict(path, whole ? 'text' : 'status', now, fingerprint(now), null, row.updatedAt);
        return;
      }
      actionEdits.push({ row, next });
    });

    if (conflicts.length) {
      throw new AppError('conflict', m.savedMeanwhile(conflicts.length), { fields: errors, conflicts });
    }
    if (Object.keys(errors).length) throw invalid(errors, m.notSaved);

    // 2. Write it all, each with its event.
    const label = (id: number | null) => {
      const item = id ? items.get(id) : undefined;
      return item ? `${item.number} ${item.title}` : null;
    };
    for (const w of minutesWrites) {
      if (w.text === null) await tx.delete(agendaMinutes).where(eq(agendaMinutes.agendaItemId, w.agendaItemId));
      else
        await tx
          .insert(agendaMinutes)
          .values({ agendaItemId: w.agendaItemId, meetingId, text: w.text, updatedByName: actorLabel(actor) })
          .onConflictDoUpdate({ target: agendaMinutes.agendaItemId, set: { text: w.text, updatedAt: new Date(), updatedByName: actorLabel(actor) } });
      const item = label(w.agendaItemId);
      await recordEvent(
        tx,
        actor,
        outcomeEvent(scope, 'outcomes.minutes_saved', 'meeting', meetingId, `minutes of item ${item} ${w.text ? 'saved' : 'removed'}`, { agendaItemId: w.agendaItemId, item, text: w.before }, { agendaItemId: w.agendaItemId, item, text: w.text }),
      );
    }
    for (const { row, text } of decisionEdits) {
      await tx.update(meetingDecisions).set({ text, updatedAt: new Date() }).where(eq(meetingDecisions.id, row.id));
      await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.decision_updated', 'meeting_decision', row.id, `decision ${decisionLabel(row)} edited`, { number: row.number, text: row.text }, { number: row.number, text }));
    }
    if (decisionAdds.length) {
      const [last] = await tx.select({ max: max(meetingDecisions.number) }).from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId));
      let number = last?.max ?? 0;
      for (const add of decisionAdds) {
        number++;
        const [row] = await tx.insert(meetingDecisions).values({ meetingId, number, agendaItemId: add.agendaItemId, text: add.text }).returning();
        await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.decision_added', 'meeting_decision', row!.id, `decision ${decisionLabel(row!)} recorded`, undefined, { number, text: add.text, agendaItemId: add.agendaItemId, item: label(add.agendaItemId) }));
      }
    }
    for (const { row, next } of actionEdits) {
      const changed = changedFields(actionValues(row), actionValues(next));
      if (!changed) continue;
      const doneAt = next.status === 'done' ? (row.doneAt ?? new Date()) : null;
      await tx.update(actionItems).set({ ...next, doneAt, updatedAt: new Date() }).where(eq(actionItems.id, row.id));
      await recordEvent(
        tx,
        actor,
        outcomeEvent(scope, 'outcomes.action_updated', 'action_item', row.id, `action ${actionLabel(row)} ${changed.after.status ? `now ${String(changed.after.status).replace('_', ' ')}` : 'edited'}`, { label: actionLabel(row), ...changed.before }, { label: actionLabel(row), ...changed.after }),
      );
    }
    if (actionAdds.length) {
      let number = Math.max(0, ...ownActions.map((a) => a.number));
      for (const add of actionAdds) {
        number++;
        const [row] = await tx
          .insert(actionItems)
          .values({ activityId: scope.activity.id, meetingId, number, ...add, doneAt: add.status === 'done' ? new Date() : null })
          .returning();
        const view = { ...row!, meetingNumber: scope.meeting.number };
        await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.action_added', 'action_item', row!.id, `action ${actionLabel(view)} for ${add.ownerName} recorded`, undefined, { label: actionLabel(view), text: add.text, owner: add.ownerName, dueOn: add.dueOn, status: add.status, item: label(add.agendaItemId) }));
      }
    }
    return {
      minutes: minutesWrites.length,
      decisionsAdded: decisionAdds.length,
      decisionsEdited: decisionEdits.length,
      actionsAdded: actionAdds.length,
      actionsEdited: actionEdits.filter(({ row, next }) => changedFields(actionValues(row), actionValues(next))).length,
    };
  });
}
