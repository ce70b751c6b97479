// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'history': 'Historique',
  'Changes to one organization, person or account, newest first (100 a page)':
    'Les modifications d’une organisation, d’une personne ou d’un compte, des plus récentes aux plus anciennes (100 par page)',
  'Every change in an activity, newest first (100 a page)':
    'Toutes les modifications d’une activité, des plus récentes aux plus anciennes (100 par page)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const historyApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
