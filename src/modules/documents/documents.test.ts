import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { and, asc, eq, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeUser, type SignedInUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { type CheckedFile, checkUpload } from '../../platform/files.ts';
import { fileStoreFor, storedFilePath, storeFilesWith } from '../../platform/file-store.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { events } from '../../platform/schema.ts';
import { parseInput } from '../../platform/validation.ts';
import type { Activity } from '../activities/activities.ts';
import { addMembership } from '../activities/memberships.ts';
import { saveTemplateItems } from '../meetings/agenda.ts';
import { createMeeting, meetingInput, updateLateRules } from '../meetings/meetings.ts';
import { agendaItems } from '../meetings/proceedings-schema.ts';
import type { Meeting } from '../meetings/deadlines.ts';
import { checkCoverPage, readCoverPage } from './cover-page.ts';
import { assignNumber, createDocument, documentFileKinds, listMeetingDocuments } from './documents.ts';
import { completeCover, docxFromTemplate, docxWithRows, tinyPdf } from '../../../test/fixtures/documents.ts';
import { documentLabel, formatNumber } from './numbering.ts';
import { documentFiles, documents } from './schema.ts';

const system = systemActor('test');
// A full garbage collection on demand (the test runner does not pass --expose-gc), to measure what stays reachable.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Every file under DATA_DIR/files (temporaries included), as paths relative to it. */
/** What the file store holds, and any temporary on disk: a refused upload must leave neither. */
async function storedFiles(t: TestApp): Promise<string[]> {
  const out = filesOnDisk(t.config.dataDir);
  for await (const hash of fileStoreFor(t.config, t.db).list()) out.push(`stored ${hash}`);
  return out.sort();
}

function filesOnDisk(dataDir: string): string[] {
  const root = path.join(dataDir, 'files');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

const check = (file: { name: string; bytes: Buffer }, maxBytes = 20 * 1048576): Promise<CheckedFile> =>
  checkUpload({ fileName: file.name, contentType: 'application/octet-stream', bytes: file.bytes }, { field: 'file', allowed: documentFileKinds, maxBytes, locale: 'en' });

describe('document numbers', () => {
  it('pads the sequence to three digits, keeps more when needed, and adds -R<n> for revisions', () => {
    assert.equal(formatNumber('jca-qkdn', 'contribution', 1), 'JCA-QKDN-C-001');
    assert.equal(formatNumber('JCA-QKDN', 'td', 4), 'JCA-QKDN-TD-004');
    assert.equal(formatNumber('JCA-MV', 'report', 12), 'JCA-MV-R-012');
    assert.equal(formatNumber('JCA-MV', 'agenda', 1000), 'JCA-MV-A-1000');
    assert.equal(formatNumber('JCA-MV', 'ls-in', 7), 'JCA-MV-LSI-007');
    assert.equal(formatNumber('JCA-MV', 'ls-out', 7), 'JCA-MV-LSO-007');
    assert.equal(documentLabel({ number: 'JCA-MV-C-003', revision: 0 }), 'JCA-MV-C-003');
    assert.equal(documentLabel({ number: 'JCA-MV-C-003', revision: 2 }), 'JCA-MV-C-003-R2');
    assert.equal(documentLabel({ number: null, revision: 1 }), null);
  });
});

describe('contribution cover page', () => {
  it('reads the filled template and finds nothing missing', async () => {
    const cover = await readCoverPage(await docxFromTemplate(), { fileName: 'C.docx', locale: 'en' });
    assert.deepEqual(cover, completeCover);
    assert.deepEqual((await checkCoverPage(await docxFromTemplate(), 'en', 'C.docx')).problems, []);
  });

  it('reads the French template by its French labels', async () => {
    const cover = await readCoverPage(await docxFromTemplate(completeCover, 'fr'), { fileName: 'C.docx', locale: 'en' });
    assert.deepEqual(cover, completeCover);
  });

  it('names each field left as a placeholder as empty, and each absent row as missing', async () => {
    const placeholders = await checkCoverPage(await docxFromTemplate({ source: 'ETSI', title: 'A title' }), 'en', 'C.docx');
    assert.deepEqual(placeholders.problems, ['Purpose is empty', 'Contact is empty', 'Agenda item is empty']);
    const partial = await checkCoverPage(await docxWithRows([['Source:', 'ETSI ISG QKD'], ['Title:', 'Key relay'], ['Contact:', '']]), 'fr', 'C.docx');
    assert.deepEqual(partial.problems, ['Objet manque', 'Contact est vide', 'Point de l’ordre du jour manque']);
  });

  it('says a damaged DOCX cannot be read', async () => {
    const { problems } = await checkCoverPage(Buffer.from('PK\u0003\u0004 not really a zip'), 'en', 'C.docx');
    assert.deepEqual(problems, ['The DOCX file could not be read (it is damaged or not a Word document).']);
  });
});

for (const engine of testEngines()) {
  describe(`documents on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariatUser: SignedInUser;
    let memberUser: SignedInUser;
    let secretariat: TestClient;
    let member: TestClient;
    let otherMember: TestClient;
    let observer: TestClient;
    let stranger: TestClient;
    let anonymous: TestClient;
    let meeting: Meeting;

    const docsBase = () => `/activities/${activity.acronym}/documents`;
    const makeMeeting = async (forActivity: Activity, options: { contributionDate?: string; start?: string } = {}) =>
      createMeeting(
        t.db,
        system,
        forActivity.id,
        parseInput(
          meetingInput,
          {
            title: 'Test meeting',
            mode: 'virtual',
            timeZone: 'Europe/Zurich',
            startDate: options.start ?? '2031-03-10',
            startTime: '09:00',
            endDate: options.start ?? '2031-03-10',
            endTime: '17:00',
            contributionDate: options.contributionDate ?? '',
          },
          'en',
        ),
        { locale: 'en', baseUrl: t.config.baseUrl },
      );
    const documentRows = (activityId: number) => t.db.select().from(documents).where(eq(documents.activityId, activityId)).orderBy(asc(documents.id));
    const submit = (client: TestClient, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}, forActivity = activity) =>
      client.upload(`/activities/${forActivity.acronym}/documents/submit`, { name: file.name, type: 'application/octet-stream', bytes: file.bytes }, fields);
    const publish = (file: { name: string; bytes: Buffer }, fields: Record<string, string>) =>
      secretariat.upload(`${docsBase()}/new`, { name: file.name, type: 'application/octet-stream', bytes: file.bytes }, fields);
    const idFromLocation = (location: unknown) => Number(/\/documents\/(\d+)$/.exec(String(location))?.[1]);

    before(async () => {
      t = await createTestApp(engine, { UPLOAD_MAX_MB: '1' });
      activity = await makeActivity(t.db);
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      member = new TestClient(t.app, memberUser.cookie);
      otherMember = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: activity.id })).cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      anonymous = new TestClient(t.app);
      meeting = await makeMeeting(activity);
    });
    after(async () => {
      await t.close();
    });

    it('numbers ten concurrent publications 1 to 10 with no gap and no duplicate', async () => {
      const own = await makeActivity(t.db);
      const files = await Promise.all(Array.from({ length: 10 }, (_, i) => check({ name: `td-${i}.txt`, bytes: Buffer.from(`temporary document ${i}\n`) })));
      const created = await Promise.all(
        files.map((file, i) =>
          storeFilesWith({ db: t.db, dataDir: t.config.dataDir }, [file], (db) =>
            db.transaction((tx) => createDocument(tx, system, { activityId: own.id, kind: 'td', title: `TD ${i}`, access: 'public', files: [file] })),
          ),
        ),
      );
      const numbers = created.map((c) => c.number).sort();
      assert.deepEqual(numbers, Array.from({ length: 10 }, (_, i) => formatNumber(own.acronym, 'td', i + 1)), 'every number from 001 to 010 exactly once');
      // A failed numbering gives its number back: the next one continues the series.
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await createDocument(tx, system, { activityId: own.id, kind: 'td', title: 'Rolled back', access: 'public', files: [] });
          throw new Error('crash after numbering');
        }),
        /crash after numbering/,
      );
      const next = await t.db.transaction((tx) => createDocument(tx, system, { activityId: own.id, kind: 'td', title: 'Next', access: 'public', files: [] }));
      assert.equal(next.number, formatNumber(own.acronym, 'td', 11));
      const contribution = await t.db.transaction((tx) => createDocument(tx, system, { activityId: own.id, kind: 'report', title: 'Report', access: 'public', files: [] }));
      assert.equal(contribution.number, formatNumber(own.acronym, 'report', 1), 'each kind has its own series');
    });

    it('numbers ten contributions assigned at once 1 to 10, in the order the secretariat takes them', async () => {
      const own = await makeActivity(t.db);
      const ids: number[] = [];
      for (let i = 0; i < 10; i++) {
        const created = await t.db.transaction((tx) => createDocument(tx, system, { activityId: own.id, kind: 'contribution', title: `C ${i}`, access: 'public', files: [] }));
        assert.equal(created.number, null, 'a submitted contribution waits for its number');
        ids.push(created.id);
      }
      const assigned = await Promise.all(ids.map((id) => t.db.transaction((tx) => assignNumber(tx, system, own.id, id, {}, 'en'))));
      assert.deepEqual(
        assigned.map((a) => a.number).sort(),
        Array.from({ length: 10 }, (_, i) => formatNumber(own.acronym, 'contribution', i + 1)),
      );
      await assert.rejects(t.db.transaction((tx) => assignNumber(tx, system, own.id, ids[0]!, {}, 'en')), /already has its number/);
    });

    it('lets a member submit a DOCX from the template: title from the cover page, no number until the secretariat assigns it', async () => {
      const response = await submit(member, { name: 'roadmap-update.docx', bytes: await docxFromTemplate() }, { meetingId: String(meeting.id) });
      assert.equal(response.statusCode, 303, response.body);
      const id = idFromLocation(response.headers.location);
      const [row] = await t.db.select().from(documents).where(eq(documents.id, id));
      assert.equal(row?.title, completeCover.title);
      assert.equal(row?.source, completeCover.source);
      assert.equal(row?.purpose, 'Proposal');
      assert.equal(row?.status, 'submitted');
      assert.equal(row?.number, null);
      assert.equal(row?.late, false);
      assert.equal(row?.submittedByUserId, memberUser.user.id);
      const page = await member.get(`${docsBase()}/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Awaiting number/);
      assert.doesNotMatch(page.body, /Assign the number/, 'a member does not see the secretariat’s form');
      assert.equal((await otherMember.get(`${docsBase()}/${id}`)).statusCode, 404, 'another member does not see a contribution awaiting its number');

      const secretariatPage = await secretariat.get(`${docsBase()}/${id}`);
      assert.match(secretariatPage.body, /Assign the number/);
      assert.equal((await member.post(`${docsBase()}/${id}/assign`, { agendaItemId: '' })).statusCode, 403, 'a member may not assign numbers');
      const assigned = await secretariat.post(`${docsBase()}/${id}/assign`, { agendaItemId: '' });
      assert.equal(assigned.statusCode, 303, assigned.body);
      const [numbered] = await t.db.select().from(documents).where(eq(documents.id, id));
      assert.equal(numbered?.number, formatNumber(activity.acronym, 'contribution', 1));
      assert.equal(numbered?.status, 'published');
      assert.equal((await otherMember.get(`${docsBase()}/${id}`)).statusCode, 200, 'published: every reader sees it');
      const kinds = (await t.db.select().from(events).where(and(eq(events.subjectType, 'document'), eq(events.subjectId, String(id)))).orderBy(asc(events.id))).map((e) => e.kind);
      assert.deepEqual(kinds, ['document.created', 'document.numbered']);
    });

    it('lets a member propose an agenda item of the chosen meeting, refuses one of another meeting on its field, and leaves the secretariat free to change it', async () => {
      const own = await makeActivity(t.db);
      await makeUserIn(own, 'member', member);
      await addMembership(t.db, system, own.id, { personId: secretariatUser.personId, role: 'secretariat' }, 'en');
      await saveTemplateItems(t.db, system, own, [{ title: 'Opening' }, { title: 'Reviews', children: [{ title: 'ETSI ISG QKD' }] }, { title: 'Closing' }]);
      const first = await makeMeeting(own);
      const second = await makeMeeting(own, { start: '2031-06-10' });
      const itemOf = async (meetingId: number, title: string) => {
        const [item] = await t.db.select().from(agendaItems).where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.title, title)));
        assert.ok(item, `meeting ${meetingId} has the item "${title}" from the activity's template`);
        return item;
      };
      const etsi = await itemOf(first.id, 'ETSI ISG QKD');
      const opening = await itemOf(first.id, 'Opening');
      const closingOfSecond = await itemOf(second.id, 'Closing');

      const form = await member.get(`/activities/${own.acronym}/documents/submit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<select id="field-agendaItemId" name="agendaItemId"/, 'the form offers the agenda items');
      assert.match(form.body, new RegExp(`<option value="${etsi.id}">Meeting ${first.number}: 2\\.1 ETSI ISG QKD</option>`), 'a sub-item shows with its number and meeting');
      assert.match(form.body, new RegExp(`<option value="${closingOfSecond.id}">Meeting ${second.number}: 3 Closing</option>`));
      assert.match(form.body, /your contribution is for; the secretariat may change it\./);

      const pdf = { name: 'placed.pdf', bytes: tinyPdf('placed') };
      let response = await submit(member, pdf, { title: 'Misplaced', meetingId: String(second.id), agendaItemId: String(etsi.id) }, own);
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="error-agendaItemId"[^>]*>[^<]*This agenda item is not on the agenda of the meeting chosen\./);
      response = await submit(member, pdf, { title: 'No meeting', agendaItemId: String(etsi.id) }, own);
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Choose the meeting as well: an agenda item belongs to one meeting’s agenda\./);
      const api = await member.upload(`/api/v1/activities/${own.acronym}/documents`, { name: 'api.pdf', type: 'application/pdf', bytes: tinyPdf('api placed') }, { title: 'Misplaced', meetingId: String(first.id), agendaItemId: String(closingOfSecond.id) });
      assert.equal(api.statusCode, 422, api.body);
      assert.equal(api.json().error.details.fields.agendaItemId, 'This agenda item is not on the agenda of the meeting chosen.');
      const frenchMember = new TestClient(t.app, memberUser.cookie);
      frenchMember.setCookie('concord_locale=fr');
      const french = await frenchMember.upload(`/api/v1/activities/${own.acronym}/documents`, { name: 'api.pdf', type: 'application/pdf', bytes: tinyPdf('api placed') }, { title: 'Mal placé', meetingId: String(first.id), agendaItemId: String(closingOfSecond.id) });
      assert.equal(french.statusCode, 422);
      assert.equal(french.json().error.details.fields.agendaItemId, 'Ce point n’est pas à l’ordre du jour de la réunion choisie.');
      assert.deepEqual(await documentRows(own.id), [], 'nothing written for a refused item');

      response = await submit(member, pdf, { title: 'Placed', meetingId: String(first.id), agendaItemId: String(etsi.id) }, own);
      assert.equal(response.statusCode, 303, response.body);
      const id = idFromLocation(response.headers.location);
      const [submitted] = await documentRows(own.id);
      assert.equal(submitted?.agendaItemId, etsi.id, 'the proposed item is stored');
      const assignForm = await secretariat.get(`/activities/${own.acronym}/documents/${id}`);
      assert.match(assignForm.body, new RegExp(`<option value="${etsi.id}" selected>2\\.1 ETSI ISG QKD</option>`), 'the secretariat sees the proposal preselected');
      response = await secretariat.post(`/activities/${own.acronym}/documents/${id}/assign`, { agendaItemId: String(opening.id) });
      assert.equal(response.statusCode, 303, response.body);
      const [assigned] = await documentRows(own.id);
      assert.equal(assigned?.agendaItemId, opening.id, 'the secretariat decides the item');
      assert.equal(assigned?.status, 'published');
    });

    it('refuses a DOCX whose cover page lacks fields, naming each one, and keeps nothing', async () => {
      const own = await makeActivity(t.db);
      await makeUserIn(own, 'member', member);
      const before = await storedFiles(t);
      const response = await submit(member, { name: 'draft.docx', bytes: await docxWithRows([['Source', 'ETSI'], ['Title', 'Key relay']]) }, {}, own);
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /The cover page is incomplete: Purpose is missing; Contact is missing; Agenda item is missing\. Use the contribution template\./);
      assert.deepEqual(await documentRows(own.id), []);
      assert.deepEqual(await storedFiles(t), before, 'no file written');
    });

    it('refuses uploads that are empty, too large, of a forbidden type or not what their name says, leaving no file behind', async () => {
      const own = await makeActivity(t.db);
      await makeUserIn(own, 'member', member);
      const before = await storedFiles(t);
      const cases: [string, Buffer, number, RegExp][] = [
        ['empty.pdf', Buffer.alloc(0), 422, /“empty\.pdf” is empty \(0 bytes\)/],
        ['tool.exe', Buffer.from('MZ\u0090\u0000binary'), 422, /“tool\.exe” is not an allowed type; allowed types: PDF, DOCX, PPTX, XLSX, TXT, ZIP/],
        ['paper.pdf', Buffer.from('just some text\n'), 422, /“paper\.pdf” does not contain what its name says/],
        ['notes.txt', Buffer.from([0xff, 0x00, 0x12, 0x80]), 422, /“notes\.txt” is not a UTF-8 text file/],
        ['big.pdf', Buffer.concat([tinyPdf(), Buffer.alloc(1024 * 1024 + 10, 0x20)]), 413, /1 MB/],
      ];
      for (const [name, bytes, status, message] of cases) {
        const response = await submit(member, { name, bytes }, { title: 'A contribution' }, own);
        assert.equal(response.statusCode, status, `${name}: ${response.body.slice(0, 300)}`);
        assert.match(response.body, message, name);
      }
      assert.deepEqual(await documentRows(own.id), []);
      assert.deepEqual(await storedFiles(t), before, 'no file left on disk, temporaries included');
    });

    it('leaves no row and no file when the transaction fails after the files were staged', async () => {
      const own = await makeActivity(t.db);
      const file = await check({ name: 'crash.txt', bytes: Buffer.from(`crash test ${own.acronym}\n`) });
      await assert.rejects(
        storeFilesWith({ db: t.db, dataDir: t.config.dataDir }, [file], (db) =>
          db.transaction(async (tx) => {
            await createDocument(tx, system, { activityId: own.id, kind: 'td', title: 'Half written', access: 'public', files: [file] });
            throw new Error('the process died here');
          }),
        ),
        /the process died here/,
      );
      assert.deepEqual(await documentRows(own.id), []);
      assert.equal(await fileStoreFor(t.config, t.db).has(file.sha256), false);
      assert.deepEqual((await storedFiles(t)).filter((f) => f.startsWith('tmp')), []);
      // The same through the form: an agenda item of no meeting of this activity fails inside the transaction.
      await makeUserIn(own, 'member', member);
      const response = await submit(member, { name: 'crash.txt', bytes: file.bytes }, { title: 'Placed nowhere', agendaItemId: '999999' }, own);
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Choose the meeting as well: an agenda item belongs to one meeting’s agenda\./);
      assert.deepEqual(await documentRows(own.id), []);
      assert.equal(await fileStoreFor(t.config, t.db).has(file.sha256), false);
    });

    it('marks a contribution after the deadline late when the activity accepts late ones, and shows it on the list', async () => {
      const own = await makeActivity(t.db);
      await makeUserIn(own, 'member', member);
      const past = await makeMeeting(own, { contributionDate: '2021-01-15' });
      const response = await submit(member, { name: 'late.pdf', bytes: tinyPdf('late') }, { title: 'A late contribution', meetingId: String(past.id) }, own);
      assert.equal(response.statusCode, 303, response.body);
      const [row] = await documentRows(own.id);
      assert.equal(row?.late, true);
      const list = await member.get(`/activities/${own.acronym}/meetings/${past.number}/documents`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /A late contribution <span class="badge document-status-submitted">Awaiting number<\/span><span class="badge document-late">late<\/span>/);
    });

    it('refuses a contribution after the deadline with its date when the activity refuses late ones', async () => {
      const own = await makeActivity(t.db);
      await makeUserIn(own, 'member', member);
      await updateLateRules(t.db, system, own.id, { lateContributions: 'refuse', lateRegistrations: 'refuse' });
      const past = await makeMeeting(own, { contributionDate: '2021-01-15' });
      const before = await storedFiles(t);
      const response = await submit(member, { name: 'refused.pdf', bytes: tinyPdf('refused') }, { title: 'Too late', meetingId: String(past.id) }, own);
      assert.equal(response.statusCode, 409);
      const when = formatDateTime(new Date('2021-01-15T22:59:00Z'), 'en', 'Europe/Zurich');
      assert.ok(response.body.includes(when.replace(/\u202f/g, ' ')) || response.body.includes(when), `the refusal names the deadline ${when}: ${response.body.slice(0, 2000)}`);
      assert.deepEqual(await documentRows(own.id), []);
      assert.deepEqual(await storedFiles(t), before);
      // On time for a meeting whose deadline has not passed.
      const future = await makeMeeting(own, { contributionDate: '2031-01-15' });
      assert.equal((await submit(member, { name: 'on-time.pdf', bytes: tinyPdf('on time') }, { title: 'On time', meetingId: String(future.id) }, own)).statusCode, 303);
    });

    it('gives members-only documents to those with a role and "not found" to others; observers read but do not submit', async () => {
      const published = await publish({ name: 'members.txt', bytes: Buffer.from('members only text\n') }, { kind: 'td', title: 'Members-only TD', access: 'members', meetingId: String(meeting.id) });
      assert.equal(published.statusCode, 303, published.body);
      const id = idFromLocation(published.headers.location);
      const [file] = await t.db.select().from(documentFiles).where(eq(documentFiles.documentId, id));
      const download = `${docsBase()}/${id}/files/${file!.id}/members.txt`;
      for (const [who, client, status] of [
        ['secretariat', secretariat, 200],
        ['member', member, 200],
        ['observer', observer, 200],
        ['stranger', stranger, 404],
        ['anonymous', anonymous, 404],
      ] as const) {
        assert.equal((await client.get(`${docsBase()}/${id}`)).statusCode, status, `${who} page`);
        assert.equal((await client.get(download)).statusCode, status, `${who} download`);
        const list = await client.get(docsBase());
        assert.equal(list.body.includes('Members-only TD'), status === 200, `${who} list`);
      }
      assert.equal((await observer.get(`${docsBase()}/submit`)).statusCode, 403, 'observers do not submit');
      assert.equal((await submit(observer, { name: 'x.pdf', bytes: tinyPdf() }, { title: 'x' })).statusCode, 403);
      assert.equal((await member.get(`${docsBase()}/new`)).statusCode, 403, 'members do not publish TDs');
      const api = await stranger.api('GET', `/api/v1/activities/${activity.acronym}/documents/${id}`);
      assert.equal(api.statusCode, 404);
    });

    it('serves a download with its type, length, RFC 5987 file name and nosniff', async () => {
      const bytes = Buffer.from('Überblick über QKD — résumé\n');
      const published = await publish({ name: 'Überblick résumé.txt', bytes }, { kind: 'report', title: 'Report with an accented name', access: 'public' });
      assert.equal(published.statusCode, 303, published.body);
      const id = idFromLocation(published.headers.location);
      const [file] = await t.db.select().from(documentFiles).where(eq(documentFiles.documentId, id));
      const response = await anonymous.get(`${docsBase()}/${id}/files/${file!.id}`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(response.headers['content-length'], String(bytes.length));
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['content-disposition'], `attachment; filename="_berblick r_sum_.txt"; filename*=UTF-8''%C3%9Cberblick%20r%C3%A9sum%C3%A9.txt`);
      assert.deepEqual(response.rawPayload, bytes);
      const api = await anonymous.get(`/api/v1/activities/${activity.acronym}/documents/${id}/files/${file!.id}`);
      assert.deepEqual(api.rawPayload, bytes);
    });

    it('keeps revisions: -R1 with its own files, the original still downloadable', async () => {
      const created = await publish({ name: 'v0.txt', bytes: Buffer.from('first version\n') }, { kind: 'td', title: 'Revised TD', access: 'public' });
      const id = idFromLocation(created.headers.location);
      const revised = await secretariat.upload(`${docsBase()}/${id}/revision`, { name: 'v1.txt', type: 'text/plain', bytes: Buffer.from('second version\n') });
      assert.equal(revised.statusCode, 303, revised.body);
      const api = await anonymous.api('GET', `/api/v1/activities/${activity.acronym}/documents/${id}`);
      const body = api.json() as { number: string; baseNumber: string; revision: number; files: { fileName: string }[]; allFiles: { fileName: string; revision: number }[] };
      assert.equal(body.number, `${body.baseNumber}-R1`);
      assert.equal(body.revision, 1);
      assert.deepEqual(body.files.map((f) => f.fileName), ['v1.txt']);
      assert.deepEqual(body.allFiles.map((f) => [f.fileName, f.revision]), [['v1.txt', 1], ['v0.txt', 0]]);
      assert.equal((await member.upload(`${docsBase()}/${id}/revision`, { name: 'v2.txt', type: 'text/plain', bytes: Buffer.from('x\n') })).statusCode, 403, 'only the submitter or the secretariat revises');
    });

    it('zips all documents of a meeting the reader may read, and streams a large one without holding it', async () => {
      const own = await makeActivity(t.db);
      const ownMeeting = await makeMeeting(own);
      const one = await check({ name: 'one.pdf', bytes: tinyPdf('one') });
      const two = await check({ name: 'two.txt', bytes: Buffer.from(`two ${own.acronym}\n`) });
      const secret = await check({ name: 'secret.txt', bytes: Buffer.from(`secret ${own.acronym}\n`) });
      for (const [file, access] of [[one, 'public'], [two, 'public'], [secret, 'members']] as const) {
        await storeFilesWith({ db: t.db, dataDir: t.config.dataDir }, [file], (db) =>
          db.transaction((tx) => createDocument(tx, system, { activityId: own.id, kind: 'td', meetingId: ownMeeting.id, title: file.fileName, access, files: [file] })),
        );
      }
      const response = await anonymous.get(`/activities/${own.acronym}/meetings/${ownMeeting.number}/documents.zip`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/zip');
      const zip = await JSZip.loadAsync(response.rawPayload, { checkCRC32: true });
      const names = Object.keys(zip.files).sort();
      assert.deepEqual(names, [`${formatNumber(own.acronym, 'td', 1)} one.pdf`, `${formatNumber(own.acronym, 'td', 2)} two.txt`]);
      assert.equal(await zip.file(names[1]!)!.async('string'), `two ${own.acronym}\n`);
      assert.deepEqual(Buffer.from(await zip.file(names[0]!)!.async('uint8array')), one.bytes);

      // A 64 MB file written to the store in 1 MB pieces (on PostgreSQL built by the server itself, so this process
      // never holds it), then the ZIP read through a listening server.
      const chunk = Buffer.alloc(1048576, 0x61);
      const hash = createHash('sha256');
      for (let i = 0; i < 64; i++) hash.update(chunk);
      const big = { fileName: 'recording.zip', contentType: 'application/zip', size: 64 * 1048576, sha256: hash.digest('hex') };
      const target = storedFilePath(t.config.dataDir, big.sha256);
      if (engine === 'pglite') {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const fd = fs.openSync(target, 'w');
        for (let i = 0; i < 64; i++) fs.writeSync(fd, chunk);
        fs.closeSync(fd);
      } else {
        await t.db.execute(sql`insert into stored_files (sha256, size, bytes) values (${big.sha256}, ${big.size}, convert_to(repeat('a', ${big.size}), 'UTF8'))`);
      }
      await t.db.transaction((tx) => createDocument(tx, system, { activityId: own.id, kind: 'report', meetingId: ownMeeting.id, title: 'Big', access: 'public', files: [big] }));
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      try {
        // Memory that stays reachable, measured after a full collection every 8 MB: if the server built the ZIP (or
        // read a file) in memory before sending, 64 MB would be held at some point.
        const retained = () => {
          collectGarbage();
          const now = process.memoryUsage();
          return now.arrayBuffers + now.heapUsed;
        };
        // A first request warms the code path up (modules, compiled routes), so the baseline holds what stays anyway.
        const get = (url: string) =>
          new Promise<http.IncomingMessage>((resolve, reject) => http.get(`${address}${url}`, resolve).on('error', reject));
        for await (const _ of await get(`/activities/${own.acronym}/meetings/${ownMeeting.number}/documents.zip?warm-up`)) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
        const baseline = retained();
        let peak = 0;
        let received = 0;
        let nextCheck = 0;
        // node:http reads only as fast as this loop asks (fetch reads ahead into its own buffers, which would count).
        const res = await get(`/activities/${own.acronym}/meetings/${ownMeeting.number}/documents.zip`);
        assert.equal(res.statusCode, 200);
        for await (const part of res as AsyncIterable<Buffer>) {
          received += part.length;
          if (received >= nextCheck) {
            peak = Math.max(peak, retained() - baseline);
            nextCheck += 8 * 1048576;
          }
        }
        assert.ok(received > 64 * 1048576, `the whole ZIP arrived (${received} bytes)`);
        // Well under the file: holding the file or the archive would need all 64 MB at once; the rest is noise (WASM
        // memory of the embedded database; on PostgreSQL each 1 MB chunk arrives as 2 MB of hex text; socket buffers).
        // 32 MB held on a quiet machine; with the other engine's suite beside it, PostgreSQL once reached 34.
        assert.ok(peak < 40 * 1048576, `retained memory grew by ${Math.round(peak / 1048576)} MB while 64 MB went through: it streams`);
      } finally {
        fs.rmSync(target, { force: true });
      }
    });

    it('lets the submitter withdraw a contribution: it keeps its place in the list, marked, and leaves the meeting ZIP', async () => {
      const own = await makeActivity(t.db);
      await makeUserIn(own, 'member', member);
      const ownMeeting = await makeMeeting(own);
      const submitted = await submit(member, { name: 'withdrawn.pdf', bytes: tinyPdf('withdraw me') }, { title: 'To be withdrawn', meetingId: String(ownMeeting.id) }, own);
      const id = idFromLocation(submitted.headers.location);
      assert.equal((await otherMember.post(`/activities/${own.acronym}/documents/${id}/withdraw`, {})).statusCode, 404, 'another member cannot even see it');
      const withdrawn = await member.post(`/activities/${own.acronym}/documents/${id}/withdraw`, {});
      assert.equal(withdrawn.statusCode, 303, withdrawn.body);
      const [row] = await documentRows(own.id);
      assert.equal(row?.status, 'withdrawn');
      assert.ok(row?.withdrawnAt, 'withdrawal time kept');
      const list = await member.get(`/activities/${own.acronym}/meetings/${ownMeeting.number}/documents`);
      assert.match(list.body, /<tr class="document-withdrawn">/);
      assert.match(list.body, /Withdrawn/);
      assert.equal((await member.post(`/activities/${own.acronym}/documents/${id}/withdraw`, {})).statusCode, 403, 'a withdrawn document is not withdrawn twice');
      const zip = await JSZip.loadAsync((await member.get(`/activities/${own.acronym}/meetings/${ownMeeting.number}/documents.zip`)).rawPayload);
      assert.deepEqual(Object.keys(zip.files), []);
      const kinds = (await t.db.select().from(events).where(and(eq(events.subjectType, 'document'), eq(events.subjectId, String(id)))).orderBy(asc(events.id))).map((e) => e.kind);
      assert.deepEqual(kinds, ['document.created', 'document.withdrawn']);
    });

    it('publishes an Atom feed of public documents only, valid XML with an entry per document', async () => {
      const own = await makeActivity(t.db);
      const pub = await check({ name: 'public.txt', bytes: Buffer.from(`public ${own.acronym}\n`) });
      const hidden = await check({ name: 'hidden.txt', bytes: Buffer.from(`hidden ${own.acronym}\n`) });
      await storeFilesWith({ db: t.db, dataDir: t.config.dataDir }, [pub, hidden], (db) =>
        db.transaction(async (tx) => {
          await createDocument(tx, system, { activityId: own.id, kind: 'td', title: 'Quantum <safe> & sound', source: 'ITU-T SG13', access: 'public', files: [pub] });
          await createDocument(tx, system, { activityId: own.id, kind: 'td', title: 'Members only', access: 'members', files: [hidden] });
          await createDocument(tx, system, { activityId: own.id, kind: 'contribution', title: 'Not yet numbered', access: 'public', files: [] });
        }),
      );
      const response = await anonymous.get(`/activities/${own.acronym}/documents.atom`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
      const parser = new SaxesParser({ xmlns: true });
      const titles: string[] = [];
      let root = '';
      let inEntryTitle = false;
      let depth = 0;
      const links: string[] = [];
      parser.on('opentag', (tag) => {
        depth++;
        if (depth === 1) root = `${tag.uri} ${tag.local}`;
        if (tag.local === 'title' && depth === 3) inEntryTitle = true;
        if (tag.local === 'link' && depth === 3 && tag.attributes.rel?.value === 'enclosure') links.push(tag.attributes.href!.value);
      });
      parser.on('text', (text) => {
        if (inEntryTitle) titles.push(text);
      });
      parser.on('closetag', () => {
        depth--;
        inEntryTitle = false;
      });
      parser.write(response.body).close();
      assert.equal(root, 'http://www.w3.org/2005/Atom feed');
      assert.deepEqual(titles, [`${formatNumber(own.acronym, 'td', 1)} Quantum <safe> & sound`]);
      assert.equal(links.length, 1);
      assert.match(links[0]!, new RegExp(`^http://concord\\.test/activities/${own.acronym}/documents/\\d+/files/\\d+/public\\.txt$`));
    });

    it('lists documents through the API with filters, and takes a contribution as multipart', async () => {
      const upload = await member.upload(`/api/v1/activities/${activity.acronym}/documents`, { name: 'api.pdf', type: 'application/pdf', bytes: tinyPdf('api') }, { title: 'Through the API', meetingId: String(meeting.id) });
      assert.equal(upload.statusCode, 201, upload.body);
      const created = upload.json() as { id: number; status: string; number: string | null; origin: string; files: { fileName: string }[] };
      assert.equal(created.status, 'submitted');
      assert.equal(created.origin, 'api');
      assert.deepEqual(created.files.map((f) => f.fileName), ['api.pdf']);
      const list = await member.api('GET', `/api/v1/activities/${activity.acronym}/documents?kind=contribution&meeting=${meeting.number}`);
      assert.equal(list.statusCode, 200);
      const titles = (list.json() as { documents: { title: string }[] }).documents.map((d) => d.title);
      assert.ok(titles.includes('Through the API'), `the submitter sees it: ${titles.join(', ')}`);
      const others = (await otherMember.api('GET', `/api/v1/activities/${activity.acronym}/documents?kind=contribution`)).json() as { documents: { title: string }[] };
      assert.ok(!others.documents.some((d) => d.title === 'Through the API'), 'others do not, until it is numbered');
    });

    it('speaks French to a French reader', async () => {
      const list = await anonymous.get(docsBase(), { 'accept-language': 'fr' });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Flux Atom des nouveaux documents publics/);
      const form = await member.get(`${docsBase()}/submit`, { 'accept-language': 'fr' });
      assert.match(form.body, /Télécharger le modèle de contribution \(DOCX\)/);
      const refused = await member.upload(`${docsBase()}/submit`, { name: 'vide.pdf', type: 'application/pdf', bytes: Buffer.alloc(0) });
      assert.equal(refused.statusCode, 422);
    });

    it('describes the documents API in the OpenAPI document', async () => {
      const response = await anonymous.get('/api/docs');
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      const paths = (response.json() as { paths: Record<string, Record<string, unknown>> }).paths;
      assert.deepEqual(Object.keys(paths['/api/v1/activities/{acronym}/documents'] ?? {}).sort(), ['get', 'post']);
      assert.ok(paths['/api/v1/activities/{acronym}/documents/{id}/files/{fileId}']?.get, 'download');
      assert.ok(paths['/api/v1/activities/{acronym}/documents/{id}/assign']?.post, 'assign');
    });

    it('offers the contribution template as a DOCX whose cover fields are placeholders', async () => {
      const response = await member.get(`${docsBase()}/template.docx?meeting=${meeting.number}`);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-disposition']), /contribution-template\.docx/);
      const { problems } = await checkCoverPage(response.rawPayload, 'en', 'C.docx');
      assert.deepEqual(problems, ['Source is empty', 'Title is empty', 'Purpose is empty', 'Contact is empty', 'Agenda item is empty']);
    });

    it('lists a meeting’s documents for the meeting report through listMeetingDocuments, by access', async () => {
      const forStranger = await listMeetingDocuments(t.db, meeting.id, { viewer: { kind: 'anonymous' } });
      assert.ok(forStranger.every((d) => d.access === 'public' && d.status !== 'submitted'), 'a stranger gets public published documents only');
      const forSecretariat = await listMeetingDocuments(t.db, meeting.id, { viewer: system });
      assert.ok(forSecretariat.length > forStranger.length, 'the secretariat sees members-only and waiting ones too');
    });

    /** Gives `client`'s person a role in another activity (the member client is reused across activities). */
    async function makeUserIn(forActivity: Activity, role: 'member', _client: TestClient) {
      await addMembership(t.db, system, forActivity.id, { personId: memberUser.personId, role }, 'en');
    }
  });
}
