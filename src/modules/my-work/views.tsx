import type { ViewContext } from '../../platform/http/context.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { Layout } from '../../platform/web/layout.tsx';
import type { WorkItem } from '../../platform/work-items.ts';
import type { Activity } from '../activities/index.ts';
import { type MyWorkMessages, myWorkMessages } from './messages.ts';
import type { ActivityNews, MyWork } from './my-work.ts';

/** Whether the reader chose a zone: then instants show on their clock, a meeting's also on the venue's; else on the venue's (or UTC) as before. */
const choseZone = (ctx: ViewContext) => ctx.actor.kind === 'user' && !!ctx.actor.timeZone;

/** A due date or a change's time in words: on the reader's clock, and on the venue's for a meeting's instant. */
function When(props: { ctx: ViewContext; item: WorkItem; m: MyWorkMessages }) {
  const { ctx, item, m } = props;
  if (item.happenedAt) {
    return <time dateTime={item.happenedAt.toISOString()}>{formatDateTime(item.happenedAt, ctx.locale, ctx.timeZone)}</time>;
  }
  const due = item.due;
  if (!due) return null;
  if ('on' in due) return <time dateTime={due.on}>{m.dueOn(formatDate(due.on, ctx.locale))}</time>;
  const venue = formatDateTime(due.at, ctx.locale, due.zone);
  if (!choseZone(ctx) || ctx.timeZone === due.zone) return <time dateTime={due.at.toISOString()}>{venue}</time>;
  return (
    <>
      <time dateTime={due.at.toISOString()}>{formatDateTime(due.at, ctx.locale, ctx.timeZone)}</time> <span class="muted">({m.venueTime(venue)})</span>
    </>
  );
}

/** A list of work items: the record (link), its activity, its state and when it is due; "nothing" when empty. */
export function WorkList(props: { ctx: ViewContext; items: WorkItem[]; showActivity?: boolean; empty?: string }) {
  const m = myWorkMessages(props.ctx.locale);
  if (!props.items.length) return <p class="muted">{props.empty ?? m.nothing}</p>;
  return (
    <ul class="work-list">
      {props.items.map((item) => (
        <li>
          <a href={item.href}>{item.title}</a>
          <span class="work-meta">
            {props.showActivity === false ? null : (
              <abbr title={props.ctx.locale === 'fr' ? (item.activity.nameFr ?? item.activity.nameEn) : item.activity.nameEn}>{item.activity.acronym}</abbr>
            )}
            {item.detail ? <span>{item.detail}</span> : null}
            {item.due || item.happenedAt ? (
              <span>
                <When ctx={props.ctx} item={item} m={m} />
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

const count = (n: number) => (n ? ` (${n})` : '');

export function MyWorkPage(props: { ctx: ViewContext; work: MyWork; hasRoles: boolean; admin: boolean }) {
  const { ctx, work } = props;
  const m = myWorkMessages(ctx.locale);
  const a = work.approvals;
  const approvals = a.liaisons.length + a.proposals.length + a.gaps.length + a.registrations.length;
  const section = (id: string, title: string, items: WorkItem[]) => (
    <section aria-labelledby={id} class="work-section">
      <h2 id={id}>
        {title}
        {count(items.length)}
      </h2>
      <WorkList ctx={ctx} items={items} />
    </section>
  );
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <p class="muted">
        {choseZone(ctx) ? m.zoneNow(ctx.timeZone) : m.zoneNone} <a href="/account#field-timeZone">{m.setZone}</a>
      </p>
      {props.admin ? <p class="notice">{m.adminNote}</p> : props.hasRoles ? null : <p class="notice">{m.noRoles}</p>}
      <section aria-labelledby="work-approvals" class="work-section">
        <h2 id="work-approvals">
          {m.approvals}
          {count(approvals)}
        </h2>
        {approvals ? (
          <>
            {a.liaisons.length ? (
              <>
                <h3>{m.liaisonsToApprove}</h3>
                <WorkList ctx={ctx} items={a.liaisons} />
              </>
            ) : null}
            {a.proposals.length ? (
              <>
                <h3>{m.proposalsToDecide}</h3>
                <WorkList ctx={ctx} items={a.proposals} />
              </>
            ) : null}
            {a.gaps.length ? (
              <>
                <h3>{m.gapsToDecide}</h3>
                <WorkList ctx={ctx} items={a.gaps} />
              </>
            ) : null}
            {a.registrations.length ? (
              <>
                <h3>{m.registrationsToApprove}</h3>
                <WorkList ctx={ctx} items={a.registrations} />
              </>
            ) : null}
          </>
        ) : (
          <p class="muted">{m.nothing}</p>
        )}
      </section>
      {section('work-deadlines', m.deadlines, work.deadlines)}
      {section('work-assigned', m.assigned, work.assigned)}
      {section('work-actions', m.actions, work.actions)}
      {section('work-registrations', m.registrations, work.registrations)}
      {section('work-contributions', m.contributions, work.contributions)}
    </Layout>
  );
}

/** The "what is happening" part of an activity's overview; parts the reader may not see are simply absent. */
export function ActivityNewsPart(props: { ctx: ViewContext; activity: Activity; news: ActivityNews }) {
  const { ctx, news } = props;
  const m = myWorkMessages(ctx.locale);
  const base = `/activities/${encodeURIComponent(props.activity.acronym)}`;
  return (
    <section aria-labelledby="happening" class="happening-part">
      <h2 id="happening">{m.happening}</h2>
      <h3>{m.nextMeeting}</h3>
      {news.next ? (
        <>
          <WorkList ctx={ctx} items={[news.next.meeting]} showActivity={false} />
          {news.next.deadlines.length ? <WorkList ctx={ctx} items={news.next.deadlines} showActivity={false} /> : null}
        </>
      ) : (
        <p class="muted">{m.noNextMeeting}</p>
      )}
      <p>
        <a href={`${base}/meetings`}>{m.allMeetings}</a>
      </p>
      {news.openLiaisons.length ? (
        <>
          <h3>{m.openLiaisons}</h3>
          <WorkList ctx={ctx} items={news.openLiaisons} showActivity={false} />
          <p>
            <a href={`${base}/liaisons`}>{m.allLiaisons}</a>
          </p>
        </>
      ) : null}
      {news.recentChanges.length ? (
        <>
          <h3>{m.recentChanges}</h3>
          <WorkList ctx={ctx} items={news.recentChanges} showActivity={false} />
          <p>
            <a href={`${base}/roadmap/changes`}>{m.allChanges}</a>
          </p>
        </>
      ) : null}
      {news.openActions.length ? (
        <>
          <h3>{m.openActions}</h3>
          <WorkList ctx={ctx} items={news.openActions} showActivity={false} />
        </>
      ) : null}
    </section>
  );
}
