// Identifier keys: "Y.3800", "ITU-T Y.3800", "Rec. ITU-T Y.3800" and "T-REC-Y.3800-201910-I" are one standard, so
// they get one key. The key decides uniqueness (organization + key) and lets search find an entry however it is typed.
//
// What the key drops, and why:
// - the publishing body and words that only say what kind of publication it is ("ITU-T", "Rec.", "IEEE Std",
//   "IETF", "ETSI", "3GPP", …): uniqueness is already per organization, and people type the number without them;
// - the edition: ISO's ":2023", IEEE's and CCSA's "-2020", ITU's "-201910-I" (T-REC addresses) and "(10/2019)",
//   ETSI's and 3GPP's "V1.1.1", an Internet-Draft's "-05". An entry is the standard; its edition is a field of the
//   entry, so a new edition updates the entry instead of adding a second one;
// - ISO's deliverable type and stage ("TR", "DIS", "FDIS"…): ISO numbers one series across them, and a DIS becomes
//   the published standard under the same number;
// - spaces, so "GS QKD 014" and "GS QKD014" meet.
// What it keeps: dots, dashes and slashes inside the number (H.430.1 is not H.4301), series letters, the ETSI and
// 3GPP deliverable type (GS/GR, TS/TR), IEEE's "P" of a project, amendments, corrigenda and supplements
// ("Y.3802 Amd.1" is its own entry).

/** Words that name the body or the kind of publication before the number; stripped wherever they lead. */
const leadingWords = [
  'itu-t', 'itu-r', 'itu-d', 'uit-t', 'uit-r', 'itu',
  'recommendation', 'recommandation', 'rec.', 'rec',
  'iso/iec/ieee', 'iso/iec', 'iso', 'iec',
  'ieee', 'std.', 'std',
  'ietf', 'irtf', 'etsi', '3gpp', 'ccsa', 'w3c', 'ogc', 'khronos',
  'cen-cenelec', 'cen/cenelec', 'cenelec', 'cen',
];
const isoFamily = new Set(['iso/iec/ieee', 'iso/iec', 'iso', 'iec']);
/** ISO and IEC deliverable types and stages, stripped only after an ISO or IEC prefix. */
const isoDeliverableWords = new Set(['tr', 'ts', 'pas', 'is', 'nwip', 'pwi', 'awi', 'wd', 'cd', 'dis', 'fdis', 'prf']);

/**
 * The key under which an identifier is unique within its organization and found by search: lower case, without the
 * body, the publication words, the edition or spaces. Never empty for a non-blank identifier.
 */
export function identifierKey(raw: string): string {
  let text = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  const whole = text.replace(/ /g, '');
  // An address such as https://www.itu.int/rec/T-REC-Y.3800-201910-I/en: its T-REC segment, or else its last, names it.
  if (text.includes('://')) {
    const segments = text.split('/').filter(Boolean);
    text = segments.find((segment) => /^[tr]-rec-/.test(segment)) ?? segments.pop() ?? '';
  }
  text = text.replace(/!!.*$/, '').replace(/^[tr]-rec-/, '');
  // "ISO/TR 12345" is "ISO TR 12345".
  text = text.replace(/^(iso(?:\/iec)?(?:\/ieee)?)\/(tr|ts|pas)\b/, '$1 $2');

  // Leading words go one at a time, in any order ("Rec. ITU-T", "ITU-T Rec."), but never the last word.
  let sawIso = false;
  for (let [first, rest] = splitFirstWord(text); rest; [first, rest] = splitFirstWord(text)) {
    if (!leadingWords.includes(first) && !(sawIso && isoDeliverableWords.has(first))) break;
    sawIso ||= isoFamily.has(first);
    text = rest;
  }

  text = text
    .replace(/:(?:19|20)\d\d(?=$|[\s/(])/g, '') // ISO edition year
    .replace(/-\d{6}-[a-z]$/, '') // ITU T-REC edition: -201910-I
    .replace(/\s*\((?:\d{1,2}\/)?(?:19|20)\d\d(?:-\d\d)?\)$/, '') // (10/2019), (2019-02)
    .replace(/\s+v\d+\.\d+\.\d+$/, '') // ETSI and 3GPP version
    .replace(/^(draft-.+)-\d\d$/, '$1'); // Internet-Draft revision
  if (!sawIso) text = text.replace(/(\d)-(?:19[5-9]\d|20\d\d)$/, '$1'); // IEEE and CCSA edition year

  text = text
    .replace(/\s*\/?\s*\b(?:amd|amendment)\.?\s*(\d+)/g, 'amd$1')
    .replace(/\s*\/?\s*\b(?:cor|corr|corrigendum)\.?\s*(\d+)/g, 'cor$1')
    .replace(/\b(?:suppl?|supplement)\.?\s*(\d+)/g, 'sup$1')
    .replace(/ /g, '')
    .replace(/^([a-z]{1,2})\.?sup(\d)/, '$1.sup$2')
    .replace(/[.,;:]+$/, '');
  return text || whole;
}

function splitFirstWord(text: string): [string, string] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}
