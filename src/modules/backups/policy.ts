// Who may take a backup: it holds every record, password hashes and tokens included, so site administrators only.
import { type Actor, isAdmin } from '../../platform/actor.ts';

export type BackupAction = 'take';

export function canBackup(actor: Actor, _action: BackupAction): boolean {
  return isAdmin(actor);
}
