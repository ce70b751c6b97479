// The minutes and outcomes page: minutes per agenda item, decisions, action items and the actions carried from
// earlier meetings; forms for the secretariat and chairs, plain reading for everyone else.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import type { Activity } from '../activities/index.ts';
import { type AgendaItemRow, type AgendaNode, flattenAgenda, type Meeting } from './agenda.ts';
import { canProceedings } from './policy.ts';
import { MeetingFrame } from './meeting-frame.tsx';
import { meetingEnded } from './meeting-report.ts';
import { meetingPath } from './meeting-paths.ts';
import { type ActionView, actionLabel, type Decision, decisionLabel, type Outcomes, outcomesFingerprint } from './outcomes.ts';
import { type ActionPart, type ItemKey, outcomesFields } from './outcomes-form.ts';
import { type OutcomesMessages, outcomesMessages } from './outcomes-messages.ts';
import { actionStatuses } from './proceedings-schema.ts';

export const minutesPath = (activity: Activity, meeting: Meeting) => `${meetingPath(activity, meeting)}/minutes`;

type Owners = { id: number; name: string }[];
/** The form a refused save came from: only the editor's own refusals carry what was typed back into it. */
export type OutcomesForm = 'editor';

const labels = (m: OutcomesMessages) => ({ decisionText: m.decision, decisionItem: m.agendaItem, text: m.text, agendaItemId: m.agendaItem, ownerPersonId: m.ownerPerson, ownerName: m.ownerName, dueOn: m.dueOn, status: m.status });

function itemOptions(agenda: AgendaNode<AgendaItemRow>[]) {
  return flattenAgenda(agenda).map((n) => ({ value: String(n.id), label: `${'\u2003'.repeat(n.depth - 1)}${n.number} ${n.title}` }));
}

function StatusPill(props: { m: OutcomesMessages; status: ActionView['status'] }) {
  return <span class={`pill action-${props.status}`}>{props.m.statuses[props.status]}</span>;
}

/** Action rows as readers see them: label, text, owner, due date, status. */
function ActionTable(props: { ctx: ViewContext; actions: ActionView[] }) {
  const { ctx } = props;
  const m = outcomesMessages(ctx.locale);
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
                <StatusPill m={m} status={a.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionList(props: { ctx: ViewContext; decisions: Decision[] }) {
  return (
    <ul class="decisions">
      {props.decisions.map((d) => (
        <li id={`decision-${d.id}`}>
          <strong>{decisionLabel(d)}</strong> <span class="prose">{d.text}</span>
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

/** A part of the editor someone else saved meanwhile: what it holds now and its fingerprint, by the form's prefix. */
export type EditorConflicts = Map<string, { current: Record<string, unknown>; base: string }>;

export function OutcomesPage(
  props: { ctx: ViewContext; activity: Activity; meeting: Meeting; outcomes: Outcomes; owners: Owners; failed?: OutcomesForm; failedItem?: number; conflicts?: EditorConflicts } & FormState,
) {
  const { ctx, activity, meeting, outcomes } = props;
  const m = outcomesMessages(ctx.locale);
  const editable = canProceedings(ctx.actor, 'record_outcomes', activity);
  if (editable) return <OutcomesEditor {...props} />;
  const items = flattenAgenda(outcomes.agenda);
  const byItem = <T extends { agendaItemId: number | null }>(list: T[], id: number | null) => list.filter((x) => x.agendaItemId === id);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="minutes" title={m.title}>
      <h3>{m.title}</h3>
      <DraftNotice ctx={ctx} meeting={meeting} />
      <p class="lead">{m.intro}</p>

      <section aria-labelledby="carried-heading">
        <h3 id="carried-heading">{m.carried}</h3>
        <p class="muted">{m.carriedIntro}</p>
        {outcomes.carried.length ? <ActionTable ctx={ctx} actions={outcomes.carried} /> : <p>{m.noCarried}</p>}
      </section>

      <section aria-labelledby="minutes-heading">
        <h3 id="minutes-heading">{m.minutes}</h3>
        {!items.length ? <p>{m.noAgenda}</p> : null}
        {items.map((item) => {
          const text = outcomes.minutes.get(item.id);
          const decisions = byItem(outcomes.decisions, item.id);
          const actions = byItem(outcomes.actions, item.id);
          if (!text && !decisions.length && !actions.length) return null;
          return (
            <article class={`minutes-item depth-${item.depth}`} id={`item-${item.id}`}>
              <h4>
                {item.number} {item.title}
              </h4>
              <p class="prose">{text ?? m.noMinutes}</p>
              {decisions.length ? <DecisionList ctx={ctx} decisions={decisions} /> : null}
              {actions.length ? <ActionTable ctx={ctx} actions={actions} /> : null}
            </article>
          );
        })}
      </section>

      <section aria-labelledby="decisions-heading">
        <h3 id="decisions-heading">{m.decisions}</h3>
        {outcomes.decisions.length ? <DecisionList ctx={ctx} decisions={outcomes.decisions} /> : <p>{m.noDecisions}</p>}
      </section>

      <section aria-labelledby="actions-heading">
        <h3 id="actions-heading">{m.actions}</h3>
        {outcomes.actions.length ? <ActionTable ctx={ctx} actions={outcomes.actions} /> : <p>{m.noActions}</p>}
      </section>
    </MeetingFrame>
  );
}

/**
 * The one form of the minutes page for those who record outcomes: per agenda item its minutes, its decisions and
 * actions (editable in place) and room for new ones; the actions carried from earlier meetings by status; one save
 * button for all. Every record carries the fingerprint of what was shown, so a colleague's save in between is noticed
 * (saveOutcomes); a refused save shows again what was typed, with the colleague's version beside the fields at stake.
 */
function OutcomesEditor(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; outcomes: Outcomes; owners: Owners; failed?: OutcomesForm; conflicts?: EditorConflicts } & FormState) {
  const { ctx, activity, meeting, outcomes } = props;
  const m = outcomesMessages(ctx.locale);
  const base = minutesPath(activity, meeting);
  const errors = props.errors ?? {};
  // Only the editor's own refused save fills it with what was typed; anything else shows what is stored.
  const posted = props.failed === 'editor' ? props.values : undefined;
  /** What a field shows: what was typed (after a refused save), else what is stored. */
  const shown = (name: string, stored: string | number | null | undefined) => (posted ? (valueOf(posted, name) ?? '') : stored === null || stored === undefined ? '' : String(stored));
  /** The fingerprint to send back: the colleague's version once it was shown, else the one the editor started from. */
  const baseOf = (prefix: string, computed: string) => props.conflicts?.get(prefix)?.base ?? (posted ? (valueOf(posted, outcomesFields.base(prefix)) ?? computed) : computed);
  const items = flattenAgenda(outcomes.agenda);
  const byItem = <T extends { agendaItemId: number | null }>(list: T[], id: number | null) => list.filter((x) => x.agendaItemId === id);
  const ownerOptions = props.owners.map((p) => ({ value: String(p.id), label: p.name }));
  const personName = (id: number | null) => props.owners.find((p) => p.id === id)?.name;
  const Theirs = (p: { prefix: string }) => {
    const conflict = props.conflicts?.get(p.prefix);
    if (!conflict) return null;
    const c = conflict.current;
    const text = c.deleted
      ? m.deletedMeanwhile
      : [typeof c.text === 'string' ? c.text : '', typeof c.ownerName === 'string' ? c.ownerName : '', typeof c.dueOn === 'string' ? c.dueOn : '', typeof c.status === 'string' ? m.statuses[c.status as ActionView['status']] : '']
          .filter(Boolean)
          .join(' · ');
    return (
      <div class="notice their-version">
        <p>
          <strong>{m.theirVersion}</strong>
        </p>
        <p class="prose">{text || m.noMinutes}</p>
      </div>
    );
  };
  const decisionEditor = (d: Decision) => {
    const name = outcomesFields.decision(d.id);
    return (
      <div class="editor-record" id={`decision-${d.id}`}>
        <input type="hidden" name={outcomesFields.base(name)} value={baseOf(name, outcomesFingerprint.decision(d))} />
        <TextArea ctx={ctx} name={name} label={m.decisionText(decisionLabel(d))} rows={2} maxLength={5000} value={shown(name, d.text)} error={errors[name]} />
        <Theirs prefix={name} />
        <p class="small">
          <a href={`${base}/decisions/${d.id}`}>{m.moveOrDelete}</a>
        </p>
      </div>
    );
  };
  const actionEditor = (a: ActionView) => {
    const prefix = `action-${a.id}`;
    const f = (part: ActionPart) => outcomesFields.action(a.id, part);
    const ownerName = a.ownerPersonId && personName(a.ownerPersonId) === a.ownerName ? '' : a.ownerName;
    return (
      <fieldset class="editor-record" id={`action-${a.id}`}>
        <legend>{m.actionText(actionLabel(a))}</legend>
        <input type="hidden" name={outcomesFields.base(prefix)} value={baseOf(prefix, outcomesFingerprint.action(a))} />
        <TextArea ctx={ctx} name={f('text')} label={m.text} rows={2} maxLength={5000} value={shown(f('text'), a.text)} error={errors[f('text')]} />
        <div class="field-row">
          <SelectField ctx={ctx} name={f('owner')} label={m.ownerPerson} blank={m.noOwner} value={shown(f('owner'), a.ownerPersonId)} error={errors[f('owner')]} options={ownerOptions} />
          <TextField ctx={ctx} name={f('ownerName')} label={m.ownerName} maxLength={200} value={shown(f('ownerName'), ownerName)} error={errors[f('ownerName')]} />
          <TextField ctx={ctx} name={f('due')} type="date" label={m.dueOn} value={shown(f('due'), a.dueOn)} error={errors[f('due')]} />
          <SelectField ctx={ctx} name={f('status')} label={m.status} required value={shown(f('status'), a.status)} error={errors[f('status')]} options={actionStatuses.map((x) => ({ value: x, label: m.statuses[x] }))} />
        </div>
        <Theirs prefix={prefix} />
        <p class="small">
          <a href={`${base}/actions/${a.id}`}>{m.editAction(actionLabel(a))}</a>
        </p>
      </fieldset>
    );
  };
  /** Room for a new decision and a new action under an item (or general), open when something was typed there. */
  const additions = (key: ItemKey, itemNumber: string | null) => {
    const decision = outcomesFields.newDecision(key);
    const f = (part: Exclude<ActionPart, 'status'>) => outcomesFields.newAction(key, part);
    const typed = [decision, f('text'), f('owner'), f('ownerName'), f('due')].some((n) => valueOf(posted, n));
    return (
      <details class="panel editor-additions" open={typed}>
        <summary>{itemNumber ? m.addUnder(itemNumber) : m.addGeneral}</summary>
        <TextArea ctx={ctx} name={decision} label={itemNumber ? m.newDecisionUnder(itemNumber) : m.newDecisionGeneral} rows={2} maxLength={5000} value={valueOf(posted, decision)} error={errors[decision]} />
        <fieldset>
          <legend>{itemNumber ? m.newActionUnder(itemNumber) : m.newActionGeneral}</legend>
          <TextArea ctx={ctx} name={f('text')} label={m.text} rows={2} maxLength={5000} value={valueOf(posted, f('text'))} error={errors[f('text')]} />
          <div class="field-row">
            <SelectField ctx={ctx} name={f('owner')} label={m.ownerPerson} blank={m.noOwner} value={valueOf(posted, f('owner'))} error={errors[f('owner')]} options={ownerOptions} />
            <TextField ctx={ctx} name={f('ownerName')} label={m.ownerName} hint={m.ownerNameHint} maxLength={200} value={valueOf(posted, f('ownerName'))} error={errors[f('ownerName')]} />
            <TextField ctx={ctx} name={f('due')} type="date" label={m.dueOn} value={valueOf(posted, f('due'))} error={errors[f('due')]} />
          </div>
        </fieldset>
      </details>
    );
  };
  const general = { decisions: byItem(outcomes.decisions, null), actions: byItem(outcomes.actions, null) };
  // Each refusal in the summary names the field it is about, as its label reads on the page.
  const labels: Record<string, string> = {};
  const partLabels = (prefix: string, parts: Partial<Record<ActionPart, string>>) => {
    for (const [part, label] of Object.entries(parts)) labels[`${prefix}-${part}`] = label;
  };
  const actionParts = (who: string) => ({ text: `${who}, ${m.text.toLowerCase()}`, owner: `${who}, ${m.ownerPerson.toLowerCase()}`, ownerName: `${who}, ${m.ownerName.toLowerCase()}`, due: `${who}, ${m.dueOn.toLowerCase()}`, status: `${who}, ${m.status.toLowerCase()}` });
  for (const item of items) {
    labels[outcomesFields.minutes(item.id)] = m.minutesOf(item.number, item.title);
    labels[outcomesFields.newDecision(item.id)] = m.newDecisionUnder(item.number);
    partLabels(`new-action-${item.id}`, actionParts(m.newActionUnder(item.number)));
  }
  labels[outcomesFields.newDecision('general')] = m.newDecisionGeneral;
  partLabels('new-action-general', actionParts(m.newActionGeneral));
  for (const d of outcomes.decisions) labels[outcomesFields.decision(d.id)] = m.decisionText(decisionLabel(d));
  for (const a of [...outcomes.actions, ...outcomes.carried]) partLabels(`action-${a.id}`, actionParts(m.actionText(actionLabel(a))));
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="minutes" title={m.title}>
      <h3>{m.title}</h3>
      <DraftNotice ctx={ctx} meeting={meeting} />
      <p class="lead">{m.editorIntro}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels} message={props.message} />
      <PostForm ctx={ctx} action={base} class="form minutes-editor" warnUnsaved>
        <section aria-labelledby="carried-heading">
          <h3 id="carried-heading">{m.carried}</h3>
          <p class="muted">{m.carriedIntro}</p>
          {outcomes.carried.length ? (
            <ul class="carried-actions">
              {outcomes.carried.map((a) => {
                const prefix = `action-${a.id}`;
                const status = outcomesFields.action(a.id, 'status');
                return (
                  <li id={`action-${a.id}`}>
                    <input type="hidden" name={outcomesFields.base(prefix)} value={baseOf(prefix, outcomesFingerprint.actionStatus(a))} />
                    <strong>{actionLabel(a)}</strong> <span class="prose">{a.text}</span> — {a.ownerName}
                    {a.dueOn ? ` (${formatDate(a.dueOn, ctx.locale)})` : ''}
                    <SelectField ctx={ctx} name={status} label={m.setStatus(actionLabel(a))} required value={shown(status, a.status)} error={errors[status]} options={actionStatuses.map((x) => ({ value: x, label: m.statuses[x] }))} />
                    <Theirs prefix={prefix} />
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>{m.noCarried}</p>
          )}
        </section>

        <section aria-labelledby="minutes-heading">
          <h3 id="minutes-heading">{m.minutes}</h3>
          {!items.length ? <p>{m.noAgenda}</p> : null}
          {items.map((item) => {
            const name = outcomesFields.minutes(item.id);
            const text = outcomes.minutes.get(item.id);
            return (
              <article class={`minutes-item depth-${item.depth}`} id={`item-${item.id}`}>
                <h4>
                  {item.number} {item.title}
                </h4>
                <input type="hidden" name={outcomesFields.base(name)} value={baseOf(name, outcomesFingerprint.minutes(text))} />
                <TextArea ctx={ctx} name={name} label={m.minutesOf(item.number, item.title)} rows={text ? 6 : 3} maxLength={50_000} value={shown(name, text)} error={errors[name]} />
                <Theirs prefix={name} />
                {byItem(outcomes.decisions, item.id).map(decisionEditor)}
                {byItem(outcomes.actions, item.id).map(actionEditor)}
                {additions(item.id, item.number)}
              </article>
            );
          })}
        </section>

        <section aria-labelledby="general-heading">
          <h3 id="general-heading">{m.general}</h3>
          {general.decisions.map(decisionEditor)}
          {general.actions.map(actionEditor)}
          {additions('general', null)}
        </section>

        <div class="sticky-actions">
          <Actions>
            <button type="submit">{m.saveAll}</button>
          </Actions>
        </div>
      </PostForm>
      <script src="/assets/unsaved-changes.js" defer></script>
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

/** Until the meeting has ended, its minutes are a draft: the page says so (the reports' files say it too). */
function DraftNotice(props: { ctx: ViewContext; meeting: Meeting }) {
  const { ctx, meeting } = props;
  if (meetingEnded(meeting, new Date())) return null;
  return (
    <p class="notice draft-notice">
      <strong>{outcomesMessages(ctx.locale).draftMinutes(formatDateTime(meeting.endsAt, ctx.locale, meeting.timeZone))}</strong>
    </p>
  );
}
