// A meeting's form values for the proceedings tests (agenda, outcomes, reports): a first JCA meeting in Geneva.
import type { MeetingInput } from './meetings.ts';

export const meetingFields = (overrides: Partial<MeetingInput> = {}): MeetingInput => ({
  title: 'First meeting',
  mode: 'hybrid',
  venue: 'ITU headquarters',
  city: 'Geneva',
  timeZone: 'Europe/Zurich',
  startDate: '2025-10-09',
  startTime: '11:15',
  endDate: '2025-10-09',
  endTime: '13:15',
  ...overrides,
});
