// The liaisons module: liaison statements received and sent, their approval, sending and deadlines.
import { sql } from 'drizzle-orm';
import { liaisonStatements } from '../../db/schema.ts';
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { events } from '../../platform/schema.ts';
import { publicLiaisons } from './liaisons.ts';
import { canLiaison } from './policy.ts';

/** A members-only draft: whoever may read it reads every statement of the activity. */
const anyDraft = { direction: 'out', state: 'draft', access: 'members', createdByUserId: null, assigneePersonId: null } as const;
import { liaisonWordings } from './history-wordings.ts';
import { reminderJobKind, runDeadlineReminder } from './reminders.ts';
import { registerLiaisonRoutes } from './routes.tsx';

export const liaisonsModule: ConcordModule = {
  name: 'liaisons',
  routes: registerLiaisonRoutes,
  jobs: { [reminderJobKind]: runDeadlineReminder },
  history: {
    visibility: (reader, activity) => ({
      // Participants read every statement; others the public ones once received or sent (canLiaison).
      'liaison.': canLiaison(reader, 'read', activity, anyDraft)
        ? true
        : sql`${events.subjectId} in (select ${liaisonStatements.id}::text from ${liaisonStatements} where ${liaisonStatements.activityId} = ${activity.id} and ${publicLiaisons})`,
    }),
    wordings: liaisonWordings,
  },
};
