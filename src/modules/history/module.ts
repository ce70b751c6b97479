// The history module: the pages and API that read the event log of every module, in the reader's words.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { registerHistoryRoutes } from './routes.tsx';
import { historyApiMessages } from './api-messages.ts';

export const historyModule: ConcordModule = { name: 'history', apiMessages: historyApiMessages, routes: registerHistoryRoutes };
