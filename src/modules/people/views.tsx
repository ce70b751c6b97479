import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { Actions, Checkbox, ErrorSummary, ExampleBadge, Facts, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import type { OrganizationNode } from '../organizations/index.ts';
import { activityMessages } from '../activities/index.ts';
import type { ActivityRole } from '../../db/schema.ts';
import { PersonAccountSection } from './account-link-views.tsx';
import type { LinkedAccount, UnlinkedAccount } from './account-links.ts';
import { peopleMessages } from './messages.ts';
import type { Person } from './people.ts';
import { canPerson } from './policy.ts';

export function PeopleListPage(props: { ctx: ViewContext; people: Person[]; query: string }) {
  const { ctx } = props;
  const m = peopleMessages(ctx.locale);
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p class="lead">{m.intro}</p>
      <form method="get" action="/people" class="form" role="search">
        <div class="field">
          <label for="people-q">{m.search}</label>
          <p class="hint">{m.searchHint}</p>
          <input id="people-q" type="search" name="q" value={props.query} />
        </div>
        <button type="submit">{t.common.search}</button>
      </form>
      {canPerson(ctx.actor, 'create') ? (
        <p>
          <a class="button" href="/people/new">
            {m.new}
          </a>
        </p>
      ) : null}
      {canPerson(ctx.actor, 'link_account') ? (
        <p>
          <a href="/people/accounts">{m.accountsLink}</a>
        </p>
      ) : null}
      {props.people.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t.common.name}</th>
                <th scope="col">{m.affiliation}</th>
                <th scope="col">{t.common.country}</th>
                <th scope="col">{t.common.email}</th>
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr>
                  <td>
                    <a href={`/people/${p.id}`}>{p.name}</a>
                    {p.isExample ? <ExampleBadge ctx={ctx} /> : null}
                  </td>
                  <td data-label={m.affiliation}>{p.affiliation ?? ''}</td>
                  <td data-label={t.common.country}>{p.country ?? ''}</td>
                  <td data-label={t.common.email}>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{m.empty}</p>
      )}
    </Layout>
  );
}

export function PersonPage(props: {
  ctx: ViewContext;
  person: Person;
  organization?: OrganizationNode;
  roles: { acronym: string; role: string }[];
  /** for those who link accounts: the linked account, or the accounts it could be linked to */
  accountLink?: { account?: LinkedAccount; choices: UnlinkedAccount[]; error?: string };
}) {
  const { ctx, person: p } = props;
  const m = peopleMessages(ctx.locale);
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={p.name} crumbs={[{ href: '/people', label: m.title }]}>
      <h1>
        {p.name}
        {p.isExample ? <ExampleBadge ctx={ctx} /> : null}
      </h1>
      <Facts
        items={[
          [m.affiliation, p.affiliation],
          [m.organization, props.organization ? <a href={`/organizations/${props.organization.id}`}>{props.organization.path}</a> : null],
          [t.common.country, p.country],
          [t.common.email, p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : null],
          [m.phone, p.phone],
          [m.account, p.userId && !props.accountLink ? m.hasAccount : null],
          [m.notes, p.notes ? <span class="prose">{p.notes}</span> : null],
        ]}
      />
      <h2>{m.roles}</h2>
      {props.roles.length ? (
        <ul>
          {props.roles.map((r) => (
            <li>
              <a href={`/activities/${encodeURIComponent(r.acronym)}`}>{r.acronym}</a>: {activityMessages(ctx.locale).roles[r.role as ActivityRole] ?? r.role}
            </li>
          ))}
        </ul>
      ) : (
        <p>{m.noRoles}</p>
      )}
      {props.accountLink ? <PersonAccountSection ctx={ctx} personId={p.id} {...props.accountLink} /> : null}
      <Actions>
        {canPerson(ctx.actor, 'update') ? (
          <a class="button" href={`/people/${p.id}/edit`}>
            {t.common.edit}
          </a>
        ) : null}
        <a href={`/history/person/${p.id}`}>{t.common.history}</a>
      </Actions>
    </Layout>
  );
}

export function PersonFormPage(props: { ctx: ViewContext; person?: Person; organizations: OrganizationNode[] } & FormState) {
  const { ctx, person: p } = props;
  const m = peopleMessages(ctx.locale);
  const t = ctx.t;
  const v = (name: string, fallback: string | number | null | undefined) => (props.values ? valueOf(props.values, name) : fallback);
  const e = props.errors ?? {};
  const title = p ? m.edit(p.name) : m.new;
  const labels = { name: t.common.name, email: t.common.email, affiliation: m.affiliation, country: t.common.country, organizationId: m.organization, phone: m.phone, notes: m.notes };
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/people', label: m.title }]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} labels={labels} message={props.message} />
      <PostForm ctx={ctx} action={p ? `/people/${p.id}` : '/people'}>
        <TextField ctx={ctx} name="name" label={t.common.name} required maxLength={200} value={v('name', p?.name)} error={e.name} autocomplete="off" />
        <TextField ctx={ctx} name="email" type="email" label={t.common.email} value={v('email', p?.email)} error={e.email} autocomplete="off" />
        <TextField ctx={ctx} name="affiliation" label={m.affiliation} hint={m.affiliationHint} maxLength={300} value={v('affiliation', p?.affiliation)} error={e.affiliation} />
        <SelectField ctx={ctx} name="organizationId" label={m.organization} blank={m.organizationNone} value={v('organizationId', p?.organizationId)} error={e.organizationId} options={props.organizations.map((o) => ({ value: String(o.id), label: o.path }))} />
        <TextField ctx={ctx} name="country" label={t.common.country} maxLength={100} value={v('country', p?.country)} error={e.country} />
        <TextField ctx={ctx} name="phone" type="text" label={m.phone} maxLength={50} value={v('phone', p?.phone)} error={e.phone} />
        <TextArea ctx={ctx} name="notes" label={m.notes} value={v('notes', p?.notes)} error={e.notes} />
        <Checkbox name="isExample" label={m.isExample} checked={props.values ? valueOf(props.values, 'isExample') === 'on' : p?.isExample} />
        <Actions>
          <button type="submit">{p ? t.common.save : t.common.create}</button>
          <a href={p ? `/people/${p.id}` : '/people'}>{t.common.cancel}</a>
        </Actions>
      </PostForm>
      {p && canPerson(ctx.actor, 'delete') ? (
        <PostForm ctx={ctx} action={`/people/${p.id}/delete`}>
          <button type="submit" class="button-danger">
            {m.deleteConfirm}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}
