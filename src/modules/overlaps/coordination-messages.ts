// The words of confirmed overlaps as coordination issues (agenda lists, liaison drafts), in English and French (French
// typed as the English, so a missing word fails to compile).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { ConfirmingDecision } from './coordination.ts';
import { overlapMessages } from './messages.ts';

type Side = { organization: string; identifier: string; title: string };
type DraftFacts = { activity: string; a: Side; b: Side; decision: ConfirmingDecision; reasons: string[]; note: string | null; bodies: string[] };

const list = (items: string[], and: string) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`);
const entryLine = (s: Side, colon = ':') => `- ${s.organization} ${s.identifier}${colon} ${s.title}`;

const en = {
  listLabel: 'Confirmed overlaps',
  none: 'No overlap has been confirmed for this meeting.',
  decision: (words: string) => `Decision: ${words}`,
  reviewPair: 'Review the pair',
  draftLiaison: 'Draft a liaison statement',
  draftLiaisonLabel: (a: string, b: string) => `Draft a liaison statement on ${a} and ${b}`,
  draftExists: (reference: string) => `Liaison statement drafted: ${reference}`,
  unplaced: (count: number) =>
    `${count === 1 ? 'One confirmed overlap belongs' : `${count} confirmed overlaps belong`} to this meeting, but its agenda has no item “Issues requiring coordination” to list ${count === 1 ? 'it' : 'them'} under: add one.`,
  /** One issue as a line of the agenda document. */
  line: (a: Side, b: Side, decision: string) => `${a.organization} ${a.identifier}, ${a.title}; ${b.organization} ${b.identifier}, ${b.title} — ${decision}`,
  drafted: (reference: string) => `Liaison statement ${reference} drafted from the overlap: check its text and addressees before submitting it.`,
  alreadyDrafted: (reference: string) => `A liaison statement was already drafted from this overlap: ${reference}.`,
  noBody: 'Both entries are from this activity’s own parent body: there is no other body to write to.',
  notConfirmed: 'This pair is not a confirmed overlap touching this activity’s roadmap (or one of its entries is not yours to read).',
  liaisonDrafted: (reference: string, a: string, b: string) => `Liaison statement ${reference} drafted from the overlap of ${a} and ${b}`,
  draftTitle: (f: DraftFacts, decision: string) => `Coordination on ${f.a.identifier} (${f.a.organization}) and ${f.b.identifier} (${f.b.organization}): ${decision}`,
  draftBody: (f: DraftFacts, decision: string) =>
    [
      `${f.activity} reviewed the standards on its roadmap and found that these two documents overlap:`,
      '',
      entryLine(f.a),
      entryLine(f.b),
      '',
      `Decision of the review: ${decision}. ${decisionSentenceEn[f.decision]}`,
      ...(f.reasons.length ? ['', 'Why they were compared:', ...f.reasons.map((r) => `- ${r}`)] : []),
      ...(f.note ? ['', `Note of the review: ${f.note}`] : []),
      '',
      `${f.activity} invites ${list(f.bodies, 'and')} to take this into account in their work, and would appreciate being informed of any coordination on this matter.`,
    ].join('\n'),
};

const decisionSentenceEn: Record<ConfirmingDecision, string> = {
  same_text: 'The two documents are one text published by both bodies; they need to stay aligned.',
  duplicated_work: 'The two bodies appear to be doing the same work.',
  overlapping: 'The scopes of the two documents overlap.',
};

const decisionSentenceFr: Record<ConfirmingDecision, string> = {
  same_text: 'Les deux documents sont un même texte publié par les deux organismes ; ils doivent rester alignés.',
  duplicated_work: 'Les deux organismes semblent mener les mêmes travaux.',
  overlapping: 'Les domaines d’application des deux documents se chevauchent.',
};

const fr: typeof en = {
  listLabel: 'Chevauchements confirmés',
  none: 'Aucun chevauchement n’a été confirmé pour cette réunion.',
  decision: (words: string) => `Décision : ${words}`,
  reviewPair: 'Examiner la paire',
  draftLiaison: 'Rédiger une déclaration de liaison',
  draftLiaisonLabel: (a: string, b: string) => `Rédiger une déclaration de liaison sur ${a} et ${b}`,
  draftExists: (reference: string) => `Déclaration de liaison en projet : ${reference}`,
  unplaced: (count: number) =>
    `${count === 1 ? 'Un chevauchement confirmé relève' : `${count} chevauchements confirmés relèvent`} de cette réunion, mais son ordre du jour n’a pas de point « Questions nécessitant une coordination » sous lequel ${count === 1 ? 'le' : 'les'} présenter : ajoutez-en un.`,
  line: (a: Side, b: Side, decision: string) => `${a.organization} ${a.identifier}, ${a.title} ; ${b.organization} ${b.identifier}, ${b.title} — ${decision}`,
  drafted: (reference: string) => `Déclaration de liaison ${reference} rédigée à partir du chevauchement : vérifiez son texte et ses destinataires avant de la soumettre.`,
  alreadyDrafted: (reference: string) => `Une déclaration de liaison a déjà été rédigée à partir de ce chevauchement : ${reference}.`,
  noBody: 'Les deux entrées relèvent de l’organisme de tutelle de cette activité : il n’y a pas d’autre organisme à qui écrire.',
  notConfirmed: 'Cette paire n’est pas un chevauchement confirmé touchant la feuille de route de cette activité (ou l’une de ses entrées ne vous est pas accessible).',
  liaisonDrafted: (reference: string, a: string, b: string) => `Déclaration de liaison ${reference} rédigée à partir du chevauchement entre ${a} et ${b}`,
  draftTitle: (f: DraftFacts, decision: string) => `Coordination sur ${f.a.identifier} (${f.a.organization}) et ${f.b.identifier} (${f.b.organization}) : ${decision}`,
  draftBody: (f: DraftFacts, decision: string) =>
    [
      `L’activité ${f.activity} a examiné les normes de sa feuille de route et constaté que ces deux documents se chevauchent :`,
      '',
      entryLine(f.a, ' :'),
      entryLine(f.b, ' :'),
      '',
      `Décision de l’examen : ${decision}. ${decisionSentenceFr[f.decision]}`,
      ...(f.reasons.length ? ['', 'Motifs du rapprochement :', ...f.reasons.map((r) => `- ${r}`)] : []),
      ...(f.note ? ['', `Note de l’examen : ${f.note}`] : []),
      '',
      `L’activité ${f.activity} invite ${list(f.bodies, 'et')} à en tenir compte dans leurs travaux et leur saurait gré de la tenir informée de toute coordination engagée à ce sujet.`,
    ].join('\n'),
};

export type CoordinationMessages = typeof en;
export type { DraftFacts };
export function coordinationMessages(locale: Locale): CoordinationMessages {
  return locale === 'fr' ? fr : en;
}

/** An issue as one line of a document (the agenda's DOCX and PDF), in `locale`. */
export function coordinationLine(issue: { a: Side; b: Side; decision: ConfirmingDecision }, locale: Locale): string {
  return coordinationMessages(locale).line(issue.a, issue.b, overlapMessages(locale).decisions[issue.decision]);
}

/** A confirming decision in words ("duplicated work"), in `locale`. */
export const decisionInWords = (decision: ConfirmingDecision, locale: Locale): string => overlapMessages(locale).decisions[decision];
