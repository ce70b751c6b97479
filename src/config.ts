// The only reader of process.env. Every variable is documented here and in the README, and validated once at start.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be one of true, false, 1, 0, yes, no' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];
const oidcProviderSchema = z
  .object({
    id: z.string({ error: 'id is required' }).regex(/^[a-z0-9][a-z0-9-]{0,29}$/, 'id must be 1 to 30 lower-case letters, digits or hyphens'),
    label: z.string({ error: 'label is required' }).trim().min(1, 'label is required').max(60, 'label must be at most 60 characters'),
    labelFr: z.string({ error: 'labelFr must be text' }).trim().min(1, 'labelFr must not be empty').max(60, 'labelFr must be at most 60 characters').optional(),
    issuer: z.url({ protocol: /^https?$/, error: 'issuer must be an https:// URL' }),
    clientId: z.string({ error: 'clientId is required' }).min(1, 'clientId is required').max(500),
    clientSecret: z.string({ error: 'clientSecret must be text' }).min(1, 'clientSecret must not be empty').max(500).optional(),
  })
  .strict()
  // A token endpoint reached over plain http would hand the client secret and the tokens to anyone on the path.
  .refine((p) => p.issuer.startsWith('https://') || loopbackHosts.includes(new URL(p.issuer).hostname), {
    message: 'issuer must be an https:// URL (http:// only for a provider on this machine)',
  });

const oidcProvidersSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON array of providers' });
      return z.NEVER;
    }
  })
  .pipe(z.array(oidcProviderSchema, { error: 'must be a JSON array of providers' }))
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'gives the same id to two providers');

const environmentSchema = z.object({
  /** Interface the HTTP server listens on. */
  HOST: z.string().min(1).default('localhost'),
  /** Port the HTTP server listens on. */
  PORT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  /** PostgreSQL connection string. When unset, Concord uses the embedded database (PGlite) under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Folder for the embedded database, stored files and the lock that keeps a second process out. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** The embedded database's page cache (PostgreSQL's shared_buffers) in megabytes; the process holds it all the time. */
  PGLITE_CACHE_MB: z.coerce
    .number({ error: 'must be a whole number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1, 'must be between 1 and 1024')
    .max(1024, 'must be between 1 and 1024')
    .default(32),
  /** Public address of this instance, used in links sent by mail. Defaults to http://HOST:PORT. */
  // Only http(s): the address goes into links people open from their mail (a `javascript:` URL would parse).
  BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an absolute URL such as https://concord.example.org' })
    .optional(),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example.org:587. Without it, mail stays in the outbox page. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender of every mail Concord sends. */
  MAIL_FROM: z.string().min(3).default('Concord <concord@localhost>'),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  /** Load the demo activities and accounts when the embedded database is empty (never on PostgreSQL). */
  DEMO: booleanFlag.default(true),
  /** Run the background worker (mail, reminders) inside the web process. Turn off when a separate `concord worker` runs. */
  WORKER: booleanFlag.default(true),
  /** Send cookies only over HTTPS. Defaults to true when BASE_URL starts with https://. */
  COOKIE_SECURE: booleanFlag.optional(),
  /** Largest file accepted by an upload (roadmap imports, documents), in megabytes. */
  UPLOAD_MAX_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .positive('must be more than 0')
    .max(1024, 'must be at most 1024')
    .default(20),
  /** Let visitors create their own account, once they confirm their e-mail address from a mail. Off: people join by invitation. */
  SIGN_UP: booleanFlag.default(false),
  /** Days an invitation to a role stays valid before the secretariat has to send it again. */
  INVITATION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be between 1 and 90')
    .max(90, 'must be between 1 and 90')
    .default(14),
  /**
   * OpenID Connect providers people may sign in with, beside passwords: a JSON array of
   * {"id","label","labelFr"?,"issuer","clientId","clientSecret"?}. Register `BASE_URL/sign-in/oidc/<id>/callback` as
   * the redirect URI at the provider. The issuer must be https (http only for a provider on this machine).
   */
  OIDC_PROVIDERS: oidcProvidersSchema.optional(),
  /**
   * The authserv-id of this instance's own receiving mail server (RFC 8601), e.g. mx.concord.example.org: only the
   * Authentication-Results headers it adds are believed by `concord mail-in`. Unset: none is, and only mail to a
   * member's secret submission address counts as theirs.
   */
  MAIL_IN_AUTHSERV_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, 'must be a host name such as mx.concord.example.org')
    .optional(),
  /**
   * The address `concord mail-in` receives contributions at, e.g. contributions@concord.example.org; each member's
   * secret submission address is made from it (contributions+<activity>+<secret>@…). Unset: no secret addresses.
   */
  MAIL_IN_ADDRESS: z.email({ error: 'must be an e-mail address such as contributions@concord.example.org' }).optional(),
  /**
   * Which proxies may say who the client is (X-Forwarded-For): addresses or CIDR ranges, comma-separated, or "true"
   * for any (only when nothing reaches Concord but through the proxy). Per-address limits count the client it names.
   */
  TRUST_PROXY: z.string().min(1).default('127.0.0.1,::1'),
  /** Writes (form posts, API calls) a visitor who is not signed in may make per minute from one address. */
  ANONYMOUS_WRITES_PER_MINUTE: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100000')
    .max(100000, 'must be between 1 and 100000')
    .default(30),
  /**
   * One-click unsubscribes (RFC 8058 POSTs) from one address per minute, counted apart from the other anonymous
   * writes: mail providers send them from a few addresses for all their users, and nobody should stay subscribed
   * because a form elsewhere was busy.
   */
  UNSUBSCRIBES_PER_MINUTE: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100000')
    .max(100000, 'must be between 1 and 100000')
    .default(600),
  /** Wrong passwords in a row for one account before its sign-in is locked for SIGN_IN_LOCK_MINUTES (a mail tells its owner). */
  SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 1000')
    .max(1000, 'must be between 1 and 1000')
    .default(10),
  /** Wrong passwords from one address (any accounts) before sign-in from it is locked for SIGN_IN_LOCK_MINUTES. */
  SIGN_IN_FAILURES_PER_ADDRESS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100000')
    .max(100000, 'must be between 1 and 100000')
    .default(50),
  /** Minutes the failures above are counted over, and how long a lock lasts. */
  SIGN_IN_LOCK_MINUTES: z.coerce
    .number({ error: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be between 1 and 1440')
    .max(1440, 'must be between 1 and 1440')
    .default(15),
  /** Password-reset mails one e-mail address may be sent per hour. */
  PASSWORD_RESETS_PER_HOUR: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .default(3),
  /** Hours a session may stay unused before it ends (sign in again). */
  SESSION_IDLE_HOURS: z.coerce
    .number({ error: 'must be a whole number of hours' })
    .int('must be a whole number of hours')
    .min(1, 'must be between 1 and 720')
    .max(720, 'must be between 1 and 720')
    .default(8),
  /** Days a session lasts at most, however much it is used. */
  SESSION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be between 1 and 365')
    .max(365, 'must be between 1 and 365')
    .default(30),
  /**
   * Worker threads for heavy work (writing DOCX, PDF and XLSX files, reading imports, checking uploaded documents):
   * at most this many run at once and the rest wait in line. Default: the machine's cores.
   */
  WORKERS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 256')
    .max(256, 'must be between 1 and 256')
    .optional(),
  /** Secret a metrics scraper sends as "Authorization: Bearer …" to read /metrics (site admins may always read it). */
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** PostgreSQL server used by the test suite in addition to the embedded database (tests only). */
  TEST_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
});

/** The name of every variable Concord reads (DEPLOYMENT.md documents each one; test/security-docs.test.ts checks it). */
export const environmentVariables: readonly string[] = Object.keys(environmentSchema.shape);

export type Config = {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** PGlite's shared_buffers, in megabytes */
  pgliteCacheMb: number;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  demo: boolean;
  worker: boolean;
  cookieSecure: boolean;
  uploadMaxBytes: number;
  signUp: boolean;
  invitationDays: number;
  oidcProviders: OidcProvider[];
  mailInAuthservId: string | undefined;
  mailInAddress: string | undefined;
  testDatabaseUrl: string | undefined;
  /** Fastify's trustProxy: true, or the proxies' addresses */
  trustProxy: boolean | string[];
  limits: {
    anonymousWritesPerMinute: number;
    unsubscribesPerMinute: number;
    signInFailuresPerAccount: number;
    signInFailuresPerAddress: number;
    signInLockMinutes: number;
    passwordResetsPerHour: number;
  };
  session: { idleHours: number; days: number };
  metricsToken: string | undefined;
  /** threads of the worker pool (platform/workers); default the machine's cores */
  workers: number;
};

/** One OpenID Connect provider of OIDC_PROVIDERS. */
export type OidcProvider = z.infer<typeof oidcProviderSchema>;



export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Concord cannot start: the configuration is not valid.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // The providers' JSON holds client secrets: the problem names the provider by its place, never the value.
        if (name === 'OIDC_PROVIDERS') return `${name}${typeof issue.path[1] === 'number' ? ` (provider ${issue.path[1] + 1})` : ''} ${issue.message}`;
        return `${name} ${issue.message} (got ${JSON.stringify(present[name] ?? '')})`;
      }),
    );
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    pgliteCacheMb: e.PGLITE_CACHE_MB,
    baseUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    demo: e.DEMO,
    worker: e.WORKER,
    cookieSecure: e.COOKIE_SECURE ?? baseUrl.startsWith('https://'),
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    signUp: e.SIGN_UP,
    invitationDays: e.INVITATION_DAYS,
    oidcProviders: e.OIDC_PROVIDERS ?? [],
    mailInAuthservId: e.MAIL_IN_AUTHSERV_ID?.toLowerCase(),
    mailInAddress: e.MAIL_IN_ADDRESS?.toLowerCase(),
    testDatabaseUrl: e.TEST_DATABASE_URL,
    trustProxy: ['true', '1', 'yes'].includes(e.TRUST_PROXY) ? true : e.TRUST_PROXY.split(',').map((a) => a.trim()).filter(Boolean),
    limits: {
      anonymousWritesPerMinute: e.ANONYMOUS_WRITES_PER_MINUTE,
      unsubscribesPerMinute: e.UNSUBSCRIBES_PER_MINUTE,
      signInFailuresPerAccount: e.SIGN_IN_FAILURES_PER_ACCOUNT,
      signInFailuresPerAddress: e.SIGN_IN_FAILURES_PER_ADDRESS,
      signInLockMinutes: e.SIGN_IN_LOCK_MINUTES,
      passwordResetsPerHour: e.PASSWORD_RESETS_PER_HOUR,
    },
    session: { idleHours: e.SESSION_IDLE_HOURS, days: e.SESSION_DAYS },
    metricsToken: e.METRICS_TOKEN,
    workers: e.WORKERS ?? availableParallelism(),
  };
}
