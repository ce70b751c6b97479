// The circulars module: the checker for draft circulars (page, API, `concord check-circular`). The generated
// circular and the reports to TSAG come next (issue 12).
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { checkCircularCommand } from './command.ts';
import { registerCircularRoutes } from './routes.tsx';

export const circularsModule: ConcordModule = {
  name: 'circulars',
  routes: registerCircularRoutes,
  commands: [checkCircularCommand],
};
