// Every kind of background job and the function that runs it. Modules add their handlers here (one line each).
import type { JobHandlers } from './platform/jobs.ts';

export const jobHandlers: JobHandlers = {};
