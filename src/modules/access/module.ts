// The access module: how people come in. Invitations to a role in an activity (sent by its secretariat, accepted from
// the mailed link), and sign-up with a confirmed address where the instance allows it.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { accessEventKinds, accessWordings, invitationFieldLabels, invitationValueNames } from './history-wordings.ts';
import { canInvitation } from './policy.ts';
import { registerAccessRoutes } from './routes.tsx';
import { accessApiMessages } from './api-messages.ts';

export const accessModule: ConcordModule = {
  name: 'access', apiMessages: accessApiMessages,
  routes: registerAccessRoutes,
  history: moduleHistory({
    kinds: accessEventKinds,
    // An invitation names the address it went to: only those who see the invitations list read its events.
    visibility: (reader, activity) => ({ 'invitation.': canInvitation(reader, 'list', activity) }),
    wordings: accessWordings,
    subjects: { invitation: { fieldLabels: invitationFieldLabels, valueNames: invitationValueNames } },
  }),
};
