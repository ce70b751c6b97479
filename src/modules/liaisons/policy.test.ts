// Who may do what with liaison statements: every action × every actor of the cast × the statement (direction, state,
// access, drafter, assignee) × a public and a members-only activity. The member of the cast drafted "their own"
// statement and is the assignee of the assigned one.
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
  secretariatAndAdmins,
} from '../../../test/support/policy-table.ts';
import { canLiaison, type LiaisonAction, readsEverything, type StatementLike } from './policy.ts';

const activities = { public: publicActivity, members: membersOnlyActivity };
type Visibility = keyof typeof activities;
const someoneElse = 99_999;

const outgoing = (state: StatementLike['state'], extra: Partial<StatementLike> = {}): StatementLike => ({
  direction: 'out',
  state,
  access: 'public',
  createdByUserId: someoneElse,
  assigneePersonId: null,
  ...extra,
});
const incoming = (extra: Partial<StatementLike> = {}): StatementLike => ({
  direction: 'in',
  state: null,
  access: 'public',
  createdByUserId: someoneElse,
  assigneePersonId: null,
  ...extra,
});

const statements = {
  'no statement': undefined,
  "the member's outgoing draft": outgoing('draft', { createdByUserId: cast.member.userId }),
  "someone else's outgoing draft": outgoing('draft'),
  'a submitted outgoing statement': outgoing('submitted'),
  'a public sent statement': outgoing('sent'),
  'a members-only sent statement': outgoing('sent', { access: 'members' }),
  'a public closed statement': outgoing('closed'),
  'a public incoming statement': incoming(),
  'a members-only incoming statement': incoming({ access: 'members' }),
  'an incoming statement assigned to the member': incoming({ assigneePersonId: cast.member.personId }),
};
type Statement = keyof typeof statements;
const drafterAndLeadership: readonly CastMember[] = ['member', ...leadershipAndAdmins];

const table: [LiaisonAction, Statement, Visibility, readonly CastMember[]][] = [
  ['read', 'no statement', 'public', everyone],
  ['read', 'no statement', 'members', participantsAndAdmins],
  // Participants (observers included) read everything; others only what is public and published.
  ["read", "someone else's outgoing draft", 'public', participantsAndAdmins],
  ['read', 'a submitted outgoing statement', 'public', participantsAndAdmins],
  ['read', 'a public sent statement', 'public', everyone],
  ['read', 'a public sent statement', 'members', participantsAndAdmins],
  ['read', 'a public closed statement', 'public', everyone],
  ['read', 'a members-only sent statement', 'public', participantsAndAdmins],
  ['read', 'a public incoming statement', 'public', everyone],
  ['read', 'a public incoming statement', 'members', participantsAndAdmins],
  ['read', 'a members-only incoming statement', 'public', participantsAndAdmins],
  ['register_incoming', 'no statement', 'public', leadershipAndAdmins],
  ['register_incoming', 'no statement', 'members', leadershipAndAdmins],
  ['draft', 'no statement', 'public', contributorsAndAdmins],
  ['draft', 'no statement', 'members', contributorsAndAdmins],
  ['edit', 'no statement', 'public', []],
  ['edit', "the member's outgoing draft", 'public', drafterAndLeadership],
  ['edit', "the member's outgoing draft", 'members', drafterAndLeadership],
  ['edit', "someone else's outgoing draft", 'public', leadershipAndAdmins],
  ['edit', 'a public incoming statement', 'public', leadershipAndAdmins],
  ['submit', "the member's outgoing draft", 'public', drafterAndLeadership],
  ['submit', "someone else's outgoing draft", 'public', leadershipAndAdmins],
  ['submit', 'a public incoming statement', 'public', []],
  ['withdraw', "the member's outgoing draft", 'public', drafterAndLeadership],
  ['withdraw', "someone else's outgoing draft", 'members', leadershipAndAdmins],
  ['withdraw', 'a public incoming statement', 'public', []],
  // The drafter never approves, sends or closes their own statement.
  ['approve', "the member's outgoing draft", 'public', leadershipAndAdmins],
  ['approve', 'a submitted outgoing statement', 'members', leadershipAndAdmins],
  ['approve', 'a public incoming statement', 'public', []],
  ['return', 'a submitted outgoing statement', 'public', leadershipAndAdmins],
  ['return', 'a public incoming statement', 'public', []],
  ['send', "the member's outgoing draft", 'public', secretariatAndAdmins],
  ['send', 'a submitted outgoing statement', 'members', secretariatAndAdmins],
  ['send', 'a public incoming statement', 'public', []],
  ['close', 'a public sent statement', 'public', leadershipAndAdmins],
  ['close', 'a public incoming statement', 'public', []],
  ['assign', 'a public incoming statement', 'public', leadershipAndAdmins],
  ['assign', 'a members-only incoming statement', 'members', leadershipAndAdmins],
  ['assign', 'an incoming statement assigned to the member', 'public', leadershipAndAdmins],
  ['assign', 'a public sent statement', 'public', []],
  ['set_action_status', 'a public incoming statement', 'public', leadershipAndAdmins],
  ['set_action_status', 'an incoming statement assigned to the member', 'public', drafterAndLeadership],
  ['set_action_status', 'an incoming statement assigned to the member', 'members', drafterAndLeadership],
  ['set_action_status', 'a public sent statement', 'public', []],
];

describe('canLiaison', () => {
  for (const [action, statement, visibility, allowed] of table) {
    it(rowTitle(action, `${statement} of a ${visibility === 'public' ? 'public' : 'members-only'} activity`, allowed), () => {
      assertRow(allowed, (actor) => canLiaison(actor, action, activities[visibility], statements[statement]));
    });
  }

  it('stops a drafter who became an observer from changing their statement, and an assignee who left from updating it', () => {
    const former = { ...cast.observer, userId: cast.member.userId };
    assert.equal(canLiaison(former, 'edit', publicActivity, statements["the member's outgoing draft"]), false);
    assert.equal(canLiaison(former, 'submit', publicActivity, statements["the member's outgoing draft"]), false);
    const gone = { ...cast.stranger, personId: cast.member.personId };
    assert.equal(canLiaison(gone, 'set_action_status', publicActivity, statements['an incoming statement assigned to the member']), false);
  });
});

describe('readsEverything', () => {
  for (const visibility of ['public', 'members'] as const) {
    it(rowTitle('reads every statement', `of a ${visibility === 'public' ? 'public' : 'members-only'} activity`, participantsAndAdmins), () => {
      assertRow(participantsAndAdmins, (actor) => readsEverything(actor, activities[visibility]));
    });
  }
});
