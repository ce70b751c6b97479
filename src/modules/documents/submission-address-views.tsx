import type { ViewContext } from '../../platform/http/context.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, PostForm } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { documentMessages } from './messages.ts';
import type { SubmissionAddresses } from './submission-addresses.ts';

export function SubmissionAddressPage(props: { ctx: ViewContext } & SubmissionAddresses) {
  const { ctx } = props;
  const m = documentMessages(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.submissionTitle}>
      <p>
        <a href="/account">← {ctx.t.account.title}</a>
      </p>
      <h1>{m.submissionTitle}</h1>
      <p>{m.submissionIntro}</p>
      {props.createdAt ? (
        <>
          {props.addresses.length ? (
            <dl class="submission-addresses">
              {props.addresses.map((a) => (
                <>
                  <dt>{a.acronym}</dt>
                  <dd>
                    <code>{a.address}</code>
                  </dd>
                </>
              ))}
            </dl>
          ) : (
            <p>{m.submissionNoActivity}</p>
          )}
          <p>{m.submissionMade(formatDateTime(props.createdAt, ctx.locale))}</p>
          <PostForm ctx={ctx} action="/account/submission-address">
            <p>{m.submissionRenewHint}</p>
            <Actions>
              <button type="submit">{m.submissionRenew}</button>
            </Actions>
          </PostForm>
        </>
      ) : (
        <PostForm ctx={ctx} action="/account/submission-address">
          <Actions>
            <button type="submit">{m.submissionMake}</button>
          </Actions>
        </PostForm>
      )}
    </Layout>
  );
}
