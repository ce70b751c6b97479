// Identifier keys live in the text index (src/platform/text-index/identifier-key.ts): the overlap engine's worker
// threads read them without loading the roadmap module and its database code. Re-exported for the roadmap's own use.
import type { EntryKind } from './schema.ts';

export { identifierKey } from '../../platform/text-index/identifier-key.ts';

/**
 * The kind of deliverable an identifier usually names, for rows that do not say it: "RFC 9340" is an RFC,
 * "ETSI GR QKD 003" a Technical Report, "Y.Sup70" a Supplement, an ITU-T "Y.3800" a Recommendation. Undefined when
 * the identifier does not tell.
 */
export function inferKind(organization: string, identifier: string): EntryKind | undefined {
  const org = organization.trim().toUpperCase();
  const id = identifier.trim();
  if (/^(IETF\s+|IRTF\s+)?RFC\s?\d+/i.test(id)) return 'rfc';
  if (/^draft-/i.test(id)) return 'internet_draft';
  if (/\bSup(pl(ement)?)?\.?\s?\d+/i.test(id)) return 'supplement';
  if (/(^|\s)(GR|TR)[\s.]/i.test(id) || /^TR[.-]/i.test(id)) return 'technical_report';
  if (/(^|\s)(GS|TS)[\s.]/i.test(id)) return 'technical_specification';
  if (/^ITU-[TR]\b/.test(org) && /^[A-Z]{1,2}\.\d/.test(id)) return 'recommendation';
  if (/^(ISO|IEC)\b/.test(org) && /\d/.test(id)) return 'international_standard';
  return undefined;
}
