// The demo's documents: a few small real files as numbered documents of the two held demo meetings, so their
// documents tabs, agendas, ZIPs and feeds have something to show. The draft agendas (TXT, from the TSB circulars in
// ../shared/data/seed-activities.md) become each meeting's TD-001 under "Adoption of the agenda"; an invented example
// contribution made on the JCA-QKDN template (DOCX, its cover page filled in) is submitted by the demo member and
// numbered C-001 by the secretariat. Loaded through the documents module's own functions; the files are checked like
// uploads and written by the caller's storeFilesWith around the demo's transaction.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import type { Actor } from '../platform/actor.ts';
import { type CheckedFile, checkUpload } from '../platform/files.ts';
import { users } from '../platform/schema.ts';
import { activities } from '../modules/activities/schema.ts';
import { contributionTemplate, type CoverField } from '../modules/documents/cover-page.ts';
import { assignNumber, createDocument, documentFileKinds } from '../modules/documents/documents.ts';
import { flattenAgenda, workingAgenda } from '../modules/meetings/agenda.ts';
import { findMeeting } from '../modules/meetings/deadlines.ts';
import { demoAgendas } from './demo-agendas.ts';

type DemoDocument = {
  acronym: string;
  meetingNumber: number;
  kind: 'td' | 'contribution';
  title: string;
  source: string;
  /** the title of the agenda item it sits under */
  agendaItem: string;
  purpose?: string;
  contact?: string;
  abstract?: string;
  file: CheckedFile;
};

/** The demo's documents with their files, built and checked (type from the bytes, as for an upload) before loading. */
export type DemoDocuments = DemoDocument[];

const check = (fileName: string, contentType: string, bytes: Buffer) =>
  checkUpload({ fileName, contentType, bytes }, { field: 'file', allowed: documentFileKinds, maxBytes: 10 * 1024 * 1024, locale: 'en' });

/** A meeting's draft agenda as the TXT file a secretariat would circulate: a heading, then the numbered items. */
function agendaText(acronym: string, meetingTitle: string, items: string[]): Buffer {
  const lines = [`${acronym}: draft agenda`, meetingTitle, '', ...items.map((title, i) => `${i + 1}  ${title}`), ''];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

const qkdnCover: Record<CoverField, string> = {
  source: 'Example Networks Ltd (demo)',
  title: 'Proposed outline of the action plan for QKDN standardization',
  purpose: 'Discussion',
  contact: 'Demo member, Example Networks Ltd, member@example.org',
  agendaItem: '8 Review of an action plan for QKDN standardization',
};

/** Builds the demo's files: the two draft agendas (TXT) and the JCA-QKDN contribution on the template (DOCX). */
export async function prepareDemoDocuments(): Promise<DemoDocuments> {
  const itemsOf = (acronym: string) => demoAgendas.find((a) => a.acronym === acronym)!.template.map((i) => i.title);
  const contribution = await contributionTemplate(
    { acronym: 'JCA-QKDN', nameEn: 'Joint Coordination Activity on Quantum Key Distribution Networks' },
    {
      locale: 'en',
      meetingLine: 'Meeting 1: Geneva, 22 March 2023',
      values: qkdnCover,
      body:
        'This contribution proposes that the action plan for QKDN standardization lists, for each work item of the roadmap, the body responsible, its status and the coordination it needs, and that the plan is reviewed at every JCA-QKDN meeting. (An invented example loaded with the demo.)',
    },
  );
  return [
    {
      acronym: 'JCA-QKDN',
      meetingNumber: 1,
      kind: 'td',
      title: 'Draft agenda of the first JCA-QKDN meeting',
      source: 'TSB',
      agendaItem: 'Adoption of the agenda',
      file: await check('JCA-QKDN-draft-agenda.txt', 'text/plain', agendaText('JCA-QKDN', 'First meeting, Geneva, 22 March 2023', itemsOf('JCA-QKDN'))),
    },
    {
      acronym: 'JCA-QKDN',
      meetingNumber: 1,
      kind: 'contribution',
      title: qkdnCover.title,
      source: qkdnCover.source,
      agendaItem: 'Review of an action plan for QKDN standardization',
      purpose: qkdnCover.purpose,
      contact: qkdnCover.contact,
      abstract: 'An outline for the action plan: per roadmap work item, the responsible body, its status and the coordination needed. (Invented for the demo.)',
      file: await check('action-plan-outline.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contribution),
    },
    {
      acronym: 'JCA-MV',
      meetingNumber: 1,
      kind: 'td',
      title: 'Draft agenda of the first JCA-MV meeting',
      source: 'TSB',
      agendaItem: 'Adoption of the agenda',
      file: await check('JCA-MV-draft-agenda.txt', 'text/plain', agendaText('JCA-MV', 'First meeting, Geneva, 9 October 2025', itemsOf('JCA-MV'))),
    },
  ];
}

/** The files the demo documents need stored (for storeFilesWith around the demo's transaction). */
export const demoDocumentFiles = (prepared: DemoDocuments): CheckedFile[] => prepared.map((d) => d.file);

/**
 * Creates the demo documents in the meetings that exist, after their agendas: temporary documents are numbered at
 * once, the contribution is submitted (by the demo member when that account exists) then numbered. Returns how many.
 */
export async function loadDemoDocuments(db: Db, actor: Actor, prepared: DemoDocuments): Promise<number> {
  const [member] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, 'member@example.org'));
  let loaded = 0;
  for (const demo of prepared) {
    const [activity] = await db.select().from(activities).where(eq(sql`lower(${activities.acronym})`, demo.acronym.toLowerCase()));
    const meeting = activity ? await findMeeting(db, activity.id, demo.meetingNumber) : undefined;
    if (!activity || !meeting) continue;
    const item = flattenAgenda(await workingAgenda(db, meeting.id)).find((i) => i.title === demo.agendaItem);
    await db.transaction(async (tx) => {
      const created = await createDocument(tx, actor, {
        activityId: activity.id,
        kind: demo.kind,
        meetingId: meeting.id,
        agendaItemId: item?.id ?? null,
        title: demo.title,
        source: demo.source,
        purpose: demo.purpose ?? null,
        contact: demo.contact ?? null,
        abstract: demo.abstract ?? null,
        access: 'public',
        files: [demo.file],
        ...(demo.kind === 'contribution' && member ? { submittedByUserId: member.id } : {}),
      });
      if (demo.kind === 'contribution') await assignNumber(tx, actor, activity.id, created.id, {}, 'en');
    });
    loaded++;
  }
  return loaded;
}
