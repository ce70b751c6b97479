// The announcement of a meeting, prefilled: what the secretariat checks and sends when registration opens.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { Actions, Checkbox, ErrorSummary, Facts, FileField, PostForm, TextArea, TextField } from '../../platform/web/components.tsx';
import type { Activity } from '../activities/index.ts';
import { listMessages } from '../mailing-lists/index.ts';
import type { Meeting } from './deadlines.ts';
import { MeetingFrame } from './meeting-frame.tsx';
import { meetingCalendarName } from './meeting-announcement.ts';
import { meetingPath } from './meeting-paths.ts';
import { meetingMessages } from './messages.ts';

export function MeetingAnnouncementPage(
  props: { ctx: ViewContext; activity: Activity; meeting: Meeting; draft: { subject: string; text: string }; subscribers: number | null; maxMb: number } & FormState,
) {
  const { ctx, activity, meeting } = props;
  const m = meetingMessages(ctx.locale).announcementDraft;
  const l = listMessages(ctx.locale);
  const e = props.errors ?? {};
  // A form sent back with errors keeps what was typed; a fresh page starts from the draft, with the calendar ticked.
  const values = props.values ?? { subject: props.draft.subject, text: props.draft.text, html: 'on', attachCalendar: 'on' };
  const base = meetingPath(activity, meeting);
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="overview" title={m.title}>
      <h3>{m.title}</h3>
      <p>{m.intro(activity.acronym)}</p>
      <Facts items={[[m.to, m.toList(activity.acronym, props.subscribers)]]} />
      <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ subject: l.subject, text: l.text, file: m.otherFiles, attachCalendar: m.attachCalendar(meetingCalendarName(activity, meeting)) }} />
      <PostForm ctx={ctx} action={`${base}/announcement`} enctype="multipart/form-data">
        <TextField ctx={ctx} name="subject" label={l.subject} required maxLength={200} value={valueOf(values, 'subject')} error={e.subject} />
        <TextArea ctx={ctx} name="text" label={l.text} hint={l.textHint} required rows={20} value={valueOf(values, 'text')} error={e.text} />
        <Checkbox name="html" label={l.html} checked={valueOf(values, 'html') === 'on'} />
        <Checkbox name="attachCalendar" label={m.attachCalendar(meetingCalendarName(activity, meeting))} checked={valueOf(values, 'attachCalendar') === 'on'} />
        <FileField ctx={ctx} name="file" label={m.otherFiles} hint={l.attachmentHint(props.maxMb)} error={e.file} multiple />
        <Actions>
          <button type="submit">{m.send}</button>
          <a href={base}>{m.skip}</a>
        </Actions>
      </PostForm>
    </MeetingFrame>
  );
}
