// Invitations through the real app on both engines: the mail goes through a real SMTP server, the link is followed,
// and the role works; every refused link has its own sentence; only the secretariat and admins invite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { systemActor } from '../../platform/actor.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { events, mailOutbox, users } from '../../platform/schema.ts';
import { activityMemberships, people } from '../../db/schema.ts';
import type { Activity } from '../activities/index.ts';
import { createPerson } from '../people/index.ts';
import { invitations } from './schema.ts';

const system = systemActor('test');
const address = (prefix: string) => `${unique(prefix).toLowerCase()}@example.org`;
const newPassword = 'a long enough passphrase';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const engine of testEngines()) {
  describe(`invitations on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let activity: Activity;
    let secretariat: TestClient;
    let secretariatUser: SignedInUser;
    let member: TestClient;
    let chair: TestClient;

    const base = () => `/activities/${activity.acronym}`;
    /** Sends due mail through the SMTP server and returns the link token of the last mail to `to`. */
    const linkMailedTo = async (to: string): Promise<string> => {
      const transport = createSmtpTransport(smtp.url);
      try {
        await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir });
      } finally {
        transport.close();
      }
      const mail = smtp.received.filter((m) => m.envelopeTo.includes(to)).at(-1);
      assert.ok(mail, `a mail reached ${to}`);
      const token = /http:\/\/concord\.test\/invitations\/([\w-]{43})\n/.exec(mail.text)?.[1];
      assert.ok(token, mail.text);
      return token;
    };
    const makeInvitee = async (name: string) => createPerson(t.db, system, { name, email: address('invitee'), isExample: false }, 'en');
    const invite = async (personId: number, role = 'member') => {
      const response = await secretariat.post(`${base()}/invitations`, { personId: String(personId), role, name: '', email: '', affiliation: '' });
      assert.equal(response.statusCode, 303, response.body);
      return response;
    };
    const invitationOf = async (personId: number) =>
      (await t.db.select().from(invitations).where(eq(invitations.personId, personId)).orderBy(asc(invitations.id))).at(-1)!;

    before(async () => {
      [t, smtp] = await Promise.all([createTestApp(engine), startSmtpServer()]);
      activity = await makeActivity(t.db, { visibility: 'members' });
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    it('invites a person, mails the link through SMTP, and the new account created from it holds the role', async () => {
      const person = await makeInvitee('Ines Invited');
      const [mark] = await t.db.select({ id: sql<number>`coalesce(max(${events.id}), 0)::int` }).from(events);
      const sent = await invite(person.id, 'member');
      assert.equal(sent.headers.location, `${base()}/invitations`);
      const list = await secretariat.get(`${base()}/invitations`);
      assert.match(list.body, new RegExp(`The invitation has been sent to ${escape(person.email!)}\\.`));
      assert.match(list.body, /Ines Invited/);
      const [row] = await t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'invitation'), eq(mailOutbox.recipient, person.email!)));
      assert.equal(row?.subject, `Invitation: Member of ${activity.acronym}`);

      const token = await linkMailedTo(person.email!);
      const mail = smtp.received.at(-1)!;
      assert.match(mail.text, new RegExp(`^Hello Ines Invited,\\n\\nSam Secretariat invites you to take part in ${escape(activity.acronym)} \\(Test coordination activity\\) as Member`));
      const stored = await invitationOf(person.id);
      assert.notEqual(stored.tokenHash, token, 'only the hash of the token is stored');
      assert.equal(stored.tokenHash.length, 64);

      // Before accepting, the invitee cannot read the members-only activity.
      const invitee = new TestClient(t.app);
      assert.equal((await invitee.get(base())).statusCode, 404);
      const page = await invitee.get(`/invitations/${token}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Sam Secretariat invites you to take part in/);
      assert.match(page.body, new RegExp(`You will sign in with ${escape(person.email!)}\\.`));

      const short = await invitee.post(`/invitations/${token}`, { password: 'short' });
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /Use at least 10 characters\./);
      const accepted = await invitee.post(`/invitations/${token}`, { password: newPassword });
      assert.equal(accepted.statusCode, 303);
      assert.equal(accepted.headers.location, base());
      const welcome = await invitee.get(base());
      assert.equal(welcome.statusCode, 200, 'the new member reads the members-only activity');
      assert.match(welcome.body, new RegExp(`Welcome\\. You are now Member of ${escape(activity.acronym)}\\.`));

      const [account] = await t.db.select().from(users).where(eq(users.email, person.email!));
      assert.ok(account?.emailVerifiedAt, 'the address is verified by the link');
      const [linked] = await t.db.select().from(people).where(eq(people.id, person.id));
      assert.equal(linked?.userId, account.id);
      const roles = await t.db.select({ role: activityMemberships.role }).from(activityMemberships).where(and(eq(activityMemberships.personId, person.id), eq(activityMemberships.activityId, activity.id)));
      assert.deepEqual(roles, [{ role: 'member' }]);
      // The password works for signing in later.
      assert.equal((await new TestClient(t.app).post('/sign-in', { email: person.email!, password: newPassword })).statusCode, 303);

      const kinds = await t.db
        .select({ kind: events.kind, actor: events.actorName })
        .from(events)
        .where(sql`${events.id} > ${mark!.id}`)
        .orderBy(asc(events.id));
      assert.deepEqual(kinds.map((k) => k.kind), ['invitation.sent', 'user.created', 'person.account_linked', 'membership.added', 'invitation.accepted']);
      assert.deepEqual(kinds.map((k) => k.actor), ['Sam Secretariat', 'Ines Invited', 'Ines Invited', 'Ines Invited', 'Ines Invited']);
      const history = await secretariat.get(`${base()}/history`);
      assert.match(history.body, new RegExp(`Sam Secretariat invited Ines Invited by e-mail to be Member \\(${escape(person.email!)}\\)`));
      assert.match(history.body, /Ines Invited accepted the invitation to be Member and created an account/);
      const historyFr = await secretariat.get(`${base()}/history`, { 'accept-language': 'fr' });
      assert.ok(historyFr.body.includes('Ines Invited a accepté l’invitation au rôle « Membre » et créé son compte'), 'French wording');
      assert.ok(!(await member.get(`${base()}/history`)).body.includes('invited by e-mail'), 'members do not see invitations (they name addresses)');

      // The same link cannot be used twice.
      const again = await new TestClient(t.app).get(`/invitations/${token}`);
      assert.equal(again.statusCode, 410);
      assert.match(again.body, /This invitation has already been accepted\. Sign in to use your account\./);
      const reuse = await new TestClient(t.app).post(`/invitations/${token}`, { password: 'another long passphrase' });
      assert.equal(reuse.statusCode, 410);
      assert.match(reuse.body, /This invitation has already been accepted\./);
    });

    it('lets only one of two acceptances at the same moment through', async () => {
      const person = await makeInvitee('Dora Double');
      await invite(person.id);
      const token = await linkMailedTo(person.email!);
      const [a, b] = [new TestClient(t.app), new TestClient(t.app)];
      await Promise.all([a.get(`/invitations/${token}`), b.get(`/invitations/${token}`)]);
      const answers = await Promise.all([a.post(`/invitations/${token}`, { password: newPassword }), b.post(`/invitations/${token}`, { password: newPassword })]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [303, 410]);
      assert.equal((await t.db.select().from(users).where(eq(users.email, person.email!))).length, 1);
      const roles = await t.db.select().from(activityMemberships).where(eq(activityMemberships.personId, person.id));
      assert.equal(roles.length, 1);
    });

    it('refuses an expired link and a withdrawn one, each with its own sentence', async () => {
      const late = await makeInvitee('Lena Late');
      await invite(late.id);
      const lateToken = await linkMailedTo(late.email!);
      await t.db.update(invitations).set({ expiresAt: new Date('2026-01-02T10:00:00Z') }).where(eq(invitations.personId, late.id));
      const expired = await new TestClient(t.app).get(`/invitations/${lateToken}`);
      assert.equal(expired.statusCode, 410);
      assert.match(expired.body, /This invitation expired on 2 Jan 2026, 10:00 UTC\. Ask the secretariat to send you a new one\./);
      assert.equal((await new TestClient(t.app).post(`/invitations/${lateToken}`, { password: newPassword })).statusCode, 410);
      assert.match((await secretariat.get(`${base()}/invitations`)).body, /<strong>Expired<\/strong>/);

      const withdrawn = await makeInvitee('Walter Withdrawn');
      await invite(withdrawn.id);
      const token = await linkMailedTo(withdrawn.email!);
      const invitation = await invitationOf(withdrawn.id);
      const revoke = await secretariat.post(`${base()}/invitations/${invitation.id}/revoke`, {});
      assert.equal(revoke.statusCode, 303);
      const page = await new TestClient(t.app).get(`/invitations/${token}`);
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /This invitation has been withdrawn by the secretariat\./);
      const accept = await new TestClient(t.app).post(`/invitations/${token}`, { password: newPassword });
      assert.equal(accept.statusCode, 410);
      assert.equal((await t.db.select().from(users).where(eq(users.email, withdrawn.email!))).length, 0, 'no account was made');
      const twice = await secretariat.post(`${base()}/invitations/${invitation.id}/revoke`, {});
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /This invitation has already been answered or withdrawn\./);

      const unknown = await new TestClient(t.app).get('/invitations/not-a-real-token-at-all-000000000000000000');
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.body, /This invitation link is not valid\./);
    });

    it('resending mails a new link and the old one stops working; an expired invitation can be resent', async () => {
      const person = await makeInvitee('Rita Resent');
      await invite(person.id, 'observer');
      const first = await linkMailedTo(person.email!);
      const invitation = await invitationOf(person.id);
      await t.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, invitation.id));
      const resent = await secretariat.post(`${base()}/invitations/${invitation.id}/resend`, {});
      assert.equal(resent.statusCode, 303);
      assert.match((await secretariat.get(`${base()}/invitations`)).body, /A new link has been sent to .*\. The link sent before no longer works\./);
      const second = await linkMailedTo(person.email!);
      assert.notEqual(second, first);
      const old = await new TestClient(t.app).get(`/invitations/${first}`);
      assert.equal(old.statusCode, 410);
      assert.match(old.body, /A newer invitation has been sent to you; use the link in the latest message\./);
      assert.equal((await new TestClient(t.app).post(`/invitations/${first}`, { password: newPassword })).statusCode, 410);
      const [row] = await t.db.select().from(invitations).where(eq(invitations.id, invitation.id));
      assert.equal(row?.sendCount, 2);
      assert.ok(row!.expiresAt.getTime() > Date.now() + 13 * 86_400_000, 'a new expiry, 14 days by default');
      const invitee = new TestClient(t.app);
      assert.equal((await invitee.post(`/invitations/${second}`, { password: newPassword })).statusCode, 303);
      assert.equal((await invitee.get(base())).statusCode, 200);
    });

    it('lets a signed-in account accept: it is linked to the person and gets the role', async () => {
      const person = await makeInvitee('Olaf Other');
      // An account already exists for someone else's address, not linked to anyone: signing in with it links it.
      const existing = await makeUser(t.db, { name: 'Olaf Account' });
      await t.db.update(people).set({ userId: null }).where(eq(people.id, existing.personId));
      await invite(person.id, 'observer');
      const token = await linkMailedTo(person.email!);
      const client = new TestClient(t.app, existing.cookie);
      const page = await client.get(`/invitations/${token}`);
      assert.match(page.body, /You are signed in as Olaf Account/);
      assert.equal((await client.post(`/invitations/${token}`, {})).statusCode, 303);
      const [linked] = await t.db.select().from(people).where(eq(people.id, person.id));
      assert.equal(linked?.userId, existing.user.id);
      assert.equal((await client.get(base())).statusCode, 200);
    });

    it('asks a person who already has an account to sign in with it, and refuses another account', async () => {
      const holder = await makeUser(t.db, { name: 'Hanna Holder' });
      await invite(holder.personId, 'observer');
      const holderEmail = (await t.db.select().from(people).where(eq(people.id, holder.personId)))[0]!.email!;
      const token = await linkMailedTo(holderEmail);
      const visitor = new TestClient(t.app);
      const page = await visitor.get(`/invitations/${token}`);
      assert.match(page.body, /This invitation is for a person who already has an account\. Sign in with that account to accept it\./);
      assert.ok(page.body.includes(`href="/sign-in?next=${encodeURIComponent(`/invitations/${token}`)}"`));
      const refused = await visitor.post(`/invitations/${token}`, { password: newPassword });
      assert.equal(refused.statusCode, 409);
      const stranger = new TestClient(t.app, (await makeUser(t.db, { name: 'Someone Else' })).cookie);
      const wrong = await stranger.post(`/invitations/${token}`, {});
      assert.equal(wrong.statusCode, 409);
      assert.match(wrong.body, /This invitation is for the person linked to another account\./);
      const holderClient = new TestClient(t.app, holder.cookie);
      assert.equal((await holderClient.post(`/invitations/${token}`, {})).statusCode, 303);
      assert.equal((await holderClient.get(base())).statusCode, 200);
    });

    it('adds a new person from the form, and explains what is missing or already done', async () => {
      const email = address('newcomer');
      const created = await secretariat.post(`${base()}/invitations`, { personId: '', name: 'Nora Newcomer', email, affiliation: 'ETRI', role: 'member' });
      assert.equal(created.statusCode, 303);
      const [person] = await t.db.select().from(people).where(eq(people.email, email));
      assert.equal(person?.name, 'Nora Newcomer');
      assert.equal(person?.affiliation, 'ETRI');

      const missing = await secretariat.post(`${base()}/invitations`, { personId: '', name: '', email: '', role: 'member' });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /Choose a person, or give the new person’s name and e-mail address\./);
      assert.match(missing.body, /<a href="#field-name">Name: This field is required\.<\/a>/);
      const badRole = await secretariat.post(`${base()}/invitations`, { personId: String(person!.id), role: 'emperor' });
      assert.equal(badRole.statusCode, 422);
      assert.match(badRole.body, /#field-role/);

      const twice = await secretariat.post(`${base()}/invitations`, { personId: String(person!.id), role: 'member' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /Nora Newcomer already has an invitation to the role Member here\. Send it again from the list below instead\./);

      const noAddress = await createPerson(t.db, system, { name: 'Paul Postless', isExample: false }, 'en');
      const refused = await secretariat.post(`${base()}/invitations`, { personId: String(noAddress.id), role: 'member' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /Paul Postless has no e-mail address\. Add one on their page, then invite them\./);

      const holds = await secretariat.post(`${base()}/invitations`, { personId: String(secretariatUser.personId), role: 'secretariat' });
      assert.equal(holds.statusCode, 409);
      assert.match(holds.body, /Sam Secretariat already holds the role Secretariat here\./);

      const taken = await secretariat.post(`${base()}/invitations`, { personId: '', name: 'Copy', email, role: 'member' });
      assert.equal(taken.statusCode, 422);
      assert.match(taken.body, /This e-mail address already belongs to Nora Newcomer\./);
      assert.equal((await t.db.select().from(people).where(eq(people.name, 'Copy'))).length, 0);
    });

    it('works through the API: invite, list, resend, revoke, and accept with a signed-in account', async () => {
      const person = await makeInvitee('Api Invitee');
      const created = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/invitations`, { personId: person.id, role: 'observer' });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().state, 'pending');
      assert.equal(created.json().personName, 'Api Invitee');
      const listed = await secretariat.api('GET', `/api/v1/activities/${activity.acronym}/invitations`);
      assert.ok(listed.json().open.some((i: { id: number }) => i.id === created.json().id));
      const resent = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/invitations/${created.json().id}/resend`);
      assert.equal(resent.statusCode, 200);
      assert.equal(resent.json().sendCount, 2);
      const token = await linkMailedTo(person.email!);
      const account = await makeUser(t.db, { name: 'Api Account' });
      await t.db.update(people).set({ userId: null }).where(eq(people.id, account.personId));
      const accepted = await new TestClient(t.app, account.cookie).api('POST', '/api/v1/invitations/accept', { token });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.deepEqual(accepted.json(), { activity: activity.acronym, role: 'observer' });
      const bad = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/invitations`, { role: 'member', email: 'not-an-address' });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.details.fields.email, 'Enter an e-mail address such as name@example.org.');
      const other = await makeInvitee('Api Revoked');
      const second = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/invitations`, { personId: other.id, role: 'member' });
      assert.equal((await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/invitations/${second.json().id}/revoke`)).statusCode, 204);
      const gone = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/invitations/${second.json().id}/revoke`);
      assert.equal(gone.statusCode, 409);
      const paths = Object.keys((await secretariat.get('/api/docs')).json().paths);
      for (const path of ['/api/v1/activities/{acronym}/invitations', '/api/v1/activities/{acronym}/invitations/{id}/resend', '/api/v1/invitations/accept', '/api/v1/people/{id}/account', '/api/v1/accounts/unlinked']) {
        assert.ok(paths.includes(path), `${path} is in the OpenAPI document`);
      }
    });

    it('throttles mail to one address: the sixth sending in an hour is refused with the wait named', async () => {
      const person = await makeInvitee('Tom Throttled');
      await invite(person.id);
      const invitation = await invitationOf(person.id);
      for (let i = 0; i < 4; i++) assert.equal((await secretariat.post(`${base()}/invitations/${invitation.id}/resend`, {})).statusCode, 303);
      const refused = await secretariat.post(`${base()}/invitations/${invitation.id}/resend`, {});
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /Too many attempts in a short time\. Please try again in \d+ minutes\./);
      const viaApi = await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/invitations/${invitation.id}/resend`);
      assert.equal(viaApi.statusCode, 429);
      assert.equal(viaApi.json().error.code, 'too_many_requests');
      assert.equal((await invitationOf(person.id)).sendCount, 5);
    });

    describe('who may invite', () => {
      let target: { id: number };
      before(async () => {
        const person = await makeInvitee('Guarded Invitee');
        await invite(person.id);
        target = await invitationOf(person.id);
      });
      const routes = () => [
        ['GET', `${base()}/invitations`],
        ['POST', `${base()}/invitations`],
        ['POST', `${base()}/invitations/${target.id}/resend`],
        ['POST', `${base()}/invitations/${target.id}/revoke`],
        ['GET', `/api/v1/activities/${activity.acronym}/invitations`],
        ['POST', `/api/v1/activities/${activity.acronym}/invitations`],
        ['POST', `/api/v1/activities/${activity.acronym}/invitations/${target.id}/resend`],
        ['POST', `/api/v1/activities/${activity.acronym}/invitations/${target.id}/revoke`],
      ] as const;
      it('refuses members and chairs (403) and sends anonymous visitors to sign in, changing nothing', async () => {
        const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(events);
        for (const [method, url] of routes()) {
          for (const [who, client] of [['member', member], ['chair', chair]] as const) {
            const body = { personId: '1', role: 'member' };
            const response = url.startsWith('/api/')
              ? await client.api(method, url, method === 'POST' ? { personId: 1, role: 'member' } : undefined)
              : method === 'GET' ? await client.get(url) : await client.post(url, body);
            assert.equal(response.statusCode, 403, `${who} ${method} ${url}`);
          }
          const anonymous = new TestClient(t.app);
          const response = method === 'GET' ? await anonymous.get(url) : url.startsWith('/api/') ? await anonymous.api('POST', url, {}) : await anonymous.post(url, {});
          assert.equal(response.statusCode, method === 'GET' && !url.startsWith('/api/') ? 303 : 401, `anonymous ${method} ${url}`);
        }
        const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(events);
        assert.deepEqual(after, before);
        assert.ok(!(await member.get(`${base()}/members`)).body.includes('/invitations'), 'no invitation link for members');
        assert.ok((await secretariat.get(`${base()}/members`)).body.includes(`href="${base()}/invitations"`));
      });
    });
  });
}
