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
  pairGone: 'Cette paire ne figure plus parmi les candidates : l’une de ses entrées a été supprimée, ou la dernière analyse ne les rapproche plus.',
  confirmedAsCommonText: 'Confirmé comme texte commun lors d’une revue des chevauchements.',
  decisions: {
    same_text: 'même texte',
    duplicated_work: 'travaux en double',
    overlapping: 'chevauchement',
    complementary: 'complémentaires',
    not_related: 'sans rapport',
    unsure: 'incertain',
  },
  decided: (a: string, b: string, decision: string) => `Revue des chevauchements : ${a} et ${b}, ${decision}`,
  reason(reason: StoredReason): string {
    switch (reason.kind) {
      case 'shared_terms':
        return `Termes distinctifs communs : ${termList(reason.terms)}`;
      case 'stated_equivalent':
        return `Indiqué comme le même document : ${str(reason.reference)} (selon ${side(reason.statedBy, 'la première entrée', 'la seconde entrée').replace(' / ', ' et ')})`;
      case 'same_number':
        return `Le même numéro dans les numérotations des deux organismes : ${str(reason.reference)}`;
      case 'common_text_relation':
        return 'Déjà enregistrés comme texte commun';
      case 'mentions':
        return `La ${reason.by === 'a' ? 'première' : 'seconde'} entrée mentionne ${str(reason.reference)}`;
      case 'same_series':
        return `Deux documents de la série ${str(reason.series)} : ${list(reason.numbers).join(' et ')}`;
      case 'different_numbers':
        return `Numéros différents : ${list(reason.numbers).join(' et ')}`;
      case 'different_parts':
        return `Parties différentes : ${list(reason.parts).join(' et ')}`;
      case 'amendment':
        return `La ${reason.which === 'a' ? 'première' : 'seconde'} entrée est un amendement${reason.ofTheOther ? ' de l’autre' : ''}`;
      case 'different_versions':
        return `Versions différentes : ${(reason.versions as string[][]).map((v) => v.join(', ')).join(' et ')}`;
      case 'same_version':
        return `La même version : ${str(reason.version)}`;
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
