// What the platform's own events (accounts and API tokens) say on history pages; the modules' events read as their
// manifests declare (src/modules/history/vocabulary.ts gathers them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

/** English reads the summary stored with each event; French has its own sentences. */
export function accountWordings(locale: Locale): Record<string, EventWording> {
  if (locale !== 'fr') return {};
  return {
    'user.created': (_b, a) => named('Compte créé :', a.email),
    'user.updated': () => 'Profil modifié',
    'user.admin_changed': (_b, a) => (a.isAdmin ? 'Devenu administrateur du site' : 'N’est plus administrateur du site'),
    'user.password_reset_requested': () => 'Réinitialisation du mot de passe demandée',
    'user.password_reset': () => 'Mot de passe changé par un lien de réinitialisation',
    'user.sign_up_repeated': () => 'Nouvelle demande d’inscription pour cette adresse, qui a déjà un compte',
    'api_token.created': () => 'Jeton d’API créé',
    'api_token.revoked': () => 'Jeton d’API révoqué',
  };
}
