// Pages of the contacts list: the list grouped by kind of contact, the secretariat's form, and the page a
// representative reaches from the yearly "is this still right?" mail.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import type { Leader } from '../../platform/roles.ts';
import { Actions, Checkbox, ErrorSummary, ExampleBadge, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { OrganizationNode } from '../organizations/index.ts';
import type { Person } from '../people/index.ts';
import type { ConfirmationView, ContactList, ContactRow, ContactView } from './contacts.ts';
import { type ContactMessages, contactMessages } from './messages.ts';
import { canContacts } from './policy.ts';
import { contactRoles } from './schema.ts';

export const contactsBase = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/contacts`;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

type GroupKey = keyof ContactMessages['groups'];

/** Which heading an entry goes under: leadership, TSB, study groups, other ITU groups, external bodies, liaisons, focal points; ended entries last. */
export function groupOf(c: ContactView): GroupKey {
  if (!c.current) return 'former';
  if (c.source === 'membership') return 'leadership';
  switch (c.role) {
    case 'tsb_contact':
      return 'tsb';
    case 'study_group_representative':
      return 'studyGroups';
    case 'itu_group_representative':
      return 'ituGroups';
    case 'external_body_representative':
      return 'externalBodies';
    case 'liaison_representative_to':
    case 'liaison_representative_from':
      return 'liaisons';
    default:
      return 'focalPoints';
  }
}
const groupOrder: GroupKey[] = ['leadership', 'tsb', 'studyGroups', 'ituGroups', 'externalBodies', 'liaisons', 'focalPoints', 'former'];

function roleText(c: ContactView, m: ContactMessages) {
  return c.source === 'membership' ? m.leadershipRoles[c.role as Leader] : m.roles[c.role as keyof ContactMessages['roles']];
}

function ContactRowView(props: { ctx: ViewContext; activity: Activity; c: ContactView; showAddresses: boolean; canEdit: boolean }) {
  const { ctx, c } = props;
  const m = contactMessages(ctx.locale);
  const p = c.person;
  return (
    <tr class={c.flag ? 'contact-flagged' : undefined}>
      <td>
        <strong>{p.name}</strong>
        {p.isExample ? <ExampleBadge ctx={ctx} /> : null}
        {p.affiliation || p.country ? <span class="muted">{[p.affiliation, p.country].filter(Boolean).join(', ')}</span> : null}
      </td>
      <td data-label={m.organization}>{c.organization ? <abbr title={c.organization.name}>{c.organization.path}</abbr> : ''}</td>
      <td data-label={m.role}>
        {roleText(c, m)}
        {c.topic ? <span class="muted">{` — ${c.topic}`}</span> : null}
      </td>
      <td data-label={m.since}>
        {c.since ? formatDate(c.since, ctx.locale) : ''}
        {c.until ? <span class="muted">{`${m.until} ${formatDate(c.until, ctx.locale)}`}</span> : null}
      </td>
      {props.showAddresses ? (
        <td data-label={m.email}>
          {p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : ''}
          {p.phone ? <div>{p.phone}</div> : null}
        </td>
      ) : null}
      <td data-label={m.status}>
        {c.flag ? <strong class="flag">{m.flags[c.flag]}</strong> : c.confirmedAt ? m.confirmedOn(formatDate(isoDate(c.confirmedAt), ctx.locale)) : ''}
      </td>
      {props.canEdit ? <td data-label={ctx.t.common.actions}>{c.id !== null ? <a href={`${contactsBase(props.activity)}/${c.id}/edit`}>{m.edit}<span class="visually-hidden">{` ${p.name}`}</span></a> : ''}</td> : null}
    </tr>
  );
}

export function ContactsPage(props: { ctx: ViewContext; activity: Activity; list: ContactList }) {
  const { ctx, activity: a, list } = props;
  const m = contactMessages(ctx.locale);
  const canEdit = canContacts(ctx.actor, 'edit', a);
  const groups = groupOrder.map((key) => [key, list.contacts.filter((c) => groupOf(c) === key)] as const).filter(([, items]) => items.length);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="contacts" title={m.title}>
      <h2>{m.title}</h2>
      <p>{m.intro}</p>
      {list.showAddresses ? null : <p class="muted">{m.addressesHidden}</p>}
      <div class="actions">
        {canEdit ? (
          <a class="button" href={`${contactsBase(a)}/new`}>
            {m.add}
          </a>
        ) : null}
        <a class="button button-secondary" href={`${contactsBase(a)}/export.csv`}>
          {m.exportCsv}
        </a>
        <a class="button button-secondary" href={`${contactsBase(a)}/export.vcf`}>
          {m.exportVcard}
        </a>
      </div>
      {groups.length ? null : <p>{m.empty}</p>}
      {groups.map(([key, items]) => (
        <section aria-labelledby={`group-${key}`}>
          <h3 id={`group-${key}`}>{m.groups[key]}</h3>
          {key === 'leadership' ? <p class="muted">{m.leadershipNote}</p> : null}
          <div class="table-wrap">
            <table class="stack contacts-table">
              <thead>
                <tr>
                  <th scope="col">{m.person}</th>
                  <th scope="col">{m.organization}</th>
                  <th scope="col">{m.role}</th>
                  <th scope="col">{m.since}</th>
                  {list.showAddresses ? <th scope="col">{m.email}</th> : null}
                  <th scope="col">{m.status}</th>
                  {canEdit ? <th scope="col">{ctx.t.common.actions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <ContactRowView ctx={ctx} activity={a} c={c} showAddresses={list.showAddresses} canEdit={canEdit} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </ActivityFrame>
  );
}

export function ContactFormPage(
  props: { ctx: ViewContext; activity: Activity; contact?: ContactRow; people: Person[]; organizations: OrganizationNode[] } & FormState,
) {
  const { ctx, activity: a, contact } = props;
  const m = contactMessages(ctx.locale);
  const e = props.errors ?? {};
  const value = (name: keyof ContactRow & string) => valueOf(props.values, name) ?? (contact?.[name] == null ? undefined : String(contact[name]));
  const labels = { role: m.role, personId: m.person, organizationId: m.organization, topic: m.topic, since: m.since, until: m.until };
  const title = contact ? m.editTitle : m.addTitle;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="contacts" title={title}>
      <h2>{title}</h2>
      <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={labels} />
      <PostForm ctx={ctx} action={contact ? `${contactsBase(a)}/${contact.id}` : contactsBase(a)}>
        <SelectField ctx={ctx} name="role" label={m.role} required value={value('role')} error={e.role} blank={m.choose} options={contactRoles.map((r) => ({ value: r, label: m.roles[r] }))} />
        <SelectField
          ctx={ctx}
          name="personId"
          label={m.person}
          hint={m.personHint}
          required
          value={value('personId')}
          error={e.personId}
          blank={m.choose}
          options={props.people.map((p) => ({ value: String(p.id), label: p.affiliation ? `${p.name} (${p.affiliation})` : p.name }))}
        />
        <SelectField
          ctx={ctx}
          name="organizationId"
          label={m.organization}
          hint={m.organizationHint}
          value={value('organizationId')}
          error={e.organizationId}
          blank={m.none}
          options={props.organizations.map((o) => ({ value: String(o.id), label: `${'\u00a0\u00a0'.repeat(o.depth)}${o.path} — ${o.name}` }))}
        />
        <TextField ctx={ctx} name="topic" label={m.topic} hint={m.topicHint} value={value('topic')} error={e.topic} maxLength={300} />
        <TextField ctx={ctx} name="since" type="date" label={m.since} value={value('since')} error={e.since} />
        <TextField ctx={ctx} name="until" type="date" label={m.until} hint={m.untilHint} value={value('until')} error={e.until} />
        {contact ? <Checkbox name="markConfirmed" label={m.markConfirmed} checked={valueOf(props.values, 'markConfirmed') === 'on'} /> : null}
        <Actions>
          <button type="submit">{m.save}</button>
        </Actions>
      </PostForm>
      {contact ? (
        <PostForm ctx={ctx} action={`${contactsBase(a)}/${contact.id}/remove`} class="inline-form">
          <p class="hint">{m.removeHint}</p>
          <button type="submit" class="button-secondary">
            {m.remove}
          </button>
        </PostForm>
      ) : null}
    </ActivityFrame>
  );
}

/** The page behind the link in the yearly mail: the entry, "still right", or a correction. No account needed. */
export function ConfirmationPage(props: { ctx: ViewContext; token: string; view: ConfirmationView; done?: 'confirmed' | 'corrected' } & FormState) {
  const { ctx, view } = props;
  const m = contactMessages(ctx.locale);
  const e = props.errors ?? {};
  const answered = view.request.answeredAt;
  return (
    <Layout ctx={ctx} title={m.confirmTitle}>
      <h1>{m.confirmTitle}</h1>
      {props.done ? <p class="flash" role="status">{props.done === 'confirmed' ? m.confirmThanks : m.correctionThanks}</p> : null}
      <p>{m.confirmIntro(view.activity.acronym)}</p>
      <dl class="facts">
        <dt>{m.person}</dt>
        <dd>{view.person.name}</dd>
        <dt>{m.role}</dt>
        <dd>{m.roles[view.contact.role]}</dd>
        {view.body ? (
          <>
            <dt>{m.organization}</dt>
            <dd>{view.body}</dd>
          </>
        ) : null}
        {view.contact.since ? (
          <>
            <dt>{m.since}</dt>
            <dd>{formatDate(view.contact.since, ctx.locale)}</dd>
          </>
        ) : null}
      </dl>
      {answered && !props.done ? <p>{m.confirmAlready(formatDate(isoDate(answered), ctx.locale))}</p> : null}
      {answered ? null : (
        <>
          <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ correction: m.confirmCorrection }} />
          <PostForm ctx={ctx} action={`/contacts/confirm/${props.token}`}>
            <input type="hidden" name="answer" value="confirm" />
            <Actions>
              <button type="submit">{m.confirmYes}</button>
            </Actions>
          </PostForm>
          <PostForm ctx={ctx} action={`/contacts/confirm/${props.token}`}>
            <input type="hidden" name="answer" value="correct" />
            <TextArea ctx={ctx} name="correction" label={m.confirmCorrection} hint={m.confirmCorrectionHint} required value={valueOf(props.values, 'correction')} error={e.correction} maxLength={5000} />
            <Actions>
              <button type="submit" class="button-secondary">
                {m.confirmSendCorrection}
              </button>
            </Actions>
          </PostForm>
        </>
      )}
    </Layout>
  );
}
