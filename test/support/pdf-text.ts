// A PDF's text layer as a reader's copy and paste gets it, read by poppler's pdftotext: with embedded fonts the
// content streams hold glyph numbers, so only a real reader (the ToUnicode maps, the order of right-to-left text)
// says what a person gets. CI installs poppler-utils (.ci/run); tests that need it are skipped where it is missing.
import { execFileSync, spawnSync } from 'node:child_process';

const pdftotext = '/usr/bin/pdftotext';

/** Why tests reading PDF text are skipped here, or false when pdftotext is there. */
export const pdfTextMissing: string | false = spawnSync(pdftotext, ['-v']).error ? 'pdftotext (poppler-utils) is not installed: apt-get install poppler-utils' : false;

/** The PDF's text in reading order, whitespace collapsed to single spaces and bidi marks left out. */
export function pdfText(pdf: Buffer): string {
  const text = execFileSync(pdftotext, ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
}
