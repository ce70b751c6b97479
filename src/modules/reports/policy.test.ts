// Who may do what with an activity's reports, as a table over the cast: the secretariat and the chairs draft and read
// drafts, the secretariat alone releases; a released report is read by its access level, as a published document.
import { describe, it } from 'node:test';
import {
  assertRow,
  type CastMember,
  everyone,
  managersAndAdmins,
  membersOnlyActivity,
  participantsAndAdmins,
  publicActivity,
  rowTitle,
  secretariatAndAdmins,
} from '../../../test/support/policy-table.ts';
import { canReadActivityReport, canReports } from './policy.ts';

const rows: [string, string, readonly CastMember[], (actor: Parameters<typeof canReports>[0]) => boolean][] = [
  ['draft', 'a report of a public activity', managersAndAdmins, (a) => canReports(a, 'draft', publicActivity)],
  ['release', 'a report of a public activity', secretariatAndAdmins, (a) => canReports(a, 'release', publicActivity)],
  ['read', 'a draft', managersAndAdmins, (a) => canReadActivityReport(a, publicActivity, { status: 'draft', audience: 'public' })],
  ['read', 'a released members’ report', participantsAndAdmins, (a) => canReadActivityReport(a, publicActivity, { status: 'released', audience: 'members' })],
  ['read', 'a released public report', everyone, (a) => canReadActivityReport(a, publicActivity, { status: 'released', audience: 'public' })],
  ['read', 'a released public report of a members-only activity', participantsAndAdmins, (a) => canReadActivityReport(a, membersOnlyActivity, { status: 'released', audience: 'public' })],
  ['draft', 'a report of a members-only activity', managersAndAdmins, (a) => canReports(a, 'draft', membersOnlyActivity)],
];

describe('reports policy', () => {
  for (const [action, record, allowed, ask] of rows) it(rowTitle(action, record, allowed), () => assertRow(allowed, ask));
});
