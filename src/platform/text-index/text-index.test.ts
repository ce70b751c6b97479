import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifierKey } from '../../modules/roadmap/identifiers.ts';
import { type SearchFilters, type SearchOptions, TextIndex, type TextIndexDocument } from './text-index.ts';
import { tokenize, tokenizeIdentifier } from './tokenize.ts';

type Entry = {
  id: number;
  identifier: string;
  title: string;
  scope?: string;
  topics?: string[];
  organization: string;
  status?: string;
  kind?: string;
  year?: number | null;
};

function document(entry: Entry): TextIndexDocument {
  const topics = entry.topics ?? [];
  return {
    id: entry.id,
    fields: { identifier: entry.identifier, title: entry.title, scope: entry.scope ?? '', topics },
    facets: {
      organization: entry.organization,
      status: entry.status ?? 'published',
      kind: entry.kind ?? 'recommendation',
      topics,
      year: entry.year === undefined ? 2020 : entry.year,
    },
  };
}

const fixture: Entry[] = [
  { id: 1, identifier: 'Y.3800', title: 'Overview on networks supporting quantum key distribution', topics: ['QKDN overview'], organization: 'ITU-T', year: 2019 },
  { id: 2, identifier: 'Y.3803', title: 'Quantum key distribution networks - Key management', topics: ['key management'], organization: 'ITU-T', year: 2020 },
  { id: 3, identifier: 'Y.3802 Amd.1', title: 'Quantum key distribution networks - Functional architecture, amendment 1', topics: ['QKDN architecture'], organization: 'ITU-T', year: 2023 },
  { id: 4, identifier: 'ETSI GS QKD 014', title: 'Protocol and data format of REST-based key delivery API', topics: ['key delivery API'], organization: 'ETSI', year: 2019 },
  { id: 5, identifier: 'RFC 9340', title: 'Architectural principles for a quantum internet', topics: ['quantum internet'], organization: 'IRTF', kind: 'rfc', year: 2023 },
  { id: 6, identifier: 'ISO/IEC 23005-1', title: 'Media context and control - Part 1: Architecture', scope: 'Métavers et mondes virtuels: the architecture of MPEG-V.', topics: ['MPEG-V virtual worlds'], organization: 'ISO/IEC', kind: 'international standard', year: 2011 },
  { id: 7, identifier: 'ISO/IEC 23005-2', title: 'Media context and control - Part 2: Control information', topics: ['MPEG-V virtual worlds'], organization: 'ISO/IEC', kind: 'international standard', year: 2011 },
  { id: 8, identifier: 'ETSI GS QKD 020', title: 'Interoperable key management system API', topics: ['key management API'], organization: 'ETSI', status: 'in development', year: null },
  { id: 9, identifier: 'Y.10000', title: 'A far future Recommendation on networks', organization: 'ITU-T', status: 'planned', year: 2030 },
  { id: 10, identifier: 'IEEE P1913', title: 'Software-defined quantum communication', topics: ['SDN', 'quantum communication'], organization: 'IEEE', status: 'in development', kind: 'work item', year: 2018 },
];

function fixtureIndex(entries: Entry[] = fixture): TextIndex {
  const index = new TextIndex({ identifierKey });
  for (const entry of entries) index.add(document(entry));
  return index;
}

const ids = (index: TextIndex, query: string, options: SearchOptions = {}) =>
  index.search(query, { limit: 100, ...options }).hits.map((hit) => hit.id);

describe('TextIndex', () => {
  describe('words', () => {
    it('finds a word in any field, whatever its case and accents', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, 'metavers '), [6]);
      assert.deepEqual(ids(index, 'MÉTAVERS '), [6]);
      assert.deepEqual(ids(index, 'Mondes '), [6]);
      assert.deepEqual(ids(index, 'sdn '), [10]);
    });

    it('wants every word of the query', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, 'quantum internet ').sort(), [5]);
      assert.deepEqual(ids(index, 'quantum nowhere '), []);
    });

    it('ignores stop words between words', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, 'the quantum of internet '), ids(index, 'quantum internet '));
    });

    it('reads the last word as a prefix while it is being typed, not after a space', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, 'quant').sort((a, b) => a - b), [1, 2, 3, 5, 10]);
      assert.deepEqual(ids(index, 'quant '), []);
      assert.deepEqual(ids(index, 'key manag').sort((a, b) => a - b), [2, 8]);
      // A one-letter prefix matches only that letter as a word (here the Y of Y.3800), not every word starting with it.
      assert.deepEqual(ids(index, 'networks y').sort((a, b) => a - b), [1, 2, 3, 9]);
    });

    it('reads a lone stop word being typed as a prefix, and drops a trailing one after other words', () => {
      const index = fixtureIndex([{ id: 1, identifier: 'X.1', title: 'Theory of everything', organization: 'A' }]);
      assert.deepEqual(ids(index, 'the'), [1]);
      assert.deepEqual(ids(index, 'everything the'), [1]);
    });

    it('does not let a rare word that begins with the typed one outrank the word itself', () => {
      const index = fixtureIndex([
        ...[1, 2, 3, 4, 5].map((id) => ({ id, identifier: `X.${id}`, title: `Key layouts ${id}`, organization: 'A' })),
        { id: 6, identifier: 'X.6', title: 'Keys layouts 6', organization: 'A' },
      ]);
      assert.equal(ids(index, 'key').at(-1), 6);
    });

    it('scores a whole word above a word it only begins', () => {
      const index = fixtureIndex([
        { id: 1, identifier: 'X.1', title: 'Keyboard layouts', organization: 'A' },
        { id: 2, identifier: 'X.2', title: 'Key layouts', organization: 'A' },
      ]);
      assert.deepEqual(ids(index, 'key'), [2, 1]);
    });
  });

  describe('identifiers', () => {
    for (const query of ['Y.3800', 'y.3800', 'ITU-T Y.3800', 'Rec. ITU-T Y.3800', 'T-REC-Y.3800', 'T-REC-Y.3800-201910-I']) {
      it(`puts Y.3800 first for "${query}"`, () => {
        assert.equal(ids(fixtureIndex(), query)[0], 1);
      });
    }

    it('finds an identifier written without spaces or with its body', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, 'rfc9340'), [5]);
      assert.deepEqual(ids(index, 'IETF RFC 9340'), [5]);
      assert.deepEqual(ids(index, 'GS QKD014'), [4]);
      assert.equal(ids(index, 'ETSI GS QKD 014')[0], 4);
      assert.deepEqual(ids(index, '1913'), [10]);
    });

    it('keeps an amendment apart from its base Recommendation', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, 'Y.3802 Amd.1'), [3]);
      assert.equal(ids(index, 'Y.3802 Amd.1')[0], 3);
      assert.deepEqual(ids(index, 'ISO/IEC 23005-2')[0], 7);
    });

    it('ranks the entry whose identifier is the query above entries that only mention it', () => {
      const index = fixtureIndex([
        { id: 1, identifier: 'Y.3801', title: 'Functional requirements, following Y.3800 and Y.3800', scope: 'Y.3800 Y.3800', organization: 'ITU-T' },
        { id: 2, identifier: 'Y.3800', title: 'Overview', organization: 'ITU-T' },
      ]);
      const result = index.search('Y.3800');
      assert.deepEqual(result.hits.map((hit) => hit.id), [2, 1]);
      assert.ok(result.hits[0]!.score > 1000, 'the exact identifier carries the bonus');
    });
  });

  describe('typos', () => {
    const typoIds = (index: TextIndex, query: string, options: SearchOptions = {}) =>
      index.search(query, { limit: 100, tolerateTypos: true, ...options }).hits.map((hit) => hit.id).sort((a, b) => a - b);

    it('finds "key management" for "key managment", typed or finished, and says what it searched', () => {
      const index = fixtureIndex();
      assert.deepEqual(typoIds(index, 'key managment'), [2, 8]);
      assert.deepEqual(typoIds(index, 'key managment '), [2, 8]);
      assert.deepEqual(index.search('key managment', { tolerateTypos: true }).suggestion, { query: 'key management', applied: true });
    });

    it('corrects a changed, an added and two swapped letters, one slip per word', () => {
      const index = fixtureIndex();
      assert.equal(index.suggest('quantun internet '), 'quantum internet');
      assert.equal(index.suggest('quantum innternet '), 'quantum internet');
      assert.equal(index.suggest('qunatum itnernet '), 'quantum internet');
    });

    it('finds an identifier typed without its dot or space', () => {
      const index = fixtureIndex();
      assert.equal(index.suggest('y3800'), 'Y.3800');
      assert.deepEqual(typoIds(index, 'y3800'), [1]);
      assert.deepEqual(index.search('y3800', { tolerateTypos: true }).suggestion, { query: 'Y.3800', applied: true });
      assert.equal(index.suggest('y38021 architecture'), null, 'no identifier is spelt y38021');
      assert.equal(index.suggest('y3803 management'), 'Y.3803 management');
    });

    it('leaves the words alone when they find enough, and answers without a suggestion', () => {
      const index = fixtureIndex();
      const result = index.search('quantum', { tolerateTypos: true });
      assert.equal(result.suggestion, undefined);
      assert.equal(index.suggest('key management'), null);
      assert.equal(index.suggest('key manag'), null, 'a word being typed that begins a known word is no slip');
    });

    it('suggests without replacing when the words as typed find a few entries and the correction finds more', () => {
      const index = fixtureIndex([
        ...fixture,
        { id: 11, identifier: 'X.11', title: 'Quantun noise', organization: 'A' },
      ]);
      const result = index.search('quantun ', { tolerateTypos: true, limit: 100 });
      assert.deepEqual(result.hits.map((hit) => hit.id), [11]);
      assert.deepEqual(result.suggestion, { query: 'quantum', applied: false });
    });

    it('corrects only with the option, and never a word that is two slips away', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, 'key managment'), []);
      assert.equal(index.search('key managment').suggestion, undefined);
      assert.deepEqual(typoIds(index, 'key mangment'), []);
    });

    it('keeps the filters on the corrected words', () => {
      const index = fixtureIndex();
      assert.deepEqual(typoIds(index, 'key managment', { filters: { organization: ['ETSI'] } }), [8]);
    });

    it('forgets the identifier of a removed entry', () => {
      const index = fixtureIndex();
      index.remove(1);
      assert.equal(index.suggest('y3800'), null);
      index.add(document(fixture[0]!));
      assert.equal(index.suggest('y3800'), 'Y.3800');
    });
  });

  describe('ranking', () => {
    it('weighs identifier above title above topics above scope', () => {
      const index = fixtureIndex([
        { id: 1, identifier: 'X.1', title: 'Alpha beta', topics: ['gamma delta'], scope: 'Lyra and other words here', organization: 'A' },
        { id: 2, identifier: 'X.2', title: 'Alpha beta', topics: ['lyra delta'], scope: 'gamma and other words here', organization: 'A' },
        { id: 3, identifier: 'X.3', title: 'Lyra beta', topics: ['gamma delta'], scope: 'alpha and other words here', organization: 'A' },
        { id: 4, identifier: 'Lyra 4', title: 'Alpha beta', topics: ['gamma delta'], scope: 'alpha and other words here', organization: 'A' },
      ]);
      assert.deepEqual(ids(index, 'lyra '), [4, 3, 2, 1]);
    });

    it('prefers the shorter title for the same word, and rarer words over common ones', () => {
      const index = fixtureIndex();
      // "key management" is the whole topic of entry 2 and in its title; entry 8 has it in a longer title.
      assert.deepEqual(ids(index, 'key management '), [2, 8]);
      // "distribution" is in three titles and "overview" in one: the entry with both comes first.
      assert.equal(ids(index, 'quantum overview ')[0], 1);
    });

    it('scores an entry added after the first query as one loaded before it', () => {
      // Same field lengths everywhere, so the averages (and so the scores) do not move with the third entry.
      const entries: Entry[] = [
        { id: 1, identifier: 'X.1', title: 'Alpha beta', organization: 'A' },
        { id: 2, identifier: 'X.2', title: 'Gamma delta', organization: 'A' },
        { id: 3, identifier: 'X.3', title: 'Alpha delta', organization: 'A' },
      ];
      const loadedFirst = fixtureIndex(entries);
      const addedLater = fixtureIndex(entries.slice(0, 2));
      addedLater.search('alpha');
      addedLater.add(document(entries[2]!));
      assert.deepEqual(addedLater.search('alpha delta ').hits, loadedFirst.search('alpha delta ').hits);
      assert.deepEqual(addedLater.search('alpha ').hits, loadedFirst.search('alpha ').hits);
    });

    it('gives equal scores in identifier order', () => {
      const index = fixtureIndex([
        { id: 1, identifier: 'Z.2', title: 'Same words', organization: 'A' },
        { id: 2, identifier: 'Z.10', title: 'Same words', organization: 'A' },
        { id: 3, identifier: 'Z.1', title: 'Same words', organization: 'A' },
      ]);
      assert.deepEqual(ids(index, 'same words '), [3, 1, 2]);
    });
  });

  describe('filters and facets', () => {
    it('counts each facet over the matches with every other filter applied', () => {
      const index = fixtureIndex();
      const result = index.search('', { filters: { status: ['published'], organization: ['ITU-T'] }, limit: 100 });
      assert.deepEqual(result.hits.map((hit) => hit.id).sort((a, b) => a - b), [1, 2, 3]);
      assert.equal(result.total, 3);
      // Status counts ignore the status filter (but keep the organization one): ITU-T has one planned entry.
      assert.deepEqual(result.facets.status, { published: 3, planned: 1 });
      // Organization counts ignore the organization filter (but keep status): published entries per body.
      assert.deepEqual(result.facets.organization, { 'ITU-T': 3, 'ISO/IEC': 2, ETSI: 1, IRTF: 1 });
      // The other facets count only the hits.
      assert.deepEqual(result.facets.kind, { recommendation: 3 });
      assert.deepEqual(result.facets.year, { '2019': 1, '2020': 1, '2023': 1 });
      assert.deepEqual(result.facets.topics, { 'key management': 1, 'QKDN architecture': 1, 'QKDN overview': 1 });
    });

    it('counts facets over the query matches only', () => {
      const index = fixtureIndex();
      const result = index.search('key ', { filters: { organization: ['ETSI'] } });
      assert.deepEqual(result.hits.map((hit) => hit.id).sort(), [4, 8]);
      assert.deepEqual(result.facets.organization, { 'ITU-T': 3, ETSI: 2 });
      assert.deepEqual(result.facets.status, { 'in development': 1, published: 1 });
      assert.deepEqual(result.facets.year, { '2019': 1 }, 'an entry without a year is not counted under any year');
    });

    it('takes any of the chosen values of a facet, and all the facets', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, '', { filters: { organization: ['ETSI', 'IRTF'] } }).sort(), [4, 5, 8]);
      assert.deepEqual(ids(index, '', { filters: { organization: ['ETSI', 'IRTF'], status: ['published'] } }).sort(), [4, 5]);
      assert.deepEqual(ids(index, '', { filters: { topics: ['SDN', 'quantum internet'] } }).sort(), [10, 5]);
      assert.deepEqual(ids(index, '', { filters: { organization: ['Nobody'] } }), []);
    });

    it('shows a chosen value that has no match at 0, so it can be unticked', () => {
      const index = fixtureIndex();
      const result = index.search('architecture ', { filters: { organization: ['IEEE'] } });
      assert.equal(result.total, 0);
      assert.deepEqual(result.facets.organization, { 'ISO/IEC': 1, 'ITU-T': 1, IEEE: 0 });
    });

    it('counts values named like object properties as any other', () => {
      const index = fixtureIndex([
        { id: 1, identifier: 'X.1', title: 'One', organization: '__proto__' },
        { id: 2, identifier: 'X.2', title: 'Two', organization: 'constructor' },
      ]);
      const { organization } = index.search('').facets;
      assert.deepEqual(Object.entries(organization), [['__proto__', 1], ['constructor', 1]]);
      assert.equal(Object.getPrototypeOf(organization), Object.prototype);
      assert.deepEqual(ids(index, '', { filters: { organization: ['__proto__'] } }), [1]);
    });

    it('filters on a range of years, leaving out entries without a year', () => {
      const index = fixtureIndex();
      const result = index.search('', { filters: { yearFrom: 2019, yearTo: 2020 }, limit: 100 });
      assert.deepEqual(result.hits.map((hit) => hit.id).sort(), [1, 2, 4]);
      // The year facet ignores the year filter.
      assert.deepEqual(result.facets.year, { '2011': 2, '2018': 1, '2019': 2, '2020': 1, '2023': 2, '2030': 1 });
      assert.deepEqual(ids(index, '', { filters: { yearFrom: 2024 } }), [9]);
      assert.deepEqual(ids(index, '', { filters: { yearTo: 2011 } }).sort(), [6, 7]);
    });
  });

  describe('sorting and pages', () => {
    it('lists every entry without a query, in natural identifier order', () => {
      const result = fixtureIndex().search('', { limit: 100 });
      assert.equal(result.total, 10);
      assert.deepEqual(result.hits.map((hit) => hit.id), [4, 8, 10, 6, 7, 5, 1, 3, 2, 9]);
      assert.ok(result.hits.every((hit) => hit.score === 0));
    });

    it('sorts by year (newest first, no year last), by title, or by identifier whatever the score', () => {
      const index = fixtureIndex();
      assert.deepEqual(ids(index, '', { sort: 'year' }), [9, 5, 3, 2, 4, 1, 10, 6, 7, 8]);
      assert.deepEqual(ids(index, 'quantum ', { sort: 'title' }), [5, 1, 3, 2, 10]);
      assert.deepEqual(ids(index, 'quantum ', { sort: 'identifier' }), [10, 5, 1, 3, 2]);
    });

    it('pages through the sorted hits', () => {
      const index = fixtureIndex();
      const all = ids(index, '');
      assert.deepEqual(ids(index, '', { offset: 0, limit: 4 }), all.slice(0, 4));
      assert.deepEqual(ids(index, '', { offset: 4, limit: 4 }), all.slice(4, 8));
      assert.deepEqual(ids(index, '', { offset: 8, limit: 4 }), all.slice(8));
      const page = index.search('', { offset: 20, limit: 4 });
      assert.deepEqual([page.total, page.hits], [10, []]);
      assert.equal(index.search('').hits.length, 10, 'twenty by default');
    });
  });

  describe('changes', () => {
    it('updates an entry: old words and facet values no longer find it, new ones do', () => {
      const index = fixtureIndex();
      const before = fixture.find((entry) => entry.id === 2)!;
      index.update(document({ ...before, title: 'Quantum key distribution networks - Key lifecycle', topics: ['key lifecycle'], status: 'superseded' }));
      assert.deepEqual(ids(index, 'management ').sort(), [8]);
      assert.deepEqual(ids(index, 'lifecycle '), [2]);
      assert.deepEqual(index.search('', { filters: { status: ['superseded'] } }).hits.map((hit) => hit.id), [2]);
      assert.equal(index.search('').facets.status.published, 6);
      assert.equal(index.size, 10);
    });

    it('removes an entry from words, identifiers, facets and orders, and reuses its place', () => {
      const index = fixtureIndex();
      assert.equal(index.remove(1), true);
      assert.equal(index.remove(1), false);
      assert.equal(index.has(1), false);
      assert.deepEqual(ids(index, 'Y.3800'), []);
      assert.deepEqual(ids(index, 'overview '), []);
      assert.equal(index.search('').total, 9);
      assert.equal(index.search('').facets.organization['ITU-T'], 3);
      index.add(document({ id: 11, identifier: 'Y.3801', title: 'Functional requirements for QKD networks', organization: 'ITU-T', year: 2020 }));
      assert.deepEqual(ids(index, 'Y.3801'), [11]);
      assert.deepEqual(ids(index, 'ITU-T Y.3801'), [11]);
      assert.deepEqual(ids(index, '', { filters: { organization: ['ITU-T'] } }), [11, 3, 2, 9]);
    });

    it('refuses to add an id twice, and update adds an id it does not hold', () => {
      const index = fixtureIndex();
      assert.throws(() => index.add(document(fixture[0]!)), /Document 1 is already in the text index/);
      index.update(document({ id: 42, identifier: 'Q.4160', title: 'Protocols for QKDN', organization: 'ITU-T' }));
      assert.deepEqual(ids(index, 'Q.4160'), [42]);
    });

    it('agrees with a plain scan after many random additions, updates and removals', () => {
      const random = seededRandom(7);
      const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
      const words = ['quantum', 'key', 'network', 'metaverse', 'avatar', 'security', 'protocol', 'interface', 'twin'];
      const entries = new Map<number, Entry>();
      const index = new TextIndex({ identifierKey });
      const randomEntry = (id: number): Entry => ({
        id,
        identifier: `${pick(['Y', 'X', 'H'])}.${1000 + Math.floor(random() * 200)}${random() < 0.2 ? ' Amd.1' : ''}`,
        title: Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(words)).join(' '),
        // "common" is in most entries, so that queries take the paths for a word that matches most of the index.
        scope: `${random() < 0.5 ? `${pick(words)} and ${pick(words)}` : ''} ${random() < 0.8 ? 'common' : ''}`,
        topics: [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(['t1', 't2', 't3', 't4'])))],
        organization: pick(['A', 'B', 'C']),
        status: pick(['published', 'planned', 'withdrawn']),
        kind: pick(['recommendation', 'report']),
        year: random() < 0.1 ? null : 2000 + Math.floor(random() * 10),
      });
      for (let step = 0; step < 1500; step++) {
        const id = 1 + Math.floor(random() * 300);
        const roll = random();
        if (roll < 0.6) {
          entries.set(id, randomEntry(id));
          index.update(document(entries.get(id)!));
        } else if (roll < 0.8) {
          assert.equal(index.remove(id), entries.delete(id));
        } else {
          const filters: SearchFilters = {
            ...(random() < 0.5 ? { organization: [pick(['A', 'B', 'C'])] } : {}),
            ...(random() < 0.5 ? { status: [pick(['published', 'planned']), pick(['withdrawn', 'planned'])] } : {}),
            ...(random() < 0.3 ? { topics: [pick(['t1', 't2', 't3', 't4'])] } : {}),
            ...(random() < 0.2 ? { kind: [pick(['recommendation', 'report'])] } : {}),
            ...(random() < 0.3 ? { yearFrom: 2003, yearTo: 2006 } : {}),
          };
          const query = pick(['', `${pick(words)} `, 'common ']);
          const sort = pick(['relevance', 'identifier', 'title', 'year'] as const);
          const actual = index.search(query, { filters, sort, limit: 1000 });
          const expected = scan([...entries.values()], query.trim(), filters);
          assert.equal(actual.total, expected.hits.length, `total for ${JSON.stringify({ query, filters })}`);
          assert.deepEqual(new Set(actual.hits.map((hit) => hit.id)), new Set(expected.hits));
          assert.deepEqual(actual.facets, expected.facets, `facets for ${JSON.stringify({ query, filters })}`);
          assert.equal(index.size, entries.size);
          if (sort === 'year') {
            // Newest first, entries without a year last, ties in identifier order.
            const rankOf = (id: number) => entries.get(id)!.year ?? -Infinity;
            const years = actual.hits.map((hit) => rankOf(hit.id));
            assert.deepEqual(years, [...years].sort((a, b) => b - a), 'years newest first, none last');
          }
          // A page is the same slice of the order whether the index sorts everything or keeps only the best few.
          const offset = Math.floor(random() * 10);
          const page = index.search(query, { filters, sort, offset, limit: 3 });
          assert.deepEqual(page.hits, actual.hits.slice(offset, offset + 3), `page ${offset} for ${JSON.stringify({ query, filters, sort })}`);
        }
      }
    });
  });
});

/** What the index should answer, by looking at every entry: the hits and the facet counts (each ignoring its own filter). */
function scan(entries: Entry[], word: string, filters: SearchFilters) {
  const matches = entries.filter((entry) => {
    if (!word) return true;
    const words = [...tokenizeIdentifier(entry.identifier), ...tokenize(entry.title), ...tokenize(entry.scope ?? ''), ...(entry.topics ?? []).flatMap((t) => tokenize(t))];
    return words.includes(word) || identifierKey(entry.identifier) === word;
  });
  const passes = (entry: Entry, ignore?: string) =>
    (ignore === 'organization' || !filters.organization?.length || filters.organization.includes(entry.organization)) &&
    (ignore === 'status' || !filters.status?.length || filters.status.includes(entry.status!)) &&
    (ignore === 'kind' || !filters.kind?.length || filters.kind.includes(entry.kind!)) &&
    (ignore === 'topics' || !filters.topics?.length || (entry.topics ?? []).some((topic) => filters.topics!.includes(topic))) &&
    (ignore === 'year' ||
      (filters.yearFrom === undefined && filters.yearTo === undefined) ||
      (entry.year != null && entry.year >= (filters.yearFrom ?? -Infinity) && entry.year <= (filters.yearTo ?? Infinity)));
  const count = (facet: string, valuesOf: (entry: Entry) => string[], chosen: string[] | undefined) => {
    const counts = new Map<string, number>();
    for (const entry of matches) if (passes(entry, facet)) for (const value of valuesOf(entry)) counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const value of chosen ?? []) if (!counts.has(value)) counts.set(value, 0);
    return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
  };
  return {
    hits: matches.filter((entry) => passes(entry)).map((entry) => entry.id),
    facets: {
      organization: count('organization', (entry) => [entry.organization], filters.organization),
      status: count('status', (entry) => [entry.status!], filters.status),
      kind: count('kind', (entry) => [entry.kind!], filters.kind),
      topics: count('topics', (entry) => entry.topics ?? [], filters.topics),
      year: count('year', (entry) => (entry.year == null ? [] : [String(entry.year)]), undefined),
    },
  };
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
