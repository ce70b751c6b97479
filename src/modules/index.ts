// The one list of Concord's modules: the app registers their routes, the worker runs their jobs, the CLI offers
// their commands and the history pages read their wordings, all by looping over it. A new module adds one line.
import type { ConcordModule } from '../platform/module-manifest.ts';
import { accessModule } from './access/module.ts';
import { activitiesModule } from './activities/module.ts';
import { backupsModule } from './backups/module.ts';
import { circularsModule } from './circulars/module.ts';
import { contactsModule } from './contacts/module.ts';
import { documentsModule } from './documents/module.ts';
import { gapsModule } from './gaps/module.ts';
import { historyModule } from './history/module.ts';
import { liaisonsModule } from './liaisons/module.ts';
import { mailingListsModule } from './mailing-lists/module.ts';
import { meetingsModule } from './meetings/module.ts';
import { myWorkModule } from './my-work/module.ts';
import { organizationsModule } from './organizations/module.ts';
import { peopleModule } from './people/module.ts';
import { overlapsModule } from './overlaps/module.ts';
import { reportsModule } from './reports/module.ts';
import { roadmapModule } from './roadmap/module.ts';
import { ssoModule } from './sso/module.ts';

/** In the order their routes register (an activity's pages before the pages nested under it). */
export const concordModules: readonly ConcordModule[] = [
  organizationsModule,
  peopleModule,
  activitiesModule,
  roadmapModule,
  overlapsModule,
  gapsModule,
  historyModule,
  liaisonsModule,
  meetingsModule,
  contactsModule,
  mailingListsModule,
  documentsModule,
  circularsModule,
  reportsModule,
  accessModule,
  ssoModule,
  myWorkModule,
  backupsModule,
];
