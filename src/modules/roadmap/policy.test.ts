// Who may do what with a roadmap and its proposals: every action × every actor of the cast × public and members-only
// activities × whose proposal it is.
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
} from '../../../test/support/policy-table.ts';
import { canProposal, canRoadmap, type ProposalAction, type RoadmapAction } from './policy.ts';

const activities = { public: publicActivity, members: membersOnlyActivity };
type Visibility = keyof typeof activities;

describe('canRoadmap', () => {
  const table: [RoadmapAction, Visibility, readonly CastMember[]][] = [
    ['read', 'public', everyone],
    ['read', 'members', participantsAndAdmins],
    ['edit', 'public', managersAndAdmins],
    ['edit', 'members', managersAndAdmins],
    // A representative named on the contacts list proposes for their body without being a member, where they may
    // read the roadmap at all: not in a members-only activity.
    ['propose', 'public', ['representative', ...contributorsAndAdmins]],
    ['propose', 'members', contributorsAndAdmins],
  ];
  for (const [action, visibility, allowed] of table) {
    it(rowTitle(action, `the roadmap of a ${visibility === 'public' ? 'public' : 'members-only'} activity`, allowed), () => {
      assertRow(allowed, (actor) => canRoadmap(actor, action, activities[visibility]));
    });
  }
});

describe('canProposal', () => {
  const byMember = { proposerUserId: cast.member.userId };
  const byRepresentative = { proposerUserId: cast.representative.userId };
  const byFormerAccount = { proposerUserId: null };
  const proposals = { byMember, byRepresentative, byFormerAccount };
  const table: [ProposalAction, keyof typeof proposals, Visibility, readonly CastMember[]][] = [
    ['read', 'byMember', 'public', ['member', ...managersAndAdmins]],
    ['read', 'byMember', 'members', ['member', ...managersAndAdmins]],
    ['read', 'byRepresentative', 'public', ['representative', ...managersAndAdmins]],
    ['read', 'byRepresentative', 'members', managersAndAdmins],
    ['read', 'byFormerAccount', 'public', managersAndAdmins],
    ['decide', 'byMember', 'public', managersAndAdmins],
    ['decide', 'byMember', 'members', managersAndAdmins],
    ['decide', 'byRepresentative', 'public', managersAndAdmins],
    // Withdrawing is the proposer's own choice: not even a site admin withdraws someone else's proposal.
    ['withdraw', 'byMember', 'public', ['member']],
    ['withdraw', 'byMember', 'members', ['member']],
    ['withdraw', 'byRepresentative', 'public', ['representative']],
    ['withdraw', 'byRepresentative', 'members', []],
    ['withdraw', 'byFormerAccount', 'public', []],
  ];
  for (const [action, whose, visibility, allowed] of table) {
    it(rowTitle(action, `a proposal ${whose} in a ${visibility === 'public' ? 'public' : 'members-only'} activity`, allowed), () => {
      assertRow(allowed, (actor) => canProposal(actor, action, activities[visibility], proposals[whose]));
    });
  }
});
