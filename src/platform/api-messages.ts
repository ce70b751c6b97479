// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from './i18n/locale.ts';
import { englishOf } from './api-text.ts';

const fr = {
  'accounts': 'Comptes',
  'Every endpoint takes and returns JSON. Authenticate with an API token: `Authorization: Bearer cnc_…` (create one under My account).':
    'Chaque point d’accès reçoit et renvoie du JSON. Authentifiez-vous avec un jeton d’API : `Authorization: Bearer cnc_…` (à créer dans Mon compte).',
  'The signed-in user':
    'L’utilisateur connecté',
  'All accounts (site admins)':
    'Tous les comptes (administrateurs du site)',
  'Create an account (site admins)':
    'Créer un compte (administrateurs du site)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const platformApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
