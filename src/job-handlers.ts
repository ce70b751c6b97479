// Every kind of background job and the function that runs it. Modules add their handlers here (one line each).
import type { JobHandlers } from './platform/jobs.ts';
import { reminderJobKind as meetingReminderJobKind, sendDeadlineReminder as sendMeetingDeadlineReminder } from './modules/meetings/reminders.ts';
import { requestContactConfirmation } from './modules/contacts/contacts.ts';
import { fanOutAnnouncement } from './modules/mailing-lists/announcements.ts';
import { reminderJobKind, runDeadlineReminder } from './modules/liaisons/reminders.ts';

export const jobHandlers: JobHandlers = {
  [meetingReminderJobKind]: sendMeetingDeadlineReminder,
  'contacts.confirmation_request': requestContactConfirmation,
  'mailing_lists.fan_out': fanOutAnnouncement,
  [reminderJobKind]: runDeadlineReminder,
};
