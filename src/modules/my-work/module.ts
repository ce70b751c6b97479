// My work: one page per signed-in reader that gathers what waits for them from every module (approvals, assigned
// statements, action items, registrations, contributions, deadlines), and the "what is happening" part of each
// activity's overview. It has no tables: each module answers through its index.ts with its own rules.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { registerMyWorkRoutes } from './routes.tsx';
import { myWorkApiMessages } from './api-messages.ts';

export const myWorkModule: ConcordModule = { name: 'my-work', apiMessages: myWorkApiMessages, routes: registerMyWorkRoutes };
