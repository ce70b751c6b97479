// The fields and links of a statement that every write checks and stores: the bodies it is from and to, its
// recipients, the statements it answers, the roadmap entries, meeting, agenda item and assignee it names.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { invalid } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { agendaItems, meetings, organizations, people, roadmapEntries } from '../../db/schema.ts';
import type { LiaisonPatch } from './liaison-inputs.ts';
import { statementDateErrors } from './liaison-dates.ts';
import { type ActivityRef, statementRefs } from './liaison-queries.ts';
import { liaisonMessages } from './messages.ts';
import { liaisonOrganizations, liaisonRecipients, liaisonReplies, liaisonRoadmapEntries } from './schema.ts';

export type Facts = {
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
  /** incoming: the day it arrived */
  receivedOn: string | null | undefined;
  /** outgoing: still being prepared (a draft), so a reply deadline already passed is a mistake */
  preparing: boolean;
  /** today's date (YYYY-MM-DD), which the dates are checked against */
  today: string;
};

/**
 * The rules every write checks, all at once so the form names every bad field: dates in order (liaison-dates.ts), a
 * deadline for action and comment,
 * the bodies, replies only within the activity (and not to itself), entries, meeting, agenda item and assignee exist.
 */
export async function checkFacts(tx: Tx, activity: ActivityRef, facts: Facts, locale: Locale, selfId?: number): Promise<void> {
  const m = liaisonMessages(locale);
  const errors: Record<string, string> = statementDateErrors(facts, facts.today, locale);
  if ((facts.purpose === 'for_action' || facts.purpose === 'for_comment') && !facts.deadline) errors.deadline ??= m.deadlineRequired;
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
      const targets = await statementRefs(tx, facts.inReplyToIds);
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

/** Replaces the links given (a list left out stays as it is). */
export async function replaceLinks(tx: Tx, statementId: number, input: Pick<LiaisonPatch, 'fromOrganizationIds' | 'toOrganizationIds' | 'recipients' | 'relatedEntryIds' | 'inReplyToIds'>) {
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

/** The statement's links as they are, sorted, to compare with a patch. */
export const linkIds = async (tx: Tx, statementId: number) => ({
  fromOrganizationIds: (await tx.select({ id: liaisonOrganizations.organizationId }).from(liaisonOrganizations).where(and(eq(liaisonOrganizations.statementId, statementId), eq(liaisonOrganizations.side, 'from')))).map((r) => r.id).sort((a, b) => a - b),
  toOrganizationIds: (await tx.select({ id: liaisonOrganizations.organizationId }).from(liaisonOrganizations).where(and(eq(liaisonOrganizations.statementId, statementId), eq(liaisonOrganizations.side, 'to')))).map((r) => r.id).sort((a, b) => a - b),
  relatedEntryIds: (await tx.select({ id: liaisonRoadmapEntries.entryId }).from(liaisonRoadmapEntries).where(eq(liaisonRoadmapEntries.statementId, statementId))).map((r) => r.id).sort((a, b) => a - b),
  inReplyToIds: (await tx.select({ id: liaisonReplies.repliedToId }).from(liaisonReplies).where(eq(liaisonReplies.replyId, statementId))).map((r) => r.id).sort((a, b) => a - b),
  recipients: await tx.select({ name: liaisonRecipients.name, email: liaisonRecipients.email }).from(liaisonRecipients).where(eq(liaisonRecipients.statementId, statementId)).orderBy(asc(liaisonRecipients.id)),
});
