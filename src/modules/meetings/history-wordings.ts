// What the meetings module's events say on history pages, in the reader's language.
import type { Locale } from '../../platform/i18n/locale.ts';
import { agendaMessages } from './agenda-messages.ts';
import { meetingMessages } from './messages.ts';
import { registrationMessages } from './registration-messages.ts';
import type { MeetingStatus, RegistrationMode } from './schema.ts';

import type { EventWording } from '../../platform/module-manifest.ts';
import { changedFieldNames } from '../../platform/event-words.ts';
import { outcomesMessages } from './outcomes-messages.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');

/** Every event kind the meetings module writes about meetings and registrations (the proceedings' are in agenda-history.ts). */
export const meetingEventKinds = [
  'meeting.created',
  'meeting.updated',
  'meeting.announced',
  'meeting.held',
  'meeting.cancelled',
  'meeting.deleted',
  'meeting.date_added',
  'meeting.date_removed',
  'meeting.rules_updated',
  'registration.created',
  'registration.confirmed',
  'registration.approved',
  'registration.confirmation_resent',
  'registration.changed',
  'registration.cancelled',
  'registration.promoted',
  'registration.attendance',
] as const;
type MeetingEventKind = (typeof meetingEventKinds)[number];

/**
 * What the fields recorded by events on a meeting are called: the meeting form's own labels (and the registration
 * form's), so the history speaks the reader's language with the words the forms use.
 */
export function meetingFieldLabels(locale: Locale): Record<string, string> {
  const f = meetingMessages(locale).fields;
  // The form's time zone label carries a hint in brackets ("… (IANA, such as Europe/Zurich)").
  const short = (label: string) => label.replace(/\s*\(.*\)$/, '');
  return {
    number: f.number,
    title: f.title,
    mode: f.mode,
    venue: f.venue,
    city: f.city,
    cityFr: f.cityFr,
    timeZone: short(f.timeZone),
    startsAt: f.startDate,
    endsAt: f.endDate,
    colocatedEvent: f.colocatedEvent,
    colocatedEventFr: f.colocatedEventFr,
    language: f.language,
    remoteUrl: f.remoteUrl,
    onsiteCapacity: f.onsiteCapacity,
    registrationConfirmation: registrationMessages(locale).confirmationLabel,
    status: f.status,
    cancelReason: f.cancelReason,
    contributionDeadline: f.contributionDate,
    registrationDeadline: f.registrationDate,
    label: f.dateLabel,
    dueAt: f.date,
    affiliation: f.affiliation,
    organizationRepresented: f.organizationRepresented,
    capacity: f.capacity,
    version: agendaMessages(locale).version,
    name: locale === 'fr' ? 'Nom' : 'Name',
    late: locale === 'fr' ? 'En retard' : 'Late',
    present: locale === 'fr' ? 'Présents' : 'Present',
    registered: locale === 'fr' ? 'Inscrits' : 'Registered',
    // The agenda's and the minutes' events are recorded on the meeting too.
    notes: locale === 'fr' ? 'Notes' : 'Notes',
    titleFr: agendaMessages(locale).itemTitleFr,
    note: locale === 'fr' ? 'Note' : 'Note',
    items: locale === 'fr' ? 'Points de l’ordre du jour' : 'Agenda items',
    item: locale === 'fr' ? 'Point de l’ordre du jour' : 'Agenda item',
    document: locale === 'fr' ? 'Document' : 'Document',
    text: outcomesMessages(locale).minutes,
  };
}

/** A decision's and an action item's stored fields. */
export function outcomeFieldLabels(locale: Locale): Record<string, string> {
  const o = outcomesMessages(locale);
  const fr = locale === 'fr';
  return { number: fr ? 'Numéro' : 'Number', label: fr ? 'Action' : 'Action', text: fr ? 'Texte' : 'Text', item: fr ? 'Point de l’ordre du jour' : 'Agenda item', owner: o.owner, dueOn: o.dueOn, status: fr ? 'État' : 'Status' };
}

/** What the activity's deadline rules (a `meeting.rules_updated` event on the activity) are called, with their values. */
export function meetingRuleLabels(locale: Locale): { labels: Record<string, string>; values: Record<string, Record<string, string>> } {
  const m = meetingMessages(locale);
  return {
    labels: { lateContributions: m.fields.lateContributions, lateRegistrations: m.fields.lateRegistrations },
    values: { lateContributions: m.lateRules, lateRegistrations: m.lateRules },
  };
}

/** The names of the coded values meeting events record (meeting and registration modes and statuses, capacities). */
export function meetingValueNames(locale: Locale): Record<string, Record<string, string>> {
  const m = meetingMessages(locale);
  return {
    mode: { ...m.registrationModes, ...m.modes },
    status: { ...m.registrationStatuses, ...m.statuses, ...agendaMessages(locale).statuses },
    capacity: m.capacities,
    registrationConfirmation: registrationMessages(locale).confirmationChoices,
  };
}

export function meetingWordings(locale: Locale): Record<MeetingEventKind, EventWording> {
  const m = meetingMessages(locale);
  const labels = meetingFieldLabels(locale);
  const changed = (a: Record<string, unknown>) => changedFieldNames(a, labels, locale, locale === 'fr' ? 'détails' : 'details');
  const mode = (v: unknown) => m.registrationModes[v as RegistrationMode] ?? str(v);
  const status = (v: unknown) => m.statuses[v as MeetingStatus] ?? str(v);
  if (locale === 'fr') {
    const fr: Record<MeetingEventKind, EventWording> = {
      'meeting.created': (_b, a) => `Réunion ${str(a.number)} créée : ${str(a.title)}`,
      'meeting.updated': (_b, a) => `Réunion modifiée (${changed(a)})`,
      'meeting.announced': () => 'Réunion annoncée ; inscription ouverte',
      'meeting.held': () => 'Réunion marquée comme tenue',
      'meeting.cancelled': (_b, a) => `Réunion annulée : ${str(a.cancelReason)}`,
      'meeting.deleted': (b) => `Réunion ${str(b.number)} (« ${str(b.title)} ») supprimée alors qu’elle était en préparation`,
      'meeting.date_added': (_b, a) => `Date ajoutée : ${str(a.label)}`,
      'meeting.date_removed': (b) => `Date retirée : ${str(b.label)}`,
      'meeting.rules_updated': () => 'Règles des dates limites modifiées',
      'registration.created': (_b, a) =>
        `${str(a.name)} inscrit (${mode(a.mode).toLowerCase()})${a.status === 'waiting' ? ', en liste d’attente' : ''}${a.status === 'pending' ? ', en attente de confirmation' : ''}${a.late ? ', en retard' : ''}`,
      'registration.confirmed': (_b, a) => `${str(a.name)} a confirmé son inscription${a.status === 'waiting' ? ' (en liste d’attente)' : ''}`,
      'registration.approved': (_b, a) => `Inscription de ${str(a.name)} approuvée${a.status === 'waiting' ? ' (en liste d’attente)' : ''}`,
      'registration.confirmation_resent': (_b, a) => `Nouveau lien de confirmation envoyé à ${str(a.name)}`,
      'registration.changed': (_b, a) => `${str(a.name)} participe désormais ${mode(a.mode).toLowerCase()}`,
      'registration.cancelled': (_b, a) => `${str(a.name)} a annulé son inscription`,
      'registration.promoted': (_b, a) => `${str(a.name)} passe de la liste d’attente à une place sur place`,
      'registration.attendance': (_b, a) => `Présences : ${str(a.present)} sur ${str(a.registered)}`,
    };
    return fr;
  }
  const en: Record<MeetingEventKind, EventWording> = {
    'meeting.created': (_b, a) => `Meeting ${str(a.number)} created: ${str(a.title)}`,
    'meeting.updated': (_b, a) => `Meeting changed (${changed(a)})`,
    'meeting.announced': () => 'Meeting announced; registration open',
    'meeting.held': () => `Meeting marked as ${status('held').toLowerCase()}`,
    'meeting.cancelled': (_b, a) => `Meeting cancelled: ${str(a.cancelReason)}`,
    'meeting.deleted': (b) => `Meeting ${str(b.number)} (“${str(b.title)}”) deleted while still in preparation`,
    'meeting.date_added': (_b, a) => `Date added: ${str(a.label)}`,
    'meeting.date_removed': (b) => `Date removed: ${str(b.label)}`,
    'meeting.rules_updated': () => 'Deadline rules changed',
    'registration.created': (_b, a) =>
      `${str(a.name)} registered (${mode(a.mode).toLowerCase()})${a.status === 'waiting' ? ', on the waiting list' : ''}${a.status === 'pending' ? ', awaiting confirmation' : ''}${a.late ? ', late' : ''}`,
    'registration.confirmed': (_b, a) => `${str(a.name)} confirmed their registration${a.status === 'waiting' ? ' (on the waiting list)' : ''}`,
    'registration.approved': (_b, a) => `Registration of ${str(a.name)} approved${a.status === 'waiting' ? ' (on the waiting list)' : ''}`,
    'registration.confirmation_resent': (_b, a) => `New confirmation link sent to ${str(a.name)}`,
    'registration.changed': (_b, a) => `${str(a.name)} now attends ${mode(a.mode).toLowerCase()}`,
    'registration.cancelled': (_b, a) => `${str(a.name)} cancelled their registration`,
    'registration.promoted': (_b, a) => `${str(a.name)} moved from the waiting list to an onsite place`,
    'registration.attendance': (_b, a) => `Attendance: ${str(a.present)} of ${str(a.registered)} present`,
  };
  return en;
}
