// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'activities': 'Activités',
  'Activities the asker may read':
    'Les activités que le demandeur peut consulter',
  'One activity':
    'Une activité',
  'Create an activity (site admins), with version 1 of its terms of reference':
    'Créer une activité (administrateurs du site), avec la version 1 de son mandat',
  'Change some fields of an activity (secretariat)':
    'Modifier certains champs d’une activité (secrétariat)',
  'All versions of the terms of reference, newest first':
    'Toutes les versions du mandat, de la plus récente à la plus ancienne',
  'One version of the terms of reference':
    'Une version du mandat',
  'Save a revision of the terms of reference as the next version':
    'Enregistrer une révision du mandat comme version suivante',
  'Word-level differences between two versions of the terms of reference':
    'Différences mot à mot entre deux versions du mandat',
  'Roles in the activity (e-mail addresses only for its members)':
    'Les rôles dans l’activité (adresses électroniques pour ses seuls membres)',
  'Give a person a role (secretariat)':
    'Attribuer un rôle à une personne (secrétariat)',
  'Take a role away (secretariat)':
    'Retirer un rôle (secrétariat)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const activitiesApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
