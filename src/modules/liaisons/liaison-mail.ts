// The mail a statement's changes send: to approvers, to the secretariat and the drafter, to the assignee, and the
// statement itself to the bodies it is addressed to. Each function writes outbox rows in the caller's transaction
// and says whom it leaves out (the one who acts is not told what they just did).
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { type MailAttachment, users } from '../../platform/schema.ts';
import { people } from '../../db/schema.ts';
import { type ActivityRef, type Approver, type LiaisonRow, type LiaisonView, referenceOf, secretariatAddresses } from './liaison-queries.ts';
import { liaisonMessages } from './messages.ts';

/** Where the links in a mail point (the site's address). */
export type MailLinks = { baseUrl: string };

export const liaisonHref = (activity: { acronym: string }, statementId: number) =>
  `/activities/${encodeURIComponent(activity.acronym)}/liaisons/${statementId}`;

/** What every liaison mail says of the statement, in the reader's language. */
export function mailFacts(activity: ActivityRef, row: LiaisonRow, links: MailLinks, locale: Locale) {
  const m = liaisonMessages(locale);
  return {
    acronym: activity.acronym,
    reference: referenceOf(row),
    title: row.title.replace(/\s+/g, ' ').trim(),
    purpose: m.purposes[row.purpose],
    deadline: row.deadline ? formatDate(row.deadline, locale) : null,
    link: `${links.baseUrl}${liaisonHref(activity, row.id)}`,
  };
}

/** The domain of Message-IDs: the site's host name. */
export const mailDomain = (links: MailLinks) => new URL(links.baseUrl).hostname;

const actorEmail = (actor: Actor) => (actor.kind === 'user' ? actor.email.toLowerCase() : '');

/** The drafter's account address, unless the account is disabled. */
async function drafterAddress(tx: Tx, row: LiaisonRow): Promise<{ email: string; locale: Locale; name: string } | undefined> {
  if (!row.createdByUserId) return undefined;
  const [account] = await tx.select().from(users).where(eq(users.id, row.createdByUserId));
  return account && !account.disabledAt ? { email: account.email, locale: account.locale ?? 'en', name: account.name } : undefined;
}

/** Asks each approver to approve a submitted statement, in their language; the one who submits is not asked. */
export async function mailApprovalRequests(tx: Tx, actor: Actor, activity: ActivityRef, row: LiaisonRow, approvers: Approver[], links: MailLinks): Promise<void> {
  for (const approver of approvers) {
    if (approver.email.toLowerCase() === actorEmail(actor)) continue;
    const words = liaisonMessages(approver.locale).mail;
    const facts = { ...mailFacts(activity, row, links, approver.locale), drafter: actorLabel(actor) };
    await enqueueMail(tx, { purpose: 'liaison_approval_requested', to: approver.email, subject: words.approvalSubject(facts), text: words.approvalBody(facts) }, mailDomain(links));
  }
}

/** Tells the secretariat (who sends) and the drafter that a statement is approved; each address once, never the approver. */
export async function mailApproved(tx: Tx, actor: Actor, activity: ActivityRef, row: LiaisonRow, links: MailLinks): Promise<void> {
  const told = new Set<string>([actorEmail(actor)]);
  const drafter = await drafterAddress(tx, row);
  for (const to of [...(await secretariatAddresses(tx, activity)), ...(drafter ? [drafter] : [])]) {
    if (told.has(to.email.toLowerCase())) continue;
    told.add(to.email.toLowerCase());
    const words = liaisonMessages(to.locale).mail;
    const facts = { ...mailFacts(activity, row, links, to.locale), approver: actorLabel(actor) };
    await enqueueMail(tx, { purpose: 'liaison_approved', to: to.email, subject: words.approvedSubject(facts), text: words.approvedBody(facts) }, mailDomain(links));
  }
}

/** Tells the drafter why their statement came back, unless they returned it themselves. */
export async function mailReturned(tx: Tx, actor: Actor, activity: ActivityRef, row: LiaisonRow, reason: string, links: MailLinks): Promise<void> {
  const drafter = await drafterAddress(tx, row);
  if (!drafter || drafter.email.toLowerCase() === actorEmail(actor)) return;
  const words = liaisonMessages(drafter.locale).mail;
  const facts = { ...mailFacts(activity, row, links, drafter.locale), by: actorLabel(actor), reason };
  await enqueueMail(tx, { purpose: 'liaison_returned', to: drafter.email, subject: words.returnedSubject(facts), text: words.returnedBody(facts) }, mailDomain(links));
}

/** Tells a new assignee (at their account's address, else the person's) what they now follow, unless they assigned themselves. */
export async function mailAssignee(tx: Tx, actor: Actor, activity: ActivityRef, row: LiaisonRow, personId: number, links: MailLinks): Promise<void> {
  const [person] = await tx
    .select({ email: people.email, userEmail: users.email, locale: users.locale, disabledAt: users.disabledAt })
    .from(people)
    .leftJoin(users, eq(users.id, people.userId))
    .where(eq(people.id, personId));
  const to = person?.userEmail && !person.disabledAt ? person.userEmail : person?.email;
  if (!person || !to || to.toLowerCase() === actorEmail(actor)) return;
  const locale = person.locale ?? 'en';
  const words = liaisonMessages(locale).mail;
  const facts = { ...mailFacts(activity, row, links, locale), by: actorLabel(actor) };
  await enqueueMail(tx, { purpose: 'liaison_assigned', to, subject: words.assignedSubject(facts), text: words.assignedBody(facts) }, mailDomain(links));
}

/**
 * The statement itself, one mail per recipient, with its attachments, Reply-To the activity's secretariat. Bodies
 * outside are written to in English, the working language of the statement.
 */
export async function mailStatement(tx: Tx, activity: ActivityRef, view: LiaisonView, recipients: { name: string; email: string }[], links: MailLinks): Promise<void> {
  const attachments: MailAttachment[] = view.attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, sha256: a.sha256 }));
  const replyTo = (await secretariatAddresses(tx, activity))[0]?.email;
  const words = liaisonMessages('en').mail;
  for (const recipient of recipients) {
    const facts = {
      ...mailFacts(activity, view, links, 'en'),
      body: view.body,
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
      mailDomain(links),
    );
  }
}
