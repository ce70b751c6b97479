// The backups page of the site administration.
import type { ViewContext } from '../../platform/http/context.ts';
import { Layout } from '../../platform/web/layout.tsx';
import { backupMessages } from './messages.ts';

export function BackupPage(props: { ctx: ViewContext; downloadPath: string }) {
  const { ctx } = props;
  const m = backupMessages(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.title} crumbs={[{ href: '/admin', label: ctx.t.admin.title }]}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <p>
        <a class="button" href={props.downloadPath} download>
          {m.download}
        </a>
      </p>
      <p>{m.commandLine}</p>
      <pre>
        <code>concord backup concord-backup.zip --token cnc_…</code>
      </pre>
      <h2>{m.restoreTitle}</h2>
      <p>{m.restoreHow}</p>
      <pre>
        <code>concord restore concord-backup.zip</code>
      </pre>
    </Layout>
  );
}
