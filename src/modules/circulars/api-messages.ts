// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'circulars': 'Circulaires',
  'Check a draft circular against the records (secretariat, chairs and vice-chairs)':
    'Vérifier un projet de circulaire par rapport aux données enregistrées (secrétariat, présidents et vice-présidents)',
  'Send multipart/form-data with one part "file" (DOCX, PDF with a text layer, or UTF-8 text; English or French) and an optional field "meeting": a meeting number, "none", or nothing for the next meeting. Answers the findings, each with its severity (error or warning), its kind, where it is (paragraph of a DOCX, page and line of a PDF, line of a text) and a message in the reader’s language (their setting, or Accept-Language). Nothing is stored.':
    'Envoyez un multipart/form-data avec une partie `file` (DOCX, PDF avec une couche de texte, ou texte UTF-8 ; en anglais ou en français) et un champ facultatif `meeting` : un numéro de réunion, `none`, ou rien pour la prochaine réunion. La réponse donne les constats, chacun avec sa gravité (erreur ou avertissement), son type, son emplacement (paragraphe d’un DOCX, page et ligne d’un PDF, ligne d’un texte) et un message dans la langue du lecteur (son réglage, ou Accept-Language). Rien n’est enregistré.',
  'A circular written from the records (secretariat, chairs and vice-chairs): kind announce|convene, lang en|fr, meeting (number, none, or the next), number (TSB’s), date':
    'Une circulaire rédigée à partir des données enregistrées (secrétariat, présidents et vice-présidents) : `kind` `announce|convene`, `lang` `en|fr`, `meeting` (numéro, `none`, ou la prochaine), `number` (celui du TSB), `date`',
  'Set the facts the circulars state that no other record holds (the fields sent are changed; empty clears)':
    'Renseigner les éléments que citent les circulaires et qu’aucune autre fiche ne contient (les champs envoyés sont modifiés ; une valeur vide les efface)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const circularsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
