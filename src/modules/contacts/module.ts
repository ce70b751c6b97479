// The contacts module: the activity's contacts and representatives, with their yearly confirmation.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { confirmationJobKind, requestContactConfirmation } from './contacts.ts';
import { contactEventKinds, contactFieldLabels, contactValueNames, contactWordings } from './history-wordings.ts';
import { canContacts } from './policy.ts';
import { registerContactRoutes } from './routes.tsx';
import { contactsApiMessages } from './api-messages.ts';

export const contactsModule: ConcordModule = {
  name: 'contacts', apiMessages: contactsApiMessages,
  routes: registerContactRoutes,
  jobs: { [confirmationJobKind]: requestContactConfirmation },
  history: moduleHistory({
    kinds: contactEventKinds,
    // Changes to contacts carry addresses and telephone numbers: for those who may read them.
    visibility: (reader, activity) => ({ 'contact.': canContacts(reader, 'read_addresses', activity) }),
    wordings: contactWordings,
    subjects: { activity_contact: { fieldLabels: contactFieldLabels, valueNames: contactValueNames } },
  }),
};
