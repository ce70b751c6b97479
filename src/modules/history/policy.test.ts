// Who reads the whole of an activity's history (every module's events, unclaimed kinds included), for a public and a
// members-only activity. What others see is each module's rule for its records (tested in history.test.ts).
import { describe, it } from 'node:test';
import { assertRow, leadershipAndAdmins, membersOnlyActivity, publicActivity, rowTitle } from '../../../test/support/policy-table.ts';
import { readsWholeHistory } from './policy.ts';

describe('readsWholeHistory', () => {
  for (const [name, activity] of [['public', publicActivity], ['members-only', membersOnlyActivity]] as const) {
    it(rowTitle('read everything', `the history of a ${name} activity`, leadershipAndAdmins), () => {
      assertRow(leadershipAndAdmins, (actor) => readsWholeHistory(actor, activity));
    });
  }
});
