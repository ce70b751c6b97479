// Who reads how much of an activity's history: every action × every actor of the cast, for a public and a
// members-only activity (whether the history page opens at all is the activity's read rule, tested there).
import { describe, it } from 'node:test';
import {
  assertRow,
  type CastMember,
  leadershipAndAdmins,
  membersOnlyActivity,
  participantsAndAdmins,
  publicActivity,
  rowTitle,
} from '../../../test/support/policy-table.ts';
import { canHistory, type HistoryAction } from './policy.ts';

const activities = { public: publicActivity, members: membersOnlyActivity };

const table: [HistoryAction, keyof typeof activities, readonly CastMember[]][] = [
  // Representatives who are not members see public records only, as the documents and liaison policies let them.
  ['read_internal', 'public', participantsAndAdmins],
  ['read_internal', 'members', participantsAndAdmins],
  ['read_personal', 'public', leadershipAndAdmins],
  ['read_personal', 'members', leadershipAndAdmins],
];

describe('canHistory', () => {
  for (const [action, visibility, allowed] of table) {
    it(rowTitle(action, `the history of a ${visibility === 'public' ? 'public' : 'members-only'} activity`, allowed), () => {
      assertRow(allowed, (actor) => canHistory(actor, action, activities[visibility]));
    });
  }
});
