// The backups module: a consistent copy of a whole instance (every table and stored file) as a backup file
// (`concord backup`, `concord restore`, the administration's download) or straight into another database
// (`concord move-to`, from the embedded engine to PostgreSQL and back). No tables of its own.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { backupsApiMessages } from './api-messages.ts';
import { backupCommand, moveCommand, restoreCommand } from './command.ts';
import { registerBackupRoutes } from './routes.tsx';

export const backupsModule: ConcordModule = {
  name: 'backups',
  apiMessages: backupsApiMessages,
  routes: registerBackupRoutes,
  commands: [backupCommand, restoreCommand, moveCommand],
};
