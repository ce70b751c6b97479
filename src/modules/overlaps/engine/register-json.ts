// The register as the database gives it to a run: JSON texts (entries as arrays, in chunks; organizations; common-text
// relations), read in a few statements (overlaps.ts readRegister) and turned into entries here, on whichever thread runs
// the engine: a text crosses to a worker thread as one copy, where 100,000 entry objects are cloned field by field.
import type { OverlapPair } from './overlap-index.ts';
import type { RegisterEntry } from './scoring.ts';

/** `entries`: JSON arrays of entries, a chunk each, `entryCount` of them in all. */
export type RegisterJson = { entries: string[]; entryCount: number; organizations: string; relations: string };

/** An entry as read: id, organization id, identifier, title, scope, stated equivalents, stored identifier key. */
type RawEntry = [number, number, string, string, string | null, string[], string];

/** The entries of `json`, by id, each with its organization's short name and its common-text relations. */
export function registerFromJson(json: RegisterJson): RegisterEntry[] {
  const related = new Map<number, number[]>();
  for (const [from, to] of JSON.parse(json.relations) as [number, number][]) {
    related.set(from, [...(related.get(from) ?? []), to]);
    related.set(to, [...(related.get(to) ?? []), from]);
  }
  const organizationNames = new Map(JSON.parse(json.organizations) as [number, string][]);
  const raw = json.entries.flatMap((chunk) => JSON.parse(chunk) as RawEntry[]);
  raw.sort((x, y) => x[0] - y[0]);
  return raw.map(([id, organizationId, identifier, title, scope, equivalents, identifierKey]) => ({
    id,
    organization: organizationNames.get(organizationId)!,
    identifier,
    title,
    scope,
    equivalents,
    relations: related.get(id) ?? [],
    identifierKey,
  }));
}

/**
 * A run's pairs as its swap writes them: `batches` of JSON rows `[a, b, score, textScore, certain, likely, reasons]`,
 * `size` rows each, and every pair's two entries (`entries[2i]`, `entries[2i + 1]`) so the swap can check they still
 * exist without parsing the batches.
 */
export type StoredBatches = { pairCount: number; size: number; batches: string[]; entries: Int32Array };

export function storedBatches(pairs: readonly OverlapPair[], size: number): StoredBatches {
  const batches: string[] = [];
  const entries = new Int32Array(pairs.length * 2);
  pairs.forEach((pair, i) => {
    entries[2 * i] = pair.a;
    entries[2 * i + 1] = pair.b;
  });
  for (let i = 0; i < pairs.length; i += size) {
    batches.push(JSON.stringify(pairs.slice(i, i + size).map((p) => [p.a, p.b, p.score, p.textScore, p.certain, p.likely, p.reasons])));
  }
  return { pairCount: pairs.length, size, batches, entries };
}
