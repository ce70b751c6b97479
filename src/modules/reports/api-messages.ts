// The API's words in French for activity reports, keyed by the English the OpenAPI document carries; routes write their English
// through `api(…)`, which accepts only a key of this catalogue (see platform/api-text.ts).
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'activity reports':
    'Rapports de l’activité',
  'The activity’s reports for a period (to TSAG, to the study groups): released ones by their access level, drafts too for the secretariat and chairs':
    'Les rapports de l’activité sur une période (au GCNT, aux commissions d’études)\u202f: ceux publiés selon leur niveau d’accès, les projets aussi pour le secrétariat et les présidents',
  'Generate a draft report for a period from the records (secretariat and chairs)':
    'Rédiger un projet de rapport sur une période à partir des données enregistrées (secrétariat et présidents)',
  'Each end of the period is a date (fromDate, toDate: YYYY-MM-DD, whole days in UTC) or a meeting number (fromMeeting, toMeeting: from its start, to its end), not both. The text is written in `language` for `audience` (members of the activity, or everyone): each section holds only what those readers may see. A period with nothing to report is refused (422) with a message saying so.':
    'Chaque borne de la période est une date (`fromDate`, `toDate`\u202f: AAAA-MM-JJ, journées entières en UTC) ou un numéro de réunion (`fromMeeting`, `toMeeting`\u202f: depuis son début, jusqu’à sa fin), pas les deux. Le texte est rédigé en `language` pour `audience` (les membres de l’activité, ou tout le monde)\u202f: chaque section ne contient que ce que ces lecteurs peuvent voir. Une période sans rien à rapporter est refusée (422) avec un message qui le dit.',
  'One report (a draft for the secretariat and chairs; a released one by its access level)':
    'Un rapport (un projet pour le secrétariat et les présidents\u202f; un rapport publié selon son niveau d’accès)',
  'Replace a draft’s text and, for the report to TSAG, its TSAG document number':
    'Remplacer le texte d’un projet et, pour le rapport au GCNT, son numéro de document du GCNT',
  'Write a draft’s text again from the records for its period (replaces the edits)':
    'Rédiger à nouveau le texte d’un projet à partir des données enregistrées de sa période (remplace les modifications)',
  'Release a draft (secretariat only) as a numbered report document of the activity, with its DOCX and PDF; it no longer changes':
    'Publier un projet (secrétariat uniquement) comme document de rapport numéroté de l’activité, avec son DOCX et son PDF\u202f; il ne change plus',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const reportsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
