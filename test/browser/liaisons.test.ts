// The liaison journey in a real browser with JavaScript off: a member drafts a reply to the demo's incoming statement
// and submits it, the chair approves it, the secretariat sends it; it shows in the public register and arrives in
// the test mailbox with its reply reference.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { liaisonStatements } from '../../src/modules/liaisons/schema.ts';
import { createSmtpTransport, deliverDueMail } from '../../src/platform/mail/outbox.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('liaison flow in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let smtp: TestSmtpServer;
  let statementPath = '';
  let reference = '';

  const signedIn = (email: string): Promise<Page> => run.signedIn(email);

  before(async () => {
    [run, smtp] = await Promise.all([startBrowserApp(), startSmtpServer()]);
  });

  after(async () => {
    await run?.close();
    await smtp?.close();
  });

  test('a member drafts a reply to the incoming statement and submits it', async () => {
    const page = await signedIn('member@example.org');
    await page.goto('/activities/JCA-QKDN/liaisons');
    await capture(page, 'liaisons-register');
    await page.getByRole('link', { name: /^JCA-QKDN-LSI-\d{3}$/ }).first().click();
    await assert.doesNotReject(page.getByRole('heading', { name: /key management security requirements/ }).waitFor());
    await page.getByRole('link', { name: 'Draft a reply' }).click();
    // A click waits for its navigation to start, not to end: the form is waited for before its choices are read (on a
    // loaded CI machine they were read from the page being left).
    await page.getByLabel('In reply to').waitFor();
    // The reply starts addressed to the sender, answering the statement.
    const answering = await page.getByLabel('In reply to').locator('option:checked').allTextContents();
    assert.equal(answering.length, 1);
    assert.match(answering[0] ?? '', /^JCA-QKDN-LSI-\d{3} — LS on draft Recommendation X\.sec-QKDN/);
    assert.match(await page.getByLabel('Recipients').inputValue(), /q15-rapporteur@example\.org/);
    await capture(page, 'liaison-reply-form');
    await page.getByLabel('Title').fill('Reply to SG17-LS-EX1: QKDN input on key management interfaces');
    await page.getByLabel('Text of the statement').fill('JCA-QKDN thanks Q15/17 and lists the related roadmap items.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText(/^Draft JCA-QKDN-LSO-\d{3} saved\.$/).waitFor());
    statementPath = new URL(page.url()).pathname;
    reference = (await page.getByRole('heading', { level: 2 }).textContent())?.split(':')[0] ?? '';
    assert.match(reference, /^JCA-QKDN-LSO-\d{3}$/);
    await assert.doesNotReject(page.getByText(/^Approvers: .*Junsen Lai/).waitFor());
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText(/^Submitted for approval; \d+ approvers have been told\.$/).waitFor());
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0, 'a member cannot approve');
    await capture(page, 'liaison-submitted');
    await page.context().close();
  });

  test('the chair approves it by correspondence', async () => {
    const page = await signedIn('chair@example.org');
    await page.goto(statementPath);
    await page.getByLabel('How it was approved').selectOption('by_correspondence');
    // Objections close today at the earliest: yesterday is refused on its field.
    await page.getByLabel('Deadline for objections').fill(yesterday);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await assert.doesNotReject(page.getByText(/^Deadline for objections: .+ is before today/).first().waitFor());
    await page.getByLabel('How it was approved').selectOption('by_correspondence');
    await page.getByLabel('Deadline for objections').fill(today);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Approved. The secretariat can now send it.').waitFor());
    assert.equal(await page.getByRole('button', { name: 'Send' }).count(), 0, 'a chair does not send');
    await page.context().close();
    // A day passes without objection.
    const id = Number(statementPath.split('/').at(-1));
    await run.testApp.db.update(liaisonStatements).set({ objectionDeadline: yesterday }).where(eq(liaisonStatements.id, id));
  });

  test('the secretariat sends it; it is in the public register and in the mailbox', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto(statementPath);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Sent to 1 recipient.').waitFor());
    await capture(page, 'liaison-sent');
    // The statement it answers now lists the reply, and sending it marked that statement answered.
    await page.getByRole('link', { name: /^JCA-QKDN-LSI-\d{3}$/ }).first().click();
    await assert.doesNotReject(page.getByRole('link', { name: reference }).first().waitFor());
    assert.equal(await page.getByLabel('Action status').inputValue(), 'answered');
    await assert.doesNotReject(page.getByText(`Answered by ${reference}`).first().waitFor());
    await capture(page, 'liaison-incoming');
    await page.context().close();

    const visitor = await (await run.newContext()).newPage();
    await visitor.goto('/activities/JCA-QKDN/liaisons?direction=out&state=sent');
    const row = visitor.locator('tbody tr', { hasText: reference });
    await assert.doesNotReject(row.waitFor());
    assert.match((await row.textContent()) ?? '', /Sent/);
    await row.getByRole('link', { name: reference }).click();
    await assert.doesNotReject(visitor.getByRole('heading', { name: 'Thread' }).waitFor());
    await visitor.context().close();

    const transport = createSmtpTransport(smtp.url);
    try {
      await deliverDueMail(run.testApp.db, transport, { from: run.testApp.config.mailFrom, dataDir: run.testApp.config.dataDir, batch: 500 });
    } finally {
      transport.close();
    }
    const mails = smtp.received.filter((m) => m.envelopeTo.includes('q15-rapporteur@example.org'));
    assert.equal(mails.length, 1, 'one mail to the recipient');
    assert.equal(mails[0]?.headers.get('subject'), `Liaison statement from JCA-QKDN: Reply to SG17-LS-EX1: QKDN input on key management interfaces (${reference})`);
    assert.match(mails[0]?.text ?? '', /In reply to: JCA-QKDN-LSI-\d{3} \(LS on draft Recommendation X\.sec-QKDN/);
  });
});
