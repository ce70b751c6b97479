import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { AppError } from './errors.ts';
import { createHash } from 'node:crypto';
import { checkUpload, finishInterruptedFiles, stagingDirectory, storedFilePath, storeFilesWith, sweepTemporaryFiles } from './files.ts';

const options = { field: 'file', allowed: ['pdf', 'docx', 'txt', 'zip'] as const, maxBytes: 1024 * 1024, locale: 'en' as const };
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** The field message of a refused upload. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, 'an AppError');
    const fields = error.details?.fields as Record<string, string>;
    return fields.file ?? '';
  }
  assert.fail('the upload should have been refused');
}

describe('checkUpload', () => {
  it('accepts a PDF and a DOCX recognised from their bytes, with hash and content type', async () => {
    const checked = await checkUpload({ fileName: 'C-001.pdf', contentType: 'application/octet-stream', bytes: pdf }, options);
    assert.equal(checked.kind, 'pdf');
    assert.equal(checked.contentType, 'application/pdf');
    assert.equal(checked.size, pdf.length);
    assert.match(checked.sha256, /^[0-9a-f]{64}$/);
    const word = await checkUpload({ fileName: 'Contribution.DOCX', contentType: 'text/plain', bytes: await docx() }, options);
    assert.equal(word.kind, 'docx');
  });

  it('accepts UTF-8 text and refuses binary data named .txt', async () => {
    assert.equal((await checkUpload({ fileName: 'notes.txt', contentType: '', bytes: Buffer.from('Réunion à Genève\n') }, options)).kind, 'txt');
    assert.match(
      await refusal(checkUpload({ fileName: 'notes.txt', contentType: '', bytes: Buffer.from([0xff, 0x00, 0x12]) }, options)),
      /not a UTF-8 text file/,
    );
  });

  it('accepts a calendar named .ics with CRLF or LF line endings, and refuses text or binary data named .ics', async () => {
    const calendars = { ...options, allowed: ['ics', 'txt'] as const };
    const crlf = Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Concord//EN\r\nBEGIN:VEVENT\r\nSUMMARY:Réunion\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    const checked = await checkUpload({ fileName: 'JCA-MV-meeting-2.ics', contentType: 'text/calendar', bytes: crlf }, calendars);
    assert.equal(checked.kind, 'ics');
    assert.equal(checked.contentType, 'text/calendar; charset=utf-8');
    const lf = Buffer.from(crlf.toString('utf8').replace(/\r\n/g, '\n'));
    assert.equal((await checkUpload({ fileName: 'meeting.ICS', contentType: '', bytes: lf }, calendars)).kind, 'ics');
    assert.equal((await checkUpload({ fileName: 'calendar-notes.txt', contentType: '', bytes: crlf }, calendars)).kind, 'txt', 'a calendar is text too');
    assert.equal(
      await refusal(checkUpload({ fileName: 'meeting.ics', contentType: '', bytes: Buffer.from('Meeting on Tuesday\n') }, calendars)),
      '“meeting.ics” is not a calendar file: its first line should be BEGIN:VCALENDAR.',
    );
    assert.match(await refusal(checkUpload({ fileName: 'meeting.ics', contentType: '', bytes: Buffer.concat([crlf, Buffer.from([0xff, 0])]) }, calendars)), /not a UTF-8 text file/);
  });

  it('refuses a missing, empty, too large, forbidden or mislabelled file with a message naming it', async () => {
    assert.equal(await refusal(checkUpload(undefined, options)), 'Choose a file to upload.');
    assert.equal(await refusal(checkUpload({ fileName: 'a.pdf', contentType: '', bytes: Buffer.alloc(0) }, options)), '“a.pdf” is empty (0 bytes).');
    assert.equal(
      await refusal(checkUpload({ fileName: 'big.pdf', contentType: '', bytes: Buffer.concat([pdf, Buffer.alloc(1024 * 1024)]) }, options)),
      '“big.pdf” is larger than the 1 MB limit.',
    );
    assert.equal(
      await refusal(checkUpload({ fileName: 'run.exe', contentType: '', bytes: pdf }, options)),
      '“run.exe” is not an allowed type; allowed types: PDF, DOCX, TXT, ZIP.',
    );
    assert.equal(
      await refusal(checkUpload({ fileName: 'README', contentType: '', bytes: pdf }, options)),
      '“README” has no file extension; allowed types: PDF, DOCX, TXT, ZIP.',
    );
    assert.match(await refusal(checkUpload({ fileName: 'report.docx', contentType: '', bytes: pdf }, options)), /its content is PDF/);
    assert.match(await refusal(checkUpload({ fileName: 'slides.pdf', contentType: '', bytes: Buffer.from('just text') }, options)), /content is/);
  });

  it('speaks French', async () => {
    assert.equal(await refusal(checkUpload(undefined, { ...options, locale: 'fr' })), 'Choisissez un fichier à téléverser.');
  });
});

describe('storeFilesWith', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-files-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const tmpFiles = () => fs.readdirSync(path.join(dataDir, 'files', 'tmp'));

  it('puts the file in place only after the work succeeds', async () => {
    const file = await checkUpload({ fileName: 'a.pdf', contentType: '', bytes: pdf }, options);
    const final = storedFilePath(dataDir, file.sha256);
    const result = await storeFilesWith(dataDir, [file], async () => {
      assert.equal(fs.existsSync(final), false, 'not in place while the transaction runs');
      assert.equal(tmpFiles().length, 1, 'staged as a temporary');
      return 42;
    });
    assert.equal(result, 42);
    assert.deepEqual(fs.readFileSync(final), pdf);
    assert.deepEqual(tmpFiles(), []);
    // The same content again is stored once.
    await storeFilesWith(dataDir, [file, file], async () => undefined);
    assert.deepEqual(tmpFiles(), []);
  });

  it('leaves nothing behind when the work fails', async () => {
    const file = await checkUpload({ fileName: 'b.txt', contentType: '', bytes: Buffer.from('rolled back') }, options);
    await assert.rejects(
      storeFilesWith(dataDir, [file], async () => {
        throw new Error('transaction failed');
      }),
      /transaction failed/,
    );
    assert.equal(fs.existsSync(storedFilePath(dataDir, file.sha256)), false);
    assert.deepEqual(tmpFiles(), []);
  });

  it('sweeps temporaries left by a process that died, but not fresh ones', async () => {
    const tmp = path.join(dataDir, 'files', 'tmp');
    fs.writeFileSync(path.join(tmp, 'old'), 'x');
    fs.writeFileSync(path.join(tmp, 'fresh'), 'y');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(path.join(tmp, 'old'), twoHoursAgo, twoHoursAgo);
    assert.equal(await sweepTemporaryFiles(dataDir), 1);
    assert.deepEqual(tmpFiles(), ['fresh']);
    fs.rmSync(path.join(tmp, 'fresh'));
  });

  it('sweeps staged imports never confirmed after a day, and their half-written copies after an hour', async () => {
    const staging = stagingDirectory(dataDir);
    fs.mkdirSync(staging, { recursive: true });
    const age = (name: string, hours: number) => {
      fs.writeFileSync(path.join(staging, name), name);
      const then = new Date(Date.now() - hours * 3_600_000);
      fs.utimesSync(path.join(staging, name), then, then);
    };
    const sha = (c: string) => c.repeat(64);
    age(sha('a'), 25); // checked yesterday, never confirmed
    age(sha('b'), 2); // checked this morning: the user may still confirm it
    age(`${sha('c')}.1234.tmp`, 2); // a process died while writing it
    age(`${sha('d')}.1234.tmp`, 0);
    assert.equal(await sweepTemporaryFiles(dataDir), 2);
    assert.deepEqual(fs.readdirSync(staging).sort(), [sha('b'), `${sha('d')}.1234.tmp`]);
  });

  it('puts in place, after a crash, the temporaries a committed row names, and only whole ones', async () => {
    const tmp = path.join(dataDir, 'files', 'tmp');
    const hash = (text: string) => createHash('sha256').update(text).digest('hex');
    const [committed, uncommitted, torn] = [hash('committed'), hash('never committed'), hash('torn')];
    fs.writeFileSync(path.join(tmp, `${committed}.aa11`), 'committed');
    fs.writeFileSync(path.join(tmp, `${uncommitted}.bb22`), 'never committed');
    fs.writeFileSync(path.join(tmp, `${torn}.cc33`), 'to'); // cut short: its hash is not its name
    // Written three hours ago: the sweep would remove them all if it ran first.
    const then = new Date(Date.now() - 3 * 3_600_000);
    for (const name of fs.readdirSync(tmp)) fs.utimesSync(path.join(tmp, name), then, then);
    const asked: string[][] = [];
    const finished = await finishInterruptedFiles(dataDir, async (sha256s) => {
      asked.push([...sha256s].sort());
      return new Set([committed, torn]);
    });
    assert.equal(finished, 1);
    assert.deepEqual(asked, [[committed, uncommitted, torn].sort()], 'one question for all of them');
    assert.equal(fs.readFileSync(storedFilePath(dataDir, committed), 'utf8'), 'committed');
    assert.equal(fs.existsSync(storedFilePath(dataDir, torn)), false, 'a torn temporary is not put in place');
    assert.deepEqual(tmpFiles().sort(), [`${uncommitted}.bb22`, `${torn}.cc33`].sort(), 'what no row names is left to the sweep');
    assert.equal(await finishInterruptedFiles(dataDir, async () => new Set([committed, torn])), 0, 'nothing twice');
    assert.equal(await sweepTemporaryFiles(dataDir), 2);
  });
});
