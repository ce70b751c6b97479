// The registration journey in a real browser with JavaScript off: a visitor finds JCA-MV's upcoming meeting,
// registers to attend remotely and is told to check their mail (no remote link yet); the confirmation link arrives in
// a real SMTP server; opening it and confirming leads to the page that manages the registration, with the remote
// link, and the details follow with the meeting as an .ics attachment. Then the secretariat sees the participant on
// the participants page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createSmtpTransport, deliverDueMail } from '../../src/platform/mail/outbox.ts';
import { parseMail, startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const email = 'remote.registrant@example.net';

describe('meeting registration flow in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let smtp: TestSmtpServer;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    [run, smtp] = await Promise.all([startBrowserApp(), startSmtpServer()]);
    context = await run.newContext();
    page = await context.newPage();
  });

  after(async () => {
    await run?.close();
    await smtp?.close();
  });

  test('a visitor finds the upcoming meeting and its deadlines', async () => {
    await page.goto('/activities/JCA-MV');
    await page.getByRole('link', { name: 'Meetings', exact: true }).click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-MV/meetings');
    await capture(page, 'meetings-list');
    await page.getByRole('link', { name: 'Second meeting of JCA-MV' }).click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-MV/meetings/2');
    await assert.doesNotReject(page.getByText('10 Feb 2027, 14:00 – 16:00 CET (Europe/Zurich)').waitFor());
    await assert.doesNotReject(page.getByRole('cell', { name: '8 Feb 2027, 23:59 CET' }).waitFor());
    assert.equal(await page.getByText('jca-mv-2').count(), 0, 'no remote link before registering');
    await capture(page, 'meeting-overview');
  });

  const deliver = async () => {
    const transport = createSmtpTransport(smtp.url);
    try {
      await deliverDueMail(run.testApp.db, transport, { from: run.testApp.config.mailFrom, dataDir: run.testApp.config.dataDir });
    } finally {
      transport.close();
    }
  };

  test('the visitor registers remotely and is asked to confirm by mail, with no remote link yet', async () => {
    await page.getByRole('link', { name: 'Register' }).first().click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-MV/meetings/2/register');
    await page.getByLabel('Name').fill('Rosa Remote');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Affiliation').fill('Universidad de Chile');
    await page.getByLabel('Organization represented').fill('Chile');
    await page.getByLabel('In the capacity of').selectOption('academia');
    await page.getByLabel('Country').fill('Chile');
    await page.getByLabel('Attendance').selectOption('remote');
    await capture(page, 'meeting-register');
    await page.getByRole('button', { name: 'Register' }).click();
    assert.equal(new URL(page.url()).pathname, '/activities/JCA-MV/meetings/2/register/check-mail');
    await assert.doesNotReject(page.getByRole('status').getByText(`Almost done: a confirmation link was sent to ${email}.`, { exact: false }).waitFor());
    assert.equal(await page.getByText('jca-mv-2').count(), 0, 'no remote link before the address is confirmed');
    await capture(page, 'meeting-register-check-mail');
    await page.goto('/activities/JCA-MV/meetings/2');
    assert.equal(await page.getByText('jca-mv-2').count(), 0);
  });

  test('the confirmation link arrives by mail, and confirming shows the remote link once', async () => {
    await deliver();
    const mail = smtp.received.find((m) => m.envelopeTo.includes(email));
    assert.ok(mail, 'the confirmation request was delivered');
    const parsed = await parseMail(mail);
    assert.equal(parsed.subject, '[JCA-MV] Confirm your registration: JCA-MV Meeting 2: Second meeting of JCA-MV');
    assert.doesNotMatch(parsed.text ?? '', /jca-mv-2/, 'the request carries no remote link');
    assert.equal(parsed.attachments.length, 0);
    const link = /^(http:\/\/concord\.test\/\S+\/confirm\/[A-Za-z0-9_-]+)$/m.exec(parsed.text ?? '')?.[1] ?? '';
    assert.ok(link, 'a confirmation link');
    const path = new URL(link).pathname;
    await page.goto(path);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Confirm your registration' }).waitFor());
    assert.equal(await page.getByText('jca-mv-2').count(), 0);
    await capture(page, 'meeting-registration-confirm');
    await page.getByRole('button', { name: 'Confirm my registration' }).click();
    assert.match(new URL(page.url()).pathname, /^\/activities\/JCA-MV\/meetings\/2\/registration\/[A-Za-z0-9_-]{20,}$/);
    await assert.doesNotReject(page.getByRole('status').getByText('Your registration is confirmed.', { exact: false }).waitFor());
    await assert.doesNotReject(page.getByRole('link', { name: 'https://meet.example.org/jca-mv-2' }).waitFor());
    await capture(page, 'meeting-registration-manage');
    // The link is spent.
    await page.goto(path);
    await assert.doesNotReject(page.getByText('This confirmation link is not valid or has already been used.').waitFor());
  });

  test('the details reach the SMTP server with the remote link and the meeting as an .ics attachment', async () => {
    await deliver();
    const mail = smtp.received.find((m) => m.envelopeTo.includes(email) && m.raw.includes('text/calendar'));
    assert.ok(mail, 'the details were delivered');
    const parsed = await parseMail(mail);
    assert.equal(parsed.subject, '[JCA-MV] Registration: JCA-MV Meeting 2: Second meeting of JCA-MV');
    assert.match(parsed.text ?? '', /You are registered for JCA-MV Meeting 2: Second meeting of JCA-MV \(remote\)\./);
    assert.match(parsed.text ?? '', /Remote participation: https:\/\/meet\.example\.org\/jca-mv-2/);
    const manageLink = /Change the mode or cancel: (\S+)/.exec(parsed.text ?? '')?.[1] ?? '';
    assert.match(manageLink, /^http:\/\/concord\.test\/activities\/JCA-MV\/meetings\/2\/registration\/[A-Za-z0-9_-]+$/);
    assert.equal(parsed.attachments.length, 1);
    const ics = parsed.attachments[0]!;
    assert.equal(ics.filename, 'JCA-MV-meeting-2.ics');
    assert.equal(ics.contentType, 'text/calendar');
    const calendar = ics.content.toString('utf8');
    assert.match(calendar, /DTSTART:20270210T130000Z\r\nDTEND:20270210T150000Z/);
    assert.match(calendar, /SUMMARY:JCA-MV Meeting 2: Second meeting of JCA-MV/);
  });

  test('the secretariat sees the participant and can export the list; an unconfirmed registration waits apart, to approve or resend', async () => {
    // Someone registers and never confirms.
    const other = await run.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto('/activities/JCA-MV/meetings/2/register');
    await otherPage.getByLabel('Name').fill('Nora Unconfirmed');
    await otherPage.getByLabel('E-mail').fill('nora.unconfirmed@example.net');
    await otherPage.getByLabel('In the capacity of').selectOption('academia');
    await otherPage.getByLabel('Attendance').selectOption('remote');
    await otherPage.getByRole('button', { name: 'Register' }).click();
    assert.equal(new URL(otherPage.url()).pathname, '/activities/JCA-MV/meetings/2/register/check-mail');
    await other.close();
    const secretariat = await run.newContext();
    const own = await secretariat.newPage();
    await own.goto('/sign-in');
    await own.getByLabel('E-mail').fill('secretariat@example.org');
    await own.getByLabel('Password').fill('concord-demo');
    await own.getByRole('button', { name: 'Sign in' }).click();
    await own.goto('/activities/JCA-MV/meetings/2/participants');
    await assert.doesNotReject(own.getByText('0 onsite, 1 remote').waitFor());
    await assert.doesNotReject(own.getByRole('cell', { name: 'Rosa Remote' }).waitFor());
    await capture(own, 'meeting-participants-pending');
    await assert.doesNotReject(own.getByRole('link', { name: 'Export as CSV' }).waitFor());
    await assert.doesNotReject(own.getByRole('heading', { name: 'Awaiting confirmation' }).waitFor());
    await assert.doesNotReject(own.getByRole('button', { name: 'Resend the confirmation link to Nora Unconfirmed' }).waitFor());
    await own.getByRole('button', { name: 'Approve the registration of Nora Unconfirmed' }).click();
    await assert.doesNotReject(own.getByRole('status').getByText('The registration of Nora Unconfirmed is approved; the details were sent by e-mail.').waitFor());
    await assert.doesNotReject(own.getByText('0 onsite, 2 remote').first().waitFor());
    await capture(own, 'meeting-participants');
    await own.goto('/activities/JCA-MV/meetings/2');
    await capture(own, 'meeting-overview-secretariat');
    await secretariat.close();
  });
});
