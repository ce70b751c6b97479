import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, ExternalLink, Facts, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { OrganizationNode } from '../organizations/index.ts';
import type { EntryView, RoadmapEntry } from './entries.ts';
import { roadmapMessages } from './messages.ts';
import { proposalMessages } from './proposal-messages.ts';
import { canRoadmap } from './policy.ts';
import { queryString, type RoadmapQuery, roadmapSorts } from './query.ts';
import { entryKinds, entryStatuses } from './schema.ts';
import type { RoadmapSearchResult } from './search.ts';
import type { RoadmapChange, RoadmapChanges } from './changes.ts';

const base = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/roadmap`;

function FacetGroup(props: { legend: string; name: string; counts: Record<string, number>; selected: string[]; label?: (value: string) => string }) {
  const entries = Object.entries(props.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // A selected value with no match still shows, so it can be unticked.
  for (const value of props.selected) if (!(value in props.counts)) entries.push([value, 0]);
  if (!entries.length) return null;
  return (
    <fieldset class="facet">
      <legend>{props.legend}</legend>
      <ul>
        {entries.slice(0, 40).map(([value, count], i) => (
          <li>
            <input type="checkbox" id={`facet-${props.name}-${i}`} name={props.name} value={value} checked={props.selected.includes(value)} />
            <label for={`facet-${props.name}-${i}`}>
              {props.label ? props.label(value) : value} <span class="muted">({count})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function RoadmapPage(props: { ctx: ViewContext; activity: Activity; query: RoadmapQuery; result: RoadmapSearchResult }) {
  const { ctx, activity: a, query, result } = props;
  const m = roadmapMessages(ctx.locale);
  const pages = Math.max(1, Math.ceil(result.total / query.pageSize));
  const filtered = query.q || query.organization.length || query.status.length || query.kind.length || query.topic.length || query.yearFrom || query.yearTo;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={m.title}>
      <p class="lead">{m.intro(a.acronym)}</p>
      {canRoadmap(ctx.actor, 'edit', a) ? (
        <p class="actions">
          <a class="button" href={`${base(a)}/new`}>
            {m.new}
          </a>
          <a class="button button-secondary" href={`${base(a)}/import`}>
            {m.import}
          </a>
          <a href={`${base(a)}/proposals`}>{m.proposals}</a>
        </p>
      ) : canRoadmap(ctx.actor, 'propose', a) ? (
        <p class="actions">
          <a class="button" href={`${base(a)}/proposals/new`}>
            {m.proposeEntry}
          </a>
          <a href={`${base(a)}/proposals`}>{m.myProposals}</a>
        </p>
      ) : null}
      <nav class="view-links" aria-label={m.views}>
        <strong>{m.table}</strong> · <a href={`${base(a)}/timeline${queryString({ ...query, page: 1 })}`}>{m.timeline}</a> ·{' '}
        <a href={`${base(a)}/matrix${queryString({ ...query, page: 1 })}`}>{m.matrix}</a> ·{' '}
        <a href={`${base(a)}/changes`}>{m.changesTitle}</a>
        <span class="export-links">
          {m.export}: <a href={`${base(a)}/export.csv${queryString({ ...query, page: 1 })}`}>CSV</a> ·{' '}
          <a href={`${base(a)}/export.xlsx${queryString({ ...query, page: 1 })}`}>XLSX</a> ·{' '}
          <a href={`${base(a)}/export.json${queryString({ ...query, page: 1 })}`}>JSON</a> · {m.document}:{' '}
          <a href={`${base(a)}/document.docx${queryString({ ...query, page: 1 })}`}>DOCX</a> ·{' '}
          <a href={`${base(a)}/document.pdf${queryString({ ...query, page: 1 })}`}>PDF</a>
        </span>
      </nav>
      <form method="get" action={base(a)} class="roadmap-search" role="search">
        <div class="search-row">
          <div class="field">
            <label for="roadmap-q">{m.search}</label>
            <p class="hint" id="roadmap-q-hint">
              {m.searchHint}
            </p>
            <input id="roadmap-q" type="search" name="q" value={query.q} aria-describedby="roadmap-q-hint" />
          </div>
          <SelectField ctx={ctx} name="sort" label={m.sort} required value={query.sort ?? 'relevance'} options={roadmapSorts.map((s) => ({ value: s, label: m.sorts[s] }))} />
          <div class="field">
            <button type="submit">{ctx.t.common.search}</button>
          </div>
        </div>
        <div class="roadmap-layout">
          <aside class="facets" aria-label={m.filters}>
            <h2 class="visually-hidden">{m.filters}</h2>
            <FacetGroup legend={m.organization} name="organization" counts={result.facets.organization} selected={query.organization} />
            <FacetGroup legend={m.status} name="status" counts={result.facets.status} selected={query.status} label={(v) => m.statuses[v as keyof typeof m.statuses] ?? v} />
            <FacetGroup legend={m.kind} name="kind" counts={result.facets.kind} selected={query.kind} label={(v) => m.kinds[v as keyof typeof m.kinds] ?? v} />
            <FacetGroup legend={m.topics} name="topic" counts={result.facets.topics} selected={query.topic} />
            <fieldset class="facet">
              <legend>{m.year}</legend>
              <div class="year-range">
                <label for="year-from">{m.yearFrom}</label>
                <input id="year-from" type="number" name="yearFrom" min={1900} max={2100} value={query.yearFrom ?? ''} />
                <label for="year-to">{m.yearTo}</label>
                <input id="year-to" type="number" name="yearTo" min={1900} max={2100} value={query.yearTo ?? ''} />
              </div>
            </fieldset>
            <button type="submit">{m.apply}</button> {filtered ? <a href={base(a)}>{m.clear}</a> : null}
          </aside>
          <section class="results" aria-live="polite">
            {result.suggestion ? (
              <p class="suggestion">
                {m.didYouMean}{' '}
                <a href={`${base(a)}${queryString({ ...query, q: result.suggestion.q, page: 1 })}`}>
                  <strong>{result.suggestion.q}</strong>
                </a>
                {ctx.locale === 'fr' ? '\u202f?' : '?'}
                {result.suggestion.applied ? ` ${m.showingSuggestion(query.q)}` : null}
              </p>
            ) : null}
            <p>
              <strong>{m.results(result.total)}</strong>
            </p>
            {result.entries.length ? (
              <div class="table-wrap">
                <table class="stack">
                  <thead>
                    <tr>
                      <th scope="col">{m.identifier}</th>
                      <th scope="col">{m.entryTitle}</th>
                      <th scope="col">{m.organization}</th>
                      <th scope="col">{m.status}</th>
                      <th scope="col">{m.year}</th>
                      <th scope="col">{m.topics}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.entries.map((e) => (
                      <tr>
                        <td>
                          <a href={`/roadmap/entries/${e.id}?activity=${encodeURIComponent(a.acronym)}`}>{e.identifier}</a>
                        </td>
                        <td data-label={m.entryTitle}>{e.title}</td>
                        <td data-label={m.organization}>{e.group ? `${e.organization} · ${e.group}` : e.organization}</td>
                        <td data-label={m.status}>
                          <span class={`status status-${e.status}`}>{m.statuses[e.status]}</span>
                        </td>
                        <td data-label={m.year}>{e.year ?? ''}</td>
                        <td data-label={m.topics}>{e.topics.join('; ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{filtered ? m.noMatch : m.empty}</p>
            )}
            {pages > 1 ? (
              <nav class="pagination" aria-label={m.page(query.page, pages)}>
                {query.page > 1 ? <a href={`${base(a)}${queryString({ ...query, page: query.page - 1 })}`}>{m.previous}</a> : null}
                <span>{m.page(query.page, pages)}</span>
                {query.page < pages ? <a href={`${base(a)}${queryString({ ...query, page: query.page + 1 })}`}>{m.next}</a> : null}
              </nav>
            ) : null}
          </section>
        </div>
      </form>
    </ActivityFrame>
  );
}

export function EntryPage(props: {
  ctx: ViewContext;
  entry: RoadmapEntry;
  organization: OrganizationNode | undefined;
  group: OrganizationNode | undefined;
  roadmaps: { activity: Activity; topics: string[] }[];
  current?: Activity;
  /** roadmaps the reader edits that do not include the entry yet */
  addable: Activity[];
  /** roadmaps the reader may propose it for (but not edit) that do not include it yet */
  proposable: Activity[];
}) {
  const { ctx, entry: e } = props;
  const m = roadmapMessages(ctx.locale);
  const p = proposalMessages(ctx.locale);
  const date = (d: string | null) => (d ? formatDate(d, ctx.locale) : null);
  const crumbs = props.current ? [{ href: base(props.current), label: `${props.current.acronym} · ${m.title}` }] : [];
  return (
    <Layout ctx={ctx} title={`${e.identifier} — ${e.title}`} crumbs={crumbs}>
      <h1>
        {e.identifier} <span class="muted">— {e.title}</span>
      </h1>
      <Facts
        items={[
          [m.organization, props.organization ? <a href={`/organizations/${props.organization.id}`}>{props.organization.path}</a> : null],
          [m.group, props.group ? <a href={`/organizations/${props.group.id}`}>{props.group.path}</a> : null],
          [m.equivalents, e.equivalents.length ? e.equivalents.join(' | ') : null],
          [m.kind, m.kinds[e.kind]],
          [m.status, <span class={`status status-${e.status}`}>{m.statuses[e.status]}</span>],
          [m.startedOn, date(e.startedOn)],
          [m.targetOn, date(e.targetOn)],
          [m.approvedOn, date(e.approvedOn)],
          [m.year, e.approvedOn ? null : e.year],
          [m.version, e.version],
          [m.editors, e.editors],
          [m.scope, e.scope ? <span class="prose">{e.scope}</span> : null],
          [m.url, <ExternalLink href={e.url} />],
          [m.source, e.source],
        ]}
      />
      <h2>{m.inRoadmaps}</h2>
      <ul>
        {props.roadmaps.map((r) => (
          <li>
            <a href={base(r.activity)}>{r.activity.acronym}</a>
            {r.topics.length ? ` — ${m.topics}${ctx.t.colon}${r.topics.join('; ')}` : ''}
          </li>
        ))}
      </ul>
      <Actions>
        {props.current && canRoadmap(ctx.actor, 'edit', props.current) ? (
          <>
            <a class="button" href={`${base(props.current)}/${e.id}/edit`}>
              {m.edit}
            </a>
            <PostForm ctx={ctx} action={`${base(props.current)}/${e.id}/remove`} class="inline-form">
              <button type="submit" class="button-secondary">
                {m.remove}
              </button>
            </PostForm>
          </>
        ) : null}
        {props.current && !canRoadmap(ctx.actor, 'edit', props.current) && canRoadmap(ctx.actor, 'propose', props.current) ? (
          <a class="button" href={`${base(props.current)}/${e.id}/propose`}>
            {m.proposeChange}
          </a>
        ) : null}
        {props.current ? <a href={`/roadmap/entries/${e.id}/graph?activity=${encodeURIComponent(props.current.acronym)}`}>{m.relations}</a> : null}
        <a href={`/history/roadmap_entry/${e.id}`}>{ctx.t.common.history}</a>
      </Actions>
      {props.addable.length ? (
        <section aria-labelledby="add-to-roadmap">
          <h2 id="add-to-roadmap">{m.addToRoadmap}</h2>
          <PostForm ctx={ctx} action={`/roadmap/entries/${e.id}/include`}>
            <SelectField ctx={ctx} name="activity" label={m.addToRoadmapLabel} required value={props.addable[0]!.acronym} options={props.addable.map((a) => ({ value: a.acronym, label: a.acronym }))} />
            <Actions>
              <button type="submit">{m.addToRoadmapButton}</button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
      {props.proposable.length ? (
        <section aria-labelledby="propose-for-roadmap">
          <h2 id="propose-for-roadmap">{p.proposeForRoadmap}</h2>
          <PostForm ctx={ctx} action={`/roadmap/entries/${e.id}/propose-include`}>
            <SelectField ctx={ctx} name="activity" label={p.proposeForRoadmapLabel} required value={props.proposable[0]!.acronym} options={props.proposable.map((a) => ({ value: a.acronym, label: a.acronym }))} />
            <TextArea ctx={ctx} name="note" label={p.note} hint={p.noteHint} rows={3} maxLength={5000} />
            <Actions>
              <button type="submit">{p.proposeForRoadmapButton}</button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

/** Every organization and group, nested under its top body (an <optgroup> per body), in the tree's order. */
export function organizationOptions(tree: readonly OrganizationNode[]): { value: string; label: string; group: string }[] {
  let body = '';
  return tree.map((o) => {
    if (o.depth === 0) body = o.acronym;
    return { value: String(o.id), label: o.depth === 0 ? o.acronym : o.path, group: body };
  });
}

/** An entry of the register that a form tried to add again, and whether this roadmap already includes it. */
export type ExistingEntry = { id: number; identifier: string; inThisRoadmap: boolean };

/** Beside "already in the register": one button puts the existing entry in this roadmap, with the topics typed. */
function IncludeExisting(props: { ctx: ViewContext; activity: Activity; existing: ExistingEntry; topics: string }) {
  const m = roadmapMessages(props.ctx.locale);
  if (props.existing.inThisRoadmap) return <p>{m.alreadyInThisRoadmap}</p>;
  return (
    <PostForm ctx={props.ctx} action={`${base(props.activity)}/include`} class="form include-existing">
      <input type="hidden" name="entryId" value={String(props.existing.id)} />
      <input type="hidden" name="topics" value={props.topics} />
      <p class="hint">{m.includeExistingHint}</p>
      <button type="submit">{m.includeExisting(props.existing.identifier)}</button>
    </PostForm>
  );
}

export function EntryFormPage(
  props: { ctx: ViewContext; activity: Activity; entry?: EntryView; organizations: OrganizationNode[] } & FormState & { existingHref?: string; existing?: ExistingEntry },
) {
  const { ctx, activity: a, entry: e } = props;
  const m = roadmapMessages(ctx.locale);
  const t = ctx.t;
  const errors = props.errors ?? {};
  const v = (name: string, fallback: string | number | null | undefined) => (props.values ? valueOf(props.values, name) : fallback);
  const orgOptions = organizationOptions(props.organizations);
  const title = e ? `${m.edit}${ctx.t.colon}${e.identifier}` : m.new;
  const labels: Record<string, string> = {
    organizationId: m.organization, groupId: m.group, identifier: m.identifier, title: m.entryTitle, kind: m.kind, status: m.status,
    startedOn: m.startedOn, targetOn: m.targetOn, approvedOn: m.approvedOn, year: m.year, version: m.version, editors: m.editors,
    scope: m.scope, url: m.url, source: m.source, topics: m.topics, equivalents: m.equivalents,
  };
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={title}>
      <h2>{title}</h2>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} message={props.message} />
      {props.existingHref ? (
        <p>
          <a href={props.existingHref}>{m.duplicateLink}</a>
        </p>
      ) : null}
      {props.existing && !e ? <IncludeExisting ctx={ctx} activity={a} existing={props.existing} topics={(props.values ? valueOf(props.values, 'topics') : '') ?? ''} /> : null}
      <PostForm ctx={ctx} action={e ? `${base(a)}/${e.id}` : base(a)}>
        <SelectField ctx={ctx} name="organizationId" label={m.organization} required blank="—" value={v('organizationId', e?.organizationId)} error={errors.organizationId} options={orgOptions} filterLabel={m.filterList} />
        <SelectField ctx={ctx} name="groupId" label={m.group} hint={m.groupHint} blank={m.none} value={v('groupId', e?.groupId)} error={errors.groupId} options={orgOptions} filterLabel={m.filterList} />
        <TextField ctx={ctx} name="identifier" label={m.identifier} hint={m.identifierHint} required maxLength={100} value={v('identifier', e?.identifier)} error={errors.identifier} />
        <TextField ctx={ctx} name="title" label={m.entryTitle} required maxLength={1000} value={v('title', e?.title)} error={errors.title} />
        <TextField ctx={ctx} name="equivalents" label={m.equivalents} hint={m.equivalentsHint} value={v('equivalents', e?.equivalents.join(' | '))} error={errors.equivalents ?? Object.entries(errors).find(([k]) => k.startsWith('equivalents.'))?.[1]} />
        <SelectField ctx={ctx} name="kind" label={m.kind} required value={v('kind', e?.kind ?? 'recommendation')} error={errors.kind} options={entryKinds.map((k) => ({ value: k, label: m.kinds[k] }))} />
        <SelectField ctx={ctx} name="status" label={m.status} required value={v('status', e?.status ?? 'in_development')} error={errors.status} options={entryStatuses.map((s) => ({ value: s, label: m.statuses[s] }))} />
        <TextField ctx={ctx} name="startedOn" type="date" label={m.startedOn} value={v('startedOn', e?.startedOn)} error={errors.startedOn} />
        <TextField ctx={ctx} name="targetOn" type="date" label={m.targetOn} value={v('targetOn', e?.targetOn)} error={errors.targetOn} />
        <TextField ctx={ctx} name="approvedOn" type="date" label={m.approvedOn} value={v('approvedOn', e?.approvedOn)} error={errors.approvedOn} />
        <TextField ctx={ctx} name="year" type="number" label={m.year} value={v('year', e?.year)} error={errors.year} />
        <TextField ctx={ctx} name="version" label={m.version} maxLength={100} value={v('version', e?.version)} error={errors.version} />
        <TextField ctx={ctx} name="editors" label={m.editors} maxLength={1000} value={v('editors', e?.editors)} error={errors.editors} />
        <TextArea ctx={ctx} name="scope" label={m.scope} rows={5} value={v('scope', e?.scope)} error={errors.scope} />
        <TextField ctx={ctx} name="topics" label={m.topics} hint={m.topicsHint} value={v('topics', e?.topics.join('; '))} error={errors.topics ?? Object.entries(errors).find(([k]) => k.startsWith('topics.'))?.[1]} />
        <TextField ctx={ctx} name="url" type="url" label={m.url} value={v('url', e?.url)} error={errors.url} />
        <TextField ctx={ctx} name="source" label={m.source} maxLength={1000} value={v('source', e?.source)} error={errors.source} />
        <Actions>
          <button type="submit">{e ? t.common.save : t.common.create}</button>
          <a href={e ? `/roadmap/entries/${e.id}?activity=${encodeURIComponent(a.acronym)}` : base(a)}>{t.common.cancel}</a>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

export function ChangesPage(props: { ctx: ViewContext; activity: Activity; since: string; changes: RoadmapChanges }) {
  const { ctx, activity: a, changes } = props;
  const m = roadmapMessages(ctx.locale);
  const entryLink = (c: RoadmapChange) => (
    <a href={`/roadmap/entries/${c.entryId}?activity=${encodeURIComponent(a.acronym)}`}>{c.identifier}</a>
  );
  const status = (v: unknown) => (typeof v === 'string' && v in m.statuses ? m.statuses[v as keyof typeof m.statuses] : '—');
  const fieldNames = (c: RoadmapChange) =>
    Object.keys(c.after)
      .filter((k) => k !== 'status')
      .map((k) => (m as unknown as Record<string, string>)[k === 'title' ? 'entryTitle' : k] ?? k)
      .join(', ');
  const section = (title: string, list: RoadmapChange[], describe: (c: RoadmapChange) => ComponentChildren) => (
    <section>
      <h3>
        {title} ({list.length})
      </h3>
      {list.length ? (
        <ul>
          {list.map((c) => (
            <li>
              {entryLink(c)} — {c.title}
              {ctx.t.colon}
              {describe(c)} <span class="muted">({formatDate(c.at.toISOString().slice(0, 10), ctx.locale)}, {c.actorName})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{m.changesNone}</p>
      )}
    </section>
  );
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={m.changesTitle}>
      <h2>{m.changesSince(formatDate(props.since, ctx.locale))}</h2>
      <form method="get" action={`${base(a)}/changes`} class="form">
        <TextField ctx={ctx} name="since" type="date" label={m.since} required value={props.since} />
        <button type="submit">{m.show}</button>
      </form>
      {section(m.changesAdded, changes.added, () => m.changesAddedText)}
      {section(m.changesStatus, changes.statusChanges, (c) => (
        <>
          <del>{status(c.before.status)}</del> → <ins>{status(c.after.status)}</ins>
          {fieldNames(c) ? `; ${fieldNames(c)}` : ''}
        </>
      ))}
      {section(m.changesEdited, changes.edited, (c) => fieldNames(c))}
      {section(m.changesRemoved, changes.removed, () => m.changesRemovedText)}
    </ActivityFrame>
  );
}
