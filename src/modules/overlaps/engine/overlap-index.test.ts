import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findOverlaps, OverlapIndex, type OverlapPair } from './overlap-index.ts';
import { groupOverlaps } from './groups.ts';
import type { RegisterEntry } from './scoring.ts';

/** A small register: twins across bodies, their siblings, an amendment, versions, and titles sharing generic words. */
const register: RegisterEntry[] = [
  [1, 'ITU-T', 'X.501', 'Information technology – Open Systems Interconnection – The Directory: Models'],
  [2, 'ISO/IEC', 'ISO/IEC 9594-2', 'Information technology — Open Systems Interconnection — The Directory — Part 2: Models'],
  [3, 'ITU-T', 'X.511', 'Information technology – Open Systems Interconnection – The Directory: Abstract service definition'],
  [4, 'ISO/IEC', 'ISO/IEC 9594-3', 'Information technology — Open Systems Interconnection — The Directory — Part 3: Abstract service definition'],
  [5, 'ITU-T', 'X.509', 'Information technology – Open Systems Interconnection – The Directory: Public-key and attribute certificate frameworks'],
  [6, 'ISO/IEC', 'ISO/IEC 9594-8', 'Information technology — Open Systems Interconnection — The Directory — Part 8: Public-key and attribute certificate frameworks'],
  [7, 'ITU-T', 'H.264', 'Advanced video coding for generic audiovisual services'],
  [8, 'ISO/IEC', 'ISO/IEC 14496-10', 'Information technology — Coding of audio-visual objects — Part 10: Advanced video coding'],
  [9, 'ISO/IEC', 'ISO/IEC 14496-12', 'Information technology — Coding of audio-visual objects — Part 12: ISO base media file format'],
  [10, 'ISO/IEC', 'ISO/IEC 14496-10:2022/Amd 1', 'Information technology — Coding of audio-visual objects — Part 10: Advanced video coding — Amendment 1: Additional SEI messages'],
  [11, 'IEEE', 'IEEE 802.3-2022', 'IEEE Standard for Ethernet'],
  [12, 'ISO/IEC', 'ISO/IEC/IEEE 8802-3', 'Telecommunications and information exchange between systems — Specific requirements for local and metropolitan area networks — Part 3: Standard for Ethernet'],
  [13, 'ISO/IEC', 'ISO/IEC/IEEE 8802-11', 'Telecommunications and information exchange between systems — Local and metropolitan area networks — Part 11: Wireless LAN medium access control (MAC) and physical layer (PHY) specifications'],
  [14, '3GPP', '3GPP TS 23.501', 'System architecture for the 5G System (5GS)'],
  [15, 'ETSI', 'ETSI TS 123 501', '5G; System architecture for the 5G System (5GS)'],
  [16, 'ETSI', 'ETSI TS 123 502', '5G; Procedures for the 5G System (5GS)'],
  [17, 'OASIS', 'MQTT 3.1.1', 'MQTT Version 3.1.1'],
  [18, 'ISO/IEC', 'ISO/IEC 20922', 'Information technology — Message Queuing Telemetry Transport (MQTT) v3.1.1'],
  [19, 'OASIS', 'MQTT 5.0', 'MQTT Version 5.0'],
  [20, 'IBM', 'MQTT 3.1', 'MQTT V3.1 Protocol Specification'],
  [21, 'ECMA', 'ECMA-334', 'C# Language Specification'],
  [22, 'ISO/IEC', 'ISO/IEC 23270', 'Information technology — Programming languages — C#'],
  [23, 'ITU-T', 'Y.3102', 'Framework of the IMT-2020 network'],
  [24, 'ISO/IEC', 'ISO/IEC 23053', 'Framework for Artificial Intelligence (AI) Systems Using Machine Learning (ML)'],
  [25, 'ITU-T', 'Y.3101', 'Requirements of the IMT-2020 network'],
  [26, 'ISO/IEC', 'ISO/IEC 27001', 'Information security, cybersecurity and privacy protection — Information security management systems — Requirements'],
  [27, 'ITU-T', 'Y.4000', 'Overview of the Internet of things'],
  [28, 'ISO/IEC', 'ISO/IEC 17788', 'Information technology — Cloud computing — Overview and vocabulary'],
  [29, 'ISO/IEC', 'ISO/IEC 2382', 'Information technology — Vocabulary'],
  [30, 'ITU-T', 'X.200', 'Information technology – Open Systems Interconnection – Basic Reference Model: The basic model'],
  [31, 'ITU-T', 'Y.3500', 'Information technology – Cloud computing – Overview and vocabulary'],
  [32, 'IETF', 'RFC 7252', 'The Constrained Application Protocol (CoAP)'],
].map(([id, organization, identifier, title]) => ({ id: id as number, organization: organization as string, identifier: identifier as string, title: title as string }));

const index = OverlapIndex.build(register, { threads: 1 });
const run = await index.allPairs();
const best = (id: number): OverlapPair | undefined => run.neighbours.get(id)?.[0];
const pairScore = (a: number, b: number) => index.explainPair(a, b).score;

describe('findOverlaps', () => {
  it('finds the same text under two bodies’ title styles as each other’s best candidate', () => {
    for (const [a, b] of [[1, 2], [3, 4], [5, 6], [7, 8], [11, 12], [14, 15], [17, 18], [21, 22], [31, 28]] as const) {
      assert.equal(best(a)?.b, b, `best of ${a}`);
      assert.equal(best(b)?.b, a, `best of ${b}`);
      assert.equal(best(a)?.likely, true, `${a} and ${b} likely`);
    }
  });

  it('makes numbering rules certain and says why', () => {
    const ethernet = best(11)!;
    assert.equal(ethernet.certain, true);
    assert.equal(ethernet.score, 1);
    assert.ok(ethernet.reasons.some((reason) => reason.kind === 'same_number' && reason.reference === 'ieee:802.3'));
    const fiveG = best(14)!;
    assert.ok(fiveG.reasons.some((reason) => reason.kind === 'same_number' && reason.reference === '3gpp:ts23.501'));
  });

  it('gives the distinctive shared terms as a reason, weighted', () => {
    const models = best(1)!;
    const shared = models.reasons.find((reason) => reason.kind === 'shared_terms');
    assert.ok(shared && shared.kind === 'shared_terms');
    assert.ok(shared.terms.some((term) => term.term === 'model' || term.term === '=model'));
    assert.ok(shared.terms.every((term) => term.weight > 0));
  });

  it('does not make twins of entries that share only generic words', () => {
    for (const [a, b] of [[23, 24], [25, 26], [27, 28], [29, 30], [32, 18]] as const) {
      assert.ok(pairScore(a, b) < 0.5 && pairScore(b, a) < 0.5, `${a} and ${b} scored ${pairScore(a, b)}`);
    }
  });

  it('does not make twins of siblings in a series, an amendment and its base, or other versions', () => {
    for (const [a, b] of [[1, 3], [2, 4], [1, 4], [8, 9], [8, 10], [7, 10], [12, 13], [11, 13], [14, 16], [17, 19], [18, 19], [18, 20], [17, 20]] as const) {
      const score = Math.max(pairScore(a, b), pairScore(b, a));
      assert.ok(score < 0.5, `${a} and ${b} scored ${score}`);
    }
    assert.ok(index.explainPair(8, 10).reasons.some((reason) => reason.kind === 'amendment' && reason.ofTheOther));
    assert.ok(index.explainPair(1, 3).reasons.some((reason) => reason.kind === 'same_series' && reason.series === 'itu:x.5xx'));
    assert.ok(index.explainPair(17, 20).reasons.some((reason) => reason.kind === 'different_versions'));
  });

  it('makes stated equivalents and common-text relations certain', async () => {
    const stated = await findOverlaps(
      [
        { id: 1, organization: 'ITU-T', identifier: 'X.667', title: 'Generation of universally unique identifiers', equivalents: ['ISO/IEC 9834-8'] },
        { id: 2, organization: 'ISO/IEC', identifier: 'ISO/IEC 9834-8', title: 'Procedures for registration authorities — Part 8: UUIDs' },
        { id: 3, organization: 'ITU-T', identifier: 'T.800', title: 'JPEG 2000 core', relations: [4] },
        { id: 4, organization: 'ISO/IEC', identifier: 'ISO/IEC 15444-1', title: 'Image coding system — Part 1: Core coding system' },
        { id: 5, organization: 'ITU-T', identifier: 'X.1631', title: 'Cloud security controls', scope: 'This Recommendation is also published as ISO/IEC 27017.' },
        { id: 6, organization: 'ISO/IEC', identifier: 'ISO/IEC 27017', title: 'Code of practice for information security controls for cloud services' },
      ],
      { threads: 1 },
    );
    const first = (id: number) => stated.neighbours.get(id)?.[0];
    assert.deepEqual([first(1)?.b, first(1)?.certain, first(1)?.score], [2, true, 1]);
    assert.ok(first(2)?.reasons.some((reason) => reason.kind === 'stated_equivalent' && reason.statedBy === 'b'));
    assert.deepEqual([first(3)?.b, first(3)?.certain], [4, true]);
    assert.ok(first(4)?.reasons.some((reason) => reason.kind === 'common_text_relation'));
    assert.deepEqual([first(5)?.b, first(5)?.certain], [6, true]);
  });

  it('lists each pair once, from the smaller id, with the reasons turned to match', () => {
    const keys = run.pairs.map((pair) => `${pair.a}:${pair.b}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(run.pairs.every((pair) => pair.a < pair.b));
    const amendment = run.pairs.find((pair) => pair.a === 8 && pair.b === 10);
    assert.ok(amendment?.reasons.some((reason) => reason.kind === 'amendment' && reason.which === 'b'));
  });

  it('groups likely pairs into clusters', () => {
    const groups = groupOverlaps(run.pairs);
    const withDirectoryModels = groups.find((group) => group.ids.includes(1));
    assert.deepEqual(withDirectoryModels?.ids, [1, 2]);
    assert.ok(groups.every((group) => group.ids.length >= 2 && group.pairs.every((pair) => pair.likely)));
  });
});

describe('OverlapIndex, one entry at a time', () => {
  it('scores a changed entry against the register as the full run does', async () => {
    const index = OverlapIndex.build(register, { threads: 1 });
    const full = await index.allPairs();
    for (const entry of register) assert.deepEqual(index.scoreEntry(entry), full.neighbours.get(entry.id), `entry ${entry.id}`);
  });

  it('finds a new entry’s twin, and sees a change and a removal in later scores', () => {
    const index = OverlapIndex.build(register, { threads: 1 });
    const h265 = { id: 100, organization: 'ITU-T', identifier: 'H.265', title: 'High efficiency video coding' };
    const hevc = { id: 101, organization: 'ISO/IEC', identifier: 'ISO/IEC 23008-2', title: 'Information technology — High efficiency coding and media delivery in heterogeneous environments — Part 2: High efficiency video coding' };
    index.upsert(h265);
    assert.equal(index.scoreEntry(hevc)[0]?.b, 100);
    // X.501 retitled as something else: ISO/IEC 9594-2 no longer finds it first.
    index.upsert({ id: 1, organization: 'ITU-T', identifier: 'X.501', title: 'Numbering plan for satellite telephony' });
    assert.notEqual(index.scoreEntry(register[1]!)[0]?.b, 1);
    index.remove(100);
    assert.ok(!index.scoreEntry(hevc).some((pair) => pair.b === 100));
    assert.equal(index.size, register.length);
  });
});

describe('OverlapIndex, changes applied from both sides', () => {
  // Entry 7 is new. Its one best candidate is its near twin 8, so entry 4 is not in its own list; but 7 is entry 4's
  // best candidate (they alone share "satellite"), so a full run stores 4–7 from entry 4's side.
  const entry = (id: number, organization: string, identifier: string, title: string): RegisterEntry => ({ id, organization, identifier, title });
  const before = [
    entry(1, 'BODY-A', 'A.1', 'Quantum key distribution networks – key management'),
    entry(2, 'BODY-B', 'B.1', 'Quantum key distribution networks — key management'),
    entry(3, 'BODY-C', 'C.1', 'Quantum key distribution networks: key management'),
    entry(4, 'BODY-D', 'D.7', 'Trusted relay nodes for satellite links'),
    entry(5, 'BODY-E', 'E.9', 'Video coding for immersive media'),
    entry(6, 'BODY-F', 'F.2', 'Cloud computing overview and vocabulary'),
    entry(8, 'BODY-H', 'H.8', 'Quantum key distribution networks – key management with trusted relay nodes'),
    entry(9, 'BODY-I', 'I.9', 'Quantum key distribution networks – key management with trusted relay nodes'),
  ];
  const added = entry(7, 'BODY-G', 'G.5', 'Quantum key distribution networks – key management with trusted relay nodes for satellite');
  const options = { threads: 1, topK: 1 };
  const keys = (pairs: OverlapPair[]) => pairs.map((pair) => `${pair.a}-${pair.b}`).sort();

  it('stores a new entry’s pair with an entry whose best candidate it becomes, as a full run does', async () => {
    const full = await findOverlaps([...before, added], options);
    const fromFullRun = keys(full.pairs.filter((pair) => pair.a === 7 || pair.b === 7));
    assert.deepEqual(fromFullRun, ['4-7', '7-8'], 'the full run keeps 4–7 from entry 4’s side');
    const index = OverlapIndex.build(before, options);
    const pairs = index.applyChanges([added], []);
    assert.deepEqual(keys(pairs), fromFullRun);
    assert.ok(!index.scoreEntry(added).some((pair) => pair.b === 4), 'not from the new entry’s own list');
    assert.ok(pairs.every((pair) => pair.a < pair.b));
  });

  it('drops the other side’s pair when a change takes the entry out of its list, and answers only changed entries’ pairs', () => {
    const index = OverlapIndex.build([...before, added], options);
    const retitled = { ...added, title: 'Video coding for immersive media – Part 2: point clouds' };
    const pairs = index.applyChanges([retitled], []);
    assert.ok(!keys(pairs).includes('4-7'));
    assert.ok(pairs.every((pair) => pair.a === 7 || pair.b === 7));
    assert.ok(keys(pairs).includes('5-7'));
    assert.deepEqual(index.applyChanges([], [7]), []);
  });
});

describe('worker threads', () => {
  it('give the same result as the calling thread', async () => {
    // Enough entries for several row ranges, so two workers share the run.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const words = 'network security video coding directory quantum key distribution cloud service model protocol architecture media audio image transport ledger identity trust edge'.split(' ');
    const entries: RegisterEntry[] = [...register];
    for (let i = 0; i < 1600; i++) {
      const title = Array.from({ length: 3 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)]).join(' ');
      entries.push({ id: 1000 + i, organization: ['ITU-T', 'ISO/IEC', 'IEEE', 'ETSI'][i % 4]!, identifier: `Z.${1000 + i}`, title });
    }
    const single = await findOverlaps(entries, { threads: 1 });
    const threaded = await findOverlaps(entries, { threads: 2, workerMinimumRows: 0 });
    assert.deepEqual(threaded.pairs, single.pairs);
    assert.deepEqual([...threaded.neighbours], [...single.neighbours]);
  });
});

/** A register with the companions of HEVC and VVC, titles that spell out or only use an acronym, and a dual-logo number. */
const companions: RegisterEntry[] = [
  [1, 'ITU-T', 'H.265', 'High efficiency video coding'],
  [2, 'ISO/IEC', 'ISO/IEC 23008-2', 'Information technology — High efficiency coding and media delivery in heterogeneous environments — Part 2: High efficiency video coding'],
  [3, 'ITU-T', 'H.265.1', 'Conformance specification for ITU-T H.265 high efficiency video coding'],
  [4, 'ISO/IEC', 'ISO/IEC 23008-8', 'Information technology — High efficiency coding and media delivery in heterogeneous environments — Part 8: Conformance specification for HEVC'],
  [5, 'ITU-T', 'X.800', 'Security architecture for Open Systems Interconnection for CCITT applications'],
  [6, 'ISO', 'ISO 7498-2', 'Information processing systems — Open Systems Interconnection — Basic Reference Model — Part 2: Security Architecture'],
  [7, '3GPP', '3GPP TS 33.401', '3GPP System Architecture Evolution (SAE); Security architecture'],
  [8, 'OASIS', 'MQTT 3.1.1', 'MQTT Version 3.1.1'],
  [9, 'ISO/IEC', 'ISO/IEC 20922', 'Information technology — Message Queuing Telemetry Transport (MQTT) v3.1.1'],
  [10, 'IEEE', 'IEEE C37.118.1-2011', 'IEEE Standard for Synchrophasor Measurements for Power Systems'],
  [11, 'IEC', 'IEC 60255-118-1', 'Measuring relays and protection equipment — Part 118-1: Synchrophasor for power systems — Measurements'],
  [12, 'ISO/IEC', 'ISO/IEC 35133-19', 'Information technology — Communication buildings — Part 19: Synchrophasor measurement'],
  [13, 'ETSI', 'ETSI TS 103 777', 'Telemetry transport for message queues'],
].map(([id, organization, identifier, title]) => ({ id: id as number, organization: organization as string, identifier: identifier as string, title: title as string }));
const companionIndex = OverlapIndex.build(companions, { threads: 1 });
const companionRun = await companionIndex.allPairs();
const firstOf = (id: number) => companionRun.neighbours.get(id)?.[0];

describe('identifier sense and companions', () => {
  it('finds a conformance specification’s twin, not the twin of the specification it tests', () => {
    assert.equal(firstOf(1)?.b, 2);
    assert.equal(firstOf(3)?.b, 4, 'H.265.1 is ISO/IEC 23008-8, not ISO/IEC 23008-2 (H.265’s twin)');
    assert.equal(firstOf(4)?.b, 3, '"HEVC" meets "high efficiency video coding"');
    const toMain = companionRun.neighbours.get(3)?.find((pair) => pair.b === 2);
    assert.ok(!toMain || toMain.reasons.some((reason) => reason.kind === 'closer_twin' && reason.rival === 'ITU-T H.265'), 'and says why the main one ranks lower');
  });

  it('reads "X for Y" as a subject, as a last segment is', () => {
    assert.equal(firstOf(6)?.b, 5, 'ISO 7498-2 is X.800, not another security architecture');
  });

  it('reads an acronym used alone as the register spells it out elsewhere', () => {
    assert.equal(firstOf(8)?.b, 9);
    assert.equal(firstOf(9)?.b, 8);
    assert.ok(companionIndex.explainPair(8, 9).score > companionIndex.explainPair(8, 13).score);
  });

  it('meets a dual-logo number that keeps the other body’s number as its part', () => {
    assert.equal(firstOf(10)?.b, 11);
    assert.ok(companionIndex.explainPair(10, 11).reasons.some((reason) => reason.kind === 'shared_terms' && reason.terms.some((term) => term.term === '#118.1')));
  });

  it('gives no mention bonus within one body: H.265.1 naming H.265 does not make them twins', () => {
    const pair = companionIndex.explainPair(3, 1);
    assert.ok(pair.reasons.some((reason) => reason.kind === 'mentions'));
    assert.ok(pair.score < 0.5, `scored ${pair.score}`);
  });

  it('scores one entry as the full run does, companions included', () => {
    for (const entry of companions) assert.deepEqual(companionIndex.scoreEntry(entry), companionRun.neighbours.get(entry.id), `entry ${entry.id}`);
  });
});

describe('one body’s series', () => {
  it('scores a body’s requirement and its test method (two numbers of one series) as siblings, not likely twins', () => {
    const ccsa: RegisterEntry[] = [
      [1, 'CCSA', 'YD/T 3834.1-2021', 'Technical requirements for quantum key distribution (QKD) systems - Part 1: QKD system based on decoy-state BB84 protocol'],
      [2, 'CCSA', 'YD/T 3835.1-2021', 'Test methods for quantum key distribution (QKD) systems - Part 1: QKD system based on decoy-state BB84 protocol'],
      [3, 'ITU-T', 'Y.3800', 'Overview on networks supporting quantum key distribution'],
      [4, 'ETSI', 'ETSI GS QKD 014', 'Quantum Key Distribution (QKD); Protocol and data format of REST-based key delivery API'],
    ].map(([id, organization, identifier, title]) => ({ id: id as number, organization: organization as string, identifier: identifier as string, title: title as string }));
    const pair = OverlapIndex.build(ccsa, { threads: 1 }).explainPair(1, 2);
    assert.ok(pair.reasons.some((reason) => reason.kind === 'different_numbers'), JSON.stringify(pair.reasons));
    assert.ok(pair.reasons.some((reason) => reason.kind === 'same_organization'));
    assert.equal(pair.likely, false, `scored ${pair.score}`);
    assert.ok(pair.score < 0.35, `scored ${pair.score}`);
  });
});
