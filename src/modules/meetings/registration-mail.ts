// The mail a registration's changes send to the registrant, in their language: the confirmation with the link to
// manage it, a promotion from the waiting list, a change of mode, a cancellation; the meeting goes along as an .ics
// file while they are expected.
import type { Tx } from '../../db/engine.ts';
import { accountLocales } from '../../platform/auth/accounts.ts';
import { inList } from '../../db/bulk.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { enqueueMail, type OutgoingMail } from '../../platform/mail/outbox.ts';
import { users } from '../../platform/schema.ts';
import type { Activity } from '../activities/index.ts';
import { meetingEvent, renderCalendar } from './calendar.ts';
import type { Meeting } from './deadlines.ts';
import { meetingPath } from './meeting-paths.ts';
import { type MeetingMessages, meetingMessages, type RegistrationMail } from './messages.ts';
import type { Registration } from './registration-queries.ts';
import { type ConfirmationMail, registrationMessages } from './registration-messages.ts';
import { registrationHoldsRemoteLink } from './registration-states.ts';

/** Where the links in a mail point (the site's address). */
export type MailLinks = { baseUrl: string };

/**
 * The language to write to each registrant in, in the order given: their account's (linked to the registration, else
 * the account with that address), else the one they registered in; null when neither is known. The one rule for every
 * mail to registrants: confirmations, promotions, cancellations, reminders.
 */
export async function registrantLocales(tx: Tx, rows: Pick<Registration, 'userId' | 'email' | 'locale'>[]): Promise<(Locale | null)[]> {
  const userIds = [...new Set(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])))];
  const byUser = new Map(
    userIds.length ? (await tx.select({ id: users.id, locale: users.locale }).from(users).where(inList(users.id, userIds))).map((u) => [u.id, u.locale]) : [],
  );
  const linked = (r: (typeof rows)[number]) => (r.userId === null ? null : (byUser.get(r.userId) ?? null));
  const byAddress = await accountLocales(tx, rows.filter((r) => !linked(r)).map((r) => r.email));
  return rows.map((r) => linked(r) ?? byAddress.get(r.email.toLowerCase()) ?? r.locale ?? null);
}

function mailDetails(activity: Activity, meeting: Meeting, registration: Registration, token: string | null, ctx: MailLinks & { locale: Locale }, m: MeetingMessages): RegistrationMail {
  const path = meetingPath(activity, meeting);
  return {
    name: registration.name,
    acronym: activity.acronym,
    meetingTitle: `${activity.acronym} ${m.numberedTitle(meeting.number, meeting.title)}`,
    when: `${formatDateTime(meeting.startsAt, ctx.locale, meeting.timeZone)} – ${formatDateTime(meeting.endsAt, ctx.locale, meeting.timeZone)} (${meeting.timeZone})`,
    place: [meeting.venue, meeting.city].filter(Boolean).join(', '),
    mode: registration.mode,
    status: registration.status,
    late: registration.late,
    // The one rule (registration-states.ts): only a confirmed registration with a place is given the link.
    remoteUrl: registrationHoldsRemoteLink(registration) && (registration.mode === 'remote' || meeting.mode !== 'physical') ? meeting.remoteUrl : null,
    meetingLink: `${ctx.baseUrl}${path}`,
    // Without the token (a promotion mail written later) the link leads to the registration page, where a signed-in
    // registrant manages it; the confirmation mail already carried the token link.
    manageLink: token ? `${ctx.baseUrl}${path}/registration/${token}` : `${ctx.baseUrl}${path}/register`,
  };
}

/** The meeting as an .ics attachment; the remote link goes in by the same rule as the mail's text. */
function calendarAttachment(activity: Activity, meeting: Meeting, registration: Registration, ctx: MailLinks) {
  const path = meetingPath(activity, meeting);
  const content = renderCalendar({
    name: `${activity.acronym} meeting ${meeting.number}`,
    timeZone: meeting.timeZone,
    events: [meetingEvent(activity, meeting, { baseUrl: ctx.baseUrl, path, includeRemoteUrl: registrationHoldsRemoteLink(registration) })],
  });
  return { fileName: `${activity.acronym}-meeting-${meeting.number}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content };
}

/** What each registration mail is: its outbox purpose, its words, and whether the meeting goes along as an .ics file. */
const registrationMails = {
  registered: { purpose: 'meetings.registration', subject: 'registeredSubject', body: 'registeredBody', calendar: true },
  promoted: { purpose: 'meetings.registration_promoted', subject: 'promotedSubject', body: 'promotedBody', calendar: true },
  changed: { purpose: 'meetings.registration_changed', subject: 'changedSubject', body: 'registeredBody', calendar: true },
  cancelled: { purpose: 'meetings.registration_cancelled', subject: 'cancelledSubject', body: 'cancelledBody', calendar: false },
} as const satisfies Record<string, { purpose: string; subject: keyof MeetingMessages['mail']; body: keyof MeetingMessages['mail']; calendar: boolean }>;

/** The mail about a registration as it now stands, written in `locale`; `token`: the link to manage it, when it has one. */
export function registrantMail(
  kind: keyof typeof registrationMails,
  activity: Activity,
  meeting: Meeting,
  registration: Registration,
  locale: Locale,
  token: string | null,
  links: MailLinks,
): OutgoingMail {
  const m = meetingMessages(locale);
  const details = mailDetails(activity, meeting, registration, token, { ...links, locale }, m);
  const mail = registrationMails[kind];
  return {
    purpose: mail.purpose,
    to: registration.email,
    subject: m.mail[mail.subject](details),
    text: m.mail[mail.body](details),
    ...(mail.calendar ? { attachments: [calendarAttachment(activity, meeting, registration, links)] } : {}),
  };
}

/**
 * Mails the registrant about their registration as it now stands, in their language (registrantLocales), else in
 * `fallback`: the request's language when they act themselves, English when someone else's change reached them.
 * `token`: the link to manage it (only the confirmation has it; the others lead to the registration page).
 */
export async function mailRegistrant(
  tx: Tx,
  kind: keyof typeof registrationMails,
  activity: Activity,
  meeting: Meeting,
  registration: Registration,
  options: { token?: string; fallback: Locale },
  links: MailLinks,
): Promise<void> {
  const [known] = await registrantLocales(tx, [registration]);
  await enqueueMail(tx, registrantMail(kind, activity, meeting, registration, known ?? options.fallback, options.token ?? null, links));
}

/** The outbox purposes of the mails that go to an address nobody has confirmed yet: what the throttle counts. */
export const unconfirmedMailPurposes = ['meetings.registration_confirm', 'meetings.registration_pending'] as const;
/** How long a confirmation link stays valid. */
export const confirmationHours = 48;

/**
 * The mail to an unconfirmed registrant, written in `locale`: `confirm` carries the single-use link (`token`) that
 * confirms the registration; `pending` says the secretariat will approve it. Neither carries the remote link, the
 * manage link or the .ics.
 */
export function unconfirmedMail(
  kind: 'confirm' | 'pending',
  activity: Activity,
  meeting: Meeting,
  registration: Registration,
  locale: Locale,
  token: string | null,
  links: MailLinks,
): OutgoingMail {
  const m = meetingMessages(locale);
  const words = registrationMessages(locale).mail;
  const path = meetingPath(activity, meeting);
  const details: ConfirmationMail = {
    name: registration.name,
    acronym: activity.acronym,
    meetingTitle: `${activity.acronym} ${m.numberedTitle(meeting.number, meeting.title)}`,
    mode: registration.mode,
    confirmLink: token ? `${links.baseUrl}${path}/confirm/${token}` : null,
    meetingLink: `${links.baseUrl}${path}`,
    hours: confirmationHours,
  };
  return {
    purpose: kind === 'confirm' ? unconfirmedMailPurposes[0] : unconfirmedMailPurposes[1],
    to: registration.email,
    subject: kind === 'confirm' ? words.confirmSubject(details) : words.pendingSubject(details),
    text: kind === 'confirm' ? words.confirmBody(details) : words.pendingBody(details),
  };
}

/** Mails an unconfirmed registrant (unconfirmedMail), in their language as mailRegistrant does. */
export async function mailUnconfirmed(
  tx: Tx,
  kind: 'confirm' | 'pending',
  activity: Activity,
  meeting: Meeting,
  registration: Registration,
  options: { token?: string; fallback: Locale },
  links: MailLinks,
): Promise<void> {
  const [known] = await registrantLocales(tx, [registration]);
  await enqueueMail(tx, unconfirmedMail(kind, activity, meeting, registration, known ?? options.fallback, options.token ?? null, links));
}
