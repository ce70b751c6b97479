// What each kind of event says, in the reader's language. The stored English summary is the fallback.
import type { Locale } from '../../platform/i18n/locale.ts';
import { activityMessages } from '../activities/messages.ts';
import type { ActivityRole } from '../activities/schema.ts';
import { liaisonWordings } from '../liaisons/history-wordings.ts';
import { meetingWordings } from '../meetings/history-wordings.ts';
import { documentWordings } from '../documents/history-wordings.ts';
import { proceedingsWordings } from '../meetings/agenda-history.ts';
import { contactWordings } from '../contacts/history-wordings.ts';
import { mailingListWordings } from '../mailing-lists/history-wordings.ts';

type Data = Record<string, unknown>;
type Describe = (before: Data, after: Data) => string | undefined;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

function describers(locale: Locale): Record<string, Describe> {
  const roles = activityMessages(locale).roles;
  const role = (v: unknown) => roles[v as ActivityRole] ?? str(v) ?? '';
  if (locale === 'fr') {
    return {
      'activity.created': (_b, a) => named('Activité créée :', a.acronym),
      'activity.updated': () => 'Activité modifiée',
      'tor.revised': (_b, a) => `Mandat : version ${str(a.version) ?? '?'}${str(a.changeNote) ? ` (${str(a.changeNote)})` : ''}`,
      'membership.added': (_b, a) => `${str(a.person) ?? '?'} : rôle « ${role(a.role)} » attribué`,
      'membership.removed': (b) => `${str(b.person) ?? '?'} : rôle « ${role(b.role)} » retiré`,
      'organization.created': (_b, a) => named('Organisation créée :', a.acronym),
      'organization.updated': () => 'Organisation modifiée',
      'organization.deleted': (b) => named('Organisation supprimée :', b.acronym),
      'person.created': (_b, a) => named('Personne ajoutée :', a.name),
      'person.updated': () => 'Fiche modifiée',
      'person.deleted': (b) => named('Personne supprimée :', b.name),
      'user.created': (_b, a) => named('Compte créé :', a.email),
      'user.updated': () => 'Profil modifié',
      'user.admin_changed': (_b, a) => (a.isAdmin ? 'Devenu administrateur du site' : 'N’est plus administrateur du site'),
      'user.password_reset_requested': () => 'Réinitialisation du mot de passe demandée',
      'user.password_reset': () => 'Mot de passe changé par un lien de réinitialisation',
      'api_token.created': () => 'Jeton d’API créé',
      'api_token.revoked': () => 'Jeton d’API révoqué',
      'roadmap.entry_added': (_b, a) => named('Entrée ajoutée à la feuille de route :', a.identifier),
      'roadmap.entry_included': () => 'Entrée reprise dans la feuille de route',
      'roadmap.entry_updated': () => 'Entrée de la feuille de route modifiée',
      'roadmap.entry_removed': (b) => named('Entrée retirée de la feuille de route :', b.identifier),
      'roadmap.relation_added': () => 'Relation ajoutée',
      'roadmap.relation_removed': () => 'Relation retirée',
      'roadmap.imported': (_b, a) => `Import de la feuille de route : ${str(a.added) ?? 0} ajoutées, ${str(a.changed) ?? 0} modifiées, ${str(a.included) ?? 0} reprises, ${str(a.unchanged) ?? 0} inchangées`,
      ...liaisonWordings('fr'),
      ...meetingWordings('fr'),
      ...documentWordings('fr'),
      ...proceedingsWordings('fr'),
      ...contactWordings('fr'),
      ...mailingListWordings('fr'),
    };
  }
  return {
    'tor.revised': (_b, a) => `Terms of reference: version ${str(a.version) ?? '?'}${str(a.changeNote) ? ` (${str(a.changeNote)})` : ''}`,
    'membership.added': (_b, a) => `${str(a.person) ?? '?'} given the role ${role(a.role)}`,
    'membership.removed': (b) => `${str(b.person) ?? '?'} no longer ${role(b.role)}`,
    ...liaisonWordings('en'),
    ...meetingWordings('en'),
    ...documentWordings('en'),
    ...proceedingsWordings('en'),
    ...contactWordings('en'),
    ...mailingListWordings('en'),
  };
}

/** The event in the reader's language, or its stored summary when no wording is known for its kind. */
export function describeEvent(event: { kind: string; summary: string; before: unknown; after: unknown }, locale: Locale): string {
  const describe = describers(locale)[event.kind];
  const asData = (v: unknown) => (v && typeof v === 'object' ? (v as Data) : {});
  return describe?.(asData(event.before), asData(event.after)) ?? event.summary;
}
