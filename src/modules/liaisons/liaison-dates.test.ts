// Dates of a statement that must come in order, and a sent reply answering what it replies to: the rules alone, then
// through the app on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import { events } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { objectionDeadlineErrors, statementDateErrors } from './liaison-dates.ts';
import { liaisonStatements } from './schema.ts';

const today = '2026-12-07';

describe('liaison date rules', () => {
  it('an incoming statement cannot arrive after today, nor be due before it arrived', () => {
    assert.deepEqual(statementDateErrors({ direction: 'in', receivedOn: '2026-12-08', deadline: '2027-01-10', preparing: false }, today, 'en'), {
      receivedOn: 'Received on: 8 December 2026 is after today (7 December 2026). A statement is registered once it has arrived.',
    });
    assert.deepEqual(statementDateErrors({ direction: 'in', receivedOn: '2026-12-01', deadline: '2026-11-30', preparing: false }, today, 'en'), {
      deadline: 'Deadline: 30 November 2026 is before the statement was received (1 December 2026). Check both dates.',
    });
    // Received late, already overdue: a fact to record, not a mistake.
    assert.deepEqual(statementDateErrors({ direction: 'in', receivedOn: '2026-12-01', deadline: '2026-12-03', preparing: false }, today, 'en'), {});
    assert.deepEqual(statementDateErrors({ direction: 'in', receivedOn: today, deadline: today, preparing: false }, today, 'en'), {});
  });

  it('an outgoing statement being prepared cannot ask for a reply by a day that has passed', () => {
    assert.deepEqual(statementDateErrors({ direction: 'out', receivedOn: null, deadline: '2026-12-06', preparing: true }, today, 'en'), {
      deadline: 'Deadline: a reply cannot be expected by 6 December 2026, which has passed (today is 7 December 2026).',
    });
    assert.deepEqual(statementDateErrors({ direction: 'out', receivedOn: null, deadline: '2026-12-06', preparing: false }, today, 'en'), {}, 'an unchanged deadline is left alone');
    assert.deepEqual(statementDateErrors({ direction: 'out', receivedOn: null, deadline: today, preparing: true }, today, 'en'), {});
  });

  it('objections close today at the earliest, and before the reply is due', () => {
    assert.deepEqual(objectionDeadlineErrors({ objectionDeadline: '2026-12-06', replyDeadline: null }, today, 'en'), {
      objectionDeadline:
        'Deadline for objections: 6 December 2026 is before today (7 December 2026), the day of the approval. Give the last day on which objections may still be raised.',
    });
    assert.deepEqual(objectionDeadlineErrors({ objectionDeadline: '2027-01-15', replyDeadline: '2027-01-15' }, today, 'en'), {
      objectionDeadline:
        'Deadline for objections: 15 January 2027 is not before the reply deadline (15 January 2027). The statement is sent only once objections are closed, so they must close earlier.',
    });
    assert.deepEqual(objectionDeadlineErrors({ objectionDeadline: today, replyDeadline: '2027-01-15' }, today, 'en'), {});
    assert.deepEqual(objectionDeadlineErrors({ objectionDeadline: '2027-01-14', replyDeadline: null }, today, 'en'), {});
  });

  it('says so in French too, naming the field and both dates', () => {
    assert.equal(
      objectionDeadlineErrors({ objectionDeadline: '2026-12-06', replyDeadline: null }, today, 'fr').objectionDeadline,
      'Date limite pour les objections\u202f: le 6 décembre 2026 précède aujourd’hui (7 décembre 2026), jour de l’approbation. Indiquez le dernier jour où des objections peuvent encore être soulevées.',
    );
    assert.equal(
      statementDateErrors({ direction: 'in', receivedOn: '2026-12-01', deadline: '2026-11-30', preparing: false }, today, 'fr').deadline,
      'Échéance\u202f: le 30 novembre 2026 précède la réception de la déclaration (1er décembre 2026). Vérifiez les deux dates.',
    );
  });
});

const dayMs = 86_400_000;
const isoDay = (offset: number) => new Date(Date.now() + offset * dayMs).toISOString().slice(0, 10);

for (const engine of testEngines()) {
  describe(`liaison dates and replies through the app on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let sg17: { id: number };
    const api = () => `/api/v1/activities/${activity.acronym}/liaisons`;
    const page = () => `/activities/${activity.acronym}/liaisons`;
    const create = async (client: TestClient, body: Record<string, unknown>) => {
      const response = await client.api('POST', api(), body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: number; reference: string };
    };
    const incoming = (extra: Record<string, unknown> = {}) => ({
      direction: 'in',
      title: 'Request for input',
      purpose: 'for_action',
      deadline: isoDay(30),
      fromOrganizationIds: [sg17.id],
      ...extra,
    });
    const outgoing = (extra: Record<string, unknown> = {}) => ({
      direction: 'out',
      title: 'Reply',
      purpose: 'for_information',
      toOrganizationIds: [sg17.id],
      recipients: [{ name: 'Rapporteur', email: 'rapporteur@example.org' }],
      ...extra,
    });
    const transition = (client: TestClient, id: number, body: Record<string, unknown>) => client.api('POST', `${api()}/${id}/transitions`, body);

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      sg17 = await makeOrganization(t.db, { acronym: unique('SG17-'), kind: 'study_group' });
    });
    after(() => t.close());

    it('refuses an incoming statement received tomorrow, or due before it was received, naming the field', async () => {
      const tomorrow = await secretariat.api('POST', api(), incoming({ receivedOn: isoDay(1) }));
      assert.equal(tomorrow.statusCode, 422, tomorrow.body);
      assert.match(tomorrow.json().error.details.fields.receivedOn, /^Received on: .+ is after today \(.+\)\. A statement is registered once it has arrived\.$/);
      const dueFirst = await secretariat.api('POST', api(), incoming({ receivedOn: isoDay(-5), deadline: isoDay(-6) }));
      assert.equal(dueFirst.statusCode, 422, dueFirst.body);
      assert.match(dueFirst.json().error.details.fields.deadline, /^Deadline: .+ is before the statement was received/);
      // The form says the same on the field.
      const form = await secretariat.post(page(), { direction: 'in', title: 'Request', purpose: 'for_action', receivedOn: isoDay(-5), deadline: isoDay(-6), fromOrganizationIds: String(sg17.id) });
      assert.equal(form.statusCode, 422, form.body);
      assert.match(form.body, /Deadline: .+ is before the statement was received/);
      const edited = await create(secretariat, incoming());
      const moved = await secretariat.api('PATCH', `${api()}/${edited.id}`, { receivedOn: isoDay(2) });
      assert.equal(moved.statusCode, 422, 'an edit is checked the same way');
    });

    it('refuses a draft asking for a reply by a day that has passed', async () => {
      const refused = await member.api('POST', api(), outgoing({ purpose: 'for_comment', deadline: isoDay(-1) }));
      assert.equal(refused.statusCode, 422, refused.body);
      assert.match(refused.json().error.details.fields.deadline, /^Deadline: a reply cannot be expected by .+, which has passed/);
    });

    it('refuses a deadline for objections before the approval or on the reply deadline; today is accepted', async () => {
      const s = await create(member, outgoing({ purpose: 'for_comment', deadline: isoDay(20) }));
      assert.equal((await transition(member, s.id, { action: 'submit' })).statusCode, 200);
      const past = await transition(chair, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(-1) });
      assert.equal(past.statusCode, 422, past.body);
      assert.match(past.json().error.details.fields.objectionDeadline, /^Deadline for objections: .+ is before today \(.+\), the day of the approval\./);
      const late = await chair.post(`${page()}/${s.id}/approve`, { mode: 'by_correspondence', objectionDeadline: isoDay(20) });
      assert.equal(late.statusCode, 422, late.body);
      assert.match(late.body, /is not before the reply deadline/);
      const [row] = await t.db.select({ state: liaisonStatements.state }).from(liaisonStatements).where(eq(liaisonStatements.id, s.id));
      assert.equal(row?.state, 'submitted', 'nothing changed');
      assert.equal((await transition(chair, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) })).statusCode, 200);
    });

    it('sending a reply answers the incoming statements it replies to, with the reply named on the page and in the history', async () => {
      const asked = await create(secretariat, incoming({ title: 'Please comment' }));
      const done = await create(secretariat, incoming({ title: 'Already handled' }));
      assert.equal((await transition(secretariat, done.id, { action: 'set_action_status', actionStatus: 'no_action_needed' })).statusCode, 200);
      const reply = await create(member, outgoing({ inReplyToIds: [asked.id, done.id] }));
      assert.equal((await transition(member, reply.id, { action: 'submit' })).statusCode, 200);
      assert.equal((await transition(chair, reply.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) })).statusCode, 200);
      // Still open while the reply has not gone.
      const status = async (id: number) => (await t.db.select({ s: liaisonStatements.actionStatus }).from(liaisonStatements).where(eq(liaisonStatements.id, id)))[0]?.s;
      assert.equal(await status(asked.id), 'open');
      await t.db.update(liaisonStatements).set({ objectionDeadline: isoDay(-1) }).where(eq(liaisonStatements.id, reply.id));
      const sent = await transition(secretariat, reply.id, { action: 'send' });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(await status(asked.id), 'answered');
      assert.equal(await status(done.id), 'no_action_needed', 'a status its assignee set is kept');
      const shown = await member.get(`${page()}/${asked.id}`);
      assert.match(shown.body, new RegExp(`Answered</span> by <a href="[^"]+/liaisons/${reply.id}">${reply.reference}</a>`));
      const changes = await t.db
        .select({ kind: events.kind, after: events.after })
        .from(events)
        .where(and(eq(events.subjectType, 'liaison_statement'), eq(events.subjectId, String(asked.id))))
        .orderBy(asc(events.id));
      assert.deepEqual(changes.at(-1), { kind: 'liaison.action_status_changed', after: { actionStatus: 'answered', reply: reply.reference } });
      const history = await member.get(`/activities/${activity.acronym}/history`);
      assert.match(history.body, new RegExp(`answered it with ${reply.reference}`));
      const french = await member.get(`/activities/${activity.acronym}/history`, { 'accept-language': 'fr' });
      assert.match(french.body, new RegExp(`y a répondu par ${reply.reference}`));
    });
  });
}
