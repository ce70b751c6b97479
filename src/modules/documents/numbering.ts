// Document numbers: <ACRONYM>-<CODE>-<NNN>, a code per kind, a sequence per (activity, kind), revisions as -R1, -R2.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { documentCounters, type DocumentKind } from './schema.ts';

/**
 * The code of each kind in a number. C and TD follow ITU-T practice; R (report) is followed by digits, which keeps it
 * apart from a revision suffix (-R1 comes after the sequence); A is an agenda; LSI and LSO are liaison statements
 * received and sent.
 */
export const kindCodes: Record<DocumentKind, string> = {
  contribution: 'C',
  td: 'TD',
  report: 'R',
  agenda: 'A',
  'ls-in': 'LSI',
  'ls-out': 'LSO',
  // Never used to number: a circular carries TSB's own number (externallyNumberedKinds).
  circular: 'CIRC',
};

/** JCA-QKDN + contribution + 1 → JCA-QKDN-C-001 (three digits at least, more past 999). */
export function formatNumber(acronym: string, kind: DocumentKind, sequence: number): string {
  return `${acronym.toUpperCase()}-${kindCodes[kind]}-${String(sequence).padStart(3, '0')}`;
}

/** The number as shown and cited: the base number, with -R<n> for a revision; null while there is no number. */
export function documentLabel(document: { number: string | null; revision: number }): string | null {
  if (!document.number) return null;
  return document.revision > 0 ? `${document.number}-R${document.revision}` : document.number;
}

/**
 * Takes the next sequence for (activity, kind). One statement creates or bumps the counter row and returns the new
 * value; the row stays locked until the caller's transaction ends, so concurrent callers wait in turn (no duplicate),
 * and a rollback gives the number back (no gap). Call it inside the transaction that writes the number.
 */
export async function takeNextSequence(tx: Tx, activityId: number, kind: DocumentKind): Promise<number> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ activityId, kind, lastSequence: 1 })
    .onConflictDoUpdate({
      target: [documentCounters.activityId, documentCounters.kind],
      set: { lastSequence: sql`${documentCounters.lastSequence} + 1` },
    })
    .returning({ lastSequence: documentCounters.lastSequence });
  return row!.lastSequence;
}
