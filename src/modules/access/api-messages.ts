// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'invitations': 'Invitations',
  'Invitations to roles in the activity, open ones first (secretariat)':
    'Invitations à des rôles dans l’activité, celles en cours d’abord (secrétariat)',
  'Invite a person by e-mail to a role: `personId`, or `name` and `email` (and `affiliation`) for a new person (secretariat)':
    'Inviter une personne par courriel à un rôle : `personId`, ou `name` et `email` (et `affiliation`) pour une nouvelle personne (secrétariat)',
  'Send an invitation again with a new link; the old link stops working (secretariat)':
    'Renvoyer une invitation avec un nouveau lien ; l’ancien lien cesse de fonctionner (secrétariat)',
  'Withdraw an open invitation (secretariat)':
    'Retirer une invitation en cours (secrétariat)',
  'Accept an invitation with the signed-in account (the token from the mailed link)':
    'Accepter une invitation avec le compte connecté (le jeton du lien envoyé par courriel)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const accessApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
