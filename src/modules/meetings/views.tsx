// Pages of the meetings module: the activity's meetings, a meeting's overview, its form, registration and participants.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, ExternalLink, Facts, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import { canList } from '../mailing-lists/index.ts';
import type { DeadlineKind } from './deadlines.ts';
import { MeetingFrame } from './meeting-frame.tsx';
import { meetingPath, meetingsPath } from './meeting-paths.ts';
import { countdown, formatRange, instantToLocal } from './meeting-times.ts';
import type { ImportantDate, Meeting } from './meetings.ts';
import { type MeetingMessages, meetingMessages } from './messages.ts';
import { canMeeting } from './policy.ts';
import type { Participant, Registration, RegistrationCounts } from './registration-queries.ts';
import type { ConfirmationLink } from './registration-changes.ts';
import { registrationMessages } from './registration-messages.ts';
import { registrationAllows, registrationHoldsRemoteLink } from './registration-states.ts';
import { type LateRule, lateRules, meetingModes, registrationCapacities, registrationConfirmations, registrationModes } from './schema.ts';

const when = (ctx: ViewContext, meeting: Meeting, zone = meeting.timeZone) =>
  formatRange(meeting.startsAt, meeting.endsAt, zone, ctx.locale, (d) => formatDateTime(d, ctx.locale, zone));
/** The reader's own zone when they chose one on their account and it is not the venue's; null otherwise (anonymous readers too). */
export const readerZoneFor = (ctx: ViewContext, meeting: Meeting): string | null =>
  ctx.actor.kind === 'user' && ctx.actor.timeZone && ctx.timeZone !== meeting.timeZone ? ctx.timeZone : null;
const place = (meeting: Meeting) => [meeting.venue, meeting.city].filter(Boolean).join(', ');

function MeetingTable(props: { ctx: ViewContext; activity: Activity; meetings: Meeting[]; m: MeetingMessages }) {
  const { ctx, m } = props;
  return (
    <table class="stack meeting-list">
      <thead>
        <tr>
          <th scope="col">{m.fields.number}</th>
          <th scope="col">{m.fields.title}</th>
          <th scope="col">{m.fields.when}</th>
          <th scope="col">{m.fields.place}</th>
          <th scope="col">{m.fields.mode}</th>
          <th scope="col">{m.fields.status}</th>
        </tr>
      </thead>
      <tbody>
        {props.meetings.map((meeting) => (
          <tr>
            <td>{meeting.number}</td>
            <td>
              <a href={meetingPath(props.activity, meeting)}>{meeting.title}</a>
            </td>
            <td>
              {when(ctx, meeting)}
              {readerZoneFor(ctx, meeting) ? (
                <>
                  <br />
                  <span class="muted">{m.fields.whenReader(ctx.timeZone)}: {when(ctx, meeting, ctx.timeZone)}</span>
                </>
              ) : null}
            </td>
            <td>{place(meeting) || '—'}</td>
            <td>{m.modes[meeting.mode]}</td>
            <td>{m.statuses[meeting.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MeetingListPage(props: {
  ctx: ViewContext;
  activity: Activity;
  upcoming: Meeting[];
  past: Meeting[];
  rules: Record<DeadlineKind, LateRule>;
  state?: FormState;
}) {
  const { ctx, activity } = props;
  const m = meetingMessages(ctx.locale);
  const manage = canMeeting(ctx.actor, 'manage', activity);
  const rule = (name: string, fallback: LateRule) => valueOf(props.state?.values, name) ?? fallback;
  return (
    <ActivityFrame ctx={ctx} activity={activity} tab="meetings" title={m.title}>
      <p class="lead">{m.intro(activity.acronym)}</p>
      <Actions>
        {manage ? (
          <a class="button" href={`${meetingsPath(activity)}/new`}>
            {m.newMeeting}
          </a>
        ) : null}
        <a href={`${meetingsPath(activity)}.ics`} title={m.calendarHint}>
          {m.calendarFeed}
        </a>
      </Actions>
      <h2>{m.upcoming}</h2>
      {props.upcoming.length ? <MeetingTable ctx={ctx} activity={activity} meetings={props.upcoming} m={m} /> : <p>{m.noUpcoming}</p>}
      <h2>{m.past}</h2>
      {props.past.length ? <MeetingTable ctx={ctx} activity={activity} meetings={props.past} m={m} /> : <p>{m.noPast}</p>}
      {manage ? (
        <section aria-labelledby="deadline-rules">
          <h2 id="deadline-rules">{m.settings}</h2>
          <p>{m.settingsIntro}</p>
          <ErrorSummary ctx={ctx} errors={props.state?.errors} message={props.state?.message} />
          <PostForm ctx={ctx} action={`${meetingsPath(activity)}/settings`}>
            <SelectField
              ctx={ctx}
              name="lateContributions"
              label={m.fields.lateContributions}
              required
              value={rule('lateContributions', props.rules.contribution)}
              options={lateRules.map((r) => ({ value: r, label: m.lateRules[r] }))}
              error={props.state?.errors?.lateContributions}
            />
            <SelectField
              ctx={ctx}
              name="lateRegistrations"
              label={m.fields.lateRegistrations}
              required
              value={rule('lateRegistrations', props.rules.registration)}
              options={lateRules.map((r) => ({ value: r, label: m.lateRules[r] }))}
              error={props.state?.errors?.lateRegistrations}
            />
            <Actions>
              <button type="submit">{ctx.t.common.save}</button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
    </ActivityFrame>
  );
}

/** The form's values for an existing meeting: instants back on the venue's wall clock. */
export function meetingFormValues(meeting: Meeting, dates: ImportantDate[]): Record<string, string> {
  const start = instantToLocal(meeting.startsAt, meeting.timeZone);
  const end = instantToLocal(meeting.endsAt, meeting.timeZone);
  const values: Record<string, string> = {
    number: String(meeting.number),
    title: meeting.title,
    mode: meeting.mode,
    venue: meeting.venue ?? '',
    city: meeting.city ?? '',
    cityFr: meeting.cityFr ?? '',
    timeZone: meeting.timeZone,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    colocatedEvent: meeting.colocatedEvent ?? '',
    colocatedEventFr: meeting.colocatedEventFr ?? '',
    language: meeting.language,
    remoteUrl: meeting.remoteUrl ?? '',
    onsiteCapacity: meeting.onsiteCapacity === null ? '' : String(meeting.onsiteCapacity),
    registrationConfirmation: meeting.registrationConfirmation,
  };
  for (const d of dates) {
    if (d.kind === 'other') continue;
    const local = instantToLocal(d.dueAt, meeting.timeZone);
    values[`${d.kind}Date`] = local.date;
    values[`${d.kind}Time`] = d.hasTime ? local.time : '';
  }
  return values;
}

export function MeetingFormPage(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting?: Meeting;
  initial: Record<string, string>;
  nextNumber?: number;
  state?: FormState;
}) {
  const { ctx, activity, meeting } = props;
  const m = meetingMessages(ctx.locale);
  const f = m.fields;
  const errors = props.state?.errors ?? {};
  const v = (name: string) => valueOf(props.state?.values, name) ?? props.initial[name] ?? '';
  const title = meeting ? m.editTitle(meeting.number) : m.newMeeting;
  const text = (name: keyof typeof f & string, options: { required?: boolean; hint?: string; type?: 'text' | 'date' | 'url' | 'number' } = {}) => (
    <TextField ctx={ctx} name={name} label={f[name] as string} value={v(name)} error={errors[name]} required={options.required} hint={options.hint} type={options.type} />
  );
  const body = (
    <>
      <h2>{title}</h2>
      <ErrorSummary ctx={ctx} errors={errors} message={props.state?.message} labels={f as unknown as Record<string, string>} />
      <PostForm ctx={ctx} action={meeting ? `${meetingPath(activity, meeting)}/edit` : meetingsPath(activity)}>
        <TextField ctx={ctx} name="number" label={f.number} type="number" value={v('number')} error={errors.number} hint={meeting ? undefined : `${m.hints.number} (${props.nextNumber ?? 1})`} required={Boolean(meeting)} />
        {text('title', { required: true })}
        <SelectField ctx={ctx} name="mode" label={f.mode} required value={v('mode') || 'hybrid'} options={meetingModes.map((x) => ({ value: x, label: m.modes[x] }))} error={errors.mode} />
        {text('venue')}
        {text('city')}
        {text('cityFr', { hint: m.hints.frenchField })}
        {text('timeZone', { required: true })}
        <fieldset>
          <legend>{f.when}</legend>
          {text('startDate', { required: true, type: 'date' })}
          {text('startTime', { required: true, hint: m.hints.time })}
          {text('endDate', { required: true, type: 'date' })}
          {text('endTime', { required: true, hint: m.hints.time })}
        </fieldset>
        {text('colocatedEvent', { hint: m.hints.colocatedEvent })}
        {text('colocatedEventFr', { hint: m.hints.frenchField })}
        {text('language')}
        {text('remoteUrl', { type: 'url', hint: m.hints.remoteUrl })}
        {text('onsiteCapacity', { type: 'number', hint: m.hints.onsiteCapacity })}
        <SelectField
          ctx={ctx}
          name="registrationConfirmation"
          label={registrationMessages(ctx.locale).confirmationLabel}
          hint={registrationMessages(ctx.locale).confirmationHint}
          required
          value={v('registrationConfirmation') || 'email'}
          options={registrationConfirmations.map((x) => ({ value: x, label: registrationMessages(ctx.locale).confirmationChoices[x] }))}
          error={errors.registrationConfirmation}
        />
        <fieldset>
          <legend>{m.importantDates}</legend>
          {text('contributionDate', { type: 'date' })}
          {text('contributionTime', { hint: m.hints.deadlineTime })}
          {text('registrationDate', { type: 'date' })}
          {text('registrationTime', { hint: m.hints.deadlineTime })}
        </fieldset>
        <Actions>
          <button type="submit">{m.save}</button>
          <a href={meeting ? meetingPath(activity, meeting) : meetingsPath(activity)}>{ctx.t.common.cancel}</a>
        </Actions>
      </PostForm>
    </>
  );
  return meeting ? (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="overview" title={title}>
      {body}
    </MeetingFrame>
  ) : (
    <ActivityFrame ctx={ctx} activity={activity} tab="meetings" title={title}>
      {body}
    </ActivityFrame>
  );
}

function DateList(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; dates: ImportantDate[]; now: Date; readerZone: string | null; manage: boolean }) {
  const { ctx, meeting } = props;
  const m = meetingMessages(ctx.locale);
  if (!props.dates.length) return <p>{m.noDates}</p>;
  return (
    <table class="stack meeting-dates">
      <thead>
        <tr>
          <th scope="col">{m.fields.dateLabel}</th>
          <th scope="col">{m.fields.date}</th>
          {props.readerZone ? <th scope="col">{m.fields.whenReader(props.readerZone)}</th> : null}
          <th scope="col">
            <span class="visually-hidden">{m.timeLeft}</span>
          </th>
          {props.manage ? (
            <th scope="col">
              <span class="visually-hidden">{ctx.t.common.actions}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {props.dates.map((d) => {
          const left = countdown(d.dueAt, props.now);
          return (
            <tr>
              <td>{d.kind === 'other' ? d.label : m.dateKinds[d.kind]}</td>
              <td>
                <time dateTime={d.dueAt.toISOString()}>{formatDateTime(d.dueAt, ctx.locale, meeting.timeZone)}</time>
              </td>
              {props.readerZone ? <td>{formatDateTime(d.dueAt, ctx.locale, props.readerZone)}</td> : null}
              <td class={left.past ? 'muted' : 'countdown'}>{m.countdown(left)}</td>
              {props.manage ? (
                <td>
                  <PostForm ctx={ctx} action={`${meetingPath(props.activity, meeting)}/dates/${d.id}/remove`} class="inline-form">
                    <button type="submit" class="link-button">
                      {m.removeDate}
                      <span class="visually-hidden"> {d.label}</span>
                    </button>
                  </PostForm>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function MeetingPage(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting: Meeting;
  dates: ImportantDate[];
  counts: RegistrationCounts;
  ownRegistration: Registration | null;
  showRemoteLink: boolean;
  now: Date;
  /** a refused form on this page: which one, and what was wrong */
  failed?: 'cancel' | 'date';
  state?: FormState;
}) {
  const { ctx, activity, meeting, counts } = props;
  const m = meetingMessages(ctx.locale);
  const manage = canMeeting(ctx.actor, 'manage', activity);
  const base = meetingPath(activity, meeting);
  const errorsFor = (form: 'cancel' | 'date') => (props.failed === form ? props.state : undefined);
  // The reader's own clock (their account's setting) beside the venue's, unless they are the same.
  const readerZone = readerZoneFor(ctx, meeting);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="overview">
      {meeting.status === 'cancelled' ? <p class="notice">{m.cancelledBecause(meeting.cancelReason ?? '')}</p> : null}
      <Facts
        items={[
          [m.fields.when, `${when(ctx, meeting)} (${meeting.timeZone})`],
          [readerZone ? m.fields.whenReader(readerZone) : '', readerZone ? when(ctx, meeting, readerZone) : null],
          [m.fields.mode, m.modes[meeting.mode]],
          [m.fields.place, place(meeting)],
          [m.fields.colocatedEvent, meeting.colocatedEvent],
          [m.fields.language, meeting.language],
          [m.fields.status, m.statuses[meeting.status]],
          [m.tabs.participants, m.counts(counts.onsite, counts.remote, counts.waiting)],
          [
            m.remoteLink,
            meeting.mode === 'physical' || !meeting.remoteUrl ? null : props.showRemoteLink ? <ExternalLink href={meeting.remoteUrl} /> : <span class="muted">{m.remoteLinkHidden}</span>,
          ],
          [m.yourRegistration, props.ownRegistration ? `${m.registrationStatuses[props.ownRegistration.status]} — ${m.registrationModes[props.ownRegistration.mode]}` : null],
        ]}
      />
      <Actions>
        {meeting.status === 'announced' && !props.ownRegistration ? (
          <a class="button" href={`${base}/register`}>
            {m.registerButton}
          </a>
        ) : null}
        <a href={`${base}/meeting.ics`}>{m.calendarFeed}</a>
      </Actions>
      <h3>{m.importantDates}</h3>
      <DateList ctx={ctx} activity={activity} meeting={meeting} dates={props.dates} now={props.now} readerZone={readerZone} manage={manage} />
      {manage ? (
        <section class="meeting-manage" aria-labelledby="manage-meeting">
          <h3 id="manage-meeting">{ctx.t.common.actions}</h3>
          <Actions>
            <a class="button button-secondary" href={`${base}/edit`}>
              {m.edit}
            </a>
            {meeting.status === 'planned' ? (
              <PostForm ctx={ctx} action={`${base}/announce`} class="inline-form">
                <button type="submit" title={m.announceHint}>
                  {m.announce}
                </button>
              </PostForm>
            ) : null}
            {meeting.status === 'announced' && meeting.endsAt.getTime() > props.now.getTime() && canList(ctx.actor, 'send', activity) ? (
              <a class="button button-secondary" href={`${base}/announcement`}>
                {m.announcementDraft.offer}
              </a>
            ) : null}
            {meeting.status === 'announced' && meeting.startsAt.getTime() <= props.now.getTime() ? (
              <PostForm ctx={ctx} action={`${base}/held`} class="inline-form">
                <button type="submit" class="button-secondary">
                  {m.markHeld}
                </button>
              </PostForm>
            ) : null}
          </Actions>
          <h4>{m.addDate}</h4>
          <ErrorSummary ctx={ctx} errors={errorsFor('date')?.errors} message={errorsFor('date')?.message} />
          <PostForm ctx={ctx} action={`${base}/dates`}>
            <TextField ctx={ctx} name="label" label={m.fields.dateLabel} required value={valueOf(errorsFor('date')?.values, 'label')} error={errorsFor('date')?.errors?.label} />
            <TextField ctx={ctx} name="date" label={m.fields.date} type="date" required value={valueOf(errorsFor('date')?.values, 'date')} error={errorsFor('date')?.errors?.date} />
            <TextField ctx={ctx} name="time" label={m.fields.time} hint={m.hints.deadlineTime} value={valueOf(errorsFor('date')?.values, 'time')} error={errorsFor('date')?.errors?.time} />
            <Actions>
              <button type="submit" class="button-secondary">
                {m.addDate}
              </button>
            </Actions>
          </PostForm>
          {meeting.status === 'planned' ? (
            <>
              <h4>{m.deleteMeeting}</h4>
              <p class="hint">{m.deleteHint}</p>
              <p>
                <a class="button button-secondary" href={`${base}/delete`}>
                  {m.deleteMeeting}
                </a>
              </p>
            </>
          ) : null}
          {meeting.status !== 'cancelled' ? (
            <>
              <h4>{m.cancelMeeting}</h4>
              <ErrorSummary ctx={ctx} errors={errorsFor('cancel')?.errors} message={errorsFor('cancel')?.message} />
              <PostForm ctx={ctx} action={`${base}/cancel`}>
                <TextArea ctx={ctx} name="reason" label={m.fields.cancelReason} required hint={m.cancelHint} rows={3} value={valueOf(errorsFor('cancel')?.values, 'reason')} error={errorsFor('cancel')?.errors?.reason} />
                <Actions>
                  <button type="submit" class="button-danger">
                    {m.cancelMeeting}
                  </button>
                </Actions>
              </PostForm>
            </>
          ) : null}
        </section>
      ) : null}
    </MeetingFrame>
  );
}

function RegistrationSummary(props: { ctx: ViewContext; meeting: Meeting; registration: Registration; action: string; showRemoteLink: boolean }) {
  const { ctx, meeting, registration: r } = props;
  const m = meetingMessages(ctx.locale);
  const offered = registrationModes.filter((mode) => !(meeting.mode === 'physical' && mode === 'remote') && !(meeting.mode === 'virtual' && mode === 'onsite'));
  // What the status table allows: a pending registration may be cancelled, not moved.
  const open = meeting.status === 'announced' && registrationAllows('cancel', r);
  const movable = meeting.status === 'announced' && registrationAllows('change_mode', r);
  return (
    <>
      <Facts
        items={[
          [ctx.t.common.name, r.name],
          [ctx.t.common.email, r.email],
          [m.fields.mode, m.registrationModes[r.mode]],
          [m.fields.status, `${m.registrationStatuses[r.status]}${r.late ? ` (${m.lateMark})` : ''}`],
          [m.remoteLink, props.showRemoteLink && registrationHoldsRemoteLink(r) && meeting.mode !== 'physical' && meeting.remoteUrl ? <ExternalLink href={meeting.remoteUrl} /> : null],
        ]}
      />
      {r.status === 'pending' ? <p class="notice">{registrationMessages(ctx.locale).pendingNotice}</p> : null}
      {open ? (
        <>
          {offered.length > 1 && movable ? (
            <PostForm ctx={ctx} action={`${props.action}/mode`}>
              <SelectField ctx={ctx} name="mode" label={m.changeMode} required value={r.mode} options={offered.map((x) => ({ value: x, label: m.registrationModes[x] }))} />
              <Actions>
                <button type="submit" class="button-secondary">
                  {m.changeMode}
                </button>
              </Actions>
            </PostForm>
          ) : null}
          <PostForm ctx={ctx} action={`${props.action}/cancel`}>
            <Actions>
              <button type="submit" class="button-danger">
                {m.cancelRegistration}
              </button>
            </Actions>
          </PostForm>
        </>
      ) : null}
    </>
  );
}

export function RegistrationPage(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting: Meeting;
  counts: RegistrationCounts;
  ownRegistration: Registration | null;
  deadline: { dueAt: Date; rule: LateRule } | null;
  prefill: Record<string, string>;
  now: Date;
  state?: FormState;
}) {
  const { ctx, activity, meeting } = props;
  const m = meetingMessages(ctx.locale);
  const base = meetingPath(activity, meeting);
  const errors = props.state?.errors ?? {};
  const v = (name: string) => valueOf(props.state?.values, name) ?? props.prefill[name] ?? '';
  const offered = registrationModes.filter((mode) => !(meeting.mode === 'physical' && mode === 'remote') && !(meeting.mode === 'virtual' && mode === 'onsite'));
  const closed =
    meeting.status === 'planned'
      ? m.registrationClosedPlanned
      : meeting.status === 'cancelled'
        ? m.registrationClosedCancelled
        : meeting.status === 'held' || meeting.endsAt.getTime() < props.now.getTime()
          ? m.registrationClosedHeld
          : null;
  const left = meeting.onsiteCapacity === null ? null : Math.max(0, meeting.onsiteCapacity - props.counts.onsite);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="registration" title={m.registerTitle}>
      <h3>{props.ownRegistration ? m.yourRegistration : m.registerTitle}</h3>
      <p>{m.registerIntro}</p>
      <p class="muted">
        {m.counts(props.counts.onsite, props.counts.remote, props.counts.waiting)}
        {left !== null && meeting.mode !== 'virtual' ? ` · ${m.placesLeft(left)}` : ''}
      </p>
      {props.deadline ? (
        <p>
          {m.dateKinds.registration}: <time dateTime={props.deadline.dueAt.toISOString()}>{formatDateTime(props.deadline.dueAt, ctx.locale, meeting.timeZone)}</time> (
          {m.countdown(countdown(props.deadline.dueAt, props.now))})
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} message={props.state?.message} labels={{ name: ctx.t.common.name, email: ctx.t.common.email, mode: m.fields.mode, capacity: m.fields.capacity }} />
      {props.ownRegistration ? (
        <RegistrationSummary ctx={ctx} meeting={meeting} registration={props.ownRegistration} action={`${base}/registrations/${props.ownRegistration.id}`} showRemoteLink />
      ) : closed ? (
        <p class="notice">{closed}</p>
      ) : (
        <>
          <PostForm ctx={ctx} action={`${base}/register`}>
            <TextField ctx={ctx} name="name" label={ctx.t.common.name} required value={v('name')} error={errors.name} autocomplete="name" />
            <TextField ctx={ctx} name="email" label={ctx.t.common.email} type="email" required value={v('email')} error={errors.email} autocomplete="email" />
            <TextField ctx={ctx} name="affiliation" label={m.fields.affiliation} value={v('affiliation')} error={errors.affiliation} autocomplete="organization" />
            <TextField ctx={ctx} name="organizationRepresented" label={m.fields.organizationRepresented} value={v('organizationRepresented')} error={errors.organizationRepresented} />
            <SelectField
              ctx={ctx}
              name="capacity"
              label={m.fields.capacity}
              required
              blank=""
              value={v('capacity')}
              options={registrationCapacities.map((c) => ({ value: c, label: m.capacities[c] }))}
              error={errors.capacity}
            />
            <TextField ctx={ctx} name="country" label={ctx.t.common.country} value={v('country')} error={errors.country} autocomplete="country-name" />
            <SelectField
              ctx={ctx}
              name="mode"
              label={m.fields.attendance}
              required
              value={v('mode') || offered[0]}
              options={offered.map((x) => ({ value: x, label: m.registrationModes[x] }))}
              error={errors.mode}
            />
            <Actions>
              <button type="submit">{m.registerButton}</button>
            </Actions>
          </PostForm>
        </>
      )}
    </MeetingFrame>
  );
}

export function ManageRegistrationPage(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; registration: Registration; token: string; state?: FormState }) {
  const { ctx, activity, meeting } = props;
  const m = meetingMessages(ctx.locale);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="registration" title={m.manageTitle}>
      <h3>{m.manageTitle}</h3>
      <p>{m.manageIntro}</p>
      <ErrorSummary ctx={ctx} errors={props.state?.errors} message={props.state?.message} />
      <RegistrationSummary ctx={ctx} meeting={meeting} registration={props.registration} action={`${meetingPath(activity, meeting)}/registration/${props.token}`} showRemoteLink />
    </MeetingFrame>
  );
}

export function ParticipantsPage(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting: Meeting;
  counts: RegistrationCounts;
  registrations: Participant[] | null;
  now: Date;
  state?: FormState;
}) {
  const { ctx, activity, meeting, counts } = props;
  const m = meetingMessages(ctx.locale);
  const base = meetingPath(activity, meeting);
  const secretariat = canMeeting(ctx.actor, 'export_participants', activity);
  const markable = canMeeting(ctx.actor, 'mark_attendance', activity) && meeting.startsAt.getTime() <= props.now.getTime();
  const live = (props.registrations ?? []).filter((r) => r.status !== 'cancelled');
  const registered = live.filter((r) => r.status === 'registered');
  const waiting = live.filter((r) => r.status === 'waiting');
  const pending = secretariat ? live.filter((r) => r.status === 'pending') : [];
  const words = registrationMessages(ctx.locale);
  const at = (iso: string) => formatDateTime(new Date(iso), ctx.locale, meeting.timeZone);
  const linkState = (r: Participant) =>
    r.confirmationExpiresAt === null
      ? words.noLink
      : new Date(r.confirmationExpiresAt).getTime() < props.now.getTime()
        ? words.linkExpiredOn(at(r.confirmationExpiresAt))
        : words.linkValidUntil(at(r.confirmationExpiresAt));
  const table = (rows: Participant[], withAttendance: boolean) => (
    <table class="stack participants">
      <thead>
        <tr>
          <th scope="col">{ctx.t.common.name}</th>
          <th scope="col">{m.fields.affiliation}</th>
          <th scope="col">{m.fields.organizationRepresented}</th>
          <th scope="col">{m.fields.capacity}</th>
          <th scope="col">{ctx.t.common.country}</th>
          <th scope="col">{m.fields.mode}</th>
          {secretariat ? <th scope="col">{ctx.t.common.email}</th> : null}
          {withAttendance ? <th scope="col">{m.attendance}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              {r.name}
              {r.late ? <span class="badge">{m.lateMark}</span> : null}
            </td>
            <td>{r.affiliation}</td>
            <td>{r.organizationRepresented}</td>
            <td>{m.capacities[r.capacity]}</td>
            <td>{r.country}</td>
            <td>{m.registrationModes[r.mode]}</td>
            {secretariat ? <td>{r.email}</td> : null}
            {withAttendance ? (
              <td>
                <input type="checkbox" name="attended" value={String(r.id)} id={`attended-${r.id}`} checked={r.attended === true} aria-label={`${m.attendance}${ctx.t.colon}${r.name}`} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="participants" title={m.participantsTitle}>
      <h3>{m.participantsTitle}</h3>
      <p>{m.counts(counts.onsite, counts.remote, counts.waiting)}</p>
      {props.registrations === null ? (
        <p class="muted">{m.participantsPublic}</p>
      ) : (
        <>
          {secretariat ? (
            <Actions>
              <a class="button button-secondary" href={`${base}/participants.csv`}>
                {m.exportCsv}
              </a>
            </Actions>
          ) : null}
          <ErrorSummary ctx={ctx} errors={props.state?.errors} message={props.state?.message} />
          {registered.length === 0 ? (
            <p>{m.noParticipants}</p>
          ) : markable ? (
            <PostForm ctx={ctx} action={`${base}/attendance`}>
              {table(registered, true)}
              <Actions>
                <button type="submit">{m.saveAttendance}</button>
              </Actions>
            </PostForm>
          ) : (
            table(registered, false)
          )}
          {waiting.length ? (
            <>
              <h4>{m.waitingList}</h4>
              {table(waiting, false)}
            </>
          ) : null}
          {pending.length ? (
            <section aria-labelledby="pending-heading">
              <h4 id="pending-heading">{words.pendingHeading}</h4>
              <p class="muted">{words.pendingIntro}</p>
              <table class="stack participants pending">
                <thead>
                  <tr>
                    <th scope="col">{ctx.t.common.name}</th>
                    <th scope="col">{ctx.t.common.email}</th>
                    <th scope="col">{m.fields.mode}</th>
                    <th scope="col">{words.registeredAt}</th>
                    <th scope="col">{words.linkExpires}</th>
                    <th scope="col">
                      <span class="visually-hidden">{ctx.t.common.actions}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pending.map((r) => (
                    <tr id={`registration-${r.id}`}>
                      <td data-label={ctx.t.common.name}>{r.name}</td>
                      <td data-label={ctx.t.common.email}>{r.email}</td>
                      <td data-label={m.fields.mode}>{m.registrationModes[r.mode]}</td>
                      <td data-label={words.registeredAt}>{words.registeredOn(at(r.createdAt))}</td>
                      <td data-label={words.linkExpires}>{linkState(r)}</td>
                      <td>
                        <div class="row-actions">
                          <PostForm ctx={ctx} action={`${base}/registrations/${r.id}/approve`} class="inline-form">
                            <button type="submit" aria-label={words.approveOf(r.name)}>
                              {words.approve}
                            </button>
                          </PostForm>
                          {meeting.registrationConfirmation === 'email' ? (
                            <PostForm ctx={ctx} action={`${base}/registrations/${r.id}/resend`} class="inline-form">
                              <button type="submit" class="button-secondary" aria-label={words.resendOf(r.name)}>
                                {words.resend}
                              </button>
                            </PostForm>
                          ) : null}
                          <PostForm ctx={ctx} action={`${base}/registrations/${r.id}/cancel`} class="inline-form">
                            <button type="submit" class="button-danger" aria-label={words.rejectOf(r.name)}>
                              {words.reject}
                            </button>
                          </PostForm>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      )}
    </MeetingFrame>
  );
}


/** Where a registrant lands after registering an address not confirmed yet: what happens next, nothing more. */
export function CheckMailPage(props: { ctx: ViewContext; activity: Activity; meeting: Meeting }) {
  const { ctx, activity, meeting } = props;
  const words = registrationMessages(ctx.locale);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="registration" title={words.checkMailTitle}>
      <h3>{words.checkMailTitle}</h3>
      <p>{words.pendingNotice}</p>
      <p>
        <a href={`${meetingPath(activity, meeting)}/register`}>{words.wrongAddress}</a>
      </p>
    </MeetingFrame>
  );
}

/** The page a confirmation link opens: the registration and a button to confirm it, or a new link for an expired one. */
export function ConfirmRegistrationPage(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; link: ConfirmationLink; token: string; now: Date; state?: FormState }) {
  const { ctx, activity, meeting, link } = props;
  const m = meetingMessages(ctx.locale);
  const words = registrationMessages(ctx.locale);
  const r = link.registration;
  const action = `${meetingPath(activity, meeting)}/confirm/${props.token}`;
  const expired = link.state === 'expired';
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="registration" title={words.confirmTitle}>
      <h3>{words.confirmTitle}</h3>
      <ErrorSummary ctx={ctx} errors={props.state?.errors} message={props.state?.message} />
      {expired ? null : <p>{words.confirmIntro}</p>}
      <Facts
        items={[
          [ctx.t.common.name, r.name],
          [ctx.t.common.email, r.email],
          [m.fields.mode, m.registrationModes[r.mode]],
          [m.fields.when, `${when(ctx, meeting)} (${meeting.timeZone})`],
        ]}
      />
      {expired ? (
        <>
          <p class="notice">{words.linkExpired(formatDateTime(r.confirmationExpiresAt!, ctx.locale, meeting.timeZone))}</p>
          <PostForm ctx={ctx} action={`${action}/resend`}>
            <Actions>
              <button type="submit">{words.resendButton}</button>
            </Actions>
          </PostForm>
        </>
      ) : (
        <PostForm ctx={ctx} action={action}>
          <Actions>
            <button type="submit">{words.confirmButton}</button>
          </Actions>
        </PostForm>
      )}
    </MeetingFrame>
  );
}

/** Asks before deleting a draft meeting, or says why it can no longer be deleted (then it is cancelled instead). */
export function DeleteMeetingPage(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; refusal: string | null } & FormState) {
  const { ctx, activity, meeting } = props;
  const m = meetingMessages(ctx.locale);
  const base = meetingPath(activity, meeting);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="overview" title={m.deleteTitle(meeting.number, meeting.title)}>
      <h3>{m.deleteTitle(meeting.number, meeting.title)}</h3>
      <ErrorSummary ctx={ctx} errors={props.errors} message={props.message} />
      {props.refusal ? (
        <>
          <p class="notice">{props.refusal}</p>
          <p>
            <a href={base}>{meeting.title}</a>
          </p>
        </>
      ) : (
        <>
          <p>{m.deleteIntro}</p>
          <PostForm ctx={ctx} action={`${base}/delete`}>
            <Actions>
              <button type="submit" class="button-danger">
                {m.deleteConfirm(meeting.number)}
              </button>
              <a href={base}>{m.keepIt}</a>
            </Actions>
          </PostForm>
        </>
      )}
    </MeetingFrame>
  );
}
