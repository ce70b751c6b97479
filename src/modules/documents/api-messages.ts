// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'documents': 'Documents',
  'Documents of the activity you may read, by kind then number; filter by kind, meeting number and words':
    'Les documents de l’activité que vous pouvez consulter, par type puis par numéro ; filtres par type, numéro de réunion et mots',
  'One document with the files of every revision (404 when it does not exist or you may not read it)':
    'Un document avec les fichiers de chaque révision (404 s’il n’existe pas ou si vous ne pouvez pas le consulter)',
  'Download one file of a document (streamed, with Content-Disposition)':
    'Télécharger un fichier d’un document (en flux, avec Content-Disposition)',
  'Submit a contribution, or (secretariat) publish a document of another kind, as multipart/form-data':
    'Soumettre une contribution ou (secrétariat) publier un document d’un autre type, en multipart/form-data',
  'Send multipart/form-data with one part "file" (PDF, DOCX, PPTX, XLSX, TXT or ZIP; type read from the content) and the fields kind (default contribution), title (optional for a DOCX whose cover page has one), source, authors, abstract, access (public|members), meetingId, agendaItemId. A contribution after the deadline is refused (409) or marked late, as the activity chooses; a DOCX with an incomplete cover page is refused (422) naming each missing field.':
    'Envoyez un multipart/form-data avec une partie « file » (PDF, DOCX, PPTX, XLSX, TXT ou ZIP ; type lu dans le contenu) et les champs kind (contribution par défaut), title (facultatif pour un DOCX dont la page de garde en porte un), source, authors, abstract, access (public|members), meetingId, agendaItemId. Une contribution envoyée après l’échéance est refusée (409) ou marquée en retard, selon le choix de l’activité ; un DOCX dont la page de garde est incomplète est refusé (422), chaque champ manquant étant nommé.',
  'Secretariat: give a submitted contribution the next contribution number, and its agenda item':
    'Secrétariat : attribuer à une contribution soumise le numéro de contribution suivant, et son point de l’ordre du jour',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const documentsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
