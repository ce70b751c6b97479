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
  'The activity’s kept circulars, drafts and issued, newest first (secretariat, chairs and vice-chairs)':
    'Les circulaires conservées de l’activité, projets et circulaires publiées, des plus récentes aux plus anciennes (secrétariat, présidents et vice-présidents)',
  'Keep a circular written from the records as a draft, in English and French: kind announce|convene, meeting (number, none, or the next), date of the letter':
    'Conserver comme projet, en anglais et en français, une circulaire rédigée à partir des données enregistrées : `kind` `announce|convene`, `meeting` (numéro, `none`, ou la prochaine), date de la lettre',
  'One kept circular with its text in both languages':
    'Une circulaire conservée, avec son texte dans les deux langues',
  'Reword one language of a draft: every part of the letter, the paragraphs and the annexes’ items in order (an empty one is left out)':
    'Reformuler un projet dans une langue : chaque partie de la lettre, les paragraphes et les éléments des annexes dans l’ordre (un élément vide est retiré)',
  'Write one language of a draft again from the records as they are now (its rewording is lost; the place and date stay)':
    'Rédiger à nouveau un projet dans une langue à partir des données enregistrées actuelles (ses reformulations sont perdues ; le lieu et la date restent)',
  'Issue a draft under the number TSB gave it (secretariat): stored as a document of the activity, DOCX and PDF in English and French':
    'Publier un projet sous le numéro attribué par le TSB (secrétariat) : il est enregistré comme document de l’activité, en DOCX et PDF, en anglais et en français',
  'Send an issued circular to the activity’s mailing list, once (secretariat)':
    'Envoyer une circulaire publiée à la liste de diffusion de l’activité, une seule fois (secrétariat)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const circularsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
