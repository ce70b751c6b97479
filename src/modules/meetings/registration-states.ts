// The one table of a registration's life: which statuses each change of a registration may start from, and where it
// leads. The refusals (registration-changes.ts), the forms a page offers (views.tsx) and who sees the remote link read
// it alike.
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { meetingMessages } from './messages.ts';
import { registrationMessages } from './registration-messages.ts';
import type { RegistrationStatus } from './schema.ts';

type Step = { from: readonly RegistrationStatus[]; to: RegistrationStatus | 'depends_on_places' };

export const registrationSteps = {
  /** the registrant opens the mailed link (single use, before it expires): onsite when the places are taken, the waiting list */
  confirm: { from: ['pending'], to: 'depends_on_places' },
  /** the secretariat approves it (the meeting's choice, or for someone whose mail did not arrive) */
  approve: { from: ['pending'], to: 'depends_on_places' },
  /** a new confirmation link, the old one no longer valid */
  resend_confirmation: { from: ['pending'], to: 'pending' },
  /** onsite when the places are taken: the waiting list; otherwise registered */
  change_mode: { from: ['registered', 'waiting'], to: 'depends_on_places' },
  /** a pending one is cancelled by the secretariat (a registration nobody confirms) */
  cancel: { from: ['pending', 'registered', 'waiting'], to: 'cancelled' },
  /** a freed onsite place, first come first served */
  promote: { from: ['waiting'], to: 'registered' },
} as const satisfies Record<string, Step>;

export type RegistrationChange = keyof typeof registrationSteps;

/** Whether the registration's status allows the change. */
export function registrationAllows(action: RegistrationChange, registration: { status: RegistrationStatus }): boolean {
  const from: readonly RegistrationStatus[] = registrationSteps[action].from;
  return from.includes(registration.status);
}

/**
 * The one rule for the remote link, wherever it would appear (the meeting's page and API, its .ics, the registration
 * pages and every mail): a registration that is confirmed and has a place. Pending and waiting ones do not hold it.
 */
export function registrationHoldsRemoteLink(registration: { status: RegistrationStatus } | null | undefined): boolean {
  return registration?.status === 'registered';
}

/** Refuses a change the registration's status does not allow (409), saying why. */
export function requireRegistrationState(action: RegistrationChange, registration: { status: RegistrationStatus }, locale: Locale): void {
  if (registrationAllows(action, registration)) return;
  if (registration.status === 'cancelled') throw new AppError('conflict', meetingMessages(locale).registrationAlreadyCancelled);
  const r = registrationMessages(locale);
  throw new AppError('conflict', registration.status === 'pending' ? r.stillPending : r.alreadyConfirmed);
}
