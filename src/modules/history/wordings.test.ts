// Every event kind of every module reads as words (issue 15, item 11): each kind a module lists has a sentence in
// English and French, the kinds written anywhere in the code are all listed, and the history page, its API and its
// feed show every kind in both languages with no JSON, no internal id names and no lone ✓/✗, whatever the event holds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/events.ts';
import { jobHandlersOf } from '../../platform/module-manifest.ts';
import { concordModules } from '../index.ts';
import { accountEventKinds } from './messages.ts';
import { historyVocabulary } from './vocabulary.ts';

const declared = new Set([...accountEventKinds, ...concordModules.flatMap((m) => m.history?.kinds ?? [])]);

/** What must never reach a reader: JSON, field names of ids, a check mark standing for yes or no, JavaScript's blanks. */
function internals(text: string): string[] {
  const found: string[] = [];
  if (/[{}]|"\w+"\s*:|\[\s*\d/.test(text)) found.push('JSON');
  const ids = text.match(/\b\w*(Id|Ids)\b|\b\w+_ids?\b/g);
  if (ids) found.push(`id names (${ids.join(', ')})`);
  if (/(^|[\s>:→])[✓✗](?=$|[\s<])/.test(text)) found.push('a lone ✓ or ✗');
  if (/\bundefined\b|\bnull\b|\[object |\bNaN\b/.test(text)) found.push('undefined, null or [object]');
  return found;
}

/** A value of every awkward shape an event may hold, under the names modules really use. */
const awkward = (organizationId: number) => ({
  reference: 'JCA-T-LS-007',
  identifier: 'Y.3800',
  title: 'Overview on networks supporting quantum key distribution',
  person: 'Anna Ruiz',
  name: 'Anna Ruiz',
  email: 'anna.ruiz@example.org',
  role: 'member',
  kind: 'contribution',
  status: 'published',
  mode: 'remote',
  number: 3,
  version: 2,
  code: 'G-4',
  label: 'A3-1',
  a: 'Y.3800',
  b: 'ETSI GS QKD 004',
  decision: 'duplicate',
  acronym: 'JCA-T',
  account: 'anna.ruiz@example.org',
  via: 'by_hand',
  address: 'jca-t@lists.example.org',
  subject: 'Second meeting',
  document: 'JCA-T-C-003',
  item: '3.1',
  fileName: 'reply.docx',
  approvers: ['Anna Ruiz', 'Bo Chen'],
  recipients: [{ name: 'Bo Chen', email: 'bo@example.org' }],
  to: ['Bo Chen'],
  assignee: 'Bo Chen',
  actionStatus: 'in_progress',
  daysLeft: 3,
  present: 4,
  registered: 7,
  added: 12,
  changed: 1,
  included: 0,
  unchanged: 30,
  entries: 154,
  pairs: 446,
  recipientsCount: 2,
  late: true,
  edited: false,
  isAdmin: false,
  linked: true,
  newAccount: false,
  researchNeeded: true,
  deadline: '2027-03-01',
  dueAt: '2027-02-10T22:59:00.000Z',
  since: '2026-01-15',
  topics: ['quantum key distribution', 'key management'],
  files: ['a.docx', 'b.pdf'],
  applied: { url: 'https://www.itu.int/rec/T-REC-Y.3800', organizationId, title: 'Overview', topics: ['qkd'] },
  proposed: { identifier: 'Y.3800', organizationId, status: 'published' },
  entryId: 5,
  registrationId: 8,
  agendaItemId: 11,
  organizationId,
  relatedEntryIds: [1, 2],
  personId: 999_999,
  statementId: 4,
  documentIds: [4, 5],
  text: 'A long text. '.repeat(60),
  note: 'Decided at the meeting.',
  reason: 'Out of scope.',
  comment: 'Thanks.',
  cancelReason: 'No quorum.',
  changeNote: 'Objectives renumbered.',
});

for (const engine of testEngines()) {
  describe(`history wordings on ${engine}`, () => {
    let t: TestApp;
    let admin: TestClient;
    let acronym = '';

    before(async () => {
      t = await createTestApp(engine);
      const activity = await makeActivity(t.db);
      acronym = activity.acronym;
      admin = new TestClient(t.app, (await makeUser(t.db, { admin: true })).cookie);
      const body = await makeOrganization(t.db, { acronym: `ETSI-${acronym}` });
      const data = awkward(body.id);
      // One event of each kind every module declares, holding every awkward shape before and after.
      await t.db.transaction(async (tx) => {
        for (const kind of declared) {
          const subjectType = kind.startsWith('roadmap.entry') || kind.startsWith('roadmap.relation') ? 'roadmap_entry' : kind.split('.')[0]!;
          // A creation (every value shown) and a change (each changed value before and after).
          await recordEvent(tx, systemActor('test'), { kind, subjectType, subjectId: 1, activityId: activity.id, summary: `stored summary of ${kind}`, after: data });
          await recordEvent(tx, systemActor('test'), { kind, subjectType, subjectId: 1, activityId: activity.id, summary: `stored summary of ${kind}`, before: data, after: { ...data, title: 'New title', late: false, topics: ['qkd'] } });
        }
      });
    });
    after(() => t.close());

    it('gives every kind each module lists a sentence of its own in English and in French', () => {
      for (const locale of ['en', 'fr'] as const) {
        const wordings = historyVocabulary(concordModules, locale).wordings;
        for (const kind of declared) {
          const sentence = wordings[kind]?.({}, {});
          assert.ok(sentence && !sentence.startsWith('stored summary'), `${kind} has no ${locale} sentence`);
          assert.deepEqual(internals(sentence), [], `${kind} in ${locale}: ${sentence}`);
        }
      }
    });

    it('lists every event kind the code writes', () => {
      const jobKinds = new Set(Object.keys(jobHandlersOf(concordModules)));
      const namespaces = new Set([...declared].map((kind) => kind.split('.')[0]));
      const written = new Set<string>();
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(file);
          else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
            for (const [, kind] of fs.readFileSync(file, 'utf8').matchAll(/'([a-z_]+\.[a-z_]+)'/g)) written.add(kind!);
          }
        }
      };
      walk(path.resolve('src'));
      // The liaison states reached by "close" and "withdraw" make their kinds (`liaison.${to}`).
      for (const to of ['closed', 'withdrawn']) written.add(`liaison.${to}`);
      const missing = [...written].filter(
        (kind) =>
          namespaces.has(kind.split('.')[0]) &&
          !declared.has(kind) &&
          !jobKinds.has(kind) &&
          // Visibility prefixes (`agenda.version_`, `roadmap.entry`) and file names (`agenda.pdf`) are not kinds.
          ![...declared].some((d) => d.startsWith(kind)) &&
          !/\.(pdf|txt|ics|docx|csv|json|xlsx?|atom)$/.test(kind),
      );
      assert.deepEqual(missing, [], 'kinds written in the code but listed by no module’s history');
    });

    for (const locale of ['en', 'fr']) {
      it(`shows every kind on the history page, its API and its feed in ${locale} without internals`, async () => {
        const headers = { 'accept-language': locale };
        const pages: string[] = [];
        for (let url: string | undefined = `/activities/${acronym}/history`; url; ) {
          const page = await admin.get(url, headers);
          assert.equal(page.statusCode, 200);
          pages.push(page.body);
          url = /href="([^"]*history\?before=\d+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
        }
        const html = pages.join('\n');
        const rows = html.split('<tr id="event-').slice(1);
        assert.equal(rows.length, 2 * declared.size + 2, 'two rows per kind, and the activity’s creation and first terms of reference');
        for (const row of rows) {
          const text = row.slice(row.indexOf('>') + 1, row.indexOf('</tr>')).replace(/<[^>]+>/g, ' ');
          assert.deepEqual(internals(text), [], text.slice(0, 300));
          assert.ok(!text.includes('stored summary'), `a kind read from its stored English summary: ${text.slice(0, 200)}`);
        }
        assert.ok(html.includes(`<ins>${locale === 'fr' ? 'Oui' : 'Yes'}</ins>`) || html.includes(locale === 'fr' ? 'Oui' : 'Yes'), 'booleans as words');
        assert.match(html, /<details class="long-value"><summary>/, 'a long text is shortened, with the whole a click away');
        const api = await admin.get(`/api/v1/activities/${acronym}/history`, headers);
        for (const event of api.json() as { summary: string; changes: { label: string; before: string; after: string }[] }[]) {
          const words = [event.summary, ...event.changes.flatMap((c) => [c.label, c.before, c.after])].join(' | ');
          assert.deepEqual(internals(words), [], words.slice(0, 300));
        }
        const feed = await new TestClient(t.app).get(`/activities/${acronym}/history.atom`, headers);
        assert.equal(feed.statusCode, 200);
        assert.match(feed.headers['content-type'] as string, /^application\/atom\+xml/);
        const entries = [...feed.body.matchAll(/<title>([^<]*)<\/title>[\s\S]*?(?:<content type="text">([^<]*)<\/content>)?\s*<\/entry>/g)];
        assert.ok(entries.length > 10, 'the public kinds are in the feed');
        for (const [, title, content] of entries) assert.deepEqual(internals(`${title} ${content ?? ''}`), [], String(title));
      });
    }

    it('lets long values wrap inside the history table instead of widening it', async () => {
      const css = (await admin.get('/assets/style.css')).body;
      assert.match(css, /table\.history-table \{ table-layout: fixed; \}/);
      assert.match(css, /table\.history-table td \{ overflow-wrap: anywhere; \}/);
    });
  });
}
