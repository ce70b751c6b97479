// Archives built in the test, byte by byte where a well-behaved ZIP writer would refuse to lie: zip bombs, parts whose
// declared size lies, overlapping parts, data hidden between parts, hostile XML. Nothing binary is committed.
import zlib from 'node:zlib';

export type Part = {
  name: string;
  /** the part's bytes, deflated here; or `deflated` with its real size and CRC, for bombs built in blocks */
  data?: Buffer | string;
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** the uncompressed size written in the headers, when it should lie */
  declaredSize?: number;
  /** store without compression */
  stored?: boolean;
};

type Built = { name: Buffer; method: number; compressed: Buffer; crc: number; size: number; offset: number };

/** A ZIP (no ZIP64) with `extraCentral` entries pointing wherever the test says, and `hidden` parts left out of the directory. */
export function buildZip(parts: Part[], options: { aliases?: { name: string; of: string }[]; hidden?: Part[] } = {}): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  const built: Built[] = [];
  const writeLocal = (part: Part): Built => {
    const name = Buffer.from(part.name);
    let compressed: Buffer;
    let crc: number;
    let size: number;
    if (part.deflated) ({ bytes: compressed, crc, size } = part.deflated);
    else {
      const data = Buffer.from(part.data ?? '');
      compressed = part.stored ? data : zlib.deflateRawSync(data);
      crc = zlib.crc32(data);
      size = data.length;
    }
    const method = part.stored ? 0 : 8;
    const declared = part.declaredSize ?? size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(declared, 22);
    header.writeUInt16LE(name.length, 26);
    const entry = { name, method, compressed, crc, size: declared, offset };
    chunks.push(header, name, compressed);
    offset += header.length + name.length + compressed.length;
    return entry;
  };
  for (const part of parts) built.push(writeLocal(part));
  for (const part of options.hidden ?? []) writeLocal(part);
  const central: Built[] = [...built];
  for (const alias of options.aliases ?? []) {
    const target = built.find((b) => b.name.toString() === alias.of);
    if (!target) throw new Error(`no part ${alias.of}`);
    central.push({ ...target, name: Buffer.from(alias.name) });
  }
  const directoryStart = offset;
  for (const entry of central) {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.compressed.length, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt32LE(entry.offset, 42);
    chunks.push(header, entry.name);
    offset += header.length + entry.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  chunks.push(end);
  return Buffer.concat(chunks);
}

/**
 * `prefix`, then `pattern` repeated to about `bytes`, then `suffix`, deflated without ever holding the whole: one
 * megabyte of the pattern is deflated once with a full flush (a self-contained, byte-aligned run of blocks) and that run
 * is repeated. 400 MB of a short pattern deflate to about 400 KB.
 */
export function deflatedRepeat(pattern: string, bytes: number, prefix = '', suffix = ''): { bytes: Buffer; size: number; crc: number } {
  const unit = Buffer.from(pattern.repeat(Math.max(1, Math.floor(1_048_576 / pattern.length))));
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const head = zlib.deflateRawSync(Buffer.from(prefix), flush);
  const block = zlib.deflateRawSync(unit, flush);
  const tail = zlib.deflateRawSync(Buffer.from(suffix));
  const repeats = Math.max(1, Math.floor(bytes / unit.length));
  let crc = zlib.crc32(Buffer.from(prefix));
  for (let i = 0; i < repeats; i++) crc = zlib.crc32(unit, crc);
  crc = zlib.crc32(Buffer.from(suffix), crc);
  return {
    bytes: Buffer.concat([head, ...Array.from({ length: repeats }, () => block), tail]),
    size: Buffer.byteLength(prefix) + repeats * unit.length + Buffer.byteLength(suffix),
    crc,
  };
}

const contentTypesXml = (main: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main}" ContentType="${type}"/></Types>`;
const wordXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

export const wordDocumentOpen = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
export const wordDocumentClose = '</w:body></w:document>';

/** A DOCX that file-type and Word recognise, with `word/document.xml` as given (text, or a deflated bomb) and more parts. */
export function docxWith(document: string | Part['deflated'], more: Part[] = [], options: Parameters<typeof buildZip>[1] = {}): Buffer {
  const main: Part = typeof document === 'string' ? { name: 'word/document.xml', data: document } : { name: 'word/document.xml', deflated: document };
  return buildZip(
    [
      { name: '[Content_Types].xml', data: contentTypesXml('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') },
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' },
      main,
      ...more,
    ],
    options,
  );
}

/** The 9 KB attack: a document whose body opens `<w:tr>` `times` times and never closes it. */
export const unclosedRowsDocx = (times = 60_000) => docxWith(wordXml('<w:tbl>' + '<w:tr>'.repeat(times)));

/** A DOCX whose document part inflates to about `megabytes` MB of empty paragraphs. */
export const paragraphBombDocx = (megabytes: number, declaredSize?: number) => {
  const deflated = deflatedRepeat('<w:p/>', megabytes * 1024 * 1024, wordDocumentOpen, wordDocumentClose);
  return docxWith({ ...deflated, size: declaredSize ?? deflated.size });
};

/** An XLSX shell (workbook, one sheet) whose sheet part is `sheet` (text or a deflated bomb). */
export function xlsxWith(sheet: string | Part['deflated'], more: Part[] = []): Buffer {
  const sheetPart: Part = typeof sheet === 'string' ? { name: 'xl/worksheets/sheet1.xml', data: sheet } : { name: 'xl/worksheets/sheet1.xml', deflated: sheet };
  return buildZip([
    { name: '[Content_Types].xml', data: contentTypesXml('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml') },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
    { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Roadmap" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
    sheetPart,
    ...more,
  ]);
}

export const sheetOpen = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const sheetClose = '</sheetData></worksheet>';

/** An XLSX whose sheet inflates to about `megabytes` MB of empty rows. */
export const rowBombXlsx = (megabytes: number) => xlsxWith(deflatedRepeat('<row/>', megabytes * 1024 * 1024, sheetOpen, sheetClose));

/** The billion laughs: ten entities each ten times the one before. */
export const billionLaughs = (root = 'w:document') => {
  const entities = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
  return `<?xml version="1.0"?><!DOCTYPE ${root} [${entities}]><${root}>&lol9;</${root}>`;
};

/** XML that asks for an external entity at `url`. */
export const externalEntity = (url: string, root = 'w:document') =>
  `<?xml version="1.0"?><!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "${url}">]><${root}>&xxe;</${root}>`;

/** `depth` nested elements. */
export const deepXml = (depth: number) => `<?xml version="1.0"?>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
