// Factories: real rows through the real domain functions; unique names so tests never collide.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/engine.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { createSession, createUser, hashPassword, type User } from '../../src/platform/auth/accounts.ts';
import { type Activity, createActivity, getActivity } from '../../src/modules/activities/activities.ts';
import { addMembership } from '../../src/modules/activities/memberships.ts';
import type { ActivityRole } from '../../src/modules/activities/schema.ts';
import { createOrganization } from '../../src/modules/organizations/organizations.ts';
import type { OrganizationKind } from '../../src/modules/organizations/schema.ts';
import type { App } from '../../src/platform/module-manifest.ts';
import { createPerson, linkPersonToUser } from '../../src/modules/people/people.ts';
import { TestClient } from './client.ts';

const system = systemActor('test');
// A counter keeps names unique within a test file's database (three random bytes alone collided once in CI: two
// activities "JCA-BDC2F6"); the random part keeps them apart across files that share a PostgreSQL server.
let made = 0;
export const unique = (prefix: string) => `${prefix}${(++made).toString(36).toUpperCase()}${randomBytes(3).toString('hex').toUpperCase()}`;
export const testPassword = 'correct horse battery';
// Every test account shares one password, so it is hashed once per process (argon2id is slow on purpose).
let testPasswordHash: Promise<string> | undefined;

export async function makeOrganization(db: Db, overrides: { acronym?: string; kind?: OrganizationKind; parentId?: number | null } = {}) {
  return createOrganization(
    db,
    system,
    { kind: overrides.kind ?? 'standards_body', acronym: overrides.acronym ?? unique('ORG'), name: 'Test body', parentId: overrides.parentId ?? null },
    'en',
  );
}

export async function makeActivity(db: Db, overrides: { acronym?: string; visibility?: 'public' | 'members' } = {}): Promise<Activity> {
  return createActivity(
    db,
    system,
    { acronym: overrides.acronym ?? unique('JCA-'), nameEn: 'Test coordination activity', visibility: overrides.visibility ?? 'public', status: 'active' },
    'en',
    { scope: 'Coordinate the testing of things.', objectives: [{ number: '1', text: 'Test everything.' }], participation: '', workingMethods: '', administrativeSupport: '', meetings: '', reporting: '', duration: '', changeNote: '' },
  );
}

export type SignedInUser = { user: User; personId: number; cookie: string };

/** An account with a linked person and, optionally, a role in an activity; returns a session cookie for requests. */
export async function makeUser(
  db: Db,
  options: { admin?: boolean; role?: ActivityRole; activityId?: number; name?: string } = {},
): Promise<SignedInUser> {
  const email = `${unique('user').toLowerCase()}@example.org`;
  const name = options.name ?? `Test ${options.role ?? (options.admin ? 'admin' : 'user')}`;
  testPasswordHash ??= hashPassword(testPassword);
  const user = await createUser(db, system, { email, name, passwordHash: await testPasswordHash, isAdmin: options.admin ?? false });
  const person = await createPerson(db, system, { name, email }, 'en');
  await linkPersonToUser(db, system, person.id, user.id);
  if (options.role && options.activityId) {
    await addMembership(db, system, options.activityId, { personId: person.id, role: options.role }, 'en');
  }
  const session = await createSession(db, user.id);
  return { user, personId: person.id, cookie: `concord_session=${session.token}` };
}

/** Who stands around the demo's JCA-QKDN in a test of its pages: one signed-in client per role, and JCA-MV's secretariat. */
export type DemoCast = Record<'anonymous' | 'observer' | 'member' | 'viceChair' | 'chair' | 'secretariat' | 'otherSecretariat' | 'admin', TestClient>;

/** The cast, on an app whose database holds the demo (loadDemo). */
export async function demoCast(t: { app: App; db: Db }): Promise<DemoCast> {
  const qkdn = await getActivity(t.db, system, 'JCA-QKDN');
  const mv = await getActivity(t.db, system, 'JCA-MV');
  const client = async (options: Parameters<typeof makeUser>[1]) => new TestClient(t.app, (await makeUser(t.db, options)).cookie);
  return {
    anonymous: new TestClient(t.app),
    observer: await client({ role: 'observer', activityId: qkdn.id }),
    member: await client({ role: 'member', activityId: qkdn.id }),
    viceChair: await client({ role: 'vice_chair', activityId: qkdn.id }),
    chair: await client({ role: 'chair', activityId: qkdn.id }),
    secretariat: await client({ role: 'secretariat', activityId: qkdn.id }),
    otherSecretariat: await client({ role: 'secretariat', activityId: mv.id }),
    admin: await client({ admin: true }),
  };
}
