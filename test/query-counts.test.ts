// N+1 guards for the heaviest pages: each page is requested for an activity holding 1 item and for one holding 20,
// and must send the same number of SQL statements. A per-row query (a lookup in a loop, a lazy relation) makes the
// second count grow and fails here, long before it shows in a benchmark.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { after, before, describe, it } from 'node:test';
import { createDocument } from '../src/modules/documents/documents.ts';
import { createLiaison } from '../src/modules/liaisons/liaison-changes.ts';
import { announceMeeting, createMeeting } from '../src/modules/meetings/meetings.ts';
import { registerParticipant } from '../src/modules/meetings/registration-changes.ts';
import { registrationCapacities } from '../src/modules/meetings/schema.ts';
import { createEntry } from '../src/modules/roadmap/entries.ts';
import { type Actor, anonymous, systemActor } from '../src/platform/actor.ts';
import { eventsWritten } from '../src/platform/events.ts';
import { role } from '../src/platform/roles.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { testEngines } from './support/database.ts';
import { makeActivity, makeOrganization, makeUser } from './support/factories.ts';
import { meetingFields } from './fixtures/meetings.ts';
import { countQueries } from './support/query-count.ts';

const system = systemActor('test');
const sizes = [1, 20] as const;
type Size = (typeof sizes)[number];

/** An activity with `n` of everything the guarded pages list, made through the domain functions, and its secretariat. */
async function populate(t: TestApp, n: number) {
  const db = t.db;
  const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
  const activity = await makeActivity(db);
  // A few bodies, so rows point at different organizations (a lookup per body would show as well as one per row).
  const bodies = await Promise.all([0, 1, 2].map(() => makeOrganization(db)));
  const meeting = await createMeeting(
    db,
    system,
    activity.id,
    meetingFields({
      title: 'Counted meeting',
      startDate: '2030-03-20',
      startTime: '09:30',
      endDate: '2030-03-22',
      endTime: '17:30',
      remoteUrl: 'https://meet.example.org/counted',
      onsiteCapacity: 10,
      contributionDate: '2030-03-10',
      registrationDate: '2030-03-18',
    }),
    ctx,
  );
  await announceMeeting(db, system, meeting.id, ctx);
  const secretariat = await makeUser(db, { role: 'secretariat', activityId: activity.id });
  // Liaison statements are written by a signed-in user: the secretariat.
  const drafter: Actor = { kind: 'user', userId: secretariat.user.id, name: secretariat.user.name, email: secretariat.user.email, isAdmin: false, locale: null, personId: secretariat.personId, roles: new Map([[activity.id, new Set([role.secretariat])]]) };
  for (let i = 0; i < n; i++) {
    // Signed-in registrants and anonymous ones, onsite beyond the places (a waiting list) and remote.
    const account = i % 2 ? null : (await makeUser(db, { name: `Registrant ${i}` })).user;
    const actor: Actor = account ? { kind: 'user', userId: account.id, name: account.name, email: account.email, isAdmin: false, locale: null, personId: null, roles: new Map() } : anonymous;
    await registerParticipant(
      db,
      actor,
      activity,
      meeting.id,
      {
        name: `Participant ${i}`,
        email: actor.kind === 'user' ? actor.email : `participant-${i}@counted.example`,
        affiliation: `Organization ${i % 3}`,
        organizationRepresented: `Country ${i % 5}`,
        capacity: registrationCapacities[i % registrationCapacities.length]!,
        country: `Country ${i % 5}`,
        mode: i % 3 ? 'onsite' : 'remote',
      },
      ctx,
    );
    await db.transaction((tx) =>
      createDocument(tx, system, {
        activityId: activity.id,
        meetingId: meeting.id,
        kind: i % 3 ? 'contribution' : 'td',
        status: 'published',
        title: `Document ${i}`,
        source: `Organization ${i % 3}`,
        access: i % 4 ? 'public' : 'members',
        files: [{ fileName: `doc-${i}.pdf`, contentType: 'application/pdf', size: 1000 + i, sha256: i.toString(16).padStart(64, '0') }],
      }),
    );
    await createEntry(
      db,
      system,
      activity.id,
      { organizationId: bodies[i % 3]!.id, identifier: `X.${1000 + i}`, title: `Counted entry ${i}`, kind: 'recommendation', status: i % 2 ? 'published' : 'in_development', topics: [`topic ${i % 4}`, 'shared'] },
      'en',
    );
    await createLiaison(
      db,
      drafter,
      activity,
      i % 2
        ? { direction: 'in', title: `Incoming ${i}`, purpose: 'for_action', deadline: '2030-06-30', fromOrganizationIds: [bodies[i % 3]!.id], fromContactName: 'Rapporteur', fromContactEmail: 'rapporteur@example.org' }
        : { direction: 'out', title: `Outgoing ${i}`, purpose: 'for_information', toOrganizationIds: [bodies[i % 3]!.id, bodies[(i + 1) % 3]!.id], recipients: [{ name: 'Rapporteur', email: 'rapporteur@example.org' }] },
      ctx,
    );
  }
  return { activity, meeting, secretariat };
}

for (const engine of testEngines()) {
  describe(`queries per page on ${engine}`, () => {
    let t: TestApp;
    const populated = new Map<Size, Awaited<ReturnType<typeof populate>>>();

    before(async () => {
      t = await createTestApp(engine);
      for (const n of sizes) populated.set(n, await populate(t, n));
    });
    after(() => t.close());

    /**
     * The statements one request for the page sends, for the activity with `n` items. The meeting pages keep their
     * reads until the next change (platform/read-cache.ts), so a second view would count almost nothing: every kept
     * result is dropped first (as any change does), and what is counted is a first, uncached view. The roadmap's
     * search copy catches up with the event log on its first search, a cost per change rather than per row, so the
     * page is viewed once before counting.
     */
    const statementsFor = async (n: Size, path: (p: Awaited<ReturnType<typeof populate>>) => string, expect: (n: Size) => string) => {
      const p = populated.get(n)!;
      const url = path(p);
      const request = () => t.app.inject({ method: 'GET', url, headers: { cookie: p.secretariat.cookie } });
      const warm = await request();
      assert.equal(warm.statusCode, 200, `${url}: ${warm.body.slice(0, 300)}`);
      eventsWritten();
      let body = '';
      const { queries: statements } = await countQueries(t.database, async () => {
        const response = await request();
        assert.equal(response.statusCode, 200, response.body.slice(0, 300));
        body = response.body;
      });
      assert.ok(body.includes(expect(n)), `${url} shows its last item, ${expect(n)}`);
      return statements;
    };

    const pages: { name: string; path: (p: Awaited<ReturnType<typeof populate>>) => string; expect: (n: Size) => string }[] = [
      { name: "a meeting's documents page", path: (p) => `/activities/${p.activity.acronym}/meetings/${p.meeting.number}/documents`, expect: (n) => `>Document ${n - 1} ` },
      { name: "a meeting's participants page", path: (p) => `/activities/${p.activity.acronym}/meetings/${p.meeting.number}/participants`, expect: (n) => `Participant ${n - 1}<` },
      { name: 'the roadmap table', path: (p) => `/activities/${p.activity.acronym}/roadmap`, expect: (n) => `Counted entry ${n - 1}<` },
      { name: 'the liaison register', path: (p) => `/activities/${p.activity.acronym}/liaisons`, expect: (n) => `${n % 2 ? 'Outgoing' : 'Incoming'} ${n - 1}<` },
      { name: "an activity's history", path: (p) => `/activities/${p.activity.acronym}/history`, expect: (n) => `Counted entry ${n - 1}` },
    ];

    it('counts every statement a piece of work sends, inside transactions too, but not their BEGIN and COMMIT', async () => {
      const { queries: statements } = await countQueries(t.database, async () => {
        await t.db.execute(sql`select 1`);
        await t.db.transaction(async (tx) => {
          await tx.execute(sql`select 2`);
          await tx.transaction((nested) => nested.execute(sql`select 3`));
        });
      });
      assert.deepEqual(statements, ['select 1', 'select 2', 'select 3']);
      assert.equal((await countQueries(t.database, async () => {})).count, 0);
    });

    for (const page of pages) {
      it(`${page.name} sends as many statements for 20 items as for 1`, async (test) => {
        const one = await statementsFor(1, page.path, page.expect);
        const twenty = await statementsFor(20, page.path, page.expect);
        test.diagnostic(`${one.length} statements with 1 item, ${twenty.length} with 20`);
        assert.ok(one.length > 0, 'the count sees the page’s queries');
        assert.equal(twenty.length, one.length, `1 item: ${one.length} statements, 20 items: ${twenty.length}\n${twenty.join('\n')}`);
      });
    }
  });
}
