// The demo's agendas: the standard JCA agendas of seed-activities.md as templates and as the first meetings' agendas.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';

for (const engine of testEngines()) {
  describe(`demo agendas on ${engine}`, () => {
    let t: TestApp;
    let anonymous: TestClient;
    const agenda = async (acronym: string, number: number) => {
      const response = await anonymous.api('GET', `/api/v1/activities/${acronym}/meetings/${number}/agenda`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { published: { version: number; status: string; items: { number: string; title: string }[] } | null };
    };

    before(async () => {
      t = await createTestApp(engine, {}, undefined, { demo: true });
      anonymous = new TestClient(t.app);
    });
    after(async () => {
      await t.close();
    });

    it('gives JCA-QKDN’s first meeting its 13-item agenda, adopted', async () => {
      const { published } = await agenda('JCA-QKDN', 1);
      assert.equal(published?.status, 'adopted');
      assert.equal(published?.items.length, 13);
      assert.deepEqual(published?.items.slice(7, 9).map((i) => `${i.number} ${i.title}`), ['8 Review of an action plan for QKDN standardization', '9 Next steps']);
      assert.equal(published?.items.at(-1)?.title, 'Closing');
    });

    it('gives JCA-MV’s first meeting its 15-item agenda, adopted, and the upcoming meeting a draft from the template', async () => {
      const first = (await agenda('JCA-MV', 1)).published;
      assert.equal(first?.status, 'adopted');
      assert.equal(first?.items.length, 15);
      assert.equal(first?.items[9]?.title, 'Appointment of JCA-MV liaison representatives');
      const upcoming = (await agenda('JCA-MV', 2)).published;
      assert.equal(upcoming?.status, 'draft');
      assert.deepEqual(upcoming?.items.map((i) => i.title), first?.items.map((i) => i.title));
      const template = await anonymous.api('GET', '/api/v1/activities/JCA-MV/agenda-template');
      assert.equal(template.json().own, true);
      assert.equal(template.json().items.length, 15);
      const page = await anonymous.get('/activities/JCA-QKDN/meetings/1/agenda');
      assert.match(page.body, /Agenda of the 1st JCA-QKDN meeting/);
    });
  });
}
