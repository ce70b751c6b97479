// Demo liaison statements: for each reference activity, an incoming statement for action with a deadline (assigned
// to the demo member) and an outgoing reply in draft. Invented examples, marked as such in their titles.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import type { UserActor } from '../platform/actor.ts';
import { users } from '../platform/schema.ts';
import { loadActivityRoles } from '../modules/activities/memberships.ts';
import { activities } from '../modules/activities/schema.ts';
import { createLiaison } from '../modules/liaisons/liaison-changes.ts';
import { organizations } from '../modules/organizations/schema.ts';

async function actorFor(db: Db, email: string): Promise<UserActor> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`demo account ${email} is missing`);
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin, locale: user.locale, ...(await loadActivityRoles(db, user.id)) };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const examples = [
  {
    activity: 'JCA-QKDN',
    from: 'Q15/17',
    incoming: {
      title: 'LS on draft Recommendation X.sec-QKDN — request for input on key management security requirements (example)',
      purpose: 'for_action' as const,
      deadline: 45,
      theirReference: 'SG17-LS-EX1',
      contact: { name: 'Rapporteur Q15/17 (example)', email: 'q15-rapporteur@example.org' },
      body: 'ITU-T Q15/17 is progressing draft Recommendation X.sec-QKDN on security requirements for key management in QKD networks.\n\nQ15/17 kindly asks JCA-QKDN to identify overlapping work items in its roadmap and to send any input on the key management interfaces by the deadline.\n\n(This statement is an invented example loaded with the demo.)',
    },
    reply: {
      title: 'Reply to SG17-LS-EX1: QKDN roadmap items related to key management security (example)',
      body: 'JCA-QKDN thanks Q15/17 for its liaison statement.\n\nThe QKDN roadmap lists the following related work: ITU-T Y.3800 series (SG13), ETSI GS QKD 014 and ISO/IEC 23837. JCA-QKDN invites Q15/17 to coordinate with Q16/13 on the key management layer.\n\n(Draft — an invented example loaded with the demo.)',
    },
  },
  {
    activity: 'JCA-MV',
    from: 'MSF',
    incoming: {
      title: 'LS on metaverse interoperability terminology — request for comments (example)',
      purpose: 'for_comment' as const,
      deadline: 30,
      theirReference: 'MSF-LS-EX1',
      contact: { name: 'MSF liaison officer (example)', email: 'msf-liaison@example.org' },
      body: 'The Metaverse Standards Forum has compiled a glossary of interoperability terms and asks JCA-MV for comments on its alignment with ITU-T terminology.\n\n(This statement is an invented example loaded with the demo.)',
    },
    reply: {
      title: 'Reply to MSF-LS-EX1: comments on interoperability terminology (example)',
      body: 'JCA-MV thanks the Metaverse Standards Forum. The terms defined by ITU-T SG16 and SG21 are listed in the JCA-MV roadmap; JCA-MV suggests using them as a common reference.\n\n(Draft — an invented example loaded with the demo.)',
    },
  },
];

/** Loads the example statements through createLiaison, as the secretariat (incoming) and the member (draft reply). */
export async function loadDemoLiaisons(db: Db): Promise<void> {
  const secretariat = await actorFor(db, 'secretariat@example.org');
  const member = await actorFor(db, 'member@example.org');
  const ctx = { locale: 'en' as const, baseUrl: 'http://localhost' };
  for (const example of examples) {
    const [activity] = await db.select().from(activities).where(sql`lower(${activities.acronym}) = lower(${example.activity})`);
    const [from] = await db.select().from(organizations).where(eq(organizations.acronym, example.from));
    if (!activity || !from) throw new Error(`demo liaisons: ${example.activity} or ${example.from} is missing`);
    const received = await createLiaison(
      db,
      secretariat,
      activity,
      {
        direction: 'in',
        title: example.incoming.title,
        purpose: example.incoming.purpose,
        deadline: inDays(example.incoming.deadline),
        receivedOn: inDays(-3),
        theirReference: example.incoming.theirReference,
        fromOrganizationIds: [from.id],
        fromContactName: example.incoming.contact.name,
        fromContactEmail: example.incoming.contact.email,
        body: example.incoming.body,
        assigneePersonId: member.personId,
        access: 'public',
      },
      ctx,
    );
    await createLiaison(
      db,
      member,
      activity,
      {
        direction: 'out',
        title: example.reply.title,
        purpose: 'for_information',
        toOrganizationIds: [from.id],
        recipients: [example.incoming.contact],
        inReplyToIds: [received.id],
        body: example.reply.body,
        access: 'public',
      },
      ctx,
    );
  }
}
