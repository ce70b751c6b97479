// Identifier sense for the overlap engine: the numbers by which bodies name a standard, read from identifiers and from
// titles or scopes, in one canonical form per numbering scheme so that the same text published by two bodies meets.
//
// A reference key is `<scheme>:<number>`: "iso:9594-8", "itu:x.509", "ieee:802.3", "3gpp:ts23.501", "ecma:262",
// "rfc:8446", "etsi:ts103619", "iec:61000-4-2", "cispr:32". The numbering rules that make two bodies' numbers one
// are applied here, and only rules that hold by construction:
// - ISO/IEC/IEEE 8802-x is IEEE 802.x ("8802-1Q" ↔ "802.1Q", "8802-15-4" ↔ "802.15.4");
// - ISO/IEEE, IEC/IEEE and ISO/IEC/IEEE numbers are also IEEE numbers (ISO/IEEE 11073-20601 ↔ IEEE 11073-20601);
// - ETSI transposes 3GPP "TS ab.cde" as "TS 1ab cde" (series 21 to 55);
// - CENELEC's EN 6xxxx keeps the IEC number, and EN 550xx is CISPR xx; EN ISO/IEC, EN ISO and EN IEC name the
//   ISO or IEC standard they adopt.
// ISO and IEC share one scheme ("iso"): JTC 1 numbers are joint and the two bodies' ranges do not collide.
// The edition (ISO's ":2023", IEEE's "-2020", ETSI's "V1.1.1") is dropped; amendments and corrigenda are kept apart,
// since an amendment is not its base standard.

/** A standard's number in canonical form, with what the engine compares: its family and its amendment. */
export type Reference = {
  /** `<scheme>:<number>`, amendment included: "iso:14496-10/amd1". */
  key: string;
  scheme: string;
  /** The number without amendment: "14496-10". */
  number: string;
  /** "amd1", "cor1", "ax" (an IEEE amendment letter), or null for a base standard. */
  amendment: string | null;
  /**
   * A number inferred without a rule that always holds (IEC/IEEE 60255-118-1 as IEEE 60255.118.1): good for
   * meeting the same number, not for saying two numbers differ.
   */
  guess?: boolean;
};

const referencePatterns: { scheme: string; pattern: RegExp; read: (match: RegExpExecArray) => Reference[] }[] = [];

function reference(scheme: string, number: string, amendment: string | null = null): Reference {
  const cleanNumber = number.toLowerCase();
  return { key: `${scheme}:${cleanNumber}${amendment ? `/${amendment}` : ''}`, scheme, number: cleanNumber, amendment };
}

/** "Amd 1", "/Amd.1:2024", "Amendment 1", "Cor.2", "Technical Corrigendum 1", "/A11" (CENELEC) → "amd1", "cor2", "a11". */
const amendmentSuffix = String.raw`(?:\s*[:/]\s*(?:19|20)\d\d)?(?:\s*\/?\s*(?:(Amd|Amendment|AMD|Cor|Corr|Corrigendum|Technical Corrigendum)\.?\s*(\d+)|\/(A\d+)))?`;

function readAmendment(kind: string | undefined, number: string | undefined, cenelec: string | undefined): string | null {
  if (cenelec) return cenelec.toLowerCase();
  if (!kind || !number) return null;
  return /^a/i.test(kind) ? `amd${number}` : `cor${number}`;
}

// ISO, IEC and their joint prefixes, an optional deliverable type, the number with its parts.
referencePatterns.push({
  scheme: 'iso',
  pattern: new RegExp(
    String.raw`\b(?:EN\s+)?(ISO\/IEC\/IEEE|ISO\/IEEE|IEC\/IEEE|ISO\/IEC|ISO\/HL7|ISO|IEC)(?:\s*\/?\s*(?:TR|TS|PAS|DIS|FDIS|CD|DTR|DTS|IS))?\s+(\d{3,5}(?:-\d+[A-Za-z]{0,3})*)` + amendmentSuffix,
    'g',
  ),
  read: (m) => {
    const prefix = m[1]!.toUpperCase();
    const number = m[2]!;
    const amendment = readAmendment(m[3], m[4], m[5]);
    const out = [reference('iso', number, amendment)];
    if (prefix.includes('IEEE')) {
      const lan = /^8802-(\d+)([A-Za-z]{0,3})(?:-(\d+))?$/.exec(number);
      if (lan) out.push(reference('ieee', `802.${lan[1]}${lan[2] ?? ''}${lan[3] ? `.${lan[3]}` : ''}`, amendment));
      else out.push({ ...reference('ieee', number.replace(/-/g, '.').replace(/^(\d+)\.(\d{3,})/, '$1-$2'), amendment), guess: true });
    }
    return out;
  },
});

// IEEE standards and projects: "IEEE Std 802.11ax-2021", "IEEE P2048.1", "IEEE C37.118.1-2011".
referencePatterns.push({
  scheme: 'ieee',
  pattern: /\bIEEE\s+(?:Std\.?\s*)?P?((?:C)?\d{2,5}(?:\.\d+[A-Z]{0,3})*(?:-(?!(?:19|20)\d\d\b)\d{3,5})*)([a-z]{1,3})?(?:-(?:19|20)\d\d)?(?![\w.])/g,
  read: (m) => {
    const number = m[1]!;
    const lan = /^(802\.\d+[A-Z]{0,3})(.*)$/.exec(number);
    // An upper-case letter names a standard (802.1Q), a lower-case one an amendment (802.11ax, 802.1Qbv).
    return [reference('ieee', lan ? lan[1]! + lan[2]! : number, m[2] ? m[2].toLowerCase() : null)];
  },
});

// ITU-T and ITU-R Recommendations: "ITU-T X.509", "Rec. ITU-T H.264", "ITU-R BT.2123", "X.509 Cor.1".
referencePatterns.push({
  scheme: 'itu',
  pattern: new RegExp(
    String.raw`\b(?:ITU-[TR]|CCITT|Recommendation|Rec\.)\s+(?:ITU-[TR]\s+)?(?:Rec\.\s+)?([A-Z]{1,2})\.(\d+(?:\.\d+)*)(?:\s*\((?:\d\d\/)?(?:19|20)\d\d\))?(?:\s*(Amd|Amendment|Cor|Corrigendum)\.?\s*(\d+))?`,
    'g',
  ),
  read: (m) => [reference('itu', `${m[1]}.${m[2]}`, readAmendment(m[3], m[4], undefined))],
});

// 3GPP specifications: "3GPP TS 23.501", "3GPP TR 23.700-60".
referencePatterns.push({
  scheme: '3gpp',
  pattern: /\b3GPP\s+(TS|TR)\s+(\d{2})\.(\d{3})(-\d+)?/g,
  read: (m) => [reference('3gpp', `${m[1]}${m[2]}.${m[3]}${m[4] ?? ''}`)],
});

// ETSI deliverables: "ETSI TS 123 501", "ETSI GS QKD 014", "ETSI EN 303 645". A TS or TR numbered 1ab cde with ab
// a 3GPP series is the transposition of 3GPP ab.cde.
referencePatterns.push({
  scheme: 'etsi',
  pattern: /\bETSI\s+(TS|TR|EN|ES|EG|GS|GR|SR)\s+(?:([A-Z][A-Z0-9-]{1,9})\s*)?(\d{3})\s?(\d{3})?(-\d+(?:-\d+)?)?/g,
  read: (m) => {
    const [type, group, first, second, parts] = [m[1]!, m[2], m[3]!, m[4], m[5] ?? ''];
    if (group) return [reference('etsi', `${type}${group}${first}${second ?? ''}${parts}`)];
    const out = [reference('etsi', `${type}${first}${second ?? ''}${parts}`)];
    const series = Number(first) - 100;
    if (second && (type === 'TS' || type === 'TR') && series >= 21 && series <= 55) {
      out.push(reference('3gpp', `${type}${series}.${second}${parts}`));
    }
    return out;
  },
});

// Ecma, IETF, CISPR and CENELEC's own numbers.
referencePatterns.push({ scheme: 'ecma', pattern: /\bECMA[- ](\d{1,4})(?:\s+Part\s+(\d+))?/gi, read: (m) => [reference('ecma', m[2] ? `${m[1]}-${m[2]}` : m[1]!)] });
referencePatterns.push({ scheme: 'rfc', pattern: /\bRFC\s?(\d{1,5})\b/g, read: (m) => [reference('rfc', m[1]!)] });
referencePatterns.push({ scheme: 'cispr', pattern: /\bCISPR\s+(\d{1,2}(?:-\d+)*)/g, read: (m) => [reference('cispr', m[1]!)] });
referencePatterns.push({
  scheme: 'en',
  pattern: new RegExp(String.raw`\bEN\s+(\d{5}(?:-\d+)*)` + amendmentSuffix, 'g'),
  read: (m) => {
    const number = m[1]!;
    const amendment = readAmendment(m[2], m[3], m[4]);
    if (/^6\d{4}/.test(number)) return [reference('en', number, amendment), reference('iso', number, amendment)];
    const cispr = /^550(\d\d)(.*)$/.exec(number);
    if (cispr) return [reference('en', number, amendment), reference('cispr', `${Number(cispr[1])}${cispr[2]}`, amendment)];
    return [reference('en', number, amendment)];
  },
});

/** Every reference written in a text, in order of appearance, each key once. */
export function findReferences(text: string): (Reference & { index: number; length: number })[] {
  const found: (Reference & { index: number; length: number })[] = [];
  // Every scheme's number has digits: most titles have none, and skip the patterns.
  if (!/\d/.test(text)) return found;
  const normalised = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212]/g, '-');
  for (const { pattern, read } of referencePatterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(normalised); match; match = pattern.exec(normalised)) {
      for (const ref of read(match)) found.push({ ...ref, index: match.index, length: match[0].length });
    }
  }
  // "EN ISO/IEC 27001" is read by the ISO pattern; the EN pattern must not read "EN 27001" out of it as well, and
  // "ISO/IEC/IEEE 8802-3" must not be read again as "IEC 8802-3" or "IEEE 8802".
  const kept = found.filter((ref) => !found.some((other) => other.length > ref.length && other.index <= ref.index && other.index + other.length >= ref.index + ref.length));
  kept.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  return kept.filter((ref) => !seen.has(ref.key) && seen.add(ref.key));
}

/** How an organization's own numbers are written without the body's name ("X.509" by ITU-T, "TS 23.501" by 3GPP). */
function organizationPrefix(organization: string): string | undefined {
  const org = organization.trim().toUpperCase();
  if (/^(ITU-[TR]|CCITT)/.test(org)) return 'ITU-T';
  if (org.startsWith('3GPP')) return '3GPP';
  if (org.startsWith('ETSI')) return 'ETSI';
  if (org.startsWith('IEEE')) return 'IEEE';
  if (org.startsWith('ECMA')) return 'ECMA';
  if (org.startsWith('IETF') || org.startsWith('IRTF')) return '';
  if (/^(CEN|CENELEC|CLC)/.test(org)) return '';
  if (org.startsWith('ISO') || org.startsWith('IEC')) return org.startsWith('IEC') ? 'IEC' : 'ISO';
  return undefined;
}

/**
 * The references an entry's own identifier gives it: "X.509" of ITU-T is itu:x.509, "ISO/IEC/IEEE 8802-3" is
 * iso:8802-3 and ieee:802.3, "ETSI TS 123 501" is etsi:ts123501 and 3gpp:ts23.501.
 */
export function identifierReferences(organization: string, identifier: string): Reference[] {
  const direct = findReferences(identifier);
  if (direct.length) return direct.map(stripPosition);
  const prefix = organizationPrefix(organization);
  if (prefix === undefined) return [];
  const written = prefix === 'ECMA' ? identifier.replace(/^(\d)/, 'ECMA-$1') : `${prefix} ${identifier}`;
  return findReferences(written).map(stripPosition);
}

function stripPosition({ key, scheme, number, amendment, guess }: Reference & { index: number; length: number }): Reference {
  return guess ? { key, scheme, number, amendment, guess } : { key, scheme, number, amendment };
}

/** A reference found in a text, and whether the text states it is the same document ("identical to", "|"). */
export type StatedReference = Reference & { text: string; stated: boolean };

// Words that say the text is the same document as the reference that follows (or precedes, for "|").
const statingBefore = /(?:also\s+published\s+as|published\s+as|identical\s+(?:to|with)|technically\s+(?:identical|equivalent|aligned)\s+(?:to|with)|equivalent\s+to|common\s+text\s+with|twin\s+text\s+of|transposition\s+of|transposes|endorsement\s+of|endorses|adoption\s+of|adopts|adopted\s+as|same\s+as|also\s+known\s+as|corresponds\s+to|\|)\s*(?:the\s+)?(?:Recommendation\s+|standard\s+|specification\s+)?$/i;

/**
 * The other numbers a title or scope names, each marked `stated` when the text says it is the same document:
 * "ITU-T X.509 | ISO/IEC 9594-8", "also published as ISO/IEC 20922", "identical to IEEE 802.3", an ETSI title's
 * "(3GPP TS 23.501 version 17.5.0 Release 17)", a CEN title's "(ISO/IEC 27001:2022)". Other mentions ("based on
 * ISO/IEC 27002") are returned with `stated: false`.
 */
export function readEquivalents(text: string): StatedReference[] {
  const normalised = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212]/g, '-');
  return findReferences(normalised).map((ref) => {
    const before = normalised.slice(Math.max(0, ref.index - 60), ref.index);
    const after = normalised.slice(ref.index + ref.length, ref.index + ref.length + 40);
    const written = normalised.slice(ref.index, ref.index + ref.length);
    // A parenthesis holding only the reference (with an edition, version or release): ETSI's and CEN's way of
    // saying which document they publish.
    const alone = /\(\s*$/.test(before) && /^(?::(?:19|20)\d\d)?(?:\s+version\s+[\d.]+)?(?:\s+Release\s+\d+)?\s*\)/i.test(after);
    const pipeAfter = /^\s*\|/.test(after);
    return { ...stripPosition(ref), text: written, stated: statingBefore.test(before) || pipeAfter || alone };
  });
}

/** Whether an entry is an amendment, corrigendum or supplement to another document, read from identifier and title. */
export function isAmendment(identifier: string, title: string, references: readonly Reference[]): boolean {
  if (references.some((ref) => ref.amendment)) return true;
  if (/\b(?:amd|amendment|cor|corr|corrigendum|sup|suppl|supplement)\.?\s*\d+/i.test(identifier)) return true;
  return /(?:^|[\s–—:;-])(?:amendment\s+\d+\s*[:–—-]|technical\s+corrigendum\s+\d+|corrigendum\s+\d+\s*$)/i.test(title);
}

/** The family a number belongs to, from the most to the least specific: "14496-10" → ["14496"], "x.509" → ["x.5xx"]. */
export function familiesOf(ref: Reference): string[] {
  const number = ref.number;
  if (ref.scheme === 'itu') {
    const match = /^([a-z]{1,2})\.(\d+)((?:\.\d+)*)$/.exec(number);
    if (!match) return [];
    const [, letter, main, sub] = match;
    const families = sub ? [`${letter}.${main}`] : [];
    const value = Number(main);
    families.push(value >= 100 ? `${letter}.${Math.floor(value / 100)}xx` : `${letter}.${Math.floor(value / 10)}x`);
    return families;
  }
  const separators = [...number.matchAll(/[-.]/g)].map((m) => m.index!);
  return separators.reverse().map((at) => number.slice(0, at)).filter((family) => /\d/.test(family));
}

/** The versions a title or identifier states ("MQTT Version 3.1.1", "glTF 2.0", "v1.2"), normalised: "2.0" → "2". */
export function readVersions(text: string): string[] {
  // Most titles state no version: neither pattern below can match without a digit after a dot or after "v"/"version"
  // (checked first: the two scans were a tenth of an entry's facts).
  if (!mayStateVersion.test(text)) return [];
  const out = new Set<string>();
  // A version has one or two digits before its first dot; "802.3", "23.501" or "X.509" are numbers, not versions.
  for (const match of text.matchAll(/(?<![\w.#])(?:v|version\s+|release\s+|rel-?)?(\d{1,2}(?:\.\d{1,2}){1,3})(?![\w.]|\.\d)/gi)) {
    out.add(match[1]!.replace(/(?:\.0)+$/, ''));
  }
  for (const match of text.matchAll(/\b(?:version|v)\s*(\d{1,2})(?![\w.])/gi)) out.add(match[1]!);
  return [...out];
}

const mayStateVersion = /\d\.\d|v(?:ersion)?\s*\d/i;

/** The part number an identifier or title states: "ISO/IEC 9594-2", "… — Part 2: …", "ODF 1.2 Part 1". */
export function readPart(identifier: string, title: string, references: readonly Reference[]): string | undefined {
  const written = /\bPart\s+(\d+(?:[-.]\d+)*)\b/i.exec(`${identifier} ${title}`);
  if (written) return written[1]!.replace(/\./g, '-');
  const iso = references.find((ref) => ref.scheme === 'iso' && !ref.guess);
  const part = iso && /^\d+-(\d+(?:-\d+)*)$/.exec(iso.number);
  return part ? part[1] : undefined;
}

/** Names numbered with a hyphen ("NFCIP-1", "MPEG-2", "HTTP-2"): name → number, to tell "NFCIP-1" from "NFCIP-2". */
export function readDesignations(title: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of title.matchAll(/\b([A-Z][A-Za-z]{1,9})-(\d{1,2})(?![\d.-])/g)) out.set(match[1]!.toLowerCase(), match[2]!);
  return out;
}
