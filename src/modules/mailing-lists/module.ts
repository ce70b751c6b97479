// The mailing-lists module: each activity's list, its subscriptions and its announcements.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { fanOutAnnouncement, fanOutKind } from './announcements.ts';
import { announcementFieldLabels, mailingListEventKinds, mailingListFieldLabels, mailingListWordings } from './history-wordings.ts';
import { canList } from './policy.ts';
import { registerMailingListRoutes } from './routes.tsx';

export const mailingListsModule: ConcordModule = {
  name: 'mailing-lists',
  routes: registerMailingListRoutes,
  jobs: { [fanOutKind]: fanOutAnnouncement },
  history: moduleHistory({
    kinds: mailingListEventKinds,
    visibility: (reader, activity) => ({
      'announcement.sent': canList(reader, 'read_archive', activity),
      'announcement.': canList(reader, 'send', activity),
      'mailing_list.created': canList(reader, 'read_archive', activity),
      // Who subscribed (names and addresses) is for those who manage the list.
      'mailing_list.': canList(reader, 'manage', activity),
    }),
    wordings: mailingListWordings,
    subjects: { announcement: { fieldLabels: announcementFieldLabels }, mailing_list: { fieldLabels: mailingListFieldLabels } },
  }),
};
