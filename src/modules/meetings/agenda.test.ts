// The agenda through HTTP on each engine: template, editing forms, versions and adoption, access, documents, downloads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, desc, eq, like } from 'drizzle-orm';
import JSZip from 'jszip';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { createDocument } from '../documents/documents.ts';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { createMeeting } from './meetings.ts';
import { agendaItems } from './proceedings-schema.ts';

type WorkingItem = { id: number; number: string; title: string; titleFr: string | null; depth: number; children: WorkingItem[] };
const flat = (items: WorkingItem[]): WorkingItem[] => items.flatMap((i) => [i, ...flat(i.children)]);

for (const engine of testEngines()) {
  describe(`agenda on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let anonymous: TestClient;
    let meetingId: number;
    const page = () => `/activities/${activity.acronym}/meetings/1/agenda`;
    const api = () => `/api/v1/activities/${activity.acronym}/meetings/1/agenda`;
    const working = async () => {
      const response = await secretariat.api('GET', api());
      assert.equal(response.statusCode, 200, response.body);
      return flat((response.json() as { working: WorkingItem[] }).working);
    };
    const itemNamed = async (title: string) => {
      const item = (await working()).find((i) => i.title === title);
      assert.ok(item, `item "${title}" is in the working agenda`);
      return item;
    };

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id, name: 'Carla Chair' })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      anonymous = new TestClient(t.app);
      const meeting = await createMeeting(t.db, systemActor('test'), activity.id, meetingFields(), { locale: 'en', baseUrl: t.config.baseUrl });
      meetingId = meeting.id;
    });
    after(async () => {
      await t.close();
    });

    it('gives a new meeting the standard JCA agenda as its working agenda, recorded as started', async () => {
      const items = await working();
      assert.deepEqual(items.map((i) => `${i.number} ${i.title}`).slice(0, 3), ['1 Opening', '2 Adoption of the agenda', '3 Review of the terms of reference and working methods']);
      assert.equal(items.length, 10, 'the whole standard agenda is there');
      const shown = await secretariat.get(page());
      assert.equal(shown.statusCode, 200);
      assert.doesNotMatch(shown.body, /The agenda has no items yet/);
      assert.doesNotMatch(shown.body, /Start the agenda from the activity’s template/, 'no start button on an agenda that has items');
      const again = await secretariat.post(`${page()}/start`, {});
      assert.equal(again.statusCode, 409, 'a started agenda is not started twice');
      assert.match(again.body, /The agenda already has items/);
      const started = await t.db.select({ summary: events.summary, after: events.after }).from(events).where(and(eq(events.subjectType, 'meeting'), eq(events.subjectId, String(meetingId)), eq(events.kind, 'agenda.started')));
      assert.equal(started.length, 1, 'one agenda.started event for the new meeting');
      assert.deepEqual(started[0]!.after, { items: 10 });
      assert.match(started[0]!.summary, /agenda started from the standard JCA template/);
    });

    it('adds items and sub-items, edits, moves and deletes them through forms, renumbering as it goes', async () => {
      const reviews = await itemNamed('Review of standardization activities in ITU-T study groups, other SDOs and forums');
      assert.equal(reviews.number, '4');
      let response = await secretariat.post(`${page()}/items`, { parentId: String(reviews.id), title: 'ITU-T SG13', notes: '' });
      assert.equal(response.statusCode, 303, response.body);
      response = await secretariat.post(`${page()}/items`, { parentId: String(reviews.id), title: 'ETSI ISG QKD', notes: 'Presented by the liaison officer' });
      assert.equal(response.statusCode, 303, response.body);
      const etsi = await itemNamed('ETSI ISG QKD');
      assert.equal(etsi.number, '4.2');
      response = await secretariat.post(`${page()}/items/${etsi.id}/move`, { direction: 'up' });
      assert.equal(response.statusCode, 303, response.body);
      assert.equal((await itemNamed('ETSI ISG QKD')).number, '4.1');
      assert.equal((await itemNamed('ITU-T SG13')).number, '4.2');
      response = await secretariat.post(`${page()}/items/${etsi.id}/move`, { direction: 'up' });
      assert.equal(response.statusCode, 422, 'the first sub-item cannot go up');
      assert.match(response.body, /already the first at its level/);

      // The whole item 4 moves below 5, its sub-items with it.
      response = await secretariat.post(`${page()}/items/${reviews.id}/move`, { direction: 'down' });
      assert.equal(response.statusCode, 303);
      assert.equal((await itemNamed('ETSI ISG QKD')).number, '5.1');

      response = await secretariat.post(`${page()}/items/${etsi.id}`, { title: 'ETSI ISG QKD and CEN-CENELEC', notes: '' });
      assert.equal(response.statusCode, 303, response.body);
      const renamed = await itemNamed('ETSI ISG QKD and CEN-CENELEC');
      assert.equal(renamed.id, etsi.id, 'the id is stable across edits and moves');

      response = await secretariat.post(`${page()}/items`, { parentId: '', title: '', notes: '' });
      assert.equal(response.statusCode, 422, 'a title is required');
      assert.match(response.body, /id="error-title"/);

      const extra = (await working()).length;
      response = await secretariat.post(`${page()}/items`, { title: 'Temporary item' });
      assert.equal(response.statusCode, 303);
      const temporary = await itemNamed('Temporary item');
      assert.equal(temporary.number, '11', 'a new top-level item goes last');
      response = await secretariat.post(`${page()}/items/${temporary.id}/delete`, {});
      assert.equal(response.statusCode, 303);
      assert.equal((await working()).length, extra);

      const kinds = await t.db.select({ kind: events.kind }).from(events).where(and(eq(events.subjectType, 'meeting'), eq(events.subjectId, String(meetingId)), like(events.kind, 'agenda.%'))).orderBy(asc(events.id));
      assert.deepEqual(
        kinds.map((e) => e.kind),
        ['agenda.started', 'agenda.item_added', 'agenda.item_added', 'agenda.item_moved', 'agenda.item_moved', 'agenda.item_updated', 'agenda.item_added', 'agenda.item_deleted'],
      );
    });

    it('keeps an item’s French title beside its English one: from the standard agenda, edited in the form, in the history', async () => {
      const opening = await itemNamed('Opening');
      assert.equal(opening.titleFr, 'Ouverture de la réunion', 'the standard JCA agenda comes with French titles');
      const form = await secretariat.get(`${page()}/items/${opening.id}`);
      assert.match(form.body, /<label for="field-titleFr">Title \(French\)/);
      assert.match(form.body, /value="Ouverture de la réunion"/);
      let response = await secretariat.post(`${page()}/items/${opening.id}`, { title: 'Opening', titleFr: 'Ouverture', notes: '' });
      assert.equal(response.statusCode, 303, response.body);
      assert.equal((await itemNamed('Opening')).titleFr, 'Ouverture');
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'agenda.item_updated'), eq(events.subjectId, String(meetingId)))).orderBy(desc(events.id)).limit(1);
      assert.deepEqual([event?.before, event?.after], [{ number: '1', titleFr: 'Ouverture de la réunion' }, { number: '1', titleFr: 'Ouverture' }]);
      const history = (await secretariat.get(`/activities/${activity.acronym}/history`)).body;
      assert.ok(history.includes('<strong>Title (French)</strong>: <del>Ouverture de la réunion</del> → <ins>Ouverture</ins>'), 'the French title’s change, by its label');
      response = await secretariat.post(`${page()}/items/${opening.id}`, { title: 'Opening', titleFr: '', notes: '' });
      assert.equal(response.statusCode, 303);
      assert.equal((await itemNamed('Opening')).titleFr, null, 'a blank French title is cleared');
      const added = await secretariat.api('POST', `${api()}/items`, { title: 'Closing remarks', titleFr: 'Remarques finales' });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal(added.json().titleFr, 'Remarques finales');
      assert.equal((await secretariat.post(`${page()}/items/${added.json().id}/delete`, {})).statusCode, 303);
    });

    it('refuses sub-items deeper than three levels', async () => {
      const parent = await itemNamed('ETSI ISG QKD and CEN-CENELEC');
      const level3 = await secretariat.api('POST', `${api()}/items`, { parentId: parent.id, title: 'GS QKD 016' });
      assert.equal(level3.statusCode, 201, level3.body);
      assert.equal(level3.json().number, '5.1.1');
      const level4 = await secretariat.api('POST', `${api()}/items`, { parentId: level3.json().id, title: 'Too deep' });
      assert.equal(level4.statusCode, 422);
      assert.equal(level4.json().error.details.fields.parentId, 'Sub-items go three levels deep at most (5.1.1).');
    });

    it('keeps members, observers and strangers out of the editing', async () => {
      const item = await itemNamed('Opening');
      assert.equal((await member.post(`${page()}/items`, { title: 'Sneaky' })).statusCode, 403);
      assert.equal((await member.post(`${page()}/items/${item.id}/delete`, {})).statusCode, 403);
      assert.equal((await member.api('POST', `${api()}/items/${item.id}/move`, { direction: 'down' })).statusCode, 403);
      assert.equal((await member.get(`${page()}/items/${item.id}`)).statusCode, 403);
      assert.equal((await anonymous.post(`${page()}/versions`, {})).statusCode, 403);
      const seen = await member.api('GET', api());
      assert.equal(seen.statusCode, 200);
      assert.equal(seen.json().working, null, 'members do not see the working agenda');
      assert.deepEqual(seen.json().allowedActions, []);
      const memberPage = await member.get(page());
      assert.match(memberPage.body, /No agenda has been issued for this meeting yet/);
      assert.doesNotMatch(memberPage.body, /Working agenda/);
    });

    it('issues versions as drafts and lets the chair (not the secretariat) adopt the latest', async () => {
      let response = await secretariat.post(`${page()}/versions`, { note: 'First draft' });
      assert.equal(response.statusCode, 303, response.body);
      response = await secretariat.post(`${page()}/versions`, { note: '' });
      assert.equal(response.statusCode, 409, 'nothing changed since version 1');
      assert.match(response.body, /Nothing changed since version 1/);

      const publicDraft = await anonymous.get(page());
      assert.match(publicDraft.body, /Draft agenda of the 1st/);
      assert.match(publicDraft.body, /ETSI ISG QKD and CEN-CENELEC/);

      await secretariat.api('PATCH', `${api()}/items/${(await itemNamed('Opening')).id}`, { notes: 'Welcome by the chair' });
      response = await secretariat.post(`${page()}/versions`, { note: 'Notes added' });
      assert.equal(response.statusCode, 303);

      assert.equal((await secretariat.post(`${page()}/versions/2/adopt`, {})).statusCode, 403, 'the secretariat prepares, the chair adopts');
      assert.equal((await member.api('POST', `${api()}/versions/2/adopt`)).statusCode, 403);
      const old = await chair.api('POST', `${api()}/versions/1/adopt`);
      assert.equal(old.statusCode, 409);
      assert.equal(old.json().error.message, 'Only the latest version (2) can be adopted.');
      const chairPage = await chair.get(page());
      assert.match(chairPage.body, /Adopt version 2/);
      response = await chair.post(`${page()}/versions/2/adopt`, {});
      assert.equal(response.statusCode, 303, response.body);
      const twice = await chair.api('POST', `${api()}/versions/2/adopt`);
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().error.message, 'Version 2 is already adopted.');
      // The history names the version's states in the reader's language, not by their codes.
      const frenchHistory = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      frenchHistory.setCookie('concord_locale=fr');
      const history = (await frenchHistory.get(`/activities/${activity.acronym}/history`)).body;
      assert.ok(history.includes('<del>projet</del> → <ins>adopté</ins>'), 'the adoption as French words');

      const agenda = (await anonymous.api('GET', api())).json();
      assert.equal(agenda.published.version, 2);
      assert.equal(agenda.published.status, 'adopted');
      assert.equal(agenda.published.adoptedBy, 'Carla Chair');
      assert.deepEqual(agenda.versions.map((v: { version: number }) => v.version), [2], 'readers see the published version only');
      const publicPage = await anonymous.get(page());
      assert.match(publicPage.body, /Agenda of the 1st/);
      assert.match(publicPage.body, /Welcome by the chair/);
      assert.match(publicPage.body, /Adopted by Carla Chair/);
      // Earlier versions stay readable for those who prepare the agenda; readers only ever get the published one.
      const first = await secretariat.get(`${page()}?version=1`);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /You are looking at version 1, not the one readers see\./);
      const shownVersion = first.body.slice(first.body.indexOf('aria-labelledby="published-agenda"'), first.body.indexOf('aria-labelledby="working-heading"'));
      assert.match(shownVersion, /Version 1 \(draft\)/);
      assert.doesNotMatch(shownVersion, /Welcome by the chair/, 'version 1 had no notes on the opening');
      assert.equal((await anonymous.get(`${page()}?version=1`)).statusCode, 404);
      assert.equal((await secretariat.get(`${page()}?version=7`)).statusCode, 404);
      const firstDocx = await secretariat.get(`${page()}.docx?version=1`);
      assert.match(String(firstDocx.headers['content-disposition']), /-agenda-v1\.docx/);
      const readerDocx = await anonymous.get(`${page()}.docx?version=1`);
      assert.match(String(readerDocx.headers['content-disposition']), /-agenda-v2\.docx/);
      const french = new TestClient(t.app, 'concord_locale=fr');
      const frenchPage = await french.get(page());
      assert.match(frenchPage.body, /Ordre du jour de la 1re réunion de/);
      assert.match(frenchPage.body, /Adopté par Carla Chair/);
    });

    it('publishes the adopted agenda as DOCX and PDF', async () => {
      const docx = await anonymous.get(`${page()}.docx`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.match(String(docx.headers['content-disposition']), new RegExp(`${activity.acronym}-meeting-1-agenda-v2\\.docx`));
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
      for (const title of ['Agenda of the 1st', 'Adoption of the agenda', 'ETSI ISG QKD and CEN-CENELEC', 'GS QKD 016', 'Welcome by the chair']) {
        assert.ok(xml.includes(title), `the DOCX holds "${title}"`);
      }
      const pdf = await anonymous.get(`${page()}.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const none = await anonymous.get(`/activities/${activity.acronym}/meetings/99/agenda.pdf`);
      assert.equal(none.statusCode, 404);
    });

    it('links documents of the meeting to items and refuses to delete an item that has some', async () => {
      const created = await t.db.transaction((tx) =>
        createDocument(tx, systemActor('test'), { activityId: activity.id, kind: 'td', meetingId, title: 'Draft QKDN roadmap', access: 'public', files: [] }),
      );
      const item = await itemNamed('ITU-T SG13');
      const form = await secretariat.get(`${page()}/items/${item.id}`);
      assert.match(form.body, new RegExp(`${created.number} Draft QKDN roadmap`));
      let response = await secretariat.post(`${page()}/items/${item.id}/documents`, { documentId: String(created.id) });
      assert.equal(response.statusCode, 303, response.body);
      const [row] = await t.db.select().from(agendaItems).where(eq(agendaItems.id, item.id));
      assert.ok(row, 'the item exists');
      response = await secretariat.post(`${page()}/items/${item.id}/delete`, {});
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /has minutes, decisions, action items or documents/);
      response = await secretariat.post(`${page()}/items/${item.id}/documents`, { documentId: '999999' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /not a document of this meeting/);
      // Documents are linked live: the published agenda shows them under their item without a new version.
      assert.equal((await secretariat.post(`${page()}/versions`, { note: 'Documents' })).statusCode, 409, 'a link does not change the agenda itself');
      const publicPage = await anonymous.get(page());
      assert.match(publicPage.body, new RegExp(`${created.number}</a> Draft QKDN roadmap`));
      response = await secretariat.post(`${page()}/items/${item.id}/documents/${created.id}/unlink`, {});
      assert.equal(response.statusCode, 303);
      // The same through the API, and refused to a member.
      assert.equal((await member.api('POST', `${api()}/items/${item.id}/documents`, { documentId: created.id })).statusCode, 403);
      assert.equal((await secretariat.api('POST', `${api()}/items/${item.id}/documents`, { documentId: created.id })).statusCode, 204);
      assert.match((await anonymous.get(page())).body, new RegExp(`${created.number}</a> Draft QKDN roadmap`));
      assert.equal((await secretariat.api('DELETE', `${api()}/items/${item.id}/documents/${created.id}`)).statusCode, 204);
      assert.doesNotMatch((await anonymous.get(page())).body, new RegExp(`${created.number}</a>`));
      response = await secretariat.post(`${page()}/items/${item.id}/delete`, {});
      assert.equal(response.statusCode, 303, 'without documents the item can go');
    });

    it('hides the proceedings of a members-only activity from those without a role', async () => {
      const closed = await makeActivity(t.db, { visibility: 'members' });
      await createMeeting(t.db, systemActor('test'), closed.id, meetingFields(), { locale: 'en', baseUrl: t.config.baseUrl });
      for (const path of ['agenda', 'agenda.pdf', 'minutes', 'report']) {
        assert.equal((await anonymous.get(`/activities/${closed.acronym}/meetings/1/${path}`)).statusCode, 404, `${path} is not found for a visitor`);
        assert.equal((await member.get(`/activities/${closed.acronym}/meetings/1/${path}`)).statusCode, 404, `${path} is not found for a member of another activity`);
      }
      assert.equal((await secretariat.api('POST', `/api/v1/activities/${closed.acronym}/meetings/1/agenda/start`)).statusCode, 404);
    });

    it('keeps the activity’s template, refusing bad lines with their number', async () => {
      const templatePage = `/activities/${activity.acronym}/meetings/agenda-template`;
      assert.equal((await member.get(templatePage)).statusCode, 403);
      const shown = await secretariat.get(templatePage);
      assert.match(shown.body, /no template of its own yet/);
      let response = await secretariat.post(templatePage, { text: '1 Opening\n1.1.1 Welcome\n2 Closing' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Line 2: a sub-item needs an item above it one level up/);
      response = await secretariat.post(templatePage, { text: '1 Opening\n2 Adoption of the agenda\n3 Roadmap\n  3.1 Review of the roadmap\n4 Closing' });
      assert.equal(response.statusCode, 303, response.body);
      const own = await member.api('GET', `/api/v1/activities/${activity.acronym}/agenda-template`);
      assert.equal(own.statusCode, 200);
      assert.equal(own.json().own, true);
      assert.equal(own.json().text, '1 Opening\n2 Adoption of the agenda\n3 Roadmap\n  3.1 Review of the roadmap\n4 Closing');
      // A new meeting starts from it, at once.
      const ownTemplate = ['1 Opening', '2 Adoption of the agenda', '3 Roadmap', '3.1 Review of the roadmap', '4 Closing'];
      await createMeeting(t.db, systemActor('test'), activity.id, meetingFields({ title: 'Second meeting', startDate: '2026-03-02', endDate: '2026-03-02' }), { locale: 'en', baseUrl: t.config.baseUrl });
      const second = `/api/v1/activities/${activity.acronym}/meetings/2/agenda`;
      const fresh = await secretariat.api('GET', second);
      assert.equal(fresh.statusCode, 200, fresh.body);
      assert.deepEqual(flat(fresh.json().working).map((i: WorkingItem) => `${i.number} ${i.title}`), ownTemplate);
      // An agenda emptied item by item offers the template again, and starts from it.
      for (const item of fresh.json().working as WorkingItem[]) {
        assert.equal((await secretariat.post(`/activities/${activity.acronym}/meetings/2/agenda/items/${item.id}/delete`, {})).statusCode, 303);
      }
      const emptied = await secretariat.get(`/activities/${activity.acronym}/meetings/2/agenda`);
      assert.match(emptied.body, /The agenda has no items yet/);
      assert.match(emptied.body, /Start the agenda from the activity’s template/);
      assert.equal((await member.api('POST', `${second}/start`)).statusCode, 403, 'members do not start agendas');
      const started = await secretariat.api('POST', `${second}/start`);
      assert.equal(started.statusCode, 200, started.body);
      assert.deepEqual(flat(started.json().working).map((i: WorkingItem) => `${i.number} ${i.title}`), ownTemplate);
      // Meeting 1's agenda, as edited, becomes the template instead.
      assert.equal((await member.post(`${page()}/save-as-template`, {})).statusCode, 403);
      const saved = await secretariat.post(`${page()}/save-as-template`, {});
      assert.equal(saved.statusCode, 303, saved.body);
      const template = (await member.api('GET', `/api/v1/activities/${activity.acronym}/agenda-template`)).json();
      assert.deepEqual(template.text.split('\n').slice(3, 6), ['4 Review of contributions and incoming liaison statements', '5 Review of standardization activities in ITU-T study groups, other SDOs and forums', '  5.1 ETSI ISG QKD and CEN-CENELEC']);
      assert.equal(template.items[0].notes, 'Welcome by the chair');
    });
  });
}
