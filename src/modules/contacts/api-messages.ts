// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'contacts': 'Contacts',
  'The contacts and representatives of an activity, chairs first; e-mail addresses only for its members':
    'Les contacts et représentants d’une activité, présidents en tête ; adresses électroniques pour ses seuls membres',
  'The contacts as CSV (UTF-8, comma-separated); the email and phone columns only for members':
    'Les contacts au format CSV (UTF-8, séparés par des virgules) ; colonnes courriel et téléphone pour les seuls membres',
  'The current contacts as vCard 4.0, one card per person; EMAIL and TEL only for members':
    'Les contacts actuels au format vCard 4.0, une carte par personne ; `EMAIL` et `TEL` pour les seuls membres',
  'Add a contact entry (secretariat)':
    'Ajouter une fiche de contact (secrétariat)',
  'Change a contact entry (secretariat); markConfirmed records today as its confirmation date':
    'Modifier une fiche de contact (secrétariat) ; markConfirmed enregistre la date du jour comme date de confirmation',
  'Remove a contact entry entered by mistake (secretariat)':
    'Supprimer une fiche de contact saisie par erreur (secrétariat)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const contactsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
