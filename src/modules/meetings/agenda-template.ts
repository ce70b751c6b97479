// Agenda templates: the items a new meeting's agenda starts from, kept per activity, and the plain-text form the
// secretariat edits them in (one item per line, "5.1 Title" or indentation for sub-items). Pure: no database here.
import type { Locale } from '../../platform/i18n/locale.ts';

/** An item of a template (and of an agenda as a tree without ids): a title, optional notes, sub-items. */
export type AgendaTemplateItem = { title: string; titleFr?: string | null; notes?: string | null; children?: AgendaTemplateItem[] };

/** Agendas nest three levels deep at most (5, 5.1, 5.1.1): deeper outlines read badly in the documents. */
export const agendaMaxDepth = 3;
/** A JCA agenda has 10–20 items; 200 leaves room for sub-items while keeping the page and documents usable. */
export const agendaMaxItems = 200;
export const agendaTitleMax = 500;
export const agendaNotesMax = 5000;

/**
 * The agenda every JCA meeting has had in some form, for activities that have not set their own template: opening,
 * adoption of the agenda, the reviews, liaison statements, next steps, closing.
 */
export const defaultJcaAgenda: AgendaTemplateItem[] = (
  [
    ['Opening', 'Ouverture de la réunion'],
    ['Adoption of the agenda', 'Adoption de l’ordre du jour'],
    ['Review of the terms of reference and working methods', 'Examen du mandat et des méthodes de travail'],
    ['Review of standardization activities in ITU-T study groups, other SDOs and forums', 'Examen des activités de normalisation des commissions d’études de l’UIT-T, des autres organismes de normalisation et des forums'],
    ['Review of contributions and incoming liaison statements', 'Examen des contributions et des déclarations de liaison reçues'],
    ['Issues requiring coordination', 'Questions nécessitant une coordination'],
    ['Approval of outgoing liaison statements', 'Approbation des déclarations de liaison sortantes'],
    ['Future meetings', 'Réunions futures'],
    ['Any other business', 'Questions diverses'],
    ['Closing', 'Clôture de la réunion'],
  ] as const
).map(([title, titleFr]) => ({ title, titleFr }));

/**
 * The item under which an agenda lists the confirmed overlaps of its meeting: the template's "Issues requiring
 * coordination" (or its French title), found by its title since items carry no kind; the first one wins. Case, spaces
 * and a trailing full stop do not matter.
 */
export const coordinationItemTitles = ['issues requiring coordination', 'questions nécessitant une coordination'];
export const isCoordinationItem = (title: string) => coordinationItemTitles.includes(title.toLowerCase().replace(/\s+/g, ' ').replace(/[.\s]+$/, '').trim());

const words = {
  en: {
    tooDeep: (line: number, depth: number) => `Line ${line}: sub-items go ${agendaMaxDepth} levels deep at most; this one is at level ${depth}.`,
    skipsLevel: (line: number) => `Line ${line}: a sub-item needs an item above it one level up (for example 5.1 comes after 5).`,
    tooLong: (line: number) => `Line ${line}: a title has at most ${agendaTitleMax} characters.`,
    tooMany: (count: number) => `The template has ${count} items; an agenda has at most ${agendaMaxItems}.`,
    empty: 'Write at least one item, one per line.',
    noTitle: (line: number) => `Line ${line}: the number has no title after it.`,
  },
  fr: {
    tooDeep: (line: number, depth: number) => `Ligne ${line} : les sous-points vont jusqu’à ${agendaMaxDepth} niveaux ; celui-ci est au niveau ${depth}.`,
    skipsLevel: (line: number) => `Ligne ${line} : un sous-point doit suivre un point du niveau au-dessus (par exemple 5.1 vient après 5).`,
    tooLong: (line: number) => `Ligne ${line} : un titre compte au plus ${agendaTitleMax} caractères.`,
    tooMany: (count: number) => `Le modèle compte ${count} points ; un ordre du jour en compte au plus ${agendaMaxItems}.`,
    empty: 'Écrivez au moins un point, un par ligne.',
    noTitle: (line: number) => `Ligne ${line} : le numéro n’est suivi d’aucun titre.`,
  },
} satisfies Record<Locale, unknown>;

export type TemplateParse = { items: AgendaTemplateItem[]; errors: string[] };

const numbered = /^(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+(.*))?$/;

/**
 * Reads a template written one item per line. A line's level comes from its number ("5" level 1, "5.1" level 2) or,
 * without a number, from its indentation (two spaces or a tab per level) or leading dashes; the numbers written are
 * not kept (numbering is computed from the order). Blank lines are skipped. Every problem is reported with its line.
 */
export function parseAgendaTemplate(text: string, locale: Locale): TemplateParse {
  const w = words[locale];
  const errors: string[] = [];
  const roots: AgendaTemplateItem[] = [];
  // The last item seen at each level, to hang sub-items on.
  const open: AgendaTemplateItem[] = [];
  let count = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const indent = (raw.match(/^[ \t]*/)?.[0] ?? '').replace(/\t/g, '  ').length;
    let rest = raw.trim();
    let depth: number;
    const number = rest.match(numbered);
    if (number) {
      depth = number[1]!.split('.').length;
      rest = (number[2] ?? '').trim();
      if (!rest) {
        errors.push(w.noTitle(line));
        return;
      }
    } else {
      const dashes = rest.match(/^(-+|\*)\s+/);
      if (dashes) rest = rest.slice(dashes[0].length).trim();
      depth = dashes?.[1] && dashes[1] !== '*' && dashes[1].length > 1 ? dashes[1].length : Math.floor(indent / 2) + 1;
    }
    if (depth > agendaMaxDepth) {
      errors.push(w.tooDeep(line, depth));
      return;
    }
    if (depth > open.length + 1) {
      errors.push(w.skipsLevel(line));
      return;
    }
    if (rest.length > agendaTitleMax) {
      errors.push(w.tooLong(line));
      return;
    }
    const item: AgendaTemplateItem = { title: rest };
    if (depth === 1) roots.push(item);
    else {
      const parent = open[depth - 2]!;
      (parent.children ??= []).push(item);
    }
    open.length = depth - 1;
    open.push(item);
    count++;
  });
  if (!count && !errors.length) errors.push(w.empty);
  if (count > agendaMaxItems) errors.push(w.tooMany(count));
  return { items: errors.length ? [] : roots, errors };
}

/** The template as the editing form shows it: numbered lines, sub-items indented ("  5.1 Title"). */
export function formatAgendaTemplate(items: AgendaTemplateItem[]): string {
  const lines: string[] = [];
  const walk = (list: AgendaTemplateItem[], prefix: string, depth: number) =>
    list.forEach((item, i) => {
      const number = `${prefix}${i + 1}`;
      lines.push(`${'  '.repeat(depth)}${number} ${item.title}`);
      if (item.children?.length) walk(item.children, `${number}.`, depth + 1);
    });
  walk(items, '', 0);
  return lines.join('\n');
}

/** How many items a template holds, sub-items included. */
export function countTemplateItems(items: AgendaTemplateItem[]): number {
  return items.reduce((n, item) => n + 1 + countTemplateItems(item.children ?? []), 0);
}
