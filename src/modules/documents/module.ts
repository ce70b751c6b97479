// The documents module: numbered documents and contributions of an activity, their files, and mail-in.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { documentWordings } from './history-wordings.ts';
import { mailInCommand } from './mail-in-command.ts';
import { registerDocumentRoutes } from './routes.tsx';

export const documentsModule: ConcordModule = {
  name: 'documents',
  routes: registerDocumentRoutes,
  commands: [mailInCommand],
  history: { wordings: documentWordings },
};
