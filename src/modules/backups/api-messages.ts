// The API's words in French for backups, keyed by the English the OpenAPI document carries; routes write their English
// through `api(…)`, which accepts only a key of this catalogue (see platform/api-text.ts).
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'administration':
    'Administration',
  'A backup of the whole instance: every table and stored file, from one snapshot (site admins; a ZIP)':
    'Une sauvegarde de toute l’instance\u202f: chaque table et chaque fichier enregistré, pris au même instant (administrateurs du site\u202f; un ZIP)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const backupsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
