// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'gaps': 'Lacunes',
  'Download the gaps you see (filtered by status and priority) as CSV':
    'Télécharger les lacunes que vous voyez (filtrées par état et priorité) au format CSV',
  'Download the gaps you see (filtered by status and priority) as XLSX':
    'Télécharger les lacunes que vous voyez (filtrées par état et priorité) au format XLSX',
  'The gaps you see: accepted ones for participants (and for anyone when the activity publishes them), proposals for the leadership and their proposers':
    'Les lacunes que vous voyez : celles qui sont acceptées pour les participants (et pour tous quand l’activité les publie), les propositions pour la direction et leurs auteurs',
  'Record a gap, accepted at once (secretariat, chairs, vice-chairs)':
    'Enregistrer une lacune, acceptée d’emblée (secrétariat, présidents, vice-présidents)',
  'Propose a gap (members and leadership); the leadership accepts or declines it':
    'Proposer une lacune (membres et direction) ; la direction l’accepte ou la refuse',
  'One gap with its progress':
    'Une lacune et son avancement',
  'Change a gap’s facts, bodies or (accepted gaps) status (secretariat, chairs, vice-chairs)':
    'Modifier les données d’une lacune, ses organismes ou (lacunes acceptées) son état (secrétariat, présidents, vice-présidents)',
  'Accept a proposed (or declined) gap: it becomes open':
    'Accepter une lacune proposée (ou refusée) : elle devient ouverte',
  'Decline a proposed gap, with the reason':
    'Refuser une lacune proposée, avec le motif',
  'Record that an entry of this roadmap addresses the gap':
    'Enregistrer qu’une entrée de cette feuille de route répond à la lacune',
  'Take an entry off the gap’s progress':
    'Retirer une entrée de l’avancement de la lacune',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const gapsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
