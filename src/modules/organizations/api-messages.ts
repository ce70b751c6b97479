// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'organizations': 'Organisations',
  'All organizations, parents before their groups':
    'Toutes les organisations, chacune avant ses groupes',
  'One organization':
    'Une organisation',
  'Create an organization':
    'Créer une organisation',
  'Change some fields of an organization':
    'Modifier certains champs d’une organisation',
  'Delete an organization nothing refers to':
    'Supprimer une organisation à laquelle rien ne renvoie',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const organizationsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
