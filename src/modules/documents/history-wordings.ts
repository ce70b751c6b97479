// What the documents module's events say on history pages, in the reader's language.
import type { Locale } from '../../platform/i18n/locale.ts';
import { documentMessages } from './messages.ts';
import type { DocumentKind } from './schema.ts';

type Data = Record<string, unknown>;
type Describe = (before: Data, after: Data) => string | undefined;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');

export function documentWordings(locale: Locale): Record<string, Describe> {
  const m = documentMessages(locale);
  const kind = (v: unknown) => m.kinds[v as DocumentKind] ?? str(v);
  const label = (a: Data) => (typeof a.number === 'string' ? `${a.number} ` : '');
  if (locale === 'fr') {
    return {
      'document.created': (_b, a) =>
        `${kind(a.kind)} ${a.status === 'published' ? 'publié(e)' : 'soumis(e)'} : ${label(a)}${str(a.title)}${a.late ? ' (en retard)' : ''}`,
      'document.numbered': (_b, a) => `Numéro attribué : ${str(a.number)}`,
      'document.revised': (_b, a) => `Révision R${str(a.revision)} téléversée`,
      'document.updated': () => 'Point de l’ordre du jour ou accès modifié',
      'document.withdrawn': () => 'Document retiré',
      'mail_in.queued': (_b, a) => `Courriel de ${str(a.from)} mis en attente`,
      'mail_in.accepted': () => 'Courriel accepté comme contribution',
      'mail_in.discarded': () => 'Courriel écarté',
    };
  }
  return {
    'document.created': (_b, a) => `${kind(a.kind)} ${a.status === 'published' ? 'published' : 'submitted'}: ${label(a)}${str(a.title)}${a.late ? ' (late)' : ''}`,
    'document.numbered': (_b, a) => `Number assigned: ${str(a.number)}`,
    'document.revised': (_b, a) => `Revision R${str(a.revision)} uploaded`,
    'document.updated': () => 'Agenda item or access changed',
    'document.withdrawn': () => 'Document withdrawn',
    'mail_in.queued': (_b, a) => `Mail from ${str(a.from)} queued for the secretariat`,
    'mail_in.accepted': () => 'Mail accepted as a contribution',
    'mail_in.discarded': () => 'Mail discarded',
  };
}
