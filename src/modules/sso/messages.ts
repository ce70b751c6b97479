// What single sign-on says to people, in English and French (a missing French sentence is a compile error).
import type { Locale } from '../../platform/i18n/locale.ts';

const en = {
  unknownProvider: 'This sign-in provider is not configured here.',
  unreachable: (label: string) => `${label} cannot be reached just now, so you are not signed in. Try again in a moment, or sign in with your password.`,
  wrongIssuer: (label: string) =>
    `${label} did not identify itself as the provider configured here, so Concord did not trust its answer and you are not signed in. Tell the site administrator.`,
  stateSpent: 'This sign-in answer was already used, has expired, or was started in another browser. Start again from this page.',
  unverifiedAnswer: (label: string) =>
    `The answer from ${label} could not be verified, so you are not signed in. Start again from this page; if it happens again, tell the site administrator.`,
  cancelled: (label: string) => `You did not finish signing in at ${label}.`,
  providerRefused: (label: string, why: string) => `${label} refused the sign-in: ${why}`,
  noEmail: (label: string) =>
    `${label} did not give Concord your e-mail address, which it needs to find your account. Allow it to share your address, or sign in with your password.`,
  unverifiedEmail: (label: string, email: string) =>
    `${label} has not verified that ${email} is your address, so Concord cannot link it to an account. Confirm the address at ${label} first, or sign in with your password.`,
  disabled: 'This account is disabled. Ask the site administrator.',
  signedIn: (name: string) => `Signed in as ${name}.`,
  signedInAlone: (name: string) =>
    `Signed in as ${name}. No contact record matches your address, so you have no role yet: the secretariat will link your account.`,
};

export type SsoMessages = typeof en;

const fr: SsoMessages = {
  unknownProvider: 'Ce fournisseur de connexion n’est pas configuré ici.',
  unreachable: (label) => `${label} est injoignable pour le moment : vous n’êtes pas connecté. Réessayez dans un instant, ou connectez-vous avec votre mot de passe.`,
  wrongIssuer: (label) =>
    `${label} ne s’est pas présenté comme le fournisseur configuré ici : Concord ne s’est donc pas fié à sa réponse et vous n’êtes pas connecté. Prévenez l’administrateur du site.`,
  stateSpent: 'Cette réponse de connexion a déjà servi, a expiré ou a été lancée dans un autre navigateur. Recommencez depuis cette page.',
  unverifiedAnswer: (label) =>
    `La réponse de ${label} n’a pas pu être vérifiée : vous n’êtes pas connecté. Recommencez depuis cette page ; si cela se reproduit, prévenez l’administrateur du site.`,
  cancelled: (label) => `Vous n’avez pas terminé la connexion chez ${label}.`,
  providerRefused: (label, why) => `${label} a refusé la connexion : ${why}`,
  noEmail: (label) =>
    `${label} n’a pas transmis votre adresse électronique, dont Concord a besoin pour trouver votre compte. Autorisez ce partage, ou connectez-vous avec votre mot de passe.`,
  unverifiedEmail: (label, email) =>
    `${label} n’a pas vérifié que ${email} est bien votre adresse : Concord ne peut donc pas la relier à un compte. Confirmez d’abord l’adresse chez ${label}, ou connectez-vous avec votre mot de passe.`,
  disabled: 'Ce compte est désactivé. Adressez-vous à l’administrateur du site.',
  signedIn: (name) => `Vous êtes connecté en tant que ${name}.`,
  signedInAlone: (name) =>
    `Vous êtes connecté en tant que ${name}. Aucune fiche contact ne correspond à votre adresse : vous n’avez donc pas encore de rôle, le secrétariat reliera votre compte.`,
};

export const ssoMessages = (locale: Locale): SsoMessages => (locale === 'fr' ? fr : en);
