import type { Locale } from '../../platform/i18n/locale.ts';
import type { ProposalKind, ProposalStatus } from './schema.ts';

type DecidedStatus = Exclude<ProposalStatus, 'pending'>;

/** What a decision mail says; `link` is a full address (the entry when accepted, the proposal otherwise). */
export type DecisionMail = {
  name: string;
  acronym: string;
  number: number;
  identifier: string;
  title: string;
  reason: string | null;
  edited: boolean;
  link: string;
};

export type SubmittedMail = {
  proposer: string;
  acronym: string;
  number: number;
  kind: ProposalKind;
  identifier: string;
  title: string;
  note: string | null;
  link: string;
};

const en = {
  title: 'Proposals',
  listIntroDecider: 'New entries, changes and entries of the register proposed for this roadmap by its members. Pending proposals come first.',
  listIntroMember: 'Your proposals for this roadmap. Pending proposals come first.',
  empty: 'There is no proposal yet.',
  pendingCount: (n: number) => (n === 1 ? '1 pending' : `${n} pending`),
  filterAll: 'All',
  proposeEntry: 'Propose an entry',
  proposeChange: 'Propose a change',
  proposeEntryIntro: (acronym: string) =>
    `Propose a standard or work item for the roadmap of ${acronym}. The secretariat reviews it and you will receive the decision by e-mail.`,
  proposeChangeIntro: (identifier: string) =>
    `Correct the fields of ${identifier} that should change and leave the others as they are. The secretariat reviews the change and you will receive the decision by e-mail.`,
  note: 'Why this proposal',
  noteHint: 'For example where the information comes from, or what has changed. The secretariat reads it.',
  submit: 'Send the proposal',
  submitted: 'Your proposal has been sent to the secretariat.',
  nothingChanged: 'This changes nothing: change at least one field of the entry.',
  number: (n: number) => `Proposal #${n}`,
  kindLabel: 'Kind',
  entry: 'Entry',
  kinds: { new_entry: 'New entry', change: 'Change to an entry', include: 'Entry of the register to include' } satisfies Record<ProposalKind, string>,
  proposeInclude: (identifier: string) => `Propose including ${identifier} in this roadmap`,
  proposeIncludeHint: 'The entry stays one record, shared with the roadmaps that already include it. The secretariat decides; the topics typed here go with it in this roadmap.',
  proposeForRoadmap: 'Propose for a roadmap',
  proposeForRoadmapLabel: 'Roadmap to propose it for',
  proposeForRoadmapButton: 'Propose for this roadmap',
  inclusionPending: (id: number) => `Including this entry in this roadmap is already proposed (proposal #${id}); it waits for the secretariat.`,
  alreadyIncluded: 'The entry is already in this roadmap, so there is nothing to include. Reject the proposal instead.',
  statusLabel: 'Status',
  statuses: { pending: 'Pending', accepted: 'Accepted', rejected: 'Rejected', withdrawn: 'Withdrawn' } satisfies Record<ProposalStatus, string>,
  proposer: 'Proposed by',
  proposedOn: 'Proposed on',
  decidedBy: 'Decided by',
  decidedOn: 'Decided on',
  reason: 'Reason',
  comment: 'Comment',
  comparison: 'What is proposed',
  field: 'Field',
  current: 'Current value',
  proposed: 'Proposed value',
  applied: 'Applied value',
  noValue: '—',
  notProposed: 'not proposed',
  notApplied: 'not applied',
  appliedAsProposed: 'Applied as proposed.',
  appliedEdited: 'The secretariat changed some values before accepting; the applied values are shown.',
  openEntry: 'Open the entry',
  decide: 'Decision',
  accept: 'Accept as proposed',
  acceptComment: 'Comment to the proposer',
  acceptCommentHint: 'Sent with the decision.',
  editThenAccept: 'Edit, then accept',
  editThenAcceptHint: 'The form holds the proposed values. Change what needs changing; what you accept is applied and kept with the proposal.',
  acceptEdited: 'Accept with these values',
  reject: 'Reject',
  rejectReason: 'Reason for the rejection',
  rejectReasonHint: 'Sent to the proposer.',
  withdraw: 'Withdraw the proposal',
  acceptedFlash: 'The proposal has been accepted and the roadmap changed.',
  rejectedFlash: 'The proposal has been rejected; the proposer will be told why.',
  withdrawnFlash: 'The proposal has been withdrawn.',
  alreadyDecided: {
    accepted: 'This proposal has already been accepted.',
    rejected: 'This proposal has already been rejected.',
    withdrawn: 'This proposal has been withdrawn.',
  } satisfies Record<DecidedStatus, string>,
  entryGone: 'The entry is no longer in this roadmap, so the change cannot be applied. Reject the proposal instead.',
  history: 'History of the proposal',
  events: {
    'roadmap.proposal_submitted': 'Proposed',
    'roadmap.proposal_accepted': 'Accepted',
    'roadmap.proposal_rejected': 'Rejected',
    'roadmap.proposal_withdrawn': 'Withdrawn',
  } as Record<string, string>,
  mail: {
    acceptedSubject: (p: DecisionMail) => `[${p.acronym}] Your roadmap proposal was accepted: ${p.identifier}`,
    acceptedBody: (p: DecisionMail) =>
      [
        `Dear ${p.name},`,
        '',
        `Your proposal #${p.number} for the roadmap of ${p.acronym} has been accepted: ${p.identifier} — ${p.title}.`,
        ...(p.edited ? ['The secretariat adjusted some of the proposed values before accepting them.'] : []),
        ...(p.reason ? ['', 'Comment from the secretariat:', p.reason] : []),
        '',
        `The entry: ${p.link}`,
        '',
        'Thank you for keeping the roadmap current.',
      ].join('\n'),
    rejectedSubject: (p: DecisionMail) => `[${p.acronym}] Your roadmap proposal was not accepted: ${p.identifier}`,
    rejectedBody: (p: DecisionMail) =>
      [
        `Dear ${p.name},`,
        '',
        `Your proposal #${p.number} for the roadmap of ${p.acronym} (${p.identifier} — ${p.title}) has not been accepted.`,
        '',
        'Reason given by the secretariat:',
        p.reason ?? '',
        '',
        `The proposal: ${p.link}`,
      ].join('\n'),
    submittedSubject: (p: SubmittedMail) => `[${p.acronym}] New roadmap proposal: ${p.identifier}`,
    submittedBody: (p: SubmittedMail) =>
      [
        p.kind === 'include'
          ? `${p.proposer} proposes including an entry of the register in the roadmap of ${p.acronym}: ${p.identifier} — ${p.title}.`
          : `${p.proposer} proposes ${p.kind === 'new_entry' ? 'a new entry' : 'a change to an entry'} for the roadmap of ${p.acronym}: ${p.identifier} — ${p.title}.`,
        ...(p.note ? ['', 'Their reason:', p.note] : []),
        '',
        `Review it and accept or reject it: ${p.link}`,
      ].join('\n'),
  },
};

export type ProposalMessages = typeof en;

const fr: ProposalMessages = {
  title: 'Propositions',
  listIntroDecider: 'Nouvelles entrées, modifications et entrées du registre proposées par les membres pour cette feuille de route. Les propositions en attente viennent d’abord.',
  listIntroMember: 'Vos propositions pour cette feuille de route. Les propositions en attente viennent d’abord.',
  empty: 'Il n’y a encore aucune proposition.',
  pendingCount: (n) => `${n} en attente`,
  filterAll: 'Toutes',
  proposeEntry: 'Proposer une entrée',
  proposeChange: 'Proposer une modification',
  proposeEntryIntro: (acronym) =>
    `Proposez une norme ou un sujet d’étude pour la feuille de route de ${acronym}. Le secrétariat l’examine et vous recevrez sa décision par courriel.`,
  proposeChangeIntro: (identifier) =>
    `Corrigez les champs de ${identifier} qui doivent changer et laissez les autres tels quels. Le secrétariat examine la modification et vous recevrez sa décision par courriel.`,
  note: 'Motif de la proposition',
  noteHint: 'Par exemple d’où vient l’information, ou ce qui a changé. Le secrétariat le lira.',
  submit: 'Envoyer la proposition',
  submitted: 'Votre proposition a été envoyée au secrétariat.',
  nothingChanged: 'Cela ne change rien : modifiez au moins un champ de l’entrée.',
  number: (n) => `Proposition n° ${n}`,
  kindLabel: 'Type',
  entry: 'Entrée',
  kinds: { new_entry: 'Nouvelle entrée', change: 'Modification d’une entrée', include: 'Entrée du registre à reprendre' },
  proposeInclude: (identifier) => `Proposer de reprendre ${identifier} dans cette feuille de route`,
  proposeIncludeHint: 'L’entrée reste une seule fiche, partagée avec les feuilles de route qui la contiennent déjà. Le secrétariat décide ; les thèmes saisis ici l’accompagnent dans cette feuille de route.',
  proposeForRoadmap: 'Proposer pour une feuille de route',
  proposeForRoadmapLabel: 'Feuille de route concernée',
  proposeForRoadmapButton: 'Proposer pour cette feuille de route',
  inclusionPending: (id) => `La reprise de cette entrée dans cette feuille de route est déjà proposée (proposition n° ${id}) ; elle attend la décision du secrétariat.`,
  alreadyIncluded: 'L’entrée figure déjà dans cette feuille de route : il n’y a rien à reprendre. Refusez plutôt la proposition.',
  statusLabel: 'État',
  statuses: { pending: 'En attente', accepted: 'Acceptée', rejected: 'Refusée', withdrawn: 'Retirée' },
  proposer: 'Proposée par',
  proposedOn: 'Proposée le',
  decidedBy: 'Décision de',
  decidedOn: 'Décidée le',
  reason: 'Motif',
  comment: 'Commentaire',
  comparison: 'Ce qui est proposé',
  field: 'Champ',
  current: 'Valeur actuelle',
  proposed: 'Valeur proposée',
  applied: 'Valeur appliquée',
  noValue: '—',
  notProposed: 'non proposé',
  notApplied: 'non appliqué',
  appliedAsProposed: 'Appliquée telle que proposée.',
  appliedEdited: 'Le secrétariat a modifié certaines valeurs avant d’accepter ; les valeurs appliquées sont indiquées.',
  openEntry: 'Ouvrir l’entrée',
  decide: 'Décision',
  accept: 'Accepter telle quelle',
  acceptComment: 'Commentaire pour l’auteur',
  acceptCommentHint: 'Envoyé avec la décision.',
  editThenAccept: 'Modifier, puis accepter',
  editThenAcceptHint: 'Le formulaire contient les valeurs proposées. Changez ce qui doit l’être ; ce que vous acceptez est appliqué et conservé avec la proposition.',
  acceptEdited: 'Accepter avec ces valeurs',
  reject: 'Refuser',
  rejectReason: 'Motif du refus',
  rejectReasonHint: 'Envoyé à l’auteur de la proposition.',
  withdraw: 'Retirer la proposition',
  acceptedFlash: 'La proposition a été acceptée et la feuille de route modifiée.',
  rejectedFlash: 'La proposition a été refusée ; son auteur en recevra le motif.',
  withdrawnFlash: 'La proposition a été retirée.',
  alreadyDecided: {
    accepted: 'Cette proposition a déjà été acceptée.',
    rejected: 'Cette proposition a déjà été refusée.',
    withdrawn: 'Cette proposition a été retirée.',
  },
  entryGone: 'L’entrée ne figure plus dans cette feuille de route ; la modification ne peut pas être appliquée. Refusez plutôt la proposition.',
  history: 'Historique de la proposition',
  events: {
    'roadmap.proposal_submitted': 'Proposée',
    'roadmap.proposal_accepted': 'Acceptée',
    'roadmap.proposal_rejected': 'Refusée',
    'roadmap.proposal_withdrawn': 'Retirée',
  },
  mail: {
    acceptedSubject: (p) => `[${p.acronym}] Votre proposition pour la feuille de route a été acceptée : ${p.identifier}`,
    acceptedBody: (p) =>
      [
        `Bonjour ${p.name},`,
        '',
        `Votre proposition n° ${p.number} pour la feuille de route de ${p.acronym} a été acceptée : ${p.identifier} — ${p.title}.`,
        ...(p.edited ? ['Le secrétariat a ajusté certaines des valeurs proposées avant de les accepter.'] : []),
        ...(p.reason ? ['', 'Commentaire du secrétariat :', p.reason] : []),
        '',
        `L’entrée : ${p.link}`,
        '',
        'Merci de contribuer à tenir la feuille de route à jour.',
      ].join('\n'),
    rejectedSubject: (p) => `[${p.acronym}] Votre proposition pour la feuille de route n’a pas été acceptée : ${p.identifier}`,
    rejectedBody: (p) =>
      [
        `Bonjour ${p.name},`,
        '',
        `Votre proposition n° ${p.number} pour la feuille de route de ${p.acronym} (${p.identifier} — ${p.title}) n’a pas été acceptée.`,
        '',
        'Motif donné par le secrétariat :',
        p.reason ?? '',
        '',
        `La proposition : ${p.link}`,
      ].join('\n'),
    submittedSubject: (p) => `[${p.acronym}] Nouvelle proposition pour la feuille de route : ${p.identifier}`,
    submittedBody: (p) =>
      [
        p.kind === 'include'
          ? `${p.proposer} propose de reprendre une entrée du registre dans la feuille de route de ${p.acronym} : ${p.identifier} — ${p.title}.`
          : `${p.proposer} propose ${p.kind === 'new_entry' ? 'une nouvelle entrée' : 'une modification d’une entrée'} pour la feuille de route de ${p.acronym} : ${p.identifier} — ${p.title}.`,
        ...(p.note ? ['', 'Son motif :', p.note] : []),
        '',
        `Examinez-la pour l’accepter ou la refuser : ${p.link}`,
      ].join('\n'),
  },
};

export const proposalMessages = (locale: Locale): ProposalMessages => (locale === 'fr' ? fr : en);
