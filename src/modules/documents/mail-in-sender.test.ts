import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ourAuthenticationResults, parseAuthenticationResults, proofFromResults, secretPattern, secretsIn, submissionAddress, withoutSecret } from './mail-in-sender.ts';
import { newSubmissionSecret } from './submission-addresses.ts';

const ours = 'mx.concord.example.org';
const header = (key: string, value: string) => ({ key: key.toLowerCase(), line: `${key}: ${value}` });
const results = (value: string) => parseAuthenticationResults(value)!.results;

describe('parseAuthenticationResults (RFC 8601)', () => {
  it('reads the authserv-id, each method and result, and their properties, past comments, versions and quotes', () => {
    assert.deepEqual(
      parseAuthenticationResults(
        ' MX.Concord.Example.org 1; (a comment; with a semicolon)\r\n\tdkim=pass (2048-bit key) header.d=example.org header.i=@example.org header.s=sel;\r\n\tspf/1=fail smtp.mailfrom="odd;user"@example.net; dmarc=pass (p=REJECT sp=NONE) header.from=example.org',
      ),
      {
        authservId: 'mx.concord.example.org',
        results: [
          { method: 'dkim', result: 'pass', properties: { 'header.d': 'example.org', 'header.i': '@example.org', 'header.s': 'sel' } },
          { method: 'spf', result: 'fail', properties: { 'smtp.mailfrom': '"odd;user"@example.net' } },
          { method: 'dmarc', result: 'pass', properties: { 'header.from': 'example.org' } },
        ],
      },
    );
    assert.deepEqual(parseAuthenticationResults('mx.example.org; none'), { authservId: 'mx.example.org', results: [] });
    assert.equal(parseAuthenticationResults('   '), undefined);
  });
});

describe('ourAuthenticationResults: only the topmost results of our own server count', () => {
  const received = (by: string) => header('Received', `from mail.sender.example (mail.sender.example [192.0.2.7])\r\n\tby ${by} with ESMTPS id 1; Mon, 7 Dec 2026 04:00:00 +0000`);
  it('takes our results above our Received: line, past the delivery headers and other servers’ results', () => {
    const headers = [
      header('Return-Path', '<member@example.org>'),
      header('Delivered-To', 'contributions@concord.example.org'),
      header('Authentication-Results', 'spamfilter.example.org; dmarc=pass header.from=example.org'),
      header('Authentication-Results', `${ours}; dkim=pass header.d=example.org`),
      header('Authentication-Results', `${ours}; dmarc=pass header.from=example.org`),
      received(ours),
      header('From', 'member@example.org'),
    ];
    assert.deepEqual(
      ourAuthenticationResults(headers, ours).map((r) => `${r.method}=${r.result}`),
      ['dkim=pass', 'dmarc=pass'],
    );
  });
  it('ignores a header claiming our authserv-id that the sender wrote under the trace of our server', () => {
    const forged = header('Authentication-Results', `${ours}; dmarc=pass header.from=example.org`);
    // Our server added nothing of its own: the sender's header sits under our Received: line and another hop's.
    assert.deepEqual(ourAuthenticationResults([received(ours), received('relay.sender.example'), forged], ours), []);
    // Our server's results above its Received: line; the forged one under it is not reached.
    assert.deepEqual(
      ourAuthenticationResults([header('Authentication-Results', `${ours}; dmarc=fail header.from=example.org`), received(ours), forged], ours).map((r) => r.result),
      ['fail'],
    );
    // Our server's results under its Received: line, and a forged one right after them: per method, ours (the topmost) wins.
    const underReceived = [received(ours), header('Authentication-Results', `${ours}; dkim=fail header.d=example.org; dmarc=fail header.from=example.org`), forged, header('Authentication-Results', `${ours}; dkim=pass header.d=example.org`)];
    assert.deepEqual(ourAuthenticationResults(underReceived, ours).map((r) => `${r.method}=${r.result}`), ['dkim=fail', 'dmarc=fail']);
    // A message the sender wrote with no trace above it at all.
    assert.deepEqual(ourAuthenticationResults([header('From', 'member@example.org'), forged], ours), []);
  });
});

describe('proofFromResults', () => {
  it('believes dmarc=pass for the From: domain', () => {
    assert.deepEqual(proofFromResults(results(`${ours}; dmarc=pass header.from=example.org`), 'member@example.org', ours), { verified: true, check: `dmarc=pass by ${ours}` });
    assert.equal(proofFromResults(results(`${ours}; dmarc=pass header.from=other.example`), 'member@example.org', ours).verified, false, 'DMARC of another domain');
    assert.deepEqual(proofFromResults(results(`${ours}; dmarc=fail header.from=example.org`), 'member@example.org', ours), { verified: false, check: `dmarc=fail by ${ours}` });
  });
  it('believes dkim=pass only when the signing domain is the From: domain', () => {
    assert.equal(proofFromResults(results(`${ours}; dkim=pass header.d=Example.ORG`), 'member@example.org', ours).verified, true);
    assert.equal(proofFromResults(results(`${ours}; dkim=pass header.i=@example.org`), 'member@example.org', ours).verified, true);
    assert.deepEqual(proofFromResults(results(`${ours}; dkim=pass header.d=bulkmailer.example`), 'member@example.org', ours), {
      verified: false,
      check: `dkim=pass header.d=bulkmailer.example by ${ours}`,
    });
    assert.equal(proofFromResults(results(`${ours}; dkim=pass header.d=org`), 'member@example.org', ours).verified, false, 'a parent domain is not aligned');
    assert.equal(proofFromResults(results(`${ours}; dkim=fail header.d=example.org`), 'member@example.org', ours).verified, false);
  });
  it('believes nothing without a configured authserv-id, a From: address or results', () => {
    assert.equal(proofFromResults(results(`${ours}; dmarc=pass header.from=example.org`), 'member@example.org', undefined).verified, false);
    assert.equal(proofFromResults([], '', ours).verified, false);
    assert.deepEqual(proofFromResults([], 'member@example.org', ours), { verified: false, check: `no Authentication-Results from ${ours}` });
  });
});

describe('secret submission addresses', () => {
  it('makes 26 lower-case base32 characters, different each time', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => newSubmissionSecret()));
    assert.equal(secrets.size, 200);
    for (const s of secrets) assert.match(s, secretPattern);
  });
  it('builds the address from the mail-in address and finds the secret in recipients, in any letter case', () => {
    const secret = 'abcdefghijklmnopqrstuvwxyz';
    const address = submissionAddress('Contributions@Concord.Example.org', 'JCA-QKDN', secret);
    assert.equal(address, `contributions+jca-qkdn+${secret}@concord.example.org`);
    assert.deepEqual(secretsIn([address.toUpperCase(), 'someone@example.org'], 'contributions@concord.example.org'), [secret]);
    assert.deepEqual(secretsIn([`other+jca-qkdn+${secret}@concord.example.org`], 'contributions@concord.example.org'), [], 'another local part');
    assert.deepEqual(secretsIn([`contributions+jca-qkdn+${secret}@elsewhere.example`], 'contributions@concord.example.org'), [], 'another domain');
    assert.deepEqual(secretsIn([address], undefined), [], 'no mail-in address configured');
    assert.equal(withoutSecret(address, 'contributions@concord.example.org'), 'contributions+jca-qkdn+…@concord.example.org');
    assert.equal(withoutSecret('member@example.org', 'contributions@concord.example.org'), 'member@example.org');
  });
});
