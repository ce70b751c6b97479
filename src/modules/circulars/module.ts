// The circulars module: circulars written from the records (the announcing and the convening circular, EN and FR,
// DOCX and PDF; page, API, `concord circular generate`) and the checker for drafts people write (page, API,
// `concord check-circular`). Editing and issuing a generated circular, and the reports to TSAG, come next (issue 12).
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { checkCircularCommand, circularCommand } from './command.ts';
import { registerCircularRoutes } from './routes.tsx';
import { circularsApiMessages } from './api-messages.ts';

export const circularsModule: ConcordModule = {
  name: 'circulars', apiMessages: circularsApiMessages,
  routes: registerCircularRoutes,
  commands: [checkCircularCommand, circularCommand],
};
