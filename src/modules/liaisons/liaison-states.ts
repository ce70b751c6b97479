// The one table of a liaison statement's life: for each change, the states it may start from, the state it leads to,
// and who may make it. The checks that refuse a change (liaison-changes.ts), the buttons a page shows and the
// `allowedActions` an API answer carries (policy.ts, allowedActions) all read this table, so they cannot disagree.
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { liaisonMessages } from './messages.ts';
import type { LiaisonDirection, OutgoingState } from './schema.ts';

/** Where a statement stands for the table: an incoming one is "incoming" whatever its action status, which asks nothing of the table. */
export type StatementState = 'incoming' | OutgoingState;

/**
 * Who may make a change; policy.ts says who each group is. The drafter counts only while they still take part as a
 * member, chair or secretariat; the assignee only while they take part at all.
 */
export type LiaisonDeciders = 'leadership' | 'leadership_or_drafter' | 'secretariat' | 'leadership_or_assignee';

type Step = { from: readonly StatementState[]; to: StatementState | 'unchanged'; by: LiaisonDeciders };

/** Every change to an existing statement: what it starts from, where it leads, and who may make it. */
export const liaisonSteps = {
  /** an incoming statement at any time; an outgoing one while a draft */
  edit: { from: ['incoming', 'draft'], to: 'unchanged', by: 'leadership_or_drafter' },
  submit: { from: ['draft'], to: 'submitted', by: 'leadership_or_drafter' },
  approve: { from: ['submitted'], to: 'approved', by: 'leadership' },
  /** back to its drafter, even once approved: the approval is cleared */
  return: { from: ['submitted', 'approved'], to: 'draft', by: 'leadership' },
  send: { from: ['approved'], to: 'sent', by: 'secretariat' },
  close: { from: ['sent'], to: 'closed', by: 'leadership' },
  withdraw: { from: ['draft', 'submitted', 'approved'], to: 'withdrawn', by: 'leadership_or_drafter' },
  assign: { from: ['incoming'], to: 'unchanged', by: 'leadership' },
  set_action_status: { from: ['incoming'], to: 'unchanged', by: 'leadership_or_assignee' },
} as const satisfies Record<string, Step>;

export type LiaisonTransition = keyof typeof liaisonSteps;
/** In the order a page shows their buttons and an API answer lists them. */
export const liaisonTransitions = Object.keys(liaisonSteps) as LiaisonTransition[];

type StatementFacts = { direction: LiaisonDirection; state: OutgoingState | null };

export const stateOf = (s: StatementFacts): StatementState => (s.direction === 'in' ? 'incoming' : (s.state ?? 'draft'));

/** Whether the change is one a statement of this direction can ever have (an outgoing one has no assignee, an incoming one is never sent). */
export function appliesTo(action: LiaisonTransition, direction: LiaisonDirection): boolean {
  const from: readonly StatementState[] = liaisonSteps[action].from;
  return direction === 'in' ? from.includes('incoming') : from.some((state) => state !== 'incoming');
}

/** Whether the statement's state allows the change now (who may make it is policy.ts's question). */
export function allowedInState(action: LiaisonTransition, s: StatementFacts): boolean {
  const from: readonly StatementState[] = liaisonSteps[action].from;
  return from.includes(stateOf(s));
}

/** Refuses a change the statement's state does not allow, with a message naming the state and the change (409). */
export function requireState(action: LiaisonTransition, s: StatementFacts, locale: Locale): void {
  if (allowedInState(action, s)) return;
  const m = liaisonMessages(locale);
  const state = s.direction === 'in' ? m.directions.in : m.states[s.state ?? 'draft'];
  // Typed here, not in messages.ts (which would import this file back): a change without its word does not compile.
  const words: Record<LiaisonTransition, string> = m.actionWords;
  throw new AppError('conflict', m.wrongState(state, words[action]));
}
