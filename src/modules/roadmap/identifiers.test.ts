import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { identifierKey, inferKind } from './identifiers.ts';

/** Each group is one standard written several ways: every spelling must give the group's key. */
const sameStandard: { key: string; spellings: string[] }[] = [
  {
    key: 'y.3800',
    spellings: [
      'Y.3800',
      'ITU-T Y.3800',
      'Rec. ITU-T Y.3800',
      'ITU-T Rec. Y.3800',
      'Recommendation ITU-T Y.3800',
      'Recommandation UIT-T Y.3800',
      'T-REC-Y.3800',
      'T-REC-Y.3800-201910-I',
      'https://www.itu.int/rec/T-REC-Y.3800-201910-I/en',
      'http://www.itu.int/dms_pubrec/itu-t/rec/y/T-REC-Y.3800-201910-I!!TOC-HTM-E.htm',
      'ITU-T Y.3800 (10/2019)',
      ' y.3800 ',
      'ITU\u2011T Y.3800',
    ],
  },
  { key: 'gsqkd014', spellings: ['ETSI GS QKD 014', 'GS QKD 014', 'GS QKD014', 'ETSI GS QKD 014 V1.1.1'] },
  { key: 'rfc9340', spellings: ['RFC 9340', 'rfc9340', 'IETF RFC 9340', 'IRTF RFC 9340', 'RFC9340'] },
  // ISO's year after ':' is the edition: the entry is the standard, its edition is a field.
  { key: '23090-14', spellings: ['ISO/IEC 23090-14', 'ISO/IEC 23090-14:2023', 'ISO/IEC DIS 23090-14', 'ISO/IEC FDIS 23090-14:2023'] },
  { key: '23090-14amd1', spellings: ['ISO/IEC 23090-14:2023/Amd 1:2024', 'ISO/IEC 23090-14/Amd.1'] },
  { key: '12345', spellings: ['ISO/TR 12345', 'ISO TR 12345', 'ISO 12345'] },
  // IEEE's "-2020" is the edition year too, so a revision updates the entry.
  { key: '1589', spellings: ['IEEE 1589-2020', 'IEEE Std 1589-2020', 'IEEE Std. 1589-2020', '1589-2020'] },
  { key: 'ts26.928', spellings: ['3GPP TS 26.928', 'TS 26.928', '3GPP TS 26.928 V16.1.0'] },
  { key: 'tr23.700-60', spellings: ['3GPP TR 23.700-60', 'TR 23.700-60'] },
  { key: 'y.3802amd1', spellings: ['Y.3802 Amd.1', 'ITU-T Y.3802 Amd. 1', 'Y.3802/Amd.1', 'Y.3802 Amendment 1'] },
  { key: 'y.sup70', spellings: ['Y.Sup70', 'ITU-T Y.Sup70', 'Y Suppl. 70', 'Y.Suppl.70', 'ITU-T Y Supplement 70'] },
  { key: 'draft-lopez-qirg-qi-multiplane-arch', spellings: ['draft-lopez-qirg-qi-multiplane-arch', 'draft-lopez-qirg-qi-multiplane-arch-03'] },
  { key: 'yd/t3834.1', spellings: ['YD/T 3834.1-2021', 'CCSA YD/T 3834.1-2021', 'YD/T 3834.1'] },
  { key: '63145-20-10', spellings: ['IEC 63145-20-10', 'IEC 63145-20-10:2019'] },
];

/** Pairs that look alike but are different standards. */
const different: [string, string][] = [
  ['Y.3802 Amd.1', 'Y.3802'],
  ['Y.Sup70', 'Y.3800'],
  ['Y.Sup70', 'Y.70'],
  ['ISO/IEC 23005-1', 'ISO/IEC 23005-2'],
  ['H.430.1', 'H.4301'],
  ['IEEE P1589', 'IEEE 1589-2020'],
  ['IEEE P2048', 'IEEE P2048.1'],
  ['ETSI GS QKD 014', 'ETSI GR QKD 014'],
  ['3GPP TS 26.928', '3GPP TR 26.928'],
  ['3GPP TR 23.700-60', '3GPP TR 23.700'],
  ['ISO/IEC 23090-14', 'ISO/IEC 23090-1'],
  ['RFC 9340', 'RFC 934'],
];

describe('identifierKey', () => {
  for (const { key, spellings } of sameStandard) {
    it(`gives ${key} to ${spellings.map((s) => JSON.stringify(s)).join(', ')}`, () => {
      assert.deepEqual(
        spellings.map((spelling) => [spelling, identifierKey(spelling)]),
        spellings.map((spelling) => [spelling, key]),
      );
    });
  }

  for (const [a, b] of different) {
    it(`keeps ${a} apart from ${b}`, () => assert.notEqual(identifierKey(a), identifierKey(b)));
  }

  it('keeps an identifier made only of a body name, rather than returning nothing', () => {
    assert.equal(identifierKey('ITU-T'), 'itu-t');
    assert.equal(identifierKey('IEEE Std'), 'std');
    assert.equal(identifierKey('   '), '');
  });

  it('keeps words and versions that are part of a name', () => {
    assert.equal(identifierKey('glTF 2.0'), 'gltf2.0');
    assert.equal(identifierKey('WebXR Device API'), 'webxrdeviceapi');
    assert.equal(identifierKey('DID Core 1.0'), 'didcore1.0');
    assert.equal(identifierKey('FGMV-D5.1-uriop'), 'fgmv-d5.1-uriop');
  });

  describe('on the roadmap files in shared/data', () => {
    const files = ['roadmap-qkd.csv', 'roadmap-metaverse.csv'].map((name) => new URL(`../../../../shared/data/${name}`, import.meta.url));
    const rows = files.filter((file) => fs.existsSync(file)).flatMap((file) => readRows(fs.readFileSync(file, 'utf8')));

    it('finds the files', () => assert.ok(rows.length > 100, `read ${rows.length} rows`));

    it('gives every identifier a non-empty key', () => {
      assert.deepEqual(rows.filter((row) => identifierKey(row.identifier) === '').map((row) => row.identifier), []);
    });

    it('gives no two rows of the same organization the same key', () => {
      const seen = new Map<string, string>();
      const collisions: string[] = [];
      for (const { org, identifier } of rows) {
        const slot = `${org}\u0000${identifierKey(identifier)}`;
        const earlier = seen.get(slot);
        if (earlier !== undefined && earlier !== identifier) collisions.push(`${org}: ${earlier} / ${identifier}`);
        seen.set(slot, identifier);
      }
      assert.deepEqual(collisions, []);
    });
  });
});

/** The org and identifier columns of a CSV with a header line; enough of RFC 4180 for these files (quoted commas). */
function readRows(text: string): { org: string; identifier: string }[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = splitCsvLine(header ?? '');
  const orgAt = columns.indexOf('org');
  const identifierAt = columns.indexOf('identifier');
  return lines.map((line) => {
    const cells = splitCsvLine(line);
    return { org: cells[orgAt] ?? '', identifier: cells[identifierAt] ?? '' };
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted && char === '"' && line[i + 1] === '"') (cell += '"'), i++;
    else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) cells.push(cell), (cell = '');
    else cell += char;
  }
  cells.push(cell);
  return cells;
}

describe('inferKind', () => {
  it('names the usual kind of deliverable from the identifier, and nothing when it cannot tell', () => {
    const cases: [string, string, string | undefined][] = [
      ['IETF', 'RFC 9340', 'rfc'],
      ['IRTF', 'draft-irtf-qirg-principles-10', 'internet_draft'],
      ['ITU-T', 'Y.Sup70', 'supplement'],
      ['ITU-T', 'Y.3800', 'recommendation'],
      ['ITU-R', 'BT.2123', 'recommendation'],
      ['ITU-T', 'TR.sec-qkd', 'technical_report'],
      ['ETSI', 'ETSI GR QKD 003', 'technical_report'],
      ['ETSI', 'ETSI GS QKD 014', 'technical_specification'],
      ['3GPP', 'TS 26.928', 'technical_specification'],
      ['ISO/IEC', 'ISO/IEC 23090-14', 'international_standard'],
      ['ISO/IEC', 'ISO/IEC TR 23842-1', 'technical_report'],
      ['IEEE', 'IEEE 1589-2020', undefined],
      ['Khronos', 'glTF 2.0', undefined],
    ];
    for (const [organization, identifier, kind] of cases) assert.equal(inferKind(organization, identifier), kind, `${organization} ${identifier}`);
  });
});
