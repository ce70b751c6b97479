// The mailing-lists module: each activity's list, its subscriptions and its announcements.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { announcementFilesAmong, fanOutAnnouncement, fanOutKind } from './announcements.ts';
import { announcementFieldLabels, mailingListEventKinds, mailingListFieldLabels, mailingListWordings } from './history-wordings.ts';
import { canList } from './policy.ts';
import { registerMailingListRoutes } from './routes.tsx';
import { announcements } from './schema.ts';
import { mailingListsApiMessages } from './api-messages.ts';

type ActivityLike = Parameters<typeof canList>[2];

/** The archive's rule as a condition on an announcement event: readable, and not withdrawn unless the reader still reads those. */
const publicAnnouncements = (reader: Actor, activity: ActivityLike) =>
  !canList(reader, 'read_archive', activity)
    ? false
    : canList(reader, 'read_withdrawn', activity)
      ? true
      : sql`${events.subjectId} not in (select ${announcements.id}::text from ${announcements} where ${announcements.withdrawnAt} is not null)`;

export const mailingListsModule: ConcordModule = {
  name: 'mailing-lists', apiMessages: mailingListsApiMessages,
  routes: registerMailingListRoutes,
  jobs: { [fanOutKind]: fanOutAnnouncement },
  storedFiles: announcementFilesAmong,
  history: moduleHistory({
    kinds: mailingListEventKinds,
    visibility: (reader, activity) => ({
      // What the archive shows: a withdrawn announcement's entries only for those who still read it.
      'announcement.sent': publicAnnouncements(reader, activity),
      'announcement.corrected': publicAnnouncements(reader, activity),
      'announcement.': canList(reader, 'send', activity),
      'mailing_list.created': canList(reader, 'read_archive', activity),
      // Who subscribed (names and addresses) is for those who manage the list.
      'mailing_list.': canList(reader, 'manage', activity),
    }),
    wordings: mailingListWordings,
    subjects: { announcement: { fieldLabels: announcementFieldLabels }, mailing_list: { fieldLabels: mailingListFieldLabels } },
  }),
};
