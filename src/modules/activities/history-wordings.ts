// How history pages describe activity events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { activityMessages } from './messages.ts';
import type { ActivityRole } from './schema.ts';

import { changedFieldNames, textOf } from '../../platform/event-words.ts';

/** Every event kind the activities module writes. */
export const activityEventKinds = ['activity.created', 'activity.updated', 'tor.revised', 'membership.added', 'membership.removed'] as const;
type ActivityEventKind = (typeof activityEventKinds)[number];

export function activityWordings(locale: Locale): Record<ActivityEventKind, EventWording> {
  const roles = activityMessages(locale).roles;
  const role = (v: unknown) => roles[v as ActivityRole] ?? textOf(v);
  const labels = activityFieldLabels(locale);
  const note = (a: Record<string, unknown>) => (typeof a.changeNote === 'string' && a.changeNote ? ` (${a.changeNote})` : '');
  // With a person to name, each sentence says what they did; Concord's own work (the demo, the CLI) reads without one.
  const fr: Record<ActivityEventKind, EventWording> = {
    'activity.created': (_b, a, _s, who) => (who ? `${who} a créé l’activité ${textOf(a.acronym)}` : `Activité ${textOf(a.acronym)} créée`),
    'activity.updated': (_b, a, _s, who) =>
      who ? `${who} a modifié l’activité (${changedFieldNames(a, labels, locale, 'réglages')})` : `Activité modifiée (${changedFieldNames(a, labels, locale, 'réglages')})`,
    'tor.revised': (_b, a, _s, who) =>
      who ? `${who} a publié la version ${textOf(a.version)} du mandat${note(a)}` : `Mandat : version ${textOf(a.version)}${note(a)}`,
    'membership.added': (_b, a, _s, who) =>
      // Accepting an invitation gives oneself the role: the person received it.
      who && who !== a.person
        ? `${who} a donné à ${textOf(a.person)} le rôle « ${role(a.role)} »`
        : `${textOf(a.person)} reçoit le rôle « ${role(a.role)} »`,
    'membership.removed': (b, _a, _s, who) =>
      who ? `${who} a retiré à ${textOf(b.person)} le rôle « ${role(b.role)} »` : `${textOf(b.person)} n’a plus le rôle « ${role(b.role)} »`,
  };
  const en: Record<ActivityEventKind, EventWording> = {
    'activity.created': (_b, a, _s, who) => (who ? `${who} created the activity ${textOf(a.acronym)}` : `Activity ${textOf(a.acronym)} created`),
    'activity.updated': (_b, a, _s, who) =>
      who ? `${who} changed the activity (${changedFieldNames(a, labels, locale, 'settings')})` : `Activity changed (${changedFieldNames(a, labels, locale, 'settings')})`,
    'tor.revised': (_b, a, _s, who) =>
      who ? `${who} issued version ${textOf(a.version)} of the terms of reference${note(a)}` : `Terms of reference: version ${textOf(a.version)}${note(a)}`,
    'membership.added': (_b, a, _s, who) =>
      who && who !== a.person ? `${who} gave ${textOf(a.person)} the role ${role(a.role)}` : `${textOf(a.person)} given the role ${role(a.role)}`,
    'membership.removed': (b, _a, _s, who) =>
      who ? `${who} took the role ${role(b.role)} from ${textOf(b.person)}` : `${textOf(b.person)} no longer ${role(b.role)}`,
  };
  return locale === 'fr' ? fr : en;
}

/** The activity's stored fields by the activity form's labels. */
export function activityFieldLabels(locale: Locale): Record<string, string> {
  const a = activityMessages(locale);
  return {
    acronym: a.acronym, nameEn: a.nameEn, nameFr: a.nameFr, parentOrganizationId: a.parent, foundingDecision: a.foundingDecision,
    legalBasis: a.legalBasis, establishedOn: a.establishedOn, webPage: a.webPage, mailingList: a.mailingList,
    secretariatPersonId: a.secretariat, secretariatEmail: a.secretariatEmail, secretariatPhone: a.secretariatPhone,
    visibility: a.visibility, status: a.status, publishOverlaps: a.publishOverlaps, publishGaps: a.publishGaps, relatedStudyGroupIds: a.relatedStudyGroups, cooperatingBodyIds: a.cooperatingBodies,
    version: a.torVersionColumn, changeNote: a.changeNote, person: a.person, role: a.role, since: a.since,
  };
}

export function activityValueNames(locale: Locale): Record<string, Record<string, string>> {
  const a = activityMessages(locale);
  return { role: a.roles, status: a.statuses, visibility: a.visibilities };
}
