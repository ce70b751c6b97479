// The words of a generated circular that are not its template's: the letterhead's labels, the names of the facts a
// circular may lack, the deadlines' names. English and French (French typed as the English).
import type { Locale } from '../../platform/i18n/locale.ts';

const en = {
  sender: ['International Telecommunication Union', 'Telecommunication Standardization Bureau'],
  placeAndDate: (date: string) => `Geneva, ${date}`,
  reference: (number: string) => `TSB Circular ${number}`,
  labels: { reference: 'Ref', contact: 'Contact', telephone: 'Tel', fax: 'Fax', email: 'E-mail', to: 'To', copy: 'Copy', subject: 'Subject' },
  missingMark: (what: string) => `[missing: ${what}]`,
  leadership: (coChairs: string | null, chairs: string, viceChairs: string | null, viceCount: number) =>
    `${coChairs ? `co-chaired by ${coChairs}` : `chaired by ${chairs}`}${viceChairs ? `, with ${viceChairs}, as vice-chair${viceCount > 1 ? 's' : ''}` : ''}`,
  deadline: { contribution: 'Submission of contributions', registration: 'Pre-registration' } as Record<'contribution' | 'registration', string>,
  foundedOrder: 'The last day of the parent group’s meeting is before its first day.',
  scope: 'Scope',
  objectives: 'Objectives',
  facts: {
    name: 'the name of the activity',
    parent: 'the parent group (activity settings)',
    parentName: 'the parent group’s name',
    founding: 'the dates of the parent group’s meeting that created the activity (circular facts)',
    legalBasis: 'the Recommendation and Resolution it works under (circular facts)',
    tor: 'the scope in the terms of reference',
    scopeFrench: 'the scope in the terms of reference, in French',
    objectivesFrench: 'the objectives in the terms of reference, in French',
    participationFrench: 'who may participate, in French (terms of reference)',
    participation: 'who may participate (terms of reference)',
    leadership: 'the chair or co-chairs',
    email: 'the secretariat’s e-mail address',
    meeting: 'the meeting it convenes',
    city: 'the meeting’s city',
    cityFrench: 'the meeting’s city in French',
    colocated: 'the co-located meeting in English',
    colocatedFrench: 'the co-located meeting in French',
    language: (name: string) => `the meeting’s language (“${name}” is not one of ITU’s six languages)`,
    contributionDeadline: 'the deadline for contributions',
    deadlines: 'the meeting’s deadlines',
    deadlineFrench: (label: string) => `“${label}” in French`,
    country: (name: string) => `the country “${name}”`,
    agenda: 'the draft agenda',
    agendaItemFrench: (number: string) => `the title of agenda item ${number} in French`,
    signatory: 'who signs (circular facts)',
    number: 'the circular’s number (TSB numbers its circulars: enter it)',
    telephone: 'the contact’s telephone (circular facts)',
  },
};

export type GeneratorMessages = typeof en;

const fr: GeneratorMessages = {
  sender: ['Union internationale des télécommunications', 'Bureau de la normalisation des télécommunications'],
  placeAndDate: (date) => `Genève, le ${date}`,
  reference: (number) => `Circulaire TSB ${number}`,
  labels: { reference: 'Réf.', contact: 'Contact', telephone: 'Tél.', fax: 'Télécopie', email: 'Courriel', to: 'Aux', copy: 'Copie', subject: 'Objet' },
  missingMark: (what) => `[à compléter : ${what}]`,
  leadership: (coChairs, chairs, viceChairs, viceCount) =>
    `${coChairs ? `coprésidée par ${coChairs}` : `présidée par ${chairs}`}${viceChairs ? `, avec ${viceChairs} comme vice-président${viceCount > 1 ? 's' : ''}` : ''}`,
  deadline: { contribution: 'Soumission des contributions', registration: 'Préinscription' },
  foundedOrder: 'Le dernier jour de la réunion du groupe parent précède son premier jour.',
  scope: 'Domaine',
  objectives: 'Objectifs',
  facts: {
    name: 'le nom de l’activité en français',
    parent: 'le groupe parent (paramètres de l’activité)',
    parentName: 'le nom du groupe parent en français',
    founding: 'les dates de la réunion du groupe parent qui a créé l’activité (faits des circulaires)',
    legalBasis: 'la Recommandation et la Résolution qui l’encadrent, en français (faits des circulaires)',
    tor: 'le domaine du mandat',
    scopeFrench: 'le domaine du mandat en français',
    objectivesFrench: 'les objectifs du mandat en français',
    participationFrench: 'qui peut participer, en français (mandat)',
    participation: 'qui peut participer (mandat)',
    leadership: 'le président ou les coprésidents',
    email: 'l’adresse électronique du secrétariat',
    meeting: 'la réunion convoquée',
    city: 'la ville de la réunion',
    cityFrench: 'la ville de la réunion en français',
    colocated: 'la réunion voisine en anglais',
    colocatedFrench: 'la réunion voisine en français',
    language: (name) => `la langue de la réunion (« ${name} » n’est pas l’une des six langues de l’UIT)`,
    contributionDeadline: 'la date limite des contributions',
    deadlines: 'les dates limites de la réunion',
    deadlineFrench: (label) => `« ${label} » en français`,
    country: (name) => `le pays « ${name} » en français`,
    agenda: 'le projet d’ordre du jour',
    agendaItemFrench: (number) => `le titre du point ${number} de l’ordre du jour en français`,
    signatory: 'le signataire (faits des circulaires)',
    number: 'le numéro de la circulaire (le TSB numérote ses circulaires : saisissez-le)',
    telephone: 'le téléphone du contact (faits des circulaires)',
  },
};

export function generatorMessages(locale: Locale): GeneratorMessages {
  return locale === 'fr' ? fr : en;
}
