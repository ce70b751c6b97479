import type { Locale } from '../../platform/i18n/locale.ts';

const en = {
  title: 'People',
  intro: 'Contacts: chairs, representatives, secretariat staff and members. A contact may or may not have an account.',
  new: 'New person',
  edit: (name: string) => `Edit ${name}`,
  created: 'The person has been added.',
  saved: 'The person has been saved.',
  deleted: 'The person has been deleted.',
  affiliation: 'Affiliation',
  affiliationHint: 'Employer or administration, e.g. ETRI or Department for Digital, Culture, Media and Sport (DCMS).',
  organization: 'Organization in the register',
  organizationNone: '— none —',
  phone: 'Telephone',
  notes: 'Notes',
  isExample: 'Invented for the demo (not a real contact)',
  account: 'Account',
  hasAccount: 'Has an account',
  roles: 'Roles in activities',
  noRoles: 'No role in any activity.',
  empty: 'No person yet.',
  emailTaken: (name: string) => `This e-mail address already belongs to ${name}.`,
  organizationMissing: 'This organization does not exist.',
  inUse: 'This person still holds roles or is named as a contact, so they cannot be deleted. Remove those first.',
  deleteConfirm: 'Delete this person',
  search: 'Find a person',
  searchHint: 'Name, e-mail or affiliation',
};

export type PeopleMessages = typeof en;

const fr: PeopleMessages = {
  title: 'Personnes',
  intro:
    'Contacts : présidents, représentants, personnel du secrétariat et membres. Un contact peut avoir ou non un compte.',
  new: 'Nouvelle personne',
  edit: (name) => `Modifier ${name}`,
  created: 'La personne a été ajoutée.',
  saved: 'La personne a été enregistrée.',
  deleted: 'La personne a été supprimée.',
  affiliation: 'Affiliation',
  affiliationHint:
    'Employeur ou administration, par ex. ETRI ou Department for Digital, Culture, Media and Sport (DCMS).',
  organization: 'Organisation du registre',
  organizationNone: '— aucune —',
  phone: 'Téléphone',
  notes: 'Notes',
  isExample: 'Inventée pour la démonstration (pas un contact réel)',
  account: 'Compte',
  hasAccount: 'A un compte',
  roles: 'Rôles dans les activités',
  noRoles: 'Aucun rôle dans une activité.',
  empty: 'Aucune personne pour le moment.',
  emailTaken: (name) => `Cette adresse électronique appartient déjà à ${name}.`,
  organizationMissing: 'Cette organisation n’existe pas.',
  inUse:
    'Cette personne a encore des rôles ou est désignée comme contact ; elle ne peut pas être supprimée. Retirez-les d’abord.',
  deleteConfirm: 'Supprimer cette personne',
  search: 'Trouver une personne',
  searchHint: 'Nom, adresse électronique ou affiliation',
};

export const peopleMessages = (locale: Locale): PeopleMessages => (locale === 'fr' ? fr : en);
