// What the documents module's events say on history pages, in the reader's language.
import { changedFieldNames, listOf, textOf } from '../../platform/event-words.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { documentMessages } from './messages.ts';
import type { DocumentKind } from './schema.ts';

type Data = Record<string, unknown>;

/** Every event kind the documents module writes. */
export const documentEventKinds = [
  'document.created',
  'document.numbered',
  'document.revised',
  'document.updated',
  'document.withdrawn',
  'mail_in.queued',
  'mail_in.accepted',
  'mail_in.discarded',
  'person.submission_address_renewed',
] as const;
type DocumentEventKind = (typeof documentEventKinds)[number];

export function documentWordings(locale: Locale): Record<DocumentEventKind, EventWording> {
  const m = documentMessages(locale);
  const kind = (v: unknown) => m.kinds[v as DocumentKind] ?? textOf(v);
  const label = (a: Data) => (typeof a.number === 'string' ? `${a.number} ` : '');
  const labels = documentFieldLabels(locale);
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  // "Document publié : Contribution …": the kind after the colon, so the participle never has to agree with it.
  const fr: Record<DocumentEventKind, EventWording> = {
    'person.submission_address_renewed': () => 'Adresse secrète d’envoi des contributions remplacée',
    'document.created': (_b, a) =>
      `${a.status === 'published' ? 'Document publié' : 'Document soumis'} : ${kind(a.kind)} ${label(a)}« ${textOf(a.title)} »${a.late ? ' (en retard)' : ''}`,
    'document.numbered': (_b, a) => `Numéro attribué : ${textOf(a.number)}`,
    'document.revised': (_b, a) => `Révision R${textOf(a.revision)} déposée (${listOf(a.files, locale, 'sans fichier')})`,
    'document.updated': (_b, a) => `Document modifié (${changedFieldNames(a, labels, locale, 'point de l’ordre du jour')})`,
    'document.withdrawn': () => 'Document retiré',
    'mail_in.queued': (_b, a) => `Courriel de ${textOf(a.from)} mis en attente pour le secrétariat (« ${textOf(a.subject, '')} »)`,
    'mail_in.accepted': (_b, a) => `Courriel accepté comme contribution (${count(a.documentIds)} document${count(a.documentIds) > 1 ? 's' : ''})`,
    'mail_in.discarded': () => 'Courriel écarté',
  };
  const en: Record<DocumentEventKind, EventWording> = {
    'person.submission_address_renewed': () => 'Secret address for sending contributions replaced',
    'document.created': (_b, a) => `${kind(a.kind)} ${a.status === 'published' ? 'published' : 'submitted'}: ${label(a)}“${textOf(a.title)}”${a.late ? ' (late)' : ''}`,
    'document.numbered': (_b, a) => `Number assigned: ${textOf(a.number)}`,
    'document.revised': (_b, a) => `Revision R${textOf(a.revision)} uploaded (${listOf(a.files, locale, 'no file')})`,
    'document.updated': (_b, a) => `Document changed (${changedFieldNames(a, labels, locale, 'agenda item')})`,
    'document.withdrawn': () => 'Document withdrawn',
    'mail_in.queued': (_b, a) => `Mail from ${textOf(a.from)} queued for the secretariat (“${textOf(a.subject, '')}”)`,
    'mail_in.accepted': (_b, a) => `Mail accepted as a contribution (${count(a.documentIds)} document${count(a.documentIds) === 1 ? '' : 's'})`,
    'mail_in.discarded': () => 'Mail discarded',
  };
  return locale === 'fr' ? fr : en;
}

/** A document's stored fields by the document form's labels. */
export function documentFieldLabels(locale: Locale): Record<string, string> {
  const f = documentMessages(locale).fields;
  return { number: f.number, kind: f.kind, title: f.title, meetingId: f.meeting, access: f.access, status: f.status, late: f.late, files: f.files, revision: f.revision };
}

export function documentValueNames(locale: Locale): Record<string, Record<string, string>> {
  const m = documentMessages(locale);
  return { kind: m.kinds, status: m.statuses, access: m.access };
}

/** Mail received: who sent it and what it was about. */
export function mailInFieldLabels(locale: Locale): Record<string, string> {
  return locale === 'fr' ? { from: 'Expéditeur', subject: 'Objet', reason: 'Motif de la mise en attente' } : { from: 'From', subject: 'Subject', reason: 'Why it waits' };
}
