import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { allowedInState, appliesTo, liaisonSteps, liaisonTransitions, requireState, stateOf } from './liaison-states.ts';
import { allowedActions } from './policy.ts';
import { outgoingStates, type OutgoingState } from './schema.ts';

const activity = { id: 1, visibility: 'public' as const };
const outgoing = (state: OutgoingState) => ({ direction: 'out' as const, state, access: 'public' as const, createdByUserId: 99, assigneePersonId: null });
const incoming = { direction: 'in' as const, state: null, access: 'public' as const, createdByUserId: 99, assigneePersonId: null };
const concord: Actor = systemActor();

describe('liaison transition table', () => {
  it('gives, for each state, the changes a statement in it allows (what Concord itself, allowed everything, sees as its actions)', () => {
    const expected: Record<OutgoingState, string[]> = {
      draft: ['edit', 'submit', 'withdraw'],
      submitted: ['approve', 'return', 'withdraw'],
      approved: ['return', 'send', 'withdraw'],
      sent: ['close'],
      closed: [],
      withdrawn: [],
    };
    for (const state of outgoingStates) assert.deepEqual(allowedActions(concord, activity, outgoing(state)), expected[state], state);
    assert.deepEqual(allowedActions(concord, activity, incoming), ['edit', 'assign', 'set_action_status']);
  });

  it('leads each state change to the state the statement then has', () => {
    assert.deepEqual(
      liaisonTransitions.map((action) => [action, liaisonSteps[action].to]),
      [
        ['edit', 'unchanged'],
        ['submit', 'submitted'],
        ['approve', 'approved'],
        ['return', 'draft'],
        ['send', 'sent'],
        ['close', 'closed'],
        ['withdraw', 'withdrawn'],
        ['assign', 'unchanged'],
        ['set_action_status', 'unchanged'],
      ],
    );
  });

  it('says which changes a direction can ever have', () => {
    assert.deepEqual(liaisonTransitions.filter((a) => appliesTo(a, 'in')), ['edit', 'assign', 'set_action_status']);
    assert.deepEqual(liaisonTransitions.filter((a) => appliesTo(a, 'out')), ['edit', 'submit', 'approve', 'return', 'send', 'close', 'withdraw']);
    assert.equal(stateOf(incoming), 'incoming');
    assert.equal(allowedInState('send', outgoing('approved')), true);
    assert.equal(allowedInState('send', outgoing('sent')), false);
  });

  it('refuses a change in the wrong state with a conflict naming the state and the change, in English and French', () => {
    const refusal = (locale: 'en' | 'fr') => {
      try {
        requireState('send', outgoing('closed'), locale);
      } catch (error) {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'conflict');
        return error.message;
      }
      assert.fail('a closed statement was sent');
    };
    assert.equal(refusal('en'), 'This statement is closed: it cannot be sent now.');
    assert.equal(refusal('fr'), 'Cette déclaration est à l’état « Close » : elle ne peut pas être envoyée maintenant.');
    assert.throws(() => requireState('submit', incoming, 'en'), { message: 'This statement is incoming: it cannot be submitted now.' });
    assert.doesNotThrow(() => requireState('edit', incoming, 'en'));
  });
});
