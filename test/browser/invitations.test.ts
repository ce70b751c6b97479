// Inviting a new person in a real browser with JavaScript off: the secretariat invites someone who is not yet in the
// register to be a member of JCA-QKDN; the mail arrives in the test mailbox; the invitee opens the link, chooses a
// password, and at once acts as a member (drafts a reply to the incoming liaison statement).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createSmtpTransport, deliverDueMail } from '../../src/platform/mail/outbox.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { browserUnavailable, type BrowserApp, capture, phone, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const inviteeEmail = 'nadia.newcomer@example.org';

describe('invitation flow in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let smtp: TestSmtpServer;
  let link = '';

  const signedIn = (email: string): Promise<Page> => run.signedIn(email);

  before(async () => {
    [run, smtp] = await Promise.all([startBrowserApp(), startSmtpServer()]);
  });

  after(async () => {
    await run?.close();
    await smtp?.close();
  });

  test('the secretariat invites a new person to be a member, and the mail carries the link', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-QKDN/members');
    await page.getByRole('link', { name: /^Invite someone by e-mail/ }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: 'Invite someone' }).waitFor());
    await page.getByLabel('Name').fill('Nadia Newcomer');
    await page.getByLabel('E-mail').fill(inviteeEmail);
    await page.getByLabel('Affiliation').fill('Example Quantum Labs');
    await page.getByLabel('Role').selectOption('member');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText(`The invitation has been sent to ${inviteeEmail}.`).waitFor());
    await assert.doesNotReject(page.getByRole('link', { name: 'Nadia Newcomer' }).first().waitFor());
    await capture(page, 'invitations-list');
    await page.context().close();

    const transport = createSmtpTransport(smtp.url);
    try {
      await deliverDueMail(run.testApp.db, transport, { from: run.testApp.config.mailFrom, dataDir: run.testApp.config.dataDir });
    } finally {
      transport.close();
    }
    const mail = smtp.received.find((m) => m.envelopeTo.includes(inviteeEmail));
    assert.ok(mail, 'the invitation reached the mailbox');
    assert.equal(mail.headers.get('subject'), 'Invitation: Member of JCA-QKDN');
    const found = /http:\/\/concord\.test(\/invitations\/[\w-]{43})\n/.exec(mail.text);
    assert.ok(found, mail.text);
    link = found[1]!;
  });

  test('the invitee opens the link on a phone, creates the account and drafts a reply as a member', async () => {
    const context = await run.newContext();
    const page = await context.newPage();
    await page.setViewportSize(phone);
    await page.goto(link);
    await assert.doesNotReject(page.getByText(/Dana Secretariat invites you to take part in JCA-QKDN .* as Member\./).waitFor());
    await capture(page, 'invitation-accept');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create my account and accept' }).click();
    await assert.doesNotReject(page.getByText('Use at least 10 characters.').first().waitFor());
    await page.getByLabel('Password').fill('nadia’s own passphrase');
    await page.getByRole('button', { name: 'Create my account and accept' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Welcome. You are now Member of JCA-QKDN.').waitFor());
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-QKDN');

    // Acting in the role: a member drafts a reply to the demo's incoming statement.
    await page.goto('/activities/JCA-QKDN/liaisons');
    await page.getByRole('link', { name: /^JCA-QKDN-LSI-\d{3}$/ }).first().click();
    // The statement page offers "Draft a reply" only beside other actions; the address it leads to is the same.
    const statementId = /\/liaisons\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1];
    assert.ok(statementId, page.url());
    await page.goto(`/activities/JCA-QKDN/liaisons/new?direction=out&replyTo=${statementId}`);
    await page.getByLabel('Title').fill('Reply from a newly invited member');
    await page.getByLabel('Text of the statement').fill('Nadia Newcomer drafts her first reply.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText(/^Draft JCA-QKDN-LSO-\d{3} saved\.$/).waitFor());

    // The link was used: opening it again says so.
    const again = await context.newPage();
    const response = await again.goto(link);
    assert.equal(response?.status(), 410);
    await assert.doesNotReject(again.getByText('This invitation has already been accepted. Sign in to use your account.').waitFor());
    await context.close();
  });

  test('the secretariat sees the invitation accepted and the new member on the members page', async () => {
    const page = await signedIn('secretariat@example.org');
    await page.goto('/activities/JCA-QKDN/invitations');
    await assert.doesNotReject(page.getByText(/^State: Accepted|^Accepted \(/).first().waitFor());
    await page.goto('/activities/JCA-QKDN/members');
    await assert.doesNotReject(page.getByRole('cell', { name: /Nadia Newcomer/ }).first().waitFor());
    await page.goto('/activities/JCA-QKDN/invitations');
    await page.getByRole('link', { name: 'Nadia Newcomer' }).first().click();
    await assert.doesNotReject(page.getByText(`Nadia Newcomer — ${inviteeEmail} (address confirmed)`).waitFor());
    await capture(page, 'person-account');
    await page.goto('/people/accounts');
    await capture(page, 'accounts-without-contact');
    await page.context().close();
  });
});
