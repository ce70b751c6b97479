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
  const fr: Record<ActivityEventKind, EventWording> = {
    'activity.created': (_b, a) => `Activité ${textOf(a.acronym)} créée`,
    'activity.updated': (_b, a) => `Activité modifiée (${changedFieldNames(a, labels, locale, 'réglages')})`,
    'tor.revised': (_b, a) => `Mandat : version ${textOf(a.version)}${note(a)}`,
    'membership.added': (_b, a) => `${textOf(a.person)} reçoit le rôle « ${role(a.role)} »`,
    'membership.removed': (b) => `${textOf(b.person)} n’a plus le rôle « ${role(b.role)} »`,
  };
  const en: Record<ActivityEventKind, EventWording> = {
    'activity.created': (_b, a) => `Activity ${textOf(a.acronym)} created`,
    'activity.updated': (_b, a) => `Activity changed (${changedFieldNames(a, labels, locale, 'settings')})`,
    'tor.revised': (_b, a) => `Terms of reference: version ${textOf(a.version)}${note(a)}`,
    'membership.added': (_b, a) => `${textOf(a.person)} given the role ${role(a.role)}`,
    'membership.removed': (b) => `${textOf(b.person)} no longer ${role(b.role)}`,
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
