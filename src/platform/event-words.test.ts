// The agent a history sentence gets when its module wrote it without the person who made the change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withActor } from './event-words.ts';
import { wordEvent } from './module-manifest.ts';

describe('withActor', () => {
  it('puts the person before the first colon, parenthesis or dash outside a quotation, else at the end', () => {
    assert.equal(withActor('Statement LS-12 changed (title and deadline)', 'Anna Rossi', 'en'), 'Statement LS-12 changed by Anna Rossi (title and deadline)');
    assert.equal(withActor('Agenda item “Reviews: part 2” moved from 4 to 5', 'Anna Rossi', 'en'), 'Agenda item “Reviews: part 2” moved from 4 to 5 by Anna Rossi');
    assert.equal(withActor('Meeting announced', 'Anna Rossi', 'en'), 'Meeting announced by Anna Rossi');
    assert.equal(withActor('Meeting 1 (“Made by mistake”) deleted', 'Anna Rossi', 'en'), 'Meeting 1 (“Made by mistake”) deleted by Anna Rossi');
    assert.equal(withActor('Proposition refusée\u202f: hors sujet', 'Anna Rossi', 'fr'), 'Proposition refusée par Anna Rossi\u202f: hors sujet');
    assert.equal(withActor('Point « Revue : partie 2 » déplacé de 4 à 5', 'Anna Rossi', 'fr'), 'Point « Revue : partie 2 » déplacé de 4 à 5 par Anna Rossi');
  });

  it('is applied by wordEvent to a person’s change only, and never twice', () => {
    const wordings = {
      'x.passive': () => 'Minutes saved',
      'x.active': (_b: unknown, _a: unknown, _s?: string, who?: string) => (who ? `${who} saved the minutes` : 'Minutes saved'),
    };
    const event = (kind: string, actorUserId: number | null) => ({ kind, summary: 'stored', before: null, after: {}, actorUserId, actorName: 'Anna Rossi' });
    assert.equal(wordEvent(event('x.passive', 7), wordings, undefined, 'en'), 'Minutes saved by Anna Rossi');
    assert.equal(wordEvent(event('x.active', 7), wordings, undefined, 'en'), 'Anna Rossi saved the minutes');
    assert.equal(wordEvent(event('x.passive', null), wordings, undefined, 'en'), 'Minutes saved', 'Concord’s own work names no person');
    assert.equal(wordEvent(event('x.unknown', 7), wordings, undefined, 'en'), 'stored');
  });
});
