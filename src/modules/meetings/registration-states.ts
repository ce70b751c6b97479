// The one table of a registration's life: which statuses each change of a registration may start from, and where it
// leads. The refusals (registration-changes.ts) and the forms a page offers (views.tsx) read it alike.
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { meetingMessages } from './messages.ts';
import type { RegistrationStatus } from './schema.ts';

type Step = { from: readonly RegistrationStatus[]; to: RegistrationStatus | 'depends_on_places' };

export const registrationSteps = {
  /** onsite when the places are taken: the waiting list; otherwise registered */
  change_mode: { from: ['registered', 'waiting'], to: 'depends_on_places' },
  cancel: { from: ['registered', 'waiting'], to: 'cancelled' },
  /** a freed onsite place, first come first served */
  promote: { from: ['waiting'], to: 'registered' },
} as const satisfies Record<string, Step>;

export type RegistrationChange = keyof typeof registrationSteps;

/** Whether the registration's status allows the change. */
export function registrationAllows(action: RegistrationChange, registration: { status: RegistrationStatus }): boolean {
  const from: readonly RegistrationStatus[] = registrationSteps[action].from;
  return from.includes(registration.status);
}

/** Refuses a change the registration's status does not allow (409). Only a cancelled one is ever refused: its message says so. */
export function requireRegistrationState(action: RegistrationChange, registration: { status: RegistrationStatus }, locale: Locale): void {
  if (registrationAllows(action, registration)) return;
  throw new AppError('conflict', meetingMessages(locale).registrationAlreadyCancelled);
}
