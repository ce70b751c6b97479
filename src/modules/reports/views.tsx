// The reports' pages: the list, the new-report form with its period picker, and one report (its text; for those who
// draft, the editor, "write again", and for the secretariat the release).
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { ReportBody } from '../../platform/web/report-body.tsx';
import { reportBlocks } from '../../platform/documents/report-text.ts';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import { reportMessages } from './messages.ts';
import { reportPath, reportsPath } from './paths.ts';
import { canReports } from './policy.ts';
import { type ActivityReport, reportPeriodWords } from './reports.ts';
import { activityReportAudiences, activityReportKinds } from './schema.ts';

export type MeetingChoice = { number: number; title: string; startsAt: Date; timeZone: string };

export function ReportsPage(props: { ctx: ViewContext; activity: Activity; reports: ActivityReport[] }) {
  const { ctx, activity: a } = props;
  const m = reportMessages(ctx.locale);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.title}>
      <h2>{m.title}</h2>
      <p class="lead">{m.intro}</p>
      {canReports(ctx.actor, 'draft', a) ? (
        <p class="actions">
          <a class="button" href={`${reportsPath(a)}/new`}>
            {m.newReport}
          </a>
        </p>
      ) : null}
      {props.reports.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.columns.report}</th>
                <th scope="col">{m.columns.period}</th>
                <th scope="col">{m.columns.language}</th>
                <th scope="col">{m.columns.status}</th>
                <th scope="col">{m.columns.document}</th>
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => (
                <tr>
                  <td data-label={m.columns.report}>
                    <a href={reportPath(a, r)}>{m.kinds[r.kind]}</a>
                  </td>
                  <td data-label={m.columns.period}>{reportPeriodWords(r, ctx.locale)}</td>
                  <td data-label={m.columns.language}>{m.languages[r.language]}</td>
                  <td data-label={m.columns.status}>
                    <span class={`pill report-${r.status}`}>{m.statuses[r.status]}</span>
                  </td>
                  <td data-label={m.columns.document}>{r.documentNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{m.none}</p>
      )}
    </ActivityFrame>
  );
}

export function NewReportPage(props: { ctx: ViewContext; activity: Activity; meetings: MeetingChoice[] } & FormState) {
  const { ctx, activity: a } = props;
  const m = reportMessages(ctx.locale);
  const v = (name: string) => valueOf(props.values, name);
  const e = props.errors ?? {};
  const meetingOptions = props.meetings.map((x) => ({
    value: String(x.number),
    label: m.meetingOption(x.number, x.title, formatDate(new Intl.DateTimeFormat('en-CA', { timeZone: x.timeZone }).format(x.startsAt), ctx.locale)),
  }));
  const labels = { kind: m.kind, language: m.language, audience: m.audience, fromDate: m.fromDate, fromMeeting: m.fromMeeting, toDate: m.toDate, toMeeting: m.toMeeting };
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.newTitle}>
      <h2>{m.newTitle}</h2>
      <p>
        <a href={reportsPath(a)}>{m.back}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={e} labels={labels} message={props.message} />
      <PostForm ctx={ctx} action={reportsPath(a)}>
        <SelectField ctx={ctx} name="kind" label={m.kind} required value={v('kind') ?? 'tsag'} error={e.kind} options={activityReportKinds.map((k) => ({ value: k, label: m.kinds[k] }))} />
        <SelectField ctx={ctx} name="language" label={m.language} required value={v('language') ?? ctx.locale} error={e.language} options={(['en', 'fr'] as const).map((l) => ({ value: l, label: m.languages[l] }))} />
        <SelectField
          ctx={ctx}
          name="audience"
          label={m.audience}
          hint={m.audienceHint}
          required
          value={v('audience') ?? 'members'}
          error={e.audience}
          options={activityReportAudiences.map((x) => ({ value: x, label: m.audiences[x] }))}
        />
        <fieldset class="period">
          <legend>{m.periodLegend}</legend>
          <p class="hint">{m.periodHint}</p>
          <TextField ctx={ctx} type="date" name="fromDate" label={m.fromDate} value={v('fromDate')} error={e.fromDate} />
          <SelectField ctx={ctx} name="fromMeeting" label={m.fromMeeting} value={v('fromMeeting')} error={e.fromMeeting} blank={m.noMeetingChoice} options={meetingOptions} />
          <TextField ctx={ctx} type="date" name="toDate" label={m.toDate} value={v('toDate')} error={e.toDate} />
          <SelectField ctx={ctx} name="toMeeting" label={m.toMeeting} value={v('toMeeting')} error={e.toMeeting} blank={m.noMeetingChoice} options={meetingOptions} />
        </fieldset>
        <Actions>
          <button type="submit">{m.generate}</button>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

export function ReportPage(props: { ctx: ViewContext; activity: Activity; report: ActivityReport } & FormState) {
  const { ctx, activity: a, report: r } = props;
  const m = reportMessages(ctx.locale);
  const path = reportPath(a, r);
  const drafter = r.status === 'draft' && canReports(ctx.actor, 'draft', a);
  const releaser = r.status === 'draft' && canReports(ctx.actor, 'release', a);
  const v = (name: string, fallback: string | null) => valueOf(props.values, name) ?? fallback ?? '';
  const title = `${m.kinds[r.kind]} — ${reportPeriodWords(r, ctx.locale)}`;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={title}>
      <h2>
        {title} <span class={`pill report-${r.status}`}>{m.statuses[r.status]}</span>
      </h2>
      <p>
        <a href={reportsPath(a)}>{m.back}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={{ body: m.body, tsagNumber: m.tsagNumber }} message={props.message} />
      <p class="muted">
        {r.status === 'released' && r.releasedAt
          ? m.releasedBy(r.releasedByName ?? '', formatDateTime(r.releasedAt, ctx.locale, ctx.timeZone))
          : m.draftBy(r.updatedByName, formatDateTime(r.updatedAt, ctx.locale, ctx.timeZone))}
        {' '}
        {m.writtenFor(m.languages[r.language], m.audiences[r.audience])}
        {r.documentNumber ? ` ${m.openDocument(r.documentNumber)}.` : ''}
      </p>
      <p class="view-links">
        {m.download}
        {ctx.t.colon}
        <a href={`${path}.docx`}>DOCX</a> · <a href={`${path}.pdf`}>PDF</a>
      </p>
      {drafter ? (
        <>
          <PostForm ctx={ctx} action={path} warnUnsaved>
            {r.kind === 'tsag' ? (
              <TextField ctx={ctx} name="tsagNumber" label={m.tsagNumber} hint={m.tsagNumberHint} value={v('tsagNumber', r.tsagNumber)} error={props.errors?.tsagNumber} maxLength={40} />
            ) : null}
            <TextArea ctx={ctx} name="body" label={m.body} hint={m.bodyHint} required rows={30} value={v('body', r.body)} error={props.errors?.body} maxLength={200_000} />
            <Actions>
              <button type="submit">{m.save}</button>
            </Actions>
          </PostForm>
          <PostForm ctx={ctx} action={`${path}/regenerate`}>
            <Actions>
              <button type="submit" class="button-secondary">
                {m.regenerate}
              </button>
            </Actions>
          </PostForm>
          {releaser ? (
            <PostForm ctx={ctx} action={`${path}/release`}>
              <p class="hint">{m.releaseHint(m.audiences[r.audience])}</p>
              <Actions>
                <button type="submit">{m.release}</button>
              </Actions>
            </PostForm>
          ) : null}
        </>
      ) : (
        <ReportBody blocks={reportBlocks(r.body)} />
      )}
    </ActivityFrame>
  );
}
