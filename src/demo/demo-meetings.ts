// The demo's meetings: the first meetings of JCA-QKDN and JCA-MV as announced by their TSB circulars
// (../shared/data/seed-activities.md), and an upcoming JCA-MV meeting with registration open (invented for the demo:
// its link is on example.org). Loaded through the meetings module's domain functions, like the rest of the demo.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import type { Actor } from '../platform/actor.ts';
import { activities } from '../modules/activities/schema.ts';
import { announceMeeting, createMeeting, type MeetingInput, markMeetingHeld } from '../modules/meetings/meetings.ts';

type DemoMeeting = { acronym: string; input: MeetingInput; status: 'held' | 'announced' };

export const demoMeetings: DemoMeeting[] = [
  {
    acronym: 'JCA-QKDN',
    status: 'held',
    input: {
      number: 1,
      title: 'First meeting of JCA-QKDN',
      mode: 'hybrid',
      venue: 'ITU headquarters',
      city: 'Geneva',
      cityFr: 'Genève',
      timeZone: 'Europe/Zurich',
      startDate: '2023-03-22',
      startTime: '13:00',
      endDate: '2023-03-22',
      endTime: '14:30',
      colocatedEvent: 'ITU-T SG13 meeting, 13–24 March 2023',
      colocatedEventFr: 'réunion de la Commission d’études 13 de l’UIT-T, 13–24 mars 2023',
      language: 'English',
      contributionDate: '2023-03-13',
      registrationDate: '2023-03-20',
    },
  },
  {
    acronym: 'JCA-MV',
    status: 'held',
    input: {
      number: 1,
      title: 'First meeting of JCA-MV',
      mode: 'hybrid',
      venue: 'ITU headquarters',
      city: 'Geneva',
      cityFr: 'Genève',
      timeZone: 'Europe/Zurich',
      startDate: '2025-10-09',
      startTime: '11:15',
      endDate: '2025-10-09',
      endTime: '13:15',
      colocatedEvent: 'ITU-T SG21 meeting, 6–17 October 2025',
      colocatedEventFr: 'réunion de la Commission d’études 21 de l’UIT-T, 6–17 octobre 2025',
      language: 'English',
      contributionDate: '2025-09-30',
      registrationDate: '2025-10-07',
    },
  },
  {
    acronym: 'JCA-MV',
    status: 'announced',
    input: {
      number: 2,
      title: 'Second meeting of JCA-MV',
      mode: 'hybrid',
      venue: 'ITU headquarters',
      city: 'Geneva',
      cityFr: 'Genève',
      timeZone: 'Europe/Zurich',
      startDate: '2027-02-10',
      startTime: '14:00',
      endDate: '2027-02-10',
      endTime: '16:00',
      language: 'English',
      remoteUrl: 'https://meet.example.org/jca-mv-2',
      onsiteCapacity: 40,
      contributionDate: '2027-02-01',
      registrationDate: '2027-02-08',
    },
  },
];

/** Creates the demo meetings of the activities that exist; held ones are announced then marked held, as in real life. */
export async function loadDemoMeetings(db: Db, actor: Actor): Promise<number> {
  let created = 0;
  for (const demo of demoMeetings) {
    const [activity] = await db.select().from(activities).where(eq(sql`lower(${activities.acronym})`, demo.acronym.toLowerCase()));
    if (!activity) continue;
    // No mail goes out while loading (nobody is registered yet), so links need no base address.
    const ctx = { locale: 'en' as const, baseUrl: '' };
    const meeting = await createMeeting(db, actor, activity.id, demo.input, ctx);
    await announceMeeting(db, actor, meeting.id, ctx);
    if (demo.status === 'held') await markMeetingHeld(db, actor, meeting.id, ctx);
    created++;
  }
  return created;
}
