// The reports page: the executive summary for TSAG and the meeting report, released ones for everyone; generation,
// editing and release for the secretariat and chairs.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import type { Activity } from '../activities/index.ts';
import type { Meeting } from './agenda.ts';
import { canProceedings } from './policy.ts';
import { MeetingFrame } from './meeting-frame.tsx';
import { meetingPath } from './meeting-paths.ts';
import { type MeetingReport, meetingEnded, reportBlocks, reportSlugs } from './meeting-report.ts';
import { ReportBody } from '../../platform/web/report-body.tsx';
import { meetingReportMessages } from './meeting-report-messages.ts';
import { meetingReportAccessLevels, type MeetingReportKind, meetingReportKinds } from './proceedings-schema.ts';

export const reportPath = (activity: Activity, meeting: Meeting) => `${meetingPath(activity, meeting)}/report`;

export function MeetingReportPage(
  props: { ctx: ViewContext; activity: Activity; meeting: Meeting; reports: MeetingReport[]; failed?: MeetingReportKind } & FormState,
) {
  const { ctx, activity, meeting } = props;
  const m = meetingReportMessages(ctx.locale);
  const writer = canProceedings(ctx.actor, 'write_reports', activity);
  const base = reportPath(activity, meeting);
  const ended = meetingEnded(meeting, new Date());
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="report" title={m.title}>
      <h3>{m.title}</h3>
      <p class="lead">{m.intro}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={{ body: m.body }} message={props.message} />
      {meetingReportKinds.map((kind) => {
        const report = props.reports.find((r) => r.kind === kind);
        const path = `${base}/${reportSlugs[kind]}`;
        const failed = props.failed === kind;
        return (
          <section class="panel report" aria-labelledby={`report-${kind}`} id={reportSlugs[kind]}>
            <h3 id={`report-${kind}`}>
              {m.kinds[kind]} {report ? <span class={`pill report-${report.status}`}>{m.statuses[report.status]}</span> : null}
            </h3>
            {writer && !ended ? <p class="notice draft-notice">{m.draftNoticePage(formatDateTime(meeting.endsAt, ctx.locale, meeting.timeZone))}</p> : null}
            {!report ? (
              <p>{writer ? m.notYet : m.notReleased}</p>
            ) : (
              <>
                <p class="muted">
                  {report.status === 'released' && report.releasedAt
                    ? m.releasedBy(report.releasedByName ?? '', formatDateTime(report.releasedAt, ctx.locale, meeting.timeZone))
                    : m.draftBy(report.updatedByName, formatDateTime(report.updatedAt, ctx.locale, meeting.timeZone))}
                </p>
                {writer ? <p class="muted">{m.readableBy(m.accessLevels[report.access] ?? report.access)}</p> : null}
                <p class="view-links">
                  {m.download}: <a href={`${path}.docx`}>{m.downloadDocx}</a> · <a href={`${path}.pdf`}>{m.downloadPdf}</a>
                </p>
                {report.status === 'released' || !writer ? <ReportBody blocks={reportBlocks(report.body)} /> : null}
              </>
            )}
            {writer && report?.status !== 'released' ? (
              <>
                {report ? (
                  <PostForm ctx={ctx} action={path}>
                    <TextArea
                      ctx={ctx}
                      name={`body-${reportSlugs[kind]}`}
                      label={`${m.body} — ${m.kinds[kind]}`}
                      hint={m.bodyHint}
                      rows={20}
                      value={failed ? valueOf(props.values, `body-${reportSlugs[kind]}`) : report.body}
                      error={failed ? props.errors?.[`body-${reportSlugs[kind]}`] : undefined}
                    />
                    <Actions>
                      <button type="submit">{m.save}</button>
                    </Actions>
                  </PostForm>
                ) : null}
                <div class="actions">
                  <PostForm ctx={ctx} action={`${path}/generate`} class="inline-form">
                    <button type="submit" class={report ? 'button-secondary' : undefined}>
                      {report ? m.regenerate : m.generate}
                    </button>
                  </PostForm>
                  {report && ended ? (
                    <PostForm ctx={ctx} action={`${path}/release`} class="inline-form">
                      <button type="submit">{m.releaseLabel(m.kinds[kind])}</button>
                    </PostForm>
                  ) : null}
                </div>
              </>
            ) : null}
            {writer && report ? <ReportSettingsForm ctx={ctx} path={path} report={report} failed={failed} values={props.values} errors={props.errors} /> : null}
          </section>
        );
      })}
    </MeetingFrame>
  );
}

/** Who reads the report once released, and the summary's TSAG number (only while a draft: a released one is fixed). */
function ReportSettingsForm(props: { ctx: ViewContext; path: string; report: MeetingReport; failed: boolean } & FormState) {
  const { ctx, report } = props;
  const m = meetingReportMessages(ctx.locale);
  const slug = reportSlugs[report.kind];
  const value = (name: string, current: string | null) => (props.failed ? valueOf(props.values, `${name}-${slug}`) : (current ?? ''));
  return (
    <PostForm ctx={ctx} action={`${props.path}/settings`}>
      <fieldset>
        <legend>{`${m.settings} — ${m.kinds[report.kind]}`}</legend>
        <SelectField
          ctx={ctx}
          name={`access-${slug}`}
          label={m.accessLabel}
          hint={m.accessHint}
          value={value('access', report.access)}
          error={props.failed ? props.errors?.[`access-${slug}`] : undefined}
          options={meetingReportAccessLevels.map((level) => ({ value: level, label: m.accessLevels[level] ?? level }))}
        />
        {report.kind === 'executive_summary' && report.status === 'draft' ? (
          <TextField
            ctx={ctx}
            name={`tsagNumber-${slug}`}
            label={m.tsagNumber}
            hint={m.tsagNumberHint}
            maxLength={40}
            value={value('tsagNumber', report.tsagNumber)}
            error={props.failed ? props.errors?.[`tsagNumber-${slug}`] : undefined}
          />
        ) : null}
        <Actions>
          <button type="submit" class="button-secondary">
            {m.saveSettings}
          </button>
        </Actions>
      </fieldset>
    </PostForm>
  );
}
