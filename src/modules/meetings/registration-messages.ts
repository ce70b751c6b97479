// The words of registration confirmation in English and French: the pages and mails that confirm a registration
// (by its mailed link or the secretariat's approval), the refusals, and the meeting's choice between the two.
import type { Locale } from '../../platform/i18n/locale.ts';
import type { RegistrationConfirmation } from './schema.ts';

/** What a confirmation mail says. */
export type ConfirmationMail = { name: string; acronym: string; meetingTitle: string; mode: 'onsite' | 'remote'; confirmLink: string | null; meetingLink: string; hours: number };

const en = {
  confirmationLabel: 'Registrations are confirmed',
  confirmationChoices: {
    email: 'by the registrant, from a link sent to the address given',
    secretariat: 'by the secretariat, which approves each one',
  } satisfies Record<RegistrationConfirmation, string>,
  confirmationHint: 'Until a registration is confirmed it holds no place, and the remote participation link is neither shown nor mailed.',
  checkYourMail: (email: string, hours: number) =>
    `Almost done: a confirmation link was sent to ${email}. Open it within ${hours} hours to complete your registration; the remote participation link is given once it is confirmed.`,
  awaitingApproval: 'Your registration was received. The secretariat approves registrations for this meeting: you will receive the details by e-mail once it is approved.',
  checkMailTitle: 'Check your mailbox',
  wrongAddress: 'Wrong address? Register again with the right one.',
  pendingNotice: 'This registration is not confirmed yet: it holds no place and the remote participation link is not given.',
  confirmTitle: 'Confirm your registration',
  confirmIntro: 'Check the details below, then confirm. Until then the registration holds no place and the remote participation link is not given.',
  confirmButton: 'Confirm my registration',
  confirmed: 'Your registration is confirmed. The details and the link to manage it have been sent by e-mail.',
  confirmedWaiting: 'Your registration is confirmed; the onsite places are taken, so you are on the waiting list. You will be told by e-mail if a place frees up.',
  linkUnknown: 'This confirmation link is not valid or has already been used. If you confirmed your registration, the mail that followed has the link to manage it; otherwise, register again.',
  linkExpired: (when: string) => `This confirmation link expired on ${when}. Ask for a new one: it is sent to the address you registered with.`,
  resendButton: 'Send me a new link',
  resent: (email: string) => `A new confirmation link was sent to ${email}.`,
  approvalOnly: 'The secretariat approves registrations for this meeting: it will write to you once yours is approved.',
  throttled: (minutes: number) =>
    `Several confirmation messages have been sent to this address in the last hour. Check your mailbox (and its spam folder), or try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  awaitingApprovalExists: 'A registration with this address is already waiting for the secretariat’s approval.',
  stillPending: 'This registration is not confirmed yet.',
  alreadyConfirmed: 'This registration is already confirmed.',
  // the secretariat's view
  pendingHeading: 'Awaiting confirmation',
  pendingIntro: 'Not confirmed yet: these registrations hold no place and do not see the remote participation link.',
  registeredAt: 'Registered',
  linkExpires: 'Confirmation link',
  linkValidUntil: (when: string) => `link valid until ${when}`,
  linkExpiredOn: (when: string) => `link expired on ${when}`,
  registeredOn: (when: string) => `registered on ${when}`,
  noLink: 'awaits the secretariat’s approval',
  approve: 'Approve',
  approveOf: (name: string) => `Approve the registration of ${name}`,
  resend: 'Resend the link',
  resendOf: (name: string) => `Resend the confirmation link to ${name}`,
  reject: 'Cancel',
  rejectOf: (name: string) => `Cancel the registration of ${name}`,
  approved: (name: string) => `The registration of ${name} is approved; the details were sent by e-mail.`,
  rejected: (name: string) => `The registration of ${name} was cancelled.`,
  confirmedHow: { email: 'confirmed by e-mail', account: 'confirmed by the account', secretariat: 'approved by the secretariat' },
  mail: {
    confirmSubject: (p: ConfirmationMail) => `[${p.acronym}] Confirm your registration: ${p.meetingTitle}`,
    confirmBody: (p: ConfirmationMail) =>
      [
        `Dear ${p.name},`,
        '',
        `This address was registered for ${p.meetingTitle} (${p.mode === 'onsite' ? 'onsite' : 'remote'}).`,
        '',
        `To confirm the registration, open this link within ${p.hours} hours:`,
        p.confirmLink ?? '',
        '',
        'If you did not register, ignore this message: the registration stays unconfirmed and nothing more will be sent.',
        '',
        `The meeting: ${p.meetingLink}`,
      ].join('\n'),
    pendingSubject: (p: ConfirmationMail) => `[${p.acronym}] Registration received: ${p.meetingTitle}`,
    pendingBody: (p: ConfirmationMail) =>
      [
        `Dear ${p.name},`,
        '',
        `Your registration for ${p.meetingTitle} (${p.mode === 'onsite' ? 'onsite' : 'remote'}) was received. The secretariat approves registrations for this meeting: you will receive the details once yours is approved.`,
        '',
        'If you did not register, ignore this message.',
        '',
        `The meeting: ${p.meetingLink}`,
      ].join('\n'),
  },
};

export type RegistrationMessages = typeof en;

const fr: RegistrationMessages = {
  confirmationLabel: 'Les inscriptions sont confirmées',
  confirmationChoices: {
    email: 'par la personne inscrite, au moyen d’un lien envoyé à l’adresse indiquée',
    secretariat: 'par le secrétariat, qui approuve chacune d’elles',
  },
  confirmationHint: 'Tant qu’une inscription n’est pas confirmée, elle n’occupe aucune place et le lien de participation à distance n’est ni affiché ni envoyé.',
  checkYourMail: (email, hours) =>
    `Presque terminé : un lien de confirmation a été envoyé à ${email}. Ouvrez-le dans les ${hours} heures pour achever votre inscription ; le lien de participation à distance vous sera communiqué une fois l’inscription confirmée.`,
  awaitingApproval: 'Votre inscription a bien été reçue. Pour cette réunion, le secrétariat approuve les inscriptions : vous recevrez les informations par courriel dès que la vôtre sera approuvée.',
  checkMailTitle: 'Consultez votre messagerie',
  wrongAddress: 'Adresse erronée ? Inscrivez-vous de nouveau avec la bonne.',
  pendingNotice: 'Cette inscription n’est pas encore confirmée : elle n’occupe aucune place et le lien de participation à distance n’est pas communiqué.',
  confirmTitle: 'Confirmer votre inscription',
  confirmIntro: 'Vérifiez les informations ci-dessous, puis confirmez. D’ici là, l’inscription n’occupe aucune place et le lien de participation à distance n’est pas communiqué.',
  confirmButton: 'Confirmer mon inscription',
  confirmed: 'Votre inscription est confirmée. Les informations et le lien pour la gérer vous ont été envoyés par courriel.',
  confirmedWaiting: 'Votre inscription est confirmée ; les places en présentiel sont prises, vous êtes donc en liste d’attente. Vous serez prévenu par courriel si une place se libère.',
  linkUnknown: 'Ce lien de confirmation n’est pas valide ou a déjà servi. Si vous avez confirmé votre inscription, le courriel qui a suivi contient le lien pour la gérer ; sinon, inscrivez-vous à nouveau.',
  linkExpired: (when) => `Ce lien de confirmation a expiré le ${when}. Demandez-en un nouveau : il sera envoyé à l’adresse indiquée lors de l’inscription.`,
  resendButton: 'M’envoyer un nouveau lien',
  resent: (email) => `Un nouveau lien de confirmation a été envoyé à ${email}.`,
  approvalOnly: 'Pour cette réunion, le secrétariat approuve les inscriptions : il vous écrira dès que la vôtre sera approuvée.',
  throttled: (minutes) =>
    `Plusieurs messages de confirmation ont déjà été envoyés à cette adresse au cours de la dernière heure. Consultez votre messagerie (y compris les indésirables) ou réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
  awaitingApprovalExists: 'Une inscription avec cette adresse attend déjà l’approbation du secrétariat.',
  stillPending: 'Cette inscription n’est pas encore confirmée.',
  alreadyConfirmed: 'Cette inscription est déjà confirmée.',
  pendingHeading: 'En attente de confirmation',
  pendingIntro: 'Pas encore confirmées : ces inscriptions n’occupent aucune place et ne donnent pas accès au lien de participation à distance.',
  registeredAt: 'Inscription',
  linkExpires: 'Lien de confirmation',
  linkValidUntil: (when) => `lien valable jusqu’au ${when}`,
  linkExpiredOn: (when) => `lien expiré le ${when}`,
  registeredOn: (when) => `inscription du ${when}`,
  noLink: 'attend l’approbation du secrétariat',
  approve: 'Approuver',
  approveOf: (name) => `Approuver l’inscription de ${name}`,
  resend: 'Renvoyer le lien',
  resendOf: (name) => `Renvoyer le lien de confirmation à ${name}`,
  reject: 'Annuler',
  rejectOf: (name) => `Annuler l’inscription de ${name}`,
  approved: (name) => `L’inscription de ${name} est approuvée ; les informations lui ont été envoyées par courriel.`,
  rejected: (name) => `L’inscription de ${name} a été annulée.`,
  confirmedHow: { email: 'confirmée par courriel', account: 'confirmée par le compte', secretariat: 'approuvée par le secrétariat' },
  mail: {
    confirmSubject: (p) => `[${p.acronym}] Confirmez votre inscription : ${p.meetingTitle}`,
    confirmBody: (p) =>
      [
        `Bonjour ${p.name},`,
        '',
        `Cette adresse a été inscrite à ${p.meetingTitle} (${p.mode === 'onsite' ? 'sur place' : 'à distance'}).`,
        '',
        `Pour confirmer l’inscription, ouvrez ce lien dans les ${p.hours} heures :`,
        p.confirmLink ?? '',
        '',
        'Si vous ne vous êtes pas inscrit, ne tenez pas compte de ce message : l’inscription restera non confirmée et vous ne recevrez rien d’autre.',
        '',
        `La réunion : ${p.meetingLink}`,
      ].join('\n'),
    pendingSubject: (p) => `[${p.acronym}] Inscription reçue : ${p.meetingTitle}`,
    pendingBody: (p) =>
      [
        `Bonjour ${p.name},`,
        '',
        `Votre inscription à ${p.meetingTitle} (${p.mode === 'onsite' ? 'sur place' : 'à distance'}) a bien été reçue. Pour cette réunion, le secrétariat approuve les inscriptions : vous recevrez les informations dès que la vôtre sera approuvée.`,
        '',
        'Si vous ne vous êtes pas inscrit, ne tenez pas compte de ce message.',
        '',
        `La réunion : ${p.meetingLink}`,
      ].join('\n'),
  },
};

export const registrationMessages = (locale: Locale): RegistrationMessages => (locale === 'fr' ? fr : en);
