// A circular as text, the shape both the generator writes and the secretariat edits: the rules for applying an edit
// (what may change, what stays the records'), for finding the marks of missing facts left in it, and for naming the
// parts that changed in the history.
import { z } from 'zod';
import { requiredText } from '../../platform/validation.ts';
import type { CircularText } from './schema.ts';

export { circularKinds, type CircularKind, type CircularText } from './schema.ts';

const annexOut = z.object({ title: z.string(), items: z.array(z.object({ number: z.string(), text: z.string() })) });
/** A circular's text as the API answers it. */
export const circularTextOut = z.object({
  locale: z.enum(['en', 'fr']),
  kind: z.enum(['announce', 'convene']),
  meetingNumber: z.number().nullable(),
  placeAndDate: z.string(),
  details: z.array(z.object({ label: z.string(), value: z.string() })),
  addressees: z.array(z.string()),
  copies: z.array(z.string()),
  subject: z.string(),
  opening: z.string(),
  paragraphs: z.array(z.object({ number: z.string(), text: z.string(), rows: z.array(z.tuple([z.string(), z.string()])) })),
  closing: z.array(z.string()),
  annexA: annexOut,
  annexB: annexOut.nullable(),
  missing: z.array(z.string()),
});

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const paragraph = z.string().max(6_000);

/**
 * What the edit form sends: every part of the letter a person may reword. The letterhead's reference, contact and
 * telephone stay the records' (the reference gets its number when the circular is issued), and so do the numbers and
 * the deadlines table: a paragraph emptied is left out and the others are numbered again.
 */
export const circularEditInput = z.object({
  placeAndDate: requiredText(200),
  subject: requiredText(500),
  opening: requiredText(200),
  paragraphs: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(paragraph).max(60)),
  closing: requiredText(1_000),
  addressees: requiredText(4_000),
  copies: z.string().max(4_000).default(''),
  annexA: z.preprocess((v) => (typeof v === 'string' ? [v] : v ?? []), z.array(paragraph).max(200)),
  annexB: z.preprocess((v) => (typeof v === 'string' ? [v] : v ?? []), z.array(paragraph).max(200)),
});
export type CircularEditInput = z.output<typeof circularEditInput>;

/** The form's values for a text, one field per part (lists one a line). */
export function editValuesOf(text: CircularText): CircularEditInput {
  return {
    placeAndDate: text.placeAndDate,
    subject: text.subject,
    opening: text.opening,
    paragraphs: text.paragraphs.map((p) => p.text),
    closing: text.closing.join('\n'),
    addressees: text.addressees.join('\n'),
    copies: text.copies.join('\n'),
    annexA: text.annexA.items.map((i) => i.text),
    annexB: text.annexB?.items.map((i) => i.text) ?? [],
  };
}

export type EditMismatch = 'paragraphs' | 'annexA' | 'annexB';

/**
 * The text with the edit applied, or the part whose count differs from the text's (a form written for another version
 * of the draft). Paragraphs emptied are left out with their table, and the numbered ones are numbered again from 1, so
 * a deletion never leaves a gap the checker would flag.
 */
export function applyEdit(text: CircularText, edit: CircularEditInput): { text: CircularText } | { mismatch: EditMismatch } {
  if (edit.paragraphs.length !== text.paragraphs.length) return { mismatch: 'paragraphs' };
  if (edit.annexA.length !== text.annexA.items.length) return { mismatch: 'annexA' };
  if (edit.annexB.length !== (text.annexB?.items.length ?? 0)) return { mismatch: 'annexB' };
  let n = 0;
  const paragraphs = text.paragraphs
    .map((p, i) => ({ ...p, text: edit.paragraphs[i]!.trim() }))
    .filter((p) => p.text)
    .map((p) => ({ ...p, number: p.number ? String(++n) : '' }));
  const edited: CircularText = {
    ...text,
    placeAndDate: edit.placeAndDate,
    subject: edit.subject,
    opening: edit.opening,
    paragraphs,
    closing: lines(edit.closing),
    addressees: lines(edit.addressees),
    copies: lines(edit.copies),
    annexA: { ...text.annexA, items: text.annexA.items.map((item, i) => ({ ...item, text: edit.annexA[i]!.trim() })).filter((i) => i.text) },
    annexB: text.annexB ? { ...text.annexB, items: text.annexB.items.map((item, i) => ({ ...item, text: edit.annexB[i]!.trim() })).filter((i) => i.text) } : null,
  };
  return { text: { ...edited, missing: missingMarks(edited) } };
}

// "[missing: the meeting's city]" and "[à compléter : la ville de la réunion]" (generator-messages.ts's missingMark),
// with whatever space a person typed before the colon.
const markPattern = /\[(?:missing|à compléter)[\s\u00a0\u202f]*:\s*([^\]]+)\]/g;

/** Every text of the letter, in reading order. */
export function textsOf(text: CircularText): string[] {
  return [
    text.placeAndDate,
    ...text.details.map((d) => d.value),
    ...text.addressees,
    ...text.copies,
    text.subject,
    text.opening,
    ...text.paragraphs.flatMap((p) => [p.text, ...p.rows.flat()]),
    ...text.closing,
    text.annexA.title,
    ...text.annexA.items.map((i) => i.text),
    ...(text.annexB ? [text.annexB.title, ...text.annexB.items.map((i) => i.text)] : []),
  ];
}

/** The facts still marked as missing in the text (each named once), after a person's edits filled some or none. */
export function missingMarks(text: CircularText): string[] {
  const found: string[] = [];
  for (const part of textsOf(text)) for (const match of part.matchAll(markPattern)) if (!found.includes(match[1]!.trim())) found.push(match[1]!.trim());
  return found;
}

/**
 * The parts of the letter an edit changed, as flat fields for the history ("paragraph 3", "subject"): each with its
 * text before and after, so the history shows what was reworded without storing the whole letter twice.
 */
export function changedParts(before: CircularText, after: CircularText): { before: Record<string, string>; after: Record<string, string> } | null {
  const flat = (t: CircularText): Record<string, string> => ({
    placeAndDate: t.placeAndDate,
    subject: t.subject,
    opening: t.opening,
    ...Object.fromEntries(t.paragraphs.map((p, i) => [`paragraph${p.number || `-${i + 1}`}`, p.text])),
    closing: t.closing.join('\n'),
    addressees: t.addressees.join('\n'),
    copies: t.copies.join('\n'),
    ...Object.fromEntries(t.annexA.items.map((item, i) => [`annexA-${item.number || i + 1}`, item.text])),
    ...Object.fromEntries((t.annexB?.items ?? []).map((item, i) => [`annexB-${item.number || i + 1}`, item.text])),
  });
  const b = flat(before);
  const a = flat(after);
  const out = { before: {} as Record<string, string>, after: {} as Record<string, string> };
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (b[key] === a[key]) continue;
    out.before[key] = b[key] ?? '';
    out.after[key] = a[key] ?? '';
  }
  return Object.keys(out.after).length ? out : null;
}

/** The text with TSB's number in its reference (the first detail) once the secretariat has entered it. */
export function withReference(text: CircularText, reference: string): CircularText {
  const [first, ...rest] = text.details;
  const details = first ? [{ ...first, value: reference }, ...rest] : rest;
  const numbered = { ...text, details };
  return { ...numbered, missing: missingMarks(numbered) };
}
