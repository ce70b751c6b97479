// The circulars module's words, in English and French (French typed as the English, so a missing word fails to compile).
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import type { Day, FindingDetail, Severity, Where } from './checker.ts';
import { isoDay } from './dates.ts';
import type { UnreadableReason } from './draft-text.ts';

const q = { en: (t: string) => `“${t}”`, fr: (t: string) => `« ${t} »` };
const day = (d: Day, locale: Locale) => formatDate(isoDay(d), locale);
const days = (list: Day[], locale: Locale, or: string) => list.map((d) => day(d, locale)).join(` ${or} `);

const en = {
  circulars: 'Circulars',
  circularsIntro:
    'TSB announces the activity and convenes its meetings by circular letters. Concord writes them from the records, in English and in French, and checks the drafts people write.',
  writeTitle: 'Write a circular',
  kind: 'Kind',
  kinds: { announce: 'Announcing the activity and its first meeting', convene: 'Convening a later meeting' } as Record<'announce' | 'convene', string>,
  language: 'Language',
  languages: { en: 'English', fr: 'French' } as Record<Locale, string>,
  number: 'TSB circular number',
  numberHint: 'TSB numbers its circulars in its own series: Concord never invents one.',
  date: 'Date of the letter',
  write: 'Write the circular',
  draftTitle: (kind: string) => `Draft circular: ${kind}`,
  missingTitle: (n: number) => (n === 1 ? 'One fact is missing from the records' : `${n} facts are missing from the records`),
  missingIntro: 'They are marked in the text. Complete them in the circular facts, the terms of reference, the meeting or the agenda, then write the circular again.',
  complete: 'Nothing is missing: every fact comes from the records.',
  download: 'Download',
  annexes: 'Annexes',
  factsTitle: 'Circular facts',
  factsIntro: 'What the circulars state that no other record holds. Empty addressee and copy lists take ITU-T’s usual ones.',
  saveFacts: 'Save the facts',
  factsSaved: 'The circular facts are saved.',
  checkLink: 'Check a draft circular',
  fields: {
    foundedFrom: 'Parent group’s meeting: first day',
    foundedTo: 'Parent group’s meeting: last day',
    recommendationEn: 'Recommendation and clause (English)',
    recommendationFr: 'Recommendation and clause (French)',
    resolutionEn: 'Resolution (English)',
    resolutionFr: 'Resolution (French)',
    signatoryName: 'Signed by',
    signatoryTitleEn: 'Signatory’s title (English)',
    signatoryTitleFr: 'Signatory’s title (French)',
    contactName: 'Contact person',
    telephone: 'Telephone',
    fax: 'Fax',
    email: 'E-mail',
    addresseesEn: 'Addressees (English, one a line)',
    addresseesFr: 'Addressees (French, one a line)',
    copiesEn: 'Copies (English, one a line)',
    copiesFr: 'Copies (French, one a line)',
  },
  checkTitle: 'Check a draft circular',
  checkIntro:
    'Upload a draft circular (Word, PDF with text, or plain text; English or French). Concord compares it with the records of this activity and its meeting, and with itself: names and acronyms, other activities, dates, times and deadlines, numbering, annexes, leftover notes and brackets.',
  file: 'Draft circular',
  fileHint: 'DOCX, PDF or TXT',
  meeting: 'Meeting it convenes',
  nextMeeting: 'The next meeting',
  noMeeting: 'None (no meeting facts are checked)',
  check: 'Check the draft',
  results: (file: string) => `Findings in ${file}`,
  noFindings: 'No inconsistency found with the records or within the text.',
  summary: (errors: number, warnings: number) =>
    `${errors === 1 ? '1 error' : `${errors} errors`} and ${warnings === 1 ? '1 warning' : `${warnings} warnings`}.`,
  checkedAgainst: (acronym: string, meeting: number | null) => (meeting ? `Checked against ${acronym} and its meeting ${meeting}.` : `Checked against ${acronym} (no meeting).`),
  severity: { error: 'Error', warning: 'Warning' } as Record<Severity, string>,
  where: 'Where',
  finding: 'Finding',
  excerpt: 'Text',
  checkAnother: 'Check another draft',
  whereText: (w: Where) =>
    [w.page !== undefined ? `page ${w.page}` : '', w.line !== undefined ? `line ${w.line}` : '', w.paragraph !== undefined ? `paragraph ${w.paragraph}` : ''].filter(Boolean).join(', '),
  noFile: 'Choose the draft circular to check.',
  unreadable: {
    kind: 'This file is neither a Word document (DOCX), a PDF nor plain text.',
    refused: 'This file could not be opened safely',
    'not-word': 'This file is a ZIP archive but not a Word document.',
    'no-text': 'No text was found in this file (a scanned PDF has none: export it from the word processor instead).',
    'pdf-reader': 'PDF files cannot be read on this server (poppler-utils is not installed): upload the DOCX instead.',
    'pdf-broken': 'This PDF could not be read: it may be damaged or protected.',
    'not-utf8': 'This text file is not in UTF-8.',
  } as Record<UnreadableReason, string>,
  finding_: (d: FindingDetail, locale: Locale): string => {
    switch (d.kind) {
      case 'acronym-variant': return `The acronym is written ${q.en(d.written)}; the records write ${q.en(d.expected)}.`;
      case 'name-variant': return `The name is written ${q.en(d.written)}; the records write ${q.en(d.expected)}.`;
      case 'other-activity': return `${q.en(d.written)} is another activity (${d.other}), not this one.`;
      case 'subject-other-activity': return `The subject names another activity, ${d.other}.`;
      case 'subject-missing-activity': return `The subject does not name the activity (${d.expected}).`;
      case 'impossible-date': return `${q.en(d.written)} is not a date: the month has no such day.`;
      case 'meeting-date': return `${q.en(d.written)} is not the meeting's date: the records give ${days(d.expected, locale, 'to')}.`;
      case 'meeting-time': return `The meeting's time ${q.en(d.written)} differs from the records: ${d.expected}.`;
      case 'deadline-differs': return `The deadline for ${d.deadline === 'contribution' ? 'contributions' : 'registration'} is ${q.en(d.written)} here and ${day(d.expected, locale)} in the records.`;
      case 'deadline-after-meeting': return `The deadline ${q.en(d.written)} falls after the meeting (${day(d.meeting, locale)}).`;
      case 'deadlines-order': return `The dates are out of order: ${q.en(d.written)} comes after ${q.en(d.previous)}.`;
      case 'time-without-zone': return `The time ${q.en(d.written)} has no time zone (for example “Geneva time” or “CET”).`;
      case 'number-repeated': return `Paragraph number ${d.number} is used twice.`;
      case 'number-skipped': return `Paragraph number ${d.number} follows a gap: ${d.expected} was expected.`;
      case 'annex-missing': return `Annex ${d.annex} is referred to but the draft has no Annex ${d.annex}.`;
      case 'parent-misspelt': return `${q.en(d.written)} looks like a misspelling of ${d.expected}.`;
      case 'leftover': return `${q.en(d.written)} does not belong in a letter (an editing note or a word processor's message).`;
      case 'bracket-open': return `A bracket ${q.en(d.bracket)} is opened and not closed: ${q.en(d.excerpt)}.`;
    }
  },
  cliLine: (where: string, severity: string, text: string) => `${where}: ${severity}: ${text}`,
  // ---- Drafts kept, edited and issued ----
  keepDraft: 'Keep as a draft to edit and issue',
  keepDraftHint: 'Concord writes the circular in English and in French from the records now; you then reword either language before the secretariat issues it.',
  draftsTitle: 'Drafts and issued circulars',
  noDrafts: 'No circular has been kept as a draft yet.',
  statuses: { draft: 'Draft', issued: 'Issued' } as Record<'draft' | 'issued', string>,
  draftLabel: (id: number) => `Draft ${id}`,
  editTitle: (kind: string) => `Edit the circular: ${kind}`,
  editIntro: 'Reword any part of the letter. The reference, contact and telephone come from the circular facts; the deadlines table from the meeting. Empty a paragraph to leave it out: the others are numbered again.',
  textIn: (language: string) => `The letter in ${language}`,
  editFields: {
    placeAndDate: 'Place and date',
    subject: 'Subject',
    opening: 'Opening',
    paragraph: (number: string) => (number ? `Paragraph ${number}` : 'Paragraph'),
    closing: 'Closing and signature (one line each)',
    addressees: 'To (one a line)',
    copies: 'Copy (one a line)',
    annexItem: (annex: string, number: string) => `${annex}${number ? `, item ${number}` : ''}`,
    number: 'TSB circular number',
    meeting: 'Meeting',
    text: 'Text of the circular',
  },
  tableFollows: 'Followed by the deadlines table (from the meeting’s records):',
  saveText: 'Save the text',
  draftMissingIntro: 'They are marked in the text. Type them in the text, or complete the records and write this language again from them.',
  rewrite: (language: string) => `Write the ${language} letter again from the records (its rewording is lost)`,
  rewritten: 'The letter is written again from the records.',
  textSaved: 'The text is saved.',
  drafted: 'The draft is kept. Reword it below, in English and in French.',
  previewIn: 'Download this draft',
  issueTitle: 'Issue the circular',
  issueIntro: 'Issuing stores the circular, in English and in French, as DOCX and PDF, as a document of the activity under TSB’s number. It can then be sent to the activity’s mailing list.',
  issueAction: 'Issue the circular',
  issuedMessage: (reference: string) => `${reference} is issued and stored with the activity’s documents.`,
  issuedAs: (reference: string, date: string) => `Issued as ${reference} on ${date}.`,
  issuedDocument: 'The document and its files',
  sendTitle: 'Send to the mailing list',
  sendIntro: 'The letter goes to the activity’s list in English and in French, with both PDFs attached.',
  sendAction: 'Send to the list',
  sentMessage: 'The circular is queued for the mailing list.',
  sentOn: (date: string) => `Sent to the mailing list on ${date}.`,
  viewAnnouncement: 'The announcement in the list’s archive',
  onlySecretariatIssues: 'Only the secretariat issues circulars and sends them to the list.',
  alreadyIssued: (number: string) => `This circular is already issued (TSB Circular ${number}): it can no longer be changed.`,
  editMismatch: 'This draft changed since the form was opened (its paragraphs differ). Open it again and redo your changes.',
  changedWhileIssuing: 'The draft was changed while it was being issued. Look at it again, then issue it.',
  numberRequired: 'Enter the number TSB gave this circular: Concord never invents one.',
  numberFormat: 'A circular number is written with digits and letters, for example 68 or 68 Rev.1.',
  numberUsed: (number: string) => `TSB Circular ${number} is already issued: enter the number of this circular.`,
  meetingFacts: { meeting: 'the meeting itself (it was deleted)', place: 'its city', deadline: 'its deadline for contributions' },
  meetingIncomplete: (facts: string[]) => `The records of the meeting lack ${new Intl.ListFormat('en', { type: 'conjunction' }).format(facts)}: complete the meeting, then write the circular again.`,
  missingIn: (language: Locale, facts: string[]) => `The ${language === 'fr' ? 'French' : 'English'} text still marks as missing: ${facts.join('; ')}.`,
  issueFirst: 'Issue the circular before sending it.',
  alreadySent: (date: string) => `This circular was already sent to the list on ${date}.`,
};

export type CircularMessages = typeof en;

const fr: CircularMessages = {
  circulars: 'Circulaires',
  circularsIntro:
    'Le TSB annonce l’activité et convoque ses réunions par lettres circulaires. Concord les rédige à partir des données, en français et en anglais, et vérifie les projets rédigés à la main.',
  writeTitle: 'Rédiger une circulaire',
  kind: 'Type',
  kinds: { announce: 'Annonce de l’activité et de sa première réunion', convene: 'Convocation d’une réunion ultérieure' },
  language: 'Langue',
  languages: { en: 'anglais', fr: 'français' },
  number: 'Numéro de la circulaire TSB',
  numberHint: 'Le TSB numérote ses circulaires dans sa propre série : Concord n’en invente jamais.',
  date: 'Date de la lettre',
  write: 'Rédiger la circulaire',
  draftTitle: (kind) => `Projet de circulaire : ${kind}`,
  missingTitle: (n) => (n === 1 ? 'Un élément manque dans les données' : `${n} éléments manquent dans les données`),
  missingIntro: 'Ils sont signalés dans le texte. Complétez-les dans les faits des circulaires, le mandat, la réunion ou l’ordre du jour, puis rédigez de nouveau la circulaire.',
  complete: 'Rien ne manque : chaque élément provient des données.',
  download: 'Télécharger',
  annexes: 'Annexes',
  factsTitle: 'Faits des circulaires',
  factsIntro: 'Ce que les circulaires indiquent et qu’aucune autre donnée ne contient. Des listes de destinataires et de copies vides reprennent celles que l’UIT-T utilise d’ordinaire.',
  saveFacts: 'Enregistrer',
  factsSaved: 'Les faits des circulaires sont enregistrés.',
  checkLink: 'Vérifier un projet de circulaire',
  fields: {
    foundedFrom: 'Réunion du groupe parent : premier jour',
    foundedTo: 'Réunion du groupe parent : dernier jour',
    recommendationEn: 'Recommandation et paragraphe (anglais)',
    recommendationFr: 'Recommandation et paragraphe (français)',
    resolutionEn: 'Résolution (anglais)',
    resolutionFr: 'Résolution (français)',
    signatoryName: 'Signataire',
    signatoryTitleEn: 'Titre du signataire (anglais)',
    signatoryTitleFr: 'Titre du signataire (français)',
    contactName: 'Personne à contacter',
    telephone: 'Téléphone',
    fax: 'Télécopie',
    email: 'Courriel',
    addresseesEn: 'Destinataires (anglais, un par ligne)',
    addresseesFr: 'Destinataires (français, un par ligne)',
    copiesEn: 'Copies (anglais, une par ligne)',
    copiesFr: 'Copies (français, une par ligne)',
  },
  checkTitle: 'Vérifier un projet de circulaire',
  checkIntro:
    'Téléversez un projet de circulaire (Word, PDF avec texte ou texte brut, en français ou en anglais). Concord le compare aux données de l’activité et de sa réunion, et à lui-même : noms et acronymes, autres activités, dates, heures et délais, numérotation, annexes, notes oubliées et parenthèses.',
  file: 'Projet de circulaire',
  fileHint: 'DOCX, PDF ou TXT',
  meeting: 'Réunion convoquée',
  nextMeeting: 'La prochaine réunion',
  noMeeting: 'Aucune (les faits d’une réunion ne sont pas vérifiés)',
  check: 'Vérifier le projet',
  results: (file) => `Constats dans ${file}`,
  noFindings: 'Aucune incohérence avec les données ni dans le texte.',
  summary: (errors, warnings) =>
    `${errors <= 1 ? `${errors} erreur` : `${errors} erreurs`} et ${warnings <= 1 ? `${warnings} avertissement` : `${warnings} avertissements`}.`,
  checkedAgainst: (acronym, meeting) => (meeting ? `Vérifié par rapport à ${acronym} et à sa réunion n° ${meeting}.` : `Vérifié par rapport à ${acronym} (sans réunion).`),
  severity: { error: 'Erreur', warning: 'Avertissement' },
  where: 'Emplacement',
  finding: 'Constat',
  excerpt: 'Texte',
  checkAnother: 'Vérifier un autre projet',
  whereText: (w) =>
    [w.page !== undefined ? `page ${w.page}` : '', w.line !== undefined ? `ligne ${w.line}` : '', w.paragraph !== undefined ? `paragraphe ${w.paragraph}` : ''].filter(Boolean).join(', '),
  noFile: 'Choisissez le projet de circulaire à vérifier.',
  unreadable: {
    kind: 'Ce fichier n’est ni un document Word (DOCX), ni un PDF, ni du texte brut.',
    refused: 'Ce fichier n’a pas pu être ouvert en toute sécurité',
    'not-word': 'Ce fichier est une archive ZIP, mais pas un document Word.',
    'no-text': 'Aucun texte n’a été trouvé dans ce fichier (un PDF numérisé n’en contient pas : exportez-le plutôt depuis le traitement de texte).',
    'pdf-reader': 'Les fichiers PDF ne peuvent pas être lus sur ce serveur (poppler-utils n’est pas installé) : téléversez plutôt le DOCX.',
    'pdf-broken': 'Ce PDF n’a pas pu être lu : il est peut-être endommagé ou protégé.',
    'not-utf8': 'Ce fichier texte n’est pas en UTF-8.',
  },
  finding_: (d, locale) => {
    switch (d.kind) {
      case 'acronym-variant': return `L’acronyme est écrit ${q.fr(d.written)} ; les données portent ${q.fr(d.expected)}.`;
      case 'name-variant': return `Le nom est écrit ${q.fr(d.written)} ; les données portent ${q.fr(d.expected)}.`;
      case 'other-activity': return `${q.fr(d.written)} désigne une autre activité (${d.other}), pas celle-ci.`;
      case 'subject-other-activity': return `L’objet nomme une autre activité, ${d.other}.`;
      case 'subject-missing-activity': return `L’objet ne nomme pas l’activité (${d.expected}).`;
      case 'impossible-date': return `${q.fr(d.written)} n’est pas une date : ce jour n’existe pas dans ce mois.`;
      case 'meeting-date': return `${q.fr(d.written)} n’est pas la date de la réunion : les données donnent ${days(d.expected, locale, 'au')}.`;
      case 'meeting-time': return `L’heure de la réunion ${q.fr(d.written)} diffère des données : ${d.expected}.`;
      case 'deadline-differs': return `La date limite ${d.deadline === 'contribution' ? 'des contributions' : 'd’inscription'} est le ${q.fr(d.written)} ici et le ${day(d.expected, locale)} dans les données.`;
      case 'deadline-after-meeting': return `La date limite ${q.fr(d.written)} tombe après la réunion (${day(d.meeting, locale)}).`;
      case 'deadlines-order': return `Les dates ne sont pas dans l’ordre : ${q.fr(d.written)} vient après ${q.fr(d.previous)}.`;
      case 'time-without-zone': return `L’heure ${q.fr(d.written)} n’indique pas de fuseau horaire (par exemple « heure de Genève » ou « CET »).`;
      case 'number-repeated': return `Le numéro de paragraphe ${d.number} est utilisé deux fois.`;
      case 'number-skipped': return `Le numéro de paragraphe ${d.number} saute un numéro : ${d.expected} était attendu.`;
      case 'annex-missing': return `L’annexe ${d.annex} est citée, mais le projet ne la contient pas.`;
      case 'parent-misspelt': return `${q.fr(d.written)} semble être une faute de frappe pour ${d.expected}.`;
      case 'leftover': return `${q.fr(d.written)} n’a pas sa place dans une lettre (note de rédaction ou message du traitement de texte).`;
      case 'bracket-open': return `Une parenthèse ou un crochet ${q.fr(d.bracket)} est ouvert sans être fermé : ${q.fr(d.excerpt)}.`;
    }
  },
  cliLine: (where, severity, text) => `${where} : ${severity} : ${text}`,
  keepDraft: 'Conserver comme projet à modifier et à publier',
  keepDraftHint: 'Concord rédige maintenant la circulaire en français et en anglais à partir des données ; vous pouvez ensuite reformuler chaque langue avant que le secrétariat la publie.',
  draftsTitle: 'Projets et circulaires publiées',
  noDrafts: 'Aucune circulaire n’a encore été conservée comme projet.',
  statuses: { draft: 'Projet', issued: 'Publiée' },
  draftLabel: (id) => `Projet ${id}`,
  editTitle: (kind) => `Modifier la circulaire : ${kind}`,
  editIntro: 'Reformulez toute partie de la lettre. La référence, le contact et le téléphone viennent des faits des circulaires ; le tableau des dates limites vient de la réunion. Videz un paragraphe pour le supprimer : les autres sont renumérotés.',
  textIn: (language) => `La lettre en ${language}`,
  editFields: {
    placeAndDate: 'Lieu et date',
    subject: 'Objet',
    opening: 'Formule d’appel',
    paragraph: (number) => (number ? `Paragraphe ${number}` : 'Paragraphe'),
    closing: 'Formule de politesse et signature (une ligne chacune)',
    addressees: 'Destinataires (un par ligne)',
    copies: 'Copie (une par ligne)',
    annexItem: (annex, number) => `${annex}${number ? `, point ${number}` : ''}`,
    number: 'Numéro de la circulaire TSB',
    meeting: 'Réunion',
    text: 'Texte de la circulaire',
  },
  tableFollows: 'Suivi du tableau des dates limites (tiré des données de la réunion) :',
  saveText: 'Enregistrer le texte',
  draftMissingIntro: 'Ils sont signalés dans le texte. Saisissez-les dans le texte, ou complétez les données, puis rédigez de nouveau cette langue à partir de celles-ci.',
  rewrite: (language) => `Rédiger de nouveau la lettre en ${language} à partir des données (ses modifications sont perdues)`,
  rewritten: 'La lettre est rédigée de nouveau à partir des données.',
  textSaved: 'Le texte est enregistré.',
  drafted: 'Le projet est conservé. Reformulez-le ci-dessous, en français et en anglais.',
  previewIn: 'Télécharger ce projet',
  issueTitle: 'Publier la circulaire',
  issueIntro: 'La publication enregistre la circulaire, en français et en anglais, aux formats DOCX et PDF, parmi les documents de l’activité sous le numéro du TSB. Elle peut ensuite être envoyée à la liste de diffusion de l’activité.',
  issueAction: 'Publier la circulaire',
  issuedMessage: (reference) => `La ${reference} est publiée et enregistrée parmi les documents de l’activité.`,
  issuedAs: (reference, date) => `Publiée sous la référence ${reference} le ${date}.`,
  issuedDocument: 'Le document et ses fichiers',
  sendTitle: 'Envoyer à la liste de diffusion',
  sendIntro: 'La lettre part à la liste de l’activité en anglais et en français, avec les deux PDF en pièces jointes.',
  sendAction: 'Envoyer à la liste',
  sentMessage: 'La circulaire est en file d’attente pour la liste de diffusion.',
  sentOn: (date) => `Envoyée à la liste de diffusion le ${date}.`,
  viewAnnouncement: 'L’annonce dans les archives de la liste',
  onlySecretariatIssues: 'Seul le secrétariat publie les circulaires et les envoie à la liste.',
  alreadyIssued: (number) => `Cette circulaire est déjà publiée (Circulaire TSB ${number}) : elle ne peut plus être modifiée.`,
  editMismatch: 'Ce projet a changé depuis l’ouverture du formulaire (ses paragraphes diffèrent). Ouvrez-le de nouveau et refaites vos modifications.',
  changedWhileIssuing: 'Le projet a été modifié pendant sa publication. Relisez-le, puis publiez-le.',
  numberRequired: 'Saisissez le numéro que le TSB a donné à cette circulaire : Concord n’en invente jamais.',
  numberFormat: 'Un numéro de circulaire s’écrit avec des chiffres et des lettres, par exemple 68 ou 68 Rév.1.',
  numberUsed: (number) => `La Circulaire TSB ${number} est déjà publiée : saisissez le numéro de cette circulaire.`,
  meetingFacts: { meeting: 'la réunion elle-même (elle a été supprimée)', place: 'sa ville', deadline: 'sa date limite de soumission des contributions' },
  meetingIncomplete: (facts) => `Il manque dans les données de la réunion ${new Intl.ListFormat('fr', { type: 'conjunction' }).format(facts)} : complétez la réunion, puis rédigez de nouveau la circulaire.`,
  missingIn: (language, facts) => `Le texte ${language === 'fr' ? 'français' : 'anglais'} signale encore comme manquant : ${facts.join(' ; ')}.`,
  issueFirst: 'Publiez la circulaire avant de l’envoyer.',
  alreadySent: (date) => `Cette circulaire a déjà été envoyée à la liste le ${date}.`,
};

export function circularMessages(locale: Locale): CircularMessages {
  return locale === 'fr' ? fr : en;
}
