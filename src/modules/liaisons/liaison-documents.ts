// A liaison statement's attachments live in one document of the documents module (kind ls-in or ls-out), whose number
// (e.g. JCA-QKDN-LSI-001) names the statement. This file is the one place that talks to that module.
import type { Tx } from '../../db/engine.ts';
import { type Actor, actorLabel, systemActor } from '../../platform/actor.ts';
import type { CheckedFile } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { addRevision, createDocument, updatePlacement } from '../documents/index.ts';
import type { LiaisonAccess, LiaisonDirection } from './schema.ts';

type StatementFacts = {
  activityId: number;
  direction: LiaisonDirection;
  title: string;
  access: LiaisonAccess;
  meetingId: number | null;
  agendaItemId: number | null;
  documentId: number | null;
  documentNumber: string | null;
};

/**
 * The liaison rules have already said who may do this; the documents module's own rules are for its own pages, so
 * its functions run as Concord on the person's behalf (the event names them).
 */
const onBehalfOf = (actor: Actor) => systemActor(actorLabel(actor));

/** Who reads the document: an outgoing statement's is members-only until the statement is sent. */
const documentAccess = (s: StatementFacts, sent: boolean): LiaisonAccess => (s.direction === 'out' && !sent ? 'members' : s.access);

/**
 * Creates the statement's document with `files` (none is fine: the number is taken now), or adds the files to it as
 * a new revision. Returns the document's id and number.
 */
export async function storeLiaisonDocument(
  tx: Tx,
  actor: Actor,
  input: { statement: StatementFacts; files: CheckedFile[]; locale?: Locale },
): Promise<{ id: number; number: string | null } | undefined> {
  const s = input.statement;
  if (!s.documentId) {
    return createDocument(tx, actor, {
      activityId: s.activityId,
      kind: s.direction === 'in' ? 'ls-in' : 'ls-out',
      meetingId: s.meetingId,
      agendaItemId: s.meetingId ? s.agendaItemId : null,
      title: s.title,
      access: documentAccess(s, false),
      files: input.files,
      origin: 'system',
      locale: input.locale,
    });
  }
  if (input.files.length) await addRevision(tx, onBehalfOf(actor), s.activityId, s.documentId, input.files, input.locale ?? 'en');
  return { id: s.documentId, number: s.documentNumber };
}

/** Makes the document readable as the statement is: called when an outgoing statement is sent or access changes. */
export async function syncDocumentAccess(tx: Tx, actor: Actor, statement: StatementFacts, sent: boolean, locale: Locale): Promise<void> {
  if (!statement.documentId) return;
  await updatePlacement(tx, onBehalfOf(actor), statement.activityId, statement.documentId, { access: documentAccess(statement, sent) }, locale);
}
