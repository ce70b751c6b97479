// What a module declares so that the app, the worker, the CLI and the history pages can plug it in. Each module
// exports one ConcordModule from its `module.ts`; `src/modules/index.ts` is the one list of them. The platform
// defines the shape and knows no module.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SQL } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/engine.ts';
import type { Actor } from './actor.ts';
import type { Locale } from './i18n/locale.ts';
import type { JobHandlers } from './jobs.ts';
import { withActor } from './event-words.ts';
import { passwordResetJobKind, sendPasswordReset } from './auth/accounts.ts';
import type { FileReferences } from './file-store.ts';
import { outboxFilesAmong } from './mail/outbox.ts';

/** The Fastify instance every module registers its routes on (zod schemas type the requests). */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export type AppDeps = {
  config: Config;
  database: Database;
  logger?: FastifyBaseLogger | boolean;
  /** Every module plugged into this app, for the pieces that read what all of them declare (the history pages). */
  modules: readonly ConcordModule[];
};

type EventData = Record<string, unknown>;
/**
 * One event kind in the reader's words; undefined falls back to the summary stored with the event. `subject` is the
 * record's name where the history knows it (a roadmap entry's identifier), for events that do not carry it.
 */
/**
 * An event kind's sentence. `actor` is the name of the person who made the change (absent for Concord's own work): a
 * sentence that names them itself, in the active voice ("Anna Rossi approved …"), is kept as written; any other gets
 * them as its agent ("… approved by Anna Rossi", see event-words.ts withActor).
 */
export type EventWording = (before: EventData, after: EventData, subject?: string, actor?: string) => string | undefined;

/** The activity whose history is read. */
export type HistoryActivity = { id: number; visibility: 'public' | 'members' };

/**
 * Whether a reader may see events of a kind: all of them (true), none (false), or those matching a condition on the
 * `events` table (the SQL form of the record's own rule, e.g. "its subject is a published public document").
 */
export type EventVisibility = boolean | SQL;

/**
 * A module's history declared with its event kinds listed once: `wordings` must give every listed kind a sentence in
 * each language (a kind left out is a compile error), and the history test renders each of them.
 */
export function moduleHistory<K extends string>(
  history: Omit<ModuleHistory, 'kinds' | 'wordings'> & { kinds: readonly K[]; wordings(locale: Locale): Record<K, EventWording> },
): ModuleHistory {
  return history;
}

/** How a module's events read on the history pages, and who may see them. */
export type ModuleHistory = {
  /** Every event kind the module writes (each has a sentence in `wordings`). */
  kinds?: readonly string[];
  /**
   * For each kind prefix the module writes (`meeting.`, `agenda.version_`), which of those events `reader` may see in
   * an activity's history: the module's policy for each record, so the history never shows what the record's own
   * page hides from the same reader. The longest matching prefix applies; an event whose kind no module claims is
   * shown only to those who read everything in the activity (site admins, its secretariat and chairs).
   */
  visibility?(reader: Actor, activity: HistoryActivity): Record<string, EventVisibility>;
  /**
   * The event's before and after as `reader` may see them: a field that the record's page hides from them (a
   * meeting's remote link, a contact's address) is taken out. Called only for events the reader may see.
   */
  redact?(reader: Actor, activity: HistoryActivity, event: { kind: string; before: unknown; after: unknown }): { before: unknown; after: unknown };
  /** A sentence per event kind (`meeting.created`, …). */
  wordings?(locale: Locale): Record<string, EventWording>;
  /**
   * Per subject type the module owns: the label of each stored field, and the names of coded values (a status
   * `draft` reads "Draft"), so a change list shows words instead of column names and codes.
   */
  subjects?: Record<string, { fieldLabels(locale: Locale): Record<string, string>; valueNames?(locale: Locale): Record<string, Record<string, string>> }>;
};

/** A `concord` sub-command a module adds, e.g. `import roadmap`. */
export type CliCommand = {
  /** The first word on the command line. */
  name: string;
  /** Lines for `concord help`: the syntax, then what it does. */
  usage: string;
  run(args: string[], context: CliContext): Promise<number>;
};

export type CliContext = {
  config: Config;
  /** Opens the configured database (migrated), runs `work`, and closes it. */
  withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T>;
  /** Everything on standard input. */
  readStdin(): Promise<Buffer>;
  /** Standard output (a test hands its own): what the command answers, and nothing else. */
  stdout: { write(text: string): unknown };
  /** Every module of the instance, for commands that read what all of them declare (a report reads the history's rules). */
  modules?: readonly ConcordModule[];
};

/** A wrong command line: the CLI prints the message and the usage, and exits with 1. */
export class UsageError extends Error {}

export type ConcordModule = {
  name: string;
  /** Registers the module's pages and API endpoints. */
  routes?(app: App, deps: AppDeps): void;
  /** Its API endpoints' summaries, descriptions and group names in a language, keyed by their English (api-messages.ts). */
  apiMessages?(locale: Locale): Readonly<Record<string, string>>;
  /**
   * Runs once the app is built, before it serves (e.g. following other processes' writes); returns what to do when
   * the app closes.
   */
  start?(deps: AppDeps): Promise<() => Promise<void>>;
  /** Work worth doing right after the server listens, in the background (e.g. building a search copy). */
  warm?(deps: AppDeps, log: Pick<FastifyBaseLogger, 'info' | 'error'>): void;
  /** Background job kinds and the functions that run them. */
  jobs?: JobHandlers;
  /**
   * Long-running work of the process that runs the worker (one per instance, so it is done once), e.g. following the
   * event log to bring derived results up to date; returns what to do when the process stops.
   */
  follow?(deps: FollowDeps): Promise<() => Promise<void>>;
  commands?: CliCommand[];
  history?: ModuleHistory;
  /**
   * Which of these stored files (by sha256) this module's rows hold. A process killed between a commit and the rename
   * of its files leaves them in `files/tmp`; at the next start the ones some row names are put in place.
   */
  storedFiles?(db: Db, sha256s: readonly string[]): Promise<string[]>;
};

export type FollowDeps = { config: Config; database: Database; log: Pick<FastifyBaseLogger, 'info' | 'error'> };

/** Starts every module's `follow` work; resolves to one function that stops them all. */
export async function startFollowers(modules: readonly ConcordModule[], deps: FollowDeps): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  for (const module of modules) {
    if (module.follow) stops.push(await module.follow(deps));
  }
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}

/** Asks the outbox and every module which stored files their rows hold (platform/file-store.ts finishInterruptedFiles). */
export function fileReferencesOf(modules: readonly ConcordModule[], db: Db): FileReferences {
  return async (sha256s) => {
    const named = new Set(await outboxFilesAmong(db, sha256s));
    for (const module of modules) for (const sha256 of (await module.storedFiles?.(db, sha256s)) ?? []) named.add(sha256);
    return named;
  };
}

/** Every job handler of the given modules; two modules declaring the same kind is a programming error. */
export function jobHandlersOf(modules: readonly ConcordModule[]): JobHandlers {
  // The platform's own jobs first: a module declaring one of their kinds is refused like any other clash.
  const handlers: JobHandlers = { [passwordResetJobKind]: sendPasswordReset };
  for (const module of modules) {
    for (const [kind, handler] of Object.entries(module.jobs ?? {})) {
      if (handlers[kind]) throw new Error(`Two modules handle the job kind "${kind}" (the second is ${module.name}).`);
      handlers[kind] = handler;
    }
  }
  return handlers;
}

/**
 * The event in the reader's words when `wordings` has its kind, else the summary stored with it. Given the reader's
 * locale, a change made by a person names them inside the sentence.
 */
export function wordEvent(
  event: { kind: string; summary: string; before: unknown; after: unknown; actorUserId?: number | null; actorName?: string },
  wordings: Record<string, EventWording>,
  subject?: string,
  locale?: Locale,
): string {
  const asData = (v: unknown) => (v && typeof v === 'object' ? (v as EventData) : {});
  // Concord's own work (CLI, demo, jobs) has no person to name: the history's "who" column says which part did it.
  const actor = locale && event.actorUserId != null && event.actorName ? event.actorName : undefined;
  const sentence = wordings[event.kind]?.(asData(event.before), asData(event.after), subject, actor);
  if (sentence === undefined) return event.summary;
  return actor && locale && !sentence.includes(actor) ? withActor(sentence, actor, locale) : sentence;
}

/** A stored before/after value without the named fields (a redaction for a history reader). */
export function withoutFields(value: unknown, fields: readonly string[]): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !fields.includes(key)));
}

/**
 * The words the modules give their coded values (kinds, statuses, roles, capacities), per language, for messages that
 * list choices ("Choose one of: Member State, Sector Member…"). Built once per list of modules and language.
 */
export function choiceWordsOf(modules: readonly ConcordModule[]): (locale: Locale) => Map<string, string> {
  const built = new Map<Locale, Map<string, string>>();
  return (locale) => {
    let words = built.get(locale);
    if (!words) {
      words = new Map();
      for (const module of modules) {
        for (const subject of Object.values(module.history?.subjects ?? {})) {
          for (const names of Object.values(subject.valueNames?.(locale) ?? {})) {
            for (const [code, word] of Object.entries(names)) if (!words.has(code)) words.set(code, word);
          }
        }
      }
      built.set(locale, words);
    }
    return words;
  };
}
