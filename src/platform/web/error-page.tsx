import type { ViewContext } from '../http/context.ts';
import { Layout } from './layout.tsx';

/** The readable page for any error: what went wrong in plain words, and a reference for a 500. */
export function ErrorPage(props: {
  ctx: ViewContext;
  status: number;
  body: { message: string; details: Record<string, unknown> };
}) {
  const { ctx, body } = props;
  const fields = (body.details.fields ?? {}) as Record<string, string>;
  return (
    <Layout ctx={ctx} title={ctx.t.errors.title}>
      <h1>{ctx.t.errors.title}</h1>
      <p class="lead">{body.message}</p>
      {Object.keys(fields).length ? (
        <ul>
          {Object.entries(fields).map(([field, message]) => (
            <li>
              <strong>{field}</strong>
              {ctx.t.colon}
              {message}
            </li>
          ))}
        </ul>
      ) : null}
      {typeof body.details.reference === 'string' ? <p class="muted">{ctx.t.errors.reference(body.details.reference)}</p> : null}
      <p>
        <a href="/">{ctx.t.errors.home}</a>
      </p>
    </Layout>
  );
}
