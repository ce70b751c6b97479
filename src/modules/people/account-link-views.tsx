// The account part of a person's page and the list of accounts without a contact, for those who link them.
import type { ViewContext } from '../../platform/http/context.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, SelectField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import type { LinkedAccount, UnlinkedAccount } from './account-links.ts';
import { peopleMessages } from './messages.ts';

type PersonChoice = { id: number; name: string; email: string | null; affiliation: string | null };
const personLabel = (p: PersonChoice) => [p.name, p.affiliation ? ` (${p.affiliation})` : '', p.email ? ` — ${p.email}` : ''].join('');

/** On a person's page, for the secretariat and admins: the linked account and a button to unlink, or a form to link one. */
export function PersonAccountSection(props: { ctx: ViewContext; personId: number; account?: LinkedAccount; choices: UnlinkedAccount[]; error?: string }) {
  const { ctx, account } = props;
  const m = peopleMessages(ctx.locale);
  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">{m.linkedAccount}</h2>
      <ErrorSummary ctx={ctx} message={props.error} />
      {account ? (
        <>
          <p>
            {account.name} — {account.email} <span class="muted">({account.emailVerifiedAt ? m.verified : m.unverified})</span>
          </p>
          <PostForm ctx={ctx} action={`/people/${props.personId}/account/unlink`}>
            <button type="submit" class="button-secondary">
              {m.unlinkButton}
            </button>
          </PostForm>
        </>
      ) : (
        <>
          <p>{m.noAccount}</p>
          {props.choices.length ? (
            <PostForm ctx={ctx} action={`/people/${props.personId}/account`}>
              <SelectField
                ctx={ctx}
                name="userId"
                label={m.accountField}
                hint={m.linkAccountHint}
                required
                blank="—"
                options={props.choices.map((a) => ({ value: String(a.id), label: `${a.name} — ${a.email}` }))}
              />
              <Actions>
                <button type="submit">{m.linkAccount}</button>
              </Actions>
            </PostForm>
          ) : null}
        </>
      )}
    </section>
  );
}

function reasonOf(account: UnlinkedAccount, m: ReturnType<typeof peopleMessages>): string {
  if (account.match?.hasAccount) return m.reasons.personLinked(account.match.name);
  if (!account.emailVerifiedAt) return account.match ? `${m.reasons.unverified} ${m.reasons.match(account.match.name)}` : m.reasons.unverified;
  return account.match ? m.reasons.match(account.match.name) : m.reasons.noPerson;
}

/** Accounts no person is linked to, each with why and the quickest way to link it. */
export function UnlinkedAccountsPage(props: { ctx: ViewContext; accounts: UnlinkedAccount[]; people: PersonChoice[]; message?: string }) {
  const { ctx } = props;
  const m = peopleMessages(ctx.locale);
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={m.accountsTitle} crumbs={[{ href: '/people', label: m.title }]}>
      <h1>{m.accountsTitle}</h1>
      <p class="lead">{m.accountsIntro}</p>
      <ErrorSummary ctx={ctx} message={props.message} />
      {props.accounts.length ? (
        <ul class="cards">
          {props.accounts.map((a) => (
            <li class="card">
              <h2>{a.name}</h2>
              <p>
                {a.email}
                <br />
                <span class="muted">
                  {m.accountCreated} {formatDateTime(a.createdAt, ctx.locale, ctx.timeZone)} · {a.emailVerifiedAt ? m.verified : m.unverified}
                </span>
              </p>
              <p>
                <strong>{m.reason}:</strong> {reasonOf(a, m)}
              </p>
              {a.match && !a.match.hasAccount ? (
                <PostForm ctx={ctx} action={`/people/${a.match.personId}/account`}>
                  <input type="hidden" name="userId" value={String(a.id)} />
                  <input type="hidden" name="return" value="/people/accounts" />
                  <button type="submit">{m.linkTo(a.match.name)}</button>
                </PostForm>
              ) : null}
              {props.people.length ? (
                <PostForm ctx={ctx} action={`/people/accounts/${a.id}/link`}>
                  <SelectField
                    ctx={ctx}
                    name={`personId-${a.id}`}
                    required
                    label={a.match && !a.match.hasAccount ? m.linkToOther : m.person}
                    blank="—"
                    options={props.people.map((p) => ({ value: String(p.id), label: personLabel(p) }))}
                  />
                  <Actions>
                    <button type="submit" class="button-secondary">
                      {m.linkButton}
                    </button>
                  </Actions>
                </PostForm>
              ) : null}
              {a.match ? null : (
                <PostForm ctx={ctx} action={`/people/accounts/${a.id}/contact`}>
                  <button type="submit" class="button-secondary">
                    {m.createContact}
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{m.accountsEmpty}</p>
      )}
      <p>
        <a href="/people">{t.common.back}</a>
      </p>
    </Layout>
  );
}
