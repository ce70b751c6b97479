import { availableParallelism } from 'node:os';
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

/** The problems loadConfig reports for `env`, or a failure when it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has the documented defaults when nothing is set', () => {
    assert.deepEqual(loadConfig({}), {
      host: 'localhost',
      port: 3000,
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      pgliteCacheMb: 32,
      baseUrl: 'http://localhost:3000',
      smtpUrl: undefined,
      mailFrom: 'Concord <concord@localhost>',
      logLevel: 'info',
      demo: true,
      worker: true,
      cookieSecure: false,
      uploadMaxBytes: 20971520,
      signUp: false,
      invitationDays: 14,
      oidcProviders: [],
      mailInAuthservId: undefined,
      mailInAddress: undefined,
      testDatabaseUrl: undefined,
      trustProxy: ['127.0.0.1', '::1'],
      limits: { anonymousWritesPerMinute: 30, unsubscribesPerMinute: 600, signInFailuresPerAccount: 10, signInFailuresPerAddress: 50, signInLockMinutes: 15, passwordResetsPerHour: 3 },
      session: { idleHours: 8, days: 30 },
      metricsToken: undefined,
      workers: availableParallelism(),
    });
  });

  it('reads each variable, and derives the base address and secure cookies from them', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgresql://concord@db/concord',
      DATA_DIR: '/var/lib/concord',
      PGLITE_CACHE_MB: '64',
      BASE_URL: 'https://concord.example.org/',
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      MAIL_FROM: 'JCA <jca@example.org>',
      LOG_LEVEL: 'warn',
      DEMO: 'no',
      WORKER: '0',
      UPLOAD_MAX_MB: '2.5',
      SIGN_UP: 'yes',
      INVITATION_DAYS: '7',
      OIDC_PROVIDERS: JSON.stringify([{ id: 'itu', label: 'ITU account', labelFr: 'Compte UIT', issuer: 'https://login.example.org', clientId: 'concord', clientSecret: 's3cret' }]),
      MAIL_IN_AUTHSERV_ID: 'MX.Concord.Example.org',
      MAIL_IN_ADDRESS: 'Contributions@Concord.Example.org',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.2',
      ANONYMOUS_WRITES_PER_MINUTE: '5',
      UNSUBSCRIBES_PER_MINUTE: '90',
      SIGN_IN_FAILURES_PER_ACCOUNT: '4',
      SIGN_IN_FAILURES_PER_ADDRESS: '20',
      SIGN_IN_LOCK_MINUTES: '30',
      PASSWORD_RESETS_PER_HOUR: '2',
      SESSION_IDLE_HOURS: '2',
      SESSION_DAYS: '7',
      METRICS_TOKEN: 'a-scraper-secret-of-some-length',
    });
    assert.deepEqual(config, {
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: 'postgresql://concord@db/concord',
      dataDir: '/var/lib/concord',
      pgliteCacheMb: 64,
      baseUrl: 'https://concord.example.org',
      smtpUrl: 'smtps://user:pass@mail.example.org:465',
      mailFrom: 'JCA <jca@example.org>',
      logLevel: 'warn',
      demo: false,
      worker: false,
      cookieSecure: true,
      uploadMaxBytes: 2621440,
      signUp: true,
      invitationDays: 7,
      oidcProviders: [{ id: 'itu', label: 'ITU account', labelFr: 'Compte UIT', issuer: 'https://login.example.org', clientId: 'concord', clientSecret: 's3cret' }],
      mailInAuthservId: 'mx.concord.example.org',
      mailInAddress: 'contributions@concord.example.org',
      testDatabaseUrl: undefined,
      trustProxy: ['10.0.0.0/8', '192.168.1.2'],
      limits: { anonymousWritesPerMinute: 5, unsubscribesPerMinute: 90, signInFailuresPerAccount: 4, signInFailuresPerAddress: 20, signInLockMinutes: 30, passwordResetsPerHour: 2 },
      session: { idleHours: 2, days: 7 },
      metricsToken: 'a-scraper-secret-of-some-length',
      workers: availableParallelism(),
    });
    assert.equal(loadConfig({ WORKERS: '3' }).workers, 3);
    assert.deepEqual(problemsOf({ WORKERS: '0' }), ['WORKERS must be between 1 and 256 (got "0")']);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.deepEqual(problemsOf({ METRICS_TOKEN: 'short' }), ['METRICS_TOKEN must be at least 24 characters (got "short")']);
    assert.deepEqual(problemsOf({ SESSION_IDLE_HOURS: '0' }), ['SESSION_IDLE_HOURS must be between 1 and 720 (got "0")']);
    assert.equal(loadConfig({ HOST: 'example.net', PORT: '81' }).baseUrl, 'http://example.net:81');
    assert.equal(loadConfig({ BASE_URL: 'https://c.example.org', COOKIE_SECURE: 'false' }).cookieSecure, false);
  });

  it('treats an empty variable as not set', () => {
    const config = loadConfig({ PORT: '', DEMO: '', DATABASE_URL: '' });
    assert.equal(config.port, 3000);
    assert.equal(config.demo, true);
    assert.equal(config.databaseUrl, undefined);
  });

  it('refuses a port that is not a number or out of range, naming PORT', () => {
    assert.deepEqual(problemsOf({ PORT: 'abc' }), ['PORT must be a whole number (got "abc")']);
    assert.deepEqual(problemsOf({ PORT: '3.5' }), ['PORT must be a whole number (got "3.5")']);
    assert.deepEqual(problemsOf({ PORT: '70000' }), ['PORT must be between 1 and 65535 (got "70000")']);
    assert.deepEqual(problemsOf({ PORT: '0' }), ['PORT must be between 1 and 65535 (got "0")']);
  });

  it('refuses a database other than PostgreSQL', () => {
    assert.deepEqual(problemsOf({ DATABASE_URL: 'mysql://x' }), [
      'DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://x")',
    ]);
  });

  it('refuses an unknown log level, listing the accepted ones', () => {
    assert.deepEqual(problemsOf({ LOG_LEVEL: 'loud' }), [
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('refuses a flag that is neither yes nor no', () => {
    assert.deepEqual(problemsOf({ DEMO: 'maybe' }), ['DEMO must be one of true, false, 1, 0, yes, no (got "maybe")']);
    assert.deepEqual(problemsOf({ INVITATION_DAYS: '0' }), ['INVITATION_DAYS must be between 1 and 90 (got "0")']);
    assert.deepEqual(problemsOf({ WORKER: 'on' }), ['WORKER must be one of true, false, 1, 0, yes, no (got "on")']);
  });

  it('refuses an upload limit that is not a positive number of megabytes', () => {
    assert.throws(() => loadConfig({ PGLITE_CACHE_MB: '0.5' }), { message: /PGLITE_CACHE_MB must be a whole number of megabytes \(got "0.5"\)/ });
    assert.throws(() => loadConfig({ PGLITE_CACHE_MB: '4096' }), { message: /PGLITE_CACHE_MB must be between 1 and 1024 \(got "4096"\)/ });
    assert.throws(() => loadConfig({ UPLOAD_MAX_MB: 'lots' }), { message: /UPLOAD_MAX_MB must be a number of megabytes \(got "lots"\)/ });
    assert.throws(() => loadConfig({ UPLOAD_MAX_MB: '0' }), { message: /UPLOAD_MAX_MB must be more than 0 \(got "0"\)/ });
  });

  it('refuses a base address that people could not open from a mail', () => {
    const message = (value: string) => `BASE_URL must be an absolute URL such as https://concord.example.org (got "${value}")`;
    assert.deepEqual(problemsOf({ BASE_URL: 'concord.example.org' }), [message('concord.example.org')]);
    assert.deepEqual(problemsOf({ BASE_URL: 'javascript:alert(1)' }), [message('javascript:alert(1)')]);
    assert.deepEqual(problemsOf({ BASE_URL: 'ftp://concord.example.org' }), [message('ftp://concord.example.org')]);
  });

  it('refuses an SMTP address of another scheme', () => {
    assert.deepEqual(problemsOf({ SMTP_URL: 'http://mail.example.org' }), [
      'SMTP_URL must start with smtp:// or smtps:// (got "http://mail.example.org")',
    ]);
  });

  it('refuses single sign-on providers it cannot use, naming the provider and the field, never echoing a secret', () => {
    const provider = { id: 'itu', label: 'ITU', issuer: 'https://login.example.org', clientId: 'concord', clientSecret: 'TOP-SECRET' };
    const problems = (list: unknown) => problemsOf({ OIDC_PROVIDERS: typeof list === 'string' ? list : JSON.stringify(list) });
    assert.deepEqual(problems('{not json'), ['OIDC_PROVIDERS must be a JSON array of providers']);
    assert.deepEqual(problems({ id: 'itu' }), ['OIDC_PROVIDERS must be a JSON array of providers']);
    assert.deepEqual(problems([provider, { ...provider, id: 'Bad Id', issuer: 'http://login.example.org' }]), [
      'OIDC_PROVIDERS (provider 2) id must be 1 to 30 lower-case letters, digits or hyphens',
      'OIDC_PROVIDERS (provider 2) issuer must be an https:// URL (http:// only for a provider on this machine)',
    ]);
    assert.deepEqual(problems([{ ...provider, clientId: undefined, label: '' }]), ['OIDC_PROVIDERS (provider 1) label is required', 'OIDC_PROVIDERS (provider 1) clientId is required']);
    assert.deepEqual(problems([provider, provider]), ['OIDC_PROVIDERS gives the same id to two providers']);
    for (const list of [[provider, provider], [{ ...provider, issuer: 'ftp://x' }]]) assert.doesNotMatch(problems(list).join(' '), /TOP-SECRET/);
    assert.equal(loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ ...provider, issuer: 'http://localhost:8080' }]) }).oidcProviders.length, 1, 'a provider on this machine may use http');
  });

  it('refuses a mail-in authserv-id that is not a host name, and a mail-in address that is not an address', () => {
    assert.deepEqual(problemsOf({ MAIL_IN_AUTHSERV_ID: 'mx example' }), ['MAIL_IN_AUTHSERV_ID must be a host name such as mx.concord.example.org (got "mx example")']);
    assert.deepEqual(problemsOf({ MAIL_IN_ADDRESS: 'contributions' }), ['MAIL_IN_ADDRESS must be an e-mail address such as contributions@concord.example.org (got "contributions")']);
  });

  it('reports every bad variable at once, in one readable message', () => {
    try {
      loadConfig({ PORT: 'abc', DEMO: 'maybe' });
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(
        error.message,
        'Concord cannot start: the configuration is not valid.\n' +
          '  - PORT must be a whole number (got "abc")\n' +
          '  - DEMO must be one of true, false, 1, 0, yes, no (got "maybe")',
      );
    }
  });
});
