import type { ViewContext } from '../../platform/http/context.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import type { Crumb } from '../../platform/web/layout.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import type { HistoryEntry, ShownValue } from './history.ts';

/** A value as the table shows it: a long one shortened, with the whole text behind a disclosure (works without JS). */
function Value(props: { value: ShownValue; showWhole: string }) {
  if (!props.value.whole) return <>{props.value.text}</>;
  return (
    <details class="long-value">
      <summary>
        {props.value.text} <span class="long-value-more">{props.showWhole}</span>
      </summary>
      <p>{props.value.whole}</p>
    </details>
  );
}

/** One table of changes, newest first; each change lists its fields before and after. */
export function HistoryTable(props: { ctx: ViewContext; entries: HistoryEntry[]; diffLink?: (entry: HistoryEntry) => string | undefined }) {
  const { ctx, entries } = props;
  const t = ctx.t.history;
  if (!entries.length) return <p>{t.empty}</p>;
  return (
    <div class="table-wrap">
      <table class="stack history-table">
        <thead>
          <tr>
            <th scope="col">{t.when}</th>
            <th scope="col">{t.who}</th>
            <th scope="col">{t.what}</th>
            <th scope="col">{t.changes}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const link = props.diffLink?.(e);
            return (
              <tr id={`event-${e.id}`}>
                <td>
                  <time datetime={e.at.toISOString()}>{formatDateTime(e.at, ctx.locale, ctx.timeZone)}</time>
                </td>
                <td>
                  {/* Changes made by Concord itself (CLI, demo, jobs) have no user; the name says which part made them. */}
                  {e.actorUserId === null ? `${t.system}${e.actorName === 'concord' ? '' : ` (${e.actorName})`}` : e.actorName}
                </td>
                <td>
                  {e.summary}
                  {link ? (
                    <>
                      {' '}
                      <a href={link}>{t.changes}</a>
                    </>
                  ) : null}
                </td>
                <td>
                  {e.changes.length ? (
                    <ul class="change-list">
                      {e.changes.map((c) => (
                        <li>
                          <strong>{c.label}</strong>
                          {ctx.t.colon}
                          {e.created ? (
                            <Value value={c.after} showWhole={t.showWhole} />
                          ) : (
                            <>
                              <del>
                                <Value value={c.before} showWhole={t.showWhole} />
                              </del>{' '}
                              → <ins>
                                <Value value={c.after} showWhole={t.showWhole} />
                              </ins>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function HistoryPage(props: { ctx: ViewContext; title: string; crumbs: Crumb[]; entries: HistoryEntry[]; olderHref?: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title} crumbs={props.crumbs}>
      <h1>{props.title}</h1>
      <HistoryTable ctx={props.ctx} entries={props.entries} />
      {props.olderHref ? <a href={props.olderHref}>{props.ctx.t.history.older}</a> : null}
    </Layout>
  );
}
