// Every kind of background job and the function that runs it. Modules add their handlers here (one line each).
import type { JobHandlers } from './platform/jobs.ts';
import { requestContactConfirmation } from './modules/contacts/contacts.ts';

export const jobHandlers: JobHandlers = {
  'contacts.confirmation_request': requestContactConfirmation,
};
