// The overlaps module: candidate pairs of overlapping work across the whole register, found by the engine, and their
// review.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { overlapsCommand } from './commands.ts';
import { registerOverlapRoutes } from './routes.ts';

export const overlapsModule: ConcordModule = {
  name: 'overlaps',
  routes: registerOverlapRoutes,
  commands: [overlapsCommand],
};
