// The checker's pages: the upload form, and the findings, each with where it is, its severity and its words.
import type { ViewContext } from '../../platform/http/context.ts';
import { Actions } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { Finding } from './checker.ts';
import { circularMessages } from './messages.ts';

export const checkPath = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/circulars/check`;

type MeetingChoice = { number: number; title: string };

export function CheckPage(props: { ctx: ViewContext; activity: Activity; meetings: MeetingChoice[]; selected?: number | null; message?: string }) {
  const { ctx, activity: a } = props;
  const m = circularMessages(ctx.locale);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.checkTitle}>
      <h2>{m.checkTitle}</h2>
      <p>{m.checkIntro}</p>
      {props.message ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>
            <a href="#draft-file">{m.file}</a>: {props.message}
          </p>
        </div>
      ) : null}
      <form method="post" action={checkPath(a)} enctype="multipart/form-data" class="form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="draft-file">{m.file}</label>
          <p class="hint" id="draft-file-hint">
            {m.fileHint}
          </p>
          <input id="draft-file" type="file" name="file" required aria-describedby="draft-file-hint" accept=".docx,.pdf,.txt,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
        </div>
        <div class="field">
          <label for="draft-meeting">{m.meeting}</label>
          <select id="draft-meeting" name="meeting">
            <option value="" selected={props.selected === undefined}>
              {m.nextMeeting}
            </option>
            {props.meetings.map((meeting) => (
              <option value={String(meeting.number)} selected={props.selected === meeting.number}>
                {meeting.number}. {meeting.title}
              </option>
            ))}
            <option value="none" selected={props.selected === null}>
              {m.noMeeting}
            </option>
          </select>
        </div>
        <Actions>
          <button type="submit">{m.check}</button>
        </Actions>
      </form>
    </ActivityFrame>
  );
}

export function FindingsPage(props: { ctx: ViewContext; activity: Activity; fileName: string; meeting: number | null; findings: Finding[] }) {
  const { ctx, activity: a, findings } = props;
  const m = circularMessages(ctx.locale);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.checkTitle}>
      <h2>{m.results(props.fileName)}</h2>
      <p>{m.checkedAgainst(a.acronym, props.meeting)}</p>
      {findings.length ? (
        <>
          <p role="status" class={errors ? 'error-text' : undefined}>
            {m.summary(errors, findings.length - errors)}
          </p>
          <div class="table-wrap">
            <table class="findings">
              <thead>
                <tr>
                  <th scope="col">{m.where}</th>
                  <th scope="col">{m.finding}</th>
                  <th scope="col">{m.excerpt}</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr class={`finding finding-${f.severity}`}>
                    <td data-label={m.where}>{m.whereText(f.where)}</td>
                    <td data-label={m.finding}>
                      <strong>{m.severity[f.severity]}</strong> {m.finding_(f.detail, ctx.locale)}
                    </td>
                    <td data-label={m.excerpt}>
                      <q>{f.excerpt}</q>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p role="status">{m.noFindings}</p>
      )}
      <p>
        <a href={checkPath(a)}>{m.checkAnother}</a>
      </p>
    </ActivityFrame>
  );
}
