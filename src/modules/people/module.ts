// The people module: contacts with their affiliation and country, to whom roles and accounts attach.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { personEventKinds, personFieldLabels, personWordings } from './history-wordings.ts';
import { peopleCommand } from './commands.ts';
import { registerPeopleRoutes } from './routes.tsx';

export const peopleModule: ConcordModule = {
  name: 'people',
  routes: registerPeopleRoutes,
  commands: [peopleCommand],
  history: moduleHistory({ kinds: personEventKinds, wordings: personWordings, subjects: { person: { fieldLabels: personFieldLabels } } }),
};
