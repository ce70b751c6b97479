// Gaps through the real app on both engines: proposing, deciding, recording, editing, progress, bad input, and who
// sees what on every route (pages, API, exports, history, the roadmap document, the matrix's links).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, desc, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { countQueries } from '../../../test/support/query-count.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import { activityMemberships } from '../../db/schema.ts';
import { addMembership } from '../activities/memberships.ts';
import type { Activity } from '../activities/activities.ts';
import { createGap } from './gaps.ts';
import { gaps } from './schema.ts';

type GapJson = { code: string; number: number; status: string; allowedActions: string[]; progress: { identifier: string; status: string }[]; organizations: { acronym: string }[]; proposer: string | null };

for (const engine of testEngines()) {
  describe(`gaps on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let clients: Record<'anonymous' | 'observer' | 'member' | 'member2' | 'otherMember' | 'viceChair' | 'chair' | 'secretariat' | 'admin', TestClient>;
    let itu: { id: number; acronym: string };
    let etsi: { id: number; acronym: string };
    let y3800: { id: number };
    let y3802: { id: number };
    let elsewhere: { id: number };

    const api = (a: Activity = activity) => `/api/v1/activities/${a.acronym}/gaps`;
    const page = (a: Activity = activity) => `/activities/${a.acronym}/gaps`;
    const fields = (extra: Record<string, unknown> = {}) => ({
      title: 'Interoperability of key management interfaces',
      description: 'No standard defines how key managers of different vendors exchange keys.',
      priority: 'high',
      researchNeeded: false,
      recommendation: 'ITU-T SG17 and ETSI ISG QKD should start a joint work item.',
      organizationIds: [itu.id, etsi.id],
      topic: 'key management',
      ...extra,
    });
    const ok = async <T,>(response: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> => {
      assert.equal(response.statusCode, status, response.body);
      return response.json() as T;
    };
    const gapEvents = (id: number) =>
      t.db.select().from(events).where(and(eq(events.subjectType, 'gap'), eq(events.subjectId, String(id)))).orderBy(asc(events.id));
    /** Gives everyone of the cast the role they hold in the main activity in `target` too. */
    const copyMemberships = async (target: Activity) => {
      const held = await t.db
        .select({ personId: activityMemberships.personId, role: activityMemberships.role })
        .from(activityMemberships)
        .where(eq(activityMemberships.activityId, activity.id));
      for (const m of held) await addMembership(t.db, systemActor('test'), target.id, { personId: m.personId, role: m.role }, 'en');
    };
    const rowOf = async (a: Activity, number: number) => (await t.db.select().from(gaps).where(and(eq(gaps.activityId, a.id), eq(gaps.number, number))))[0]!;

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      const other = await makeActivity(t.db);
      const client = async (options: Parameters<typeof makeUser>[1]) => new TestClient(t.app, (await makeUser(t.db, options)).cookie);
      clients = {
        anonymous: new TestClient(t.app),
        observer: await client({ role: 'observer', activityId: activity.id }),
        member: await client({ role: 'member', activityId: activity.id, name: 'Maria Member' }),
        member2: await client({ role: 'member', activityId: activity.id, name: 'Mo Member' }),
        otherMember: await client({ role: 'member', activityId: other.id }),
        viceChair: await client({ role: 'vice_chair', activityId: activity.id }),
        chair: await client({ role: 'chair', activityId: activity.id }),
        secretariat: await client({ role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' }),
        admin: await client({ admin: true }),
      };
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T') });
      etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
      const entry = async (a: Activity, who: TestClient, identifier: string, status: string, topics: string[]) =>
        ok<{ id: number }>(
          await who.api('POST', `/api/v1/activities/${a.acronym}/roadmap`, { organizationId: itu.id, identifier, title: `Title of ${identifier}`, kind: 'recommendation', status, topics }),
          201,
        );
      y3800 = await entry(activity, clients.secretariat, 'Y.3800', 'published', ['overview']);
      y3802 = await entry(activity, clients.secretariat, 'Y.3802', 'in_development', ['key management']);
      const otherSecretariat = await client({ role: 'secretariat', activityId: other.id });
      elsewhere = await entry(other, otherSecretariat, 'Y.9999', 'planned', ['other']);
    });
    after(async () => {
      await t.close();
    });

    describe('proposing and deciding', () => {
      it('lets a member propose a gap: code G-n, proposed, seen by them with no decision to make, and an event', async () => {
        const gap = await ok<GapJson>(await clients.member.api('POST', `${api()}/proposals`, fields()), 201);
        assert.match(gap.code, /^G-\d+$/);
        assert.equal(gap.status, 'proposed');
        assert.deepEqual(gap.allowedActions, []);
        assert.deepEqual(gap.organizations.map((o) => o.acronym).sort(), [etsi.acronym, itu.acronym].sort());
        assert.equal(gap.proposer, 'Maria Member');
        const row = await rowOf(activity, gap.number);
        const [event] = await gapEvents(row.id);
        assert.equal(event?.kind, 'gap.proposed');
        assert.equal(event?.activityId, activity.id);
        assert.equal((event?.after as { code: string }).code, gap.code);
        // The leadership sees what it may do with it.
        const seen = await ok<GapJson>(await clients.chair.api('GET', `${api()}/${gap.number}`));
        assert.deepEqual(seen.allowedActions, ['accept', 'decline', 'edit']);
      });

      it('refuses proposals from observers and other activities’ members (403) and anonymous callers (401), writing nothing', async () => {
        const before = (await t.db.select().from(gaps)).length;
        assert.equal((await clients.observer.api('POST', `${api()}/proposals`, fields())).statusCode, 403);
        assert.equal((await clients.otherMember.api('POST', `${api()}/proposals`, fields())).statusCode, 403);
        assert.equal((await clients.anonymous.api('POST', `${api()}/proposals`, fields())).statusCode, 401);
        assert.equal((await clients.member.api('POST', api(), fields())).statusCode, 403, 'a member proposes, never records');
        assert.equal((await clients.observer.get(`${page()}/propose`)).statusCode, 403);
        assert.equal((await t.db.select().from(gaps)).length, before);
      });

      it('answers bad input with a message per field, and a body that does not exist by its number', async () => {
        const response = await clients.member.api('POST', `${api()}/proposals`, fields({ title: '', priority: 'urgent', organizationIds: [itu.id, 987654] }));
        assert.equal(response.statusCode, 422);
        const details = response.json().error.details.fields as Record<string, string>;
        assert.equal(details.title, 'This field is required.');
        assert.match(details.priority ?? '', /^Choose one of: High, Medium, Low\.$/);
        const missing = await clients.member.api('POST', `${api()}/proposals`, fields({ organizationIds: [itu.id, 987654] }));
        assert.equal(missing.statusCode, 422);
        assert.equal(missing.json().error.details.fields.organizationIds, 'No organization has the number 987654: choose the bodies from the list.');
        // The page form says the same beside its fields, in French for a French reader.
        await clients.member.get(`${page()}/propose`);
        const form = await clients.member.post(`${page()}/propose`, { title: '', description: 'x', priority: 'medium' });
        assert.equal(form.statusCode, 422);
        assert.match(form.body, /Title: This field is required\./);
        const unknownBody = await clients.member.post(`${page()}/propose`, { title: 'T', description: 'x', priority: 'medium', organizationIds: [String(itu.id), '987654'] });
        assert.equal(unknownBody.statusCode, 422);
        assert.match(unknownBody.body, /Bodies concerned: No organization has the number 987654: choose the bodies from the list\./);
        assert.match(unknownBody.body, new RegExp(`<option value="${itu.id}" selected>`), 'the choice is kept');
        const french = await t.app.inject({ method: 'POST', url: `${api()}/proposals`, headers: { cookie: '', 'accept-language': 'fr' }, payload: fields() });
        assert.equal(french.statusCode, 401);
      });

      it('lets the leadership accept a proposal (once) and decline another with a reason, which the proposer reads', async () => {
        const first = await ok<GapJson>(await clients.member.api('POST', `${api()}/proposals`, fields({ title: 'Quantum-safe migration profiles' })), 201);
        assert.equal((await clients.member.api('POST', `${api()}/${first.number}/accept`, {})).statusCode, 403);
        const accepted = await ok<GapJson>(await clients.viceChair.api('POST', `${api()}/${first.number}/accept`, { comment: 'Agreed at the meeting.' }));
        assert.equal(accepted.status, 'open');
        const again = await clients.secretariat.api('POST', `${api()}/${first.number}/accept`, {});
        assert.equal(again.statusCode, 409);
        assert.equal(again.json().error.message, 'This gap is open: it cannot be accepted now.');

        const second = await ok<GapJson>(await clients.member.api('POST', `${api()}/proposals`, fields({ title: 'Already covered by Y.3802' })), 201);
        const noReason = await clients.secretariat.api('POST', `${api()}/${second.number}/decline`, { reason: ' ' });
        assert.equal(noReason.statusCode, 422);
        assert.equal(noReason.json().error.details.fields.reason, 'This field is required.');
        const declined = await ok<GapJson>(await clients.secretariat.api('POST', `${api()}/${second.number}/decline`, { reason: 'Y.3802 covers it.' }));
        assert.equal(declined.status, 'declined');
        const seen = await ok<GapJson & { decisionReason: string }>(await clients.member.api('GET', `${api()}/${second.number}`));
        assert.equal(seen.decisionReason, 'Y.3802 covers it.');
        assert.equal((await clients.member2.api('GET', `${api()}/${second.number}`)).statusCode, 404, 'another member does not see it');
        const kinds = (await gapEvents((await rowOf(activity, second.number)).id)).map((e) => e.kind);
        assert.deepEqual(kinds, ['gap.proposed', 'gap.declined']);
      });

      it('accepts from the gap’s page without JavaScript', async () => {
        const gap = await ok<GapJson>(await clients.member.api('POST', `${api()}/proposals`, fields({ title: 'Accepted from the page' })), 201);
        const view = await clients.secretariat.get(`${page()}/${gap.number}`);
        assert.equal(view.statusCode, 200);
        assert.match(view.body, /Accept the gap/);
        const response = await clients.secretariat.post(`${page()}/${gap.number}/accept`, { comment: '' });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, `${page()}/${gap.number}`);
        assert.equal((await rowOf(activity, gap.number)).status, 'open');
        // A member's decline is refused before its fields are read.
        const member = await clients.member.post(`${page()}/${gap.number}/decline`, {});
        assert.equal(member.statusCode, 403);
      });
    });

    describe('recording, editing and progress', () => {
      it('numbers each activity’s gaps on their own, without duplicates when recorded at once', async () => {
        const fresh = await makeActivity(t.db);
        const system = systemActor('test');
        const made = await Promise.all(
          [1, 2, 3, 4, 5].map((i) => createGap(t.db, system, fresh.id, { title: `Gap ${i}`, description: 'd', priority: 'low' }, 'en')),
        );
        assert.deepEqual(made.map((g) => g.number).sort(), [1, 2, 3, 4, 5]);
        assert.deepEqual(made.map((g) => g.code).sort(), ['G-1', 'G-2', 'G-3', 'G-4', 'G-5']);
      });

      it('lets a chair record a gap (open), edit it, and follow its progress through roadmap entries', async () => {
        const gap = await ok<GapJson>(await clients.chair.api('POST', api(), fields({ title: 'Key management for satellite QKD' })), 201);
        assert.equal(gap.status, 'open');
        assert.deepEqual(gap.allowedActions, ['edit', 'link', 'unlink']);
        const edited = await ok<GapJson & { priority: string }>(
          await clients.secretariat.api('PATCH', `${api()}/${gap.number}`, { status: 'being_addressed', priority: 'medium', organizationIds: [etsi.id] }),
        );
        assert.equal(edited.status, 'being_addressed');
        assert.equal(edited.priority, 'medium');
        assert.deepEqual(edited.organizations.map((o) => o.acronym), [etsi.acronym]);
        const row = await rowOf(activity, gap.number);
        const [, updated] = await gapEvents(row.id);
        assert.equal(updated?.kind, 'gap.updated');
        assert.deepEqual(updated?.after, { code: gap.code, status: 'being_addressed', priority: 'medium', organizations: [etsi.acronym] });

        // Progress: an entry that does not exist, one of another roadmap, then one of this roadmap, twice.
        const missing = await clients.secretariat.api('POST', `${api()}/${gap.number}/entries`, { entryId: 2_000_000 });
        assert.equal(missing.statusCode, 422);
        assert.equal(missing.json().error.details.fields.entryId, 'No roadmap entry has the number 2000000.');
        const foreign = await clients.secretariat.api('POST', `${api()}/${gap.number}/entries`, { entryId: elsewhere.id });
        assert.equal(foreign.statusCode, 422);
        assert.equal(foreign.json().error.details.fields.entryId, `${itu.acronym} Y.9999 is not in the roadmap of ${activity.acronym}: add it to the roadmap first.`);
        assert.equal((await clients.member.api('POST', `${api()}/${gap.number}/entries`, { entryId: y3802.id })).statusCode, 403);
        const linked = await ok<GapJson>(await clients.secretariat.api('POST', `${api()}/${gap.number}/entries`, { entryId: y3802.id, note: 'Covers the interface.' }), 201);
        assert.deepEqual(linked.progress.map((p) => [p.identifier, p.status]), [['Y.3802', 'in_development']]);
        const twice = await clients.secretariat.api('POST', `${api()}/${gap.number}/entries`, { entryId: y3802.id });
        assert.equal(twice.statusCode, 422);
        assert.equal(twice.json().error.details.fields.entryId, `${itu.acronym} Y.3802 already addresses ${gap.code}.`);
        // The page's link form: an empty choice is "required".
        await clients.secretariat.get(`${page()}/${gap.number}`);
        const blank = await clients.secretariat.post(`${page()}/${gap.number}/entries`, { entryId: '', note: '' });
        assert.equal(blank.statusCode, 422);
        assert.match(blank.body, /Roadmap entry: This field is required\./);
        const viaPage = await clients.secretariat.post(`${page()}/${gap.number}/entries`, { entryId: String(y3800.id), note: '' });
        assert.equal(viaPage.statusCode, 303);
        const shown = await clients.observer.get(page());
        assert.match(shown.body, new RegExp(`${itu.acronym} Y.3802</a> <span class="status status-in_development">In development`));
        // Unlinking.
        const unlinked = await ok<GapJson>(await clients.secretariat.api('DELETE', `${api()}/${gap.number}/entries/${y3800.id}`));
        assert.deepEqual(unlinked.progress.map((p) => p.identifier), ['Y.3802']);
        assert.equal((await clients.secretariat.api('DELETE', `${api()}/${gap.number}/entries/${y3800.id}`)).statusCode, 404);
        const kinds = (await gapEvents(row.id)).map((e) => e.kind);
        assert.deepEqual(kinds, ['gap.created', 'gap.updated', 'gap.entry_linked', 'gap.entry_linked', 'gap.entry_unlinked']);
      });

      it('refuses a status a proposal cannot take, and progress on a proposal', async () => {
        const proposal = await ok<GapJson>(await clients.member.api('POST', `${api()}/proposals`, fields({ title: 'Not yet decided' })), 201);
        const status = await clients.secretariat.api('PATCH', `${api()}/${proposal.number}`, { status: 'closed' });
        assert.equal(status.statusCode, 422);
        assert.equal(status.json().error.details.fields.status, 'A proposal is accepted or declined, not given another status here.');
        const link = await clients.secretariat.api('POST', `${api()}/${proposal.number}/entries`, { entryId: y3802.id });
        assert.equal(link.statusCode, 409);
        const unknown = await clients.secretariat.api('PATCH', `${api()}/${proposal.number}`, { colour: 'red' });
        assert.equal(unknown.statusCode, 422);
        assert.equal(unknown.json().error.details.fields.body, 'This field is not accepted.');
      });

      it('edits through the page form, where an unticked box and an empty list mean no and none', async () => {
        const gap = await ok<GapJson>(await clients.chair.api('POST', api(), fields({ title: 'Edited on the page', researchNeeded: true })), 201);
        await clients.chair.get(`${page()}/${gap.number}/edit`);
        const response = await clients.chair.post(`${page()}/${gap.number}/edit`, { title: 'Edited on the page', description: 'Changed.', topic: '', priority: 'low', recommendation: '', status: 'closed' });
        assert.equal(response.statusCode, 303);
        const row = await rowOf(activity, gap.number);
        assert.deepEqual([row.researchNeeded, row.description, row.topic, row.priority, row.status], [false, 'Changed.', null, 'low', 'closed']);
        const seen = await ok<GapJson>(await clients.chair.api('GET', `${api()}/${gap.number}`));
        assert.deepEqual(seen.organizations, []);
        assert.equal((await clients.member.get(`${page()}/${gap.number}/edit`)).statusCode, 403);
      });
    });

    describe('in both languages', () => {
      it('reads the list, a refusal and the history in French for a French reader, and the history in English otherwise', async () => {
        const gap = await ok<GapJson>(await clients.member.api('POST', `${api()}/proposals`, fields({ title: 'Profils de migration' })), 201);
        await ok(await clients.chair.api('POST', `${api()}/${gap.number}/decline`, { reason: 'Déjà couvert.' }));
        const frenchMember = clients.member;
        frenchMember.setCookie('concord_locale=fr');
        try {
          const list = await frenchMember.get(page());
          assert.match(list.body, /<h2>Lacunes<\/h2>/);
          assert.match(list.body, /<span class="pill gap-declined">Refusée<\/span>/);
          const refused = await frenchMember.api('POST', `${api()}/proposals`, fields({ organizationIds: [987654] }));
          assert.equal(refused.json().error.details.fields.organizationIds, 'Aucune organisation ne porte le numéro 987654 : choisissez les organismes dans la liste.');
          const history = await frenchMember.get(`/activities/${activity.acronym}/history`);
          assert.match(history.body, new RegExp(`Lacune ${gap.code} refusée par [^<:]+\u202f: Déjà couvert\\.`), 'the one who declined it is named');
        } finally {
          frenchMember.setCookie('concord_locale=en');
        }
        const english = await clients.chair.get(`/activities/${activity.acronym}/history`);
        assert.match(english.body, new RegExp(`Gap ${gap.code} proposed by [^<:]+: Profils de migration`));
        assert.match(english.body, new RegExp(`Gap ${gap.code} declined by [^<:]+: Déjà couvert\\.`));
      });
    });

    describe('who sees what, on every route', () => {
      let shown: Activity;
      const codes: Record<'open' | 'byMember' | 'byMember2', string> = { open: '', byMember: '', byMember2: '' };
      const titles = { open: 'Visible open gap', byMember: 'Pending idea of Maria', byMember2: 'Declined idea of Mo' };
      type Role = keyof typeof clients;
      const roles: Role[] = ['anonymous', 'otherMember', 'observer', 'member', 'chair', 'secretariat', 'admin'];
      /** What each role sees of the three gaps, unpublished and published; 401/403 when it may not read the list. */
      const expected = (published: boolean): Record<Role, (keyof typeof codes)[] | 401 | 403> => ({
        anonymous: published ? ['open'] : 401,
        otherMember: published ? ['open'] : 403,
        member2: ['open', 'byMember2'],
        observer: ['open'],
        member: ['open', 'byMember'],
        viceChair: ['open', 'byMember', 'byMember2'],
        chair: ['open', 'byMember', 'byMember2'],
        secretariat: ['open', 'byMember', 'byMember2'],
        admin: ['open', 'byMember', 'byMember2'],
      });

      before(async () => {
        shown = await makeActivity(t.db);
        // The same people hold the same roles in this activity.
        await copyMemberships(shown);
        const open = await ok<GapJson>(await clients.secretariat.api('POST', api(shown), fields({ title: titles.open })), 201);
        const byMember = await ok<GapJson>(await clients.member.api('POST', `${api(shown)}/proposals`, fields({ title: titles.byMember })), 201);
        const byMember2 = await ok<GapJson>(await clients.member2.api('POST', `${api(shown)}/proposals`, fields({ title: titles.byMember2 })), 201);
        await ok(await clients.chair.api('POST', `${api(shown)}/${byMember2.number}/decline`, { reason: 'Out of scope.' }));
        Object.assign(codes, { open: open.code, byMember: byMember.code, byMember2: byMember2.code });
      });

      /** The activity's setting, which its secretariat changes with the activity's other settings. */
      const setPublished = async (value: boolean, a: Activity = shown) => {
        await ok(await clients.secretariat.api('PATCH', `/api/v1/activities/${a.acronym}`, { publishGaps: value }));
      };

      for (const published of [false, true]) {
        it(`applies one rule to the list page, the API, a gap’s page, the exports, the history and the roadmap document (${published ? 'published' : 'not published'})`, async () => {
          await setPublished(published);
          const gapIds = new Map<string, string>();
          for (const [key, code] of Object.entries(codes)) gapIds.set(String((await rowOf(shown, Number(code.slice(2)))).id), key);
          for (const role of roles) {
            const client = clients[role];
            const want = expected(published)[role];
            const listApi = await client.api('GET', api(shown));
            const listPage = await client.get(page(shown));
            const csv = await client.get(`${page(shown)}/export.csv`);
            const xlsx = await client.get(`${page(shown)}/export.xlsx`);
            if (typeof want === 'number') {
              assert.equal(listApi.statusCode, want, `${role}: API list`);
              // Pages (downloads included) send strangers to sign in (303) or refuse them.
              assert.equal(csv.statusCode, want === 401 ? 303 : 403, `${role}: CSV`);
              assert.equal(xlsx.statusCode, want === 401 ? 303 : 403, `${role}: XLSX`);
              assert.equal((await client.api('GET', `${api(shown)}/export.csv`)).statusCode, want, `${role}: CSV through the API`);
              assert.equal(listPage.statusCode, want === 401 ? 303 : 403, `${role}: list page`);
            } else {
              const visible = want.map((k) => codes[k]).sort();
              assert.deepEqual((listApi.json().gaps as GapJson[]).map((g) => g.code).sort(), visible, `${role}: API list`);
              for (const key of Object.keys(codes) as (keyof typeof codes)[]) {
                assert.equal(listPage.body.includes(titles[key]), want.includes(key), `${role}: list page shows ${key}?`);
                assert.equal(csv.body.includes(titles[key]), want.includes(key), `${role}: CSV holds ${key}?`);
              }
              const sheet = await (await JSZip.loadAsync(xlsx.rawPayload)).file('xl/worksheets/sheet1.xml')!.async('string');
              for (const key of Object.keys(codes) as (keyof typeof codes)[]) assert.equal(sheet.includes(titles[key]), want.includes(key), `${role}: XLSX holds ${key}?`);
            }
            const seen = typeof want === 'number' ? [] : want;
            for (const key of Object.keys(codes) as (keyof typeof codes)[]) {
              const number = codes[key].slice(2);
              const one = await client.api('GET', `${api(shown)}/${number}`);
              const onePage = await client.get(`${page(shown)}/${number}`);
              assert.equal(one.statusCode, seen.includes(key) ? 200 : 404, `${role}: API read of ${key}`);
              assert.equal(onePage.statusCode, seen.includes(key) ? 200 : 404, `${role}: page of ${key}`);
            }
            const history = await ok<{ kind: string; subjectId: string }[]>(await client.api('GET', `/api/v1/activities/${shown.acronym}/history`));
            const inHistory = [...new Set(history.filter((e) => e.kind.startsWith('gap.')).map((e) => gapIds.get(e.subjectId)))].sort();
            assert.deepEqual(inHistory, [...seen].sort(), `${role}: history`);
            const docx = await client.get(`/activities/${shown.acronym}/roadmap/document.docx`);
            assert.equal(docx.statusCode, 200, `${role}: document`);
            const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
            for (const key of Object.keys(codes) as (keyof typeof codes)[]) assert.equal(xml.includes(titles[key]), seen.includes(key), `${role}: document holds ${key}?`);
          }
        });
      }

      it('refuses every change to those who may not make it, writing nothing: 401 to strangers, 404 for what they cannot see, 403 otherwise', async () => {
        await setPublished(true);
        const open = codes.open.slice(2);
        const proposal = codes.byMember.slice(2);
        const writes: [string, 'POST' | 'PATCH' | 'DELETE', string, unknown][] = [
          ['record', 'POST', api(shown), fields()],
          ['propose', 'POST', `${api(shown)}/proposals`, fields()],
          ['edit', 'PATCH', `${api(shown)}/${open}`, { priority: 'low' }],
          ['accept', 'POST', `${api(shown)}/${proposal}/accept`, {}],
          ['decline', 'POST', `${api(shown)}/${proposal}/decline`, { reason: 'No.' }],
          ['link', 'POST', `${api(shown)}/${open}/entries`, { entryId: y3802.id }],
          ['unlink', 'DELETE', `${api(shown)}/${open}/entries/${y3802.id}`, undefined],
          ['publish', 'PATCH', `/api/v1/activities/${shown.acronym}`, { publishGaps: false }],
        ];
        const expectedCodes: Record<'anonymous' | 'otherMember' | 'observer' | 'member' | 'chair', Record<string, number>> = {
          anonymous: { record: 401, propose: 401, edit: 401, accept: 401, decline: 401, link: 401, unlink: 401, publish: 401 },
          // The proposal is not theirs to see: not found.
          otherMember: { record: 403, propose: 403, edit: 403, accept: 404, decline: 404, link: 403, unlink: 403, publish: 403 },
          observer: { record: 403, propose: 403, edit: 403, accept: 404, decline: 404, link: 403, unlink: 403, publish: 403 },
          // Their own proposal they see, but do not decide.
          member: { record: 403, propose: 0, edit: 403, accept: 403, decline: 403, link: 403, unlink: 403, publish: 403 },
          chair: { record: 0, propose: 0, edit: 0, accept: 0, decline: 0, link: 0, unlink: 0, publish: 403 },
        };
        const before = (await t.db.select().from(events)).length;
        for (const [role, byRoute] of Object.entries(expectedCodes) as [keyof typeof expectedCodes, Record<string, number>][]) {
          for (const [name, method, url, body] of writes) {
            if (!byRoute[name]) continue;
            const response = await clients[role].api(method, url, body);
            assert.equal(response.statusCode, byRoute[name], `${role}: ${name}`);
          }
        }
        assert.equal((await t.db.select().from(events)).length, before, 'nothing was written');
      });

      it('keeps a members-only activity’s gaps from everyone without a role in it, published or not', async () => {
        const closed = await makeActivity(t.db, { visibility: 'members' });
        await copyMemberships(closed);
        const gap = await ok<GapJson>(await clients.secretariat.api('POST', api(closed), fields({ title: 'Members only gap' })), 201);
        await setPublished(true, closed);
        for (const role of ['anonymous', 'otherMember'] as const) {
          for (const url of [page(closed), `${page(closed)}/${gap.number}`, `${page(closed)}/export.csv`]) assert.equal((await clients[role].get(url)).statusCode, 404, `${role}: ${url}`);
          for (const url of [api(closed), `${api(closed)}/${gap.number}`, `/api/v1/activities/${closed.acronym}/history`]) assert.equal((await clients[role].api('GET', url)).statusCode, 404, `${role}: ${url}`);
        }
        const observer = await ok<{ gaps: GapJson[] }>(await clients.observer.api('GET', api(closed)));
        assert.deepEqual(observer.gaps.map((g) => g.code), [gap.code]);
      });

      it('lets only the secretariat choose to publish, in the activity’s settings beside the overlaps, with an event', async () => {
        await setPublished(false);
        assert.equal((await clients.chair.api('PATCH', `/api/v1/activities/${shown.acronym}`, { publishGaps: true })).statusCode, 403);
        const form = await clients.secretariat.get(`/activities/${shown.acronym}/edit`);
        assert.match(form.body, /<input id="field-publishGaps" type="checkbox" name="publishGaps"\/><label for="field-publishGaps">Publish accepted gaps<\/label>/);
        const listed = await clients.secretariat.get(page(shown));
        assert.match(listed.body, /Accepted gaps are seen by the activity’s participants only\. <a href="\/activities\/[^"]+\/edit">Change this in the activity’s settings<\/a>/);
        assert.doesNotMatch((await clients.chair.get(page(shown))).body, /Change this in the activity’s settings/);
        await setPublished(true);
        assert.equal((await ok<{ publishGaps: boolean }>(await clients.anonymous.api('GET', `/api/v1/activities/${shown.acronym}`))).publishGaps, true);
        const [event] = await t.db.select().from(events).where(and(eq(events.activityId, shown.id), eq(events.kind, 'activity.updated'))).orderBy(desc(events.id)).limit(1);
        assert.deepEqual(event?.after, { publishGaps: true });
        // The tab shows for everyone once published.
        assert.match((await clients.anonymous.get(page(shown))).body, /<a href="\/activities\/[^"]+\/gaps" aria-current="page">Gaps<\/a>/);
      });
    });

    describe('the landscape matrix', () => {
      it('gives the leadership a link in each empty cell, filled in from its topic and body, and nobody else', async () => {
        const matrix = `/activities/${activity.acronym}/roadmap/matrix`;
        const links = (body: string) => [...body.matchAll(/href="(\.\.\/gaps\/new\?[^"]*)"/g)].map((m) => m[1]!);
        const leader = await clients.chair.get(matrix);
        // Two topics × one body, one cell filled each way: Y.3800 overview, Y.3802 key management; no empty cell.
        assert.equal(links(leader.body).length, 0);
        await ok(
          await clients.secretariat.api('POST', `/api/v1/activities/${activity.acronym}/roadmap`, {
            organizationId: etsi.id,
            identifier: 'GS QKD 016',
            title: 'Protection profile',
            kind: 'technical_specification',
            status: 'published',
            topics: ['overview'],
          }),
          201,
        );
        const withGap = links((await clients.secretariat.get(matrix)).body);
        assert.equal(withGap.length, 1, 'ETSI has nothing on key management');
        assert.match(withGap[0]!, new RegExp(`^\\.\\./gaps/new\\?c=\\d+-${etsi.id}$`));
        // Relative to the matrix page: the gap form of this activity.
        const target = new URL(withGap[0]!, `http://concord.test${matrix}`);
        assert.equal(target.pathname, `/activities/${activity.acronym}/gaps/new`);
        for (const role of ['member', 'observer', 'anonymous'] as const) assert.equal(links((await clients[role].get(matrix)).body).length, 0, role);
        const form = await clients.secretariat.get(`${target.pathname}${target.search}`);
        assert.equal(form.statusCode, 200);
        assert.match(form.body, /Filled in from the landscape matrix: topic “key management”, no entry of/);
        assert.match(form.body, new RegExp(`<option value="${etsi.id}" selected>`));
        assert.match(form.body, /name="topic" type="text" value="key management"/);
        assert.equal((await clients.member.get(`${target.pathname}${target.search}`)).statusCode, 403);
      });
    });
  });
}
