// The gap pages: the list (filters, exports, whether it is published), one gap with its progress and decisions, and the
// forms to record, propose and edit a gap. Every form works without JavaScript.
import type { EventRow } from '../../platform/events.ts';
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, listOf, valueOf } from '../../platform/http/forms.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { wordEvent } from '../../platform/module-manifest.ts';
import { Actions, Checkbox, ErrorSummary, Facts, MultiSelectField, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame, canActivity } from '../activities/index.ts';
import type { OrganizationNode } from '../organizations/index.ts';
import { roadmapStatusName } from '../roadmap/index.ts';
import { allowedGapChanges, editableStatuses } from './gap-states.ts';
import { type GapFilter, type GapProgress, type GapSettings, type GapView } from './gaps.ts';
import { gapWordings } from './history-wordings.ts';
import { type GapMessages, gapMessages } from './messages.ts';
import { canGaps, gapScope } from './policy.ts';
import { gapsBase } from './roadmap-extension.ts';
import { gapPriorities, type GapStatus, gapStatuses } from './schema.ts';

const roadmapBase = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/roadmap`;
const entryHref = (a: Activity, entryId: number) => `/roadmap/entries/${entryId}?activity=${encodeURIComponent(a.acronym)}`;
export const gapHref = (a: Activity, number: number) => `${gapsBase(a)}/${number}`;

function StatusPill(props: { m: GapMessages; status: GapStatus }) {
  return <span class={`pill gap-${props.status}`}>{props.m.statuses[props.status]}</span>;
}

/** The entries that address a gap, each with its status: the gap's progress. */
function ProgressList(props: { ctx: ViewContext; activity: Activity; progress: GapProgress[] }) {
  const m = gapMessages(props.ctx.locale);
  if (!props.progress.length) return <span class="muted">{m.noProgress}</span>;
  return (
    <ul class="gap-progress">
      {props.progress.map((p) => (
        <li>
          <a href={entryHref(props.activity, p.entryId)}>
            {p.organization} {p.identifier}
          </a>{' '}
          <span class={`status status-${p.status}`}>{roadmapStatusName(p.status, props.ctx.locale)}</span>
        </li>
      ))}
    </ul>
  );
}

const labelsOf = (m: GapMessages) => m.fields;

/** A cell's column name, shown on a phone where the table's rows stack as cards and its header row is out of sight. */
function StackLabel(props: { text: string }) {
  return <span class="stack-label">{props.text}: </span>;
}

export function GapListPage(props: { ctx: ViewContext; activity: Activity; settings: GapSettings; gaps: GapView[]; filter: GapFilter } & FormState) {
  const { ctx, activity: a, settings, filter } = props;
  const m = gapMessages(ctx.locale);
  const scope = gapScope(ctx.actor, a);
  const filtered = Boolean(filter.status || filter.priority);
  const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => Boolean(value)) as [string, string][]).toString();
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="gaps" title={m.title}>
      <p>
        <a href={roadmapBase(a)}>← {m.back}</a> · <a href={`${roadmapBase(a)}/matrix`}>{m.matrix}</a>
      </p>
      <h2>{m.title}</h2>
      <p class="lead">{m.intro}</p>
      {scope.kind === 'all' ? <p class="muted">{m.introLeaders}</p> : scope.kind === 'some' && scope.ownBy !== null ? <p class="muted">{m.introOwn}</p> : null}
      {canGaps(ctx.actor, 'create', a, settings) || canGaps(ctx.actor, 'propose', a, settings) ? (
        <p class="actions">
          {canGaps(ctx.actor, 'create', a, settings) ? (
            <a class="button" href={`${gapsBase(a)}/new`}>
              {m.record}
            </a>
          ) : null}
          {canGaps(ctx.actor, 'propose', a, settings) ? (
            <a class={canGaps(ctx.actor, 'create', a, settings) ? 'button button-secondary' : 'button'} href={`${gapsBase(a)}/propose`}>
              {m.propose}
            </a>
          ) : null}
        </p>
      ) : null}
      <form method="get" action={gapsBase(a)} class="gap-filters">
        <SelectField ctx={ctx} name="status" label={m.filterStatus} blank={m.any} value={filter.status} required options={gapStatuses.map((s) => ({ value: s, label: m.statuses[s] }))} />
        <SelectField ctx={ctx} name="priority" label={m.filterPriority} blank={m.any} value={filter.priority} required options={gapPriorities.map((p) => ({ value: p, label: m.priorities[p] }))} />
        <button type="submit">{m.filter}</button>
        {filtered ? <a href={gapsBase(a)}>{m.clearFilters}</a> : null}
      </form>
      <p class="view-links">
        {m.count(props.gaps.length)} · {m.download}
        {ctx.t.colon}
        <a href={`${gapsBase(a)}/export.csv${query ? `?${query}` : ''}`}>CSV</a> ·{' '}
        <a href={`${gapsBase(a)}/export.xlsx${query ? `?${query}` : ''}`}>XLSX</a>
      </p>
      {props.gaps.length ? (
        <div class="table-wrap">
          <table class="stack gap-list">
            <thead>
              <tr>
                <th scope="col">{m.code}</th>
                <th scope="col">{m.gap}</th>
                <th scope="col">{m.fields.priority}</th>
                <th scope="col">{m.fields.researchNeeded}</th>
                <th scope="col">{m.fields.organizationIds}</th>
                <th scope="col">{m.fields.status}</th>
                <th scope="col">{m.progress}</th>
              </tr>
            </thead>
            <tbody>
              {props.gaps.map((gap) => (
                <tr>
                  <td>
                    <a href={gapHref(a, gap.number)}>{gap.code}</a>
                  </td>
                  <td>
                    <a href={gapHref(a, gap.number)}>{gap.title}</a>
                    {gap.topic ? <span class="muted"> — {gap.topic}</span> : null}
                  </td>
                  <td>
                    <StackLabel text={m.fields.priority} />
                    {m.priorities[gap.priority]}
                  </td>
                  <td>
                    <StackLabel text={m.fields.researchNeeded} />
                    {gap.researchNeeded ? m.yes : m.no}
                  </td>
                  <td>
                    <StackLabel text={m.fields.organizationIds} />
                    {gap.organizations.map((o) => o.acronym).join(', ') || '—'}
                  </td>
                  <td>
                    <StackLabel text={m.fields.status} />
                    <StatusPill m={m} status={gap.status} />
                  </td>
                  <td>
                    <StackLabel text={m.progress} />
                    <ProgressList ctx={ctx} activity={a} progress={gap.progress} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{filtered ? m.noMatch : m.empty}</p>
      )}
      {scope.kind === 'all' ? (
        <p class="muted">
          {settings.publishGaps ? m.publishedNow : m.unpublishedNow}{' '}
          {canActivity(ctx.actor, 'update', a) ? <a href={`/activities/${encodeURIComponent(a.acronym)}/edit`}>{m.changePublishing}</a> : null}
        </p>
      ) : null}
    </ActivityFrame>
  );
}

export type GapFormMode = 'create' | 'propose' | 'edit';
/** Starting values of the form: a gap's own, or what the matrix cell filled in. */
export type GapFormStart = Partial<{ title: string; description: string; topic: string; priority: string; researchNeeded: boolean; recommendation: string; status: GapStatus; organizationIds: number[] }>;

/** Record (leadership), propose (contributors) or edit (leadership) a gap. */
export function GapFormPage(
  props: { ctx: ViewContext; activity: Activity; mode: GapFormMode; gap?: GapView; start?: GapFormStart; fromMatrix?: { topic?: string; body?: string }; organizations: OrganizationNode[] } & FormState,
) {
  const { ctx, activity: a, mode, gap } = props;
  const m = gapMessages(ctx.locale);
  const errors = props.errors ?? {};
  const posted = props.values;
  const start = props.start ?? {};
  const v = (name: keyof GapFormStart) => (posted ? valueOf(posted, name) : (start[name] as string | undefined));
  const title = mode === 'edit' && gap ? m.editTitle(gap.code) : mode === 'create' ? m.newTitle : m.proposeTitle;
  const action = mode === 'edit' && gap ? `${gapHref(a, gap.number)}/edit` : mode === 'create' ? gapsBase(a) : `${gapsBase(a)}/propose`;
  const statuses = mode === 'edit' && gap ? editableStatuses(gap.status) : mode === 'create' ? editableStatuses('open') : [];
  const selectedBodies = posted ? listOf(posted, 'organizationIds') : (start.organizationIds ?? []).map(String);
  const research = posted ? valueOf(posted, 'researchNeeded') === 'on' : (start.researchNeeded ?? false);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="gaps" title={title}>
      <p>
        <a href={gap ? gapHref(a, gap.number) : gapsBase(a)}>← {gap ? gap.code : m.title}</a>
      </p>
      <h2>{title}</h2>
      <p class="lead">{mode === 'create' ? m.newIntro : mode === 'propose' ? m.proposeIntro(a.acronym) : gap?.title}</p>
      {props.fromMatrix && (props.fromMatrix.topic || props.fromMatrix.body) ? <p class="notice">{m.fromMatrix(props.fromMatrix.topic, props.fromMatrix.body)}</p> : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(m)} message={props.message} />
      <PostForm ctx={ctx} action={action}>
        <TextField ctx={ctx} name="title" label={m.fields.title} hint={m.hints.title} required maxLength={300} value={v('title')} error={errors.title} />
        <TextArea ctx={ctx} name="description" label={m.fields.description} hint={m.hints.description} required rows={6} maxLength={10_000} value={v('description')} error={errors.description} />
        <TextField ctx={ctx} name="topic" label={m.fields.topic} hint={m.hints.topic} maxLength={200} value={v('topic')} error={errors.topic} />
        <SelectField
          ctx={ctx}
          name="priority"
          label={m.fields.priority}
          hint={m.hints.priority}
          required
          value={v('priority') ?? 'medium'}
          error={errors.priority}
          options={gapPriorities.map((p) => ({ value: p, label: m.priorities[p] }))}
        />
        <Checkbox name="researchNeeded" label={m.fields.researchNeeded} hint={m.hints.researchNeeded} checked={research} />
        <TextArea ctx={ctx} name="recommendation" label={m.fields.recommendation} hint={m.hints.recommendation} rows={4} maxLength={5000} value={v('recommendation')} error={errors.recommendation} />
        <MultiSelectField
          ctx={ctx}
          name="organizationIds"
          label={m.fields.organizationIds}
          hint={m.hints.organizationIds}
          selected={selectedBodies}
          size={8}
          error={errors.organizationIds ?? Object.entries(errors).find(([k]) => k.startsWith('organizationIds.'))?.[1]}
          options={props.organizations.map((o) => ({ id: o.id, label: `${'\u00a0\u00a0'.repeat(o.depth)}${o.acronym}` }))}
        />
        {statuses.length > 1 ? (
          <SelectField
            ctx={ctx}
            name="status"
            label={m.fields.status}
            required
            value={v('status') ?? gap?.status ?? 'open'}
            error={errors.status}
            options={statuses.map((s) => ({ value: s, label: m.statuses[s] }))}
          />
        ) : null}
        <Actions>
          <button type="submit">{mode === 'create' ? m.create : mode === 'propose' ? m.submitProposal : m.save}</button>
          <a href={gap ? gapHref(a, gap.number) : gapsBase(a)}>{ctx.t.common.cancel}</a>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

export type GapPageForm = 'accept' | 'decline' | 'link';

/** One gap: its facts, its progress (with the link form for the leadership), the decision on a proposal, its history. */
export function GapPage(
  props: {
    ctx: ViewContext;
    activity: Activity;
    settings: GapSettings;
    gap: GapView;
    events: EventRow[];
    /** the roadmap's entries, for the link form; undefined when the reader may not link */
    entries?: { id: number; organization: string; identifier: string; title: string }[];
    failed?: GapPageForm;
  } & FormState,
) {
  const { ctx, activity: a, gap, settings } = props;
  const m = gapMessages(ctx.locale);
  const allowed = allowedGapChanges(ctx.actor, a, settings, gap);
  const errors = props.errors ?? {};
  const errorsOf = (form: GapPageForm) => (props.failed === form ? errors : {});
  const posted = (form: GapPageForm) => (props.failed === form ? props.values : undefined);
  const here = gapHref(a, gap.number);
  const leaders = gapScope(ctx.actor, a).kind === 'all';
  const decided = gap.decidedAt ? formatDateTime(gap.decidedAt, ctx.locale, ctx.timeZone) : null;
  const linked = new Set(gap.progress.map((p) => p.entryId));
  const wordings = gapWordings(ctx.locale);
  // A gap is either proposed (then decided on) or recorded by the leadership at once; its first event says which.
  const wasProposed = props.events[0]?.kind === 'gap.proposed';
  const own = ctx.actor.kind === 'user' && gap.proposerUserId === ctx.actor.userId;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="gaps" title={`${gap.code} ${gap.title}`}>
      <p>
        <a href={gapsBase(a)}>← {m.title}</a>
      </p>
      <h2>
        {gap.code}
        {ctx.t.colon}
        {gap.title} <StatusPill m={m} status={gap.status} />
      </h2>
      <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(m)} message={props.message} />
      <p class="prose">{gap.description}</p>
      <Facts
        items={[
          [m.fields.topic, gap.topic],
          [m.fields.priority, m.priorities[gap.priority]],
          [m.fields.researchNeeded, gap.researchNeeded ? m.yes : m.no],
          [m.fields.recommendation, gap.recommendation ? <span class="prose">{gap.recommendation}</span> : null],
          [m.fields.organizationIds, gap.organizations.length ? gap.organizations.map((o) => o.acronym).join(', ') : m.none],
          [wasProposed ? m.proposedBy : m.recordedBy, leaders || own ? gap.proposerName : null],
          [wasProposed ? m.proposedOn : m.createdOn, formatDateTime(gap.createdAt, ctx.locale, ctx.timeZone)],
          [m.decidedBy, wasProposed && gap.status !== 'proposed' ? gap.decidedByName : null],
          [m.decidedOn, wasProposed && gap.status !== 'proposed' ? decided : null],
          [gap.status === 'declined' ? m.fields.reason : m.fields.comment, gap.decisionReason ? <span class="prose">{gap.decisionReason}</span> : null],
        ]}
      />
      {allowed.includes('edit') ? (
        <p class="actions">
          <a class="button button-secondary" href={`${here}/edit`}>
            {m.edit}
          </a>
        </p>
      ) : null}

      {allowed.includes('accept') ? (
        <section aria-labelledby="gap-decision">
          <h3 id="gap-decision">{m.decide}</h3>
          <PostForm ctx={ctx} action={`${here}/accept`}>
            <TextArea ctx={ctx} name="comment" label={m.fields.comment} hint={m.hints.comment} rows={3} maxLength={5000} value={valueOf(posted('accept'), 'comment')} error={errorsOf('accept').comment} />
            <Actions>
              <button type="submit">{m.accept}</button>
            </Actions>
          </PostForm>
          {allowed.includes('decline') ? (
            <PostForm ctx={ctx} action={`${here}/decline`}>
              <TextArea ctx={ctx} name="reason" label={m.fields.reason} hint={m.hints.reason} required rows={3} maxLength={5000} value={valueOf(posted('decline'), 'reason')} error={errorsOf('decline').reason} />
              <Actions>
                <button type="submit" class="button-danger">
                  {m.decline}
                </button>
              </Actions>
            </PostForm>
          ) : null}
        </section>
      ) : null}

      <h3 id="progress">{m.progress}</h3>
      {gap.progress.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{m.fields.entryId}</th>
                <th scope="col">{m.fields.status}</th>
                <th scope="col">{m.fields.note}</th>
                {allowed.includes('unlink') ? <th scope="col"><span class="visually-hidden">{m.unlink}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {gap.progress.map((p) => (
                <tr>
                  <td>
                    <a href={entryHref(a, p.entryId)}>
                      {p.organization} {p.identifier}
                    </a>{' '}
                    — {p.title}
                  </td>
                  <td>
                    <span class={`status status-${p.status}`}>{roadmapStatusName(p.status, ctx.locale)}</span>
                  </td>
                  <td>{p.note}</td>
                  {allowed.includes('unlink') ? (
                    <td>
                      <PostForm ctx={ctx} action={`${here}/entries/remove`} class="inline-form">
                        <input type="hidden" name="entryId" value={String(p.entryId)} />
                        <button type="submit" class="link-button" aria-label={m.unlinkLabel(`${p.organization} ${p.identifier}`)}>
                          {m.unlink}
                        </button>
                      </PostForm>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{m.noProgress}</p>
      )}
      {allowed.includes('link') && props.entries ? (
        <section aria-labelledby="gap-link">
          <h4 id="gap-link">{m.linkTitle}</h4>
          <PostForm ctx={ctx} action={`${here}/entries`}>
            {props.entries.length <= 2000 ? (
              <SelectField
                ctx={ctx}
                name="entryId"
                label={m.fields.entryId}
                required
                blank={m.entryChoice}
                value={valueOf(posted('link'), 'entryId')}
                error={errorsOf('link').entryId}
                options={props.entries
                  .filter((e) => !linked.has(e.id))
                  .map((e) => ({ value: String(e.id), label: `${e.organization} ${e.identifier} — ${e.title.length > 80 ? `${e.title.slice(0, 79)}…` : e.title}` }))}
              />
            ) : (
              <TextField ctx={ctx} name="entryId" type="number" label={m.fields.entryId} hint={m.entryNumberHint} required value={valueOf(posted('link'), 'entryId')} error={errorsOf('link').entryId} />
            )}
            <TextField ctx={ctx} name="note" label={m.fields.note} hint={m.hints.entryNote} maxLength={1000} value={valueOf(posted('link'), 'note')} error={errorsOf('link').note} />
            <Actions>
              <button type="submit">{m.link}</button>
            </Actions>
          </PostForm>
        </section>
      ) : null}

      <h3>{m.historyTitle}</h3>
      <ol class="change-list">
        {props.events.map((event) => (
          <li>
            {formatDateTime(event.at, ctx.locale, ctx.timeZone)} — {wordEvent(event, wordings, undefined, ctx.locale)}
          </li>
        ))}
      </ol>
    </ActivityFrame>
  );
}
