import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, type FormValues, valueOf } from '../../platform/http/forms.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, ExternalLink, Facts, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { OrganizationNode } from '../organizations/index.ts';
import type { EntryView } from './entries.ts';
import { type RoadmapMessages, roadmapMessages } from './messages.ts';
import { canRoadmap } from './policy.ts';
import { type ProposalMessages, proposalMessages } from './proposal-messages.ts';
import { allowedDecisions, type ComparisonRow, type EntryField, type ProposalDetail, type ProposalSummary } from './proposals.ts';
import { entryKinds, entryStatuses, type ProposalStatus, proposalStatuses } from './schema.ts';
import { type ExistingEntry, organizationOptions } from './views.tsx';

const roadmapBase = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/roadmap`;
export const proposalsBase = (a: Activity) => `${roadmapBase(a)}/proposals`;
const entryHref = (a: Activity, entryId: number) => `/roadmap/entries/${entryId}?activity=${encodeURIComponent(a.acronym)}`;

function fieldLabels(m: RoadmapMessages): Record<EntryField, string> {
  return {
    organizationId: m.organization, groupId: m.group, identifier: m.identifier, title: m.entryTitle, kind: m.kind, status: m.status,
    startedOn: m.startedOn, targetOn: m.targetOn, approvedOn: m.approvedOn, year: m.year, version: m.version, editors: m.editors,
    scope: m.scope, topics: m.topics, url: m.url, source: m.source, equivalents: m.equivalents,
  };
}

function StatusPill(props: { p: ProposalMessages; status: ProposalStatus }) {
  return <span class={`pill proposal-${props.status}`}>{props.p.statuses[props.status]}</span>;
}

/** A stored field value as people read it: organizations by name, kinds and statuses in words, dates in the locale. */
function FieldValue(props: { ctx: ViewContext; field: EntryField; value: unknown; organizations: OrganizationNode[] }): ComponentChildren {
  const { field, value } = props;
  const m = roadmapMessages(props.ctx.locale);
  const none = <span class="muted">{proposalMessages(props.ctx.locale).noValue}</span>;
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return none;
  switch (field) {
    case 'organizationId':
    case 'groupId':
      return props.organizations.find((o) => o.id === value)?.path ?? `#${String(value)}`;
    case 'kind':
      return m.kinds[value as keyof typeof m.kinds] ?? String(value);
    case 'status':
      return m.statuses[value as keyof typeof m.statuses] ?? String(value);
    case 'startedOn':
    case 'targetOn':
    case 'approvedOn':
      return formatDate(String(value), props.ctx.locale);
    case 'topics':
      return Array.isArray(value) ? value.join('; ') : String(value);
    case 'equivalents':
      return Array.isArray(value) ? value.join(' | ') : String(value);
    case 'url':
      return <ExternalLink href={String(value)} />;
    case 'scope':
      return <span class="prose">{String(value)}</span>;
    default:
      return String(value);
  }
}

/** The entry's fields, as on the roadmap's own entry form; `value` gives each field's starting value. */
function EntryFields(props: {
  ctx: ViewContext;
  organizations: OrganizationNode[];
  value: (name: EntryField) => string | number | null | undefined;
  errors: Record<string, string>;
}) {
  const { ctx, value: v, errors } = props;
  const m = roadmapMessages(ctx.locale);
  const orgOptions = organizationOptions(props.organizations);
  return (
    <>
      <SelectField ctx={ctx} name="organizationId" label={m.organization} required blank="—" value={v('organizationId')} error={errors.organizationId} options={orgOptions} filterLabel={m.filterList} />
      <SelectField ctx={ctx} name="groupId" label={m.group} hint={m.groupHint} blank={m.none} value={v('groupId')} error={errors.groupId} options={orgOptions} filterLabel={m.filterList} />
      <TextField ctx={ctx} name="identifier" label={m.identifier} hint={m.identifierHint} required maxLength={100} value={v('identifier')} error={errors.identifier} />
      <TextField ctx={ctx} name="title" label={m.entryTitle} required maxLength={1000} value={v('title')} error={errors.title} />
      <TextField ctx={ctx} name="equivalents" label={m.equivalents} hint={m.equivalentsHint} value={v('equivalents')} error={errors.equivalents ?? Object.entries(errors).find(([k]) => k.startsWith('equivalents.'))?.[1]} />
      <SelectField ctx={ctx} name="kind" label={m.kind} required value={v('kind') ?? 'recommendation'} error={errors.kind} options={entryKinds.map((k) => ({ value: k, label: m.kinds[k] }))} />
      <SelectField ctx={ctx} name="status" label={m.status} required value={v('status') ?? 'in_development'} error={errors.status} options={entryStatuses.map((s) => ({ value: s, label: m.statuses[s] }))} />
      <TextField ctx={ctx} name="startedOn" type="date" label={m.startedOn} value={v('startedOn')} error={errors.startedOn} />
      <TextField ctx={ctx} name="targetOn" type="date" label={m.targetOn} value={v('targetOn')} error={errors.targetOn} />
      <TextField ctx={ctx} name="approvedOn" type="date" label={m.approvedOn} value={v('approvedOn')} error={errors.approvedOn} />
      <TextField ctx={ctx} name="year" type="number" label={m.year} value={v('year')} error={errors.year} />
      <TextField ctx={ctx} name="version" label={m.version} maxLength={100} value={v('version')} error={errors.version} />
      <TextField ctx={ctx} name="editors" label={m.editors} maxLength={1000} value={v('editors')} error={errors.editors} />
      <TextArea ctx={ctx} name="scope" label={m.scope} rows={5} value={v('scope')} error={errors.scope} />
      <TextField ctx={ctx} name="topics" label={m.topics} hint={m.topicsHint} value={v('topics')} error={errors.topics ?? Object.entries(errors).find(([k]) => k.startsWith('topics.'))?.[1]} />
      <TextField ctx={ctx} name="url" type="url" label={m.url} value={v('url')} error={errors.url} />
      <TextField ctx={ctx} name="source" label={m.source} maxLength={1000} value={v('source')} error={errors.source} />
    </>
  );
}

/** A form field's starting value: what was posted (when the form comes back with errors), else the given values. */
function startingValue(posted: FormValues | undefined, values: Partial<Record<EntryField, unknown>>) {
  return (name: EntryField): string | number | null | undefined => {
    if (posted) return valueOf(posted, name);
    const value = values[name];
    if (Array.isArray(value)) return value.join('; ');
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  };
}

const errorLabels = (ctx: ViewContext) => {
  const p = proposalMessages(ctx.locale);
  return { ...fieldLabels(roadmapMessages(ctx.locale)), note: p.note, comment: p.acceptComment, reason: p.rejectReason };
};

function DuplicateLink(props: { ctx: ViewContext; href?: string }) {
  return props.href ? (
    <p>
      <a href={props.href}>{roadmapMessages(props.ctx.locale).duplicateLink}</a>
    </p>
  ) : null;
}

export function ProposalListPage(props: { ctx: ViewContext; activity: Activity; proposals: ProposalSummary[]; status?: ProposalStatus }) {
  const { ctx, activity: a } = props;
  const p = proposalMessages(ctx.locale);
  const seesAll = canRoadmap(ctx.actor, 'edit', a);
  const filters: [string, string | undefined][] = [[p.filterAll, undefined], ...proposalStatuses.map((s): [string, string] => [p.statuses[s], s])];
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={p.title}>
      <p>
        <a href={roadmapBase(a)}>← {roadmapMessages(ctx.locale).title}</a>
      </p>
      <h2>{p.title}</h2>
      <p class="lead">{seesAll ? p.listIntroDecider : p.listIntroMember}</p>
      {canRoadmap(ctx.actor, 'propose', a) ? (
        <p class="actions">
          <a class="button" href={`${proposalsBase(a)}/new`}>
            {p.proposeEntry}
          </a>
        </p>
      ) : null}
      <nav class="view-links" aria-label={p.statusLabel}>
        {filters.map(([label, status], i) => (
          <>
            {i ? ' · ' : ''}
            {status === props.status ? <strong>{label}</strong> : <a href={status ? `${proposalsBase(a)}?status=${status}` : proposalsBase(a)}>{label}</a>}
          </>
        ))}
      </nav>
      {props.proposals.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{p.kindLabel}</th>
                <th scope="col">{p.entry}</th>
                <th scope="col">{p.proposer}</th>
                <th scope="col">{p.proposedOn}</th>
                <th scope="col">{p.statusLabel}</th>
              </tr>
            </thead>
            <tbody>
              {props.proposals.map((proposal) => (
                <tr>
                  <td>
                    <a href={`${proposalsBase(a)}/${proposal.id}`}>{p.number(proposal.id)}</a>
                  </td>
                  <td>{p.kinds[proposal.kind]}</td>
                  <td>
                    <strong>{proposal.identifier}</strong> — {proposal.title}
                  </td>
                  <td>{proposal.proposerName}</td>
                  <td>{formatDateTime(proposal.createdAt, ctx.locale, ctx.timeZone)}</td>
                  <td>
                    <StatusPill p={p} status={proposal.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{p.empty}</p>
      )}
    </ActivityFrame>
  );
}

/**
 * Beside "already in the register" on the propose form: one button proposes including the existing entry in this
 * roadmap, with the topics and the reason typed.
 */
function ProposeInclude(props: { ctx: ViewContext; activity: Activity; existing: ExistingEntry; values: FormValues | undefined }) {
  const p = proposalMessages(props.ctx.locale);
  if (props.existing.inThisRoadmap) return <p>{roadmapMessages(props.ctx.locale).alreadyInThisRoadmap}</p>;
  return (
    <PostForm ctx={props.ctx} action={`${proposalsBase(props.activity)}/include`} class="form include-existing">
      <input type="hidden" name="entryId" value={String(props.existing.id)} />
      <input type="hidden" name="topics" value={valueOf(props.values, 'topics') ?? ''} />
      <input type="hidden" name="note" value={valueOf(props.values, 'note') ?? ''} />
      <p class="hint">{p.proposeIncludeHint}</p>
      <button type="submit">{p.proposeInclude(props.existing.identifier)}</button>
    </PostForm>
  );
}

/** "Propose an entry" (no entry) or "Propose a change" to `entry`: the entry form, with the proposer's reason. */
export function ProposalFormPage(
  props: { ctx: ViewContext; activity: Activity; entry?: EntryView; organizations: OrganizationNode[] } & FormState & { existingHref?: string; existing?: ExistingEntry },
) {
  const { ctx, activity: a, entry } = props;
  const p = proposalMessages(ctx.locale);
  const errors = props.errors ?? {};
  const title = entry ? `${p.proposeChange}${ctx.t.colon}${entry.identifier}` : p.proposeEntry;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={title}>
      <h2>{title}</h2>
      <p class="lead">{entry ? p.proposeChangeIntro(entry.identifier) : p.proposeEntryIntro(a.acronym)}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={errorLabels(ctx)} message={props.message} />
      <DuplicateLink ctx={ctx} href={props.existingHref} />
      {props.existing && !entry ? <ProposeInclude ctx={ctx} activity={a} existing={props.existing} values={props.values} /> : null}
      <PostForm ctx={ctx} action={entry ? `${roadmapBase(a)}/${entry.id}/propose` : proposalsBase(a)}>
        <EntryFields ctx={ctx} organizations={props.organizations} value={startingValue(props.values, entry ?? {})} errors={errors} />
        <TextArea ctx={ctx} name="note" label={p.note} hint={p.noteHint} rows={4} maxLength={5000} value={valueOf(props.values, 'note')} error={errors.note} />
        <Actions>
          <button type="submit">{p.submit}</button>
          <a href={entry ? entryHref(a, entry.id) : roadmapBase(a)}>{ctx.t.common.cancel}</a>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

function ComparisonTable(props: { ctx: ViewContext; detail: ProposalDetail; organizations: OrganizationNode[] }) {
  const { ctx, detail } = props;
  const p = proposalMessages(ctx.locale);
  const labels = fieldLabels(roadmapMessages(ctx.locale));
  const { proposal } = detail;
  // While pending, a change is read against the entry as it is now; once decided, against what was applied.
  const showCurrent = proposal.kind === 'change' && proposal.status === 'pending';
  const showApplied = proposal.status === 'accepted';
  const value = (row: ComparisonRow, v: unknown) => <FieldValue ctx={ctx} field={row.field} value={v} organizations={props.organizations} />;
  const proposedCell = (row: ComparisonRow) => {
    if (!row.proposed) return <span class="muted">{p.notProposed}</span>;
    return showCurrent ? <ins>{value(row, row.proposed.value)}</ins> : value(row, row.proposed.value);
  };
  return (
    <div class="table-wrap">
      <table class="stack comparison">
        <thead>
          <tr>
            <th scope="col">{p.field}</th>
            {showCurrent ? <th scope="col">{p.current}</th> : null}
            <th scope="col">{p.proposed}</th>
            {showApplied ? <th scope="col">{p.applied}</th> : null}
          </tr>
        </thead>
        <tbody>
          {detail.comparison.map((row) => (
            <tr>
              <th scope="row">{labels[row.field]}</th>
              {showCurrent ? <td>{value(row, row.current)}</td> : null}
              <td>{proposedCell(row)}</td>
              {showApplied ? <td>{row.applied ? value(row, row.applied.value) : <span class="muted">{p.notApplied}</span>}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type DecisionForm = 'accept' | 'edit' | 'reject' | 'withdraw';

/** One proposal: who, why, the field-by-field comparison, its history; the decision forms for those who decide. */
export function ProposalPage(
  props: { ctx: ViewContext; activity: Activity; detail: ProposalDetail; organizations: OrganizationNode[] } & FormState & {
      failed?: DecisionForm;
      existingHref?: string;
    },
) {
  const { ctx, activity: a, detail } = props;
  const { proposal } = detail;
  const p = proposalMessages(ctx.locale);
  const errors = props.errors ?? {};
  const allowed = allowedDecisions(ctx.actor, a, proposal);
  const action = `${proposalsBase(a)}/${proposal.id}`;
  const seesAll = canRoadmap(ctx.actor, 'edit', a);
  const decided = proposal.status !== 'pending';
  const edited = proposal.status === 'accepted' && detail.events.some((e) => e.kind === 'roadmap.proposal_accepted' && (e.after as { edited?: boolean } | null)?.edited);
  const title = p.number(proposal.id);
  const posted = (form: DecisionForm) => (props.failed === form ? props.values : undefined);
  const errorsOf = (form: DecisionForm) => (props.failed === form ? errors : {});
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={title}>
      <p>
        <a href={proposalsBase(a)}>← {p.title}</a>
      </p>
      <h2>
        {title}
        {ctx.t.colon}
        {proposal.identifier} <span class="muted">— {proposal.title}</span> <StatusPill p={p} status={proposal.status} />
      </h2>
      <ErrorSummary ctx={ctx} errors={errors} labels={errorLabels(ctx)} message={props.message} />
      <DuplicateLink ctx={ctx} href={props.existingHref} />
      <Facts
        items={[
          [p.kindLabel, p.kinds[proposal.kind]],
          [p.entry, proposal.resultingEntryId ?? proposal.entryId ? <a href={entryHref(a, (proposal.resultingEntryId ?? proposal.entryId) as number)}>{p.openEntry}</a> : null],
          [p.proposer, seesAll ? `${proposal.proposerName} <${proposal.proposerEmail}>` : proposal.proposerName],
          [p.proposedOn, formatDateTime(proposal.createdAt, ctx.locale, ctx.timeZone)],
          [p.note, proposal.note ? <span class="prose">{proposal.note}</span> : null],
          [p.decidedBy, decided ? proposal.decidedByName : null],
          [p.decidedOn, decided && proposal.decidedAt ? formatDateTime(proposal.decidedAt, ctx.locale, ctx.timeZone) : null],
          [proposal.status === 'rejected' ? p.reason : p.comment, proposal.decisionReason ? <span class="prose">{proposal.decisionReason}</span> : null],
        ]}
      />
      <h3>{p.comparison}</h3>
      <ComparisonTable ctx={ctx} detail={detail} organizations={props.organizations} />
      {proposal.status === 'accepted' ? <p class="muted">{edited ? p.appliedEdited : p.appliedAsProposed}</p> : null}

      {allowed.includes('accept') ? (
        <section aria-labelledby="decision">
          <h3 id="decision">{p.decide}</h3>
          <PostForm ctx={ctx} action={`${action}/accept`}>
            {/* Its own id: the edit form below has a comment field too. */}
            <div class="field">
              <label for="accept-comment">
                {p.acceptComment} <span class="optional">({ctx.t.common.optional})</span>
              </label>
              <p class="hint">{p.acceptCommentHint}</p>
              <textarea id="accept-comment" name="comment" rows={3} maxLength={5000}>
                {valueOf(posted('accept'), 'comment') ?? ''}
              </textarea>
            </div>
            <Actions>
              <button type="submit">{p.accept}</button>
            </Actions>
          </PostForm>
          <details class="edit-then-accept" open={props.failed === 'edit'}>
            <summary>{p.editThenAccept}</summary>
            <p class="hint">{p.editThenAcceptHint}</p>
            <PostForm ctx={ctx} action={`${action}/accept`}>
              <input type="hidden" name="edit" value="1" />
              {proposal.kind === 'include' ? (
                // Only the topics of an inclusion can change: the entry is shared with the roadmaps that have it.
                <TextField
                  ctx={ctx}
                  name="topics"
                  label={roadmapMessages(ctx.locale).topics}
                  hint={roadmapMessages(ctx.locale).topicsHint}
                  value={startingValue(posted('edit'), detail.formValues)('topics')}
                  error={errorsOf('edit').topics}
                />
              ) : (
                <EntryFields ctx={ctx} organizations={props.organizations} value={startingValue(posted('edit'), detail.formValues)} errors={errorsOf('edit')} />
              )}
              <TextArea ctx={ctx} name="comment" label={p.acceptComment} hint={p.acceptCommentHint} rows={3} maxLength={5000} value={valueOf(posted('edit'), 'comment')} error={errorsOf('edit').comment} />
              <Actions>
                <button type="submit">{p.acceptEdited}</button>
              </Actions>
            </PostForm>
          </details>
          <PostForm ctx={ctx} action={`${action}/reject`}>
            <TextArea ctx={ctx} name="reason" label={p.rejectReason} hint={p.rejectReasonHint} required rows={3} maxLength={5000} value={valueOf(posted('reject'), 'reason')} error={errorsOf('reject').reason} />
            <Actions>
              <button type="submit" class="button-danger">
                {p.reject}
              </button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
      {allowed.includes('withdraw') ? (
        <PostForm ctx={ctx} action={`${action}/withdraw`} class="inline-form">
          <button type="submit" class="button-secondary">
            {p.withdraw}
          </button>
        </PostForm>
      ) : null}

      <h3>{p.history}</h3>
      <ol class="change-list">
        {detail.events.map((event) => (
          <li>
            {formatDateTime(event.at, ctx.locale, ctx.timeZone)} — {p.events[event.kind] ?? event.summary} ({event.actorName})
          </li>
        ))}
      </ol>
    </ActivityFrame>
  );
}
