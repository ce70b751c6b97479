import type { FieldErrors } from '../errors.ts';
import type { ViewContext } from '../http/context.ts';
import type { MailRow } from '../mail/outbox.ts';
import { formatDateTime } from '../i18n/locale.ts';
import { timeZoneOptionsHtml } from '../i18n/time-zones.tsx';
import { Actions, Checkbox, ErrorSummary, PostForm, SelectField, TextField } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { maskTokens } from '../tokens.ts';
import type { User } from './accounts.ts';

type FormState = { values?: Record<string, string>; errors?: FieldErrors; message?: string };

/** A single sign-on provider as its button shows it (from OIDC_PROVIDERS, in the reader's language). */
export type SignInProvider = { id: string; label: string };

export function SignInPage(props: { ctx: ViewContext; next: string; signUpOpen?: boolean; providers?: readonly SignInProvider[] } & FormState) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t.auth.signInTitle}>
      <h1>{t.auth.signInTitle}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors} message={props.message} />
      <PostForm ctx={ctx} action="/sign-in">
        <input type="hidden" name="next" value={props.next} />
        <TextField ctx={ctx} name="email" type="email" label={t.common.email} autocomplete="username" required value={props.values?.email} error={props.errors?.email} />
        <TextField ctx={ctx} name="password" type="password" label={t.auth.password} autocomplete="current-password" required error={props.errors?.password} />
        <Actions>
          <button type="submit">{t.auth.signInButton}</button>
          <a href="/password/forgot">{t.auth.forgot}</a>
        </Actions>
      </PostForm>
      {props.providers?.length ? (
        <section aria-labelledby="sign-in-providers">
          <h2 id="sign-in-providers">{t.auth.otherWays}</h2>
          {/* A POST starts the sign-in: it writes the pending sign-in's row, which a GET must never do. */}
          {props.providers.map((p) => (
            <PostForm ctx={ctx} action={`/sign-in/oidc/${encodeURIComponent(p.id)}`}>
              <input type="hidden" name="next" value={props.next} />
              <Actions>
                <button type="submit">{t.auth.signInWith(p.label)}</button>
              </Actions>
            </PostForm>
          ))}
        </section>
      ) : null}
      {props.signUpOpen ? (
        <p>
          {t.auth.noAccount} <a href="/sign-up">{t.auth.createAccount}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function ForgotPasswordPage(props: { ctx: ViewContext; sent?: boolean } & FormState) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t.auth.forgotTitle}>
      <h1>{t.auth.forgotTitle}</h1>
      {props.sent ? (
        <p class="flash" role="status">
          {t.auth.linkSent}
        </p>
      ) : (
        <>
          <p>{t.auth.forgotIntro}</p>
          <ErrorSummary ctx={ctx} errors={props.errors} />
          <PostForm ctx={ctx} action="/password/forgot">
            <TextField ctx={ctx} name="email" type="email" label={t.common.email} autocomplete="username" required value={props.values?.email} error={props.errors?.email} />
            <Actions>
              <button type="submit">{t.auth.sendLink}</button>
            </Actions>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function ResetPasswordPage(props: { ctx: ViewContext; token: string; valid: boolean } & FormState) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t.auth.resetTitle}>
      <h1>{t.auth.resetTitle}</h1>
      {props.valid ? (
        <>
          <ErrorSummary ctx={ctx} errors={props.errors} />
          <PostForm ctx={ctx} action={`/password/reset/${encodeURIComponent(props.token)}`}>
            <TextField ctx={ctx} name="password" type="password" label={t.auth.newPassword} hint={t.auth.passwordHint} autocomplete="new-password" required error={props.errors?.password} />
            <Actions>
              <button type="submit">{t.auth.resetButton}</button>
            </Actions>
          </PostForm>
        </>
      ) : (
        <p>
          {t.auth.resetInvalid} <a href="/password/forgot">{t.auth.forgot}</a>
        </p>
      )}
    </Layout>
  );
}

type TokenRow = { id: number; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export function AccountPage(
  props: {
    ctx: ViewContext;
    user: User;
    tokens: TokenRow[];
    newToken?: string;
    /** the contact record linked to the account, which lists the user's roles in activities */
    personId: number | null;
    /** mail-in takes contributions at secret addresses (MAIL_IN_ADDRESS is set) */
    mailIn?: boolean;
  } & FormState,
) {
  const { ctx, user } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t.account.title}>
      <h1>{t.account.title}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h2>{t.account.profile}</h2>
      <PostForm ctx={ctx} action="/account">
        <TextField ctx={ctx} name="name" label={t.common.name} required value={props.values?.name ?? user.name} error={props.errors?.name} autocomplete="name" />
        <p>
          <strong>{t.common.email}:</strong> {user.email}
        </p>
        <SelectField
          ctx={ctx}
          name="locale"
          label={t.account.language}
          value={props.values?.locale ?? user.locale ?? ''}
          blank="—"
          options={[
            { value: 'en', label: 'English' },
            { value: 'fr', label: 'Français' },
          ]}
          error={props.errors?.locale}
        />
        <div class={props.errors?.timeZone ? 'field field-error' : 'field'}>
          <label for="field-timeZone">
            {t.account.timeZone}
            <span class="optional"> ({t.common.optional})</span>
          </label>
          <p class="hint" id="hint-timeZone">
            {t.account.timeZoneHint}
          </p>
          {props.errors?.timeZone ? (
            <p class="error-message" id="error-timeZone">
              {props.errors.timeZone}
            </p>
          ) : null}
          <select
            id="field-timeZone"
            name="timeZone"
            aria-invalid={props.errors?.timeZone ? 'true' : undefined}
            aria-describedby={props.errors?.timeZone ? 'hint-timeZone error-timeZone' : 'hint-timeZone'}
            dangerouslySetInnerHTML={{ __html: timeZoneOptionsHtml(ctx.locale, props.values?.timeZone ?? user.timeZone) }}
          />
        </div>
        <Actions>
          <button type="submit">{t.common.save}</button>
        </Actions>
      </PostForm>
      <h2>{t.account.roles}</h2>
      {props.personId ? (
        <p>
          <a href={`/people/${props.personId}`}>{t.account.contactRecord}</a>
        </p>
      ) : (
        <p>{t.account.noRoles}</p>
      )}
      {props.mailIn && props.personId ? (
        <>
          <h2>{t.account.mailIn}</h2>
          <p>
            <a href="/account/submission-address">{t.account.mailInLink}</a>
          </p>
        </>
      ) : null}
      <h2>{t.account.tokens}</h2>
      <p>{t.account.tokensIntro}</p>
      {props.newToken ? (
        <div class="flash" role="status">
          <p>{t.account.tokenCreated}</p>
          <p>
            <code id="new-token">{props.newToken}</code>
          </p>
        </div>
      ) : null}
      {props.tokens.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t.account.tokenName}</th>
                <th scope="col">{t.common.created}</th>
                <th scope="col">{t.account.lastUsed}</th>
                <th scope="col">{t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((token) => (
                <tr>
                  <td>
                    {token.name} <code>{token.prefix}…</code>
                  </td>
                  <td data-label={t.common.created}>{formatDateTime(token.createdAt, ctx.locale, ctx.timeZone)}</td>
                  <td data-label={t.account.lastUsed}>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, ctx.locale, ctx.timeZone) : t.account.never}</td>
                  <td>
                    {token.revokedAt ? (
                      t.account.revoked
                    ) : (
                      <PostForm ctx={ctx} action={`/account/tokens/${token.id}/revoke`} class="inline-form">
                        <button type="submit" class="button-secondary">
                          {t.account.revoke}
                        </button>
                      </PostForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <PostForm ctx={ctx} action="/account/tokens">
        <TextField ctx={ctx} name="tokenName" label={t.account.tokenName} required error={props.errors?.tokenName} />
        <Actions>
          <button type="submit">{t.account.newToken}</button>
        </Actions>
      </PostForm>
    </Layout>
  );
}

export function AdminPage(props: { ctx: ViewContext; users: User[] } & FormState) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t.admin.title}>
      <h1>{t.admin.title}</h1>
      <p>
        <a href="/admin/outbox">{t.admin.outbox}</a> · <a href="/admin/backup">{t.admin.backups}</a>
      </p>
      <h2>{t.admin.users}</h2>
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t.common.name}</th>
              <th scope="col">{t.common.email}</th>
              <th scope="col">{t.admin.isAdmin}</th>
              <th scope="col">{t.common.created}</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td data-label={t.common.email}>{u.email}</td>
                <td data-label={t.admin.isAdmin}>{u.isAdmin ? t.common.yes : t.common.no}</td>
                <td data-label={t.common.created}>{formatDateTime(u.createdAt, ctx.locale, ctx.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="new-user">{t.admin.newUser}</h2>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <PostForm ctx={ctx} action="/admin/users">
        <TextField ctx={ctx} name="name" label={t.common.name} required value={props.values?.name} error={props.errors?.name} />
        <TextField ctx={ctx} name="email" type="email" label={t.common.email} required value={props.values?.email} error={props.errors?.email} />
        <TextField ctx={ctx} name="password" type="password" label={t.auth.password} hint={t.auth.passwordHint} autocomplete="new-password" error={props.errors?.password} />
        <Checkbox name="isAdmin" label={t.admin.isAdmin} checked={props.values?.isAdmin === 'on'} />
        <Actions>
          <button type="submit">{t.common.create}</button>
        </Actions>
      </PostForm>
    </Layout>
  );
}

export function OutboxPage(props: { ctx: ViewContext; mails: MailRow[] }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t.admin.outbox} crumbs={[{ href: '/admin', label: t.admin.title }]}>
      <h1>{t.admin.outbox}</h1>
      <p>{t.admin.outboxIntro}</p>
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t.common.created}</th>
              <th scope="col">{t.admin.recipient}</th>
              <th scope="col">{t.admin.subject}</th>
              <th scope="col">{t.admin.status}</th>
              <th scope="col">{t.admin.attempts}</th>
              <th scope="col">{t.admin.lastError}</th>
            </tr>
          </thead>
          <tbody>
            {props.mails.map((m) => (
              <tr>
                <td>{formatDateTime(m.createdAt, ctx.locale, ctx.timeZone)}</td>
                <td data-label={t.admin.recipient}>{m.recipient}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre class="prose">{maskTokens(m.textBody)}</pre>
                  </details>
                </td>
                <td data-label={t.admin.status}>{m.status}</td>
                <td data-label={t.admin.attempts}>{m.attempts}</td>
                <td data-label={t.admin.lastError}>{m.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
