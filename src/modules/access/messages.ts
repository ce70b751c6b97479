import type { Locale } from '../../platform/i18n/locale.ts';

const en = {
  // The secretariat's list and form
  invitations: 'Invitations',
  invitationsIntro:
    'Invite a person by e-mail to a role in this activity. The message carries a personal link: opening it, they create their account (or use the one they have) and receive the role.',
  invite: 'Invite someone',
  inviteLink: 'Invite someone by e-mail',
  pending: 'Waiting for an answer',
  closed: 'Answered, withdrawn or expired',
  noPending: 'No invitation is waiting for an answer.',
  person: 'Person',
  personHint: 'Someone already in the register of people, or leave “a new person” and fill in the fields below.',
  newPersonOption: '— a new person (fill in below) —',
  newPerson: 'A new person',
  name: 'Name',
  email: 'E-mail',
  affiliation: 'Affiliation',
  role: 'Role',
  sentAt: 'Sent',
  expiresAt: 'Valid until',
  invitedBy: 'Invited by',
  state: 'State',
  states: { pending: 'Waiting', expired: 'Expired', revoked: 'Withdrawn', accepted: 'Accepted' },
  sendButton: 'Send the invitation',
  resend: 'Send again',
  revoke: 'Withdraw',
  sent: (email: string) => `The invitation has been sent to ${email}.`,
  resent: (email: string) => `A new link has been sent to ${email}. The link sent before no longer works.`,
  revoked: 'The invitation has been withdrawn. Its link no longer works.',
  sentTimes: (count: number) => (count === 1 ? 'once' : `${count} times`),
  // Refusals
  personOrNew: 'Choose a person, or give the new person’s name and e-mail address.',
  personMissing: 'This person does not exist.',
  noEmail: (name: string) => `${name} has no e-mail address. Add one on their page, then invite them.`,
  alreadyHolds: (name: string, role: string) => `${name} already holds the role ${role} here.`,
  alreadyInvited: (name: string, role: string) =>
    `${name} already has an invitation to the role ${role} here. Send it again from the list below instead.`,
  notOpen: 'This invitation has already been answered or withdrawn.',
  // The invitee's page
  invitationTitle: 'Your invitation',
  invitationFor: (inviter: string, acronym: string, activityName: string, role: string) =>
    `${inviter} invites you to take part in ${acronym} (${activityName}) as ${role}.`,
  validUntil: (date: string) => `This invitation is valid until ${date}.`,
  linkUnknown: 'This invitation link is not valid. Check that you copied the whole link from the message, or ask the secretariat to send it again.',
  linkExpired: (date: string) => `This invitation expired on ${date}. Ask the secretariat to send you a new one.`,
  linkRevoked: 'This invitation has been withdrawn by the secretariat. If you think this is a mistake, contact them.',
  linkUsed: 'This invitation has already been accepted. Sign in to use your account.',
  linkReplaced: 'A newer invitation has been sent to you; use the link in the latest message.',
  createAccountIntro: (email: string) => `Choose a password to create your account. You will sign in with ${email}.`,
  password: 'Password',
  passwordHint: 'At least 10 characters.',
  acceptAndCreate: 'Create my account and accept',
  acceptAs: (name: string, email: string) => `You are signed in as ${name} (${email}).`,
  acceptButton: 'Accept the invitation',
  signInToAccept: (email: string) => `An account already uses ${email}. Sign in with it to accept the invitation.`,
  signInToAcceptLink: 'Sign in to accept',
  personHasAccount: 'This invitation is for a person who already has an account. Sign in with that account to accept it.',
  wrongAccount: (email: string) => `This invitation is for the person linked to another account. Sign out, then sign in as ${email} or ask the secretariat.`,
  otherAccountEmail: 'An account already uses this address: sign in with it to accept.',
  accepted: (role: string, acronym: string) => `Welcome. You are now ${role} of ${acronym}.`,
  // The invitation mail
  mailSubject: (role: string, acronym: string) => `Invitation: ${role} of ${acronym}`,
  mailBody: (p: { name: string; inviter: string; acronym: string; activityName: string; role: string; link: string; until: string }) =>
    `Hello ${p.name},\n\n${p.inviter} invites you to take part in ${p.acronym} (${p.activityName}) as ${p.role}, in Concord, the activity's workspace.\n\nTo accept, open this link before ${p.until}:\n\n${p.link}\n\nIf you have no account yet, you will choose a password there. The link works once.\nIf you did not expect this message, you can ignore it.\n`,
  // Sign-up
  signUpTitle: 'Create an account',
  signUpIntro: 'We will send a link to your address; your account is created when you open it.',
  signUpClosed: 'This Concord does not let visitors create accounts. Ask the secretariat of your activity for an invitation.',
  signUpButton: 'Send me the link',
  signUpLink: 'Create an account',
  signUpSent: (email: string) =>
    `We have sent a message to ${email}. Open the link in it within 24 hours to create your account. Nothing arrived? Check your spam folder, or try again in a few minutes.`,
  signUpMailSubject: 'Concord: confirm your address',
  signUpMailBody: (name: string, link: string) =>
    `Hello ${name},\n\nTo create your Concord account, confirm that this address is yours by opening this link within 24 hours:\n\n${link}\n\nIf you did not ask for an account, ignore this message: nothing will be created.\n`,
  existingMailSubject: 'Concord: you already have an account',
  existingMailBody: (name: string, signIn: string, reset: string) =>
    `Hello ${name},\n\nSomeone (probably you) asked to create a Concord account with this address, but you already have one. Sign in here:\n\n${signIn}\n\nForgot your password? Choose a new one here:\n\n${reset}\n\nIf you did not ask for this, ignore this message.\n`,
  confirmTitle: 'Confirm your address',
  confirmIntro: (email: string) => `Confirm that ${email} is your address to create your account.`,
  confirmButton: 'Confirm and create my account',
  confirmUnknown: 'This confirmation link is not valid. Check that you copied the whole link, or sign up again.',
  confirmExpired: 'This confirmation link has expired. Sign up again to get a new one.',
  confirmUsed: 'This address has already been confirmed. Sign in to use your account.',
  confirmedLinked: (name: string) => `Your address is confirmed and your account is ready. It is linked to the contact record of ${name}, with its roles.`,
  confirmedAlone:
    'Your address is confirmed and your account is ready. No contact record could be matched to your address, so you have no role yet: the secretariat will link your account.',
};

export type AccessMessages = typeof en;

const fr: AccessMessages = {
  invitations: 'Invitations',
  invitationsIntro:
    'Invitez une personne par courriel à un rôle dans cette activité. Le message contient un lien personnel : en l’ouvrant, elle crée son compte (ou utilise celui qu’elle a déjà) et reçoit le rôle.',
  invite: 'Inviter une personne',
  inviteLink: 'Inviter une personne par courriel',
  pending: 'En attente de réponse',
  closed: 'Acceptées, retirées ou expirées',
  noPending: 'Aucune invitation n’attend de réponse.',
  person: 'Personne',
  personHint: 'Une personne déjà inscrite au registre, ou laissez « une nouvelle personne » et remplissez les champs ci-dessous.',
  newPersonOption: '— une nouvelle personne (à remplir ci-dessous) —',
  newPerson: 'Une nouvelle personne',
  name: 'Nom',
  email: 'Adresse électronique',
  affiliation: 'Affiliation',
  role: 'Rôle',
  sentAt: 'Envoyée le',
  expiresAt: 'Valable jusqu’au',
  invitedBy: 'Envoyée par',
  state: 'État',
  states: { pending: 'En attente', expired: 'Expirée', revoked: 'Retirée', accepted: 'Acceptée' },
  sendButton: 'Envoyer l’invitation',
  resend: 'Renvoyer',
  revoke: 'Retirer',
  sent: (email) => `L’invitation a été envoyée à ${email}.`,
  resent: (email) => `Un nouveau lien a été envoyé à ${email}. Le lien précédent ne fonctionne plus.`,
  revoked: 'L’invitation a été retirée. Son lien ne fonctionne plus.',
  sentTimes: (count) => (count === 1 ? 'une fois' : `${count} fois`),
  personOrNew: 'Choisissez une personne, ou indiquez le nom et l’adresse électronique de la nouvelle personne.',
  personMissing: 'Cette personne n’existe pas.',
  noEmail: (name) => `La fiche de ${name} n’a pas d’adresse électronique. Ajoutez-en une sur sa fiche, puis invitez cette personne.`,
  alreadyHolds: (name, role) => `${name} a déjà le rôle « ${role} » dans cette activité.`,
  alreadyInvited: (name, role) =>
    `${name} a déjà une invitation au rôle « ${role} » dans cette activité. Renvoyez-la plutôt depuis la liste ci-dessous.`,
  notOpen: 'Cette invitation a déjà été acceptée ou retirée.',
  invitationTitle: 'Votre invitation',
  invitationFor: (inviter, acronym, activityName, role) =>
    `${inviter} vous invite à participer à ${acronym} (${activityName}) en tant que ${role.toLowerCase()}.`,
  validUntil: (date) => `Cette invitation est valable jusqu’au ${date}.`,
  linkUnknown:
    'Ce lien d’invitation n’est pas valide. Vérifiez que vous avez copié le lien complet depuis le message, ou demandez au secrétariat de vous le renvoyer.',
  linkExpired: (date) => `Cette invitation a expiré le ${date}. Demandez au secrétariat de vous en envoyer une nouvelle.`,
  linkRevoked: 'Cette invitation a été retirée par le secrétariat. Si vous pensez qu’il s’agit d’une erreur, contactez-le.',
  linkUsed: 'Cette invitation a déjà été acceptée. Connectez-vous pour utiliser votre compte.',
  linkReplaced: 'Une invitation plus récente vous a été envoyée ; utilisez le lien du dernier message.',
  createAccountIntro: (email) => `Choisissez un mot de passe pour créer votre compte. Vous vous connecterez avec ${email}.`,
  password: 'Mot de passe',
  passwordHint: 'Au moins 10 caractères.',
  acceptAndCreate: 'Créer mon compte et accepter',
  acceptAs: (name, email) => `Vous êtes connecté(e) en tant que ${name} (${email}).`,
  acceptButton: 'Accepter l’invitation',
  signInToAccept: (email) => `Un compte utilise déjà ${email}. Connectez-vous avec ce compte pour accepter l’invitation.`,
  signInToAcceptLink: 'Se connecter pour accepter',
  personHasAccount:
    'Cette invitation est destinée à une personne qui a déjà un compte. Connectez-vous avec ce compte pour l’accepter.',
  wrongAccount: (email) =>
    `Cette invitation est destinée à la personne liée à un autre compte. Déconnectez-vous, puis connectez-vous avec ${email}, ou adressez-vous au secrétariat.`,
  otherAccountEmail: 'Un compte utilise déjà cette adresse : connectez-vous avec ce compte pour accepter.',
  accepted: (role, acronym) => `Bienvenue. Votre rôle dans ${acronym} : ${role.toLowerCase()}.`,
  mailSubject: (role, acronym) => `Invitation : ${role.toLowerCase()} de ${acronym}`,
  mailBody: (p) =>
    `Bonjour ${p.name},\n\n${p.inviter} vous invite à participer à ${p.acronym} (${p.activityName}) en tant que ${p.role.toLowerCase()}, dans Concord, l’espace de travail de l’activité.\n\nPour accepter, ouvrez ce lien avant le ${p.until} :\n\n${p.link}\n\nSi vous n’avez pas encore de compte, vous y choisirez un mot de passe. Le lien ne sert qu’une fois.\nSi vous n’attendiez pas ce message, vous pouvez l’ignorer.\n`,
  signUpTitle: 'Créer un compte',
  signUpIntro: 'Nous enverrons un lien à votre adresse ; votre compte sera créé lorsque vous l’ouvrirez.',
  signUpClosed:
    'Ce Concord ne permet pas aux visiteurs de créer un compte. Demandez une invitation au secrétariat de votre activité.',
  signUpButton: 'M’envoyer le lien',
  signUpLink: 'Créer un compte',
  signUpSent: (email) =>
    `Nous avons envoyé un message à ${email}. Ouvrez le lien qu’il contient dans les 24 heures pour créer votre compte. Rien reçu ? Vérifiez vos indésirables, ou réessayez dans quelques minutes.`,
  signUpMailSubject: 'Concord : confirmez votre adresse',
  signUpMailBody: (name, link) =>
    `Bonjour ${name},\n\nPour créer votre compte Concord, confirmez que cette adresse est bien la vôtre en ouvrant ce lien dans les 24 heures :\n\n${link}\n\nSi vous n’avez pas demandé de compte, ignorez ce message : rien ne sera créé.\n`,
  existingMailSubject: 'Concord : vous avez déjà un compte',
  existingMailBody: (name, signIn, reset) =>
    `Bonjour ${name},\n\nQuelqu’un (sans doute vous) a demandé à créer un compte Concord avec cette adresse, mais vous en avez déjà un. Connectez-vous ici :\n\n${signIn}\n\nMot de passe oublié ? Choisissez-en un nouveau ici :\n\n${reset}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.\n`,
  confirmTitle: 'Confirmez votre adresse',
  confirmIntro: (email) => `Confirmez que ${email} est bien votre adresse pour créer votre compte.`,
  confirmButton: 'Confirmer et créer mon compte',
  confirmUnknown: 'Ce lien de confirmation n’est pas valide. Vérifiez que vous avez copié le lien complet, ou inscrivez-vous à nouveau.',
  confirmExpired: 'Ce lien de confirmation a expiré. Inscrivez-vous à nouveau pour en recevoir un nouveau.',
  confirmUsed: 'Cette adresse a déjà été confirmée. Connectez-vous pour utiliser votre compte.',
  confirmedLinked: (name) =>
    `Votre adresse est confirmée et votre compte est prêt. Il est lié à la fiche de contact de ${name}, avec ses rôles.`,
  confirmedAlone:
    'Votre adresse est confirmée et votre compte est prêt. Aucune fiche de contact ne correspond à votre adresse : vous n’avez donc pas encore de rôle. Le secrétariat liera votre compte.',
};

export const accessMessages = (locale: Locale): AccessMessages => (locale === 'fr' ? fr : en);
