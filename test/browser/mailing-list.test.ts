// The mailing list in a real browser with JavaScript off: a visitor subscribes to JCA-QKDN's list, confirms through the
// link in the mail (received by an SMTP server in this process), and reads the archive; a member reads the contacts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createSmtpTransport, deliverDueMail } from '../../src/platform/mail/outbox.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const listPage = '/activities/JCA-QKDN/mailing-list';

describe('the mailing list in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let smtp: TestSmtpServer;
  const contexts: BrowserContext[] = [];
  const newPage = async (): Promise<Page> => {
    const context = await run.newContext();
    contexts.push(context);
    return context.newPage();
  };

  before(async () => {
    [run, smtp] = await Promise.all([startBrowserApp(), startSmtpServer()]);
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await run?.close();
    await smtp?.close();
  });

  test('a visitor subscribes, confirms with the link from the mail, and reads the archive', async () => {
    const page = await newPage();
    await page.goto(listPage);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Mailing list', exact: true }).waitFor());
    assert.ok(await page.getByText('jca-qkdn@lists.itu.int').first().isVisible(), 'the list address is shown');
    await capture(page, 'mailing-list');
    await page.getByLabel('E-mail address').fill('visitor@example.net');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('Check your mailbox', { exact: false }).waitFor());

    const transport = createSmtpTransport(smtp.url);
    try {
      await deliverDueMail(run.testApp.db, transport, { from: run.testApp.config.mailFrom, dataDir: run.testApp.config.dataDir });
    } finally {
      transport.close();
    }
    const mail = smtp.received.find((m) => m.envelopeTo.includes('visitor@example.net'));
    assert.ok(mail, 'the confirmation mail arrived');
    const link = /http:\/\/concord\.test(\/lists\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm the subscription' }).click();
    await assert.doesNotReject(page.getByRole('status').getByText('You are subscribed to the list of JCA-QKDN.').waitFor());

    await page.goto(listPage);
    await page.getByRole('link', { name: 'First meeting of JCA-QKDN, Geneva, 22 March 2023' }).click();
    await assert.doesNotReject(page.getByText('13:00–14:30 Geneva time', { exact: false }).waitFor());
    await capture(page, 'announcement');
  });

  test('a member reads the contacts, grouped, with addresses; a visitor without them', async () => {
    const visitor = await newPage();
    await visitor.goto('/activities/JCA-QKDN/contacts');
    await assert.doesNotReject(visitor.getByRole('heading', { name: 'ITU-T study groups' }).waitFor());
    assert.equal(await visitor.getByText('quantum@itu.int').count(), 0, 'no address for a visitor');
    const member = await newPage();
    await member.goto('/sign-in');
    await member.getByLabel('E-mail').fill('member@example.org');
    await member.getByLabel('Password').fill('concord-demo');
    await member.getByRole('button', { name: 'Sign in' }).click();
    await member.goto('/activities/JCA-QKDN/contacts');
    await assert.doesNotReject(member.getByRole('heading', { name: 'Leadership' }).waitFor());
    assert.ok((await member.getByRole('link', { name: 'quantum@itu.int' }).count()) >= 1, 'the TSB address for a member');
    await capture(member, 'contacts');
  });
});
