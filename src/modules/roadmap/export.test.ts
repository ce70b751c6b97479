import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { systemActor } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import type { Activity } from '../activities/activities.ts';
import { createEntry, type EntryInput } from './entries.ts';
import { type ExportRecord } from './export.ts';
import { type ImportRow, parseImportFile } from './import-files.ts';
import { importRoadmap } from './import.ts';

const system = systemActor('test');
const header = 'organization,group,identifier,title,equivalents,kind,status,started,target,approved,year,version,editors,scope,topics,url,source';
const today = () => new Date().toISOString().slice(0, 10);

/** What the import should read back from an exported record: the same fields, the same values. */
const importRowOf = (record: ExportRecord): Omit<ImportRow, 'line'> => ({ ...record });
const withoutLine = (rows: ImportRow[]) => rows.map(({ line: _line, ...row }) => row);

for (const engine of testEngines()) {
  describe(`roadmap export on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let closed: Activity;
    let itu: { id: number; acronym: string };
    let etsi: { id: number; acronym: string };
    let sg13: { id: number; acronym: string };
    const anonymous = () => new TestClient(t.app);
    const base = () => `/activities/${activity.acronym}/roadmap`;
    const add = (target: Activity, input: Partial<EntryInput> & Pick<EntryInput, 'organizationId' | 'identifier' | 'title' | 'status'>) =>
      createEntry(t.db, system, target.id, input as EntryInput, 'en');

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      closed = await makeActivity(t.db, { visibility: 'members' });
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      sg13 = await makeOrganization(t.db, { acronym: unique('SG13-'), kind: 'study_group', parentId: itu.id });
      etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
      await add(activity, {
        organizationId: itu.id,
        groupId: sg13.id,
        identifier: 'Y.3800',
        title: 'Overview on networks supporting quantum key distribution',
        equivalents: ['ISO/IEC 4005-1', 'ETSI GR QKD 007'],
        kind: 'recommendation',
        status: 'published',
        approvedOn: '2019-10-29',
        version: '1.0',
        editors: 'Alice Martin, Bob Chen',
        scope: 'Networks that "carry" keys,\nover two lines.',
        topics: ['QKDN overview', 'réseaux'],
        url: 'https://www.itu.int/rec/T-REC-Y.3800',
        source: 'ITU-T SG13 work programme',
      });
      await add(activity, { organizationId: itu.id, identifier: 'Y.3803', title: 'Quantum key distribution networks - Key management', kind: 'recommendation', status: 'published', year: 2020, topics: ['key management'] });
      await add(activity, { organizationId: etsi.id, identifier: 'GS QKD 014', title: 'Protocol and data format of REST-based key delivery API', kind: 'technical_specification', status: 'published', year: 2019, topics: ['key delivery API', 'key management'] });
      await add(activity, { organizationId: etsi.id, identifier: 'GS QKD 020', title: 'Gestion interopérable des clés — “réseaux” QKD', kind: 'technical_specification', status: 'in_development', startedOn: '2021-01-15', targetOn: '2025-06-30', topics: ['key management'] });
      await add(activity, { organizationId: etsi.id, identifier: 'GR QKD 099', title: '=HYPERLINK("http://evil")', kind: 'technical_report', status: 'planned', editors: '@SUM(A1)', scope: '+cmd', topics: ['-risky'] });
      await add(closed, { organizationId: etsi.id, identifier: 'GS QKD 015', title: 'Control interface for software-defined networks', kind: 'technical_specification', status: 'published', year: 2022 });
    });
    after(() => t.close());

    it('exports the view as CSV: UTF-8 with a BOM, the import’s headers, RFC 4180 quoting, formulas neutralised', async () => {
      const response = await anonymous().get(`${base()}/export.csv`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(response.headers['content-disposition'], `attachment; filename="${activity.acronym}-roadmap-${today()}.csv"`);
      assert.deepEqual([...response.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], header);
      assert.equal(lines.at(-1), '', 'every record ends with CRLF');
      const text = response.body;
      // A value with a line break is quoted and keeps its line break; quotes are doubled.
      assert.ok(
        text.includes(
          `\r\n${itu.acronym},${sg13.acronym},Y.3800,Overview on networks supporting quantum key distribution,ISO/IEC 4005-1 | ETSI GR QKD 007,Recommendation,Published,,,2019-10-29,2019,1.0,"Alice Martin, Bob Chen","Networks that ""carry"" keys,\nover two lines.",QKDN overview; réseaux,https://www.itu.int/rec/T-REC-Y.3800,ITU-T SG13 work programme\r\n`,
        ),
        'the Y.3800 record',
      );
      assert.ok(text.includes(`${etsi.acronym},,GR QKD 099,"'=HYPERLINK(""http://evil"")",,Technical Report,Planned,,,,,,'@SUM(A1),'+cmd,'-risky,,\r\n`), 'formulas neutralised');
      assert.ok(text.includes(`${etsi.acronym},,GS QKD 020,Gestion interopérable des clés — “réseaux” QKD,,Technical Specification,In development,2021-01-15,2025-06-30,,,,,,key management,,\r\n`), 'accents and typographic quotes as they are');
    });

    it('exports XLSX with a frozen header row with filters, column widths, string cells and never a formula', async () => {
      const response = await anonymous().get(`${base()}/export.xlsx`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(response.headers['content-disposition'], `attachment; filename="${activity.acronym}-roadmap-${today()}.xlsx"`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), header.split(','));
      assert.deepEqual(sheet.autoFilter, 'A1:Q1');
      assert.equal(sheet.views[0]?.state, 'frozen');
      assert.equal(sheet.getColumn(4).width, 60);
      assert.equal(sheet.rowCount, 6);
      let formulas = 0;
      sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++)));
      assert.equal(formulas, 0);
      const evil = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(3).value === 'GR QKD 099')!;
      assert.equal(evil.getCell(4).value, `'=HYPERLINK("http://evil")`);
      assert.equal(evil.getCell(4).type, ExcelJS.ValueType.String);
      assert.equal(evil.getCell(13).value, `'@SUM(A1)`);
      const y3800 = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(3).value === 'Y.3800')!;
      assert.equal(y3800.getCell(11).value, 2019, 'the year is a number');
      assert.equal(y3800.getCell(10).value, '2019-10-29', 'dates are text, never shifted by a time zone');
      assert.equal(y3800.getCell(15).value, 'QKDN overview; réseaux');
      assert.equal(y3800.getCell(5).value, 'ISO/IEC 4005-1 | ETSI GR QKD 007');
    });

    it('exports JSON as an array of typed records', async () => {
      const response = await anonymous().get(`${base()}/export.json`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(response.headers['content-disposition'], `attachment; filename="${activity.acronym}-roadmap-${today()}.json"`);
      const records = response.json() as ExportRecord[];
      assert.equal(records.length, 5);
      assert.deepEqual(
        records.find((r) => r.identifier === 'Y.3800'),
        {
          organization: itu.acronym,
          group: sg13.acronym,
          identifier: 'Y.3800',
          title: 'Overview on networks supporting quantum key distribution',
          equivalents: ['ISO/IEC 4005-1', 'ETSI GR QKD 007'],
          kind: 'recommendation',
          status: 'published',
          started: null,
          target: null,
          approved: '2019-10-29',
          year: 2019,
          version: '1.0',
          editors: 'Alice Martin, Bob Chen',
          scope: 'Networks that "carry" keys,\nover two lines.',
          topics: ['QKDN overview', 'réseaux'],
          url: 'https://www.itu.int/rec/T-REC-Y.3800',
          source: 'ITU-T SG13 work programme',
        },
      );
      assert.equal(records.find((r) => r.identifier === 'GR QKD 099')?.title, '=HYPERLINK("http://evil")', 'JSON is data for programs: kept as it is');
    });

    it('exports exactly the filtered view of the roadmap page, every page of it, in its order', async () => {
      const queries = [
        '',
        `?organization=${etsi.acronym}`,
        '?status=published&sort=year',
        '?q=key%20management',
        '?topic=key%20management&yearFrom=2019&yearTo=2020',
        `?kind=technical_specification&organization=${etsi.acronym}&organization=${itu.acronym}&sort=title`,
        '?pageSize=1&page=2',
      ];
      for (const query of queries) {
        // The page shows one page of the view; the API gives all of this small one on one page of 500.
        const all = new URLSearchParams(query);
        all.set('page', '1');
        all.set('pageSize', '500');
        const api = await anonymous().get(`/api/v1${base()}?${all}`);
        const expected = (api.json().entries as { identifier: string }[]).map((e) => e.identifier);
        assert.ok(expected.length > 0, query);
        const exported = ((await anonymous().get(`${base()}/export.json${query}`)).json() as ExportRecord[]).map((r) => r.identifier);
        assert.deepEqual(exported, expected, query);
        const csv = Papa.parse<string[]>((await anonymous().get(`${base()}/export.csv${query}`)).body.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
        assert.deepEqual(csv.data.slice(1).map((row) => row[2]), expected, query);
      }
      const published = ((await anonymous().get(`${base()}/export.json?status=published`)).json() as ExportRecord[]).map((r) => r.identifier).sort();
      assert.deepEqual(published, ['GS QKD 014', 'Y.3800', 'Y.3803']);
      const bad = await anonymous().get(`${base()}/export.csv?status=finished`);
      assert.equal(bad.statusCode, 422);
    });

    it('round-trips: what is exported, the import reads back into the same rows (CSV, XLSX and JSON)', async () => {
      const query = '?status=published&status=in_development';
      const records = (await anonymous().get(`${base()}/export.json${query}`)).json() as ExportRecord[];
      assert.equal(records.length, 4);
      for (const format of ['csv', 'xlsx', 'json'] as const) {
        const response = await anonymous().get(`${base()}/export.${format}${query}`);
        const parsed = await parseImportFile(
          { bytes: response.rawPayload, fileName: `roadmap.${format}`, contentType: response.headers['content-type'] as string },
          { locale: 'en' },
        );
        assert.deepEqual(parsed.errors, [], format);
        assert.equal(parsed.format, format);
        assert.deepEqual(
          parsed.columns.map((c) => c.field),
          header.split(','),
          format,
        );
        assert.deepEqual(withoutLine(parsed.rows), records.map(importRowOf), format);
        // Imported again into the same roadmap, the file changes nothing.
        const plan = await importRoadmap(t.db, system, activity.id, { ...parsed, fileName: `roadmap.${format}` }, { dryRun: true, locale: 'en' });
        assert.deepEqual([plan.added.length, plan.changed.length, plan.included.length, plan.unchanged, plan.errors.length], [0, 0, 0, 4, 0], format);
      }
    });

    it('answers every download when many are asked for at once (two are built at a time, the others wait)', async () => {
      const formats = ['csv', 'xlsx', 'json', 'csv', 'xlsx', 'json', 'csv'];
      const responses = await Promise.all(formats.map((format) => anonymous().get(`${base()}/export.${format}`)));
      assert.deepEqual(
        responses.map((r) => r.statusCode),
        formats.map(() => 200),
      );
      assert.equal((await anonymous().get(`${base()}/export.csv?status=nonsense`)).statusCode, 422, 'a refusal ends its turn too');
      assert.equal((await anonymous().get(`${base()}/export.json`)).statusCode, 200);
    });

    it('offers the same files to scripts under /api/v1, in the OpenAPI document', async () => {
      const page = await anonymous().get(`${base()}/export.csv?status=published`);
      const api = await anonymous().get(`/api/v1${base()}/export.csv?status=published`);
      assert.equal(api.statusCode, 200);
      assert.equal(api.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(api.body, page.body);
      const refused = await anonymous().get(`/api/v1${base()}/export.json?status=finished`);
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'validation_failed');
      const paths = (await anonymous().get('/api/docs')).json().paths;
      for (const format of ['csv', 'xlsx', 'json']) assert.ok(paths[`/api/v1/activities/{acronym}/roadmap/export.${format}`]?.get, format);
      assert.equal((await anonymous().get(`/api/v1/activities/${closed.acronym}/roadmap/export.csv`)).statusCode, 404);
    });

    it('reads like the activity: a members-only roadmap does not exist for strangers', async () => {
      const path = `/activities/${closed.acronym}/roadmap/export`;
      for (const format of ['csv', 'xlsx', 'json']) {
        assert.equal((await anonymous().get(`${path}.${format}`)).statusCode, 404, format);
      }
      const stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      assert.equal((await stranger.get(`${path}.csv`)).statusCode, 404);
      const observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: closed.id })).cookie);
      const allowed = await observer.get(`${path}.csv`);
      assert.equal(allowed.statusCode, 200);
      assert.match(allowed.body, /,GS QKD 015,Control interface for software-defined networks,,Technical Specification,Published,,,,2022,/);
      assert.equal((await anonymous().get(`/activities/NO-SUCH-JCA/roadmap/export.csv`)).statusCode, 404);
    });
  });
}
