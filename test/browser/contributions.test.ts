// Submitting a contribution after the deadline, in a real browser with JavaScript off: the member submits to a meeting
// whose contribution deadline has passed and sees it accepted and marked late (the activity's rule); once the
// secretariat switches the rule to "refuse", the next late submission is refused with the deadline's date and time;
// the secretariat assigns the number to the late one, which the meeting's documents tab then lists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/actor.ts';
import { formatDateTime } from '../../src/platform/i18n/locale.ts';
import { parseInput } from '../../src/platform/validation.ts';
import { activities } from '../../src/modules/activities/schema.ts';
import { createMeeting, meetingInput, updateLateRules } from '../../src/modules/meetings/meetings.ts';
import type { Meeting } from '../../src/modules/meetings/deadlines.ts';
import { importantDates } from '../../src/modules/meetings/schema.ts';
import { composeMail, docxFromTemplate, tinyPdf } from '../fixtures/documents.ts';
import { receiveMail } from '../../src/modules/documents/mail-in.ts';
import { browserUnavailable, type BrowserApp, capture, startBrowserApp, browserSuiteTimeout } from './support.ts';

const unavailable = browserUnavailable();
const day = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const proposedItem = '6 Review of contributions and incoming liaison statements';

describe('contribution after the deadline, in the browser', { skip: unavailable, timeout: browserSuiteTimeout }, () => {
  let run: BrowserApp;
  let memberContext: BrowserContext;
  let secretariatContext: BrowserContext;
  let member: Page;
  let secretariat: Page;
  let meeting: Meeting;
  let activityId: number;
  let deadlineText: string;

  const signIn = async (page: Page, email: string) => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('concord-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  const submitLate = async (title: string, fileName: string) => {
    await member.goto('/activities/JCA-QKDN/documents');
    await member.getByRole('link', { name: 'Submit a contribution' }).click();
    await member.getByLabel('Meeting').selectOption(String(meeting.id));
    // The new meeting's agenda is JCA-QKDN's template: the member proposes the item the contribution is for.
    await member.getByLabel('Agenda item').selectOption({ label: proposedItem });
    await member.getByLabel('File').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: tinyPdf(title) });
    await member.getByLabel(/^Title/).fill(title);
    await member.getByLabel(/^Source/).fill('Example Networks Ltd');
    await member.getByRole('button', { name: 'Submit' }).click();
  };

  before(async () => {
    run = await startBrowserApp();
    const db = run.testApp.db;
    const [activity] = await db.select().from(activities).where(sql`lower(${activities.acronym}) = 'jca-qkdn'`);
    activityId = activity!.id;
    // A meeting three weeks ahead whose contribution deadline was yesterday (23:59 in Geneva time).
    const start = new Date(Date.now() + 21 * day);
    meeting = await createMeeting(
      db,
      systemActor('test'),
      activityId,
      parseInput(
        meetingInput,
        {
          title: 'JCA-QKDN e-meeting on the roadmap',
          mode: 'virtual',
          timeZone: 'Europe/Zurich',
          startDate: isoDate(start),
          startTime: '13:00',
          endDate: isoDate(start),
          endTime: '16:00',
          contributionDate: isoDate(new Date(Date.now() - 2 * day)),
        },
        'en',
      ),
      { locale: 'en', baseUrl: run.baseUrl },
    );
    const [deadline] = await db.select().from(importantDates).where(eq(importantDates.meetingId, meeting.id));
    deadlineText = formatDateTime(deadline!.dueAt, 'en', 'Europe/Zurich');
    memberContext = await run.newContext();
    secretariatContext = await run.newContext();
    member = await memberContext.newPage();
    secretariat = await secretariatContext.newPage();
    await signIn(member, 'member@example.org');
    await signIn(secretariat, 'secretariat@example.org');
  });

  after(async () => {
    await run?.close();
  });

  test('the form names the deadline; a late contribution is accepted and marked late where the activity accepts late ones', async () => {
    await member.goto('/activities/JCA-QKDN/documents/submit');
    await assert.doesNotReject(member.getByText(`Contribution deadline: ${deadlineText}.`).first().waitFor());
    assert.equal(await member.getByRole('link', { name: 'Download the contribution template (DOCX)' }).count(), 1);
    await capture(member, 'contribution-form');
    await submitLate('Key management interfaces for QKDN', 'kmi.pdf');
    await assert.doesNotReject(
      member.getByRole('status').getByText('Your contribution has been received. The secretariat will assign its number. Submitted after the contribution deadline.').waitFor(),
    );
    await assert.doesNotReject(member.locator('.badge.document-late').first().waitFor());
    await member.goto(`/activities/JCA-QKDN/meetings/${meeting.number}/documents`);
    const row = member.locator('tbody tr', { hasText: 'Key management interfaces for QKDN' });
    assert.equal(await row.locator('.badge.document-late').textContent(), 'late');
    await capture(member, 'meeting-documents-late');
  });

  test('where the activity refuses late contributions, the member is told the deadline and nothing is kept', async () => {
    await updateLateRules(run.testApp.db, systemActor('test'), activityId, { lateContributions: 'refuse', lateRegistrations: 'refuse' });
    await submitLate('A second, refused contribution', 'refused.pdf');
    const alert = member.getByRole('alert');
    await assert.doesNotReject(alert.waitFor());
    const text = (await alert.textContent()) ?? '';
    assert.ok(text.includes(deadlineText), `the refusal names the deadline "${deadlineText}": ${text}`);
    assert.equal(await member.getByLabel(/^Title/).inputValue(), 'A second, refused contribution', 'the form keeps what was typed');
    assert.equal(await member.locator('#field-agendaItemId option:checked').textContent(), proposedItem, 'and the agenda item chosen');
    await capture(member, 'contribution-refused');
    await member.goto(`/activities/JCA-QKDN/meetings/${meeting.number}/documents`);
    assert.equal(await member.getByText('A second, refused contribution').count(), 0);
  });

  test('the secretariat assigns the late contribution its number; the meeting lists it, still marked late', async () => {
    await secretariat.goto(`/activities/JCA-QKDN/meetings/${meeting.number}/documents`);
    await secretariat.getByRole('link', { name: /^Pending #/ }).first().click();
    assert.equal(await secretariat.locator('#field-agendaItemId option:checked').textContent(), proposedItem, 'the member’s proposal is preselected');
    await secretariat.getByRole('button', { name: 'Assign the number' }).click();
    await assert.doesNotReject(secretariat.getByRole('status').getByText(/^Number JCA-QKDN-C-\d{3} assigned\.$/).waitFor());
    await capture(secretariat, 'document-page');
    await secretariat.goto(`/activities/JCA-QKDN/meetings/${meeting.number}/documents`);
    const row = secretariat.locator('tbody tr', { hasText: 'Key management interfaces for QKDN' });
    assert.match((await row.locator('td').first().textContent()) ?? '', /^JCA-QKDN-C-\d{3}/);
    assert.equal(await row.locator('.badge.document-late').count(), 1);
    assert.ok(((await row.textContent()) ?? '').includes(proposedItem), 'the meeting lists it under its agenda item');
    await capture(secretariat, 'meeting-documents-numbered');
  });

  test('a mailed contribution from an unknown sender waits in the queue until the secretariat accepts it', async () => {
    const config = run.testApp.config;
    const raw = await composeMail({
      from: 'Quentin Newcomer <quentin@newcomer.example>',
      to: 'contributions+jca-qkdn@example.org',
      subject: 'Input on QKD key relay',
      attachments: [{ filename: 'key-relay.docx', content: await docxFromTemplate() }],
    });
    const result = await receiveMail(run.testApp.db, config, raw);
    assert.ok(result.outcome === 'queued' && result.reason === 'unknown_sender', JSON.stringify(result));
    await secretariat.goto('/activities/JCA-QKDN/documents');
    await secretariat.getByRole('link', { name: 'Mail waiting for the secretariat' }).click();
    const item = secretariat.locator(`#mail-${result.queueId}`);
    await assert.doesNotReject(item.getByText('The sender is not a known person.').waitFor());
    assert.equal(await item.getByLabel(/key-relay\.docx/).isChecked(), true);
    await capture(secretariat, 'mail-queue');
    await item.getByRole('button', { name: 'Accept as a contribution' }).click();
    await assert.doesNotReject(secretariat.getByRole('status').getByText('The attachment is now a submitted contribution.').waitFor());
    await assert.doesNotReject(secretariat.getByRole('heading', { name: /^Pending #\d+/ }).waitFor());
  });
});
