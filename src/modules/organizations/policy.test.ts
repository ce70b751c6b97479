// Who may do what with the register of bodies: every action × every actor of the cast.
import { describe, it } from 'node:test';
import { assertRow, type CastMember, everyone, rowTitle } from '../../../test/support/policy-table.ts';
import { canOrganization, type OrganizationAction } from './policy.ts';

/** Site admins and the secretariat of any activity, this one or another. */
const keepers: readonly CastMember[] = ['otherSecretariat', 'secretariat', 'admin', 'system'];

const table: [OrganizationAction, readonly CastMember[]][] = [
  ['read', everyone],
  ['create', keepers],
  ['update', keepers],
  ['delete', keepers],
];

describe('canOrganization', () => {
  for (const [action, allowed] of table) {
    it(rowTitle(action, 'a body', allowed), () => {
      assertRow(allowed, (actor) => canOrganization(actor, action));
    });
  }
});
