// Mailing lists and their subscribers: the only code that changes mailing_lists and list_subscriptions.
//
// Who receives a list: every person holding a role in the activity (with an e-mail address) — read from the
// memberships at each send, never copied, so a new member receives the next announcement and a former member does
// not — plus everyone who subscribed and confirmed by mail, minus everyone who unsubscribed. A member gets a row in
// list_subscriptions only when one is needed: to carry their unsubscribe token, or their opt-out.
import { hashToken, newToken } from '../../platform/tokens.ts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, requireUser, systemActor } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { users } from '../../platform/schema.ts';
import { activities, activityMemberships, people } from '../../db/schema.ts';
import { listMessages } from './messages.ts';
import { canList } from './policy.ts';
import { listSubscriptions, mailingLists } from './schema.ts';

type ActivityRef = typeof activities.$inferSelect;
export type MailingList = typeof mailingLists.$inferSelect;
export type Subscription = typeof listSubscriptions.$inferSelect;
export type ListContext = { locale: Locale; baseUrl: string };

const confirmValidMs = 7 * 24 * 3600 * 1000;
/** A second request for the same address within this time sends no second mail (nobody is mail-bombed through us). */
const resendAfterMs = 10 * 60 * 1000;

export const unsubscribePath = (token: string) => `/lists/unsubscribe/${token}`;
export const confirmSubscriptionPath = (token: string) => `/lists/confirm/${token}`;
export const listPagePath = (activity: { acronym: string }) => `/activities/${encodeURIComponent(activity.acronym)}/mailing-list`;

/** The address people write to: the one recorded on the activity, or the list's own. */
export const listAddress = (activity: ActivityRef, list: MailingList) => activity.mailingList ?? list.address;

/** The activity's list, created the first time anything needs it. Side effects then: a `mailing_list.created` event. */
export async function ensureList(tx: Tx, activity: ActivityRef, baseUrl: string): Promise<MailingList> {
  const [existing] = await tx.select().from(mailingLists).where(eq(mailingLists.activityId, activity.id));
  if (existing) return existing;
  const address = `${activity.acronym.toLowerCase()}@lists.${new URL(baseUrl).hostname}`;
  const created = await tx.insert(mailingLists).values({ activityId: activity.id, address }).onConflictDoNothing().returning();
  const [list] = created.length ? created : await tx.select().from(mailingLists).where(eq(mailingLists.activityId, activity.id));
  if (!list) throw new Error('mailing list missing after insert');
  if (created.length) {
    await recordEvent(tx, systemActor(), {
      kind: 'mailing_list.created',
      subjectType: 'mailing_list',
      subjectId: list.id,
      activityId: activity.id,
      summary: `Mailing list of ${activity.acronym} created (${address})`,
      after: { address },
    });
  }
  return list;
}

/** The SQL for the addresses of the activity's members: the person's address, else their account's. */
export const memberAddressesSql = (activityId: number) => sql`
  select distinct lower(coalesce(${people.email}, ${users.email})) as email, ${people.id} as person_id
  from ${activityMemberships}
  join ${people} on ${people.id} = ${activityMemberships.personId}
  left join ${users} on ${users.id} = ${people.userId}
  where ${activityMemberships.activityId} = ${activityId} and coalesce(${people.email}, ${users.email}) is not null`;

/** Gives each member a subscription row (active, with an unsubscribe token) if they have none yet. */
export async function materializeMemberSubscriptions(tx: Tx, list: MailingList): Promise<void> {
  const members = (await tx.execute(memberAddressesSql(list.activityId))) as unknown as { rows: { email: string; person_id: number }[] };
  const seen = new Set<string>();
  const rows = members.rows
    .filter((m) => !seen.has(m.email) && seen.add(m.email))
    .map((m) => ({ listId: list.id, email: m.email, personId: m.person_id, status: 'active' as const, source: 'member' as const, unsubscribeToken: newToken(), subscribedAt: new Date() }));
  if (rows.length) await tx.insert(listSubscriptions).values(rows).onConflictDoNothing();
}

export type ListOverview = {
  list: MailingList;
  address: string;
  /** counts, for those who send */
  counts?: { members: number; others: number };
  /** the signed-in reader's own situation: a member receiving it, a member who opted out, or a subscriber */
  own?: 'member' | 'member_unsubscribed' | 'subscribed';
};

/** What the list page shows: the address, the reader's own status and, for senders, how many receive it. */
export async function listOverview(db: Db, actor: Actor, activity: ActivityRef, baseUrl: string): Promise<ListOverview> {
  if (!canList(actor, 'read_archive', activity)) throw notFound();
  const list = await db.transaction((tx) => ensureList(tx, activity, baseUrl));
  const overview: ListOverview = { list, address: listAddress(activity, list) };
  if (canList(actor, 'send', activity)) {
    const result = (await db.execute(sql`
      with members as (${memberAddressesSql(activity.id)})
      select
        (select count(*) from members m where not exists (select 1 from ${listSubscriptions} s
           where s.list_id = ${list.id} and lower(s.email) = m.email and s.status = 'unsubscribed'))::int as members,
        (select count(*) from ${listSubscriptions} s where s.list_id = ${list.id} and s.status = 'active'
           and lower(s.email) not in (select email from members))::int as others`)) as unknown as { rows: { members: number; others: number }[] };
    overview.counts = result.rows[0] ?? { members: 0, others: 0 };
  }
  if (actor.kind === 'user') {
    const mine = (await db.execute(sql`select 1 from (${memberAddressesSql(activity.id)}) m where m.email = ${actor.email.toLowerCase()}
      or m.person_id = ${actor.personId ?? 0}`)) as unknown as { rows: unknown[] };
    const [row] = await db
      .select()
      .from(listSubscriptions)
      .where(and(eq(listSubscriptions.listId, list.id), sql`lower(${listSubscriptions.email}) = ${actor.email.toLowerCase()}`));
    if (mine.rows.length) overview.own = row?.status === 'unsubscribed' ? 'member_unsubscribed' : 'member';
    else if (row?.status === 'active') overview.own = 'subscribed';
  }
  return overview;
}

/**
 * Asks to subscribe an address to a public activity's list (double opt-in): a pending row and a mail with a link to
 * confirm it. An address already subscribed gets nothing new, and an address asked for in the last ten minutes gets
 * no second mail; the answer is the same in every case, so the form tells nobody who is on the list.
 * Side effects: a `mailing_list.subscription_requested` event (without the address); the confirmation mail.
 */
export async function requestSubscription(db: Db, actor: Actor, activityId: number, email: string, ctx: ListContext): Promise<void> {
  await db.transaction(async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
    if (!activity || !canList(actor, 'read_archive', activity)) throw notFound();
    if (!canList(actor, 'subscribe', activity)) throw forbidden(listMessages(ctx.locale).subscribeClosed);
    const list = await ensureList(tx, activity, ctx.baseUrl);
    const address = email.toLowerCase();
    const [existing] = await tx
      .select()
      .from(listSubscriptions)
      .where(and(eq(listSubscriptions.listId, list.id), sql`lower(${listSubscriptions.email}) = ${address}`))
      .for('update');
    if (existing?.status === 'active') return;
    if (existing?.status === 'pending' && existing.confirmRequestedAt && Date.now() - existing.confirmRequestedAt.getTime() < resendAfterMs) return;
    const token = newToken();
    const now = new Date();
    let subscriptionId: number;
    if (existing) {
      await tx
        .update(listSubscriptions)
        .set({ status: 'pending', confirmTokenHash: hashToken(token), confirmRequestedAt: now })
        .where(eq(listSubscriptions.id, existing.id));
      subscriptionId = existing.id;
    } else {
      const [row] = await tx
        .insert(listSubscriptions)
        .values({ listId: list.id, email: address, status: 'pending', source: 'self', confirmTokenHash: hashToken(token), confirmRequestedAt: now, unsubscribeToken: newToken() })
        .returning({ id: listSubscriptions.id });
      subscriptionId = row!.id;
    }
    await recordEvent(tx, actor, {
      kind: 'mailing_list.subscription_requested',
      subjectType: 'list_subscription',
      subjectId: subscriptionId,
      activityId,
      summary: `Subscription #${subscriptionId} to the list of ${activity.acronym} requested; waiting for confirmation by mail`,
    });
    const words = listMessages(ctx.locale).mail;
    const mail = { acronym: activity.acronym, address, link: `${ctx.baseUrl}${confirmSubscriptionPath(token)}` };
    await enqueueMail(tx, { purpose: 'list_subscription_confirm', to: address, subject: words.confirmSubject(mail), text: words.confirmBody(mail) }, new URL(ctx.baseUrl).hostname);
  });
}

export type TokenSubscription = { subscription: Subscription; activity: ActivityRef };

/** The pending subscription behind a confirmation link (valid for 7 days), or not found. */
export async function subscriptionByConfirmToken(tx: Tx, token: string, locale: Locale): Promise<TokenSubscription> {
  const [row] = await tx
    .select({ subscription: listSubscriptions, activity: activities })
    .from(listSubscriptions)
    .innerJoin(mailingLists, eq(mailingLists.id, listSubscriptions.listId))
    .innerJoin(activities, eq(activities.id, mailingLists.activityId))
    .where(eq(listSubscriptions.confirmTokenHash, hashToken(token)));
  const requested = row?.subscription.confirmRequestedAt;
  if (!row || row.subscription.status !== 'pending' || !requested || Date.now() - requested.getTime() > confirmValidMs) {
    throw notFound(listMessages(locale).confirmInvalid);
  }
  return row;
}

/** Confirms a pending subscription from its mailed link. Side effects: a `mailing_list.subscribed` event. */
export async function confirmSubscription(db: Db, token: string, locale: Locale): Promise<TokenSubscription> {
  return db.transaction(async (tx) => {
    const found = await subscriptionByConfirmToken(tx, token, locale);
    await tx
      .update(listSubscriptions)
      .set({ status: 'active', subscribedAt: new Date(), confirmTokenHash: null, unsubscribedAt: null })
      .where(eq(listSubscriptions.id, found.subscription.id));
    await recordEvent(tx, systemActor('confirmation link'), {
      kind: 'mailing_list.subscribed',
      subjectType: 'list_subscription',
      subjectId: found.subscription.id,
      activityId: found.activity.id,
      summary: `Subscription #${found.subscription.id} to the list of ${found.activity.acronym} confirmed`,
    });
    return found;
  });
}

/** The subscription behind an unsubscribe link, or not found. The token is the only secret needed. */
export async function subscriptionByUnsubscribeToken(tx: Tx, token: string, locale: Locale): Promise<TokenSubscription> {
  const [row] = await tx
    .select({ subscription: listSubscriptions, activity: activities })
    .from(listSubscriptions)
    .innerJoin(mailingLists, eq(mailingLists.id, listSubscriptions.listId))
    .innerJoin(activities, eq(activities.id, mailingLists.activityId))
    .where(eq(listSubscriptions.unsubscribeToken, token));
  if (!row) throw notFound(listMessages(locale).unsubscribeInvalid);
  return row;
}

/**
 * One-click unsubscribe (RFC 8058) or the button on the confirm page: the address stops receiving the list, a
 * member's too (their opt-out outlives the membership rows). Unsubscribing twice changes nothing.
 * Side effects: a `mailing_list.unsubscribed` event the first time.
 */
export async function unsubscribeByToken(db: Db, token: string, locale: Locale): Promise<TokenSubscription> {
  return db.transaction(async (tx) => {
    const found = await subscriptionByUnsubscribeToken(tx, token, locale);
    if (found.subscription.status === 'unsubscribed') return found;
    await tx.update(listSubscriptions).set({ status: 'unsubscribed', unsubscribedAt: new Date(), confirmTokenHash: null }).where(eq(listSubscriptions.id, found.subscription.id));
    await recordEvent(tx, systemActor('unsubscribe link'), {
      kind: 'mailing_list.unsubscribed',
      subjectType: 'list_subscription',
      subjectId: found.subscription.id,
      activityId: found.activity.id,
      summary: `Subscription #${found.subscription.id} to the list of ${found.activity.acronym} ended by its unsubscribe link`,
      before: { status: found.subscription.status },
      after: { status: 'unsubscribed' },
    });
    return { ...found, subscription: { ...found.subscription, status: 'unsubscribed' } };
  });
}

/**
 * A signed-in reader turns their own subscription off or (a member who opted out, or a subscriber) back on; the
 * address is their account's. Side effects: a `mailing_list.unsubscribed` or `mailing_list.subscribed` event.
 */
export async function setOwnSubscription(db: Db, actor: Actor, activityId: number, receive: boolean, ctx: ListContext): Promise<void> {
  const user = requireUser(actor);
  await db.transaction(async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
    if (!activity || !canList(actor, 'read_archive', activity)) throw notFound();
    const list = await ensureList(tx, activity, ctx.baseUrl);
    await materializeMemberSubscriptions(tx, list);
    const address = user.email.toLowerCase();
    const [row] = await tx
      .select()
      .from(listSubscriptions)
      .where(and(eq(listSubscriptions.listId, list.id), sql`lower(${listSubscriptions.email}) = ${address}`))
      .for('update');
    // Only the reader's own row; someone with no row and no role subscribes through the form (confirmed by mail).
    if (!row) throw forbidden();
    const status = receive ? 'active' : 'unsubscribed';
    if (row.status === status) return;
    await tx
      .update(listSubscriptions)
      .set(receive ? { status, subscribedAt: new Date(), unsubscribedAt: null } : { status, unsubscribedAt: new Date() })
      .where(eq(listSubscriptions.id, row.id));
    await recordEvent(tx, actor, {
      kind: receive ? 'mailing_list.subscribed' : 'mailing_list.unsubscribed',
      subjectType: 'list_subscription',
      subjectId: row.id,
      activityId,
      summary: `Subscription #${row.id} to the list of ${activity.acronym} turned ${receive ? 'on' : 'off'} by its owner`,
      before: { status: row.status },
      after: { status },
    });
  });
}
