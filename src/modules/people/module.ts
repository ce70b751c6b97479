// The people module: contacts with their affiliation and country, to whom roles and accounts attach.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { personEventKinds, personFieldLabels, personWordings } from './history-wordings.ts';
import { peopleCommand } from './commands.ts';
import { registerPeopleRoutes } from './routes.tsx';
import { peopleApiMessages } from './api-messages.ts';

export const peopleModule: ConcordModule = {
  name: 'people', apiMessages: peopleApiMessages,
  routes: registerPeopleRoutes,
  commands: [peopleCommand],
  history: moduleHistory({ kinds: personEventKinds, wordings: personWordings, subjects: { person: { fieldLabels: personFieldLabels } } }),
};
