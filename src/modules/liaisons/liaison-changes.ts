// Changing liaison statements: one function per change, each a transaction that reads the statement once (locked),
// asks policy.ts once and the state table (liaison-states.ts) once, writes, records its event and queues its mail.
// Each one's comment lists its side effects. With liaison-fields.ts (which stores the links), the only code that
// writes the liaison tables.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel, requireUser } from '../../platform/actor.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { CheckedFile } from '../../platform/files.ts';
import { formatDate, formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { meetings, people } from '../../db/schema.ts';
import { storeLiaisonDocument, syncDocumentAccess } from './liaison-documents.ts';
import { objectionDeadlineErrors } from './liaison-dates.ts';
import { checkFacts, linkIds, replaceLinks } from './liaison-fields.ts';
import type { ApprovalInput, LiaisonInput, LiaisonPatch } from './liaison-inputs.ts';
import { mailApprovalRequests, mailApproved, mailAssignee, type MailLinks, mailReturned, mailStatement } from './liaison-mail.ts';
import { type ActivityRef, type Approver, type LiaisonRow, listApprovers, referenceOf, sendingList, todayOf, viewOf } from './liaison-queries.ts';
import { liaisonSteps, type LiaisonTransition, requireState } from './liaison-states.ts';
import { liaisonMessages } from './messages.ts';
import { authorizeLiaison } from './policy.ts';
import { scheduleReminders } from './reminders.ts';
import { type LiaisonActionStatus, liaisonReplies, liaisonStatements } from './schema.ts';

/** What the changes need besides the actor: the actor's language (messages), where mail links point, and "now". */
export type LiaisonContext = MailLinks & { locale: Locale; now?: Date };

/**
 * Reads the statement for a change, locked until the transaction ends, and refuses the change if the actor may not
 * make it (policy.ts: not found, or forbidden) or the statement's state does not allow it (409 naming the state).
 */
async function statementForChange(tx: Tx, actor: Actor, activity: ActivityRef, statementId: number, action: LiaisonTransition, locale: Locale): Promise<LiaisonRow> {
  const [row] = await tx
    .select()
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.id, statementId), eq(liaisonStatements.activityId, activity.id)))
    .for('update');
  if (!row) throw notFound();
  authorizeLiaison(actor, action, activity, row);
  requireState(action, row, locale);
  return row;
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

/** Writes the statement's new fields (the row was locked by statementForChange) and returns it. */
async function updateStatement(tx: Tx, id: number, fields: Partial<typeof liaisonStatements.$inferInsert>): Promise<LiaisonRow> {
  const [updated] = await tx
    .update(liaisonStatements)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(liaisonStatements.id, id))
    .returning();
  if (!updated) throw notFound();
  return updated;
}

async function transitionEvent(tx: Tx, actor: Actor, activity: ActivityRef, row: LiaisonRow, kind: string, summary: string, before: object, after: object) {
  // The reference on both sides, so the activity's history says which statement (an unchanged field is not listed).
  const reference = referenceOf(row);
  await recordEvent(tx, actor, { kind, subjectType: 'liaison_statement', subjectId: row.id, activityId: activity.id, summary, before: { reference, ...before }, after: { reference, ...after } });
}

/**
 * Registers an incoming statement (chairs, secretariat) or drafts an outgoing one (members, chairs, secretariat).
 * Incoming ones start with the action status "open"; outgoing ones as drafts, members-only until sent. The
 * attachments become the statement's LS-in/LS-out document, whose number names the statement.
 * Side effects: a `liaison.received` or `liaison.drafted` event; for an incoming statement, deadline reminders queued
 * and a mail to its assignee.
 * The caller stores the attachment files (storeFilesWith) around this call. Returns the statement as stored.
 */
export async function createLiaison(db: Db, actor: Actor, activity: ActivityRef, input: LiaisonInput, ctx: LiaisonContext, files: CheckedFile[] = []): Promise<LiaisonRow> {
  const user = requireUser(actor);
  const now = ctx.now ?? new Date();
  authorizeLiaison(actor, input.direction === 'in' ? 'register_incoming' : 'draft', activity);
  return db.transaction(async (tx) => {
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
        receivedOn: input.direction === 'in' ? (input.receivedOn ?? todayOf(now)) : null,
        preparing: input.direction === 'out',
        today: todayOf(now),
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
    return stored;
  });
}

/**
 * createLiaison inside the caller's transaction (as a savepoint of it), with the same checks and side effects: for
 * another module's change that writes a statement together with its own record (a liaison drafted from a confirmed
 * overlap), so both are kept or neither.
 */
export function createLiaisonIn(tx: Tx, actor: Actor, activity: ActivityRef, input: LiaisonInput, ctx: LiaisonContext): Promise<LiaisonRow> {
  return createLiaison(tx, actor, activity, input, ctx);
}

/**
 * Changes a statement's fields: an incoming one at any time (chairs, secretariat), an outgoing one while a draft (its
 * drafter, chairs, secretariat). The same rules as creating apply. A moved deadline queues reminders for the new date;
 * those for the old one find the date changed and send nothing.
 * Side effects: a `liaison.updated` event with the changed fields (none when nothing changed); reminders for a moved
 * deadline; the document's access follows a changed access. Returns the statement as stored.
 */
export async function updateLiaison(db: Db, actor: Actor, activity: ActivityRef, statementId: number, patch: LiaisonPatch, ctx: LiaisonContext): Promise<LiaisonRow> {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'edit', ctx.locale);
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
        receivedOn: incoming ? (patch.receivedOn ?? row.receivedOn) : null,
        // An edit that leaves the deadline as it was is not refused for the days that have passed since.
        preparing: !incoming && patch.deadline !== undefined && patch.deadline !== row.deadline,
        today: todayOf(now),
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
    if (!changedRow && !changedLinks) return row;
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
      before: { reference: referenceOf(row), ...changedRow?.before, ...changedLinks?.before },
      after: { reference: referenceOf(row), ...changedRow?.after, ...changedLinks?.after },
    });
    if (changedRow?.after && 'deadline' in changedRow.after) {
      if (incoming || updated.state === 'sent') await scheduleReminders(tx, updated, now);
    }
    return updated;
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
 * any time, an outgoing one while a draft. Side effects: a new revision of the document (or the document); a
 * `liaison.attachment_added` event. The caller stores the file.
 */
export async function addLiaisonAttachment(db: Db, actor: Actor, activity: ActivityRef, statementId: number, file: CheckedFile, ctx: LiaisonContext): Promise<LiaisonRow> {
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'edit', ctx.locale);
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
    return updated;
  });
}

/**
 * Submits a draft for approval (its drafter, chairs, secretariat). The approvers are computed now: every chair,
 * co-chair, vice-chair and secretariat of the activity; if there is none, submitting is refused with a message saying
 * so (never a statement waiting on nobody). Someone must receive it first: a recipient contact, or a current liaison
 * representative to one of the addressed bodies.
 * Side effects: state submitted; a `liaison.submitted` event naming the approvers; a mail to each approver (except
 * the one submitting). Returns the statement and the approvers told.
 */
export async function submitLiaison(db: Db, actor: Actor, activity: ActivityRef, statementId: number, ctx: LiaisonContext): Promise<{ statement: LiaisonRow; approvers: Approver[] }> {
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'submit', ctx.locale);
    const m = liaisonMessages(ctx.locale);
    // Approving is approving a mailing: someone must be there to receive it (a contact, or a liaison representative).
    const recipients = await sendingList(tx, activity, row, todayOf(ctx.now ?? new Date()));
    if (!recipients.length) throw invalid({ recipients: m.recipientsRequired }, m.recipientsRequired);
    const approvers = await listApprovers(tx, activity);
    if (!approvers.length) throw new AppError('conflict', m.noApprover);
    const updated = await updateStatement(tx, row.id, { state: liaisonSteps.submit.to, submittedAt: new Date() });
    await transitionEvent(tx, actor, activity, row, 'liaison.submitted', `${referenceOf(row)} submitted for approval to ${approvers.map((a) => a.name).join(', ')}`, { state: row.state }, { state: updated.state, approvers: approvers.map((a) => a.name) });
    await mailApprovalRequests(tx, actor, activity, updated, approvers, ctx);
    return { statement: updated, approvers };
  });
}

/**
 * Approves a submitted statement (chairs, secretariat; a member cannot), at a named meeting of the activity or by
 * correspondence with the deadline for objections (then it can be sent only after that day): today at the earliest, and
 * before the reply deadline (liaison-dates.ts). A meeting that has not begun or was cancelled approved nothing.
 * Side effects: state approved with the mode, meeting or deadline, approver and time; a `liaison.approved` event; a
 * mail to the secretariat (who sends) and to the drafter.
 */
export async function approveLiaison(db: Db, actor: Actor, activity: ActivityRef, statementId: number, input: ApprovalInput, ctx: LiaisonContext): Promise<LiaisonRow> {
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'approve', ctx.locale);
    const m = liaisonMessages(ctx.locale);
    if (input.mode === 'at_meeting') {
      if (!input.meetingId) throw invalid({ meetingId: m.meetingRequired });
      const [meeting] = await tx
        .select({ id: meetings.id, number: meetings.number, startsAt: meetings.startsAt, timeZone: meetings.timeZone, status: meetings.status })
        .from(meetings)
        .where(and(eq(meetings.id, input.meetingId), eq(meetings.activityId, activity.id)));
      if (!meeting) throw invalid({ meetingId: m.unknownMeeting });
      // A meeting approves what it has discussed: one that has not begun, or never took place, approved nothing yet.
      if (meeting.status === 'cancelled') throw invalid({ meetingId: m.meetingCancelled(meeting.number) });
      if (meeting.startsAt.getTime() > (ctx.now ?? new Date()).getTime()) throw invalid({ meetingId: m.meetingNotBegun(meeting.number, formatDateTime(meeting.startsAt, ctx.locale, meeting.timeZone)) });
    } else if (!input.objectionDeadline) throw invalid({ objectionDeadline: m.objectionDeadlineRequired });
    else {
      const errors = objectionDeadlineErrors({ objectionDeadline: input.objectionDeadline, replyDeadline: row.deadline }, todayOf(ctx.now ?? new Date()), ctx.locale);
      if (Object.keys(errors).length) throw invalid(errors);
    }
    const updated = await updateStatement(tx, row.id, {
      state: liaisonSteps.approve.to,
      approvalMode: input.mode,
      approvalMeetingId: input.mode === 'at_meeting' ? (input.meetingId ?? null) : null,
      objectionDeadline: input.mode === 'by_correspondence' ? (input.objectionDeadline ?? null) : null,
      approvedAt: new Date(),
      approvedByName: actorLabel(actor),
    });
    await transitionEvent(tx, actor, activity, row, 'liaison.approved', `${referenceOf(row)} approved ${input.mode === 'at_meeting' ? 'at a meeting' : 'by correspondence'}`, { state: row.state }, { state: updated.state, mode: input.mode, meetingId: updated.approvalMeetingId, objectionDeadline: updated.objectionDeadline });
    await mailApproved(tx, actor, activity, updated, ctx);
    return updated;
  });
}

/**
 * Returns a submitted or approved statement to its drafter with what should change (chairs, secretariat): it is a
 * draft again and must be submitted again. Side effects: state draft (approval cleared); a `liaison.returned` event
 * with the reason; a mail to the drafter.
 */
export async function returnLiaison(db: Db, actor: Actor, activity: ActivityRef, statementId: number, input: { reason: string }, ctx: LiaisonContext): Promise<LiaisonRow> {
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'return', ctx.locale);
    const updated = await updateStatement(tx, row.id, { state: liaisonSteps.return.to, approvalMode: null, approvalMeetingId: null, objectionDeadline: null, approvedAt: null, approvedByName: null, submittedAt: null });
    await transitionEvent(tx, actor, activity, row, 'liaison.returned', `${referenceOf(row)} returned to the drafter`, { state: row.state }, { state: updated.state, reason: input.reason });
    await mailReturned(tx, actor, activity, updated, input.reason, ctx);
    return updated;
  });
}

/**
 * Sends an approved statement (secretariat only): one mail to each recipient contact and each current liaison
 * representative to the addressed bodies, with the attachments, Reply-To the activity's secretariat. Approved by
 * correspondence: only after the deadline for objections. A public statement becomes readable by anyone.
 * Side effects: state sent, sent date today; the document's access follows; a `liaison.sent` event naming the
 * recipients; the mails; the incoming statements it answers whose action was still open or in progress become
 * "answered" (markAnswered); reminders queued before the reply deadline, if any. Returns the statement and how many
 * were mailed.
 */
export async function sendLiaison(db: Db, actor: Actor, activity: ActivityRef, statementId: number, ctx: LiaisonContext): Promise<{ statement: LiaisonRow; recipients: number }> {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'send', ctx.locale);
    const m = liaisonMessages(ctx.locale);
    const today = todayOf(now);
    if (row.approvalMode === 'by_correspondence' && row.objectionDeadline && row.objectionDeadline >= today) {
      throw new AppError('conflict', m.objectionsOpen(formatDate(row.objectionDeadline, ctx.locale)));
    }
    const recipients = await sendingList(tx, activity, row, today);
    if (!recipients.length) throw invalid({ recipients: m.recipientsRequired }, m.recipientsRequired);
    const updated = await updateStatement(tx, row.id, { state: liaisonSteps.send.to, sentAt: now, sentOn: today });
    await syncDocumentAccess(tx, actor, updated, true, ctx.locale);
    // The mail lists the attachments and every statement it answers (read without a reader: the bodies outside are told all).
    await mailStatement(tx, activity, await viewOf(tx, updated, now), recipients, ctx);
    await transitionEvent(tx, actor, activity, row, 'liaison.sent', `${referenceOf(row)} sent to ${recipients.length} recipient(s)`, { state: row.state }, { state: updated.state, recipients: recipients.map((r) => r.name) });
    await markAnswered(tx, actor, activity, updated);
    await scheduleReminders(tx, updated, now);
    return { statement: updated, recipients: recipients.length };
  });
}

/**
 * The reply has gone: the incoming statements it answers whose action was still open or in progress are answered
 * (their reminders then find the status changed and stop). One already answered or needing no action is left as its
 * assignee set it. Side effects: per statement, the action status and a `liaison.action_status_changed` event naming
 * the reply.
 */
async function markAnswered(tx: Tx, actor: Actor, activity: ActivityRef, reply: LiaisonRow): Promise<void> {
  const answered = await tx
    .select({ id: liaisonStatements.id, actionStatus: liaisonStatements.actionStatus, documentNumber: liaisonStatements.documentNumber, direction: liaisonStatements.direction })
    .from(liaisonStatements)
    .innerJoin(liaisonReplies, eq(liaisonReplies.repliedToId, liaisonStatements.id))
    .where(and(eq(liaisonReplies.replyId, reply.id), eq(liaisonStatements.activityId, activity.id), eq(liaisonStatements.direction, 'in'), inArray(liaisonStatements.actionStatus, ['open', 'in_progress'])))
    .for('update', { of: liaisonStatements });
  for (const target of answered) {
    await tx.update(liaisonStatements).set({ actionStatus: 'answered', updatedAt: new Date() }).where(eq(liaisonStatements.id, target.id));
    await recordEvent(tx, actor, {
      kind: 'liaison.action_status_changed',
      subjectType: 'liaison_statement',
      subjectId: target.id,
      activityId: activity.id,
      summary: `${referenceOf(target)}: answered by ${referenceOf(reply)}`,
      before: { actionStatus: target.actionStatus },
      after: { actionStatus: 'answered', reply: referenceOf(reply) },
    });
  }
}

/** Moves the statement to the state the table gives for the change, with an event `liaison.<new state>`. */
async function stateOnlyTransition(db: Db, actor: Actor, activity: ActivityRef, statementId: number, ctx: LiaisonContext, action: 'close' | 'withdraw'): Promise<LiaisonRow> {
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, action, ctx.locale);
    const to = liaisonSteps[action].to;
    const updated = await updateStatement(tx, row.id, { state: to });
    await transitionEvent(tx, actor, activity, row, `liaison.${to}`, `${referenceOf(row)} ${to}`, { state: row.state }, { state: to });
    return updated;
  });
}

/** Closes a sent statement (chairs, secretariat): nothing more is expected. Side effects: state closed; a `liaison.closed` event; no more reminders. */
export const closeLiaison = (db: Db, actor: Actor, activity: ActivityRef, statementId: number, ctx: LiaisonContext) =>
  stateOnlyTransition(db, actor, activity, statementId, ctx, 'close');

/** Withdraws an outgoing statement not yet sent (its drafter, chairs, secretariat). Side effects: state withdrawn; a `liaison.withdrawn` event. */
export const withdrawLiaison = (db: Db, actor: Actor, activity: ActivityRef, statementId: number, ctx: LiaisonContext) =>
  stateOnlyTransition(db, actor, activity, statementId, ctx, 'withdraw');

/**
 * Names (or clears) the assignee of an incoming statement (chairs, secretariat): the person reminded before its
 * deadline. Side effects: a `liaison.assigned` event; a mail to the new assignee when they have an address. Naming
 * the same person again changes nothing.
 */
export async function assignLiaison(db: Db, actor: Actor, activity: ActivityRef, statementId: number, input: { assigneePersonId?: number | null }, ctx: LiaisonContext): Promise<LiaisonRow> {
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'assign', ctx.locale);
    const assigneePersonId = input.assigneePersonId ?? null;
    const [person] = assigneePersonId ? await tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, assigneePersonId)) : [];
    if (assigneePersonId && !person) throw invalid({ assigneePersonId: liaisonMessages(ctx.locale).unknownAssignee });
    if (assigneePersonId === row.assigneePersonId) return row;
    const [before] = row.assigneePersonId ? await tx.select({ name: people.name }).from(people).where(eq(people.id, row.assigneePersonId)) : [];
    const updated = await updateStatement(tx, row.id, { assigneePersonId });
    await transitionEvent(tx, actor, activity, row, 'liaison.assigned', person ? `${referenceOf(row)} assigned to ${person.name}` : `${referenceOf(row)} no longer assigned`, { assignee: before?.name ?? null }, { assignee: person?.name ?? null });
    if (assigneePersonId) await mailAssignee(tx, actor, activity, updated, assigneePersonId, ctx);
    return updated;
  });
}

/**
 * Records how far the action asked by an incoming statement is (chairs, secretariat, or its assignee). Answered and
 * "no action needed" stop the reminders and take it off the overdue list.
 * Side effects: a `liaison.action_status_changed` event (none when the status is the same).
 */
export async function setActionStatus(db: Db, actor: Actor, activity: ActivityRef, statementId: number, actionStatus: LiaisonActionStatus, ctx: LiaisonContext): Promise<LiaisonRow> {
  return db.transaction(async (tx) => {
    const row = await statementForChange(tx, actor, activity, statementId, 'set_action_status', ctx.locale);
    if (row.actionStatus === actionStatus) return row;
    const updated = await updateStatement(tx, row.id, { actionStatus });
    await transitionEvent(tx, actor, activity, row, 'liaison.action_status_changed', `${referenceOf(row)}: action ${actionStatus.replaceAll('_', ' ')}`, { actionStatus: row.actionStatus }, { actionStatus });
    return updated;
  });
}
