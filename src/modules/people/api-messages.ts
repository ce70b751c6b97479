// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'people': 'Personnes',
  'Contacts (signed-in users)':
    'Les contacts (utilisateurs connectés)',
  'One contact':
    'Un contact',
  'Add a contact':
    'Ajouter un contact',
  'Change some fields of a contact':
    'Modifier certains champs d’un contact',
  'Accounts no person is linked to, with the person their address matches if any (secretariat, admins)':
    'Les comptes liés à aucune personne, avec la personne dont l’adresse correspond, le cas échéant (secrétariat, administrateurs)',
  'The account linked to a contact (secretariat, admins)':
    'Le compte lié à un contact (secrétariat, administrateurs)',
  'Link an account to a contact, by `userId` or `email` of the account (secretariat, admins); the account then holds the person’s roles':
    'Lier un compte à un contact, par le `userId` ou l’`email` du compte (secrétariat, administrateurs) ; le compte reçoit alors les rôles de la personne',
  'Unlink the account from a contact; the account stays, without roles (secretariat, admins)':
    'Délier le compte d’un contact ; le compte demeure, sans rôle (secrétariat, administrateurs)',
  'Delete a contact who holds no role':
    'Supprimer un contact qui n’a aucun rôle',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const peopleApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
