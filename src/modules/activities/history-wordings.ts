// How history pages describe activity events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { activityMessages } from './messages.ts';
import type { ActivityRole } from './schema.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

export function activityWordings(locale: Locale): Record<string, EventWording> {
  const roles = activityMessages(locale).roles;
  const role = (v: unknown) => roles[v as ActivityRole] ?? str(v) ?? '';
  if (locale === 'fr') {
    return {
      'activity.created': (_b, a) => named('Activité créée :', a.acronym),
      'activity.updated': () => 'Activité modifiée',
      'tor.revised': (_b, a) => `Mandat : version ${str(a.version) ?? '?'}${str(a.changeNote) ? ` (${str(a.changeNote)})` : ''}`,
      'membership.added': (_b, a) => `${str(a.person) ?? '?'} : rôle « ${role(a.role)} » attribué`,
      'membership.removed': (b) => `${str(b.person) ?? '?'} : rôle « ${role(b.role)} » retiré`,
    };
  }
  return {
    'tor.revised': (_b, a) => `Terms of reference: version ${str(a.version) ?? '?'}${str(a.changeNote) ? ` (${str(a.changeNote)})` : ''}`,
    'membership.added': (_b, a) => `${str(a.person) ?? '?'} given the role ${role(a.role)}`,
    'membership.removed': (b) => `${str(b.person) ?? '?'} no longer ${role(b.role)}`,
  };
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
