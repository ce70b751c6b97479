// Identifier facts re-score what the text found: a stated equivalent number, a numbering rule or a common-text
// relation makes two entries certain twins; an amendment, another part of the same series, another version or the
// same organization makes them unlikely twins (they may still overlap). Each fact is kept as a reason a page can put
// in words.
import { identifierKey } from '../../../platform/text-index/identifier-key.ts';
import {
  familiesOf,
  identifierReferences,
  isAmendment,
  readDesignations,
  readEquivalents,
  readPart,
  readVersions,
  type Reference,
} from './references.ts';

/** One entry of the register, as the engine reads it. */
export type RegisterEntry = {
  id: number;
  /** The organization's acronym: "ITU-T", "ISO/IEC", "ETSI"… */
  organization: string;
  identifier: string;
  title: string;
  scope?: string | null;
  /** Numbers the entry is stated to be the same as ("ISO/IEC 9594-8" for ITU-T X.509). */
  equivalents?: readonly string[];
  /** Ids of entries this one has a common-text relation with. */
  relations?: readonly number[];
  /**
   * `identifierKey(identifier)`, when the reader has it already (the register stores it: roadmap_entries.identifier_key):
   * computed otherwise. At 15 µs an entry it was a tenth of a full run's reading of the entries.
   */
  identifierKey?: string;
};

/** Why two entries look alike or not, as data: a page words each kind in the reader's language. */
export type OverlapReason =
  /** The distinctive terms both have, with each one's share of the text score (shares sum to the text score). */
  | { kind: 'shared_terms'; terms: { term: string; weight: number }[] }
  /** One entry states it is the other's number ("ITU-T X.509 | ISO/IEC 9594-8", an equivalents field). */
  | { kind: 'stated_equivalent'; reference: string; statedBy: 'a' | 'b' | 'both' }
  /** The two numbers are one by a numbering rule (ISO/IEC/IEEE 8802-3 = IEEE 802.3, ETSI TS 123 501 = 3GPP TS 23.501). */
  | { kind: 'same_number'; reference: string }
  /** A common-text relation between the two entries is already recorded. */
  | { kind: 'common_text_relation' }
  /** One entry's title or scope names the other's number without saying it is the same document. */
  | { kind: 'mentions'; reference: string; by: 'a' | 'b' }
  /** Two documents of one series ("ISO/IEC 14496-10" and "14496-12", "X.501" and "X.511"). */
  | { kind: 'same_series'; series: string; numbers: [string, string] }
  /** Both have a number in one numbering scheme and the numbers differ: two documents. */
  | { kind: 'different_numbers'; numbers: [string, string] }
  /** Both state a part number and the parts differ ("Part 1" and "Part 2"). */
  | { kind: 'different_parts'; parts: [string, string] }
  /** One is an amendment or corrigendum: of the other (`base` set) or of something else. */
  | { kind: 'amendment'; which: 'a' | 'b'; ofTheOther: boolean }
  /** Both state versions and they differ ("3.1" and "3.1.1"). */
  | { kind: 'different_versions'; versions: [string[], string[]] }
  | { kind: 'same_version'; version: string }
  /** Both come from one organization: rarely the same text, perhaps overlapping work. */
  | { kind: 'same_organization'; organization: string }
  /**
   * One entry looks clearly more like another entry of the other's body ("ISO/IEC 23008-2" is more like "ITU-T H.265"
   * than like "ITU-T H.265.1"): that one is its twin, and this pair at most companions.
   */
  | { kind: 'closer_twin'; which: 'a' | 'b'; rival: string };

/** What the scoring needs to know of an entry beyond its terms, computed once per entry. */
export type EntryFacts = {
  id: number;
  organizationFamily: string;
  own: Reference[];
  stated: Reference[];
  mentioned: Reference[];
  amendment: boolean;
  versions: string[];
  part: string | undefined;
  /** Hyphen-numbered names in the title ("NFCIP-1"): name → number. */
  designations: ReadonlyMap<string, string>;
  relations: ReadonlySet<number>;
  identifierKey: string;
  /** The identifier key with each run of digits as "#" ("yd/t#.#"): two numbers of one series look the same. */
  identifierShape: string;
  /** Looked up for every candidate pair, so computed once: own keys, stated keys. */
  ownKeys: ReadonlySet<string>;
  statedKeys: ReadonlySet<string>;
  families: string[][];
};

/** Score weights and thresholds: one place, so the module and the benchmarks agree. */
export const scoring = {
  /** At or above: a likely twin (the same or overlapping work); below: a possible overlap. */
  likely: 0.5,
  sameOrganization: 0.6,
  /** Another number of one scheme: another document (same_series when they share a family). */
  differentNumbers: 0.5,
  differentParts: 0.6,
  amendment: 0.5,
  differentVersions: 0.5,
  /** A candidate whose best match in the entry's own body is another entry, by at least `rivalMargin`. */
  rivalTwin: 0.5,
  rivalMargin: 0.15,
  mentionBonus: 0.1,
  sameVersionBonus: 0.08,
  /** A score never reaches 1 by text alone: 1 is kept for identifier facts. */
  textCeiling: 0.97,
};

/** "ITU-T SG17" and "ITU-T" are one body; "ISO", "IEC" and "ISO/IEC JTC 1" are one numbering family. */
export function organizationFamily(organization: string): string {
  // A register has dozens of organizations and 100,000s of entries: each organization's family is worked out once.
  let family = families.get(organization);
  if (family === undefined) {
    if (families.size >= 10_000) families.clear();
    families.set(organization, (family = familyOf(organization)));
  }
  return family;
}
const families = new Map<string, string>();

function familyOf(organization: string): string {
  const org = organization.trim().toUpperCase();
  if (/^(ITU|CCITT|UIT)/.test(org)) return org.startsWith('ITU-R') ? 'ITU-R' : 'ITU-T';
  if (/^(ISO|IEC)\b|^(ISO|IEC)\//.test(org)) return 'ISO/IEC';
  if (/^(CEN|CENELEC|CLC)\b|^CEN-CENELEC/.test(org)) return 'CEN-CENELEC';
  if (/^(IETF|IRTF)\b/.test(org)) return 'IETF';
  return org.split(/\s+/)[0] ?? org;
}

// Most entries state nothing and relate to nothing: they share these empty values instead of 100,000 of their own
// (each a live object the garbage collector walks for as long as the index is kept).
const noDesignations: ReadonlyMap<string, string> = new Map();
const noRelations: ReadonlySet<number> = new Set();
const noKeys: ReadonlySet<string> = new Set();
const noReasons: readonly OverlapReason[] = [];

/** Whether `key` is one of the entry's own keys, or `id:` and its identifier key (what a stated number may name). */
function isOwnOrIdentifierKey(facts: EntryFacts, key: string): boolean {
  return facts.ownKeys.has(key) || (key.startsWith('id:') && key.slice(3) === facts.identifierKey);
}

/** Reads an entry's facts: its own numbers, the numbers it states or mentions, amendment, versions. */
export function entryFacts(entry: RegisterEntry): EntryFacts {
  const own = identifierReferences(entry.organization, entry.identifier);
  const ownKeys: ReadonlySet<string> = new Set(own.map((ref) => ref.key));
  const stated: Reference[] = [];
  const mentioned: Reference[] = [];
  const read = [...readEquivalents(entry.title), ...(entry.scope ? readEquivalents(entry.scope) : [])];
  for (const ref of read) {
    if (ownKeys.has(ref.key)) continue;
    (ref.stated ? stated : mentioned).push(ref);
  }
  for (const equivalent of entry.equivalents ?? []) {
    const refs = identifierReferences('', equivalent);
    // A number the reader cannot place in a scheme still matches an entry whose identifier has the same key.
    stated.push(...(refs.length ? refs : [{ key: `id:${identifierKey(equivalent)}`, scheme: 'id', number: identifierKey(equivalent), amendment: null }]));
  }
  const key = entry.identifierKey ?? identifierKey(entry.identifier);
  const statedRefs = dedupe(stated);
  const designations = readDesignations(entry.title);
  return {
    id: entry.id,
    organizationFamily: organizationFamily(entry.organization),
    own,
    stated: statedRefs,
    mentioned: dedupe(mentioned.filter((ref) => !stated.some((s) => s.key === ref.key))),
    amendment: isAmendment(entry.identifier, entry.title, own),
    versions: readVersions(`${entry.identifier} ${entry.title}`),
    part: readPart(entry.identifier, entry.title, own),
    designations: designations.size ? designations : noDesignations,
    relations: entry.relations?.length ? new Set(entry.relations) : noRelations,
    identifierKey: key,
    identifierShape: key.replace(/\d+/g, '#'),
    ownKeys,
    statedKeys: statedRefs.length ? new Set(statedRefs.map((ref) => ref.key)) : noKeys,
    families: own.map(familiesOf),
  };
}

function dedupe(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((ref) => !seen.has(ref.key) && seen.add(ref.key));
}

/** The keys under which an entry can be joined to another with certainty: its own numbers and those it states. */
export function joinKeys(facts: EntryFacts): { own: string[]; stated: string[]; mentioned: string[] } {
  return {
    own: [...facts.own.map((ref) => ref.key), `id:${facts.identifierKey}`],
    stated: facts.stated.map((ref) => ref.key),
    mentioned: facts.mentioned.map((ref) => ref.key),
  };
}

/**
 * The score of a pair from its text score and both entries' facts, with the reasons unless `explain` is false (the
 * ranking scores every candidate and explains only those it keeps).
 */
export function scorePair(a: EntryFacts, b: EntryFacts, textScore: number, explain = true): { score: number; certain: boolean; reasons: OverlapReason[] } {
  // Optional-chained pushes do not even build their argument when there is nothing to explain.
  const reasons: OverlapReason[] | undefined = explain ? [] : undefined;
  let certain = false;
  if (a.relations.has(b.id) || b.relations.has(a.id)) {
    certain = true;
    reasons?.push({ kind: 'common_text_relation' });
  }
  const sameOrganization = a.organizationFamily === b.organizationFamily;
  for (const ref of a.own) {
    // Across organizations a shared number comes from a numbering rule; within one, it is one entry written twice.
    if (b.ownKeys.has(ref.key)) {
      certain = true;
      reasons?.push({ kind: 'same_number', reference: ref.key });
    }
  }
  for (const ref of a.stated) {
    if (isOwnOrIdentifierKey(b, ref.key)) {
      certain = true;
      reasons?.push({ kind: 'stated_equivalent', reference: ref.key, statedBy: 'a' });
    } else if (b.statedKeys.has(ref.key)) {
      certain = true;
      reasons?.push({ kind: 'stated_equivalent', reference: ref.key, statedBy: 'both' });
    }
  }
  for (const ref of b.stated) {
    if (isOwnOrIdentifierKey(a, ref.key)) {
      certain = true;
      reasons?.push({ kind: 'stated_equivalent', reference: ref.key, statedBy: 'b' });
    }
  }
  let bonus = 0;
  // Within one body, naming another of its documents says they are related ("Conformance specification for ITU-T
  // H.265" in H.265.1), not that they are one text: no bonus then.
  const mentionBonus = sameOrganization ? 0 : scoring.mentionBonus;
  for (const ref of a.mentioned) {
    if (b.ownKeys.has(ref.key)) {
      bonus = mentionBonus;
      reasons?.push({ kind: 'mentions', reference: ref.key, by: 'a' });
    }
  }
  for (const ref of b.mentioned) {
    if (a.ownKeys.has(ref.key)) {
      bonus = mentionBonus;
      reasons?.push({ kind: 'mentions', reference: ref.key, by: 'b' });
    }
  }

  let factor = 1;
  // Amendments: of the other (same scheme and number, one with an amendment), or of something else.
  let amendmentOfOther = false;
  for (const x of a.own) {
    for (const y of b.own) {
      if (x.scheme === y.scheme && x.number === y.number && x.amendment !== y.amendment) amendmentOfOther = true;
    }
  }
  if (a.amendment !== b.amendment || amendmentOfOther) {
    factor *= scoring.amendment;
    reasons?.push({ kind: 'amendment', which: a.amendment ? 'a' : 'b', ofTheOther: amendmentOfOther });
  }
  // Two numbers of one scheme that differ name two documents (siblings when they share a family); a number the
  // engine guessed does not count.
  if (!certain && !amendmentOfOther) {
    const different = differentNumbers(a, b) ?? (sameOrganization ? sameSeriesOfOneBody(a, b) : undefined);
    if (different) {
      factor *= scoring.differentNumbers;
      reasons?.push(different);
    } else if (a.part && b.part && a.part !== b.part) {
      factor *= scoring.differentParts;
      reasons?.push({ kind: 'different_parts', parts: [a.part, b.part] });
    }
  }
  if (a.designations.size && b.designations.size) {
    for (const [name, number] of a.designations) {
      const other = b.designations.get(name);
      if (other !== undefined && other !== number) {
        factor *= scoring.differentVersions;
        reasons?.push({ kind: 'different_versions', versions: [[`${name}-${number}`], [`${name}-${other}`]] });
        break;
      }
    }
  }
  if (a.versions.length && b.versions.length) {
    const shared = a.versions.find((version) => b.versions.includes(version));
    if (shared) {
      // Within one organization a shared version is a suite's (UML 2.4.1 Infrastructure and Superstructure).
      if (!sameOrganization) bonus += scoring.sameVersionBonus;
      reasons?.push({ kind: 'same_version', version: shared });
    }
    else {
      factor *= scoring.differentVersions;
      reasons?.push({ kind: 'different_versions', versions: [a.versions, b.versions] });
    }
  }
  if (sameOrganization) {
    factor *= scoring.sameOrganization;
    reasons?.push({ kind: 'same_organization', organization: a.organizationFamily });
  }
  const score = certain ? 1 : Math.min(scoring.textCeiling, Math.max(0, textScore * factor + bonus));
  return { score, certain, reasons: reasons ?? (noReasons as OverlapReason[]) };
}

/**
 * Two numbers of one body written the same way but for their digits ("YD/T 3834.1-2021" and "YD/T 3835.1-2021",
 * a requirement and its test method): two documents of one series, even in a numbering the engine has no scheme for.
 * A body numbers each of its documents once, so these are siblings, not one text.
 */
function sameSeriesOfOneBody(a: EntryFacts, b: EntryFacts): OverlapReason | undefined {
  if (a.identifierKey === b.identifierKey || a.identifierShape !== b.identifierShape || !a.identifierShape.includes('#')) return undefined;
  return { kind: 'different_numbers', numbers: [a.identifierKey, b.identifierKey] };
}

function differentNumbers(a: EntryFacts, b: EntryFacts): OverlapReason | undefined {
  let different: OverlapReason | undefined;
  for (let i = 0; i < a.own.length; i++) {
    const x = a.own[i]!;
    if (x.guess) continue;
    const xFamilies = a.families[i]!;
    for (let j = 0; j < b.own.length; j++) {
      const y = b.own[j]!;
      if (y.guess || x.scheme !== y.scheme || x.number === y.number) continue;
      const yFamilies = b.families[j]!;
      // "h.265" is the family of "h.265.1": a document and its companion are one series as well.
      if (yFamilies.includes(x.number)) return { kind: 'same_series', series: `${x.scheme}:${x.number}`, numbers: [x.number, y.number] };
      if (xFamilies.includes(y.number)) return { kind: 'same_series', series: `${y.scheme}:${y.number}`, numbers: [x.number, y.number] };
      const family = xFamilies.find((f) => yFamilies.includes(f));
      if (family) return { kind: 'same_series', series: `${x.scheme}:${family}`, numbers: [x.number, y.number] };
      different ??= { kind: 'different_numbers', numbers: [x.number, y.number] };
    }
  }
  return different;
}
