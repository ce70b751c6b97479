// The overlap review pages: the queue (best first, filtered), one pair side by side with the decision buttons, the
// groups of three or more entries, and an activity's confirmed overlaps. Every page works without JavaScript; the
// keyboard shortcuts come from a small script (assets/overlap-review.js) that only presses the page's own buttons.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import { formatDate, formatDateTime, formatNumber } from '../../platform/i18n/locale.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { ErrorSummary, PostForm } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import { roadmapStatusName } from '../roadmap/index.ts';
import { stem } from './engine/features.ts';
import { overlapMessages } from './messages.ts';
import type { OverlapRun } from './overlaps.ts';
import type { ListedPair, PairDetail, PairEntry, PairGroup, PairSide, QueueState } from './queries.ts';
import { type OverlapDecision, overlapDecisions, type StoredReason } from './schema.ts';

export const overlapsBase = '/overlaps';
/**
 * The activity page counts the pairs waiting for review up to this many (queries.ts countPairs), then says "100+":
 * each pair counted is tested against the roadmap and the reviews, and counting to 1,000 was the page's longest
 * statement by far (2.8 ms of work on PostgreSQL at 20,000 entries, against under 0.7 ms for each other one); the queue
 * behind the link says the rest.
 */
export const openCountCap = 100;
/** The queue's filter as it travels from the queue to a pair and on to the next one. */
export type QueueView = { state: QueueState; activity?: string };

export function queueQuery(view: QueueView, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (view.state !== 'open') params.set('state', view.state);
  if (view.activity) params.set('activity', view.activity);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
export const pairHref = (id: number, view: QueueView, extra?: Record<string, string>) => `${overlapsBase}/${id}${queueQuery(view, extra)}`;

/** Decision keys, in the order of the buttons; the script and the buttons' aria-keyshortcuts read the same table. */
export const decisionKeys: Record<OverlapDecision, string> = {
  same_text: 's',
  duplicated_work: 'd',
  overlapping: 'o',
  complementary: 'c',
  not_related: 'n',
  unsure: 'u',
};

const entryHref = (side: { id: number }) => `/roadmap/entries/${side.id}`;

function stateLabel(ctx: ViewContext, state: ListedPair['state']): string {
  const m = overlapMessages(ctx.locale);
  return state === 'open' ? m.pages.states.open : m.pages.buttons[state];
}

function Strength(props: { ctx: ViewContext; pair: Pick<ListedPair, 'score' | 'certain' | 'likely'> }) {
  const m = overlapMessages(props.ctx.locale).pages;
  const word = props.pair.certain ? m.certain : props.pair.likely ? m.likely : m.possible;
  return (
    <span>
      {formatNumber(props.pair.score, props.ctx.locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 })}
      <span class="pill">{word}</span>
    </span>
  );
}

function SideCell(props: { side: PairSide }) {
  return (
    <>
      <strong>{props.side.organization}</strong> {props.side.identifier}
      <br />
      <span class="muted">{props.side.title}</span>
    </>
  );
}

/** Queue · Groups, with the current one marked. */
function OverlapTabs(props: { ctx: ViewContext; current: 'queue' | 'groups' }) {
  const m = overlapMessages(props.ctx.locale).pages;
  return (
    <nav aria-label={m.title}>
      <ul class="tabs">
        <li>
          <a href={overlapsBase} aria-current={props.current === 'queue' ? 'page' : undefined}>
            {m.queue}
          </a>
        </li>
        <li>
          <a href={`${overlapsBase}/groups`} aria-current={props.current === 'groups' ? 'page' : undefined}>
            {m.groups}
          </a>
        </li>
      </ul>
    </nav>
  );
}

function RunPanel(props: { ctx: ViewContext; run: OverlapRun | undefined; canRun: boolean }) {
  const { ctx, run } = props;
  const m = overlapMessages(ctx.locale).pages;
  const when = (d: Date | null) => (d ? formatDateTime(d, ctx.locale, ctx.timeZone) : '');
  const n = (v: number | null) => formatNumber(v ?? 0, ctx.locale);
  let status: ComponentChildren;
  if (!run) status = m.neverRun;
  else if (run.status === 'queued') status = m.queued(when(run.startedAt));
  else if (run.status === 'running') {
    // The run writes what it has reached: the register read (entries), then the pairs found.
    status = (
      <>
        {m.running(when(run.startedAt))}
        {run.entryCount !== null ? (
          <>
            {' '}
            <progress max={3} value={run.pairCount !== null ? 2 : 1} aria-label={m.progress(n(run.entryCount), n(run.entryCount))} />
          </>
        ) : null}
      </>
    );
  } else if (run.status === 'done') status = m.finished(when(run.finishedAt), n(run.entryCount), n(run.pairCount));
  else status = m.failed(when(run.finishedAt));
  return (
    <section class="panel" aria-labelledby="overlap-run">
      <h2 id="overlap-run" style="margin-top:0">
        {m.lastRun}
      </h2>
      <p role="status">{status}</p>
      {props.canRun && run?.status !== 'running' && run?.status !== 'queued' ? (
        <PostForm ctx={ctx} action={`${overlapsBase}/runs`} class="inline-form">
          <button type="submit">{m.runNow}</button>
        </PostForm>
      ) : null}
    </section>
  );
}

/**
 * The links to the queue's neighbouring pages carry the pair they start after (or end before), so the next page is
 * read from the queue's index at that pair rather than by counting every pair above it; the page number stays for
 * the reader and for an address typed by hand.
 */
const nextPage = (page: number, lastId: number | undefined): Record<string, string> => ({ page: String(page + 1), ...(lastId ? { after: String(lastId) } : {}) });
const previousPage = (page: number, firstId: number | undefined): Record<string, string> =>
  page <= 2 ? {} : { page: String(page - 1), ...(firstId ? { before: String(firstId) } : {}) };

export function QueuePage(props: {
  ctx: ViewContext;
  pairs: ListedPair[];
  view: QueueView;
  activities: { acronym: string }[];
  run: OverlapRun | undefined;
  canRun: boolean;
  page: number;
  hasMore: boolean;
}) {
  const { ctx, view } = props;
  const m = overlapMessages(ctx.locale).pages;
  const states: QueueState[] = ['open', 'decided', 'all', ...overlapDecisions];
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p class="lead">{m.intro}</p>
      <OverlapTabs ctx={ctx} current="queue" />
      <RunPanel ctx={ctx} run={props.run} canRun={props.canRun} />
      <form method="get" action={overlapsBase} class="liaison-filters">
        <div class="field">
          <label for="field-state">{m.filter}</label>
          <select id="field-state" name="state">
            {states.map((s) => (
              <option value={s} selected={s === view.state}>
                {s === 'open' || s === 'decided' || s === 'all' ? m.states[s] : m.buttons[s]}
              </option>
            ))}
          </select>
        </div>
        {props.activities.length > 1 ? (
          <div class="field">
            <label for="field-activity">{m.activity}</label>
            <select id="field-activity" name="activity">
              <option value="">{m.allMyActivities}</option>
              {props.activities.map((a) => (
                <option value={a.acronym} selected={a.acronym === view.activity}>
                  {a.acronym}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" class="button-secondary">
          {m.filter}
        </button>
      </form>
      {props.pairs.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.score}</th>
                <th scope="col">{m.first}</th>
                <th scope="col">{m.second}</th>
                <th scope="col">{m.state}</th>
              </tr>
            </thead>
            <tbody>
              {props.pairs.map((p) => (
                <tr>
                  <td>
                    <a href={pairHref(p.id, view)} aria-label={`${m.review}${ctx.t.colon}${m.pairTitle(p.a.identifier, p.b.identifier)}`}>
                      {m.review}
                    </a>{' '}
                    <Strength ctx={ctx} pair={p} />
                  </td>
                  <td>
                    <SideCell side={p.a} />
                  </td>
                  <td>
                    <SideCell side={p.b} />
                  </td>
                  <td>{stateLabel(ctx, p.state)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{m.empty}</p>
      )}
      {props.hasMore || props.page > 1 ? (
        <nav class="pagination" aria-label={m.more}>
          {props.page > 1 ? <a href={`${overlapsBase}${queueQuery(view, previousPage(props.page, props.pairs[0]?.id))}`}>{m.previous}</a> : null}
          {props.hasMore ? <a href={`${overlapsBase}${queueQuery(view, nextPage(props.page, props.pairs.at(-1)?.id))}`}>{m.more}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

/** The words the two entries share, as the engine weighed them: matched on the engine's own stems. */
function sharedStems(reasons: StoredReason[]): Set<string> {
  const out = new Set<string>();
  for (const reason of reasons) {
    if (reason.kind !== 'shared_terms' || !Array.isArray(reason.terms)) continue;
    for (const t of reason.terms as { term?: unknown }[]) {
      for (const word of String(t.term ?? '').replace(/^=/, '').split(/\s+/)) if (word) out.add(word);
    }
  }
  return out;
}

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** `text` with the shared words marked (<mark>), the rest as plain text: nothing of the text is read as markup. */
export function Highlighted(props: { text: string; stems: Set<string> }) {
  if (!props.stems.size) return <>{props.text}</>;
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const match of props.text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!props.stems.has(stem(fold(match[0])))) continue;
    parts.push(props.text.slice(last, match.index), <mark>{match[0]}</mark>);
    last = match.index + match[0].length;
  }
  parts.push(props.text.slice(last));
  return <>{parts}</>;
}

function EntryColumn(props: { ctx: ViewContext; entry: PairEntry; stems: Set<string>; heading: string }) {
  const { ctx, entry } = props;
  const m = overlapMessages(ctx.locale).pages;
  const dates = [
    entry.startedOn ? m.started(formatDate(entry.startedOn, ctx.locale)) : null,
    entry.targetOn ? m.target(formatDate(entry.targetOn, ctx.locale)) : null,
    entry.approvedOn ? m.approved(formatDate(entry.approvedOn, ctx.locale)) : null,
    !entry.approvedOn && entry.year ? m.year(String(entry.year)) : null,
  ].filter(Boolean);
  return (
    <section class="card overlap-side" aria-label={props.heading}>
      <h2>
        <span class="visually-hidden">{props.heading}: </span>
        {entry.organization} {entry.identifier}
      </h2>
      <p class="overlap-title">
        <Highlighted text={entry.title} stems={props.stems} />
      </p>
      <dl class="facts">
        <dt>{m.organization}</dt>
        <dd>{entry.organizationName}</dd>
        <dt>{m.status}</dt>
        <dd>{roadmapStatusName(entry.status, ctx.locale)}</dd>
        {dates.length ? (
          <>
            <dt>{m.dates}</dt>
            <dd>{dates.join(', ')}</dd>
          </>
        ) : null}
        {entry.version ? (
          <>
            <dt>{m.version}</dt>
            <dd>{entry.version}</dd>
          </>
        ) : null}
        <dt>{m.heldBy}</dt>
        <dd>{entry.activities.length ? entry.activities.map((a) => a.acronym).join(', ') : m.heldByNone}</dd>
      </dl>
      <h3>{m.scope}</h3>
      {entry.scope ? (
        <p class="overlap-scope">
          <Highlighted text={entry.scope} stems={props.stems} />
        </p>
      ) : (
        <p class="muted">{m.noScope}</p>
      )}
      <p>
        <a href={entryHref(entry)}>{m.openEntry}</a>
      </p>
    </section>
  );
}

export function PairPage(props: {
  ctx: ViewContext;
  pair: PairDetail;
  view: QueueView;
  neighbours: { previous?: number; next?: number };
  /** Words for the reasons, in the reader's language. */
  reasons: string[];
  /** The pair decided just before this page opened, with its undo button. */
  decided?: { id: number; label: string };
  /** A refused decision form. */
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, pair, view } = props;
  const m = overlapMessages(ctx.locale).pages;
  const stems = sharedStems(pair.reasons);
  const title = m.pairTitle(`${pair.a.organization} ${pair.a.identifier}`, `${pair.b.organization} ${pair.b.identifier}`);
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: `${overlapsBase}${queueQuery(view)}`, label: m.title }]}>
      {props.decided ? (
        <div class="notice overlap-decided" role="status">
          <span>{props.decided.label}</span>{' '}
          <PostForm ctx={ctx} action={`${overlapsBase}/${props.decided.id}/undo${queueQuery(view)}`} class="inline-form">
            <button type="submit" class="button-small" data-key="z" aria-keyshortcuts="z">
              {m.undo}
            </button>
          </PostForm>
        </div>
      ) : null}
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={{ decision: m.decision, note: m.note }} message={props.message} />
      <p>
        <Strength ctx={ctx} pair={pair} />
      </p>
      <h2>{m.why}</h2>
      <ul>
        {props.reasons.map((r) => (
          <li>{r}</li>
        ))}
      </ul>
      <div class="overlap-pair">
        <EntryColumn ctx={ctx} entry={pair.a} stems={stems} heading={m.first} />
        <EntryColumn ctx={ctx} entry={pair.b} stems={stems} heading={m.second} />
      </div>
      <PostForm ctx={ctx} action={`${overlapsBase}/${pair.id}/decision${queueQuery(view)}`} class="overlap-decision">
        <fieldset>
          <legend>{m.decision}</legend>
          {pair.review ? (
            <p>
              {pair.state === 'open' ? m.reopened : m.currentDecision(m.buttons[pair.review.decision], pair.review.decidedBy, formatDateTime(pair.review.decidedAt, ctx.locale, ctx.timeZone))}
              {pair.review.note ? (
                <>
                  <br />
                  <q>{pair.review.note}</q>
                </>
              ) : null}
            </p>
          ) : null}
          <div class="field">
            <label for="field-note">
              {m.note}
            </label>
            <textarea id="field-note" name="note" rows={2} maxLength={2000} aria-describedby="hint-note" />
            <p class="hint" id="hint-note">
              {m.noteHint}
            </p>
          </div>
          <div class="overlap-buttons">
            {overlapDecisions.map((d) => (
              <button
                type="submit"
                name="decision"
                value={d}
                class={pair.review?.decision === d && pair.state !== 'open' ? '' : 'button-secondary'}
                data-key={decisionKeys[d]}
                aria-keyshortcuts={decisionKeys[d]}
                aria-describedby={`hint-${d}`}
              >
                {m.buttons[d]}
                <span class="hint" id={`hint-${d}`}>
                  {m.hints[d]}
                </span>
              </button>
            ))}
          </div>
        </fieldset>
      </PostForm>
      <nav class="pagination" aria-label={m.queue}>
        {props.neighbours.previous ? (
          <a href={pairHref(props.neighbours.previous, view)} rel="prev" data-key="k" aria-keyshortcuts="k">
            {m.previous}
          </a>
        ) : null}
        <a href={`${overlapsBase}${queueQuery(view)}`}>{m.backToQueue}</a>
        {props.neighbours.next ? (
          <a href={pairHref(props.neighbours.next, view)} rel="next" data-key="j" aria-keyshortcuts="j">
            {m.next}
          </a>
        ) : null}
      </nav>
      <p class="hint overlap-keys" hidden>
        {m.keyboard}
        {ctx.t.colon}
        {m.keys}
      </p>
      <script src="/assets/overlap-review.js" defer />
    </Layout>
  );
}

export function GroupsPage(props: { ctx: ViewContext; groups: PairGroup[] }) {
  const { ctx } = props;
  const m = overlapMessages(ctx.locale).pages;
  const view: QueueView = { state: 'all' };
  return (
    <Layout ctx={ctx} title={`${m.groups} · ${m.title}`}>
      <h1>{m.title}</h1>
      <OverlapTabs ctx={ctx} current="groups" />
      <p class="lead">{m.groupsIntro}</p>
      {props.groups.length ? (
        <ol class="cards overlap-groups">
          {props.groups.map((g) => (
            <li class="card">
              <h2>{m.groupSize(g.entries.length, g.bodies)}</h2>
              <ul>
                {g.entries.map((e) => (
                  <li>
                    <strong>{e.organization}</strong> <a href={entryHref(e)}>{e.identifier}</a> <span class="muted">{e.title}</span>
                  </li>
                ))}
              </ul>
              <details>
                <summary>
                  {m.review} ({formatNumber(g.pairs.length, ctx.locale)})
                </summary>
                <ul>
                  {g.pairs.map((p) => (
                    <li>
                      <a href={pairHref(p.id, view)}>{m.pairTitle(p.a.identifier, p.b.identifier)}</a> · {stateLabel(ctx, p.state)}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      ) : (
        <p>{m.noGroups}</p>
      )}
    </Layout>
  );
}

/** An activity's confirmed overlaps, for its participants (and the public, if the activity publishes them). */
export function ActivityOverlapsPage(props: { ctx: ViewContext; activity: Activity; pairs: ListedPair[]; reasons: string[][]; openToReview?: number }) {
  const { ctx, activity } = props;
  const m = overlapMessages(ctx.locale).pages;
  return (
    <ActivityFrame ctx={ctx} activity={activity} tab="overlaps" title={m.confirmedTitle}>
      <h2>{m.confirmedTitle}</h2>
      <p>{m.confirmedIntro}</p>
      {props.openToReview !== undefined ? (
        <p>
          <a href={`${overlapsBase}?activity=${encodeURIComponent(activity.acronym)}`}>{m.reviewCandidates}</a> ({m.toReview(`${formatNumber(props.openToReview, ctx.locale)}${props.openToReview >= openCountCap ? '+' : ''}`)})
        </p>
      ) : null}
      {props.pairs.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.first}</th>
                <th scope="col">{m.second}</th>
                <th scope="col">{m.state}</th>
                <th scope="col">{m.why}</th>
              </tr>
            </thead>
            <tbody>
              {props.pairs.map((p, i) => (
                <tr>
                  <td>
                    <SideCell side={p.a} />
                  </td>
                  <td>
                    <SideCell side={p.b} />
                  </td>
                  <td>{stateLabel(ctx, p.state)}</td>
                  <td>{props.reasons[i]?.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{m.confirmedEmpty}</p>
      )}
    </ActivityFrame>
  );
}
