import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, anonymous, systemActor } from '../../platform/actor.ts';
import { type MeetingAction, canMeeting } from './policy.ts';

const user = (roles: string[], activityId = 7, isAdmin = false): Actor => ({
  kind: 'user',
  userId: 1,
  name: 'U',
  email: 'u@example.org',
  isAdmin,
  locale: null,
  personId: 1,
  roles: new Map([[activityId, new Set(roles)]]),
});
type ActivityLike = { id: number; visibility: 'public' | 'members' };
const publicActivity: ActivityLike = { id: 7, visibility: 'public' };
const membersActivity: ActivityLike = { id: 7, visibility: 'members' };
const actions: MeetingAction[] = ['read', 'register', 'read_participants', 'manage', 'export_participants', 'mark_attendance', 'see_remote_link'];
const allowed = (actor: Actor, activity = publicActivity, registered = false) => actions.filter((a) => canMeeting(actor, a, activity, { registered }));

describe('canMeeting', () => {
  it('lets anyone read and register for a public activity, and nothing more', () => {
    assert.deepEqual(allowed(anonymous), ['read', 'register']);
    assert.deepEqual(allowed(user([])), ['read', 'register']);
    assert.deepEqual(allowed(user(['secretariat'], 99)), ['read', 'register']);
  });

  it('shows the remote link to registered participants only (besides the leadership)', () => {
    assert.deepEqual(allowed(anonymous, publicActivity, true), ['read', 'register', 'see_remote_link']);
    assert.deepEqual(allowed(user(['member']), publicActivity, false), ['read', 'register', 'read_participants']);
    assert.deepEqual(allowed(user(['member']), publicActivity, true), ['read', 'register', 'read_participants', 'see_remote_link']);
  });

  it('lets members and observers see the participants, not manage', () => {
    assert.deepEqual(allowed(user(['observer'])), ['read', 'register', 'read_participants']);
  });

  it('gives chairs the remote link but not the secretariat’s work', () => {
    assert.deepEqual(allowed(user(['chair'])), ['read', 'register', 'read_participants', 'see_remote_link']);
  });

  it('gives the secretariat, site admins and Concord itself everything', () => {
    assert.deepEqual(allowed(user(['secretariat'])), actions);
    assert.deepEqual(allowed(user([], 1, true)), actions);
    assert.deepEqual(allowed(systemActor()), actions);
  });

  it('hides a members-only activity’s meetings from outsiders, registered or not', () => {
    assert.deepEqual(allowed(anonymous, membersActivity, true), []);
    assert.deepEqual(allowed(user(['member'], 8), membersActivity), []);
    assert.deepEqual(allowed(user(['member']), membersActivity), ['read', 'register', 'read_participants']);
  });

  it('lets a registration be managed by id by its owner and the secretariat only', () => {
    const manages = (actor: Actor, ownRegistration: boolean) => canMeeting(actor, 'manage_registration', publicActivity, { ownRegistration });
    assert.equal(manages(user(['member']), true), true, 'the owner');
    assert.equal(manages(user(['chair']), false), false, 'a chair, someone else’s');
    assert.equal(manages(user(['secretariat']), false), true, 'the secretariat');
    assert.equal(manages(user(['secretariat'], 99), false), false, 'another activity’s secretariat');
    assert.equal(manages(systemActor(), false), true, 'Concord itself');
  });
});
