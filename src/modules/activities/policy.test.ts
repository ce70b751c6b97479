import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, anonymous, systemActor } from '../../platform/actor.ts';
import { canPerson, type PersonAction } from '../people/policy.ts';
import { type ActivityAction, canActivity } from './policy.ts';

const publicActivity = { id: 1, visibility: 'public' as const };
const membersOnly = { id: 2, visibility: 'members' as const };

function user(roles: Record<number, string[]> = {}, admin = false): Actor {
  return {
    kind: 'user',
    userId: 7,
    name: 'Someone',
    email: 'someone@example.org',
    isAdmin: admin,
    locale: null,
    personId: 70,
    roles: new Map(Object.entries(roles).map(([id, list]) => [Number(id), new Set(list)])),
  };
}

const actions: ActivityAction[] = ['read', 'update', 'revise_tor', 'manage_roles', 'read_contacts'];
/** What each actor may do with an activity (id 1) in which they hold the named role. */
const allowedByRole: [string, Actor, ActivityAction[]][] = [
  ['anonymous', anonymous, ['read']],
  ['a user without a role', user(), ['read']],
  ['a user with a role in another activity', user({ 2: ['secretariat'] }), ['read']],
  ['an observer', user({ 1: ['observer'] }), ['read', 'read_contacts']],
  ['a member', user({ 1: ['member'] }), ['read', 'read_contacts']],
  ['a vice-chair', user({ 1: ['vice_chair'] }), ['read', 'read_contacts']],
  ['a co-chair', user({ 1: ['co_chair'] }), ['read', 'revise_tor', 'read_contacts']],
  ['the chair', user({ 1: ['chair'] }), ['read', 'revise_tor', 'read_contacts']],
  ['the secretariat', user({ 1: ['secretariat'] }), ['read', 'update', 'revise_tor', 'manage_roles', 'read_contacts']],
  ['a member who is also chair', user({ 1: ['member', 'chair'] }), ['read', 'revise_tor', 'read_contacts']],
  ['a site admin', user({}, true), actions],
  ['Concord itself', systemActor(), actions],
];

describe('canActivity', () => {
  for (const [who, actor, allowed] of allowedByRole) {
    it(`lets ${who} do exactly: ${allowed.join(', ')}`, () => {
      assert.deepEqual(
        actions.filter((a) => canActivity(actor, a, publicActivity)),
        allowed,
      );
    });
  }

  it('hides a members-only activity from anonymous visitors, users without a role there and other activities’ secretariat', () => {
    assert.equal(canActivity(anonymous, 'read', membersOnly), false);
    assert.equal(canActivity(user(), 'read', membersOnly), false);
    assert.equal(canActivity(user({ 1: ['secretariat'] }), 'read', membersOnly), false);
  });

  it('shows a members-only activity to anyone holding a role in it, even an observer, and to admins', () => {
    for (const role of ['observer', 'member', 'vice_chair', 'co_chair', 'chair', 'secretariat']) {
      assert.equal(canActivity(user({ 2: [role] }), 'read', membersOnly), true, role);
    }
    assert.equal(canActivity(user({}, true), 'read', membersOnly), true);
  });

  it('lets only site admins and Concord itself create activities', () => {
    assert.equal(canActivity(anonymous, 'create'), false);
    assert.equal(canActivity(user({ 1: ['secretariat'] }), 'create'), false);
    assert.equal(canActivity(user({}, true), 'create'), true);
    assert.equal(canActivity(systemActor(), 'create'), true);
  });

  it('refuses a non-admin every action when no activity is named', () => {
    for (const action of actions) assert.equal(canActivity(user({ 1: ['secretariat'] }), action), false, action);
  });
});

describe('canPerson', () => {
  const personActions: PersonAction[] = ['list', 'read', 'create', 'update', 'delete'];
  const cases: [string, Actor, PersonAction[]][] = [
    ['anonymous', anonymous, []],
    ['a user without a role', user(), ['list', 'read']],
    ['a member', user({ 1: ['member'] }), ['list', 'read']],
    ['a chair', user({ 1: ['chair'] }), ['list', 'read']],
    ['the secretariat of any activity', user({ 2: ['secretariat'] }), personActions],
    ['a site admin', user({}, true), personActions],
    ['Concord itself', systemActor(), personActions],
  ];
  for (const [who, actor, allowed] of cases) {
    it(`lets ${who} do exactly: ${allowed.join(', ') || 'nothing'}`, () => {
      assert.deepEqual(
        personActions.filter((a) => canPerson(actor, a)),
        allowed,
      );
    });
  }
});
