// Roadmap proposals: members propose a new entry, a change, or including an entry already in the register; those who
// edit the roadmap (secretariat, chairs) accept it — which applies it through createEntry/updateEntry/includeEntry in
// the same transaction — or reject it with a reason; the proposer may withdraw it while it is pending. The only code
// that changes roadmap_proposals.
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel, requireUser, type UserActor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { type EventRow, listEvents, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { role } from '../../platform/roles.ts';
import { users } from '../../platform/schema.ts';
import { id, optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { activities, activityMemberships, people } from '../../db/schema.ts';
import {
  activitiesIncluding,
  checkEntryFacts,
  createEntry,
  type EntryInput,
  type EntryView,
  entryInput,
  entryPatch,
  includeEntry,
  listRoadmap,
  updateEntry,
} from './entries.ts';
import { roadmapMessages } from './messages.ts';
import { canProposal, canRoadmap } from './policy.ts';
import { proposalMessages } from './proposal-messages.ts';
import { type ProposalStatus, roadmapEntries, roadmapProposals } from './schema.ts';

type ActivityRef = typeof activities.$inferSelect;
type EntryNames = { id: number; identifier: string; title: string };
export type RoadmapProposal = typeof roadmapProposals.$inferSelect;
/** A proposal with the identifier and title it is about: the entry's for a change, the proposed ones for a new entry. */
export type ProposalSummary = RoadmapProposal & { identifier: string; title: string };

/** What the proposal functions need besides the actor: the language of messages, and where links in mails point. */
export type ProposalContext = { locale: Locale; baseUrl: string };

/** The entry's fields in the order forms and comparisons show them. */
export const entryFields = [
  'organizationId', 'groupId', 'identifier', 'title', 'equivalents', 'kind', 'status', 'startedOn', 'targetOn', 'approvedOn', 'year',
  'version', 'editors', 'scope', 'topics', 'url', 'source',
] as const satisfies readonly (keyof EntryInput)[];
export type EntryField = (typeof entryFields)[number];
type EntryValues = Partial<Record<EntryField, unknown>>;

// ---- What may still happen (who may: policy.ts canProposal) -----------------------------------------------------

type ActivityLike = { id: number; visibility: 'public' | 'members' };
export type ProposalDecision = 'accept' | 'reject' | 'withdraw';

/** What the actor may still do with the proposal (for buttons and for the API's `allowedActions`). */
export function allowedDecisions(actor: Actor, activity: ActivityLike, proposal: RoadmapProposal): ProposalDecision[] {
  if (proposal.status !== 'pending') return [];
  const allowed: ProposalDecision[] = [];
  if (canProposal(actor, 'decide', activity, proposal)) allowed.push('accept', 'reject');
  if (canProposal(actor, 'withdraw', activity, proposal)) allowed.push('withdraw');
  return allowed;
}

// ---- Input ------------------------------------------------------------------------------------------------------

const note = () => optionalText(5000);
export const newEntryProposal = z.object({ kind: z.literal('new_entry'), entry: entryInput.strict(), note: note() });
/** A change lists the fields to change (or the whole entry, as a form sends it: unchanged fields are dropped). */
export const changeProposal = z.object({ kind: z.literal('change'), entryId: id(), changes: entryPatch.strict(), note: note() });
/** An entry already in the register (in a roadmap the proposer reads), for this roadmap, with its topics here. */
export const includeProposal = z.object({ kind: z.literal('include'), entryId: id(), topics: entryInput.shape.topics, note: note() });
export const proposalInput = z.discriminatedUnion('kind', [newEntryProposal, changeProposal, includeProposal]);
export type ProposalInput = z.output<typeof proposalInput>;

/**
 * Accept as proposed, or with `values` edited by the decider (a whole entry for a new one, fields to change for a
 * change, `topics` for an inclusion).
 */
export const acceptInput = z.object({ comment: optionalText(5000), values: z.record(z.string(), z.unknown()).optional() });
export type AcceptInput = z.output<typeof acceptInput>;
/** What "edit, then accept" may change in an inclusion: its topics in this roadmap (other fields sent are ignored). */
const includeTopics = z.object({ topics: entryInput.shape.topics });
export const rejectInput = z.object({ reason: requiredText(5000) });
export type RejectInput = z.output<typeof rejectInput>;

// ---- Comparing values -------------------------------------------------------------------------------------------

const topicKeys = (v: unknown) => (Array.isArray(v) ? v.map((t) => String(t).toLowerCase()).sort() : []);

/** Equal as the roadmap stores them: absent and null alike; topics in any order and case (they match that way). */
export function sameValue(field: EntryField, a: unknown, b: unknown): boolean {
  if (field === 'topics') return JSON.stringify(topicKeys(a)) === JSON.stringify(topicKeys(b));
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The fields of `patch` that would change `current`. createEntry/updateEntry take the year from an approval date when
 * none is given; the comparison does the same, so a form sent back with an empty year does not read as "remove it".
 */
export function changesAgainst(current: EntryView, patch: Partial<EntryInput>): Partial<EntryInput> {
  const next: EntryValues = { ...patch };
  if (patch.approvedOn && (patch.year === undefined || patch.year === null)) next.year = Number(patch.approvedOn.slice(0, 4));
  const changes: EntryValues = {};
  for (const field of entryFields) {
    if (next[field] === undefined) continue;
    if (!sameValue(field, current[field], next[field])) changes[field] = next[field];
  }
  return changes as Partial<EntryInput>;
}

/** The entry as it would be after a patch: the patch's values over the current ones. */
const overlay = (current: EntryView | undefined, patch: EntryValues): EntryValues => {
  const out: EntryValues = {};
  for (const field of entryFields) out[field] = field in patch ? patch[field] : current?.[field];
  return out;
};

// ---- Checks made when proposing ---------------------------------------------------------------------------------

// ---- Reading ----------------------------------------------------------------------------------------------------

async function readableActivity(tx: Tx, actor: Actor, activityId: number): Promise<ActivityRef> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity || !canRoadmap(actor, 'read', activity)) throw notFound();
  return activity;
}

/** The entry as this activity's roadmap shows it, or undefined when it is not (or no longer) in it. */
async function entryInRoadmap(tx: Tx, activityId: number, entryId: number): Promise<EntryView | undefined> {
  const [entry] = await listRoadmap(tx, activityId, [entryId]);
  return entry;
}

const summaryColumns = { proposal: roadmapProposals, entryIdentifier: roadmapEntries.identifier, entryTitle: roadmapEntries.title };
function toSummary(row: { proposal: RoadmapProposal; entryIdentifier: string | null; entryTitle: string | null }): ProposalSummary {
  const proposed = row.proposal.proposed;
  return {
    ...row.proposal,
    identifier: row.entryIdentifier ?? String(proposed.identifier ?? ''),
    title: row.entryTitle ?? String(proposed.title ?? ''),
  };
}

/**
 * The proposals of an activity's roadmap the actor may see (all for those who decide, their own for a proposer),
 * pending first, then newest first; at most `limit`.
 */
export async function listProposals(
  tx: Tx,
  actor: Actor,
  activity: ActivityRef,
  filter: { status?: ProposalStatus } = {},
  limit = 500,
): Promise<ProposalSummary[]> {
  if (!canRoadmap(actor, 'read', activity)) throw notFound();
  const seesAll = canRoadmap(actor, 'edit', activity);
  if (!seesAll && actor.kind !== 'user') return [];
  const rows = await tx
    .select(summaryColumns)
    .from(roadmapProposals)
    .leftJoin(roadmapEntries, eq(roadmapEntries.id, roadmapProposals.entryId))
    .where(
      and(
        eq(roadmapProposals.activityId, activity.id),
        filter.status ? eq(roadmapProposals.status, filter.status) : undefined,
        seesAll || actor.kind !== 'user' ? undefined : eq(roadmapProposals.proposerUserId, actor.userId),
      ),
    )
    .orderBy(sql`case when ${roadmapProposals.status} = 'pending' then 0 else 1 end`, desc(roadmapProposals.id))
    .limit(limit);
  return rows.map(toSummary);
}

/** One proposal of the activity, if the actor may see it; otherwise "not found", whether it exists or not. */
export async function getProposal(tx: Tx, actor: Actor, activity: ActivityRef, proposalId: number): Promise<ProposalSummary> {
  const [row] = await tx
    .select(summaryColumns)
    .from(roadmapProposals)
    .leftJoin(roadmapEntries, eq(roadmapEntries.id, roadmapProposals.entryId))
    .where(and(eq(roadmapProposals.id, proposalId), eq(roadmapProposals.activityId, activity.id)));
  if (!row || !canProposal(actor, 'read', activity, row.proposal)) throw notFound();
  return toSummary(row);
}

/** One field of a proposal: null where the field is not part of the proposal (or, once accepted, was not applied). */
export type ComparisonRow = { field: EntryField; current: unknown; proposed: { value: unknown } | null; applied: { value: unknown } | null };

export type ProposalDetail = {
  proposal: ProposalSummary;
  /** the entry as it is now in this roadmap (a change), if it still is */
  entry: EntryView | undefined;
  /** field by field: the entry's value now (a change), the proposed one and, once accepted, the applied one */
  comparison: ComparisonRow[];
  /** the values the "edit, then accept" form starts from: the entry with the proposed fields over it */
  formValues: EntryValues;
  /** the proposal's events, oldest first */
  events: EventRow[];
};

/** A proposal with what the page shows beside it. */
export async function proposalDetail(tx: Tx, actor: Actor, activity: ActivityRef, proposalId: number): Promise<ProposalDetail> {
  const proposal = await getProposal(tx, actor, activity, proposalId);
  const entry = proposal.entryId ? await entryInRoadmap(tx, activity.id, proposal.entryId) : undefined;
  const proposed = proposal.proposed as EntryValues;
  const applied = (proposal.applied ?? undefined) as EntryValues | undefined;
  const shown = entryFields.filter((field) => {
    if (proposal.kind !== 'new_entry') return field in proposed || (applied !== undefined && field in applied);
    // A new entry: the fields given, in either version.
    const given = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && !v.length);
    return given(proposed[field]) || given(applied?.[field]);
  });
  const comparison = shown.map((field): ComparisonRow => {
    const part = (values: EntryValues | undefined) =>
      values === undefined ? null : field in values || proposal.kind === 'new_entry' ? { value: values[field] } : null;
    return { field, current: entry?.[field], proposed: part(proposed), applied: part(applied) };
  });
  const events = (await listEvents(tx, { subjectType: 'roadmap_proposal', subjectId: proposal.id })).reverse();
  return { proposal, entry, comparison, formValues: overlay(entry, proposed), events };
}

// ---- Mail -------------------------------------------------------------------------------------------------------

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The activity's secretariat: each person with the role (their account's address and language first) and its address. */
async function secretariatRecipients(tx: Tx, activity: ActivityRef): Promise<{ email: string; locale: Locale }[]> {
  const rows = await tx
    .select({ personEmail: people.email, userEmail: users.email, locale: users.locale, disabledAt: users.disabledAt })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .leftJoin(users, eq(users.id, people.userId))
    .where(and(eq(activityMemberships.activityId, activity.id), eq(activityMemberships.role, role.secretariat)));
  const candidates = rows.map((r) => ({ email: (r.userEmail && !r.disabledAt ? r.userEmail : r.personEmail) ?? '', locale: r.locale ?? 'en' }));
  if (activity.secretariatEmail) candidates.push({ email: activity.secretariatEmail, locale: 'en' });
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = c.email.toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const proposalHref = (activity: ActivityRef, proposalId: number) =>
  `/activities/${encodeURIComponent(activity.acronym)}/roadmap/proposals/${proposalId}`;
const entryHref = (activity: ActivityRef, entryId: number) => `/roadmap/entries/${entryId}?activity=${encodeURIComponent(activity.acronym)}`;

async function mailSecretariat(tx: Tx, actor: UserActor, activity: ActivityRef, proposal: ProposalSummary, ctx: ProposalContext) {
  for (const recipient of await secretariatRecipients(tx, activity)) {
    // A secretariat member proposing knows already.
    if (recipient.email.toLowerCase() === actor.email.toLowerCase()) continue;
    const words = proposalMessages(recipient.locale).mail;
    const mail = {
      proposer: actor.name,
      acronym: activity.acronym,
      number: proposal.id,
      kind: proposal.kind,
      identifier: oneLine(proposal.identifier),
      title: oneLine(proposal.title),
      note: proposal.note,
      link: `${ctx.baseUrl}${proposalHref(activity, proposal.id)}`,
    };
    await enqueueMail(
      tx,
      { purpose: 'roadmap_proposal_submitted', to: recipient.email, subject: words.submittedSubject(mail), text: words.submittedBody(mail) },
      new URL(ctx.baseUrl).hostname,
    );
  }
}

/** Tells the proposer the decision, at their account's current address and in its language (English when unset). */
async function mailProposer(
  tx: Tx,
  actor: Actor,
  activity: ActivityRef,
  proposal: ProposalSummary,
  outcome: { status: 'accepted' | 'rejected'; edited: boolean; entryId?: number },
  ctx: ProposalContext,
) {
  // Who decides on their own proposal needs no mail about it.
  if (actor.kind === 'user' && actor.userId === proposal.proposerUserId) return;
  const [account] = proposal.proposerUserId ? await tx.select().from(users).where(eq(users.id, proposal.proposerUserId)) : [];
  const to = account && !account.disabledAt ? account.email : proposal.proposerEmail;
  const words = proposalMessages(account?.locale ?? 'en').mail;
  const mail = {
    name: account?.name ?? proposal.proposerName,
    acronym: activity.acronym,
    number: proposal.id,
    identifier: oneLine(proposal.identifier),
    title: oneLine(proposal.title),
    reason: proposal.decisionReason,
    edited: outcome.edited,
    link: `${ctx.baseUrl}${outcome.entryId ? entryHref(activity, outcome.entryId) : proposalHref(activity, proposal.id)}`,
  };
  const accepted = outcome.status === 'accepted';
  await enqueueMail(
    tx,
    {
      purpose: `roadmap_proposal_${outcome.status}`,
      to,
      subject: accepted ? words.acceptedSubject(mail) : words.rejectedSubject(mail),
      text: accepted ? words.acceptedBody(mail) : words.rejectedBody(mail),
    },
    new URL(ctx.baseUrl).hostname,
  );
}

// ---- Changes ----------------------------------------------------------------------------------------------------

/**
 * The entry an inclusion proposal is about: one the actor can read through some roadmap (any other does not exist for
 * them), not yet in this roadmap, and not already waiting in a pending inclusion proposal for it.
 */
async function includableEntry(tx: Tx, actor: Actor, activity: ActivityRef, entryId: number, locale: Locale): Promise<EntryNames> {
  if (!(await activitiesIncluding(tx, actor, entryId)).length) throw notFound();
  const m = roadmapMessages(locale);
  if (await entryInRoadmap(tx, activity.id, entryId)) throw invalid({ entryId: m.alreadyInThisRoadmap }, m.alreadyInThisRoadmap);
  const [pending] = await tx
    .select({ id: roadmapProposals.id })
    .from(roadmapProposals)
    .where(and(eq(roadmapProposals.activityId, activity.id), eq(roadmapProposals.kind, 'include'), eq(roadmapProposals.entryId, entryId), eq(roadmapProposals.status, 'pending')))
    .limit(1);
  if (pending) throw new AppError('conflict', proposalMessages(locale).inclusionPending(pending.id));
  const [entry] = await tx.select({ id: roadmapEntries.id, identifier: roadmapEntries.identifier, title: roadmapEntries.title }).from(roadmapEntries).where(eq(roadmapEntries.id, entryId));
  if (!entry) throw notFound();
  return entry;
}

/**
 * Records a proposal for the activity's roadmap (members, chairs, secretariat). A new entry is checked as createEntry
 * would check it; a change must be about an entry of this roadmap and keeps only the fields that differ from it
 * (nothing different is refused); an inclusion must be about an entry the proposer can read (in a roadmap they read:
 * any other is "not found"), not yet in this roadmap, and not already proposed for it by a pending proposal.
 * Side effects: a `roadmap.proposal_submitted` event; a mail to each address of the activity's secretariat.
 */
export async function submitProposal(db: Db, actor: Actor, activityId: number, input: ProposalInput, ctx: ProposalContext): Promise<ProposalSummary> {
  const user = requireUser(actor);
  return db.transaction(async (tx) => {
    const activity = await readableActivity(tx, actor, activityId);
    if (!canRoadmap(actor, 'propose', activity)) throw forbidden();
    let proposed: Partial<EntryInput>;
    let entry: EntryNames | undefined;
    if (input.kind === 'new_entry') {
      proposed = input.entry;
      await checkEntryFacts(tx, proposed, ctx.locale);
    } else if (input.kind === 'include') {
      entry = await includableEntry(tx, actor, activity, input.entryId, ctx.locale);
      proposed = { topics: input.topics ?? [] };
    } else {
      const current = await entryInRoadmap(tx, activity.id, input.entryId);
      if (!current) throw notFound(roadmapMessages(ctx.locale).notInRoadmap);
      entry = current;
      proposed = changesAgainst(current, input.changes);
      if (!Object.keys(proposed).length) throw invalid({}, proposalMessages(ctx.locale).nothingChanged);
      await checkEntryFacts(tx, proposed, ctx.locale, current);
    }
    const [row] = await tx
      .insert(roadmapProposals)
      .values({
        activityId: activity.id,
        kind: input.kind,
        entryId: entry?.id ?? null,
        proposed: proposed as Record<string, unknown>,
        note: input.note ?? null,
        proposerUserId: user.userId,
        proposerPersonId: user.personId,
        proposerName: user.name,
        proposerEmail: user.email,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const proposal = toSummary({ proposal: row, entryIdentifier: entry?.identifier ?? null, entryTitle: entry?.title ?? null });
    const what = { new_entry: 'new entry', change: 'change to', include: 'inclusion of' }[input.kind];
    await recordEvent(tx, actor, {
      kind: 'roadmap.proposal_submitted',
      subjectType: 'roadmap_proposal',
      subjectId: proposal.id,
      activityId: activity.id,
      summary: `Proposal #${proposal.id}: ${what} ${proposal.identifier} for the roadmap of ${activity.acronym}`,
      // The identifier is kept so the history names the entry a change or an inclusion is about.
      after: { kind: proposal.kind, entryId: proposal.entryId, identifier: proposal.identifier, proposed, note: proposal.note },
    });
    await mailSecretariat(tx, user, activity, proposal, ctx);
    return proposal;
  });
}

/** Locks the proposal row for the decision; one the actor may not see is "not found". */
async function lockProposal(tx: Tx, actor: Actor, activityId: number, proposalId: number) {
  const [row] = await tx
    .select()
    .from(roadmapProposals)
    .where(and(eq(roadmapProposals.id, proposalId), eq(roadmapProposals.activityId, activityId)))
    .for('update');
  if (!row) throw notFound();
  const activity = await readableActivity(tx, actor, activityId);
  if (!canProposal(actor, 'read', activity, row)) throw notFound();
  const [names] = row.entryId
    ? await tx.select({ identifier: roadmapEntries.identifier, title: roadmapEntries.title }).from(roadmapEntries).where(eq(roadmapEntries.id, row.entryId))
    : [];
  return { proposal: toSummary({ proposal: row, entryIdentifier: names?.identifier ?? null, entryTitle: names?.title ?? null }), activity };
}

function assertPending(proposal: RoadmapProposal, locale: Locale) {
  if (proposal.status !== 'pending') throw new AppError('conflict', proposalMessages(locale).alreadyDecided[proposal.status]);
}

const decidedBy = (actor: Actor) => ({
  decidedByUserId: actor.kind === 'user' ? actor.userId : null,
  decidedByName: actorLabel(actor),
  decidedAt: new Date(),
});

/**
 * Accepts a pending proposal and applies it in the same transaction: a new entry through createEntry, a change through
 * updateEntry, an inclusion through includeEntry (refused as a conflict if the entry is in the roadmap by now), as the
 * deciding actor (so their rules hold: the actor must edit the roadmap, a duplicate identifier is
 * refused and then nothing is written). `values` replaces what was proposed ("edit, then accept"); what was applied is
 * kept with the proposal. A proposal no longer pending is a conflict.
 * Side effects: the entry's own event (`roadmap.entry_added`, `roadmap.entry_updated` or `roadmap.entry_included`), a `roadmap.proposal_accepted`
 * event, and a mail to the proposer.
 */
export async function acceptProposal(
  db: Db,
  actor: Actor,
  activityId: number,
  proposalId: number,
  decision: AcceptInput,
  ctx: ProposalContext,
): Promise<ProposalSummary> {
  return db.transaction(async (tx) => {
    const { proposal, activity } = await lockProposal(tx, actor, activityId, proposalId);
    if (!canProposal(actor, 'decide', activity, proposal)) throw forbidden();
    assertPending(proposal, ctx.locale);
    const proposed = proposal.proposed as EntryValues;
    let applied: Partial<EntryInput>;
    let after: EntryValues;
    let wanted: EntryValues;
    let entryId: number;
    if (proposal.kind === 'include') {
      // Only the topics can be edited: the entry itself is shared with the roadmaps that include it already.
      const { topics = [] } = parseInput(includeTopics, decision.values ?? proposed, ctx.locale);
      if (!proposal.entryId || (await entryInRoadmap(tx, activity.id, proposal.entryId))) throw new AppError('conflict', proposalMessages(ctx.locale).alreadyIncluded);
      await includeEntry(tx, actor, activity.id, proposal.entryId, topics);
      applied = { topics };
      entryId = proposal.entryId;
      after = applied;
      wanted = proposed;
    } else if (proposal.kind === 'new_entry') {
      const input = parseInput(entryInput.strict(), decision.values ?? proposed, ctx.locale);
      // Inside this transaction: createEntry's own transaction becomes a savepoint, and a refusal undoes everything.
      const entry = await createEntry(tx, actor, activity.id, input, ctx.locale);
      applied = input;
      entryId = entry.id;
      after = input;
      wanted = proposed;
    } else {
      const current = proposal.entryId ? await entryInRoadmap(tx, activity.id, proposal.entryId) : undefined;
      if (!current) throw new AppError('conflict', proposalMessages(ctx.locale).entryGone);
      const patch = parseInput(entryPatch.strict(), decision.values ?? proposed, ctx.locale);
      applied = decision.values ? changesAgainst(current, patch) : patch;
      await updateEntry(tx, actor, activity.id, current.id, applied, ctx.locale);
      entryId = current.id;
      after = overlay(current, applied);
      wanted = overlay(current, proposed);
    }
    const edited = decision.values !== undefined && entryFields.some((field) => !sameValue(field, after[field], wanted[field]));
    const [row] = await tx
      .update(roadmapProposals)
      .set({
        status: 'accepted',
        ...decidedBy(actor),
        decisionReason: decision.comment ?? null,
        applied: applied as Record<string, unknown>,
        resultingEntryId: entryId,
      })
      .where(eq(roadmapProposals.id, proposal.id))
      .returning();
    if (!row) throw notFound();
    const accepted = { ...proposal, ...row };
    await recordEvent(tx, actor, {
      kind: 'roadmap.proposal_accepted',
      subjectType: 'roadmap_proposal',
      subjectId: proposal.id,
      activityId: activity.id,
      summary: `Proposal #${proposal.id} (${proposal.identifier}) accepted${edited ? ' with changes' : ''} for the roadmap of ${activity.acronym}`,
      before: { status: 'pending' },
      after: { status: 'accepted', applied, edited, entryId, comment: accepted.decisionReason },
    });
    await mailProposer(tx, actor, activity, accepted, { status: 'accepted', edited, entryId }, ctx);
    return accepted;
  });
}

/**
 * Rejects a pending proposal with a reason (required), changing nothing in the roadmap. A proposal no longer pending
 * is a conflict. Side effects: a `roadmap.proposal_rejected` event and a mail to the proposer with the reason.
 */
export async function rejectProposal(
  db: Db,
  actor: Actor,
  activityId: number,
  proposalId: number,
  decision: RejectInput,
  ctx: ProposalContext,
): Promise<ProposalSummary> {
  return db.transaction(async (tx) => {
    const { proposal, activity } = await lockProposal(tx, actor, activityId, proposalId);
    if (!canProposal(actor, 'decide', activity, proposal)) throw forbidden();
    assertPending(proposal, ctx.locale);
    const [row] = await tx
      .update(roadmapProposals)
      .set({ status: 'rejected', ...decidedBy(actor), decisionReason: decision.reason })
      .where(eq(roadmapProposals.id, proposal.id))
      .returning();
    if (!row) throw notFound();
    const rejected = { ...proposal, ...row };
    await recordEvent(tx, actor, {
      kind: 'roadmap.proposal_rejected',
      subjectType: 'roadmap_proposal',
      subjectId: proposal.id,
      activityId: activity.id,
      summary: `Proposal #${proposal.id} (${proposal.identifier}) rejected for the roadmap of ${activity.acronym}`,
      before: { status: 'pending' },
      after: { status: 'rejected', reason: decision.reason },
    });
    await mailProposer(tx, actor, activity, rejected, { status: 'rejected', edited: false }, ctx);
    return rejected;
  });
}

/**
 * The proposer takes back a pending proposal; nobody else may (the secretariat rejects instead). A proposal no longer
 * pending is a conflict. Side effects: a `roadmap.proposal_withdrawn` event.
 */
export async function withdrawProposal(db: Db, actor: Actor, activityId: number, proposalId: number, ctx: ProposalContext): Promise<ProposalSummary> {
  return db.transaction(async (tx) => {
    const { proposal, activity } = await lockProposal(tx, actor, activityId, proposalId);
    if (!canProposal(actor, 'withdraw', activity, proposal)) throw forbidden();
    assertPending(proposal, ctx.locale);
    const [row] = await tx
      .update(roadmapProposals)
      .set({ status: 'withdrawn', ...decidedBy(actor) })
      .where(eq(roadmapProposals.id, proposal.id))
      .returning();
    if (!row) throw notFound();
    await recordEvent(tx, actor, {
      kind: 'roadmap.proposal_withdrawn',
      subjectType: 'roadmap_proposal',
      subjectId: proposal.id,
      activityId: activity.id,
      summary: `Proposal #${proposal.id} (${proposal.identifier}) withdrawn from the roadmap of ${activity.acronym}`,
      before: { status: 'pending' },
      after: { status: 'withdrawn' },
    });
    return { ...proposal, ...row };
  });
}
