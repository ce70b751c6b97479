// The circulars module: circulars written from the records (the announcing and the convening circular, EN and FR,
// DOCX and PDF; page, API, `concord circular generate`), kept as drafts people reword, issued by the secretariat under
// TSB's number as documents of the activity and sent to its list; and the checker for drafts people write (page, API,
// `concord check-circular`). The reports to TSAG are the reports module's.
import { type ConcordModule, moduleHistory } from '../../platform/module-manifest.ts';
import { checkCircularCommand, circularCommand } from './command.ts';
import { registerCircularDraftRoutes } from './draft-routes.tsx';
import { circularEventKinds, circularFieldLabels, circularProfileFieldLabels, circularWordings } from './history-wordings.ts';
import { canCirculars } from './policy.ts';
import { registerCircularRoutes } from './routes.tsx';
import { circularsApiMessages } from './api-messages.ts';

export const circularsModule: ConcordModule = {
  name: 'circulars',
  apiMessages: circularsApiMessages,
  routes(app, deps) {
    registerCircularRoutes(app, deps);
    registerCircularDraftRoutes(app, deps);
  },
  commands: [checkCircularCommand, circularCommand],
  history: moduleHistory({
    kinds: circularEventKinds,
    // Drafts, their wording and the facts are the leadership's work; the issued circular is public as its document.
    visibility: (reader, activity) => ({ 'circular.': canCirculars(reader, 'draft', activity), 'circular_profile.': canCirculars(reader, 'draft', activity) }),
    wordings: circularWordings,
    subjects: { circular: { fieldLabels: circularFieldLabels }, circular_profile: { fieldLabels: circularProfileFieldLabels } },
  }),
};
