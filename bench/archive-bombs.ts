// Hostile archives against the bounded reader (src/platform/archives): for each attack, the time until the upload is
// refused (or, for a nested ZIP, read without opening the inner one) and the peak resident memory above the level
// before it, sampled every 2 ms while the reader works (it leaves the event loop free, so the sampler runs).
// Each attack runs through the code an upload takes: the contribution cover check or the roadmap import's parser.
// Run with `npm run bench -- archive-bombs [-- --runs N]` (3 runs each by default).
import path from 'node:path';
import { ArchiveRefusedError } from '../src/platform/archives/archive-reader.ts';
import { readCoverPage } from '../src/modules/documents/cover-page.ts';
import { parseImportFile } from '../src/modules/roadmap/import-files.ts';
import {
  billionLaughs,
  buildZip,
  deepXml,
  deflatedRepeat,
  docxWith,
  externalEntity,
  paragraphBombDocx,
  rowBombXlsx,
  sheetClose,
  sheetOpen,
  unclosedRowsDocx,
  wordDocumentClose,
  wordDocumentOpen,
  xlsxWith,
} from '../test/support/zip-bombs.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';

const runs = runsFromArguments(process.argv.slice(2), 3);
const emptyDocument = `${wordDocumentOpen}${wordDocumentClose}`;

type Attack = { id: string; label: string; bytes: () => Buffer; read: (bytes: Buffer) => Promise<string> };

/** What the cover check says: the refusal's reason, or "read" when the document was read. */
const viaCoverPage = async (bytes: Buffer) => {
  try {
    await readCoverPage(bytes, { fileName: 'attack.docx', locale: 'en' });
    return 'read';
  } catch (error) {
    if (error instanceof ArchiveRefusedError) return error.reason;
    throw error;
  }
};
const viaRoadmapImport = async (bytes: Buffer) => {
  const parsed = await parseImportFile({ bytes, fileName: 'attack.xlsx' }, { locale: 'en', maxBytes: 50 * 1024 * 1024 });
  return parsed.errors[0]?.message.replace(/^“attack\.xlsx” (was refused: )?/, '').slice(0, 48) ?? 'read';
};

const attacks: Attack[] = [
  { id: 'unclosed-rows', label: 'DOCX, 60,000 unclosed <w:tr>', bytes: () => unclosedRowsDocx(60_000), read: viaCoverPage },
  { id: 'bomb', label: 'DOCX zip bomb, 400 MB declared', bytes: () => paragraphBombDocx(400), read: viaCoverPage },
  { id: 'bomb-lying', label: 'DOCX zip bomb, 400 MB declaring 1 KB', bytes: () => paragraphBombDocx(400, 1000), read: viaCoverPage },
  {
    id: 'bomb-within',
    label: 'DOCX, 400 MB declaring 60 MB (under the limit)',
    bytes: () => paragraphBombDocx(400, 60 * 1024 * 1024),
    read: viaCoverPage,
  },
  {
    id: 'nested',
    label: 'DOCX holding a ZIP of 10 x 40 MB parts',
    bytes: () => {
      const inner = buildZip(Array.from({ length: 10 }, (_, i) => ({ name: `${i}.xml`, deflated: deflatedRepeat('<a/>', 40 * 1024 * 1024) })));
      return docxWith(emptyDocument, [{ name: 'word/embeddings/oleObject1.zip', data: inner, stored: true }]);
    },
    read: viaCoverPage,
  },
  { id: 'many-entries', label: '50,000 empty parts', bytes: () => buildZip(Array.from({ length: 50_000 }, (_, i) => ({ name: `p${i}`, stored: true }))), read: viaCoverPage },
  {
    id: 'overlap',
    label: '1,000 names for one 1 MB part',
    bytes: () =>
      docxWith(emptyDocument, [{ name: 'kernel.xml', deflated: deflatedRepeat('<a/>', 1024 * 1024) }], {
        aliases: Array.from({ length: 1000 }, (_, i) => ({ name: `copy${i}.xml`, of: 'kernel.xml' })),
      }),
    read: viaCoverPage,
  },
  { id: 'billion-laughs', label: 'billion laughs', bytes: () => docxWith(billionLaughs()), read: viaCoverPage },
  { id: 'external-entity', label: 'external entity', bytes: () => docxWith(externalEntity('http://127.0.0.1:9/secret')), read: viaCoverPage },
  { id: 'deep', label: '100,000 nested elements', bytes: () => docxWith(deepXml(100_000)), read: viaCoverPage },
  { id: 'xlsx-bomb', label: 'XLSX zip bomb, 400 MB declared', bytes: () => rowBombXlsx(400), read: viaRoadmapImport },
  {
    id: 'xlsx-bomb-lying',
    label: 'XLSX zip bomb, 400 MB declaring 100 MB',
    bytes: () => xlsxWith({ ...deflatedRepeat('<row/>', 400 * 1024 * 1024, sheetOpen, sheetClose), size: 100 * 1024 * 1024 }),
    read: viaRoadmapImport,
  },
];

/** Runs `work` while sampling the resident set size; returns the time, the peak above the start, and the outcome. */
async function measure(work: () => Promise<string>) {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  const started = performance.now();
  const outcome = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms, peakMb: (peak - baseline) / 1024 / 1024, outcome };
}

const loadAverageAtStart = loadAverage();
const measurements: Measurement[] = [];
const figures: Record<string, unknown>[] = [];
process.stdout.write(`${'attack'.padEnd(48)} ${'file'.padStart(9)}  ${'refused in'.padStart(10)}  ${'peak RSS +'.padStart(10)}  outcome\n`);
for (const attack of attacks) {
  const bytes = attack.bytes();
  const samples: number[] = [];
  const peaks: number[] = [];
  let outcome = '';
  for (let run = 0; run < runs; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const result = await measure(() => attack.read(bytes));
    samples.push(result.ms);
    peaks.push(result.peakMb);
    outcome = result.outcome;
  }
  const summary = summarize(samples);
  const peakMb = Math.max(...peaks);
  process.stdout.write(
    `${attack.label.padEnd(48)} ${`${(bytes.length / 1024).toFixed(0)} KB`.padStart(9)}  ${`${summary.medianMs.toFixed(0)} ms`.padStart(10)}  ${`${peakMb.toFixed(0)} MB`.padStart(10)}  ${outcome}\n`,
  );
  measurements.push({ id: attack.id, label: `${attack.label} (${outcome})`, summary });
  figures.push({ id: attack.id, fileKb: Math.round(bytes.length / 1024), medianMs: summary.medianMs, peakRssMb: Math.round(peakMb), outcome });
}
printTable(`Hostile archives: time to refuse (${runs} runs each)`, measurements);
const file = writeResults('archive-bombs', { loadAverageAtStart, attacks: figures, measurements });
process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
process.exit(0);
