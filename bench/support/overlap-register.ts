// The register the overlap benchmarks measure: the labelled set (test/fixtures/overlaps/twins.csv), the two real
// roadmaps in /work/shared/data (when present), and synthetic entries up to the asked size. Entries that would
// repeat a labelled one (same organization and identifier key, or the same number) are left out, so a labelled
// entry's only twin in the register is its labelled one.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { identifierKey } from '../../src/modules/roadmap/identifiers.ts';
import { identifierReferences } from '../../src/modules/overlaps/engine/references.ts';
import { organizationFamily, type RegisterEntry } from '../../src/modules/overlaps/engine/scoring.ts';
import { repositoryRoot } from './measurements.ts';
import { syntheticRegister } from './synthetic-register.ts';

export type LabelledRelation = 'twin' | 'sibling' | 'amendment' | 'version' | 'generic';
export type LabelledPair = { relation: LabelledRelation; a: number; b: number; source: string };
export type BenchRegister = {
  entries: RegisterEntry[];
  /** Labelled entries' ids → their twin's id. */
  twinOf: Map<number, number>;
  pairs: LabelledPair[];
  labelledCount: number;
  realCount: number;
  syntheticCount: number;
};

const realRoadmaps = ['/work/shared/data/roadmap-metaverse.csv', '/work/shared/data/roadmap-qkd.csv'];

type Row = Record<string, string>;
const readCsv = (file: string): Row[] => Papa.parse<Row>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;

/** Builds the register: labelled entries first (ids from 1), then real roadmap rows, then synthetic entries. */
export function loadBenchRegister(syntheticCount: number): BenchRegister {
  const entries: RegisterEntry[] = [];
  const idByEntry = new Map<string, number>();
  const taken = new Set<string>();
  const takenNumbers = new Set<string>();
  const entryKey = (organization: string, identifier: string) => `${organizationFamily(organization)}|${identifierKey(identifier)}`;
  const add = (organization: string, identifier: string, title: string, labelledEntry = false): number | undefined => {
    const key = entryKey(organization, identifier);
    if (taken.has(key)) return labelledEntry ? idByEntry.get(key) : undefined;
    const numbers = identifierReferences(organization, identifier).map((ref) => ref.key);
    if (!labelledEntry && numbers.some((number) => takenNumbers.has(number))) return undefined;
    const id = entries.length + 1;
    entries.push({ id, organization, identifier, title });
    taken.add(key);
    idByEntry.set(key, id);
    for (const number of numbers) takenNumbers.add(number);
    return id;
  };

  const labelled = readCsv(path.join(repositoryRoot, 'test/fixtures/overlaps/twins.csv'));
  const pairs: LabelledPair[] = [];
  const twinOf = new Map<number, number>();
  for (const row of labelled) {
    const a = add(row.organization_a!, row.identifier_a!, row.title_a!, true);
    const b = add(row.organization_b!, row.identifier_b!, row.title_b!, true);
    if (a === undefined || b === undefined) throw new Error(`Labelled row not read: ${row.identifier_a} / ${row.identifier_b}`);
    pairs.push({ relation: row.relation as LabelledRelation, a, b, source: row.source! });
    if (row.relation === 'twin') {
      twinOf.set(a, b);
      twinOf.set(b, a);
    }
  }
  const labelledCount = entries.length;

  const words: string[] = [];
  for (const file of realRoadmaps.filter((f) => fs.existsSync(f))) {
    for (const row of readCsv(file)) {
      if (row.org && row.identifier && row.title) add(row.org, row.identifier, row.title);
      words.push(...(row.title ?? '').toLowerCase().split(/[^a-z-]+/));
    }
  }
  const realCount = entries.length - labelledCount;
  for (const entry of entries.slice(0, labelledCount)) words.push(...entry.title.toLowerCase().split(/[^a-z-]+/));

  let synthetic = 0;
  for (const entry of syntheticRegister(Math.round(syntheticCount * 1.05), { extraWords: words })) {
    if (synthetic >= syntheticCount) break;
    const before = entries.length;
    add(entry.organization, entry.identifier, entry.title);
    if (entries.length > before) {
      if (entry.scope) entries[entries.length - 1]!.scope = entry.scope;
      synthetic++;
    }
  }
  return { entries, twinOf, pairs, labelledCount, realCount, syntheticCount: synthetic };
}
