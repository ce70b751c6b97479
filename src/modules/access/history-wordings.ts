// How history pages describe invitation and sign-up events, in the reader's language (the manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { activityMessages, type ActivityRole } from '../activities/index.ts';
import { accessMessages } from './messages.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** Every event kind the access module writes. */
export const accessEventKinds = ['invitation.sent', 'invitation.resent', 'invitation.revoked', 'invitation.accepted', 'sign_up.requested', 'sign_up.confirmed'] as const;
type AccessEventKind = (typeof accessEventKinds)[number];

export function accessWordings(locale: Locale): Record<AccessEventKind, EventWording> {
  const roles = activityMessages(locale).roles;
  const role = (v: unknown) => roles[v as ActivityRole] ?? str(v) ?? '?';
  const who = (v: unknown) => str(v) ?? '?';
  const fr: Record<AccessEventKind, EventWording> = {
      'invitation.sent': (_b, a, _s, by) =>
        by
          ? `${by} a invité ${who(a.person)} par courriel au rôle « ${role(a.role)} » (${who(a.email)})`
          : `${who(a.person)} invité(e) par courriel au rôle « ${role(a.role)} » (${who(a.email)})`,
      'invitation.resent': (_b, a, _s, by) =>
        by
          ? `${by} a renvoyé l’invitation de ${who(a.person)} au rôle « ${role(a.role)} » avec un nouveau lien`
          : `Invitation de ${who(a.person)} au rôle « ${role(a.role)} » renvoyée avec un nouveau lien`,
      'invitation.revoked': (_b, a, _s, by) =>
        by ? `${by} a retiré l’invitation de ${who(a.person)} au rôle « ${role(a.role)} »` : `Invitation de ${who(a.person)} au rôle « ${role(a.role)} » retirée`,
      'invitation.accepted': (_b, a) =>
        `${who(a.person)} a accepté l’invitation au rôle « ${role(a.role)} »${a.newAccount ? ' et créé son compte' : ''}`,
      'sign_up.requested': (_b, a) => `Inscription demandée pour ${who(a.email)}`,
      'sign_up.confirmed': (_b, a) => `Adresse ${who(a.email)} confirmée ; ${a.linked ? 'compte lié à sa fiche de contact' : 'aucune fiche de contact liée'}`,
  };
  const en: Record<AccessEventKind, EventWording> = {
    'invitation.sent': (_b, a, _s, by) =>
      by ? `${by} invited ${who(a.person)} by e-mail to be ${role(a.role)} (${who(a.email)})` : `${who(a.person)} invited by e-mail to be ${role(a.role)} (${who(a.email)})`,
    'invitation.resent': (_b, a, _s, by) =>
      by ? `${by} sent the invitation of ${who(a.person)} to be ${role(a.role)} again with a new link` : `Invitation of ${who(a.person)} to be ${role(a.role)} sent again with a new link`,
    'invitation.revoked': (_b, a, _s, by) => (by ? `${by} withdrew the invitation of ${who(a.person)} to be ${role(a.role)}` : `Invitation of ${who(a.person)} to be ${role(a.role)} withdrawn`),
    'invitation.accepted': (_b, a) => `${who(a.person)} accepted the invitation to be ${role(a.role)}${a.newAccount ? ' and created an account' : ''}`,
    'sign_up.requested': (_b, a) => `Sign-up asked for ${who(a.email)}`,
    'sign_up.confirmed': (_b, a) => `${who(a.email)} confirmed; ${a.linked ? 'account linked to its contact record' : 'no contact record linked'}`,
  };
  return locale === 'fr' ? fr : en;
}

/** The invitation's stored fields by the invitation form's labels. */
export function invitationFieldLabels(locale: Locale): Record<string, string> {
  const w = accessMessages(locale);
  return { person: w.person, email: w.email, role: w.role, expiresAt: w.expiresAt, newAccount: w.acceptAndCreate };
}

export function invitationValueNames(locale: Locale): Record<string, Record<string, string>> {
  return { role: activityMessages(locale).roles };
}
