// The overlaps module's words, in English and French (French typed as the English, so a missing word fails to compile).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { OverlapDecision, StoredReason } from './schema.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
/**
 * The shared terms as a reader would write them: the engine marks a title's subject with a leading "=" (weighted up),
 * which is its own business, so each word shows once.
 */
const termList = (terms: unknown) => [...new Set((Array.isArray(terms) ? terms : []).map((t: { term?: unknown }) => str(t.term).replace(/^=/, '')).filter(Boolean))].join(', ');
const side = (v: unknown, a: string, b: string) => (v === 'a' ? a : v === 'b' ? b : `${a} / ${b}`);

const en = {
  pairGone: 'This pair is no longer among the candidates: one of its entries was deleted, or the last run no longer finds them alike.',
  confirmedAsCommonText: 'Confirmed as the same text in an overlap review.',
  decisions: {
    same_text: 'the same text',
    duplicated_work: 'duplicated work',
    overlapping: 'overlapping',
    complementary: 'complementary',
    not_related: 'not related',
    unsure: 'unsure',
  } as Record<OverlapDecision, string>,
  decided: (a: string, b: string, decision: string) => `Overlap review: ${a} and ${b}, ${decision}`,
  nothingToUndo: 'This pair has no decision to undo.',
  runUnderWay: 'An overlap run is already waiting or under way; its results will replace the current ones when it ends.',
  undone: (a: string, b: string) => `Overlap review: the decision on ${a} and ${b} was undone`,
  pages: {
    title: 'Overlap review',
    intro:
      'Pairs of entries across the whole register that look like the same or overlapping work, best first. A decision holds in every activity whose roadmap holds either entry; nothing is merged or deleted by one.',
    groups: 'Groups',
    groupsIntro: 'Three or more entries joined by likely or confirmed pairs: one topic worked on by several bodies.',
    groupSize: (entries: number, bodies: number) => `${entries} entries from ${bodies} ${bodies === 1 ? 'body' : 'bodies'}`,
    noGroups: 'No group of three or more entries.',
    queue: 'Queue',
    state: 'State',
    states: { open: 'To review', decided: 'Decided', all: 'All' } as Record<'open' | 'decided' | 'all', string>,
    activity: 'Activity',
    allMyActivities: 'All my activities',
    filter: 'Show',
    score: 'Score',
    first: 'First entry',
    second: 'Second entry',
    review: 'Review',
    empty: 'No pair here.',
    queueDone: 'No more pairs to review in this queue.',
    more: 'More pairs',
    lastRun: 'Last run',
    neverRun: 'The engine has not run yet: start a run to find candidates.',
    queued: (since: string) => `Asked for ${since}; the worker starts it in a moment. Refresh this page to follow it.`,
    running: (since: string) => `Running since ${since}. Refresh this page to follow it.`,
    progress: (done: string, total: string) => `${done} of ${total} entries`,
    finished: (at: string, entries: string, pairs: string) => `Finished ${at}: ${entries} entries compared, ${pairs} candidate pairs.`,
    failed: (at: string) => `Failed ${at}. The previous candidates are kept; start again.`,
    runNow: 'Run now',
    runStarted: 'The run is queued: the worker starts it in a moment. Its results replace the candidates when it ends; decisions are kept.',
    certain: 'certain',
    likely: 'likely',
    possible: 'possible',
    pairTitle: (a: string, b: string) => `${a} and ${b}`,
    why: 'Why they look alike',
    organization: 'Organization',
    identifier: 'Identifier',
    entryTitle: 'Title',
    status: 'Status',
    dates: 'Dates',
    started: (d: string) => `started ${d}`,
    target: (d: string) => `target ${d}`,
    approved: (d: string) => `approved ${d}`,
    year: (y: string) => `year ${y}`,
    version: 'Version',
    scope: 'Scope',
    noScope: 'No scope recorded.',
    heldBy: 'In the roadmaps of',
    heldByNone: 'no roadmap you can read',
    openEntry: 'Open the entry',
    decision: 'Your decision',
    currentDecision: (decision: string, who: string | null, at: string) => `Decided: ${decision}${who ? `, by ${who}` : ''}, ${at}.`,
    reopened: 'Decided “not related” earlier, but an entry has changed since: review it again.',
    note: 'Note (optional)',
    noteHint: 'Seen with the decision in the history and by the next reviewer.',
    buttons: {
      same_text: 'Same text',
      duplicated_work: 'Duplicated work',
      overlapping: 'Overlapping',
      complementary: 'Complementary',
      not_related: 'Not related',
      unsure: 'Unsure',
    } as Record<OverlapDecision, string>,
    hints: {
      same_text: 'one text published by both; adds the “common text” relation',
      duplicated_work: 'the same subject, worked on twice',
      overlapping: 'part of the work is shared',
      complementary: 'related work that fits together',
      not_related: 'dismissed until an entry changes',
      unsure: 'needs someone else’s view',
    } as Record<OverlapDecision, string>,
    previous: 'Previous pair',
    next: 'Next pair',
    backToQueue: 'Back to the queue',
    keyboard: 'Keyboard',
    keys: 'S same text · D duplicated work · O overlapping · C complementary · N not related · U unsure · / note · J next · K previous · Z undo',
    recorded: (a: string, b: string, decision: string) => `Recorded: ${a} and ${b}, ${decision}.`,
    undo: 'Undo',
    undoneFlash: 'The decision was undone.',
    undoneWithCommonTextFlash: 'The decision was undone, and the “common text” relation it had added between the two entries was removed.',
    confirmedTitle: 'Confirmed overlaps',
    confirmedIntro: 'Pairs touching this roadmap that reviewers confirmed as the same text, duplicated work or overlapping.',
    confirmedEmpty: 'No confirmed overlap touching this roadmap.',
    reviewCandidates: 'Review the candidates',
    toReview: (n: string) => `${n} to review`,
  },
  reason(reason: StoredReason): string {
    switch (reason.kind) {
      case 'shared_terms':
        return `Shared distinctive terms: ${termList(reason.terms)}`;
      case 'stated_equivalent':
        return `Stated as the same document: ${str(reason.reference)} (said by ${side(reason.statedBy, 'the first entry', 'the second entry').replace(' / ', ' and ')})`;
      case 'same_number':
        return `The same number under both bodies' numbering: ${str(reason.reference)}`;
      case 'common_text_relation':
        return 'Already recorded as common text';
      case 'mentions':
        return `The ${reason.by === 'a' ? 'first' : 'second'} entry mentions ${str(reason.reference)}`;
      case 'same_series':
        return `Two documents of the series ${str(reason.series)}: ${list(reason.numbers).join(' and ')}`;
      case 'different_numbers':
        return `Different numbers: ${list(reason.numbers).join(' and ')}`;
      case 'different_parts':
        return `Different parts: ${list(reason.parts).join(' and ')}`;
      case 'amendment':
        return `The ${reason.which === 'a' ? 'first' : 'second'} entry is an amendment${reason.ofTheOther ? ' of the other' : ''}`;
      case 'different_versions':
        return `Different versions: ${(reason.versions as string[][]).map((v) => v.join(', ')).join(' and ')}`;
      case 'same_version':
        return `The same version: ${str(reason.version)}`;
      case 'same_organization':
        return `Both from ${str(reason.organization)}`;
      case 'closer_twin':
        return `The ${reason.which === 'a' ? 'first' : 'second'} entry looks more like ${str(reason.rival)}, probably its twin`;
      default:
        return reason.kind;
    }
  },
};

const fr: typeof en = {
  pairGone: 'Cette paire ne figure plus parmi les candidates : l’une de ses entrées a été supprimée, ou la dernière analyse ne les rapproche plus.',
  confirmedAsCommonText: 'Confirmé comme texte commun lors d’une revue des chevauchements.',
  decisions: {
    same_text: 'même texte',
    duplicated_work: 'travaux en double',
    overlapping: 'chevauchement',
    complementary: 'complémentaires',
    not_related: 'sans rapport',
    unsure: 'incertain',
  },
  decided: (a: string, b: string, decision: string) => `Revue des chevauchements : ${a} et ${b}, ${decision}`,
  nothingToUndo: 'Cette paire n’a pas de décision à annuler.',
  runUnderWay: 'Une analyse des chevauchements est déjà en attente ou en cours ; ses résultats remplaceront les actuels à la fin.',
  undone: (a: string, b: string) => `Revue des chevauchements : la décision sur ${a} et ${b} a été annulée`,
  pages: {
    title: 'Revue des chevauchements',
    intro:
      'Paires d’entrées de tout le registre qui semblent porter sur les mêmes travaux ou se chevaucher, les plus probables d’abord. Une décision vaut dans toutes les activités dont la feuille de route contient l’une des deux entrées ; elle ne fusionne ni ne supprime rien.',
    groups: 'Groupes',
    groupsIntro: 'Trois entrées ou plus reliées par des paires probables ou confirmées : un même sujet traité par plusieurs organismes.',
    groupSize: (entries: number, bodies: number) => `${entries} entrées de ${bodies} ${bodies === 1 ? 'organisme' : 'organismes'}`,
    noGroups: 'Aucun groupe de trois entrées ou plus.',
    queue: 'File d’attente',
    state: 'État',
    states: { open: 'À examiner', decided: 'Tranchées', all: 'Toutes' },
    activity: 'Activité',
    allMyActivities: 'Toutes mes activités',
    filter: 'Afficher',
    score: 'Score',
    first: 'Première entrée',
    second: 'Seconde entrée',
    review: 'Examiner',
    empty: 'Aucune paire ici.',
    queueDone: 'Plus aucune paire à examiner dans cette file.',
    more: 'Paires suivantes',
    lastRun: 'Dernière analyse',
    neverRun: 'L’analyse n’a encore jamais été lancée : lancez-la pour trouver des candidates.',
    queued: (since: string) => `Demandée ${since} ; le processus de fond la lance dans un instant. Actualisez la page pour suivre l’avancement.`,
    running: (since: string) => `En cours depuis ${since}. Actualisez la page pour suivre l’avancement.`,
    progress: (done: string, total: string) => `${done} entrées sur ${total}`,
    finished: (at: string, entries: string, pairs: string) => `Terminée ${at} : ${entries} entrées comparées, ${pairs} paires candidates.`,
    failed: (at: string) => `Échec ${at}. Les candidates précédentes sont conservées ; relancez l’analyse.`,
    runNow: 'Lancer l’analyse',
    runStarted: 'L’analyse est en file d’attente : le processus de fond la lance dans un instant. Ses résultats remplaceront les candidates à la fin ; les décisions sont conservées.',
    certain: 'certaine',
    likely: 'probable',
    possible: 'possible',
    pairTitle: (a: string, b: string) => `${a} et ${b}`,
    why: 'Ce qui les rapproche',
    organization: 'Organisme',
    identifier: 'Référence',
    entryTitle: 'Titre',
    status: 'Statut',
    dates: 'Dates',
    started: (d: string) => `commencée le ${d}`,
    target: (d: string) => `prévue pour le ${d}`,
    approved: (d: string) => `approuvée le ${d}`,
    year: (y: string) => `année ${y}`,
    version: 'Version',
    scope: 'Domaine d’application',
    noScope: 'Aucun domaine d’application indiqué.',
    heldBy: 'Dans les feuilles de route de',
    heldByNone: 'aucune feuille de route que vous pouvez consulter',
    openEntry: 'Ouvrir l’entrée',
    decision: 'Votre décision',
    currentDecision: (decision: string, who: string | null, at: string) => `Décision : ${decision}${who ? `, par ${who}` : ''}, ${at}.`,
    reopened: 'Jugée « sans rapport » auparavant, mais une entrée a changé depuis : à réexaminer.',
    note: 'Remarque (facultative)',
    noteHint: 'Visible avec la décision dans l’historique et par le prochain examinateur.',
    buttons: {
      same_text: 'Même texte',
      duplicated_work: 'Travaux en double',
      overlapping: 'Chevauchement',
      complementary: 'Complémentaires',
      not_related: 'Sans rapport',
      unsure: 'Incertain',
    },
    hints: {
      same_text: 'un même texte publié par les deux ; ajoute la relation « texte commun »',
      duplicated_work: 'le même sujet, traité deux fois',
      overlapping: 'une partie des travaux est commune',
      complementary: 'des travaux liés qui se complètent',
      not_related: 'écartée tant qu’aucune entrée ne change',
      unsure: 'un autre avis est nécessaire',
    },
    previous: 'Paire précédente',
    next: 'Paire suivante',
    backToQueue: 'Retour à la file d’attente',
    keyboard: 'Clavier',
    keys: 'S même texte · D travaux en double · O chevauchement · C complémentaires · N sans rapport · U incertain · / remarque · J suivante · K précédente · Z annuler',
    recorded: (a: string, b: string, decision: string) => `Enregistré : ${a} et ${b}, ${decision}.`,
    undo: 'Annuler',
    undoneFlash: 'La décision a été annulée.',
    undoneWithCommonTextFlash: 'La décision a été annulée, et la relation « texte commun » qu’elle avait ajoutée entre les deux entrées a été retirée.',
    confirmedTitle: 'Chevauchements confirmés',
    confirmedIntro: 'Paires touchant cette feuille de route que les examinateurs ont confirmées comme même texte, travaux en double ou chevauchement.',
    confirmedEmpty: 'Aucun chevauchement confirmé ne touche cette feuille de route.',
    reviewCandidates: 'Examiner les candidates',
    toReview: (n: string) => `${n} à examiner`,
  },
  reason(reason: StoredReason): string {
    switch (reason.kind) {
      case 'shared_terms':
        return `Termes distinctifs communs : ${termList(reason.terms)}`;
      case 'stated_equivalent':
        return `Indiqué comme le même document : ${str(reason.reference)} (selon ${side(reason.statedBy, 'la première entrée', 'la seconde entrée').replace(' / ', ' et ')})`;
      case 'same_number':
        return `Le même numéro dans les numérotations des deux organismes : ${str(reason.reference)}`;
      case 'common_text_relation':
        return 'Déjà enregistrés comme texte commun';
      case 'mentions':
        return `La ${reason.by === 'a' ? 'première' : 'seconde'} entrée mentionne ${str(reason.reference)}`;
      case 'same_series':
        return `Deux documents de la série ${str(reason.series)} : ${list(reason.numbers).join(' et ')}`;
      case 'different_numbers':
        return `Numéros différents : ${list(reason.numbers).join(' et ')}`;
      case 'different_parts':
        return `Parties différentes : ${list(reason.parts).join(' et ')}`;
      case 'amendment':
        return `La ${reason.which === 'a' ? 'première' : 'seconde'} entrée est un amendement${reason.ofTheOther ? ' de l’autre' : ''}`;
      case 'different_versions':
        return `Versions différentes : ${(reason.versions as string[][]).map((v) => v.join(', ')).join(' et ')}`;
      case 'same_version':
        return `La même version : ${str(reason.version)}`;
      case 'same_organization':
        return `Tous deux de ${str(reason.organization)}`;
      case 'closer_twin':
        return `La ${reason.which === 'a' ? 'première' : 'seconde'} entrée ressemble davantage à ${str(reason.rival)}, sans doute son texte jumeau`;
      default:
        return reason.kind;
    }
  },
};

export type OverlapMessages = typeof en;
export function overlapMessages(locale: Locale): OverlapMessages {
  return locale === 'fr' ? fr : en;
}
