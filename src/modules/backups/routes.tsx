// The backup a running Concord takes of itself: the administration page, and the download it links to (also what
// `concord backup --token` asks for while this server holds the embedded database).
import { api } from './api-messages.ts';
import { PassThrough } from 'node:stream';
import { requireUser } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { fileStoreFor } from '../../platform/file-store.ts';
import { sendPage, viewContext } from '../../platform/http/context.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { backupDownloadPath, writeBackup } from './backup-file.ts';
import { withDatabaseSource } from './copy.ts';
import { canBackup } from './policy.ts';
import { BackupPage } from './views.tsx';

/** A backup's file name, with the moment it was taken in UTC: concord-backup-20261207-063000.zip. */
export const backupFileName = (now: Date) => `concord-backup-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.zip`;

export function registerBackupRoutes(app: App, deps: AppDeps): void {
  const { config, database } = deps;

  app.get('/admin/backup', async (request, reply) => {
    requireUser(request.actor);
    if (!canBackup(request.actor, 'take')) throw forbidden();
    return sendPage(reply, BackupPage({ ctx: viewContext(request, reply), downloadPath: backupDownloadPath }));
  });

  app.get(
    backupDownloadPath,
    { schema: { tags: [api('administration')], summary: api('A backup of the whole instance: every table and stored file, from one snapshot (site admins; a ZIP)') } },
    async (request, reply) => {
      requireUser(request.actor);
      if (!canBackup(request.actor, 'take')) throw forbidden();
      const body = new PassThrough();
      // The snapshot stays open while the client reads; a client that goes away ends it (writeBackup's output fails).
      void withDatabaseSource(database, fileStoreFor(config, database.db), (source) => writeBackup(source, body)).catch((error: unknown) => {
        request.log.error({ err: error }, 'backup stopped');
        body.destroy(error as Error);
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${backupFileName(new Date())}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
