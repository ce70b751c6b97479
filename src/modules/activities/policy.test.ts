// Who may do what with an activity: every action × every actor of the cast × a public and a members-only activity.
import { describe, it } from 'node:test';
import {
  adminOnly,
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
import { type ActivityAction, canActivity } from './policy.ts';

type ActivityLike = { id: number; visibility: 'public' | 'members' };
const activities: [string, ActivityLike | undefined][] = [
  ['a public activity', publicActivity],
  ['a members-only activity', membersOnlyActivity],
];

const table: [ActivityAction, string, readonly CastMember[]][] = [
  ['read', 'a public activity', everyone],
  ['read', 'a members-only activity', participantsAndAdmins],
  ['read_contacts', 'a public activity', participantsAndAdmins],
  ['read_contacts', 'a members-only activity', participantsAndAdmins],
  ['update', 'a public activity', secretariatAndAdmins],
  ['update', 'a members-only activity', secretariatAndAdmins],
  ['manage_roles', 'a public activity', secretariatAndAdmins],
  ['manage_roles', 'a members-only activity', secretariatAndAdmins],
  ['revise_tor', 'a public activity', managersAndAdmins],
  ['revise_tor', 'a members-only activity', managersAndAdmins],
  ['create', 'no activity yet', adminOnly],
  // Without an activity nothing but creating is decided: refused unless the actor may do anything.
  ['update', 'no activity named', adminOnly],
  ['read', 'no activity named', adminOnly],
];

describe('canActivity', () => {
  for (const [action, record, allowed] of table) {
    it(rowTitle(action, record, allowed), () => {
      const activity = activities.find(([label]) => label === record)?.[1];
      assertRow(allowed, (actor) => canActivity(actor, action, activity));
    });
  }
});
