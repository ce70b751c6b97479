// Who really sent a mail. The From: header is whatever the sender typed, so a mail counts as a member's only when
// (1) this instance's own receiving server, named by its authserv-id (MAIL_IN_AUTHSERV_ID), says in an
// Authentication-Results header (RFC 8601) that DMARC passed for the From: domain, or that a DKIM signature passed
// whose domain is the From: domain; or (2) it was sent to the member's secret submission address.
// Pure functions: the mail-in path reads the headers, these decide.

/** One `method=result` of an Authentication-Results header, with its properties (`header.d`, `header.from`, …). */
export type AuthResult = { method: string; result: string; properties: Record<string, string> };
export type AuthResults = { authservId: string; results: AuthResult[] };

/** Text without RFC 5322 comments (nested parentheses), quoted strings kept as they are. */
function withoutComments(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')' && depth > 0) {
      depth--;
      out += ' ';
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

/** Splits on `separator` outside quoted strings. */
function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (!quoted && separator.test(c)) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const unquote = (value: string) => (value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value);

/** Parses the value of one Authentication-Results header (RFC 8601 §2.2); undefined when it has no authserv-id. */
export function parseAuthenticationResults(value: string): AuthResults | undefined {
  const [head, ...resinfos] = splitOutsideQuotes(withoutComments(value.replace(/\r?\n[ \t]+/g, ' ')), /;/);
  // authserv-id [version]
  const authservId = head?.split(/\s+/)[0];
  if (!authservId) return undefined;
  const results: AuthResult[] = [];
  for (const resinfo of resinfos) {
    const [methodspec, ...rest] = splitOutsideQuotes(resinfo, /\s/);
    const match = /^([A-Za-z0-9_-]+)(?:\/\d+)?\s*=\s*([A-Za-z0-9_-]+)$/.exec(methodspec ?? '');
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const item of rest) {
      const at = item.indexOf('=');
      if (at > 0) properties[item.slice(0, at).toLowerCase()] = unquote(item.slice(at + 1));
    }
    results.push({ method: match[1]!.toLowerCase(), result: match[2]!.toLowerCase(), properties });
  }
  return { authservId: unquote(authservId).toLowerCase(), results };
}

/** Headers a delivering server adds above its own results (the pipe's envelope and the delivery's trace). */
const deliveryHeaders = new Set(['return-path', 'delivered-to', 'x-original-to', 'envelope-to']);

/**
 * The Authentication-Results our server added: the topmost run of such headers with our authserv-id, found above
 * anything the sender wrote. Walking down from the top, the delivery's own headers, our server's Received: line and
 * other servers' results (ignored, RFC 8601 §5) are passed over; the first run of our results is taken, and the walk
 * ends at the first other header. So a header the sender wrote, even one claiming our authserv-id, is never reached
 * when our server put its results above its Received: line. Where it puts them below, a forged header could follow
 * ours directly: for each method only the topmost of our headers that reports it counts, so a forged `dkim=pass`
 * under our server's `dkim=fail` changes nothing (the receiving server must still remove incoming headers that bear
 * its authserv-id, as RFC 8601 §5 asks).
 */
export function ourAuthenticationResults(headers: readonly { key: string; line: string }[], authservId: string): AuthResult[] {
  const run: AuthResult[][] = [];
  const id = authservId.toLowerCase();
  for (const { key, line } of headers) {
    const name = key.toLowerCase();
    const value = line.slice(line.indexOf(':') + 1);
    if (name === 'authentication-results') {
      const parsed = parseAuthenticationResults(value);
      if (parsed?.authservId === id) {
        run.push(parsed.results);
        continue;
      }
      if (run.length) break;
      continue;
    }
    if (run.length) break;
    if (deliveryHeaders.has(name)) continue;
    // Our server's Received: line may sit above its results; any other hop's means the sender's part has begun.
    if (name === 'received' && receivedBy(value) === id) continue;
    break;
  }
  const taken = new Set<string>();
  return run.flatMap((results) => {
    const fresh = results.filter((r) => !taken.has(r.method));
    for (const r of results) taken.add(r.method);
    return fresh;
  });
}

/** The host a Received: header says received the mail (its `by` clause), lower-cased. */
function receivedBy(value: string): string | undefined {
  return /\bby\s+([^\s;()]+)/i.exec(withoutComments(value.replace(/\r?\n[ \t]+/g, ' ')))?.[1]?.toLowerCase();
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** How the sender was proven, or why not: stored with a queued mail and shown to the secretariat. */
export type SenderProof = { verified: boolean; check: string };

/**
 * Whether our server's results prove the From: address: DMARC passed for its domain, or DKIM passed with a signing
 * domain (`header.d`, or the domain of `header.i`) equal to it. Strict alignment for DKIM: a parent domain's signature
 * is not taken, since telling an organization's domain from a public suffix needs a list Concord does not keep; DMARC,
 * which the receiving server evaluates with that list, covers relaxed alignment.
 */
export function proofFromResults(results: readonly AuthResult[], from: string, authservId: string | undefined): SenderProof {
  if (!authservId) return { verified: false, check: 'no Authentication-Results trusted (MAIL_IN_AUTHSERV_ID is not set)' };
  if (!from.includes('@')) return { verified: false, check: 'no From: address' };
  const domain = domainOf(from);
  const dmarc = results.find((r) => r.method === 'dmarc');
  if (dmarc?.result === 'pass' && (dmarc.properties['header.from'] ?? domain).toLowerCase() === domain) {
    return { verified: true, check: `dmarc=pass by ${authservId}` };
  }
  const aligned = results.find((r) => {
    if (r.method !== 'dkim' || r.result !== 'pass') return false;
    const signer = r.properties['header.d'] ?? (r.properties['header.i'] ? domainOf(r.properties['header.i']) : undefined);
    return signer?.toLowerCase() === domain;
  });
  if (aligned) return { verified: true, check: `dkim=pass header.d=${domain} by ${authservId}` };
  if (!results.length) return { verified: false, check: `no Authentication-Results from ${authservId}` };
  const said = results
    .filter((r) => r.method === 'dmarc' || r.method === 'dkim')
    .map((r) => `${r.method}=${r.result}${r.properties['header.d'] ? ` header.d=${r.properties['header.d']}` : ''}`);
  return { verified: false, check: `${said.join(', ') || 'no DMARC or DKIM result'} by ${authservId}` };
}

/** Secret parts of submission addresses: 26 lower-case base32 characters (130 random bits). */
export const secretPattern = /^[a-z2-7]{26}$/;

/**
 * The secrets carried by recipient addresses made from the mail-in address: `base+activity+SECRET@domain` (any
 * `+` tag of the right shape, at the mail-in address's own local part and domain, in any letter case).
 */
export function secretsIn(recipients: readonly string[], mailInAddress: string | undefined): string[] {
  if (!mailInAddress) return [];
  const [baseLocal, baseDomain] = mailInAddress.toLowerCase().split('@') as [string, string];
  return recipients.flatMap((recipient) => {
    const address = recipient.toLowerCase();
    const at = address.lastIndexOf('@');
    const [local, ...tags] = address.slice(0, at).split('+');
    if (local !== baseLocal || address.slice(at + 1) !== baseDomain) return [];
    return tags.filter((tag) => secretPattern.test(tag));
  });
}

/** The address with any secret tag replaced by `…`: what a queued mail keeps of its recipients, for others to read. */
export function withoutSecret(recipient: string, mailInAddress: string | undefined): string {
  if (!secretsIn([recipient], mailInAddress).length) return recipient;
  const at = recipient.lastIndexOf('@');
  return `${recipient.slice(0, at).split('+').map((tag, i) => (i > 0 && secretPattern.test(tag.toLowerCase()) ? '…' : tag)).join('+')}${recipient.slice(at)}`;
}

/** A member's secret submission address for one activity. */
export function submissionAddress(mailInAddress: string, acronym: string, secret: string): string {
  const [local, domain] = mailInAddress.toLowerCase().split('@') as [string, string];
  return `${local}+${acronym.toLowerCase()}+${secret}@${domain}`;
}
