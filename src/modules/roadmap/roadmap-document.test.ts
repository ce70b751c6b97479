import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { systemActor } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { pdfText, pdfTextMissing } from '../../../test/support/pdf-text.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import type { Activity } from '../activities/activities.ts';
import { createEntry, type EntryInput, type EntryView } from './entries.ts';
import { roadmapQuery } from './query.ts';
import { checkDocumentSize, describeSelection, documentMaxEntries, landscapeMatrix, timeline } from './roadmap-document.ts';

const system = systemActor('test');

/** A roadmap entry as the views get it, with only what the document reads set. */
function entry(fields: Partial<EntryView> & Pick<EntryView, 'organization' | 'identifier'>): EntryView {
  return {
    id: 0,
    organizationId: 0,
    groupId: null,
    group: null,
    identifierKey: fields.identifier,
    title: 'A title',
    equivalents: [],
    kind: 'other',
    status: 'published',
    startedOn: null,
    targetOn: null,
    approvedOn: null,
    year: null,
    version: null,
    editors: null,
    scope: null,
    url: null,
    links: [],
    source: null,
    topics: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...fields,
  };
}

describe('roadmap document content', () => {
  const entries = [
    entry({ organization: 'ITU-T', identifier: 'Y.3800', topics: ['overview', 'architecture'], approvedOn: '2019-10-29', year: 2019 }),
    entry({ organization: 'ITU-T', identifier: 'Y.3803', topics: ['key management'], year: 2020 }),
    entry({ organization: 'ETSI', identifier: 'GS QKD 014', topics: ['key management'], year: 2019 }),
    entry({ organization: 'ETSI', identifier: 'GS QKD 020', status: 'in_development', startedOn: '2021-01-15', targetOn: '2022-06-30' }),
    entry({ organization: 'IETF', identifier: 'draft-x', status: 'in_development' }),
  ];

  it('counts entries per topic and organization, with a row for entries without a topic', () => {
    assert.deepEqual(landscapeMatrix(entries), {
      organizations: ['ETSI', 'IETF', 'ITU-T'],
      topics: ['architecture', 'key management', 'overview'],
      counts: [
        [0, 0, 1],
        [1, 0, 1],
        [0, 0, 1],
      ],
      withoutTopic: [1, 1, 0],
    });
  });

  it('places each entry in its year of approval, or of its target while in development', () => {
    assert.deepEqual(timeline(entries), {
      organizations: ['ETSI', 'IETF', 'ITU-T'],
      years: [2019, 2020, 2021, 2022],
      done: [
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 1, 0, 0],
      ],
      planned: [
        [0, 0, 0, 1],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      undated: [0, 1, 0],
    });
  });

  it('says in words which part of the roadmap a filtered document shows', () => {
    const query = roadmapQuery.parse({ q: 'key', organization: ['ETSI', 'ITU-T'], status: 'published', yearFrom: '2019' });
    assert.equal(describeSelection(query, 'en'), 'search “key”; organization: ETSI, ITU-T; status: Published; years from 2019');
    assert.equal(describeSelection(query, 'fr'), 'recherche « key » ; organisation : ETSI, ITU-T ; état : Publié ; années à partir de 2019');
    assert.equal(describeSelection(roadmapQuery.parse({}), 'en'), null);
  });

  it('refuses a view too large for a document, saying what to do instead', () => {
    assert.doesNotThrow(() => checkDocumentSize(documentMaxEntries, 'en'));
    assert.throws(() => checkDocumentSize(12_345, 'en'), {
      code: 'validation_failed',
      message: 'The roadmap document holds at most 5,000 entries and this view has 12,345: narrow it with the filters, or download the entries as XLSX or CSV.',
    });
    assert.throws(() => checkDocumentSize(12_345, 'fr'), { message: /^Le document de feuille de route contient au plus 5\s000 entrées et cette vue en compte 12\s345 : réduisez-la/ });
  });

});

for (const engine of testEngines()) {
  describe(`roadmap document on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let closed: Activity;
    const anonymous = () => new TestClient(t.app);
    const path = () => `/activities/${activity.acronym}/roadmap/document`;

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      closed = await makeActivity(t.db, { visibility: 'members' });
      const itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      const etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
      const add = (target: Activity, input: Partial<EntryInput> & Pick<EntryInput, 'organizationId' | 'identifier' | 'title' | 'status'>) =>
        createEntry(t.db, system, target.id, input as EntryInput, 'en');
      await add(activity, { organizationId: itu.id, identifier: 'Y.3800', title: 'Overview on networks supporting quantum key distribution', status: 'published', approvedOn: '2019-10-29', topics: ['QKDN overview'] });
      await add(activity, { organizationId: etsi.id, identifier: 'GS QKD 014', title: 'Protocol and data format of REST-based key delivery API', status: 'published', year: 2019, topics: ['key delivery API'] });
      await add(activity, { organizationId: etsi.id, identifier: 'GS QKD 020', title: 'Interoperable key management <b>for</b> QKD networks', status: 'in_development', startedOn: '2021-01-15', targetOn: '2025-06-30' });
      await add(closed, { organizationId: etsi.id, identifier: 'GS QKD 015', title: 'Control interface', status: 'published' });
    });
    after(() => t.close());

    it('makes a DOCX: a ZIP whose word/document.xml holds the introduction, every entry, the matrix and the timeline', async () => {
      const response = await anonymous().get(`${path()}.docx`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(response.headers['content-disposition'], `attachment; filename="${activity.acronym}-roadmap-${new Date().toISOString().slice(0, 10)}.docx"`);
      const zip = await JSZip.loadAsync(response.rawPayload);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      for (const expected of [
        `${activity.acronym} roadmap`,
        'This document is the roadmap of the Test coordination activity',
        'Scope (terms of reference, version 1)',
        'Coordinate the testing of things.',
        'Y.3800',
        'GS QKD 014',
        'GS QKD 020',
        'Landscape matrix',
        'QKDN overview',
        'Timeline',
        'Target: 2025-06-30',
      ]) {
        assert.ok(text.includes(expected), expected);
      }
      assert.ok(xml.includes('Interoperable key management &lt;b&gt;for&lt;/b&gt; QKD networks'), 'markup in a title is text');
      // The timeline as a picture: the page's SVG, and the PNG a DOCX must carry beside it, both referenced.
      const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
      const svgName = media.find((name) => name.endsWith('.svg'));
      const pngName = media.find((name) => name.endsWith('.png'));
      assert.ok(svgName && pngName, `an SVG and a PNG in ${media.join(', ')}`);
      const svg = await zip.file(svgName)!.async('string');
      for (const identifier of ['Y.3800', 'GS QKD 014', 'GS QKD 020']) assert.ok(svg.includes(identifier), `${identifier} in the timeline picture`);
      const png = await zip.file(pngName)!.async('nodebuffer');
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.ok(png.readUInt32BE(16) > 600 && png.readUInt32BE(20) > 100, `a PNG drawn at print size (${png.readUInt32BE(16)}×${png.readUInt32BE(20)})`);
      assert.match(xml, /<asvg:svgBlip [^>]*r:embed=/, 'the SVG is the picture, the PNG its fallback');
    });

    it('follows the filters and the reader’s language', async () => {
      const response = await anonymous().get(`${path()}.docx?status=in_development`, { 'accept-language': 'fr' });
      const xml = await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      assert.ok(text.includes(`Feuille de route de ${activity.acronym}`), 'French title');
      assert.ok(text.includes('Il s’agit d’une sélection de la feuille de route : état : En cours d’élaboration.'), 'the selection in words');
      assert.ok(text.includes('GS QKD 020'), 'the entry in the selection');
      assert.ok(!text.includes('Y.3800'), 'no entry outside the selection');
      assert.ok(text.includes('Matrice du paysage'), 'French headings');
    });

    it('makes a PDF whose text names every entry, with the timeline drawn', { skip: pdfTextMissing }, async () => {
      const response = await anonymous().get(`${path()}.pdf`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.equal(response.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(response.rawPayload.subarray(-8).toString('latin1'), /%%EOF\s*$/);
      const text = pdfText(response.rawPayload);
      // The timeline is drawn as on the page: its legend, each entry's years beside its mark, today's line.
      const timelineWords = ['Approved or published: solid bar from the start of work to approval', '2019', 'today'];
      for (const expected of [`${activity.acronym} roadmap`, 'Y.3800', 'GS QKD 014', 'GS QKD 020', 'Landscape matrix', '4 Timeline', 'Coordinate the testing of things.', ...timelineWords]) {
        assert.ok(text.includes(expected), expected);
      }
      const french = pdfText((await anonymous().get(`${path()}.pdf`, { 'accept-language': 'fr' })).rawPayload);
      assert.ok(french.includes('Entrées par organisation'), 'French PDF');
    });

    it('is not there for those who may not read the activity', async () => {
      for (const format of ['docx', 'pdf']) {
        assert.equal((await anonymous().get(`/activities/${closed.acronym}/roadmap/document.${format}`)).statusCode, 404, format);
      }
      const member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: closed.id })).cookie);
      const allowed = await member.get(`/activities/${closed.acronym}/roadmap/document.pdf`);
      assert.equal(allowed.statusCode, 200);
      if (!pdfTextMissing) assert.ok(pdfText(allowed.rawPayload).includes('GS QKD 015'), 'the members-only entry');
    });
  });
}
