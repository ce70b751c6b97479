import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import yazl from 'yazl';
import {
  billionLaughs,
  buildZip,
  deepXml,
  deflatedRepeat,
  docxWith,
  externalEntity,
  paragraphBombDocx,
  unclosedRowsDocx,
  wordDocumentClose,
  wordDocumentOpen,
} from '../../../test/support/zip-bombs.ts';
import { type ArchiveOptions, ArchiveRefusedError, openArchive, withArchive } from './archive-reader.ts';

const options: ArchiveOptions = { fileName: 'C-001.docx', locale: 'en' };

/** The refusal a promise ends in. */
async function refusal(promise: Promise<unknown>): Promise<ArchiveRefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ArchiveRefusedError) return error;
    throw error;
  }
  assert.fail('the archive should have been refused');
}

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

const elementNames = async (bytes: Buffer, part: string) =>
  withArchive(bytes, options, async (archive) => {
    const names: string[] = [];
    await archive.readXml(part, { open: (name) => names.push(name) });
    return names;
  });

describe('openArchive: ordinary files', () => {
  it('reads parts written by JSZip, yazl (with data descriptors) and exceljs, and streams their XML', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', `${wordDocumentOpen}<w:p><w:r><w:t>Hello &amp; welcome</w:t></w:r></w:p>${wordDocumentClose}`);
    zip.file('word/media/image1.png', Buffer.alloc(5000, 7));
    const fromJsZip = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const text: string[] = [];
    await withArchive(fromJsZip, options, async (archive) => {
      assert.deepEqual(archive.entries.map((e) => e.name).sort(), ['word/', 'word/document.xml', 'word/media/', 'word/media/image1.png'].filter((n) => archive.has(n)));
      await archive.readXml('word/document.xml', { text: (t) => text.push(t) });
      assert.deepEqual(await archive.readBytes('word/media/image1.png'), Buffer.alloc(5000, 7));
    });
    assert.deepEqual(text, ['Hello & welcome']);

    const written = new yazl.ZipFile();
    written.addBuffer(Buffer.from('<a><b/></a>'), 'one.xml');
    written.addReadStream((await import('node:stream')).Readable.from([Buffer.from('<c/>')]), 'two.xml'); // sizes unknown: a data descriptor
    written.end();
    const chunks: Buffer[] = [];
    for await (const chunk of written.outputStream) chunks.push(chunk as Buffer);
    assert.deepEqual(await elementNames(Buffer.concat(chunks), 'two.xml'), ['c']);

    const book = new ExcelJS.Workbook();
    book.addWorksheet('Roadmap').addRow(['organization', 'identifier']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const screened = await withArchive(xlsx, { ...options, fileName: 'roadmap.xlsx' }, (archive) => archive.screen((name) => /\.(xml|rels)$/.test(name)));
    assert.ok(screened.inflatedBytes > 1000);
  });
});

describe('openArchive: attacks', () => {
  it('refuses the 9 KB DOCX of 60,000 unclosed table rows at the depth limit, in well under a second', async () => {
    const bytes = unclosedRowsDocx(60_000);
    assert.ok(bytes.length < 12_000, `${bytes.length} bytes`);
    const { result, ms } = await timed(() => refusal(elementNames(bytes, 'word/document.xml')));
    assert.equal(result.reason, 'xml-depth');
    assert.equal(result.status, 413);
    assert.equal(result.message, '“C-001.docx” was refused: its part “word/document.xml” nests elements more than 200 levels deep.');
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('refuses a zip bomb from its declared size before inflating it', async () => {
    const bomb = paragraphBombDocx(400);
    assert.ok(bomb.length < 1_000_000, `${bomb.length} bytes`);
    const { result, ms } = await timed(() => refusal(elementNames(bomb, 'word/document.xml')));
    assert.equal(result.reason, 'entry-size');
    assert.equal(result.message, '“C-001.docx” was refused: its part “word/document.xml” unpacks to more than 64 MB, the limit for one part.');
    assert.ok(ms < 500, `${ms} ms`);
  });

  it('counts the real inflated bytes when the declared size lies, and stops there', async () => {
    const liar = paragraphBombDocx(400, 1000);
    const { result, ms } = await timed(() => refusal(elementNames(liar, 'word/document.xml')));
    assert.equal(result.reason, 'size-mismatch');
    assert.equal(result.status, 422);
    assert.ok(ms < 1000, `${ms} ms`);
    // Declared within the limit, inflating past it: refused by the count, whichever check trips first.
    const within = paragraphBombDocx(30, 5 * 1024 * 1024);
    const counted = await refusal(withArchive(within, { ...options, limits: { maxEntryBytes: 8 * 1024 * 1024 } }, (a) => a.readBytes('word/document.xml')));
    assert.ok(['size-mismatch', 'entry-size'].includes(counted.reason), counted.reason);
  });

  it('counts every part read against the total limit', async () => {
    const part = (i: number) => ({ name: `word/media/blob${i}.bin`, deflated: deflatedRepeat('x', 3 * 1024 * 1024) });
    const bytes = docxWith(`${wordDocumentOpen}${wordDocumentClose}`, [part(1), part(2), part(3), part(4)]);
    const error = await refusal(withArchive(bytes, { ...options, limits: { maxTotalBytes: 10 * 1024 * 1024 } }, (a) => a.screen(() => false)));
    assert.equal(error.reason, 'total-size');
    assert.equal(error.message, '“C-001.docx” was refused: it unpacks to more than 10 MB in all, the limit for one document.');
  });

  it('never opens a ZIP inside the archive: a nested bomb counts as its own few bytes', async () => {
    const inner = buildZip(Array.from({ length: 10 }, (_, i) => ({ name: `${i}.xml`, deflated: deflatedRepeat('<a/>', 40 * 1024 * 1024) })));
    const bytes = docxWith(`${wordDocumentOpen}${wordDocumentClose}`, [{ name: 'word/embeddings/oleObject1.zip', data: inner, stored: true }]);
    const { result, ms } = await timed(() => withArchive(bytes, options, (a) => a.screen((name) => name.endsWith('.xml'))));
    assert.ok(result.inflatedBytes < inner.length + 2000, `${result.inflatedBytes} bytes`);
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('refuses an archive of many tiny parts from its directory count, before reading them', async () => {
    const bytes = buildZip(Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, data: '', stored: true })));
    const error = await refusal(openArchive(bytes, options));
    assert.equal(error.reason, 'entries');
    assert.equal(error.message, '“C-001.docx” holds 10,001 files, more than the 10,000 an office document may hold: it was not opened.');
  });

  it('refuses parts that overlap, two names for one part, and data hidden between parts', async () => {
    const overlapping = docxWith(`${wordDocumentOpen}${wordDocumentClose}`, [{ name: 'kernel.xml', deflated: deflatedRepeat('<a/>', 1024 * 1024) }], {
      aliases: [{ name: 'copy1.xml', of: 'kernel.xml' }, { name: 'copy2.xml', of: 'kernel.xml' }],
    });
    assert.equal((await refusal(openArchive(overlapping, options))).reason, 'overlap');
    const hidden = docxWith(`${wordDocumentOpen}${wordDocumentClose}`, [], { hidden: [{ name: 'xl/worksheets/sheet2.xml', deflated: deflatedRepeat('<row/>', 1024 * 1024) }] });
    const error = await refusal(openArchive(hidden, options));
    assert.equal(error.reason, 'overlap');
    assert.equal(error.message, '“C-001.docx” was refused: parts of the archive overlap or hide data between them, which only a forged file does.');
  });

  it('refuses a DOCTYPE, so the billion laughs never expand', async () => {
    const bytes = docxWith(billionLaughs());
    const { result, ms } = await timed(() => refusal(elementNames(bytes, 'word/document.xml')));
    assert.equal(result.reason, 'xml-doctype');
    assert.ok(ms < 200, `${ms} ms`);
  });

  it('never fetches an external entity', async () => {
    let requests = 0;
    const server = http.createServer((_request, response) => {
      requests++;
      response.end('secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/secret`;
      const error = await refusal(elementNames(docxWith(externalEntity(url)), 'word/document.xml'));
      assert.equal(error.reason, 'xml-doctype');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(requests, 0);
    } finally {
      server.close();
    }
  });

  it('refuses an undefined entity as malformed XML rather than expanding or fetching it', async () => {
    const error = await refusal(elementNames(docxWith(`${wordDocumentOpen}&xxe;${wordDocumentClose}`), 'word/document.xml'));
    assert.equal(error.reason, 'xml-malformed');
    assert.equal(error.message, '“C-001.docx” is damaged: its part “word/document.xml” is not well-formed XML. Save or export it again.');
  });

  it('refuses deep nesting and too many elements and attributes', async () => {
    assert.equal((await refusal(elementNames(docxWith(deepXml(201)), 'word/document.xml'))).reason, 'xml-depth');
    assert.equal((await elementNames(docxWith(deepXml(200)), 'word/document.xml')).length, 200);
    const many = docxWith(`${wordDocumentOpen}${'<w:p w:a="1" w:b="2"/>'.repeat(400)}${wordDocumentClose}`);
    const error = await refusal(withArchive(many, { ...options, limits: { maxXmlNodes: 1000 } }, (a) => a.readXml('word/document.xml', {})));
    assert.equal(error.reason, 'xml-nodes');
    assert.equal(error.message, '“C-001.docx” was refused: its part “word/document.xml” has more than 1,000 elements and attributes.');
  });

  it('stops a parse past its time budget, and keeps the event loop free while it reads', async () => {
    const big = paragraphBombDocx(200); // about 4 s of parsing: refused at the budget on any machine
    const limits = { maxEntryBytes: 1024 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, maxXmlNodes: 1e9, timeBudgetMs: 1000 };
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    const started = performance.now();
    const error = await refusal(withArchive(big, { ...options, limits }, (a) => a.readXml('word/document.xml', {})));
    const ms = performance.now() - started;
    clearInterval(timer);
    assert.equal(error.reason, 'time');
    assert.ok(ms >= 1000 && ms < 2500, `${ms} ms`);
    // A parse holding the event loop would show one gap as long as the whole refusal; chunk by chunk, the longest
    // gaps are a garbage collection or a busy neighbour on this shared machine.
    assert.ok(ticks.length >= 20, `the timer ran ${ticks.length} times in ${ms} ms`);
    const longestGap = Math.max(...ticks.slice(1).map((t, i) => t - ticks[i]!), ticks[0]! - started);
    assert.ok(longestGap < 400, `the event loop was blocked ${longestGap} ms`);
  });

  it('calls a part whose compressed data is broken damaged, not a server error', async () => {
    const broken = docxWith({ bytes: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]), size: 100, crc: 0 });
    const error = await refusal(elementNames(broken, 'word/document.xml'));
    assert.equal(error.reason, 'not-zip');
    assert.equal(error.status, 422);
  });

  it('says it in French, and refuses what is not a ZIP', async () => {
    const error = await refusal(openArchive(Buffer.from('not a zip at all'), { fileName: 'note.docx', locale: 'fr' }));
    assert.equal(error.reason, 'not-zip');
    assert.equal(error.status, 422);
    assert.equal(error.message, '« note.docx » n’est pas une archive ZIP lisible (un fichier Word, Excel ou PowerPoint en est une) : il est peut-être endommagé. Enregistrez-le ou exportez-le à nouveau.');
    const bomb = await refusal(withArchive(paragraphBombDocx(400), { fileName: 'note.docx', locale: 'fr' }, (a) => a.readBytes('word/document.xml')));
    assert.equal(bomb.message, '« note.docx » a été refusé : sa partie « word/document.xml » se décompresse en plus de 64 Mo, la limite pour une partie.');
    assert.deepEqual(bomb.details.fields, { file: bomb.message });
  });
});
