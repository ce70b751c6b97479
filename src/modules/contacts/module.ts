// The contacts module: the activity's contacts and representatives, with their yearly confirmation.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { confirmationJobKind, requestContactConfirmation } from './contacts.ts';
import { contactWordings } from './history-wordings.ts';
import { registerContactRoutes } from './routes.tsx';

export const contactsModule: ConcordModule = {
  name: 'contacts',
  routes: registerContactRoutes,
  jobs: { [confirmationJobKind]: requestContactConfirmation },
  history: { wordings: contactWordings },
};
