import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifierReferences, isAmendment, readEquivalents, readPart, readVersions } from './references.ts';

const keys = (organization: string, identifier: string) => identifierReferences(organization, identifier).map((ref) => ref.key);

describe('identifierReferences', () => {
  it('gives two bodies numbers of one text the same key by the numbering rules', () => {
    assert.deepEqual(keys('ISO/IEC', 'ISO/IEC/IEEE 8802-3'), ['iso:8802-3', 'ieee:802.3']);
    assert.deepEqual(keys('IEEE', 'IEEE 802.3-2022'), ['ieee:802.3']);
    assert.deepEqual(keys('ISO/IEC', 'ISO/IEC/IEEE 8802-1Q:2020'), ['iso:8802-1q', 'ieee:802.1q']);
    assert.deepEqual(keys('ISO/IEC', 'ISO/IEC/IEEE 8802-15-4'), ['iso:8802-15-4', 'ieee:802.15.4']);
    assert.deepEqual(keys('ETSI', 'ETSI TS 123 501'), ['etsi:ts123501', '3gpp:ts23.501']);
    assert.deepEqual(keys('3GPP', 'TS 23.501'), ['3gpp:ts23.501']);
    assert.deepEqual(keys('ETSI', 'ETSI TR 121 905'), ['etsi:tr121905', '3gpp:tr21.905']);
    assert.deepEqual(keys('CEN', 'EN ISO/IEC 27001:2023'), ['iso:27001']);
    assert.deepEqual(keys('CENELEC', 'EN 62368-1:2020'), ['en:62368-1', 'iso:62368-1']);
    assert.deepEqual(keys('CENELEC', 'EN 55032:2015'), ['en:55032', 'cispr:32']);
    assert.deepEqual(keys('ITU-T', 'X.509'), ['itu:x.509']);
    assert.deepEqual(keys('ITU-T', 'Rec. ITU-T X.509 (10/2019)'), ['itu:x.509']);
    assert.deepEqual(keys('ECMA', 'ECMA-262'), ['ecma:262']);
  });

  it('keeps amendments and corrigenda apart from their base', () => {
    assert.deepEqual(keys('ISO/IEC', 'ISO/IEC 14496-10:2022/Amd 1'), ['iso:14496-10/amd1']);
    assert.deepEqual(keys('ITU-T', 'X.509 Cor.1'), ['itu:x.509/cor1']);
    assert.deepEqual(keys('IEEE', 'IEEE 802.11ax-2021'), ['ieee:802.11/ax']);
    // An upper-case letter names a standard of its own, not an amendment.
    assert.deepEqual(keys('IEEE', 'IEEE 802.1AE-2018'), ['ieee:802.1ae']);
  });

  it('does not give an ETSI deliverable outside the 3GPP series a 3GPP number', () => {
    assert.deepEqual(keys('ETSI', 'ETSI TS 103 645'), ['etsi:ts103645']);
    assert.deepEqual(keys('ETSI', 'ETSI GS QKD 014'), ['etsi:gsqkd014']);
  });

  it('reads nothing from identifiers without a known scheme', () => {
    assert.deepEqual(keys('Khronos', 'glTF 2.0'), []);
    assert.deepEqual(keys('W3C', 'WebXR Device API'), []);
  });
});

describe('readEquivalents', () => {
  const read = (text: string) => readEquivalents(text).map((ref) => [ref.key, ref.stated]);

  it('reads a common text written with a bar, both ways round', () => {
    assert.deepEqual(read('ITU-T X.509 | ISO/IEC 9594-8'), [['itu:x.509', true], ['iso:9594-8', true]]);
    assert.deepEqual(read('ISO/IEC 9594-8 | Rec. ITU-T X.509'), [['iso:9594-8', true], ['itu:x.509', true]]);
  });

  it('reads the phrases that state an equivalence, and tells them from a mention', () => {
    assert.deepEqual(read('This Recommendation is also published as ISO/IEC 20922.'), [['iso:20922', true]]);
    assert.deepEqual(read('The text is identical to IEEE 802.3-2022.'), [['ieee:802.3', true]]);
    assert.deepEqual(read('Technically aligned with ISO/IEC 27017'), [['iso:27017', true]]);
    assert.deepEqual(read('Code of practice based on ISO/IEC 27002 for cloud services'), [['iso:27002', false]]);
  });

  it("reads ETSI's and CEN's parenthesis naming the document they publish", () => {
    assert.deepEqual(read('5G; System architecture for the 5G System (5GS) (3GPP TS 23.501 version 17.5.0 Release 17)'), [['3gpp:ts23.501', true]]);
    assert.deepEqual(read('Quality management systems - Requirements (ISO 9001:2015)'), [['iso:9001', true]]);
  });

  it('finds nothing in a title without numbers', () => {
    assert.deepEqual(read('Information technology — Open systems interconnection — The Directory — Part 2: Models'), []);
  });
});

describe('versions, parts and amendments', () => {
  it('reads versions and not numbers', () => {
    assert.deepEqual(readVersions('MQTT Version 3.1.1'), ['3.1.1']);
    assert.deepEqual(readVersions('Message Queuing Telemetry Transport (MQTT) v3.1.1'), ['3.1.1']);
    assert.deepEqual(readVersions('MQTT V3.1 Protocol Specification'), ['3.1']);
    assert.deepEqual(readVersions('glTF 2.0 Specification'), ['2']);
    assert.deepEqual(readVersions('IEEE 802.3 and ITU-T X.509 and 3GPP TS 23.501 and JPEG 2000'), []);
  });

  it('reads part numbers from titles and ISO numbers', () => {
    assert.equal(readPart('ISO/IEC 9594-2', 'The Directory — Part 2: Models', []), '2');
    assert.equal(readPart('ODF 1.2 Part 1', 'OpenDocument Schema', []), '1');
    assert.equal(readPart('ISO/IEC 20802-2', 'OData JSON Format', identifierReferences('ISO/IEC', 'ISO/IEC 20802-2')), '2');
    assert.equal(readPart('X.501', 'The Directory: Models', identifierReferences('ITU-T', 'X.501')), undefined);
  });

  it('tells an amendment by its identifier or its title', () => {
    assert.equal(isAmendment('Y.3802 Amd.1', 'Quantum key distribution networks - Functional architecture', []), true);
    assert.equal(isAmendment('ISO/IEC 27001:2022/Amd 1:2024', 'Climate action changes', identifierReferences('ISO/IEC', 'ISO/IEC 27001:2022/Amd 1:2024')), true);
    assert.equal(isAmendment('IEEE 802.11ax-2021', 'Part 11 — Amendment 1: Enhancements for High-Efficiency WLAN', []), true);
    assert.equal(isAmendment('ISO/IEC 27001', 'Information security management systems — Requirements', []), false);
  });
});
