// Who reads what of an activity's history. Each module decides for its own events (its manifest's visibility, which
// applies the record's own policy); this is the rule above them.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { leadership } from '../../platform/roles.ts';

/** Site admins, the activity's secretariat and its chairs read every event of it, whatever module wrote it. */
export function readsWholeHistory(reader: Actor, activity: { id: number }): boolean {
  return isAdmin(reader) || hasAnyRole(reader, activity.id, leadership);
}
