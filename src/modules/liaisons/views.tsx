// Liaison pages: the register, the statement with its thread and history, and the statement form.
import type { ComponentChildren } from 'preact';
import type { EventRow } from '../../platform/events.ts';
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, type FormValues, listOf, valueOf } from '../../platform/http/forms.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, Facts, FileField, MultiSelectField, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import { documentFilePath } from '../documents/index.ts';
import { wordEvent } from '../../platform/module-manifest.ts';
import { liaisonWordings } from './history-wordings.ts';
import type { Approver, LiaisonFormChoices, LiaisonView, RegisterFilter, RegisterRow, ThreadNode } from './liaison-queries.ts';
import { type LiaisonMessages, liaisonMessages } from './messages.ts';
import { allowedActions, canLiaison, readsEveryStatement } from './policy.ts';
import { approvalModes, type LiaisonDirection, liaisonAccessLevels, liaisonActionStatuses, liaisonPurposes, outgoingStates } from './schema.ts';

export const liaisonsBase = (a: { acronym: string }) => `/activities/${encodeURIComponent(a.acronym)}/liaisons`;
const statementHref = (a: { acronym: string }, id: number) => `${liaisonsBase(a)}/${id}`;

function StateLabel(props: { m: LiaisonMessages; s: { direction: LiaisonDirection; state: string | null; actionStatus: string | null; overdue?: boolean } }) {
  const { m, s } = props;
  const label = s.direction === 'out' ? m.states[s.state as keyof typeof m.states] : m.actionStatuses[s.actionStatus as keyof typeof m.actionStatuses];
  return (
    <>
      <span class={`pill liaison-${s.state ?? s.actionStatus}`}>{label}</span>
      {s.overdue ? <span class="pill liaison-overdue">{m.overdue}</span> : null}
    </>
  );
}

// ---- Register ---------------------------------------------------------------------------------------------------

export function RegisterPage(props: { ctx: ViewContext; activity: Activity; rows: RegisterRow[]; filter: RegisterFilter; overdueCount: number; organizations: { id: number; label: string }[] }) {
  const { ctx, activity: a, filter } = props;
  const m = liaisonMessages(ctx.locale);
  const all = readsEveryStatement(ctx.actor, a);
  const stateOptions = [...outgoingStates.map((s) => ({ value: s, label: `${m.directions.out}${ctx.t.colon}${m.states[s]}` })), ...liaisonActionStatuses.map((s) => ({ value: s, label: `${m.directions.in}${ctx.t.colon}${m.actionStatuses[s]}` }))];
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="liaisons" title={m.title}>
      <h2>{m.title}</h2>
      <p class="lead">{all ? m.registerIntro : m.registerIntroPublic}</p>
      <p class="actions">
        {canLiaison(ctx.actor, 'register_incoming', a) ? (
          <a class="button" href={`${liaisonsBase(a)}/new?direction=in`}>
            {m.registerIncoming}
          </a>
        ) : null}
        {canLiaison(ctx.actor, 'draft', a) ? (
          <a class="button button-secondary" href={`${liaisonsBase(a)}/new?direction=out`}>
            {m.draftOutgoing}
          </a>
        ) : null}
        {props.overdueCount && !filter.overdue ? <a href={`${liaisonsBase(a)}?overdue=1`}>{m.overdueList(props.overdueCount)}</a> : null}
      </p>
      <form method="get" action={liaisonsBase(a)} class="liaison-filters" aria-label={m.filters}>
        <SelectField ctx={ctx} name="direction" label={m.direction} blank={m.any} value={filter.direction} options={(['in', 'out'] as const).map((d) => ({ value: d, label: m.directions[d] }))} />
        <SelectField ctx={ctx} name="organizationId" label={m.body} blank={m.any} value={filter.organizationId} options={props.organizations.map((o) => ({ value: String(o.id), label: o.label }))} />
        <SelectField ctx={ctx} name="purpose" label={m.purposeLabel} blank={m.any} value={filter.purpose} options={liaisonPurposes.map((p) => ({ value: p, label: m.purposes[p] }))} />
        <SelectField ctx={ctx} name="state" label={m.state} blank={m.any} value={filter.state} options={stateOptions} />
        <div class="field field-checkbox">
          <input id="field-overdue" type="checkbox" name="overdue" value="1" checked={filter.overdue} />
          <label for="field-overdue">{m.overdueOnly}</label>
        </div>
        <button type="submit">{m.filter}</button>
      </form>
      {props.rows.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{m.reference}</th>
                <th scope="col">{m.direction}</th>
                <th scope="col">{m.statementTitle}</th>
                <th scope="col">{m.body}</th>
                <th scope="col">{m.purposeLabel}</th>
                <th scope="col">{m.deadline}</th>
                <th scope="col">{m.state}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    <a href={statementHref(a, r.id)}>{r.reference}</a>
                  </td>
                  <td data-label={m.direction}>{m.directions[r.direction]}</td>
                  <td data-label={m.statementTitle}>{r.title}</td>
                  <td data-label={m.body}>{r.bodies}</td>
                  <td data-label={m.purposeLabel}>{m.purposes[r.purpose]}</td>
                  <td data-label={m.deadline}>{r.deadline ? formatDate(r.deadline, ctx.locale) : '—'}</td>
                  <td data-label={m.state}>
                    <StateLabel m={m} s={r} />
                    {r.direction === 'in' && r.assigneeName ? <span class="muted"> {r.assigneeName}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{m.empty}</p>
      )}
    </ActivityFrame>
  );
}

// ---- Statement page ---------------------------------------------------------------------------------------------

function Thread(props: { ctx: ViewContext; activity: Activity; nodes: ThreadNode[] }) {
  const m = liaisonMessages(props.ctx.locale);
  if (props.nodes.length < 2) return null;
  const byId = new Map(props.nodes.map((n) => [n.id, n]));
  return (
    <section aria-labelledby="thread-heading">
      <h3 id="thread-heading">{m.thread}</h3>
      <p class="hint">{m.threadIntro}</p>
      <ol class="liaison-thread">
        {props.nodes.map((n) => (
          <li class={n.current ? 'current' : undefined} aria-current={n.current ? 'true' : undefined}>
            {n.current ? <strong>{n.reference}</strong> : <a href={statementHref(props.activity, n.id)}>{n.reference}</a>} — {n.title}{' '}
            <span class="muted">
              ({m.directions[n.direction]}, {n.date ? formatDate(n.date, props.ctx.locale) : ''}
              {n.inReplyToIds.length ? `; ${m.inReplyTo.toLowerCase()} ${n.inReplyToIds.map((i) => byId.get(i)?.reference ?? '').join(', ')}` : ''})
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function History(props: { ctx: ViewContext; events: EventRow[] }) {
  const m = liaisonMessages(props.ctx.locale);
  const wordings = liaisonWordings(props.ctx.locale);
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">{m.history}</h3>
      <div class="table-wrap">
        <table class="stack">
          <tbody>
            {props.events.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, props.ctx.locale, props.ctx.timeZone)}</td>
                <td>{e.actorName}</td>
                <td>{wordEvent(e, wordings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export type ActionForm = 'submit' | 'approve' | 'return' | 'send' | 'close' | 'withdraw' | 'assign' | 'action-status' | 'attach';

export function StatementPage(
  props: {
    ctx: ViewContext;
    activity: Activity;
    statement: LiaisonView;
    thread: ThreadNode[];
    events: EventRow[];
    approvers: Approver[];
    choices: Pick<LiaisonFormChoices, 'meetings' | 'people'>;
    uploadMaxMb: number;
    failed?: ActionForm;
  } & FormState,
) {
  const { ctx, activity: a, statement: s } = props;
  const m = liaisonMessages(ctx.locale);
  const allowed = allowedActions(ctx.actor, a, s);
  const errors = props.failed ? (props.errors ?? {}) : {};
  const v = (name: string) => (props.failed ? valueOf(props.values, name) : undefined);
  const base = statementHref(a, s.id);
  const orgs = (list: { acronym: string }[]) => list.map((o) => o.acronym).join(', ');
  const refLinks = (list: { id: number; reference: string; title: string }[]) =>
    list.length ? (
      <ul class="plain">
        {list.map((r) => (
          <li>
            <a href={statementHref(a, r.id)}>{r.reference}</a> — {r.title}
          </li>
        ))}
      </ul>
    ) : null;
  const facts: [string, ComponentChildren][] = [
    [m.direction, m.directions[s.direction]],
    [
      s.direction === 'in' ? m.actionStatusLabel : m.state,
      // An answered statement names its reply where the reader may open it.
      s.direction === 'in' && s.actionStatus === 'answered' && s.replies.some((r) => r.direction === 'out') ? (
        <>
          <StateLabel m={m} s={s} /> {m.answeredBy}{' '}
          {s.replies
            .filter((r) => r.direction === 'out')
            .map((r, i) => (
              <>
                {i ? ', ' : ''}
                <a href={statementHref(a, r.id)}>{r.reference}</a>
              </>
            ))}
        </>
      ) : (
        <StateLabel m={m} s={s} />
      ),
    ],
    [m.purposeLabel, m.purposes[s.purpose]],
    [s.direction === 'in' ? m.deadline : m.replyDeadline, s.deadline ? formatDate(s.deadline, ctx.locale) : null],
    [m.fromOrganizations, s.direction === 'in' ? orgs(s.fromOrganizations) : a.acronym],
    [m.toOrganizations, s.direction === 'in' ? [a.acronym, ...s.toOrganizations.map((o) => o.acronym)].join(', ') : orgs(s.toOrganizations)],
    [m.theirReference, s.theirReference],
    [m.fromContact, s.fromContactName ? `${s.fromContactName}${s.fromContactEmail && readsEveryStatement(ctx.actor, a) ? ` <${s.fromContactEmail}>` : ''}` : null],
    [m.recipients, readsEveryStatement(ctx.actor, a) && s.recipients.length ? s.recipients.map((r) => (r.name ? `${r.name} <${r.email}>` : r.email)).join('; ') : null],
    [m.receivedOn, s.receivedOn ? formatDate(s.receivedOn, ctx.locale) : null],
    [m.sentOn, s.sentOn ? formatDate(s.sentOn, ctx.locale) : null],
    [m.assignee, s.direction === 'in' ? (s.assigneeName ?? m.unassigned) : null],
    [m.inReplyTo, refLinks(s.inReplyTo)],
    [m.replies, refLinks(s.replies)],
    [m.relatedEntries, s.relatedEntries.length ? s.relatedEntries.map((e) => e.identifier).join(', ') : null],
    [m.meeting, s.meetingTitle ? `${s.meetingTitle}${s.agendaItemTitle ? ` — ${s.agendaItemTitle}` : ''}` : null],
    [
      m.approvalModeLabel,
      s.approvalMode
        ? `${m.approvalModes[s.approvalMode]}${s.objectionDeadline ? ` (${m.objectionDeadline.toLowerCase()}${ctx.t.colon}${formatDate(s.objectionDeadline, ctx.locale)})` : ''}${s.approvedByName ? ` — ${s.approvedByName}` : ''}`
        : null,
    ],
    [m.createdBy, s.direction === 'out' ? s.createdByName : null],
    [m.accessLabel, m.access[s.access]],
  ];
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="liaisons" title={`${s.reference} ${s.title}`}>
      <p>
        <a href={liaisonsBase(a)}>← {m.title}</a>
      </p>
      <h2>
        {s.reference}
        {ctx.t.colon}
        {s.title}
      </h2>
      <ErrorSummary ctx={ctx} errors={errors} message={props.failed ? props.message : undefined} />
      <Facts items={facts} />
      {s.body ? <div class="prose liaison-body">{s.body}</div> : null}
      <h3>{m.attachments}</h3>
      {s.attachments.length && s.documentId ? (
        <ul>
          {s.attachments.map((f) => (
            <li>
              <a href={documentFilePath(a, { id: s.documentId ?? 0 }, f)}>{f.fileName}</a> <span class="muted">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{m.noAttachments}</p>
      )}
      {allowed.length ? (
        <section class="liaison-actions" aria-label={m.state}>
          <Actions>
            {allowed.includes('edit') ? (
              <a class="button button-secondary" href={`${base}/edit`}>
                {m.editTitle}
              </a>
            ) : null}
            {s.direction === 'in' && canLiaison(ctx.actor, 'draft', a) ? (
              <a class="button button-secondary" href={`${liaisonsBase(a)}/new?direction=out&replyTo=${s.id}`}>
                {m.draftReply}
              </a>
            ) : null}
            {allowed.includes('submit') ? (
              <PostForm ctx={ctx} action={`${base}/submit`} class="inline-form">
                <button type="submit">{m.submit}</button>
              </PostForm>
            ) : null}
            {allowed.includes('send') ? (
              <PostForm ctx={ctx} action={`${base}/send`} class="inline-form">
                <button type="submit">{m.send}</button>
              </PostForm>
            ) : null}
            {allowed.includes('close') ? (
              <PostForm ctx={ctx} action={`${base}/close`} class="inline-form">
                <button type="submit" class="button-secondary">
                  {m.close}
                </button>
              </PostForm>
            ) : null}
            {allowed.includes('withdraw') ? (
              <PostForm ctx={ctx} action={`${base}/withdraw`} class="inline-form">
                <button type="submit" class="button-danger">
                  {m.withdraw}
                </button>
              </PostForm>
            ) : null}
          </Actions>
          {allowed.includes('submit') ? (
            <p class="hint">
              {m.approvers}
              {ctx.t.colon}
              {props.approvers.length ? props.approvers.map((p) => p.name).join(', ') : m.approversNone}
            </p>
          ) : null}
          {allowed.includes('approve') ? (
            <PostForm ctx={ctx} action={`${base}/approve`}>
              <h3>{m.approve}</h3>
              <SelectField ctx={ctx} name="mode" label={m.approvalMode} required value={v('mode') ?? 'by_correspondence'} error={errors.mode} options={approvalModes.map((x) => ({ value: x, label: m.approvalModes[x] }))} />
              <SelectField ctx={ctx} name="meetingId" label={m.approvalMeeting} blank="—" value={v('meetingId')} error={errors.meetingId} options={props.choices.meetings.map((x) => ({ value: String(x.id), label: x.label }))} />
              <TextField ctx={ctx} name="objectionDeadline" type="date" label={m.objectionDeadline} hint={m.objectionDeadlineHint} value={v('objectionDeadline')} error={errors.objectionDeadline} />
              <button type="submit">{m.approve}</button>
            </PostForm>
          ) : null}
          {allowed.includes('return') ? (
            <PostForm ctx={ctx} action={`${base}/return`}>
              <TextArea ctx={ctx} name="reason" label={m.returnReason} required rows={3} value={v('reason')} error={errors.reason} />
              <button type="submit" class="button-secondary">
                {m.returnToDraft}
              </button>
            </PostForm>
          ) : null}
          {allowed.includes('assign') ? (
            <PostForm ctx={ctx} action={`${base}/assign`}>
              <SelectField ctx={ctx} name="assigneePersonId" label={m.assignee} blank={m.unassigned} value={v('assigneePersonId') ?? s.assigneePersonId} error={errors.assigneePersonId} options={props.choices.people.map((p) => ({ value: String(p.id), label: p.name }))} />
              <button type="submit" class="button-secondary">
                {m.assign}
              </button>
            </PostForm>
          ) : null}
          {allowed.includes('set_action_status') ? (
            <PostForm ctx={ctx} action={`${base}/action-status`}>
              <SelectField ctx={ctx} name="actionStatus" label={m.actionStatusLabel} required value={v('actionStatus') ?? s.actionStatus} error={errors.actionStatus} options={liaisonActionStatuses.map((x) => ({ value: x, label: m.actionStatuses[x] }))} />
              <button type="submit" class="button-secondary">
                {m.setActionStatus}
              </button>
            </PostForm>
          ) : null}
          {allowed.includes('edit') ? (
            <PostForm ctx={ctx} action={`${base}/attach`} enctype="multipart/form-data">
              <FileField ctx={ctx} name="file" label={m.addAttachment} hint={m.attachmentHint(props.uploadMaxMb)} error={errors.file} required />
              <button type="submit" class="button-secondary">
                {m.addAttachment}
              </button>
            </PostForm>
          ) : null}
        </section>
      ) : null}
      <Thread ctx={ctx} activity={a} nodes={props.thread} />
      <History ctx={ctx} events={props.events} />
    </ActivityFrame>
  );
}

// ---- Form -------------------------------------------------------------------------------------------------------

export function errorLabels(m: LiaisonMessages): Record<string, string> {
  return {
    title: m.statementTitle,
    purpose: m.purposeLabel,
    deadline: m.deadline,
    body: m.text,
    theirReference: m.theirReference,
    fromOrganizationIds: m.fromOrganizations,
    toOrganizationIds: m.toOrganizations,
    fromContactName: m.fromContactName,
    fromContactEmail: m.fromContactEmail,
    recipients: m.recipients,
    receivedOn: m.receivedOn,
    relatedEntryIds: m.relatedEntries,
    inReplyToIds: m.inReplyTo,
    meetingId: m.meeting,
    agendaItemId: m.agendaItem,
    assigneePersonId: m.assignee,
    access: m.accessLabel,
    file: m.attachment,
  };
}

/** The form's starting values for a statement being edited. */
export function statementFormValues(s: LiaisonView): FormValues {
  const ids = (list: { id: number }[]) => list.map((x) => String(x.id));
  return {
    title: s.title,
    purpose: s.purpose,
    deadline: s.deadline ?? '',
    body: s.body,
    theirReference: s.theirReference ?? '',
    fromOrganizationIds: ids(s.fromOrganizations),
    toOrganizationIds: ids(s.toOrganizations),
    fromContactName: s.fromContactName ?? '',
    fromContactEmail: s.fromContactEmail ?? '',
    recipients: s.recipients.map((r) => (r.name ? `${r.name} <${r.email}>` : r.email)).join('\n'),
    receivedOn: s.receivedOn ?? '',
    relatedEntryIds: ids(s.relatedEntries),
    inReplyToIds: ids(s.inReplyTo),
    meetingId: s.meetingId ? String(s.meetingId) : '',
    agendaItemId: s.agendaItemId ? String(s.agendaItemId) : '',
    assigneePersonId: s.assigneePersonId ? String(s.assigneePersonId) : '',
    access: s.access,
  };
}

export function StatementFormPage(
  props: { ctx: ViewContext; activity: Activity; direction: LiaisonDirection; choices: LiaisonFormChoices; statement?: LiaisonView; uploadMaxMb: number } & FormState,
) {
  const { ctx, activity: a, direction, choices, statement } = props;
  const m = liaisonMessages(ctx.locale);
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const v = (name: string) => valueOf(values, name);
  const l = (name: string) => listOf(values, name);
  const incoming = direction === 'in';
  const title = statement ? m.editTitle : incoming ? m.newIncomingTitle : m.newOutgoingTitle;
  const statementsToAnswer = choices.statements.filter((x) => x.id !== statement?.id);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="liaisons" title={title}>
      <h2>{title}</h2>
      <ErrorSummary ctx={ctx} errors={errors} labels={errorLabels(m)} message={props.message} />
      <PostForm ctx={ctx} action={statement ? `${statementHref(a, statement.id)}/edit` : liaisonsBase(a)} enctype={statement ? undefined : 'multipart/form-data'}>
        <input type="hidden" name="direction" value={direction} />
        <TextField ctx={ctx} name="title" label={m.statementTitle} required maxLength={500} value={v('title')} error={errors.title} />
        <SelectField ctx={ctx} name="purpose" label={m.purposeLabel} required value={v('purpose') ?? 'for_action'} error={errors.purpose} options={liaisonPurposes.map((p) => ({ value: p, label: m.purposes[p] }))} />
        <TextField ctx={ctx} name="deadline" type="date" label={incoming ? m.deadline : m.replyDeadline} hint={m.deadlineHint} value={v('deadline')} error={errors.deadline} />
        {incoming ? (
          <>
            <MultiSelectField ctx={ctx} required name="fromOrganizationIds" label={m.fromOrganizations} hint={m.organizationsHint} selected={l('fromOrganizationIds')} error={errors.fromOrganizationIds} options={choices.organizations} />
            <MultiSelectField ctx={ctx} name="toOrganizationIds" label={m.toOrganizations} hint={m.organizationsHint} selected={l('toOrganizationIds')} error={errors.toOrganizationIds} options={choices.organizations} />
            <TextField ctx={ctx} name="theirReference" label={m.theirReference} hint={m.theirReferenceHint} maxLength={200} value={v('theirReference')} error={errors.theirReference} />
            <TextField ctx={ctx} name="fromContactName" label={m.fromContactName} maxLength={200} value={v('fromContactName')} error={errors.fromContactName} />
            <TextField ctx={ctx} name="fromContactEmail" type="email" label={m.fromContactEmail} value={v('fromContactEmail')} error={errors.fromContactEmail} />
            <TextField ctx={ctx} name="receivedOn" type="date" label={m.receivedOn} value={v('receivedOn')} error={errors.receivedOn} />
            {/* Once registered, the assignee changes through the statement page's own form (which tells them). */}
            {statement ? null : (
              <SelectField ctx={ctx} name="assigneePersonId" label={m.assignee} blank={m.unassigned} value={v('assigneePersonId')} error={errors.assigneePersonId} options={choices.people.map((p) => ({ value: String(p.id), label: p.name }))} />
            )}
          </>
        ) : (
          <>
            <MultiSelectField ctx={ctx} required name="toOrganizationIds" label={m.toOrganizations} hint={m.organizationsHint} selected={l('toOrganizationIds')} error={errors.toOrganizationIds} options={choices.organizations} />
            <TextArea ctx={ctx} name="recipients" label={m.recipients} hint={m.recipientsHint} rows={3} value={v('recipients')} error={errors.recipients} />
          </>
        )}
        <MultiSelectField ctx={ctx} name="inReplyToIds" label={m.inReplyTo} hint={m.inReplyToHint} selected={l('inReplyToIds')} error={errors.inReplyToIds} options={statementsToAnswer} />
        <TextArea ctx={ctx} name="body" label={m.text} rows={10} value={v('body')} error={errors.body} />
        <MultiSelectField ctx={ctx} name="relatedEntryIds" label={m.relatedEntries} hint={m.organizationsHint} selected={l('relatedEntryIds')} error={errors.relatedEntryIds} options={choices.entries} />
        <SelectField ctx={ctx} name="meetingId" label={m.meeting} blank="—" value={v('meetingId')} error={errors.meetingId} options={choices.meetings.map((x) => ({ value: String(x.id), label: x.label }))} />
        <SelectField ctx={ctx} name="agendaItemId" label={m.agendaItem} blank="—" value={v('agendaItemId')} error={errors.agendaItemId} options={choices.agendaItems.map((x) => ({ value: String(x.id), label: x.label }))} />
        <SelectField ctx={ctx} name="access" label={m.accessLabel} required value={v('access') ?? 'public'} error={errors.access} options={liaisonAccessLevels.map((x) => ({ value: x, label: m.access[x] }))} />
        {statement ? null : (
          <FileField ctx={ctx} name="file" label={m.attachment} hint={m.attachmentHint(props.uploadMaxMb)} error={errors.file} />
        )}
        <Actions>
          <button type="submit">{statement ? m.save : incoming ? m.registerIncoming : m.saveDraft}</button>
          <a href={statement ? statementHref(a, statement.id) : liaisonsBase(a)}>{m.cancel}</a>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}
