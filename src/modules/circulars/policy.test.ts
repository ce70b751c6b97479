import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../platform/actor.ts';
import type { Role } from '../../platform/roles.ts';
import { canCirculars } from './policy.ts';

const activity = { id: 7, visibility: 'public' as const };
const user = (roles: { activityId: number; role: string }[], isAdmin = false): Actor => ({
  kind: 'user',
  userId: 1,
  email: 'a@example.org',
  name: 'A',
  isAdmin,
  locale: null,
  personId: 1,
  roles: new Map(roles.map((r) => [r.activityId, new Set([r.role as Role])])),
});

describe('circulars policy', () => {
  it('the leadership checks and drafts; only the secretariat issues', () => {
    for (const r of ['secretariat', 'chair', 'co_chair', 'vice_chair']) {
      assert.equal(canCirculars(user([{ activityId: 7, role: r }]), 'check', activity), true, r);
      assert.equal(canCirculars(user([{ activityId: 7, role: r }]), 'draft', activity), true, r);
      assert.equal(canCirculars(user([{ activityId: 7, role: r }]), 'issue', activity), r === 'secretariat', r);
    }
  });
  it('members, observers, anonymous readers and another activity\'s secretariat may not', () => {
    for (const actor of [user([{ activityId: 7, role: 'member' }]), user([{ activityId: 7, role: 'observer' }]), user([{ activityId: 8, role: 'secretariat' }]), { kind: 'anonymous' } as Actor]) {
      for (const action of ['check', 'draft', 'issue'] as const) assert.equal(canCirculars(actor, action, activity), false);
    }
  });
  it('site admins may do everything', () => {
    assert.equal(canCirculars(user([], true), 'issue', activity), true);
  });
});
