// Every module's job handlers, as the worker gets them, for tests that run due jobs themselves.
import { concordModules } from '../../src/modules/index.ts';
import { jobHandlersOf } from '../../src/platform/module-manifest.ts';

export const jobHandlers = jobHandlersOf(concordModules);
