// The liaisons module: liaison statements received and sent, their approval, sending and deadlines.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { liaisonWordings } from './history-wordings.ts';
import { reminderJobKind, runDeadlineReminder } from './reminders.ts';
import { registerLiaisonRoutes } from './routes.tsx';

export const liaisonsModule: ConcordModule = {
  name: 'liaisons',
  routes: registerLiaisonRoutes,
  jobs: { [reminderJobKind]: runDeadlineReminder },
  history: { wordings: liaisonWordings },
};
