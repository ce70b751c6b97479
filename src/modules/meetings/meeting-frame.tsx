// The frame of every page of one meeting: the activity's frame (tab "meetings"), the meeting's title and its sub-tabs.
// Other modules (documents, agenda, minutes, report) render their meeting pages inside it.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { SectionTabs } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { Meeting } from './deadlines.ts';
import { meetingMessages } from './messages.ts';
import { meetingPath, meetingsPath } from './meeting-paths.ts';

export type MeetingTab = 'overview' | 'registration' | 'participants' | 'agenda' | 'documents' | 'minutes' | 'report';

export function MeetingFrame(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting: Meeting;
  tab: MeetingTab;
  /** the page's own heading, shown under the meeting's title (for the browser tab too) */
  title?: string;
  children: ComponentChildren;
}) {
  const { ctx, activity, meeting } = props;
  const m = meetingMessages(ctx.locale);
  const base = meetingPath(activity, meeting);
  const tabs: [MeetingTab, string][] = [
    ['overview', base],
    ['registration', `${base}/register`],
    ['participants', `${base}/participants`],
    ['agenda', `${base}/agenda`],
    ['documents', `${base}/documents`],
    ['minutes', `${base}/minutes`],
    ['report', `${base}/report`],
  ];
  const heading = m.numberedTitle(meeting.number, meeting.title);
  return (
    <ActivityFrame
      ctx={ctx}
      activity={activity}
      tab="meetings"
      title={props.title ? `${props.title} · ${m.meetingNumber(meeting.number)}` : m.meetingNumber(meeting.number)}
    >
      <div class="meeting-head">
        <p class="muted">
          <a href={meetingsPath(activity)}>{m.title}</a>
        </p>
        <h2>
          {heading}
          {meeting.status === 'cancelled' || meeting.status === 'planned' ? (
            <span class={`badge meeting-status-${meeting.status}`}> {m.statuses[meeting.status]}</span>
          ) : null}
        </h2>
        <p class="muted">
          {formatDateTime(meeting.startsAt, ctx.locale, meeting.timeZone)}
          {meeting.city ? ` · ${meeting.city}` : ''} · {m.modes[meeting.mode]}
        </p>
      </div>
      <SectionTabs
        ctx={ctx}
        label={heading}
        class="meeting-tabs"
        tabs={tabs.map(([tab, href]) => ({ href, label: m.tabs[tab], current: tab === props.tab }))}
      />
      {props.children}
    </ActivityFrame>
  );
}
