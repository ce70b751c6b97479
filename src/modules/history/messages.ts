// What the platform's own events (accounts and API tokens) say on history pages; the modules' events read as their
// manifests declare (src/modules/history/vocabulary.ts gathers them).
import { textOf } from '../../platform/event-words.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';

/** Every event kind the platform writes (accounts, passwords, API tokens). */
export const accountEventKinds = [
  'user.created',
  'user.updated',
  'user.admin_changed',
  'user.password_reset_requested',
  'user.password_reset',
  'user.sign_up_repeated',
  'user.sign_in_locked',
  'user.identity_linked',
  'api_token.created',
  'api_token.revoked',
] as const;
type AccountEventKind = (typeof accountEventKinds)[number];

export function accountWordings(locale: Locale): Record<AccountEventKind, EventWording> {
  const fr: Record<AccountEventKind, EventWording> = {
    'user.created': (_b, a) => `Compte créé : ${textOf(a.email)}`,
    'user.updated': () => 'Profil modifié',
    'user.admin_changed': (_b, a) => (a.isAdmin ? 'Devenu administrateur du site' : 'N’est plus administrateur du site'),
    'user.password_reset_requested': () => 'Réinitialisation du mot de passe demandée',
    'user.password_reset': () => 'Mot de passe changé par un lien de réinitialisation',
    'user.sign_up_repeated': () => 'Nouvelle demande d’inscription pour cette adresse, qui a déjà un compte',
    'user.sign_in_locked': () => 'Connexion suspendue après trop de mots de passe erronés',
    'user.identity_linked': () => 'Compte lié à une identité d’un fournisseur d’authentification unique',
    'api_token.created': () => 'Jeton d’API créé',
    'api_token.revoked': () => 'Jeton d’API révoqué',
  };
  const en: Record<AccountEventKind, EventWording> = {
    'user.created': (_b, a) => `Account created: ${textOf(a.email)}`,
    'user.updated': () => 'Profile changed',
    'user.admin_changed': (_b, a) => (a.isAdmin ? 'Made a site administrator' : 'No longer a site administrator'),
    'user.password_reset_requested': () => 'Password reset asked for',
    'user.password_reset': () => 'Password changed through a reset link',
    'user.sign_up_repeated': () => 'Sign-up asked again for this address, which already has an account',
    'user.sign_in_locked': () => 'Sign-in locked after too many wrong passwords',
    'user.identity_linked': () => 'Account linked to a single sign-on identity',
    'api_token.created': () => 'API token created',
    'api_token.revoked': () => 'API token revoked',
  };
  return locale === 'fr' ? fr : en;
}

/** An account's stored fields. */
export function accountFieldLabels(locale: Locale): Record<string, string> {
  return locale === 'fr'
    ? { name: 'Nom', email: 'Courriel', isAdmin: 'Administrateur du site', locale: 'Langue' }
    : { name: 'Name', email: 'E-mail', isAdmin: 'Site administrator', locale: 'Language' };
}

export const accountValueNames = (locale: Locale): Record<string, Record<string, string>> => ({
  locale: locale === 'fr' ? { en: 'anglais', fr: 'français' } : { en: 'English', fr: 'French' },
});
