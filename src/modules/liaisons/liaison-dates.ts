// The dates of a statement that must come in order: received before answered, a reply expected after today, objections
// heard before the reply is due and not before the approval that opens them. Pure rules: liaison-changes.ts reads the
// statement and today's date, these answer which field is wrong and why, naming both dates.
import type { FieldErrors } from '../../platform/errors.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { liaisonMessages } from './messages.ts';
import type { LiaisonDirection } from './schema.ts';

/** Dates as YYYY-MM-DD compare as text. */
type Day = string;

/**
 * The dates a statement's form holds. Incoming: it cannot have arrived after today, and its deadline cannot fall before
 * it arrived. Outgoing, while it is prepared (a draft): the reply it asks for cannot be due before today.
 */
export function statementDateErrors(
  facts: { direction: LiaisonDirection; receivedOn: Day | null | undefined; deadline: Day | null | undefined; preparing: boolean },
  today: Day,
  locale: Locale,
): FieldErrors {
  const m = liaisonMessages(locale);
  const day = (d: Day) => formatDate(d, locale);
  const errors: FieldErrors = {};
  if (facts.direction === 'in') {
    if (facts.receivedOn && facts.receivedOn > today) errors.receivedOn = m.receivedInFuture(day(facts.receivedOn), day(today));
    else if (facts.receivedOn && facts.deadline && facts.deadline < facts.receivedOn) errors.deadline = m.deadlineBeforeReceived(day(facts.deadline), day(facts.receivedOn));
  } else if (facts.preparing && facts.deadline && facts.deadline < today) {
    errors.deadline = m.replyDeadlinePassed(day(facts.deadline), day(today));
  }
  return errors;
}

/**
 * An approval by correspondence opens a period for objections: it ends today at the earliest (before the approval it
 * would be over before it began), and before the day a reply is asked for (the statement is sent only after it).
 */
export function objectionDeadlineErrors(facts: { objectionDeadline: Day; replyDeadline: Day | null }, today: Day, locale: Locale): FieldErrors {
  const m = liaisonMessages(locale);
  const day = (d: Day) => formatDate(d, locale);
  if (facts.objectionDeadline < today) return { objectionDeadline: m.objectionDeadlinePassed(day(facts.objectionDeadline), day(today)) };
  if (facts.replyDeadline && facts.objectionDeadline >= facts.replyDeadline) {
    return { objectionDeadline: m.objectionDeadlineAfterReply(day(facts.objectionDeadline), day(facts.replyDeadline)) };
  }
  return {};
}
