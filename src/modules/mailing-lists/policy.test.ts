// Who may do what with an activity's mailing list: every action × every actor of the cast × a public (active or
// closed) and a members-only activity.
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
import { canList, type ListAction } from './policy.ts';

const activities = {
  'a public activity': { ...publicActivity, status: 'active' as const },
  'a closed public activity': { ...publicActivity, status: 'closed' as const },
  'a members-only activity': { ...membersOnlyActivity, status: 'active' as const },
};

const table: [ListAction, keyof typeof activities, readonly CastMember[]][] = [
  ['read_archive', 'a public activity', everyone],
  ['read_archive', 'a members-only activity', participantsAndAdmins],
  // Anyone may ask to join the list of a public, active activity; members are on it already, and nobody joins a
  // closed activity's list or a members-only one's by asking.
  ['subscribe', 'a public activity', everyone],
  ['subscribe', 'a closed public activity', []],
  ['subscribe', 'a members-only activity', []],
  ['send', 'a public activity', managersAndAdmins],
  ['send', 'a members-only activity', managersAndAdmins],
  // Taking an announcement back is for those who send them; what was withdrawn stays readable by them alone.
  ['correct', 'a public activity', managersAndAdmins],
  ['correct', 'a members-only activity', managersAndAdmins],
  ['withdraw', 'a public activity', managersAndAdmins],
  ['withdraw', 'a members-only activity', managersAndAdmins],
  ['read_withdrawn', 'a public activity', managersAndAdmins],
  ['read_withdrawn', 'a members-only activity', managersAndAdmins],
  ['manage', 'a public activity', secretariatAndAdmins],
  ['manage', 'a members-only activity', secretariatAndAdmins],
];

describe('canList', () => {
  for (const [action, activity, allowed] of table) {
    it(rowTitle(action, `the list of ${activity}`, allowed), () => {
      assertRow(allowed, (actor) => canList(actor, action, activities[activity]));
    });
  }
});
