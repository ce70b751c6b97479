// The people module: contacts with their affiliation and country, to whom roles and accounts attach.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { personFieldLabels, personWordings } from './history-wordings.ts';
import { registerPeopleRoutes } from './routes.tsx';

export const peopleModule: ConcordModule = {
  name: 'people',
  routes: registerPeopleRoutes,
  history: { wordings: personWordings, subjects: { person: { fieldLabels: personFieldLabels } } },
};
