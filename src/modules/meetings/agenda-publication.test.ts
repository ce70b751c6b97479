// An issued agenda becomes a numbered document of its meeting (the documents module's numbering), and each version
// issued after is a new revision of that document with its DOCX and PDF; through the app on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { pdfText, pdfTextMissing } from '../../../test/support/pdf-text.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Activity } from '../activities/activities.ts';
import { documentFiles, documents } from '../documents/schema.ts';
import { createMeeting } from './meetings.ts';

for (const engine of testEngines()) {
  describe(`the issued agenda as a document of the meeting on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let anonymous: TestClient;
    let meetingId: number;
    const page = () => `/activities/${activity.acronym}/meetings/1/agenda`;
    const api = () => `/api/v1/activities/${activity.acronym}/meetings/1/agenda`;
    const agendaDocuments = () =>
      t.db
        .select({ id: documents.id, number: documents.number, revision: documents.revision, title: documents.title, access: documents.access, origin: documents.origin })
        .from(documents)
        .where(and(eq(documents.meetingId, meetingId), eq(documents.kind, 'agenda')));

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      anonymous = new TestClient(t.app);
      meetingId = (await createMeeting(t.db, systemActor('test'), activity.id, meetingFields(), { locale: 'en', baseUrl: t.config.baseUrl })).id;
      for (const title of ['Opening', 'Adoption of the agenda', 'Closing']) {
        assert.equal((await secretariat.api('POST', `${api()}/items`, { title })).statusCode, 201);
      }
    });
    after(() => t.close());

    it('numbers the first issued version as the meeting’s agenda document, with its DOCX and PDF', async () => {
      assert.equal((await member.post(`${page()}/versions`, {})).statusCode, 403);
      assert.equal((await member.api('POST', `${api()}/versions`, {})).statusCode, 403);
      assert.deepEqual(await agendaDocuments(), [], 'nothing before it is issued');
      const issued = await secretariat.post(`${page()}/versions`, { note: 'First draft' });
      assert.equal(issued.statusCode, 303, issued.body);
      const [document] = await agendaDocuments();
      assert.ok(document);
      assert.equal(document.number, `${activity.acronym}-A-001`);
      assert.equal(document.revision, 0);
      assert.equal(document.title, 'Agenda of the meeting 1 of ' + activity.acronym);
      assert.equal(document.access, 'public');
      assert.equal(document.origin, 'system');
      const files = await t.db.select({ fileName: documentFiles.fileName, revision: documentFiles.revision }).from(documentFiles).where(eq(documentFiles.documentId, document.id)).orderBy(asc(documentFiles.id));
      assert.deepEqual(files, [
        { fileName: `${activity.acronym}-meeting-1-agenda-v1.docx`, revision: 0 },
        { fileName: `${activity.acronym}-meeting-1-agenda-v1.pdf`, revision: 0 },
      ]);
      // Anyone reading the activity finds it among the meeting's documents and opens its files.
      const listing = await anonymous.get(`/activities/${activity.acronym}/meetings/1/documents`);
      assert.match(listing.body, new RegExp(`${activity.acronym}-A-001`));
      const shown = await anonymous.get(`/activities/${activity.acronym}/documents/${document.id}`);
      assert.equal(shown.statusCode, 200);
      const links = [...shown.body.matchAll(/href="([^"]+\/files\/\d+[^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
      const docxLink = links.find((l) => l.endsWith('.docx'));
      const pdfLink = links.find((l) => l.endsWith('.pdf'));
      assert.ok(docxLink && pdfLink, `file links in the page: ${links.join(', ')}`);
      const docx = await anonymous.get(docxLink);
      assert.equal(docx.statusCode, 200);
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
      for (const text of ['Adoption of the agenda', 'Closing']) assert.ok(xml.includes(text), `the DOCX holds "${text}"`);
      if (!pdfTextMissing) assert.match(pdfText((await anonymous.get(pdfLink)).rawPayload), /Opening .*Adoption of the agenda .*Closing/);
      const history = await secretariat.get(`/activities/${activity.acronym}/history`);
      assert.match(history.body, new RegExp(`agenda version 1 issued as a draft \\(document ${activity.acronym}-A-001\\)`, 'i'));
    });

    it('gives the document a new revision when the agenda is issued again, by a chair too; unchanged, nothing is issued', async () => {
      assert.equal((await chair.api('POST', `${api()}/versions`, {})).statusCode, 409, 'nothing changed');
      assert.equal((await secretariat.api('POST', `${api()}/items`, { title: 'Any other business' })).statusCode, 201);
      const issued = await chair.api('POST', `${api()}/versions`, { note: 'AOB added' });
      assert.equal(issued.statusCode, 201, issued.body);
      const all = await agendaDocuments();
      assert.equal(all.length, 1, 'still one agenda document');
      assert.equal(all[0]?.revision, 1);
      const files = await t.db.select({ fileName: documentFiles.fileName, revision: documentFiles.revision }).from(documentFiles).where(eq(documentFiles.documentId, all[0]!.id)).orderBy(asc(documentFiles.id));
      assert.deepEqual(files.filter((f) => f.revision === 1).map((f) => f.fileName), [`${activity.acronym}-meeting-1-agenda-v2.docx`, `${activity.acronym}-meeting-1-agenda-v2.pdf`]);
      const listing = await anonymous.get(`/activities/${activity.acronym}/meetings/1/documents`);
      assert.match(listing.body, new RegExp(`${activity.acronym}-A-001-R1`));
    });
  });
}
