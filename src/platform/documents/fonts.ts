// The faces documents are written with, from npm packages (never the system's fonts, which differ from machine to
// machine and are missing on servers): Noto Sans (Latin, Greek, Cyrillic), Noto Naskh Arabic, Noto Sans Hebrew,
// Noto Sans Hans (Chinese, with kana) and Noto Sans KR (Hangul, and the Han characters Hans lacks). Each file is read the first time
// a document needs it and kept for the life of the process: the CJK faces are 4–9 MB each.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { type Script, scriptOf } from './scripts.ts';

export type Face = 'latin' | 'arabic' | 'hebrew' | 'hans' | 'kr';
export type FontStyle = { bold?: boolean; italic?: boolean };

const require = createRequire(import.meta.url);
/** The fonts/ folder of a font package (its entry point is dist/index.*, the files are beside dist/). */
const fontFolder = (pkg: string) => path.join(path.dirname(require.resolve(pkg)), '..', 'fonts');

// Italic exists for the Latin face only; the others are written upright.
const files: Record<Face, { pkg: string; regular: string; bold: string; italic?: string; boldItalic?: string }> = {
  latin: { pkg: '@embedpdf/fonts-latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', italic: 'NotoSans-Italic.ttf', boldItalic: 'NotoSans-BoldItalic.ttf' },
  arabic: { pkg: '@embedpdf/fonts-arabic', regular: 'NotoNaskhArabic-Regular.ttf', bold: 'NotoNaskhArabic-Bold.ttf' },
  hebrew: { pkg: '@embedpdf/fonts-hebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf' },
  hans: { pkg: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
  kr: { pkg: '@embedpdf/fonts-kr', regular: 'NotoSansKR-Regular.otf', bold: 'NotoSansKR-Bold.otf' },
};

/** The family names the faces go by (in an SVG for resvg). */
export const faceFamilies: Record<Face, string> = { latin: 'Noto Sans', arabic: 'Noto Naskh Arabic', hebrew: 'Noto Sans Hebrew', hans: 'Noto Sans Hans', kr: 'Noto Sans KR' };

/** The file of a face in a style, and the name that style is known by. */
export function fontFile(face: Face, style: FontStyle = {}): { name: string; path: string } {
  const f = files[face];
  const file = style.bold ? (style.italic ? (f.boldItalic ?? f.bold) : f.bold) : style.italic ? (f.italic ?? f.regular) : f.regular;
  let folder = folders.get(face);
  if (!folder) {
    folder = fontFolder(f.pkg);
    folders.set(face, folder);
  }
  return { name: file.replace(/\.[a-z]+$/, ''), path: path.join(folder, file) };
}
/** Resolving a package looks at the disk: once per face. */
const folders = new Map<Face, string>();

const loaded = new Map<string, { name: string; font: Fontkit.Font }>();
// fontkit costs a quarter of a second of CPU to load: it is required the first time a font is read, not at start.
let fontkit: typeof Fontkit | undefined;
const loadFontkit = () => (fontkit ??= require('fontkit') as typeof Fontkit);

/** The face in a style, read once. */
export function loadFont(face: Face, style: FontStyle = {}): { name: string; font: Fontkit.Font } {
  const key = `${face}${style.bold ? 'b' : ''}${style.italic ? 'i' : ''}`;
  let found = loaded.get(key);
  if (!found) {
    const { name, path: file } = fontFile(face, style);
    found = { name, font: loadFontkit().create(fs.readFileSync(file)) };
    loaded.set(key, found);
  }
  return found;
}

/** The faces to try for a script, best first; the last resort is always the Latin face (which draws a box). */
const preferred: Record<Script, Face[]> = { latin: ['latin'], arabic: ['arabic'], hebrew: ['hebrew'], han: ['hans', 'kr'], hangul: ['kr'] };
const fallbacks: Face[] = ['latin', 'hans', 'kr', 'arabic', 'hebrew'];

/** Text the Latin face draws whole (Latin, Greek, Cyrillic, general punctuation): most text, decided in one test. */
const latinOnly = /^[\u0000-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\u2190-\u21ff\u2212]*$/;

const hasGlyph = (face: Face, codePoint: number) => loadFont(face).font.hasGlyphForCodePoint(codePoint);

/**
 * The text cut into runs, each with the face that draws it: the script's face when it has the character, else the
 * first face that does. Neutral characters (spaces, digits, punctuation, marks) stay with the run before them when
 * its face has them, so a name in Arabic or Chinese is shaped as a whole.
 */
export function faceRuns(text: string): { text: string; face: Face; start: number }[] {
  if (latinOnly.test(text)) return [{ text, face: 'latin', start: 0 }];
  const runs: { text: string; face: Face; start: number }[] = [];
  let index = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const script = scriptOf(char);
    const last = runs.at(-1);
    let face: Face | undefined;
    if (script === null) face = last && hasGlyph(last.face, codePoint) ? last.face : undefined;
    else face = preferred[script].find((f) => hasGlyph(f, codePoint));
    face ??= fallbacks.find((f) => hasGlyph(f, codePoint)) ?? 'latin';
    if (last && last.face === face) last.text += char;
    else runs.push({ text: char, face, start: index });
    index += char.length;
  }
  return runs;
}

/** The font files an SVG with this text needs (resvg is given only these, so a Latin-only chart loads no CJK face). */
export function fontFilesFor(text: string): string[] {
  const faces = new Set<Face>(['latin']);
  for (const run of faceRuns(text)) faces.add(run.face);
  return [...faces].flatMap((face) => [fontFile(face).path, fontFile(face, { bold: true }).path]);
}
