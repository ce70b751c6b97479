// Messages name the field and the fix in words (issue 15, item 12): a choice lists its options' words in the reader's
// language, never their codes; an empty choice says to choose from the list; too many fields or files say so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import { concordModules } from '../../modules/index.ts';
import { choiceWordsOf } from '../module-manifest.ts';
import { fieldErrors, id, setChoiceWords } from '../validation.ts';

/** Words that look like codes: snake_case, or a field's internal name. */
const codeLike = (text: string) => text.match(/\b[a-z]+_[a-z_]+\b|\b\w+Id\b/g) ?? [];

describe('validation messages in words', () => {
  before(() => setChoiceWords(choiceWordsOf(concordModules)));

  it('lists a choice’s options by their words in the reader’s language', () => {
    const capacity = z.object({ capacity: z.enum(['member_state', 'sector_member', 'academia']) });
    const wrong = capacity.safeParse({ capacity: 'emperor' });
    assert.equal(wrong.success, false);
    assert.deepEqual(fieldErrors(wrong.error!, 'en'), { capacity: 'Choose one of: Member State, Sector Member, Academia.' });
    assert.deepEqual(fieldErrors(wrong.error!, 'fr'), { capacity: 'Choisissez parmi\u202f: État Membre, Membre de Secteur, Milieu universitaire.' });
  });

  it('never lists codes it has no words for', () => {
    const wrong = z.object({ flavour: z.enum(['strawberry_swirl', 'mint_chip']) }).safeParse({ flavour: 'x' });
    assert.deepEqual(fieldErrors(wrong.error!, 'en'), { flavour: 'Choose one of the options offered.' });
  });

  it('asks to choose from the list when a reference is left empty or is not one', () => {
    const schema = z.object({ organizationId: id() });
    for (const value of ['', '0', 'abc', undefined]) {
      const wrong = schema.safeParse({ organizationId: value });
      assert.deepEqual(fieldErrors(wrong.error!, 'en'), { organizationId: 'Choose one from the list.' }, String(value));
      assert.deepEqual(fieldErrors(wrong.error!, 'fr'), { organizationId: 'Choisissez dans la liste.' }, String(value));
    }
  });
});

for (const engine of testEngines()) {
  describe(`form messages through the app on ${engine}`, () => {
    let t: TestApp;
    let secretariat: TestClient;
    let acronym = '';

    before(async () => {
      t = await createTestApp(engine);
      const activity = await makeActivity(t.db);
      acronym = activity.acronym;
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id, admin: true })).cookie);
    });
    after(() => t.close());

    /** The error summary's text of a refused form. */
    const summary = (html: string) => {
      const start = html.indexOf('class="error-summary"');
      assert.ok(start >= 0, 'the form is refused with an error summary');
      return html.slice(start, html.indexOf('</div>', start)).replace(/<[^>]+>/g, ' ');
    };

    it('answers empty and invalid choices in words on the forms, in English and French', async () => {
      const forms: [string, Record<string, string>][] = [
        [`/activities/${acronym}/roadmap`, { organizationId: '', identifier: 'X.1', title: 'A title', status: 'not_a_status', kind: 'weird_kind' }],
        ['/organizations', { acronym: 'ORG-1', name: 'An organization', kind: 'secret_society', parentId: '' }],
        ['/people', { name: 'Someone', organizationId: 'abc' }],
        [`/activities/${acronym}/meetings`, { title: 'A meeting', mode: 'telepathic', timeZone: 'Europe/Zurich', startDate: '2027-05-01', startTime: '09:00', endDate: '2027-05-01', endTime: '10:00' }],
      ];
      for (const locale of ['en', 'fr']) {
        // The language picked with the switch (its cookie), as a reader without a saved language has it.
        secretariat.setCookie(`concord_locale=${locale}`);
        for (const [url, fields] of forms) {
          const page = await secretariat.post(url, fields);
          const text = summary(page.body);
          assert.deepEqual(codeLike(text), [], `${url}: ${text}`);
          assert.doesNotMatch(text, /at least 0|au moins 0|supérieur ou égal à 0/, `${url}: an empty choice is not a number`);
        }
      }
      secretariat.setCookie(`concord_locale=en`);
      const entry = summary((await secretariat.post(`/activities/${acronym}/roadmap`, forms[0]![1])).body);
      assert.match(entry, /Choose one from the list\./);
      assert.match(entry, /Choose one of: Planned, In development, Approved, Published, Superseded, Withdrawn\./);
    });
  });
}
