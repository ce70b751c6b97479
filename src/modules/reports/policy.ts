// Who may do what with an activity's reports for a period: the secretariat and the chairs draft them (generate,
// edit) and read the drafts; only the secretariat releases one as a document of the activity. A released report is
// read as a published document of its access level (documents/policy.ts canDocument): released is not public.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { managers, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';
import { canDocument } from '../documents/index.ts';
import type { ActivityReportAudience, ActivityReportStatus } from './schema.ts';

type ActivityLike = { id: number; visibility: 'public' | 'members' };
export type ReportAction = 'draft' | 'release';

export function canReports(actor: Actor, action: ReportAction, activity: ActivityLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  if (isAdmin(actor)) return true;
  return hasAnyRole(actor, activity.id, action === 'release' ? [role.secretariat] : managers);
}

/** A draft for those who draft reports; a released report by its access level, as a published document. */
export function canReadActivityReport(actor: Actor, activity: ActivityLike, report: { status: ActivityReportStatus; audience: ActivityReportAudience }): boolean {
  if (canReports(actor, 'draft', activity)) return true;
  if (report.status !== 'released') return false;
  return canDocument(actor, 'read', activity, { access: report.audience, status: 'published', submittedByUserId: null });
}
