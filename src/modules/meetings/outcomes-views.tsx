// The minutes and outcomes page: minutes per agenda item, decisions, action items and the actions carried from
// earlier meetings; forms for the secretariat and chairs, plain reading for everyone else.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import type { Activity } from '../activities/index.ts';
import { type AgendaItemRow, type AgendaNode, flattenAgenda, type Meeting } from './agenda.ts';
import { canProceedings } from './policy.ts';
import { MeetingFrame } from './meeting-frame.tsx';
import { meetingPath } from './meeting-paths.ts';
import { type ActionView, actionLabel, type Decision, decisionLabel, type Outcomes } from './outcomes.ts';
import { type OutcomesMessages, outcomesMessages } from './outcomes-messages.ts';
import { actionStatuses } from './proceedings-schema.ts';

export const minutesPath = (activity: Activity, meeting: Meeting) => `${meetingPath(activity, meeting)}/minutes`;

type Owners = { id: number; name: string }[];
export type OutcomesForm = 'minutes' | 'decision' | 'action' | 'status';

const labels = (m: OutcomesMessages) => ({ decisionText: m.decision, decisionItem: m.agendaItem, text: m.text, agendaItemId: m.agendaItem, ownerPersonId: m.ownerPerson, ownerName: m.ownerName, dueOn: m.dueOn, status: m.status });

function itemOptions(agenda: AgendaNode<AgendaItemRow>[]) {
  return flattenAgenda(agenda).map((n) => ({ value: String(n.id), label: `${'\u2003'.repeat(n.depth - 1)}${n.number} ${n.title}` }));
}

function StatusPill(props: { m: OutcomesMessages; status: ActionView['status'] }) {
  return <span class={`pill action-${props.status}`}>{props.m.statuses[props.status]}</span>;
}

/** Action rows: label, text, owner, due date, status (with a small status form for those who record outcomes). */
function ActionTable(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; actions: ActionView[]; editable: boolean }) {
  const { ctx } = props;
  const m = outcomesMessages(ctx.locale);
  const base = minutesPath(props.activity, props.meeting);
  return (
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{m.action}</th>
            <th scope="col">{m.text}</th>
            <th scope="col">{m.owner}</th>
            <th scope="col">{m.dueOn}</th>
            <th scope="col">{m.status}</th>
          </tr>
        </thead>
        <tbody>
          {props.actions.map((a) => (
            <tr id={`action-${a.id}`}>
              <td data-label={m.action}>
                <strong>{actionLabel(a)}</strong>
              </td>
              <td data-label={m.text} class="prose">
                {a.text}
              </td>
              <td data-label={m.owner}>{a.ownerName}</td>
              <td data-label={m.dueOn}>{a.dueOn ? formatDate(a.dueOn, ctx.locale) : m.noOwner}</td>
              <td data-label={m.status}>
                {props.editable ? (
                  <PostForm ctx={ctx} action={`${base}/actions/${a.id}/status`} class="inline-form">
                    <label class="visually-hidden" for={`status-${a.id}`}>
                      {m.setStatus(actionLabel(a))}
                    </label>
                    <select id={`status-${a.id}`} name="status">
                      {actionStatuses.map((s) => (
                        <option value={s} selected={s === a.status}>
                          {m.statuses[s]}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" class="link-button">
                      {m.update}
                    </button>{' '}
                    <a href={`${base}/actions/${a.id}`} aria-label={m.editAction(actionLabel(a))}>
                      {m.edit}
                    </a>
                  </PostForm>
                ) : (
                  <StatusPill m={m} status={a.status} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionList(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; decisions: Decision[]; editable: boolean }) {
  const m = outcomesMessages(props.ctx.locale);
  const base = minutesPath(props.activity, props.meeting);
  return (
    <ul class="decisions">
      {props.decisions.map((d) => (
        <li id={`decision-${d.id}`}>
          <strong>{decisionLabel(d)}</strong> <span class="prose">{d.text}</span>
          {props.editable ? (
            <>
              {' '}
              <a href={`${base}/decisions/${d.id}`} aria-label={m.editDecision(decisionLabel(d))}>
                {m.edit}
              </a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The fields of an action (adding or editing). */
function ActionFields(props: { ctx: ViewContext; agenda: AgendaNode<AgendaItemRow>[]; owners: Owners; state: FormState; action?: ActionView; withItem: boolean }) {
  const { ctx, state, action } = props;
  const m = outcomesMessages(ctx.locale);
  const errors = state.errors ?? {};
  const value = (name: string, fallback: string | number | null | undefined) => (state.values ? valueOf(state.values, name) : fallback);
  return (
    <>
      <TextArea ctx={ctx} name="text" label={m.text} required rows={3} maxLength={5000} value={value('text', action?.text)} error={errors.text} />
      {props.withItem ? (
        <SelectField ctx={ctx} name="agendaItemId" label={m.agendaItem} blank={m.general} value={value('agendaItemId', action?.agendaItemId)} error={errors.agendaItemId} options={itemOptions(props.agenda)} />
      ) : null}
      <SelectField
        ctx={ctx}
        name="ownerPersonId"
        label={m.ownerPerson}
        blank={m.noOwner}
        value={value('ownerPersonId', action?.ownerPersonId)}
        error={errors.ownerPersonId}
        options={props.owners.map((p) => ({ value: String(p.id), label: p.name }))}
      />
      <TextField ctx={ctx} name="ownerName" label={m.ownerName} hint={m.ownerNameHint} maxLength={200} value={value('ownerName', action && !action.ownerPersonId ? action.ownerName : '')} error={errors.ownerName} />
      <TextField ctx={ctx} name="dueOn" type="date" label={m.dueOn} value={value('dueOn', action?.dueOn)} error={errors.dueOn} />
      {action ? (
        <SelectField ctx={ctx} name="status" label={m.status} required value={value('status', action.status)} error={errors.status} options={actionStatuses.map((s) => ({ value: s, label: m.statuses[s] }))} />
      ) : null}
    </>
  );
}

export function OutcomesPage(
  props: { ctx: ViewContext; activity: Activity; meeting: Meeting; outcomes: Outcomes; owners: Owners; failed?: OutcomesForm; failedItem?: number } & FormState,
) {
  const { ctx, activity, meeting, outcomes } = props;
  const m = outcomesMessages(ctx.locale);
  const editable = canProceedings(ctx.actor, 'record_outcomes', activity);
  const base = minutesPath(activity, meeting);
  const state = (form: OutcomesForm, item?: number): FormState =>
    props.failed === form && (item === undefined || item === props.failedItem) ? { values: props.values, errors: props.errors } : {};
  const items = flattenAgenda(outcomes.agenda);
  const byItem = <T extends { agendaItemId: number | null }>(list: T[], id: number | null) => list.filter((x) => x.agendaItemId === id);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="minutes" title={m.title}>
      <h3>{m.title}</h3>
      <p class="lead">{m.intro}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels(m)} message={props.message} />

      <section aria-labelledby="carried-heading">
        <h3 id="carried-heading">{m.carried}</h3>
        <p class="muted">{m.carriedIntro}</p>
        {outcomes.carried.length ? <ActionTable ctx={ctx} activity={activity} meeting={meeting} actions={outcomes.carried} editable={editable} /> : <p>{m.noCarried}</p>}
      </section>

      <section aria-labelledby="minutes-heading">
        <h3 id="minutes-heading">{m.minutes}</h3>
        {!items.length ? <p>{m.noAgenda}</p> : null}
        {items.map((item) => {
          const text = outcomes.minutes.get(item.id);
          const decisions = byItem(outcomes.decisions, item.id);
          const actions = byItem(outcomes.actions, item.id);
          if (!editable && !text && !decisions.length && !actions.length) return null;
          const own = state('minutes', item.id);
          return (
            <article class={`minutes-item depth-${item.depth}`} id={`item-${item.id}`}>
              <h4>
                {item.number} {item.title}
              </h4>
              {editable ? (
                <PostForm ctx={ctx} action={`${base}/items/${item.id}`}>
                  <TextArea
                    ctx={ctx}
                    name={`minutes-${item.id}`}
                    label={m.minutesOf(item.number, item.title)}
                    rows={text ? 6 : 3}
                    maxLength={50_000}
                    value={own.values ? valueOf(own.values, `minutes-${item.id}`) : text}
                    error={own.errors?.[`minutes-${item.id}`]}
                  />
                  <Actions>
                    <button type="submit" aria-label={m.saveMinutesOf(item.number)}>
                      {m.saveMinutes}
                    </button>
                  </Actions>
                </PostForm>
              ) : (
                <p class="prose">{text ?? m.noMinutes}</p>
              )}
              {decisions.length ? <DecisionList ctx={ctx} activity={activity} meeting={meeting} decisions={decisions} editable={editable} /> : null}
              {actions.length ? <ActionTable ctx={ctx} activity={activity} meeting={meeting} actions={actions} editable={editable} /> : null}
            </article>
          );
        })}
      </section>

      <section aria-labelledby="decisions-heading">
        <h3 id="decisions-heading">{m.decisions}</h3>
        {outcomes.decisions.length ? <DecisionList ctx={ctx} activity={activity} meeting={meeting} decisions={outcomes.decisions} editable={editable} /> : <p>{m.noDecisions}</p>}
        {editable ? (
          <details class="panel" open={props.failed === 'decision'}>
            <summary>{m.addDecision}</summary>
            <PostForm ctx={ctx} action={`${base}/decisions`}>
              <TextArea ctx={ctx} name="decisionText" label={m.decision} required rows={3} maxLength={5000} value={valueOf(state('decision').values, 'decisionText')} error={state('decision').errors?.decisionText} />
              <SelectField ctx={ctx} name="decisionItem" label={m.agendaItem} blank={m.general} value={valueOf(state('decision').values, 'decisionItem')} error={state('decision').errors?.decisionItem} options={itemOptions(outcomes.agenda)} />
              <Actions>
                <button type="submit">{m.addDecision}</button>
              </Actions>
            </PostForm>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="actions-heading">
        <h3 id="actions-heading">{m.actions}</h3>
        {outcomes.actions.length ? <ActionTable ctx={ctx} activity={activity} meeting={meeting} actions={outcomes.actions} editable={editable} /> : <p>{m.noActions}</p>}
        {editable ? (
          <details class="panel" open={props.failed === 'action'}>
            <summary>{m.addAction}</summary>
            <PostForm ctx={ctx} action={`${base}/actions`}>
              <ActionFields ctx={ctx} agenda={outcomes.agenda} owners={props.owners} state={state('action')} withItem />
              <Actions>
                <button type="submit">{m.addAction}</button>
              </Actions>
            </PostForm>
          </details>
        ) : null}
      </section>
    </MeetingFrame>
  );
}

export function DecisionPage(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; decision: Decision; agenda: AgendaNode<AgendaItemRow>[] } & FormState) {
  const { ctx, activity, meeting, decision } = props;
  const m = outcomesMessages(ctx.locale);
  const base = minutesPath(activity, meeting);
  const value = (name: string, fallback: string | number | null) => (props.values ? valueOf(props.values, name) : fallback);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="minutes" title={m.editDecision(decisionLabel(decision))}>
      <p>
        <a href={base}>← {m.back}</a>
      </p>
      <h3>{m.editDecision(decisionLabel(decision))}</h3>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels(m)} message={props.message} />
      <PostForm ctx={ctx} action={`${base}/decisions/${decision.id}`}>
        <TextArea ctx={ctx} name="decisionText" label={m.decision} required rows={4} maxLength={5000} value={value('decisionText', decision.text)} error={props.errors?.decisionText} />
        <SelectField ctx={ctx} name="decisionItem" label={m.agendaItem} blank={m.general} value={value('decisionItem', decision.agendaItemId)} error={props.errors?.decisionItem} options={itemOptions(props.agenda)} />
        <Actions>
          <button type="submit">{m.save}</button>
          <a href={base}>{m.cancel}</a>
        </Actions>
      </PostForm>
      <PostForm ctx={ctx} action={`${base}/decisions/${decision.id}/delete`}>
        <Actions>
          <button type="submit" class="button-danger">
            {m.deleteDecision(decisionLabel(decision))}
          </button>
        </Actions>
      </PostForm>
    </MeetingFrame>
  );
}

export function ActionPage(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; action: ActionView; agenda: AgendaNode<AgendaItemRow>[]; owners: Owners } & FormState) {
  const { ctx, activity, meeting, action } = props;
  const m = outcomesMessages(ctx.locale);
  const base = minutesPath(activity, meeting);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="minutes" title={m.editAction(actionLabel(action))}>
      <p>
        <a href={base}>← {m.back}</a>
      </p>
      <h3>{m.editAction(actionLabel(action))}</h3>
      {action.meetingId !== meeting.id ? <p class="muted">{m.raisedAt(action.meetingNumber)}</p> : null}
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels(m)} message={props.message} />
      <PostForm ctx={ctx} action={`${base}/actions/${action.id}`}>
        <ActionFields ctx={ctx} agenda={props.agenda} owners={props.owners} state={{ values: props.values, errors: props.errors }} action={action} withItem={action.meetingId === meeting.id} />
        <Actions>
          <button type="submit">{m.save}</button>
          <a href={base}>{m.cancel}</a>
        </Actions>
      </PostForm>
    </MeetingFrame>
  );
}
