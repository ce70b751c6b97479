// An activity's circular profile: the facts its circulars state that no other record holds. Read with ITU-T's usual
// addressees and copies where the secretariat has not written its own, changed with an event (the history shows it).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import { optionalDate, optionalEmail, optionalText } from '../../platform/validation.ts';
import type { Activity } from '../activities/index.ts';
import { generatorMessages } from './generator-messages.ts';
import { canCirculars } from './policy.ts';
import { circularProfiles } from './schema.ts';

export type CircularProfile = typeof circularProfiles.$inferSelect;

/** What a TSB circular is addressed to and copied to when the activity has said nothing else. */
export const usualAddressees = {
  en: ['Administrations of ITU Member States', 'ITU-T Sector Members', 'ITU-T Associates', 'ITU Academia'],
  fr: ['Administrations des États Membres de l’UIT', 'Membres du Secteur UIT-T', 'Associés de l’UIT-T', 'Établissements universitaires participant aux travaux de l’UIT'],
};
export const usualCopies = {
  en: ['The Chairs and Vice-Chairs of ITU-T Study Groups', 'The Director of the Telecommunication Development Bureau', 'The Director of the Radiocommunication Bureau', 'The Directors of the ITU Regional Offices'],
  fr: ['Présidents et vice-présidents des commissions d’études de l’UIT-T', 'Directeur du Bureau de développement des télécommunications', 'Directeur du Bureau des radiocommunications', 'Directeurs des bureaux régionaux de l’UIT'],
};

const line = optionalText(300);
const list = optionalText(4_000);
export const profileInput = z.object({
    foundedFrom: optionalDate(),
    foundedTo: optionalDate(),
    recommendationEn: line,
    recommendationFr: line,
    resolutionEn: line,
    resolutionFr: line,
    signatoryName: line,
    signatoryTitleEn: line,
    signatoryTitleFr: line,
    contactName: line,
    telephone: optionalText(60),
    fax: optionalText(60),
    email: optionalEmail(),
    addresseesEn: list,
    addresseesFr: list,
    copiesEn: list,
    copiesFr: list,
  });
export type ProfileInput = z.output<typeof profileInput>;

const empty = (activityId: number): CircularProfile => ({
  activityId,
  foundedFrom: null,
  foundedTo: null,
  recommendationEn: null,
  recommendationFr: null,
  resolutionEn: null,
  resolutionFr: null,
  signatoryName: null,
  signatoryTitleEn: null,
  signatoryTitleFr: null,
  contactName: null,
  telephone: null,
  fax: null,
  email: null,
  addresseesEn: null,
  addresseesFr: null,
  copiesEn: null,
  copiesFr: null,
  updatedAt: new Date(0),
});

export async function getCircularProfile(tx: Tx, activityId: number): Promise<CircularProfile> {
  const [row] = await tx.select().from(circularProfiles).where(eq(circularProfiles.activityId, activityId));
  return row ?? empty(activityId);
}

/** The lines of a list field, or the usual ones when it is empty. */
export const linesOr = (text: string | null, usual: string[]) => {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length ? lines : usual;
};

export async function updateCircularProfile(db: Db, actor: Actor, activity: Activity, input: ProfileInput, locale: Locale = 'en'): Promise<CircularProfile> {
  if (!canCirculars(actor, 'draft', activity)) throw forbidden();
  if (input.foundedFrom && input.foundedTo && input.foundedTo < input.foundedFrom) throw invalid({ foundedTo: generatorMessages(locale).foundedOrder });
  return db.transaction(async (tx) => {
    const before = await getCircularProfile(tx, activity.id);
    const changed = changedFields(before as Record<string, unknown>, input as Record<string, unknown>);
    if (!changed) return before;
    const [row] = await tx
      .insert(circularProfiles)
      .values({ ...input, activityId: activity.id, updatedAt: new Date() })
      .onConflictDoUpdate({ target: circularProfiles.activityId, set: { ...input, updatedAt: new Date() } })
      .returning();
    await recordEvent(tx, actor, {
      kind: 'circular_profile.updated',
      subjectType: 'circular_profile',
      subjectId: activity.id,
      activityId: activity.id,
      summary: `Circular facts of ${activity.acronym} updated`,
      before: changed.before,
      after: changed.after,
    });
    return row!;
  });
}
