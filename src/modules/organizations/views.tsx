import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { Actions, ErrorSummary, ExternalLink, Facts, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { organizationMessages } from './messages.ts';
import type { OrganizationNode } from './organizations.ts';
import { canOrganization } from './policy.ts';
import { organizationKinds } from './schema.ts';

export function OrganizationListPage(props: { ctx: ViewContext; organizations: OrganizationNode[] }) {
  const { ctx } = props;
  const m = organizationMessages(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p class="lead">{m.intro}</p>
      {canOrganization(ctx.actor, 'create') ? (
        <p>
          <a class="button" href="/organizations/new">
            {m.new}
          </a>
        </p>
      ) : null}
      {props.organizations.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{m.acronym}</th>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.kind}</th>
              </tr>
            </thead>
            <tbody>
              {props.organizations.map((o) => (
                <tr>
                  <td>
                    <span class={`indent-${Math.min(o.depth, 3)}`}>
                      <a href={`/organizations/${o.id}`}>{o.path}</a>
                    </span>
                  </td>
                  <td data-label={m.name}>{ctx.locale === 'fr' && o.nameFr ? o.nameFr : o.name}</td>
                  <td data-label={m.kind}>{m.kinds[o.kind]}</td>
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

export function OrganizationPage(props: { ctx: ViewContext; organization: OrganizationNode; children: OrganizationNode[]; parent?: OrganizationNode }) {
  const { ctx, organization: o } = props;
  const m = organizationMessages(ctx.locale);
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={o.path} crumbs={[{ href: '/organizations', label: m.title }]}>
      <h1>
        {o.path} <span class="pill">{m.kinds[o.kind]}</span>
      </h1>
      <Facts
        items={[
          [m.name, o.name],
          [m.nameFr, o.nameFr],
          [m.parent, props.parent ? <a href={`/organizations/${props.parent.id}`}>{props.parent.path}</a> : null],
          [t.common.country, o.country],
          [t.common.website, <ExternalLink href={o.website} />],
          [t.common.description, o.description ? <span class="prose">{o.description}</span> : null],
        ]}
      />
      {props.children.length ? (
        <>
          <h2>{m.groups}</h2>
          <ul>
            {props.children.map((c) => (
              <li>
                <a href={`/organizations/${c.id}`}>{c.acronym}</a> — {c.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Actions>
        {canOrganization(ctx.actor, 'update') ? (
          <a class="button" href={`/organizations/${o.id}/edit`}>
            {t.common.edit}
          </a>
        ) : null}
        <a href={`/history/organization/${o.id}`}>{t.common.history}</a>
      </Actions>
    </Layout>
  );
}

export function OrganizationFormPage(
  props: { ctx: ViewContext; organization?: OrganizationNode; organizations: OrganizationNode[] } & FormState,
) {
  const { ctx, organization: o } = props;
  const m = organizationMessages(ctx.locale);
  const t = ctx.t;
  const v = (name: string, fallback: string | number | null | undefined) =>
    props.values ? valueOf(props.values, name) : fallback;
  const e = props.errors ?? {};
  const title = o ? m.edit(o.path) : m.new;
  const labels = { kind: m.kind, acronym: m.acronym, name: m.name, nameFr: m.nameFr, parentId: m.parent, country: t.common.country, website: t.common.website, description: t.common.description };
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/organizations', label: m.title }]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} labels={labels} message={props.message} />
      <PostForm ctx={ctx} action={o ? `/organizations/${o.id}` : '/organizations'}>
        <SelectField ctx={ctx} name="kind" label={m.kind} required value={v('kind', o?.kind ?? 'standards_body')} error={e.kind} options={organizationKinds.map((k) => ({ value: k, label: m.kinds[k] }))} />
        <TextField ctx={ctx} name="acronym" label={m.acronym} hint={m.acronymHint} required maxLength={60} value={v('acronym', o?.acronym)} error={e.acronym} />
        <TextField ctx={ctx} name="name" label={m.name} required maxLength={300} value={v('name', o?.name)} error={e.name} />
        <TextField ctx={ctx} name="nameFr" label={m.nameFr} maxLength={300} value={v('nameFr', o?.nameFr)} error={e.nameFr} />
        <SelectField
          ctx={ctx}
          name="parentId"
          label={m.parent}
          value={v('parentId', o?.parentId)}
          blank={m.parentNone}
          error={e.parentId}
          options={props.organizations.filter((p) => p.id !== o?.id).map((p) => ({ value: String(p.id), label: p.path }))}
        />
        <TextField ctx={ctx} name="country" label={t.common.country} maxLength={100} value={v('country', o?.country)} error={e.country} />
        <TextField ctx={ctx} name="website" type="url" label={t.common.website} value={v('website', o?.website)} error={e.website} />
        <TextArea ctx={ctx} name="description" label={t.common.description} value={v('description', o?.description)} error={e.description} />
        <Actions>
          <button type="submit">{o ? t.common.save : t.common.create}</button>
          <a href={o ? `/organizations/${o.id}` : '/organizations'}>{t.common.cancel}</a>
        </Actions>
      </PostForm>
      {o && canOrganization(ctx.actor, 'delete') ? (
        <PostForm ctx={ctx} action={`/organizations/${o.id}/delete`}>
          <button type="submit" class="button-danger">
            {m.deleteConfirm}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}
