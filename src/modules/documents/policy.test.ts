// Who may do what with an activity's documents: every action × every actor of the cast × the document's state and
// access × a public and a members-only activity. The member of the cast submitted the documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertRow,
  cast,
  type CastMember,
  contributorsAndAdmins,
  everyone,
  managersAndAdmins,
  membersOnlyActivity,
  participantsAndAdmins,
  publicActivity,
  rowTitle,
  secretariatAndAdmins,
} from '../../../test/support/policy-table.ts';
import { canDocument, type DocumentAction } from './policy.ts';

const activities = { public: publicActivity, members: membersOnlyActivity };
const submittedByUserId = cast.member.userId;
const documents = {
  'no document': undefined,
  'a public published document': { access: 'public' as const, status: 'published' as const, submittedByUserId },
  'a members-only published document': { access: 'members' as const, status: 'published' as const, submittedByUserId },
  'a contribution awaiting its number': { access: 'public' as const, status: 'submitted' as const, submittedByUserId },
  'a withdrawn document': { access: 'public' as const, status: 'withdrawn' as const, submittedByUserId },
};
type Record = keyof typeof documents;
const submitterAndSecretariat: readonly CastMember[] = ['member', ...secretariatAndAdmins];

const table: [DocumentAction, Record, keyof typeof activities, readonly CastMember[]][] = [
  ['read', 'no document', 'public', everyone],
  ['read', 'no document', 'members', participantsAndAdmins],
  ['read', 'a public published document', 'public', everyone],
  ['read', 'a public published document', 'members', participantsAndAdmins],
  // Observers attend meetings: they read members-only documents.
  ['read', 'a members-only published document', 'public', participantsAndAdmins],
  ['read', 'a members-only published document', 'members', participantsAndAdmins],
  ['read', 'a contribution awaiting its number', 'public', submitterAndSecretariat],
  ['read', 'a contribution awaiting its number', 'members', submitterAndSecretariat],
  ['read', 'a withdrawn document', 'public', everyone],
  ['read', 'a withdrawn document', 'members', participantsAndAdmins],
  ['submit', 'no document', 'public', contributorsAndAdmins],
  ['submit', 'no document', 'members', contributorsAndAdmins],
  ['manage', 'a contribution awaiting its number', 'public', secretariatAndAdmins],
  ['manage', 'a contribution awaiting its number', 'members', secretariatAndAdmins],
  ['place', 'a public published document', 'public', managersAndAdmins],
  ['place', 'a public published document', 'members', managersAndAdmins],
  ['revise', 'a contribution awaiting its number', 'public', submitterAndSecretariat],
  ['revise', 'a contribution awaiting its number', 'members', submitterAndSecretariat],
  ['revise', 'a public published document', 'public', submitterAndSecretariat],
  ['revise', 'a withdrawn document', 'public', secretariatAndAdmins],
];

describe('canDocument', () => {
  for (const [action, record, visibility, allowed] of table) {
    it(rowTitle(action, `${record} of a ${visibility === 'public' ? 'public' : 'members-only'} activity`, allowed), () => {
      assertRow(allowed, (actor) => canDocument(actor, action, activities[visibility], documents[record]));
    });
  }

  it('stops a submitter who became an observer from revising their contribution', () => {
    const former = { ...cast.observer, userId: submittedByUserId };
    assert.equal(canDocument(former, 'revise', publicActivity, documents['a contribution awaiting its number']), false);
    assert.equal(canDocument(former, 'read', publicActivity, documents['a contribution awaiting its number']), true, 'still reads their own');
  });
});
