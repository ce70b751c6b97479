// The mailing-lists module: each activity's list, its subscriptions and its announcements.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { fanOutAnnouncement, fanOutKind } from './announcements.ts';
import { mailingListWordings } from './history-wordings.ts';
import { registerMailingListRoutes } from './routes.tsx';

export const mailingListsModule: ConcordModule = {
  name: 'mailing-lists',
  routes: registerMailingListRoutes,
  jobs: { [fanOutKind]: fanOutAnnouncement },
  history: { wordings: mailingListWordings },
};
