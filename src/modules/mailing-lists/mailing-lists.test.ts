import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { systemActor } from '../../platform/actor.ts';
import { type Actor, anonymous } from '../../platform/actor.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { events, jobs, mailOutbox } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { fanOutAnnouncement, sendAnnouncement } from './announcements.ts';
import { textToHtml } from './html.ts';
import { announcementRecipients, announcements, listSubscriptions, mailingLists } from './schema.ts';

describe('announcement HTML', () => {
  it('is built from the text: escaped, paragraphs, lists and links only', () => {
    assert.equal(
      textToHtml('Hello <b>all</b> & "friends"\nsecond line\n\n- see https://itu.int/x?a=1&b=2.\n- two'),
      '<p>Hello &lt;b&gt;all&lt;/b&gt; &amp; &quot;friends&quot;<br>\nsecond line</p>\n<ul><li>see <a href="https://itu.int/x?a=1&amp;b=2">https://itu.int/x?a=1&amp;b=2</a>.</li><li>two</li></ul>',
    );
    assert.equal(textToHtml('javascript:alert(1) <script>x</script>'), '<p>javascript:alert(1) &lt;script&gt;x&lt;/script&gt;</p>');
  });
});

for (const engine of testEngines()) {
  describe(`mailing lists on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let activity: Activity;
    let secretariatUser: SignedInUser;
    let memberUser: SignedInUser;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let observer: TestClient;
    let stranger: TestClient;
    const refused = `refused-${unique('x').toLowerCase()}@example.org`;

    const deliverAll = async () => {
      const transport = createSmtpTransport(smtp.url);
      let total = 0;
      try {
        for (;;) {
          const sent = await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir });
          total += sent;
          if (!sent) break;
        }
      } finally {
        transport.close();
      }
      return total;
    };
    const runJobs = () => runDueJobs(t.db, jobHandlers, { config: t.config });
    const received = (to: string) => smtp.received.filter((m) => m.envelopeTo.includes(to));
    const listPage = () => `/activities/${activity.acronym}/mailing-list`;
    const linkIn = (mail: ReceivedMail, path: string) => {
      const match = new RegExp(`http://concord\\.test(${path}/[A-Za-z0-9_-]+)`).exec(mail.text);
      assert.ok(match, `a ${path} link in: ${mail.text}`);
      return match[1]!;
    };
    const subscribe = async (address: string) => {
      const visitor = new TestClient(t.app);
      await visitor.get(listPage());
      const asked = await visitor.post(`${listPage()}/subscribe`, { email: address });
      assert.equal(asked.statusCode, 303, asked.body);
      await deliverAll();
      const [mail] = received(address);
      assert.ok(mail, `a confirmation mail for ${address}`);
      const path = linkIn(mail, '/lists/confirm');
      const page = await visitor.get(path);
      assert.equal(page.statusCode, 200, page.body);
      const confirmed = await visitor.post(path, {});
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      return { visitor, page, confirmed };
    };

    before(async () => {
      t = await createTestApp(engine);
      smtp = await startSmtpServer({ refuse: (r) => r === refused });
      activity = await makeActivity(t.db);
      secretariatUser = await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' });
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id, name: 'Maria Member' });
      secretariat = new TestClient(t.app, secretariatUser.cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
      member = new TestClient(t.app, memberUser.cookie);
      observer = new TestClient(t.app, (await makeUser(t.db, { role: 'observer', activityId: activity.id })).cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
    });
    after(async () => {
      await smtp?.close();
      await t?.close();
    });

    it('describes the contacts and mailing-list API in the OpenAPI document', async () => {
      const doc = (await new TestClient(t.app).get('/api/docs')).json() as { paths: Record<string, Record<string, unknown>> };
      for (const [path, methods] of [
        ['/api/v1/activities/{acronym}/contacts', ['get', 'post']],
        ['/api/v1/activities/{acronym}/contacts/{id}', ['patch', 'delete']],
        ['/api/v1/activities/{acronym}/contacts/export.csv', ['get']],
        ['/api/v1/activities/{acronym}/contacts/export.vcf', ['get']],
        ['/api/v1/activities/{acronym}/mailing-list', ['get']],
        ['/api/v1/activities/{acronym}/mailing-list/subscriptions', ['post']],
        ['/api/v1/activities/{acronym}/mailing-list/own', ['put']],
        ['/api/v1/activities/{acronym}/mailing-list/announcements', ['get', 'post']],
        ['/api/v1/activities/{acronym}/mailing-list/announcements/{id}', ['get']],
      ] as const) {
        for (const method of methods) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} in the document`);
      }
      assert.equal(doc.paths['/lists/unsubscribe/{token}'], undefined, 'pages stay out of the document');
    });

    it('creates the list on first view and shows its address', async () => {
      const page = await new TestClient(t.app).get(listPage());
      assert.equal(page.statusCode, 200, page.body);
      const address = `${activity.acronym.toLowerCase()}@lists.concord.test`;
      assert.ok(page.body.includes(address), 'the address is shown');
      const [list] = await t.db.select().from(mailingLists).where(eq(mailingLists.activityId, activity.id));
      assert.equal(list?.address, address);
    });

    it('subscribes a visitor only after they confirm by mail (double opt-in)', async () => {
      const address = `fan-${unique('s').toLowerCase()}@example.org`;
      const visitor = new TestClient(t.app);
      await visitor.get(listPage());
      const bad = await visitor.post(`${listPage()}/subscribe`, { email: 'not an address' });
      assert.equal(bad.statusCode, 422, 'a bad address is refused on the form');
      assert.match(bad.body, /id="error-email"/);
      const asked = await visitor.post(`${listPage()}/subscribe`, { email: address });
      assert.equal(asked.statusCode, 303);
      const [pending] = await t.db.select().from(listSubscriptions).where(eq(listSubscriptions.email, address));
      assert.equal(pending?.status, 'pending', 'pending until confirmed');
      // Asking again at once sends no second mail.
      await visitor.post(`${listPage()}/subscribe`, { email: address });
      await deliverAll();
      const mails = received(address);
      assert.equal(mails.length, 1, 'one confirmation mail');
      const path = linkIn(mails[0]!, '/lists/confirm');
      const page = await visitor.get(path);
      assert.match(page.body, /Confirm the subscription/);
      const [stillPending] = await t.db.select().from(listSubscriptions).where(eq(listSubscriptions.email, address));
      assert.equal(stillPending?.status, 'pending', 'opening the link changes nothing (link scanners)');
      const forged = await new TestClient(t.app).post(path, {}, { csrf: null });
      assert.equal(forged.statusCode, 403, 'the confirmation form needs its CSRF token');
      const done = await visitor.post(path, {});
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /You are subscribed/);
      const [active] = await t.db.select().from(listSubscriptions).where(eq(listSubscriptions.email, address));
      assert.equal(active?.status, 'active');
      const again = await visitor.get(path);
      assert.equal(again.statusCode, 404, 'a used link is no longer valid');
    });

    it('refuses announcements from members, observers and strangers, and takes them from the secretariat and chairs', async () => {
      const body = { subject: 'Not allowed', text: 'Hello' };
      for (const [who, client] of [['member', member], ['observer', observer], ['stranger', stranger]] as const) {
        const response = await client.api('POST', `/api/v1${listPage()}/announcements`, body);
        assert.equal(response.statusCode, 403, `${who}: ${response.body}`);
        const form = await client.get(`${listPage()}/announcements/new`);
        assert.equal(form.statusCode, 403, `${who} gets no form`);
      }
      const anonymousApi = await new TestClient(t.app).api('POST', `/api/v1${listPage()}/announcements`, body);
      assert.equal(anonymousApi.statusCode, 401);
      const byChair = await chair.api('POST', `/api/v1${listPage()}/announcements`, { subject: 'From the chair', text: 'Welcome to all.' });
      assert.equal(byChair.statusCode, 201, byChair.body);
      const invalid = await secretariat.api('POST', `/api/v1${listPage()}/announcements`, { subject: '', text: 'x' });
      assert.equal(invalid.statusCode, 422);
      const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(announcements).where(eq(announcements.activityId, activity.id));
      assert.equal(n?.n, 1, 'only the chair’s announcement was written');
    });

    it('sends an announcement with an attachment to members and subscribers, with working one-click unsubscribe headers', async () => {
      const fan = `fan-${unique('a').toLowerCase()}@example.org`;
      await subscribe(fan);
      const form = await secretariat.get(`${listPage()}/announcements/new`);
      assert.equal(form.statusCode, 200);
      const posted = await secretariat.upload(
        `${listPage()}/announcements`,
        { name: 'agenda.txt', type: 'text/plain', bytes: Buffer.from('1 Opening\n2 Adoption of the agenda\n') },
        { subject: 'Second meeting', text: 'The second meeting is on 22 March.\n\nAgenda: https://itu.int/agenda', html: 'on' },
      );
      assert.equal(posted.statusCode, 303, posted.body);
      const location = String(posted.headers.location);
      const [row] = await t.db.select().from(announcements).where(eq(announcements.subject, 'Second meeting'));
      assert.ok(row, 'the announcement is stored');
      assert.equal(row.status, 'queued');
      assert.equal(row.attachments[0]?.fileName, 'agenda.txt');
      assert.equal(await runJobs(), 2, 'both fan-out jobs ran (the chair’s and this one)');
      await deliverAll();
      const [fresh] = await t.db.select().from(announcements).where(eq(announcements.id, row.id));
      assert.equal(fresh?.status, 'sent');
      const memberMails = received(memberUser.user.email).filter((m) => m.headers.get('subject') === `[${activity.acronym}] Second meeting`);
      assert.equal(memberMails.length, 1, 'the member receives it once');
      const mails = received(fan).filter((m) => m.headers.get('subject') === `[${activity.acronym}] Second meeting`);
      assert.equal(mails.length, 1, 'the subscriber receives it once');
      const mail = mails[0]!;
      assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      const unsubscribe = /^<http:\/\/concord\.test(\/lists\/unsubscribe\/[A-Za-z0-9_-]+)>$/.exec(mail.headers.get('list-unsubscribe') ?? '');
      assert.ok(unsubscribe, `List-Unsubscribe: ${mail.headers.get('list-unsubscribe')}`);
      assert.match(mail.headers.get('list-id') ?? '', new RegExp(`<${activity.acronym.toLowerCase()}\\.concord\\.test>`));
      assert.match(mail.raw, /filename=agenda\.txt/, 'the attachment is in the mail');
      assert.match(mail.raw, /Content-Type: text\/html/, 'an HTML version goes along');
      assert.ok(mail.raw.includes('Adoption of the agenda') || mail.raw.includes(Buffer.from('1 Opening\n2 Adoption of the agenda\n').toString('base64').slice(0, 20)), 'the attachment content is sent');
      // The archive page shows it, and the delivery to the secretariat.
      const page = await secretariat.get(location);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Second meeting/);
      assert.match(page.body, /<dt>Sent<\/dt><dd>[1-9]/);
      const file = await new TestClient(t.app).get(`${location}/attachments/1`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.body, '1 Opening\n2 Adoption of the agenda\n');

      // The GET shows a confirmation page and changes nothing; the POST (as a mail client sends it: no cookie, no CSRF) unsubscribes.
      const confirmPage = await new TestClient(t.app).get(unsubscribe[1]!);
      assert.equal(confirmPage.statusCode, 200);
      assert.match(confirmPage.body, new RegExp(fan.replace(/[.]/g, '\\.')));
      const oneClick = await t.app.inject({
        method: 'POST',
        url: unsubscribe[1]!,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.statusCode, 200, oneClick.body);
      const [gone] = await t.db.select().from(listSubscriptions).where(eq(listSubscriptions.email, fan));
      assert.equal(gone?.status, 'unsubscribed');
      const again = await t.app.inject({ method: 'POST', url: unsubscribe[1]!, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      assert.equal(again.statusCode, 200, 'unsubscribing twice is fine');
      const wrong = await t.app.inject({ method: 'POST', url: '/lists/unsubscribe/not-a-real-token-at-all', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      assert.equal(wrong.statusCode, 404, 'an unknown token unsubscribes nobody');
      const unsubscribedEvents = await t.db.select().from(events).where(and(eq(events.kind, 'mailing_list.unsubscribed'), eq(events.subjectId, String(gone!.id))));
      assert.equal(unsubscribedEvents.length, 1, 'one event');

      // The member unsubscribes from their mail too; the next announcement reaches neither.
      const memberMail = memberMails[0]!;
      const memberLink = /<http:\/\/concord\.test(\/lists\/unsubscribe\/[^>]+)>/.exec(memberMail.headers.get('list-unsubscribe') ?? '')![1]!;
      assert.equal((await t.app.inject({ method: 'POST', url: memberLink, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })).statusCode, 200);
      const next = await secretariat.api('POST', `/api/v1${listPage()}/announcements`, { subject: 'Third meeting', text: 'Soon.' });
      assert.equal(next.statusCode, 201);
      await runJobs();
      await deliverAll();
      assert.equal(received(fan).filter((m) => m.headers.get('subject')?.includes('Third meeting')).length, 0, 'nothing after unsubscribing');
      assert.equal(received(memberUser.user.email).filter((m) => m.headers.get('subject')?.includes('Third meeting')).length, 0, 'the member opted out');
      assert.equal(received(secretariatUser.user.email).filter((m) => m.headers.get('subject')?.includes('Third meeting')).length, 1, 'other members still receive it');
      // The member turns the list back on from the page.
      const listHtml = await member.get(listPage());
      assert.match(listHtml.body, /Receive the list again/);
      const back = await member.post(`${listPage()}/own`, { receive: 'on' });
      assert.equal(back.statusCode, 303);
      const [memberRow] = await t.db.select().from(listSubscriptions).where(eq(listSubscriptions.email, memberUser.user.email));
      assert.equal(memberRow?.status, 'active');
    });

    it('takes several attachments in one announcement, and refuses the whole of it when one file is bad', async () => {
      const posted = await secretariat.upload(
        `${listPage()}/announcements`,
        [
          { name: 'agenda.txt', type: 'text/plain', bytes: Buffer.from('1 Opening\n') },
          { name: 'venue.txt', type: 'text/plain', bytes: Buffer.from('Geneva, room C\n') },
        ],
        { subject: 'Two attachments', text: 'See the two files.' },
      );
      assert.equal(posted.statusCode, 303, posted.body);
      const [row] = await t.db.select().from(announcements).where(eq(announcements.subject, 'Two attachments'));
      assert.deepEqual(row?.attachments.map((a) => a.fileName), ['agenda.txt', 'venue.txt']);
      const refused = await secretariat.upload(
        `${listPage()}/announcements`,
        [
          { name: 'agenda.txt', type: 'text/plain', bytes: Buffer.from('1 Opening\n') },
          { name: 'slides.pdf', type: 'application/pdf', bytes: Buffer.from('not a PDF at all') },
        ],
        { subject: 'One bad file', text: 'See the files.' },
      );
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /slides\.pdf/);
      assert.equal((await t.db.select().from(announcements).where(eq(announcements.subject, 'One bad file'))).length, 0, 'nothing written');
    });

    it('records a refusal by the SMTP server on the announcement page', async () => {
      await t.db.insert(listSubscriptions).values({
        listId: (await t.db.select().from(mailingLists).where(eq(mailingLists.activityId, activity.id)))[0]!.id,
        email: refused,
        status: 'active',
        source: 'self',
        unsubscribeToken: unique('token-refused-'),
      });
      const posted = await secretariat.api('POST', `/api/v1${listPage()}/announcements`, { subject: 'Refusal check', text: 'Hello.' });
      assert.equal(posted.statusCode, 201);
      const id = (posted.json() as { id: number }).id;
      await runJobs();
      await deliverAll();
      const page = await secretariat.get(`${listPage()}/announcements/${id}`);
      assert.ok(page.body.includes(refused), 'the refused address is listed');
      assert.match(page.body, /550/, 'with the server’s answer');
      const api = await secretariat.api('GET', `/api/v1${listPage()}/announcements/${id}`);
      const delivery = (api.json() as { delivery: { counts: Record<string, number>; failures: { email: string; lastError: string }[] } }).delivery;
      assert.equal(delivery.failures.length, 1);
      assert.equal(delivery.failures[0]!.email, refused);
      assert.ok(delivery.counts.sent! >= 2, 'the others were sent');
      // Members see the archive, not the delivery.
      const asMember = await member.get(`${listPage()}/announcements/${id}`);
      assert.equal(asMember.statusCode, 200);
      assert.ok(!asMember.body.includes(refused), 'no recipient address for members');
      const anonymousApi = await new TestClient(t.app).get(`/api/v1${listPage()}/announcements/${id}`);
      assert.equal(anonymousApi.statusCode, 200);
      assert.equal((anonymousApi.json() as { delivery?: unknown }).delivery, undefined);
    });

    it('keeps the archive of a members-only activity for its members', async () => {
      const closed = await makeActivity(t.db, { visibility: 'members' });
      const insider = await makeUser(t.db, { role: 'observer', activityId: closed.id });
      const sent = await sendAnnouncement(t.db, systemActor('test'), closed.id, { subject: 'Members only news', text: 'Private.' }, [], { dataDir: t.config.dataDir });
      const path = `/activities/${closed.acronym}/mailing-list`;
      assert.equal((await new TestClient(t.app).get(path)).statusCode, 404, 'anonymous: not found');
      assert.equal((await stranger.get(`${path}/announcements/${sent.id}`)).statusCode, 404, 'stranger: not found');
      assert.equal((await stranger.api('GET', `/api/v1${path}/announcements`)).statusCode, 404);
      const page = await new TestClient(t.app, insider.cookie).get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Members only news/);
      assert.ok(!page.body.includes(`${path}/subscribe`), 'no subscription form on a members-only list');
      const visitorPost = await new TestClient(t.app, insider.cookie).api('POST', `/api/v1${path}/subscriptions`, { email: 'someone@example.org' });
      assert.equal(visitorPost.statusCode, 403);
    });

    it('sends every recipient exactly once across a crash of the fan-out job and of the mail worker', async () => {
      const crashActivity = await makeActivity(t.db);
      const addresses = Array.from({ length: 30 }, (_, i) => `crash-${i}-${unique('c').toLowerCase()}@example.org`);
      const [list] = await t.db.insert(mailingLists).values({ activityId: crashActivity.id, address: 'crash@lists.concord.test' }).returning();
      await t.db.insert(listSubscriptions).values(addresses.map((email) => ({ listId: list!.id, email, status: 'active' as const, source: 'self' as const, unsubscribeToken: unique(`tok-${email}-`) })));
      const announcement = await sendAnnouncement(t.db, systemActor('test'), crashActivity.id, { subject: 'Crash test', text: 'Once each.' }, [], { dataDir: t.config.dataDir });
      const mine = () => t.db.select().from(announcementRecipients).where(eq(announcementRecipients.announcementId, announcement.id));

      // 1. The worker dies in the middle of the fan-out job: its transaction rolls back, nothing is half-written.
      const crashing = { 'mailing_lists.fan_out': async (payload: unknown, ctx: Parameters<typeof fanOutAnnouncement>[1]) => {
        await fanOutAnnouncement(payload as { announcementId: number }, ctx);
        throw new Error('simulated crash after the fan-out wrote its rows');
      } };
      await runDueJobs(t.db, crashing, { config: t.config });
      assert.equal((await mine()).length, 0, 'no recipient row survived the crash');
      const [job] = await t.db.select().from(jobs).where(eq(jobs.dedupeKey, `mailing_lists.fan_out:${announcement.id}`));
      assert.equal(job?.status, 'queued', 'the job waits to run again');
      // The retry is due after its backoff; run it then.
      await runDueJobs(t.db, jobHandlers, { config: t.config, now: new Date(Date.now() + 10 * 60_000) });
      assert.equal((await mine()).length, 30, 'every recipient once');
      // A duplicate run (a job delivered twice) adds nobody.
      await t.db.update(announcements).set({ status: 'queued' }).where(eq(announcements.id, announcement.id));
      await t.db.transaction(async (tx) => {
        await fanOutAnnouncement({ announcementId: announcement.id }, { tx, config: t.config, now: new Date(), log: { info() {}, error() {} } });
      });
      const outboxRows = await t.db
        .select({ id: mailOutbox.id, recipient: mailOutbox.recipient })
        .from(mailOutbox)
        .innerJoin(announcementRecipients, eq(announcementRecipients.messageId, mailOutbox.messageId))
        .where(eq(announcementRecipients.announcementId, announcement.id))
        .orderBy(asc(mailOutbox.id));
      assert.equal(outboxRows.length, 30, 'one outbox mail per recipient, even after a second run');

      // 2. The mail worker sends part, then dies holding a batch it had claimed (rows in "sending", lease running out).
      const transport = createSmtpTransport(smtp.url);
      try {
        await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir, batch: 10 });
      } finally {
        transport.close();
      }
      const claimedIds = outboxRows.slice(10, 20).map((r) => r.id);
      await t.db.execute(sql`update ${mailOutbox} set status = 'sending', attempts = attempts + 1, locked_until = now() - interval '1 minute'
        where id in (${sql.join(claimedIds.map((id) => sql`${id}`), sql`, `)})`);
      // 3. The worker restarts: the expired lease is taken over, and everyone gets the mail exactly once.
      await deliverAll();
      const counts = new Map<string, number>();
      for (const m of smtp.received) if (m.headers.get('subject') === `[${crashActivity.acronym}] Crash test`) for (const to of m.envelopeTo) counts.set(to, (counts.get(to) ?? 0) + 1);
      assert.equal(counts.size, 30, 'nobody forgotten');
      assert.deepEqual([...new Set(counts.values())], [1], 'nobody twice');
    });
  });
}
