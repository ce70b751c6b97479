// The meetings module's public surface: what other modules may use. Anything not here is the module's own.
export { flattenAgenda, workingAgenda } from './agenda.ts';
export { applyDeadline, type Deadline, deadlineFor, findMeeting, type Meeting } from './deadlines.ts';
export { MeetingFrame } from './meeting-frame.tsx';
export { type MeetingsOverview, type MeetingWork, meetingsOverviewOf, meetingWorkOf } from './meeting-work.ts';
export { type ActionFact, actionLines, meetingHeldLine, reportContacts, writeDecisions, writeLiaisons, type LiaisonFact } from './meeting-report.ts';
export { actionsOpenAt, type HeldMeeting, meetingBounds, meetingsHeldBetween } from './period-records.ts';
export { canProceedings } from './policy.ts';
