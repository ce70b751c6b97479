// The demo's documents: loaded with a data directory, the held meetings get their numbered documents with real files
// (a TXT draft agenda each, a DOCX contribution on the JCA-QKDN template) that download as they were stored.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClient } from '../../test/support/client.ts';
import { testEngines } from '../../test/support/database.ts';
import { fileStoreFor } from '../platform/file-store.ts';
import { checkCoverPage } from '../modules/documents/cover-page.ts';
import { loadDemo } from './load-demo.ts';

type ApiDocument = {
  number: string | null;
  kind: string;
  title: string;
  status: string;
  agendaItemId: number | null;
  files: { fileName: string; contentType: string; sha256: string; href: string }[];
};
type ApiAgendaItem = { id: number; number: string; title: string };

for (const engine of testEngines()) {
  describe(`demo documents on ${engine}`, () => {
    let t: TestApp;
    let anonymous: TestClient;
    const documentsOf = async (acronym: string, meeting: number) => {
      const response = await anonymous.api('GET', `/api/v1/activities/${acronym}/documents?meeting=${meeting}`);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as { documents: ApiDocument[] }).documents;
    };
    const publishedItems = async (acronym: string, meeting: number) => {
      const response = await anonymous.api('GET', `/api/v1/activities/${acronym}/meetings/${meeting}/agenda`);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as { published: { items: ApiAgendaItem[] } }).published.items;
    };

    before(async () => {
      t = await createTestApp(engine);
      const result = await loadDemo(t.db, undefined, { dataDir: t.config.dataDir });
      assert.equal(result.loaded, true, 'the demo loads');
      anonymous = new TestClient(t.app);
    });
    after(async () => {
      await t.close();
    });

    it('numbers the draft agenda and the contribution of JCA-QKDN’s first meeting, each under its agenda item', async () => {
      const documents = await documentsOf('JCA-QKDN', 1);
      assert.deepEqual(
        documents.map((d) => `${d.number} ${d.title}`).sort(),
        ['JCA-QKDN-C-001 Proposed outline of the action plan for QKDN standardization', 'JCA-QKDN-TD-001 Draft agenda of the first JCA-QKDN meeting'],
      );
      assert.ok(documents.every((d) => d.status === 'published'), 'both are published');
      const items = await publishedItems('JCA-QKDN', 1);
      const itemOf = (d: ApiDocument) => items.find((i) => i.id === d.agendaItemId);
      const td = documents.find((d) => d.kind === 'td')!;
      const contribution = documents.find((d) => d.kind === 'contribution')!;
      assert.equal(itemOf(td)?.number, '2', 'the draft agenda is under "Adoption of the agenda"');
      assert.equal(itemOf(contribution)?.title, 'Review of an action plan for QKDN standardization');
      const page = await anonymous.get('/activities/JCA-QKDN/meetings/1/agenda');
      assert.match(page.body, /JCA-QKDN-C-001<\/a> Proposed outline of the action plan/, 'the adopted agenda links the contribution');
    });

    it('stores real files: the TXT agenda downloads as stored, the DOCX passes the template’s cover-page check', async () => {
      const [td] = (await documentsOf('JCA-MV', 1)).filter((d) => d.kind === 'td');
      assert.equal(td?.number, 'JCA-MV-TD-001');
      const [file] = td!.files;
      assert.equal(file?.fileName, 'JCA-MV-draft-agenda.txt');
      const download = await anonymous.get(file!.href);
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-type']), /^text\/plain/);
      assert.match(download.body, /^JCA-MV: draft agenda\r\n/);
      assert.match(download.body, /\r\n10  Appointment of JCA-MV liaison representatives\r\n/);
      assert.equal(createHash('sha256').update(download.rawPayload).digest('hex'), file!.sha256, 'the bytes are those stored');

      const contribution = (await documentsOf('JCA-QKDN', 1)).find((d) => d.kind === 'contribution')!;
      const docx = contribution.files[0]!;
      assert.equal(docx.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const bytes = (await fileStoreFor(t.config, t.db).get(docx.sha256))!;
      const { cover, problems } = await checkCoverPage(bytes, 'en', 'C.docx');
      assert.deepEqual(problems, [], 'the cover page is complete');
      assert.equal(cover?.agendaItem, '8 Review of an action plan for QKDN standardization');
      const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
      assert.ok(xml.includes('JCA-QKDN-C-xxx'), 'made on the JCA-QKDN template');
      assert.deepEqual(fs.existsSync(`${t.config.dataDir}/files/tmp`) ? fs.readdirSync(`${t.config.dataDir}/files/tmp`) : [], [], 'no temporary file left');
    });

    it('shows the documents on the meeting’s documents page and zips them', async () => {
      const page = await anonymous.get('/activities/JCA-QKDN/meetings/1/documents');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /JCA-QKDN-TD-001/);
      const zip = await anonymous.get('/activities/JCA-QKDN/meetings/1/documents.zip');
      assert.equal(zip.statusCode, 200);
      const names = Object.keys((await JSZip.loadAsync(zip.rawPayload)).files).sort();
      assert.equal(names.length, 2, `two files in the ZIP: ${names.join(', ')}`);
      assert.ok(names.some((n) => n.endsWith('.docx')) && names.some((n) => n.endsWith('.txt')), `a DOCX and a TXT: ${names.join(', ')}`);
    });
  });
}
