// The liaisons module: liaison statements received and sent, their approval, sending and deadlines.
import { sql } from 'drizzle-orm';
import { liaisonStatements } from '../../db/schema.ts';
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { events } from '../../platform/schema.ts';
import { publicLiaisons } from './liaison-queries.ts';
import { readsEveryStatement } from './policy.ts';
import { liaisonEventKinds, liaisonFieldLabels, liaisonValueNames, liaisonWordings } from './history-wordings.ts';
import { reminderJobKind, runDeadlineReminder } from './reminders.ts';
import { registerLiaisonRoutes } from './routes.tsx';
import { liaisonsApiMessages } from './api-messages.ts';

export const liaisonsModule: ConcordModule = {
  name: 'liaisons', apiMessages: liaisonsApiMessages,
  routes: registerLiaisonRoutes,
  jobs: { [reminderJobKind]: runDeadlineReminder },
  history: moduleHistory({
    kinds: liaisonEventKinds,
    visibility: (reader, activity) => ({
      // Participants read every statement; others the public ones once received or sent (canLiaison).
      'liaison.': readsEveryStatement(reader, activity)
        ? true
        : sql`${events.subjectId} in (select ${liaisonStatements.id}::text from ${liaisonStatements} where ${liaisonStatements.activityId} = ${activity.id} and ${publicLiaisons})`,
    }),
    wordings: liaisonWordings,
    subjects: { liaison_statement: { fieldLabels: liaisonFieldLabels, valueNames: liaisonValueNames } },
  }),
};
