// Who may do what with an activity's contacts list: every action × every actor of the cast × a public and a
// members-only activity.
import { describe, it } from 'node:test';
import {
  assertRow,
  type CastMember,
  everyone,
  membersOnlyActivity,
  participantsAndAdmins,
  publicActivity,
  rowTitle,
  secretariatAndAdmins,
} from '../../../test/support/policy-table.ts';
import { type ContactAction, canContacts } from './policy.ts';

const activities = { public: publicActivity, members: membersOnlyActivity };

const table: [ContactAction, keyof typeof activities, readonly CastMember[]][] = [
  ['read', 'public', everyone],
  ['read', 'members', participantsAndAdmins],
  // Addresses and telephone numbers: never for strangers, representatives who are not members, or anonymous visitors.
  ['read_addresses', 'public', participantsAndAdmins],
  ['read_addresses', 'members', participantsAndAdmins],
  ['edit', 'public', secretariatAndAdmins],
  ['edit', 'members', secretariatAndAdmins],
];

describe('canContacts', () => {
  for (const [action, visibility, allowed] of table) {
    it(rowTitle(action, `the contacts of a ${visibility === 'public' ? 'public' : 'members-only'} activity`, allowed), () => {
      assertRow(allowed, (actor) => canContacts(actor, action, activities[visibility]));
    });
  }
});
