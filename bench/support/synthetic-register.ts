// A synthetic register of standards for the overlap benchmarks: entries of many bodies, each styled as that body
// titles its publications (ISO/IEC "Information technology — Series — Part n: …", ETSI "Group (GRP); …", 3GPP
// "NR; …; Stage 2", IEEE "IEEE Standard for …"), with long series, parts, amendments and versions, drawn from a
// fixed seed. The words come from a standards lexicon and from the labelled set's and the real roadmaps' titles, so
// the twins have look-alike neighbours and the measurement is not trivially easy. No synthetic entry is meant to
// be the twin of another: the generator writes no transpositions or adoptions.

/** A generated entry: what the overlap engine reads, without an id. */
export type SyntheticEntry = { organization: string; identifier: string; title: string; scope?: string };

/** mulberry32 from a seed: the same register on every run. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lexicon = (
  'network networks service services requirements framework architecture management security protocol protocols ' +
  'quantum key distribution functional interface interfaces system systems data model models application ' +
  'applications support control information communication digital media mobile performance quality test testing ' +
  'specification use cases overview guidelines reference virtual reality augmented immersive metaverse twin ' +
  'identity trust privacy cloud edge computing intelligence machine learning artificial signalling transport access ' +
  'optical video audio coding format formats evaluation assessment measurement methods vocabulary terminology ' +
  'capabilities scenarios deployment operation orchestration software defined interworking integration resilience ' +
  'availability monitoring telemetry energy efficiency sustainable smart city vehicle vehicular health blockchain ' +
  'ledger distributed secure encryption authentication authorization cryptography random number generator satellite ' +
  'terrestrial wireless radio spectrum broadband internet things sensor actuator avatar scene rendering graphics ' +
  'streaming compression point cloud haptic tactile display devices device conformance profile profiles registry ' +
  'catalogue lifecycle governance ethics accessibility interoperability semantic ontology exchange open source ' +
  'runtime platform infrastructure resource allocation scheduling routing switching slicing function virtualization ' +
  'container microservices storage database query language programming object oriented transaction messaging ' +
  'directory naming addressing certificate public attribute signature hash block cipher modes operation entity ' +
  'lightweight biometric template fingerprint iris face recognition presentation attack detection session ' +
  'application layer physical channel multiplexing modulation synchronization timing clock precision time ' +
  'frequency bands antenna beamforming positioning location navigation mapping geographic feature coverage ' +
  'imagery raster vector tiles encoding decoding bitstream syntax semantics conformance reference software still ' +
  'image picture moving pictures associated systems carriage file container packaging metadata description ' +
  'descriptors rights expression licensing watermarking fingerprinting content protection broadcasting television ' +
  'terminal home gateway residential power line cable fibre passive optical ethernet bridging bridges wireless local ' +
  'area personal body regional metropolitan medium low rate high throughput latency reliable critical industrial ' +
  'automation process manufacturing robot robotics factory supply chain logistics tracking traceability barcode ' +
  'identification card cards proximity contactless integrated circuit memory processor microcontroller firmware ' +
  'update boot trusted module execution environment enclave attestation measurement audit logging incident response ' +
  'continuity disaster recovery risk controls code practice telecommunications organizations providers operators ' +
  'customers consumer retail payment banking financial electronic commerce invoice procurement business process ' +
  'workflow document documents office markup schema validation transformation query retrieval search indexing ' +
  'archive preservation records learning education training skills competence personnel certification bodies ' +
  'laboratories calibration environmental emissions carbon footprint circular economy recycling materials ' +
  'electromagnetic compatibility immunity emission safety hazards protection enclosures insulation voltage current ' +
  'battery charging electric grid substation distribution metering demand response renewable solar wind ' +
  'hydrogen storage thermal lighting building buildings construction information modelling water waste traffic ' +
  'road railway maritime aviation drone unmanned aerial space emergency public warning alerting disaster ' +
  'accessibility ageing disability assistive captioning subtitles sign language speech recognition natural ' +
  'translation dialogue conversational chatbot recommendation fairness bias transparency explainability ' +
  'robustness dataset datasets annotation labelling benchmark metrics evaluation statistical sampling'
).split(' ');

const isoSeries = [
  'Open systems interconnection — The Directory', 'Abstract Syntax Notation One (ASN.1)', 'ASN.1 encoding rules',
  'Coding of audio-visual objects', 'JPEG 2000 image coding system', 'Coded representation of immersive media',
  'High efficiency coding and media delivery in heterogeneous environments', 'Generic coding of moving pictures and associated audio information',
  'Security techniques', 'Cloud computing', 'Open distributed processing', 'Biometric data interchange formats',
  'Identification cards — Integrated circuit cards', 'Automatic identification and data capture techniques',
  'Telecommunications and information exchange between systems', 'Multimedia framework (MPEG-21)',
  'MPEG systems technologies', 'MPEG video technologies', 'MPEG-V Media context and control', 'JPEG XS low-latency lightweight image coding system',
  'Internet of Things (IoT)', 'Artificial intelligence', 'Data centre facilities and infrastructures',
  'Software and systems engineering — Software testing', 'Systems and software engineering — Systems and software Quality Requirements and Evaluation (SQuaRE)',
  'Database languages — SQL', 'Programming languages', 'Office equipment', 'Coding of moving pictures and associated audio for digital storage media',
  'Digital compression and coding of continuous-tone still images', 'Procedures for the operation of object identifier registration authorities',
  'Information security management systems', 'Privacy protection', 'Blockchain and distributed ledger technologies',
];
const isoSeriesNumbers: Record<string, number> = {
  'Open systems interconnection — The Directory': 9594, 'Abstract Syntax Notation One (ASN.1)': 8824, 'ASN.1 encoding rules': 8825,
  'Coding of audio-visual objects': 14496, 'JPEG 2000 image coding system': 15444, 'Coded representation of immersive media': 23090,
  'High efficiency coding and media delivery in heterogeneous environments': 23008, 'Generic coding of moving pictures and associated audio information': 13818,
  'Open distributed processing': 10746, 'Digital compression and coding of continuous-tone still images': 10918,
  'Procedures for the operation of object identifier registration authorities': 9834, 'MPEG-V Media context and control': 23005,
};
const threeGppDomains = ['5G System', 'NR', 'Evolved Universal Terrestrial Radio Access (E-UTRA)', 'NG-RAN', 'Management and orchestration', 'IP Multimedia Subsystem (IMS)', 'Telecommunication management', 'Universal Geographical Area Description (GAD)', 'Mission Critical Services'];
const etsiGroups: [string, string][] = [
  ['NFV', 'Network Functions Virtualisation (NFV)'], ['MEC', 'Multi-access Edge Computing (MEC)'], ['ZSM', 'Zero-touch network and Service Management (ZSM)'],
  ['ENI', 'Experiential Networked Intelligence (ENI)'], ['SAI', 'Securing Artificial Intelligence (SAI)'], ['CIM', 'Context Information Management (CIM)'],
  ['F5G', 'Fifth Generation Fixed Network (F5G)'], ['THZ', 'TeraHertz technology (THz)'], ['ISC', 'Integrated Sensing And Communications (ISAC)'], ['ARF', 'Augmented Reality Framework (ARF)'],
];
const etsiDomains = ['CYBER', 'SmartM2M', 'Intelligent Transport Systems (ITS)', 'Electromagnetic compatibility and Radio spectrum Matters (ERM)', 'Emergency Communications (EMTEL)', 'Environmental Engineering (EE)', 'Access, Terminals, Transmission and Multiplexing (ATTM)', 'Methods for Testing and Specification (MTS)'];
const ituLetters = ['X', 'Y', 'H', 'T', 'G', 'Q', 'F', 'E', 'P', 'L', 'K', 'M', 'J'];
const ituTemplates = ['Requirements for {np}', 'Framework of {np}', 'Functional architecture of {np}', '{NP} – {np}', 'Overview of {np}', 'Security guidelines for {np}', '{NP}: {np}', 'Use cases and requirements for {np}', 'Reference model of {np}', 'Protocol for {np}'];
const consortia: [string, string, string][] = [
  ['W3C', '{NP} {version}', '{NP} Level {level}'], ['OASIS', '{NP} v{version}', '{NP} Version {version}'], ['OMG', '{NP} {version}', 'OMG {NP} Specification Version {version}'],
  ['Khronos', '{NP} {version}', 'The {NP} Specification, Version {version}'], ['OGC', 'OGC {num}', 'OGC {NP} Standard {version}'], ['DMTF', 'DSP{num}', '{NP} Specification'],
  ['ECMA', 'ECMA-{num}', '{NP}'], ['Bluetooth SIG', '{NP} {version}', '{NP} Profile Specification v{version}'], ['GSMA', '{ACR}.{num}', '{NP}'], ['oneM2M', 'TS-{num}', '{NP}'],
];

export type SyntheticOptions = { seed?: number; extraWords?: readonly string[] };

/** `count` synthetic entries (a few more organizations' worth of series and amendments are included in the count). */
export function syntheticRegister(count: number, options: SyntheticOptions = {}): SyntheticEntry[] {
  const random = randomFrom(options.seed ?? 20261206);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  // Zipf-like word frequencies: the lexicon shuffled at the head, the labelled and real titles' words in the tail
  // (each still appears in a few dozen synthetic titles, as look-alikes, without being everywhere).
  const shuffle = (words: string[]) => {
    for (let i = words.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [words[i], words[j]] = [words[j]!, words[i]!];
    }
    return words;
  };
  const head = shuffle([...new Set(lexicon)]);
  const tail = shuffle([...new Set((options.extraWords ?? []).filter((w) => /^[a-z]{3,}$/.test(w) && !head.includes(w)))]);
  const vocabulary = [...head, ...tail];
  const cumulative: number[] = [];
  let total = 0;
  vocabulary.forEach((_, rank) => cumulative.push((total += 1 / (rank + 1) ** 0.8)));
  const word = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low]!;
  };
  const np = (low = 3, high = 6) => Array.from({ length: between(low, high) }, word).join(' ');
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const fill = (template: string) =>
    template
      .replace('{NP}', () => capital(np(2, 4)))
      .replace('{np}', () => np(3, 6))
      .replace('{version}', () => `${between(1, 4)}.${between(0, 3)}${random() < 0.3 ? `.${between(1, 3)}` : ''}`)
      .replace('{level}', () => String(between(1, 3)))
      .replace('{num}', () => String(between(100, 999)))
      .replace('{ACR}', () => pick(['TS', 'PRD', 'IR', 'NG', 'FS']));
  const year = () => between(1995, 2025);

  const out: SyntheticEntry[] = [];
  const used = new Set<string>();
  const push = (entry: SyntheticEntry) => {
    const key = `${entry.organization}|${entry.identifier}`;
    if (used.has(key)) return false;
    used.add(key);
    if (random() < 0.4) entry.scope = `This ${pick(['Recommendation', 'document', 'Standard', 'specification'])} ${pick(['specifies', 'describes', 'defines', 'provides'])} ${np(3, 8)} ${pick(['for', 'in', 'of', 'to support'])} ${np(3, 10)}.`;
    out.push(entry);
    return true;
  };
  const isoBySeries = new Map<string, number>();
  const generated: { entry: SyntheticEntry; kind: 'iso' | 'itu' }[] = [];

  while (out.length < count) {
    const roll = random();
    if (roll < 0.28) {
      const series = random() < 0.5 ? pick(isoSeries) : capital(np(2, 4));
      let number = isoSeriesNumbers[series] ?? isoBySeries.get(series);
      if (number === undefined) isoBySeries.set(series, (number = between(30000, 39999)));
      // Real series get parts from 30 up, so no synthetic entry takes a labelled entry's number.
      const part = isoSeriesNumbers[series] ? between(30, 99) : between(1, 40);
      const entry = { organization: 'ISO/IEC', identifier: `ISO/IEC ${number}-${part}`, title: `Information technology — ${series} — Part ${part}: ${capital(np())}` };
      if (push(entry)) generated.push({ entry, kind: 'iso' });
    } else if (roll < 0.34 && generated.length) {
      // An amendment or corrigendum of an earlier entry: a near copy of its base's title.
      const { entry: base, kind } = pick(generated);
      const k = between(1, 3);
      if (kind === 'iso') push({ organization: base.organization, identifier: `${base.identifier}:${year()}/Amd ${k}`, title: `${base.title} — Amendment ${k}: ${capital(np())}` });
      else push({ organization: base.organization, identifier: `${base.identifier} Amd.${k}`, title: `${base.title} – Amendment ${k}: ${np()}` });
    } else if (roll < 0.5) {
      const letter = pick(ituLetters);
      const number = between(100, 9999);
      const sub = random() < 0.15 ? `.${between(1, 9)}` : '';
      const title = random() < 0.2 && (letter === 'X' || letter === 'T' || letter === 'H')
        ? `Information technology – ${pick(isoSeries).replace(' — ', ' – ')} – ${capital(np())}`
        : capital(fill(pick(ituTemplates)));
      const entry = { organization: 'ITU-T', identifier: `${letter}.${number}${sub}`, title };
      if (push(entry)) generated.push({ entry, kind: 'itu' });
    } else if (roll < 0.6) {
      if (random() < 0.1) {
        const letters = `${pick('abcdefghjk'.split(''))}${pick('abcdefghjkmnpqrstuvwxyz'.split(''))}`;
        push({
          organization: 'IEEE',
          identifier: `IEEE 802.${pick(['3', '11', '15.4', '1Q'])}${letters}-${year()}`,
          title: `IEEE Standard for Information Technology--Telecommunications and Information Exchange between Systems Local and Metropolitan Area Networks--Specific Requirements--Amendment ${between(1, 9)}: ${capital(np())}`,
        });
      } else if (random() < 0.3) push({ organization: 'IEEE', identifier: `IEEE P${between(2000, 3999)}${random() < 0.3 ? `.${between(1, 9)}` : ''}`, title: `${pick(['Standard for', 'Recommended Practice for', 'Guide for'])} ${capital(np(2, 7))}` });
      else push({ organization: 'IEEE', identifier: `IEEE ${between(1100, 3999)}-${year()}`, title: `IEEE ${pick(['Standard for', 'Recommended Practice for', 'Guide for', 'Standard for Information Technology--'])} ${capital(np(2, 7))}` });
    } else if (roll < 0.7) {
      const tr = random() < 0.3;
      const series = pick([22, 23, 24, 26, 28, 29, 32, 33, 36, 37, 38]);
      push({
        organization: '3GPP',
        identifier: `3GPP ${tr ? 'TR' : 'TS'} ${series}.${between(600, 999)}`,
        title: tr ? `Study on ${np(3, 7)}` : `${pick(threeGppDomains)}; ${capital(np(3, 6))}; Stage ${between(1, 3)}`,
      });
    } else if (roll < 0.8) {
      if (random() < 0.5) {
        const [acronym, name] = pick(etsiGroups);
        push({ organization: 'ETSI', identifier: `ETSI ${pick(['GS', 'GR'])} ${acronym} ${String(between(100, 999))}`, title: `${name}; ${capital(np(3, 7))}` });
      } else {
        push({ organization: 'ETSI', identifier: `ETSI ${pick(['TS 103', 'TS 104', 'TR 103', 'EN 303', 'ES 203'])} ${String(between(100, 999))}`, title: `${pick(etsiDomains)}; ${capital(np(3, 7))}` });
      }
    } else if (roll < 0.87) {
      const acronym = np(1, 1).replace(/[^a-z]/g, '').slice(0, 4).toUpperCase();
      push({ organization: 'IETF', identifier: `RFC ${between(10000, 19999)}`, title: `${capital(np(3, 7))}${random() < 0.4 ? ` (${acronym})` : ''}` });
    } else if (roll < 0.92) {
      const [organization, identifier, title] = pick(consortia);
      // A consortium names its specification (a word or two) and titles it with more words than the name.
      const name = capital(np(1, 2));
      const titled = fill(title.replace('{NP}', name));
      push({ organization, identifier: fill(identifier.replace('{NP}', name)), title: titled.split(' ').length < 4 ? `${titled} ${capital(np(2, 4))}` : titled });
    } else if (roll < 0.96) {
      const cenelec = random() < 0.5;
      push({
        organization: cenelec ? 'CENELEC' : 'CEN',
        identifier: cenelec ? `EN 50${between(100, 999)}-${between(1, 9)}:${year()}` : `EN ${between(16000, 17999)}:${year()}`,
        title: `${capital(np(1, 3))} - ${capital(np(3, 6))}${cenelec ? ` - Part ${between(1, 9)}: ${capital(np())}` : ''}`,
      });
    } else if (roll < 0.985) {
      const series = capital(np(2, 3));
      push({ organization: 'IEC', identifier: `IEC 6${between(3000, 3999)}-${between(1, 9)}-${between(1, 30)}`, title: `${series} – Part ${between(1, 9)}-${between(1, 30)}: ${capital(np())}` });
    } else {
      push({ organization: 'CCSA', identifier: `YD/T ${between(4000, 4999)}.${between(1, 9)}-${year()}`, title: `${pick(['Technical requirements for', 'Test methods for', 'General requirements of'])} ${np(2, 6)}` });
    }
  }
  return out;
}
