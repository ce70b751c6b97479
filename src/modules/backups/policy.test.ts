// Who may take a backup: site administrators and Concord itself, nobody else (a backup holds every record).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymous, systemActor } from '../../platform/actor.ts';
import { role } from '../../platform/roles.ts';
import { canBackup } from './policy.ts';

const user = (isAdmin: boolean, roles: string[] = []) => ({
  kind: 'user' as const,
  userId: 1,
  name: 'U',
  email: 'u@example.org',
  isAdmin,
  locale: null,
  personId: 1,
  roles: new Map([[1, new Set(roles as never[])]]),
});

describe('backup policy', () => {
  it('lets site administrators and Concord take a backup', () => {
    assert.equal(canBackup(user(true), 'take'), true);
    assert.equal(canBackup(systemActor('cli'), 'take'), true);
  });
  it('refuses everyone else, the secretariat and chairs included', () => {
    assert.equal(canBackup(anonymous, 'take'), false);
    for (const r of [role.secretariat, role.chair, role.member, role.observer]) assert.equal(canBackup(user(false, [r]), 'take'), false, r);
  });
});
