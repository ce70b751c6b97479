// What the registration forms and API accept (zod): registering, changing the mode, marking attendance.
import { z } from 'zod';
import { email, optionalText, requiredText, rowId } from '../../platform/validation.ts';
import { registrationCapacities, registrationModes } from './schema.ts';

export const registrationInput = z.object({
  name: requiredText(200),
  email: email(),
  affiliation: optionalText(200),
  organizationRepresented: optionalText(200),
  capacity: z.enum(registrationCapacities),
  country: optionalText(100),
  mode: z.enum(registrationModes),
});
export type RegistrationInput = z.output<typeof registrationInput>;
export const modeInput = z.object({ mode: z.enum(registrationModes) });
export const attendanceInput = z.object({
  attended: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(rowId())),
});
