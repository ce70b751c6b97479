// The history module: the pages and API that read the event log of every module, in the reader's words.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { registerHistoryRoutes } from './routes.tsx';

export const historyModule: ConcordModule = { name: 'history', routes: registerHistoryRoutes };
