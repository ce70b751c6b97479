// Pages of the documents module: the activity's list, a meeting's documents (inside the meeting's frame), one
// document, the contribution and publication forms, and the secretariat's mail queue.
import type { ComponentChildren } from 'preact';
import type { EventRow } from '../../platform/events.ts';
import type { FormState } from '../../platform/http/forms.ts';
import { valueOf } from '../../platform/http/forms.ts';
import type { ViewContext } from '../../platform/http/context.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, Facts, FileField, type Option, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import { canCirculars, circularMessages, circularsPath } from '../circulars/index.ts';
import { reportMessages, reportsPath } from '../reports/index.ts';
import { type Deadline, type Meeting, MeetingFrame } from '../meetings/index.ts';
import { activityDocumentsPath, type DocumentFileRow, documentFilePath, documentPath, type DocumentSummary, meetingDocumentsPath } from './documents.ts';
import type { QueuedMail } from './mail-in.ts';
import { documentWordings } from './history-wordings.ts';
import { type DocumentMessages, documentMessages } from './messages.ts';
import { documentLabel } from './numbering.ts';
import { canDocument } from './policy.ts';
import { documentAccessLevels, type DocumentKind, documentKinds, externallyNumberedKinds } from './schema.ts';
import { wordEvent } from '../../platform/module-manifest.ts';

export type AgendaOption = { id: number; number: string; title: string };

// One formatter per locale, made once: toLocaleString would build a new one for every file of a long list.
const sizeFormats = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 1 }),
  fr: new Intl.NumberFormat('fr', { maximumFractionDigits: 1 }),
};
const kb = (bytes: number, locale: 'en' | 'fr') =>
  bytes < 1024 * 1024
    ? `${sizeFormats[locale].format(Math.max(1, Math.round(bytes / 1024)))} ${locale === 'fr' ? 'Ko' : 'KB'}`
    : `${sizeFormats[locale].format(bytes / 1048576)} ${locale === 'fr' ? 'Mo' : 'MB'}`;

function DocumentBadges(props: { m: DocumentMessages; document: DocumentSummary }) {
  const { m, document: d } = props;
  return (
    <>
      {d.status !== 'published' ? <span class={`badge document-status-${d.status}`}>{m.statuses[d.status]}</span> : null}
      {d.late ? <span class="badge document-late">{m.late}</span> : null}
      {d.access === 'members' ? <span class="pill">{m.access.members}</span> : null}
    </>
  );
}

function FileLinks(props: { ctx: ViewContext; activity: Activity; document: { id: number }; files: DocumentFileRow[] }) {
  return (
    <ul class="document-files">
      {props.files.map((f) => (
        <li>
          <a href={documentFilePath(props.activity, props.document, f)} download>
            {f.fileName}
          </a>{' '}
          <span class="muted">({kb(f.size, props.ctx.locale)})</span>
        </li>
      ))}
    </ul>
  );
}

/** The table of documents shared by the activity's list and a meeting's tab. */
export function DocumentTable(props: { ctx: ViewContext; activity: Activity; documents: DocumentSummary[]; showMeeting: boolean; agenda?: Map<number, AgendaOption> }) {
  const { ctx, activity: a } = props;
  const m = documentMessages(ctx.locale);
  if (!props.documents.length) return <p>{m.noDocuments}</p>;
  return (
    <div class="table-wrap">
      <table class="stack document-table">
        <thead>
          <tr>
            <th scope="col">{m.fields.number}</th>
            <th scope="col">{m.fields.title}</th>
            <th scope="col">{m.fields.source}</th>
            {props.showMeeting ? <th scope="col">{m.fields.meeting}</th> : null}
            {props.agenda ? <th scope="col">{m.fields.agendaItem}</th> : null}
            <th scope="col">{m.fields.files}</th>
          </tr>
        </thead>
        <tbody>
          {props.documents.map((d) => {
            const item = d.agendaItemId ? props.agenda?.get(d.agendaItemId) : undefined;
            return (
              <tr class={d.status === 'withdrawn' ? 'document-withdrawn' : undefined}>
                <td>
                  <a href={documentPath(a, d)}>{d.label ?? m.pendingNumber(d.id)}</a>
                  <br />
                  <span class="muted">{m.kinds[d.kind]}</span>
                </td>
                <td data-label={m.fields.title}>
                  {d.title} <DocumentBadges m={m} document={d} />
                </td>
                <td data-label={m.fields.source}>{d.source}</td>
                {props.showMeeting ? <td data-label={m.fields.meeting}>{d.meetingNumber ? <a href={meetingDocumentsPath(a, { number: d.meetingNumber })}>{d.meetingNumber}</a> : ''}</td> : null}
                {props.agenda ? <td data-label={m.fields.agendaItem}>{item ? `${item.number} ${item.title}` : ''}</td> : null}
                <td data-label={m.fields.files}>
                  <FileLinks ctx={ctx} activity={a} document={d} files={d.files} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function DocumentActions(props: { ctx: ViewContext; activity: Activity; meetingNumber?: number }) {
  const { ctx, activity: a } = props;
  const m = documentMessages(ctx.locale);
  const base = activityDocumentsPath(a);
  const meetingQuery = props.meetingNumber ? `?meeting=${props.meetingNumber}` : '';
  const links: [string, string][] = [];
  if (canDocument(ctx.actor, 'submit', a)) links.push([`${base}/submit${meetingQuery}`, m.submitContribution]);
  if (canDocument(ctx.actor, 'manage', a)) links.push([`${base}/new${meetingQuery}`, m.addDocument], [`${base}/mail-queue`, m.mailQueue]);
  if (!props.meetingNumber && canCirculars(ctx.actor, 'draft', a)) links.push([circularsPath(a), circularMessages(ctx.locale).circulars]);
  // Released reports are read by their access level, so the list is for every reader of the documents.
  if (!props.meetingNumber) links.push([reportsPath(a), reportMessages(ctx.locale).title]);
  if (!links.length) return null;
  return (
    <p class="actions">
      {links.map(([href, label], i) => (
        <a class={i === 0 ? 'button' : 'button button-secondary'} href={href}>
          {label}
        </a>
      ))}
    </p>
  );
}

export type ListFilter = { kind?: DocumentKind; meeting?: number; q?: string };

export function ActivityDocumentsPage(props: { ctx: ViewContext; activity: Activity; documents: DocumentSummary[]; filter: ListFilter; meetings: Meeting[] }) {
  const { ctx, activity: a, filter } = props;
  const m = documentMessages(ctx.locale);
  const base = activityDocumentsPath(a);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.documents}>
      <h2>{m.documents}</h2>
      <DocumentActions ctx={ctx} activity={a} />
      <form method="get" action={base} class="form search-row document-filter">
        <TextField ctx={ctx} name="q" type="search" label={m.search} value={filter.q} required />
        <SelectField
          ctx={ctx}
          name="kind"
          label={m.fields.kind}
          blank={m.allKinds}
          value={filter.kind}
          options={documentKinds.map((k) => ({ value: k, label: m.kinds[k] }))}
          required
        />
        <SelectField
          ctx={ctx}
          name="meeting"
          label={m.fields.meeting}
          blank={m.allMeetings}
          value={filter.meeting}
          options={props.meetings.map((mt) => ({ value: String(mt.number), label: `${mt.number}. ${mt.title}` }))}
          required
        />
        <Actions>
          <button type="submit" class="button-secondary">
            {m.filter}
          </button>
        </Actions>
      </form>
      <DocumentTable ctx={ctx} activity={a} documents={props.documents} showMeeting />
      {a.visibility === 'public' ? (
        <p>
          <a href={`${base}.atom`} type="application/atom+xml">
            {m.feed}
          </a>
        </p>
      ) : null}
    </ActivityFrame>
  );
}

export function MeetingDocumentsPage(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting: Meeting;
  documents: DocumentSummary[];
  deadline: Deadline | null;
  agenda: Map<number, AgendaOption>;
}) {
  const { ctx, activity: a, meeting } = props;
  const m = documentMessages(ctx.locale);
  const fileCount = props.documents.reduce((n, d) => n + d.files.length, 0);
  return (
    <MeetingFrame ctx={ctx} activity={a} meeting={meeting} tab="documents" title={m.documents}>
      {props.deadline ? <p>{m.deadline(formatDateTime(props.deadline.dueAt, ctx.locale, props.deadline.timeZone))}</p> : null}
      <DocumentActions ctx={ctx} activity={a} meetingNumber={meeting.number} />
      <DocumentTable ctx={ctx} activity={a} documents={props.documents} showMeeting={false} agenda={props.agenda} />
      {fileCount ? (
        <p>
          <a href={`${meetingDocumentsPath(a, meeting)}.zip`}>{m.downloadAll}</a> <span class="muted">({m.files(fileCount)})</span>
        </p>
      ) : null}
    </MeetingFrame>
  );
}

const agendaOptions = (agenda: AgendaOption[]): Option[] => agenda.map((i) => ({ value: String(i.id), label: `${i.number} ${i.title}` }));

export function DocumentPage(
  props: {
    ctx: ViewContext;
    activity: Activity;
    document: DocumentSummary & { allFiles: DocumentFileRow[] };
    meeting: Meeting | null;
    agenda: AgendaOption[];
    events: EventRow[];
    /** which secretariat form failed, to show its errors beside it */
    failed?: 'assign' | 'placement' | 'revision';
  } & FormState,
) {
  const { ctx, activity: a, document: d } = props;
  const m = documentMessages(ctx.locale);
  const errors = props.errors ?? {};
  const item = props.agenda.find((i) => i.id === d.agendaItemId);
  const manage = canDocument(ctx.actor, 'manage', a, d);
  const revise = canDocument(ctx.actor, 'revise', a, d) && d.status !== 'withdrawn';
  const title = d.label ?? m.pendingNumber(d.id);
  const revisions = [...new Set(d.allFiles.map((f) => f.revision))].sort((x, y) => y - x);
  const base = documentPath(a, d);
  const formError = (form: typeof props.failed) => (props.failed === form ? errors : {});
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={title}>
      <p>
        <a href={props.meeting ? meetingDocumentsPath(a, props.meeting) : activityDocumentsPath(a)}>← {m.documents}</a>
      </p>
      <h2>
        {title} <DocumentBadges m={m} document={d} />
      </h2>
      <p class="lead">{d.title}</p>
      {props.failed ? null : <ErrorSummary ctx={ctx} errors={errors} message={props.message} />}
      <Facts
        items={[
          [m.fields.kind, m.kinds[d.kind]],
          [m.fields.status, m.statuses[d.status]],
          [m.fields.source, d.source],
          [m.fields.authors, d.authors],
          [m.fields.purpose, d.purpose],
          [m.fields.contact, d.contact],
          [m.fields.meeting, props.meeting ? <a href={meetingDocumentsPath(a, props.meeting)}>{`${props.meeting.number}. ${props.meeting.title}`}</a> : ''],
          [m.fields.agendaItem, item ? `${item.number} ${item.title}` : ''],
          [m.fields.access, m.access[d.access]],
          [m.fields.submitted, formatDateTime(d.createdAt, ctx.locale, ctx.timeZone)],
          [m.fields.late, d.late ? m.lateNote : ''],
          [m.fields.abstract, d.abstract],
        ]}
      />
      <h3>{m.fields.files}</h3>
      {revisions.map((revision) => (
        <section class="document-revision">
          <h4>{documentLabel({ number: d.number, revision }) ?? `${m.fields.revision} ${revision}`}</h4>
          <FileLinks ctx={ctx} activity={a} document={d} files={d.allFiles.filter((f) => f.revision === revision)} />
        </section>
      ))}
      {manage && d.kind === 'contribution' && !d.number && d.status === 'submitted' ? (
        <section>
          <h3>{m.assign}</h3>
          <ErrorSummary ctx={ctx} errors={formError('assign')} message={props.failed === 'assign' ? props.message : undefined} />
          <PostForm ctx={ctx} action={`${base}/assign`}>
            <p class="hint">{m.assignHint}</p>
            <SelectField ctx={ctx} name="agendaItemId" label={m.fields.agendaItem} blank={m.noAgendaItem} value={valueOf(props.values, 'agendaItemId') ?? d.agendaItemId} options={agendaOptions(props.agenda)} error={formError('assign').agendaItemId} />
            <Actions>
              <button type="submit">{m.assign}</button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
      {manage && d.number ? (
        <section>
          <h3>{m.placementHeading}</h3>
          <ErrorSummary ctx={ctx} errors={formError('placement')} message={props.failed === 'placement' ? props.message : undefined} />
          <PostForm ctx={ctx} action={`${base}/placement`}>
            <SelectField ctx={ctx} name="agendaItemId" label={m.fields.agendaItem} blank={m.noAgendaItem} value={d.agendaItemId} options={agendaOptions(props.agenda)} error={formError('placement').agendaItemId} />
            <SelectField ctx={ctx} name="access" label={m.fields.access} value={d.access} options={documentAccessLevels.map((l) => ({ value: l, label: m.access[l] }))} required />
            <Actions>
              <button type="submit" class="button-secondary">
                {m.save}
              </button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
      {revise ? (
        <section>
          <h3>{m.uploadRevision}</h3>
          <ErrorSummary ctx={ctx} errors={formError('revision')} message={props.failed === 'revision' ? props.message : undefined} />
          <PostForm ctx={ctx} action={`${base}/revision`} enctype="multipart/form-data">
            <DocumentFileField ctx={ctx} error={formError('revision').file} />
            <Actions>
              <button type="submit" class="button-secondary">
                {m.uploadRevision}
              </button>
            </Actions>
          </PostForm>
          <PostForm ctx={ctx} action={`${base}/withdraw`}>
            <Actions>
              <button type="submit" class="button-danger">
                {m.withdraw}
              </button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
      {props.events.length ? (
        <section>
          <h3>{m.history}</h3>
          <ul class="document-history">
            {props.events.map((e) => (
              <li>
                {formatDateTime(e.at, ctx.locale, ctx.timeZone)} — {e.actorName}
                {ctx.t.colon}
                {wordEvent(e, documentWordings(ctx.locale))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </ActivityFrame>
  );
}

function DocumentFileField(props: { ctx: ViewContext; error?: string; maxMb?: number }) {
  const m = documentMessages(props.ctx.locale);
  return (
    <FileField
      ctx={props.ctx}
      name="file"
      label={m.fields.file}
      hint={props.maxMb ? m.allowedFiles(props.maxMb) : undefined}
      error={props.error}
      required
      accept=".pdf,.docx,.pptx,.xlsx,.txt,.zip"
    />
  );
}

function MetadataFields(props: { ctx: ViewContext; values?: FormState['values']; errors: Record<string, string>; titleOptional: boolean }) {
  const { ctx, values, errors } = props;
  const m = documentMessages(ctx.locale);
  const text = (name: 'title' | 'source' | 'authors' | 'contact' | 'purpose', max: number, required = false, hint?: string) => (
    <TextField ctx={ctx} name={name} label={m.fields[name]} value={valueOf(values, name)} error={errors[name]} maxLength={max} required={required} hint={hint} />
  );
  return (
    <>
      {text('title', 500, !props.titleOptional, props.titleOptional ? m.titleHint : undefined)}
      {text('source', 500)}
      {text('authors', 1000)}
      <TextArea ctx={ctx} name="abstract" label={m.fields.abstract} value={valueOf(values, 'abstract')} error={errors.abstract} rows={4} maxLength={10000} />
      <SelectField
        ctx={ctx}
        name="access"
        label={m.fields.access}
        value={valueOf(values, 'access') ?? 'public'}
        options={documentAccessLevels.map((l) => ({ value: l, label: m.access[l] }))}
        error={errors.access}
        required
      />
    </>
  );
}

function MeetingSelect(props: { ctx: ViewContext; meetings: Meeting[]; value?: string; error?: string }) {
  const m = documentMessages(props.ctx.locale);
  return (
    <SelectField
      ctx={props.ctx}
      name="meetingId"
      label={m.fields.meeting}
      blank={m.noMeeting}
      value={props.value}
      options={props.meetings.map((mt) => ({ value: String(mt.id), label: `${mt.number}. ${mt.title} (${formatDateTime(mt.startsAt, props.ctx.locale, mt.timeZone)})` }))}
      error={props.error}
    />
  );
}

/**
 * The agenda item a submitter proposes: the working agenda items of the meetings offered, numbered (sub-items indented
 * under their parent). Prefixed with their meeting when several meetings have items, since a form without JavaScript
 * cannot narrow the list to the meeting chosen above.
 */
function ProposedAgendaItemSelect(props: { ctx: ViewContext; meetings: Meeting[]; agendas: Map<number, AgendaOption[]>; value?: string; error?: string }) {
  const m = documentMessages(props.ctx.locale);
  const withItems = props.meetings.filter((mt) => props.agendas.get(mt.id)?.length);
  if (!withItems.length) return null;
  const options = withItems.flatMap((mt) =>
    props.agendas.get(mt.id)!.map((i) => {
      const label = `${'  '.repeat(i.number.split('.').length - 1)}${i.number} ${i.title}`;
      return { value: String(i.id), label: withItems.length > 1 ? m.agendaChoice(mt.number, label.trimStart()) : label };
    }),
  );
  return <SelectField ctx={props.ctx} name="agendaItemId" label={m.fields.agendaItem} blank={m.noAgendaItem} hint={m.agendaItemHint} value={props.value} options={options} error={props.error} />;
}

export function ContributionFormPage(
  props: {
    ctx: ViewContext;
    activity: Activity;
    meetings: Meeting[];
    meetingId?: number;
    deadlines: Map<number, Deadline>;
    maxMb: number;
    /** the working agenda items of each meeting offered, for the proposed agenda item */
    agendas?: Map<number, AgendaOption[]>;
  } & FormState,
) {
  const { ctx, activity: a } = props;
  const m = documentMessages(ctx.locale);
  const errors = props.errors ?? {};
  const base = activityDocumentsPath(a);
  const chosen = valueOf(props.values, 'meetingId') ?? (props.meetingId ? String(props.meetingId) : undefined);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.submitContribution}>
      <h2>{m.submitContribution}</h2>
      <p>
        <a href={`${base}/template.docx${chosen ? `?meetingId=${chosen}` : ''}`} download>
          {m.template}
        </a>
      </p>
      <p class="hint">{m.templateHint}</p>
      {props.meetings.length ? (
        <ul class="document-deadlines">
          {props.meetings.map((mt) => {
            const deadline = props.deadlines.get(mt.id);
            return deadline ? (
              <li>
                {mt.number}. {mt.title}
                {ctx.t.colon}
                {m.deadline(formatDateTime(deadline.dueAt, ctx.locale, deadline.timeZone))}
              </li>
            ) : null;
          })}
        </ul>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      <PostForm ctx={ctx} action={`${base}/submit`} enctype="multipart/form-data">
        <MeetingSelect ctx={ctx} meetings={props.meetings} value={chosen} error={errors.meetingId} />
        {props.agendas ? (
          <ProposedAgendaItemSelect ctx={ctx} meetings={props.meetings} agendas={props.agendas} value={valueOf(props.values, 'agendaItemId')} error={errors.agendaItemId} />
        ) : null}
        <DocumentFileField ctx={ctx} error={errors.file} maxMb={props.maxMb} />
        <MetadataFields ctx={ctx} values={props.values} errors={errors} titleOptional />
        <Actions>
          <button type="submit">{m.submit}</button>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

export function PublishFormPage(props: { ctx: ViewContext; activity: Activity; meetings: Meeting[]; meetingId?: number; maxMb: number } & FormState) {
  const { ctx, activity: a } = props;
  const m = documentMessages(ctx.locale);
  const errors = props.errors ?? {};
  const chosen = valueOf(props.values, 'meetingId') ?? (props.meetingId ? String(props.meetingId) : undefined);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.addDocument}>
      <h2>{m.addDocument}</h2>
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      <PostForm ctx={ctx} action={`${activityDocumentsPath(a)}/new`} enctype="multipart/form-data">
        <SelectField
          ctx={ctx}
          name="kind"
          label={m.fields.kind}
          value={valueOf(props.values, 'kind') ?? 'td'}
          options={documentKinds.filter((k) => k !== 'contribution' && !externallyNumberedKinds.includes(k)).map((k) => ({ value: k, label: m.kinds[k] }))}
          error={errors.kind}
          required
        />
        <MeetingSelect ctx={ctx} meetings={props.meetings} value={chosen} error={errors.meetingId} />
        <DocumentFileField ctx={ctx} error={errors.file} maxMb={props.maxMb} />
        <MetadataFields ctx={ctx} values={props.values} errors={errors} titleOptional={false} />
        <Actions>
          <button type="submit">{m.addDocument}</button>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

export function MailQueuePage(props: { ctx: ViewContext; activity: Activity; queue: QueuedMail[] } & FormState & { failedId?: number }) {
  const { ctx, activity: a } = props;
  const m = documentMessages(ctx.locale);
  const base = `${activityDocumentsPath(a)}/mail-queue`;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.mailQueue}>
      <p>
        <a href={activityDocumentsPath(a)}>← {m.documents}</a>
      </p>
      <h2>{m.mailQueue}</h2>
      {props.queue.length ? null : <p>{m.mailQueueEmpty}</p>}
      {props.queue.map((mail) => (
        <section class="mail-queue-item" id={`mail-${mail.id}`}>
          <h3>{mail.subject || '—'}</h3>
          {props.failedId === mail.id ? <ErrorSummary ctx={ctx} errors={props.errors} message={props.message} /> : null}
          <Facts
            items={[
              [m.mailFrom, mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress],
              [m.mailReceived, formatDateTime(mail.receivedAt, ctx.locale, ctx.timeZone)],
              [m.mailReason, m.mailQueueReasons[mail.reason]],
              ...(mail.senderCheck ? [[m.mailSenderCheck, mail.senderCheck] as [string, string]] : []),
            ]}
          />
          {mail.bodyText ? <pre class="mail-queue-body">{mail.bodyText.slice(0, 2000)}</pre> : null}
          <PostForm ctx={ctx} action={`${base}/${mail.id}/accept`}>
            <fieldset>
              <legend>{m.mailAttachments}</legend>
              {mail.attachments.map((att, i): ComponentChildren => (
                <div class="field field-checkbox">
                  {att.refused ? (
                    <p>
                      {att.fileName} — <span class="error-message">{att.refused}</span>
                    </p>
                  ) : (
                    <>
                      <input id={`attachment-${mail.id}-${i}`} type="checkbox" name="attachment" value={String(i)} checked />
                      <label for={`attachment-${mail.id}-${i}`}>
                        {att.fileName} ({kb(att.size, ctx.locale)})
                      </label>
                    </>
                  )}
                </div>
              ))}
            </fieldset>
            <Actions>
              {mail.attachments.some((att) => !att.refused) ? <button type="submit">{m.acceptAttachment}</button> : null}
            </Actions>
          </PostForm>
          <PostForm ctx={ctx} action={`${base}/${mail.id}/discard`}>
            <Actions>
              <button type="submit" class="button-danger">
                {m.discard}
              </button>
            </Actions>
          </PostForm>
        </section>
      ))}
    </ActivityFrame>
  );
}
