// Who reads what of an activity's history. Each module decides for its own events (its manifest's visibility);
// this is the rule above them.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';

/** Site admins, the activity's secretariat and its chairs read every event of it, whatever module wrote it. */
export function readsWholeHistory(reader: Actor, activity: { id: number }): boolean {
  return isAdmin(reader) || hasAnyRole(reader, activity.id, ['secretariat', 'chair', 'co_chair', 'vice_chair']);
}
