// A synthetic roadmap at realistic volume for the benchmarks: entries across organizations with titles, scopes, topics
// and dates drawn from a fixed seed, so every run measures the same data. Bulk inserts, 1,000 entries at a time.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/engine.ts';
import { identifierKey } from '../../src/modules/roadmap/identifiers.ts';
import { entryKinds, entryStatuses, roadmapEntries, roadmapItems, roadmapItemTopics, roadmapTopics } from '../../src/modules/roadmap/schema.ts';
import { organizations } from '../../src/modules/organizations/schema.ts';
import { makeActivity } from '../../test/support/factories.ts';
import type { Engine } from '../../test/support/database.ts';

// A fixed seed, so every run exports the same entries (mulberry32).
let seed = 20261122;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
export const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
export const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
export const words = (
  'network service requirements framework architecture management security protocol quantum key distribution ' +
  'functional interface system data model application support control information digital media performance ' +
  'quality test specification overview guidelines reference virtual reality immersive metaverse twin identity ' +
  'trust privacy cloud edge computing machine learning signalling transport access optical video coding format ' +
  'evaluation vocabulary deployment orchestration interworking resilience réseau sécurité qualité'
).split(' ');
export const sentence = (count: number) => Array.from({ length: count }, () => pick(words)).join(' ');
const isoDate = (year: number) => `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;

/** Loads the synthetic roadmap with multi-row inserts, 1,000 entries at a time; returns the activity's acronym. */
export async function loadRoadmap(db: Db, engine: Engine, entryCount: number, organizationCount: number): Promise<{ acronym: string; activityId: number }> {
  const activity = await makeActivity(db);
  const orgs = await db
    .insert(organizations)
    .values(Array.from({ length: organizationCount }, (_, i) => ({ kind: 'standards_body' as const, acronym: `BODY-${String(i + 1).padStart(2, '0')}`, name: `Standards body ${i + 1}` })))
    .returning({ id: organizations.id, acronym: organizations.acronym });
  const topics = await db
    .insert(roadmapTopics)
    .values(Array.from({ length: 60 }, (_, i) => ({ activityId: activity.id, name: `${pick(words)} ${pick(words)} ${i + 1}` })))
    .returning({ id: roadmapTopics.id });
  for (let start = 0; start < entryCount; start += 1000) {
    const values = Array.from({ length: Math.min(1000, entryCount - start) }, (_, i) => {
      const n = start + i;
      const identifier = `X.${n + 1}`;
      const year = between(2005, 2026);
      const status = pick(entryStatuses);
      const done = status !== 'planned' && status !== 'in_development';
      return {
        organizationId: orgs[n % organizationCount]!.id,
        identifier,
        identifierKey: identifierKey(identifier),
        title: sentence(between(5, 14)),
        kind: pick(entryKinds),
        status,
        startedOn: random() < 0.5 ? isoDate(year - 2) : null,
        targetOn: done ? null : isoDate(year + 1),
        approvedOn: done && random() < 0.6 ? isoDate(year) : null,
        year: done ? year : null,
        version: random() < 0.3 ? `${between(1, 5)}.${between(0, 9)}` : null,
        editors: random() < 0.4 ? `${pick(['Alice', 'Bruno', 'Chen', 'Dana'])} ${pick(['Martin', 'Dupont', 'Li', 'Okafor'])}` : null,
        scope: random() < 0.5 ? sentence(between(20, 60)) : null,
        url: random() < 0.7 ? `https://standards.example.org/${n + 1}` : null,
        source: random() < 0.2 ? 'synthetic benchmark data' : null,
      };
    });
    const ids = await db.insert(roadmapEntries).values(values).returning({ id: roadmapEntries.id });
    await db.insert(roadmapItems).values(ids.map(({ id }) => ({ activityId: activity.id, entryId: id })));
    const links = ids.flatMap(({ id }) => {
      const chosen = new Set(Array.from({ length: between(0, 3) }, () => pick(topics).id));
      return [...chosen].map((topicId) => ({ activityId: activity.id, entryId: id, topicId }));
    });
    if (links.length) await db.insert(roadmapItemTopics).values(links);
  }
  // PGlite: fold the write-ahead log back, so the bulk load's WAL does not sit in memory (DESIGN.md).
  if (engine === 'pglite') await db.execute(sql`checkpoint`);
  return { acronym: activity.acronym, activityId: activity.id };
}

