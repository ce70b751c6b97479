// Who may invite people to an activity's roles, and whether visitors may sign up: every action × the whole cast.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertRow, type CastMember, membersOnlyActivity, publicActivity, rowTitle, secretariatAndAdmins } from '../../../test/support/policy-table.ts';
import { chooseAutomaticLink } from '../people/index.ts';
import { canInvitation, type InvitationAction, signUpOpen } from './policy.ts';

const table: [InvitationAction, readonly CastMember[]][] = [
  ['invite', secretariatAndAdmins],
  ['list', secretariatAndAdmins],
  ['resend', secretariatAndAdmins],
  ['revoke', secretariatAndAdmins],
];

describe('canInvitation', () => {
  for (const [action, allowed] of table) {
    for (const activity of [publicActivity, membersOnlyActivity]) {
      it(rowTitle(action, `an invitation to a ${activity.visibility} activity`, allowed), () => {
        assertRow(allowed, (actor) => canInvitation(actor, action, activity));
      });
    }
  }
});

describe('signUpOpen', () => {
  it('is closed unless the instance opens it', () => {
    assert.equal(signUpOpen({ signUp: false }), false);
    assert.equal(signUpOpen({ signUp: true }), true);
  });
});

describe('chooseAutomaticLink (the rule sign-up, invitations and single sign-on share)', () => {
  const account = { id: 7, verified: true, personId: null };
  it('links a verified account to the one person with its address', () => {
    assert.deepEqual(chooseAutomaticLink(account, [{ id: 3, userId: null }]), { linked: true, personId: 3 });
  });
  it('keeps a link already made to this very account', () => {
    assert.deepEqual(chooseAutomaticLink(account, [{ id: 3, userId: 7 }]), { linked: true, personId: 3 });
  });
  it('links nothing when no person or several people have the address', () => {
    assert.deepEqual(chooseAutomaticLink(account, []), { linked: false, reason: 'no_person' });
    assert.deepEqual(chooseAutomaticLink(account, [{ id: 3, userId: null }, { id: 4, userId: null }]), { linked: false, reason: 'several_people' });
  });
  it('never takes a person away from another account', () => {
    assert.deepEqual(chooseAutomaticLink(account, [{ id: 3, userId: 8 }]), { linked: false, reason: 'person_linked' });
  });
  it('links nothing for an unverified address, nor for an account that already has its person', () => {
    assert.deepEqual(chooseAutomaticLink({ ...account, verified: false }, [{ id: 3, userId: null }]), { linked: false, reason: 'unverified' });
    assert.deepEqual(chooseAutomaticLink({ ...account, personId: 5 }, [{ id: 3, userId: null }]), { linked: false, reason: 'account_linked' });
  });
});
