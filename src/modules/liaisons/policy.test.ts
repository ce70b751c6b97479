import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, anonymous, systemActor } from '../../platform/actor.ts';
import { canLiaison, type LiaisonAction, type StatementLike } from './policy.ts';

const activity = { id: 1, visibility: 'public' as const };
const membersOnlyActivity = { id: 2, visibility: 'members' as const };

function user(roles: string[] = [], options: { userId?: number; personId?: number; admin?: boolean; activityId?: number } = {}): Actor {
  return {
    kind: 'user',
    userId: options.userId ?? 7,
    name: 'Someone',
    email: 'someone@example.org',
    isAdmin: options.admin ?? false,
    locale: null,
    personId: options.personId ?? 70,
    roles: new Map(roles.length ? [[options.activityId ?? 1, new Set(roles)]] : []),
  };
}

const outgoing = (state: StatementLike['state'], extra: Partial<StatementLike> = {}): StatementLike => ({
  direction: 'out',
  state,
  access: 'public',
  createdByUserId: 99,
  assigneePersonId: null,
  ...extra,
});
const incoming = (extra: Partial<StatementLike> = {}): StatementLike => ({
  direction: 'in',
  state: null,
  access: 'public',
  createdByUserId: 99,
  assigneePersonId: null,
  ...extra,
});

const outgoingActions: LiaisonAction[] = ['edit', 'submit', 'approve', 'return', 'send', 'close', 'withdraw'];

/** Who may do what with someone else's outgoing draft (the drafter is user 99). */
const byRole: [string, Actor, LiaisonAction[]][] = [
  ['anonymous', anonymous, []],
  ['a user with no role', user(), []],
  ['a secretariat of another activity', user(['secretariat'], { activityId: 2 }), []],
  ['an observer', user(['observer']), []],
  ['a member', user(['member']), []],
  ['a vice-chair', user(['vice_chair']), ['edit', 'submit', 'approve', 'return', 'close', 'withdraw']],
  ['a co-chair', user(['co_chair']), ['edit', 'submit', 'approve', 'return', 'close', 'withdraw']],
  ['a chair', user(['chair']), ['edit', 'submit', 'approve', 'return', 'close', 'withdraw']],
  ['the secretariat', user(['secretariat']), ['edit', 'submit', 'approve', 'return', 'send', 'close', 'withdraw']],
  ['a site admin', user([], { admin: true }), outgoingActions],
  ['Concord itself', systemActor(), outgoingActions],
];

describe('liaison policy', () => {
  for (const [who, actor, allowed] of byRole) {
    it(`${who} may ${allowed.join(', ') || 'do nothing'} with someone else's outgoing statement`, () => {
      for (const action of outgoingActions) {
        assert.equal(canLiaison(actor, action, activity, outgoing('draft')), allowed.includes(action), `${who} / ${action}`);
      }
    });
  }

  it('a member drafts; an observer and a stranger do not', () => {
    assert.equal(canLiaison(user(['member']), 'draft', activity), true, 'member drafts');
    assert.equal(canLiaison(user(['observer']), 'draft', activity), false, 'observer cannot draft');
    assert.equal(canLiaison(user(), 'draft', activity), false, 'stranger cannot draft');
    assert.equal(canLiaison(anonymous, 'draft', activity), false, 'anonymous cannot draft');
  });

  it('the drafter (a member) edits, submits and withdraws their own statement but cannot approve, send or close it', () => {
    const drafter = user(['member'], { userId: 99 });
    const own = outgoing('draft');
    assert.deepEqual(
      outgoingActions.filter((a) => canLiaison(drafter, a, activity, own)),
      ['edit', 'submit', 'withdraw'],
    );
  });

  it('a drafter who became an observer no longer changes their statement', () => {
    const former = user(['observer'], { userId: 99 });
    assert.equal(canLiaison(former, 'edit', activity, outgoing('draft')), false, 'observer cannot edit');
    assert.equal(canLiaison(former, 'submit', activity, outgoing('draft')), false, 'observer cannot submit');
  });

  it('registering incoming statements is for the chairs and the secretariat', () => {
    for (const role of ['chair', 'co_chair', 'vice_chair', 'secretariat']) assert.equal(canLiaison(user([role]), 'register_incoming', activity), true, role);
    for (const role of ['member', 'observer']) assert.equal(canLiaison(user([role]), 'register_incoming', activity), false, role);
  });

  it('a stranger reads public statements once received or sent, never members-only ones or unsent drafts', () => {
    const stranger = user();
    assert.equal(canLiaison(stranger, 'read', activity, incoming()), true, 'public incoming');
    assert.equal(canLiaison(anonymous, 'read', activity, incoming()), true, 'public incoming, anonymous');
    assert.equal(canLiaison(stranger, 'read', activity, incoming({ access: 'members' })), false, 'members-only incoming');
    for (const state of ['draft', 'submitted', 'approved', 'withdrawn'] as const) {
      assert.equal(canLiaison(stranger, 'read', activity, outgoing(state)), false, `public outgoing ${state}`);
    }
    assert.equal(canLiaison(stranger, 'read', activity, outgoing('sent')), true, 'public outgoing sent');
    assert.equal(canLiaison(stranger, 'read', activity, outgoing('closed')), true, 'public outgoing closed');
    assert.equal(canLiaison(stranger, 'read', activity, outgoing('sent', { access: 'members' })), false, 'members-only sent');
    assert.equal(canLiaison(stranger, 'read', membersOnlyActivity, incoming()), false, 'members-only activity');
  });

  it('observers and members read every statement of their activity', () => {
    for (const role of ['observer', 'member']) {
      assert.equal(canLiaison(user([role]), 'read', activity, outgoing('draft', { access: 'members' })), true, `${role} reads a members-only draft`);
      assert.equal(canLiaison(user([role]), 'read', activity, incoming({ access: 'members' })), true, `${role} reads a members-only incoming`);
    }
  });

  it('the assignee of an incoming statement updates its action status but does not reassign it', () => {
    const assignee = user(['member'], { personId: 70 });
    const assigned = incoming({ assigneePersonId: 70 });
    assert.equal(canLiaison(assignee, 'set_action_status', activity, assigned), true, 'assignee sets status');
    assert.equal(canLiaison(assignee, 'assign', activity, assigned), false, 'assignee cannot reassign');
    assert.equal(canLiaison(user(['member'], { personId: 71 }), 'set_action_status', activity, assigned), false, 'another member cannot');
    assert.equal(canLiaison(user(['chair']), 'assign', activity, assigned), true, 'chair assigns');
    assert.equal(canLiaison(user(['chair']), 'assign', activity, outgoing('sent')), false, 'outgoing statements have no assignee');
  });

  it('outgoing-only changes are refused on incoming statements', () => {
    for (const action of ['submit', 'approve', 'send', 'close', 'withdraw'] as const) {
      assert.equal(canLiaison(systemActor(), action, activity, incoming()), false, action);
    }
  });
});
