// Loads the demo through the same domain functions the web uses, so the demo's history reads like real work.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { systemActor } from '../platform/actor.ts';
import { storeFilesWith } from '../platform/file-store.ts';
import { createUser, hashPassword } from '../platform/auth/accounts.ts';
import { createActivity } from '../modules/activities/activities.ts';
import { addMembership } from '../modules/activities/memberships.ts';
import { activities } from '../modules/activities/schema.ts';
import { createOrganization } from '../modules/organizations/organizations.ts';
import { createPerson, linkPersonToUser } from '../modules/people/people.ts';
import { parseImportFile } from '../modules/roadmap/import-files.ts';
import { importRoadmap } from '../modules/roadmap/import.ts';
import { runOverlaps } from '../modules/overlaps/overlaps.ts';
import { loadDemoMeetings } from './demo-meetings.ts';
import { loadDemoAgendas, loadDemoAgendaTemplates } from './demo-agendas.ts';
import { loadDemoLiaisons } from './demo-liaisons.ts';
import { loadDemoContacts } from './demo-contacts.ts';
import { type DemoDocuments, demoDocumentFiles, loadDemoDocuments, prepareDemoDocuments } from './demo-documents.ts';
import { demoAccounts, demoActivities, demoOrganizations, demoPassword, demoPeople } from './demo-data.ts';

const demoDataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export type DemoResult = { loaded: boolean; accounts: { email: string; role: string }[]; password: string };

/** True when the database holds no activity yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(activities);
  return (row?.n ?? 0) === 0;
}

/**
 * Loads JCA-QKDN and JCA-MV with their bodies, people, roles and accounts; does nothing if JCA-QKDN exists.
 * All of it is one transaction (the domain functions' own transactions become savepoints), so a failure part-way
 * leaves nothing behind and the next attempt starts clean. With a `dataDir` (the configured DATA_DIR, as `concord
 * demo` and `concord serve` give it) the held meetings also get their demo documents, whose files are written around
 * that transaction: renamed into place once it commits, removed if it fails.
 */
export async function loadDemo(database: Db, progress: (step: string) => void = () => {}, options: { dataDir?: string } = {}): Promise<DemoResult> {
  const result: DemoResult = { loaded: false, accounts: demoAccounts, password: demoPassword };
  const [existing] = await database.select().from(activities).where(sql`lower(${activities.acronym}) = 'jca-qkdn'`);
  if (existing) return result;
  // One hash for the one demo password: argon2id costs tens of milliseconds per call.
  const passwordHash = await hashPassword(demoPassword);
  const documents = options.dataDir ? await prepareDemoDocuments() : undefined;
  const load = (database: Db) =>
    database.transaction(async (tx) => {
      await loadInto(tx as unknown as Db, passwordHash, progress, documents);
    });
  await (options.dataDir && documents ? storeFilesWith({ db: database, dataDir: options.dataDir }, demoDocumentFiles(documents), load) : load(database));
  result.loaded = true;
  return result;
}

async function loadInto(db: Db, passwordHash: string, progress: (step: string) => void, documents: DemoDocuments | undefined): Promise<void> {
  const actor = systemActor('demo');
  const orgIds = new Map<string, number>();
  progress('organizations');
  for (const o of demoOrganizations) {
    const row = await createOrganization(
      db,
      actor,
      {
        kind: o.kind,
        acronym: o.acronym,
        name: o.name,
        nameFr: o.nameFr ?? null,
        parentId: o.parent ? orgIds.get(o.parent) : null,
        country: o.country ?? null,
        website: o.website ?? null,
        description: null,
      },
      'en',
    );
    orgIds.set(o.key, row.id);
  }
  progress('people');
  const personIds = new Map<string, number>();
  for (const p of demoPeople) {
    const row = await createPerson(
      db,
      actor,
      {
        name: p.name,
        email: p.email ?? null,
        affiliation: p.affiliation ?? null,
        country: p.country ?? null,
        organizationId: p.organization ? orgIds.get(p.organization) : null,
        phone: p.phone ?? null,
        notes: null,
        isExample: p.isExample ?? false,
      },
      'en',
    );
    personIds.set(p.key, row.id);
  }
  progress('accounts');
  for (const account of demoAccounts) {
    const user = await createUser(db, actor, { email: account.email, name: account.name, passwordHash, isAdmin: account.admin ?? false });
    const personId = account.person ? personIds.get(account.person) : undefined;
    if (personId) await linkPersonToUser(db, actor, personId, user.id);
  }
  progress('activities');
  for (const a of demoActivities) {
    const ids = (keys: string[]) => keys.map((k) => orgIds.get(k)).filter((id): id is number => id !== undefined);
    const activity = await createActivity(
      db,
      actor,
      {
        acronym: a.acronym,
        nameEn: a.nameEn,
        nameFr: a.nameFr,
        parentOrganizationId: orgIds.get(a.parent) ?? null,
        foundingDecision: a.foundingDecision,
        legalBasis: a.legalBasis,
        establishedOn: a.establishedOn,
        webPage: a.webPage,
        mailingList: a.mailingList,
        secretariatPersonId: a.secretariatPerson ? (personIds.get(a.secretariatPerson) ?? null) : null,
        secretariatEmail: a.secretariatEmail,
        secretariatPhone: a.secretariatPhone,
        visibility: 'public',
        status: 'active',
        relatedStudyGroupIds: ids(a.relatedStudyGroups),
        cooperatingBodyIds: ids(a.cooperatingBodies),
      },
      'en',
      { ...a.tor, changeNote: 'Terms of reference as agreed by TSAG' },
    );
    for (const [personKey, role] of a.roles) {
      const personId = personIds.get(personKey);
      if (personId) await addMembership(db, actor, activity.id, { personId, role }, 'en');
    }
    progress(`${a.acronym} roadmap`);
    // The roadmap goes in the way a secretariat would bring it: through the import, from the shipped CSV file.
    const file = path.join(demoDataDir, a.roadmapFile);
    const parsed = await parseImportFile({ bytes: fs.readFileSync(file), fileName: a.roadmapFile }, { locale: 'en' });
    if (parsed.errors.length) throw new Error(`${a.roadmapFile}: ${parsed.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
    await importRoadmap(db, actor, activity.id, { ...parsed, fileName: a.roadmapFile }, { dryRun: false, locale: 'en' });
  }
  await loadDemoAgendaTemplates(db, actor);
  await loadDemoMeetings(db, actor);
  await loadDemoAgendas(db, actor);
  if (documents) await loadDemoDocuments(db, actor, documents);
  await loadDemoLiaisons(db);
  await loadDemoContacts(db, actor);
  // The candidates a secretariat would find after its first run: the review queue is not empty on a new instance.
  progress('overlaps');
  await runOverlaps(db, actor);
}
