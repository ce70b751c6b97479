// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'mailing lists': 'Listes de diffusion',
  'The list of an activity: its address, and for those who send, how many receive it':
    'La liste de diffusion d’une activité : son adresse et, pour ceux qui y envoient, le nombre de destinataires',
  'Ask to subscribe an address to a public list; a link to confirm it is mailed to that address':
    'Demander l’abonnement d’une adresse à une liste publique ; un lien de confirmation est envoyé à cette adresse',
  'Turn your own subscription (as a member, or as a confirmed subscriber) on or off':
    'Activer ou désactiver votre propre abonnement (en tant que membre ou abonné confirmé)',
  'The archive, newest first (public for a public activity, members only otherwise)':
    'Les archives, des plus récentes aux plus anciennes (publiques pour une activité publique, réservées aux membres sinon)',
  'Send an announcement to the list (secretariat, chairs); `html: true` adds an HTML version built from the text':
    'Envoyer une annonce à la liste (secrétariat, présidents) ; `html: true` ajoute une version HTML tirée du texte',
  'Correct a sent announcement (secretariat, chairs): the correction goes to the list, and the archive shows the corrected text marked “Corrected on …”':
    'Corriger une annonce envoyée (secrétariat, présidents) : le rectificatif est envoyé à la liste, et les archives montrent le texte corrigé avec la mention « Corrigée le … »',
  'Withdraw an announcement from the archive, with the reason (secretariat, chairs): readers no longer find it; those who send still see it, marked':
    'Retirer une annonce des archives, avec le motif (secrétariat, présidents) : les lecteurs ne la trouvent plus ; ceux qui envoient la voient encore, signalée comme retirée',
  'One announcement; for those who send, its delivery (counts and failures)':
    'Une annonce ; pour ceux qui envoient, sa distribution (nombres et échecs)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const mailingListsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
