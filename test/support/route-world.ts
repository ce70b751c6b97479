// One activity with one record of every kind a route's path names, and a person in each role around it: the fixture the
// route-driven tests (the authorization matrix, the hostile-input properties) fill every `:param` from. Built once per
// test file through the factories and the real API (the same paths a secretariat takes), never by writing rows.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createSession } from '../../src/platform/auth/accounts.ts';
import { systemActor } from '../../src/platform/actor.ts';
import type { Activity } from '../../src/modules/activities/activities.ts';
import { runOverlaps } from '../../src/modules/overlaps/overlaps.ts';
import type { TestApp } from './app.ts';
import { TestClient } from './client.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser } from './factories.ts';
import { tinyPdf } from '../fixtures/documents.ts';

/**
 * Who asks, in the order the matrix's columns read: from the least to the most entitled, so that a write one of them
 * may make (and makes) comes after every refusal of it.
 */
export const askers = ['anonymous', 'stranger', 'otherMember', 'closedMember', 'observer', 'member', 'viceChair', 'coChair', 'chair', 'secretariat', 'admin'] as const;
export type Asker = (typeof askers)[number];

export type RouteWorld = {
  activity: Activity;
  /** Another public activity (where `otherMember` is a member) and a members-only one (where `closedMember` is). */
  other: Activity;
  closed: Activity;
  users: Record<Exclude<Asker, 'anonymous'>, SignedInUser>;
  /** The value each path parameter takes, by the route segment before it (`meetings/:number`) or its name alone. */
  params: Record<string, string | number>;
  /** A new session for `asker` (a route that ends the session it is called with must not end the shared one). */
  freshCookie(asker: Asker): Promise<string | undefined>;
};

/** JSON through the API as `client`, expecting `status`; the answer's body. */
async function call(client: TestClient, method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown, status = 201) {
  const response = await client.api(method, url, body);
  assert.equal(response.statusCode, status, `${method} ${url}: ${response.body.slice(0, 500)}`);
  return response.json();
}

export async function makeRouteWorld(t: TestApp): Promise<RouteWorld> {
  const db = t.db;
  const [activity, other, closed] = [await makeActivity(db), await makeActivity(db), await makeActivity(db, { visibility: 'members' })];
  const inActivity = (role: 'observer' | 'member' | 'vice_chair' | 'co_chair' | 'chair' | 'secretariat') => makeUser(db, { role, activityId: activity.id });
  const users = {
    stranger: await makeUser(db),
    otherMember: await makeUser(db, { role: 'member', activityId: other.id }),
    closedMember: await makeUser(db, { role: 'member', activityId: closed.id }),
    observer: await inActivity('observer'),
    member: await inActivity('member'),
    viceChair: await inActivity('vice_chair'),
    coChair: await inActivity('co_chair'),
    chair: await inActivity('chair'),
    secretariat: await inActivity('secretariat'),
    admin: await makeUser(db, { admin: true, name: 'Site Admin' }),
  };
  const a = `/api/v1/activities/${activity.acronym}`;
  const secretariat = new TestClient(t.app, users.secretariat.cookie);
  const admin = new TestClient(t.app, users.admin.cookie);
  const member = new TestClient(t.app, users.member.cookie);

  const body = await makeOrganization(db);
  const otherBody = await makeOrganization(db);
  // A person with no account and an observer's membership of their own: removing it takes nobody of the cast out.
  const person = await call(admin, 'POST', '/api/v1/people', { name: 'Matrix Person', email: 'matrix.person@example.org' });
  const personForApi = await call(admin, 'POST', '/api/v1/people', { name: 'Matrix Person Two', email: 'matrix.person2@example.org' });
  const observerRole = async (personId: number) => {
    const memberships: { id: number; personId: number }[] = await call(secretariat, 'POST', `${a}/memberships`, { personId, role: 'observer' });
    const found = memberships.find((m) => m.personId === personId);
    assert.ok(found, JSON.stringify(memberships).slice(0, 300));
    return found;
  };
  const membership = await observerRole(person.id);
  const membershipForApi = await observerRole(personForApi.id);
  // An account with its own person, for the account-linking pages.
  const spare = await makeUser(db, { name: 'Spare Account' });

  const entryOf = (organizationId: number, identifier: string) =>
    call(secretariat, 'POST', `${a}/roadmap`, { organizationId, identifier, title: 'Quantum key distribution network security framework', status: 'in_development', scope: 'Security requirements for quantum key distribution networks.' });
  const entry = await entryOf(body.id, 'Y.3800-M');
  const twin = await entryOf(otherBody.id, 'X.1710-M');
  const entryForApi = await entryOf(body.id, 'Y.3801-M');
  await call(secretariat, 'POST', `/api/v1/roadmap/entries/${entry.id}/relations`, { toEntryId: twin.id, kind: 'related_to' });
  const proposal = await call(member, 'POST', `${a}/roadmap/proposals`, { kind: 'change', entryId: entry.id, changes: { title: 'Quantum key distribution network security framework, second edition' } });
  await runOverlaps(db, systemActor('test'));
  const [overlap] = ((await db.execute(sql`select id from overlap_candidates order by id limit 1`)) as unknown as { rows: { id: number }[] }).rows;
  assert.ok(overlap, 'the two entries make an overlap candidate');

  const gap = await call(secretariat, 'POST', `${a}/gaps`, { title: 'Interworking of key management', description: 'No standard covers it.', priority: 'high' });
  const liaison = await call(secretariat, 'POST', `${a}/liaisons`, { direction: 'in', title: 'LS on QKDN terminology', purpose: 'for_information', fromOrganizationIds: [otherBody.id] });

  const meeting = await call(secretariat, 'POST', `${a}/meetings`, {
    title: 'Matrix meeting', mode: 'hybrid', venue: 'ITU headquarters', city: 'Geneva', timeZone: 'Europe/Zurich',
    startDate: '2030-03-04', startTime: '09:30', endDate: '2030-03-05', endTime: '17:30', remoteUrl: 'https://meet.example.org/secret-room',
  });
  const meetingPath = `${a}/meetings/${meeting.number}`;
  const date = await call(secretariat, 'POST', `${meetingPath}/dates`, { label: 'Contribution deadline', date: '2030-02-20' });
  const dateForApi = await call(secretariat, 'POST', `${meetingPath}/dates`, { label: 'Registration deadline', date: '2030-02-25' });
  await call(secretariat, 'POST', `${meetingPath}/announce`, undefined, 200);
  const registration = await call(secretariat, 'POST', `${meetingPath}/registrations`, { name: 'Ada Guest', email: 'ada.guest@example.org', capacity: 'sector_member', mode: 'remote' });
  await call(secretariat, 'POST', `${meetingPath}/agenda/start`, undefined, 200).catch(() => undefined);
  const item = await call(secretariat, 'POST', `${meetingPath}/agenda/items`, { title: 'Roadmap review' });
  const itemForApi = await call(secretariat, 'POST', `${meetingPath}/agenda/items`, { title: 'Liaison statements' });
  const version = await call(secretariat, 'POST', `${meetingPath}/agenda/versions`, { note: 'First issue' });
  const decision = await call(secretariat, 'POST', `${meetingPath}/outcomes/decisions`, { text: 'The roadmap was reviewed.' });
  const decisionForApi = await call(secretariat, 'POST', `${meetingPath}/outcomes/decisions`, { text: 'The liaison statements were noted.' });
  const action = await call(secretariat, 'POST', `${meetingPath}/outcomes/actions`, { text: 'Update the roadmap.', ownerName: 'TSB' });

  const contact = await call(secretariat, 'POST', `${a}/contacts`, { role: 'focal_point', personId: person.id, topic: 'Terminology' });
  const contactForApi = await call(secretariat, 'POST', `${a}/contacts`, { role: 'focal_point', personId: personForApi.id, topic: 'Security' });
  const announcement = await call(secretariat, 'POST', `${a}/mailing-list/announcements`, { subject: 'Matrix news', text: 'Nothing new.' });
  const invitation = await call(secretariat, 'POST', `${a}/invitations`, { name: 'Invited Person', email: 'invited.person@example.org', role: 'member' });
  const circular = await call(secretariat, 'POST', `${a}/circulars`, { kind: 'announce', meeting: String(meeting.number), date: '2030-01-15' });
  const report = await call(secretariat, 'POST', `${a}/reports`, { kind: 'tsag', language: 'en', fromDate: '2020-01-01', toDate: new Date().toISOString().slice(0, 10) });

  const published = await secretariat.upload(`/activities/${activity.acronym}/documents/new`, { name: 'td.pdf', type: 'application/pdf', bytes: tinyPdf() }, {
    title: 'Matrix temporary document', kind: 'td', source: 'Secretariat',
  });
  assert.equal(published.statusCode, 303, published.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 800));
  const documentId = Number(/\/documents\/(\d+)/.exec(published.headers.location as string)?.[1]);
  const document = (await secretariat.api('GET' as never, `${a}/documents/${documentId}`)).json();
  const file = document.allFiles?.[0] ?? document.files?.[0];
  assert.ok(file, `the document has a file: ${JSON.stringify(document).slice(0, 400)}`);

  const token = await admin.post('/account/tokens', { tokenName: 'matrix' });
  const [apiToken] = ((await db.execute(sql`select id from api_tokens order by id desc limit 1`)) as unknown as { rows: { id: number }[] }).rows;
  assert.ok(apiToken, `an API token: ${token.statusCode}`);

  const id = (x: { id: number }) => x.id;
  const params: Record<string, string | number> = {
    acronym: activity.acronym,
    token: 'no-such-token-0123456789abcdef',
    provider: 'nowhere',
    type: 'roadmap_entry',
    'meetings/:number': meeting.number,
    'gaps/:number': gap.number,
    'tor/:version': 1,
    'versions/:version': version.version ?? 1,
    entryId: twin.id,
    dateId: id(date),
    registrationId: registration.id ?? registration.registration?.id,
    documentId,
    report: 'tsag-summary',
    n: 1,
    fileId: file.id,
    name: file.fileName ?? 'td.pdf',
    'organizations/:id': body.id,
    'people/:id': person.id,
    'accounts/:id': spare.user.id,
    'tokens/:id': apiToken.id,
    'members/:id': id(membership),
    'memberships/:id': id(membership),
    'roadmap/:id': entry.id,
    'entries/:id': entry.id,
    'proposals/:id': id(proposal),
    'overlaps/:id': overlap.id,
    'liaisons/:id': id(liaison),
    'items/:id': id(item),
    'decisions/:id': id(decision),
    'actions/:id': id(action),
    'minutes/:id': id(item),
    'contacts/:id': id(contact),
    'announcements/:id': id(announcement),
    'documents/:id': documentId,
    'mail-queue/:id': 1,
    'invitations/:id': id(invitation),
    'history/:type/:id': entry.id,
    'drafts/:id': id(circular),
    'circulars/:id': id(circular),
    'reports/:id': id(report),
    // A download waiting its turn is its owner's for a few minutes: the matrix asks for one nobody has.
    'downloads/:id': 'no-such-download-0123456789',
    lang: 'en',
    format: 'pdf',
    // The records an API write removes are not the ones a page's form removes: each route shows its own answer.
    'api:people/:id': personForApi.id,
    'api:memberships/:id': id(membershipForApi),
    'api:roadmap/:id': entryForApi.id,
    'api:dateId': id(dateForApi),
    'api:items/:id': id(itemForApi),
    'api:decisions/:id': id(decisionForApi),
    'api:contacts/:id': id(contactForApi),
  };
  const userOf = (asker: Asker) => (asker === 'anonymous' ? undefined : users[asker]);
  return {
    activity,
    other,
    closed,
    users,
    params,
    freshCookie: async (asker) => {
      const user = userOf(asker);
      return user ? `concord_session=${(await createSession(db, user.user.id)).token}` : undefined;
    },
  };
}

/**
 * The route's pattern with each `:param` replaced by the world's record (a route naming an unknown one fails here); an
 * API route takes the `api:` record where there is one.
 */
export function fillPath(pattern: string, params: RouteWorld['params']): string {
  const segments = pattern.split('/');
  const api = pattern.startsWith('/api/');
  return segments
    // A parameter may follow text in its segment (`letter.:format`).
    .map((segment, i) =>
      segment.replace(/:(\w+)/g, (_, name: string) => {
        const before = segments[i - 1];
        const keys = [`${segments[i - 2]}/:${segments[i - 1]?.slice(1)}/:${name}`, `${before}/:${name}`, name];
        const value = keys.map((k) => (api ? params[`api:${k}`] : undefined) ?? params[k]).find((v) => v !== undefined);
        assert.ok(value !== undefined, `no record for :${name} in ${pattern}: add one to test/support/route-world.ts`);
        return encodeURIComponent(String(value));
      }),
    )
    .join('/');
}

const digestQueries = new WeakMap<object, string>();

/**
 * A fingerprint of every table but the request bookkeeping (per-address counts, sessions' last use): its row count and
 * the newest transaction that wrote one of its rows (`xmin`), so an insert, an update or a delete all change it. Equal
 * before and after a request means the request wrote nothing. One statement.
 */
export async function rowsDigest(db: TestApp['db']): Promise<string> {
  let query = digestQueries.get(db);
  if (!query) {
    const tables = ((await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('throttles', 'sessions') order by 1`,
    )) as unknown as { rows: { name: string }[] }).rows;
    query = tables.map(({ name }) => `select '${name}' as t, count(*)::int as n, coalesce(max(xmin::text::bigint), 0)::text as x from "${name}"`).join(' union all ');
    digestQueries.set(db, query);
  }
  const rows = ((await db.execute(sql.raw(query))) as unknown as { rows: { t: string; n: number; x: string }[] }).rows;
  return rows.map((r) => `${r.t}:${r.n}:${r.x}`).join(' ');
}
