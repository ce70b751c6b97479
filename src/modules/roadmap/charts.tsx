// The roadmap's pictures, drawn on the server from entries already read: a timeline (SVG), a landscape matrix
// (an HTML table; see LandscapeMatrixTable) and a relation graph around one entry (SVG). No database, no clock:
// what they draw depends only on their arguments, so pages, PDF/DOCX exports and tests get the same picture.
//
// The SVGs carry their colours as presentation attributes, not CSS: the page's Content-Security-Policy forbids inline
// styles, and an exported file has no stylesheet. Status is never told by colour alone: each status has its own fill
// pattern or outline, and the same words are in the text next to each mark and in the legend.
import type { VNode } from 'preact';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { type ChartMessages, chartMessages, relationSentence } from './chart-messages.ts';
import type { EntryView } from './entries.ts';
import { roadmapMessages } from './messages.ts';
import type { GraphEdge, GraphNode } from './relations.ts';
import type { EntryStatus } from './schema.ts';

export type TimelineEntry = Pick<EntryView, 'id' | 'identifier' | 'title' | 'status' | 'organization' | 'startedOn' | 'targetOn' | 'approvedOn' | 'year'>;

/** How a status is drawn: finished work, work going on, or work that no longer counts. */
export type Tone = 'done' | 'ongoing' | 'ended';
export function toneOf(status: EntryStatus): Tone {
  return status === 'approved' || status === 'published' ? 'done' : status === 'planned' || status === 'in_development' ? 'ongoing' : 'ended';
}

/** Where an entry sits on the time axis, in fractional years (2020.5 is the middle of 2020). */
export type TimelineMark =
  | { shape: 'bar'; tone: Tone; start: number; end: number; open: boolean }
  | { shape: 'point'; tone: Tone; at: number; role: 'done' | 'target' | 'started' }
  | { shape: 'undated'; tone: Tone };

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A calendar date (YYYY-MM-DD) as a fractional year: 2020-01-01 is 2020.0, 2020-07-02 is 2020.5. */
export function yearFraction(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const dayOfYear = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000;
  return y + dayOfYear / (isLeap(y) ? 366 : 365);
}

/** A year known without its date sits in the middle of that year. */
const midYear = (year: number) => year + 0.5;

/**
 * The mark of one entry. Work with a start date is a bar: to its approval (date, else the middle of its year), or,
 * while planned or in development, to its target (date, else year) or to today with an open end. Without a start
 * it is a point at its approval or target; without any date it is "undated".
 */
export function timelineMark(entry: TimelineEntry, today: string): TimelineMark {
  const tone = toneOf(entry.status);
  const start = entry.startedOn ? yearFraction(entry.startedOn) : null;
  if (tone === 'ongoing') {
    const target = entry.targetOn ? yearFraction(entry.targetOn) : entry.year ? midYear(entry.year) : null;
    if (start !== null) {
      const end = target ?? Math.max(start, yearFraction(today));
      return { shape: 'bar', tone, start, end: Math.max(start, end), open: target === null };
    }
    return target !== null ? { shape: 'point', tone, at: target, role: 'target' } : { shape: 'undated', tone };
  }
  const finished = entry.approvedOn ? yearFraction(entry.approvedOn) : entry.year ? midYear(entry.year) : null;
  if (start !== null && finished !== null) return { shape: 'bar', tone, start, end: Math.max(start, finished), open: false };
  if (finished !== null) return { shape: 'point', tone, at: finished, role: 'done' };
  if (start !== null) return { shape: 'point', tone, at: start, role: 'started' };
  return { shape: 'undated', tone };
}

export type TimelineRow = { entry: TimelineEntry; mark: TimelineMark; y: number; x1: number; x2: number };
export type TimelineGroup = { organization: string; y: number; rows: TimelineRow[] };
export type TimelineLayout = {
  width: number;
  height: number;
  /** x of the first year's left edge */
  x0: number;
  pxPerYear: number;
  fromYear: number;
  /** the last year drawn (inclusive) */
  toYear: number;
  todayX: number | null;
  groups: TimelineGroup[];
};

export const timelineGeometry = {
  labelWidth: 170,
  rightPadding: 90,
  axisHeight: 30,
  bandHeight: 26,
  rowHeight: 22,
  barHeight: 10,
  /** width the years aim to fill; the scale stays between the bounds below whatever the span */
  plotWidth: 720,
  minPxPerYear: 40,
  maxPxPerYear: 90,
};

const startOf = (m: TimelineMark) => (m.shape === 'bar' ? m.start : m.shape === 'point' ? m.at : Infinity);

/**
 * Places every entry: one band per organization (alphabetical), one row per entry inside it, ordered by time
 * (undated entries last), then identifier. Years run left to right over the span of every date drawn.
 */
export function layoutTimeline(entries: TimelineEntry[], today: string): TimelineLayout {
  const g = timelineGeometry;
  const marks = entries.map((entry) => ({ entry, mark: timelineMark(entry, today) }));
  const todayValue = yearFraction(today);
  // Work going on is read against today, so today is on the axis whenever some is drawn.
  const ongoing = marks.some(({ mark }) => mark.tone === 'ongoing' && mark.shape !== 'undated');
  const times = [
    ...marks.flatMap(({ mark }) => (mark.shape === 'bar' ? [mark.start, mark.end] : mark.shape === 'point' ? [mark.at] : [])),
    ...(ongoing ? [todayValue] : []),
  ];
  const fromYear = times.length ? Math.floor(Math.min(...times)) : Math.floor(todayValue);
  const toYear = times.length ? Math.floor(Math.max(...times)) : Math.floor(todayValue);
  const span = toYear - fromYear + 1;
  const pxPerYear = Math.min(g.maxPxPerYear, Math.max(g.minPxPerYear, Math.round(g.plotWidth / span)));
  const x0 = g.labelWidth;
  const x = (t: number) => Math.round((x0 + (t - fromYear) * pxPerYear) * 10) / 10;

  const byOrganization = new Map<string, typeof marks>();
  for (const item of marks) byOrganization.set(item.entry.organization, [...(byOrganization.get(item.entry.organization) ?? []), item]);
  const organizations = [...byOrganization.keys()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  let y = g.axisHeight;
  const groups: TimelineGroup[] = organizations.map((organization) => {
    const group: TimelineGroup = { organization, y, rows: [] };
    y += g.bandHeight;
    const ordered = [...(byOrganization.get(organization) ?? [])].sort(
      (a, b) => startOf(a.mark) - startOf(b.mark) || a.entry.identifier.localeCompare(b.entry.identifier, 'en', { numeric: true }),
    );
    for (const { entry, mark } of ordered) {
      const [x1, x2] = mark.shape === 'bar' ? [x(mark.start), x(mark.end)] : mark.shape === 'point' ? [x(mark.at), x(mark.at)] : [x0, x0];
      group.rows.push({ entry, mark, y, x1, x2 });
      y += g.rowHeight;
    }
    return group;
  });
  const width = x0 + span * pxPerYear + g.rightPadding;
  const inRange = todayValue >= fromYear && todayValue < toYear + 1;
  return { width, height: y + g.axisHeight, x0, pxPerYear, fromYear, toYear, todayX: inRange ? x(todayValue) : null, groups };
}

// Colours with at least 4.5:1 against white for text and 3:1 for shapes (the stylesheet's --ok, --brand, --muted).
const ink = { done: '#1d6b36', ongoing: '#0a4a8c', ended: '#4f5863', text: '#1b1f24', muted: '#4f5863', grid: '#d4d9df', band: '#f3f5f8' };
const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

/** Cuts a label to about `max` characters, so it stays in its column; the full text is in the link's name. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The patterns a chart needs, with ids unique to it (a page may hold several charts). */
function Patterns(props: { id: string }) {
  return (
    <defs>
      <pattern id={`${props.id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#dfe9f5" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={ink.ongoing} stroke-width="3" />
      </pattern>
      <marker id={`${props.id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
        <path d="M 0 0 L 10 5 L 0 10 z" fill={ink.text} />
      </marker>
    </defs>
  );
}

/** One mark, drawn by shape and tone; `y` is the row's centre line. */
export function MarkShape(props: { mark: TimelineMark; x1: number; x2: number; y: number; id: string }) {
  const { mark, x1, x2, y, id } = props;
  const h = timelineGeometry.barHeight;
  if (mark.shape === 'bar') {
    const width = Math.max(3, x2 - x1);
    const fill = mark.tone === 'done' ? ink.done : mark.tone === 'ongoing' ? `url(#${id}-hatch)` : '#ffffff';
    return (
      <g class="mark">
        <rect x={x1} y={y - h / 2} width={width} height={h} rx="2" fill={fill} stroke={ink[mark.tone]} stroke-width={mark.tone === 'ended' ? 1.5 : 1} stroke-dasharray={mark.tone === 'ended' ? '4 2' : undefined} />
        {mark.open ? <path d={`M ${x1 + width} ${y - h / 2 - 3} L ${x1 + width + 8} ${y} L ${x1 + width} ${y + h / 2 + 3} z`} fill={ink.ongoing} /> : null}
      </g>
    );
  }
  if (mark.shape === 'point') {
    const r = 6;
    const diamond = `M ${x1} ${y - r} L ${x1 + r} ${y} L ${x1} ${y + r} L ${x1 - r} ${y} z`;
    if (mark.role === 'started') return <circle class="mark" cx={x1} cy={y} r="4" fill="#ffffff" stroke={ink[mark.tone]} stroke-width="2" />;
    if (mark.tone === 'done') return <path class="mark" d={diamond} fill={ink.done} />;
    if (mark.tone === 'ongoing') return <path class="mark" d={diamond} fill="#ffffff" stroke={ink.ongoing} stroke-width="2" />;
    return (
      <g class="mark">
        <path d={diamond} fill="#ffffff" stroke={ink.ended} stroke-width="1.5" />
        <line x1={x1 - r} y1={y} x2={x1 + r} y2={y} stroke={ink.ended} stroke-width="1.5" />
      </g>
    );
  }
  return null;
}

const yearOf = (t: number) => Math.floor(t);

/** The entry's dates in words, for its link name: exact dates when known, else years. */
export function periodText(entry: TimelineEntry, mark: TimelineMark, locale: Locale): string {
  const m = chartMessages(locale);
  const date = (d: string | null, fallback: number | null) => (d ? formatDate(d, locale) : fallback ? String(fallback) : '');
  const end = mark.tone === 'ongoing' ? date(entry.targetOn, entry.year) : date(entry.approvedOn, entry.year);
  switch (mark.shape) {
    case 'bar':
      return mark.open ? `${m.since(date(entry.startedOn, null))}, ${m.ongoing}` : `${date(entry.startedOn, null)} – ${mark.tone === 'ongoing' ? `${m.target} ` : ''}${end}`;
    case 'point':
      return mark.role === 'started' ? `${m.startedOnly} ${date(entry.startedOn, null)}` : mark.role === 'target' ? `${m.target} ${end}` : end;
    case 'undated':
      return m.undated;
  }
}

/** The short text beside a mark: years only ("2019", "2021–2023", "2022–…", "target 2025"). */
export function markLabel(mark: TimelineMark, m: ChartMessages): string {
  switch (mark.shape) {
    case 'bar': {
      const [a, b] = [yearOf(mark.start), yearOf(mark.end)];
      return mark.open ? `${a}–…` : a === b ? String(a) : `${a}–${b}`;
    }
    case 'point':
      return mark.role === 'target' ? `${m.target} ${yearOf(mark.at)}` : mark.role === 'started' ? `${m.startedOnly} ${yearOf(mark.at)}` : String(yearOf(mark.at));
    case 'undated':
      return m.undated;
  }
}

export type ChartLinks = {
  /** where an entry's mark leads; without it the chart is a still picture (role="img"), as exports want it */
  hrefOf?: (entryId: number) => string;
};

type TimelineProps = { entries: TimelineEntry[]; locale: Locale; today: string; title: string; id?: string };

/** What every rendering of the timeline needs: the layout, the years, and each row's words. */
function timelineModel(props: TimelineProps) {
  const m = chartMessages(props.locale);
  const r = roadmapMessages(props.locale);
  const layout = layoutTimeline(props.entries, props.today);
  const years = Array.from({ length: layout.toYear - layout.fromYear + 1 }, (_, i) => layout.fromYear + i);
  const xOfYear = (year: number) => layout.x0 + (year - layout.fromYear) * layout.pxPerYear;
  const nameOf = (row: TimelineRow) =>
    `${row.entry.identifier} — ${row.entry.title}. ${row.entry.organization}, ${r.statuses[row.entry.status]}. ${periodText(row.entry, row.mark, props.locale)}.`;
  const desc = m.timelineDesc(props.entries.length, layout.groups.length, layout.fromYear, layout.toYear);
  return { m, layout, years, xOfYear, nameOf, desc, id: props.id ?? 'timeline' };
}
type TimelineModel = ReturnType<typeof timelineModel>;

/** The left column: one band per organization and the entries' identifiers. */
function TimelineLabels(props: { model: TimelineModel; hrefOf?: (entryId: number) => string }) {
  const { layout, nameOf } = props.model;
  const g = timelineGeometry;
  return (
    <g class="timeline-labels">
      {layout.groups.map((group) => (
        <g>
          <rect x="0" y={group.y} width={layout.x0} height={g.bandHeight} fill={ink.band} aria-hidden="true" />
          <text x="6" y={group.y + 17} font-weight="700" fill={ink.text}>
            {`${group.organization} (${group.rows.length})`}
          </text>
          {group.rows.map((row) => {
            const text = (
              <>
                <rect class="row-hit" x="0" y={row.y} width={layout.x0} height={g.rowHeight} fill="#ffffff" fill-opacity="0" />
                <text x="14" y={row.y + g.rowHeight / 2 + 4} fill={props.hrefOf ? ink.ongoing : ink.text} text-decoration={props.hrefOf ? 'underline' : undefined}>
                  {shorten(row.entry.identifier, 24)}
                </text>
              </>
            );
            return props.hrefOf ? (
              <a class="timeline-row" href={props.hrefOf(row.entry.id)} aria-label={nameOf(row)}>
                <title>{nameOf(row)}</title>
                {text}
              </a>
            ) : (
              <g>{text}</g>
            );
          })}
        </g>
      ))}
    </g>
  );
}

/** The years, the bands carried across, each entry's mark with its years in words, and today. */
function TimelinePlot(props: { model: TimelineModel; hrefOf?: (entryId: number) => string }) {
  const { m, layout, years, xOfYear, nameOf, id } = props.model;
  const g = timelineGeometry;
  const plotRight = xOfYear(layout.toYear + 1);
  const bottom = layout.height - g.axisHeight;
  const axis = (y: number, below: boolean) => (
    <g font-size="11" fill={ink.muted}>
      {years.map((year) => (
        <text x={xOfYear(year) + layout.pxPerYear / 2} y={below ? y + 16 : y - 10} text-anchor="middle">
          {year}
        </text>
      ))}
    </g>
  );
  return (
    // Hidden from screen readers: the image's name and description speak for it, and each entry's link beside it.
    <g class="timeline-plot" aria-hidden="true">
      {years.map((year, i) => (
        <rect x={xOfYear(year)} y={g.axisHeight} width={layout.pxPerYear} height={bottom - g.axisHeight} fill={i % 2 ? '#fafbfc' : '#ffffff'} />
      ))}
      {[...years, layout.toYear + 1].map((year) => (
        <line x1={xOfYear(year)} y1={g.axisHeight - 4} x2={xOfYear(year)} y2={bottom + 4} stroke={ink.grid} stroke-width="1" />
      ))}
      {axis(g.axisHeight, false)}
      {layout.groups.map((group) => (
        <g>
          <rect x={layout.x0} y={group.y} width={plotRight - layout.x0} height={g.bandHeight} fill={ink.band} />
          {group.rows.map((row) => {
            const mid = row.y + g.rowHeight / 2;
            const label = markLabel(row.mark, m);
            // The years sit right of the mark, or left of it when the mark ends near the right edge.
            const after = row.mark.shape === 'undated' ? row.x1 + 4 : row.x2 + (row.mark.shape === 'bar' && row.mark.open ? 12 : 9);
            const fits = after + label.length * 6.2 < layout.width - 2;
            const content = (
              <>
                <rect class="row-hit" x={layout.x0} y={row.y} width={layout.width - layout.x0} height={g.rowHeight} fill="#ffffff" fill-opacity="0" />
                <MarkShape mark={row.mark} x1={row.x1} x2={row.x2} y={mid} id={id} />
                <text
                  x={fits ? after : row.x1 - 9}
                  y={mid + 4}
                  font-size="11"
                  fill={ink.muted}
                  font-style={row.mark.shape === 'undated' ? 'italic' : undefined}
                  text-anchor={fits ? 'start' : 'end'}
                  stroke="#ffffff"
                  stroke-width="3"
                  paint-order="stroke"
                >
                  {label}
                </text>
              </>
            );
            // The identifier on the left is the link for keyboards and screen readers; the mark repeats it for the mouse.
            return props.hrefOf ? (
              <a class="timeline-row" href={props.hrefOf(row.entry.id)} tabindex={-1}>
                <title>{nameOf(row)}</title>
                {content}
              </a>
            ) : (
              <g>
                <title>{nameOf(row)}</title>
                {content}
              </g>
            );
          })}
        </g>
      ))}
      {layout.todayX !== null ? (
        <g>
          <line x1={layout.todayX} y1={g.axisHeight} x2={layout.todayX} y2={bottom} stroke="#b3261e" stroke-width="1.5" stroke-dasharray="5 3" />
          <text x={layout.todayX + 3} y={bottom + 26} font-size="11" fill="#b3261e">
            {m.today}
          </text>
        </g>
      ) : null}
      {axis(bottom, true)}
    </g>
  );
}

/** The roadmap as a timeline in one still SVG (role="img"), for documents and exports. */
export function TimelineChart(props: TimelineProps): VNode {
  const model = timelineModel(props);
  const { layout, id } = model;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="chart timeline-chart"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      font-family={fontFamily}
      font-size="12"
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{model.desc}</desc>
      <Patterns id={id} />
      <rect width={layout.width} height={layout.height} fill="#ffffff" />
      <TimelinePlot model={model} />
      <g aria-hidden="true">
        <TimelineLabels model={model} />
      </g>
    </svg>
  );
}

/**
 * The timeline for a page: two SVGs side by side, the identifiers on the left and the years on the right, so the
 * identifiers can stay in view (CSS sticky) while a phone scrolls the years sideways. The identifiers are a group of
 * links, each saying its entry's organization, status and dates; the years and marks are one image (role="img",
 * named by its title and description). The marks are links too, for the mouse, but out of the tab order, and the
 * image role keeps screen readers from meeting every entry twice: role="img" on the identifiers would hide them.
 */
export function TimelineFigure(props: TimelineProps & Required<ChartLinks>): VNode {
  const model = timelineModel(props);
  const { layout, id } = model;
  const plotWidth = layout.width - layout.x0;
  return (
    <div class="timeline-split">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        class="chart timeline-labels-svg"
        width={layout.x0}
        height={layout.height}
        viewBox={`0 0 ${layout.x0} ${layout.height}`}
        role="group"
        aria-label={model.m.timelineLinks}
        font-family={fontFamily}
        font-size="12"
      >
        <rect width={layout.x0} height={layout.height} fill="#ffffff" />
        <TimelineLabels model={model} hrefOf={props.hrefOf} />
      </svg>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        class="chart timeline-plot-svg"
        width={plotWidth}
        height={layout.height}
        viewBox={`${layout.x0} 0 ${plotWidth} ${layout.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        font-family={fontFamily}
        font-size="12"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{model.desc}</desc>
        <Patterns id={id} />
        <rect x={layout.x0} width={plotWidth} height={layout.height} fill="#ffffff" />
        <TimelinePlot model={model} hrefOf={props.hrefOf} />
      </svg>
    </div>
  );
}

/** The legend of the timeline: each mark beside its words, as HTML so it wraps on a phone. */
export function TimelineLegend(props: { locale: Locale; id?: string }) {
  const m = chartMessages(props.locale);
  const id = `${props.id ?? 'timeline'}-legend`;
  const swatch = (mark: TimelineMark) => (
    <svg xmlns="http://www.w3.org/2000/svg" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
      <Patterns id={id} />
      <MarkShape mark={mark} x1={mark.shape === 'point' ? 22 : 4} x2={mark.shape === 'point' ? 22 : 32} y={8} id={id} />
    </svg>
  );
  const items: [TimelineMark, string][] = [
    [{ shape: 'bar', tone: 'done', start: 0, end: 1, open: false }, m.legendDone],
    [{ shape: 'bar', tone: 'ongoing', start: 0, end: 1, open: true }, m.legendOngoing],
    [{ shape: 'bar', tone: 'ended', start: 0, end: 1, open: false }, m.legendEnded],
    [{ shape: 'point', tone: 'done', at: 0, role: 'done' }, m.legendPointDone],
    [{ shape: 'point', tone: 'ongoing', at: 0, role: 'target' }, m.legendPointTarget],
    [{ shape: 'point', tone: 'ended', at: 0, role: 'done' }, m.legendPointEnded],
  ];
  return (
    <div class="chart-legend">
      <h2 class="visually-hidden">{m.legend}</h2>
      <ul>
        {items.map(([mark, words]) => (
          <li>
            {swatch(mark)} <span>{words}</span>
          </li>
        ))}
        <li>
          <span class="legend-text-swatch" aria-hidden="true">
            {m.undated}
          </span>{' '}
          <span>{m.legendUndated}</span>
        </li>
      </ul>
    </div>
  );
}

export type MatrixEntry = Pick<EntryView, 'id' | 'organization' | 'topics'>;
export type LandscapeMatrix = {
  topics: string[];
  organizations: string[];
  /** counts.get(topic)?.get(organization): entries of that organization with that topic */
  counts: Map<string, Map<string, number>>;
  topicTotals: Map<string, number>;
  /** distinct entries per organization (an entry with two topics counts once) */
  organizationTotals: Map<string, number>;
  /** entries counted (with at least one topic shown) */
  total: number;
  /** entries without any topic: they have no row */
  withoutTopic: number;
};

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }) || a.localeCompare(b);

/**
 * Counts entries per topic and organization. The axes default to what the entries hold; pass `topics` and
 * `organizations` to keep rows and columns that have no entry (they are the gaps worth seeing).
 */
export function landscapeMatrix(entries: MatrixEntry[], axes: { topics?: string[]; organizations?: string[] } = {}): LandscapeMatrix {
  const topics = [...new Set(axes.topics ?? entries.flatMap((e) => e.topics))].sort(byName);
  const organizations = [...new Set(axes.organizations ?? entries.map((e) => e.organization))].sort(byName);
  const shownTopics = new Set(topics);
  const shownOrganizations = new Set(organizations);
  const counts = new Map(topics.map((t) => [t, new Map<string, number>()]));
  const topicTotals = new Map(topics.map((t) => [t, 0]));
  const organizationTotals = new Map(organizations.map((o) => [o, 0]));
  let total = 0;
  let withoutTopic = 0;
  for (const entry of entries) {
    if (!shownOrganizations.has(entry.organization)) continue;
    if (!entry.topics.length) {
      withoutTopic++;
      continue;
    }
    const mine = [...new Set(entry.topics)].filter((t) => shownTopics.has(t));
    if (!mine.length) continue;
    for (const topic of mine) {
      const row = counts.get(topic);
      row?.set(entry.organization, (row.get(entry.organization) ?? 0) + 1);
      topicTotals.set(topic, (topicTotals.get(topic) ?? 0) + 1);
    }
    organizationTotals.set(entry.organization, (organizationTotals.get(entry.organization) ?? 0) + 1);
    total++;
  }
  return { topics, organizations, counts, topicTotals, organizationTotals, total, withoutTopic };
}

/**
 * The landscape matrix as an HTML table rather than an SVG: a table gives every cell its row and column headers
 * for screen readers, its links are ordinary links, long topic names wrap, and the first column stays in view
 * (CSS sticky) while a phone scrolls the organizations sideways. Empty cells carry a visible mark and words.
 */
export function LandscapeMatrixTable(props: {
  matrix: LandscapeMatrix;
  locale: Locale;
  cellHref: (topic: string, organization: string) => string;
  /** a link in empty cells, for some readers (another module's, through extendRoadmap) */
  emptyCellLink?: { href(topic: string, organization: string): string | undefined; label: string };
}) {
  const { matrix } = props;
  const m = chartMessages(props.locale);
  return (
    <table class="matrix">
      {/* The page's heading and key say it for the eye; the caption names the table for screen readers. */}
      <caption class="visually-hidden">{m.matrixCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.topic}</th>
          {matrix.organizations.map((o) => (
            <th scope="col" class="matrix-organization">
              {o}
            </th>
          ))}
          <th scope="col" class="matrix-total">
            {m.total}
          </th>
        </tr>
      </thead>
      <tbody>
        {matrix.topics.map((topic) => (
          <tr>
            <th scope="row">{topic}</th>
            {matrix.organizations.map((organization) => {
              const count = matrix.counts.get(topic)?.get(organization) ?? 0;
              return count ? (
                <td class="matrix-count">
                  <a href={props.cellHref(topic, organization)} aria-label={m.cell(count, organization, topic)}>
                    {count}
                  </a>
                </td>
              ) : (
                <td class="matrix-gap">
                  <EmptyCell gap={m.gap} link={props.emptyCellLink} href={props.emptyCellLink?.href(topic, organization)} />
                </td>
              );
            })}
            <td class="matrix-total">{matrix.topicTotals.get(topic) ?? 0}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{m.total}</th>
          {matrix.organizations.map((o) => (
            <td class="matrix-total">{matrix.organizationTotals.get(o) ?? 0}</td>
          ))}
          <td class="matrix-total">{matrix.total}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * An empty cell's mark; with a link, the mark is the link and its words the link's (one element more per cell, so a
 * large matrix stays light: most of its cells are empty).
 */
function EmptyCell(props: { gap: string; link?: { label: string }; href?: string }) {
  const linked = Boolean(props.href && props.link);
  const mark = (
    <>
      <span aria-hidden="true">○</span>
      <span class="visually-hidden">{linked ? props.link!.label : props.gap}</span>
    </>
  );
  return linked ? <a href={props.href}>{mark}</a> : mark;
}

/** The same counts as a still picture for documents (PDF, DOCX), where a table of this width does not fit a page. */
export function LandscapeMatrixChart(props: { matrix: LandscapeMatrix; locale: Locale; title: string; id?: string }) {
  const { matrix } = props;
  const m = chartMessages(props.locale);
  const id = props.id ?? 'matrix';
  const [labelWidth, cell, headerHeight] = [200, 34, 110];
  const width = labelWidth + (matrix.organizations.length + 1) * cell + 10;
  const height = headerHeight + (matrix.topics.length + 1) * cell + 10;
  const xOf = (i: number) => labelWidth + i * cell;
  const yOf = (i: number) => headerHeight + i * cell;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="chart matrix-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} font-family={fontFamily} font-size="12">
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{m.matrixCaption}</desc>
      <rect width={width} height={height} fill="#ffffff" />
      {[...matrix.organizations, m.total].map((o, i) => (
        <text transform={`translate(${xOf(i) + cell / 2 + 4} ${headerHeight - 6}) rotate(-60)`} fill={ink.text} font-weight={i === matrix.organizations.length ? '700' : undefined}>
          {shorten(o, 18)}
        </text>
      ))}
      {[...matrix.topics, m.total].map((topic, row) => {
        const isTotal = row === matrix.topics.length;
        const values = isTotal
          ? [...matrix.organizations.map((o) => matrix.organizationTotals.get(o) ?? 0), matrix.total]
          : [...matrix.organizations.map((o) => matrix.counts.get(topic)?.get(o) ?? 0), matrix.topicTotals.get(topic) ?? 0];
        return (
          <g>
            <text x="4" y={yOf(row) + cell / 2 + 4} fill={ink.text} font-weight={isTotal ? '700' : undefined}>
              {shorten(topic, 30)}
            </text>
            {values.map((count, i) => {
              const total = isTotal || i === matrix.organizations.length;
              return (
                <g>
                  <rect x={xOf(i)} y={yOf(row)} width={cell} height={cell} fill={total ? ink.band : count ? '#dff3e4' : '#ffffff'} stroke={ink.grid} />
                  <text x={xOf(i) + cell / 2} y={yOf(row) + cell / 2 + 4} text-anchor="middle" fill={count || total ? ink.text : ink.muted} font-weight={count && !total ? '700' : undefined}>
                    {count || total ? String(count) : '○'}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

export type PlacedNode = GraphNode & { column: number; depth: number; x: number; y: number };
export type GraphLayout = { width: number; height: number; nodes: Map<number, PlacedNode>; edges: GraphEdge[] };

export const graphGeometry = { nodeWidth: 150, nodeHeight: 42, columnGap: 160, rowGap: 18, margin: 14 };
/** how far an arrow between two entries of one column bends out of it */
const sameColumnBulge = 60;

/**
 * Places the entry in the middle column; the entries it points to on its right, those pointing to it on its left
 * (an entry related both ways goes right). An entry found at depth 2 goes one column further out, on its parent's
 * side. Columns are stacked top to bottom in a stable order (relation kind, then identifier).
 */
export function layoutRelationGraph(
  centreId: number,
  nodes: GraphNode[],
  edges: GraphEdge[],
  maxDepth = 1,
  /** how wide an edge's label is drawn, to leave room beside a column for the arrows between its own entries */
  labelWidthOf: (edge: GraphEdge) => number = () => 120,
): GraphLayout {
  const { nodeWidth, nodeHeight, columnGap, rowGap, margin } = graphGeometry;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links = edges.filter((e) => byId.has(e.fromEntryId) && byId.has(e.toEntryId) && e.fromEntryId !== e.toEntryId);
  const sortKey = (e: GraphEdge, other: number) => `${e.kind}\u0000${byId.get(other)?.identifier ?? ''}`;
  const placed = new Map<number, { column: number; depth: number; order: number }>();
  placed.set(centreId, { column: 0, depth: 0, order: 0 });
  let frontier = [centreId];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: number[] = [];
    for (const parent of frontier) {
      const parentColumn = placed.get(parent)?.column ?? 0;
      const touching = links
        .filter((e) => e.fromEntryId === parent || e.toEntryId === parent)
        .map((e) => ({ e, other: e.fromEntryId === parent ? e.toEntryId : e.fromEntryId }))
        .filter(({ other }) => !placed.has(other))
        .sort((a, b) => sortKey(a.e, a.other).localeCompare(sortKey(b.e, b.other), 'en', { numeric: true }));
      for (const { other } of touching) {
        if (placed.has(other)) continue;
        const side = parentColumn !== 0 ? Math.sign(parentColumn) : links.some((e) => e.fromEntryId === parent && e.toEntryId === other) ? 1 : -1;
        placed.set(other, { column: parentColumn + side, depth, order: placed.size });
        next.push(other);
      }
    }
    frontier = next;
  }
  const columns = new Map<number, number[]>();
  for (const [id, p] of [...placed].sort((a, b) => a[1].order - b[1].order)) columns.set(p.column, [...(columns.get(p.column) ?? []), id]);
  const minColumn = Math.min(...columns.keys());
  const maxColumn = Math.max(...columns.keys());
  // Arrows between two entries of one column bulge outwards, beside the outermost columns: room is kept for them.
  const besideColumn = (column: number) =>
    Math.max(
      0,
      ...links
        .filter((e) => placed.get(e.fromEntryId)?.column === column && placed.get(e.toEntryId)?.column === column)
        .map((e) => sameColumnBulge + 12 + labelWidthOf(e)),
    );
  const leftRoom = minColumn < 0 ? besideColumn(minColumn) : 0;
  const rightRoom = maxColumn > 0 ? besideColumn(maxColumn) : 0;
  const tallest = Math.max(...[...columns.values()].map((ids) => ids.length));
  const columnHeight = (count: number) => count * nodeHeight + (count - 1) * rowGap;
  const height = columnHeight(tallest) + 2 * margin + 10;
  const result = new Map<number, PlacedNode>();
  for (const [column, ids] of columns) {
    const top = margin + 5 + (columnHeight(tallest) - columnHeight(ids.length)) / 2;
    ids.forEach((id, i) => {
      const node = byId.get(id);
      const p = placed.get(id);
      if (!node || !p) return;
      result.set(id, { ...node, column, depth: p.depth, x: margin + leftRoom + (column - minColumn) * (nodeWidth + columnGap), y: top + i * (nodeHeight + rowGap) });
    });
  }
  const columnCount = maxColumn - minColumn + 1;
  const width = 2 * margin + leftRoom + rightRoom + columnCount * nodeWidth + (columnCount - 1) * columnGap;
  return { width, height, nodes: result, edges: links.filter((e) => result.has(e.fromEntryId) && result.has(e.toEntryId)) };
}

/**
 * The entry and its related entries as boxes joined by arrows, each arrow named by its relation kind. Like the
 * timeline, it is a group of links when `hrefOf` is given and a still image otherwise.
 */
export function RelationGraph(props: { centreId: number; nodes: GraphNode[]; edges: GraphEdge[]; locale: Locale; depth?: number; title: string; id?: string } & ChartLinks): VNode {
  const { locale } = props;
  const id = props.id ?? 'graph';
  const m = chartMessages(locale);
  const r = roadmapMessages(locale);
  const layout = layoutRelationGraph(props.centreId, props.nodes, props.edges, props.depth ?? 1, (edge) => r.relationKinds[edge.kind].length * 6.2);
  const { nodeWidth: w, nodeHeight: h } = graphGeometry;
  const centre = layout.nodes.get(props.centreId);
  const interactive = !!props.hrefOf;
  // Labels of several relations between the same two entries are stacked, not drawn over one another.
  const seen = new Map<string, number>();
  const edges = layout.edges.map((edge) => {
    const a = layout.nodes.get(edge.fromEntryId) as PlacedNode;
    const b = layout.nodes.get(edge.toEntryId) as PlacedNode;
    const pair = [Math.min(a.id, b.id), Math.max(a.id, b.id)].join('-');
    const index = seen.get(pair) ?? 0;
    seen.set(pair, index + 1);
    return { edge, a, b, index };
  });
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="chart relation-graph"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role={interactive ? 'group' : 'img'}
      aria-labelledby={`${id}-title ${id}-desc`}
      font-family={fontFamily}
      font-size="12"
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{m.graphDesc(centre?.identifier ?? '', layout.nodes.size - 1)}</desc>
      <Patterns id={id} />
      <rect width={layout.width} height={layout.height} fill="#ffffff" />
      {/* The arrows' words are in each entry's link name, as sentences; read alone they would mean nothing. */}
      <g class="graph-edges" aria-hidden="true">
        {edges.map(({ edge, a, b, index }) => {
          const rightward = a.column < b.column || (a.column === b.column && a.column >= 0);
          const sameColumn = a.column === b.column;
          // A second relation between the same two entries runs just below the first, its label under it; a third above.
          const shift = index === 0 ? 0 : index === 1 ? 9 : -9;
          const [x1, y1] = [sameColumn ? (a.column >= 0 ? a.x + w : a.x) : rightward ? a.x + w : a.x, a.y + h / 2 + shift];
          const [x2, y2] = [sameColumn ? (b.column >= 0 ? b.x + w : b.x) : rightward ? b.x : b.x + w, b.y + h / 2 + shift];
          const bend = sameColumn ? (a.column >= 0 ? sameColumnBulge : -sameColumnBulge) : (x2 - x1) / 2;
          const path = `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - (sameColumn ? -bend : bend)} ${y2}, ${x2} ${y2}`;
          // The label sits by the outer end of the arrow, above the line where it is flat, so each related entry's
          // label has its own row; an arrow glyph repeats the direction in the text itself.
          const outer = Math.abs(b.column) >= Math.abs(a.column) ? { x: x2, y: y2, atEnd: true } : { x: x1, y: y1, atEnd: false };
          const towardsRight = sameColumn ? y2 > y1 : x2 > x1;
          const words = r.relationKinds[edge.kind];
          const text = sameColumn ? words : towardsRight ? `${words} →` : `← ${words}`;
          const outerOnRight = sameColumn ? a.column >= 0 : outer.atEnd ? towardsRight : !towardsRight;
          const labelX = sameColumn ? (a.column >= 0 ? x1 + sameColumnBulge * 0.75 + 6 : x1 - sameColumnBulge * 0.75 - 6) : outerOnRight ? outer.x - 10 : outer.x + 10;
          const labelY = sameColumn ? (y1 + y2) / 2 + 4 : index === 1 ? outer.y + 14 : outer.y - 6 - Math.max(0, index - 2) * 14;
          return (
            <g class="graph-edge">
              <path d={path} fill="none" stroke={ink.text} stroke-width="1.5" marker-end={`url(#${id}-arrow)`} />
              <text
                x={labelX}
                y={labelY}
                font-size="11"
                fill={ink.text}
                text-anchor={sameColumn ? (a.column >= 0 ? 'start' : 'end') : outerOnRight ? 'end' : 'start'}
                stroke="#ffffff"
                stroke-width="4"
                paint-order="stroke"
              >
                {text}
              </text>
            </g>
          );
        })}
      </g>
      {[...layout.nodes.values()].map((node) => {
        const isCentre = node.id === props.centreId;
        const tone = toneOf(node.status);
        // How the entry relates to the one it was reached from, in words: "Y.3802 Amd.1 amends Y.3802".
        const closer = layout.edges
          .filter((e) => [e.fromEntryId, e.toEntryId].includes(node.id))
          .map((e) => ({ e, from: layout.nodes.get(e.fromEntryId) as PlacedNode, to: layout.nodes.get(e.toEntryId) as PlacedNode }))
          .filter(({ from, to }) => (from.id === node.id ? to : from).depth < node.depth)
          .map(({ e, from, to }) => `${relationSentence(from, e.kind, to, locale)}. `)
          .join('');
        const name = `${closer}${node.identifier} — ${node.title}. ${node.organization}, ${r.statuses[node.status]}.`;
        const box = (
          <>
            <title>{name}</title>
            <rect x={node.x} y={node.y} width={w} height={h} rx="4" fill={isCentre ? '#eef3f9' : '#ffffff'} stroke={isCentre ? ink.ongoing : ink[tone]} stroke-width={isCentre ? 3 : 1.5} stroke-dasharray={tone === 'ended' ? '4 2' : undefined} />
            <rect x={node.x + 1} y={node.y + 1} width="6" height={h - 2} fill={tone === 'done' ? ink.done : tone === 'ongoing' ? `url(#${id}-hatch)` : '#ffffff'} aria-hidden="true" />
            <text x={node.x + 13} y={node.y + 17} font-weight="700" fill={interactive && !isCentre ? '#0a4a8c' : ink.text} text-decoration={interactive && !isCentre ? 'underline' : undefined}>
              {shorten(node.identifier, 19)}
            </text>
            <text x={node.x + 13} y={node.y + 33} font-size="11" fill={ink.muted}>
              {shorten(`${node.organization} · ${r.statuses[node.status]}`, 24)}
            </text>
          </>
        );
        return interactive && !isCentre ? (
          <a class="graph-node" href={props.hrefOf?.(node.id)} aria-label={name}>
            {box}
          </a>
        ) : (
          <g class="graph-node" aria-label={interactive ? name : undefined} role={interactive ? 'img' : undefined}>
            {box}
          </g>
        );
      })}
    </svg>
  );
}
