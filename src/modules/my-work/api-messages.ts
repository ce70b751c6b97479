// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'my work': 'Mon travail',
  'What waits for the signed-in user: approvals, assigned statements, actions, registrations, contributions, deadlines':
    'Ce qui attend l’utilisateur connecté : approbations, déclarations confiées, actions, inscriptions, contributions, échéances',
  'The same lists as the My work page, worded in the language asked for (Accept-Language). Approvals are those the user’s roles let them decide, in every activity for a site administrator; the other lists come from the activities where the user holds a role.':
    'Les mêmes listes que la page Mon travail, rédigées dans la langue demandée (Accept-Language). Les approbations sont celles que les rôles de l’utilisateur lui permettent de décider, dans toutes les activités pour un administrateur du site ; les autres listes viennent des activités où l’utilisateur a un rôle.',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const myWorkApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
