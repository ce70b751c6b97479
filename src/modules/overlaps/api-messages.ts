// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'overlaps': 'Chevauchements',
  'Draft an outgoing liaison statement from a confirmed overlap (secretariat and chairs): to both entries’ bodies and their liaison representatives, written from the record; answers the existing draft if the activity already wrote one from this pair':
    'Rédiger une déclaration de liaison sortante à partir d’un chevauchement confirmé (secrétariat et présidents) : adressée aux organismes des deux entrées et à leurs représentants de liaison, rédigée à partir des données ; renvoie le projet existant si l’activité en a déjà rédigé un pour cette paire',
  'Candidate pairs of overlapping work that you review (secretariat, chairs, admins), best first':
    'Les paires candidates de travaux qui se chevauchent que vous examinez (secrétariat, présidents, administrateurs), les plus probables d’abord',
  'Groups of three or more entries joined by likely or confirmed pairs that you review':
    'Les groupes de trois entrées ou plus reliées par des paires probables ou confirmées que vous examinez',
  'One candidate pair in full, with both entries, the activities holding each, and its decision':
    'Une paire candidate en entier, avec ses deux entrées, les activités qui contiennent chacune et sa décision',
  'Confirmed overlaps touching this activity’s roadmap (same text, duplicated work, overlapping), for its members, observers and leadership':
    'Les chevauchements confirmés qui touchent la feuille de route de cette activité (texte identique, travail en double, chevauchement), pour ses membres, observateurs et sa direction',
  'The last overlap run: running, done or failed':
    'La dernière recherche de chevauchements : en cours, terminée ou en échec',
  'Ask for an overlap run over the whole register; answers at once, the worker runs it (see runs/latest)':
    'Demander une recherche de chevauchements sur tout le registre ; répond aussitôt, le processus de fond l’exécute (voir runs/latest)',
  'One step back: the pair returns to what it was before its last decision':
    'Revenir d’un pas : la paire retrouve son état d’avant sa dernière décision',
  'Decide on a candidate pair (secretariat and chairs of an activity holding either entry): same text, duplicated work, overlapping, complementary, not related or unsure':
    'Statuer sur une paire candidate (secrétariat et présidents d’une activité qui contient l’une des entrées) : texte identique, travail en double, chevauchement, complémentaire, sans rapport ou incertain',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const overlapsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
