import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import {
  landscapeMatrix,
  LandscapeMatrixChart,
  LandscapeMatrixTable,
  layoutRelationGraph,
  layoutTimeline,
  markLabel,
  periodText,
  RelationGraph,
  TimelineChart,
  type TimelineEntry,
  TimelineFigure,
  timelineMark,
  yearFraction,
} from './charts.tsx';
import { chartMessages } from './chart-messages.ts';
import type { GraphEdge, GraphNode } from './relations.ts';

const today = '2026-07-02';
let nextId = 1;
const entry = (fields: Partial<TimelineEntry>): TimelineEntry => ({
  id: nextId++,
  identifier: `X.${nextId}`,
  title: 'Title',
  status: 'published',
  organization: 'ITU-T',
  startedOn: null,
  targetOn: null,
  approvedOn: null,
  year: null,
  ...fields,
});
const count = (text: string, part: string) => text.split(part).length - 1;

describe('timeline marks', () => {
  it('turns a calendar date into a fractional year, leap years included', () => {
    assert.equal(yearFraction('2020-01-01'), 2020);
    assert.equal(yearFraction('2020-07-02'), 2020.5); // day 183 of 366
    assert.equal(yearFraction('2021-07-02'), 2021 + 182 / 365);
    assert.equal(yearFraction('2021-12-31'), 2021 + 364 / 365);
  });

  it('draws finished work as a bar from the start to the approval date, or to the middle of its year', () => {
    assert.deepEqual(timelineMark(entry({ startedOn: '2019-01-01', approvedOn: '2021-01-01' }), today), { shape: 'bar', tone: 'done', start: 2019, end: 2021, open: false });
    assert.deepEqual(timelineMark(entry({ startedOn: '2019-01-01', year: 2021 }), today), { shape: 'bar', tone: 'done', start: 2019, end: 2021.5, open: false });
    // An approval recorded before the start (bad data) does not draw a bar backwards.
    assert.deepEqual(timelineMark(entry({ startedOn: '2022-01-01', year: 2020 }), today), { shape: 'bar', tone: 'done', start: 2022, end: 2022, open: false });
    assert.deepEqual(timelineMark(entry({ status: 'superseded', startedOn: '2010-01-01', approvedOn: '2012-01-01' }), today), { shape: 'bar', tone: 'ended', start: 2010, end: 2012, open: false });
  });

  it('draws work in development to its target, or to today with an open end', () => {
    assert.deepEqual(timelineMark(entry({ status: 'in_development', startedOn: '2024-01-01', targetOn: '2027-01-01' }), today), { shape: 'bar', tone: 'ongoing', start: 2024, end: 2027, open: false });
    assert.deepEqual(timelineMark(entry({ status: 'planned', startedOn: '2025-01-01' }), today), { shape: 'bar', tone: 'ongoing', start: 2025, end: yearFraction(today), open: true });
    assert.deepEqual(timelineMark(entry({ status: 'in_development', startedOn: '2024-01-01', year: 2027 }), today), { shape: 'bar', tone: 'ongoing', start: 2024, end: 2027.5, open: false });
  });

  it('draws an entry known only by a date or a year as a point, and one without any as undated', () => {
    assert.deepEqual(timelineMark(entry({ year: 2019 }), today), { shape: 'point', tone: 'done', at: 2019.5, role: 'done' });
    assert.deepEqual(timelineMark(entry({ approvedOn: '2020-01-01', year: 2020 }), today), { shape: 'point', tone: 'done', at: 2020, role: 'done' });
    assert.deepEqual(timelineMark(entry({ status: 'in_development', year: 2025 }), today), { shape: 'point', tone: 'ongoing', at: 2025.5, role: 'target' });
    assert.deepEqual(timelineMark(entry({ startedOn: '2020-01-01' }), today), { shape: 'point', tone: 'done', at: 2020, role: 'started' });
    assert.deepEqual(timelineMark(entry({ status: 'in_development' }), today), { shape: 'undated', tone: 'ongoing' });
    assert.deepEqual(timelineMark(entry({}), today), { shape: 'undated', tone: 'done' });
  });

  it('says the years beside each mark and the dates in the link name', () => {
    const m = chartMessages('en');
    assert.equal(markLabel({ shape: 'bar', tone: 'done', start: 2019.2, end: 2021.5, open: false }, m), '2019–2021');
    assert.equal(markLabel({ shape: 'bar', tone: 'ongoing', start: 2024.1, end: 2026.5, open: true }, m), '2024–…');
    assert.equal(markLabel({ shape: 'point', tone: 'ongoing', at: 2025.5, role: 'target' }, m), 'target 2025');
    const e = entry({ startedOn: '2019-03-04', approvedOn: '2021-05-06' });
    assert.equal(periodText(e, timelineMark(e, today), 'en'), '4 March 2019 – 6 May 2021');
    assert.equal(periodText(e, timelineMark(e, today), 'fr'), '4 mars 2019 – 6 mai 2021');
    const open = entry({ status: 'in_development', startedOn: '2025-01-15' });
    assert.equal(periodText(open, timelineMark(open, today), 'en'), 'started 15 January 2025, ongoing');
  });
});

describe('timeline layout', () => {
  it('puts one band per organization in alphabetical order, rows by time, and bars where their dates are', () => {
    const point = entry({ identifier: 'Y.1', organization: 'ITU-T', approvedOn: '2020-07-02' });
    const bar = entry({ identifier: 'GS 2', organization: 'ETSI', startedOn: '2019-01-01', approvedOn: '2021-01-01' });
    const earlier = entry({ identifier: 'GS 9', organization: 'ETSI', year: 2019 });
    const layout = layoutTimeline([point, bar, earlier], today);
    // Years 2019–2021: 3 years, 720 px would be 240 a year, held to 90.
    assert.deepEqual([layout.fromYear, layout.toYear, layout.pxPerYear, layout.x0], [2019, 2021, 90, 170]);
    assert.deepEqual(
      layout.groups.map((g) => [g.organization, g.y, g.rows.map((r) => [r.entry.identifier, r.y, r.x1, r.x2])]),
      [
        ['ETSI', 30, [['GS 2', 56, 170, 350], ['GS 9', 78, 215, 215]]],
        ['ITU-T', 100, [['Y.1', 126, 305, 305]]],
      ],
    );
    assert.equal(layout.height, 148 + 30);
    assert.equal(layout.width, 170 + 3 * 90 + 90);
    assert.equal(layout.todayX, null, 'nothing in development: today is not on the axis');
  });

  it('stretches the axis to today when work is going on, and keeps undated entries last in their band', () => {
    const layout = layoutTimeline(
      [entry({ identifier: 'A', organization: 'IETF' }), entry({ identifier: 'B', organization: 'IETF', status: 'in_development', startedOn: '2024-01-01' })],
      today,
    );
    assert.deepEqual([layout.fromYear, layout.toYear], [2024, 2026]);
    assert.equal(layout.todayX, Math.round((170 + (yearFraction(today) - 2024) * 90) * 10) / 10);
    assert.deepEqual(layout.groups[0]?.rows.map((r) => [r.entry.identifier, r.mark.shape]), [['B', 'bar'], ['A', 'undated']]);
  });

  it('draws an empty roadmap as an empty axis on the current year', () => {
    const layout = layoutTimeline([], today);
    assert.deepEqual([layout.groups.length, layout.fromYear, layout.toYear], [0, 2026, 2026]);
    const svg = renderToString(<TimelineChart entries={[]} locale="en" today={today} title="Empty" />);
    assert.match(svg, /<desc id="timeline-desc">0 entries of 0 organizations, from 2026 to 2026\./);
  });

  it('keeps one row per entry at 600 entries, all in the picture', () => {
    const many = Array.from({ length: 600 }, (_, i) => entry({ identifier: `E.${i}`, organization: `ORG${i % 7}`, year: 2000 + (i % 25) }));
    const layout = layoutTimeline(many, today);
    assert.equal(layout.groups.reduce((n, g) => n + g.rows.length, 0), 600);
    assert.equal(layout.height, 30 + 7 * 26 + 600 * 22 + 30);
  });
});

describe('timeline pictures', () => {
  const entries = [
    entry({ identifier: 'Y.3800', title: '<script>alert("x")</script> & <b>bold</b>', approvedOn: '2019-10-29', year: 2019 }),
    entry({ identifier: 'GS QKD 020', organization: 'ETSI', status: 'in_development', startedOn: '2023-01-01' }),
    entry({ identifier: 'GR QKD 010', organization: 'ETSI', status: 'withdrawn', startedOn: '2020-01-01', approvedOn: '2021-01-01' }),
    entry({ identifier: 'TR 1', organization: 'ETSI', status: 'planned' }),
  ];

  it('shows titles with markup as text, never as markup', () => {
    const html = renderToString(<TimelineFigure entries={entries} locale="en" today={today} title="T <i>x</i>" hrefOf={(id) => `/roadmap/entries/${id}?activity=A&b`} />);
    assert.doesNotMatch(html, /<script|<b>|<i>/);
    assert.match(html, /aria-label="Y\.3800 — &lt;script>alert\(&quot;x&quot;\)&lt;\/script> &amp; &lt;b>bold&lt;\/b>\. ITU-T, Published\. 29 October 2019\."/);
    assert.match(html, /<title id="timeline-title">T &lt;i>x&lt;\/i><\/title>/);
    assert.match(html, /href="\/roadmap\/entries\/\d+\?activity=A&amp;b"/);
  });

  it('is a named group of links beside a named image on a page, each link once for keyboards, and one image for documents', () => {
    const html = renderToString(<TimelineFigure entries={entries} locale="en" today={today} title="T" hrefOf={(id) => `/e/${id}`} />);
    assert.match(html, /<svg[^>]*class="chart timeline-labels-svg"[^>]*role="group" aria-label="Entries by organization: each identifier is a link to the entry’s page and says its status and dates\."/);
    assert.match(html, /<svg[^>]*class="chart timeline-plot-svg"[^>]*role="img" aria-labelledby="timeline-title timeline-desc"/);
    assert.match(html, /<desc id="timeline-desc">4 entries of 2 organizations, from 2019 to 2026\.<\/desc>/);
    // Four entries: four links in the identifiers, four more for the mouse on the marks, out of the tab order.
    assert.equal(count(html, '<a class="timeline-row"'), 8);
    assert.equal(count(html, 'tabindex="-1"'), 4);
    const still = renderToString(<TimelineChart entries={entries} locale="en" today={today} title="T" />);
    assert.match(still, /^<svg[^>]*role="img" aria-labelledby="timeline-title timeline-desc"/);
    assert.equal(count(still, '<a '), 0);
  });

  it('tells status by shape and words, not colour alone, in English and French', () => {
    const en = renderToString(<TimelineChart entries={entries} locale="en" today={today} title="T" />);
    assert.match(en, /fill="url\(#timeline-hatch\)"/, 'work in development is hatched');
    assert.match(en, /stroke-dasharray="4 2"/, 'withdrawn work is outlined with dashes');
    assert.match(en, />2023–…</);
    assert.match(en, />date unknown</);
    assert.match(en, /ETSI, In development\. started 1 January 2023, ongoing\./);
    const fr = renderToString(<TimelineChart entries={entries} locale="fr" today={today} title="T" />);
    assert.match(fr, />date inconnue</);
    assert.match(fr, /ETSI, En cours d’élaboration\. commencé le 1er janvier 2023, en cours\./);
    assert.match(fr, />aujourd’hui</);
  });
});

describe('landscape matrix', () => {
  const entries = [
    { id: 1, organization: 'ITU-T', topics: ['key management', 'architecture'] },
    { id: 2, organization: 'ITU-T', topics: ['key management'] },
    { id: 3, organization: 'ETSI', topics: ['key management'] },
    { id: 4, organization: 'ETSI', topics: [] },
    { id: 5, organization: 'IETF', topics: ['protocols'] },
  ];

  it('counts entries per topic and organization; an entry with two topics counts once in the totals', () => {
    const matrix = landscapeMatrix(entries);
    assert.deepEqual(matrix.topics, ['architecture', 'key management', 'protocols']);
    assert.deepEqual(matrix.organizations, ['ETSI', 'IETF', 'ITU-T']);
    assert.deepEqual(Object.fromEntries([...matrix.counts].map(([t, row]) => [t, Object.fromEntries(row)])), {
      architecture: { 'ITU-T': 1 },
      'key management': { 'ITU-T': 2, ETSI: 1 },
      protocols: { IETF: 1 },
    });
    assert.deepEqual(Object.fromEntries(matrix.topicTotals), { architecture: 1, 'key management': 3, protocols: 1 });
    assert.deepEqual(Object.fromEntries(matrix.organizationTotals), { ETSI: 1, IETF: 1, 'ITU-T': 2 });
    assert.equal(matrix.total, 4);
    assert.equal(matrix.withoutTopic, 1);
  });

  it('keeps the rows and columns it is given, so topics and bodies without entries show as gaps', () => {
    const matrix = landscapeMatrix(entries.slice(0, 2), { topics: ['key management', 'QKD security'], organizations: ['ITU-T', 'ISO/IEC'] });
    assert.deepEqual(matrix.topics, ['key management', 'QKD security']);
    assert.deepEqual(matrix.organizations, ['ISO/IEC', 'ITU-T']);
    assert.deepEqual(Object.fromEntries(matrix.organizationTotals), { 'ISO/IEC': 0, 'ITU-T': 2 });
  });

  it('renders a table with a link per counted cell and a visible, spoken mark per gap', () => {
    const matrix = landscapeMatrix(entries);
    const html = renderToString(
      <LandscapeMatrixTable matrix={matrix} locale="en" cellHref={(t, o) => `/r?topic=${encodeURIComponent(t)}&organization=${encodeURIComponent(o)}`} />,
    );
    // 3 topics × 3 organizations = 9 cells: 4 with entries, 5 gaps.
    assert.equal(count(html, 'class="matrix-count"'), 4);
    assert.equal(count(html, 'class="matrix-gap"'), 5);
    assert.equal(count(html, '<span class="visually-hidden">no entry, possible gap</span>'), 5);
    assert.match(html, /<a href="\/r\?topic=key%20management&amp;organization=ITU-T" aria-label="2 entries of ITU-T on key management">2<\/a>/);
    assert.match(html, /<th scope="row">Total<\/th><td class="matrix-total">1<\/td><td class="matrix-total">1<\/td><td class="matrix-total">2<\/td><td class="matrix-total">4<\/td>/);
    const fr = renderToString(<LandscapeMatrixTable matrix={matrix} locale="fr" cellHref={() => '#'} />);
    assert.match(fr, /aucune entrée, lacune possible/);
    assert.match(fr, /aria-label="2 entrées de ITU-T sur key management"/);
  });

  it('draws the same counts as a still picture for documents, gaps marked', () => {
    const svg = renderToString(<LandscapeMatrixChart matrix={landscapeMatrix(entries)} locale="en" title="M <x>" />);
    assert.match(svg, /^<svg[^>]*role="img" aria-labelledby="matrix-title matrix-desc"/);
    assert.match(svg, /<title id="matrix-title">M &lt;x><\/title>/);
    // 9 cells: 5 gaps drawn as ○; counts 1, 2, 1, 1 in bold; totals in the last row and column.
    assert.equal(count(svg, '>○</text>'), 5);
    assert.equal(count(svg, 'font-weight="700">1</text>') + count(svg, 'font-weight="700">2</text>'), 4);
  });

  it('escapes topic names with markup', () => {
    const matrix = landscapeMatrix([{ id: 1, organization: '<O>', topics: ['<img src=x onerror=alert(1)>'] }]);
    const html = renderToString(<LandscapeMatrixTable matrix={matrix} locale="en" cellHref={() => '#'} />);
    assert.doesNotMatch(html, /<img|<O>/);
    assert.match(html, /<th scope="row">&lt;img src=x onerror=alert\(1\)><\/th>/);
  });
});

describe('relation graph', () => {
  const node = (id: number, identifier: string): GraphNode => ({ id, identifier, title: `Title of ${identifier}`, status: 'published', organization: 'ITU-T' });
  const nodes = [node(1, 'Y.3802'), node(2, 'Y.3802 Amd.1'), node(3, 'Y.3800'), node(4, 'Y.3801'), node(5, 'Y.Sup70'), node(6, 'Y.3803')];
  const edges: GraphEdge[] = [
    { id: 10, fromEntryId: 2, toEntryId: 1, kind: 'amends' },
    { id: 11, fromEntryId: 1, toEntryId: 3, kind: 'based_on' },
    { id: 12, fromEntryId: 1, toEntryId: 4, kind: 'references' },
    { id: 13, fromEntryId: 5, toEntryId: 3, kind: 'related_to' },
    { id: 14, fromEntryId: 6, toEntryId: 1, kind: 'references' },
    { id: 15, fromEntryId: 1, toEntryId: 6, kind: 'common_text' },
  ];

  it('puts the entry in the middle, what it points to on the right, what points to it on the left', () => {
    const layout = layoutRelationGraph(1, nodes, edges, 1);
    const columns = Object.fromEntries([...layout.nodes.values()].map((n) => [n.identifier, n.column]));
    // Y.3803 is related both ways: it goes right. Y.Sup70 is two steps away: not at depth 1. A column is ordered by
    // relation kind (based_on, common_text, references), then identifier.
    assert.deepEqual(columns, { 'Y.3802': 0, 'Y.3802 Amd.1': -1, 'Y.3800': 1, 'Y.3801': 1, 'Y.3803': 1 });
    assert.deepEqual(
      [...layout.nodes.values()].map((n) => [n.identifier, n.x, n.y]),
      [
        ['Y.3802', 324, 79],
        ['Y.3802 Amd.1', 14, 79],
        ['Y.3800', 634, 19],
        ['Y.3803', 634, 79],
        ['Y.3801', 634, 139],
      ],
    );
    assert.equal(layout.width, 2 * 14 + 3 * 150 + 2 * 160);
    assert.equal(layout.edges.length, 5);
  });

  it('adds entries two steps away one column further out, on their parent’s side', () => {
    const layout = layoutRelationGraph(1, nodes, edges, 2);
    assert.equal(layout.nodes.get(5)?.column, 2);
    assert.equal(layout.nodes.get(5)?.depth, 2);
    assert.equal(layout.edges.length, 6);
  });

  it('names each arrow by its relation, in the reader’s language, and links the other entries', () => {
    const html = renderToString(<RelationGraph centreId={1} nodes={nodes} edges={edges} locale="fr" title="Relations de Y.3802" hrefOf={(id) => `/g/${id}`} />);
    assert.match(html, />modifie →</);
    assert.match(html, />est fondé sur →</);
    assert.match(html, /<desc id="graph-desc">Y\.3802 et 4 entrées liées\.<\/desc>/);
    assert.equal(count(html, '<a class="graph-node"'), 4, 'every entry but the centre is a link');
    // Screen readers get each relation as a sentence in the link's name; the arrows' words are hidden from them.
    assert.match(html, /aria-label="Y\.3802 Amd\.1 modifie Y\.3802\. Y\.3802 Amd\.1 — Title of Y\.3802 Amd\.1\. ITU-T, Publié\."/);
    assert.match(html, /aria-label="Y\.3803 cite Y\.3802\. Y\.3802 a un texte commun avec Y\.3803\. Y\.3803 — /);
    assert.match(html, /<g class="graph-edges" aria-hidden="true">/);
    assert.equal(count(html, 'marker-end="url(#graph-arrow)"'), 5);
    const still = renderToString(<RelationGraph centreId={1} nodes={[node(1, '<b>x</b>')]} edges={[]} locale="en" title="T" />);
    assert.match(still, /role="img"/);
    assert.match(still, /&lt;b>x&lt;\/b> has no relation yet\./);
    assert.doesNotMatch(still, /<b>/);
  });
});
