// The documents module: numbered documents and contributions of an activity, their files, and mail-in.
import { sql } from 'drizzle-orm';
import { documents } from '../../db/schema.ts';
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { events } from '../../platform/schema.ts';
import { documentFilesAmong } from './documents.ts';
import { canDocument, isActivityReader } from './policy.ts';
import { documentEventKinds, documentFieldLabels, documentValueNames, documentWordings, mailInFieldLabels } from './history-wordings.ts';
import { mailInCommand } from './mail-in-command.ts';
import { registerDocumentRoutes } from './routes.tsx';
import { registerSubmissionAddressRoutes } from './submission-address-routes.tsx';
import { documentsApiMessages } from './api-messages.ts';

export const documentsModule: ConcordModule = {
  name: 'documents', apiMessages: documentsApiMessages,
  routes(app, deps) {
    registerDocumentRoutes(app, deps);
    registerSubmissionAddressRoutes(app, deps);
  },
  commands: [mailInCommand],
  storedFiles: documentFilesAmong,
  history: moduleHistory({
    kinds: documentEventKinds,
    visibility: (reader, activity) => ({
      // canDocument's read rule as a condition on the event's document.
      'document.': canDocument(reader, 'manage', activity)
        ? true
        : sql`${events.subjectId} in (select ${documents.id}::text from ${documents} where ${documents.activityId} = ${activity.id} and (${
            reader.kind === 'user' ? sql`${documents.submittedByUserId} = ${reader.userId} or ` : sql``
          }(${documents.status} <> 'submitted' and ${isActivityReader(reader, activity) ? sql`true` : sql`${documents.access} = 'public'`})))`,
      // Mail received is the secretariat's queue.
      'mail_in.': canDocument(reader, 'manage', activity),
    }),
    wordings: documentWordings,
    subjects: {
      document: { fieldLabels: documentFieldLabels, valueNames: documentValueNames },
      mail_in: { fieldLabels: mailInFieldLabels },
    },
  }),
};
