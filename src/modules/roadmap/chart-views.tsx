// The pages around the roadmap's pictures: timeline, landscape matrix and the relation graph of one entry.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import type { FormState } from '../../platform/http/forms.ts';
import { valueOf } from '../../platform/http/forms.ts';
import { Actions, ErrorSummary, PostForm, SelectField, TextField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { MatrixCellLinks } from './extensions.ts';
import { chartMessages, relationSentence } from './chart-messages.ts';
import { type LandscapeMatrix, LandscapeMatrixTable, RelationGraph, type TimelineEntry, TimelineFigure, TimelineLegend } from './charts.tsx';
import type { EntryView, RoadmapEntry } from './entries.ts';
import { roadmapMessages } from './messages.ts';
import { queryString, type RoadmapQuery } from './query.ts';
import type { RelationGraphData } from './relations.ts';
import { relationKinds } from './schema.ts';

export type RoadmapView = 'table' | 'timeline' | 'matrix';

const base = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/roadmap`;
/** The filters of a view, without its page and size: the other views start from their first page. */
const filtersOf = (query: RoadmapQuery) => queryString({ ...query, page: 1, pageSize: 50 });
export const entryHref = (entryId: number, activity: Activity) => `/roadmap/entries/${entryId}?activity=${encodeURIComponent(activity.acronym)}`;
export const graphHref = (entryId: number, activity: Activity | undefined, depth = 1) => {
  const params = new URLSearchParams();
  if (activity) params.set('activity', activity.acronym);
  if (depth !== 1) params.set('depth', String(depth));
  const s = params.toString();
  return `/roadmap/entries/${entryId}/graph${s ? `?${s}` : ''}`;
};

/** Table · Timeline · Matrix, keeping the filters, with the current one marked. */
export function RoadmapViewsNav(props: { ctx: ViewContext; activity: Activity; query: RoadmapQuery; current: RoadmapView }) {
  const m = chartMessages(props.ctx.locale);
  const filters = filtersOf(props.query);
  const views: [RoadmapView, string, string][] = [
    ['table', `${base(props.activity)}${filters}`, m.table],
    ['timeline', `${base(props.activity)}/timeline${filters}`, m.timeline],
    ['matrix', `${base(props.activity)}/matrix${filters}`, m.matrix],
  ];
  return (
    <nav class="view-switch" aria-label={m.views}>
      <ul>
        {views.map(([view, href, label]) => (
          <li>
            <a href={href} aria-current={view === props.current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The filters in force, each with a link that drops it, so a shared link explains what it shows. */
function FilterSummary(props: { ctx: ViewContext; activity: Activity; query: RoadmapQuery; view: RoadmapView }) {
  const { query } = props;
  const m = chartMessages(props.ctx.locale);
  const r = roadmapMessages(props.ctx.locale);
  const here = `${base(props.activity)}/${props.view}`;
  const chips: { label: string; without: Partial<RoadmapQuery> }[] = [
    ...(query.q ? [{ label: m.searchWords(query.q), without: { q: '' } }] : []),
    ...query.organization.map((o) => ({ label: m.labelled(r.organization, o), without: { organization: query.organization.filter((x) => x !== o) } })),
    ...query.status.map((s) => ({ label: m.labelled(r.status, r.statuses[s]), without: { status: query.status.filter((x) => x !== s) } })),
    ...query.kind.map((k) => ({ label: m.labelled(r.kind, r.kinds[k]), without: { kind: query.kind.filter((x) => x !== k) } })),
    ...query.topic.map((t) => ({ label: m.labelled(r.topics, t), without: { topic: query.topic.filter((x) => x !== t) } })),
    ...(query.yearFrom ? [{ label: `${r.year} ${m.yearFrom} ${query.yearFrom}`, without: { yearFrom: undefined } }] : []),
    ...(query.yearTo ? [{ label: `${r.year} ${m.yearTo} ${query.yearTo}`, without: { yearTo: undefined } }] : []),
  ];
  return (
    <div class="filter-summary">
      {chips.length ? (
        <>
          <span>{m.filteredBy}</span>
          <ul>
            {chips.map((chip) => (
              <li>
                {chip.label}{' '}
                <a href={`${here}${filtersOf({ ...query, ...chip.without })}`} aria-label={m.removeFilter(chip.label)}>
                  ✕
                </a>
              </li>
            ))}
          </ul>
          <a href={here}>{m.clearFilters}</a>
        </>
      ) : null}
      <a href={`${base(props.activity)}${filtersOf(query)}`}>{m.refineInTable}</a>
    </div>
  );
}

/** A wide picture scrolls inside this frame on a narrow screen; the frame takes keyboard focus so it can be scrolled. */
function ChartFrame(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="chart-frame" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}

export function TimelinePage(props: { ctx: ViewContext; activity: Activity; query: RoadmapQuery; entries: TimelineEntry[]; total: number; roadmapIsEmpty: boolean; today: string }) {
  const { ctx, activity: a, query } = props;
  const m = chartMessages(ctx.locale);
  const title = m.timelineTitle(a.acronym);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={m.timeline}>
      <RoadmapViewsNav ctx={ctx} activity={a} query={query} current="timeline" />
      <h2>{m.timeline}</h2>
      <p class="lead">{m.timelineIntro}</p>
      <FilterSummary ctx={ctx} activity={a} query={query} view="timeline" />
      {props.entries.length ? (
        <>
          {props.total > props.entries.length ? (
            <p class="notice" role="status">
              {m.firstOf(props.entries.length, props.total)}
            </p>
          ) : null}
          <p class="chart-scroll-hint">{m.scrollHint}</p>
          <ChartFrame label={title}>
            <TimelineFigure entries={props.entries} locale={ctx.locale} today={props.today} title={title} hrefOf={(id) => entryHref(id, a)} />
          </ChartFrame>
          <TimelineLegend locale={ctx.locale} />
        </>
      ) : (
        <p>{props.roadmapIsEmpty ? m.noEntries : m.noMatch}</p>
      )}
    </ActivityFrame>
  );
}

export function MatrixPage(props: { ctx: ViewContext; activity: Activity; query: RoadmapQuery; matrix: LandscapeMatrix; roadmapIsEmpty: boolean; cellLinks?: MatrixCellLinks }) {
  const { ctx, activity: a, query, matrix } = props;
  const m = chartMessages(ctx.locale);
  const cellHref = (topic: string, organization: string) => `${base(a)}${filtersOf({ ...query, topic: [topic], organization: [organization] })}`;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={m.matrix}>
      <RoadmapViewsNav ctx={ctx} activity={a} query={query} current="matrix" />
      <h2>{m.matrix}</h2>
      <p class="lead">{m.matrixIntro}</p>
      <FilterSummary ctx={ctx} activity={a} query={query} view="matrix" />
      {props.roadmapIsEmpty ? (
        <p>{m.noEntries}</p>
      ) : matrix.topics.length && matrix.organizations.length ? (
        <>
          <p class="matrix-key">
            <span class="matrix-gap-swatch" aria-hidden="true">
              ○
            </span>{' '}
            {m.matrixLegendGap} · {m.totalHint}
          </p>
          {props.cellLinks?.key ? (
            <p class="matrix-key">
              {props.cellLinks.key.text} {props.cellLinks.key.link ? <a href={props.cellLinks.key.link.href}>{props.cellLinks.key.link.label}</a> : null}
            </p>
          ) : null}
          <p class="chart-scroll-hint">{m.scrollHint}</p>
          <ChartFrame label={m.matrixTitle(a.acronym)}>
            <LandscapeMatrixTable matrix={matrix} locale={ctx.locale} cellHref={cellHref} emptyCellLink={props.cellLinks} />
          </ChartFrame>
          {matrix.withoutTopic ? <p class="muted">{m.withoutTopic(matrix.withoutTopic)}</p> : null}
        </>
      ) : (
        <p>{matrix.withoutTopic ? `${m.noTopics} ${m.withoutTopic(matrix.withoutTopic)}` : m.noMatch}</p>
      )}
    </ActivityFrame>
  );
}

export function RelationGraphPage(
  props: {
    ctx: ViewContext;
    entry: RoadmapEntry;
    current: Activity;
    graph: RelationGraphData;
    depth: number;
    /** from-entry id → whether the reader may remove that entry's relations */
    editableFrom: Set<number>;
    /** entries the new relation may point to; undefined when the reader may not add relations */
    candidates?: EntryView[];
  } & FormState,
) {
  const { ctx, entry: e, current: a, graph } = props;
  const m = chartMessages(ctx.locale);
  const r = roadmapMessages(ctx.locale);
  const title = m.graphTitle(e.identifier);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const errors = props.errors ?? {};
  const v = (name: string, fallback?: string) => valueOf(props.values, name) ?? fallback;
  // The entry's own relations first (those it makes, then those made to it), then those between related entries.
  const rank = (edge: { fromEntryId: number; toEntryId: number }) => (edge.fromEntryId === e.id ? 0 : edge.toEntryId === e.id ? 1 : 2);
  const sentences = [...graph.edges].sort((x, y) => rank(x) - rank(y)).map((edge) => {
    const from = byId.get(edge.fromEntryId) ?? { id: edge.fromEntryId, identifier: '?' };
    const to = byId.get(edge.toEntryId) ?? { id: edge.toEntryId, identifier: '?' };
    return { edge, from, to, text: relationSentence(from, edge.kind, to, ctx.locale) };
  });
  const entryLink = (node: { id: number; identifier: string }) =>
    node.id === e.id ? <strong>{node.identifier}</strong> : <a href={entryHref(node.id, a)}>{node.identifier}</a>;
  return (
    <Layout
      ctx={ctx}
      title={title}
      crumbs={[
        { href: base(a), label: `${a.acronym} · ${r.title}` },
        { href: entryHref(e.id, a), label: e.identifier },
      ]}
    >
      <h1>
        {title} <span class="muted">— {e.title}</span>
      </h1>
      <p class="lead">{m.graphIntro}</p>
      <nav class="view-switch" aria-label={m.graph}>
        <ul>
          <li>
            <a href={graphHref(e.id, a, 1)} aria-current={props.depth === 1 ? 'page' : undefined}>
              {m.depth1}
            </a>
          </li>
          <li>
            <a href={graphHref(e.id, a, 2)} aria-current={props.depth === 2 ? 'page' : undefined}>
              {m.depth2}
            </a>
          </li>
          <li>
            <a href={entryHref(e.id, a)}>{m.entryPage}</a>
          </li>
        </ul>
      </nav>
      {graph.edges.length ? (
        <>
          {graph.truncated ? <p class="notice">{m.cutGraph(graph.nodes.length)}</p> : null}
          <ChartFrame label={title}>
            <RelationGraph centreId={e.id} nodes={graph.nodes} edges={graph.edges} depth={props.depth} locale={ctx.locale} title={title} hrefOf={(id) => graphHref(id, a, props.depth)} />
          </ChartFrame>
          <h2>{m.relationList}</h2>
          <ul class="relation-list">
            {sentences.map(({ edge, from, to, text }) => (
              <li>
                {entryLink(from)} {r.relationKinds[edge.kind]} {entryLink(to)}
                {edge.note ? <span class="muted"> — {edge.note}</span> : null}
                {props.editableFrom.has(edge.fromEntryId) ? (
                  <PostForm ctx={ctx} action={`/roadmap/entries/${edge.fromEntryId}/relations/remove`} class="inline-form">
                    <input type="hidden" name="toEntryId" value={String(edge.toEntryId)} />
                    <input type="hidden" name="kind" value={edge.kind} />
                    <input type="hidden" name="activity" value={a.acronym} />
                    <input type="hidden" name="return" value={String(e.id)} />
                    <button type="submit" class="link-button" aria-label={m.removeRelation(text)}>
                      {m.remove}
                    </button>
                  </PostForm>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{m.noRelations}</p>
      )}
      {props.candidates ? (
        <section class="relation-form" aria-labelledby="add-relation">
          <h2 id="add-relation">{m.addRelation}</h2>
          <p class="hint">{m.addRelationHint}</p>
          <ErrorSummary ctx={ctx} errors={errors} labels={{ kind: m.relationKind, toEntryId: m.relatedEntry, note: m.note }} message={props.message} />
          <PostForm ctx={ctx} action={`/roadmap/entries/${e.id}/relations`}>
            <input type="hidden" name="activity" value={a.acronym} />
            <p>{m.labelled(m.thisEntry, e.identifier)}</p>
            <SelectField ctx={ctx} name="kind" label={m.relationKind} required value={v('kind', 'related_to')} error={errors.kind} options={relationKinds.map((k) => ({ value: k, label: r.relationKinds[k] }))} />
            {props.candidates.length <= 2000 ? (
              <SelectField
                ctx={ctx}
                name="toEntryId"
                label={m.relatedEntry}
                hint={m.relatedEntryHint}
                required
                blank="—"
                value={v('toEntryId')}
                error={errors.toEntryId}
                options={props.candidates.filter((c) => c.id !== e.id).map((c) => ({ value: String(c.id), label: `${c.organization} ${c.identifier} — ${c.title.length > 80 ? `${c.title.slice(0, 79)}…` : c.title}` }))}
              />
            ) : (
              <TextField ctx={ctx} name="toEntryId" type="number" label={m.relatedEntry} required value={v('toEntryId')} error={errors.toEntryId} />
            )}
            <TextField ctx={ctx} name="note" label={m.note} maxLength={1000} value={v('note')} error={errors.note} />
            <Actions>
              <button type="submit">{m.add}</button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}
