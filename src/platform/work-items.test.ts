import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readerTimeZone } from './http/context.ts';
import { activityIdsOf, dueInstant } from './work-items.ts';

const user = (roles: [number, string[]][], timeZone?: string | null) =>
  ({ kind: 'user', userId: 1, name: 'U', email: 'u@example.org', isAdmin: false, locale: null, personId: 1, timeZone, roles: new Map(roles.map(([id, r]) => [id, new Set(r)])) }) as never;

describe('work items', () => {
  it('sorts a calendar date from its start (UTC) among instants, and items without a date last', () => {
    assert.equal(dueInstant({ on: '2030-03-20' }), Date.parse('2030-03-20T00:00:00Z'));
    assert.equal(dueInstant({ at: new Date('2030-03-14T22:59:00Z'), zone: 'Europe/Zurich' }), Date.parse('2030-03-14T22:59:00Z'));
    assert.equal(dueInstant(undefined), Number.POSITIVE_INFINITY);
  });

  it('looks in the activities where the reader holds a role, not in every activity for an admin', () => {
    assert.deepEqual(activityIdsOf(user([[3, ['member']], [5, []], [7, ['representative']]])), [3, 7]);
    assert.deepEqual(activityIdsOf({ kind: 'anonymous' }), []);
    assert.deepEqual(activityIdsOf({ kind: 'user', roles: new Map() }), []);
  });

  it('reads times in the reader’s saved zone, else UTC; a zone the tz database dropped counts as none', () => {
    assert.equal(readerTimeZone(user([], 'Asia/Tokyo')), 'Asia/Tokyo');
    assert.equal(readerTimeZone(user([], null)), 'UTC');
    assert.equal(readerTimeZone(user([], 'Atlantis/Capital')), 'UTC');
    assert.equal(readerTimeZone({ kind: 'anonymous' }), 'UTC');
  });
});
