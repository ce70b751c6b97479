// Who runs the engine and reviews overlaps, over the whole cast.
import { describe, it } from 'node:test';
import { assertRow, type CastMember, leadershipAndAdmins, membersOnlyActivity, participantsAndAdmins, publicActivity, rowTitle } from '../../../test/support/policy-table.ts';
import { canOverlaps, mayReviewIn } from './policy.ts';

/** The secretariat of another activity reviews overlaps there, so it may run the engine and open the queue. */
const reviewersAnywhere: readonly CastMember[] = ['otherSecretariat', ...leadershipAndAdmins];

describe('canOverlaps', () => {
  for (const action of ['run', 'review'] as const) {
    it(rowTitle(action, 'overlaps across the register', reviewersAnywhere), () => {
      assertRow(reviewersAnywhere, (actor) => canOverlaps(actor, action));
    });
  }
});

describe('mayReviewIn', () => {
  for (const [name, activity] of [['public', publicActivity], ['members-only', membersOnlyActivity]] as const) {
    it(rowTitle('review', `pairs touching a ${name} activity’s roadmap`, leadershipAndAdmins), () => {
      assertRow(leadershipAndAdmins, (actor) => mayReviewIn(actor, activity));
    });
  }
});

describe('canOverlaps read_confirmed', () => {
  it(rowTitle('read_confirmed', 'an activity’s confirmed overlaps', participantsAndAdmins), () => {
    assertRow(participantsAndAdmins, (actor) => canOverlaps(actor, 'read_confirmed', publicActivity));
  });
});

describe('canOverlaps draft_liaison', () => {
  for (const [name, activity] of [['public', publicActivity], ['members-only', membersOnlyActivity]] as const) {
    it(rowTitle('draft_liaison', `a liaison statement from a confirmed overlap in a ${name} activity`, leadershipAndAdmins), () => {
      assertRow(leadershipAndAdmins, (actor) => canOverlaps(actor, 'draft_liaison', activity));
    });
  }
});
