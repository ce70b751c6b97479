// A module plugs in through its manifest alone: this test declares a throwaway module with one page, one job kind and
// one history wording, hands it to the app beside Concord's own, and finds each of them working — nothing central
// was edited for it. (A real module also adds itself to src/modules/index.ts, and its tables to src/db/schema.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { concordModules } from '../src/modules/index.ts';
import { systemActor } from '../src/platform/actor.ts';
import { recordEvent } from '../src/platform/events.ts';
import { enqueueJob, runDueJobs } from '../src/platform/jobs.ts';
import { type ConcordModule, jobHandlersOf } from '../src/platform/module-manifest.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { TestClient } from './support/client.ts';
import { testEngines } from './support/database.ts';
import { makeActivity, makeUser } from './support/factories.ts';

for (const engine of testEngines()) {
  describe(`a module plugged in by its manifest on ${engine}`, () => {
    let t: TestApp;
    const pinged: unknown[] = [];
    const throwaway: ConcordModule = {
      name: 'throwaway',
      routes(app) {
        app.get('/throwaway', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<p>Throwaway page</p>'));
      },
      jobs: {
        'throwaway.ping': async (payload) => {
          pinged.push(payload);
        },
      },
      history: {
        wordings: (locale) => ({ 'throwaway.noted': (_before, after) => (locale === 'fr' ? `Noté : ${String(after.what)}` : `Noted: ${String(after.what)}`) }),
      },
    };
    const modules = [...concordModules, throwaway];

    before(async () => {
      t = await createTestApp(engine, {}, modules);
    });
    after(() => t.close());

    it('serves its page', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/throwaway' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '<p>Throwaway page</p>');
    });

    it('runs its job through the handlers the worker gathers from the modules', async () => {
      await enqueueJob(t.db, { kind: 'throwaway.ping', payload: { n: 1 } });
      assert.equal(await runDueJobs(t.db, jobHandlersOf(modules), { config: t.config }), 1);
      assert.deepEqual(pinged, [{ n: 1 }]);
    });

    it('refuses two modules that claim the same job kind', () => {
      assert.throws(() => jobHandlersOf([throwaway, { ...throwaway, name: 'copy' }]), /Two modules handle the job kind "throwaway.ping" \(the second is copy\)/);
    });

    it('words its events on the activity history in the reader’s language', async () => {
      const activity = await makeActivity(t.db);
      await t.db.transaction((tx) =>
        recordEvent(tx, systemActor('test'), { kind: 'throwaway.noted', subjectType: 'activity', subjectId: activity.id, activityId: activity.id, summary: 'stored summary', after: { what: 'a plug-in' } }),
      );
      const secretariat = await makeUser(t.db, { role: 'secretariat', activityId: activity.id });
      const client = new TestClient(t.app, secretariat.cookie);
      const english = await client.get(`/activities/${activity.acronym}/history`, { 'accept-language': 'en' });
      assert.match(english.body, /Noted: a plug-in/);
      const french = await client.get(`/activities/${activity.acronym}/history`, { 'accept-language': 'fr' });
      assert.match(french.body, /Noté : a plug-in/);
    });
  });
}
