// Requests no form sends, which once answered 500 (issue 13, defect 6): each is now a 400 or 413 naming what is wrong.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Activity } from '../src/modules/activities/activities.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { TestClient } from './support/client.ts';
import { testEngines } from './support/database.ts';
import { makeActivity, makeUser } from './support/factories.ts';

const nul = 'This text contains an invisible NUL character, which cannot be stored. Remove it and try again.';
const tooDeep = 'The body nests values more than 64 levels deep, more than any form or API call of Concord needs.';
const brokenForm = 'The form could not be read: it was cut short or is not a well-formed multipart form. Send it again.';
const tooManyParts = 'The form has too many parts: at most 50 fields and 10 files are accepted.';

/** A multipart body of `fields` text fields and `files` small files, with the client's CSRF token sent as a header. */
function multipart(fields: number, files: number) {
  const parts = [];
  for (let i = 0; i < fields; i++) parts.push(`--XX\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`);
  for (let i = 0; i < files; i++) parts.push(`--XX\r\nContent-Disposition: form-data; name="file"; filename="${i}.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`);
  return `${parts.join('')}--XX--\r\n`;
}

for (const engine of testEngines()) {
  describe(`hostile requests on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let member: TestClient;
    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
    });
    after(() => t.close());

    it('answers a NUL in the documents search with a 400 naming the field, on the page and the API', async () => {
      const page = await member.get(`/activities/${activity.acronym}/documents?q=a%00b`);
      assert.equal(page.statusCode, 400);
      assert.ok(page.body.includes(nul), page.body.slice(0, 300));
      const api = await member.get(`/api/v1/activities/${activity.acronym}/documents?q=%00`, { accept: 'application/json' });
      assert.equal(api.statusCode, 400);
      assert.deepEqual(api.json().error.details.fields, { q: nul });
    });

    it('refuses JSON nested 100,000 deep, anonymous on the sign-in form, with a 400', async () => {
      const anonymous = new TestClient(t.app);
      await anonymous.get('/sign-in');
      for (const payload of ['['.repeat(100_000) + ']'.repeat(100_000), `{"email":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`]) {
        const started = performance.now();
        const response = await anonymous.send({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/json', accept: 'application/json' }, payload });
        const ms = performance.now() - started;
        assert.equal(response.statusCode, 400);
        // Refused before parsing (V8 alone takes 0.7 s to parse it); the bound leaves room for a loaded machine.
        assert.ok(ms < 2000, `refused in ${ms} ms`);
        assert.equal(response.json().error.message, tooDeep);
      }
      // 64 levels are still read (and refused for what they say, not for their shape).
      const fine = await anonymous.send({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/json' }, payload: `{"email":${'['.repeat(60)}${']'.repeat(60)}}` });
      assert.equal(fine.statusCode, 401);
    });

    it('answers a truncated multipart body and one without a boundary with a 400', async () => {
      const url = `/activities/${activity.acronym}/documents/submit`;
      const truncated = await member.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'multipart/form-data; boundary=XX' },
        // Cut in the middle of the file, as when a browser's connection drops during an upload.
        payload: '--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nA title\r\n--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello wor',
      });
      assert.equal(truncated.statusCode, 400, truncated.body.replace(/<[^>]+>/g, " ").slice(-1500));
      assert.ok(truncated.body.includes(brokenForm), truncated.body.slice(0, 300));
      const noBoundary = await member.send({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data', accept: 'application/json' }, payload: multipart(1, 0) });
      assert.equal(noBoundary.statusCode, 400);
      assert.equal(noBoundary.json().error.message, brokenForm);
    });

    it('answers more than 50 fields or 10 files with a 413 of its own code, not "file too large"', async () => {
      const url = `/activities/${activity.acronym}/documents/submit`;
      for (const [fields, files] of [[60, 0], [1, 11]] as const) {
        const response = await member.send({
          method: 'POST',
          url,
          headers: { 'content-type': 'multipart/form-data; boundary=XX', accept: 'application/json' },
          payload: multipart(fields, files),
        });
        assert.equal(response.statusCode, 413, `${fields} fields, ${files} files`);
        assert.equal(response.json().error.code, 'too_many_parts');
        assert.equal(response.json().error.message, tooManyParts);
      }
    });

    // Found by test/hostile-input.test.ts (fast-check seed 12345): zod reads "0000-01-01" as a date, PostgreSQL has
    // no year 0, and saving the circular facts with it answered 500.
    it('refuses the year 0 in a date with a 422 naming the field, on the API and the form, and stores nothing', async () => {
      const secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      const yearZero = 'There is no year 0: give a date from the year 1 on.';
      const api = await secretariat.api('PUT', `/api/v1/activities/${activity.acronym}/circulars/facts`, { foundedTo: '0000-01-01' });
      assert.equal(api.statusCode, 422, api.body.slice(0, 300));
      assert.deepEqual(api.json().error.details.fields, { foundedTo: yearZero });
      const meeting = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/meetings`, {
        title: 'Year zero', mode: 'virtual', timeZone: 'UTC', startDate: '0000-01-01', startTime: '10:00', endDate: '0000-01-01', endTime: '11:00',
      });
      assert.equal(meeting.statusCode, 422, meeting.body.slice(0, 300));
      assert.equal(meeting.json().error.details.fields.startDate, yearZero);
      await secretariat.get(`/activities/${activity.acronym}/circulars/facts`);
      const form = await secretariat.post(`/activities/${activity.acronym}/circulars/facts`, { foundedFrom: '0000-12-31' });
      assert.equal(form.statusCode, 422);
      assert.ok(form.body.includes(yearZero), form.body.replace(/<[^>]+>/g, ' ').slice(0, 300));
      assert.equal((await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/meetings`)).json().length ?? 0, 0);
    });

    // Three 500s the hostile-input properties found (seeds 1338310167 and 1340154740).
    it('refuses half a UTF-16 pair, an id past PostgreSQL\'s integer, and a NUL in an imported JSON body with a 422 naming the field', async () => {
      const secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      const halfPair = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/gaps`, { title: 'Broken \ud800 title' });
      assert.equal(halfPair.statusCode, 422, halfPair.body.slice(0, 300));
      assert.deepEqual(halfPair.json().error.details.fields, { title: 'This text contains a broken character (half of a UTF-16 pair), which cannot be stored. Remove it or type the character again.' });
      const person = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/contacts`, { role: 'study_group_representative', personId: 2_147_483_648 });
      assert.equal(person.statusCode, 422, person.body.slice(0, 300));
      assert.equal(person.json().error.details.fields.personId, 'Choose one from the list.');
      const role = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/memberships`, { role: 'chair', personId: 2_147_483_648, since: null });
      assert.equal(role.statusCode, 422, role.body.slice(0, 300));
      assert.equal(role.json().error.details.fields.personId, 'Choose one from the list.');
      // An id past PostgreSQL's integer in an address is refused by the route's schema, before any query.
      for (const address of ['/api/v1/people/2147483648', '/api/v1/organizations/2147483648', `/api/v1/activities/${activity.acronym}/tor/2147483648`]) {
        const answer = await secretariat.api('GET', address);
        assert.equal(answer.statusCode, 422, `${address}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
      }
      // The import answers its own 422 with a plan: a body refused before it is read gets the error, not a 500.
      const imported = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/roadmap/import?dryRun=false`, [{ identifier: 'X.1', title: 'a\u0000b' }]);
      assert.equal(imported.statusCode, 422, imported.body.slice(0, 300));
      assert.deepEqual(imported.json().error.details.fields, { '0.title': nul });
      assert.equal((await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/gaps`)).json().length ?? 0, 0);
    });
  });
}
