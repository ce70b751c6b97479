// The page of a download waiting its turn (waiting-downloads.ts): where it stands, refreshed every few seconds by a
// meta refresh (no script) until the file is ready, then a link to it.
import { AppError } from '../errors.ts';
import type { ViewContext } from '../http/context.ts';
import { Layout } from '../web/layout.tsx';
import { workerMessages } from './messages.ts';
import type { WaitingDownload } from './waiting-downloads.ts';

/** Seconds between two looks at a waiting download. */
export const downloadRefreshSeconds = 3;

export function WaitingDownloadPage(props: { ctx: ViewContext; download: WaitingDownload; fileHref: string }) {
  const { ctx, download } = props;
  const w = workerMessages(ctx.locale);
  const state = download.state();
  const waiting = state.state === 'queued' || state.state === 'running';
  return (
    <Layout ctx={ctx} title={w.downloadTitle(download.fileName)} refreshSeconds={waiting ? downloadRefreshSeconds : undefined}>
      <h1>{w.downloadTitle(download.fileName)}</h1>
      {/* role=status: a screen reader hears the new place in line after each refresh. */}
      <div role="status">
        {state.state === 'queued' ? (
          <>
            <p>
              <strong>{w.queued(state.position)}</strong>
            </p>
            <p>{w.busy}</p>
          </>
        ) : state.state === 'running' ? (
          <p>
            <strong>{w.running}</strong>
          </p>
        ) : state.state === 'ready' ? (
          <>
            <p>
              <strong>{w.ready}</strong>
            </p>
            <p>
              <a href={props.fileHref} download={download.fileName}>
                {w.download(download.fileName)}
              </a>
            </p>
            <p>{w.kept}</p>
          </>
        ) : (
          <div class="error-summary" role="alert">
            <p>{w.failed}</p>
            {/* An unexpected error's words stay in the log; an AppError's are written for the reader. */}
            {state.error instanceof AppError ? <p>{state.error.message}</p> : null}
          </div>
        )}
      </div>
      {waiting ? <p>{w.refreshes}</p> : null}
      <p>
        <a href={download.backTo}>{w.back}</a>
      </p>
    </Layout>
  );
}
