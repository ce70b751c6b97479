import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { systemActor } from '../../platform/actor.ts';
import { createContact } from '../contacts/contacts.ts';
import { events, mailOutbox, users } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { roadmapEntries, roadmapProposals } from './schema.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const engine of testEngines()) {
  describe(`roadmap proposals on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let activity: Activity;
    let secretariatUser: SignedInUser;
    let memberUser: SignedInUser;
    let secretariat: TestClient;
    let member: TestClient;
    let otherMember: TestClient;
    let observer: TestClient;
    let stranger: TestClient;
    let itu: { id: number; acronym: string };
    let etsi: { id: number; acronym: string };
    let y3800: { id: number };

    const roadmapApi = () => `/api/v1/activities/${activity.acronym}/roadmap`;
    const proposalsApi = () => `${roadmapApi()}/proposals`;
    const proposalsPage = () => `/activities/${activity.acronym}/roadmap/proposals`;
    const newEntry = (identifier: string, extra: Record<string, unknown> = {}) => ({
      kind: 'new_entry',
      entry: { organizationId: etsi.id, identifier, title: `Title of ${identifier}`, kind: 'technical_specification', status: 'in_development', topics: ['key management'], ...extra },
      note: 'Adopted at the last ISG meeting.',
    });
    const propose = async (client: TestClient, body: Record<string, unknown>) => {
      const response = await client.api('POST', proposalsApi(), body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: number; status: string; allowedActions: string[]; proposed: Record<string, unknown> };
    };
    const proposalEvents = (id: number) =>
      t.db.select().from(events).where(and(eq(events.subjectType, 'roadmap_proposal'), eq(events.subjectId, String(id)))).orderBy(asc(events.id));
    const outbox = (purpose: string, to: string) =>
      t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, purpose), eq(mailOutbox.recipient, to))).orderBy(asc(mailOutbox.id));
    const deliver = async () => {
      const transport = createSmtpTransport(smtp.url);
      try {
        return await deliverDueMail(t.db, transport, { from: t.config.mailFrom });
      } finally {
        transport.close();
      }
    };
    const received = (to: string) => smtp.received.filter((m) => m.envelopeTo.includes(to));

    before(async () => {
      t = await createTestApp(engine);
      smtp = await startSmtpServer();
      activity = await makeActivity(t.db);
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      member = new TestClient(t.app, memberUser.cookie);
      otherMember = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Otto Other' })).cookie);
      observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: activity.id })).cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
      const created = await secretariat.api('POST', roadmapApi(), {
        organizationId: itu.id,
        identifier: 'Y.3800',
        title: 'Overview on networks supporting quantum key distribution',
        kind: 'recommendation',
        status: 'published',
        approvedOn: '2019-10-29',
        topics: ['QKDN overview'],
      });
      assert.equal(created.statusCode, 201);
      y3800 = created.json();
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    it('lets a member propose a new entry: pending, an event, and a mail to the secretariat', async () => {
      const proposal = await propose(member, newEntry('GS QKD 016'));
      assert.equal(proposal.status, 'pending');
      assert.deepEqual(proposal.allowedActions, ['withdraw']);
      assert.equal(proposal.proposed.identifier, 'GS QKD 016');
      const [row] = await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, proposal.id));
      assert.equal(row?.kind, 'new_entry');
      assert.equal(row?.entryId, null);
      assert.equal(row?.proposerUserId, memberUser.user.id);
      assert.equal(row?.proposerPersonId, memberUser.personId);
      assert.equal(row?.proposerName, 'Maria Member');
      assert.equal(row?.proposerEmail, memberUser.user.email);
      assert.equal(row?.note, 'Adopted at the last ISG meeting.');
      const [event] = await proposalEvents(proposal.id);
      assert.equal(event?.kind, 'roadmap.proposal_submitted');
      assert.equal(event?.activityId, activity.id);
      assert.equal(event?.actorUserId, memberUser.user.id);
      const mails = await outbox('roadmap_proposal_submitted', secretariatUser.user.email);
      const mail = mails.find((m) => m.textBody.includes(`/roadmap/proposals/${proposal.id}`));
      assert.ok(mail, 'the secretariat is told');
      assert.equal(mail.subject, `[${activity.acronym}] New roadmap proposal: GS QKD 016`);
      assert.match(mail.textBody, /^Maria Member proposes a new entry for the roadmap of .+: GS QKD 016 — Title of GS QKD 016\.$/m);
      assert.match(mail.textBody, new RegExp(escapeRegExp(`http://concord.test/activities/${activity.acronym}/roadmap/proposals/${proposal.id}`)));
      assert.equal((await outbox('roadmap_proposal_submitted', memberUser.user.email)).length, 0, 'the proposer is not mailed about their own proposal');
    });

    it('refuses proposals from observers (403), strangers (403) and anonymous callers (401), writing nothing', async () => {
      const before = (await t.db.select().from(roadmapProposals)).length;
      assert.equal((await observer.api('POST', proposalsApi(), newEntry('GS QKD 901'))).statusCode, 403);
      assert.equal((await stranger.api('POST', proposalsApi(), newEntry('GS QKD 902'))).statusCode, 403);
      assert.equal((await new TestClient(t.app).api('POST', proposalsApi(), newEntry('GS QKD 903'))).statusCode, 401);
      assert.equal((await new TestClient(t.app).api('GET', proposalsApi())).statusCode, 401);
      assert.equal((await observer.get(`${proposalsPage()}/new`)).statusCode, 403);
      assert.equal((await observer.post(proposalsPage(), { organizationId: String(etsi.id), identifier: 'GS QKD 904', title: 'x', kind: 'other', status: 'planned' })).statusCode, 403);
      assert.equal((await t.db.select().from(roadmapProposals)).length, before);
      const closed = await makeActivity(t.db, { visibility: 'members' });
      assert.equal((await member.api('POST', `/api/v1/activities/${closed.acronym}/roadmap/proposals`, newEntry('GS QKD 905'))).statusCode, 404);
    });

    it('refuses at once a proposed entry that is already in the register, and a change that changes nothing', async () => {
      const duplicate = await member.api('POST', proposalsApi(), { kind: 'new_entry', entry: { organizationId: itu.id, identifier: 'Rec. ITU-T Y.3800', title: 'Again', status: 'published' } });
      assert.equal(duplicate.statusCode, 422);
      assert.equal(duplicate.json().error.details.fields.identifier, 'This entry is already in the register: Y.3800 — Overview on networks supporting quantum key distribution.');
      assert.equal(duplicate.json().error.details.existing.href, `/roadmap/entries/${y3800.id}`);
      const same = await member.api('POST', proposalsApi(), { kind: 'change', entryId: y3800.id, changes: { status: 'published', topics: ['qkdn OVERVIEW'] } });
      assert.equal(same.statusCode, 422);
      assert.equal(same.json().error.message, 'This changes nothing: change at least one field of the entry.');
      const elsewhere = await makeActivity(t.db);
      const otherSecretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: elsewhere.id })).cookie);
      const foreign = (await otherSecretariat.api('POST', `/api/v1/activities/${elsewhere.acronym}/roadmap`, { organizationId: etsi.id, identifier: unique('GR QKD '), title: 'Elsewhere', status: 'planned' })).json();
      assert.equal((await member.api('POST', proposalsApi(), { kind: 'change', entryId: foreign.id, changes: { title: 'x' } })).statusCode, 404);
      const badField = await member.api('POST', proposalsApi(), { kind: 'change', entryId: y3800.id, changes: { status: 'finished' } });
      assert.equal(badField.statusCode, 422);
    });

    it('lets only those who edit the roadmap decide, and shows each member only their own proposals', async () => {
      const mine = await propose(member, newEntry('GS QKD 017'));
      const theirs = await propose(otherMember, newEntry('GS QKD 018'));
      assert.equal((await member.api('POST', `${proposalsApi()}/${mine.id}/accept`, {})).statusCode, 403);
      assert.equal((await member.api('POST', `${proposalsApi()}/${mine.id}/reject`, { reason: 'Mine is wrong' })).statusCode, 403);
      assert.equal((await member.post(`${proposalsPage()}/${mine.id}/reject`, { reason: '' })).statusCode, 403, 'who may act is answered before the fields');
      assert.equal((await member.api('POST', `${proposalsApi()}/${theirs.id}/accept`, {})).statusCode, 404);
      assert.equal((await member.api('GET', `${proposalsApi()}/${theirs.id}`)).statusCode, 404);
      assert.equal((await member.get(`${proposalsPage()}/${theirs.id}`)).statusCode, 404);
      assert.equal((await observer.api('GET', `${proposalsApi()}/${mine.id}`)).statusCode, 404);
      const listed = (await member.api('GET', proposalsApi())).json().proposals as { id: number; proposer: { name: string } }[];
      assert.ok(listed.length >= 2);
      assert.ok(listed.every((p) => p.proposer.name === 'Maria Member'));
      const all = (await secretariat.api('GET', proposalsApi())).json().proposals as { id: number; allowedActions: string[] }[];
      assert.ok(all.some((p) => p.id === theirs.id));
      assert.deepEqual(all.find((p) => p.id === mine.id)?.allowedActions, ['accept', 'reject']);
      const [row] = await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, mine.id));
      assert.equal(row?.status, 'pending');
    });

    it('accepts a new entry: the entry is created in the roadmap with its event, the proposal records it, a second decision is a conflict', async () => {
      const proposal = await propose(member, newEntry('GS QKD 019', { year: 2024 }));
      const response = await secretariat.api('POST', `${proposalsApi()}/${proposal.id}/accept`, { comment: 'Thank you.' });
      assert.equal(response.statusCode, 200, response.body);
      const accepted = response.json();
      assert.equal(accepted.status, 'accepted');
      assert.equal(accepted.decidedBy, 'Sam Secretariat');
      assert.equal(accepted.decisionReason, 'Thank you.');
      assert.deepEqual(accepted.allowedActions, []);
      const entry = (await secretariat.api('GET', `${roadmapApi()}/${accepted.resultingEntryId}`)).json();
      assert.equal(entry.identifier, 'GS QKD 019');
      assert.equal(entry.year, 2024);
      assert.deepEqual(entry.topics, ['key management']);
      const [added] = await t.db.select().from(events).where(and(eq(events.subjectType, 'roadmap_entry'), eq(events.subjectId, String(entry.id))));
      assert.equal(added?.kind, 'roadmap.entry_added');
      assert.equal(added?.actorUserId, secretariatUser.user.id);
      assert.deepEqual((await proposalEvents(proposal.id)).map((e) => e.kind), ['roadmap.proposal_submitted', 'roadmap.proposal_accepted']);

      const again = await secretariat.api('POST', `${proposalsApi()}/${proposal.id}/accept`, {});
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.message, 'This proposal has already been accepted.');
      assert.equal((await secretariat.api('POST', `${proposalsApi()}/${proposal.id}/reject`, { reason: 'Too late' })).statusCode, 409);
      assert.equal((await member.api('POST', `${proposalsApi()}/${proposal.id}/withdraw`)).statusCode, 409);
      const page = await secretariat.post(`${proposalsPage()}/${proposal.id}/accept`, { comment: '' });
      assert.equal(page.statusCode, 409);
      assert.match(page.body, /This proposal has already been accepted\./);
      assert.equal((await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.identifier, 'GS QKD 019'))).length, 1);
      assert.equal((await proposalEvents(proposal.id)).length, 2);
    });

    it('applies a proposal once when two decisions arrive at the same time', async () => {
      const proposal = await propose(member, newEntry('GS QKD 025'));
      const responses = await Promise.all([
        secretariat.api('POST', `${proposalsApi()}/${proposal.id}/accept`, {}),
        secretariat.api('POST', `${proposalsApi()}/${proposal.id}/accept`, {}),
      ]);
      assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 409]);
      assert.equal((await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.identifier, 'GS QKD 025'))).length, 1);
      assert.deepEqual((await proposalEvents(proposal.id)).map((e) => e.kind), ['roadmap.proposal_submitted', 'roadmap.proposal_accepted']);
      assert.equal((await outbox('roadmap_proposal_accepted', memberUser.user.email)).filter((m) => m.subject.endsWith('GS QKD 025')).length, 1);
    });

    it('refuses to accept a duplicate (two proposals of one entry): a clear message on the decision form, nothing written', async () => {
      const first = await propose(member, newEntry('GS QKD 020'));
      const second = await propose(otherMember, newEntry('ETSI GS QKD 020'));
      assert.equal((await secretariat.api('POST', `${proposalsApi()}/${first.id}/accept`, {})).statusCode, 200);
      const mailsBefore = (await t.db.select().from(mailOutbox)).length;
      const eventsBefore = (await t.db.select().from(events)).length;
      const refused = await secretariat.api('POST', `${proposalsApi()}/${second.id}/accept`, {});
      assert.equal(refused.statusCode, 422);
      assert.match(refused.json().error.details.fields.identifier, /^This entry is already in the register: GS QKD 020 — Title of GS QKD 020\.$/);
      const page = await secretariat.post(`${proposalsPage()}/${second.id}/accept`, { comment: 'Welcome' });
      assert.equal(page.statusCode, 422);
      assert.match(page.body, /This entry is already in the register: GS QKD 020 — Title of GS QKD 020\./);
      assert.match(page.body, /Open the existing entry/);
      assert.match(page.body, /<textarea id="accept-comment" name="comment"[^>]*>Welcome<\/textarea>/);
      const [row] = await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, second.id));
      assert.equal(row?.status, 'pending');
      assert.equal(row?.decidedAt, null);
      assert.equal((await t.db.select().from(mailOutbox)).length, mailsBefore);
      assert.equal((await t.db.select().from(events)).length, eventsBefore);
      // The secretariat can still reject it, saying why.
      assert.equal((await secretariat.api('POST', `${proposalsApi()}/${second.id}/reject`, { reason: 'Already in the roadmap as GS QKD 020.' })).statusCode, 200);
    });

    it('proposes a change from the entry form, compares it field by field, and applies the secretariat’s edited version', async () => {
      const form = await member.get(`/activities/${activity.acronym}/roadmap/${y3800.id}/propose`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="identifier" type="text" value="Y.3800"/);
      assert.match(form.body, /name="topics" type="text" value="QKDN overview"/);
      const fields = {
        organizationId: String(itu.id), groupId: '', identifier: 'Y.3800', title: 'Overview on networks supporting quantum key distribution',
        kind: 'recommendation', status: 'superseded', startedOn: '', targetOn: '', approvedOn: '2019-10-29', year: '', version: '2nd edition',
        editors: '', scope: '', topics: 'QKDN overview', url: '', source: '',
      };
      const sent = await member.post(`/activities/${activity.acronym}/roadmap/${y3800.id}/propose`, { ...fields, note: 'A new edition replaces it.' });
      assert.equal(sent.statusCode, 303, sent.body);
      const proposalId = Number(/\/proposals\/(\d+)$/.exec(sent.headers.location as string)?.[1]);
      const [row] = await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, proposalId));
      assert.equal(row?.kind, 'change');
      assert.equal(row?.entryId, y3800.id);
      // Only what changes is kept: the empty year is filled from the approval date, as the entry would be.
      assert.deepEqual(row?.proposed, { status: 'superseded', version: '2nd edition' });

      const page = await secretariat.get(`${proposalsPage()}/${proposalId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<th scope="row">Status<\/th><td>Published<\/td><td><ins>Superseded<\/ins><\/td>/);
      assert.match(page.body, /<th scope="row">Version or edition<\/th><td><span class="muted">—<\/span><\/td><td><ins>2nd edition<\/ins><\/td>/);
      assert.match(page.body, /Accept as proposed/);
      assert.match(page.body, /Reject/);
      // The edit form starts from the entry with the proposed values over it.
      assert.match(page.body, /<option value="superseded" selected>Superseded<\/option>/);
      assert.match(page.body, /name="version" type="text" value="2nd edition"/);
      const memberPage = await member.get(`${proposalsPage()}/${proposalId}`);
      assert.doesNotMatch(memberPage.body, /Accept as proposed/);
      assert.match(memberPage.body, /Withdraw the proposal/);

      const accepted = await secretariat.post(`${proposalsPage()}/${proposalId}/accept`, { ...fields, version: 'Edition 2', edit: '1', comment: 'Edition named as ITU-T does.' });
      assert.equal(accepted.statusCode, 303, accepted.body);
      const entry = (await secretariat.api('GET', `${roadmapApi()}/${y3800.id}`)).json();
      assert.equal(entry.status, 'superseded');
      assert.equal(entry.version, 'Edition 2');
      assert.equal(entry.year, 2019);
      const [decided] = await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, proposalId));
      assert.equal(decided?.status, 'accepted');
      assert.deepEqual(decided?.applied, { status: 'superseded', version: 'Edition 2' });
      assert.equal(decided?.resultingEntryId, y3800.id);
      const [updated] = await t.db.select().from(events).where(and(eq(events.kind, 'roadmap.entry_updated'), eq(events.subjectId, String(y3800.id))));
      assert.deepEqual(updated?.after, { status: 'superseded', version: 'Edition 2' });
      const [acceptedEvent] = (await proposalEvents(proposalId)).filter((e) => e.kind === 'roadmap.proposal_accepted');
      assert.equal((acceptedEvent?.after as { edited: boolean }).edited, true);
      const shown = await secretariat.get(`${proposalsPage()}/${proposalId}`);
      assert.match(shown.body, /<th scope="row">Version or edition<\/th><td>2nd edition<\/td><td>Edition 2<\/td>/);
      assert.match(shown.body, /The secretariat changed some values before accepting/);
    });

    it('shows an error beside the field when the edited values are not valid, keeping what was typed', async () => {
      const proposal = await propose(member, newEntry('GS QKD 021'));
      const response = await secretariat.post(`${proposalsPage()}/${proposal.id}/accept`, {
        edit: '1', organizationId: String(etsi.id), identifier: 'GS QKD 021', title: '', kind: 'technical_specification', status: 'planned', year: '1800', topics: '',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /<details class="edit-then-accept" open/);
      assert.match(response.body, /id="error-title">This field is required\./);
      assert.match(response.body, /id="error-year">Enter a number of at least 1900\./);
      assert.match(response.body, /name="year" type="number" value="1800"/);
      const [row] = await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, proposal.id));
      assert.equal(row?.status, 'pending');
    });

    it('needs a reason to reject (422), and mails the proposer the decision with the reason, in their language, over SMTP', async () => {
      const proposal = await propose(member, newEntry('GS QKD 022'));
      const accepted = await propose(member, newEntry('GS QKD 023'));
      const noReason = await secretariat.api('POST', `${proposalsApi()}/${proposal.id}/reject`, {});
      assert.equal(noReason.statusCode, 422);
      assert.equal(noReason.json().error.details.fields.reason, 'This field is required.');
      const blank = await secretariat.post(`${proposalsPage()}/${proposal.id}/reject`, { reason: '  ' });
      assert.equal(blank.statusCode, 422);
      assert.match(blank.body, /id="error-reason">This field is required\./);
      assert.equal((await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, proposal.id)))[0]?.status, 'pending');

      const rejected = await secretariat.post(`${proposalsPage()}/${proposal.id}/reject`, { reason: 'Out of scope: this is not about key management.' });
      assert.equal(rejected.statusCode, 303);
      assert.deepEqual((await proposalEvents(proposal.id)).map((e) => e.kind), ['roadmap.proposal_submitted', 'roadmap.proposal_rejected']);
      // The proposer reads French; the decision mail follows their account's language.
      await t.db.update(users).set({ locale: 'fr' }).where(eq(users.id, memberUser.user.id));
      try {
        assert.equal((await secretariat.api('POST', `${proposalsApi()}/${accepted.id}/accept`, {})).statusCode, 200);
      } finally {
        await t.db.update(users).set({ locale: null }).where(eq(users.id, memberUser.user.id));
      }

      const receivedBefore = received(memberUser.user.email).length;
      assert.ok((await deliver()) >= 2);
      const mails = received(memberUser.user.email).slice(receivedBefore);
      const rejection = mails.find((m) => m.headers.get('subject')?.includes('GS QKD 022'));
      assert.ok(rejection, 'the rejection reached the proposer');
      assert.equal(rejection.headers.get('subject'), `[${activity.acronym}] Your roadmap proposal was not accepted: GS QKD 022`);
      assert.match(rejection.text, /^Dear Maria Member,$/m);
      assert.match(rejection.text, /Reason given by the secretariat:\nOut of scope: this is not about key management\.\n/);
      assert.match(rejection.text, new RegExp(escapeRegExp(`http://concord.test/activities/${activity.acronym}/roadmap/proposals/${proposal.id}`)));
      const acceptance = mails.find((m) => m.text.includes('GS QKD 023'));
      assert.ok(acceptance, 'the acceptance reached the proposer');
      assert.match(acceptance.text, /^Bonjour Maria Member,$/m);
      assert.match(acceptance.text, /a été acceptée : GS QKD 023 — Title of GS QKD 023\./);
      const [created] = await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.identifier, 'GS QKD 023'));
      assert.match(acceptance.text, new RegExp(escapeRegExp(`http://concord.test/roadmap/entries/${created?.id}?activity=${activity.acronym}`)));
    });

    it('lets only the proposer withdraw a pending proposal', async () => {
      const proposal = await propose(member, newEntry('GS QKD 024'));
      assert.equal((await otherMember.api('POST', `${proposalsApi()}/${proposal.id}/withdraw`)).statusCode, 404);
      assert.equal((await secretariat.api('POST', `${proposalsApi()}/${proposal.id}/withdraw`)).statusCode, 403);
      const withdrawn = await member.post(`${proposalsPage()}/${proposal.id}/withdraw`, {});
      assert.equal(withdrawn.statusCode, 303);
      const [row] = await t.db.select().from(roadmapProposals).where(eq(roadmapProposals.id, proposal.id));
      assert.equal(row?.status, 'withdrawn');
      assert.equal(row?.decidedByUserId, memberUser.user.id);
      assert.deepEqual((await proposalEvents(proposal.id)).map((e) => [e.kind, e.activityId]), [
        ['roadmap.proposal_submitted', activity.id],
        ['roadmap.proposal_withdrawn', activity.id],
      ]);
      const accept = await secretariat.api('POST', `${proposalsApi()}/${proposal.id}/accept`, {});
      assert.equal(accept.statusCode, 409);
      assert.equal(accept.json().error.message, 'This proposal has been withdrawn.');
      assert.equal((await member.api('POST', `${proposalsApi()}/${proposal.id}/withdraw`)).statusCode, 409);
      assert.equal((await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.identifier, 'GS QKD 024'))).length, 0);
    });

    it('lets a representative named on the contacts list propose without being a member, until their mandate ends', async () => {
      const own = await makeActivity(t.db);
      const body = await makeOrganization(t.db);
      const current = await makeUser(t.db, { name: 'Rita Representative' });
      const former = await makeUser(t.db, { name: 'Fred Former' });
      const system = systemActor('test');
      await createContact(t.db, system, own.id, { role: 'external_body_representative', personId: current.personId, organizationId: body.id }, 'en');
      await createContact(t.db, system, own.id, { role: 'external_body_representative', personId: former.personId, organizationId: body.id, until: '2020-12-31' }, 'en');
      const api = `/api/v1/activities/${own.acronym}/roadmap/proposals`;
      assert.equal((await new TestClient(t.app, current.cookie).api('POST', api, newEntry('GS QKD 201'))).statusCode, 201);
      assert.equal((await new TestClient(t.app, former.cookie).api('POST', api, newEntry('GS QKD 202'))).statusCode, 403);
    });

    it('lists proposals pending first, newest first, with a page for members and one for the secretariat', async () => {
      const own = await makeActivity(t.db);
      const head = await makeUser(t.db, { role: 'secretariat', activityId: own.id });
      const proposer = await makeUser(t.db, { role: 'member', activityId: own.id, name: 'Paula Proposer' });
      const headClient = new TestClient(t.app, head.cookie);
      const proposerClient = new TestClient(t.app, proposer.cookie);
      const api = `/api/v1/activities/${own.acronym}/roadmap/proposals`;
      const ids: number[] = [];
      for (const identifier of ['GS QKD 101', 'GS QKD 102', 'GS QKD 103']) {
        const response = await proposerClient.api('POST', api, newEntry(identifier));
        assert.equal(response.statusCode, 201);
        ids.push(response.json().id);
      }
      assert.equal((await headClient.api('POST', `${api}/${ids[2]}/reject`, { reason: 'No' })).statusCode, 200);
      const listed = (await headClient.api('GET', api)).json().proposals as { id: number; status: string }[];
      assert.deepEqual(listed.map((p) => [p.id, p.status]), [[ids[1], 'pending'], [ids[0], 'pending'], [ids[2], 'rejected']]);
      const pendingOnly = (await headClient.api('GET', `${api}?status=pending`)).json().proposals as { id: number }[];
      assert.deepEqual(pendingOnly.map((p) => p.id), [ids[1], ids[0]]);

      const page = await headClient.get(`/activities/${own.acronym}/roadmap/proposals`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /New entries, changes and entries of the register proposed for this roadmap/);
      assert.deepEqual([...page.body.matchAll(/roadmap\/proposals\/(\d+)">Proposal #/g)].map((m) => Number(m[1])), [ids[1], ids[0], ids[2]]);
      assert.match(page.body, /Paula Proposer/);
      const memberPage = await proposerClient.get(`/activities/${own.acronym}/roadmap/proposals`);
      assert.match(memberPage.body, /Your proposals for this roadmap/);
      assert.match(memberPage.body, /Propose an entry/);
      assert.equal((await new TestClient(t.app).get(`/activities/${own.acronym}/roadmap/proposals`)).statusCode, 303, 'anonymous: sign in first');

      const french = await proposerClient.get(`/activities/${own.acronym}/roadmap/proposals/${ids[2]}`, { 'accept-language': 'fr' });
      assert.equal(french.statusCode, 200);
      assert.match(french.body, new RegExp(`Proposition n° ${ids[2]}\u202f: GS QKD 103`));
      assert.match(french.body, /<span class="pill proposal-rejected">Refusée<\/span>/);
      assert.match(french.body, /<dt>Motif<\/dt><dd><span class="prose">No<\/span><\/dd>/);
    });

    it('describes the proposal endpoints in the OpenAPI document', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
      assert.equal(response.statusCode, 200);
      const paths = response.json().paths as Record<string, Record<string, unknown>>;
      for (const path of ['', '/{id}', '/{id}/accept', '/{id}/reject', '/{id}/withdraw']) {
        assert.ok(paths[`/api/v1/activities/{acronym}/roadmap/proposals${path}`], path);
      }
      assert.ok(paths['/api/v1/activities/{acronym}/roadmap/proposals']?.post);
    });

    it('proposes a new entry through the page form and shows field errors there', async () => {
      const form = await member.get(`${proposalsPage()}/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Propose a standard or work item for the roadmap of/);
      const bad = await member.post(proposalsPage(), { organizationId: String(etsi.id), identifier: '', title: 'No identifier', kind: 'other', status: 'planned', note: 'Please add' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-identifier">This field is required\./);
      assert.match(bad.body, />Please add<\/textarea>/);
      const duplicate = await member.post(proposalsPage(), { organizationId: String(itu.id), identifier: 'ITU-T Y.3800', title: 'Again', kind: 'recommendation', status: 'published' });
      assert.equal(duplicate.statusCode, 422);
      assert.match(duplicate.body, new RegExp(`<a href="/roadmap/entries/${y3800.id}">Open the existing entry</a>`));
      const good = await member.post(proposalsPage(), { organizationId: String(etsi.id), identifier: 'GR QKD 010', title: '<b>Bold</b> title', kind: 'technical_report', status: 'planned', topics: 'a; b', note: '' });
      assert.equal(good.statusCode, 303);
      const page = await member.get(good.headers.location as string);
      assert.match(page.body, /Your proposal has been sent to the secretariat\./);
      assert.match(page.body, /&lt;b>Bold&lt;\/b> title/);
      assert.doesNotMatch(page.body, /<b>Bold<\/b>/);
    });
  });
}
