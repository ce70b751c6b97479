// The text index: an in-process inverted index for ranked search with facet counts, kept in memory and current by
// the caller (built from the database at start, then `update` and `remove` on each write). Ranked search uses it now;
// the overlap engine is meant to read the same words (tokenize.ts) and identifier keys.
//
// Why not PostgreSQL full-text search: a ranked query over 100,000 rows takes 20–40 ms there (DESIGN.md), and facet
// counts cost one more grouped query per facet; the goal is 5 ms for both. Why not a library: minisearch and
// flexsearch rank but count no facets, so every broad query would walk their result objects again to count them.
//
// How a query runs:
// 1. Words: each word of the query is a group; the last word, unless the query ends with a space, also stands for
//    every indexed word it begins. A document must match every group. Its score is BM25F summed over the words: per
//    posting the index keeps the word's "impact" in that document (field-weighted, length-normalised, saturated), so
//    a query multiplies it by the word's idf. A document whose identifier key is the whole query's key matches even
//    without the words and gets a bonus that puts it first.
// 2. Filters and facets: a match that fails no filter is a hit and counts for every facet; one that fails exactly
//    one filter counts only for that filter's facet (what the facet would show with that filter lifted); others
//    count for nothing. Shortcuts keep this from walking every match: per facet value the index keeps its documents,
//    so without words it walks only the documents of the two most selective filters, and when most documents match
//    it counts the few that do not and takes them from the totals.
// 3. Order: a heap keeps the best offset+limit hits by one number each (score, or a place in the identifier, title
//    or year order), ties in identifier order.
// Everything per document lives in typed arrays indexed by a slot number, and the loops over documents are small
// functions of those arrays (query-loops.ts), which keeps a query at a few nanoseconds per document it touches.
import { Postings, SlotLists, SlotSet } from './postings.ts';
import {
  allLive,
  collectMatchedOfSet,
  collectSlots,
  collectUnmatched,
  computeImpacts,
  countTopicSets,
  countValues,
  type FacetColumn,
  filterAndCountFacets,
  keepFullMatches,
  scoreFirstGroup,
  scoreNextGroup,
  selectNewest,
  selectSmallest,
  spreadTopicSets,
  type TopicSetColumn,
} from './query-loops.ts';
import { SlotOrder, SortedList } from './sorted-list.ts';
import { closestKnownWord, compactIdentifierKey } from './spelling.ts';
import { foldText, isStopWord, splitWords, tokenize, tokenizeIdentifier } from './tokenize.ts';

export type TextIndexDocument = {
  id: number;
  /**
   * `identifierAliases`: the document's other numbers (a roadmap entry's equivalents at other bodies), searched as its
   * identifier is: their words in the identifier field, and a query that is one of them matches exactly.
   */
  fields: { identifier: string; identifierAliases?: readonly string[]; title: string; scope: string; topics: string[] };
  facets: { organization: string; status: string; kind: string; topics: string[]; year: number | null };
};

export type SearchSort = 'relevance' | 'identifier' | 'year' | 'title';

/** Values of one facet are alternatives (any of them); facets combine (all of them). An empty list filters nothing. */
export type SearchFilters = {
  organization?: string[];
  status?: string[];
  kind?: string[];
  topics?: string[];
  /** Inclusive; a document without a year is left out as soon as either bound is given. */
  yearFrom?: number;
  yearTo?: number;
};

export type SearchOptions = {
  filters?: SearchFilters;
  /** relevance (the default; identifier order without query words), identifier (natural order), year (newest first), title. */
  sort?: SearchSort;
  offset?: number;
  /** 20 unless given. */
  limit?: number;
  /**
   * When the words as typed find fewer than three documents, try them with one slip per word corrected (and an
   * identifier typed without its dots or spaces): if that finds more, say so in `suggestion`, and when the words as
   * typed found nothing, answer with what the correction finds.
   */
  tolerateTypos?: boolean;
};

/** `score`: BM25F over the query's words, plus 1000 when the identifier is the query; 0 for a query without words. */
export type SearchHit = { id: number; score: number };
export type FacetName = 'organization' | 'status' | 'kind' | 'topics' | 'year';
/** Per facet, value → number of documents; most frequent first (years in ascending order, as object keys go). */
export type FacetCounts = Record<FacetName, Record<string, number>>;
/**
 * `query`: the corrected words ("key management" for "key managment"); `applied`: the hits and counts are the
 * correction's, since the words as typed found nothing.
 */
export type SearchSuggestion = { query: string; applied: boolean };
export type SearchResult = { total: number; hits: SearchHit[]; facets: FacetCounts; suggestion?: SearchSuggestion };

export type TextIndexOptions = {
  /** The identifier normalisation of the documents' domain (roadmap: `identifierKey` in modules/roadmap/identifiers). */
  identifierKey: (identifier: string) => string;
};

// Fields in posting order: identifier ≫ title > topics > scope.
const fieldCount = 4;
const fieldWeights = [8, 3, 2, 1] as const;
/** BM25's b per field: how much a long field dampens its words. Identifiers are all short, so not at all. */
const lengthEffect = [0, 0.75, 0.5, 0.75] as const;
/** BM25's k1: how fast repeating a word stops adding to the score. */
const saturation = 1.2;
/**
 * Impacts are computed with the average field lengths of the moment; when the averages have moved by more than this
 * fraction since, the next query recomputes them all (after a bulk load, once; then rarely).
 */
const averageDrift = 0.05;
/** Added to the score of a document whose identifier is the query, so it comes first whatever the words say. */
const exactIdentifierBonus = 1000;
/** A word that only begins with the query's last word scores at this fraction of the whole word. */
const prefixWeight = 0.5;
const minimumPrefixLength = 2;
/** Term frequencies are packed six bits per field into one 31-bit integer. */
const maximumTermFrequency = 63;
const maximumQueryWords = 32;
/** Below this many matches a query is worth correcting (see SearchOptions.tolerateTypos). */
const fewMatches = 3;
/** A known but rare word is read as a slip of a neighbour held by at least this many times more documents. */
const rareSlipRatio = 4;
const defaultLimit = 20;

type Group = { postings: Postings; weight: number }[];

/** The distinct values of one facet, each with a small number (0 stands for "none"), and the slots that have each. */
class FacetValues<V extends string | number> {
  readonly values: V[];
  readonly slotSets: SlotSet[] = [new SlotSet()];
  private readonly numbers = new Map<V, number>();
  constructor(none: V) {
    this.values = [none];
    this.numbers.set(none, 0);
  }
  numberOf(value: V): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.values.push(value);
      this.slotSets.push(new SlotSet());
      this.numbers.set(value, number);
    }
    return number;
  }
  /** The numbers of the chosen values this facet knows. */
  numbersOf(chosen: readonly V[]): number[] {
    return chosen.map((value) => this.numbers.get(value) ?? 0).filter((number) => number > 0);
  }
  addSlot(number: number, slot: number): void {
    if (number) this.slotSets[number]!.add(slot);
  }
  removeSlot(number: number, slot: number): void {
    if (number) this.slotSets[number]!.remove(slot);
  }
  /** How many documents have each value, over the whole index. */
  globalCounts(): Int32Array {
    const counts = new Int32Array(this.values.length);
    for (let number = 1; number < counts.length; number++) counts[number] = this.slotSets[number]!.length;
    return counts;
  }
}

/** One filter of a query: the facet and the numbers of its chosen values. */
type ActiveFilter = { facet: FacetName; values: FacetValues<string> | FacetValues<number>; numbers: number[] };
const facetNames: FacetName[] = ['organization', 'status', 'kind', 'topics', 'year'];
/** How many documents a filter lets through, counting twice a document with two chosen topics. */
const filterSize = (filter: ActiveFilter) => filter.numbers.reduce((sum, number) => sum + filter.values.slotSets[number]!.length, 0);

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** "Y.3800" before "Y.10000": digit runs padded so that plain string order is natural order. */
const naturalSortKey = (text: string) => foldText(text).trim().replace(/\d+/g, (digits) => digits.padStart(10, '0'));
const titleSortKey = (text: string) => foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export class TextIndex {
  private readonly identifierKeyOf: (identifier: string) => string;

  // Documents live in slots 0…slotCount-1; a removed document's slot is reused by the next addition.
  private capacity = 0;
  private slotCount = 0;
  private liveCount = 0;
  private readonly freeSlots: number[] = [];
  private readonly slotById = new Map<number, number>();
  private idOf = new Float64Array(0);
  private alive = new Uint8Array(0);
  private fieldLengths = new Uint16Array(0);
  private readonly fieldLengthTotals = [0, 0, 0, 0];
  /** The averages the stored impacts were computed with (null until the first query). */
  private impactAverages: number[] | null = null;
  private readonly identifierKeys: string[] = [];
  /** The identifier as written, to offer it back when a query typed it without its dots or spaces. */
  private readonly identifierTexts: string[] = [];
  /** Slots by identifier key without punctuation or spaces, for keys that have any ("y.3800" under "y3800"). */
  private readonly slotsByCompactKey = new Map<string, number[]>();
  /** The keys of a slot's identifier aliases, for the few documents that have any. */
  private readonly aliasKeys = new Map<number, string[]>();
  private readonly identifierSortKeys: string[] = [];
  private readonly titleSortKeys: string[] = [];

  private readonly postingsByWord = new Map<string, Postings>();
  private readonly postingsById: (Postings | undefined)[] = [];
  private readonly freePostingIds: number[] = [];
  /** Per slot, pairs of (postings id, position in those postings) for each of its words, to remove it in place. */
  private readonly wordsOf = new SlotLists();
  /** Scratch for `add`: a document's packed word frequencies by postings id, zero between calls. */
  private wordFrequencies = new Int32Array(0);
  private readonly vocabulary = new SortedList<string>(compareStrings);
  private readonly slotsByIdentifierKey = new Map<string, number[]>();

  private readonly organizations = new FacetValues<string>('');
  private readonly statuses = new FacetValues<string>('');
  private readonly kinds = new FacetValues<string>('');
  private readonly topics = new FacetValues<string>('');
  private readonly years = new FacetValues<number>(0);
  private organizationOf = new Uint16Array(0);
  private statusOf = new Uint16Array(0);
  private kindOf = new Uint16Array(0);
  private yearOf = new Uint16Array(0);
  /** Per slot, its set of topics: the sets are interned (one per distinct list of topic numbers) and never change. */
  private topicSetOf = new Uint32Array(0);
  private readonly topicSetIds = new Map<string, number>();
  private readonly topicSets = new SlotLists();
  /** Per-query scratch for counting by topic set: zero between queries (spreadTopicSets resets what it used). */
  private perTopicSet = new Int32Array(0);
  private touchedTopicSets = new Int32Array(0);

  private readonly identifierOrder: SlotOrder;
  private readonly titleOrder: SlotOrder;

  // Per-query scratch, indexed by slot: reused so that a query allocates nothing in proportion to the index.
  private queryStamp = 0;
  private stamps = new Uint32Array(0);
  private groupsMatched = new Uint8Array(0);
  private scores = new Float64Array(0);
  private candidates = new Int32Array(0);
  private others = new Int32Array(0);

  constructor(options: TextIndexOptions) {
    this.identifierKeyOf = options.identifierKey;
    this.identifierOrder = new SlotOrder((a, b) => this.compareIdentifiers(a, b));
    this.titleOrder = new SlotOrder(
      (a, b) => compareStrings(this.titleSortKeys[a]!, this.titleSortKeys[b]!) || this.compareIdentifiers(a, b),
    );
  }

  /** How many documents the index holds. */
  get size(): number {
    return this.liveCount;
  }

  has(id: number): boolean {
    return this.slotById.has(id);
  }

  /** Adds a document; its id must not be in the index yet (use `update` to replace one). */
  add(document: TextIndexDocument): void {
    if (this.slotById.has(document.id)) throw new Error(`Document ${document.id} is already in the text index`);
    const slot = this.freeSlots.pop() ?? this.slotCount++;
    if (slot >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    this.slotById.set(document.id, slot);
    this.idOf[slot] = document.id;
    this.alive[slot] = 1;
    this.liveCount++;

    const { fields, facets } = document;
    const fieldWords = [
      fields.identifierAliases?.length ? [fields.identifier, ...fields.identifierAliases].flatMap((identifier) => tokenizeIdentifier(identifier)) : tokenizeIdentifier(fields.identifier),
      tokenize(fields.title),
      fields.topics.flatMap((topic) => tokenize(topic)),
      tokenize(fields.scope),
    ];
    // The document's frequency of each word, per field, gathers in `wordFrequencies` under the word's postings id.
    const postingIds: number[] = [];
    for (let field = 0; field < fieldCount; field++) {
      const words = fieldWords[field]!;
      const shift = field * 8;
      for (const word of words) {
        const { id } = this.postingsByWord.get(word) ?? this.newPostings(word);
        const packed = this.wordFrequencies[id]!;
        if (!packed) postingIds.push(id);
        if (((packed >> shift) & 255) < maximumTermFrequency) this.wordFrequencies[id] = packed + (1 << shift);
      }
      const length = Math.min(words.length, 65535);
      this.fieldLengths[slot * fieldCount + field] = length;
      this.fieldLengthTotals[field]! += length;
    }
    // Before the first query (a bulk load) impacts wait: the first query computes them all with the final averages.
    const averages = this.impactAverages;
    const words: number[] = [];
    for (const id of postingIds) {
      const packed = this.wordFrequencies[id]!;
      this.wordFrequencies[id] = 0;
      const postings = this.postingsById[id]!;
      words.push(id, postings.length);
      postings.add(slot, packed, averages ? this.impact(slot, packed, averages) : 0);
    }
    this.wordsOf.set(slot, words);

    const key = this.identifierKeyOf(fields.identifier);
    this.identifierKeys[slot] = key;
    this.identifierTexts[slot] = fields.identifier;
    this.addKey(key, slot);
    this.addCompactKey(key, slot);
    if (fields.identifierAliases?.length) {
      const aliases = [...new Set(fields.identifierAliases.map((alias) => this.identifierKeyOf(alias)))].filter((alias) => alias && alias !== key);
      for (const alias of aliases) {
        this.addKey(alias, slot);
        this.addCompactKey(alias, slot);
      }
      this.aliasKeys.set(slot, aliases);
    }

    this.organizationOf[slot] = this.organizations.numberOf(facets.organization);
    this.statusOf[slot] = this.statuses.numberOf(facets.status);
    this.kindOf[slot] = this.kinds.numberOf(facets.kind);
    this.yearOf[slot] = facets.year === null ? 0 : this.years.numberOf(facets.year);
    const topicNumbers = [...new Set(facets.topics.filter(Boolean).map((topic) => this.topics.numberOf(topic)))];
    this.topicSetOf[slot] = this.topicSetIdOf(topicNumbers);
    this.organizations.addSlot(this.organizationOf[slot]!, slot);
    this.statuses.addSlot(this.statusOf[slot]!, slot);
    this.kinds.addSlot(this.kindOf[slot]!, slot);
    this.years.addSlot(this.yearOf[slot]!, slot);
    for (const topic of topicNumbers) this.topics.addSlot(topic, slot);

    this.identifierSortKeys[slot] = naturalSortKey(fields.identifier);
    this.titleSortKeys[slot] = titleSortKey(fields.title);
    this.identifierOrder.add(slot);
    this.titleOrder.add(slot);
  }

  private addKey(key: string, slot: number): void {
    if (!key) return;
    const slots = this.slotsByIdentifierKey.get(key);
    if (slots) slots.push(slot);
    else this.slotsByIdentifierKey.set(key, [slot]);
  }

  /** Files the slot under the key without punctuation or spaces, when that differs from the key itself. */
  private addCompactKey(key: string, slot: number): void {
    const compact = compactIdentifierKey(key);
    if (!compact || compact === key) return;
    const slots = this.slotsByCompactKey.get(compact);
    if (slots) slots.push(slot);
    else this.slotsByCompactKey.set(compact, [slot]);
  }

  private removeCompactKey(key: string, slot: number): void {
    const compact = compactIdentifierKey(key);
    const slots = this.slotsByCompactKey.get(compact);
    if (!slots) return;
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    if (!slots.length) this.slotsByCompactKey.delete(compact);
  }

  private removeKey(key: string, slot: number): void {
    const sameKey = this.slotsByIdentifierKey.get(key);
    if (!sameKey) return;
    const at = sameKey.indexOf(slot);
    if (at >= 0) sameKey.splice(at, 1);
    if (!sameKey.length) this.slotsByIdentifierKey.delete(key);
  }

  /** Replaces the document with the same id, or adds it if the index does not hold it. */
  update(document: TextIndexDocument): void {
    this.remove(document.id);
    this.add(document);
  }

  /** Removes a document; false if the index did not hold it. */
  remove(id: number): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    // The orders find the slot by its sort keys, so it leaves them before anything else changes.
    this.identifierOrder.remove(slot);
    this.titleOrder.remove(slot);

    const words = this.wordsOf.get(slot);
    for (let i = 0; i < words.length; i += 2) {
      const postingId = words[i]!;
      const postings = this.postingsById[postingId]!;
      const moved = postings.removeAt(words[i + 1]!);
      if (moved >= 0) this.moveWordPosition(moved, postingId, words[i + 1]!);
      if (!postings.length) {
        this.postingsByWord.delete(postings.word);
        this.postingsById[postingId] = undefined;
        this.freePostingIds.push(postingId);
        this.vocabulary.remove(postings.word);
      }
    }
    this.wordsOf.set(slot, []);
    for (let field = 0; field < fieldCount; field++) this.fieldLengthTotals[field]! -= this.fieldLengths[slot * fieldCount + field]!;

    this.removeKey(this.identifierKeys[slot]!, slot);
    this.removeCompactKey(this.identifierKeys[slot]!, slot);
    for (const alias of this.aliasKeys.get(slot) ?? []) {
      this.removeKey(alias, slot);
      this.removeCompactKey(alias, slot);
    }
    this.aliasKeys.delete(slot);

    this.organizations.removeSlot(this.organizationOf[slot]!, slot);
    this.statuses.removeSlot(this.statusOf[slot]!, slot);
    this.kinds.removeSlot(this.kindOf[slot]!, slot);
    this.years.removeSlot(this.yearOf[slot]!, slot);
    for (const topic of this.topicSets.get(this.topicSetOf[slot]!)) this.topics.removeSlot(topic, slot);
    this.alive[slot] = 0;
    this.slotById.delete(id);
    this.freeSlots.push(slot);
    this.liveCount--;
    return true;
  }

  /**
   * The documents matching `query` and the filters, sorted and paged, with facet counts over the matches; with
   * `tolerateTypos`, corrected when the words as typed find little (see SearchOptions).
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const asTyped = this.run(query, options);
    if (!options.tolerateTypos || asTyped.total >= fewMatches) return asTyped;
    const corrected = this.suggest(query);
    if (corrected === null) return asTyped;
    const alternative = this.run(corrected, options);
    if (alternative.total <= asTyped.total) return asTyped;
    if (asTyped.total === 0) return { ...alternative, suggestion: { query: corrected, applied: true } };
    return { ...asTyped, suggestion: { query: corrected, applied: false } };
  }

  /**
   * The query with each slip corrected, or null when there is nothing to correct: a whole query that is an
   * identifier typed without its dots or spaces becomes that identifier ("y3800" → "Y.3800"); a word the index does
   * not know (for the word being typed: that begins no known word) becomes an identifier it spells the same way, or
   * else the known word one edit away that most documents hold; a word fewer than three documents hold becomes a
   * neighbour held by several times more. Stop words and short words stay as they are.
   */
  suggest(query: string): string | null {
    const key = this.identifierKeyOf(query);
    if (key && !this.slotsByIdentifierKey.has(key)) {
      const slot = this.slotsByCompactKey.get(compactIdentifierKey(key))?.[0];
      if (slot !== undefined) return this.identifierTexts[slot]!;
    }
    const words = splitWords(query).slice(0, maximumQueryWords);
    const typingLastWord = /[\p{L}\p{N}]$/u.test(query);
    const frequencyOf = (word: string) => this.postingsByWord.get(word)?.length ?? 0;
    let changed = false;
    const corrected = words.map((word, at) => {
      if (isStopWord(word)) return word;
      if (this.knows(word, typingLastWord && at === words.length - 1)) {
        // A rare word may be the slip itself, made once in some title ("Quantun"): offer the word that many hold.
        const frequency = frequencyOf(word);
        if (!frequency || frequency >= fewMatches) return word;
        const common = closestKnownWord(word, frequencyOf);
        if (common === undefined || frequencyOf(common) < Math.max(fewMatches, rareSlipRatio * frequency)) return word;
        changed = true;
        return common;
      }
      const slot = this.slotsByCompactKey.get(compactIdentifierKey(this.identifierKeyOf(word)))?.[0];
      const replacement = slot !== undefined ? this.identifierTexts[slot]! : closestKnownWord(word, frequencyOf);
      if (replacement === undefined) return word;
      changed = true;
      return replacement;
    });
    return changed ? corrected.join(' ') : null;
  }

  /** Whether the index holds the word, or, for the word being typed, some word it begins. */
  private knows(word: string, asPrefix: boolean): boolean {
    if (this.postingsByWord.has(word)) return true;
    if (!asPrefix || word.length < minimumPrefixLength) return false;
    const vocabulary = this.vocabulary.sorted();
    return vocabulary[this.vocabulary.lowerBound(word)]?.startsWith(word) ?? false;
  }

  private run(query: string, options: SearchOptions): SearchResult {
    const { filters = {}, sort = 'relevance' } = options;
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const wanted = offset + Math.max(0, Math.floor(options.limit ?? defaultLimit));
    this.identifierOrder.sorted();
    this.titleOrder.sorted();
    this.settleImpacts();

    const groups = this.queryGroups(query);
    const active = this.activeFilters(filters);
    let total: number;
    let counts: Record<FacetName, Int32Array>;
    let slots: number[];
    if (!groups && !active.length) {
      // Everything: the counts are kept per value, the orders are kept sorted.
      total = this.liveCount;
      counts = this.globalCounts();
      slots = this.firstInOrder(sort, wanted);
    } else if (groups) {
      const stamp = this.nextStamp();
      ({ total, counts } = this.countMatches(this.match(groups, query, stamp), groups.length, active, stamp));
      slots = this.selectTop(total, wanted, sort === 'relevance' ? 'score' : sort);
    } else {
      ({ total, counts } = this.filterAndCount(this.candidatesFromFilters(active, this.nextStamp()), active));
      // One filter and no words: the documents it turns away count for its own facet, and those are all the others.
      if (active.length === 1) counts[active[0]!.facet] = active[0]!.values.globalCounts();
      slots = this.selectTop(total, wanted, sort);
    }
    const hits = slots.slice(offset).map((slot) => ({ id: this.idOf[slot]!, score: groups ? this.scores[slot]! : 0 }));
    return { total, hits, facets: this.facetRecords(counts, filters) };
  }

  /**
   * Puts the documents that match the query's word groups into `candidates`, with their scores (plus those whose
   * identifier key is the query's), and returns how many there are.
   */
  private match(groups: Group[], query: string, stamp: number): number {
    const { candidates, stamps, groupsMatched, scores } = this;
    let count = 0;
    const groupCount = groups.length;
    const documentCount = Math.max(1, this.liveCount);
    // Rarest group first: the first group makes the candidates, the others can only strike them off.
    groups.sort((a, b) => groupSize(a) - groupSize(b));
    if (groups.every((group) => group.length)) {
      for (let group = 0; group < groupCount; group++) {
        // One idf for the whole group, from the documents of all its words: a rare word that merely begins with the
        // typed one ("keys" for "key") must not outscore the word itself.
        const frequency = Math.min(documentCount, groupSize(groups[group]!));
        const idf = Math.log(1 + (documentCount - frequency + 0.5) / (frequency + 0.5));
        for (const { postings, weight } of groups[group]!) {
          const { slots, impacts, length } = postings;
          const termWeight = weight * idf;
          if (group === 0) count = scoreFirstGroup(slots, impacts, length, termWeight, stamp, stamps, groupsMatched, scores, candidates, count);
          else scoreNextGroup(slots, impacts, length, termWeight, group, stamp, stamps, groupsMatched, scores);
        }
      }
    }

    for (const slot of this.slotsByIdentifierKey.get(this.identifierKeyOf(query)) ?? []) {
      if (stamps[slot] !== stamp) {
        stamps[slot] = stamp;
        scores[slot] = 0;
        candidates[count++] = slot;
      }
      groupsMatched[slot] = groupCount;
      scores[slot]! += exactIdentifierBonus;
    }
    // With one group every candidate matched it (and identifier matches were marked as matching all).
    return groupCount === 1 ? count : keepFullMatches(candidates, count, groupsMatched, groupCount);
  }

  /**
   * Filters the query's matches (the first `matchedCount` candidates, stamped) and counts the facets, looking at as
   * few documents as it can: when most documents match and nothing is filtered, it counts those that did not match
   * and takes them from the totals; when the filters' own documents are fewer than the matches, it walks those.
   */
  private countMatches(matchedCount: number, groupCount: number, active: ActiveFilter[], stamp: number): { total: number; counts: Record<FacetName, Int32Array> } {
    const mostlyMatched = matchedCount > this.liveCount / 2;
    if (!active.length) {
      if (!mostlyMatched) return this.filterAndCount(matchedCount, active);
      const unmatched = collectUnmatched(this.alive, this.slotCount, this.stamps, stamp, this.others);
      const counts = this.globalCounts();
      for (const facet of facetNames) {
        const notMatched = this.countFacet(facet, this.others, unmatched);
        for (let number = 0; number < notMatched.length; number++) counts[facet][number]! -= notMatched[number]!;
      }
      return { total: matchedCount, counts };
    }

    // A document outside the two most selective filters fails two filters: it is neither a hit nor counted.
    const selective = [...active].sort((a, b) => filterSize(a) - filterSize(b)).slice(0, 2);
    if (selective.reduce((sum, filter) => sum + filterSize(filter), 0) >= matchedCount) return this.filterAndCount(matchedCount, active);
    // With one filter, the matches it turns away still count for its own facet: count that over all matches first.
    const only = active.length === 1 ? active[0]! : undefined;
    const ownCounts = only && this.countFacetOverMatches(only.facet, matchedCount, mostlyMatched, stamp);
    let count = 0;
    for (const { values, numbers } of selective) {
      for (const number of numbers) {
        const { slots, length } = values.slotSets[number]!;
        count = collectMatchedOfSet(slots, length, stamp, this.stamps, this.groupsMatched, groupCount, this.candidates, count);
      }
    }
    const result = this.filterAndCount(count, active);
    if (only && ownCounts) result.counts[only.facet] = ownCounts;
    return result;
  }

  /** One facet's counts over the query's matches (the first `matchedCount` candidates, stamped). */
  private countFacetOverMatches(facet: FacetName, matchedCount: number, mostlyMatched: boolean, stamp: number): Int32Array {
    if (!mostlyMatched) return this.countFacet(facet, this.candidates, matchedCount);
    const unmatched = collectUnmatched(this.alive, this.slotCount, this.stamps, stamp, this.others);
    const counts = this.facetValues(facet).globalCounts();
    const notMatched = this.countFacet(facet, this.others, unmatched);
    for (let number = 0; number < counts.length; number++) counts[number]! -= notMatched[number]!;
    return counts;
  }

  /** One facet's counts over the first `count` slots of `slots`. */
  private countFacet(facet: FacetName, slots: Int32Array, count: number): Int32Array {
    const counts = new Int32Array(this.facetValues(facet).values.length);
    if (facet === 'topics') {
      const touched = countTopicSets(slots, count, this.topicSetOf, this.perTopicSet, this.touchedTopicSets);
      this.spreadTopics(touched, counts);
    } else countValues(slots, count, this.valueColumn(facet), counts);
    return counts;
  }

  private facetValues(facet: FacetName): FacetValues<string> | FacetValues<number> {
    return { organization: this.organizations, status: this.statuses, kind: this.kinds, topics: this.topics, year: this.years }[facet];
  }

  private valueColumn(facet: Exclude<FacetName, 'topics'>): Uint16Array {
    return { organization: this.organizationOf, status: this.statusOf, kind: this.kindOf, year: this.yearOf }[facet];
  }

  /** The filters that choose something, each with the numbers of its chosen values. */
  private activeFilters(filters: SearchFilters): ActiveFilter[] {
    const active: ActiveFilter[] = [];
    const add = (facet: FacetName, values: FacetValues<string>, chosen: string[] | undefined) => {
      if (chosen?.length) active.push({ facet, values, numbers: values.numbersOf(chosen) });
    };
    add('organization', this.organizations, filters.organization);
    add('status', this.statuses, filters.status);
    add('kind', this.kinds, filters.kind);
    add('topics', this.topics, filters.topics);
    const { yearFrom: from, yearTo: to } = filters;
    if (from !== undefined || to !== undefined) {
      const numbers: number[] = [];
      this.years.values.forEach((year, number) => {
        if (number && (from === undefined || year >= from) && (to === undefined || year <= to)) numbers.push(number);
      });
      active.push({ facet: 'year', values: this.years, numbers });
    }
    return active;
  }

  /**
   * Without words, the candidates are the documents of the two most selective filters: a document outside both
   * fails two filters, so it is neither a hit nor counted in any facet.
   */
  private candidatesFromFilters(active: ActiveFilter[], stamp: number): number {
    const selective = [...active].sort((a, b) => filterSize(a) - filterSize(b)).slice(0, 2);
    let count = 0;
    for (const { values, numbers } of selective) {
      for (const number of numbers) {
        const { slots, length } = values.slotSets[number]!;
        count = collectSlots(slots, length, stamp, this.stamps, this.candidates, count);
      }
    }
    return count;
  }

  /** The first `wanted` documents of the whole index in the given order. */
  private firstInOrder(sort: SearchSort, wanted: number): number[] {
    if (sort === 'title') return this.titleOrder.sorted().slice(0, wanted);
    if (sort !== 'year') return this.identifierOrder.sorted().slice(0, wanted);
    return this.selectTop(allLive(this.alive, this.slotCount, this.candidates), wanted, 'year');
  }

  /**
   * The query's word groups (null when it has no words to match): each word alone, and the last one, unless the
   * query ends with a space, with every indexed word it begins. Stop words are dropped, except a last word that is
   * all the query has (it may be the start of "theory").
   */
  private queryGroups(query: string): Group[] | null {
    const words = [...new Set(splitWords(query))].slice(0, maximumQueryWords);
    const typingLastWord = words.length > 0 && /[\p{L}\p{N}]$/u.test(query);
    const whole = (typingLastWord ? words.slice(0, -1) : words).filter((word) => !isStopWord(word));
    const groups: Group[] = whole.map((word) => {
      const postings = this.postingsByWord.get(word);
      return postings ? [{ postings, weight: 1 }] : [];
    });
    const last = words.at(-1);
    if (typingLastWord && last !== undefined && !(isStopWord(last) && whole.length)) groups.push(this.prefixGroup(last));
    return groups.length ? groups : null;
  }

  private prefixGroup(prefix: string): Group {
    const group: Group = [];
    const exact = this.postingsByWord.get(prefix);
    if (exact) group.push({ postings: exact, weight: 1 });
    if (prefix.length < minimumPrefixLength) return group;
    const vocabulary = this.vocabulary.sorted();
    for (let at = this.vocabulary.lowerBound(prefix); at < vocabulary.length; at++) {
      const word = vocabulary[at]!;
      if (!word.startsWith(prefix)) break;
      if (word !== prefix) group.push({ postings: this.postingsByWord.get(word)!, weight: prefixWeight });
    }
    return group;
  }

  /**
   * Applies the filters to the first `matchedCount` candidates, keeps the hits at the front of `candidates`, and
   * counts each facet over the matches that pass every other filter.
   */
  private filterAndCount(matchedCount: number, active: ActiveFilter[]): { total: number; counts: Record<FacetName, Int32Array> } {
    const masks = new Map<FacetName, Uint8Array>();
    for (const { facet, values, numbers } of active) {
      const mask = new Uint8Array(values.values.length);
      for (const number of numbers) mask[number] = 1;
      masks.set(facet, mask);
    }
    const column = (facet: FacetName, valueOf: Uint16Array, values: FacetValues<string> | FacetValues<number>): FacetColumn => ({
      valueOf,
      mask: masks.get(facet) ?? null,
      counts: new Int32Array(values.values.length),
    });
    const organization = column('organization', this.organizationOf, this.organizations);
    const status = column('status', this.statusOf, this.statuses);
    const kind = column('kind', this.kindOf, this.kinds);
    const year = column('year', this.yearOf, this.years);
    const topicMask = masks.get('topics');
    const topics: TopicSetColumn = {
      setOf: this.topicSetOf,
      pass: topicMask ? this.topicSetsPassing(topicMask) : null,
      perSet: this.perTopicSet,
      touched: this.touchedTopicSets,
      touchedCount: 0,
    };
    const total = filterAndCountFacets(this.candidates, matchedCount, organization, status, kind, year, topics);
    const topicCounts = new Int32Array(this.topics.values.length);
    this.spreadTopics(topics.touchedCount, topicCounts);
    return {
      total,
      counts: { organization: organization.counts, status: status.counts, kind: kind.counts, topics: topicCounts, year: year.counts },
    };
  }

  /** The interned set of these topic numbers (in any order), made on first sight. */
  private topicSetIdOf(topicNumbers: number[]): number {
    const sorted = [...topicNumbers].sort((a, b) => a - b);
    const key = sorted.join(',');
    let id = this.topicSetIds.get(key);
    if (id === undefined) {
      id = this.topicSetIds.size;
      this.topicSetIds.set(key, id);
      this.topicSets.set(id, sorted);
      if (id >= this.perTopicSet.length) {
        const grown = new Int32Array(Math.max(1024, id * 2));
        grown.set(this.perTopicSet);
        this.perTopicSet = grown;
        this.touchedTopicSets = new Int32Array(grown.length);
      }
    }
    return id;
  }

  /** Which topic sets hold at least one of the chosen topics (the mask). */
  private topicSetsPassing(mask: Uint8Array): Uint8Array {
    const { values, start, count } = this.topicSets;
    const pass = new Uint8Array(this.topicSetIds.size);
    for (let set = 0; set < pass.length; set++) {
      const to = start[set]! + count[set]!;
      for (let t = start[set]!; t < to; t++) {
        if (mask[values[t]!] === 1) {
          pass[set] = 1;
          break;
        }
      }
    }
    return pass;
  }

  /** Adds the counts kept per topic set (the first `touchedCount` of touchedTopicSets) to each topic of the set. */
  private spreadTopics(touchedCount: number, counts: Int32Array): void {
    const { values, start, count } = this.topicSets;
    spreadTopicSets(this.touchedTopicSets, touchedCount, this.perTopicSet, values, start, count, counts);
  }

  private globalCounts(): Record<FacetName, Int32Array> {
    return {
      organization: this.organizations.globalCounts(),
      status: this.statuses.globalCounts(),
      kind: this.kinds.globalCounts(),
      topics: this.topics.globalCounts(),
      year: this.years.globalCounts(),
    };
  }

  private facetRecords(counts: Record<FacetName, Int32Array>, filters: SearchFilters): FacetCounts {
    return {
      organization: countsByValue(this.organizations.values, counts.organization, filters.organization),
      status: countsByValue(this.statuses.values, counts.status, filters.status),
      kind: countsByValue(this.kinds.values, counts.kind, filters.kind),
      topics: countsByValue(this.topics.values, counts.topics, filters.topics),
      year: countsByValue(this.years.values, counts.year, undefined),
    };
  }

  /** The best `wanted` of the first `count` candidates in the given order (ties in identifier order), best first. */
  private selectTop(count: number, wanted: number, order: SearchSort | 'score'): number[] {
    const { candidates } = this;
    const identifierRank = this.identifierOrder.keys;
    const take = Math.min(wanted, count);
    if (take === 0) return [];
    if (order === 'year') return selectNewest(candidates, count, take, this.yearOf, this.years.values, identifierRank);
    // One number per slot, smaller first once multiplied by `sign` (scores go highest first).
    let keys = identifierRank;
    let sign = 1;
    if (order === 'score') [keys, sign] = [this.scores, -1];
    else if (order === 'title') keys = this.titleOrder.keys;
    const compare = (a: number, b: number) => sign * (keys[a]! - keys[b]!) || identifierRank[a]! - identifierRank[b]!;
    const best = take * 8 >= count ? candidates.subarray(0, count) : selectSmallest(candidates, count, take, keys, sign, identifierRank);
    return Array.from(best).sort(compare).slice(0, take);
  }

  private compareIdentifiers(a: number, b: number): number {
    return compareStrings(this.identifierSortKeys[a]!, this.identifierSortKeys[b]!) || a - b;
  }

  /** The word's BM25F weight in one document before idf: field-weighted, length-normalised, saturated. */
  private impact(slot: number, packed: number, averages: readonly number[]): number {
    let weighted = 0;
    for (let field = 0; field < fieldCount; field++) {
      const frequency = (packed >> (field * 8)) & 255;
      if (!frequency) continue;
      const b = lengthEffect[field]!;
      // The same arithmetic as computeImpacts, so an entry scores alike whichever computed it.
      weighted += (fieldWeights[field]! * frequency) / (1 - b + (b / averages[field]!) * this.fieldLengths[slot * fieldCount + field]!);
    }
    return (weighted * (saturation + 1)) / (weighted + saturation);
  }

  private currentAverages(): number[] {
    return this.fieldLengthTotals.map((total) => Math.max(1, total / Math.max(1, this.liveCount)));
  }

  /** Recomputes every stored impact when the average field lengths have drifted since they were computed. */
  private settleImpacts(): void {
    const averages = this.currentAverages();
    const previous = this.impactAverages;
    if (previous && averages.every((average, field) => Math.abs(average / previous[field]! - 1) <= averageDrift)) return;
    this.impactAverages = averages;
    const bOverAverage = lengthEffect.map((b, field) => b / averages[field]!);
    for (const { slots, frequencies, impacts, length } of this.postingsByWord.values()) {
      computeImpacts(slots, frequencies, impacts, length, this.fieldLengths, fieldWeights, lengthEffect, bOverAverage, saturation);
    }
  }

  /** Records that the slot's entry in the given postings is now at `position`. */
  private moveWordPosition(slot: number, postingId: number, position: number): void {
    const { values, start, count } = this.wordsOf;
    const end = start[slot]! + count[slot]!;
    for (let i = start[slot]!; i < end; i += 2) {
      if (values[i] === postingId) {
        values[i + 1] = position;
        return;
      }
    }
  }

  private newPostings(word: string): Postings {
    const id = this.freePostingIds.pop() ?? this.postingsById.length;
    if (id >= this.wordFrequencies.length) {
      const grown = new Int32Array(Math.max(1024, id * 2));
      grown.set(this.wordFrequencies);
      this.wordFrequencies = grown;
    }
    const postings = new Postings(id, word);
    this.postingsById[id] = postings;
    this.postingsByWord.set(word, postings);
    this.vocabulary.add(word);
    return postings;
  }

  private nextStamp(): number {
    if (this.queryStamp === 0xffffffff) {
      this.stamps.fill(0);
      this.queryStamp = 0;
    }
    return ++this.queryStamp;
  }

  private grow(capacity: number): void {
    const grown = <A extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(array: A, size: number): A => {
      const next = new (array.constructor as new (length: number) => A)(size);
      next.set(array);
      return next;
    };
    this.idOf = grown(this.idOf, capacity);
    this.alive = grown(this.alive, capacity);
    this.fieldLengths = grown(this.fieldLengths, capacity * fieldCount);
    this.organizationOf = grown(this.organizationOf, capacity);
    this.statusOf = grown(this.statusOf, capacity);
    this.kindOf = grown(this.kindOf, capacity);
    this.yearOf = grown(this.yearOf, capacity);
    this.topicSetOf = grown(this.topicSetOf, capacity);
    this.identifierOrder.ensureCapacity(capacity);
    this.titleOrder.ensureCapacity(capacity);
    this.stamps = grown(this.stamps, capacity);
    this.groupsMatched = new Uint8Array(capacity);
    this.scores = new Float64Array(capacity);
    this.candidates = new Int32Array(capacity);
    this.others = new Int32Array(capacity);
    this.capacity = capacity;
  }
}

function groupSize(group: Group): number {
  let size = 0;
  for (const { postings } of group) size += postings.length;
  return size;
}

/** The non-zero counts by value, most frequent first, then any chosen value at 0, so a filter can be shown and lifted. */
function countsByValue<V extends string | number>(values: V[], counts: Int32Array, chosen: readonly V[] | undefined): Record<string, number> {
  const numbers: number[] = [];
  for (let number = 1; number < values.length; number++) if (counts[number]) numbers.push(number);
  numbers.sort((a, b) => counts[b]! - counts[a]! || compareStrings(String(values[a]), String(values[b])));
  const record: Record<string, number> = {};
  const put = (name: string, count: number) => {
    // Assignment is several times faster than Object.fromEntries; "__proto__" alone needs a real property.
    if (name === '__proto__') Object.defineProperty(record, name, { value: count, enumerable: true, writable: true, configurable: true });
    else record[name] = count;
  };
  for (const number of numbers) put(String(values[number]), counts[number]!);
  const unmatched = (chosen ?? []).map(String).filter((name) => !Object.hasOwn(record, name));
  for (const name of [...new Set(unmatched)].sort(compareStrings)) put(name, 0);
  return record;
}
