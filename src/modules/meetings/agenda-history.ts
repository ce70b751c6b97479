// What the proceedings' events (agenda, minutes and outcomes, reports) say on history pages, in English and French.
import type { Locale } from '../../platform/i18n/locale.ts';

import type { EventWording } from '../../platform/module-manifest.ts';

type Data = Record<string, unknown>;

/** Every event kind of the proceedings (agenda, minutes and outcomes, reports). */
export const proceedingsEventKinds = [
  'agenda.started',
  'agenda.item_added',
  'agenda.item_updated',
  'agenda.item_moved',
  'agenda.item_deleted',
  'agenda.version_issued',
  'agenda.version_adopted',
  'agenda.template_saved',
  'agenda.document_linked',
  'agenda.document_unlinked',
  'outcomes.minutes_saved',
  'outcomes.decision_added',
  'outcomes.decision_updated',
  'outcomes.decision_deleted',
  'outcomes.action_added',
  'outcomes.action_updated',
  'report.generated',
  'report.edited',
  'report.released',
  'report.settings_changed',
] as const;
type ProceedingsEventKind = (typeof proceedingsEventKinds)[number];

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');

const reportNames = {
  en: { executive_summary: 'Executive summary for TSAG', meeting_report: 'Meeting report' } as Record<string, string>,
  fr: { executive_summary: 'Résumé pour le GCNT', meeting_report: 'Rapport de réunion' } as Record<string, string>,
};
const actionStatuses = {
  en: { open: 'open', in_progress: 'in progress', done: 'done' } as Record<string, string>,
  fr: { open: 'ouverte', in_progress: 'en cours', done: 'terminée' } as Record<string, string>,
};

/** Wordings for the agenda.*, outcomes.* and report.* event kinds. */
export function proceedingsWordings(locale: Locale): Record<ProceedingsEventKind, EventWording> {
  const report = (a: Data) => reportNames[locale][str(a.kind)] ?? str(a.kind);
  const status = (v: unknown) => actionStatuses[locale][str(v)] ?? str(v);
  // "Meeting 3: …" where the history knows the meeting (agenda events are recorded on it).
  const at = (subject: string | undefined) => (subject ? `${subject}${locale === 'fr' ? ' : ' : ': '}` : '');
  const first = (subject: string | undefined, text: string) => (subject ? at(subject) + text.charAt(0).toLocaleLowerCase(locale) + text.slice(1) : text);
  if (locale === 'fr') {
    const fr: Record<ProceedingsEventKind, EventWording> = {
      'agenda.started': () => 'Ordre du jour créé à partir du modèle',
      'agenda.item_added': (_b, a) => `Point ${str(a.number)} ajouté à l’ordre du jour : ${str(a.title)}`,
      'agenda.item_updated': (_b, a) => `Point ${str(a.number)} de l’ordre du jour modifié${a.titleFr === undefined ? '' : a.titleFr ? ` (titre en français : ${str(a.titleFr)})` : ' (titre en français retiré)'}`,
      'agenda.item_moved': (b, a) => `Point « ${str(a.title)} » déplacé de ${str(b.number)} à ${str(a.number)}`,
      'agenda.item_deleted': (b) => `Point ${str(b.number)} retiré de l’ordre du jour : ${str(b.title)}`,
      'agenda.version_issued': (_b, a) => `Ordre du jour : version ${str(a.version)} publiée comme projet${a.document ? ` (document ${str(a.document)})` : ''}`,
      'agenda.version_adopted': (_b, a) => `Ordre du jour : version ${str(a.version)} adoptée`,
      'agenda.template_saved': () => 'Modèle d’ordre du jour enregistré',
      'agenda.document_linked': (_b, a) => `${str(a.document)} lié au point ${str(a.number)}`,
      'agenda.document_unlinked': (_b, a) => `${str(a.document)} délié du point ${str(a.number)}`,
      'outcomes.minutes_saved': (_b, a) =>
        a.item ? `Compte rendu du point ${str(a.item)} ${a.text ? 'enregistré' : 'supprimé'}` : a.text ? 'Compte rendu d’un point enregistré' : 'Compte rendu d’un point supprimé',
      'outcomes.decision_added': (_b, a) => `Décision D${str(a.number)} enregistrée`,
      'outcomes.decision_updated': (_b, a) => (a.number ? `Décision D${str(a.number)} modifiée` : 'Décision modifiée'),
      'outcomes.decision_deleted': (b) => `Décision D${str(b.number)} supprimée`,
      'outcomes.action_added': (_b, a) => `Action ${str(a.label)} enregistrée (${str(a.owner)})`,
      'outcomes.action_updated': (_b, a) => (a.status ? `Action ${str(a.label)} : ${status(a.status)}` : `Action ${str(a.label)} modifiée`),
      'report.generated': (_b, a) => `${report(a)} : produit à partir des données`,
      'report.edited': (_b, a) => `${report(a)} : texte modifié`,
      'report.released': (_b, a) => `${report(a)} : diffusé`,
      'report.settings_changed': (_b, a) =>
        [
          a.access === 'public' ? `${report(a)} : rendu public` : a.access === 'members' ? `${report(a)} : réservé aux membres de l’activité` : '',
          typeof a.tsagNumber === 'string' ? `${report(a)} : numéro de document du GCNT ${a.tsagNumber}` : a.tsagNumber === null ? `${report(a)} : numéro de document du GCNT retiré` : '',
        ]
          .filter(Boolean)
          .join(' ; ') || `${report(a)} : paramètres modifiés`,
    };
    return withMeeting(fr, first);
  }
  const en: Record<ProceedingsEventKind, EventWording> = {
    'agenda.started': () => 'Agenda started from the template',
    'agenda.item_added': (_b, a) => `Agenda item ${str(a.number)} added: ${str(a.title)}`,
    'agenda.item_updated': (_b, a) => `Agenda item ${str(a.number)} edited${a.titleFr === undefined ? '' : a.titleFr ? ` (French title: ${str(a.titleFr)})` : ' (French title removed)'}`,
    'agenda.item_moved': (b, a) => `Agenda item “${str(a.title)}” moved from ${str(b.number)} to ${str(a.number)}`,
    'agenda.item_deleted': (b) => `Agenda item ${str(b.number)} deleted: ${str(b.title)}`,
    'agenda.version_issued': (_b, a) => `Agenda version ${str(a.version)} issued as a draft${a.document ? ` (document ${str(a.document)})` : ''}`,
    'agenda.version_adopted': (_b, a) => `Agenda version ${str(a.version)} adopted`,
    'agenda.template_saved': () => 'Agenda template saved',
    'agenda.document_linked': (_b, a) => `${str(a.document)} linked to agenda item ${str(a.number)}`,
    'agenda.document_unlinked': (_b, a) => `${str(a.document)} unlinked from agenda item ${str(a.number)}`,
    'outcomes.minutes_saved': (_b, a) => (a.item ? `Minutes of item ${str(a.item)} ${a.text ? 'saved' : 'removed'}` : a.text ? 'Minutes of an agenda item saved' : 'Minutes of an agenda item removed'),
    'outcomes.decision_added': (_b, a) => `Decision D${str(a.number)} recorded`,
    'outcomes.decision_updated': (_b, a) => (a.number ? `Decision D${str(a.number)} edited` : 'Decision edited'),
    'outcomes.decision_deleted': (b) => `Decision D${str(b.number)} deleted`,
    'outcomes.action_added': (_b, a) => `Action ${str(a.label)} recorded (${str(a.owner)})`,
    'outcomes.action_updated': (_b, a) => (a.status ? `Action ${str(a.label)}: ${status(a.status)}` : `Action ${str(a.label)} edited`),
    'report.generated': (_b, a) => `${report(a)}: generated from the records`,
    'report.edited': (_b, a) => `${report(a)}: text edited`,
    'report.released': (_b, a) => `${report(a)}: released`,
    'report.settings_changed': (_b, a) =>
      [
        a.access === 'public' ? `${report(a)}: made public` : a.access === 'members' ? `${report(a)}: for the activity’s members only` : '',
        typeof a.tsagNumber === 'string' ? `${report(a)}: TSAG document number ${a.tsagNumber}` : a.tsagNumber === null ? `${report(a)}: TSAG document number removed` : '',
      ]
        .filter(Boolean)
        .join('; ') || `${report(a)}: settings changed`,
  };
  return withMeeting(en, first);
}

/** Each agenda sentence prefixed with the meeting it is about, where the history names it. */
function withMeeting<K extends string>(wordings: Record<K, EventWording>, first: (subject: string | undefined, text: string) => string): Record<K, EventWording> {
  return Object.fromEntries(
    Object.entries<EventWording>(wordings).map(([kind, word]) => [
      kind,
      ((before, after, subject) => {
        const text = word(before, after, subject);
        return text === undefined || !kind.startsWith('agenda.') ? text : first(subject, text);
      }) satisfies EventWording,
    ]),
  ) as Record<K, EventWording>;
}
