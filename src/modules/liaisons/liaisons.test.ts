import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fastifySwagger from '@fastify/swagger';
import { and, asc, eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { apiWithToken, TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { parseMail, startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { App } from '../../platform/module-manifest.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { type Actor, anonymous, systemActor } from '../../platform/actor.ts';
import { createApiToken } from '../../platform/auth/accounts.ts';
import { events, mailOutbox } from '../../platform/schema.ts';
import { createContact } from '../contacts/contacts.ts';
import { documents } from '../documents/schema.ts';
import { createMeeting } from '../meetings/meetings.ts';
import { createPerson } from '../people/people.ts';
import type { Activity } from '../activities/activities.ts';
import { activities } from '../activities/schema.ts';
import { countQueries } from '../../../test/support/query-count.ts';
import { approveLiaison } from './liaison-changes.ts';
import { hiddenLiaisonSubjects } from './liaison-queries.ts';
import { registerLiaisonRoutes } from './routes.tsx';
import { liaisonReplies, liaisonStatements } from './schema.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const dayMs = 86_400_000;
const isoDay = (offsetDays: number, from = new Date()) => new Date(from.getTime() + offsetDays * dayMs).toISOString().slice(0, 10);
/** 06:00 UTC on the day `days` before `date`: when that reminder is due. */
const reminderTime = (date: string, daysBefore: number) => new Date(Date.parse(`${date}T06:00:00Z`) - daysBefore * dayMs);

type Statement = {
  id: number;
  reference: string;
  state: string | null;
  actionStatus: string | null;
  inReplyTo: { id: number }[];
  replies: { id: number }[];
  allowedActions: string[];
  attachments: { fileName: string }[];
};

for (const engine of testEngines()) {
  describe(`liaison statements on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let activity: Activity;
    let otherActivity: Activity;
    let secretariatUser: SignedInUser;
    let chairUser: SignedInUser;
    let memberUser: SignedInUser;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let observer: TestClient;
    let stranger: TestClient;
    let anonymousClient: TestClient;
    let sg17: { id: number; acronym: string };
    let etsi: { id: number; acronym: string };

    const api = () => `/api/v1/activities/${activity.acronym}/liaisons`;
    const page = () => `/activities/${activity.acronym}/liaisons`;
    const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(liaisonStatements))[0]?.n ?? 0;
    const incoming = (extra: Record<string, unknown> = {}) => ({
      direction: 'in',
      title: 'Request for input on QKD network security',
      purpose: 'for_action',
      deadline: isoDay(40),
      fromOrganizationIds: [sg17.id],
      theirReference: 'SG17-LS123',
      fromContactName: 'Rapporteur Q15/17',
      fromContactEmail: 'q15@example.org',
      body: 'SG17 asks for comments on the attached draft.',
      ...extra,
    });
    const outgoing = (extra: Record<string, unknown> = {}) => ({
      direction: 'out',
      title: 'Reply on QKD network security',
      purpose: 'for_information',
      toOrganizationIds: [sg17.id],
      recipients: [{ name: 'Rapporteur Q15/17', email: 'q15@example.org' }],
      body: 'Thank you for your statement.',
      ...extra,
    });
    const create = async (client: TestClient, body: Record<string, unknown>) => {
      const response = await client.api('POST', api(), body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as Statement;
    };
    const transition = (client: TestClient, id: number, body: Record<string, unknown>) => client.api('POST', `${api()}/${id}/transitions`, body);
    const statementEvents = (id: number) =>
      t.db.select().from(events).where(and(eq(events.subjectType, 'liaison_statement'), eq(events.subjectId, String(id)))).orderBy(asc(events.id));
    const outbox = (purpose: string) => t.db.select().from(mailOutbox).where(eq(mailOutbox.purpose, purpose)).orderBy(asc(mailOutbox.id));
    const deliver = async () => {
      const transport = createSmtpTransport(smtp.url);
      try {
        return await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir });
      } finally {
        transport.close();
      }
    };
    const runJobs = (now: Date) => runDueJobs(t.db, jobHandlers, { config: t.config, now });
    /** Time passes: the deadline for objections set at the approval (today at the earliest) was yesterday. */
    const objectionsClosed = (id: number) => t.db.update(liaisonStatements).set({ objectionDeadline: isoDay(-1) }).where(eq(liaisonStatements.id, id));

    before(async () => {
      t = await createTestApp(engine, { UPLOAD_MAX_MB: '1' });
      smtp = await startSmtpServer();
      activity = await makeActivity(t.db);
      otherActivity = await makeActivity(t.db);
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      chairUser = await makeUser(t.db, { role: 'chair', activityId: activity.id, name: 'Chloé Chair' });
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      chair = new TestClient(t.app, chairUser.cookie);
      member = new TestClient(t.app, memberUser.cookie);
      observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: activity.id })).cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      anonymousClient = new TestClient(t.app);
      sg17 = await makeOrganization(t.db, { acronym: unique('SG17-'), kind: 'study_group' });
      etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    it('registers an incoming statement: for action without a deadline is refused on the field and nothing is written', async () => {
      const before = await count();
      const refused = await secretariat.api('POST', api(), incoming({ deadline: undefined }));
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().error.details.fields.deadline, 'A statement for action or for comment needs a deadline.');
      const forComment = await secretariat.api('POST', api(), incoming({ purpose: 'for_comment', deadline: '' }));
      assert.equal(forComment.statusCode, 422, forComment.body);
      assert.equal(await count(), before, 'nothing written');

      const created = await create(secretariat, incoming());
      assert.match(created.reference, new RegExp(`^${activity.acronym}-LSI-\\d{3}$`), 'numbered as an LS-in document');
      assert.equal(created.actionStatus, 'open');
      assert.equal(created.state, null);
      const [event] = await statementEvents(created.id);
      assert.equal(event?.kind, 'liaison.received');
    });

    it('an observer cannot draft and a member cannot register incoming statements; a forged form post is refused', async () => {
      assert.equal((await observer.api('POST', api(), outgoing())).statusCode, 403);
      assert.equal((await member.api('POST', api(), incoming())).statusCode, 403);
      const before = await count();
      const forged = await member.post(page(), { direction: 'out', title: 'Forged', purpose: 'for_information', toOrganizationIds: String(sg17.id) }, { csrf: null });
      assert.equal(forged.statusCode, 403, forged.body);
      assert.equal(await count(), before, 'nothing written by the forged post');
      assert.equal((await observer.get(`${page()}/new?direction=out`)).statusCode, 403);
    });

    it('a member drafts a reply through the form; the reply links both ways and the thread page shows both', async () => {
      const received = await create(secretariat, incoming({ title: 'Thread root' }));
      await member.get(`${page()}/new?direction=out&replyTo=${received.id}`);
      const posted = await member.post(page(), {
        direction: 'out',
        title: 'Our answer',
        purpose: 'for_information',
        toOrganizationIds: [String(sg17.id), String(etsi.id)],
        recipients: 'Rapporteur Q15/17 <q15@example.org>\nbare@example.org',
        inReplyToIds: String(received.id),
        access: 'public',
        body: 'We agree.',
      });
      assert.equal(posted.statusCode, 303, posted.body);
      const replyId = Number(/\/liaisons\/(\d+)$/.exec(String(posted.headers.location))?.[1]);
      const reply = (await member.api('GET', `${api()}/${replyId}`)).json() as Statement & { recipients: unknown[] };
      assert.equal(reply.state, 'draft');
      assert.deepEqual(reply.inReplyTo.map((r) => r.id), [received.id]);
      const root = (await member.api('GET', `${api()}/${received.id}`)).json() as Statement;
      assert.deepEqual(root.replies.map((r) => r.id), [replyId]);
      const thread = (await member.api('GET', `${api()}/${received.id}/thread`)).json() as { thread: { id: number; inReplyToIds: number[] }[] };
      assert.deepEqual(thread.thread.map((n) => [n.id, n.inReplyToIds]), [[received.id, []], [replyId, [received.id]]]);
      const replyPage = await member.get(`${page()}/${replyId}`);
      assert.match(replyPage.body, new RegExp(`href="${page()}/${received.id}"`), 'the reply page links the statement it answers');
      const rootPage = await member.get(`${page()}/${received.id}`);
      assert.match(rootPage.body, new RegExp(`href="${page()}/${replyId}"`), 'the answered statement links its reply');
    });

    it('a bad recipient line is named by its number and nothing is written', async () => {
      const before = await count();
      const response = await member.post(page(), { direction: 'out', title: 'X', purpose: 'for_information', toOrganizationIds: String(sg17.id), recipients: 'ok@example.org\nnot an address' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Line 2: write a name and an e-mail address/);
      assert.equal(await count(), before);
    });

    it('a reply to a statement of another activity is refused on the field, nothing written', async () => {
      const secretariatThere = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: otherActivity.id })).cookie);
      const foreign = (await secretariatThere.api('POST', `/api/v1/activities/${otherActivity.acronym}/liaisons`, incoming())).json() as Statement;
      const before = await count();
      const response = await member.api('POST', api(), outgoing({ inReplyToIds: [foreign.id] }));
      assert.equal(response.statusCode, 422, response.body);
      assert.equal(
        response.json().error.details.fields.inReplyToIds,
        `${foreign.reference} belongs to another activity: a statement can only reply to statements of its own activity.`,
      );
      assert.equal(await count(), before);
    });

    it('the outgoing path: member submits (approvers mailed), member cannot approve, chair approves, only the secretariat sends; recipients get the mail with its attachment', async () => {
      const received = await create(secretariat, incoming({ title: 'Please comment' }));
      // Drafted with an attachment through the form (multipart).
      const upload = await member.upload(
        page(),
        { name: 'draft-reply.pdf', type: 'application/pdf', bytes: pdf },
        { direction: 'out', title: 'Comments on QKD security', purpose: 'for_comment', deadline: isoDay(60), toOrganizationIds: String(sg17.id), recipients: 'Rapporteur Q15/17 <q15@example.org>', inReplyToIds: String(received.id), access: 'public', body: 'See attached.' },
      );
      assert.equal(upload.statusCode, 303, upload.body);
      const id = Number(/\/liaisons\/(\d+)$/.exec(String(upload.headers.location))?.[1]);
      let statement = (await member.api('GET', `${api()}/${id}`)).json() as Statement;
      assert.deepEqual(statement.attachments.map((a) => a.fileName), ['draft-reply.pdf']);
      assert.deepEqual(statement.allowedActions, ['edit', 'submit', 'withdraw']);
      assert.equal((await stranger.get(`${page()}/${id}`)).statusCode, 404, 'a draft is not public');

      const submitted = await member.post(`${page()}/${id}/submit`, {});
      assert.equal(submitted.statusCode, 303, submitted.body);
      const approvalMails = (await outbox('liaison_approval_requested')).filter((m) => m.subject.includes(statement.reference));
      assert.deepEqual(approvalMails.map((m) => m.recipient).sort(), [chairUser.user.email, secretariatUser.user.email].sort(), 'every approver is told');

      const memberApproves = await member.post(`${page()}/${id}/approve`, { mode: 'by_correspondence', objectionDeadline: isoDay(0) });
      assert.equal(memberApproves.statusCode, 403);
      const noDeadline = await chair.post(`${page()}/${id}/approve`, { mode: 'by_correspondence', objectionDeadline: '' });
      assert.equal(noDeadline.statusCode, 422);
      assert.match(noDeadline.body, /Give the deadline for objections/);
      const approved = await chair.post(`${page()}/${id}/approve`, { mode: 'by_correspondence', objectionDeadline: isoDay(0) });
      assert.equal(approved.statusCode, 303, approved.body);
      statement = (await chair.api('GET', `${api()}/${id}`)).json() as Statement;
      assert.equal(statement.state, 'approved');
      assert.ok(!statement.allowedActions.includes('send'), 'a chair does not send');
      assert.equal((await chair.post(`${page()}/${id}/send`, {})).statusCode, 403);

      await objectionsClosed(id);
      const sent = await secretariat.post(`${page()}/${id}/send`, {});
      assert.equal(sent.statusCode, 303, sent.body);
      assert.equal(await deliver() > 0, true, 'mail delivered');
      const mails = smtp.received.filter((m) => m.envelopeTo.includes('q15@example.org') && m.headers.get('x-concord-liaison') === statement.reference);
      assert.equal(mails.length, 1, 'one mail to the recipient');
      const mail = mails[0]!;
      assert.equal(mail.headers.get('subject'), `Liaison statement from ${activity.acronym}: Comments on QKD security (${statement.reference})`);
      assert.equal(mail.headers.get('to'), 'q15@example.org');
      assert.equal(mail.headers.get('reply-to'), secretariatUser.user.email);
      const parsed = await parseMail(mail);
      assert.match(parsed.text ?? '', /In reply to: .*-LSI-\d{3} \(Please comment\)/);
      assert.deepEqual(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)]), [['draft-reply.pdf', 'application/pdf', true]]);

      statement = (await stranger.api('GET', `${api()}/${id}`)).json() as Statement;
      assert.equal(statement.state, 'sent', 'a sent public statement is public');
      const register = await anonymousClient.get(page());
      assert.match(register.body, new RegExp(statement.reference), 'in the public register');
      const kinds = (await statementEvents(id)).map((e) => e.kind);
      assert.deepEqual(kinds, ['liaison.drafted', 'liaison.submitted', 'liaison.approved', 'liaison.sent']);
      assert.equal((await secretariat.post(`${page()}/${id}/close`, {})).statusCode, 303);
      assert.equal(((await secretariat.api('GET', `${api()}/${id}`)).json() as Statement).state, 'closed');
      assert.equal((await transition(secretariat, id, { action: 'send' })).statusCode, 409, 'a closed statement cannot be sent again');
    });

    it('approving reads the activity and the statement once: the page post and the domain call send an exact number of queries', async () => {
      const s = await create(member, outgoing());
      // The chair opens the statement page first (as a person would, and for its CSRF token); then the member submits.
      assert.equal((await chair.get(`${page()}/${s.id}`)).statusCode, 200);
      assert.equal((await transition(member, s.id, { action: 'submit' })).statusCode, 200);
      const approving = await countQueries(t.database, () => chair.post(`${page()}/${s.id}/approve`, { mode: 'by_correspondence', objectionDeadline: isoDay(0) }));
      assert.equal(approving.result.statusCode, 303, approving.result.body);
      const listing = approving.queries.join('\n');
      assert.equal(approving.readsOf('activities'), 1, `the activity is read once:\n${listing}`);
      assert.equal(approving.readsOf('liaison_statements'), 1, `the statement is read once:\n${listing}`);
      assert.equal(approving.writesOf('liaison_statements'), 1, listing);
      // The session and the chair's roles, the activity, then approveLiaison's 7 (below); the redirect reads nothing more.
      assert.equal(approving.count, 10, listing);

      const alone = await create(member, outgoing());
      assert.equal((await transition(member, alone.id, { action: 'submit' })).statusCode, 200);
      const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
      const approved = await countQueries(t.database, () => approveLiaison(t.db, systemActor('test'), activity, alone.id, { mode: 'by_correspondence', objectionDeadline: isoDay(0) }, ctx));
      assert.equal(approved.result.state, 'approved');
      // The statement (locked), its update, the event, the drafter's account, the secretariat, one mail each to the secretariat and the drafter.
      assert.deepEqual(
        approved.shapes,
        ['select liaison_statements', 'update liaison_statements', 'insert events', 'select users', 'select activity_memberships', 'insert mail_outbox', 'insert mail_outbox'],
      );
    });

    it('the statement page reads only what its forms offer (meetings and people), not the whole statement form’s choices', async () => {
      const s = await create(member, outgoing());
      const shown = await countQueries(t.database, () => chair.get(`${page()}/${s.id}`));
      assert.equal(shown.result.statusCode, 200);
      const listing = shown.shapes.join('\n');
      assert.equal(shown.shapes.filter((q) => q === 'select organizations' || q === 'select roadmap_items' || q === 'select agenda_items').length, 0, listing);
      assert.equal(shown.readsOf('liaison_statements'), 2, `the statement, then its thread:\n${listing}`);
    });

    it('by correspondence, sending waits until the deadline for objections has passed', async () => {
      const s = await create(member, outgoing());
      assert.equal((await transition(member, s.id, { action: 'submit' })).statusCode, 200);
      assert.equal((await transition(chair, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) })).statusCode, 200);
      const early = await transition(secretariat, s.id, { action: 'send' });
      assert.equal(early.statusCode, 409);
      assert.match(early.json().error.message, /Objections may be raised until/);
    });

    it('return to the drafter, withdraw, and what each state refuses', async () => {
      const s = await create(member, outgoing());
      assert.equal((await transition(member, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) })).statusCode, 403);
      assert.equal((await transition(chair, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) })).statusCode, 409, 'a draft is not approved');
      assert.equal((await transition(secretariat, s.id, { action: 'send' })).statusCode, 409, 'a draft is not sent');
      assert.equal((await transition(member, s.id, { action: 'submit' })).statusCode, 200);
      assert.equal((await member.api('PATCH', `${api()}/${s.id}`, { title: 'Changed' })).statusCode, 409, 'a submitted statement is not edited');
      assert.equal((await transition(member, s.id, { action: 'return', reason: 'no' })).statusCode, 403, 'a member does not return');
      const returned = await transition(chair, s.id, { action: 'return', reason: 'Name the Recommendation.' });
      assert.equal(returned.statusCode, 200, returned.body);
      assert.equal(returned.json().state, 'draft');
      const [mail] = (await outbox('liaison_returned')).filter((m) => m.subject.includes(s.reference));
      assert.equal(mail?.recipient, memberUser.user.email);
      assert.match(mail?.textBody ?? '', /Name the Recommendation\./);
      assert.equal((await observer.api('POST', `${api()}/${s.id}/transitions`, { action: 'withdraw' })).statusCode, 403);
      const withdrawn = await transition(member, s.id, { action: 'withdraw' });
      assert.equal(withdrawn.json().state, 'withdrawn');
      assert.equal((await transition(member, s.id, { action: 'submit' })).statusCode, 409);
      assert.deepEqual((await statementEvents(s.id)).map((e) => e.kind), ['liaison.drafted', 'liaison.submitted', 'liaison.returned', 'liaison.withdrawn']);
    });

    it('submitting is refused with a message when the activity has nobody to approve', async () => {
      const lonely = await makeActivity(t.db);
      const lonelyMember = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: lonely.id })).cookie);
      const created = await lonelyMember.api('POST', `/api/v1/activities/${lonely.acronym}/liaisons`, outgoing());
      assert.equal(created.statusCode, 201, created.body);
      const s = created.json() as Statement;
      const refused = await lonelyMember.api('POST', `/api/v1/activities/${lonely.acronym}/liaisons/${s.id}/transitions`, { action: 'submit' });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /^Nobody can approve this statement: the activity has no chair, co-chair, vice-chair or secretariat\./);
      const pageRefusal = await lonelyMember.post(`/activities/${lonely.acronym}/liaisons/${s.id}/submit`, {});
      assert.equal(pageRefusal.statusCode, 409);
      assert.match(pageRefusal.body, /Nobody can approve this statement/);
      const [row] = await t.db.select().from(liaisonStatements).where(eq(liaisonStatements.id, s.id));
      assert.equal(row?.state, 'draft', 'still a draft');
    });

    it('assignee and action status: the chair assigns, the assignee updates, another member cannot', async () => {
      const s = await create(secretariat, incoming());
      assert.equal((await transition(member, s.id, { action: 'set_action_status', actionStatus: 'in_progress' })).statusCode, 403);
      const assigned = await transition(chair, s.id, { action: 'assign', assigneePersonId: memberUser.personId });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json().assignee.name, 'Maria Member');
      const told = (await outbox('liaison_assigned')).filter((m) => m.subject.includes(s.reference));
      assert.deepEqual(told.map((m) => [m.recipient, m.subject]), [[memberUser.user.email, `[${activity.acronym}] Assigned to you: ${s.reference} Request for input on QKD network security`]]);
      const progressed = await member.post(`${page()}/${s.id}/action-status`, { actionStatus: 'in_progress' });
      assert.equal(progressed.statusCode, 303, progressed.body);
      assert.equal(((await member.api('GET', `${api()}/${s.id}`)).json() as Statement).actionStatus, 'in_progress');
      assert.deepEqual((await statementEvents(s.id)).map((e) => e.kind), ['liaison.received', 'liaison.assigned', 'liaison.action_status_changed']);
    });

    it('a stranger sees only public statements; observers and members see members-only ones', async () => {
      const hidden = await create(secretariat, incoming({ title: 'Confidential liaison', access: 'members' }));
      const visible = await create(secretariat, incoming({ title: 'Open liaison' }));
      assert.equal((await stranger.get(`${page()}/${hidden.id}`)).statusCode, 404);
      assert.equal((await anonymousClient.get(`${page()}/${hidden.id}`)).statusCode, 404);
      assert.equal((await stranger.api('GET', `${api()}/${hidden.id}`)).statusCode, 404);
      assert.equal((await stranger.get(`${page()}/${visible.id}`)).statusCode, 200);
      const strangerRegister = await stranger.get(page());
      assert.ok(strangerRegister.body.includes('Open liaison') && !strangerRegister.body.includes('Confidential liaison'), 'stranger register shows public only');
      // A public reply to the members-only statement does not show it to the stranger.
      const reply = await create(member, outgoing({ inReplyToIds: [hidden.id] }));
      await transition(member, reply.id, { action: 'submit' });
      await transition(chair, reply.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) });
      await objectionsClosed(reply.id);
      await transition(secretariat, reply.id, { action: 'send' });
      const seen = (await stranger.api('GET', `${api()}/${reply.id}`)).json() as Statement;
      assert.deepEqual(seen.inReplyTo, [], 'the members-only statement is not named to a stranger');
      assert.ok(!(await stranger.get(`${page()}/${reply.id}`)).body.includes('Confidential liaison'), 'nor on the page');
      assert.deepEqual(((await member.api('GET', `${api()}/${reply.id}`)).json() as Statement).inReplyTo.map((r) => r.id), [hidden.id]);
      const system = systemActor('test');
      const [activityRow] = await t.db.select().from(activities).where(eq(activities.id, activity.id));
      const hiddenFrom = async (actor: Actor) => hiddenLiaisonSubjects(t.db, actor, activityRow!);
      assert.ok((await hiddenFrom(anonymous)).has(String(hidden.id)), 'for history pages: hidden from anonymous');
      assert.ok(!(await hiddenFrom(anonymous)).has(String(visible.id)), 'a public one is not hidden');
      assert.equal((await hiddenFrom(system)).size, 0, 'nothing hidden from those who read everything');
      for (const client of [observer, member]) {
        assert.equal((await client.get(`${page()}/${hidden.id}`)).statusCode, 200);
        assert.ok((await client.get(page())).body.includes('Confidential liaison'), 'participants see members-only statements');
      }
    });

    it('register filters: direction, body, purpose, state and overdue', async () => {
      const late = await create(secretariat, incoming({ title: 'Late one', fromOrganizationIds: [etsi.id], deadline: isoDay(-2), receivedOn: isoDay(-20) }));
      const list = async (query: string) => ((await member.api('GET', `${api()}?${query}`)).json() as { liaisons: Statement[] }).liaisons.map((s) => s.id);
      assert.ok((await list('overdue=1')).includes(late.id), 'overdue');
      assert.ok((await list(`organizationId=${etsi.id}`)).includes(late.id), 'by body');
      assert.ok(!(await list(`organizationId=${sg17.id}`)).includes(late.id), 'not another body');
      assert.ok(!(await list('direction=out')).includes(late.id), 'direction');
      assert.ok(!(await list('purpose=for_information')).includes(late.id), 'purpose');
      assert.ok((await list('state=open')).includes(late.id), 'state');
      await transition(secretariat, late.id, { action: 'set_action_status', actionStatus: 'no_action_needed' });
      assert.ok(!(await list('overdue=1')).includes(late.id), 'no longer overdue');
      const registerPage = await member.get(`${page()}?direction=in&overdue=1`);
      assert.equal(registerPage.statusCode, 200);
      assert.equal((await member.get(`${page()}?direction=sideways`)).statusCode, 422);
    });

    it('an attachment over the limit or of the wrong kind is refused with its reason, nothing written', async () => {
      const before = await count();
      const big = await member.upload(page(), { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([pdf, Buffer.alloc(1_100_000, 32)]) }, { direction: 'out', title: 'Too big', purpose: 'for_information', toOrganizationIds: String(sg17.id) });
      assert.equal(big.statusCode, 413, big.body);
      assert.match(big.body, /1 MB/);
      const fake = await member.upload(page(), { name: 'notes.pdf', type: 'application/pdf', bytes: Buffer.from('just text') }, { direction: 'out', title: '', purpose: 'for_information', toOrganizationIds: String(sg17.id) });
      assert.equal(fake.statusCode, 422);
      assert.match(fake.body, /does not contain what its name says|not an allowed type/);
      assert.match(fake.body, /href="#field-title"/, 'the title error is listed too');
      assert.equal(await count(), before);
    });

    it('reminders to the assignee at 14, 7, 3, 1 days and on the day, each once however often the jobs run', async () => {
      const deadline = isoDay(45);
      const s = await create(secretariat, incoming({ deadline, title: 'Reminded one' }));
      await transition(chair, s.id, { action: 'assign', assigneePersonId: memberUser.personId });
      const reminders = async () => (await outbox('liaison_deadline_reminder')).filter((m) => m.subject.includes(s.reference));
      await runJobs(reminderTime(deadline, 15));
      assert.deepEqual(await reminders(), [], 'nothing before the first day');
      const expected: string[] = [];
      for (const days of [14, 7, 3, 1, 0]) {
        await runJobs(reminderTime(deadline, days));
        await runJobs(new Date(reminderTime(deadline, days).getTime() + 3_600_000));
        expected.push(days === 0 ? `[${activity.acronym}] Deadline today: ${s.reference} Reminded one` : `[${activity.acronym}] Deadline in ${days} day${days === 1 ? '' : 's'}: ${s.reference} Reminded one`);
        assert.deepEqual((await reminders()).map((m) => m.subject), expected, `one reminder at ${days} days`);
      }
      assert.deepEqual([...new Set((await reminders()).map((m) => m.recipient))], [memberUser.user.email], 'to the assignee only');
      assert.equal((await statementEvents(s.id)).filter((e) => e.kind === 'liaison.reminder_sent').length, 5);
    });

    it('a moved deadline sends no stale reminder; an answered statement is not reminded; a worker that was down sends only the latest one due', async () => {
      const deadline = isoDay(120);
      const s = await create(secretariat, incoming({ deadline, title: 'Moved one', assigneePersonId: memberUser.personId }));
      const reminders = async () => (await outbox('liaison_deadline_reminder')).filter((m) => m.subject.includes(s.reference));
      const told = (await outbox('liaison_assigned')).filter((m) => m.subject.includes(s.reference));
      assert.deepEqual(told.map((m) => m.recipient), [memberUser.user.email], 'registered with an assignee: the assignee is told');
      await runJobs(reminderTime(deadline, 14));
      assert.equal((await reminders()).length, 1);
      const moved = isoDay(30, new Date(`${deadline}T00:00:00Z`));
      assert.equal((await secretariat.api('PATCH', `${api()}/${s.id}`, { deadline: moved })).statusCode, 200);
      await runJobs(reminderTime(deadline, 0));
      assert.equal((await reminders()).length, 1, 'the reminders of the old date send nothing');
      await runJobs(reminderTime(moved, 14));
      assert.equal((await reminders()).length, 2, 'the new date is reminded');
      assert.match((await reminders())[1]?.subject ?? '', /Deadline in 14 days/);
      await transition(member, s.id, { action: 'set_action_status', actionStatus: 'answered' });
      await runJobs(reminderTime(moved, 0));
      assert.equal((await reminders()).length, 2, 'an answered statement is not reminded');

      const late = isoDay(200);
      const c = await create(secretariat, incoming({ deadline: late, title: 'Catch-up one', assigneePersonId: memberUser.personId }));
      await runJobs(reminderTime(late, 3));
      const caught = (await outbox('liaison_deadline_reminder')).filter((m) => m.subject.includes(c.reference)).map((m) => m.subject);
      assert.deepEqual(caught, [`[${activity.acronym}] Deadline in 3 days: ${c.reference} Catch-up one`], 'the 14- and 7-day reminders are not sent late');
    });

    it('on the deadline day an overdue-to-be statement is reminded; an outgoing one awaiting a reply reminds until the reply is registered', async () => {
      const replyBy = isoDay(50);
      const s = await create(member, outgoing({ deadline: replyBy, purpose: 'for_action' }));
      await transition(member, s.id, { action: 'submit' });
      await transition(chair, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) });
      await objectionsClosed(s.id);
      assert.equal((await transition(secretariat, s.id, { action: 'send' })).statusCode, 200);
      const awaiting = async () => (await outbox('liaison_reply_reminder')).filter((m) => m.subject.includes(s.reference));
      await runJobs(reminderTime(replyBy, 7));
      assert.deepEqual((await awaiting()).map((m) => m.recipient).sort(), [memberUser.user.email, secretariatUser.user.email].sort());
      await create(secretariat, incoming({ title: 'Their reply', purpose: 'for_information', deadline: undefined, inReplyToIds: [s.id] }));
      await runJobs(reminderTime(replyBy, 0));
      assert.equal((await awaiting()).length, 2, 'no reminder once a reply has come');
      const links = await t.db.select().from(liaisonReplies).where(eq(liaisonReplies.repliedToId, s.id));
      assert.equal(links.length, 1);
    });

    it('sending mails the current liaison representatives to the addressed bodies too, not former ones', async () => {
      const system = systemActor('test');
      const current = await createPerson(t.db, system, { name: 'Rita Representative', email: `${unique('rep').toLowerCase()}@example.org` }, 'en');
      const former = await createPerson(t.db, system, { name: 'Fred Former', email: `${unique('old').toLowerCase()}@example.org` }, 'en');
      await createContact(t.db, system, activity.id, { role: 'liaison_representative_to', personId: current.id, organizationId: etsi.id }, 'en');
      await createContact(t.db, system, activity.id, { role: 'liaison_representative_to', personId: former.id, organizationId: etsi.id, until: isoDay(-10) }, 'en');
      const onlyRepresentatives = await create(member, outgoing({ toOrganizationIds: [etsi.id], recipients: [] }));
      assert.equal((await transition(member, onlyRepresentatives.id, { action: 'submit' })).statusCode, 200, 'a representative is enough to submit');
      const nobody = await create(member, outgoing({ toOrganizationIds: [sg17.id], recipients: [] }));
      const refused = await transition(member, nobody.id, { action: 'submit' });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.details.fields.recipients, 'Give at least one recipient contact: the statement is mailed to them when it is sent.');
      const s = await create(member, outgoing({ toOrganizationIds: [etsi.id], recipients: [{ name: 'ETSI contact', email: 'contact@etsi.example' }] }));
      await transition(member, s.id, { action: 'submit' });
      await transition(chair, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) });
      await objectionsClosed(s.id);
      const sent = await transition(secretariat, s.id, { action: 'send' });
      assert.equal(sent.statusCode, 200, sent.body);
      const recipients = (await outbox('liaison_statement')).filter((m) => m.subject.includes(s.reference)).map((m) => m.recipient);
      assert.deepEqual(recipients, ['contact@etsi.example', current.email]);
    });

    it('approval at a meeting names a meeting of this activity; another activity’s meeting is refused', async () => {
      const system = systemActor('test');
      const meetingInput = { title: 'Third meeting', mode: 'virtual' as const, timeZone: 'UTC', startDate: isoDay(5), startTime: '10:00', endDate: isoDay(5), endTime: '12:00' };
      const ours = await createMeeting(t.db, system, activity.id, meetingInput, { locale: 'en', baseUrl: 'http://concord.test' });
      const theirs = await createMeeting(t.db, system, otherActivity.id, meetingInput, { locale: 'en', baseUrl: 'http://concord.test' });
      const s = await create(member, outgoing());
      await transition(member, s.id, { action: 'submit' });
      const noMeeting = await transition(chair, s.id, { action: 'approve', mode: 'at_meeting' });
      assert.equal(noMeeting.statusCode, 422);
      assert.equal(noMeeting.json().error.details.fields.meetingId, 'Name the meeting that approved the statement.');
      const foreign = await transition(chair, s.id, { action: 'approve', mode: 'at_meeting', meetingId: theirs.id });
      assert.equal(foreign.statusCode, 422);
      assert.equal(foreign.json().error.details.fields.meetingId, 'This meeting is not a meeting of this activity.');
      // A meeting five days ahead has approved nothing yet; one that began two days ago has.
      const future = await transition(chair, s.id, { action: 'approve', mode: 'at_meeting', meetingId: ours.id });
      assert.equal(future.statusCode, 422);
      assert.match(future.json().error.details.fields.meetingId, new RegExp(`^Meeting ${ours.number} has not begun yet \\(it starts on .+\\): a statement is approved at a meeting once the meeting has taken it up\\.$`));
      const held = await createMeeting(t.db, system, activity.id, { ...meetingInput, title: 'Held meeting', startDate: isoDay(-2), endDate: isoDay(-2) }, { locale: 'en', baseUrl: 'http://concord.test' });
      const approved = await transition(chair, s.id, { action: 'approve', mode: 'at_meeting', meetingId: held.id });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual([approved.json().approval.mode, approved.json().approval.meetingId], ['at_meeting', held.id]);
      assert.equal((await transition(secretariat, s.id, { action: 'send' })).statusCode, 200, 'approved at a meeting: sent at once');
    });

    it('the edit form changes a draft: a cleared reply link is gone on both sides; a purpose for action needs its deadline', async () => {
      const received = await create(secretariat, incoming({ title: 'To be unlinked' }));
      const s = await create(member, outgoing({ inReplyToIds: [received.id] }));
      const form = await member.get(`${page()}/${s.id}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`<option value="${received.id}" selected`), 'the reply link is selected');
      const fields = { direction: 'out', title: 'Edited title', purpose: 'for_action', deadline: '', toOrganizationIds: String(sg17.id), recipients: 'Rapporteur Q15/17 <q15@example.org>', access: 'public' };
      const refused = await member.post(`${page()}/${s.id}/edit`, fields);
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /A statement for action or for comment needs a deadline\./);
      const saved = await member.post(`${page()}/${s.id}/edit`, { ...fields, deadline: isoDay(30) });
      assert.equal(saved.statusCode, 303, saved.body);
      const after = (await member.api('GET', `${api()}/${s.id}`)).json() as Statement & { title: string };
      assert.equal(after.title, 'Edited title');
      assert.deepEqual(after.inReplyTo, [], 'no longer a reply');
      assert.deepEqual(((await member.api('GET', `${api()}/${received.id}`)).json() as Statement).replies, [], 'and the other side agrees');
      const [updated] = (await statementEvents(s.id)).filter((e) => e.kind === 'liaison.updated');
      assert.deepEqual(updated?.after, { reference: (after as unknown as { reference: string }).reference, title: 'Edited title', purpose: 'for_action', deadline: isoDay(30), inReplyToIds: [] });
      assert.equal((await observer.get(`${page()}/${s.id}/edit`)).statusCode, 403);
    });

    it('an attachment added on the page joins the statement’s document, which stays members-only until the statement is sent', async () => {
      const s = await create(member, outgoing());
      const added = await member.upload(`${page()}/${s.id}/attach`, { name: 'annex.pdf', type: 'application/pdf', bytes: pdf });
      assert.equal(added.statusCode, 303, added.body);
      const view = (await member.api('GET', `${api()}/${s.id}`)).json() as Statement & { documentId: number };
      assert.deepEqual(view.attachments.map((a) => a.fileName), ['annex.pdf']);
      const second = await member.upload(`${api()}/${s.id}/attachments`, { name: 'annex-2.txt', type: 'text/plain', bytes: Buffer.from('Second annex') });
      assert.equal(second.statusCode, 201, second.body);
      assert.deepEqual((second.json() as Statement).attachments.map((a) => a.fileName), ['annex.pdf', 'annex-2.txt']);
      const access = async () => (await t.db.select({ access: documents.access }).from(documents).where(eq(documents.id, view.documentId)))[0]?.access;
      assert.equal(await access(), 'members');
      await transition(member, s.id, { action: 'submit' });
      await transition(chair, s.id, { action: 'approve', mode: 'by_correspondence', objectionDeadline: isoDay(0) });
      await objectionsClosed(s.id);
      await transition(secretariat, s.id, { action: 'send' });
      assert.equal(await access(), 'public', 'published with the statement');
      const viaApi = await member.upload(`${api()}/${s.id}/attachments`, { name: 'annex-2.txt', type: 'text/plain', bytes: Buffer.from('Second annex') });
      assert.equal(viaApi.statusCode, 409, 'the API refuses a sent statement too');
      const wrongKind = await secretariat.upload(`${api()}/${(await create(secretariat, incoming())).id}/attachments`, { name: 'x.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ') });
      assert.equal(wrongKind.statusCode, 422);
      assert.match(wrongKind.json().error.details.fields.file, /not an allowed type/);
      const late = await member.upload(`${page()}/${s.id}/attach`, { name: 'late.pdf', type: 'application/pdf', bytes: pdf });
      assert.equal(late.statusCode, 409, 'a sent statement is not changed');
      assert.match(late.body, /This statement is sent: it cannot be edited now\./);
    });

    it('the register and the statement page speak French', async () => {
      const s = await create(secretariat, incoming({ title: 'Statement in French pages' }));
      const register = await stranger.get(page(), { 'accept-language': 'fr' });
      assert.match(register.body, /<h2>Déclarations de liaison<\/h2>/);
      const statement = await stranger.get(`${page()}/${s.id}`, { 'accept-language': 'fr' });
      assert.match(statement.body, /Pour suite à donner/);
      assert.match(statement.body, /Déclaration de liaison reçue enregistrée/);
    });

    it('a script with an API token registers and moves statements without a CSRF token; an anonymous write is a 401', async () => {
      const { token } = await createApiToken(t.db, { kind: 'user', userId: secretariatUser.user.id, name: 'Sam Secretariat', email: secretariatUser.user.email, isAdmin: false, locale: null, personId: secretariatUser.personId, roles: new Map() }, 'liaison script');
      const created = await apiWithToken(t.app, token, 'POST', api(), incoming({ title: 'Registered by a script' }));
      assert.equal(created.statusCode, 201, created.body);
      const id = (created.json() as Statement).id;
      const assigned = await apiWithToken(t.app, token, 'POST', `${api()}/${id}/transitions`, { action: 'set_action_status', actionStatus: 'in_progress' });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal((assigned.json() as Statement).actionStatus, 'in_progress');
      assert.equal((await anonymousClient.api('POST', api(), incoming())).statusCode, 401);
      const bad = await apiWithToken(t.app, token, 'POST', `${api()}/${id}/transitions`, { action: 'fly' });
      assert.equal(bad.statusCode, 422);
    });

    it('the API is in the OpenAPI document', async () => {
      // The liaison routes alone, as the application documents them (another module's schema must not hide ours).
      const app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      await app.register(fastifySwagger, { openapi: { openapi: '3.1.0', info: { title: 'Concord', version: '1' } }, transform: jsonSchemaTransform });
      registerLiaisonRoutes(app as unknown as App, { config: t.config, database: t.database, modules: [] });
      await app.ready();
      const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
      assert.deepEqual(Object.keys(doc.paths).filter((p) => p.startsWith('/api/')).sort(), [
        '/api/v1/activities/{acronym}/liaisons',
        '/api/v1/activities/{acronym}/liaisons/{id}',
        '/api/v1/activities/{acronym}/liaisons/{id}/attachments',
        '/api/v1/activities/{acronym}/liaisons/{id}/thread',
        '/api/v1/activities/{acronym}/liaisons/{id}/transitions',
      ]);
      assert.ok(doc.paths['/api/v1/activities/{acronym}/liaisons/{id}']?.patch, 'PATCH documented');
      await app.close();
      // And in the application's own document.
      const served = await anonymousClient.get('/api/docs');
      assert.equal(served.statusCode, 200);
      assert.ok((served.json() as { paths: Record<string, unknown> }).paths['/api/v1/activities/{acronym}/liaisons/{id}/transitions'], 'served at /api/docs');
    });
  });
}
