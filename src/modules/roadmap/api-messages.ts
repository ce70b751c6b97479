// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'roadmap': 'Feuille de route',
  'roadmap proposals': 'Propositions pour la feuille de route',
  'The relations of an entry, both ways, to entries the caller may read':
    'Les relations d’une entrée, dans les deux sens, avec les entrées que l’appelant peut consulter',
  'Relate this entry to another (secretariat and chairs of an activity whose roadmap includes this entry)':
    'Relier cette entrée à une autre (secrétariat et présidents d’une activité dont la feuille de route contient cette entrée)',
  'Remove a relation of this entry, named by the related entry and the kind':
    'Supprimer une relation de cette entrée, désignée par l’entrée liée et le type',
  'Import roadmap entries from a CSV, XLSX or JSON file sent as the body; dryRun (the default) only reports the plan':
    'Importer des entrées de feuille de route d’un fichier CSV, XLSX ou JSON envoyé comme corps ; dryRun (par défaut) ne fait que rendre compte du plan',
  'Send the file with Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream, or application/json (an array of objects). Answers 422 with the plan when the file has errors; nothing is written then.':
    'Envoyez le fichier avec le Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream ou application/json (un tableau d’objets). Répond 422 avec le plan quand le fichier contient des erreurs ; rien n’est alors écrit.',
  'Proposals for this roadmap: all of them for the secretariat and chairs, your own otherwise; pending first':
    'Les propositions pour cette feuille de route : toutes pour le secrétariat et les présidents, les vôtres sinon ; celles en attente d’abord',
  'Propose a new entry, a change to an entry of this roadmap, or including an entry of the register (members, chairs, secretariat)':
    'Proposer une nouvelle entrée, une modification d’une entrée de cette feuille de route, ou la reprise d’une entrée du registre (membres, présidents, secrétariat)',
  'One proposal':
    'Une proposition',
  'Accept a pending proposal and apply it (secretariat, chairs); `values` replaces what was proposed':
    'Accepter une proposition en attente et l’appliquer (secrétariat, présidents) ; `values` remplace ce qui était proposé',
  'Reject a pending proposal with a reason (secretariat, chairs)':
    'Refuser une proposition en attente avec un motif (secrétariat, présidents)',
  'Withdraw your own pending proposal':
    'Retirer votre propre proposition en attente',
  'Search the roadmap: ranked text search, filters, facet counts, pages':
    'Rechercher dans la feuille de route : recherche textuelle classée, filtres, décomptes par facette, pages',
  'What changed in the roadmap since a date: additions, status changes, other edits, removals':
    'Ce qui a changé dans la feuille de route depuis une date : ajouts, changements d’état, autres modifications, retraits',
  'Add a new entry to the register and to this roadmap (secretariat, chairs)':
    'Ajouter une nouvelle entrée au registre et à cette feuille de route (secrétariat, présidents)',
  'Include an entry already in the register in this roadmap (secretariat, chairs); members propose it instead':
    'Reprendre dans cette feuille de route une entrée déjà au registre (secrétariat, présidents) ; les membres en font la proposition',
  'The entry stays one record, shared with the roadmaps that already include it; `topics` are its topics in this roadmap. An entry in no roadmap the caller may read is not found. Including an entry this roadmap has already changes nothing and answers 200.':
    'L’entrée reste une seule fiche, partagée avec les feuilles de route qui la contiennent déjà ; `topics` donne ses thèmes dans cette feuille de route. Une entrée qui ne figure dans aucune feuille de route que l’appelant peut consulter est introuvable. Reprendre une entrée que cette feuille de route contient déjà ne change rien et répond 200.',
  'One entry of this roadmap':
    'Une entrée de cette feuille de route',
  'Change some fields of an entry, and its topics in this roadmap':
    'Modifier certains champs d’une entrée, et ses thèmes dans cette feuille de route',
  'Take an entry out of this roadmap (it stays in the register)':
    'Retirer une entrée de cette feuille de route (elle reste au registre)',
  'Download the roadmap\'s entries that match the filters (all pages, the search\'s order) as CSV, in the import\'s columns':
    'Télécharger les entrées de la feuille de route qui répondent aux filtres (toutes les pages, dans l’ordre de la recherche) au format CSV, avec les colonnes de l’import',
  'Download the roadmap\'s entries that match the filters (all pages, the search\'s order) as XLSX, in the import\'s columns':
    'Télécharger les entrées de la feuille de route qui répondent aux filtres (toutes les pages, dans l’ordre de la recherche) au format XLSX, avec les colonnes de l’import',
  'Download the roadmap\'s entries that match the filters (all pages, the search\'s order) as JSON, in the import\'s columns':
    'Télécharger les entrées de la feuille de route qui répondent aux filtres (toutes les pages, dans l’ordre de la recherche) au format JSON, avec les colonnes de l’import',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const roadmapApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
