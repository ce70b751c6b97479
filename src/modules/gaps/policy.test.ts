// Who may do what with gaps, and which gaps each reader sees: every action × the cast × public and members-only
// activities × published or not × the gap's state and whose proposal it is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertRow,
  cast,
  type CastMember,
  contributorsAndAdmins,
  everyone,
  leadershipAndAdmins,
  membersOnlyActivity,
  participantsAndAdmins,
  publicActivity,
  rowTitle,
} from '../../../test/support/policy-table.ts';
import { allowedGapChanges, changeAllowedFrom, editableStatuses } from './gap-states.ts';
import { canGap, canGaps, type GapAction, type GapListAction, gapScope, seesGap } from './policy.ts';
import type { GapStatus } from './schema.ts';

const activities = { public: publicActivity, members: membersOnlyActivity };
type Visibility = keyof typeof activities;
const published = { publishGaps: true };
const unpublished = { publishGaps: false };
const settingsOf = { published, unpublished };
type Publishing = keyof typeof settingsOf;

describe('canGaps', () => {
  const table: [GapListAction, Visibility, Publishing, readonly CastMember[]][] = [
    // Strangers, other activities' members and representatives read the list only when the activity publishes it.
    ['read', 'public', 'published', everyone],
    ['read', 'public', 'unpublished', participantsAndAdmins],
    ['read', 'members', 'published', participantsAndAdmins],
    ['read', 'members', 'unpublished', participantsAndAdmins],
    ['propose', 'public', 'published', contributorsAndAdmins],
    ['propose', 'members', 'unpublished', contributorsAndAdmins],
    ['create', 'public', 'published', leadershipAndAdmins],
    ['create', 'members', 'unpublished', leadershipAndAdmins],
  ];
  for (const [action, visibility, publishing, allowed] of table) {
    it(rowTitle(action, `the gaps of a ${visibility === 'public' ? 'public' : 'members-only'} activity, ${publishing}`, allowed), () => {
      assertRow(allowed, (actor) => canGaps(actor, action, activities[visibility], settingsOf[publishing]));
    });
  }
});

describe('canGap', () => {
  const gap = (status: GapStatus, by: CastMember | null = 'member') => ({ status, proposerUserId: by && 'userId' in cast[by] ? cast[by].userId : null });
  const leaders = ['viceChair', 'coChair', 'chair', 'secretariat', 'admin', 'system'] as const;
  const table: [GapAction, string, ReturnType<typeof gap>, Visibility, Publishing, readonly CastMember[]][] = [
    ['read', 'an open gap', gap('open'), 'public', 'published', everyone],
    ['read', 'an open gap', gap('open'), 'public', 'unpublished', participantsAndAdmins],
    ['read', 'a closed gap', gap('closed'), 'public', 'unpublished', participantsAndAdmins],
    ['read', 'a gap being addressed', gap('being_addressed'), 'members', 'published', participantsAndAdmins],
    // A proposal: its proposer and the leadership, never the public, even when gaps are published.
    ['read', 'a member’s proposal', gap('proposed'), 'public', 'published', ['member', ...leaders]],
    ['read', 'a member’s proposal', gap('proposed'), 'members', 'unpublished', ['member', ...leaders]],
    ['read', 'a declined proposal of the member', gap('declined'), 'public', 'published', ['member', ...leaders]],
    ['read', 'a proposal of a former account', gap('proposed', null), 'public', 'published', leaders],
    ['edit', 'an open gap', gap('open'), 'public', 'published', leadershipAndAdmins],
    ['edit', 'a member’s proposal', gap('proposed'), 'members', 'unpublished', leadershipAndAdmins],
    ['decide', 'a member’s proposal', gap('proposed'), 'public', 'published', leadershipAndAdmins],
    ['link', 'an open gap', gap('open'), 'members', 'published', leadershipAndAdmins],
  ];
  for (const [action, what, row, visibility, publishing, allowed] of table) {
    it(rowTitle(action, `${what} in a ${visibility === 'public' ? 'public' : 'members-only'} activity, ${publishing}`, allowed), () => {
      assertRow(allowed, (actor) => canGap(actor, action, activities[visibility], settingsOf[publishing], row));
    });
  }
});

describe('gapScope and seesGap', () => {
  it('gives the leadership every gap, participants the accepted ones and their own, others the published ones, nobody outside a members-only activity anything', () => {
    assert.deepEqual(gapScope(cast.secretariat, publicActivity), { kind: 'all' });
    assert.deepEqual(gapScope(cast.viceChair, membersOnlyActivity), { kind: 'all' });
    assert.deepEqual(gapScope(cast.observer, publicActivity), { kind: 'some', accepted: 'always', ownBy: cast.observer.userId });
    assert.deepEqual(gapScope(cast.otherMember, publicActivity), { kind: 'some', accepted: 'if_published', ownBy: null });
    assert.deepEqual(gapScope(cast.anonymous, publicActivity), { kind: 'some', accepted: 'if_published', ownBy: null });
    assert.deepEqual(gapScope(cast.otherMember, membersOnlyActivity), { kind: 'none' });
    assert.equal(seesGap({ kind: 'none' }, { status: 'open', proposerUserId: null }, true), false);
    assert.equal(seesGap({ kind: 'some', accepted: 'if_published', ownBy: null }, { status: 'declined', proposerUserId: null }, true), false);
  });
});

describe('gap states', () => {
  it('accepts proposals and declined ones, declines only proposals, links entries only to accepted gaps', () => {
    assert.equal(changeAllowedFrom('accept', 'proposed'), true);
    assert.equal(changeAllowedFrom('accept', 'declined'), true);
    assert.equal(changeAllowedFrom('accept', 'open'), false);
    assert.equal(changeAllowedFrom('decline', 'open'), false);
    assert.equal(changeAllowedFrom('link', 'proposed'), false);
    assert.equal(changeAllowedFrom('link', 'closed'), true);
    assert.deepEqual(editableStatuses('open'), ['open', 'being_addressed', 'closed']);
    assert.deepEqual(editableStatuses('proposed'), ['proposed']);
  });

  it('offers each actor only the changes both the state and their role allow', () => {
    const proposal = { status: 'proposed' as const, proposerUserId: cast.member.userId };
    const open = { status: 'open' as const, proposerUserId: null };
    assert.deepEqual(allowedGapChanges(cast.chair, publicActivity, unpublished, proposal), ['accept', 'decline', 'edit']);
    assert.deepEqual(allowedGapChanges(cast.secretariat, publicActivity, unpublished, open), ['edit', 'link', 'unlink']);
    assert.deepEqual(allowedGapChanges(cast.member, publicActivity, unpublished, proposal), []);
    assert.deepEqual(allowedGapChanges(cast.anonymous, publicActivity, published, open), []);
  });
});
