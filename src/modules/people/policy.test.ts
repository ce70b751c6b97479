// Who may do what with the register of people (contacts hold personal data): every action × every actor of the cast.
import { describe, it } from 'node:test';
import { assertRow, type CastMember, castMembers, rowTitle } from '../../../test/support/policy-table.ts';
import { canPerson, type PersonAction } from './policy.ts';

const signedIn = castMembers.filter((name) => name !== 'anonymous');
/** Site admins and the secretariat of any activity, this one or another. */
const keepers: readonly CastMember[] = ['otherSecretariat', 'secretariat', 'admin', 'system'];

const table: [PersonAction, readonly CastMember[]][] = [
  ['list', signedIn],
  ['read', signedIn],
  ['create', keepers],
  ['update', keepers],
  ['delete', keepers],
  ['link_account', keepers],
];

describe('canPerson', () => {
  for (const [action, allowed] of table) {
    it(rowTitle(action, 'a person', allowed), () => {
      assertRow(allowed, (actor) => canPerson(actor, action));
    });
  }
});
