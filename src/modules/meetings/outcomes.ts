// A meeting's outcomes: minutes per agenda item, numbered decisions, and action items that are carried to every later
// meeting of the activity until they are done. The only code that changes agenda_minutes, meeting_decisions and
// action_items.
import { and, asc, eq, isNull, lt, lte, max, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { optionalDate, optionalId, optionalText, requiredText } from '../../platform/validation.ts';
import { activityMemberships, people } from '../../db/schema.ts';
import { type AgendaItemRow, type AgendaNode, assertAgendaItemOf, type MeetingScope, workingAgenda } from './agenda.ts';
import { canProceedings } from './policy.ts';
import { outcomesMessages } from './outcomes-messages.ts';
import { type ActionStatus, actionItems, actionStatuses, agendaMinutes, meetingDecisions } from './proceedings-schema.ts';
import { meetings } from './schema.ts';

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
  // Independent reads, sent together: a pool runs them side by side, PGlite queues them.
  const [agenda, minutes, decisions, actions, carried] = await Promise.all([
    workingAgenda(tx, scope.meeting.id),
    tx.select().from(agendaMinutes).where(eq(agendaMinutes.meetingId, scope.meeting.id)),
    meetingDecisionList(tx, scope.meeting.id),
    meetingActions(tx, scope.meeting.id),
    openEarlierActions(tx, scope),
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

/** Records an action item with the meeting's next action number, open unless said otherwise. Side effects: an `outcomes.action_added` event. */
export async function addAction(db: Db, actor: Actor, scope: MeetingScope, input: ActionInput, locale: Locale): Promise<ActionView> {
  assertRecorder(actor, scope);
  return db.transaction(async (tx) => {
    await lockMeeting(tx, scope.meeting.id);
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
    const doneAt = next.status === 'done' ? (current.doneAt ?? new Date()) : null;
    const [row] = await tx.update(actionItems).set({ ...next, doneAt, updatedAt: new Date() }).where(eq(actionItems.id, actionId)).returning();
    await recordEvent(tx, actor, outcomeEvent(scope, 'outcomes.action_updated', 'action_item', actionId, `action ${actionLabel(current)} ${changed.after.status ? `now ${changed.after.status.replace('_', ' ')}` : 'edited'}`, { label: actionLabel(current), ...changed.before }, { label: actionLabel(current), ...changed.after }));
    return { ...row!, meetingNumber: current.meetingNumber };
  });
}
