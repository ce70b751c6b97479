// Terms of reference: every revision is a new numbered version; versions are compared section by section.
import { diffWords } from 'diff';
import { and, desc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { users } from '../../platform/schema.ts';
import { requiredText } from '../../platform/validation.ts';
import { activityMessages } from './messages.ts';
import { canActivity } from './policy.ts';
import { activities, type Objective, torVersions } from './schema.ts';
import { readTogether } from '../../db/together.ts';

export type TorVersion = typeof torVersions.$inferSelect;

export const torSections = [
  'scope',
  'objectives',
  'participation',
  'workingMethods',
  'administrativeSupport',
  'meetings',
  'reporting',
  'duration',
  'scopeFr',
  'objectivesFr',
  'participationFr',
  'workingMethodsFr',
  'administrativeSupportFr',
  'meetingsFr',
  'reportingFr',
  'durationFr',
] as const;
export type TorSection = (typeof torSections)[number];

/** The number after the previous objective's: "2.2" → "2.3", "5" → "6", none → "1". */
function nextNumber(previous: string | undefined): string {
  if (!previous) return '1';
  const parts = previous.split('.');
  parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1);
  return parts.join('.');
}

/** "2.1 Coordinate …" → { number: "2.1", text: "Coordinate …" }; an unnumbered line takes the next number. */
export function parseObjectives(text: string): Objective[] {
  const objectives: Objective[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(\d+(?:\.\d+)*)[.)]?\s+(.+)$/.exec(line);
    if (match) objectives.push({ number: match[1] ?? '', text: (match[2] ?? '').trim() });
    // Counting lines gave "3" after 2.1, 2.2 and repeated "5" after an objective numbered 5.
    else objectives.push({ number: nextNumber(objectives[objectives.length - 1]?.number), text: line });
  }
  return objectives;
}

export function objectivesToText(objectives: Objective[]): string {
  return objectives.map((o) => `${o.number} ${o.text}`).join('\n');
}

const longText = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string().max(max));

const objectivesField = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? parseObjectives(v) : v ?? []),
    z.array(z.object({ number: z.string().min(1).max(20), text: z.string().min(1).max(4000) })).max(100),
  );

export const torInput = z.object({
  scope: requiredText(20_000),
  objectives: objectivesField(),
  participation: longText(20_000),
  workingMethods: longText(20_000),
  administrativeSupport: longText(20_000),
  meetings: longText(20_000),
  reporting: longText(20_000),
  duration: longText(4000),
  // French sections are optional: a version may be saved before its translation exists.
  scopeFr: longText(20_000),
  objectivesFr: objectivesField(),
  participationFr: longText(20_000),
  workingMethodsFr: longText(20_000),
  administrativeSupportFr: longText(20_000),
  meetingsFr: longText(20_000),
  reportingFr: longText(20_000),
  durationFr: longText(4000),
  changeNote: longText(1000),
});
type FrenchSection = Extract<TorSection, `${string}Fr`>;
/** A revision as callers write it: the French sections may be left out (the demo, imports and tests of other modules). */
export type TorInput = Omit<z.output<typeof torInput>, FrenchSection> & Partial<Pick<z.output<typeof torInput>, FrenchSection>>;
type CompleteTorInput = z.output<typeof torInput>;

const withFrenchDefaults = (input: TorInput): CompleteTorInput => ({
  scopeFr: '',
  objectivesFr: [],
  participationFr: '',
  workingMethodsFr: '',
  administrativeSupportFr: '',
  meetingsFr: '',
  reportingFr: '',
  durationFr: '',
  ...input,
});

// Objectives are compared as (number, text) pairs: jsonb gives objects back with their keys reordered
// ({ text, number }), so comparing serialised objects never found a revision identical once it had objectives.
const isObjectives = (section: TorSection): section is 'objectives' | 'objectivesFr' => section === 'objectives' || section === 'objectivesFr';
const comparable = (section: TorSection, value: CompleteTorInput[TorSection]) =>
  isObjectives(section) ? (value as Objective[]).map((o) => [o.number, o.text]) : value;
const sameContent = (a: CompleteTorInput, b: TorVersion) =>
  torSections.every((s) => JSON.stringify(comparable(s, a[s])) === JSON.stringify(comparable(s, b[s])));

/** Writes the next version inside the caller's transaction. Side effects: a `tor.revised` event. */
export async function writeTorVersion(
  tx: Tx,
  actor: Actor,
  activity: { id: number; acronym: string },
  given: TorInput,
  locale: Locale,
): Promise<TorVersion> {
  const input = withFrenchDefaults(given);
  const [current] = await tx
    .select()
    .from(torVersions)
    .where(eq(torVersions.activityId, activity.id))
    .orderBy(desc(torVersions.version))
    .limit(1);
  if (current && sameContent(input, current)) throw invalid({ scope: activityMessages(locale).torUnchanged });
  const version = (current?.version ?? 0) + 1;
  const [row] = await tx
    .insert(torVersions)
    .values({
      activityId: activity.id,
      version,
      ...input,
      createdByUserId: actor.kind === 'user' ? actor.userId : null,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await recordEvent(tx, actor, {
    kind: 'tor.revised',
    subjectType: 'activity',
    subjectId: activity.id,
    activityId: activity.id,
    summary: `Terms of reference of ${activity.acronym}: version ${version}${input.changeNote ? ` (${input.changeNote})` : ''}`,
    before: current ? { version: current.version } : null,
    after: input.changeNote ? { version, changeNote: input.changeNote } : { version },
  });
  return row;
}

/**
 * Saves a revision of the terms of reference as the next version (secretariat and chairs).
 * Refuses a revision identical to the current version. Side effects: a `tor.revised` event.
 */
export async function reviseTermsOfReference(
  db: Db,
  actor: Actor,
  activityId: number,
  input: TorInput,
  locale: Locale,
): Promise<TorVersion> {
  return db.transaction(async (tx) => {
    // Locking the activity row serialises concurrent revisions, so two editors never get the same version number.
    const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId)).for('update');
    if (!activity || !canActivity(actor, 'read', activity)) throw notFound();
    if (!canActivity(actor, 'revise_tor', activity)) throw forbidden();
    return writeTorVersion(tx, actor, activity, input, locale);
  });
}

export type TorVersionSummary = { version: number; createdAt: Date; changeNote: string; author: string | null };

export async function listTorVersions(tx: Tx, activityId: number): Promise<TorVersionSummary[]> {
  return tx
    .select({
      version: torVersions.version,
      createdAt: torVersions.createdAt,
      changeNote: torVersions.changeNote,
      author: users.name,
    })
    .from(torVersions)
    .leftJoin(users, eq(users.id, torVersions.createdByUserId))
    .where(eq(torVersions.activityId, activityId))
    .orderBy(desc(torVersions.version));
}

/** One version, or the current one when `version` is undefined; undefined when the activity has none yet. */
export async function getTorVersion(tx: Tx, activityId: number, version?: number): Promise<TorVersion | undefined> {
  const [row] = await tx
    .select()
    .from(torVersions)
    .where(and(eq(torVersions.activityId, activityId), version === undefined ? undefined : eq(torVersions.version, version)))
    .orderBy(desc(torVersions.version))
    .limit(1);
  return row;
}

export async function latestTorVersionNumber(tx: Tx, activityId: number): Promise<number> {
  const [row] = await tx
    .select({ latest: max(torVersions.version) })
    .from(torVersions)
    .where(eq(torVersions.activityId, activityId));
  return row?.latest ?? 0;
}

export type DiffPart = { value: string; added?: boolean; removed?: boolean };
export type SectionDiff = { section: TorSection; changed: boolean; parts: DiffPart[] };

const sectionText = (v: TorVersion, section: TorSection) =>
  isObjectives(section) ? objectivesToText(v[section]) : v[section];

/** Word-level differences per section between two versions; unchanged sections are flagged, not dropped. */
export function diffTor(from: TorVersion, to: TorVersion): SectionDiff[] {
  return torSections.map((section) => {
    const parts = diffWords(sectionText(from, section), sectionText(to, section)).map((p) => ({
      value: p.value,
      added: p.added || undefined,
      removed: p.removed || undefined,
    }));
    return { section, changed: parts.some((p) => p.added || p.removed), parts };
  });
}

/** Both versions of a comparison, or not found naming which one is missing. */
export async function loadTorPair(tx: Tx, activityId: number, from: number, to: number, locale: Locale) {
  const [a, b] = await readTogether(tx, [() => getTorVersion(tx, activityId, from), () => getTorVersion(tx, activityId, to)]);
  if (!a || !b) throw notFound(activityMessages(locale).versionMissing);
  return { from: a, to: b, sections: diffTor(a, b) };
}
