// Pages of invitations and sign-up. Forms work without JavaScript; tables read as cards on a phone.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, SelectField, TextField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { type Activity, ActivityFrame, activityMessages, activityRoles } from '../activities/index.ts';
import type { InvitationRow, InvitationView } from './invitations.ts';
import { accessMessages } from './messages.ts';

const activityPath = (a: { acronym: string }) => `/activities/${encodeURIComponent(a.acronym)}`;
export const invitationsPath = (a: { acronym: string }) => `${activityPath(a)}/invitations`;

/** A cell that names its column on a phone, where the table reads as one card per row. */
function Cell(props: { ctx: ViewContext; label: string; children: ComponentChildren }) {
  // French puts a space before the colon.
  return (
    <td>
      <span class="cell-label">
        {props.label}
        {props.ctx.t.colon}
      </span>
      {props.children}
    </td>
  );
}

type PersonChoice = { id: number; name: string; email: string | null; affiliation: string | null };

export function InvitationsPage(props: { ctx: ViewContext; activity: Activity; open: InvitationRow[]; closed: InvitationRow[]; people: PersonChoice[] } & FormState) {
  const { ctx, activity } = props;
  const w = accessMessages(ctx.locale);
  const roles = activityMessages(ctx.locale).roles;
  const e = props.errors ?? {};
  const labels = { personId: w.person, name: w.name, email: w.email, affiliation: w.affiliation, role: w.role };
  const when = (d: Date) => formatDateTime(d, ctx.locale, ctx.timeZone);
  return (
    <ActivityFrame ctx={ctx} activity={activity} tab="members" title={w.invitations}>
      <h2>{w.invitations}</h2>
      <p>{w.invitationsIntro}</p>
      <h3>{w.pending}</h3>
      {props.open.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{w.person}</th>
                <th scope="col">{w.role}</th>
                <th scope="col">{w.sentAt}</th>
                <th scope="col">{w.expiresAt}</th>
                <th scope="col">{ctx.t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.open.map((i) => (
                <tr>
                  <td>
                    <a href={`/people/${i.personId}`}>{i.personName}</a>
                    <br />
                    <span class="muted">{i.email}</span>
                  </td>
                  <Cell ctx={ctx} label={w.role}>{roles[i.role]}</Cell>
                  <Cell ctx={ctx} label={w.sentAt}>
                    {when(i.sentAt)} ({w.sentTimes(i.sendCount)}, {i.invitedByName})
                  </Cell>
                  <Cell ctx={ctx} label={w.expiresAt}>{i.state === 'expired' ? <strong>{w.states.expired}</strong> : when(i.expiresAt)}</Cell>
                  <td>
                    <PostForm ctx={ctx} action={`${invitationsPath(activity)}/${i.id}/resend`} class="inline-form">
                      <button type="submit" class="button-secondary">
                        {w.resend}
                      </button>
                    </PostForm>{' '}
                    <PostForm ctx={ctx} action={`${invitationsPath(activity)}/${i.id}/revoke`} class="inline-form">
                      <button type="submit" class="button-secondary">
                        {w.revoke}
                      </button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{w.noPending}</p>
      )}
      <h3 id="invite">{w.invite}</h3>
      <ErrorSummary ctx={ctx} errors={e} labels={labels} message={props.message} />
      <PostForm ctx={ctx} action={invitationsPath(activity)}>
        <SelectField
          ctx={ctx}
          name="personId"
          label={w.person}
          hint={w.personHint}
          blank={w.newPersonOption}
          value={valueOf(props.values, 'personId')}
          error={e.personId}
          options={props.people.map((p) => ({ value: String(p.id), label: [p.name, p.affiliation ? ` (${p.affiliation})` : '', p.email ? ` — ${p.email}` : ''].join('') }))}
        />
        <fieldset>
          <legend>{w.newPerson}</legend>
          <TextField ctx={ctx} name="name" label={w.name} value={valueOf(props.values, 'name')} error={e.name} autocomplete="off" />
          <TextField ctx={ctx} name="email" type="email" label={w.email} value={valueOf(props.values, 'email')} error={e.email} autocomplete="off" />
          <TextField ctx={ctx} name="affiliation" label={w.affiliation} value={valueOf(props.values, 'affiliation')} error={e.affiliation} />
        </fieldset>
        <SelectField ctx={ctx} name="role" label={w.role} required value={valueOf(props.values, 'role') ?? 'member'} error={e.role} options={activityRoles.map((r) => ({ value: r, label: roles[r] }))} />
        <Actions>
          <button type="submit">{w.sendButton}</button>
        </Actions>
      </PostForm>
      {props.closed.length ? (
        <>
          <h3>{w.closed}</h3>
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{w.person}</th>
                  <th scope="col">{w.role}</th>
                  <th scope="col">{w.state}</th>
                  <th scope="col">{w.invitedBy}</th>
                </tr>
              </thead>
              <tbody>
                {props.closed.map((i) => (
                  <tr>
                    <td>
                      <a href={`/people/${i.personId}`}>{i.personName}</a>
                    </td>
                    <Cell ctx={ctx} label={w.role}>{roles[i.role]}</Cell>
                    <Cell ctx={ctx} label={w.state}>
                      {w.states[i.state]} ({when(i.acceptedAt ?? i.revokedAt ?? i.expiresAt)})
                    </Cell>
                    <Cell ctx={ctx} label={w.invitedBy}>{i.invitedByName}</Cell>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </ActivityFrame>
  );
}

/** The page behind the mailed link: what the invitation is, and the one way to accept it from where the reader is. */
export function InvitationPage(props: { ctx: ViewContext; token: string; view?: InvitationView; refusal?: string } & FormState) {
  const { ctx, view } = props;
  const w = accessMessages(ctx.locale);
  const path = `/invitations/${encodeURIComponent(props.token)}`;
  const body = () => {
    if (props.refusal || !view) {
      return (
        <div class="error-summary" role="alert">
          <p>{props.refusal ?? w.linkUnknown}</p>
          <p>
            <a href="/sign-in">{ctx.t.nav.signIn}</a>
          </p>
        </div>
      );
    }
    const roleName = activityMessages(ctx.locale).roles[view.invitation.role];
    const activityName = (ctx.locale === 'fr' ? view.activity.nameFr : null) ?? view.activity.nameEn;
    const actor = ctx.actor;
    const signInLink = (
      <p>
        <a class="button" href={`/sign-in?next=${encodeURIComponent(path)}`}>
          {w.signInToAcceptLink}
        </a>
      </p>
    );
    let action;
    if (actor.kind === 'user') {
      const wrong = view.person.userId !== null && view.person.userId !== actor.userId;
      action = wrong ? (
        <p class="error-summary" role="alert">
          {w.wrongAccount(view.personAccountEmail ?? '?')}
        </p>
      ) : (
        <>
          <p>{w.acceptAs(actor.name, actor.email)}</p>
          <PostForm ctx={ctx} action={path}>
            <Actions>
              <button type="submit">{w.acceptButton}</button>
            </Actions>
          </PostForm>
        </>
      );
    } else if (view.person.userId !== null) {
      action = (
        <>
          <p>{w.personHasAccount}</p>
          {signInLink}
        </>
      );
    } else if (view.addressHasAccount) {
      action = (
        <>
          <p>{w.signInToAccept(view.invitation.email)}</p>
          {signInLink}
        </>
      );
    } else {
      action = (
        <>
          <p>{w.createAccountIntro(view.invitation.email)}</p>
          <PostForm ctx={ctx} action={path}>
            {/* Lets password managers store the new password with the address it belongs to. */}
            <input type="hidden" name="username" value={view.invitation.email} autocomplete="username" />
            <TextField ctx={ctx} name="password" type="password" label={w.password} hint={w.passwordHint} autocomplete="new-password" required error={props.errors?.password} />
            <Actions>
              <button type="submit">{w.acceptAndCreate}</button>
            </Actions>
          </PostForm>
        </>
      );
    }
    return (
      <>
        <p>{w.invitationFor(view.invitation.invitedByName, view.activity.acronym, activityName, roleName)}</p>
        <p>{w.validUntil(formatDateTime(view.invitation.expiresAt, ctx.locale, ctx.timeZone))}</p>
        <ErrorSummary ctx={ctx} errors={props.errors} message={props.message} labels={{ password: w.password }} />
        {action}
      </>
    );
  };
  return (
    <Layout ctx={ctx} title={w.invitationTitle}>
      <h1>{w.invitationTitle}</h1>
      {body()}
    </Layout>
  );
}

export function SignUpPage(props: { ctx: ViewContext; sentTo?: string } & FormState) {
  const { ctx } = props;
  const w = accessMessages(ctx.locale);
  const e = props.errors ?? {};
  return (
    <Layout ctx={ctx} title={w.signUpTitle}>
      <h1>{w.signUpTitle}</h1>
      {props.sentTo ? (
        <p class="flash" role="status">
          {w.signUpSent(props.sentTo)}
        </p>
      ) : (
        <>
          <p>{w.signUpIntro}</p>
          <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ name: w.name, email: w.email, password: w.password }} />
          <PostForm ctx={ctx} action="/sign-up">
            <TextField ctx={ctx} name="name" label={w.name} required value={valueOf(props.values, 'name')} error={e.name} autocomplete="name" />
            <TextField ctx={ctx} name="email" type="email" label={w.email} required value={valueOf(props.values, 'email')} error={e.email} autocomplete="username" />
            <TextField ctx={ctx} name="password" type="password" label={w.password} hint={w.passwordHint} required error={e.password} autocomplete="new-password" />
            <Actions>
              <button type="submit">{w.signUpButton}</button>
            </Actions>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

/** The page behind the confirmation link: a button, since mail scanners open links and must not create accounts. */
export function ConfirmSignUpPage(props: { ctx: ViewContext; token: string; email?: string; refusal?: string }) {
  const { ctx } = props;
  const w = accessMessages(ctx.locale);
  return (
    <Layout ctx={ctx} title={w.confirmTitle}>
      <h1>{w.confirmTitle}</h1>
      {props.refusal ? (
        <div class="error-summary" role="alert">
          <p>{props.refusal}</p>
          <p>
            <a href="/sign-in">{ctx.t.nav.signIn}</a> · <a href="/sign-up">{w.signUpLink}</a>
          </p>
        </div>
      ) : (
        <>
          <p>{w.confirmIntro(props.email ?? '')}</p>
          <PostForm ctx={ctx} action={`/sign-up/confirm/${encodeURIComponent(props.token)}`}>
            <Actions>
              <button type="submit">{w.confirmButton}</button>
            </Actions>
          </PostForm>
        </>
      )}
    </Layout>
  );
}
