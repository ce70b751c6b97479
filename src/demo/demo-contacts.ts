// Demo contacts and list archives for JCA-QKDN and JCA-MV, loaded through the domain functions. The chairs come from
// the activities' roles (demo-data.ts); the TSB contacts are the real ones from the TSB circulars; every study group
// and cooperating body gets a representative who is an INVENTED person, marked as an example (people.is_example),
// with an address at example.org. The first-meeting announcement of each activity is in its archive, recorded as sent
// before Concord (nobody is mailed by the demo).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { type Actor, systemActor } from '../platform/actor.ts';
import { role as roles } from '../platform/roles.ts';
import { activities, activityMemberships, activityOrganizations } from '../modules/activities/schema.ts';
import { createContact } from '../modules/contacts/contacts.ts';
import { sendAnnouncement } from '../modules/mailing-lists/announcements.ts';
import { organizations } from '../modules/organizations/schema.ts';
import { createPerson } from '../modules/people/people.ts';
import { people } from '../modules/people/schema.ts';

/** Invented names, one per represented body, reused by both activities (one person represents SG17 in both). */
const exampleNames = [
  'Amira Example', 'Bruno Sample', 'Chen Placeholder', 'Dolores Demo', 'Emeka Fictive', 'Freya Instance', 'Goran Mockup',
  'Hana Specimen', 'Ivo Prototype', 'Jia Testcase', 'Kofi Exemplar', 'Lena Dummy', 'Mateo Pattern', 'Nadia Template',
  'Oskar Draft', 'Priti Model', 'Quentin Sketch', 'Rosa Outline', 'Sami Stand-in', 'Tomas Proxy',
];

type DemoActivity = { acronym: string; tsbContact?: { name: string; email: string; phone: string; existingEmail?: string }; sentOn: string; subject: string; text: string };

const activitiesToLoad: DemoActivity[] = [
  {
    acronym: 'JCA-QKDN',
    tsbContact: { name: 'Gillian Makamara', email: 'quantum@itu.int', phone: '+41 22 730 6206', existingEmail: 'quantum@itu.int' },
    sentOn: '2023-01-18T10:00:00Z',
    subject: 'First meeting of JCA-QKDN, Geneva, 22 March 2023',
    text: `Dear colleagues,

The first meeting of the Joint Coordination Activity on Quantum Key Distribution Networks (JCA-QKDN) will take place in Geneva on 22 March 2023, 13:00–14:30 Geneva time, alongside the ITU-T SG13 meeting (13–24 March 2023).

- Registration is mandatory through the online form, also for remote participation
- Contributions by e-mail to quantum@itu.int on the template, by 13 March 2023
- Pre-registration by 20 March 2023

The meeting is held in English only. Details: http://itu.int/en/ITU-T/jca/qkdn

TSB (TSB Circular 68)`,
  },
  {
    acronym: 'JCA-MV',
    tsbContact: { name: 'JCA-MV secretariat (TSB)', email: 'tsbjcamv@itu.int', phone: '+41 22 730 6301' },
    sentOn: '2025-07-03T10:00:00Z',
    subject: 'First meeting of JCA-MV, Geneva, 9 October 2025',
    text: `Dear colleagues,

The first meeting of the Joint Coordination Activity on Metaverse Standardization (JCA-MV) will take place in Geneva on 9 October 2025, 11:15–13:15 CEST, alongside the ITU-T SG21 meeting (6–17 October 2025).

- Registration is mandatory through the online form, also for remote participation
- Contributions by e-mail to tsbjcamv@itu.int on the template, by 30 September 2025
- Pre-registration by 7 October 2025

Meeting documents: https://www.itu.int/ifa/t/sftp/jcamv/

TSB (TSB Circular 60)`,
  },
];

/** Loads the contacts and the archived announcement of each demo activity; `actor` is the demo's system actor. */
export async function loadDemoContacts(db: Db, actor: Actor): Promise<void> {
  const representatives = new Map<number, number>(); // organization id → example person id
  let nextName = 0;
  for (const demo of activitiesToLoad) {
    const [activity] = await db.select().from(activities).where(sql`lower(${activities.acronym}) = ${demo.acronym.toLowerCase()}`);
    if (!activity) continue;
    const since = activity.establishedOn ?? null;

    if (demo.tsbContact) {
      const contact = demo.tsbContact;
      const [existing] = await db.select().from(people).where(sql`lower(${people.email}) = ${contact.email}`);
      const personId =
        existing?.id ??
        (await createPerson(db, actor, { name: contact.name, email: contact.email, phone: contact.phone, affiliation: 'ITU/TSB', country: 'Switzerland' }, 'en')).id;
      await createContact(db, actor, activity.id, { role: 'tsb_contact', personId, topic: 'Secretariat of the activity', since }, 'en');
    }

    const bodies = await db
      .select({ id: organizations.id, acronym: organizations.acronym, kind: organizations.kind, relation: activityOrganizations.relation })
      .from(activityOrganizations)
      .innerJoin(organizations, eq(organizations.id, activityOrganizations.organizationId))
      .where(eq(activityOrganizations.activityId, activity.id))
      .orderBy(organizations.acronym);
    for (const body of bodies) {
      let personId = representatives.get(body.id);
      if (personId === undefined) {
        const name = exampleNames[nextName++ % exampleNames.length]!;
        const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${body.acronym.toLowerCase().replace(/[^a-z0-9]+/g, '')}@example.org`;
        const person = await createPerson(
          db,
          actor,
          { name, email, affiliation: `Example delegate to ${body.acronym}`, organizationId: body.id, isExample: true, notes: 'Invented for the demo.' },
          'en',
        );
        personId = person.id;
        representatives.set(body.id, personId);
      }
      const role = body.relation === 'related_study_group' ? 'study_group_representative' : 'external_body_representative';
      await createContact(db, actor, activity.id, { role, personId, organizationId: body.id, since }, 'en');
    }

    // A liaison representative to the first cooperating body, so the page shows that group too.
    const firstBody = bodies.find((b) => b.relation === 'cooperating_body');
    const [member] = await db
      .select({ personId: activityMemberships.personId })
      .from(activityMemberships)
      .where(and(eq(activityMemberships.activityId, activity.id), eq(activityMemberships.role, roles.member)));
    if (firstBody && member) {
      await createContact(db, actor, activity.id, { role: 'liaison_representative_to', personId: member.personId, organizationId: firstBody.id, since }, 'en');
    }

    await sendAnnouncement(db, systemActor('TSB secretariat'), activity.id, { subject: demo.subject, text: demo.text, html: true }, [], {
      dataDir: '',
      archiveOnly: { sentAt: new Date(demo.sentOn) },
    });
  }
}
