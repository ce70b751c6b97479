// Changing registrations: register (onsite or remote), change the mode, cancel, the onsite waiting list, attendance.
// The only code that writes meeting_registrations. Each change is one transaction that locks the meeting (so two
// registrations for the last onsite place are decided one after the other), reads the registration once, asks
// policy.ts once and the status table (registration-states.ts) once. New registrations hold the meeting in share mode
// unless one of them may take an onsite place, and those asked together are written in one transaction (group
// commit, registerTogether): under load, hundreds a second register for one meeting. A registrant manages their
// registration by the link in the confirmation mail (a token whose hash is stored) or, when signed in, from the
// meeting's registration page.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { recordEvent, recordEvents } from '../../platform/events.ts';
import { type BatchOutcome, GroupCommit } from '../../platform/group-commit.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import type { Activity } from '../activities/index.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { enqueueMails, mailedSince } from '../../platform/mail/outbox.ts';
import { insertManyRows, rowFromJson } from '../../db/bulk.ts';
import { applyDeadline, type Deadline, deadlineFor, type Meeting } from './deadlines.ts';
import { type MeetingMessages, meetingMessages } from './messages.ts';
import { canMeeting } from './policy.ts';
import type { RegistrationInput } from './registration-inputs.ts';
import {
  confirmationHours,
  type MailLinks,
  mailRegistrant,
  mailUnconfirmed,
  registrantLocales,
  registrantMail,
  unconfirmedMail,
  unconfirmedMailPurposes,
} from './registration-mail.ts';
import { registrationMessages } from './registration-messages.ts';
import type { Registration } from './registration-queries.ts';
import { registrationSteps, requireRegistrationState } from './registration-states.ts';
import { type RegistrationConfirmedBy, meetings, type RegistrationMode, registrations } from './schema.ts';

export type RegistrationContext = MailLinks & { locale: Locale; now?: Date };

/**
 * How a registration is reached: by the token of its mail link, or by id for its owner (signed in) or the secretariat;
 * always within the meeting the URL names. An id given with a token must match, or the registration is not found: a
 * URL cannot mix them.
 */
export type RegistrationAccess = { token: string; registrationId?: number } | { registrationId: number };

/** Locks the activity's meeting for a change of its registrations; the activity is the one the caller already read. */
async function lockMeeting(tx: Tx, activity: Activity, meetingId: number): Promise<Meeting> {
  const [meeting] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.activityId, activity.id)))
    .for('update');
  if (!meeting) throw notFound();
  return meeting;
}

function checkOpen(meeting: Meeting, now: Date, m: MeetingMessages): void {
  if (meeting.status === 'cancelled') throw new AppError('conflict', m.registrationMeetingCancelled);
  if (meeting.status === 'planned') throw new AppError('conflict', m.registrationNotOpen);
  if (meeting.status === 'held' || meeting.endsAt.getTime() < now.getTime()) throw new AppError('conflict', m.registrationMeetingOver);
}

function checkModeOffered(meeting: Meeting, mode: RegistrationMode, m: MeetingMessages): void {
  if (meeting.mode === 'physical' && mode === 'remote') throw invalid({ mode: m.remoteNotOffered });
  if (meeting.mode === 'virtual' && mode === 'onsite') throw invalid({ mode: m.onsiteNotOffered });
}

async function onsiteTaken(tx: Tx, meetingId: number): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.mode, 'onsite'), eq(registrations.status, 'registered')));
  return Number(row?.count ?? 0);
}

const hasFreeOnsitePlace = async (tx: Tx, meeting: Meeting) =>
  meeting.onsiteCapacity === null || (await onsiteTaken(tx, meeting.id)) < meeting.onsiteCapacity;

type Placed = { status: 'registered' | 'waiting'; waitingSince: Date | null };

/**
 * Hands out onsite places within one transaction that holds the meetings locked exclusively, one registration at a
 * time in the order asked: the places taken are counted once per meeting, then kept in memory. Where a registration
 * that now counts goes: a place, or the onsite waiting list when the places are taken.
 */
function onsitePlaces(tx: Tx): (meeting: Meeting, mode: RegistrationMode, now: Date) => Promise<Placed> {
  const free = new Map<number, number>();
  return async (meeting, mode, now) => {
    if (mode !== 'onsite' || meeting.onsiteCapacity === null) return { status: 'registered', waitingSince: null };
    if (!free.has(meeting.id)) free.set(meeting.id, meeting.onsiteCapacity - (await onsiteTaken(tx, meeting.id)));
    const left = free.get(meeting.id)!;
    if (left <= 0) return { status: 'waiting', waitingSince: now };
    free.set(meeting.id, left - 1);
    return { status: 'registered', waitingSince: null };
  };
}

const placeFor = (tx: Tx, meeting: Meeting, mode: RegistrationMode, now: Date): Promise<Placed> => onsitePlaces(tx)(meeting, mode, now);

/** At most this many mails to an unconfirmed address an hour, whatever meeting they are for. */
export const unconfirmedMailsPerHour = 3;
const hour = 3600_000;

/** The refusal (429) of one more mail to an unconfirmed address that received these (oldest first) in the last hour, or null. */
function unconfirmedMailRefusal(sent: readonly Date[], locale: Locale): AppError | null {
  if (sent.length < unconfirmedMailsPerHour) return null;
  const minutes = Math.max(1, Math.ceil((sent[0]!.getTime() + hour - Date.now()) / 60_000));
  const message = registrationMessages(locale).throttled(minutes);
  return new AppError('too_many_requests', message, { fields: { email: message } });
}

/**
 * The unconfirmed mails each address received in the last hour (by address in lower case), counted while the
 * addresses are held (a transaction-level advisory lock each, taken in order): a mail to one of them is counted and
 * queued by one transaction at a time, whatever the meeting and the process, so concurrent registrations cannot pass
 * the limit together.
 */
async function unconfirmedMailsSent(tx: Tx, emails: readonly string[]): Promise<Map<string, Date[]>> {
  const addresses = [...new Set(emails.map((e) => e.toLowerCase()))].sort();
  if (!addresses.length) return new Map();
  await tx.execute(sql`select pg_advisory_xact_lock(${unconfirmedAddressLocks}, hashtext(address)) from json_array_elements_text(${JSON.stringify(addresses)}::json) as held(address) order by address`);
  return mailedSince(tx, addresses, unconfirmedMailPurposes, new Date(Date.now() - hour));
}
/** The advisory lock class of unconfirmed addresses (the two-key form: apart from every single-key lock). */
const unconfirmedAddressLocks = 2001;

/**
 * Refuses (429) a mail to an address nobody has confirmed when it already received `unconfirmedMailsPerHour` of them
 * in the last hour, so the registration form cannot be used to flood someone's mailbox. Counted in the outbox, which
 * keeps every mail: every app process sees the same count.
 */
async function throttleUnconfirmedMail(tx: Tx, email: string, locale: Locale): Promise<void> {
  const sent = await unconfirmedMailsSent(tx, [email]);
  const refusal = unconfirmedMailRefusal(sent.get(email.toLowerCase()) ?? [], locale);
  if (refusal) throw refusal;
}

/** A new single-use confirmation link for a pending registration: its token, and what to store of it. */
function newConfirmation(now: Date) {
  const token = newToken();
  return { token, set: { confirmationTokenHash: hashToken(token), confirmationExpiresAt: new Date(now.getTime() + confirmationHours * 3600_000) } };
}

const isOwnAddress = (actor: Actor, email: string) => actor.kind === 'user' && actor.email.toLowerCase() === email.toLowerCase();

/**
 * How a registration is confirmed as it is made, or null when it must wait (pending). A signed-in user registering
 * their own account address has already proved it (accounts are made by an administrator for that address, or after
 * a mailed link), where the meeting confirms by e-mail; the secretariat (and Concord itself: the demo, imports)
 * registering someone approves it by doing so, whatever the meeting's choice.
 */
function confirmedOnEntry(actor: Actor, activity: Activity, meeting: Meeting, email: string): RegistrationConfirmedBy | null {
  if (meeting.registrationConfirmation === 'email' && isOwnAddress(actor, email)) return 'account';
  if (canMeeting(actor, 'manage', activity)) return 'secretariat';
  return null;
}

/**
 * Whether a registration may take an onsite place as it is made: onsite, and confirmed on entry whatever the meeting
 * chose (confirmedOnEntry, known before the meeting is read, so that its lock can be chosen by it).
 */
const mayTakeOnsitePlace = (request: RegistrationRequest): boolean =>
  request.input.mode === 'onsite' && (isOwnAddress(request.actor, request.input.email) || canMeeting(request.actor, 'manage', request.activity));

export type Registered = {
  registration: Registration;
  /** the token of the link that manages the registration: only once it is confirmed (otherwise it is in no one's hands) */
  token: string | null;
};

/** A registration as asked (for the meeting of its queue): by whom, through which activity, with what, in which language, and when. */
type RegistrationRequest = { actor: Actor; activity: Activity; input: RegistrationInput; ctx: RegistrationContext; now: Date };

/** The most registrations one transaction writes; more wait for the next (a bound on how long it holds its locks). */
const registrationsPerBatch = 100;
/** Per database, per meeting: a batch never waits on another meeting's locks. */
const registrationQueues = new WeakMap<Db, Map<number, GroupCommit<RegistrationRequest, Registered>>>();

function registrationQueue(db: Db, meetingId: number): GroupCommit<RegistrationRequest, Registered> {
  let queues = registrationQueues.get(db);
  if (!queues) registrationQueues.set(db, (queues = new Map()));
  let queue = queues.get(meetingId);
  if (!queue) {
    queue = new GroupCommit({
      write: (requests) => registerTogether(db, meetingId, requests),
      // One registration per address a batch: the next one for it sees this one.
      key: (request) => request.input.email.toLowerCase(),
      maxBatch: registrationsPerBatch,
    });
    queues.set(meetingId, queue);
  }
  return queue;
}

const alreadyRegistered = (email: string, locale: Locale) => {
  const message = meetingMessages(locale).alreadyRegistered(email);
  return new AppError('conflict', message, { fields: { email: message } });
};

/**
 * Registers someone for an announced meeting of the activity. Refuses a cancelled, not yet announced or past meeting,
 * a mode the meeting does not offer, an e-mail already registered, and — when the activity refuses late
 * registrations — a registration after the pre-registration deadline (accepted ones are marked late).
 *
 * The registration counts only once confirmed. Confirmed at once (confirmedOnEntry): a signed-in user's own address,
 * or one the secretariat enters (an onsite registration beyond the places joins the waiting list; a `registered` mail
 * with the .ics, the remote link when it applies and the manage link). Anyone else's stays `pending`, holding no place: where the meeting
 * confirms by e-mail, a mail with a single-use link valid `confirmationHours`; where the secretariat approves, a mail
 * saying so. Registering again an address still pending by e-mail takes the new details and sends a new link. Mails
 * to unconfirmed addresses are throttled per address (429). Side effects: a `registration.created` event (or
 * `registration.confirmation_resent`, or `registration.confirmed`/`approved` for a pending one now confirmed on entry); the mail.
 *
 * Registrations asked at about the same time are written together (group commit, registerTogether): the answer comes
 * once the transaction that holds this one has committed, and a refusal concerns this registration only.
 */
export async function registerParticipant(
  db: Db,
  actor: Actor,
  activity: Activity,
  meetingId: number,
  input: RegistrationInput,
  ctx: RegistrationContext,
): Promise<Registered> {
  if (!canMeeting(actor, 'read', activity)) throw notFound();
  if (!canMeeting(actor, 'register', activity)) throw forbidden();
  try {
    return await registrationQueue(db, meetingId).add({ actor, activity, input, ctx, now: ctx.now ?? new Date() });
  } catch (error) {
    // Two registrations with the same e-mail at the same moment in two processes: the partial unique index refuses the second.
    if (isUniqueViolation(error)) throw alreadyRegistered(input.email, ctx.locale);
    throw error;
  }
}

/** A request that passed the meeting's checks, and whether it arrives late. */
type Admitted = { index: number; request: RegistrationRequest; meeting: Meeting; late: boolean; confirmedBy: RegistrationConfirmedBy | null };

const registrationDetails = ({ input, ctx }: RegistrationRequest, late: boolean) => ({
  name: input.name,
  affiliation: input.affiliation ?? '',
  organizationRepresented: input.organizationRepresented ?? '',
  capacity: input.capacity,
  country: input.country ?? '',
  mode: input.mode,
  late,
  locale: ctx.locale,
});

/**
 * Writes registrations for one meeting asked at about the same time, in one transaction, each decided as
 * registerParticipant says, in the order asked. The meeting is locked exclusively when one of them may take an onsite
 * place now (places are handed out one at a time), otherwise in share mode: registrations holding no place yet
 * (pending) or none that is counted (remote) never wait on each other, while a change of the meeting itself
 * (cancelling it, a change of places) waits for them and they for it. The live registrations of the addresses are
 * read (and locked) in one statement, the unconfirmed mails counted in one, the new rows, their mails and their events
 * written in one each. A refusal is the outcome of its own request; anything else fails the batch (GroupCommit then
 * writes each request alone).
 */
async function registerTogether(db: Db, meetingId: number, requests: readonly RegistrationRequest[]): Promise<BatchOutcome<Registered>[]> {
  return db.transaction(async (tx) => {
    const outcomes: BatchOutcome<Registered>[] = [];
    const refused = (index: number, error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      outcomes[index] = { error };
    };

    const [meeting] = await tx
      .select()
      .from(meetings)
      .where(eq(meetings.id, meetingId))
      .for(requests.some(mayTakeOnsitePlace) ? 'update' : 'share');
    let deadline: Deadline | null | undefined;
    const admitted: Admitted[] = [];
    for (const [index, request] of requests.entries()) {
      try {
        if (!meeting || meeting.activityId !== request.activity.id) throw notFound();
        const m = meetingMessages(request.ctx.locale);
        checkOpen(meeting, request.now, m);
        checkModeOffered(meeting, request.input.mode, m);
        if (deadline === undefined) deadline = await deadlineFor(tx, meeting.id, 'registration');
        const { late } = applyDeadline(deadline, request.now, request.ctx.locale);
        admitted.push({ index, request, meeting, late, confirmedBy: confirmedOnEntry(request.actor, request.activity, meeting, request.input.email) });
      } catch (error) {
        refused(index, error);
      }
    }
    if (!meeting || !admitted.length) return outcomes;

    const live = await liveRegistrations(tx, meeting.id, admitted);
    const unconfirmed = admitted.filter((a) => !a.confirmedBy);
    const sent = await unconfirmedMailsSent(tx, unconfirmed.map((a) => a.request.input.email));
    // Asked again for an address already registered here: refused, or a pending registration renewed (one at a time).
    const fresh: Admitted[] = [];
    for (const admission of admitted) {
      const existing = live.get(admission.request.input.email.toLowerCase());
      if (!existing) fresh.push(admission);
      else await renewPending(tx, admission, existing).then((value) => (outcomes[admission.index] = { value }), (error) => refused(admission.index, error));
    }

    const placeOf = onsitePlaces(tx);
    const written: { admission: Admitted; confirmedBy: RegistrationConfirmedBy | null; manageToken: string; confirmation: ReturnType<typeof newConfirmation> | null; row: typeof registrations.$inferInsert }[] = [];
    for (const admission of fresh) {
      const { request, late, confirmedBy } = admission;
      const { actor, input, ctx, now } = request;
      if (!confirmedBy) {
        const refusal = unconfirmedMailRefusal(sent.get(input.email.toLowerCase()) ?? [], ctx.locale);
        if (refusal) {
          refused(admission.index, refusal);
          continue;
        }
      }
      const placed = confirmedBy ? await placeOf(meeting, input.mode, now) : { status: 'pending' as const, waitingSince: null };
      const manageToken = newToken();
      const confirmation = !confirmedBy && meeting.registrationConfirmation === 'email' ? newConfirmation(now) : null;
      written.push({
        admission,
        confirmedBy,
        manageToken,
        confirmation,
        row: {
          meetingId: meeting.id,
          personId: actor.kind === 'user' ? actor.personId : null,
          userId: actor.kind === 'user' ? actor.userId : null,
          email: input.email,
          ...registrationDetails(request, late),
          ...placed,
          manageTokenHash: hashToken(manageToken),
          ...(confirmation?.set ?? {}),
          ...(confirmedBy ? { confirmedAt: now, confirmedBy } : {}),
        },
      });
    }
    if (!written.length) return outcomes;

    // The rows in and out as JSON: two dozen bind parameters and cells a row, which PGlite handles slowly (db/bulk.ts).
    const inserted = await insertManyRows(tx, registrations, written.map((w) => w.row));
    const byToken = new Map(inserted.map((row) => [row.manageTokenHash, row]));
    const rows = written.map((w) => byToken.get(w.row.manageTokenHash!)!);
    const locales = await registrantLocales(tx, rows);
    await enqueueMails(
      tx,
      written.map(({ admission: { request }, confirmedBy, manageToken, confirmation }, i) => {
        const locale = locales[i] ?? request.ctx.locale;
        return confirmedBy
          ? registrantMail('registered', request.activity, meeting, rows[i]!, locale, manageToken, request.ctx)
          : unconfirmedMail(confirmation ? 'confirm' : 'pending', request.activity, meeting, rows[i]!, locale, confirmation?.token ?? null, request.ctx);
      }),
    );
    await recordEvents(
      tx,
      written.map(({ admission: { request, late } }, i) => {
        const registration = rows[i]!;
        const status = registration.status;
        return {
          actor: request.actor,
          event: {
            kind: 'registration.created',
            subjectType: 'meeting',
            subjectId: meeting.id,
            activityId: request.activity.id,
            summary: `${registration.name} registered for meeting ${meeting.number} (${registration.mode}${status === 'waiting' ? ', waiting list' : ''}${status === 'pending' ? ', awaiting confirmation' : ''}${late ? ', late' : ''})`,
            after: { registrationId: registration.id, name: registration.name, mode: registration.mode, status, late },
          },
        };
      }),
    );
    // The manage link exists only for a confirmed registration: whoever typed an address does not get it.
    written.forEach(({ admission, confirmedBy, manageToken }, i) => (outcomes[admission.index] = { value: { registration: rows[i]!, token: confirmedBy ? manageToken : null } }));
    return outcomes;
  });
}

/** The live (not cancelled) registrations of the admitted addresses at the meeting, locked, by address in lower case. */
async function liveRegistrations(tx: Tx, meetingId: number, admitted: readonly Admitted[]): Promise<Map<string, Registration>> {
  // Sorted, so two batches (in two processes) lock the rows they share in the same order.
  const emails = [...new Set(admitted.map((a) => a.request.input.email.toLowerCase()))].sort();
  // One probe of the live-email unique index per address: a join of the list against the meeting's rows would read
  // all of them, the plan PGlite's statistics chose however many there were (it runs no autovacuum to refresh them).
  const result = (await tx.execute(sql`
    select to_json(found) as row from json_array_elements_text(${JSON.stringify(emails)}::json) as wanted(email)
    cross join lateral (
      select * from ${registrations}
      where ${registrations.meetingId} = ${meetingId} and lower(${registrations.email}) = wanted.email and ${registrations.status} <> 'cancelled'
      for update
    ) as found`)) as unknown as { rows: { row: Record<string, unknown> | string }[] };
  const found = new Map<string, Registration>();
  for (const { row } of result.rows) {
    const registration = rowFromJson(registrations, row);
    found.set(registration.email.toLowerCase(), registration);
  }
  return found;
}

/**
 * Registering again an address already registered at the meeting: refused unless its registration is still pending
 * by e-mail; then it takes the details as now given, and is confirmed by the account, or gets a new link (the old one
 * dies). Its writes are in a savepoint: a refusal on the way (the mail throttle) undoes them, not the batch.
 */
async function renewPending(tx: Tx, { request, meeting, late, confirmedBy }: Admitted, existing: Registration): Promise<Registered> {
  const { actor, activity, input, ctx, now } = request;
  if (existing.status !== 'pending') throw alreadyRegistered(input.email, ctx.locale);
  const words = registrationMessages(ctx.locale);
  if (meeting.registrationConfirmation === 'secretariat') throw new AppError('conflict', words.awaitingApprovalExists, { fields: { email: words.awaitingApprovalExists } });
  return tx.transaction(async (savepoint) => {
    const [updated] = await savepoint.update(registrations).set({ ...registrationDetails(request, late), updatedAt: now }).where(eq(registrations.id, existing.id)).returning();
    if (confirmedBy) return confirmPending(savepoint, actor, activity, meeting, updated!, confirmedBy, ctx);
    return { registration: await resendInTx(savepoint, actor, activity, meeting, updated!, ctx), token: null };
  });
}

/**
 * Confirms a pending registration inside the caller's transaction (meeting locked, registration read): a place or the
 * waiting list, the confirmation link spent, a new manage link mailed with the details (.ics, remote link by the one
 * rule). Side effects: a `registration.confirmed` or `registration.approved` event; the `registered` mail.
 */
async function confirmPending(tx: Tx, actor: Actor, activity: Activity, meeting: Meeting, pending: Registration, by: RegistrationConfirmedBy, ctx: RegistrationContext): Promise<Registered> {
  const now = ctx.now ?? new Date();
  requireRegistrationState(by === 'secretariat' ? 'approve' : 'confirm', pending, ctx.locale);
  const placed = await placeFor(tx, meeting, pending.mode, now);
  const token = newToken();
  const [registration] = await tx
    .update(registrations)
    .set({ ...placed, confirmedAt: now, confirmedBy: by, confirmationTokenHash: null, confirmationExpiresAt: null, manageTokenHash: hashToken(token), updatedAt: now })
    .where(eq(registrations.id, pending.id))
    .returning();
  if (!registration) throw notFound();
  await mailRegistrant(tx, 'registered', activity, meeting, registration, { token, fallback: ctx.locale }, ctx);
  await recordEvent(tx, actor, {
    kind: by === 'secretariat' ? 'registration.approved' : 'registration.confirmed',
    subjectType: 'meeting',
    subjectId: meeting.id,
    activityId: activity.id,
    summary: `${registration.name}'s registration for meeting ${meeting.number} ${by === 'secretariat' ? 'approved' : 'confirmed'} (${registration.mode}${registration.status === 'waiting' ? ', waiting list' : ''})`,
    before: { registrationId: pending.id, status: pending.status },
    after: { registrationId: pending.id, name: registration.name, mode: registration.mode, status: registration.status, confirmedBy: by },
  });
  return { registration, token };
}

/** A new confirmation link for a pending registration, mailed (throttled). Side effects: a `registration.confirmation_resent` event; the mail. */
async function resendInTx(tx: Tx, actor: Actor, activity: Activity, meeting: Meeting, pending: Registration, ctx: RegistrationContext): Promise<Registration> {
  const now = ctx.now ?? new Date();
  requireRegistrationState('resend_confirmation', pending, ctx.locale);
  if (meeting.registrationConfirmation !== 'email') throw new AppError('conflict', registrationMessages(ctx.locale).approvalOnly);
  await throttleUnconfirmedMail(tx, pending.email, ctx.locale);
  const confirmation = newConfirmation(now);
  const [registration] = await tx.update(registrations).set({ ...confirmation.set, updatedAt: now }).where(eq(registrations.id, pending.id)).returning();
  if (!registration) throw notFound();
  await mailUnconfirmed(tx, 'confirm', activity, meeting, registration, { token: confirmation.token, fallback: ctx.locale }, ctx);
  await recordEvent(tx, actor, {
    kind: 'registration.confirmation_resent',
    subjectType: 'meeting',
    subjectId: meeting.id,
    activityId: activity.id,
    summary: `A new confirmation link was sent to ${registration.name} for meeting ${meeting.number}`,
    after: { registrationId: registration.id, name: registration.name },
  });
  return registration;
}

/** What a confirmation link leads to: the pending registration, or why it no longer confirms anything. */
export type ConfirmationLink =
  | { state: 'valid'; registration: Registration; meeting: Meeting }
  | { state: 'expired'; registration: Registration; meeting: Meeting };

/** The registration a confirmation link points to within the meeting; not found (with a message) for a spent or unknown link. */
async function pendingByLink(tx: Tx, activity: Activity, meeting: Meeting, token: string, locale: Locale, lock: boolean): Promise<Registration> {
  const unknown = () => notFound(registrationMessages(locale).linkUnknown);
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw unknown();
  const query = tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.confirmationTokenHash, hashToken(token)), eq(registrations.status, 'pending')));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw unknown();
  return row;
}

/** Reads a confirmation link without using it (what its page shows before the registrant confirms). */
export async function readConfirmationLink(db: Db, activity: Activity, meetingId: number, token: string, ctx: { locale: Locale; now?: Date }): Promise<ConfirmationLink> {
  const [meeting] = await db.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.activityId, activity.id)));
  if (!meeting) throw notFound();
  const registration = await pendingByLink(db, activity, meeting, token, ctx.locale, false);
  const now = ctx.now ?? new Date();
  return { state: registration.confirmationExpiresAt && registration.confirmationExpiresAt.getTime() < now.getTime() ? 'expired' : 'valid', registration, meeting };
}

/**
 * Confirms a registration from its mailed link, once: the link is spent, and an unknown or spent one is not found;
 * an expired one is refused (409, `details.expired`), as is a meeting now closed or approving registrations itself.
 * Side effects: as confirmPending. Returns the registration and its new manage token.
 */
export async function confirmRegistration(db: Db, actor: Actor, activity: Activity, meetingId: number, token: string, ctx: RegistrationContext): Promise<Registered> {
  const words = registrationMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, activity, meetingId);
    const pending = await pendingByLink(tx, activity, meeting, token, ctx.locale, true);
    checkOpen(meeting, now, meetingMessages(ctx.locale));
    if (meeting.registrationConfirmation !== 'email') throw new AppError('conflict', words.approvalOnly);
    if (pending.confirmationExpiresAt && pending.confirmationExpiresAt.getTime() < now.getTime()) {
      throw new AppError('conflict', words.linkExpired(formatDateTime(pending.confirmationExpiresAt, ctx.locale, meeting.timeZone)), { expired: true });
    }
    return confirmPending(tx, actor, activity, meeting, pending, 'email', ctx);
  });
}

/**
 * Sends a new confirmation link to a pending registration's address: asked from an expired link (`token`, whoever
 * holds it: the mail goes only to the address registered) or by the secretariat (`registrationId`). Throttled per
 * address. Side effects: as resendInTx.
 */
export async function resendConfirmation(db: Db, actor: Actor, activity: Activity, meetingId: number, access: RegistrationAccess, ctx: RegistrationContext): Promise<Registration> {
  return db.transaction(async (tx) => {
    if ('token' in access) {
      const meeting = await lockMeeting(tx, activity, meetingId);
      const pending = await pendingByLink(tx, activity, meeting, access.token, ctx.locale, true);
      checkOpen(meeting, ctx.now ?? new Date(), meetingMessages(ctx.locale));
      return resendInTx(tx, actor, activity, meeting, pending, ctx);
    }
    if (!canMeeting(actor, 'manage', activity)) throw forbidden();
    const { registration, meeting } = await registrationForChange(tx, actor, activity, meetingId, access);
    checkOpen(meeting, ctx.now ?? new Date(), meetingMessages(ctx.locale));
    return resendInTx(tx, actor, activity, meeting, registration, ctx);
  });
}

/**
 * The secretariat approves a pending registration (whatever the meeting's choice: also for someone whose mail never
 * arrived). Side effects: as confirmPending, with a `registration.approved` event.
 */
export async function approveRegistration(db: Db, actor: Actor, activity: Activity, meetingId: number, registrationId: number, ctx: RegistrationContext): Promise<Registration> {
  if (!canMeeting(actor, 'read', activity)) throw notFound();
  if (!canMeeting(actor, 'manage', activity)) throw forbidden();
  return db.transaction(async (tx) => {
    const { registration: pending, meeting } = await registrationForChange(tx, actor, activity, meetingId, { registrationId });
    checkOpen(meeting, ctx.now ?? new Date(), meetingMessages(ctx.locale));
    return (await confirmPending(tx, actor, activity, meeting, pending, 'secretariat', ctx)).registration;
  });
}

/**
 * Gives freed onsite places to the waiting list, first come first served, as long as places are free (all of it when
 * the meeting has no limit). Runs inside the caller's transaction, which holds the meeting row locked.
 * Side effects per person: a `registration.promoted` event and a mail (in their language: someone else's change freed
 * the place).
 */
export async function promoteFromWaitingList(tx: Tx, actor: Actor, activity: Activity, meeting: Meeting, ctx: RegistrationContext): Promise<number> {
  const waiting = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.status, 'waiting')))
    .orderBy(asc(registrations.waitingSince), asc(registrations.id));
  if (!waiting.length || meeting.status === 'cancelled') return 0;
  const free = meeting.onsiteCapacity === null ? waiting.length : Math.max(0, meeting.onsiteCapacity - (await onsiteTaken(tx, meeting.id)));
  let promoted = 0;
  for (const next of waiting.slice(0, free)) {
    const [registration] = await tx
      .update(registrations)
      .set({ status: registrationSteps.promote.to, waitingSince: null, updatedAt: new Date() })
      .where(eq(registrations.id, next.id))
      .returning();
    if (!registration) continue;
    await mailRegistrant(tx, 'promoted', activity, meeting, registration, { fallback: 'en' }, ctx);
    await recordEvent(tx, actor, {
      kind: 'registration.promoted',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `${registration.name} moved from the waiting list to an onsite place at meeting ${meeting.number}`,
      before: { registrationId: registration.id, status: next.status },
      after: { registrationId: registration.id, name: registration.name, status: registration.status },
    });
    promoted++;
  }
  return promoted;
}

/**
 * The registration reached by token or id, read once and locked after its meeting (always in that order, so two
 * changes never wait on each other crosswise). By id, only its owner and the secretariat reach it; anyone else finds
 * nothing, as for a registration that does not exist.
 */
async function registrationForChange(tx: Tx, actor: Actor, activity: Activity, meetingId: number, access: RegistrationAccess) {
  const meeting = await lockMeeting(tx, activity, meetingId);
  const hash = 'token' in access ? hashToken(access.token) : null;
  const [registration] = await tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meeting.id),
        hash ? eq(registrations.manageTokenHash, hash) : undefined,
        access.registrationId !== undefined ? eq(registrations.id, access.registrationId) : undefined,
      ),
    )
    .for('update');
  if (!registration) throw notFound();
  // The token is the key; without it, the policy decides.
  if (!hash && !canMeeting(actor, 'manage_registration', activity, { ownRegistration: ownsRegistration(actor, registration) })) throw notFound();
  return { registration, meeting };
}

/** Whether the registration is the actor's: linked to their account, or made with their address. */
const ownsRegistration = (actor: Actor, registration: Registration) =>
  actor.kind === 'user' && (registration.userId === actor.userId || registration.email.toLowerCase() === actor.email.toLowerCase());

/**
 * Changes how someone attends. Moving to onsite when the places are taken puts them on the waiting list; leaving an
 * onsite place gives it to the next person waiting. Side effects: a `registration.changed` event; a mail (with the
 * .ics) to the registrant; promotion mails.
 */
export async function changeRegistrationMode(
  db: Db,
  actor: Actor,
  activity: Activity,
  meetingId: number,
  access: RegistrationAccess,
  mode: RegistrationMode,
  ctx: RegistrationContext,
): Promise<Registration> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const { registration: before, meeting } = await registrationForChange(tx, actor, activity, meetingId, access);
    requireRegistrationState('change_mode', before, ctx.locale);
    checkOpen(meeting, now, m);
    checkModeOffered(meeting, mode, m);
    if (before.mode === mode) return before;
    const leavesPlace = before.mode === 'onsite' && before.status === 'registered';
    const waiting = mode === 'onsite' && !(await hasFreeOnsitePlace(tx, meeting));
    const [registration] = await tx
      .update(registrations)
      .set({ mode, status: waiting ? 'waiting' : 'registered', waitingSince: waiting ? now : null, updatedAt: new Date() })
      .where(eq(registrations.id, before.id))
      .returning();
    if (!registration) throw notFound();
    await mailRegistrant(tx, 'changed', activity, meeting, registration, { fallback: ctx.locale }, ctx);
    await recordEvent(tx, actor, {
      kind: 'registration.changed',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: activity.id,
      summary: `${registration.name} now attends meeting ${meeting.number} ${mode}${waiting ? ' (waiting list)' : ''}`,
      before: { registrationId: before.id, mode: before.mode, status: before.status },
      after: { registrationId: before.id, name: registration.name, mode, status: registration.status },
    });
    if (leavesPlace) await promoteFromWaitingList(tx, actor, activity, meeting, ctx);
    return registration;
  });
}

/**
 * Cancels a registration (a pending one too: the secretariat's way to turn one down). An onsite place it held goes to
 * the next person waiting. Side effects: a `registration.cancelled` event; a mail to the registrant unless it was
 * pending; promotion mails.
 */
export async function cancelRegistration(db: Db, actor: Actor, activity: Activity, meetingId: number, access: RegistrationAccess, ctx: RegistrationContext): Promise<Registration> {
  return db.transaction(async (tx) => {
    const { registration: before, meeting } = await registrationForChange(tx, actor, activity, meetingId, access);
    requireRegistrationState('cancel', before, ctx.locale);
    const [registration] = await tx
      .update(registrations)
      .set({ status: registrationSteps.cancel.to, waitingSince: null, cancelledAt: new Date(), updatedAt: new Date() })
      .where(eq(registrations.id, before.id))
      .returning();
    if (!registration) throw notFound();
    // Nobody confirmed a pending one's address: it gets no mail but the confirmation.
    if (before.status !== 'pending') await mailRegistrant(tx, 'cancelled', activity, meeting, registration, { fallback: ctx.locale }, ctx);
    await recordEvent(tx, actor, {
      kind: 'registration.cancelled',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: activity.id,
      summary: `${registration.name} cancelled their registration for meeting ${meeting.number}`,
      before: { registrationId: before.id, mode: before.mode, status: before.status },
      after: { registrationId: before.id, name: registration.name, status: 'cancelled' },
    });
    if (before.mode === 'onsite' && before.status === 'registered') await promoteFromWaitingList(tx, actor, activity, meeting, ctx);
    return registration;
  });
}

/**
 * Records who attended, once the meeting has started: the registered participants listed are marked present, the
 * others absent. Side effects: a `registration.attendance` event with the count (none when nothing changed).
 */
export async function markAttendance(db: Db, actor: Actor, activity: Activity, meetingId: number, attendedIds: number[], ctx: RegistrationContext): Promise<number> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  if (!canMeeting(actor, 'read', activity)) throw notFound();
  if (!canMeeting(actor, 'mark_attendance', activity)) throw forbidden();
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, activity, meetingId);
    if (now.getTime() < meeting.startsAt.getTime()) throw new AppError('conflict', m.attendanceTooEarly);
    const rows = await tx
      .select({ id: registrations.id, attended: registrations.attended })
      .from(registrations)
      .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'registered')));
    const present = new Set(attendedIds);
    let count = 0;
    let changed = 0;
    for (const row of rows) {
      const attended = present.has(row.id);
      if (attended) count++;
      if (row.attended === attended) continue;
      changed++;
      await tx.update(registrations).set({ attended, updatedAt: new Date() }).where(eq(registrations.id, row.id));
    }
    if (changed) {
      await recordEvent(tx, actor, {
        kind: 'registration.attendance',
        subjectType: 'meeting',
        subjectId: meeting.id,
        activityId: activity.id,
        summary: `Attendance at meeting ${meeting.number}: ${count} of ${rows.length} present`,
        after: { present: count, registered: rows.length },
      });
    }
    return count;
  });
}
