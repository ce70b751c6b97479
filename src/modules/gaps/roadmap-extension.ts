// What the gaps module adds to the roadmap (through its extendRoadmap): a link in each empty cell of the landscape
// matrix, for those who record gaps, that opens a gap filled in from the cell; and a "Gaps" section in the roadmap
// document, with the gaps the reader sees (the same rule as the gap list).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { organizations, roadmapEntries, roadmapItems, roadmapTopics } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { type Block, cell } from '../../platform/documents/model.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Activity } from '../activities/index.ts';
import { type MatrixCellLinks, type RoadmapDocumentSection, type RoadmapExtension, roadmapStatusName } from '../roadmap/index.ts';
import { gapSettingsOf, type GapView, listGaps } from './gaps.ts';
import { gapMessages } from './messages.ts';
import { canGaps } from './policy.ts';

export const gapsBase = (activity: { acronym: string }) => `/activities/${encodeURIComponent(activity.acronym)}/gaps`;

/**
 * The empty cells' links for the leadership: "new gap" with the cell's topic and body ids. Most cells of a large
 * matrix are empty, so each link is kept short: relative to the matrix page (/activities/X/roadmap/matrix →
 * ../gaps/new), both ids in one parameter (c=topic-body); bench/gap-matrix-links.ts measures what they add.
 * Three queries: the settings, the activity's topics, and the bodies of its roadmap's entries.
 */
async function matrixCells(tx: Tx, actor: Actor, activity: Activity, locale: Locale): Promise<MatrixCellLinks | undefined> {
  if (!canGaps(actor, 'create', activity, gapSettingsOf(activity))) return undefined;
  const topics = await tx.select({ id: roadmapTopics.id, name: roadmapTopics.name }).from(roadmapTopics).where(eq(roadmapTopics.activityId, activity.id));
  const bodies = await tx
    .selectDistinct({ id: organizations.id, acronym: organizations.acronym })
    .from(roadmapItems)
    .innerJoin(roadmapEntries, eq(roadmapEntries.id, roadmapItems.entryId))
    .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
    .where(eq(roadmapItems.activityId, activity.id));
  const topicIds = new Map(topics.map((t) => [t.name, t.id]));
  const bodyIds = new Map(bodies.map((b) => [b.acronym, b.id]));
  const words = gapMessages(locale);
  return {
    href(topic, organization) {
      const topicId = topicIds.get(topic);
      const bodyId = bodyIds.get(organization);
      if (topicId === undefined && bodyId === undefined) return undefined;
      return `../gaps/new?c=${topicId ?? ''}-${bodyId ?? ''}`;
    },
    label: words.matrixCell,
    key: { text: words.matrixKey, link: { href: gapsBase(activity), label: words.matrixList } },
  };
}

/** A gap as the document shows it: ANSI's layout, a heading, its description, then a table of its facts. */
function gapBlocks(gap: GapView, number: string, locale: Locale): Block[] {
  const words = gapMessages(locale);
  const facts: [string, string][] = [
    [words.fields.priority, words.priorities[gap.priority]],
    [words.fields.researchNeeded, gap.researchNeeded ? words.yes : words.no],
    [words.fields.recommendation, gap.recommendation ?? '—'],
    [words.fields.organizationIds, gap.organizations.map((o) => o.acronym).join(', ') || words.none],
    [words.fields.status, words.statuses[gap.status]],
    [
      words.document.addressedBy,
      gap.progress.map((p) => `${p.organization} ${p.identifier} (${roadmapStatusName(p.status, locale)})`).join('; ') || '—',
    ],
  ];
  if (gap.topic) facts.unshift([words.fields.topic, gap.topic]);
  return [
    { kind: 'heading', level: 2, text: `${number} ${gap.code} ${gap.title}` },
    ...gap.description.split(/\n\s*\n|\r?\n/).filter((p) => p.trim()).map((p): Block => ({ kind: 'paragraph', text: p.trim() })),
    { kind: 'table', small: true, widths: [0.28, 0.72], header: [cell(words.fields.title), cell(gap.title)], rows: facts.map(([label, value]) => [cell(label), cell(value)]) },
  ];
}

/** The document's "Gaps" section: the gaps the reader sees, by code; none when they may not read the list. */
async function documentSection(tx: Tx, actor: Actor, activity: Activity, locale: Locale): Promise<RoadmapDocumentSection | undefined> {
  if (!canGaps(actor, 'read', activity, gapSettingsOf(activity))) return undefined;
  const list = await listGaps(tx, actor, activity);
  const words = gapMessages(locale);
  return {
    heading: words.document.heading,
    blocks: (number) => [
      { kind: 'paragraph', text: words.document.intro(list.length) },
      ...list.flatMap((gap, i) => gapBlocks(gap, `${number}.${i + 1}`, locale)),
    ],
  };
}

export const gapsRoadmapExtension: RoadmapExtension = { matrixCells, documentSection };

/**
 * What a matrix cell's link says (c=topic-body, ids) as a gap's starting values: the topic's name and the body. Ids
 * that are not the activity's topic or a body are left out: the form then simply starts emptier.
 */
export async function cellFacts(tx: Tx, activityId: number, query: { c?: unknown }): Promise<{ topic?: string; body?: { id: number; acronym: string } }> {
  const asId = (v: string | undefined) => (v && /^[1-9][0-9]{0,9}$/.test(v) && Number(v) <= 2_147_483_647 ? Number(v) : undefined);
  const [topicPart, bodyPart] = typeof query.c === 'string' ? query.c.split('-') : [];
  const topicId = asId(topicPart);
  const bodyId = asId(bodyPart);
  const [topic] = topicId
    ? await tx.select({ name: roadmapTopics.name }).from(roadmapTopics).where(and(eq(roadmapTopics.id, topicId), eq(roadmapTopics.activityId, activityId)))
    : [];
  const [body] = bodyId ? await tx.select({ id: organizations.id, acronym: organizations.acronym }).from(organizations).where(eq(organizations.id, bodyId)) : [];
  return { topic: topic?.name, body };
}
