// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'liaison statements': 'Déclarations de liaison',
  'The register: statements in and out you may read (the public ones for anyone), newest first, with filters':
    'Le registre : les déclarations reçues et envoyées que vous pouvez consulter (les publiques pour tous), des plus récentes aux plus anciennes, avec des filtres',
  'Register an incoming statement (chairs, secretariat) or draft an outgoing one (members too)':
    'Enregistrer une déclaration reçue (présidents, secrétariat) ou rédiger une déclaration sortante (les membres aussi)',
  'One statement, with its reply links both ways and what you may do with it':
    'Une déclaration, avec ses liens de réponse dans les deux sens et ce que vous pouvez en faire',
  'The whole thread of a statement (what it answers and its replies, transitively, oldest first) and its event history':
    'Tout le fil d’une déclaration (ce à quoi elle répond et ses réponses, de proche en proche, des plus anciennes aux plus récentes) et son historique',
  'Change a statement: an incoming one any time, an outgoing one while a draft; lists given replace the current ones':
    'Modifier une déclaration : une déclaration reçue à tout moment, une sortante tant qu’elle est à l’état de projet ; les listes fournies remplacent les listes actuelles',
  'Add an attachment as multipart/form-data (one file in the field `file`: PDF, DOCX, PPTX, XLSX, TXT or ZIP): an incoming statement any time, an outgoing one while a draft':
    'Ajouter une pièce jointe en multipart/form-data (un fichier dans le champ `file` : PDF, DOCX, PPTX, XLSX, TXT ou ZIP) : à une déclaration reçue à tout moment, à une sortante tant qu’elle est à l’état de projet',
  'Move a statement on: submit, approve (at_meeting with meetingId, or by_correspondence with objectionDeadline), return (with a reason), send, close, withdraw; for incoming ones assign and set_action_status':
    'Faire avancer une déclaration : `submit`, `approve` (`at_meeting` avec `meetingId`, ou `by_correspondence` avec `objectionDeadline`), `return` (avec un motif), `send`, `close`, `withdraw` ; pour les déclarations reçues, `assign` et `set_action_status`',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const liaisonsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
