// Who may do what with an activity's meetings and their proceedings: every action × every actor of the cast × a
// public and a members-only activity (× whether the actor holds a live registration, for the remote link).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertRow,
  type CastMember,
  everyone,
  leadershipAndAdmins,
  managersAndAdmins,
  membersOnlyActivity,
  participantsAndAdmins,
  publicActivity,
  rowTitle,
  secretariatAndAdmins,
} from '../../../test/support/policy-table.ts';
import { canMeeting, canProceedings, canReadReport, type MeetingAction, meetingDeletable, type ProceedingsAction } from './policy.ts';

const activities = { public: publicActivity, members: membersOnlyActivity };
type Visibility = keyof typeof activities;
const of = (visibility: Visibility) => (visibility === 'public' ? 'a public activity' : 'a members-only activity');

describe('canMeeting', () => {
  const table: [MeetingAction, Visibility, { registered: boolean }, readonly CastMember[]][] = [
    ['read', 'public', { registered: false }, everyone],
    ['read', 'members', { registered: false }, participantsAndAdmins],
    ['register', 'public', { registered: false }, everyone],
    ['register', 'members', { registered: false }, participantsAndAdmins],
    ['read_participants', 'public', { registered: false }, participantsAndAdmins],
    ['read_participants', 'members', { registered: false }, participantsAndAdmins],
    ['manage', 'public', { registered: false }, secretariatAndAdmins],
    ['manage', 'members', { registered: false }, secretariatAndAdmins],
    ['export_participants', 'public', { registered: false }, secretariatAndAdmins],
    ['mark_attendance', 'public', { registered: false }, secretariatAndAdmins],
    ['mark_attendance', 'members', { registered: false }, secretariatAndAdmins],
    // The remote link: the leadership always; anyone else once registered, where they may read the meeting at all.
    ['see_remote_link', 'public', { registered: false }, leadershipAndAdmins],
    ['see_remote_link', 'members', { registered: false }, leadershipAndAdmins],
    ['see_remote_link', 'public', { registered: true }, everyone],
    ['see_remote_link', 'members', { registered: true }, participantsAndAdmins],
  ];
  for (const [action, visibility, facts, allowed] of table) {
    it(rowTitle(action, `a meeting of ${of(visibility)}${facts.registered ? ', registered' : ''}`, allowed), () => {
      assertRow(allowed, (actor) => canMeeting(actor, action, activities[visibility], facts));
    });
  }
});

describe('canProceedings', () => {
  /** Whoever presides over a meeting adopts its agenda: not the secretariat. */
  const presiding: readonly CastMember[] = ['viceChair', 'coChair', 'chair', 'admin', 'system'];
  const table: [ProceedingsAction, Visibility, readonly CastMember[]][] = [
    ['read', 'public', everyone],
    ['read', 'members', participantsAndAdmins],
    ['read_drafts', 'public', leadershipAndAdmins],
    ['read_drafts', 'members', leadershipAndAdmins],
    ['edit_agenda', 'public', managersAndAdmins],
    ['edit_agenda', 'members', managersAndAdmins],
    ['adopt_agenda', 'public', presiding],
    ['adopt_agenda', 'members', presiding],
    ['record_outcomes', 'public', managersAndAdmins],
    ['record_outcomes', 'members', managersAndAdmins],
    ['write_reports', 'public', managersAndAdmins],
    ['write_reports', 'members', managersAndAdmins],
  ];
  for (const [action, visibility, allowed] of table) {
    it(rowTitle(action, `the proceedings of ${of(visibility)}`, allowed), () => {
      assertRow(allowed, (actor) => canProceedings(actor, action, activities[visibility]));
    });
  }
});

describe('canMeeting: a registration managed by id', () => {
  it(rowTitle('manage_registration', 'someone else’s registration', secretariatAndAdmins), () => {
    assertRow(secretariatAndAdmins, (actor) => canMeeting(actor, 'manage_registration', publicActivity, { ownRegistration: false }));
  });
  it(rowTitle('manage_registration', 'their own registration (by account or by its link)', everyone), () => {
    assertRow(everyone, (actor) => canMeeting(actor, 'manage_registration', publicActivity, { ownRegistration: true }));
  });
});

describe('canReadReport', () => {
  // Released is not public: a released report is read as a published document of its access level is.
  const table: [string, Visibility, { status: 'draft' | 'released'; access: 'public' | 'members' }, readonly CastMember[]][] = [
    ['a draft', 'public', { status: 'draft', access: 'public' }, managersAndAdmins],
    ['a released members-only report', 'public', { status: 'released', access: 'members' }, participantsAndAdmins],
    ['a released public report', 'public', { status: 'released', access: 'public' }, everyone],
    ['a released public report', 'members', { status: 'released', access: 'public' }, participantsAndAdmins],
  ];
  for (const [what, visibility, report, allowed] of table) {
    it(rowTitle('read', `${what} of ${of(visibility)}`, allowed), () => {
      assertRow(allowed, (actor) => canReadReport(actor, activities[visibility], report));
    });
  }
});

describe('meetingDeletable', () => {
  it('deletes only a meeting still in preparation: never announced, nobody registered, no document', () => {
    assert.equal(meetingDeletable({ status: 'planned' }, { registrations: 0, documents: 0 }), true);
    for (const status of ['announced', 'held', 'cancelled']) assert.equal(meetingDeletable({ status }, { registrations: 0, documents: 0 }), false, status);
    assert.equal(meetingDeletable({ status: 'planned' }, { registrations: 1, documents: 0 }), false, 'someone registered (even a cancelled registration)');
    assert.equal(meetingDeletable({ status: 'planned' }, { registrations: 0, documents: 1 }), false, 'a document names it');
  });
});
