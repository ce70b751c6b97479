import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, anonymous, systemActor } from '../../platform/actor.ts';
import { canDocument, type DocumentAction } from './policy.ts';

type ActivityLike = { id: number; visibility: 'public' | 'members' };
const activity: ActivityLike = { id: 7, visibility: 'public' };
const membersOnlyActivity: ActivityLike = { id: 8, visibility: 'members' };
const user = (userId: number, roles: Record<number, string[]> = {}, isAdmin = false): Actor => ({
  kind: 'user',
  userId,
  name: `User ${userId}`,
  email: `u${userId}@example.org`,
  isAdmin,
  locale: null,
  personId: userId,
  roles: new Map(Object.entries(roles).map(([id, r]) => [Number(id), new Set(r)])),
});

const secretariat = user(1, { 7: ['secretariat'], 8: ['secretariat'] });
const chair = user(2, { 7: ['chair'] });
const member = user(3, { 7: ['member'], 8: ['member'] });
const observer = user(4, { 7: ['observer'] });
const stranger = user(5, { 99: ['secretariat'] });
const submitter = user(6, { 7: ['member'] });

const published = { access: 'public' as const, status: 'published' as const, submittedByUserId: 6 };
const membersOnly = { access: 'members' as const, status: 'published' as const, submittedByUserId: 6 };
const waiting = { access: 'public' as const, status: 'submitted' as const, submittedByUserId: 6 };
const withdrawn = { access: 'public' as const, status: 'withdrawn' as const, submittedByUserId: 6 };

const who = { secretariat, chair, member, observer, stranger, submitter, anonymous, admin: user(9, {}, true), system: systemActor() };
type Who = keyof typeof who;
type DocumentLike = { access: 'public' | 'members'; status: 'submitted' | 'published' | 'withdrawn'; submittedByUserId: number | null };
const allowed = (action: DocumentAction, thing: DocumentLike | undefined, on = activity) =>
  (Object.keys(who) as Who[]).filter((name) => canDocument(who[name], action, on, thing));

describe('document policy', () => {
  it('gives public published documents to everyone and members-only ones to those with a role, observers included', () => {
    assert.deepEqual(allowed('read', published), Object.keys(who));
    assert.deepEqual(allowed('read', membersOnly), ['secretariat', 'chair', 'member', 'observer', 'submitter', 'admin', 'system']);
  });

  it('shows a contribution awaiting its number only to the secretariat and its submitter', () => {
    assert.deepEqual(allowed('read', waiting), ['secretariat', 'submitter', 'admin', 'system']);
    assert.deepEqual(allowed('read', withdrawn), Object.keys(who), 'a withdrawn document stays readable, marked withdrawn');
  });

  it('lets members and leadership submit, not observers or strangers', () => {
    assert.deepEqual(allowed('submit', undefined), ['secretariat', 'chair', 'member', 'submitter', 'admin', 'system']);
  });

  it('keeps numbering and publishing to the secretariat; agenda placement to those who prepare the agenda', () => {
    assert.deepEqual(allowed('manage', waiting), ['secretariat', 'admin', 'system']);
    assert.deepEqual(allowed('place', published), ['secretariat', 'chair', 'admin', 'system']);
  });

  it('lets the submitter revise their own contribution until it is withdrawn', () => {
    assert.deepEqual(allowed('revise', waiting), ['secretariat', 'submitter', 'admin', 'system']);
    assert.deepEqual(allowed('revise', withdrawn), ['secretariat', 'admin', 'system']);
  });

  it('hides everything of a members-only activity from those without a role in it', () => {
    assert.deepEqual(allowed('read', published, membersOnlyActivity), ['secretariat', 'member', 'admin', 'system']);
    assert.deepEqual(allowed('read', undefined, membersOnlyActivity), ['secretariat', 'member', 'admin', 'system']);
  });
});
