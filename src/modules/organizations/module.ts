// The organizations module: study groups, standards bodies, consortia and forums, nested in groups.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { organizationEventKinds, organizationFieldLabels, organizationValueNames, organizationWordings } from './history-wordings.ts';
import { registerOrganizationRoutes } from './routes.tsx';
import { organizationsApiMessages } from './api-messages.ts';

export const organizationsModule: ConcordModule = {
  name: 'organizations', apiMessages: organizationsApiMessages,
  routes: registerOrganizationRoutes,
  history: moduleHistory({
    kinds: organizationEventKinds,
    wordings: organizationWordings,
    subjects: { organization: { fieldLabels: organizationFieldLabels, valueNames: organizationValueNames } },
  }),
};
